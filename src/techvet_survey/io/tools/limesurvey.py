"""LimeSurvey: response exports with code, full-text or code + text headings.

LimeSurvey writes the same export with "question code" headings (``submitdate``,
``G1Q1``, ``G2Q1[SQ001]``), "full question text" headings (``Date submitted``,
``Question text [Subquestion text]``, what its R export always writes) or "question code
& question text" headings (``submitdate. Date submitted``, ``G1Q1. Question text``).
LimeSurvey 5 and 6 pad the default codes (``G01Q01``); the codebook uses ``G1Q1``.
"""

from __future__ import annotations

import re

from techvet_survey.io.tools._adapter import ToolAdapter, admin_table, with_bracketed_part

ADMIN = admin_table(
    ("source_id", ["id", "Response ID"]),
    ("submitted_at", ["submitdate", "Date submitted"]),
    ("lastpage", ["lastpage", "Last page"]),
    ("language", ["startlanguage", "Start language"]),
    ("started_at", ["startdate", "Date started"]),
    ("duration_s", ["interviewtime", "Total time"]),
)
OTHER_ADMIN = {
    "seed",
    "datestamp",
    "date last action",
    "ipaddr",
    "ip address",
    "refurl",
    "referrer url",
    "token",
}
PERSONAL = frozenset(
    {"ipaddr", "ip address", "refurl", "referrer url", "firstname", "lastname", "email"}
    | {"first name", "last name", "email address"}
)
PLACEHOLDER_DATES = frozenset({"1980-01-01 00:00:00", "1980-01-01 00:00", "1980-01-01"})
CODE_AND_TEXT = re.compile(
    r"^(?P<code>[A-Za-z][A-Za-z0-9_]*(?:\[[A-Za-z0-9_]+\])*)\.\s+(?P<text>\S.*)$", re.DOTALL
)
PADDED_CODE = re.compile(r"^G0*(?P<group>\d+)Q0*(?P<question>\d+)(?P<rest>.*)$", re.IGNORECASE)
UNDERSCORED_SUB = re.compile(r"^_(?P<sub>SQ\d+)$", re.IGNORECASE)
MIN_ADMIN_COLUMNS = 4


def normalise_code(code: str) -> str:
    """A LimeSurvey question code in the codebook's style: ``G01Q01`` -> ``G1Q1``.

    Examples
    --------
    >>> normalise_code("G01Q01[SQ001]"), normalise_code("G2Q1_SQ003"), normalise_code("id")
    ('G1Q1[SQ001]', 'G2Q1[SQ003]', 'id')
    """
    match = PADDED_CODE.match(code)
    if match is None:
        return code
    rest = match["rest"]
    underscored = UNDERSCORED_SUB.match(rest)
    if underscored:
        rest = f"[{underscored['sub'].upper()}]"
    return f"G{match['group']}Q{match['question']}{rest}"


def candidates(heading: str) -> tuple[str, ...]:
    """Texts to look up for a LimeSurvey heading: as written, code normalised, text parts.

    Examples
    --------
    >>> candidates("G02Q01[SQ001]. Agree? [I get guidance]")
    ('G02Q01[SQ001]. Agree? [I get guidance]', 'G2Q1[SQ001]', 'Agree? [I get guidance]', \
'I get guidance')
    """
    heading = heading.strip()
    found = [heading]
    split = CODE_AND_TEXT.match(heading)
    if split:
        found += [normalise_code(split["code"]), *with_bracketed_part(split["text"].strip())]
    else:
        found += [normalise_code(heading), *with_bracketed_part(heading)]
    return tuple(dict.fromkeys(found))


STRUCTURE = {"class", "type/scale", "name", "relevance", "text", "mandatory"}


def detect(names) -> float:
    if set(names) >= STRUCTURE:
        return 1.0
    hits = 0
    for name in names:
        parts = candidates(name)
        hits += any(part in ADMIN or part in OTHER_ADMIN for part in parts)
    return 1.0 if hits >= MIN_ADMIN_COLUMNS else 0.0


def refuse(names) -> str | None:
    """The tab-separated survey structure (``class``, ``type/scale``, ``relevance``...)
    holds the questions, not the responses."""
    if set(names) >= STRUCTURE:
        return (
            "this is a LimeSurvey survey structure (the questions, one per row), not the "
            "responses. In LimeSurvey export the responses (Responses > Export results) as CSV."
        )
    return None


ADAPTER = ToolAdapter(
    name="limesurvey",
    label="LimeSurvey",
    detect=detect,
    admin=ADMIN,
    personal=PERSONAL,
    candidates=candidates,
    placeholders={"submitted_at": PLACEHOLDER_DATES, "started_at": PLACEHOLDER_DATES},
    not_export=refuse,
)
