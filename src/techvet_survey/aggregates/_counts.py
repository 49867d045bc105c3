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
        Per column, a Series of counts indexed by (group label, category).
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
        labels = data[group] if group is not None else pd.Series(_NO_GROUP, index=data.index)
        tables, orders = {}, {}
        for name in (*columns, *([group] if group else [])):
            if isinstance(data[name].dtype, pd.CategoricalDtype):
                orders[name] = tuple(data[name].cat.categories)
        for column in columns:
            pairs = pd.DataFrame({"group": labels.to_numpy(), "value": data[column].to_numpy()})
            tables[column] = pairs.dropna().value_counts(sort=False).astype(np.int64)
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
            column: self.tables[column].add(other.tables[column], fill_value=0).astype(np.int64)
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
        counts = self.tables[column]
        wide = counts.unstack("value", fill_value=0) if len(counts) else pd.DataFrame()
        rows = ordered_levels(list(wide.index), self.orders.get(self.group))
        cols = ordered_levels(list(wide.columns), self.orders.get(column))
        wide = wide.reindex(index=rows, columns=cols)  # .loc would read booleans as a mask
        wide.index.name, wide.columns.name = self.group, column
        return wide.astype(np.int64)
