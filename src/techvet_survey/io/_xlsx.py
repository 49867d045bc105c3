"""Excel (.xlsx) exports read with openpyxl in read-only mode, row by row."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from techvet_survey.errors import InputError
from techvet_survey.io._layout import HeaderLayout, header_layout

SAMPLE_ROWS = 40


@dataclass
class XlsxLayout:
    """The sheet read (and all sheets of the workbook) and its header layout; `rows`
    holds every row of the sheet when it was read whole during the inspection."""

    sheet: str
    sheets: list[str]
    header: HeaderLayout
    rows: list[tuple] | None = None

    @property
    def first_data_row(self) -> int:
        return self.header.data_start + 1


@contextmanager
def open_workbook(path: Path, name: str):
    """A read-only workbook; an InputError when the file is not a readable .xlsx."""
    with open(path, "rb") as handle:
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, EOFError) as error:
            raise InputError(
                f"{name!r} is not a readable .xlsx workbook ({type(error).__name__}: {error}); "
                "the file is truncated or corrupt. Download or export it again, or open it "
                "in a spreadsheet program and save it as .xlsx."
            ) from None
        try:
            yield workbook
        except ParseError as error:
            # A sheet with malformed XML or an entity declaration (never resolved).
            raise InputError(
                f"{name!r}: a worksheet's XML cannot be parsed ({error}); malformed sheets and "
                "entity declarations are refused. Export the file again from the survey tool."
            ) from None
        finally:
            workbook.close()


def pick_sheet(workbook, sheet: str | int | None, name: str):
    """The worksheet named (or at 0-based position) `sheet`; the first one by default."""
    names = workbook.sheetnames
    if sheet is None:
        chosen = names[0]
    elif isinstance(sheet, int) and not isinstance(sheet, bool) and abs(sheet) < len(names):
        chosen = names[sheet]
    elif sheet in names:
        chosen = sheet
    else:
        listed = ", ".join(repr(option) for option in names)
        raise InputError(
            f"`sheet` {sheet!r} is not in {name!r}; its sheets are {listed}. Pass one of "
            "these names or a 0-based position."
        )
    worksheet = workbook[chosen]
    if not hasattr(worksheet, "reset_dimensions"):
        raise InputError(f"`sheet` {chosen!r} of {name!r} is a chart sheet, not a table.")
    worksheet.reset_dimensions()
    return worksheet


def inspect_xlsx(
    path: Path, name: str, sheet: str | int | None, *, whole: bool = False
) -> XlsxLayout:
    """Find the sheet and the header layout of an Excel export from its first rows
    (keeping all rows when `whole`, so that the workbook is opened only once)."""
    with open_workbook(path, name) as workbook:
        worksheet = pick_sheet(workbook, sheet, name)
        last = None if whole else SAMPLE_ROWS
        rows = list(worksheet.iter_rows(max_row=last, values_only=True))
        layout = header_layout([list(row) for row in rows[:SAMPLE_ROWS]], name=name)
        kept = rows if whole else None
        return XlsxLayout(worksheet.title, list(workbook.sheetnames), layout, kept)


def iter_xlsx_rows(path: Path, name: str, layout: XlsxLayout) -> Iterator[tuple[int, tuple]]:
    """The data rows below the header as ``(row number, cells)`` pairs, streamed."""
    start = layout.first_data_row
    if layout.rows is not None:
        yield from enumerate(layout.rows[start - 1 :], start)
        return
    with open_workbook(path, name) as workbook:
        worksheet = pick_sheet(workbook, layout.sheet, name)
        rows = worksheet.iter_rows(min_row=start, values_only=True)
        yield from enumerate(rows, start)
