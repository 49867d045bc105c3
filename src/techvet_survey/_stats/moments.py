"""Item moments (counts, means, covariances) and the statistics read from them alone."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from techvet_survey._stats.blas import single_threaded_blas

__all__ = ["ItemMoments", "constant_items", "cross_product", "smc", "subset_moments"]


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


def cross_product(values: np.ndarray) -> np.ndarray:
    """X'X; single-threaded BLAS, which is faster for a tall, narrow X on a busy machine
    (multi-threaded OpenBLAS spins on shared cores)."""
    if values.size < 1_000_000:
        return values.T @ values
    with single_threaded_blas():
        return values.T @ values


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


def subset_moments(moments: ItemMoments, keep: list[int]) -> ItemMoments:
    """The moments of the items at positions `keep` (no pass over the data)."""
    index = np.ix_(keep, keep)
    return ItemMoments(
        names=[moments.names[j] for j in keep],
        values=moments.values[:, keep],
        n_rows=moments.n_rows,
        n_input=moments.n_input,
        n_item=moments.n_item[keep],
        n_pair=moments.n_pair[index],
        mean=moments.mean[keep],
        cov=moments.cov[index],
        complete=moments.complete,
    )
