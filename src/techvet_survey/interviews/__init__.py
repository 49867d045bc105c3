"""Coded interviews: readers of QDA exports and REFI-QDA projects, code frequencies,
co-occurrence, example quotes and intercoder agreement.

Readers return a :class:`CodedInterviews` result whose ``.segments`` table has one row
per coded segment (document, anonymous source label, coder, code, theme, start, end,
scrubbed text and the case variables country, group, sector); every segment that
could not be read is listed in ``.skipped`` with its reason.
"""

from ._agreement import agreement_table, coding_agreement
from ._analysis import Cooccurrence, code_cooccurrence, code_frequencies, quotes
from ._exports import read_segments
from ._qdpx import read_qdpx, write_qdpx
from ._table import CodedInterviews

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
