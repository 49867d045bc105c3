"""Count tables by group and category, gathered in one mergeable pass."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from techvet_survey._validation import check_columns, check_dataframe
from techvet_survey.aggregates._moments import aggregate_frame, ordered_levels

_NO_GROUP = "all"


@dataclass(frozen=True)
class CategoryCounts:
    """Counts of each answer category of some columns, by group; one pass, mergeable.

    Missing values are never a category: a row counts for a column when both its group
    label and its answer are present. From these tables
    :func:`techvet_survey.aggregates.compare_groups` runs Kruskal-Wallis and Dunn
    (ranks from counts, with the tie correction), :func:`~techvet_survey.aggregates.describe`
    adds medians and quartiles, and :func:`~techvet_survey.aggregates.crosstab_test`
    the chi-square test of group by category.

    Attributes
    ----------
    columns : tuple of str
        The counted columns (ordinal items, background categories).
    group : str or None
        The grouping column (None: one group, labelled ``"all"``).
    tables : dict
        Per column, a DataFrame of counts: one row per group label, one column per
        answer category (those seen so far, in no particular order; :meth:`table`
        orders them).
    orders : dict
        The categories of categorical columns (their order is kept).

    Examples
    --------
    >>> frame = pd.DataFrame({"g": list("aabb"), "q1": [1, 2, 2, None]})
    >>> counts = CategoryCounts.from_frame(frame.iloc[:3], ["q1"], group="g")
    >>> counts.update(frame.iloc[3:]).table("q1")
    q1  1.0  2.0
    g
    a     1    1
    b     0    1
    """

    columns: tuple[str, ...]
    group: str | None
    tables: dict
    orders: dict

    @classmethod
    def from_frame(
        cls, data, columns: Sequence[str], *, group: str | None = None
    ) -> CategoryCounts:
        """Count tables of `columns` in `data` (pandas, or Dask partition by partition)."""
        columns = (columns,) if isinstance(columns, str) else tuple(columns)

        def build(frame: pd.DataFrame) -> CategoryCounts:
            return cls._from_pandas(frame, columns, group)

        return aggregate_frame(data, build)

    @classmethod
    def _from_pandas(cls, data, columns, group) -> CategoryCounts:
        check_dataframe(data)
        check_columns(data, list(columns), "columns")
        if group is not None:
            check_columns(data, [group], "group")
            group_codes, group_levels = pd.factorize(data[group], sort=False)
        else:
            group_codes, group_levels = np.zeros(len(data), dtype=np.intp), [_NO_GROUP]
        orders = {
            name: tuple(data[name].cat.categories)
            for name in (*columns, *([group] if group else []))
            if isinstance(data[name].dtype, pd.CategoricalDtype)
        }
        tables = {
            column: _count_table(group_codes, list(group_levels), data[column])
            for column in columns
        }
        return cls(columns, group, tables, orders)

    def update(self, chunk) -> CategoryCounts:
        """These counts plus those of `chunk`."""
        return self.merge(CategoryCounts.from_frame(chunk, self.columns, group=self.group))

    def merge(self, other: CategoryCounts) -> CategoryCounts:
        """The counts of the rows of both."""
        if (self.columns, self.group) != (other.columns, other.group):
            raise ValueError(
                "`other` counts different columns or group: merge only CategoryCounts "
                "built with the same `columns` and `group`."
            )
        tables = {
            column: _add_tables(self.tables[column], other.tables[column])
            for column in self.columns
        }
        return replace(self, tables=tables, orders=other.orders | self.orders)

    def table(self, column: str) -> pd.DataFrame:
        """Group x category counts of `column`, both in R's factor order."""
        if column not in self.tables:
            raise KeyError(
                f"`value` {column!r} was not counted; these columns were: "
                f"{', '.join(map(repr, self.columns))}."
            )
        wide = self.tables[column]
        rows = ordered_levels(list(wide.index), self.orders.get(self.group))
        cols = ordered_levels(list(wide.columns), self.orders.get(column))
        wide = wide.reindex(index=rows, columns=cols)  # .loc would read booleans as a mask
        wide.index.name, wide.columns.name = self.group, column
        return wide.astype(np.int64)


def _count_table(group_codes: np.ndarray, group_levels: list, values: pd.Series) -> pd.DataFrame:
    """Group x category counts of the rows where both the group and the value are present
    (missing values are never a category), by np.bincount of the integer codes."""
    value_codes, value_levels = pd.factorize(values, sort=False)
    present = (group_codes >= 0) & (value_codes >= 0)
    width = len(value_levels)
    cells = np.bincount(
        group_codes[present] * width + value_codes[present], minlength=len(group_levels) * width
    ).reshape(len(group_levels), width)
    rows, cols = cells.any(axis=1), cells.any(axis=0)
    return pd.DataFrame(
        cells[np.ix_(rows, cols)],
        index=pd.Index([level for level, kept in zip(group_levels, rows, strict=True) if kept]),
        columns=pd.Index([level for level, kept in zip(value_levels, cols, strict=True) if kept]),
    )


def _add_tables(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """The cell-wise sum of two count tables over the union of their labels."""
    rows = dict.fromkeys([*first.index, *second.index])
    cols = dict.fromkeys([*first.columns, *second.columns])
    for labels in (rows, cols):
        labels.update((label, position) for position, label in enumerate(labels))
    total = np.zeros((len(rows), len(cols)), dtype=np.int64)
    for table in (first, second):
        where = np.ix_([rows[r] for r in table.index], [cols[c] for c in table.columns])
        total[where] += table.to_numpy(dtype=np.int64)
    return pd.DataFrame(total, index=pd.Index(list(rows)), columns=pd.Index(list(cols)))
