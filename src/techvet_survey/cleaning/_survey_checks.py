"""The warnings of a survey file's cleaning: files and columns that match nothing,
background cells outside the codebook, SPSS labels that disagree with it, dates stored
as spreadsheet serials, problem cells of the Likert items. Each names the file, the
column, the rows and the fix, and counts itself in the log."""

from __future__ import annotations

import difflib
import warnings
from functools import lru_cache

import pandas as pd

from techvet_survey.cleaning._columns import ColumnMapping, question_key
from techvet_survey.cleaning._config import NO_CODEBOOK_ITEM
from techvet_survey.codebook import Codebook, normalize_label

CODED_BACKGROUND = ("gender", "age_band", "field")
BACKGROUND_ITEMS = (*CODED_BACKGROUND, "experience_years", "prior_training")
PROBLEM_STATUSES = ("unknown_label", "out_of_range")
MAX_COMPARED_COLUMNS = 25  # columns compared with the questions for a hint (20 ms each)
NEAREST_SHOWN = 3


def text_items(book: Codebook) -> list[str]:
    """The open questions (codebook items of type ``text``), in codebook order."""
    return book.text_items["item"].tolist()


def _warn_and_log(log, file_name, column, raw_column, rows, what, fix, *, rule) -> None:
    """One warning naming the file, column and first rows, and one log entry."""
    named = repr(raw_column) if raw_column == column else f"{raw_column!r} ({column})"
    warnings.warn(
        f"{file_name}, column {named}, rows {rows.head(5).tolist()}: {what}. Fix: {fix}.",
        stacklevel=4,
    )
    log.append({"file": file_name, "rule": rule, "column": column, "count": len(rows)})


def _warn_no_codebook_item(mapping: ColumnMapping, book: Codebook, file_name, n_rows) -> bool:
    """True (and a warning naming the nearest codebook questions) when no column of the
    file maps to a codebook item: its rows are then excluded as such, not as blank."""
    substantive = {*book.items["item"], *BACKGROUND_ITEMS, *text_items(book), "channels"}
    substantive |= {f"channels_{option}" for option in book.multiselect_options("channels")}
    if substantive & set(mapping.targets.values()):
        return False
    questions = _question_texts(book)
    near = []
    for column in mapping.unmapped[:MAX_COMPARED_COLUMNS]:
        key = question_key(column)
        for match in difflib.get_close_matches(key, list(questions), n=1, cutoff=0.6):
            score = difflib.SequenceMatcher(None, key, match).ratio()
            near.append((score, column, *questions[match]))
    near.sort(key=lambda entry: -entry[0])
    listed = "; ".join(
        f"{column!r} ~ {item} ({text!r})" for _, column, item, text in near[:NEAREST_SHOWN]
    )
    warnings.warn(
        f"{file_name}: no column matches a codebook item (columns "
        f"{list(mapping.unmapped[:5])}{' ...' if len(mapping.unmapped) > 5 else ''}), so its "
        f"{n_rows} row(s) are excluded as {NO_CODEBOOK_ITEM!r}. "
        + (
            f"Nearest codebook matches: {listed}. "
            if listed
            else "No column is near a codebook question. "
        )
        + "Fix: name the columns by the codebook's item codes or question texts, or add the "
        "tool's column codes to its export profile in the codebook.",
        stacklevel=3,
    )
    return True


def _warn_no_likert_item(mapping: ColumnMapping, book: Codebook, file_name, n_rows) -> None:
    """A file that maps only background or administrative columns: its rows answer no
    scale, so they will be excluded as incomplete; say so instead of leaving it silent."""
    if set(book.items["item"]) & set(mapping.targets.values()) or not n_rows:
        return
    mapped = sorted(set(mapping.targets.values()))
    warnings.warn(
        f"{file_name}: no column matches a Likert item of the codebook (mapped only "
        f"{mapped}), so its {n_rows} row(s) answer no scale and are excluded as incomplete. "
        "Fix: name the item columns by the codebook's item codes or question texts, or add "
        "the tool's column codes to its export profile in the codebook.",
        stacklevel=3,
    )


@lru_cache(maxsize=8)
def _question_texts(book: Codebook) -> dict[str, tuple[str, str]]:
    """Folded question text or code -> (item, text as written), for nearest matches."""
    texts: dict[str, tuple[str, str]] = {}
    for item in book.items["item"]:
        texts.setdefault(question_key(item), (item, item))
        for text in book.item_texts(item):
            texts.setdefault(question_key(text), (item, text))
    for item in BACKGROUND_ITEMS:
        for lang in book.languages:
            text = book.question_text(item, lang)
            texts.setdefault(question_key(text), (item, text))
    for item in text_items(book):
        for text in book.text_item_texts(item):
            texts.setdefault(question_key(text), (item, text))
    return texts


