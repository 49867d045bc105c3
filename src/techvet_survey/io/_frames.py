"""Raw frames from parsed cells: text columns as pandas strings, blank rows dropped."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from techvet_survey.io._layout import HeaderLayout


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def frame_from_rows(
    rows: Sequence[Sequence], row_numbers: Sequence[int], names: list[str]
) -> tuple[pd.DataFrame, np.ndarray, int]:
    """A frame of spreadsheet cells: one column per header name, text columns as ``str``
    and the others as ``object`` holding the cells as read; rows with no value dropped.

    Returns the frame, the row numbers of its rows and the number of blank rows dropped.
    """
    width = len(names)
    kept, numbers = [], []
    for number, row in zip(row_numbers, rows, strict=True):
        cells = list(row[:width]) + [None] * (width - len(row))
        extra = [cell for cell in row[width:] if not _missing(cell)]
        if extra:
            cells += list(row[width:])
        if all(_missing(cell) for cell in cells):
            continue
        kept.append(cells)
        numbers.append(number)
    widest = max((len(cells) for cells in kept), default=width)
    names = names + [f"column_{position}" for position in range(width + 1, widest + 1)]
    columns = {}
    for position, column in enumerate(names):
        values = [cells[position] if position < len(cells) else None for cells in kept]
        columns[column] = _cells_to_series(values)
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(kept)))
    return frame, np.asarray(numbers, dtype=np.int64), len(rows) - len(kept)


def _cells_to_series(values: list) -> pd.Series:
    if all(_missing(value) or isinstance(value, str) for value in values):
        return pd.Series(values, dtype="str")
    return pd.Series([np.nan if _missing(value) else value for value in values], dtype=object)


def frame_from_table(
    table: pa.Table, first_row: int, names: list[str]
) -> tuple[pd.DataFrame, np.ndarray, int]:
    """A frame of CSV text cells from a pyarrow table of strings (blank rows dropped).

    `first_row` is the 1-based row number in the file of the table's first row.
    """
    row_numbers = np.arange(first_row, first_row + table.num_rows, dtype=np.int64)
    blank = 0
    # a blank row is null in every column: none when some column has no null at all
    if table.num_rows and table.num_columns and min(c.null_count for c in table.columns):
        empty = pc.is_null(table.column(0))
        for column in table.columns[1:]:
            empty = pc.and_(empty, pc.is_null(column))
        blank = int(pc.sum(empty).as_py() or 0)
        if blank:
            keep = pc.invert(empty)
            table = table.filter(keep)
            row_numbers = row_numbers[keep.to_numpy(zero_copy_only=False)]
    frame = table.to_pandas(split_blocks=True, self_destruct=True)
    frame.columns = names
    return frame, row_numbers, blank


def comma_sample(table: pa.Table, names: list[str], rows: int, size: int = 1000) -> dict:
    """The first `size` cells of each text column of the first `rows` rows of `table` that
    holds a comma (only a comma can make a decimal-comma column), keyed by `names`.

    Read from the Arrow table before it becomes a frame: one compute call per column
    instead of pandas operations, which cost as much as reading a wide file.
    """
    head = table.slice(0, rows)
    textual = [
        (name, column)
        for name, column in zip(names, head.columns, strict=False)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
    ]
    chunks = [chunk.cast(pa.large_string()) for _, column in textual for chunk in column.chunks]
    # a decimal comma has a digit on each side: one scan of all the cells rules most out
    if not chunks or not pc.any(pc.match_substring_regex(pa.concat_arrays(chunks), r"\d,\d")):
        return {}
    sample = {}
    for name, column in textual:
        if pc.any(pc.match_substring(column, ",")).as_py():
            sample[name] = column.drop_null().slice(0, size).to_pylist()
    return sample


def drop_unnamed(frame: pd.DataFrame, header: HeaderLayout, *, name: str) -> pd.DataFrame:
    """Drop columns without a header cell that hold nothing; warn about those with data."""
    unnamed = [frame.columns[position - 1] for position in header.unnamed]
    unnamed += list(frame.columns[len(header.names) :])
    empty = [column for column in unnamed if frame[column].isna().all()]
    frame = frame.drop(columns=empty)
    filled = [column for column in unnamed if column not in empty]
    if filled:
        warnings.warn(
            f"{name!r}: columns {filled} hold data but have no header; they are named "
            "column_<position>. Name them in the export to keep them apart.",
            UserWarning,
            stacklevel=4,
        )
    return frame
