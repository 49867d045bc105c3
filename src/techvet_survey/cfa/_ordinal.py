"""Sample statistics of ordered items for WLS estimation, as lavaan's ``muthen1984``.

Per group: the thresholds of every item (from its margin), the polychoric correlations
(two-step: thresholds fixed), and Gamma (lavaan's ``NACOV``), the asymptotic covariance
matrix of sqrt(n) times the statistics, by Muthén's (1984) sandwich over the casewise
scores of the two estimation steps:

    Gamma = n B^-1 (S'S) B^-T,  B = [[A11, 0], [A21, A22]],

S the n x (thresholds + pairs) casewise scores (d log L / d tau of each item's probit
likelihood, then d log L_ij / d rho_ij of each pair's), A11 the block-diagonal (per item)
of S'S, A22 the diagonal of the pair block and A21 the cross products of the pair scores
with the pair likelihood's scores for the thresholds. Missing answers score 0 (lavaan's
``missing = "pairwise"``). The statistics are ordered as lavaan's ``WLS.obs``: the
thresholds item by item, then the correlations of pairs (1,2), (1,3), ..., (2,3), ...
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from techvet_survey._stats.bivariate import bivariate_normal_cdf, bivariate_normal_pdf
from techvet_survey._validation import (
    apply_nan_policy,
    check_argument,
    check_dataframe,
    numeric_items,
)
from techvet_survey.cfa._moments import GroupedSample, check_group, group_codes
from techvet_survey.factor import polychoric

ORDINAL_NAN_POLICIES = ("pairwise", "listwise", "raise")


@dataclass(frozen=True)
class OrdinalMoments(GroupedSample):
    """Per-group thresholds, polychoric correlations and their Gamma (NACOV).

    ``obs[g]`` is lavaan's ``WLS.obs`` of group g (thresholds, then correlations),
    ``gamma[g]`` its NACOV, ``n_thresholds[j]`` the thresholds of item j.
    """

    n_thresholds: tuple[int, ...]
    obs: tuple[np.ndarray, ...]
    gamma: tuple[np.ndarray, ...]

    @property
    def n_stats(self) -> int:
        p = len(self.items)
        return sum(self.n_thresholds) + p * (p - 1) // 2


def ordinal_moments(
    data: pd.DataFrame,
    items: tuple[str, ...],
    group: str | None,
    nan_policy: str,
    *,
    min_groups: int = 1,
) -> OrdinalMoments:
    """Thresholds, polychoric correlations and NACOV of `items` per group.

    Rows with a missing group, and rows without any answer, are dropped. An empty
    response category in a group raises an InputError (from ``factor.polychoric``)
    naming the item, group and category.
    """
    check_dataframe(data)
    check_argument("nan_policy", ORDINAL_NAN_POLICIES, nan_policy)
    items = tuple(items)
    frame = numeric_items(data, list(items), min_items=2)
    check_group(data, group, items)
    frame = apply_nan_policy(frame, nan_policy)
    frame = frame[frame.notna().any(axis=1)]
    column = None
    if group is not None:
        column = data.loc[frame.index, group]
        frame = frame[column.notna()]
        column = column[column.notna()]
    labels, codes = group_codes(column, len(frame), min_groups)
    categories = {item: _categories(frame[item].dropna().to_numpy(dtype=float)) for item in items}
    values = frame.to_numpy(dtype=float)
    obs, gammas, n_thresholds = [], [], None
    for g, label in enumerate(labels):
        block = frame.iloc[codes == g]
        if group is None:
            poly = polychoric(block, list(items), categories=categories, nan_policy=nan_policy)
            rho = poly.matrix()
        else:
            labelled = block.assign(**{group: label})
            poly = polychoric(
                labelled, list(items), group=group, categories=categories, nan_policy=nan_policy
            )
            rho = poly.matrix(label)
        coded = np.full(block.shape, -1, dtype=np.int64)
        rows = values[codes == g]
        for j, item in enumerate(items):
            present = ~np.isnan(rows[:, j])
            coded[present, j] = np.searchsorted(categories[item], rows[present, j])
        taus = [
            poly.thresholds.loc[poly.thresholds["item"] == item, "tau"].to_numpy() for item in items
        ]
        n_thresholds = tuple(len(tau) for tau in taus)
        first, second = np.triu_indices(len(items), 1)
        obs.append(np.concatenate([*taus, rho[first, second]]))
        gammas.append(muthen_gamma(coded, taus, rho))
    n = np.bincount(codes, minlength=len(labels)).astype(float)
    return OrdinalMoments(items, tuple(labels), n, n_thresholds, tuple(obs), tuple(gammas))


def _categories(seen: np.ndarray) -> np.ndarray:
    """The integers from the lowest to the highest code (the observed values otherwise),
    as ``factor.polychoric`` codes them."""
    seen = np.unique(seen)
    if seen.size and np.allclose(seen, np.round(seen)):
        return np.arange(seen.min(), seen.max() + 1)
    return seen


def muthen_gamma(codes: np.ndarray, taus: list[np.ndarray], rho: np.ndarray) -> np.ndarray:
    """NACOV of (thresholds, polychoric correlations) of one group (see module docstring).

    `codes` are category indices 0..K-1 (-1 missing), `taus` the thresholds per item and
    `rho` the polychoric correlation matrix.
    """
    n, p = codes.shape
    cuts = [np.concatenate([[-np.inf], tau, [np.inf]]) for tau in taus]
    starts = np.concatenate([[0], np.cumsum([len(tau) for tau in taus])])
    n_th = int(starts[-1])
    first, second = np.triu_indices(p, 1)
    scores = np.zeros((n, n_th + len(first)))
    for j in range(p):
        _threshold_scores(codes[:, j], cuts[j], scores[:, starts[j] : starts[j + 1]])
    a21 = np.zeros((len(first), n_th))
    for k, (i, j) in enumerate(zip(first, second, strict=True)):
        both = (codes[:, i] >= 0) & (codes[:, j] >= 0)
        ci, cj = codes[both, i], codes[both, j]
        r = rho[i, j]
        a, b = cuts[i][:, None], cuts[j][None, :]
        pi = _cells(bivariate_normal_cdf(a, b, r))
        d_rho = _cells(bivariate_normal_pdf(a, b, r)) / pi
        scores[both, n_th + k] = d_rho[ci, cj]
        counts = np.zeros(pi.shape)
        np.add.at(counts, (ci, cj), 1.0)
        weight = counts * d_rho / pi  # per cell: n_ab (d log pi / d rho) / pi_ab
        edge_i = _edge_derivatives(cuts[i], cuts[j], r)  # d Phi2 / d tau_i at the grid
        edge_j = _edge_derivatives(cuts[j], cuts[i], r).T
        # d pi_ab / d tau_i,t: + on row t (upper edge), - on row t + 1 (lower edge)
        along_i = edge_i[:, 1:] - edge_i[:, :-1]  # (K_i + 1) x K_j
        along_j = edge_j[1:, :] - edge_j[:-1, :]  # K_i x (K_j + 1)
        for t in range(len(taus[i])):
            d_pi = np.zeros(pi.shape)
            d_pi[t, :] += along_i[t + 1]
            d_pi[t + 1, :] -= along_i[t + 1]
            a21[k, starts[i] + t] = np.sum(weight * d_pi)
        for t in range(len(taus[j])):
            d_pi = np.zeros(pi.shape)
            d_pi[:, t] += along_j[:, t + 1]
            d_pi[:, t + 1] -= along_j[:, t + 1]
            a21[k, starts[j] + t] = np.sum(weight * d_pi)
    inner = scores.T @ scores
    a11 = np.zeros((n_th, n_th))
    for j in range(p):
        block = slice(starts[j], starts[j + 1])
        a11[block, block] = inner[block, block]
    a22_inv = 1.0 / np.diag(inner)[n_th:]
    a11_inv = np.linalg.inv(a11)
    b_inv = np.zeros_like(inner)
    b_inv[:n_th, :n_th] = a11_inv
    b_inv[n_th:, n_th:] = np.diag(a22_inv)
    b_inv[n_th:, :n_th] = -(a22_inv[:, None] * a21) @ a11_inv
    return n * (b_inv @ inner @ b_inv.T)


def _threshold_scores(codes: np.ndarray, cuts: np.ndarray, out: np.ndarray) -> None:
    """d log P(x = c) / d tau of one item's probit margin, per row (0 where missing)."""
    density = np.where(
        np.isfinite(cuts), np.exp(-0.5 * np.where(np.isfinite(cuts), cuts, 0) ** 2), 0
    )
    density = density / np.sqrt(2 * np.pi)
    prob = np.diff(special.ndtr(cuts))
    n_th = len(cuts) - 2
    present = np.flatnonzero(codes >= 0)
    c = codes[present]
    upper = c < n_th
    out[present[upper], c[upper]] += density[c[upper] + 1] / prob[c[upper]]
    lower = c > 0
    out[present[lower], c[lower] - 1] -= density[c[lower]] / prob[c[lower]]


def _cells(grid: np.ndarray) -> np.ndarray:
    """Rectangle values from a grid of corner values."""
    return grid[1:, 1:] - grid[:-1, 1:] - grid[1:, :-1] + grid[:-1, :-1]


def _edge_derivatives(cuts_1: np.ndarray, cuts_2: np.ndarray, rho: float) -> np.ndarray:
    """d Phi2(h, k; rho) / d h = phi(h) Phi((k - rho h) / sqrt(1 - rho^2)) on the grid."""
    h = cuts_1[:, None]
    k = cuts_2[None, :]
    finite_h = np.isfinite(h)
    h0 = np.where(finite_h, h, 0.0)
    with np.errstate(invalid="ignore"):
        z = (k - rho * h0) / np.sqrt(1.0 - rho * rho)
    phi = np.where(finite_h, np.exp(-0.5 * h0 * h0) / np.sqrt(2 * np.pi), 0.0)
    return phi * special.ndtr(z)
