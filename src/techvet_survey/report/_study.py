"""The study as a notebook sees it: processed tables, report tables, codebook, settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from techvet_survey import _stamps as stamps
from techvet_survey._validation import check_argument
from techvet_survey.codebook import Codebook
from techvet_survey.errors import InputError
from techvet_survey.privacy import DEFAULT_MIN_N

PART_TABLES = {"survey": "survey", "test": "test_scored", "interviews": "segments"}
"""Each part of the study and the processed table that holds its data."""


def study_parts(processed_dir: str | Path) -> tuple[str, ...]:
    """The parts of the study whose processed table has rows (read from the parquet
    metadata only), of ``survey``, ``test`` and ``interviews``."""
    import pyarrow.parquet as pq

    folder = Path(processed_dir)
    present = []
    for part, table in PART_TABLES.items():
        path = folder / f"{table}.parquet"
        if path.exists() and pq.ParquetFile(path).metadata.num_rows:
            present.append(part)
    return tuple(present)


@dataclass(frozen=True)
class Study:
    """The inputs of a report notebook.

    ``processed`` are the cleaned tables (``data/processed``), ``tables`` the report
    tables of :func:`techvet_survey.analysis.run_analyses`; ``lang`` and ``min_n`` are
    the language of labels and the smallest cell shown.
    """

    raw_dir: Path
    processed_dir: Path
    reports_dir: Path
    processed: dict[str, pd.DataFrame]
    tables: dict[str, pd.DataFrame]
    codebook: Codebook
    lang: str
    min_n: int

    @property
    def tables_dir(self) -> Path:
        return self.reports_dir / "tables"

    @property
    def parts(self) -> tuple[str, ...]:
        """The parts of the study with data: of ``survey``, ``test``, ``interviews``."""
        return tuple(part for part, table in PART_TABLES.items() if not self.processed[table].empty)

    def has(self, part: str) -> bool:
        """Whether the study has data of `part` (``survey``, ``test`` or ``interviews``)."""
        check_argument("part", tuple(PART_TABLES), part)
        return part in self.parts

    def levels(self, column: str) -> list[str]:
        """The levels of a survey column (``country``, ``group``) present in the data."""
        survey = self.processed["survey"]
        if column not in survey:
            return []
        return sorted(map(str, survey[column].dropna().unique()))

    @property
    def figures_dir(self) -> Path:
        return self.reports_dir / "figures"


def tables_are_current(processed_dir: str | Path, tables_dir: str | Path) -> bool:
    """Whether `tables_dir` holds the tables the ``analyze`` stage made from `processed_dir`
    as it is now (its stamp records the digest of the processed tables)."""
    inputs = stamps.stage_inputs_digest({"processed": processed_dir})
    return stamps.is_current(tables_dir, "analyze", inputs)


def open_study(
    raw_dir: str | Path = "data/raw",
    processed_dir: str | Path = "data/processed",
    reports_dir: str | Path = "reports",
    *,
    lang: str = "en",
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
) -> Study:
    """Load what a report notebook needs from the outputs of the earlier stages.

    The report reads; it never re-runs a stage. The processed tables come from the
    ``clean`` stage and the report tables from ``analyze``; when either is missing or
    out of date, the error says which command makes it.

    Parameters
    ----------
    raw_dir : str or Path
        The raw exports (for the methods' account of the files; never read here).
    processed_dir : str or Path
        The processed tables (``data/processed``).
    reports_dir : str or Path
        The reports folder: its ``tables/`` (written by ``analyze`` from the processed
        tables as they are now) and ``figures/``.
    lang : {"en", "fi", "et", "lv", "nl"}
        Language of labels and figures.
    min_n : int
        Smallest cell shown.
    codebook : Codebook, optional
        The bundled codebook by default.

    Returns
    -------
    Study

    Raises
    ------
    InputError
        When the processed tables or the report tables are missing or stale, naming the
        command that makes them.
    """
    from techvet_survey.analysis import PROCESSED_TABLES, load_processed
    from techvet_survey.figures import read_tables

    book = codebook or Codebook.load()
    lang = book.check_language(lang)
    raw, processed_path, reports = Path(raw_dir), Path(processed_dir), Path(reports_dir)
    if not all((processed_path / f"{name}.parquet").exists() for name in PROCESSED_TABLES):
        raise InputError(
            f"{processed_path} holds no processed tables: run `python -m techvet_survey "
            "clean` (or the whole pipeline, `python -m techvet_survey`) first."
        )
    if not tables_are_current(processed_path, reports / "tables"):
        raise InputError(
            f"the report tables in {reports / 'tables'} are missing or older than the "
            f"processed tables in {processed_path}: run `python -m techvet_survey analyze` "
            "(or the whole pipeline) first."
        )
    processed = load_processed(processed_path)
    tables = read_tables(reports / "tables")
    return Study(raw, processed_path, reports, processed, tables, book, lang, min_n)
