"""Read the coded interviews: segment exports (one per coder) or a REFI-QDA project.

Segment exports are the primary source when both are present; a ``.qdpx`` project beside
them is read as a cross-check and its segment count is logged. A project of the open
answers (written by ``export --open-answers`` and coded) is recognised by its documents,
one per open question of the codebook, and is not taken for interviews: once the survey
is cleaned, :func:`clean_open_answer_projects` matches its coding to the answers.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from techvet_survey.cleaning._records import file_record, unread_record
from techvet_survey.codebook import Codebook
from techvet_survey.errors import InputError
from techvet_survey.io.qda import read_qdpx, read_segments
from techvet_survey.open_answers import ANSWER_SEGMENT_COLUMNS, answer_segments


def clean_interviews(
    raw_dir: Path, entries, book: Codebook
) -> tuple[pd.DataFrame, list[dict], list]:
    """Segments (scrubbed, with case variables), the per-file accounting records and the
    coded projects of the open answers found among the projects, as (entry, project)."""
    codes = book.interview_codes[["code", "theme"]]
    segment_files = [entry for entry in entries if entry.flavour.startswith("qda_segments")]
    case_tables = [entry for entry in entries if entry.flavour == "case_table_csv"]
    projects = [entry for entry in entries if entry.flavour == "qdpx"]
    records: list[dict] = []
    found: list = []  # the coded projects of the open answers
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
        for entry, project in _read_projects(raw_dir, projects, codes, records, book, found):
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
        for entry, project in _read_projects(raw_dir, projects, codes, records, book, found):
            frames.append(project.segments)
            records.append(_project_record(entry, project, None))
        segments = pd.concat(frames, ignore_index=True) if frames else _no_segments()
    else:
        segments = _no_segments()
    return segments.reset_index(drop=True), records, found


OPEN_ANSWERS_NOTE = (
    "a coded project of the open answers (one document per open question and country): "
    "{kept} coded segments of {answers} answers kept in open_answer_segments"
)
"""The note of a coded project of the open answers that the cleaning read."""


def clean_open_answer_projects(
    projects: list, survey: pd.DataFrame, book: Codebook
) -> tuple[pd.DataFrame, list[dict]]:
    """The coded segments of the open answers, one answer per ``document``, with the
    answer's respondent id, country, group and language from the cleaned `survey`
    (:func:`techvet_survey.open_answers.answer_segments`), and each project's record.

    A project that does not match the cleaned survey (a selection crossing answers, a
    document the survey does not make) fails alone, its note naming the file and the fix.
    """
    frames, records = [], []
    for entry, project in projects:
        try:
            if survey.empty:
                raise InputError(
                    "no survey table was cleaned to match its answers to: put the survey "
                    "exports it was written from in the raw folder."
                )
            segments = answer_segments(project, survey, codebook=book)
        except InputError as error:
            message = " ".join(str(error).split())
            records.append(unread_record(entry, "failed", f"{entry.file}: {message}"))
            continue
        frames.append(segments.assign(file=entry.file))
        note = OPEN_ANSWERS_NOTE.format(kept=len(segments), answers=segments["document"].nunique())
        records.append(_project_record(entry, project, note))
    if not frames:
        return pd.DataFrame(columns=[*ANSWER_SEGMENT_COLUMNS, "file"]), records
    return pd.concat(frames, ignore_index=True), records


def is_open_answer_project(project, book: Codebook) -> bool:
    """Whether a read REFI-QDA project holds the open answers rather than interviews:
    each of its documents carries the case variable ``question`` naming an open question
    of the codebook (as :func:`techvet_survey.open_answers.write_open_answers_qdpx`
    writes it)."""
    documents = project.documents
    if documents.empty or "question" not in documents:
        return False
    return bool(documents["question"].isin(set(book.text_items["item"])).all())


def _read_projects(raw_dir: Path, entries, codes, records: list, book: Codebook, found: list):
    """Each REFI-QDA project of interviews that can be read, with its entry; one that
    cannot is recorded as failed (it never stops the others), one of the open answers
    is added to `found` (read once the survey is cleaned)."""
    for entry in entries:
        try:
            project = read_qdpx(raw_dir / entry.file, codes=codes)
        except InputError as error:
            records.append(unread_record(entry, "failed", " ".join(str(error).split())))
            continue
        if is_open_answer_project(project, book):
            found.append((entry, project))
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
