"""Clean the study's raw exports into validated, pseudonymised analysis tables.

:func:`clean_study` reads every export under a raw folder (any supported tool flavour),
maps columns to the codebook, decodes answer labels in five languages, recodes reverse
items, harmonises countries, groups and languages, flags duplicates, test submissions,
speeders, straight-liners, blank and incomplete responses, pseudonymises ids and scrubs
personal data from free text. Nothing is lost: every row read is either kept or listed
in ``exclusions`` with its reason, and every change is counted in ``log``.

:func:`write_outputs` writes the tables to ``data/processed`` (parquet for tables, CSV
for the human-facing log and exclusions, ``manifest.json`` with the input checksums and
the per-file accounting), each table validated by its schema first.
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

import pandas as pd

from techvet_survey._results import Result
from techvet_survey.cleaning._assessment import TEST_RULES, clean_test_export, scored_tables
from techvet_survey.cleaning._chunked import clean_export_chunked
from techvet_survey.cleaning._config import EXCLUSION_ORDER, CleaningConfig
from techvet_survey.cleaning._export_formats import EXPORT_FORMATS, export_tables
from techvet_survey.cleaning._interviews import clean_interviews, clean_open_answer_projects
from techvet_survey.cleaning._long import categoricals_as_text
from techvet_survey.cleaning._outputs import (
    CSV_TABLES,
    PARQUET_TABLES,
    made_from,
    neutralise_formulas,
    raw_changes,
    write_csv,
    write_outputs,
)
from techvet_survey.cleaning._records import FILE_COLUMNS, FILE_COUNTS, file_record, unread_record
from techvet_survey.cleaning._survey import clean_survey_export
from techvet_survey.codebook import Codebook
from techvet_survey.errors import InputError, TechvetError
from techvet_survey.io import file_inventory, read_export
from techvet_survey.privacy import load_key

__all__ = [
    "CSV_TABLES",
    "EXCLUSION_ORDER",
    "EXPORT_FORMATS",
    "FILE_COLUMNS",
    "PARQUET_TABLES",
    "TEST_RULES",
    "CleaningConfig",
    "CleaningResult",
    "clean_export_chunked",
    "clean_study",
    "export_tables",
    "made_from",
    "neutralise_formulas",
    "raw_changes",
    "write_csv",
    "write_outputs",
]

SURVEY_FLAVOURS = (
    "webropol_xlsx",
    "msforms_xlsx",
    "limesurvey_csv",
    "limesurvey_xlsx",
    "qualtrics_csv",
    "qualtrics_xlsx",
    "spss_sav",
    "googleforms_csv",
    "googleforms_xlsx",
    "generic_csv",
    "generic_xlsx",
)
TEST_FLAVOURS = ("lms_quiz_csv", "lms_quiz_xlsx")
INTERVIEW_FLAVOURS = ("qda_segments_csv", "qda_segments_xlsx", "case_table_csv", "qdpx")


@dataclass(frozen=True)
class CleaningResult(Result):
    """Everything the cleaning produced; every table is a DataFrame.

    Attributes
    ----------
    survey : one row per kept respondent (items recoded, ``respondent_id`` pseudonymous)
    survey_long : one row per kept respondent and Likert item, with the raw cell and its
        status (``valid``, ``dont_know``, ``not_applicable``, ``unanswered``,
        ``unknown_label``, ``out_of_range``)
    survey_background : one row per kept respondent and background item (gender, age
        band, field, ...), with the raw cell and its status (``valid``, ``unanswered``,
        ``unknown_label``, ``out_of_range``)
    test_responses, test_scored : the assessment test (chosen options; 0/1 scores)
    segments : interview segments (scrubbed), with case variables
    open_answer_segments : coded segments of the open answers (a coded project of them in
        the raw folder), one answer per ``document``, with the answer's
        ``respondent_id``, ``item``, ``country``, ``group`` and ``language``
    exclusions : one row per excluded row: file, row, id, reason
    log : counts of every change per file, rule and column
    files : per input file: flavour, sha256, rows read, kept and excluded, and the
        encoding and header row the reader chose
    unmapped : columns no codebook item claimed (content not kept for personal data)
    """

    survey: pd.DataFrame
    survey_long: pd.DataFrame
    survey_background: pd.DataFrame
    test_responses: pd.DataFrame
    test_scored: pd.DataFrame
    segments: pd.DataFrame
    open_answer_segments: pd.DataFrame
    exclusions: pd.DataFrame
    log: pd.DataFrame
    files: pd.DataFrame
    unmapped: pd.DataFrame

    def by_file(self) -> pd.DataFrame:
        """Per file: status, rows read, kept, and excluded by reason (for the CLI and reports)."""
        reasons = self.exclusions.pivot_table(
            index="file", columns="reason", values="source_row", aggfunc="count", fill_value=0
        )
        columns = ["status", "flavour", "rows_read", "rows_kept", "rows_excluded"]
        table = self.files.set_index("file")[columns]
        return (
            table.join(reasons)
            .fillna({reason: 0 for reason in reasons.columns})
            .astype({reason: int for reason in reasons.columns})
            .reset_index()
        )

    def _summary_sections(self):
        """What was kept and why rows were excluded, file by file (not the data itself)."""
        counts = [
            f"  survey: {len(self.survey)} respondents kept",
            f"  test: {len(self.test_scored)} test takers",
            f"  interviews: {len(self.segments)} segments",
            f"  open answers: {len(self.open_answer_segments)} coded segments",
            f"  excluded rows: {len(self.exclusions)} (reasons in .exclusions)",
            f"  unmapped columns: {len(self.unmapped)}",
        ]
        return "Cleaning", [(None, counts), ("Files:", self.by_file())]


def _exclusions(file_name, rows, reasons) -> pd.DataFrame:
    excluded = reasons != ""
    return pd.DataFrame(
        {
            "file": file_name,
            "source_row": rows.loc[excluded, "source_row"].to_numpy(),
            "respondent_id": rows.loc[excluded, "respondent_id"].to_numpy(),
            "reason": reasons[excluded].to_numpy(),
        }
    )


# Failures of the parsers underneath the readers on a malformed file. The readers turn
# the known ones into InputError; any that escape fail that file alone, with its name.
PARSER_ERRORS = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    OverflowError,
    UnicodeError,
    EOFError,
    OSError,
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
)


def _failure(entry, error: Exception) -> str:
    """One line naming the file, what failed and the fix."""
    message = " ".join(str(error).split())
    if isinstance(error, TechvetError):
        return (
            message
            if entry.file in message or Path(entry.file).name in message
            else (f"{entry.file}: {message}")
        )
    return (
        f"{entry.file}: could not be read ({type(error).__name__}: {message}). Export the "
        "file again from its tool, or move it out of the raw folder; if it is a valid "
        "export, please report it with the file."
    )


@dataclass
class _Collected:
    """What the cleaning of the files gathers, file by file."""

    survey: list = field(default_factory=list)
    long: list = field(default_factory=list)
    background: list = field(default_factory=list)
    tests: list = field(default_factory=list)
    exclusions: list = field(default_factory=list)
    logs: list = field(default_factory=list)
    files: list = field(default_factory=list)
    unmapped: list = field(default_factory=list)


def clean_study(
    raw_dir: str | Path = "data/raw",
    codebook: Codebook | None = None,
    config: CleaningConfig | None = None,
    *,
    key_file: str | Path | None = None,
    progress=None,
) -> CleaningResult:
    """Clean every export under `raw_dir`; every file gets an outcome.

    One file never blocks the others: each file of the folder is listed in ``files``
    with its ``status`` (``cleaned``, ``skipped`` or ``failed``) and a ``note`` with the
    reason and the fix, and a UserWarning names every skipped or failed file. Companion
    files (syntax files, survey definitions, documents) are skipped unread.

    A coded REFI-QDA project of the open answers (written by ``export --open-answers``,
    coded in a QDA program and placed in the raw folder, e.g.
    ``open_answers/coded.qdpx``) is told from interview projects by its documents (one
    per open question and country) and matched to the cleaned survey answer by answer
    (:func:`techvet_survey.open_answers.answer_segments`) into
    ``open_answer_segments``; a project that does not match the survey (written from
    other exports or with another pseudonymisation key, or a selection outside one
    answer) fails alone, its note naming the fix.

    Parameters
    ----------
    raw_dir : str or Path
        Folder of raw exports (read only; a ``truth/`` folder is skipped).
    codebook : Codebook, optional
        The instrument; the bundled codebook when omitted.
    config : CleaningConfig, optional
        The quality rules; the documented defaults when omitted.
    key_file : str or Path, optional
        Pseudonymisation key file when ``TECHVET_PSEUDONYM_KEY`` is not set; default
        ``pseudonym.key`` beside `raw_dir` (outside ``data/processed``).
    progress : callable, optional
        Called with each file name before it is read (the CLI passes a progress bar).

    Raises
    ------
    InputError
        When `raw_dir` is not a folder, holds no file, or no file of it could be used
        (the message lists every file with its reason).
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(f"`raw_dir` {raw_dir} is not a folder: pass the folder of raw exports.")
    inventory = file_inventory(raw_dir)
    if inventory.empty:
        raise InputError(
            f"the raw folder {raw_dir} holds no export: put the partners' survey, test or "
            "interview exports there (see 'Using real exports' in the README)."
        )
    book = codebook or Codebook.load()
    config = config or CleaningConfig()
    key = load_key(key_file or raw_dir.parent / "pseudonym.key")
    found = _Collected()
    interview_entries = []
    for entry in inventory.itertuples():
        if progress is not None:
            progress(entry.file)
        if isinstance(entry.skipped, str):
            found.files.append(unread_record(entry, "skipped", entry.skipped))
        elif isinstance(entry.problem, str) and entry.problem:
            found.files.append(
                unread_record(entry, "failed", _failure(entry, InputError(entry.problem)))
            )
        elif entry.flavour in INTERVIEW_FLAVOURS:
            interview_entries.append(entry)
        elif entry.flavour in (*TEST_FLAVOURS, *SURVEY_FLAVOURS):
            try:
                _clean_file(raw_dir, entry, book, config, key, found)
            except (TechvetError, *PARSER_ERRORS) as error:
                found.files.append(unread_record(entry, "failed", _failure(entry, error)))
        else:
            note = f"not used by the cleaning (a {entry.flavour} file)"
            found.files.append(unread_record(entry, "skipped", note))
    tests = _settle_test_files(found)
    segments, open_projects = _clean_interview_files(raw_dir, interview_entries, book, found)
    survey = pd.concat(found.survey, ignore_index=True) if found.survey else pd.DataFrame()
    open_segments, records = clean_open_answer_projects(open_projects, survey, book)
    found.files += records
    files = pd.DataFrame(found.files, columns=FILE_COLUMNS).sort_values("file", kind="stable")
    files = files.astype(dict.fromkeys(FILE_COUNTS, "Int64"))
    _report_outcomes(raw_dir, files)
    test_responses, test_scored = _test_tables(tests, book)
    return CleaningResult(
        survey=survey,
        survey_long=_stacked(found.long),
        survey_background=_stacked(found.background),
        test_responses=test_responses,
        test_scored=test_scored,
        segments=segments,
        open_answer_segments=open_segments,
        exclusions=pd.concat(found.exclusions, ignore_index=True)
        if found.exclusions
        else pd.DataFrame(columns=["file", "source_row", "respondent_id", "reason"]),
        log=pd.DataFrame(found.logs, columns=["file", "rule", "column", "count"]),
        files=files.reset_index(drop=True),
        unmapped=pd.DataFrame(found.unmapped, columns=["file", "column", "kept"]),
    )


