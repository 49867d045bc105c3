"""Google Forms: a ``Timestamp`` first column; grid questions as ``Question [Row]``."""

from __future__ import annotations

from techvet_survey.io.tools._adapter import (
    ToolAdapter,
    admin_table,
    fold,
    one_header_row,
    with_bracketed_part,
)

STAMPS = ["Timestamp", "Aikaleima", "Tijdstempel", "Ajatempel", "Laikspiedols"]
ADMIN = admin_table(("submitted_at", STAMPS))
PERSONAL = frozenset(
    fold(heading)
    for heading in ("Email address", "Email", "Sähköpostiosoite", "E-mailadres", "E-posti aadress")
)


def detect(names) -> float:
    return 1.0 if ADMIN.get(names[0]) == "submitted_at" else 0.0


ADAPTER = ToolAdapter(
    header_rows=one_header_row,
    name="googleforms",
    label="Google Forms",
    detect=detect,
    admin=ADMIN,
    personal=PERSONAL,
    candidates=with_bracketed_part,
)
