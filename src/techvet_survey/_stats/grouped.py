"""Group summaries of one variable: the input of the group-comparison tests."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["GroupedValues", "pair_indices"]


@dataclass(frozen=True)
class GroupedValues:
    """Counts, means and variances of one column by group, and its count table.

    Built from one pass over the rows (:func:`techvet_survey.compare.compare_groups`)
    or from one-pass aggregates (:func:`techvet_survey.aggregates.compare_groups`); the
    tests read nothing else. Groups without any non-missing value are left out of
    ``levels`` (with a warning), so every level has at least one value.
    """

    name: str
    levels: list
    group_n: np.ndarray
    group_mean: np.ndarray
    group_var: np.ndarray  # ddof 1; NaN for a group of one
    distinct: np.ndarray | None = None  # the distinct values (sorted or not)
    table: np.ndarray | None = None  # k x distinct counts

    @property
    def k(self) -> int:
        return len(self.levels)

    @property
    def n(self) -> int:
        return int(self.group_n.sum())

    def counts(self) -> np.ndarray:
        return self.group_n

    def means(self) -> np.ndarray:
        return self.group_mean

    def variances(self) -> np.ndarray:
        return self.group_var

    def frequency_table(self) -> tuple[np.ndarray, np.ndarray]:
        """Distinct values and the k x distinct table of counts (rank statistics)."""
        if self.table is None:
            raise TypeError(
                "Rank statistics need the count tables: build a CategoryCounts of the "
                "column (CategoryCounts.from_frame(data, [value], group=...)) and pass it "
                "instead of GroupMoments."
            )
        return self.distinct, self.table


def pair_indices(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j), i < j, in rstatix's order: (1, 2), (1, 3), ..., (2, 3), ..."""
    return np.triu_indices(k, 1)
