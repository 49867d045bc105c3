"""Saving the report figures with a manifest, and reading the report tables back."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from techvet_survey._files import atomic_write_bytes, json_bytes
from techvet_survey._validation import check_argument
from techvet_survey.errors import ArgumentError
from techvet_survey.plots import FORMATS, localise_figure, save_figure

MANIFEST_NAME = "figures_manifest.json"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _previous_files(folder: Path) -> set[str]:
    """The figure files the manifest of an earlier run lists."""
    manifest = folder / MANIFEST_NAME
    if not manifest.exists():
        return set()
    try:
        record = json.loads(manifest.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return set()
    return {
        entry["file"]
        for figure in record.get("figures", [])
        for entry in figure.get("files", {}).values()
        if isinstance(entry, dict) and "/" not in entry.get("file", "/")
    }


def write_figures(
    out_dir: str | Path,
    figures,
    formats: Sequence[str] = FORMATS,
    *,
    lang: str | None = None,
) -> list[Path]:
    """Save each figure as ``<figure_id>.<format>`` and write ``figures_manifest.json``.

    Parameters
    ----------
    out_dir : str or Path
        The folder (``reports/figures``); created if needed.
    figures : FigureSet or list of ReportFigure
        The output of :func:`build_figures`.
    formats : sequence of {"png", "svg", "pdf"}
        The formats written.
    lang : str, optional
        The language recorded in the manifest; by default that of `figures` (a
        :class:`FigureSet`). Needed for a plain list.

    Returns
    -------
    list of Path
        The files written (figures in order, then the manifest). Figure files that the
        previous manifest listed and that were not written again are removed.

    Notes
    -----
    The same figures give byte-identical SVG, PDF and manifest files
    (:func:`techvet_survey.plots.save_figure`), so reruns do not churn version control
    or the pipeline's checksums.
    """
    formats = check_formats(formats)
    lang = lang or getattr(figures, "lang", None)
    if lang is None:
        raise ArgumentError(
            "`lang` is needed for a plain list of figures: pass lang='en' (or the language "
            "the figures were built in), or pass the FigureSet of build_figures."
        )
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stale = _previous_files(folder)
    records = [save_entry(folder, entry, formats, lang) for entry in figures]
    return finish_manifest(folder, records, formats, lang, stale)


def save_entry(folder: Path, entry, formats: list[str], lang: str) -> dict:
    """Save one figure in `formats`; its manifest record."""
    figure_id, title, sources, figure = entry
    # numbers drawn in the figure as the language writes them (decimal comma)
    paths = save_figure(localise_figure(figure, lang), folder / figure_id, formats)
    return {
        "figure_id": figure_id,
        "title": title,
        "sources": list(sources),
        "language": lang,
        "files": {
            fmt: {"file": path.name, "sha256": _sha256(path)}
            for fmt, path in zip(formats, paths, strict=True)
        },
    }


def finish_manifest(folder: Path, records, formats, lang, stale, extra=None) -> list[Path]:
    """Remove the figure files of an earlier run not written again; write the manifest."""
    written = [folder / item["file"] for record in records for item in record["files"].values()]
    for name in sorted(stale - {path.name for path in written}):
        (folder / name).unlink(missing_ok=True)
    manifest = {"language": lang, "formats": list(formats), **(extra or {})}
    manifest["figures"] = list(records)
    atomic_write_bytes(folder / MANIFEST_NAME, json_bytes(manifest))
    return [*written, folder / MANIFEST_NAME]


def check_formats(formats) -> list[str]:
    """`formats` as a list after checking each is png, svg or pdf."""
    formats = [formats] if isinstance(formats, str) else list(formats)
    if not formats:
        raise ArgumentError("`formats` must name at least one of png, svg, pdf.")
    for fmt in formats:
        check_argument("formats", FORMATS, fmt)
    return formats


def read_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """The report tables written by the ``analyze`` stage (``<name>.csv``), by name.

    Floats are read back exactly (the CSVs hold shortest round-trip representations).

    Raises
    ------
    FileNotFoundError
        When `folder` holds no table, with the command that writes them.
    """
    folder = Path(folder)
    paths = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not paths:
        raise FileNotFoundError(
            f"{folder} holds no report tables: run `python -m techvet_survey analyze` first."
        )
    return {path.stem: pd.read_csv(path) for path in paths}