def _warn_background_cells(statuses, data, out, book: Codebook, file_name, raw_names) -> None:
    """Warn of unknown labels and out-of-range values of the background items."""
    for status in PROBLEM_STATUSES:
        hit = statuses.eq(status)
        for item in hit.columns[hit.any()]:
            found = sorted(data.loc[hit[item], item].astype(str).unique())[:10]
            named = f"{raw_names.get(item, item)!r} ({item})"
            rows = out.loc[hit[item], "source_row"].head(5).tolist()
            warnings.warn(
                f"{file_name}, column {named}, rows {rows}: {status.replace('_', ' ')} values "
                f"{found}; kept in the background table with status {status!r} and missing "
                f"in the wide table. Fix: {_background_fix(book, item, status)}.",
                stacklevel=3,
            )


def _background_fix(book: Codebook, item: str, status: str) -> str:
    bounds = book.background_range(item)
    if bounds is not None:
        return (
            f"{item} takes numbers from {bounds[0]:g} to {bounds[1]:g}; correct the value in "
            "the export or set it missing"
        )
    codes = ", ".join(
        f"{code} = {label!r}" for code, label in book.background_values(item, "en").items()
    )
    if status == "unknown_label":
        return (
            f"add the spelling to the variants of {item} in the codebook (its values: {codes}), "
            "or correct the cell"
        )
    return f"recode the cells to the codes of {item} ({codes}) or its labels"


def _check_spss_labels(meta: dict, mapping, book: Codebook, file_name: str, log: list) -> None:
    """Warn where an SPSS value label of a Likert item names another answer than the
    codebook gives its code (swapped missing codes, a reversed scale). The codes are
    decoded as the codebook defines them; the warning says which labels disagree."""
    labels = meta.get("variable_value_labels") or meta.get("value_labels") or {}
    lookup = {}
    for lang in book.languages:
        lookup |= book.label_map("agree5", lang)
    items = set(book.items["item"])
    clashes = {}
    for column, target in mapping.targets.items():
        if target in items and column in labels:
            found = [
                f"{code:g} = {label!r} (the codebook's {lookup[normalize_label(label)]})"
                for code, label in sorted(labels[column].items())
                if lookup.get(normalize_label(label), code) != code
            ]
            if found:
                clashes[column] = found
                log.append(
                    {
                        "file": file_name,
                        "rule": "spss_label_mismatch",
                        "column": target,
                        "count": len(found),
                    }
                )
    if clashes:
        first = next(iter(clashes))
        warnings.warn(
            f"{file_name}, columns {list(clashes)[:5]} ({len(clashes)} in all): SPSS value "
            f"labels disagree with the codebook, e.g. {first!r}: {'; '.join(clashes[first])}. "
            "The codes are read as the codebook defines them. Fix: correct the labels or "
            "the codes in the export.",
            stacklevel=4,
        )


def _report_serial_dates(column: str, serial: pd.Series, out, file_name: str, log: list):
    if serial.any():
        rows = out.loc[serial, "source_row"].head(5).tolist()
        warnings.warn(
            f"{file_name}, column {column!r}, rows {rows}: {int(serial.sum())} Excel "
            "serial day number(s) read as dates (days since 1899-12-30). Fix: format "
            "the column as dates in the export if this is wrong.",
            stacklevel=4,
        )
        log.append(
            {
                "file": file_name,
                "rule": "excel_serial_date",
                "column": column,
                "count": int(serial.sum()),
            }
        )


def _warn_problem_cells(statuses, data, out, file_name, log):
    for status in PROBLEM_STATUSES:
        hit = statuses.eq(status)
        if not hit.any(axis=None):
            continue
        for item in hit.columns[hit.any()]:
            rows = out.loc[hit[item], "source_row"].head(5).tolist()
            values = sorted(data.loc[hit[item], item].astype(str).unique())[:10]
            fix = (
                "add the label to the variants of the response scale in the codebook"
                if status == "unknown_label"
                else "correct the value in the export or set it missing"
            )
            warnings.warn(
                f"{file_name}, column {item!r}, rows {rows}: {status.replace('_', ' ')} values "
                f"{values}; kept in the long table with status {status!r} and missing in the "
                f"wide table. Fix: {fix}.",
                stacklevel=3,
            )
