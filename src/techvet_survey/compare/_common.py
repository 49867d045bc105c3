"""Input preparation and helpers shared by the comparison functions."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from techvet_survey._validation import (
    check_argument,
    check_columns,
    check_dataframe,
    numeric_items,
)

P_ADJUST_METHODS = ("holm", "bonferroni", "fdr_bh", "none")
"""Multiplicity corrections: R's p.adjust methods "holm", "bonferroni", "BH", "none"."""


def as_column_list(columns: str | Sequence[str]) -> list[str]:
    """A column name or a sequence of names as a list."""
    return [columns] if isinstance(columns, str) else list(columns)


def numeric_column(data: pd.DataFrame, column: str, name: str) -> pd.Series:
    """`data[column]` as float, or a TypeError naming the argument `name`."""
    check_columns(data, [column], name)
    try:
        return numeric_items(data, [column], min_items=1)[column]
    except TypeError:
        raise TypeError(
            f"`{name}` column {column!r} must hold numeric codes; it has dtype "
            f"{data[column].dtype}. Map answer labels to codes first (the codebook's label "
            "maps or the cleaning step)."
        ) from None


def group_levels(labels: pd.Series) -> list:
    """The levels of a grouping column: category order, else sorted (R's factor())."""
    if isinstance(labels.dtype, pd.CategoricalDtype):
        present = set(labels.dropna().unique())
        return [level for level in labels.cat.categories if level in present]
    return sorted(labels.dropna().unique(), key=lambda level: (str(type(level)), level))


def warn(message: str) -> None:
    """Warn from the caller of the public function (stacklevel past the helpers)."""
    warnings.warn(message, UserWarning, stacklevel=4)


@dataclass(frozen=True)
class GroupedValues:
    """Non-missing values of one column with integer group codes.

    ``codes[i]`` indexes ``levels``; groups without any non-missing value are left out
    of ``levels`` (with a warning) so that every level has at least one value.
    """

    name: str
    values: np.ndarray
    codes: np.ndarray
    levels: list

    @property
    def k(self) -> int:
        return len(self.levels)

    def counts(self) -> np.ndarray:
        return np.bincount(self.codes, minlength=self.k)

    def means(self) -> np.ndarray:
        return np.bincount(self.codes, weights=self.values, minlength=self.k) / self.counts()

    def variances(self) -> np.ndarray:
        """Sample variances (ddof = 1); NaN for a group of one."""
        n = self.counts()
        centred = self.values - self.means()[self.codes]
        sums = np.bincount(self.codes, weights=centred**2, minlength=self.k)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(n > 1, sums / np.maximum(n - 1, 1), np.nan)

    def frequency_table(self) -> tuple[np.ndarray, np.ndarray]:
        """Distinct values (sorted) and the k x distinct table of counts."""
        distinct, value_codes = np.unique(self.values, return_inverse=True)
        table = np.bincount(
            self.codes * len(distinct) + value_codes, minlength=self.k * len(distinct)
        ).reshape(self.k, len(distinct))
        return distinct, table


def grouped_values(data: pd.DataFrame, value: str, group: str) -> GroupedValues:
    """Check `value` and `group` and return the values by group, NaN dropped.

    Rows with a missing group label are dropped (missing is never a category); levels
    whose values are all missing are left out with a warning; fewer than two levels
    left is a ValueError.
    """
    check_dataframe(data)
    check_columns(data, [group], "group")
    values = numeric_column(data, value, "value")
    labels = data[group]
    levels = group_levels(labels)
    keep = values.notna() & labels.notna()
    kept_labels = labels[keep]
    present = set(kept_labels.unique())
    empty = [level for level in levels if level not in present]
    if empty:
        warn(
            f"`value` {value!r} is missing for every respondent of group(s) "
            f"{', '.join(map(repr, empty))} of `group` {group!r}; they are left out."
        )
    levels = [level for level in levels if level in present]
    if len(levels) < 2:
        found = ", ".join(map(repr, levels)) or "none"
        raise ValueError(
            f"`group` column {group!r} has fewer than two levels with values of {value!r} "
            f"(found: {found}); a comparison needs at least two groups. Check the column "
            "or filter the data differently."
        )
    codes = pd.Categorical(kept_labels, categories=levels).codes.astype(np.intp)
    return GroupedValues(
        name=value, values=values[keep].to_numpy(dtype=float), codes=codes, levels=levels
    )


def adjust_p(p_values, method: str) -> np.ndarray:
    """Adjust p-values for multiplicity; NaN entries stay NaN and are not counted.

    Examples
    --------
    >>> adjust_p([0.01, 0.04, np.nan, 0.03], "holm").round(4).tolist()
    [0.03, 0.06, nan, 0.06]
    """
    check_argument("p_adjust", P_ADJUST_METHODS, method)
    p_values = np.asarray(p_values, dtype=float)
    adjusted = p_values.copy()
    finite = np.isfinite(p_values)
    if method != "none" and finite.any():
        adjusted[finite] = _adjusted(p_values[finite], method)
    return adjusted


def _adjusted(p: np.ndarray, method: str) -> np.ndarray:
    """R's ``p.adjust`` formulas (Holm 1979; Benjamini & Hochberg 1995)."""
    m = len(p)
    if method == "bonferroni":
        return np.minimum(1.0, m * p)
    if method == "holm":  # cummax((m - i + 1) p_(i)), ascending
        order = np.argsort(p, kind="stable")
        steps = np.maximum.accumulate((m - np.arange(m)) * p[order])
    else:  # fdr_bh: cummin(m / i p_(i)), descending
        order = np.argsort(-p, kind="stable")
        steps = np.minimum.accumulate(m / np.arange(m, 0, -1) * p[order])
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(1.0, steps)
    return adjusted


def pair_indices(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j), i < j, in rstatix's order: (1, 2), (1, 3), ..., (2, 3), ..."""
    return np.triu_indices(k, 1)


def check_ci(ci: float) -> float:
    """Return `ci` if it is a level strictly between 0 and 1."""
    if isinstance(ci, bool) or not isinstance(ci, (int, float)) or not 0 < ci < 1:
        raise ValueError(f"`ci` must be a confidence level between 0 and 1; got {ci!r}.")
    return float(ci)


def random_generator(seed) -> np.random.Generator:
    """A numpy Generator from an int, None or a Generator (`seed=` arguments)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise TypeError(
            f"`seed` must be an int, None or a numpy Generator; got {type(seed).__name__}."
        )
    return np.random.default_rng(seed)
