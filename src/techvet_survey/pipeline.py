"""The whole pipeline, stage by stage, skipping what is up to date.

``clean`` (data/raw -> data/processed) -> ``analyze`` (-> reports/tables) -> ``figures``
(-> reports/figures) -> ``report`` (-> reports/comparative_report.html). Each stage writes
a stamp with the sha256 of its inputs; a stage whose inputs and outputs are unchanged is
skipped, unless ``force=True``.
"""

from __future__ import annotations

import hashlib
import json
import time
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from techvet_survey import __version__
from techvet_survey._files import atomic_write_bytes, stable_zip
from techvet_survey.cleaning._outputs import neutralise_formulas
from techvet_survey.errors import TechvetError

STAGES = ("clean", "analyze", "figures", "report")
XLSX_SHEET_NAME_LIMIT = 31


@dataclass(frozen=True)
class Paths:
    """Where the pipeline reads and writes."""

    raw: Path = Path("data/raw")
    processed: Path = Path("data/processed")
    reports: Path = Path("reports")

    @property
    def tables(self) -> Path:
        return self.reports / "tables"

    @property
    def figures(self) -> Path:
        return self.reports / "figures"


@dataclass(frozen=True)
class StageRun:
    """What one stage did: ``ran`` or ``skipped`` (up to date), its time and outputs."""

    stage: str
    status: str
    seconds: float
    outputs: tuple[str, ...]


def tree_digest(folder: Path, pattern: str = "*", exclude=(".stage",)) -> str:
    """sha256 over the relative paths and contents of the files under `folder`."""
    digest = hashlib.sha256(__version__.encode())
    if folder.exists():
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and not any(part.startswith(exclude) for part in path.parts):
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _stamp_path(folder: Path, stage: str) -> Path:
    return folder / f".stage_{stage}.json"


