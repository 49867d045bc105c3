"""Which survey tool wrote an export, recognised from its header row.

A flavour is ``<tool>_<container>``: the tool recognised from the header by the adapters
of :mod:`techvet_survey.io.tools` (LimeSurvey, Qualtrics, Webropol, Microsoft Forms,
Google Forms, a Moodle quiz report ``lms_quiz``, coded interview segments, a case table,
else ``generic``) and the container (``csv`` or ``xlsx``); SPSS files are ``spss_sav``
and REFI-QDA projects ``qdpx`` (recognised, but read by ``techvet_survey.interviews``).
"""

from __future__ import annotations

from collections.abc import Sequence

from techvet_survey.io.tools import ADAPTERS, GENERIC, detect_tool

CONTAINERS = ("csv", "xlsx")
TOOLS = (*(adapter.name for adapter in ADAPTERS), GENERIC.name)
FLAVOURS = (
    *(f"{tool}_{container}" for tool in TOOLS for container in CONTAINERS),
    "spss_sav",
    "qdpx",
)


def tool_of(header: Sequence[str]) -> str:
    """The tool whose export has this header; ``'generic'`` when no adapter fits.

    Examples
    --------
    >>> tool_of(["id", "submitdate", "lastpage", "startlanguage", "G1Q1"])
    'limesurvey'
    >>> tool_of(["Timestamp", "How old are you?"])
    'googleforms'
    >>> tool_of(["respondent", "q1"])
    'generic'
    """
    return detect_tool(header).name
