"""Argument checks shared by every public function.

Each helper raises an exception whose message names the argument in backticks and says
how to fix the call, so that user errors never surface as a bare traceback.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from techvet_survey.errors import ArgumentError

NAN_POLICIES = ("pairwise", "listwise", "raise")


def check_argument(name: str, options: Iterable[Any], value: Any) -> Any:
    """Return `value` if it is one of `options`, else raise a ValueError naming `name`.

    Examples
    --------
    >>> check_argument("nan_policy", NAN_POLICIES, "listwise")
    'listwise'
    >>> check_argument("level", ("nominal", "interval"), "ratio")
    Traceback (most recent call last):
    ...
    techvet_survey.errors.ArgumentError: `level` must be one of 'nominal', 'interval'; got 'ratio'.
    """
    options = list(options)
    if value not in options:
        listed = ", ".join(repr(option) for option in options)
        raise ArgumentError(f"`{name}` must be one of {listed}; got {value!r}.")
    return value


def check_dataframe(data: Any, name: str = "data") -> pd.DataFrame:
    """Raise a TypeError unless `data` is a pandas DataFrame."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            f"`{name}` must be a pandas DataFrame; got {type(data).__name__}. "
            f"Wrap arrays with pd.DataFrame(...) first."
        )
    return data


def check_columns(data: pd.DataFrame, columns: Sequence[str], name: str) -> list[str]:
    """Return `columns` as a list after checking that each is a column of `data`.

    Examples
    --------
    >>> frame = pd.DataFrame({"q1": [1, 2], "q2": [2, 3]})
    >>> check_columns(frame, ["q1", "q3"], "items")
    Traceback (most recent call last):
    ...
    KeyError: "`items` names columns that `data` lacks: 'q3'. Available columns: 'q1', 'q2'."
    """
    if isinstance(columns, str):
        columns = [columns]
    columns = list(columns)
    missing = [column for column in columns if column not in data.columns]
    if missing:
        available = ", ".join(repr(str(column)) for column in list(data.columns)[:20])
        absent = ", ".join(repr(str(column)) for column in missing)
        raise KeyError(
            f"`{name}` names columns that `data` lacks: {absent}. Available columns: {available}."
        )
    duplicated = sorted({column for column in columns if columns.count(column) > 1})
    if duplicated:
        raise ValueError(f"`{name}` names a column more than once: {duplicated}.")
    return columns


def numeric_items(
    data: pd.DataFrame,
    items: Sequence[str] | None = None,
    *,
    min_items: int = 2,
    check_ranges: bool = True,
) -> pd.DataFrame:
    """Select `items` from `data` as a float frame, with a clear error for bad input.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    items : sequence of str, optional
        Item columns; all columns of `data` when omitted.
    min_items : int
        The smallest number of items the calling statistic needs.
    check_ranges : bool
        Warn about items with no value and items on visibly different ranges (off where
        missing items are expected, as in scale scoring with a min-valid rule).

    Returns
    -------
    DataFrame
        The selected columns converted to float64, missing values as NaN.
    """
    check_dataframe(data)
    columns = list(data.columns) if items is None else check_columns(data, items, "items")
    if len(columns) < min_items:
        raise ValueError(
            f"`items` must name at least {min_items} columns; got {len(columns)}. "
            "Pass more item columns."
        )
    selected = data[columns]
    non_numeric = [
        str(column)
        for column, dtype in zip(columns, selected.dtypes, strict=True)
        if not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype))
    ]
    if non_numeric:
        raise TypeError(
            f"`items` columns must be numeric codes; {non_numeric} are not. "
            "Map answer labels to codes first (Codebook.label_map or the cleaning step)."
        )
    values = selected.astype("float64")
    if check_ranges:
        _warn_unusual_items(values)
    return values


def _warn_unusual_items(values: pd.DataFrame) -> None:
    """:func:`warn_item_ranges` of a float item frame."""
    array = values.to_numpy()
    if array.size == 0:
        return
    with np.errstate(invalid="ignore"):
        low = np.fmin.reduce(array, axis=0)
        high = np.fmax.reduce(array, axis=0)
    warn_item_ranges([str(column) for column in values.columns], low, high, stacklevel=4)


def warn_item_ranges(
    names: list[str], low: np.ndarray, high: np.ndarray, *, stacklevel: int = 3
) -> None:
    """Warn about an item with no value at all (`low` NaN), and about items on visibly
    different ranges (an age column among 1-5 answers), naming the columns.

    `low` and `high` are each item's smallest and largest answer, NaN for none.
    """
    empty = np.isnan(low)
    if empty.any():
        named = [name for name, none in zip(names, empty, strict=True) if none]
        warnings.warn(
            f"`items` column(s) {named} have no value (every cell missing): they cannot "
            "enter the statistic. Drop them, or check the export and the codebook mapping.",
            UserWarning,
            stacklevel=stacklevel,
        )
    if (~empty).sum() < 2:
        return
    spans = (high - low)[~empty]
    typical = float(np.median(spans))
    wide = spans > max(3 * typical, 9)
    if wide.any():
        kept = [name for name, none in zip(names, empty, strict=True) if not none]
        named = [f"{name} ({span:g})" for name, span, w in zip(kept, spans, wide, strict=True) if w]
        warnings.warn(
            f"`items` are on visibly different ranges: {', '.join(named)} span far more "
            f"than the others (typical span {typical:g}). Check that every item is on the "
            "same response scale (an age or a 0-100 item among Likert items?).",
            UserWarning,
            stacklevel=stacklevel,
        )


def apply_nan_policy(items: pd.DataFrame, nan_policy: str) -> pd.DataFrame:
    """Apply `nan_policy` to an item frame.

    ``"listwise"`` drops every row with a missing value (R: ``use="complete.obs"``),
    ``"pairwise"`` keeps the frame as it is (R: ``use="pairwise"``) and ``"raise"``
    raises a ValueError naming the first row and column with a missing value.
    """
    check_argument("nan_policy", NAN_POLICIES, nan_policy)
    if nan_policy == "listwise":
        return items.dropna(how="any")
    if nan_policy == "raise":
        missing = items.isna().to_numpy()
        if missing.any():
            row, col = (int(position[0]) for position in np.nonzero(missing))
            raise ValueError(
                f"`data` has missing values (first at row {items.index[row]!r}, column "
                f"{items.columns[col]!r}) and `nan_policy='raise'`. Use "
                "nan_policy='pairwise' or 'listwise', or impute first."
            )
    return items
