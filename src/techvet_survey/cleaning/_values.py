"""Decode raw cells into codes: labels per language, tool answer codes, SPSS values, dates.

Every decoder works on the distinct values of a column (few) and maps the column in one
vectorised step, so that cleaning a million rows costs little more than reading them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from techvet_survey.codebook import Codebook, normalize_label
from techvet_survey.schemas import LIKERT_STATUSES

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


def on_distinct(values: pd.Series, function) -> pd.Series:
    """`function` (element-wise, vectorised) computed on the distinct cells only.

    The column is factorised, `function` receives the distinct cells (and one missing
    cell) as a Series, and its result is broadcast back by position: a column of a
    million rows but a handful of labels costs a handful of evaluations.

    Examples
    --------
    >>> on_distinct(pd.Series(["a", None, "a", "b"]), lambda cells: cells.str.upper()).tolist()
    ['A', nan, 'A', 'B']
    """
    positions, distinct = pd.factorize(values, use_na_sentinel=True)
    if len(distinct) > len(values) // 2:
        return function(values)
    cells = pd.Series(distinct, dtype=values.dtype)
    if (positions < 0).any():  # one missing cell, at position -1 (the dtype holds missing)
        cells = pd.concat([cells, pd.Series([None], dtype=values.dtype)], ignore_index=True)
    result = function(cells)
    return pd.Series(result.to_numpy()[positions], index=values.index, dtype=result.dtype)


def _mapped(values: pd.Series, lookup: Mapping, key=normalize_label) -> pd.Series:
    """Map each distinct non-missing value through `key` and `lookup` (NaN when absent)."""
    positions, distinct = pd.factorize(values, use_na_sentinel=True)
    table = np.array([lookup.get(key(value)) for value in distinct] + [None], dtype=object)
    return pd.Series(table[positions], index=values.index, dtype=object)


def decode_likert(
    values: pd.Series, *, book: Codebook, lang: str | None, codes=None, factorized=None
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
    factorized : tuple, optional
        ``pd.factorize(values)``, when the caller has it already.

    Returns
    -------
    DataFrame
        ``code`` (float: 1-5, the missing codes 8/9, NaN) and ``status`` (categorical,
        :data:`LIKERT_STATUSES`): ``"valid"``, ``"dont_know"``, ``"not_applicable"``,
        ``"unanswered"``, ``"unknown_label"`` or ``"out_of_range"``.
    """
    lookup: dict = {}
    for language in [lang] if lang else book.languages:
        lookup |= book.label_map("agree5", language)
    if codes:
        lookup |= {normalize_label(code): value for code, value in codes.items()}
    missing = book.missing_codes("agree5")
    # Decode the few distinct cells once and broadcast back (one pass over the column).
    positions, distinct = factorized or pd.factorize(values, use_na_sentinel=True)
    decoded = np.array([_decode_cell(cell, lookup) for cell in distinct] + [np.nan], dtype=float)
    status = np.array(
        [_cell_status(cell, code, missing) for cell, code in zip(distinct, decoded, strict=False)]
        + [LIKERT_STATUSES.index("unanswered")],
        dtype=np.int8,
    )
    return pd.DataFrame(
        {
            "code": pd.Series(decoded[positions], index=values.index),
            "status": pd.Series(
                pd.Categorical.from_codes(status[positions], categories=LIKERT_STATUSES),
                index=values.index,
            ),
        }
    )


def _cell_status(cell, code: float, missing: Mapping) -> int:
    """The position in :data:`LIKERT_STATUSES` of one decoded distinct cell."""
    if _is_blank(cell):
        status = "unanswered"
    elif np.isnan(code):
        status = "unknown_label"
    elif code in missing:
        status = missing[code]
    elif code in VALID_LIKERT:
        status = "valid"
    else:
        status = "out_of_range"
    return LIKERT_STATUSES.index(status)


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
    return on_distinct(values, lambda cells: _decode_labels(cells, lookup))