def _clean_file(raw_dir, entry, book, config, key, found: _Collected) -> None:
    """Read and clean one survey or test export into `found` (all or nothing).

    Test exports are accounted for once every test file is read
    (:func:`_settle_test_files`), since a test taker may sit in two files.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        export = read_export(raw_dir / entry.file)
        export.provenance["file"] = entry.file
        if entry.flavour in TEST_FLAVOURS:
            cleaned = clean_test_export(export, book, key)
        else:
            cleaned = clean_survey_export(export, book, config, key)
            record = file_record(
                entry,
                len(export.frame),
                int((cleaned.reasons == "").sum()),
                int((cleaned.reasons != "").sum()),
                export.provenance,
            )
    for warning in caught:  # re-issued only once the whole file succeeded
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    if entry.flavour in TEST_FLAVOURS:
        found.tests.append((entry, export.provenance, len(export.frame), cleaned))
        return
    found.survey.append(cleaned.rows.loc[cleaned.reasons == ""])
    found.long.append(cleaned.long)
    found.background.append(cleaned.background_long)
    found.unmapped += [
        {"file": entry.file, "column": column, "kept": "aside"}
        for column in cleaned.mapping.unmapped
    ] + [
        {"file": entry.file, "column": column, "kept": "no (personal data)"}
        for column in cleaned.mapping.personal
    ]
    _account(found, entry.file, cleaned, record)


def _account(found: _Collected, file: str, cleaned, record: dict) -> None:
    """The file's log, excluded rows and accounting record."""
    found.logs += cleaned.log
    found.exclusions.append(_exclusions(file, cleaned.rows, cleaned.reasons))
    found.files.append(record)
    found.logs += [
        {"file": file, "rule": reason, "column": "", "count": int(count)}
        for reason, count in cleaned.reasons[cleaned.reasons != ""].value_counts().items()
    ]


