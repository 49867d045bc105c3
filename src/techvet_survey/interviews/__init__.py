"""Coded interviews: readers of QDA exports and REFI-QDA projects, code frequencies,
co-occurrence, example quotes and intercoder agreement.

Readers return a :class:`CodedInterviews` result whose ``.segments`` table has one row
per coded segment (document, anonymous source label, coder, code, theme, start, end,
scrubbed text and the case variables country, group, sector); every segment that
could not be read is listed in ``.skipped`` with its reason. The readers live in
:mod:`techvet_survey.io.qda` (reading an export is the readers' layer) and are
re-exported here.
"""

from techvet_survey.interviews._agreement import agreement_table, coding_agreement
from techvet_survey.interviews._analysis import (
    Cooccurrence,
    code_cooccurrence,
    code_frequencies,
    quotes,
)
from techvet_survey.io.qda import CodedInterviews, read_qdpx, read_segments, write_qdpx

__all__ = [
    "CodedInterviews",
    "Cooccurrence",
    "agreement_table",
    "code_cooccurrence",
    "code_frequencies",
    "coding_agreement",
    "quotes",
    "read_qdpx",
    "read_segments",
    "write_qdpx",
]
