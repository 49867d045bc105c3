"""Decode raw cells into codes: labels per language, tool answer codes, SPSS values, dates.

Every decoder works on the distinct values of a column (few) and maps the column in one
vectorised step, so that cleaning a million rows costs little more than reading them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from techvet_survey.codebook import Codebook, normalize_label
from techvet_survey.schemas import BACKGROUND_STATUSES, LIKERT_STATUSES

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
NO_VALUE_MARKS = ("", "-", "\u2013", "\u2014")  # a cell that says "no value"


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


def unambiguous_lookup(maps) -> dict[str, int]:
    """Normalised label -> code from several label maps (languages), leaving out every
    label that two maps give different codes (Dutch ``V`` is a woman, Latvian a man).

    Examples
    --------
    >>> sorted(unambiguous_lookup([{"v": 1, "m": 2}, {"v": 2, "s": 1}]).items())
    [('m', 2), ('s', 1)]
    """
    lookup: dict[str, int] = {}
    ambiguous: set[str] = set()
    for mapping in maps:
        for label, code in mapping.items():
            if lookup.setdefault(label, code) != code:
                ambiguous.add(label)
    return {label: code for label, code in lookup.items() if label not in ambiguous}


def decode_background(
    values: pd.Series, lookup: Mapping, *, codes=None, valid_range=None
) -> pd.DataFrame:
    """Decode one background column (gender, age band, ...) to codes with a status.

    Parameters
    ----------
    values : Series
        Raw cells: labels (any language, see `lookup`), codes or numbers.
    lookup : mapping
        Normalised label -> code.
    codes : collection of int, optional
        The valid codes of a coded item.
    valid_range : (float, float), optional
        The lowest and highest valid value of a numeric item (experience in years).

    Returns
    -------
    DataFrame
        ``code`` (float: the label's code or the number in the cell, NaN when neither)
        and ``status`` (categorical, :data:`BACKGROUND_STATUSES`): ``"valid"``,
        ``"unanswered"``, ``"unknown_label"`` (text that is no label) or
        ``"out_of_range"`` (a number that is no code, or outside `valid_range`).

    Examples
    --------
    >>> decoded = decode_background(
    ...     pd.Series(["f", "27", None, "x", 2]), {"f": 1, "m": 2}, codes={1, 2}
    ... )
    >>> decoded["code"].tolist(), decoded["status"].tolist()
    ([1.0, 27.0, nan, nan, 2.0], ['valid', 'out_of_range', 'unanswered', 'unknown_label', 'valid'])
    """
    positions, distinct = pd.factorize(values, use_na_sentinel=True)
    decoded = np.array([_decode_cell(cell, lookup) for cell in distinct] + [np.nan], dtype=float)
    status = [
        _background_status(cell, code, codes, valid_range)
        for cell, code in zip(distinct, decoded, strict=False)
    ]
    status = np.array(
        [BACKGROUND_STATUSES.index(name) for name in status]
        + [BACKGROUND_STATUSES.index("unanswered")],
        dtype=np.int8,
    )
    return pd.DataFrame(
        {
            "code": pd.Series(decoded[positions], index=values.index),
            "status": pd.Series(
                pd.Categorical.from_codes(status[positions], categories=BACKGROUND_STATUSES),
                index=values.index,
            ),
        }
    )


def _background_status(cell, code: float, codes, valid_range) -> str:
    if _is_blank(cell):
        return "unanswered"
    if np.isnan(code):
        return "unknown_label"
    if codes is not None and code not in codes:
        return "out_of_range"
    if valid_range is not None and not valid_range[0] <= code <= valid_range[1]:
        return "out_of_range"
    return "valid"


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
    """Seconds from a duration column, in any of the formats the survey and test tools write.

    Read are: numbers of seconds (LimeSurvey ``interviewtime``, Qualtrics ``Duration (in
    seconds)``; a decimal comma too); clock times ``hh:mm:ss`` (hours may pass 24) and
    ``d hh:mm:ss`` (SPSS ``DTIME``); unit words as Moodle's ``format_time`` writes them
    in English, Finnish, Estonian, Latvian and Dutch (``"2 hours 7 mins"``,
    ``"1 day 10 hours"``, ``"2 tuntia 7 min"``, ``"2 tundi 7 minutit"``, ``"2 stundas
    7 min."``, ``"2 uren 7 minuten"``, singular, plural and abbreviated: see
    :data:`DURATION_UNITS`) and its word for zero (``"now"``, ``"nyt"``...); and time
    and timedelta cells (SPSS ``TIME``, Excel ``[h]:mm:ss``). A leading minus sign is
    kept: a negative duration is a finding (see the ``negative_duration`` rule), not a
    format. Anything else, ``"12:05"`` (minutes or hours?) and ``"1:02:03:04"`` (no tool
    writes it) among them, is missing; :func:`unread_cells` finds those cells.

    Examples
    --------
    >>> parse_duration(pd.Series(["2 hours 7 mins", "1 day 10 hours", "00:12:05", 45])).tolist()
    [7620.0, 122400.0, 725.0, 45.0]
    >>> parse_duration(pd.Series(["2 tuntia 7 min", "2 stundas 7 min.", "12:05"])).tolist()
    [7620.0, 7620.0, nan]
    """
    return on_distinct(values, _parse_duration).astype(float)


MINUTE, HOUR, DAY = 60, 3600, 86400
# Unit words of Moodle's format_time (its language packs: "day(s)", "hour(s)", "min(s)",
# "sec(s)", "year(s)" in en, fi, et, lv, nl) and the other common spellings of each
# language, singular, plural and abbreviated; keys are case-folded, without a final dot.
DURATION_UNITS = {
    **dict.fromkeys(("year", "years", "vuosi", "vuotta", "aasta", "aastat", "aastad"), 365 * DAY),
    **dict.fromkeys(("gads", "gadi", "gadu", "jaar", "jaren"), 365 * DAY),
    **dict.fromkeys(("day", "days", "d", "päivä", "päivää", "pv", "päev", "päeva"), DAY),
    **dict.fromkeys(("p", "diena", "dienas", "dienu", "dag", "dagen"), DAY),
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h", "tunti", "tuntia", "t", "tund"), HOUR),
    **dict.fromkeys(("tundi", "stunda", "stundas", "stundu", "st", "uur", "uren", "u"), HOUR),
    **dict.fromkeys(("min", "mins", "minute", "minutes", "m", "minuutti", "minuuttia"), MINUTE),
    **dict.fromkeys(("minut", "minutit", "minutid", "minūte", "minūtes", "minūšu"), MINUTE),
    **dict.fromkeys(("minuut", "minuten"), MINUTE),
    **dict.fromkeys(("sec", "secs", "second", "seconds", "s", "sekunti", "sekuntia", "sek"), 1),
    **dict.fromkeys(("sekund", "sekundit", "sekunde", "sekundes", "sekunžu"), 1),
    **dict.fromkeys(("seconde", "seconden"), 1),
}
# Moodle writes a zero duration as its word for "now".
DURATION_ZERO = ("now", "nyt", "hetkel", "tagad", "nu")
_NUMBER = r"\d+(?:[.,]\d+)?"
_AMOUNTS = re.compile(rf"-?\s*(?:{_NUMBER}\s*[^\W\d_]+\.?(?:\s+|,\s*|\s*$))+")
_AMOUNT = rf"({_NUMBER})\s*([^\W\d_]+)"
_CONNECTIVES = re.compile(r"\s(?:and|ja|un|en)\s")
_CLOCK = re.compile(
    r"(?P<sign>-)?\s*(?:(?P<days>\d+)\s*(?:days?\s*)?\s)?\s*"
    r"(?P<hours>\d+):(?P<minutes>[0-5]?\d):(?P<seconds>[0-5]?\d(?:[.,]\d+)?)"
)


def _parse_duration(values: pd.Series) -> pd.Series:
    if pd.api.types.is_timedelta64_dtype(values):
        return values.dt.total_seconds()
    if pd.api.types.is_bool_dtype(values):
        return pd.Series(np.nan, index=values.index)
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float)
    seconds = pd.to_numeric(values, errors="coerce").astype(float)  # plain numbers: fast
    rest = seconds.isna() & values.notna()
    if not rest.any():
        return seconds
    cells = values[rest]
    if cells.dtype == object:
        seconds[rest] = cells.map(_seconds_of_object).astype(float)
        cells = cells.where(cells.map(lambda cell: isinstance(cell, str)).astype(bool))
    text = cells.astype("str").str.strip().str.casefold()
    seconds[rest] = seconds[rest].fillna(_text_seconds(text))
    return seconds


def _text_seconds(text: pd.Series) -> pd.Series:
    plain = text.where(text.str.fullmatch(f"-?{_NUMBER}").fillna(False).astype(bool))
    plain = pd.to_numeric(plain.str.replace(",", ".", regex=False), errors="coerce")
    seconds = plain.fillna(_clock_seconds(text)).fillna(_word_seconds(text))
    return seconds.where(~text.isin(DURATION_ZERO), 0.0)


def _seconds_of_object(cell) -> float:
    """Seconds of a time-of-day (SPSS TIME, Excel), timedelta or number cell; else NaN."""
    if isinstance(cell, bool | np.bool_):
        return np.nan
    if isinstance(cell, datetime.timedelta | np.timedelta64):
        return pd.Timedelta(cell).total_seconds()
    if isinstance(cell, datetime.time):
        return cell.hour * HOUR + cell.minute * MINUTE + cell.second + cell.microsecond / 1e6
    return np.nan


def _clock_seconds(text: pd.Series) -> pd.Series:
    parts = text.str.extract(f"^{_CLOCK.pattern}$")
    number = parts[["days", "hours", "minutes", "seconds"]].apply(
        lambda column: pd.to_numeric(column.str.replace(",", ".", regex=False), errors="coerce")
    )
    seconds = (
        number["days"].fillna(0) * DAY
        + number["hours"] * HOUR
        + number["minutes"] * MINUTE
        + number["seconds"]
    )
    return seconds.where(parts["sign"].isna(), -seconds)


def _word_seconds(text: pd.Series) -> pd.Series:
    """``"2 hours 7 mins"`` and the like: every part of the cell must be an amount with
    a known unit word, so a cell is read whole or not at all."""
    text = text.str.replace(_CONNECTIVES, " ", regex=True)
    whole = text.str.fullmatch(_AMOUNTS.pattern).fillna(False).astype(bool)
    if not whole.any():
        return pd.Series(np.nan, index=text.index)
    amounts = text[whole].str.extractall(_AMOUNT)
    unit = amounts[1].map(DURATION_UNITS)
    number = pd.to_numeric(amounts[0].str.replace(",", ".", regex=False), errors="coerce")
    product = (number * unit).astype(float)
    known = unit.notna().groupby(level=0).all()
    total = product.groupby(level=0).sum().where(known)
    negative = text[whole].str.startswith("-")
    total = total.where(~negative.reindex(total.index).to_numpy(), -total)
    return total.reindex(text.index)


def unread_cells(values: pd.Series, parsed: pd.Series) -> pd.Series:
    """True where a cell holds something but `parsed` is missing.

    Blank cells and a lone dash (``"-"``, how report tables such as Moodle's mark "no
    value") hold nothing.

    Examples
    --------
    >>> cells = pd.Series(["12 mins", "soon", " ", None, "-"])
    >>> unread_cells(cells, parse_duration(cells)).tolist()
    [False, True, False, False, False]
    """
    blank = on_distinct(
        values,
        lambda cells: (
            cells.isna() | cells.astype("object").astype(str).str.strip().isin(NO_VALUE_MARKS)
        ),
    ).astype(bool)
    return parsed.isna() & ~blank


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
