"""Decode raw cells into codes: labels per language, tool answer codes, SPSS values, dates.

Every decoder works on the distinct values of a column (few) and maps the column in one
vectorised step, so that cleaning a million rows costs little more than reading them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from techvet_survey.codebook import Codebook, normalize_label

VALID_LIKERT = (1, 2, 3, 4, 5)
DATE_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%Y %H:%M:%S",
    "%d %B %Y %I:%M %p",
    "%d.%m.%Y",
    "%Y-%m-%d",
)
LANGUAGE_IN_PARENTHESES = re.compile(r"\(([a-z]{2})\)\s*$")
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
EXCEL_SERIAL_RANGE = (20_000, 80_000)  # 1954-10-03 to 2119-01-10


def _mapped(values: pd.Series, lookup: Mapping, key=normalize_label) -> pd.Series:
    """Map each distinct non-missing value through `key` and `lookup` (NaN when absent)."""
    present = values.dropna()
    table = {value: lookup.get(key(value)) for value in pd.unique(present)}
    return values.map(table)


def decode_likert(
    values: pd.Series, *, book: Codebook, lang: str | None, codes=None
) -> pd.DataFrame:
    """Decode one Likert column to answer codes.

    Parameters
    ----------
    values : Series
        Raw cells: labels (any language), tool answer codes (``A1``) or numbers.
    lang : str, optional
        The language of the labels; every language is tried when None.
    codes : mapping, optional
        Tool answer codes (LimeSurvey ``{"A1": 1, ...}``).

    Returns
    -------
    DataFrame
        ``code`` (float: 1-5, the missing codes 8/9, NaN) and ``status``: ``"valid"``,
        ``"dont_know"``, ``"not_applicable"``, ``"unanswered"``, ``"unknown_label"`` or
        ``"out_of_range"``.
    """
    lookup: dict = {}
    for language in [lang] if lang else book.languages:
        lookup |= book.label_map("agree5", language)
    if codes:
        lookup |= {normalize_label(code): value for code, value in codes.items()}
    missing = book.missing_codes("agree5")
    # Decode the few distinct cells once and broadcast back (one pass over the column).
    positions, distinct = pd.factorize(values, use_na_sentinel=True)
    decoded = np.array([_decode_cell(cell, lookup) for cell in distinct] + [np.nan], dtype=float)
    is_blank = np.array([_is_blank(cell) for cell in distinct] + [True], dtype=bool)
    code = pd.Series(decoded[positions], index=values.index)
    blank = is_blank[positions]
    status = np.full(len(values), "valid", dtype=object)
    for missing_code, reason in missing.items():
        status[code.to_numpy() == missing_code] = reason
    known = code.isin([*VALID_LIKERT, *missing]).to_numpy()
    status[code.notna().to_numpy() & ~known] = "out_of_range"
    status[code.isna().to_numpy() & ~blank] = "unknown_label"
    status[blank] = "unanswered"
    status = pd.Series(status, index=values.index, dtype="object")
    return pd.DataFrame({"code": code, "status": status})


def _is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, float) and np.isnan(cell)) or str(cell).strip() == ""


def _decode_cell(cell, lookup: Mapping) -> float:
    """A label or tool code through `lookup`, else a number, else NaN."""
    if _is_blank(cell):
        return np.nan
    if isinstance(cell, int | float | np.integer | np.floating):
        return float(cell)
    found = lookup.get(normalize_label(cell))
    if found is not None:
        return float(found)
    try:
        return float(str(cell).strip().replace(",", "."))
    except ValueError:
        return np.nan


def decode_labels(values: pd.Series, lookup: Mapping) -> pd.Series:
    """Map labels (normalised) to codes; numbers pass through as numbers."""
    text = values.astype("object").where(values.notna())
    numeric = pd.to_numeric(text, errors="coerce")
    return _mapped(text.where(numeric.isna()), lookup).astype(float).fillna(numeric)


def label_lookup(labels_by_lang: list[Mapping[int, str]]) -> dict[str, int]:
    """Normalised label -> code, over several languages."""
    return {
        normalize_label(label): code for labels in labels_by_lang for code, label in labels.items()
    }


def harmonise(values: pd.Series, mapping: Mapping[str, str]) -> tuple[pd.Series, pd.Series]:
    """Map spellings of a country or group to codes; return (codes, unknown raw values)."""
    codes = _mapped(values.astype("object"), mapping)
    unknown = values.notna() & codes.isna() & (values.astype(str).str.strip() != "")
    return codes, values.where(unknown)


def excel_serials(values: pd.Series) -> pd.Series:
    """Day numbers of cells that are Excel serial dates (NaN elsewhere).

    A number (or a text holding only a number) between 20,000 and 80,000 is taken as
    days since 1899-12-30, the Excel (Windows) epoch: a date column whose cell format
    was lost in a re-saved workbook or a CSV written by a spreadsheet program.

    Examples
    --------
    >>> excel_serials(pd.Series([46080.5, "46081", "2026-03-01", 7])).tolist()
    [46080.5, 46081.0, nan, nan]
    """
    plain = values.map(lambda value: not isinstance(value, bool | np.bool_ | pd.Timestamp))
    numbers = pd.to_numeric(values.where(plain).astype("object"), errors="coerce")
    low, high = EXCEL_SERIAL_RANGE
    return numbers.where(numbers.between(low, high)).astype(float)


def parse_dates(values: pd.Series) -> pd.Series:
    """Parse timestamps written in any of the formats the survey tools use.

    Datetime cells (Excel, SPSS) pass through; strings are tried against each format of
    :data:`DATE_FORMATS` in turn, so a column mixing ``28.11.2026 14:05`` and
    ``2026-11-28 14:05:00`` parses completely. Excel serial day numbers are converted
    (see :func:`excel_serials`); the caller reports how many.
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.astype("datetime64[ns]")
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    is_stamp = values.map(
        lambda value: isinstance(value, pd.Timestamp | np.datetime64) or hasattr(value, "year")
    )
    if is_stamp.any():
        result[is_stamp] = pd.to_datetime(values[is_stamp].astype("object"))
    text = values[~is_stamp].dropna().astype(str).str.strip()
    text = text[text != ""]
    for pattern in DATE_FORMATS:
        pending = text.index[result[text.index].isna()]
        if len(pending) == 0:
            break
        result[pending] = pd.to_datetime(text[pending], format=pattern, errors="coerce")
    serials = excel_serials(values.where(result.isna()))
    if serials.notna().any():
        days = pd.to_timedelta(serials[serials.notna()], unit="D")
        result[serials.notna()] = (EXCEL_EPOCH + days).dt.round("s")
    return result


