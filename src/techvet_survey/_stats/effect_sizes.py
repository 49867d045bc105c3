"""Effect sizes and their confidence intervals, as R's effectsize (0.8.3) computes them.

Every interval here is two-sided at level ``ci`` (effectsize's ``alternative =
"two.sided"``). effectsize's own default for omega², epsilon² and Cramér's V is a
one-sided interval with the upper limit fixed at 1; a two-sided interval is what
reports of group differences usually print.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize, special, stats

# Bracket limit for the noncentrality parameters: far beyond any survey effect.
_MAX_NCP = 1e7


def _solve_ncp(cdf, target: float, low: float, high: float, floor: float | None) -> float:
    """The noncentrality λ with cdf(λ) = target; cdf decreases in λ.

    The bracket [low, high] is widened until it holds the root; `floor` (0 for F and
    chi-square) stops the lower end from moving below it.
    """
    while cdf(high) > target:
        low, high = high, high + 2 * (high - low)
        if high > _MAX_NCP:
            return np.nan
    while floor is None and cdf(low) < target:
        low, high = low - 2 * (high - low), low
    return optimize.brentq(lambda ncp: cdf(ncp) - target, low, high, xtol=1e-12, rtol=1e-12)


def ncp_interval(statistic: float, distribution: str, ci: float, *dfs: float) -> np.ndarray:
    """Confidence interval of the noncentrality parameter by inverting the cdf.

    The lower limit λ_L solves P(T ≤ t; λ_L) = 1 − α/2 and the upper limit λ_U solves
    P(T ≤ t; λ_U) = α/2 (Steiger & Fouladi, 1997). For the F and chi-square
    distributions λ is truncated at 0 as in effectsize's ``.get_ncp_F`` and
    ``.get_ncp_chi``, which find the same roots by ``optim``.

    Examples
    --------
    >>> ncp_interval(10.0, "chi2", 0.95, 3).round(4).tolist()
    [0.2155, 23.6798]
    """
    if not np.isfinite(statistic) or not all(np.isfinite(df) for df in dfs):
        return np.array([np.nan, np.nan])
    alpha = 1 - ci
    if distribution == "t":
        (df,) = dfs

        def cdf(ncp):
            # scipy.stats.nct.cdf without its argument checks (the same special function)
            return special.nctdtr(df, ncp, statistic)

        return np.array(
            [
                _solve_ncp(cdf, target, statistic - 5, statistic + 5, None)
                for target in (1 - alpha / 2, alpha / 2)
            ]
        )
    if distribution == "F":
        central = stats.f(*dfs)

        def cdf(ncp):
            if ncp <= 0:
                return central.cdf(statistic)
            value = stats.ncf.cdf(statistic, *dfs, ncp)
            if not np.isfinite(value):
                # scipy's noncentral F fails for very large noncentralities (national-scale
                # n); there df2 is large and df1·F follows the noncentral chi-square.
                value = stats.ncx2.cdf(statistic * dfs[0], dfs[0], ncp)
            return value

        scale = dfs[0]
    else:
        central = stats.chi2(*dfs)

        def cdf(ncp):
            return stats.ncx2.cdf(statistic, *dfs, ncp) if ncp > 0 else central.cdf(statistic)

        scale = 1.0
    limits = []
    for target in (1 - alpha / 2, alpha / 2):
        if cdf(0.0) <= target:
            limits.append(0.0)
        else:
            limits.append(_solve_ncp(cdf, target, 0.0, max(statistic * scale, 1.0), 0.0))
    return np.array(limits)


def omega_squared_from_f(f: float, df1: float, df2: float, ci: float) -> tuple[float, ...]:
    """Omega² with its CI from an F statistic, as ``effectsize::F_to_omega2``.

    ω² = max(0, (F − 1)·df1 / (F·df1 + df2 + 1)). The interval inverts the noncentral F
    at F' = (ω²/df1) / ((1 − ω²)/df2) and maps the limits λ to λ / (λ + df2), as
    effectsize does (its ``.F_to_pve``).

    Examples
    --------
    >>> [round(x, 4) for x in omega_squared_from_f(8.5, 3, 54.2458552287, 0.95)]
    [0.2787, 0.074, 0.4395]
    """
    if not np.isfinite(f):
        return np.nan, np.nan, np.nan
    omega = max(0.0, (f - 1) * df1 / (f * df1 + df2 + 1))
    f_omega = (omega / df1) / ((1 - omega) / df2)
    ncp = ncp_interval(f_omega, "F", ci, df1, df2)
    low, high = ncp / (ncp + df2)
    return float(omega), float(low), float(high)


def hedges_g_unpooled(n_x, mean_x, var_x, n_y, mean_y, var_y, ci: float):
    """Hedges' g of x − y standardised by the average variance, with its CI.

    As ``effectsize::hedges_g(x, y, pooled_sd = FALSE)``: d = (x̄ − ȳ)/√((s²ₓ + s²ᵧ)/2),
    Welch-Satterthwaite df ν, the CI from the noncentral t at t = (x̄ − ȳ)/SE scaled by
    √h with h = 2(nᵧs²ₓ + nₓs²ᵧ)/(nₓnᵧ(s²ₓ + s²ᵧ)), all multiplied by
    J = Γ(ν/2) / (√(ν/2) Γ((ν − 1)/2)).

    Examples
    --------
    >>> [round(x, 4) for x in hedges_g_unpooled(30, 3.6, 0.6, 20, 3.0, 1.7, 0.95)]
    [0.5443, -0.0537, 1.1332]
    """
    se_x, se_y = var_x / n_x, var_y / n_y
    se = np.sqrt(se_x + se_y)
    with np.errstate(divide="ignore", invalid="ignore"):
        df = (se_x + se_y) ** 2 / (se_x**2 / (n_x - 1) + se_y**2 / (n_y - 1))
        d = (mean_x - mean_y) / np.sqrt((var_x + var_y) / 2)
        h = 2 * (n_y * var_x + n_x * var_y) / (n_x * n_y * (var_x + var_y))
        t = (mean_x - mean_y) / se
    correction = np.exp(
        special.gammaln(df / 2) - np.log(np.sqrt(df / 2)) - special.gammaln((df - 1) / 2)
    )
    low, high = ncp_interval(t, "t", ci, df) * np.sqrt(h)
    return float(d * correction), float(low * correction), float(high * correction)


def rank_biserial(u_statistic, n_x, n_y, ci: float):
    """Rank-biserial correlation r = 2U/(nₓnᵧ) − 1 with the Fisher-z CI of effectsize.

    U counts the pairs with x above y (ties as one half); r equals Cliff's delta. The CI
    is tanh(atanh(r) ± z·√((nₓ + nᵧ + 1)/(3nₓnᵧ))) (``effectsize::rank_biserial``).

    Examples
    --------
    >>> [round(x, 4) for x in rank_biserial(30.0, 5, 8, 0.95)]
    [0.5, -0.1196, 0.8393]
    """
    r = 2 * u_statistic / (n_x * n_y) - 1
    se = np.sqrt((n_x + n_y + 1) / (3 * n_x * n_y))
    z = stats.norm.ppf(1 - (1 - ci) / 2)
    with np.errstate(divide="ignore"):
        centre = np.arctanh(r)
    return float(r), float(np.tanh(centre - z * se)), float(np.tanh(centre + z * se))


def cramers_v_adjusted(chi2: float, n: int, n_rows: int, n_cols: int, ci: float):
    """Bias-corrected Cramér's V (Bergsma, 2013) with the noncentral chi-square CI.

    φ²ₐ = max(0, χ²/n − (r − 1)(c − 1)/(n − 1)), r̃ = r − (r − 1)²/(n − 1) (c̃ alike),
    V = √(φ²ₐ / (min(r̃, c̃) − 1)); the limits of the noncentrality λ of χ² go through
    the same map with χ² = λ, the upper limit capped at 1 (``effectsize::cramers_v``,
    ``adjust = TRUE``).

    Examples
    --------
    >>> [round(x, 4) for x in cramers_v_adjusted(10.2061736312, 117, 4, 2, 0.95)]
    [0.2488, 0.0, 0.4254]
    """
    df = (n_rows - 1) * (n_cols - 1)
    rows_adj = n_rows - (n_rows - 1) ** 2 / (n - 1)
    cols_adj = n_cols - (n_cols - 1) ** 2 / (n - 1)
    divisor = np.sqrt(min(rows_adj, cols_adj) - 1)

    def to_v(chi):
        return np.sqrt(np.maximum(0.0, chi / n - df / (n - 1))) / divisor

    low, high = ncp_interval(chi2, "chi2", ci, df)
    return float(to_v(chi2)), float(to_v(low)), float(min(to_v(high), 1.0))
