"""Clean the LMS export of the Learning Ambassador assessment test."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from techvet_survey.cleaning._columns import map_columns
from techvet_survey.cleaning._survey import source_rows
from techvet_survey.cleaning._values import language_code, parse_dates, parse_duration
from techvet_survey.codebook import Codebook, normalize_label
from techvet_survey.privacy import pseudonymise
from techvet_survey.scoring import response_status, score_against_key

TEST_RULES = ("no_codebook_item", "summary_row", "unfinished", "repeat_attempt")
SUMMARY_LABELS = ("overall average", "keskiarvo", "vidējais", "keskmine", "gemiddelde")


@dataclass(frozen=True)
class AssessmentFile:
    """The cleaning of one test export: responses, decisions and log."""

    rows: pd.DataFrame
    choices: pd.DataFrame
    reasons: pd.Series
    log: list[dict]


def _option_lookup(book: Codebook, item: str) -> dict[str, str]:
    lookup = {normalize_label(option): option for option in book.test_options}
    for lang in book.languages:
        for option in book.test_options:
            lookup[normalize_label(book.option_text(item, option, lang))] = option
    return lookup


def decode_choices(
    data: pd.DataFrame, book: Codebook, no_response: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Chosen options (letters) from option texts or letters; unknown texts flagged."""
    items = [item for item in book.test_items["item"] if item in data]
    choices, unknown = {}, {}
    for item in items:
        cells = data[item].astype("object").where(data[item].notna())
        blank = cells.isna() | cells.astype(str).str.strip().isin(["", no_response])
        lookup = _option_lookup(book, item)
        table = {
            value: lookup.get(normalize_label(value)) for value in pd.unique(cells[~blank].dropna())
        }
        decoded = cells.where(~blank).map(table)
        choices[item] = decoded
        unknown[item] = ~blank & decoded.isna()
    return pd.DataFrame(choices, index=data.index), pd.DataFrame(unknown, index=data.index)


def clean_test_export(export, book: Codebook, key: bytes) -> AssessmentFile:
    """Harmonise the quiz export: pseudonymous ids, language, chosen options, decisions."""
    file_name = export.provenance["file"]
    raw = export.frame
    profile = dict(book.export_profile("lms_quiz_csv"))
    mapping = map_columns(list(raw.columns), "lms_quiz_csv", book, file_name)
    data = raw[list(mapping.targets)].rename(columns=mapping.targets)
    out = pd.DataFrame(index=raw.index)
    out["source_file"] = file_name
    out["source_row"] = source_rows(export)
    identity_column = profile.get("identity")
    if identity_column in raw:
        identity = raw[identity_column].astype(str).str.strip().str.casefold()
    else:  # no e-mail to know a person by: each row of each file is its own test taker
        identity = file_name + ":" + out["source_row"].astype(str)
    out["respondent_id"] = pseudonymise((f"test:{value}" for value in identity), key, prefix="T")
    out["language"] = (
        language_code(data["language"], book.languages) if "language" in data else np.nan
    )
    out["submitted_at"] = parse_dates(data["submitted_at"]) if "submitted_at" in data else pd.NaT
    out["duration_s"] = parse_duration(data["duration_text"]) if "duration_text" in data else np.nan
    choices, unknown = decode_choices(data, book, profile.get("no_response", "-"))
    log = _check_items(choices, book, file_name, len(raw))
    choices = choices.reindex(columns=list(book.test_items["item"]))
    for item in unknown.columns[unknown.any()]:
        rows = out.loc[unknown[item], "source_row"].head(5).tolist()
        values = sorted(data.loc[unknown[item], item].astype(str).unique())[:5]
        warnings.warn(
            f"{file_name}, column for {item!r}, rows {rows}: answers {values} match no option "
            f"text of {item}; kept as unknown. Fix: correct the option text in the codebook.",
            stacklevel=2,
        )
        log.append(
            {
                "file": file_name,
                "rule": "unknown_option",
                "column": item,
                "count": int(unknown[item].sum()),
            }
        )
    state = (
        data["state"].astype(str).str.strip().str.casefold()
        if "state" in data
        else pd.Series("finished", index=raw.index)
    )
    reasons = pd.Series("", index=raw.index, dtype="object")
    reasons[state != "finished"] = "unfinished"
    if unknown.columns.empty:
        reasons[:] = "no_codebook_item"
    # LMS grade reports may end with an "Overall average" row that is no test taker.
    first_cell = raw.iloc[:, 0].astype(str).str.strip().str.casefold()
    reasons[first_cell.isin(SUMMARY_LABELS)] = "summary_row"
    order = out["submitted_at"].sort_values(kind="stable").index
    repeat = identity.loc[order][reasons.loc[order] == ""].duplicated(keep="first")
    reasons[repeat[repeat].index] = "repeat_attempt"
    return AssessmentFile(rows=out, choices=choices, reasons=reasons, log=log)


def _check_items(choices: pd.DataFrame, book: Codebook, file_name: str, rows: int) -> list:
    """Warn when test items have no column in the file (all of them: no row is kept)."""
    items = list(book.test_items["item"])
    missing = [item for item in items if item not in choices]
    if not missing:
        return []
    if len(missing) == len(items):
        message = (
            f"{file_name}: no column matches a test item of the codebook, so its {rows} rows "
            "are excluded as 'no_codebook_item'. Fix: export the quiz's Responses report "
            "(one 'Response N' column per question) of the study's test."
        )
    else:
        message = (
            f"{file_name}: test items {missing} have no column in this file (it has "
            f"{len(items) - len(missing)} of the codebook's {len(items)} questions); they "
            "count as not answered. Fix: export the Responses report of the whole test."
        )
    warnings.warn(message, UserWarning, stacklevel=3)
    return [{"file": file_name, "rule": "missing_test_items", "count": len(missing)}]


def scored_tables(test: AssessmentFile, book: Codebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Wide tables of kept test takers: choices with status, and 0/1 scores.

    Omitted items (a blank followed by later answers) score 0; not-reached items (the
    trailing blanks) stay missing, as in item calibration.
    """
    kept = test.reasons == ""
    ids = test.rows.loc[kept, ["respondent_id", "language"]]
    choices = test.choices.loc[kept]
    scored = score_against_key(choices, book.test_key)
    status = response_status(choices)
    responses = pd.concat([ids, choices], axis=1).reset_index(drop=True)
    scores = pd.concat([ids, scored], axis=1).reset_index(drop=True)
    scores["n_omitted"] = (status == "omitted").sum(axis=1).to_numpy()
    scores["n_not_reached"] = (status == "not_reached").sum(axis=1).to_numpy()
    return responses, scores
