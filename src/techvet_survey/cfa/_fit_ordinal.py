"""`fit_cfa` for ordered items: estimates and fit tables of a (D)WLS / ULS solution."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey.cfa._indices import (
    FIT_COLUMNS,
    ROBUST_COLUMNS,
    cfi,
    rmsea_interval,
    rmsea_point,
    tli,
)
from techvet_survey.cfa._model import ModelSpec
from techvet_survey.cfa._ordinal import OrdinalMoments
from techvet_survey.cfa._standardized import with_confidence_limits
from techvet_survey.cfa._wls import (
    OrdinalSolution,
    Robust,
    baseline,
    build_ordinal_table,
    fit_wls,
    robust_statistics,
    scaled_shifted,
)

#: estimator -> (weights, robust standard errors and scaled-and-shifted test)
ORDINAL_ESTIMATORS = {
    "WLSMV": ("DWLS", True),
    "DWLS": ("DWLS", False),
    "ULSMV": ("ULS", True),
    "ULS": ("ULS", False),
}
ORDINAL_EQUAL = ("thresholds", "loadings", "intercepts")


def fit_ordinal(
    spec: ModelSpec,
    moments: OrdinalMoments,
    equal: tuple[str, ...],
    estimator: str,
    nan_policy: str,
    released: frozenset = frozenset(),
):
    """Fit and package an ordinal CFA (one group: lavaan's marker identification;
    several: Wu & Estabrook's, with `equal` among ORDINAL_EQUAL and the `released`
    exceptions of :func:`build_ordinal_table`)."""
    table = build_ordinal_table(
        spec,
        moments.n_thresholds,
        moments.n_groups,
        equal,
        std_lv=moments.n_groups > 1,
        released=released,
    )
    df = moments.n_groups * moments.n_stats - table.n_free
    if df < 0:
        raise ValueError(
            f"`model` is not identified: {table.n_free} free parameters for "
            f"{table.n_free + df} sample statistics (df = {df}). Add items to the factors."
        )
    weights, robust = ORDINAL_ESTIMATORS[estimator]
    solution = fit_wls(table, moments, weights)
    return solution, package_ordinal(solution, estimator, nan_policy, robust=robust)


def package_ordinal(solution: OrdinalSolution, estimator: str, nan_policy: str, *, robust: bool):
    """(estimates, fit row, Robust) of an ordinal solution."""
    moments, table = solution.moments, solution.table
    weights = ORDINAL_ESTIMATORS[estimator][0]
    statistics = robust_statistics(solution)
    n_se = moments.n_total - moments.n_groups  # lavaan: N - G for (D)WLS / ULS
    covariance = None
    if statistics.covariance is not None:
        if robust:
            covariance = statistics.covariance * moments.n_total / n_se
        else:
            covariance = np.linalg.inv(statistics.information) / n_se
    estimates = _estimates(solution, covariance)
    if solution.converged:
        indices = _fit_row(solution, statistics, weights, robust)
    else:  # as for ML: no fit statistics of a model that was not fitted
        indices = dict.fromkeys((*FIT_COLUMNS, *ROBUST_COLUMNS), np.nan)
    problems = _problems(solution, estimates, covariance)
    status = {
        "n": moments.n_total,
        "n_groups": moments.n_groups,
        "n_par": table.n_free,
        "converged": solution.converged,
        "n_iter": solution.n_iter,
        "grad_norm": solution.grad_norm,
        "admissible": solution.converged and not problems,
        "estimator": estimator,
        "nan_policy": nan_policy,
    }
    message = "; ".join([solution.message, *problems])
    if message != "converged":
        warnings.warn(
            f"CFA ({table.spec.to_lavaan()!r}, ordered): {message}.", RuntimeWarning, stacklevel=4
        )
    fit = pd.DataFrame([{**indices, **status, "message": message}])
    return estimates, fit, statistics


def _fit_row(
    solution: OrdinalSolution, statistics: Robust, weights: str, robust: bool
) -> dict[str, float]:
    moments, table = solution.moments, solution.table
    n_groups = moments.n_groups
    n_fit = moments.n_total - n_groups  # lavaan's N for RMSEA with (D)WLS
    chi2 = solution.chi2
    df = float(n_groups * moments.n_stats - table.n_free)
    chi2_null, df_null, trace_null, trace2_null = baseline(moments, weights)
    row = dict.fromkeys((*FIT_COLUMNS, *ROBUST_COLUMNS), np.nan)
    low, high = rmsea_interval(chi2, df, n_fit, n_groups)
    row.update(
        chi2=chi2,
        df=df,
        p_val=float(stats.chi2.sf(chi2, df)) if df > 0 and weights != "ULS" else np.nan,
        cfi=cfi(chi2, df, chi2_null, df_null),
        tli=tli(chi2, df, chi2_null, df_null),
        rmsea=rmsea_point(chi2, df, n_fit, n_groups),
        rmsea_ci_low=low,
        rmsea_ci_high=high,
        srmr=srmr_ordinal(solution),
    )
    if robust:
        model = scaled_shifted(chi2, df, statistics.trace, statistics.trace2)
        null = scaled_shifted(chi2_null, df_null, trace_null, trace2_null)
        scaled = model["chi2_scaled"]
        row.update(
            chi2_scaled=scaled,
            df_scaled=df,
            p_val_scaled=float(stats.chi2.sf(scaled, df)) if df > 0 else np.nan,
            scaling_factor=model["scaling_factor"],
            shift=model["shift"],
            cfi_scaled=cfi(scaled, df, null["chi2_scaled"], df_null),
            tli_scaled=tli(scaled, df, null["chi2_scaled"], df_null),
            rmsea_scaled=rmsea_point(scaled, df, n_fit, n_groups),
        )
    return row


def srmr_ordinal(solution: OrdinalSolution) -> float:
    """SRMR of the correlations (lavaan's for ordered items): the root mean squared
    residual correlation over the p(p - 1)/2 pairs, weighted n_g/N over groups."""
    moments = solution.moments
    n_th = sum(moments.n_thresholds)
    values = []
    for g, implied in enumerate(solution.problem.implied(solution.theta)):
        resid = moments.obs[g][n_th:] - implied[n_th:]
        p = len(moments.items)
        values.append(np.sqrt(np.sum(resid**2) / (p * (p + 1) / 2)))
    return float(np.sum(moments.n / moments.n_total * np.asarray(values)))


def _estimates(solution: OrdinalSolution, covariance: np.ndarray | None) -> pd.DataFrame:
    table, moments = solution.table, solution.moments
    free = table.free >= 0
    est = np.where(free, solution.theta[np.maximum(table.free, 0)], table.value)
    se = np.full(len(free), np.nan)
    if covariance is not None:
        se[free] = np.sqrt(np.diag(covariance))[table.free[free]]
    rows = {
        "group": [moments.labels[g] for g in table.group],
        "lhs": list(table.lhs),
        "op": list(table.op),
        "rhs": list(table.rhs),
        "est": list(est),
        "se": list(se),
        "free": list(free),
    }
    values = solution.problem.values(solution.theta)
    for g, label in enumerate(moments.labels):  # residual variances (derived, not free)
        residuals = solution.problem.group_model(values, g).residuals()
        for item, value in zip(table.spec.items, residuals, strict=True):
            for key, entry in zip(
                rows, (label, item, "~~", item, value, np.nan, False), strict=True
            ):
                rows[key].append(entry)
    frame = pd.DataFrame(rows)
    frame.insert(6, "z", frame["est"] / frame["se"])
    frame.insert(7, "p_val", 2.0 * stats.norm.sf(np.abs(frame["z"])))
    return with_confidence_limits(frame)


def _problems(
    solution: OrdinalSolution, estimates: pd.DataFrame, covariance: np.ndarray | None
) -> list[str]:
    problems = []
    if not solution.converged:
        return problems
    variances = estimates[(estimates["op"] == "~~") & (estimates["lhs"] == estimates["rhs"])]
    for row in variances.itertuples():
        if row.est < 0:
            problems.append(
                f"Heywood case: negative variance {row.lhs} ~~ {row.rhs} = {row.est:.4g} in "
                f"group {row.group!r}"
            )
    if covariance is None:
        problems.append(
            "the information matrix is singular (model not identified); standard errors are NaN"
        )
    return problems
