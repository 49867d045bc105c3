"""Tables that are no survey: coded interview segments and interview case tables."""

from __future__ import annotations

from techvet_survey.io.tools._adapter import ToolAdapter

DOCUMENT = {"document", "document name", "doc", "source", "file", "transcript"}
CODE = {"code", "code name", "codes"}
MIN_COLUMNS = 2


def detect_segments(names) -> float:
    present = set(names)
    located = {"start", "end"} <= present or "text" in present or "segment" in present
    return 1.0 if present & DOCUMENT and present & CODE and located else 0.0


def detect_case_table(names) -> float:
    found = names[0] in DOCUMENT and not set(names) & CODE and len(names) >= MIN_COLUMNS
    return 1.0 if found else 0.0


SEGMENTS = ToolAdapter(name="qda_segments", label="coded segments", detect=detect_segments)
CASE_TABLE = ToolAdapter(name="case_table", label="case table", detect=detect_case_table)
