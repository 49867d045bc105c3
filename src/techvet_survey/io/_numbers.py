"""Numbers written as text: decimal-comma detection and parsing."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

from techvet_survey._validation import check_argument
from techvet_survey.errors import InputError

SAMPLE_VALUES = 1000
COMMA_NUMBER = re.compile(r"^\s*[+-]?(?:\d{1,3}(?:[. \u00a0]\d{3})+|\d+)?,\d+\s*$")
POINT_NUMBER = re.compile(r"^\s*[+-]?(?:\d{1,3}(?:[, \u00a0]\d{3})+|\d+)?\.\d+\s*$")
INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")
GROUPING = {",": ".", ".": ","}


def _number_pattern(decimal: str) -> re.Pattern:
    group = rf"[{re.escape(GROUPING[decimal])} \u00a0']"
    mark = re.escape(decimal)
    return re.compile(rf"^[+-]?(?:\d{{1,3}}(?:{group}\d{{3}})+|\d+)?(?:{mark}\d+)?$")


def decimal_comma_columns(columns: dict[str, list]) -> list[str]:
    """Names of the columns whose sampled values are numbers with a decimal comma.

    A column counts when every non-empty sampled value is an integer or a decimal-comma
    number, at least one is the latter, and not all of those have exactly three digits
    after the comma (``1,234`` alone may be a thousands separator).

    Examples
    --------
    >>> decimal_comma_columns({"time": ["12,5", "7", "3,25"], "code": ["08", "A1"],
    ...                        "n": ["1,234"]})
    ['time']
    """
    found = []
    for column, values in columns.items():
        texts = [value.strip() for value in values if isinstance(value, str) and value.strip()]
        commas = [value for value in texts if COMMA_NUMBER.match(value)]
        if not commas or len(commas) + sum(bool(INTEGER.match(v)) for v in texts) < len(texts):
            continue
        if all(re.search(r",\d{3}$", value) for value in commas) and not any(
            "." in value for value in commas
        ):
            continue
        found.append(column)
    return found


def parse_number(series: pd.Series, decimal: str = ",", *, errors: str = "raise") -> pd.Series:
    """Numbers written as text (``'12,5'``, ``'1 234,5'``, ``'1.234,5'``) as float64.

    Parameters
    ----------
    series : Series
        Text cells as read by :func:`read_export`; numbers pass through.
    decimal : {',', '.'}
        The decimal mark; spaces, no-break spaces, apostrophes and the other mark are
        taken as digit grouping.
    errors : {'raise', 'coerce'}
        What a non-empty cell that is not a number does: raise an InputError naming it,
        or become NaN with a warning.

    Returns
    -------
    Series
        float64, same index and name; empty cells are NaN.

    Notes
    -----
    R equivalent: ``readr::parse_number(x, locale = locale(decimal_mark = ","))``.

    Examples
    --------
    >>> parse_number(pd.Series(["12,5", "1.234,5", None, " 7 "])).tolist()
    [12.5, 1234.5, nan, 7.0]
    >>> parse_number(pd.Series(["3.25"]), decimal=".").tolist()
    [3.25]
    """
    check_argument("decimal", (",", "."), decimal)
    check_argument("errors", ("raise", "coerce"), errors)
    text = series.astype("object").where(series.notna(), None)
    cleaned = text.map(lambda value: _normalise(value, decimal), na_action="ignore")
    numbers = pd.to_numeric(cleaned, errors="coerce").astype("float64")
    bad = (
        series.notna()
        & numbers.isna()
        & text.map(lambda value: bool(str(value).strip()), na_action="ignore")
        .fillna(False)
        .astype(bool)
    )
    if bad.any():
        examples = ", ".join(repr(value) for value in series[bad].unique()[:5])
        message = (
            f"`series` {series.name!r} has {int(bad.sum())} value(s) that are not numbers "
            f"with decimal {decimal!r}: {examples}"
        )
        if errors == "raise":
            first = series.index[np.flatnonzero(bad.to_numpy())[0]]
            raise InputError(
                f"{message} (first at index {first!r}). Fix them, pass the other `decimal`, "
                "or pass errors='coerce' to turn them into NaN."
            )
        warnings.warn(f"{message}; they became NaN.", UserWarning, stacklevel=2)
    return pd.Series(numbers.to_numpy(), index=series.index, name=series.name)


def _normalise(value, decimal: str):
    """`value` in Python's notation, or None when it is not a number in the given one."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text or not any(char.isdigit() for char in text):
        return None
    if not _number_pattern(decimal).match(text):
        return None
    for mark in (GROUPING[decimal], " ", "\u00a0", "'"):
        text = text.replace(mark, "")
    return text.replace(decimal, ".")
