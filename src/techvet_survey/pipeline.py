"""The whole pipeline, stage by stage, skipping what is up to date.

``clean`` (data/raw -> data/processed) -> ``analyze`` (-> reports/tables) -> ``figures``
(-> reports/figures) -> ``report`` (-> reports/comparative_report.html). Each stage writes
a stamp with the sha256 of its inputs; a stage whose inputs and outputs are unchanged is
skipped, unless ``force=True``.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from techvet_survey._stamps import is_current, stage_inputs_digest, write_stamp
from techvet_survey.errors import TechvetError

STAGES = ("clean", "analyze", "figures", "report")


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

    @property
    def report(self) -> Path:
        """The English report the ``report`` stage writes."""
        from techvet_survey.report import REPORT_NAME

        return self.reports / REPORT_NAME


@dataclass(frozen=True)
class StageRun:
    """What one stage did: ``ran`` or ``skipped`` (up to date), its time and outputs."""

    stage: str
    status: str
    seconds: float
    outputs: tuple[str, ...]


def refuse_other_raw(paths: Paths) -> None:
    """Refuse to clean `paths.raw` into a processed folder made from another raw folder.

    Raises
    ------
    InputError
        Naming both folders and the two ways out: ``--out`` (a separate output folder)
        or ``--force`` (replace the tables).
    """
    from techvet_survey.cleaning import made_from
    from techvet_survey.errors import InputError

    before = made_from(paths.processed)
    if before is not None and before != Path(paths.raw).resolve():
        raise InputError(
            f"{paths.processed} holds the tables cleaned from {before}, not from "
            f"{Path(paths.raw).resolve()}; cleaning would replace them. Pass --out DIR to "
            "clean into a separate folder, or --force to replace them."
        )


def stage_clean(paths: Paths) -> list[str]:
    """Clean the raw exports into the processed tables."""
    from techvet_survey.cleaning import clean_study, raw_changes, write_outputs

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
    from techvet_survey.analysis import load_processed, run_analyses, write_tables

    tables = run_analyses(load_processed(paths.processed))
    return write_tables(tables, paths.tables)


def stage_figures(paths: Paths) -> list[str]:
    """Draw every report figure (English; PNG, SVG, PDF) from the report tables."""
    from techvet_survey.figures import render_figures

    return [path.name for path in render_figures(paths.figures, paths.tables, paths.processed)]


def draw_figures_for(paths: Paths, lang: str, *, jobs: int | None = None) -> list[Path]:
    """The figures of `lang` for the report in that language (``reports/figures/<lang>``,
    English in ``reports/figures``), drawn unless the saved ones are current."""
    from techvet_survey.figures import current_figures
    from techvet_survey.privacy import DEFAULT_MIN_N
    from techvet_survey.report import figures_folder

    folder = figures_folder(paths.figures, lang)
    if current_figures(folder, paths.tables, paths.processed, lang=lang, min_n=DEFAULT_MIN_N):
        return []
    return draw_figures(paths, lang, jobs=jobs)


def draw_figures(
    paths: Paths,
    lang: str = "en",
    *,
    formats=None,
    only=None,
    jobs: int | None = None,
    out: Path | None = None,
) -> list[Path]:
    """Draw the report figures in `lang` from the report tables (the ``figures`` command
    with its options): into `out`, by default ``reports/figures`` (English) or
    ``reports/figures/<lang>``."""
    from techvet_survey.figures import render_figures
    from techvet_survey.report import figures_folder

    options = {"formats": formats} if formats is not None else {}
    folder = out or figures_folder(paths.figures, lang)
    return render_figures(
        folder, paths.tables, paths.processed, lang=lang, only=only, jobs=jobs, **options
    )


def write_report(
    paths: Paths,
    lang: str = "en",
    *,
    notebooks_dir: Path | None = None,
    jobs: int | None = None,
    out: Path | None = None,
) -> Path:
    """The HTML report in `lang` (the ``report`` command with its options), after the
    earlier stages it reads and the figures of its language."""
    from techvet_survey.codebook import Codebook
    from techvet_survey.report import build_report

    Codebook.load().check_language(lang)  # before any stage runs
    run_pipeline(paths, stages=["clean", "analyze"])
    draw_figures_for(paths, lang, jobs=jobs)
    return build_report(
        paths.raw,
        paths.processed,
        paths.reports,
        notebooks_dir=notebooks_dir,
        lang=lang,
        jobs=jobs,
        out=out,
    )


def check_report_formats(formats) -> tuple[str, ...]:
    """The report `formats` checked before any stage runs (a Chromium found for pdf)."""
    from techvet_survey.report import check_report_formats as check
    from techvet_survey.report import find_chromium

    chosen = check(formats)
    if "pdf" in chosen:
        find_chromium()
    return chosen


def write_report_formats(
    paths: Paths, formats, lang: str = "en", *, out: Path | None = None
) -> list[Path]:
    """The PDF and Word reports that `formats` asks for, from the HTML report of `lang`
    (`out`, else the one in ``paths.reports``) already written."""
    from techvet_survey.report import report_name, write_formats

    html = out if out is not None else paths.reports / report_name(lang)
    return write_formats(html, formats, paths.reports, lang=lang)


def stage_report(paths: Paths) -> list[str]:
    """Execute the report notebooks; write reports/comparative_report.html."""
    from techvet_survey.report import build_report

    return [build_report(paths.raw, paths.processed, paths.reports).name]


def stage_inputs(paths: Paths, stage: str) -> str:
    """The digest of everything `stage` reads (:func:`techvet_survey._stamps.stage_inputs_digest`).

    Every stage reads the codebook (its YAML files): a changed label reruns the stages,
    and the ``figures`` stage then redraws only the figures that read it.
    ``figures`` reads the report tables and the processed tables (the same digest its
    manifest records) and is drawn by the drawing code
    (:func:`techvet_survey.figures.drawing_code_digest`), so a changed plot reruns it and
    it redraws the figures that code draws; ``report`` also reads the English figures'
    manifest and the notebooks.
    """
    sources = {
        "clean": lambda: {"raw": paths.raw},
        "analyze": lambda: {"processed": paths.processed},
        "figures": lambda: {"tables": paths.tables, "processed": paths.processed},
        "report": lambda: _report_sources(paths),
    }[stage]()
    return stage_inputs_digest(sources, code=STAGE_CODE.get(stage, str)())


def _report_sources(paths: Paths) -> dict:
    # imported here: the figures and the report (matplotlib, IPython) cost the earlier
    # stages time and memory
    from techvet_survey.figures import MANIFEST_NAME
    from techvet_survey.report import default_notebooks_dir

    return {
        "tables": paths.tables,
        "processed": paths.processed,
        "figures": paths.figures / MANIFEST_NAME,
        "notebooks": default_notebooks_dir(),
    }


def _cleaned_tables() -> str:
    from techvet_survey.cleaning import PARQUET_TABLES

    return " ".join(PARQUET_TABLES)


def _drawing_code() -> str:
    from techvet_survey import figures

    return figures.drawing_code_digest()


STAGE_CODE: dict[str, Callable[[], str]] = {
    "clean": _cleaned_tables,  # a version that writes other tables cleans again
    "figures": _drawing_code,  # a changed plot reruns the figures stage
}
"""What of a stage's own code decides its outputs, beyond the package version."""


STAGE_WORK: dict[str, tuple[Callable[[Paths], list[str]], Callable[[Paths], Path]]] = {
    "clean": (stage_clean, lambda paths: paths.processed),
    "analyze": (stage_analyze, lambda paths: paths.tables),
    "figures": (stage_figures, lambda paths: paths.figures),
    "report": (stage_report, lambda paths: paths.reports),
}
"""Each stage's work and its output folder (where its stamp lives)."""


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
        work, target = STAGE_WORK[stage]
        if progress is not None:
            progress(stage)
        started = time.perf_counter()
        inputs = stage_inputs(paths, stage)
        if not force and is_current(target(paths), stage, inputs):
            runs.append(StageRun(stage, "skipped", time.perf_counter() - started, ()))
            continue
        outputs = work(paths)
        write_stamp(target(paths), stage, inputs, outputs)
        runs.append(
            StageRun(
                stage,
                "ran",
                time.perf_counter() - started,
                tuple(str(target(paths) / name) for name in outputs),
            )
        )
    return runs
