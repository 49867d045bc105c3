"""Checks of 0/1-scored items, shared by IRT and DIF."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey._validation import check_dataframe, numeric_items

__all__ = ["binary_items", "constant_item_mask"]


def binary_items(scored: pd.DataFrame, items=None, *, min_items: int = 2) -> pd.DataFrame:
    """Select `items` as a float frame and check that every value is 0, 1 or missing."""
    check_dataframe(scored, "scored")
    frame = numeric_items(scored, items, min_items=min_items)
    values = frame.to_numpy()
    bad = ~np.isnan(values) & (values != 0) & (values != 1)
    if bad.any():
        row, col = (int(position[0]) for position in np.nonzero(bad))
        raise ValueError(
            f"`scored` must hold 0/1 item scores; column {frame.columns[col]!r} has "
            f"{values[row, col]:g} at row {frame.index[row]!r}. Score the items first "
            "(1 = correct, 0 = wrong, NaN = not answered)."
        )
    return frame


def constant_item_mask(values: np.ndarray) -> np.ndarray:
    """True for items whose observed responses are all 0 or all 1 (or absent)."""
    observed = ~np.isnan(values)
    correct = np.nansum(values, axis=0)
    return (correct == 0) | (correct == observed.sum(axis=0))
