"""Item moments (counts, means, covariances) and the statistics read from them alone."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from techvet_survey._stats.pair_sums import PairSums, cross_product

__all__ = [
    "ItemMoments",
    "constant_items",
    "cross_product",
    "item_moments_of",
    "smc",
    "subset_moments",
]


@dataclass(frozen=True)
class ItemMoments:
    """Counts, means and covariances of k items (R: ``cov(x, use=...)``).

    ``cov`` follows R's ``cov(x, use="pairwise")``: each entry uses the rows where both
    items are present, centred on the means of those rows. ``n_pair`` holds those counts.
    """

    names: list[str]
    values: np.ndarray  # n x k float, NaN for missing (empty when built from sums)
    n_rows: int  # rows that answered at least one item
    n_input: int  # rows passed on by the nan_policy, blank rows included
    n_item: np.ndarray  # k answered counts
    n_pair: np.ndarray  # k x k pairwise counts
    mean: np.ndarray
    cov: np.ndarray
    complete: bool  # no missing value at all
    # R's cor(x, use="pairwise"): each entry standardised on its own rows
    pairwise_r: np.ndarray | None = None
    # correlation of each item with the person-mean score of the items, pairwise
    person_r: np.ndarray | None = None
    binary: np.ndarray | None = None  # per item: every answer is 0 or 1

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


def item_moments_of(
    sums: PairSums, names: list[str], nan_policy: str, *, values: np.ndarray | None = None
) -> ItemMoments:
    """The ItemMoments of the items (the last column of `sums`, the person mean, left
    out), with the checks of the reliability statistics applied.

    `values` (the rows the sums were taken over, blank rows left out) is kept for the
    statistics that need the rows themselves (bootstrap, upper-lower index).
    """
    k = len(names)
    n_item = np.diag(sums.n_pair)[:k].astype(int)
    empty = [name for name, n in zip(names, n_item, strict=True) if n == 0]
    if empty:
        raise ValueError(
            f"`items` {empty} have no answers at all (after nan_policy={nan_policy!r}). "
            "Drop these columns from `items`."
        )
    if sums.n_input > sums.n_rows:
        warnings.warn(
            f"{sums.n_input - sums.n_rows} rows of `data` answered none of the items and "
            "were left out.",
            stacklevel=4,
        )
    if sums.n_rows < 2:
        raise ValueError(
            f"`data` has {sums.n_rows} usable rows; at least 2 respondents are needed."
        )
    items = sums.subset(range(k))
    complete = bool(np.all(items.n_pair == sums.n_rows))
    return ItemMoments(
        names=list(names),
        values=np.empty((0, k)) if values is None else values,
        n_rows=sums.n_rows,
        n_input=sums.n_input,
        n_item=n_item,
        n_pair=items.n_pair,
        mean=np.diag(items.mean).copy(),
        cov=items.covariance(),
        complete=complete,
        pairwise_r=items.correlation(),
        person_r=None if complete else sums.correlation()[:k, k],
        binary=sums.binary[:k].copy(),
    )


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
    """The moments of the items at positions `keep` (no pass over the data).

    The person-mean score of the items left is a different score: its correlations
    (``person_r``) are dropped; compute them again from the rows if needed.
    """
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
        pairwise_r=None if moments.pairwise_r is None else moments.pairwise_r[index],
        person_r=None,
        binary=None if moments.binary is None else moments.binary[keep],
    )
