"""Where the table starts in an export: delimiter, title rows, header row, question texts.

All functions work on the first rows of a file as lists of cells, whatever the container,
so that CSV and Excel exports follow one set of rules.
"""

from __future__ import annotations

import csv
import io
import math
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from techvet_survey.errors import InputError
from techvet_survey.io.tools import ToolAdapter, detect_tool
from techvet_survey.io.tools._adapter import is_blank

DELIMITERS = (",", ";", "\t", "|")
SNIFF_CHARACTERS = 1 << 16
CODE_HEADER = re.compile(r"^[A-Za-z_][\w.\[\]#-]*$")
NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def filled(row: Sequence) -> int:
    """The number of non-blank cells of `row`."""
    return sum(not is_blank(cell) for cell in row)


def parse_records(text: str, delimiter: str) -> list[list[str]]:
    """The records of CSV `text` with `delimiter` (a cut last record is dropped)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines = lines[:-1] or lines
    try:
        return list(csv.reader(io.StringIO("".join(lines)), delimiter=delimiter))
    except csv.Error:
        return []


@dataclass(frozen=True)
class Dialect:
    """The delimiter that splits the sample most consistently, with its evidence."""

    delimiter: str
    width: int
    consistency: float


def sniff_delimiter(text: str) -> Dialect:
    """The delimiter among ``, ; TAB |`` whose records have the steadiest field count.

    Examples
    --------
    >>> sniff_delimiter('"id";"name"\\r\\n"1";"Anna, K."\\r\\n').delimiter
    ';'
    >>> sniff_delimiter("id,name\\n1,Anna\\n").delimiter
    ','
    """
    best = Dialect(",", 1, 0.0)
    text = text[:SNIFF_CHARACTERS]
    for delimiter in DELIMITERS:
        counts = [len(row) for row in parse_records(text, delimiter) if any(row)]
        if not counts:
            continue
        width, frequency = Counter(counts).most_common(1)[0]
        candidate = Dialect(delimiter, width, frequency / len(counts))
        if width > 1 and (candidate.consistency, width) > (best.consistency, best.width):
            best = candidate
    return best


def find_header(rows: Sequence[Sequence]) -> int:
    """The position of the header in `rows`: the first row with at least half as many
    filled cells as the fullest row (title lines and blank rows above it are skipped).

    Examples
    --------
    >>> find_header([["Survey 2026", None, None], [None] * 3, ["id", "q1", "q2"], [1, 2, 3]])
    2
    """
    widest = max((filled(row) for row in rows), default=0)
    needed = max(min(2, widest), math.ceil(widest / 2))
    for position, row in enumerate(rows):
        if widest and filled(row) >= needed:
            return position
    return 0


def is_question_text_row(header: Sequence[str], row: Sequence) -> bool:
    """Whether `row`, under a header of short codes, holds question texts, not answers.

    A second header row is recognised when most header cells are codes (no spaces) and
    most cells of the row are distinct texts with spaces, none of them a number.

    Examples
    --------
    >>> is_question_text_row(["id", "G1Q1"], ["Response ID", "How old are you?"])
    True
    >>> is_question_text_row(["id", "G1Q1"], ["1", "A2"])
    False
    """
    named = [str(cell) for cell in header if not is_blank(cell)]
    cells = [cell for cell in row[: len(header)] if not is_blank(cell)]
    if len(named) < 2 or len(cells) < 0.6 * len(header):
        return False
    if sum(bool(CODE_HEADER.match(name)) for name in named) < 0.8 * len(named):
        return False
    if any(not isinstance(cell, str) or NUMBER.match(cell.strip()) for cell in cells):
        return False
    texts = [cell for cell in cells if " " in cell.strip()]
    return len(texts) >= 0.5 * len(cells) and len(set(cells)) >= 0.8 * len(cells)


@dataclass
class HeaderLayout:
    """Where the header is and what lies above and below it, as found in the first rows.

    Positions are 0-based indexes of the first rows; `data_start` is the first data row.
    `tool` is the adapter of the tool recognised from the header, which also says how
    many rows under the header are header too.
    """

    header_index: int
    data_start: int
    names: list[str]
    unnamed: list[int]
    title: list[str] = field(default_factory=list)
    question_text: dict[str, str] = field(default_factory=dict)
    tool: ToolAdapter | None = None


def header_layout(rows: Sequence[Sequence], *, name: str) -> HeaderLayout:
    """Find the header, the title rows above it and a question-text row below it."""
    if not any(filled(row) for row in rows):
        raise InputError(
            f"{name!r} has no header row: its first {len(rows)} rows are blank. Export the "
            "responses again, with the column names in the first row."
        )
    index = find_header(rows)
    header = list(rows[index])
    names, unnamed = column_names(header)
    title = [
        " ".join(str(cell).strip() for cell in row if not is_blank(cell))
        for row in rows[:index]
        if filled(row)
    ]
    tool = detect_tool(names)
    layout = HeaderLayout(index, index + 1, names, unnamed, title, tool=tool)
    below = rows[index + 1 : index + 4]
    if tool.header_rows is not None:
        extra, text_row = tool.header_rows(names, below)
    elif below and is_question_text_row(header, below[0]):
        extra, text_row = 1, 0
    else:
        extra, text_row = 0, None
    if text_row is not None:
        texts = below[text_row]
        layout.question_text = {
            column: str(texts[position]).strip()
            for position, column in enumerate(names)
            if position < len(texts) and not is_blank(texts[position])
        }
    layout.data_start += extra
    return layout


def column_names(header: Sequence) -> tuple[list[str], list[int]]:
    """Header cells as column names without surrounding whitespace, and the 1-based
    positions of blank header cells, which are named ``column_<position>``.

    Examples
    --------
    >>> column_names([" id ", None, 2024.0, "Response 6\u00a0"])
    (['id', 'column_2', '2024', 'Response 6'], [2])
    """
    names, unnamed = [], []
    for position, cell in enumerate(header, 1):
        if is_blank(cell):
            names.append(f"column_{position}")
            unnamed.append(position)
        else:
            names.append(cell.strip() if isinstance(cell, str) else _header_text(cell))
    return names, unnamed


def _header_text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def check_unique(names: list[str], *, name: str, dedupe: bool) -> list[str]:
    """`names` if unique; else an InputError listing the duplicates and their positions,
    or with ``dedupe=True`` the names with ``.1``, ``.2`` suffixes and a warning.

    Examples
    --------
    >>> check_unique(["id", "q1", "q1"], name="x.csv", dedupe=False)
    Traceback (most recent call last):
    ...
    techvet_survey.errors.InputError: 'x.csv' has duplicate column names: 'q1' at columns 2, 3. ...
    """
    positions: dict[str, list[int]] = {}
    for position, column in enumerate(names, 1):
        positions.setdefault(column, []).append(position)
    repeated = {column: where for column, where in positions.items() if len(where) > 1}
    if not repeated:
        return names
    listed = "; ".join(
        f"{column!r} at columns {', '.join(map(str, where))}" for column, where in repeated.items()
    )
    if not dedupe:
        raise InputError(
            f"{name!r} has duplicate column names: {listed}. Rename them in the export, or "
            "pass `dedupe_columns=True` to suffix the repeats with .1, .2, ..."
        )
    warnings.warn(
        f"{name!r} has duplicate column names ({listed}); the repeats are renamed with "
        ".1, .2 suffixes.",
        UserWarning,
        stacklevel=4,
    )
    taken = set(names)
    seen: Counter = Counter()
    unique = []
    for column in names:
        seen[column] += 1
        if seen[column] == 1:
            unique.append(column)
            continue
        suffix = seen[column] - 1
        while f"{column}.{suffix}" in taken:
            suffix += 1
        unique.append(f"{column}.{suffix}")
        taken.add(unique[-1])
    return unique
