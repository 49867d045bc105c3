"""`modification_indices`: score tests of the fixed parameters of a CFA, as lavaan."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from techvet_survey.cfa._fit import CfaResult
from techvet_survey.cfa._standardized import _group_matrices
from techvet_survey.errors import ArgumentError

MI_COLUMNS = ("lhs", "op", "rhs", "mi", "epc", "sepc_lv", "sepc_all")


def modification_indices(result: CfaResult) -> pd.DataFrame:
    """Modification indices of the parameters fixed at zero, as lavaan's ``modindices``.

    For every cross-loading and residual covariance the model leaves out, the score
    (Lagrange multiplier) test of freeing it alone: by how much chi2 would drop (``mi``,
    one df), the expected parameter change (``epc``) and the change standardized by the
    factor variances (``sepc_lv``) and by the model-implied item variances (loadings)
    or the residual variances (residual covariances) (``sepc_all``).

    Parameters
    ----------
    result : CfaResult
        A converged single-group fit by ML of complete cases (``fit_cfa`` with the
        default estimator and nan_policy).

    Returns
    -------
    DataFrame
        lhs, op, rhs, mi, epc, sepc_lv, sepc_all; loadings first (factor by factor),
        then residual covariances, in lavaan's order.

    Notes
    -----
    With W the inverse model-implied covariance, S the sample covariance (divisor N) and
    :math:`\\Delta_a = \\partial\\Sigma/\\partial\\theta_a`, the unit score is
    :math:`s_a = \\tfrac12\\operatorname{tr}(W(S - \\Sigma)W\\Delta_a)` and the expected
    information :math:`I_{ab} = \\tfrac12\\operatorname{tr}(W\\Delta_a W\\Delta_b)`. For a
    fixed parameter k, with :math:`V_k = I_{kk} - I_{k1} I_{11}^{-1} I_{1k}` (1 the free
    parameters), :math:`MI_k = N s_k^2 / V_k` and :math:`EPC_k = s_k / V_k`. The
    means are saturated and orthogonal to these, so they do not enter.

    R equivalent: ``lavaan::modindices(fit)``.
    """
    _check(result)
    rows = result.estimates
    values = rows["est"].to_numpy(dtype=float)
    items, factors, lam, psi, theta = _group_matrices(rows, values)
    sigma = lam @ psi @ lam.T + theta
    weight = np.linalg.inv(sigma)
    sample = result.moments.cov[0]
    n_total = result.moments.n_total
    free = rows[rows["free"] & rows["op"].isin(["=~", "~~"])]
    present = set(zip(rows["lhs"], rows["op"], rows["rhs"], strict=True))
    candidates = [
        (factor, "=~", item)
        for factor in factors
        for item in items
        if (factor, "=~", item) not in present
    ]
    candidates += [
        (left, "~~", right)
        for left, right in combinations(items, 2)
        if (left, "~~", right) not in present and (right, "~~", left) not in present
    ]
    keys = list(zip(free["lhs"], free["op"], free["rhs"], strict=True)) + candidates
    deltas = [_derivative(key, items, factors, lam, psi) for key in keys]
    half = [weight @ delta for delta in deltas]
    information = 0.5 * np.array([[np.sum(a * b.T) for b in half] for a in half])
    residual = weight @ (sample - sigma) @ weight
    score = np.array([0.5 * np.sum(residual * delta) for delta in deltas])
    n_free = len(free)
    i11 = information[:n_free, :n_free]
    i21 = information[n_free:, :n_free]
    v_diag = np.diag(information[n_free:, n_free:]) - np.einsum(
        "ij,ij->i", i21, np.linalg.solve(i11, i21.T).T
    )
    s = score[n_free:]
    epc = s / v_diag
    sd_lv = dict(zip(factors, np.sqrt(np.diag(psi)), strict=True))
    sd_ov = dict(zip(items, np.sqrt(np.diag(sigma)), strict=True))
    sd_res = dict(zip(items, np.sqrt(np.diag(theta)), strict=True))
    sepc_lv, sepc_all = [], []
    for (lhs, op, rhs), change in zip(candidates, epc, strict=True):
        if op == "=~":
            sepc_lv.append(change * sd_lv[lhs])
            sepc_all.append(change * sd_lv[lhs] / sd_ov[rhs])
        else:
            sepc_lv.append(change)
            sepc_all.append(change / (sd_res[lhs] * sd_res[rhs]))
    frame = pd.DataFrame(candidates, columns=["lhs", "op", "rhs"])
    frame["mi"] = n_total * s**2 / v_diag
    frame["epc"] = epc
    frame["sepc_lv"] = sepc_lv
    frame["sepc_all"] = sepc_all
    return frame


def _check(result: CfaResult) -> None:
    if not isinstance(result, CfaResult):
        raise ArgumentError(
            f"`result` must be a CfaResult from fit_cfa; got {type(result).__name__}."
        )
    fit = result.fit.iloc[0]
    if len(result.groups) != 1:
        raise ArgumentError(
            f"modification_indices supports single-group models; this one has "
            f"{len(result.groups)} groups. Fit each group alone (fit_cfa without `group=`)."
        )
    if fit["estimator"] != "ML" or fit["nan_policy"] != "listwise" or result.moments is None:
        raise ArgumentError(
            f"modification_indices supports ML on complete cases; this fit used estimator "
            f"{fit['estimator']!r} with nan_policy {fit['nan_policy']!r}. Refit with "
            "fit_cfa(data, model) (estimator='ML', nan_policy='listwise')."
        )
    if not result.converged:
        raise ArgumentError(
            f"the model did not converge ({fit['message']}); modification indices need a "
            "converged fit."
        )


def _derivative(key, items, factors, lam, psi) -> np.ndarray:
    """d Sigma / d theta_a for a loading, factor (co)variance or residual (co)variance."""
    lhs, op, rhs = key
    if op == "=~":
        unit = np.zeros_like(lam)
        unit[items.index(rhs), factors.index(lhs)] = 1.0
        part = unit @ psi @ lam.T
        return part + part.T
    if lhs in factors:
        unit = np.zeros_like(psi)
        unit[factors.index(lhs), factors.index(rhs)] = 1.0
        unit[factors.index(rhs), factors.index(lhs)] = 1.0
        return lam @ unit @ lam.T
    unit = np.zeros((len(items), len(items)))
    unit[items.index(lhs), items.index(rhs)] = 1.0
    unit[items.index(rhs), items.index(lhs)] = 1.0
    return unit
