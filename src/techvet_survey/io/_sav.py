"""SPSS (.sav, .zsav) exports through pyreadstat, user-missing codes kept as values."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyreadstat

from techvet_survey.errors import InputError


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
    for column in frame.columns:
        if pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
            frame[column] = frame[column].mask(frame[column].eq(""))
    return frame


def read_sav(path: Path, name: str, encoding: str | None = None) -> tuple[pd.DataFrame, dict]:
    """The whole file with its metadata (`encoding` overrides the file's own)."""
    try:
        frame, meta = pyreadstat.read_sav(str(path), **_options(encoding))
    except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError) as error:
        raise _sav_error(name, error) from None
    return _empty_strings_missing(frame), sav_meta(meta)


def iter_sav(
    path: Path, name: str, chunk_rows: int, encoding: str | None = None
) -> Iterator[tuple[pd.DataFrame, dict, int]]:
    """Chunks of `chunk_rows` cases with the metadata and the 0-based offset of each."""
    chunks = pyreadstat.read_file_in_chunks(
        pyreadstat.read_sav, str(path), chunksize=chunk_rows, **_options(encoding)
    )
    offset = 0
    try:
        for frame, meta in chunks:
            yield _empty_strings_missing(frame), sav_meta(meta), offset
            offset += len(frame)
    except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError) as error:
        raise _sav_error(name, error) from None


def _sav_error(name: str, error: Exception) -> InputError:
    return InputError(
        f"{name!r} starts like an SPSS file but cannot be read ({error}); it is truncated "
        "or corrupt. Save it again from SPSS (File > Save As, .sav)."
    )