def _file_digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _up_to_date(folder: Path, stage: str, inputs: str) -> bool:
    """Whether the stage's recorded inputs AND every output it wrote are as on disk.

    An output changed or removed by hand (another ``clean --out``, an edited table)
    makes the stage stale, so the next run rebuilds it instead of trusting the stamp.
    """
    stamp = _stamp_path(folder, stage)
    if not stamp.exists():
        return False
    try:
        record = json.loads(stamp.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    outputs = record.get("outputs")
    if record.get("inputs") != inputs or not isinstance(outputs, dict):
        return False
    return all(_file_digest(folder / name) == digest for name, digest in outputs.items())


def _write_stamp(folder: Path, stage: str, inputs: str, outputs) -> None:
    digests = {name: _file_digest(folder / name) for name in sorted(outputs)}
    record = {"stage": stage, "inputs": inputs, "outputs": digests}
    atomic_write_bytes(_stamp_path(folder, stage), json.dumps(record, indent=1).encode("utf-8"))


def refuse_other_raw(paths: Paths) -> None:
    """Refuse to clean `paths.raw` into a processed folder made from another raw folder.

    Raises
    ------
    InputError
        Naming both folders and the two ways out: ``--out`` (a separate output folder)
        or ``--force`` (replace the tables).
    """
    from techvet_survey.cleaning._outputs import made_from
    from techvet_survey.errors import InputError

    before = made_from(paths.processed)
    if before is not None and before != Path(paths.raw).resolve():
        raise InputError(
            f"{paths.processed} holds the tables cleaned from {before}, not from "
            f"{Path(paths.raw).resolve()}; cleaning would replace them. Pass --out DIR to "
            "clean into a separate folder, or --force to replace them."
        )


def write_tables(tables: dict[str, pd.DataFrame], folder: Path) -> list[str]:
    """Write every table as CSV and all of them as one XLSX workbook (formulas neutralised)."""
    import io

    written = []
    for name, table in tables.items():
        atomic_write_bytes(
            folder / f"{name}.csv",
            neutralise_formulas(table).to_csv(index=False, lineterminator="\n").encode("utf-8"),
        )
        written.append(f"{name}.csv")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as workbook:
        for name, table in tables.items():
            neutralise_formulas(table).to_excel(
                workbook, sheet_name=name[:XLSX_SHEET_NAME_LIMIT], index=False
            )
    atomic_write_bytes(folder / "tables.xlsx", stable_zip(buffer.getvalue()))
    return [*written, "tables.xlsx"]


def stage_clean(paths: Paths) -> list[str]:
    """Clean the raw exports into the processed tables."""
    from techvet_survey.cleaning import clean_study, write_outputs
    from techvet_survey.cleaning._outputs import raw_changes

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = clean_study(paths.raw)
    for change in raw_changes(result.files, paths.processed).itertuples():
        warnings.warn(
            f"raw file {change.file} was {change.change} since the previous run "
            "(checksums in manifest.json); the outputs are rebuilt from the current files.",
            stacklevel=2,
        )
    manifest = write_outputs(result, paths.processed, raw_dir=paths.raw)
    for warning in caught:
        warnings.warn(warning.message, stacklevel=2)
    return [entry["file"] for entry in manifest["outputs"]] + ["manifest.json"]


def stage_analyze(paths: Paths) -> list[str]:
    """Run every analysis on the processed tables; write the report tables."""
    from techvet_survey.analysis import load_processed, run_analyses

    tables = run_analyses(load_processed(paths.processed))
    return write_tables(tables, paths.tables)


def stage_figures(paths: Paths) -> list[str]:
    """Draw every report figure (English; PNG, SVG, PDF) from the report tables."""
    from techvet_survey.figures import render_figures

    return [path.name for path in render_figures(paths.figures, paths.tables, paths.processed)]


def stage_report(paths: Paths) -> list[str]:
    """Execute the report notebooks; write reports/comparative_report.html."""
    from techvet_survey.report import build_report

    return [build_report(paths.raw, paths.processed, paths.reports).name]


def _stage_inputs(stage: str) -> Callable[[Paths], Path]:
    def source(paths: Paths) -> Path:
        from techvet_survey.report._stages import stage_inputs

        return stage_inputs(paths, stage)

    return source


STAGE_WORK: dict[
    str, tuple[Callable[[Paths], list[str]], Callable[[Paths], Path], Callable[[Paths], Path]]
] = {
    "clean": (stage_clean, lambda paths: paths.raw, lambda paths: paths.processed),
    "analyze": (stage_analyze, lambda paths: paths.processed, lambda paths: paths.tables),
    "figures": (stage_figures, _stage_inputs("figures"), lambda paths: paths.figures),
    "report": (stage_report, _stage_inputs("report"), lambda paths: paths.reports),
}


class PipelineLocked(TechvetError):
    """Another run of the pipeline holds the lock on the output folders."""


@contextmanager
def pipeline_lock(paths: Paths):
    """Hold an exclusive lock on the outputs, so that two runs at once cannot interleave.

    The lock is ``data/processed/.lock``, taken with :mod:`filelock` (an ``flock`` on
    POSIX, ``msvcrt.locking`` on Windows), released when the block ends or the process
    ends, even if it is killed. A command that runs several stages holds it across all
    of them; ``clean`` takes the same lock.
    """
    lock_path = paths.processed / ".lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise PipelineLocked(
            f"another run of techvet_survey is writing {paths.processed} (lock {lock_path}); "
            "wait for it to finish, then run again."
        ) from None
    try:
        yield
    finally:
        lock.release()


def run_pipeline(
    paths: Paths | None = None,
    *,
    stages=None,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[StageRun]:
    """Run `stages` (all available by default) in order; skip those that are up to date.

    Returns one :class:`StageRun` per stage with its wall time, for the summary.
    """
    paths = paths or Paths()
    if not force and "clean" in (stages or STAGES):
        refuse_other_raw(paths)
    with pipeline_lock(paths):
        return _run_stages(paths, stages, force, progress)


def _run_stages(paths: Paths, stages, force: bool, progress) -> list[StageRun]:
    runs = []
    for stage in stages or [stage for stage in STAGES if stage in STAGE_WORK]:
        work, source, target = STAGE_WORK[stage]
        if progress is not None:
            progress(stage)
        started = time.perf_counter()
        inputs = tree_digest(source(paths))
        if not force and _up_to_date(target(paths), stage, inputs):
            runs.append(StageRun(stage, "skipped", time.perf_counter() - started, ()))
            continue
        outputs = work(paths)
        _write_stamp(target(paths), stage, inputs, outputs)
        runs.append(
            StageRun(
                stage,
                "ran",
                time.perf_counter() - started,
                tuple(str(target(paths) / name) for name in outputs),
            )
        )
    return runs
