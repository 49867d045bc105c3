"""Drawing and saving the figures in parallel worker processes (the ``figures`` stage),
keeping those whose inputs are unchanged."""

from __future__ import annotations

import gc
import io
import json
import multiprocessing
import os
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import matplotlib.pyplot as plt

from techvet_survey import _stamps as stamps
from techvet_survey._memory import return_freed_memory
from techvet_survey.codebook import Codebook
from techvet_survey.figures._build import draw, drawable_plans, figure_plans, make_inputs
from techvet_survey.figures._inputs import (
    InputState,
    kept_entry,
    read_records,
    reads_record,
    recording,
    table_files,
    write_records,
)
from techvet_survey.figures._output import (
    MANIFEST_NAME,
    _previous_files,
    check_formats,
    finish_manifest,
    read_tables,
    save_entry,
)
from techvet_survey.plots import FORMATS, theme
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


def _load_inputs(tables_dir, processed_dir, lang, min_n, titles=True, codebook=None):
    from techvet_survey.analysis import load_processed

    processed = load_processed(processed_dir) if processed_dir is not None else {}
    book = codebook if codebook is not None else Codebook.load()
    return make_inputs(read_tables(tables_dir), processed, book, lang, min_n, titles=titles)


def _start_worker(folder, formats, loading=None):
    """Set up a worker: Agg, warnings off, and the inputs (inherited through a fork, else
    loaded again from `loading`, the arguments of :func:`_load_inputs`)."""
    import matplotlib

    matplotlib.use("Agg")
    warnings.simplefilter("ignore")
    if loading is not None:
        _WORKER["inputs"] = _load_inputs(*loading)
    _WORKER.update(folder=folder, formats=formats)


def _render_one(figure_id: str) -> tuple[dict, dict]:
    inputs = _WORKER["inputs"]
    plan = next(p for p in figure_plans(inputs.codebook) if p.figure_id == figure_id)
    try:
        return _draw_and_save(plan, inputs, _WORKER["folder"], _WORKER["formats"])
    finally:
        return_freed_memory()  # a large figure's heap is not kept for the next one


def _draw_and_save(plan, inputs, folder: Path, formats) -> tuple[dict, dict]:
    """Draw and save one figure; its manifest entry and the record of what it read."""
    recorder, codebook_reads = recording(inputs)
    entry = draw(plan, recorder)
    try:
        return save_entry(folder, entry, formats, inputs.lang), reads_record(
            recorder, codebook_reads
        )
    finally:
        plt.close(entry.figure)


def _warm_up(formats) -> None:
    """Load the theme's fonts and each format's renderer here, before the fork: the
    workers share them instead of each loading its own copy (about 30 MB apiece)."""
    with theme():
        figure, ax = plt.subplots(figsize=(2, 1))
        ax.set_title("Åå Ää Öö Šš Žž Õõ Ūū 0,5 %")
        ax.set_xlabel("x")
        for file_format in formats:
            figure.savefig(io.BytesIO(), format=file_format)
        plt.close(figure)


HEAVY_KINDS = ("likert_", "test_distractors", "agreement_heatmap", "interview_code")
"""Figure kinds that take longest to draw: handed to the workers first."""


