"""Moodle quiz reports: the Responses report (3.x and 4.x headings) and the Grades report.

The Responses report (Results > Responses) has one ``Response N`` column per question
(the chosen answer's text) next to the attempt's timing: ``State``, ``Started on``,
``Completed``, ``Time taken`` in Moodle 3.x; ``Status``, ``Started``, ``Completed``,
``Duration`` from Moodle 4.0. The Grades report (Results > Grades, the first view a
teacher sees) has ``Q. N /mark`` columns with marks only: it cannot be scored against the
key, so it is refused with the download to choose instead. Its flavour keeps the name
``lms_quiz`` (a quiz report of the learning-management system).
"""

from __future__ import annotations

import re

from techvet_survey.io.tools._adapter import ToolAdapter, admin_table, fold, one_header_row

ADMIN = admin_table(
    ("started_at", ["Started on", "Started"]),
    ("submitted_at", ["Completed"]),
    ("duration_text", ["Time taken", "Duration"]),
    ("state", ["State", "Status"]),
)
PERSONAL = frozenset(
    fold(heading)
    for heading in (
        "Surname",
        "Last name",
        "First name",
        "Email address",
        "Username",
        "ID number",
        "Institution",
        "Department",
    )
)
PEOPLE = {"surname", "first name", "last name", "email address"}
RESPONSE = re.compile(r"^(?:response|question)\s*\d+$")
GRADED_QUESTION = re.compile(r"^q\.\s*\d+\s*/")
MIN_KNOWN = 2


def detect(names) -> float:
    questions = any(RESPONSE.match(name) or GRADED_QUESTION.match(name) for name in names)
    present = set(names)
    known = len(present & set(ADMIN)) >= MIN_KNOWN or len(present & PEOPLE) >= MIN_KNOWN
    return 1.0 if questions and known else 0.0


def refuse(names) -> str | None:
    """The Grades report (``Q. 1 /1.00`` marks, no ``Response N``) cannot be scored.

    Examples
    --------
    >>> refuse(["surname", "state", "grade/10.00", "q. 1 /1.00"])[:38]
    'this is the Moodle Grades report (mark'
    >>> refuse(["surname", "state", "response 1"]) is None
    True
    """
    if any(RESPONSE.match(name) for name in names):
        return None
    graded = [name for name in names if GRADED_QUESTION.match(name)]
    if not graded:
        return None
    return (
        f"this is the Moodle Grades report (marks per question: {len(graded)} 'Q. N /mark' "
        "columns), which does not say which option was chosen. In the quiz, download "
        "Results > Responses instead (the 'Response N' columns)."
    )


ADAPTER = ToolAdapter(
    header_rows=one_header_row,
    name="lms_quiz",
    label="Moodle quiz",
    detect=detect,
    admin=ADMIN,
    personal=PERSONAL,
    refuse=refuse,
)
