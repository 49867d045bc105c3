"""Values of one variable by group: the input of the group-comparison tests."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["GroupedValues", "pair_indices"]


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


def pair_indices(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j), i < j, in rstatix's order: (1, 2), (1, 3), ..., (2, 3), ..."""
    return np.triu_indices(k, 1)
