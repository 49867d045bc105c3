"""Cronbach's alpha and the item statistics computed from item moments alone."""

from __future__ import annotations

import numpy as np

from techvet_survey._stats.moments import ItemMoments, smc

__all__ = ["alpha_from_cov", "alpha_row", "closed_form_drop", "item_total_r"]


def alpha_from_cov(cov: np.ndarray) -> float:
    """Raw Cronbach's alpha from the k x k item covariance matrix C.

    Notes
    -----
    alpha = k/(k − 1) (1 − tr(C) / 1'C1) (Cronbach 1951). R equivalent:
    ``psych::alpha(x)$total$raw_alpha``.

    Examples
    --------
    >>> print(round(alpha_from_cov(np.array([[1.0, 0.5], [0.5, 1.0]])), 4))
    0.6667
    """
    k = cov.shape[0]
    return k / (k - 1) * (1.0 - np.trace(cov) / cov.sum())


def alpha_row(moments: ItemMoments) -> dict[str, float]:
    """Raw and standardised alpha, Guttman's lambda 6 and the average inter-item r.

    Parameters
    ----------
    moments : ItemMoments
        The moments of k >= 2 items without constant items.

    Returns
    -------
    dict
        ``alpha``, ``std_alpha`` (k/(k − 1)(1 − k/1'R1)), ``g6`` (1 − Σ(1 − smc)/1'R1)
        and ``average_r``: psych's ``raw_alpha``, ``std.alpha``, ``G6(smc)``,
        ``average_r``. Shared by :func:`techvet_survey.reliability.cronbach_alpha` and
        its one-pass twin in :mod:`techvet_survey.aggregates`.
    """
    cov = moments.cov
    k = moments.k
    corr = moments.correlation()
    sum_r = corr.sum()
    return {
        "alpha": alpha_from_cov(cov),
        "std_alpha": k / (k - 1) * (1.0 - k / sum_r),
        "g6": 1.0 - (k - smc(corr).sum()) / sum_r,
        "average_r": (sum_r - k) / (k * (k - 1)),
    }


def item_total_r(moments: ItemMoments) -> np.ndarray:
    """Correlation of each item with the person-mean score (psych's ``raw.r``).

    With complete data this is (C1)_i / sqrt(C_ii 1'C1). With missing data psych
    correlates each item with the mean of the answered items (pairwise-complete): the
    moments carry that correlation (``person_r``), gathered in the same pass.
    """
    cov = moments.cov
    if moments.complete:
        return cov.sum(axis=1) / np.sqrt(np.diag(cov) * cov.sum())
    if moments.person_r is None:
        raise ValueError("the moments lack the item-person-mean correlations (person_r).")
    return moments.person_r


def closed_form_drop(cov: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Item-rest r and alpha if deleted from C alone (no refit per item).

    For item i with row sum s_i, total T = 1'C1 and trace t: the rest score has variance
    T - 2 s_i + C_ii and covariance s_i - C_ii with the item; alpha without i is
    (k-1)/(k-2) (1 - (t - C_ii)/(T - 2 s_i + C_ii)).
    """
    k = cov.shape[0]
    diag = np.diag(cov)
    row_sum = cov.sum(axis=1)
    rest_var = cov.sum() - 2 * row_sum + diag
    item_rest = (row_sum - diag) / np.sqrt(diag * rest_var)
    if k > 2:
        alpha_drop = (k - 1) / (k - 2) * (1 - (np.trace(cov) - diag) / rest_var)
    else:
        alpha_drop = np.full(k, np.nan)
    return item_rest, alpha_drop
