"""Read the coded interviews: segment exports (one per coder) or a REFI-QDA project.

Segment exports are the primary source when both are present; a ``.qdpx`` project beside
them is read as a cross-check and its segment count is logged.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from techvet_survey.cleaning._records import file_record, unread_record
from techvet_survey.codebook import Codebook
from techvet_survey.errors import InputError
from techvet_survey.io.qda import read_qdpx, read_segments


def clean_interviews(raw_dir: Path, entries, book: Codebook) -> tuple[pd.DataFrame, list[dict]]:
    """Segments (scrubbed, with case variables) and the per-file accounting records."""
    codes = book.interview_codes[["code", "theme"]]
    segment_files = [entry for entry in entries if entry.flavour.startswith("qda_segments")]
    case_tables = [entry for entry in entries if entry.flavour == "case_table_csv"]
    projects = [entry for entry in entries if entry.flavour == "qdpx"]
    records: list[dict] = []
    if segment_files:
        documents = raw_dir / case_tables[0].file if case_tables else None
        read = read_segments(
            [raw_dir / entry.file for entry in segment_files], documents=documents, codes=codes
        )
        skipped = read.skipped
        for entry in segment_files:
            rows = (
                len(pd.read_csv(raw_dir / entry.file))
                if entry.file.endswith(".csv")
                else len(pd.read_excel(raw_dir / entry.file))
            )
            lost = (
                int(skipped["file"].astype(str).str.endswith(Path(entry.file).name).sum())
                if len(skipped)
                else 0
            )
            records.append(file_record(entry, rows, rows - lost, lost))
        segments = read.segments
        for entry, project in _read_projects(raw_dir, projects, codes, records):
            if len(project.segments) != len(segments):
                warnings.warn(
                    f"{entry.file}: the REFI-QDA project holds {len(project.segments)} segments, "
                    f"the segment exports {len(segments)}; the segment exports are used.",
                    stacklevel=2,
                )
            records.append(
                _project_record(entry, project, "read as a cross-check of the segment exports")
            )
    elif projects:
        frames = []
        for entry, project in _read_projects(raw_dir, projects, codes, records):
            frames.append(project.segments)
            records.append(_project_record(entry, project, None))
        segments = pd.concat(frames, ignore_index=True) if frames else _no_segments()
    else:
        segments = _no_segments()
    return segments.reset_index(drop=True), records


def _read_projects(raw_dir: Path, entries, codes, records: list):
    """Each REFI-QDA project that can be read, with its entry; one that cannot is
    recorded as failed (it never stops the others)."""
    for entry in entries:
        try:
            project = read_qdpx(raw_dir / entry.file, codes=codes)
        except InputError as error:
            records.append(unread_record(entry, "failed", " ".join(str(error).split())))
            continue
        yield entry, project


def _no_segments() -> pd.DataFrame:
    return pd.DataFrame(columns=["document", "coder", "code", "theme", "start", "end", "text"])


def _project_record(entry, project, note: str | None) -> dict:
    """The accounting of one REFI-QDA project, with the position unit it was read in."""
    units = project.documents.get("position_unit", pd.Series(dtype=object)).dropna().unique()
    counted = f"positions counted in {', '.join(map(str, units))}" if len(units) else None
    kept, excluded = len(project.segments), len(project.skipped)
    note = "; ".join(filter(None, (note, counted))) or None
    return file_record(entry, kept + excluded, kept, excluded, note=note)