def parse_duration(values: pd.Series) -> pd.Series:
    """Seconds from numbers, ``"12 mins 5 secs"`` texts or ``hh:mm:ss``."""
    numeric = pd.to_numeric(values, errors="coerce")
    text = values.astype(str)
    minutes = text.str.extract(r"(\d+)\s*min", expand=False).astype(float)
    seconds = text.str.extract(r"(\d+)\s*sec", expand=False).astype(float)
    from_words = minutes.fillna(0) * 60 + seconds.fillna(0)
    from_words = from_words.where(minutes.notna() | seconds.notna())
    return numeric.fillna(from_words)


def language_code(values: pd.Series, languages) -> pd.Series:
    """Language codes from ``"fi"``, ``"Suomi (fi)"`` or ``"FI"``."""
    text = values.astype("object").where(values.notna()).astype(str).str.strip()
    inner = text.str.extract(LANGUAGE_IN_PARENTHESES, expand=False)
    code = inner.fillna(text.str.casefold())
    return code.where(code.isin(list(languages)))


def best_language(cells: pd.DataFrame, book: Codebook) -> str | None:
    """The language whose Likert labels match most cells of `cells` (None if no label)."""
    distinct = {
        normalize_label(value)
        for value in pd.unique(cells.to_numpy().ravel())
        if isinstance(value, str)
    }
    scores = {lang: len(distinct & set(book.label_map("agree5", lang))) for lang in book.languages}
    best = max(scores, key=scores.get)
    return best if scores[best] else None
