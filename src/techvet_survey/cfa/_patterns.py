"""Missing-data patterns: their sufficient statistics, the casewise normal likelihood, its
scores and the saturated (H1) model by EM.

Respondents who answered the same items share a pattern; the normal log-likelihood of a
pattern depends on its respondents only through their count, the mean and the (divisor
n) covariance of the answered items, and the cross-products of the casewise scores only
through the fourth-order moments of z = (d, vech(d d')), d the centred answers. So every
quantity here costs one pass per pattern, never one per respondent.

The saturated parameters are (mu, vech Sigma) with vech the lower triangle row-wise
(numpy's ``tril_indices``), off-diagonal elements counted once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

CHUNK_ROWS = 200_000
EM_TOLERANCE = 1e-11
EM_MAX_ITERATIONS = 20_000
LOG_2PI = np.log(2.0 * np.pi)


@dataclass(frozen=True)
class Pattern:
    """One missing-data pattern of one group.

    ``observed``: item indices answered; ``n``: respondents; ``mean``, ``cov``: their
    moments (divisor n); ``fourth``: mean of z z' for z = (d, vech(d d')), d = y - mean
    (None unless asked for); ``vech``: positions of the pattern's (mu, vech Sigma) in the
    group's full (mu, vech Sigma) vector.
    """

    observed: np.ndarray
    n: int
    mean: np.ndarray
    cov: np.ndarray
    fourth: np.ndarray | None
    positions: np.ndarray


@lru_cache(maxsize=64)
def tril(k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lower-triangle rows and columns of a k x k matrix and the vech score scale (1 on
    the diagonal, 2 off it: an off-diagonal element counts twice in a symmetric matrix)."""
    rows, cols = np.tril_indices(k)
    return rows, cols, np.where(rows == cols, 1.0, 2.0)


@dataclass(frozen=True)
class PatternBatch:
    """Patterns of one group with the same number k of answered items, stacked (P of
    them): observed (P, k), n (P,), mean (P, k), cov (P, k, k), positions (P, q_k)."""

    observed: np.ndarray
    n: np.ndarray
    mean: np.ndarray
    cov: np.ndarray
    positions: np.ndarray

    @property
    def k(self) -> int:
        return self.observed.shape[1]


def batches(patterns) -> tuple[PatternBatch, ...]:
    """The patterns stacked by their number of answered items."""
    sizes = sorted({len(pattern.observed) for pattern in patterns})
    out = []
    for k in sizes:
        chosen = [pattern for pattern in patterns if len(pattern.observed) == k]
        out.append(
            PatternBatch(
                np.array([pattern.observed for pattern in chosen]),
                np.array([float(pattern.n) for pattern in chosen]),
                np.array([pattern.mean for pattern in chosen]),
                np.array([pattern.cov for pattern in chosen]),
                np.array([pattern.positions for pattern in chosen]),
            )
        )
    return tuple(out)


def batch_loglik(group_batches, mu: np.ndarray, sigma: np.ndarray) -> float:
    """Log-likelihood of one group from its batches; -inf where a Sigma_oo is not PD."""
    total = 0.0
    for batch in group_batches:
        obs = batch.observed
        try:
            lower = np.linalg.cholesky(sigma[obs[:, :, None], obs[:, None, :]])
        except np.linalg.LinAlgError:
            return -np.inf
        lower_inv = np.linalg.inv(lower)
        resid = batch.mean - mu[obs]
        c = batch.cov + resid[:, :, None] * resid[:, None, :]
        trace = np.einsum("pij,pjk,pik->p", lower_inv, c, lower_inv)
        logdet = 2.0 * np.log(np.diagonal(lower, axis1=1, axis2=2)).sum(axis=1)
        total += -0.5 * float(batch.n @ (batch.k * LOG_2PI + logdet + trace))
    return total


