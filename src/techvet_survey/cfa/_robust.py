"""Robust ML (lavaan ``estimator = "MLR"``) and the observed information for FIML.

Exactly as lavaan 0.6 computes them with its defaults for MLR (``information =
"observed"``, ``observed.information = "hessian"``, ``h1.information = "structured"``,
``information.meat = "first.order"``, ``test = "yuan.bentler.mplus"``):

* unit observed information E = -(1/N) d2 logL / d theta2 (the Hessian of F / 2, by
  central differences of the analytic gradient);
* first-order information B0 = sum_g (n_g/N) Delta_g' B1_g Delta_g, B1_g the mean cross-
  product of the casewise scores of the saturated model at the model-implied moments;
* Huber-White covariance cov(theta) = E^-1 B0 E^-1 / N;
* Yuan-Bentler (Mplus variant) scaling factor c = (sum_g tr(B1u_g A1u_g^-1) - tr(B0
  E^-1)) / df, with A1u, B1u the observed and first-order information of the saturated
  model at the saturated estimates (``lav_test_yuan_bentler_mplus_trace``);
* robust CFI / TLI / RMSEA (Brosseau-Liard & Savalei 2012, 2014) from the scaling
  factors of the model and of the independence model (``lav_fit_cfi``,
  ``lav_fit_rmsea`` with ``c.hat``); with FIML, lavaan's FIML-corrected versions
  (``lav_fit_fiml_corrected``, "V3": Savalei 2018's corrected statistics).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from techvet_survey.cfa._estimation import Problem, Solution
from techvet_survey.cfa._fiml import make_problem
from techvet_survey.cfa._patterns import (
    available_case_moments,
    first_order,
    loglik,
    loglik_gradient,
    pattern_average,
    vech_weight,
)

DIFFERENCE_STEP = 1e-5


@dataclass(frozen=True)
class GroupState:
    """Per-group model-implied moments and moment Jacobian at a solution."""

    mu: list
    sigma: list
    delta: list


def group_state(problem: Problem, theta: np.ndarray) -> GroupState:
    mus, sigmas, deltas = [], [], []
    for g in range(problem.table.n_groups):
        mats = problem.matrices(theta, g)
        sigma, mu = mats.implied()
        mus.append(mu)
        sigmas.append(sigma)
        deltas.append(problem._delta(mats, g, len(theta)))
    return GroupState(mus, sigmas, deltas)


def observed_information(problem: Problem, theta: np.ndarray) -> np.ndarray:
    """-(1/N) d2 logL / d theta2 (lavaan's observed information, ``"hessian"``).

    With m(theta) the moments (mu, vech Sigma) of a group and s = d logL / dm,
    d2 logL / d theta2 = -n Delta' A1 Delta + sum_j s_j d2 m_j / d theta2, A1 the
    observed information of the saturated model at m(theta) (analytic, per pattern);
    the second term is the central difference of Delta(theta)' s (exact: Delta is a
    polynomial of degree 2), which needs no pass over the patterns.
    """
    moments = problem.moments
    n_free = len(theta)
    total = np.zeros((n_free, n_free))
    for g, patterns in enumerate(moments.patterns):
        mats = problem.matrices(theta, g)
        sigma, mu = mats.implied()
        delta = problem._delta(mats, g, n_free)
        total += moments.n[g] * delta.T @ h1_observed_information(patterns, mu, sigma) @ delta
        score = loglik_gradient(patterns, mu, sigma)
        curvature = np.zeros((n_free, n_free))
        for j in range(n_free):
            step = DIFFERENCE_STEP * max(1.0, abs(theta[j]))
            up, down = theta.copy(), theta.copy()
            up[j] += step
            down[j] -= step
            d_up = problem._delta(problem.matrices(up, g), g, n_free)
            d_down = problem._delta(problem.matrices(down, g), g, n_free)
            curvature[:, j] = (d_up - d_down).T @ score / (2 * step)
        total -= (curvature + curvature.T) / 2.0
    return total / moments.n_total


def h1_observed_information(patterns, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """-(1/n) d2 logL / d(mu, vech Sigma)2 of the saturated model (analytic, per pattern)."""

    def block_of(pattern) -> np.ndarray:
        o = pattern.observed
        k = len(o)
        inverse = np.linalg.inv(sigma[np.ix_(o, o)])
        resid = pattern.mean - mu[o]
        middle = inverse @ (pattern.cov + np.outer(resid, resid)) @ inverse
        rows, cols = np.tril_indices(k)
        local = np.zeros((k + len(rows),) * 2)
        local[:k, :k] = inverse
        u = inverse @ resid
        cross = inverse[:, rows] * u[cols] + inverse[:, cols] * u[rows]
        cross[:, rows == cols] /= 2.0
        local[:k, k:] = cross
        local[k:, :k] = cross.T
        local[k:, k:] = _trace_pairs(inverse, middle) - 0.5 * _trace_pairs(inverse, inverse)
        return local

    return pattern_average(patterns, len(mu), block_of)


def _trace_pairs(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """tr(A x B y) for A, B the symmetric basis matrices of vech (E_ab + E_ba; E_aa)."""
    rows, cols = np.tril_indices(len(x))
    a, b = rows[:, None], cols[:, None]
    c, d = rows[None, :], cols[None, :]
    value = x[b, c] * y[d, a] + x[b, d] * y[c, a] + x[a, c] * y[d, b] + x[a, d] * y[c, b]
    diagonal = (rows == cols).astype(float)
    return value / (1.0 + diagonal[:, None]) / (1.0 + diagonal[None, :])


def first_order_model(solution: Solution, state: GroupState) -> np.ndarray:
    """B0 = sum_g (n_g/N) Delta_g' B1_g Delta_g at the model-implied moments."""
    moments = solution.moments
    total = 0.0
    for g, patterns in enumerate(moments.patterns):
        b1 = first_order(patterns, state.mu[g], state.sigma[g])
        total = total + moments.n[g] / moments.n_total * state.delta[g].T @ b1 @ state.delta[g]
    return total