def _decode_labels(values: pd.Series, lookup: Mapping) -> pd.Series:
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
    codes = _mapped(values, mapping)
    blank = on_distinct(values, lambda cells: cells.astype(str).str.strip() == "")
    unknown = values.notna() & codes.isna() & ~blank.astype(bool)
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
    :data:`DATE_FORMATS` in turn (the whole cell must match), so a column mixing
    ``28.11.2026 14:05`` and ``2026-11-28 14:05:00`` parses completely. Excel serial day
    numbers are converted (see :func:`excel_serials`); :func:`parse_dates_and_serials`
    also says which cells were serials.

    Examples
    --------
    >>> parse_dates(pd.Series(["28.11.2026 14:05", " 2026-11-28 14:05:00", 46080, "x"])).tolist()
    [Timestamp('2026-11-28 14:05:00'), Timestamp('2026-11-28 14:05:00'), \
Timestamp('2026-02-27 00:00:00'), NaT]
    """
    return parse_dates_and_serials(values)[0]


def parse_dates_and_serials(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """:func:`parse_dates`, and a boolean Series of the cells read as Excel serials."""
    serial = pd.Series(False, index=values.index)
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.astype("datetime64[ns]"), serial
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    is_text = values.notna()
    if not pd.api.types.is_string_dtype(values) or values.dtype == object:
        is_stamp = values.map(
            lambda value: isinstance(value, pd.Timestamp | np.datetime64) or hasattr(value, "year")
        ).astype(bool)
        if is_stamp.any():
            result[is_stamp] = pd.to_datetime(values[is_stamp].astype("object"))
        is_text &= ~is_stamp & values.map(lambda value: isinstance(value, str)).astype(bool)
    if is_text.any():
        result[is_text] = _parse_text_dates(values[is_text])
    pending = result.isna() & values.notna()
    if pending.any():
        serials = excel_serials(values[pending])
        serials = serials[serials.notna()]
        days = pd.to_timedelta(serials, unit="D")
        result[serials.index] = (EXCEL_EPOCH + days).dt.round("s")
        serial[serials.index] = True
    return result, serial


def _parse_text_dates(text: pd.Series) -> np.ndarray:
    """Text cells through each of :data:`DATE_FORMATS` in turn (vectorised, pyarrow)."""
    cells = pc.utf8_trim_whitespace(pa.array(text.astype(str), type=pa.string()))
    parsed = pa.nulls(len(cells), pa.timestamp("s"))
    for pattern in DATE_FORMATS:
        if parsed.null_count == 0:
            break
        attempt = pc.strptime(cells, format=pattern, unit="s", error_is_null=True)
        parsed = pc.coalesce(parsed, attempt)
    return parsed.to_numpy(zero_copy_only=False).astype("datetime64[ns]")


def parse_duration(values: pd.Series) -> pd.Series:
    """Seconds from numbers, ``"12 mins 5 secs"`` texts or ``hh:mm:ss``."""
    return on_distinct(values, _parse_duration).astype(float)


def _parse_duration(values: pd.Series) -> pd.Series:
    numeric = pd.to_numeric(values, errors="coerce")
    text = values.astype(str)
    minutes = text.str.extract(r"(\d+)\s*min", expand=False).astype(float)
    seconds = text.str.extract(r"(\d+)\s*sec", expand=False).astype(float)
    from_words = minutes.fillna(0) * 60 + seconds.fillna(0)
    from_words = from_words.where(minutes.notna() | seconds.notna())
    return numeric.fillna(from_words)


def language_code(values: pd.Series, languages) -> pd.Series:
    """Language codes from ``"fi"``, ``"Suomi (fi)"`` or ``"FI"``."""
    return on_distinct(values, lambda cells: _language_code(cells, list(languages)))


def _language_code(values: pd.Series, languages: list) -> pd.Series:
    text = values.astype("object").where(values.notna()).astype(str).str.strip()
    inner = text.str.extract(LANGUAGE_IN_PARENTHESES, expand=False)
    code = inner.fillna(text.str.casefold())
    return code.where(code.isin(languages)).astype(object)


def best_language_of(distinct_cells, book: Codebook) -> str | None:
    """The language whose Likert labels match most cells (None if no cell is a label).

    `distinct_cells` holds the distinct cells of each Likert column (a list of arrays).
    """
    distinct = {
        normalize_label(value)
        for cells in distinct_cells
        for value in cells
        if isinstance(value, str)
    }
    scores = {lang: len(distinct & set(book.label_map("agree5", lang))) for lang in book.languages}
    best = max(scores, key=scores.get)
    return best if scores[best] else None
