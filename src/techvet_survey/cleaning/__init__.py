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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from techvet_survey._results import Result
from techvet_survey.cleaning._assessment import TEST_RULES, clean_test_export, scored_tables
from techvet_survey.cleaning._chunked import clean_export_chunked
from techvet_survey.cleaning._config import EXCLUSION_ORDER, CleaningConfig
from techvet_survey.cleaning._interviews import clean_interviews
from techvet_survey.cleaning._long import categoricals_as_text
from techvet_survey.cleaning._outputs import write_outputs
from techvet_survey.cleaning._survey import clean_survey_export
from techvet_survey.codebook import Codebook
from techvet_survey.errors import InputError
from techvet_survey.io import file_inventory, read_export
from techvet_survey.privacy import load_key

__all__ = [
    "EXCLUSION_ORDER",
    "TEST_RULES",
    "CleaningConfig",
    "CleaningResult",
    "clean_export_chunked",
    "clean_study",
    "write_outputs",
]

SURVEY_FLAVOURS = (
    "webropol_xlsx",
    "msforms_xlsx",
    "limesurvey_csv",
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
    test_responses, test_scored : the assessment test (chosen options; 0/1 scores)
    segments : interview segments (scrubbed), with case variables
    exclusions : one row per excluded row: file, row, id, reason
    log : counts of every change per file, rule and column
    files : per input file: flavour, sha256, rows read, kept and excluded, and the
        encoding and header row the reader chose
    unmapped : columns no codebook item claimed (content not kept for personal data)
    """

    survey: pd.DataFrame
    survey_long: pd.DataFrame
    test_responses: pd.DataFrame
    test_scored: pd.DataFrame
    segments: pd.DataFrame
    exclusions: pd.DataFrame
    log: pd.DataFrame
    files: pd.DataFrame
    unmapped: pd.DataFrame

    def summary(self) -> pd.DataFrame:
        """Per file: rows read, kept, and excluded by reason (for the CLI and reports)."""
        reasons = self.exclusions.pivot_table(
            index="file", columns="reason", values="source_row", aggfunc="count", fill_value=0
        )
        table = self.files.set_index("file")[["flavour", "rows_read", "rows_kept", "rows_excluded"]]
        return (
            table.join(reasons)
            .fillna(0)
            .astype({reason: int for reason in reasons.columns})
            .reset_index()
        )


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


def _file_record(entry, rows_read, kept, excluded, provenance=None) -> dict:
    if rows_read != kept + excluded:
        raise RuntimeError(
            f"accounting failed for {entry.file}: {rows_read} rows read but {kept} kept and "
            f"{excluded} excluded. This is a bug; please report it with the file's flavour."
        )
    return {
        "file": entry.file,
        "flavour": entry.flavour,
        "sha256": entry.sha256,
        "rows_read": rows_read,
        "rows_kept": kept,
        "rows_excluded": excluded,
        # How the file was read (decisions a re-read can override): the detected
        # encoding and the header row of a text or workbook export.
        "encoding": (provenance or {}).get("encoding"),
        "header_row": (provenance or {}).get("header_row"),
    }


def clean_study(
    raw_dir: str | Path = "data/raw",
    codebook: Codebook | None = None,
    config: CleaningConfig | None = None,
    *,
    key_file: str | Path | None = None,
    progress=None,
) -> CleaningResult:
    """Clean every export under `raw_dir`.

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
        For a file that cannot be used, naming the file, row and column and the fix.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(f"`raw_dir` {raw_dir} is not a folder: pass the folder of raw exports.")
    book = codebook or Codebook.load()
    config = config or CleaningConfig()
    key = load_key(key_file or raw_dir.parent / "pseudonym.key")
    inventory = file_inventory(raw_dir)
    problems = inventory.loc[inventory["problem"].notna() & (inventory["problem"] != "")]
    if len(problems):
        listed = "; ".join(f"{row.file}: {row.problem}" for row in problems.itertuples())
        raise InputError(f"{len(problems)} raw file(s) cannot be read: {listed}")
    survey, long, tests, exclusions, logs, files, unmapped = [], [], [], [], [], [], []
    interview_entries = []
    for entry in inventory.itertuples():
        if progress is not None:
            progress(entry.file)
        if entry.flavour in INTERVIEW_FLAVOURS:
            interview_entries.append(entry)
            continue
        export = read_export(raw_dir / entry.file)
        export.provenance["file"] = entry.file
        if entry.flavour in TEST_FLAVOURS:
            cleaned = clean_test_export(export, book, key)
            tests.append(cleaned)
        elif entry.flavour in SURVEY_FLAVOURS:
            cleaned = clean_survey_export(export, book, config, key)
            survey.append(cleaned.rows.loc[cleaned.reasons == ""])
            long.append(cleaned.long)
            unmapped += [
                {"file": entry.file, "column": column, "kept": "aside"}
                for column in cleaned.mapping.unmapped
            ]
            unmapped += [
                {"file": entry.file, "column": column, "kept": "no (personal data)"}
                for column in cleaned.mapping.personal
            ]
        else:
            warnings.warn(
                f"{entry.file}: flavour {entry.flavour!r} is not used by the cleaning; skipped.",
                stacklevel=2,
            )
            continue
        logs += cleaned.log
        exclusions.append(_exclusions(entry.file, cleaned.rows, cleaned.reasons))
        kept = int((cleaned.reasons == "").sum())
        files.append(
            _file_record(
                entry, len(export.frame), kept, len(cleaned.reasons) - kept, export.provenance
            )
        )
        logs += [
            {"file": entry.file, "rule": reason, "column": "", "count": int(count)}
            for reason, count in cleaned.reasons[cleaned.reasons != ""].value_counts().items()
        ]
    segments, segment_files = clean_interviews(raw_dir, interview_entries, book)
    files += segment_files
    test_responses, test_scored = _test_tables(tests, book)
    return CleaningResult(
        survey=pd.concat(survey, ignore_index=True) if survey else pd.DataFrame(),
        survey_long=(
            categoricals_as_text(pd.concat(long, ignore_index=True)) if long else pd.DataFrame()
        ),
        test_responses=test_responses,
        test_scored=test_scored,
        segments=segments,
        exclusions=pd.concat(exclusions, ignore_index=True)
        if exclusions
        else pd.DataFrame(columns=["file", "source_row", "respondent_id", "reason"]),
        log=pd.DataFrame(logs, columns=["file", "rule", "column", "count"]),
        files=pd.DataFrame(files),
        unmapped=pd.DataFrame(unmapped, columns=["file", "column", "kept"]),
    )


def _test_tables(tests, book):
    if not tests:
        return pd.DataFrame(), pd.DataFrame()
    pairs = [scored_tables(test, book) for test in tests]
    return (
        pd.concat([responses for responses, _ in pairs], ignore_index=True),
        pd.concat([scored for _, scored in pairs], ignore_index=True),
    )
