"""The row of ``files`` for each raw file: its outcome, counts and the reader's choices."""

from __future__ import annotations

FILE_COLUMNS = [
    "file",
    "status",
    "flavour",
    "sha256",
    "rows_read",
    "rows_kept",
    "rows_excluded",
    "encoding",
    "header_row",
    "note",
]
"""The columns of ``files``: one row per file of the raw folder, whatever its outcome."""


FILE_COUNTS = ("rows_read", "rows_kept", "rows_excluded", "header_row")
"""The integer columns of ``files`` (nullable: empty for a file not read as a table)."""


def file_record(entry, rows_read, kept, excluded, provenance=None, note=None) -> dict:
    """A file that was read: its counts (rows read = kept + excluded, checked), the
    reader's encoding and header row, and a note (one is added when no row is kept)."""
    if rows_read != kept + excluded:
        raise RuntimeError(
            f"accounting failed for {entry.file}: {rows_read} rows read but {kept} kept and "
            f"{excluded} excluded. This is a bug; please report it with the file's flavour."
        )
    if note is None and rows_read and not kept:
        note = "no row kept: see exclusions.csv for the reasons"
    return {
        "file": entry.file,
        "status": "cleaned",
        "flavour": entry.flavour,
        "sha256": entry.sha256,
        "rows_read": rows_read,
        "rows_kept": kept,
        "rows_excluded": excluded,
        # How the file was read (decisions a re-read can override): the detected
        # encoding and the header row of a text or workbook export.
        "encoding": (provenance or {}).get("encoding"),
        "header_row": (provenance or {}).get("header_row"),
        "note": note,
    }


def unread_record(entry, status: str, note: str) -> dict:
    """A file that was skipped or failed: listed with its reason, no rows."""
    flavour = entry.flavour if isinstance(entry.flavour, str) else None
    return {
        "file": entry.file,
        "status": status,
        "flavour": flavour,
        "sha256": entry.sha256,
        "rows_read": 0,
        "rows_kept": 0,
        "rows_excluded": 0,
        "encoding": None,
        "header_row": None,
        "note": note,
    }
