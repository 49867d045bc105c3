"""Which survey tool wrote an export, recognised from its header row.

A flavour is ``<tool>_<container>``: the tool recognised from the header (LimeSurvey,
Webropol, Microsoft Forms, Google Forms, an LMS quiz report, coded interview segments, a
case table) and the container (``csv`` or ``xlsx``); SPSS files are ``spss_sav`` and
REFI-QDA projects ``qdpx`` (recognised, but read by ``techvet_survey.interviews``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

CONTAINERS = ("csv", "xlsx")
TOOLS = (
    "limesurvey",
    "webropol",
    "msforms",
    "googleforms",
    "lms_quiz",
    "qda_segments",
    "case_table",
    "generic",
)
FLAVOURS = (
    *(f"{tool}_{container}" for tool in TOOLS for container in CONTAINERS),
    "spss_sav",
    "qdpx",
)

LIMESURVEY_CODES = {"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate"}
LIMESURVEY_TEXTS = {"response id", "date submitted", "last page", "start language", "seed"}
WEBROPOL_STAMPS = {"aloitettu", "lähetetty", "vastausaika", "started", "submitted"}
MSFORMS_START = {"start time", "begintijd", "aloitusaika", "algusaeg", "sākuma laiks"}
MSFORMS_END = {"completion time", "tijd van voltooien", "valmistumisaika", "lõpuaeg"}
GOOGLE_STAMPS = {"timestamp", "aikaleima", "tijdstempel", "ajatempel", "laikspiedols"}
LMS_PEOPLE = {"surname", "first name", "email address", "last name"}
LMS_QUESTION = re.compile(r"^(response|q\.|question)\s*\d+")
DOCUMENT = {"document", "document name", "doc", "source", "file", "transcript"}
CODE = {"code", "code name", "codes"}
NUMBERED = re.compile(r"^\d+\.\s")


def _limesurvey(names: list[str]) -> bool:
    present = set(names)
    return len(present & LIMESURVEY_CODES) >= 4 or len(present & LIMESURVEY_TEXTS) >= 4


def _webropol(names: list[str]) -> bool:
    numbered = sum(bool(NUMBERED.match(name)) for name in names)
    stamped = bool(set(names[:4]) & WEBROPOL_STAMPS)
    return (names[0] == "nro" and (stamped or numbered >= len(names) / 2)) or (
        stamped and numbered >= len(names) / 2
    )


def _msforms(names: list[str]) -> bool:
    return (
        len(names) >= 3
        and names[0] == "id"
        and names[1] in MSFORMS_START
        and names[2] in MSFORMS_END
    )


def _googleforms(names: list[str]) -> bool:
    return names[0] in GOOGLE_STAMPS


def _lms_quiz(names: list[str]) -> bool:
    people = len(set(names) & LMS_PEOPLE) >= 2
    return people and "started on" in names and any(LMS_QUESTION.match(name) for name in names)


def _qda_segments(names: list[str]) -> bool:
    present = set(names)
    located = {"start", "end"} <= present or "text" in present or "segment" in present
    return bool(present & DOCUMENT) and bool(present & CODE) and located


def _case_table(names: list[str]) -> bool:
    return names[0] in DOCUMENT and not set(names) & CODE and len(names) >= 2


RULES: tuple[tuple[str, Callable[[list[str]], bool]], ...] = (
    ("limesurvey", _limesurvey),
    ("webropol", _webropol),
    ("msforms", _msforms),
    ("googleforms", _googleforms),
    ("lms_quiz", _lms_quiz),
    ("qda_segments", _qda_segments),
    ("case_table", _case_table),
)


def tool_of(header: Sequence[str]) -> str:
    """The tool whose export has this header; ``'generic'`` when no rule matches.

    Examples
    --------
    >>> tool_of(["id", "submitdate", "lastpage", "startlanguage", "G1Q1"])
    'limesurvey'
    >>> tool_of(["Timestamp", "How old are you?"])
    'googleforms'
    >>> tool_of(["respondent", "q1"])
    'generic'
    """
    names = [str(name).strip().lower() for name in header]
    if not names:
        return "generic"
    for tool, rule in RULES:
        if rule(names):
            return tool
    return "generic"
