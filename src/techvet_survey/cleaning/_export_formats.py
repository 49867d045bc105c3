"""Copies of the processed survey and test tables for SPSS, Stata and Excel.

Each copy carries the codebook's metadata: variable labels (the question text in one
language), value labels (the answer labels) and the missing-value codes of the answer
scales ("don't know", "not applicable"): user-missing values in SPSS (8, 9), extended
missing values in Stata (``.a``, ``.b``), the codes themselves in Excel, where a second
sheet lists every variable's label, values and missing codes.
"""

from __future__ import annotations

import io
import string
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from techvet_survey._files import (
    atomic_path,
    atomic_write_bytes,
    stabilise_dta,
    stabilise_sav,
    stable_zip,
)
from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError, InputError

EXPORT_FORMATS = ("sav", "dta", "xlsx")
EXPORT_TABLES = ("survey", "test_scored")
STATA_LABEL_BYTES = 80


@dataclass
class Labelled:
    """A table with its variable labels, value labels and missing codes."""

    name: str
    data: pd.DataFrame
    variable_labels: dict[str, str] = field(default_factory=dict)
    value_labels: dict[str, dict[int, str]] = field(default_factory=dict)
    missing: dict[str, dict[int, str]] = field(default_factory=dict)
    """Column -> missing code -> label (the codes are in `data`, not NaN)."""


def check_formats(formats) -> tuple[str, ...]:
    """The export formats asked for, checked.

    Examples
    --------
    >>> check_formats("sav, xlsx")
    ('sav', 'xlsx')
    """
    parts = formats.split(",") if isinstance(formats, str) else list(formats)
    chosen = [str(part).strip().lower().lstrip(".") for part in parts]
    chosen = [part for part in chosen if part]
    unknown = [part for part in chosen if part not in EXPORT_FORMATS]
    if unknown or not chosen:
        raise ArgumentError(
            f"unknown export format(s) {unknown or chosen}; choose from "
            f"{', '.join(EXPORT_FORMATS)} (comma-separated, e.g. --format sav,dta)."
        )
    return tuple(dict.fromkeys(chosen))


def labelled_survey(processed: Path, book: Codebook, lang: str) -> Labelled:
    """The wide survey table with labels; don't-know and not-applicable answers as their
    codes (from ``survey_long``), so that they can be declared missing."""
    survey = _read(processed, "survey")
    table = Labelled("survey", _plain(survey))
    reverse = set(book.reverse_items())
    long = _read(processed, "survey_long")
    for row in book.items.itertuples():
        if row.item not in table.data.columns:
            continue
        scale = row.response_scale
        labels = book.value_labels(scale, lang)
        if row.item in reverse:
            # The table holds recoded values (high = capable): label each value with the
            # answer given.
            top = max(labels) + min(labels)
            labels = {top - code: label for code, label in labels.items()}
        table.variable_labels[row.item] = book.item_text(row.item, lang)
        table.value_labels[row.item] = labels
        table.missing[row.item] = book.missing_labels(scale, lang)
        _put_missing_codes(table.data, long, row.item, book.missing_codes(scale))
    for item in book.background["item"]:
        if item not in table.data.columns:
            continue
        table.variable_labels[item] = book.question_text(item, lang)
        entry = book.raw["background"][item]
        if "values" in entry or "response_scale" in entry:  # not a numeric or text item
            table.value_labels[item] = book.background_values(item, lang)
    for item, entry in book.raw.get("multiselect", {}).items():
        question = entry["text"][lang]
        for option, label in book.multiselect_options(item, lang).items():
            if f"{item}_{option}" in table.data.columns:
                # the option first: Stata's 80 bytes keep what tells the columns apart
                table.variable_labels[f"{item}_{option}"] = f"{label} ({question})"
    for item, entry in book.raw.get("free_text", {}).items():
        if item in table.data.columns:
            table.variable_labels[item] = entry["text"][lang]
    return table


def labelled_test(processed: Path, book: Codebook, lang: str) -> Labelled:
    """The scored test (1 correct, 0 wrong, empty not answered) with the item stems."""
    table = Labelled("test_scored", _plain(_read(processed, "test_scored")))
    for row in book.test_items.itertuples():
        if row.item in table.data.columns:
            table.variable_labels[row.item] = getattr(row, f"stem_{lang}")
    table.variable_labels["language"] = book.question_text("language", lang)
    return table


def export_tables(
    processed_dir: str | Path = "data/processed",
    out_dir: str | Path = "data/export",
    formats=EXPORT_FORMATS,
    *,
    lang: str = "en",
    codebook: Codebook | None = None,
) -> list[Path]:
    """Write the survey and test tables as SPSS ``.sav``, Stata ``.dta`` and/or ``.xlsx``.

    Parameters
    ----------
    processed_dir : str or Path
        The processed tables (``survey``, ``survey_long``, ``test_scored`` parquet).
    out_dir : str or Path
        Output folder (created); one file per table and format, e.g. ``survey.sav``.
    formats : str or sequence of str
        Any of ``sav``, ``dta``, ``xlsx`` (a comma-separated string or a sequence).
    lang : str
        Language of the variable and value labels.
    codebook : Codebook, optional
        The instrument (the bundled one by default).

    Returns
    -------
    list of Path
        The files written; a table without rows is left out with a warning.

    Raises
    ------
    InputError
        When a processed table is missing (naming the command that makes it).
    ArgumentError
        For an unknown format or language.
    """
    chosen = check_formats(formats)
    book = codebook or Codebook.load()
    lang = book.check_language(lang)
    processed, out = Path(processed_dir), Path(out_dir)
    tables = [labelled_survey(processed, book, lang), labelled_test(processed, book, lang)]
    writers = {"sav": write_sav, "dta": write_dta, "xlsx": write_labelled_xlsx}
    written = []
    for table in tables:
        if table.data.empty:
            warnings.warn(
                f"{processed / table.name}.parquet has no rows (the study has no such "
                f"answers): no copy of {table.name} written.",
                UserWarning,
                stacklevel=2,
            )
            continue
        for extension in chosen:
            path = out / f"{table.name}.{extension}"
            writers[extension](table, path)
            written.append(path)
    return written