def _settle_test_files(found: _Collected) -> list:
    """Account for the test files; a test taker kept in several files (the same export
    delivered twice, a retake exported apart) is kept once, at the earliest submission,
    and excluded as ``repeat_attempt`` elsewhere."""
    tests = [cleaned for _, _, _, cleaned in found.tests]
    if len(tests) > 1:
        kept = pd.concat(
            [
                test.rows.loc[test.reasons == "", ["respondent_id", "submitted_at"]].assign(
                    position=position
                )
                for position, test in enumerate(tests)
            ]
        )
        order = kept.sort_values(["submitted_at", "position"], kind="stable", na_position="last")
        repeated = order[order["respondent_id"].duplicated(keep="first")]
        for position, rows in repeated.groupby("position"):
            tests[position].reasons.loc[rows.index] = "repeat_attempt"
    for entry, provenance, rows_read, cleaned in found.tests:
        kept_rows = int((cleaned.reasons == "").sum())
        record = file_record(entry, rows_read, kept_rows, rows_read - kept_rows, provenance)
        _account(found, entry.file, cleaned, record)
    return tests


def _clean_interview_files(raw_dir, entries, book, found: _Collected) -> tuple[pd.DataFrame, list]:
    """The interview segments and the coded projects of the open answers; on failure
    every interview file fails with the reason."""
    try:
        segments, records, open_projects = clean_interviews(raw_dir, entries, book)
    except (TechvetError, *PARSER_ERRORS) as error:
        for entry in entries:
            found.files.append(unread_record(entry, "failed", _failure(entry, error)))
        return clean_interviews(raw_dir, [], book)[0], []
    done = {record["file"] for record in records} | {entry.file for entry, _ in open_projects}
    found.files += records
    for entry in entries:
        if entry.file not in done:
            note = "case variables of the interview documents"
            found.files.append(unread_record(entry, "cleaned", note))
    return segments, open_projects


