"""Input preparation shared by the comparison functions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey._stats.arguments import warn
from techvet_survey._stats.grouped import GroupedValues
from techvet_survey._validation import check_columns, check_dataframe, numeric_items


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
