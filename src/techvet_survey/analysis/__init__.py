"""Run every analysis of the study on the cleaned tables; tidy tables out.

:func:`run_analyses` is the ``analyze`` stage of the pipeline: it takes the tables of the
cleaning step (a :class:`~techvet_survey.cleaning.CleaningResult` or the processed parquet
files read back with :func:`load_processed`) and returns a dict of tidy DataFrames, one
per report table.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from techvet_survey.analysis._assessment import analyse_assessment
from techvet_survey.analysis._interviews import analyse_interviews
from techvet_survey.cleaning._outputs import PARQUET_TABLES
from techvet_survey.codebook import Codebook
from techvet_survey.compare import compare_all

__all__ = [
    "PROCESSED_TABLES",
    "analyse_assessment",
    "analyse_interviews",
    "load_processed",
    "run_analyses",
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
    """Every report table: survey comparisons, the assessment test, the interviews.

    A part of the study that is absent (no survey, no test or no interview export) gives
    no tables; a table that has nothing to hold (no country comparison in a one-country
    study) is left out, so later stages see what the data allow and say what is absent.
    """
    book = codebook or Codebook.load()
    results: dict[str, pd.DataFrame] = {}
    if not tables["survey"].empty:
        comparison = compare_all(tables["survey"], book, seed=20261128)
        results |= {f"survey_{name}": table for name, table in comparison.tables().items()}
    if not tables["test_scored"].empty:
        results |= analyse_assessment(tables["test_responses"], tables["test_scored"], book)
    results |= analyse_interviews(tables["segments"])
    return {name: table for name, table in results.items() if len(table.columns)}
