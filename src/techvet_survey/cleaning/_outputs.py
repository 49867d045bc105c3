"""Write the cleaning result to ``data/processed``: validated, atomic, reproducible."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from techvet_survey import __version__
from techvet_survey._files import atomic_write_bytes, json_bytes
from techvet_survey.cleaning._assessment import TEST_RULES
from techvet_survey.cleaning._config import EXCLUSION_ORDER, CleaningConfig
from techvet_survey.cleaning._long import categoricals_as_text
from techvet_survey.codebook import Codebook
from techvet_survey.schemas import (
    assessment_scored_schema,
    exclusions_schema,
    segments_schema,
    survey_background_schema,
    survey_long_schema,
    survey_schema,
    validate_tables,
)

PARQUET_TABLES = (
    "survey",
    "survey_long",
    "survey_background",
    "test_responses",
    "test_scored",
    "segments",
    "open_answer_segments",
    "exclusions",
)
CSV_TABLES = ("exclusions", "log", "files", "unmapped")
INTERNAL_COLUMNS = ("country_unknown", "group_unknown", "submitted")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _neutralised(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells and column names starting with ``= + - @``, a tab or a carriage
    return with an apostrophe, so that a spreadsheet program shows them as text instead
    of running them as formulas (CSV/formula injection).

    Only text is changed: numbers (a negative number in a column of mixed cells too),
    dates and missing cells are kept as they are. Categorical columns are neutralised
    as text.

    Examples
    --------
    >>> table = pd.DataFrame({"=x": ["=HYPERLINK(1)", "ok"], "v": [-1.5, 2.0]})
    >>> neutralise_formulas(table)
          '=x     v
    0  '=HYPERLINK(1)  -1.5
    1              ok   2.0
    """
    table = table.copy()
    table.columns = [_neutralised(column) for column in table.columns]
    for position in range(table.shape[1]):
        column = table.iloc[:, position]
        textual = column.dtype == object or pd.api.types.is_string_dtype(column)
        if textual or isinstance(column.dtype, pd.CategoricalDtype):
            cells = column.astype(object).map(_neutralised)
            if not cells.equals(column.astype(object)):
                table.isetitem(position, cells)
    return table


def write_csv(table: pd.DataFrame, path: Path) -> bytes:
    """Write `table` as UTF-8 CSV, formula starts neutralised, atomically; return the bytes."""
    content = neutralise_formulas(table).to_csv(index=False, lineterminator="\n").encode("utf-8")
    atomic_write_bytes(path, content)
    return content


def _parquet_bytes(table: pd.DataFrame) -> bytes:
    import io

    buffer = io.BytesIO()
    table.to_parquet(buffer, index=False, engine="pyarrow")
    return buffer.getvalue()


def write_outputs(
    result,
    out_dir: str | Path = "data/processed",
    *,
    codebook: Codebook | None = None,
    config: CleaningConfig | None = None,
    raw_dir: str | Path | None = None,
) -> dict:
    """Validate and write every table of `result`; return the manifest.

    With `raw_dir`, the manifest records the raw folder the tables were made from
    (``raw_dir``, resolved), so that a later cleaning of another folder into the same
    output folder can be refused (:func:`made_from`).

    Parquet for the analysis tables, CSV for the human-facing exclusions, log, per-file
    accounting and unmapped columns, and ``manifest.json``. ``survey_background`` (the
    background answers with their status) is written empty when `result` has none.

    Raises
    ------
    SchemaValidationError
        When any table breaks its schema (all failures listed; nothing written).
    """
    book = codebook or Codebook.load()
    out = Path(out_dir)
    tables = result.tables()
    tables["survey"] = tables["survey"].drop(columns=list(INTERNAL_COLUMNS), errors="ignore")
    # The background answers with their status (an empty table from a result without it).
    tables["survey_background"] = categoricals_as_text(
        tables.get("survey_background", pd.DataFrame())
    )
    reasons = (*EXCLUSION_ORDER, *TEST_RULES)
    validate_tables(
        tables,
        {
            "survey": survey_schema(book),
            "survey_long": survey_long_schema(book),
            "survey_background": survey_background_schema(book),
            "test_scored": assessment_scored_schema(book),
            "exclusions": exclusions_schema(reasons),
            "segments": segments_schema(),
            "open_answer_segments": segments_schema(),
        },
    )
    outputs = []
    for name in PARQUET_TABLES:
        content = _parquet_bytes(tables[name])
        atomic_write_bytes(out / f"{name}.parquet", content)
        outputs.append(
            {
                "file": f"{name}.parquet",
                "rows": len(tables[name]),
                "sha256": hashlib.sha256(content).hexdigest(),
            }
        )
    for name in CSV_TABLES:
        content = write_csv(tables[name], out / f"{name}.csv")
        outputs.append(
            {
                "file": f"{name}.csv",
                "rows": len(tables[name]),
                "sha256": hashlib.sha256(content).hexdigest(),
            }
        )
    manifest = {
        "package": "techvet_survey",
        "version": __version__,
        "config": {key: str(value) for key, value in asdict(config or CleaningConfig()).items()},
        "raw_dir": None if raw_dir is None else str(Path(raw_dir).resolve()),
        "inputs": tables["files"].to_dict(orient="records"),
        "outputs": outputs,
    }
    atomic_write_bytes(out / "manifest.json", json_bytes(manifest))
    return manifest


def raw_changes(files: pd.DataFrame, processed_dir: str | Path) -> pd.DataFrame:
    """Raw files whose checksum differs from the one recorded by the previous run.

    Parameters
    ----------
    files : DataFrame
        The per-file accounting of this run (``file``, ``sha256``).
    processed_dir : str or Path
        Where the previous run wrote ``manifest.json``.

    Returns
    -------
    DataFrame
        ``file``, ``change`` (``changed``, ``added``, ``removed``); empty on a first run.
    """
    manifest_path = Path(processed_dir) / "manifest.json"
    columns = ["file", "change"]
    if not manifest_path.exists():
        return pd.DataFrame(columns=columns)
    before = {
        entry["file"]: entry["sha256"]
        for entry in json.loads(manifest_path.read_text(encoding="utf-8"))["inputs"]
    }
    now = dict(zip(files["file"], files["sha256"], strict=True))
    rows = [
        {"file": name, "change": "changed"}
        for name in sorted(now.keys() & before.keys())
        if now[name] != before[name]
    ]
    rows += [{"file": name, "change": "added"} for name in sorted(now.keys() - before.keys())]
    rows += [{"file": name, "change": "removed"} for name in sorted(before.keys() - now.keys())]
    return pd.DataFrame(rows, columns=columns)


def made_from(processed_dir: str | Path) -> Path | None:
    """The raw folder that the tables in `processed_dir` were cleaned from, if recorded.

    None when the folder holds no manifest, or one written without ``raw_dir``.
    """
    manifest_path = Path(processed_dir) / "manifest.json"
    if not manifest_path.exists():
        return None
    try:
        recorded = json.loads(manifest_path.read_text(encoding="utf-8")).get("raw_dir")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return Path(recorded) if recorded else None
