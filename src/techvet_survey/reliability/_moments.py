"""Sufficient statistics of an item frame: counts, means and covariances.

Every classical statistic of the module is a function of the item covariance matrix (and,
for a few, of the item means), so the data are passed over once and everything else is
arithmetic on a k x k matrix.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from techvet_survey._stats.moments import ItemMoments, cross_product
from techvet_survey._validation import apply_nan_policy, check_argument, numeric_items

NAN_POLICIES = ("pairwise", "listwise", "raise")


def _pairwise_cov(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairwise-complete covariances, counts and the sums needed for correlations."""
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    mask = present.astype(float)
    n_pair = mask.T @ mask
    sum_x = filled.T @ mask  # [i, j]: sum of item i over rows where j is present
    sum_xy = filled.T @ filled
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (sum_xy - sum_x * sum_x.T / n_pair) / (n_pair - 1)
    return cov, n_pair, sum_x


def item_moments(
    data: pd.DataFrame, items=None, *, nan_policy: str = "pairwise", min_items: int = 2
) -> ItemMoments:
    """Validate the items and compute their moments under `nan_policy`."""
    check_argument("nan_policy", NAN_POLICIES, nan_policy)
    frame = numeric_items(data, items, min_items=min_items)
    frame = apply_nan_policy(frame, nan_policy)
    values = frame.to_numpy(dtype=float)
    names = [str(column) for column in frame.columns]
    empty_columns = [names[j] for j in np.flatnonzero(np.isnan(values).all(axis=0))]
    if empty_columns:
        raise ValueError(
            f"`items` {empty_columns} have no answers at all (after nan_policy="
            f"{nan_policy!r}). Drop these columns from `items`."
        )
    n_input = values.shape[0]
    answered_any = ~np.isnan(values).all(axis=1)
    if not answered_any.all():
        warnings.warn(
            f"{int((~answered_any).sum())} rows of `data` answered none of the items and "
            "were left out.",
            stacklevel=3,
        )
        values = values[answered_any]
    n_rows = values.shape[0]
    if n_rows < 2:
        raise ValueError(f"`data` has {n_rows} usable rows; at least 2 respondents are needed.")
    complete = not np.isnan(values).any()
    if complete:
        mean = values.mean(axis=0)
        centred = values - mean
        cov = cross_product(centred) / (n_rows - 1)
        n_item = np.full(len(names), n_rows)
        n_pair = np.full((len(names), len(names)), float(n_rows))
    else:
        cov, n_pair, _ = _pairwise_cov(values)
        n_item = np.diag(n_pair).astype(int)
        mean = np.nanmean(values, axis=0)
    return ItemMoments(names, values, n_rows, n_input, n_item, n_pair, mean, cov, complete)


def pairwise_correlation(moments: ItemMoments) -> np.ndarray:
    """Correlations from pairwise-complete rows (R: ``cor(x, use="pairwise")``).

    Unlike ``cov2cor`` of the pairwise covariances, each entry is standardised by the
    standard deviations of the same rows.
    """
    if moments.complete:
        return moments.correlation()
    values = moments.values
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    mask = present.astype(float)
    n_pair = moments.n_pair
    sum_x = filled.T @ mask
    sum_x2 = (filled**2).T @ mask
    sum_xy = filled.T @ filled
    with np.errstate(invalid="ignore", divide="ignore"):
        cross = sum_xy - sum_x * sum_x.T / n_pair
        ss = sum_x2 - sum_x**2 / n_pair
        return cross / np.sqrt(ss * ss.T)
