"""Webropol: numbered question headings (``1. Maa``) after ``Nro`` and time stamps."""

from __future__ import annotations

import re

from techvet_survey.io.tools._adapter import ToolAdapter, admin_table, one_header_row

ADMIN = admin_table(
    ("source_id", ["Nro", "Vastaaja", "Respondent"]),
    ("started_at", ["Aloitettu", "Started"]),
    ("submitted_at", ["Lähetetty", "Submitted", "Vastausaika", "Response time"]),
)
STAMPS = {"aloitettu", "lähetetty", "vastausaika", "started", "submitted", "response time"}
NUMBER_COLUMNS = {"nro", "vastaaja", "respondent"}
NUMBERED = re.compile(r"^\d+\.\s")


def detect(names) -> float:
    numbered = sum(bool(NUMBERED.match(name)) for name in names)
    stamped = bool(set(names[:4]) & STAMPS)
    mostly_numbered = numbered >= len(names) / 2
    found = (names[0] in NUMBER_COLUMNS and (stamped or mostly_numbered)) or (
        stamped and mostly_numbered
    )
    return 1.0 if found else 0.0


ADAPTER = ToolAdapter(
    header_rows=one_header_row, name="webropol", label="Webropol", detect=detect, admin=ADMIN
)
