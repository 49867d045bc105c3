"""One adapter per survey tool, and the registry that picks the tool of a header.

Adding a tool is one module here with an ``ADAPTER`` (a :class:`ToolAdapter`), its entry
in ``ADAPTERS`` and fixtures of its exports in the tests.
"""

from __future__ import annotations

from collections.abc import Sequence

from techvet_survey.io.tools import googleforms, limesurvey, moodle, msforms, qualtrics, webropol
from techvet_survey.io.tools._adapter import ADMIN_FIELDS, ToolAdapter, fold
from techvet_survey.io.tools.generic import GENERIC, SPSS
from techvet_survey.io.tools.segments import CASE_TABLE, SEGMENTS

ADAPTERS: tuple[ToolAdapter, ...] = (
    limesurvey.ADAPTER,
    qualtrics.ADAPTER,
    webropol.ADAPTER,
    msforms.ADAPTER,
    googleforms.ADAPTER,
    moodle.ADAPTER,
    SEGMENTS,
    CASE_TABLE,
)
_BY_NAME = {adapter.name: adapter for adapter in (*ADAPTERS, GENERIC, SPSS)}


def detect_tool(header: Sequence[str]) -> ToolAdapter:
    """The adapter of the tool whose export has this header (``GENERIC`` when none fits).

    Examples
    --------
    >>> detect_tool(["Response ID", "Date submitted", "Last page", "Start language"]).name
    'limesurvey'
    >>> detect_tool(["respondent", "q1"]).name
    'generic'
    """
    names = [fold(name) for name in header]  # once, not once per adapter
    if not names:
        return GENERIC
    best, best_score = GENERIC, 0.0
    for adapter in ADAPTERS:
        score = adapter.score(names, folded=True)
        if score > best_score:
            best, best_score = adapter, score
    return best


def tool_adapter(flavour: str) -> ToolAdapter:
    """The adapter of a flavour (``'limesurvey_csv'``, ``'spss_sav'``...); ``GENERIC``
    for flavours of no survey tool (``'qdpx'``).

    Examples
    --------
    >>> tool_adapter("lms_quiz_xlsx").label
    'Moodle quiz'
    """
    tool = flavour.rsplit("_", 1)[0] if "_" in flavour else flavour
    return _BY_NAME.get(tool, GENERIC)


__all__ = [
    "ADAPTERS",
    "ADMIN_FIELDS",
    "GENERIC",
    "SPSS",
    "ToolAdapter",
    "detect_tool",
    "fold",
    "tool_adapter",
]