def write_sav(table: Labelled, path: Path) -> None:
    """SPSS: the missing codes declared user-missing (``MISSING VALUES``)."""
    import pyreadstat

    with atomic_path(path) as temporary:
        pyreadstat.write_sav(
            table.data,
            str(temporary),
            column_labels=_column_labels(table),
            variable_value_labels={
                column: {**table.value_labels.get(column, {}), **table.missing.get(column, {})}
                for column in {*table.value_labels, *table.missing}
            },
            missing_ranges={column: list(codes) for column, codes in table.missing.items()},
        )
    stabilise_sav(path)


def write_dta(table: Labelled, path: Path) -> None:
    """Stata: each missing code as an extended missing value (``.a``, ``.b``, ...) in
    the codes' order, labelled with its reason. Stata keeps 80 bytes of a variable
    label: longer question texts are shortened with an ellipsis (the ``.sav`` and
    ``.xlsx`` copies keep them whole)."""
    import pyreadstat

    data = table.data.copy()
    value_labels = {column: dict(labels) for column, labels in table.value_labels.items()}
    user_missing = {}
    for column, codes in table.missing.items():
        letters = dict(zip(sorted(codes), string.ascii_lowercase, strict=False))
        cells = data[column].astype(object)
        data[column] = cells.map(lambda value, letters=letters: letters.get(value, value))
        user_missing[column] = list(letters.values())
        value_labels.setdefault(column, {}).update(
            {letters[code]: label for code, label in codes.items()}
        )
    with atomic_path(path) as temporary:
        pyreadstat.write_dta(
            data,
            str(temporary),
            column_labels=[_shortened(label, STATA_LABEL_BYTES) for label in _column_labels(table)],
            variable_value_labels=value_labels,
            missing_user_values=user_missing,
            version=15,
        )
    stabilise_dta(path)


def write_labelled_xlsx(table: Labelled, path: Path) -> None:
    """Excel: the codes on a ``data`` sheet, each variable's label, values and missing
    codes on a ``variables`` sheet; text cells starting like a formula neutralised."""
    from techvet_survey.cleaning._outputs import neutralise_formulas

    variables = pd.DataFrame(
        {
            "variable": list(table.data.columns),
            "label": [table.variable_labels.get(column, "") for column in table.data.columns],
            "values": [_listing(table.value_labels.get(c, {})) for c in table.data.columns],
            "missing": [_listing(table.missing.get(c, {})) for c in table.data.columns],
        }
    )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise_formulas(table.data).to_excel(writer, sheet_name="data", index=False)
        neutralise_formulas(variables).to_excel(writer, sheet_name="variables", index=False)
    atomic_write_bytes(path, stable_zip(buffer.getvalue()))


def _shortened(label: str | None, limit: int) -> str | None:
    """`label` cut to `limit` UTF-8 bytes, ending with an ellipsis when cut.

    Examples
    --------
    >>> _shortened("Täysin samaa mieltä", 10)
    'Täysin…'
    """
    if label is None or len(label.encode("utf-8")) <= limit:
        return label
    ellipsis = "…"
    kept = label.encode("utf-8")[: limit - len(ellipsis.encode("utf-8"))]
    return kept.decode("utf-8", errors="ignore").rstrip() + ellipsis


def _listing(labels: dict[int, str]) -> str:
    return "; ".join(f"{code} = {label}" for code, label in labels.items())


def _column_labels(table: Labelled) -> list[str | None]:
    return [table.variable_labels.get(column) for column in table.data.columns]


def _put_missing_codes(data: pd.DataFrame, long: pd.DataFrame, item: str, codes) -> None:
    """Write the missing code of every don't-know / not-applicable answer of `item`."""
    by_reason = {reason: code for code, reason in codes.items()}
    answers = long[(long["item"] == item) & long["status"].isin(by_reason)]
    if answers.empty:
        return
    code_of = dict(zip(answers["respondent_id"], answers["status"].map(by_reason), strict=True))
    coded = data["respondent_id"].map(code_of)
    data[item] = data[item].where(coded.isna(), coded.astype("float64"))


def _plain(table: pd.DataFrame) -> pd.DataFrame:
    """Text columns as object (the dtype the writers know), a fresh index."""
    table = table.reset_index(drop=True).copy()
    for column in table.columns:
        if pd.api.types.is_string_dtype(table[column]) or table[column].dtype == object:
            table[column] = table[column].astype(object).where(table[column].notna(), None)
    return table


def _read(processed: Path, name: str) -> pd.DataFrame:
    path = processed / f"{name}.parquet"
    if not path.exists():
        raise InputError(
            f"{path} does not exist; clean the raw exports first (python -m techvet_survey "
            f"clean --out {processed}), or name their folder with --processed DIR."
        )
    return pd.read_parquet(path)
