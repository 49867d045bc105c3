"""SPSS (.sav, .zsav) exports through pyreadstat, user-missing codes kept as values."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyreadstat

from techvet_survey.errors import InputError

DATE_FORMAT = re.compile(r"^(?:[ASEJ]?DATE|DATETIME|YMDHMS|[DM]?TIME|QYR|MOYR|WKYR)", re.I)


def sav_meta(meta) -> dict:
    """The labels and missing-value declarations of an SPSS file, as plain dicts.

    ``missing_ranges`` maps a variable to its user-missing ranges (``{'lo': 8.0,
    'hi': 8.0}`` for a discrete code), as SPSS declares them; the codes stay in the data.
    """
    return {
        "file_label": meta.file_label,
        "file_encoding": meta.file_encoding,
        "variable_labels": dict(meta.column_names_to_labels),
        "value_labels": {
            variable: dict(labels) for variable, labels in meta.variable_value_labels.items()
        },
        "missing_ranges": {
            variable: [dict(span) for span in spans]
            for variable, spans in meta.missing_ranges.items()
        },
        "measure": dict(meta.variable_measure),
        "formats": dict(meta.original_variable_types),
        "notes": list(meta.notes or []),
    }


def _options(encoding: str | None) -> dict:
    options = {"user_missing": True, "apply_value_formats": False}
    return options if encoding is None else options | {"encoding": encoding}


def _empty_strings_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """SPSS has no missing strings, only empty ones: make them NaN like empty cells."""
    for position, dtype in enumerate(frame.dtypes):
        if pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype):
            column = frame.iloc[:, position]
            empty = column.to_numpy(dtype=object) == ""
            if empty.any():  # most string columns have none: no copy for them
                frame.isetitem(position, column.mask(empty))
    return frame


def read_sav(path: Path, name: str, encoding: str | None = None) -> tuple[pd.DataFrame, dict]:
    """The whole file with its metadata (`encoding` overrides the file's own).

    Date columns whose values cannot be converted (a year beyond what Python's dates
    hold) are read as the raw SPSS numbers, with a warning; they are listed in
    ``meta['raw_date_columns']``.
    """
    try:
        frame, meta = pyreadstat.read_sav(str(path), **_options(encoding))
        raw_dates: list[str] = []
    except OverflowError:
        raw_dates = _unconvertible_dates(path, encoding)
        frame, meta = _read_with_raw_dates(path, encoding, raw_dates)
        _warn_raw_dates(name, raw_dates)
    except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError) as error:
        raise _sav_error(name, error) from None
    return _empty_strings_missing(frame), sav_meta(meta) | {"raw_date_columns": raw_dates}


def _unconvertible_dates(path: Path, encoding: str | None, **window) -> list[str]:
    """The date-formatted columns whose conversion overflows, tried one by one."""
    _, meta = pyreadstat.read_sav(str(path), metadataonly=True, **_options(encoding))
    dated = [
        column for column, shown in meta.original_variable_types.items() if DATE_FORMAT.match(shown)
    ]
    failing = []
    for column in dated:
        try:
            pyreadstat.read_sav(str(path), usecols=[column], **_options(encoding), **window)
        except OverflowError:
            failing.append(column)
    return failing or dated


def _read_with_raw_dates(
    path: Path, encoding: str | None, raw_dates: list[str], **window
) -> tuple[pd.DataFrame, object]:
    """Every column converted as usual except `raw_dates`, which stay numbers."""
    options = _options(encoding) | window
    _, meta = pyreadstat.read_sav(str(path), metadataonly=True, **_options(encoding))
    numbers, _ = pyreadstat.read_sav(
        str(path), usecols=raw_dates, disable_datetime_conversion=True, **options
    )
    others = [column for column in meta.column_names if column not in raw_dates]
    if others:
        converted, _ = pyreadstat.read_sav(str(path), usecols=others, **options)
        numbers = pd.concat([converted, numbers], axis=1)
    return numbers[list(meta.column_names)], meta


def _warn_raw_dates(name: str, raw_dates: list[str]) -> None:
    warnings.warn(
        f"{name!r}: columns {raw_dates} hold dates out of the range that can be converted "
        "(a mistyped year?); they are kept as the raw SPSS numbers (seconds since "
        "14 October 1582). Fix the dates in SPSS, or convert the numbers yourself.",
        UserWarning,
        stacklevel=4,
    )


def iter_sav(
    path: Path, name: str, chunk_rows: int, encoding: str | None = None
) -> Iterator[tuple[pd.DataFrame, dict, int]]:
    """Chunks of `chunk_rows` cases with the metadata and the 0-based offset of each
    (dates that cannot be converted read raw, from the chunk where they appear on)."""
    chunks = pyreadstat.read_file_in_chunks(
        pyreadstat.read_sav, str(path), chunksize=chunk_rows, **_options(encoding)
    )
    offset = 0
    try:
        for frame, meta in chunks:
            yield _empty_strings_missing(frame), sav_meta(meta) | {"raw_date_columns": []}, offset
            offset += len(frame)
    except OverflowError:
        yield from _raw_date_chunks(path, name, chunk_rows, encoding, offset)
    except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError) as error:
        raise _sav_error(name, error) from None


def _raw_date_chunks(path, name, chunk_rows, encoding, offset):
    raw_dates = _unconvertible_dates(path, encoding)
    _warn_raw_dates(name, raw_dates)
    while True:
        window = {"row_offset": offset, "row_limit": chunk_rows}
        frame, meta = _read_with_raw_dates(path, encoding, raw_dates, **window)
        if frame.empty:
            return
        meta = sav_meta(meta) | {"raw_date_columns": raw_dates}
        yield _empty_strings_missing(frame), meta, offset
        offset += len(frame)


def _sav_error(name: str, error: Exception) -> InputError:
    return InputError(
        f"{name!r} starts like an SPSS file but cannot be read ({error}); it is truncated "
        "or corrupt. Save it again from SPSS (File > Save As, .sav)."
    )
