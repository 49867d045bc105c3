"""Input preparation shared by the comparison functions."""

from __future__ import annotations

import pandas as pd

from techvet_survey._validation import check_columns, numeric_items


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
