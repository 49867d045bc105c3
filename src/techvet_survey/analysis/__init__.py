"""Run every analysis of the study on the cleaned tables; tidy tables out.

:func:`run_analyses` is the ``analyze`` stage of the pipeline: it takes the tables of the
cleaning step (a :class:`~techvet_survey.cleaning.CleaningResult` or the processed parquet
files read back with :func:`load_processed`) and returns a dict of tidy DataFrames, one
per report table.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from techvet_survey._aside import run_aside
from techvet_survey._files import atomic_write_bytes, stable_zip
from techvet_survey.analysis._assessment import analyse_assessment
from techvet_survey.analysis._compare_all import CountryComparison, compare_all
from techvet_survey.analysis._interviews import analyse_interviews
from techvet_survey.analysis._open_answers import analyse_open_answers
from techvet_survey.cleaning import PARQUET_TABLES, neutralise_formulas
from techvet_survey.codebook import Codebook

__all__ = [
    "PROCESSED_TABLES",
    "CountryComparison",
    "analyse_assessment",
    "analyse_interviews",
    "analyse_open_answers",
    "compare_all",
    "load_processed",
    "run_analyses",
    "write_tables",
]

PROCESSED_TABLES = PARQUET_TABLES  # the tables the cleaning writes as parquet


def load_processed(processed_dir: str | Path = "data/processed") -> dict[str, pd.DataFrame]:
    """Read the processed parquet tables written by the cleaning step."""
    folder = Path(processed_dir)
    missing = [name for name in PROCESSED_TABLES if not (folder / f"{name}.parquet").exists()]
    if missing:
        raise FileNotFoundError(
            f"{folder} lacks {missing}: run `python -m techvet_survey clean` first."
        )
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in PROCESSED_TABLES}


def run_analyses(
    tables: dict[str, pd.DataFrame], codebook: Codebook | None = None
) -> dict[str, pd.DataFrame]:
    """Every report table: survey comparisons, the open answers, the assessment test,
    the interviews.

    A part of the study that is absent (no survey, no test or no interview export) gives
    no tables; a table that has nothing to hold (no country comparison in a one-country
    study) is left out, so later stages see what the data allow and say what is absent.
    """
    book = codebook or Codebook.load()
    # The survey comparisons run here while a forked child runs the other analyses
    # (where the platform forks): the values and warnings, in this order, of a run in turn.
    others = run_aside(_other_analyses, tables, book)
    results: dict[str, pd.DataFrame] = {}
    if not tables["survey"].empty:
        comparison = compare_all(tables["survey"], book, seed=20261128)
        results |= {f"survey_{name}": table for name, table in comparison.tables().items()}
    results |= others.result()
    return {name: table for name, table in results.items() if len(table.columns)}


def _other_analyses(tables: dict[str, pd.DataFrame], book: Codebook) -> dict[str, pd.DataFrame]:
    """The open answers, the assessment test and the interviews, in this order."""
    results: dict[str, pd.DataFrame] = {}
    if not tables["survey"].empty:
        results |= analyse_open_answers(
            tables["survey"], book, segments=tables.get("open_answer_segments")
        )
    if not tables["test_scored"].empty:
        results |= analyse_assessment(tables["test_responses"], tables["test_scored"], book)
    return results | analyse_interviews(tables["segments"])


XLSX_SHEET_NAME_LIMIT = 31


def write_tables(tables: dict[str, pd.DataFrame], folder: str | Path) -> list[str]:
    """Write every report table as CSV and all of them as one XLSX workbook.

    Cells that a spreadsheet would run as a formula are neutralised; each file is
    written atomically. Returns the names written (the ``analyze`` stage's outputs).
    """
    import io

    folder = Path(folder)
    written = []
    for name, table in tables.items():
        atomic_write_bytes(
            folder / f"{name}.csv",
            neutralise_formulas(table).to_csv(index=False, lineterminator="\n").encode("utf-8"),
        )
        written.append(f"{name}.csv")
    if not tables:
        return written
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as workbook:
        for name, table in tables.items():
            neutralise_formulas(table).to_excel(
                workbook, sheet_name=name[:XLSX_SHEET_NAME_LIMIT], index=False
            )
    atomic_write_bytes(folder / "tables.xlsx", stable_zip(buffer.getvalue()))
    return [*written, "tables.xlsx"]
