"""Marginal maximum likelihood of the Rasch and 2PL models.

Bock-Aitkin EM over Gauss-Hermite quadrature, SQUAREM acceleration and Louis'
observed information for the standard errors.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit, log_expit


def _patterns(values: np.ndarray):
    """Collapse identical response patterns: (correct, observed, frequency, inverse)."""
    coded = np.where(np.isnan(values), 2, values).astype(np.int8)
    if values.shape[1] <= 39:  # 3**39 < 2**63: one integer key per pattern
        keys = coded.astype(np.int64) @ (3 ** np.arange(values.shape[1], dtype=np.int64))
        _, first, inverse, counts = np.unique(
            keys, return_index=True, return_inverse=True, return_counts=True
        )
        unique = coded[first]
    else:
        unique, inverse, counts = np.unique(coded, axis=0, return_inverse=True, return_counts=True)
    return (
        (unique == 1).astype(float),
        (unique != 2).astype(float),
        counts.astype(float),
        inverse.ravel(),
    )


def _quadrature(n_quad: int):
    nodes, weights = np.polynomial.hermite_e.hermegauss(n_quad)
    return nodes, weights / weights.sum()


def _posterior(correct, observed, slopes, intercepts, nodes, log_weights):
    """Posterior weights over the nodes for every pattern and the marginal log-lik."""
    z = slopes[:, None] * nodes[None, :] + intercepts[:, None]
    log_q = log_expit(-z)
    # u log p + (o - u) log q = u (log p - log q) + o log q, and log p - log q = z
    if observed.all():
        joint = correct @ z + (log_q.sum(axis=0) + log_weights)
    else:
        joint = correct @ z + observed @ log_q + log_weights
    peak = joint.max(axis=1, keepdims=True)
    # floor at exp(-700): subnormal numbers would slow every later product ~100-fold
    post = np.exp(np.maximum(joint - peak, -700.0))
    total = post.sum(axis=1, keepdims=True)
    post /= total
    return post, (peak + np.log(total)).ravel()


def _m_step_2pl(r1, n, nodes, slopes, intercepts, steps=3):
    """Newton steps of the per-item logistic regressions on expected counts."""
    for _ in range(steps):
        p = expit(slopes[:, None] * nodes + intercepts[:, None])
        res = r1 - n * p
        w = n * p * (1 - p)
        g_a, g_d = res @ nodes, res.sum(axis=1)
        h_aa, h_ad, h_dd = w @ nodes**2, w @ nodes, w.sum(axis=1)
        det = h_aa * h_dd - h_ad**2
        with np.errstate(divide="ignore", invalid="ignore"):
            step_a = _bounded((h_dd * g_a - h_ad * g_d) / det)
            step_d = _bounded((h_aa * g_d - h_ad * g_a) / det)
        slopes, intercepts = slopes + step_a, intercepts + step_d
    return slopes, intercepts


def _bounded(step, limit=1.0):
    """Newton steps clipped to +-`limit`, zero where not finite (flat likelihood)."""
    return np.clip(np.where(np.isfinite(step), step, 0.0), -limit, limit)


def _m_step_rasch(r1, n, nodes, slope, intercepts, steps=3):
    """Newton steps for one common slope and item intercepts (arrowhead Hessian)."""
    for _ in range(steps):
        p = expit(slope * nodes + intercepts[:, None])
        res = r1 - n * p
        w = n * p * (1 - p)
        g_a, g_d = (res @ nodes).sum(), res.sum(axis=1)
        h_aa, h_ad, h_dd = (w @ nodes**2).sum(), w @ nodes, w.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            schur = h_aa - np.sum(h_ad**2 / h_dd)
            step_a = _bounded((g_a - np.sum(h_ad * g_d / h_dd)) / schur)
            step_d = _bounded((g_d - h_ad * step_a) / h_dd)
        slope, intercepts = slope + step_a, intercepts + step_d
    return slope, intercepts


def _weighted_products(left, right, weight):
    """``out[q, j, k] = sum_p weight[p, q] left[p, j] right[p, k]`` by chunked BLAS."""
    n_items, n_nodes = left.shape[1], weight.shape[1]
    out = np.zeros((n_items, n_items * n_nodes))
    chunk = max(1, 2_000_000 // (n_items * n_nodes))
    for start in range(0, left.shape[0], chunk):
        block = slice(start, start + chunk)
        spread = left[block, :, None] * weight[block, None, :]
        out += right[block].T @ spread.reshape(spread.shape[0], -1)
    return out.reshape(n_items, n_items, n_nodes).transpose(2, 1, 0)


def _louis_information(correct, observed, freq, slopes, intercepts, nodes, log_weights):
    """Observed information of the 2PL parameters (a_1, d_1, ..., a_J, d_J) by Louis' rule.

    -H = sum_q E[-d2 log L_c] - (sum_p f_p E_p[s s'] - sum_p f_p E_p[s] E_p[s]'), where the
    complete-data score of pattern p at node q is s = r_pjq (x_q, 1) per item j with the
    residual r_pjq = u_pj - o_pj P_j(x_q). The sums over patterns are matrix products.
    """
    n_items = slopes.size
    z_nodes = np.column_stack([nodes, np.ones_like(nodes)])
    prob = expit(slopes[:, None] * nodes + intercepts[:, None])  # J x Q
    post, _ = _posterior(correct, observed, slopes, intercepts, nodes, log_weights)
    weight = freq[:, None] * post
    expected_n, expected_r = observed.T @ weight, correct.T @ weight
    # E_p[s]: per item, (sum_q post r x_q, sum_q post r)
    mean_a = correct * (post @ nodes)[:, None] - observed * (post @ (prob * nodes).T)
    mean_d = correct - observed * (post @ prob.T)
    # sum_p w_pq r_pjq r_pkq, expanded in u and o
    cross = _weighted_products(correct, correct, weight)
    if observed.all():
        uo = np.broadcast_to(expected_r.T[:, :, None], cross.shape)
        oo = weight.sum(axis=0)[:, None, None]
    else:
        uo = _weighted_products(correct, observed, weight)
        oo = _weighted_products(observed, observed, weight)
    p_t = prob.T
    cross = cross - uo * p_t[:, None, :] - uo.transpose(0, 2, 1) * p_t[:, :, None]
    cross = cross + oo * p_t[:, :, None] * p_t[:, None, :]
    curvature = expected_n * prob * (1 - prob)
    block = np.einsum("jq,qa,qb->jab", curvature, z_nodes, z_nodes)
    second = np.zeros((n_items, 2, n_items, 2))
    for j in range(n_items):
        second[j, :, j, :] = block[j]
    outer = np.einsum("qjk,qa,qb->jakb", cross, z_nodes, z_nodes)
    scores = np.stack([mean_a, mean_d], axis=2).reshape(correct.shape[0], -1)
    between = scores.T @ (freq[:, None] * scores)
    info = second.reshape(2 * n_items, -1) - outer.reshape(2 * n_items, -1) + between
    return (info + info.T) / 2


def _fit_mml(values, model, n_quad, max_iter, tol, se=True):
    correct, observed, freq, _ = _patterns(values)
    nodes, weights = _quadrature(n_quad)
    log_weights = np.log(weights)
    p_correct = (correct * freq[:, None]).sum(0) / (observed * freq[:, None]).sum(0)
    start = np.concatenate([np.ones_like(p_correct), 1.7 * np.log(p_correct / (1 - p_correct))])
    n_items = p_correct.size

    def em_map(params):
        """One EM cycle: the updated parameters and the log-likelihood at `params`."""
        slopes, intercepts = params[:n_items], params[n_items:]
        post, norm = _posterior(correct, observed, slopes, intercepts, nodes, log_weights)
        weight = freq[:, None] * post
        r1, n = (weight.T @ correct).T, (weight.T @ observed).T
        if model == "2pl":
            slopes, intercepts = _m_step_2pl(r1, n, nodes, slopes, intercepts)
        else:
            slope, intercepts = _m_step_rasch(r1, n, nodes, slopes[0], intercepts)
            slopes = np.full_like(slopes, slope)
        return np.concatenate([slopes, intercepts]), float(freq @ norm)

    params, n_iter, converged = _squarem(em_map, start, max_iter, tol)
    slopes, intercepts = params[:n_items], params[n_items:]
    _, norm = _posterior(correct, observed, slopes, intercepts, nodes, log_weights)
    loglik = float(freq @ norm)
    if not se:
        size = n_items + 1 if model == "rasch" else 2 * n_items
        return slopes, intercepts, np.full((size, size), np.nan), loglik, n_iter, converged
    info = _louis_information(correct, observed, freq, slopes, intercepts, nodes, log_weights)
    if model == "rasch":
        # a_j = a for every item: map the 2PL information onto (a, d_1, ..., d_J).
        n_items = slopes.size
        jacobian = np.zeros((2 * n_items, n_items + 1))
        jacobian[0::2, 0] = 1.0
        jacobian[1::2, 1:] = np.eye(n_items)
        info = jacobian.T @ info @ jacobian
    cov = _safe_inverse(info)
    return slopes, intercepts, cov, loglik, n_iter, converged


def _squarem(em_map, params, max_iter, tol):
    """Iterate the EM map with SQUAREM extrapolation (Varadhan & Roland 2008, S3).

    Each cycle makes two EM steps, extrapolates along them and takes one EM step from
    the extrapolated point, which is kept only if it does not lower the likelihood.
    Converged when one plain EM step changes no parameter by more than `tol`.
    """
    n_iter = 0
    while n_iter < max_iter:
        first, loglik = em_map(params)
        second, _ = em_map(first)
        n_iter += 2
        if np.abs(second - first).max() < tol:
            return second, n_iter, True
        step, curvature = first - params, second - 2 * first + params
        ratio = -np.sqrt((step @ step) / (curvature @ curvature))
        ratio = min(ratio, -1.0)
        jumped = params - 2 * ratio * step + ratio**2 * curvature
        candidate, jumped_loglik = em_map(jumped)
        n_iter += 1
        params = candidate if np.isfinite(jumped_loglik) and jumped_loglik >= loglik else second
    return params, n_iter, False


def _safe_inverse(info):
    try:
        return np.linalg.inv(info)
    except np.linalg.LinAlgError:
        return np.full_like(info, np.nan)


def _mml_table(slopes, intercepts, cov, model):
    """Item table from MML estimates; Rasch reported in the slope-1 (logit) metric."""
    if model == "2pl":
        var_a, var_d = np.diag(cov)[0::2], np.diag(cov)[1::2]
        cov_ad = np.array([cov[2 * j, 2 * j + 1] for j in range(slopes.size)])
        b = -intercepts / slopes
        grad_a, grad_d = intercepts / slopes**2, -1 / slopes
        var_b = grad_a**2 * var_a + grad_d**2 * var_d + 2 * grad_a * grad_d * cov_ad
        return slopes, np.sqrt(var_a), intercepts, np.sqrt(var_d), b, np.sqrt(var_b)
    se_d = np.sqrt(np.diag(cov)[1:])
    ones = np.ones_like(intercepts)
    return ones, np.nan * ones, intercepts, se_d, -intercepts, se_d
