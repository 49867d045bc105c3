"""Fit indices of an ML CFA, computed exactly as lavaan 0.6 does with its defaults."""

from __future__ import annotations

import numpy as np
from scipy import optimize, stats

from techvet_survey.cfa._estimation import Problem, Solution
from techvet_survey.cfa._robust import (
    fiml_corrected,
    independence,
    independence_scaling,
    yuan_bentler,
)

FIT_COLUMNS = (
    "chi2",
    "df",
    "p_val",
    "cfi",
    "tli",
    "rmsea",
    "rmsea_ci_low",
    "rmsea_ci_high",
    "srmr",
    "loglik",
    "aic",
    "bic",
)
#: lavaan's robust (MLR) fit measures, dots as underscores; NaN under ML, except the
#: robust CFI, TLI and RMSEA, which lavaan also reports for ML with FIML; then the
#: shift parameter and scaled CFI, TLI, RMSEA of the scaled-and-shifted test (WLSMV).
ROBUST_COLUMNS = (
    "chi2_scaled",
    "df_scaled",
    "p_val_scaled",
    "scaling_factor",
    "cfi_robust",
    "tli_robust",
    "rmsea_robust",
    "shift",
    "cfi_scaled",
    "tli_scaled",
    "rmsea_scaled",
)


def fit_indices(
    solution: Solution,
    robust: tuple[np.ndarray, np.ndarray] | None = None,
    *,
    meanstructure: bool = True,
) -> dict[str, float]:
    """chi2, df, p, CFI, TLI, RMSEA (90% CI), SRMR, log-likelihood, AIC and BIC, and with
    `robust` = (E^-1, B0) the MLR statistics of ROBUST_COLUMNS.

    Without `meanstructure` (one group, complete cases) the saturated intercepts are not
    parameters: AIC and BIC count p fewer and SRMR leaves out the (zero) mean residuals,
    as lavaan's ``cfa()`` without ``meanstructure = TRUE``; chi2, df and the rest are the
    same either way.
    """
    moments, table = solution.moments, solution.table
    n_total, n_groups, p = moments.n_total, moments.n_groups, table.layout.n_items
    chi2 = n_total * solution.fmin
    df = n_groups * (p + p * (p + 1) // 2) - table.n_free
    chi2_null, df_null = baseline_chi2(moments)
    extra = dict.fromkeys(ROBUST_COLUMNS, np.nan)
    if robust is not None:
        extra.update(robust_indices(solution, robust, chi2, df, df_null))
    elif moments.fiml and df > 0:  # lavaan reports the FIML-corrected indices under ML too
        extra.update(_corrected_indices(solution, df, df_null, scaled=False))
    rmsea = rmsea_point(chi2, df, n_total, n_groups)
    ci_low, ci_high = rmsea_interval(chi2, df, n_total, n_groups)
    loglik = _loglik(solution)
    n_free = table.n_free - (0 if meanstructure else n_groups * p)
    return {
        "chi2": chi2,
        "df": float(df),
        "p_val": float(stats.chi2.sf(chi2, df)) if df > 0 else np.nan,
        "cfi": cfi(chi2, df, chi2_null, df_null),
        "tli": tli(chi2, df, chi2_null, df_null),
        "rmsea": rmsea,
        "rmsea_ci_low": ci_low,
        "rmsea_ci_high": ci_high,
        "srmr": srmr(solution, with_means=meanstructure),
        "loglik": loglik,
        "aic": -2.0 * loglik + 2.0 * n_free,
        "bic": -2.0 * loglik + np.log(n_total) * n_free,
        **extra,
    }


def robust_indices(solution: Solution, robust, chi2: float, df: float, df_null: float) -> dict:
    """Yuan-Bentler scaled chi-square and robust CFI, TLI, RMSEA as lavaan's MLR."""
    moments = solution.moments
    n_total, n_groups = moments.n_total, moments.n_groups
    e_inverse, meat = robust
    scaling = yuan_bentler(solution, e_inverse, meat, df)
    chi2_null, _ = baseline_chi2(moments)
    scaled = chi2 / scaling if df > 0 else chi2
    result = {
        "chi2_scaled": scaled,
        "df_scaled": float(df),
        "p_val_scaled": float(stats.chi2.sf(scaled, df)) if df > 0 else np.nan,
        "scaling_factor": scaling,
    }
    if moments.fiml:
        return {**result, **_corrected_indices(solution, df, df_null, scaled=True)}
    c_null = independence_scaling(moments, df_null)
    return {
        **result,
        "cfi_robust": cfi(chi2, df, chi2_null, df_null, scaling, c_null),
        "tli_robust": tli(chi2, df, chi2_null, df_null, scaling, c_null),
        "rmsea_robust": rmsea_point(chi2, df, n_total, n_groups, scaling),
    }


def _corrected_indices(solution: Solution, df: float, df_null: float, *, scaled: bool) -> dict:
    """Robust CFI, TLI, RMSEA from lavaan's FIML-corrected statistics (V3 / V6)."""
    moments = solution.moments
    out = fiml_corrected(solution, df, df_null, scaled=scaled)
    x2, c_hat, x2_null, c_null = out["xx3"], out["c_hat"], out["xx3_null"], out["c_hat_null"]
    return {
        "cfi_robust": cfi(x2, df, x2_null, df_null, c_hat, c_null),
        "tli_robust": tli(x2, df, x2_null, df_null, c_hat, c_null),
        "rmsea_robust": rmsea_point(x2, df, moments.n_total, moments.n_groups, c_hat),
    }


def baseline_chi2(moments) -> tuple[float, int]:
    """Independence model with free means and variances in every group (lavaan's default).

    chi2_0 = sum_g n_g (sum_j log s_jj - log|S_g|), df_0 = G p (p - 1) / 2; with FIML
    twice the log-likelihood of the saturated model over the independence model's.
    """
    p = len(moments.items)
    if moments.fiml:
        loglik_null = independence(moments)[2]
        chi2 = 2.0 * (float(np.sum(moments.loglik_h1)) - loglik_null)
        return chi2, moments.n_groups * p * (p - 1) // 2
    chi2 = 0.0
    for g in range(moments.n_groups):
        cov = moments.cov[g]
        chi2 += moments.n[g] * (np.log(np.diag(cov)).sum() - np.linalg.slogdet(cov)[1])
    return float(chi2), moments.n_groups * p * (p - 1) // 2


def cfi(
    chi2: float, df: float, chi2_null: float, df_null: float, c: float = 1.0, c_null: float = 1.0
) -> float:
    """CFI = 1 - max(chi2 - c df, 0) / max(chi2 - c df, chi2_0 - c_0 df_0, 0); c, c_0 the
    scaling factors for the robust CFI (Brosseau-Liard & Savalei 2014), else 1."""
    if not (np.isfinite(c) and np.isfinite(c_null)):
        return np.nan
    t1 = max(chi2 - c * df, 0.0)
    t2 = max(chi2 - c * df, chi2_null - c_null * df_null, 0.0)
    return 1.0 if np.isclose(t1, 0.0) and np.isclose(t2, 0.0) else 1.0 - t1 / t2


def tli(
    chi2: float, df: float, chi2_null: float, df_null: float, c: float = 1.0, c_null: float = 1.0
) -> float:
    """TLI = 1 - ((chi2 - c df) df_0) / ((chi2_0 - c_0 df_0) df), not truncated (lavaan)."""
    if not (np.isfinite(c) and np.isfinite(c_null)):
        return np.nan
    t1 = (chi2 - c * df) * df_null
    t2 = (chi2_null - c_null * df_null) * df
    return 1.0 - t1 / t2 if df > 0 and abs(t2) > 0 else 1.0


def rmsea_point(chi2: float, df: float, n: int, n_groups: int, c: float = 1.0) -> float:
    """RMSEA = sqrt(max(chi2/(N df) - c/N, 0)) sqrt(G) (lavaan: N, not N - 1); c the
    scaling factor for the robust RMSEA (Brosseau-Liard, Savalei & Li 2012), else 1."""
    if df <= 0:
        return 0.0
    if not np.isfinite(c):
        return np.nan
    return float(np.sqrt(max(chi2 / n / df - c / n, 0.0)) * np.sqrt(n_groups))


def rmsea_interval(
    chi2: float, df: float, n: int, n_groups: int, level: float = 0.90
) -> tuple[float, float]:
    """Limits from the noncentrality lambda with P(chi2_df(lambda) <= chi2) = 1 -/+ a/2."""
    upper_p, lower_p = 1.0 - (1.0 - level) / 2.0, (1.0 - level) / 2.0

    def excess(ncp: float, target: float) -> float:
        return _noncentral_cdf(chi2, df, ncp) - target

    def to_rmsea(ncp: float) -> float:
        return float(np.sqrt(ncp / (n * df)) * np.sqrt(n_groups))

    if df < 1 or not np.isfinite(chi2):
        return (0.0, 0.0) if np.isfinite(chi2) else (np.nan, np.nan)
    low = 0.0
    if excess(0.0, upper_p) >= 0:
        low = to_rmsea(optimize.brentq(excess, 0.0, chi2, args=(upper_p,), xtol=1e-12))
    high = 0.0
    bound = max(n, 4.0 * chi2)
    if excess(bound, lower_p) <= 0 and excess(0.0, lower_p) >= 0:
        high = to_rmsea(optimize.brentq(excess, 0.0, bound, args=(lower_p,), xtol=1e-12))
    return low, high


def _noncentral_cdf(x: float, df: float, ncp: float) -> float:
    return float(stats.chi2.cdf(x, df) if ncp <= 0 else stats.ncx2.cdf(x, df, ncp))


def srmr(solution: Solution, *, with_means: bool = True) -> float:
    """Bentler's SRMR, averaged over groups with weights n_g/N, as lavaan's ``srmr``.

    Residuals (s_ij - sigma_ij) / sqrt(s_ii s_jj) over the lower triangle with the
    diagonal and, `with_means`, (ybar_j - mu_j) / sqrt(s_jj), divided by p(p+1)/2 (+ p).
    lavaan counts the means when the model has a mean structure: always with groups or
    FIML, for one group only with ``meanstructure = TRUE`` (the means are then saturated
    and their residuals zero, so SRMR is smaller than without them).
    """
    moments = solution.moments
    problem = Problem(solution.table, moments)
    p = len(moments.items)
    rows, cols = np.tril_indices(p)
    values = np.zeros(moments.n_groups)
    for g in range(moments.n_groups):
        sigma, mu = problem.matrices(solution.theta, g).implied()
        sd = np.sqrt(np.diag(moments.cov[g]))
        cov_resid = ((moments.cov[g] - sigma) / np.outer(sd, sd))[rows, cols]
        mean_resid = (moments.mean[g] - mu) / sd
        total = (cov_resid**2).sum() + with_means * (mean_resid**2).sum()
        values[g] = np.sqrt(total / (p * (p + 1) / 2 + with_means * p))
    return float(np.sum(moments.n / moments.n_total * values))


def _loglik(solution: Solution) -> float:
    """sum_g -n_g/2 (p log 2 pi + log|Sigma_g| + tr(C_g Sigma_g^-1))."""
    moments = solution.moments
    p = len(moments.items)
    if moments.fiml:
        return float(np.sum(moments.loglik_h1) - moments.n_total * solution.fmin / 2.0)
    loglik_saturated = 0.0
    for g in range(moments.n_groups):
        logdet_s = np.linalg.slogdet(moments.cov[g])[1]
        loglik_saturated += -moments.n[g] / 2.0 * (p * np.log(2 * np.pi) + logdet_s + p)
    return float(loglik_saturated - moments.n_total * solution.fmin / 2.0)