def unit_information(solution: Solution, robust: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """(E, B0): the information used for the standard errors and, `robust`, the meat.

    E is the expected information for complete-data ML (lavaan's default), the observed
    information for FIML and for MLR.
    """
    moments = solution.moments
    if not robust and not moments.fiml:
        return solution.information, None
    problem = make_problem(solution.table, moments)
    information = observed_information(problem, solution.theta)
    if not robust:
        return information, None
    state = group_state(problem, solution.theta)
    return information, first_order_model(solution, state)


def yuan_bentler(solution: Solution, e_inverse: np.ndarray, meat: np.ndarray, df: float) -> float:
    """The Yuan-Bentler (Mplus variant) scaling factor (tr(B1 A1^-1) - tr(B0 E^-1)) / df."""
    moments = solution.moments
    trace_h1 = saturated_trace(moments)
    trace_h0 = float(np.sum(meat * e_inverse.T))
    return (trace_h1 - trace_h0) / df if df > 0 else np.nan


def saturated_trace(moments) -> float:
    """sum_g tr(B1u_g A1u_g^-1) at the saturated estimates."""
    total = 0.0
    for a1, b1 in saturated_information(moments):
        total += float(np.sum(b1 * np.linalg.inv(a1).T))
    return total


_SATURATED_CACHE: dict = {}


def saturated_information(moments) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """(A1u, B1u) of each group: observed and (with fourth moments) first-order
    information of the saturated model at its estimates. The same for every model fitted
    on these moments (a ladder), so kept for the last moments seen."""
    key = id(moments)
    cached = _SATURATED_CACHE.get(key)
    if cached is not None and cached[0] is moments:
        return cached[1]
    out = []
    for g, patterns in enumerate(moments.patterns):
        mu, sigma = moments.mean[g], moments.cov[g]
        a1 = h1_observed_information(patterns, mu, sigma)
        robust = patterns[0].fourth is not None
        out.append((a1, first_order(patterns, mu, sigma) if robust else None))
    _SATURATED_CACHE.clear()
    _SATURATED_CACHE[key] = (moments, out)
    return out


def independence(moments) -> tuple[list, list, float]:
    """ML estimates of the independence model (free means and variances per group; with
    FIML the available-case means and variances, as the likelihood factorises) and its
    log-likelihood."""
    mus, sigmas, total = [], [], 0.0
    p = len(moments.items)
    for patterns in moments.patterns:
        mu, sigma = available_case_moments(patterns, p)
        mus.append(mu)
        sigmas.append(sigma)
        total += loglik(patterns, mu, sigma)
    return mus, sigmas, total


def _independence_delta(p: int) -> np.ndarray:
    """d(mu, vech Sigma) / d(mu, diag Sigma) of the independence model."""
    rows, cols = np.tril_indices(p)
    q = p + len(rows)
    delta = np.zeros((q, 2 * p))
    delta[:p, :p] = np.eye(p)
    diagonal = np.flatnonzero(rows == cols)
    delta[p + diagonal, p + np.arange(p)] = 1.0
    return delta


def independence_scaling(moments, df_null: float) -> float:
    """The Yuan-Bentler scaling factor of the independence model (complete data)."""
    mus, sigmas, _ = independence(moments)
    delta = _independence_delta(len(moments.items))
    trace_h0 = 0.0
    for g, patterns in enumerate(moments.patterns):
        info = delta.T @ h1_observed_information(patterns, mus[g], sigmas[g]) @ delta
        meat = delta.T @ first_order(patterns, mus[g], sigmas[g]) @ delta
        trace_h0 += float(np.sum(meat * np.linalg.inv(info).T))
    return (saturated_trace(moments) - trace_h0) / df_null


def fiml_corrected(solution: Solution, df: float, df_null: float, *, scaled: bool) -> dict:
    """lavaan's ``lav_fit_fiml_corrected``: XX3, c.hat3 and the null model's.

    Version "V3" when `scaled` (MLR; with the first-order information), else "V6" (ML).
    """
    moments = solution.moments
    n_total, p = moments.n_total, len(moments.items)
    weights = moments.n / n_total
    complete = Problem(solution.table, moments)  # the EM moments as complete data
    xx3 = n_total * complete.objective(solution.theta)
    state = group_state(complete, solution.theta)
    wm, wmi, wc, gamma = [], [], [], []
    for g, (w, jm) in enumerate(saturated_information(moments)):
        w_inv = np.linalg.inv(w)
        wm.append(weights[g] * w)
        wmi.append(w_inv / weights[g])
        wc.append(weights[g] * _complete_information(moments.cov[g]))
        if scaled:
            gamma.append(w_inv @ jm @ w_inv / weights[g])
    wm_all, wmi_all, wc_all = (_block_diag(m) for m in (wm, wmi, wc))
    middle = wmi_all @ wc_all @ wmi_all
    gamma_all = _block_diag(gamma) if scaled else None

    def correction(delta_all: np.ndarray) -> float:
        e_inv = np.linalg.inv(delta_all.T @ wm_all @ delta_all)
        u = wm_all - wm_all @ delta_all @ e_inv @ delta_all.T @ wm_all
        if scaled:
            return float(np.trace(u @ middle @ u @ gamma_all))
        return float(np.sum(middle * u))  # tr(Wc Wm^-1 U Wm^-1)

    c_hat = correction(np.vstack(state.delta)) / df
    mus, sigmas, _ = independence(moments)
    xx3_null = 0.0
    for g in range(moments.n_groups):
        inverse = np.linalg.inv(sigmas[g])
        resid = moments.mean[g] - mus[g]
        c = moments.cov[g] + np.outer(resid, resid)
        xx3_null += moments.n[g] * (
            np.linalg.slogdet(sigmas[g])[1]
            + np.trace(c @ inverse)
            - np.linalg.slogdet(moments.cov[g])[1]
            - p
        )
    delta = _independence_delta(p)
    null_delta = _block_diag([delta] * moments.n_groups)
    c_hat_null = correction(null_delta) / df_null
    return {"xx3": xx3, "c_hat": c_hat, "xx3_null": xx3_null, "c_hat_null": c_hat_null}


def _complete_information(sigma: np.ndarray) -> np.ndarray:
    """Unit information of the saturated model for complete data at Sigma."""
    p = len(sigma)
    inverse = np.linalg.inv(sigma)
    q = p + p * (p + 1) // 2
    info = np.zeros((q, q))
    info[:p, :p] = inverse
    info[p:, p:] = vech_weight(inverse)
    return info


def _block_diag(blocks) -> np.ndarray:
    rows = sum(block.shape[0] for block in blocks)
    cols = sum(block.shape[1] for block in blocks)
    out = np.zeros((rows, cols))
    r = c = 0
    for block in blocks:
        out[r : r + block.shape[0], c : c + block.shape[1]] = block
        r += block.shape[0]
        c += block.shape[1]
    return out