def batch_derivatives(
    group_batches, mu: np.ndarray, sigma: np.ndarray, *, weight: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """d logL / d(mu, vech Sigma) of one group and, `weight`, the expected information
    sum_k n_k W(Sigma_oo) (not divided by n), from the batches."""
    p = len(mu)
    q = p + p * (p + 1) // 2
    gradient = np.zeros(q)
    information = np.zeros((q, q)) if weight else None
    for batch in group_batches:
        obs, k = batch.observed, batch.k
        inverse = np.linalg.inv(sigma[obs[:, :, None], obs[:, None, :]])
        resid = batch.mean - mu[obs]
        c = batch.cov + resid[:, :, None] * resid[:, None, :]
        g_sigma = 0.5 * (inverse @ c @ inverse - inverse)
        rows, cols, scale = tril(k)
        g_mu = np.einsum("pij,pj->pi", inverse, resid)
        local = np.concatenate([g_mu, scale * g_sigma[:, rows, cols]], axis=1)
        np.add.at(gradient, batch.positions, batch.n[:, None] * local)
        if weight:
            block = np.zeros((len(obs), len(local[0]), len(local[0])))
            block[:, :k, :k] = inverse
            block[:, k:, k:] = vech_weight(inverse)
            positions = batch.positions
            np.add.at(
                information,
                (positions[:, :, None], positions[:, None, :]),
                batch.n[:, None, None] * block,
            )
    return gradient, information


def vech_weight(inverse: np.ndarray) -> np.ndarray:
    """0.5 D'(A kron A)D for A = Sigma^-1 (or a stack of them): the expected information
    of vech Sigma for one respondent."""
    rows, cols, scale = tril(inverse.shape[-1])
    half = scale / 2.0
    product = (
        inverse[..., rows[:, None], rows[None, :]] * inverse[..., cols[:, None], cols[None, :]]
        + inverse[..., rows[:, None], cols[None, :]] * inverse[..., cols[:, None], rows[None, :]]
    )
    return product * (half[:, None] * half[None, :])


def vech_positions(p: int, observed: np.ndarray) -> np.ndarray:
    """Positions of (mu_o, vech Sigma_oo) of `observed` in the full (mu, vech Sigma)."""
    full = np.full((p, p), -1)
    rows, cols = np.tril_indices(p)
    full[rows, cols] = p + np.arange(len(rows))
    local_rows, local_cols = np.tril_indices(len(observed))
    return np.concatenate([observed, full[observed[local_rows], observed[local_cols]]])


def group_patterns(
    values: np.ndarray, codes: np.ndarray, n_groups: int, *, fourth: bool
) -> tuple[tuple[Pattern, ...], ...]:
    """The patterns of each group (rows with no answer at all must be removed first)."""
    p = values.shape[1]
    answered = ~np.isnan(values)
    bits = answered @ (1 << np.arange(p, dtype=np.int64))
    key = codes.astype(np.int64) * (1 << p) + bits
    order = np.argsort(key, kind="stable")
    keys, starts = np.unique(key[order], return_index=True)
    bounds = np.append(starts, len(order))
    patterns: list[list[Pattern]] = [[] for _ in range(n_groups)]
    for k, combined in enumerate(keys):
        g, pattern_bits = divmod(int(combined), 1 << p)
        observed = np.flatnonzero((pattern_bits >> np.arange(p)) & 1)
        rows = order[bounds[k] : bounds[k + 1]]
        patterns[g].append(_pattern(values, rows, observed, p, fourth))
    return tuple(tuple(group) for group in patterns)


def _pattern(values, rows, observed, p: int, fourth: bool) -> Pattern:
    n = len(rows)
    mean = np.zeros(len(observed))
    for start in range(0, n, CHUNK_ROWS):
        mean += values[rows[start : start + CHUNK_ROWS]][:, observed].sum(axis=0)
    mean /= n
    q = len(observed) + len(observed) * (len(observed) + 1) // 2
    second = np.zeros((len(observed), len(observed)))
    moments4 = np.zeros((q, q)) if fourth else None
    local_rows, local_cols = np.tril_indices(len(observed))
    for start in range(0, n, CHUNK_ROWS):
        d = values[rows[start : start + CHUNK_ROWS]][:, observed] - mean
        second += d.T @ d
        if fourth:
            z = np.hstack([d, d[:, local_rows] * d[:, local_cols]])
            moments4 += z.T @ z
    return Pattern(
        observed,
        n,
        mean,
        second / n,
        None if moments4 is None else moments4 / n,
        vech_positions(p, observed),
    )


def pattern_loglik(pattern: Pattern, mu: np.ndarray, sigma: np.ndarray) -> float:
    """Normal log-likelihood of the pattern's respondents (sum over them)."""
    o = pattern.observed
    lower = np.linalg.cholesky(sigma[np.ix_(o, o)])
    lower_inv = np.linalg.inv(lower)
    resid = pattern.mean - mu[o]
    c = pattern.cov + np.outer(resid, resid)
    trace = np.einsum("ij,ij->", lower_inv @ c, lower_inv)
    logdet = 2.0 * np.log(np.diagonal(lower)).sum()
    return -0.5 * pattern.n * (len(o) * LOG_2PI + logdet + trace)


def loglik(patterns, mu: np.ndarray, sigma: np.ndarray) -> float:
    """Log-likelihood of one group; -inf where a Sigma_oo is not positive definite."""
    try:
        return float(sum(pattern_loglik(pattern, mu, sigma) for pattern in patterns))
    except np.linalg.LinAlgError:
        return -np.inf


def loglik_gradient(patterns, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """d logL / d(mu, vech Sigma) of one group (sum over respondents)."""
    p = len(mu)
    gradient = np.zeros(p + p * (p + 1) // 2)
    for pattern in patterns:
        o = pattern.observed
        inverse = np.linalg.inv(sigma[np.ix_(o, o)])
        resid = pattern.mean - mu[o]
        c = pattern.cov + np.outer(resid, resid)
        g_sigma = 0.5 * (inverse @ c @ inverse - inverse)
        rows, cols, scale = tril(len(o))
        local = np.concatenate([inverse @ resid, scale * g_sigma[rows, cols]])
        np.add.at(gradient, pattern.positions, pattern.n * local)
    return gradient


def pattern_average(patterns, p: int, block_of) -> np.ndarray:
    """(1/n) sum over the patterns of n_pattern times `block_of(pattern)`, each block (over
    the pattern's observed mean and vech covariance) placed in the (mu, vech Sigma) matrix
    of `p` items."""
    q = p + p * (p + 1) // 2
    total = np.zeros((q, q))
    n_total = 0
    for pattern in patterns:
        total[np.ix_(pattern.positions, pattern.positions)] += pattern.n * block_of(pattern)
        n_total += pattern.n
    return total / n_total


def first_order(patterns, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Cross-products of the casewise scores over n (lavaan's first-order information of
    the saturated model at (mu, Sigma)); needs the patterns' fourth-order moments."""

    def block_of(pattern: Pattern) -> np.ndarray:
        o = pattern.observed
        intercept, linear = _score_map(pattern, mu[o], sigma[np.ix_(o, o)])
        k = len(o)
        rows, cols = np.tril_indices(k)
        z_mean = np.concatenate([np.zeros(k), pattern.cov[rows, cols]])
        lz = linear @ z_mean
        return (
            np.outer(intercept, intercept)
            + np.outer(intercept, lz)
            + np.outer(lz, intercept)
            + linear @ pattern.fourth @ linear.T
        )

    return pattern_average(patterns, len(mu), block_of)


def _score_map(pattern: Pattern, mu: np.ndarray, sigma: np.ndarray):
    """(a, L) with the casewise score a + L z, z = (d, vech(d d')), d = y - pattern mean."""
    k = len(mu)
    inverse = np.linalg.inv(sigma)
    w = inverse @ (pattern.mean - mu)
    rows, cols = np.tril_indices(k)
    scale = np.where(rows == cols, 1.0, 2.0)
    half = 0.5 * scale
    intercept = np.concatenate(
        [w, half * (np.outer(w, w) - inverse)[rows, cols]],
    )
    n_vech = len(rows)
    linear = np.zeros((k + n_vech, k + n_vech))
    linear[:k, :k] = inverse
    # d enters through u w' + w u', u = Sigma^-1 d
    cross = inverse[rows, :] * w[cols, None] + w[rows, None] * inverse[cols, :]
    linear[k:, :k] = half[:, None] * cross
    # vech(d d') enters through Sigma^-1 P Sigma^-1, P symmetric
    outer = inverse[rows][:, None, :] * inverse[cols][:, :, None]  # [ab, l, k] = S[a,k] S[b,l]
    swapped = np.swapaxes(outer, 1, 2)
    pairs = outer[:, cols, rows] + swapped[:, cols, rows]
    pairs[:, rows == cols] /= 2.0
    linear[k:, k:] = half[:, None] * pairs
    return intercept, linear


def available_case_moments(patterns, p: int) -> tuple[np.ndarray, np.ndarray]:
    """Available-case means of the `p` items and the diagonal matrix of their ML
    variances (divisor n) from the moments of the missing-data patterns."""
    totals, squares, counts = np.zeros(p), np.zeros(p), np.zeros(p)
    for pattern in patterns:
        o = pattern.observed
        counts[o] += pattern.n
        totals[o] += pattern.n * pattern.mean
    mu = totals / counts
    for pattern in patterns:
        o = pattern.observed
        squares[o] += pattern.n * (np.diag(pattern.cov) + (pattern.mean - mu[o]) ** 2)
    return mu, np.diag(squares / counts)


def em_moments(patterns, p: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Saturated mean and covariance of one group by EM, and their log-likelihood.

    As lavaan's ``lav_mvnorm_missing_h1_estimate_moments``: starts from the available-
    case means and variances; iterates until no parameter moves by more than
    EM_TOLERANCE (lavaan stops at 1e-5).
    """
    n = sum(pattern.n for pattern in patterns)
    mu, sigma = available_case_moments(patterns, p)
    for _ in range(EM_MAX_ITERATIONS):
        t1 = np.zeros(p)
        t2 = np.zeros((p, p))
        for pattern in patterns:
            t1_k, t2_k = _expected_sums(pattern, mu, sigma)
            t1 += t1_k
            t2 += t2_k
        new_mu = t1 / n
        new_sigma = t2 / n - np.outer(new_mu, new_mu)
        change = max(np.max(np.abs(new_mu - mu)), np.max(np.abs(new_sigma - sigma)))
        mu, sigma = new_mu, (new_sigma + new_sigma.T) / 2.0
        if change < EM_TOLERANCE:
            break
    return mu, sigma, loglik(patterns, mu, sigma)


def _expected_sums(pattern: Pattern, mu: np.ndarray, sigma: np.ndarray):
    """E-step: sums over the pattern's respondents of E[y] and E[y y'] given y_o."""
    p = len(mu)
    o = pattern.observed
    n = pattern.n
    second = pattern.cov + np.outer(pattern.mean, pattern.mean)  # mean of y_o y_o'
    if len(o) == p:
        return n * pattern.mean, n * second
    m = np.setdiff1d(np.arange(p), o)
    coef = np.linalg.solve(sigma[np.ix_(o, o)], sigma[np.ix_(o, m)]).T  # B = S_mo S_oo^-1
    conditional = sigma[np.ix_(m, m)] - coef @ sigma[np.ix_(o, m)]
    shift = mu[m] - coef @ mu[o]
    y_mean = np.empty(p)
    y_mean[o] = pattern.mean
    y_mean[m] = shift + coef @ pattern.mean
    t2 = np.empty((p, p))
    t2[np.ix_(o, o)] = second
    mo = np.outer(shift, pattern.mean) + coef @ second
    t2[np.ix_(m, o)] = mo
    t2[np.ix_(o, m)] = mo.T
    t2[np.ix_(m, m)] = (
        conditional
        + np.outer(shift, shift)
        + np.outer(shift, pattern.mean) @ coef.T
        + coef @ np.outer(pattern.mean, shift)
        + coef @ second @ coef.T
    )
    return n * y_mean, n * t2
