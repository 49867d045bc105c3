"""Split-half reliability and Guttman's lambdas."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd

from techvet_survey.reliability._alpha import usable_moments

MAX_EXACT_SPLITS = 20_000


def _split_stats(matrix: np.ndarray, in_a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Half correlation and Guttman split-half (lambda-4) for splits given as 0/1 rows."""
    a = in_a.astype(float)
    b = 1.0 - a
    var_a = np.einsum("si,ij,sj->s", a, matrix, a)
    var_b = np.einsum("si,ij,sj->s", b, matrix, b)
    cov_ab = np.einsum("si,ij,sj->s", a, matrix, b)
    return cov_ab / np.sqrt(var_a * var_b), 4 * cov_ab / matrix.sum()


def _all_splits(k: int) -> np.ndarray:
    """Every split into halves of floor(k/2) and ceil(k/2) items, each counted once."""
    half = k // 2
    rows = []
    for chosen in itertools.combinations(range(k), half):
        if k % 2 == 0 and 0 not in chosen:
            continue  # the complement was already listed
        row = np.zeros(k, dtype=bool)
        row[list(chosen)] = True
        rows.append(row)
    return np.array(rows)


def _random_splits(k: int, count: int, rng: np.random.Generator) -> np.ndarray:
    keys = rng.random((count, k))
    ranks = np.argsort(keys, axis=1)
    splits = np.zeros((count, k), dtype=bool)
    np.put_along_axis(splits, ranks[:, : k // 2], True, axis=1)
    return splits


def split_half(
    data: pd.DataFrame,
    items=None,
    *,
    nan_policy: str = "pairwise",
    standardized: bool = False,
    n_splits: int = 10_000,
    seed=None,
) -> pd.DataFrame:
    """Split-half reliabilities and Guttman's lambda-2 and lambda-4.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, numeric item codes.
    items : list of str, optional
        Item columns in test order; all columns when omitted.
    nan_policy : {"pairwise", "listwise", "raise"}
        As in :func:`cronbach_alpha`.
    standardized : bool
        Work on the correlation matrix (standardised items; psych's default
        ``covar=FALSE``) instead of the covariance matrix.
    n_splits : int
        All splits are evaluated when there are at most ``max(n_splits, 20000)`` of
        them; otherwise `n_splits` random splits drawn with `seed`.
    seed : int or numpy.random.Generator, optional
        Seed of the random splits.

    Returns
    -------
    DataFrame
        One row per estimate (``statistic``): ``odd_even`` and ``random`` (one random
        split), ``lambda4_max``, ``lambda4_min`` and ``split_mean`` over the splits
        evaluated, and ``lambda2``. Columns ``spearman_brown`` (2r/(1+r) of the half
        correlation r), ``guttman`` (the split-half coefficient
        4 cov(A, B) / var(A + B), i.e. lambda-4 of that split), ``half_r``,
        ``n_splits`` (splits evaluated), ``exact`` (all splits evaluated), ``n``, ``k``.

    Notes
    -----
    With C the (covariance or correlation) matrix, V = 1'C1 and o the off-diagonal
    entries: lambda2 = (sum o + sqrt(k/(k-1) sum o^2)) / V [1]; the statistic for a
    split (A, B) is 4 C_AB / V (Guttman's lambda-4, Rulon's and Flanagan's split-half
    [1]). ``lambda4_max`` is the largest over the splits evaluated (the maximum split-half
    reliability; exact when ``exact`` is True). The mean over all splits is
    Cronbach's alpha when the halves have equal length. For odd k the halves have
    floor(k/2) and ceil(k/2) items and every such split is counted once (psych's
    ``splitHalf`` lists only half of them for odd k).

    R equivalent: ``psych::splitHalf(x, covar = !standardized, check.keys = FALSE)``
    (``maxrb``, ``minrb``, ``meanr``, ``lambda2``).

    References
    ----------
    1. Guttman, L. (1945). A basis for analyzing test-retest reliability.
       Psychometrika, 10, 255-282.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import split_half
    >>> test = pd.DataFrame({"i1": [1, 1, 1, 0, 1, 0, 1], "i2": [1, 1, 0, 0, 1, 0, 1],
    ...                      "i3": [1, 0, 1, 0, 0, 0, 1], "i4": [1, 1, 1, 0, 0, 0, 0]})
    >>> split_half(test, seed=1)[["statistic", "guttman", "n_splits"]].round(3)
         statistic  guttman  n_splits
    0     odd_even    0.808         1
    1       random    0.808         1
    2  lambda4_max    0.808         3
    3  lambda4_min    0.615         3
    4   split_mean    0.744         3
    5      lambda2    0.762         3
    """
    _, moments, _ = usable_moments(data, items, nan_policy)
    matrix = moments.correlation() if standardized else moments.cov
    k = moments.k
    rng = np.random.default_rng(seed)
    total_splits = math.comb(k, k // 2) // (2 if k % 2 == 0 else 1)
    exact = total_splits <= max(int(n_splits), MAX_EXACT_SPLITS)
    splits = _all_splits(k) if exact else _random_splits(k, int(n_splits), rng)
    half_r, guttman = _split_stats(matrix, splits)
    odd_even = (np.arange(k) % 2 == 0)[None]
    named = {
        "odd_even": odd_even,
        "random": _random_splits(k, 1, rng),
        "lambda4_max": splits[[int(np.argmax(guttman))]],
        "lambda4_min": splits[[int(np.argmin(guttman))]],
    }
    rows = []
    for name, split in named.items():
        r, g = _split_stats(matrix, split)
        count = 1 if name in ("odd_even", "random") else len(splits)
        rows.append((name, 2 * r[0] / (1 + r[0]), g[0], r[0], count))
    rows.append(("split_mean", np.nan, guttman.mean(), half_r.mean(), len(splits)))
    off = matrix[~np.eye(k, dtype=bool)]
    lambda2 = (off.sum() + np.sqrt(k / (k - 1) * (off**2).sum())) / matrix.sum()
    rows.append(("lambda2", np.nan, lambda2, np.nan, len(splits)))
    table = pd.DataFrame(
        rows, columns=["statistic", "spearman_brown", "guttman", "half_r", "n_splits"]
    )
    table["exact"] = [False, False, exact, exact, exact, True]
    table["n"] = moments.n_rows
    table["k"] = k
    return table
