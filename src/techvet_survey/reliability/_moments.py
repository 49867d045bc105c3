"""Sufficient statistics of an item frame: counts, means and covariances.

Every classical statistic of the module is a function of the item covariance matrix (and,
for a few, of the item means), so the data are passed over once and everything else is
arithmetic on a k x k matrix. The pass is the one of the one-pass aggregates
(:func:`techvet_survey._stats.pair_sums.pair_sums`): exact integer block sums for
integer codes, whatever the size of the data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey._stats.moments import ItemMoments, item_moments_of
from techvet_survey._stats.pair_sums import pair_sums
from techvet_survey._validation import apply_nan_policy, check_argument, numeric_items

NAN_POLICIES = ("pairwise", "listwise", "raise")


def item_moments(
    data: pd.DataFrame, items=None, *, nan_policy: str = "pairwise", min_items: int = 2
) -> ItemMoments:
    """Validate the items and compute their moments under `nan_policy`."""
    check_argument("nan_policy", NAN_POLICIES, nan_policy)
    frame = numeric_items(data, items, min_items=min_items, check_ranges=False)
    frame = apply_nan_policy(frame, nan_policy)
    values = frame.to_numpy(dtype=float)
    names = [str(column) for column in frame.columns]
    (sums,) = pair_sums(values, [slice(0, len(values))], names).by_set
    if sums.n_rows < len(values):  # rows without any answer are left out
        values = values[~np.isnan(values).all(axis=1)]
    return item_moments_of(sums, names, nan_policy, values=values)


def person_mean_r(values: np.ndarray) -> np.ndarray:
    """Pairwise correlation of each column of `values` with the person-mean score."""
    (sums,) = pair_sums(values, [slice(0, len(values))], None).by_set
    return sums.correlation()[:-1, -1]


def pairwise_correlation(moments: ItemMoments) -> np.ndarray:
    """Correlations from pairwise-complete rows (R: ``cor(x, use="pairwise")``).

    Unlike ``cov2cor`` of the pairwise covariances, each entry is standardised by the
    standard deviations of the same rows.
    """
    return moments.pairwise_r