def _drawn(plans, inputs, folder: Path, formats, jobs: int | None, loading) -> dict:
    """Draw and save `plans`, `jobs` at a time: figure id -> (entry, reads)."""
    if not plans:
        return {}
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(plans)))
    if jobs == 1:
        return {plan.figure_id: _draw_and_save(plan, inputs, folder, formats) for plan in plans}
    if "fork" in multiprocessing.get_all_start_methods():
        # workers inherit the loaded inputs (and the imported modules) instead of
        # reading the tables again
        context, loading = multiprocessing.get_context("fork"), None
        _WORKER["inputs"] = inputs
    else:
        context = multiprocessing.get_context("spawn")
    heavy_first = sorted(plans, key=lambda plan: not plan.kind.startswith(HEAVY_KINDS))
    _warm_up(formats)
    gc.freeze()  # the workers' collections leave the inherited objects' pages shared
    try:
        with ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_start_worker, initargs=(folder, formats, loading)
        ) as pool:
            futures = {
                plan.figure_id: pool.submit(_render_one, plan.figure_id) for plan in heavy_first
            }
            return {plan.figure_id: futures[plan.figure_id].result() for plan in plans}
    finally:
        gc.unfreeze()
        _WORKER.clear()


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
    codebook: Codebook | None = None,
) -> list[Path]:
    """Draw the figures from the tables on disk and save them, `jobs` at a time; keep
    the saved figures whose inputs are unchanged.

    The same files as ``write_figures(out_dir, build_figures(...), formats)``, drawn in
    worker processes (one per CPU by default; ``jobs=1`` draws in this process). Each
    figure's record of what it read (tables, codebook entries) is kept beside the
    figures (``.figure_inputs.json``); on the next call a figure whose inputs, settings
    and drawing code are unchanged, and whose files are on disk as written, is not drawn
    again (:mod:`techvet_survey.figures._inputs`).

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
    codebook : Codebook, optional
        Labels; the bundled codebook by default.

    Returns
    -------
    list of Path
        The files of the figures (drawn or kept), the manifest last. The manifest also
        records `min_n` and the digest of the input tables (:func:`current_figures`
        reads them).
    """
    formats = check_formats(formats)
    loading = (tables_dir, processed_dir, lang, min_n, titles, codebook)
    inputs = _load_inputs(*loading)
    plans = drawable_plans(inputs, only)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stale = _previous_files(folder)
    state = InputState(
        settings={
            "language": inputs.lang,
            "min_n": inputs.min_n,
            "titles": inputs.titles,
            "formats": formats,
        },
        table_files=table_files(tables_dir, processed_dir),
        codebook=inputs.codebook,
    )
    previous, saved = read_records(folder), _manifest_entries(folder)
    kept, reads = {}, {}
    for plan in plans:
        record = previous.get(plan.figure_id)
        entry = kept_entry(folder, record, saved.get(plan.figure_id), state)
        if entry is not None:
            kept[plan.figure_id], reads[plan.figure_id] = entry, record
    redraw = [plan for plan in plans if plan.figure_id not in kept]
    for figure_id, (entry, read) in _drawn(redraw, inputs, folder, formats, jobs, loading).items():
        kept[figure_id] = entry
        reads[figure_id] = {**read, "digest": state.digest(read)}
    extra = {
        "min_n": inputs.min_n,
        "titles": inputs.titles,
        "inputs": inputs_digest(tables_dir, processed_dir),
    }
    carried = {} if only is None else _current_others(folder, plans, previous, saved, state)
    records = [kept[plan.figure_id] for plan in plans] + list(carried.values())
    written = finish_manifest(folder, records, formats, inputs.lang, stale, extra)
    reads.update({figure_id: previous[figure_id] for figure_id in carried})
    write_records(folder, {figure_id: reads[figure_id] for figure_id in [*kept, *carried]})
    return written


def _current_others(folder, plans, previous, saved, state) -> dict:
    """The saved figures outside `plans` (not asked for with ``only``) that are still
    current, by figure id: kept in the manifest rather than removed."""
    asked = {plan.figure_id for plan in plans}
    carried = {}
    for figure_id, entry in saved.items():
        if figure_id not in asked:
            current = kept_entry(folder, previous.get(figure_id), entry, state)
            if current is not None:
                carried[figure_id] = current
    return carried


def _manifest_entries(folder: Path) -> dict:
    """The entries of the figures manifest in `folder`, by figure id."""
    try:
        record = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return {}
    figures = record.get("figures", []) if isinstance(record, dict) else []
    return {figure["figure_id"]: figure for figure in figures if isinstance(figure, dict)}
