"""Microsoft Forms: ``ID``, ``Start time``, ``Completion time`` (in the form's language)."""

from __future__ import annotations

from techvet_survey.io.tools._adapter import ToolAdapter, admin_table, fold, one_header_row

START = ["Start time", "Begintijd", "Aloitusaika", "Algusaeg", "Sākuma laiks"]
END = ["Completion time", "Tijd van voltooien", "Valmistumisaika", "Lõpuaeg"]
ADMIN = admin_table(
    ("source_id", ["ID"]),
    ("started_at", START),
    ("submitted_at", END),
)
PERSONAL = frozenset(
    fold(heading)
    for heading in ("Email", "Name", "E-mail", "Naam", "Sähköposti", "Nimi", "E-post", "Nimi")
)
MIN_COLUMNS = 3


def detect(names) -> float:
    found = (
        len(names) >= MIN_COLUMNS
        and names[0] == "id"
        and ADMIN.get(names[1]) == "started_at"
        and ADMIN.get(names[2]) == "submitted_at"
    )
    return 1.0 if found else 0.0


ADAPTER = ToolAdapter(
    header_rows=one_header_row,
    name="msforms",
    label="Microsoft Forms",
    detect=detect,
    admin=ADMIN,
    personal=PERSONAL,
)
