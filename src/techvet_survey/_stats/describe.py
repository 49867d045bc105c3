"""What the descriptive tables share: statistics from value counts, columns, warnings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey._stats.arguments import warn

__all__ = ["STATISTICS", "count_summary", "warn_unusable"]


STATISTICS = ["mean", "sd", "median", "q1", "q3", "ci_low", "ci_high"]


def warn_unusable(result: pd.DataFrame, min_n: int, by: list[str]) -> None:
    """Warn about groups whose statistics are NaN although they are not suppressed."""
    for row in result[["variable", "n", *by]].to_dict("records"):
        group = ", ".join(f"{key}={row[key]!r}" for key in by)
        if row["n"] == 0:
            warn(f"`value` {row['variable']!r} is missing for every respondent of {group}.")
        elif row["n"] == 1 and min_n <= 1:
            warn(
                f"{group} has a single value of {row['variable']!r}: no SD or confidence "
                "interval (NaN)."
            )


def count_summary(groups: np.ndarray, values: np.ndarray, counts: np.ndarray, k: int):
    """n, mean, sum of squared deviations and R's type-7 median and quartiles by group,
    from counts of distinct values.

    `groups` (group index 0..k-1), `values` and `counts` are the non-empty cells of a
    group x value table, sorted by group, then value. Returns a DataFrame of k rows:
    ``n``, ``mean``, ``m2``, ``median``, ``q1``, ``q3`` (NaN for a group without values).

    Notes
    -----
    Type 7: with h = (n − 1)p, the value of rank ⌊h⌋ plus (h − ⌊h⌋) times the step to
    the next (R: ``quantile(x, type = 7)``); ranks are read from the cumulative counts.
    """
    n = np.bincount(groups, weights=counts, minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.bincount(groups, weights=counts * values, minlength=k) / n
    deviations = values - mean[groups]
    m2 = np.bincount(groups, weights=counts * deviations * deviations, minlength=k)
    cumulative = np.cumsum(counts)
    first = np.concatenate([[0], np.cumsum(n)[:-1]])  # rows before each group
    quartiles = {}
    for name, probability in (("median", 0.5), ("q1", 0.25), ("q3", 0.75)):
        position = (n - 1) * probability
        low = np.floor(position)
        high = np.minimum(low + 1, np.maximum(n - 1, 0))
        below, above = (_value_at(values, cumulative, first + rank) for rank in (low, high))
        quartiles[name] = np.where(n > 0, below + (position - low) * (above - below), np.nan)
    return pd.DataFrame({"n": n.astype(np.int64), "mean": mean, "m2": m2, **quartiles})


def _value_at(values: np.ndarray, cumulative: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """The value of each 0-based `rank` among the counted values (NaN when none)."""
    if not len(values):
        return np.full(len(rank), np.nan)
    position = np.searchsorted(cumulative, rank, side="right")
    return values[np.minimum(position, len(values) - 1)]
