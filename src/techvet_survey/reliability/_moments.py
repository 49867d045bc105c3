"""Sufficient statistics of an item frame: counts, means and covariances.

Every classical statistic of the module is a function of the item covariance matrix (and,
for a few, of the item means), so the data are passed over once and everything else is
arithmetic on a k x k matrix.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._validation import apply_nan_policy, check_argument, numeric_items

try:  # installed with scikit-learn (a pingouin dependency); optional here
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover
    threadpool_limits = None

NAN_POLICIES = ("pairwise", "listwise", "raise")


@dataclass(frozen=True)
class ItemMoments:
    """Counts, means and covariances of k items (R: ``cov(x, use=...)``).

    ``cov`` follows R's ``cov(x, use="pairwise")``: each entry uses the rows where both
    items are present, centred on the means of those rows. ``n_pair`` holds those counts.
    """

    names: list[str]
    values: np.ndarray  # n x k float, NaN for missing
    n_rows: int  # rows that answered at least one item
    n_input: int  # rows passed on by the nan_policy, blank rows included
    n_item: np.ndarray  # k answered counts
    n_pair: np.ndarray  # k x k pairwise counts
    mean: np.ndarray
    cov: np.ndarray
    complete: bool  # no missing value at all

    @property
    def k(self) -> int:
        return len(self.names)

    @property
    def sd(self) -> np.ndarray:
        return np.sqrt(np.diag(self.cov))

    def correlation(self) -> np.ndarray:
        """The covariance matrix scaled to correlations (R: ``cov2cor``)."""
        sd = self.sd
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.cov / np.outer(sd, sd)


def _cross_product(values: np.ndarray) -> np.ndarray:
    """X'X; single-threaded BLAS, which is faster for a tall, narrow X on a busy machine
    (multi-threaded OpenBLAS spins on shared cores)."""
    if threadpool_limits is None or values.size < 1_000_000:
        return values.T @ values
    with threadpool_limits(limits=1, user_api="blas"):
        return values.T @ values


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
        cov = _cross_product(centred) / (n_rows - 1)
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


def constant_items(moments: ItemMoments) -> list[str]:
    """Names of items with zero (or undefined) variance."""
    variance = np.diag(moments.cov)
    return [
        name
        for name, value in zip(moments.names, variance, strict=True)
        if not np.isfinite(value) or value <= 0
    ]


def smc(correlation: np.ndarray) -> np.ndarray:
    """Squared multiple correlations, 1 - 1/diag(R^-1) (R: ``psych::smc``)."""
    inverse = np.linalg.pinv(correlation)
    return 1.0 - 1.0 / np.diag(inverse)
