"""Readers (and a writer) of coded interview exports: REFI-QDA projects (.qdpx) and the
coded-segment tables of QDA programs, with their safety checks and the segments table.

Reading a coded project is reading an export, so it lives with the other readers; the
analyses of the segments are in :mod:`techvet_survey.interviews`, which re-exports these
readers.
"""

from techvet_survey.io.qda._exports import read_segments
from techvet_survey.io.qda._qdpx import read_qdpx, write_qdpx
from techvet_survey.io.qda._table import (
    CASE_VARIABLES,
    SEGMENT_COLUMNS,
    CodedInterviews,
    Scrubber,
    as_segments,
    resolve_scrubber,
    scrub_texts,
)

__all__ = [
    "CASE_VARIABLES",
    "SEGMENT_COLUMNS",
    "CodedInterviews",
    "Scrubber",
    "as_segments",
    "read_qdpx",
    "read_segments",
    "resolve_scrubber",
    "scrub_texts",
    "write_qdpx",
]