def _report_outcomes(raw_dir: Path, files: pd.DataFrame) -> None:
    """Warn about every skipped and failed file; refuse a folder with nothing usable."""
    for row in files[files["status"] == "skipped"].itertuples():
        warnings.warn(f"{row.file}: skipped ({row.note}).", UserWarning, stacklevel=3)
    for row in files[files["status"] == "failed"].itertuples():
        warnings.warn(f"failed: {row.note}", UserWarning, stacklevel=3)
    if not (files["status"] == "cleaned").any():
        listed = "; ".join(f"{row.file}: {row.status} ({row.note})" for row in files.itertuples())
        raise InputError(
            f"no file under {raw_dir} could be cleaned: {listed}. Fix or replace the files "
            "named, or add the study's exports."
        )


def _stacked(parts: list) -> pd.DataFrame:
    """Long tables of several files as one, categorical cells as text."""
    return categoricals_as_text(pd.concat(parts, ignore_index=True)) if parts else pd.DataFrame()


def _test_tables(tests, book):
    if not tests:
        return pd.DataFrame(), pd.DataFrame()
    pairs = [scored_tables(test, book) for test in tests]
    return (
        pd.concat([responses for responses, _ in pairs], ignore_index=True),
        pd.concat([scored for _, scored in pairs], ignore_index=True),
    )
