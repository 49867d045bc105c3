"""Qualtrics: CSV/Excel exports with one, two or three header rows.

Since 2017 Qualtrics writes the column codes (``StartDate``, ``ResponseId``, ``Q1_1``),
then a row of question texts (``Start Date``, ``How old are you?``), then a row of import
ids (``{"ImportId":"startDate","timeZone":"..."}``). The legacy export has the codes
(``V1``...``V10`` for the administrative fields) and one row of question texts.
"""

from __future__ import annotations

import re

from techvet_survey.io.tools._adapter import ToolAdapter, admin_table, fold, is_blank

ADMIN = admin_table(
    ("source_id", ["ResponseId", "Response ID", "V1"]),
    ("started_at", ["StartDate", "Start Date", "V8"]),
    ("submitted_at", ["EndDate", "End Date", "V9"]),
    ("duration_s", ["Duration (in seconds)"]),
    ("language", ["UserLanguage", "User Language"]),
    ("state", ["Finished", "V10"]),
)
PERSONAL = frozenset(
    fold(heading)
    for heading in (
        "IPAddress",
        "IP Address",
        "RecipientLastName",
        "RecipientFirstName",
        "RecipientEmail",
        "Recipient Last Name",
        "Recipient First Name",
        "Recipient Email",
        "LocationLatitude",
        "LocationLongitude",
        "Location Latitude",
        "Location Longitude",
        "EmailAddress",
        "Name",
        "V3",
        "V5",
        "V6",
    )
)
KNOWN = {
    fold(heading)
    for heading in (
        "StartDate",
        "EndDate",
        "Status",
        "IPAddress",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "ResponseID",
        "ResponseSet",
        "ExternalReference",
        "ExternalDataReference",
        "DistributionChannel",
        "UserLanguage",
        "LocationLatitude",
        "LocationLongitude",
        "RecipientEmail",
    )
}
RESPONSE_ID = re.compile(r"^R_[A-Za-z0-9]+$")
LEGACY_CODES = [f"v{number}" for number in range(1, 11)]
IMPORT_ID = re.compile(r"""^\{\s*["']importid["']""")


def detect(names) -> float:
    if sum(name in KNOWN for name in names) >= 4:
        return 1.0
    return 0.5 if list(names[:10]) == LEGACY_CODES else 0.0


def _spaceless(cell) -> str:
    return "".join(fold(cell).split())


def _is_label_row(names, row, after=None) -> bool:
    """Whether `row` holds the headings in words (``Start Date`` under ``StartDate``,
    ``ResponseID`` under ``V1``, in any language) instead of a response.

    It does when an import-id row follows it, when the cell under the response-id
    column is no Qualtrics response id (``R_`` and letters), or when the cell under the
    first administrative column repeats its heading.
    """
    if after is not None and _is_import_row(after):
        return True
    for position, name in enumerate(names):
        field = ADMIN.get(fold(name))
        if field is None or position >= len(row) or is_blank(row[position]):
            continue
        cell = row[position]
        if field == "source_id" and not RESPONSE_ID.match(str(cell).strip()):
            return True
    for position, name in enumerate(names):
        field = ADMIN.get(fold(name))
        if field is not None and position < len(row) and isinstance(row[position], str):
            cell = row[position]
            return _spaceless(cell) == _spaceless(name) or ADMIN.get(fold(cell)) == field
    return False


def _is_import_row(row) -> bool:
    cells = [cell for cell in row if not is_blank(cell)]
    return bool(cells) and isinstance(cells[0], str) and bool(IMPORT_ID.match(fold(cells[0])))


def header_rows(names, rows) -> tuple[int, int | None]:
    """The question-text row and the import-id row under the codes, where present.

    Examples
    --------
    >>> names = ["StartDate", "ResponseId", "Q1"]
    >>> header_rows(names, [["Start Date", "Response ID", "Age?"],
    ...                     ['{"ImportId":"startDate"}', '{"ImportId":"_recordId"}', "x"]])
    (2, 0)
    >>> header_rows(names, [["2024-05-01 10:00:00", "R_1", "34"]])
    (0, None)
    """
    labels = bool(rows) and _is_label_row(names, rows[0], rows[1] if len(rows) > 1 else None)
    count = int(labels)
    if len(rows) > count and _is_import_row(rows[count]):
        count += 1
    return count, (0 if labels else None)


ADAPTER = ToolAdapter(
    name="qualtrics",
    label="Qualtrics",
    detect=detect,
    admin=ADMIN,
    personal=PERSONAL,
    header_rows=header_rows,
)
