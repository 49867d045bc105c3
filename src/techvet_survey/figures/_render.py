"""Drawing and saving the figures in parallel worker processes (the ``figures`` stage)."""

from __future__ import annotations

import json
import multiprocessing
import os
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import matplotlib.pyplot as plt

from techvet_survey import _stamps as stamps
from techvet_survey.codebook import Codebook
from techvet_survey.figures._build import draw, drawable_plans, figure_plans, make_inputs
from techvet_survey.figures._output import (
    MANIFEST_NAME,
    _previous_files,
    check_formats,
    finish_manifest,
    read_tables,
    save_entry,
)
from techvet_survey.plots import FORMATS
from techvet_survey.privacy import DEFAULT_MIN_N

_WORKER: dict = {}


def inputs_digest(tables_dir, processed_dir) -> str:
    """The digest of the report tables and the processed tables the figures are drawn
    from: the ``figures`` stage's inputs, as its stamp records them."""
    return stamps.inputs_digest({"tables": tables_dir, "processed": processed_dir})


def current_figures(
    figures_dir, tables_dir, processed_dir, *, lang: str, min_n: int, titles: bool = True
) -> dict:
    """The manifest records of saved figures that are up to date, by figure id.

    Saved figures are current when the manifest of `figures_dir` was written by
    :func:`render_figures` from the same tables (same :func:`inputs_digest`), in `lang`
    with `min_n` and `titles`; otherwise (or without a manifest) the result is empty.
    """
    manifest = Path(figures_dir) / MANIFEST_NAME
    if not manifest.exists():
        return {}
    try:
        record = json.loads(manifest.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {}
    settings = (record.get("language"), record.get("min_n"), record.get("inputs"))
    if settings != (lang, min_n, inputs_digest(tables_dir, processed_dir)):
        return {}
    if record.get("titles", True) != titles:
        return {}
    return {figure["figure_id"]: figure for figure in record.get("figures", [])}


def _load_inputs(tables_dir, processed_dir, lang, min_n, titles=True):
    from techvet_survey.analysis import load_processed

    processed = load_processed(processed_dir) if processed_dir is not None else {}
    return make_inputs(
        read_tables(tables_dir), processed, Codebook.load(), lang, min_n, titles=titles
    )


def _start_worker(tables_dir, processed_dir, lang, min_n, titles, folder, formats):
    import matplotlib

    matplotlib.use("Agg")
    warnings.simplefilter("ignore")
    _WORKER.update(
        inputs=_load_inputs(tables_dir, processed_dir, lang, min_n, titles),
        folder=folder,
        formats=formats,
    )


def _render_one(figure_id: str) -> dict:
    inputs = _WORKER["inputs"]
    plan = next(p for p in figure_plans(inputs.codebook) if p.figure_id == figure_id)
    entry = draw(plan, inputs)
    try:
        return save_entry(_WORKER["folder"], entry, _WORKER["formats"], inputs.lang)
    finally:
        plt.close(entry.figure)


def render_figures(
    out_dir: str | Path,
    tables_dir: str | Path,
    processed_dir: str | Path | None = None,
    *,
    lang: str = "en",
    min_n: int = DEFAULT_MIN_N,
    formats=FORMATS,
    only=None,
    jobs: int | None = None,
    titles: bool = True,
) -> list[Path]:
    """Draw the figures from the tables on disk and save them, `jobs` at a time.

    The same files as ``write_figures(out_dir, build_figures(...), formats)``, drawn in
    worker processes (one per CPU by default; ``jobs=1`` draws in this process).

    Parameters
    ----------
    out_dir : str or Path
        Where the figures and ``figures_manifest.json`` go.
    tables_dir : str or Path
        The report tables (``reports/tables``, :func:`read_tables`).
    processed_dir : str or Path, optional
        The processed tables (``data/processed``), for the Likert bars.
    lang, min_n, only, titles
        As in :func:`build_figures`.
    formats : sequence of {"png", "svg", "pdf"}
        The formats written.
    jobs : int, optional
        Worker processes; the number of CPUs by default.

    Returns
    -------
    list of Path
        The files written, the manifest last. The manifest also records `min_n` and
        the digest of the input tables (:func:`current_figures` reads them).
    """
    formats = check_formats(formats)
    inputs = _load_inputs(tables_dir, processed_dir, lang, min_n, titles)
    plans = drawable_plans(inputs, only)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stale = _previous_files(folder)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(plans)))
    if jobs == 1:
        records = []
        for plan in plans:
            entry = draw(plan, inputs)
            records.append(save_entry(folder, entry, formats, inputs.lang))
            plt.close(entry.figure)
    else:
        arguments = (
            *(tables_dir, processed_dir, inputs.lang, inputs.min_n, inputs.titles),
            *(folder, formats),
        )
        with ProcessPoolExecutor(
            jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=arguments,
        ) as pool:
            records = list(pool.map(_render_one, [plan.figure_id for plan in plans]))
    extra = {
        "min_n": inputs.min_n,
        "titles": inputs.titles,
        "inputs": inputs_digest(tables_dir, processed_dir),
    }
    return finish_manifest(folder, records, formats, inputs.lang, stale, extra)
