"""Disclosure control for published tables.

Small-cell suppression
----------------------
A row of a results table whose count is below a minimum (default 5, the threshold used
by national VET feedback statistics) describes so few respondents that its statistics
could identify them. :func:`suppress_small_cells` blanks those statistics (NaN) and
flags the row in a boolean ``suppressed`` column, so that no report prints them.

The rule applied is *primary* suppression only: a row is suppressed when any of its
count columns is below ``min_n`` (or missing). Secondary suppression (blanking further
cells so that a suppressed one cannot be recovered from margins or totals) is not
applied; tables that print both a total and all but one of its parts need it by hand.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from techvet_survey._validation import check_columns, check_dataframe

__all__ = ["DEFAULT_MIN_N", "suppress_small_cells"]

DEFAULT_MIN_N = 5
"""The smallest count whose statistics may be published."""


def suppress_small_cells(
    table: pd.DataFrame,
    *,
    n_col: str | Sequence[str] = "n",
    min_n: int = DEFAULT_MIN_N,
    value_cols: Sequence[str] | None = None,
    hide_n: bool = False,
) -> pd.DataFrame:
    """Blank the statistics of rows whose count is below `min_n`.

    Parameters
    ----------
    table : DataFrame
        A results table with one row per cell (group, option, pair of groups...).
    n_col : str or sequence of str
        The count column(s). With several (``("n1", "n2")`` in a pairwise table) a row
        is small when any of them is below `min_n`. A missing count counts as small.
    min_n : int
        The smallest count that may be published (default 5). ``0`` suppresses nothing.
    value_cols : sequence of str, optional
        The statistics to blank. By default every numeric column other than the count
        columns and ``suppressed``; pass them explicitly when the table has numeric key
        columns (a year, a code) that must stay visible.
    hide_n : bool
        Also blank the count itself (the counts become floats).

    Returns
    -------
    DataFrame
        A new table (the input is not changed) with the statistics of small rows set to
        NaN and a boolean ``suppressed`` column. A ``suppressed`` column already in
        `table` is kept: a row stays suppressed once it was.

    Notes
    -----
    Primary suppression only (see the module docstring): a row ``i`` is suppressed when
    ``min(n_col[i]) < min_n``. No secondary suppression is applied.

    Examples
    --------
    >>> table = pd.DataFrame({"country": ["FI", "LV"], "n": [12, 3], "mean": [3.5, 4.0]})
    >>> suppress_small_cells(table)
      country   n  mean  suppressed
    0      FI  12   3.5       False
    1      LV   3   NaN        True
    """
    check_dataframe(table, "table")
    counts = check_columns(table, n_col, "n_col")
    if isinstance(min_n, bool) or not isinstance(min_n, int) or min_n < 0:
        raise ValueError(f"`min_n` must be a non-negative integer; got {min_n!r}.")
    if value_cols is None:
        value_cols = [
            column
            for column in table.columns
            if column not in counts
            and column != "suppressed"
            and pd.api.types.is_numeric_dtype(table[column])
            and not pd.api.types.is_bool_dtype(table[column])
        ]
    else:
        value_cols = check_columns(table, value_cols, "value_cols")
    result = table.copy()
    count_values = result[counts].apply(pd.to_numeric, errors="coerce")
    small = (count_values.lt(min_n) | count_values.isna()).any(axis=1)
    if "suppressed" in result.columns:
        small = small | result["suppressed"].fillna(True).astype(bool)
    blanked = list(value_cols) + (counts if hide_n else [])
    for column in blanked:
        if small.any():
            result[column] = result[column].where(~small)
    result["suppressed"] = small.to_numpy(dtype=bool)
    return result
