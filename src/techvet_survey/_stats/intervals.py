"""Confidence intervals shared by the families: Wilson (shares), Feldt and Duhachek (alpha)."""

from __future__ import annotations

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

__all__ = ["duhachek_se", "feldt_interval", "wilson_interval"]


def wilson_interval(successes, n, ci: float):
    """Shares with Wilson score intervals (R: ``prop.test(k, n, correct = FALSE)``).

    Arrays in, arrays out; a share of zero respondents is NaN.

    Examples
    --------
    >>> [x.round(4).tolist() for x in wilson_interval(np.array([15]), np.array([25]), 0.95)]
    [[0.6], [0.4074], [0.766]]
    """
    successes, n = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    share = np.full(n.shape, np.nan)
    low, high = share.copy(), share.copy()
    used = n > 0
    share[used] = successes[used] / n[used]
    low[used], high[used] = proportion_confint(
        successes[used], n[used], alpha=1 - ci, method="wilson"
    )
    return share, low, high


def duhachek_se(cov: np.ndarray, n: int) -> float:
    """Asymptotic standard error of alpha (van Zyl et al. 2000; Duhachek & Iacobucci 2004).

    Parameters
    ----------
    cov : ndarray
        The k x k item covariance matrix C.
    n : int
        The number of respondents.

    Notes
    -----
    SE² = 2k² / ((k − 1)² (1'C1)³ n) · (1'C1 (tr(C²) + tr(C)²) − 2 tr(C) 1'C²1);
    the interval is alpha ± z SE. R equivalent: ``psych::alpha(x)$total`` with
    ``alpha.ci`` (Duhachek), or ``MBESS::ci.reliability(type = "alpha", interval.type =
    "ml")``.
    """
    k = cov.shape[0]
    total = cov.sum()
    trace = np.trace(cov)
    cov2 = cov @ cov
    q = (2 * k**2 / ((k - 1) ** 2 * total**3)) * (
        total * (np.trace(cov2) + trace**2) - 2 * trace * cov2.sum()
    )
    return float(np.sqrt(q / n))


def feldt_interval(alpha: float, n: int, k: int, ci: float) -> tuple[float, float]:
    """Feldt's (1965) F-based interval of Cronbach's alpha.

    Parameters
    ----------
    alpha : float
        The estimate.
    n, k : int
        Respondents and items.
    ci : float
        The confidence level.

    Returns
    -------
    tuple of float
        The lower and upper limits, 1 − (1 − alpha) F_q(n − 1, (n − 1)(k − 1)) at
        q = 1 − (1 − ci)/2 and q = (1 − ci)/2. R equivalent: ``psych::alpha.ci(alpha, n,
        n.var = k)``.

    Examples
    --------
    >>> [round(limit, 4) for limit in feldt_interval(0.8, 100, 5, 0.95)]
    [0.7306, 0.8559]
    """
    tail = (1 - ci) / 2
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1 - (1 - alpha) * stats.f.ppf(1 - tail, df1, df2)
    high = 1 - (1 - alpha) * stats.f.ppf(tail, df1, df2)
    return float(low), float(high)
