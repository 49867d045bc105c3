"""Item response theory for 0/1 items: Rasch and 2PL models, abilities, information.

The Learning Ambassador assessment test is scored 0/1 per item. :func:`fit` estimates
the Rasch model or the two-parameter logistic (2PL) model by marginal maximum likelihood
(MML, Bock-Aitkin EM over Gauss-Hermite quadrature), or the Rasch model by conditional
maximum likelihood (CML, the estimator of R's eRm). :func:`abilities` gives EAP ability
estimates, :func:`item_information` / :func:`test_information` the information curves,
:func:`marginal_reliability` the reliability of the EAP scores and :func:`wright_map`
persons and items on one scale.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit, log_expit

from techvet_survey._results import Result
from techvet_survey._stats.binary import binary_items, constant_item_mask
from techvet_survey._validation import check_argument

MODELS = ("rasch", "2pl")
METHODS = ("mml", "cml")
EXTREME_SLOPE = 10.0


@dataclass(frozen=True)
class IRTResult(Result):
    """A fitted Rasch or 2PL model.

    Attributes
    ----------
    items : DataFrame
        One row per item: ``item``, ``a`` (slope), ``d`` (intercept), ``b``
        (difficulty, ``-d / a``), their standard errors ``se_a``, ``se_d``, ``se_b``,
        ``n`` (responses used) and ``p_correct``.
    model, method : str
        ``"rasch"`` or ``"2pl"``; ``"mml"`` or ``"cml"``.
    loglik : float
        Marginal log-likelihood (MML) or conditional log-likelihood (CML).
    n_iter : int
        EM cycles (MML) or Newton steps (CML).
    converged : bool
        Whether the parameter change fell below the tolerance.
    n_persons : int
        Persons with at least one response.
    theta_sd, se_theta_sd : float
        Standard deviation of the latent ability and its SE (Rasch by MML; 1 for the
        2PL, NaN for CML, which does not estimate the ability distribution).
    n_quad : int
        Quadrature points used (MML).
    """

    items: pd.DataFrame
    model: str
    method: str
    loglik: float
    n_iter: int
    converged: bool
    n_persons: int
    theta_sd: float
    se_theta_sd: float
    n_quad: int


# --------------------------------------------------------------------------- input


def _usable_items(frame: pd.DataFrame) -> np.ndarray:
    constant = constant_item_mask(frame.to_numpy())
    if constant.any():
        names = ", ".join(repr(str(c)) for c in frame.columns[constant])
        warnings.warn(
            f"Items {names} have no variance (everyone right or everyone wrong); their "
            "parameters are not estimable and are reported as NaN. Drop them from `items`.",
            RuntimeWarning,
            stacklevel=3,
        )
    if (~constant).sum() < 2:
        raise ValueError("`scored` needs at least two items with both 0 and 1 responses.")
    return ~constant


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


# --------------------------------------------------------------------------- MML


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
    return ones, 0 * ones, intercepts, se_d, -intercepts, se_d


# --------------------------------------------------------------------------- CML


def _esf(eps: np.ndarray) -> np.ndarray:
    """Elementary symmetric functions gamma_0..gamma_J of each row of `eps` (rows x J)."""
    gamma = np.zeros((eps.shape[0], eps.shape[1] + 1))
    gamma[:, 0] = 1.0
    for j in range(eps.shape[1]):
        gamma[:, 1:] = gamma[:, 1:] + eps[:, j : j + 1] * gamma[:, :-1]
    return gamma


def _cml_terms(beta, groups):
    """Conditional log-likelihood, gradient and Hessian in the difficulties `beta`."""
    n_items = beta.size
    loglik, grad, hess = 0.0, np.zeros(n_items), np.zeros((n_items, n_items))
    eye = np.eye(n_items, dtype=bool)
    for mask, score_counts, item_totals in groups:
        eps = np.where(mask, np.exp(-beta), 0.0)
        # rows: all items, each item left out, each pair left out
        drop_one = np.where(eye, 0.0, eps)
        drop_two = (drop_one[:, None, :] * ~eye[None, :, :]).reshape(-1, n_items)
        gamma = _esf(eps[None, :])[0]
        gamma_1 = _esf(drop_one)
        gamma_2 = _esf(drop_two).reshape(n_items, n_items, -1)
        scores = np.arange(gamma.size)
        used = score_counts > 0
        r = scores[used]
        cnt = score_counts[used]
        loglik += -item_totals @ beta - cnt @ np.log(gamma[r])
        e1 = eps[:, None] * np.where(r > 0, gamma_1[:, np.maximum(r - 1, 0)], 0) / gamma[r]
        e2 = (
            np.outer(eps, eps)[:, :, None]
            * np.where(r > 1, gamma_2[:, :, np.maximum(r - 2, 0)], 0)
            / gamma[r]
        )
        e2[eye] = e1
        grad += -item_totals + e1 @ cnt
        cov = e2 - e1[:, None, :] * e1[None, :, :]
        hess -= cov @ cnt
    return loglik, grad, hess


def _fit_cml(values, max_iter, tol):
    """Rasch difficulties by conditional ML, normalised to sum zero (eRm's sum0=TRUE)."""
    observed = ~np.isnan(values)
    n_items = values.shape[1]
    groups = []
    for mask in np.unique(observed, axis=0):
        rows = (observed == mask).all(axis=1)
        block = np.nan_to_num(values[rows])
        score = block.sum(axis=1).astype(int)
        informative = (score > 0) & (score < mask.sum())
        counts = np.bincount(score[informative], minlength=n_items + 1).astype(float)
        groups.append((mask, counts, block[informative].sum(axis=0)))
    # free parameters: beta_1..beta_{J-1}; beta_J = -sum (sum-zero restriction)
    restrict = np.vstack([np.eye(n_items - 1), -np.ones((1, n_items - 1))])
    free = np.zeros(n_items - 1)
    converged, n_iter = False, 0
    while n_iter < max_iter:
        n_iter += 1
        _, grad, hess = _cml_terms(restrict @ free, groups)
        step = np.linalg.solve(restrict.T @ hess @ restrict, restrict.T @ grad)
        free = free - step
        if np.abs(step).max() < tol:
            converged = True
            break
    beta = restrict @ free
    loglik, _, hess = _cml_terms(beta, groups)
    cov = restrict @ _safe_inverse(-(restrict.T @ hess @ restrict)) @ restrict.T
    return beta, np.sqrt(np.diag(cov)), loglik, n_iter, converged


# --------------------------------------------------------------------------- public


def fit(
    scored: pd.DataFrame,
    items=None,
    *,
    model: str = "2pl",
    method: str = "mml",
    n_quad: int = 61,
    max_iter: int = 2000,
    tol: float = 1e-6,
    se: bool = True,
) -> IRTResult:
    """Fit the Rasch or the 2PL model to 0/1 item scores.

    Parameters
    ----------
    scored : DataFrame
        One row per person, 0/1 item scores; NaN for items not answered or not reached.
    items : sequence of str, optional
        Item columns; all columns when omitted.
    model : {"2pl", "rasch"}
        ``P(x_j = 1 | theta) = 1 / (1 + exp(-(a_j theta + d_j)))``; the Rasch model has
        one slope for all items.
    method : {"mml", "cml"}
        Marginal ML (Bock-Aitkin EM, theta ~ N(0, 1)) or, for the Rasch model only,
        conditional ML given the raw scores (eRm's estimator).
    n_quad : int
        Gauss-Hermite quadrature points for MML.
    max_iter, tol : int, float
        EM cycles (Newton steps for CML) and the convergence tolerance on the largest
        absolute parameter change.
    se : bool
        Compute standard errors (MML: Louis' observed information, which costs about
        as much as ten EM cycles); NaN when False.

    Returns
    -------
    IRTResult
        ``.items`` holds ``a``, ``d``, ``b`` and their SEs; items without variance are
        NaN rows (with a warning).

    Notes
    -----
    MML maximises ``sum_p log sum_q w_q prod_j P_j(x_q)^u_pj (1 - P_j(x_q))^(1 - u_pj)``
    over Gauss-Hermite nodes ``x_q`` and weights ``w_q`` of N(0, 1) [1]_. Missing
    responses drop out of the product (they carry no likelihood), so not-reached items
    are allowed. Identical response patterns are collapsed first, the E-step is matrix
    products over the nodes, the M-step a few vectorised Newton steps, and the EM
    cycles are accelerated by SQUAREM [4]_ (``n_iter`` counts EM cycles). The 2PL
    is reported as slope ``a``, intercept ``d`` (mirt's ``a1``, ``d``) and difficulty
    ``b = -d / a``.

    The Rasch model by MML is fitted with a common slope ``a`` and theta ~ N(0, 1),
    which is the same model as slope 1 and theta ~ N(0, sigma^2) with ``sigma = a``; the
    table reports the latter (logit) metric: ``a = 1``, ``b = -d`` and
    ``theta_sd = sigma`` (R: ``mirt(x, 1, "Rasch")``, ``ltm::rasch``).

    Standard errors come from the observed information by Louis' rule [2]_ (exact second
    derivatives of the marginal log-likelihood at the estimate, not the cross-product
    approximation); the SE of ``b`` follows by the delta method.

    CML [3]_ conditions on the raw score, so the ability distribution drops out:
    ``log L_c = -sum_j s_j b_j - sum_p log gamma_{r_p}(exp(-b))`` with the elementary
    symmetric functions ``gamma``; with missing responses each missingness pattern gets
    its own ``gamma`` (as in eRm). Persons with zero or full scores carry no
    information. Difficulties are normalised to sum zero and SEs come from the inverse
    Hessian (R: ``-eRm::RM(x)$betapar``, ``$se.beta``). MML and CML difficulties differ
    by a location shift and slightly in spread, because MML assumes a normal ability
    distribution and CML assumes nothing about it.

    References
    ----------
    .. [1] Bock, R. D., & Aitkin, M. (1981). Marginal maximum likelihood estimation of
       item parameters: application of an EM algorithm. Psychometrika, 46, 443-459.
    .. [2] Louis, T. A. (1982). Finding the observed information matrix when using the
       EM algorithm. JRSS B, 44, 226-233.
    .. [3] Andersen, E. B. (1972). The numerical solution of a set of conditional
       estimation equations. JRSS B, 34, 42-54.
    .. [4] Varadhan, R., & Roland, C. (2008). Simple and globally convergent methods for
       accelerating the convergence of any EM algorithm. Scand. J. Statist., 35, 335-353.

    Examples
    --------
    >>> import itertools
    >>> patterns = list(itertools.product([0, 1], repeat=3))
    >>> data = pd.DataFrame(patterns * 3 + [(1, 1, 1), (1, 1, 0), (1, 0, 0)],
    ...                     columns=["q1", "q2", "q3"])
    >>> result = fit(data, model="rasch", method="cml")
    >>> result.items["b"].round(4).tolist()
    [-0.1506, -0.0, 0.1506]
    """
    frame = binary_items(scored, items)
    check_argument("model", MODELS, model)
    check_argument("method", METHODS, method)
    if method == "cml" and model != "rasch":
        raise ValueError("`method='cml'` exists for the Rasch model only; use model='rasch'.")
    usable = _usable_items(frame)
    values = frame.to_numpy()[:, usable]
    answered = ~np.isnan(values).all(axis=1)
    values = values[answered]
    table = pd.DataFrame(
        np.nan, index=range(frame.shape[1]), columns=["a", "se_a", "d", "se_d", "b", "se_b"]
    )
    if method == "mml":
        slopes, intercepts, cov, loglik, n_iter, converged = _fit_mml(
            values, model, n_quad, max_iter, tol, se
        )
        table.loc[usable, :] = np.column_stack(_mml_table(slopes, intercepts, cov, model))
        sd = float(slopes[0]) if model == "rasch" else 1.0
        se_sd = float(np.sqrt(cov[0, 0])) if model == "rasch" else 0.0
    else:
        beta, se, loglik, n_iter, converged = _fit_cml(values, max_iter, tol)
        table.loc[usable, :] = np.column_stack([np.ones_like(beta), 0 * se, -beta, se, beta, se])
        sd, se_sd, n_quad = np.nan, np.nan, 0
    extreme = usable.copy()
    extreme[usable] = np.abs(table.loc[usable, "a"].to_numpy() * sd) > EXTREME_SLOPE
    if method == "mml" and extreme.any():
        names = ", ".join(repr(str(c)) for c in frame.columns[extreme])
        warnings.warn(
            f"Items {names} have slopes beyond +-{EXTREME_SLOPE}: the likelihood has no "
            "finite maximum for them (an item that splits the sample almost perfectly, or "
            "too few persons). Their estimates and SEs are not meaningful; use the Rasch "
            "model or more persons.",
            RuntimeWarning,
            stacklevel=2,
        )
    if not converged:
        warnings.warn(
            f"The {method.upper()} fit did not converge in {max_iter} iterations; raise "
            "`max_iter` or check for items that (nearly) everyone gets right or wrong.",
            RuntimeWarning,
            stacklevel=2,
        )
    counts = frame.notna().sum().to_numpy()
    table.insert(0, "item", [str(c) for c in frame.columns])
    table["n"] = counts
    table["p_correct"] = frame.mean().to_numpy()
    return IRTResult(
        items=table,
        model=model,
        method=method,
        loglik=float(loglik),
        n_iter=int(n_iter),
        converged=bool(converged),
        n_persons=int(answered.sum()),
        theta_sd=sd,
        se_theta_sd=se_sd,
        n_quad=int(n_quad),
    )


def _check_mml(result: IRTResult, what: str) -> None:
    if not isinstance(result, IRTResult):
        raise TypeError(
            f"`result` must be an IRTResult from irt.fit(); got {type(result).__name__}."
        )
    if result.method != "mml":
        raise ValueError(
            f"{what} needs the ability distribution, which CML does not estimate; refit "
            "with irt.fit(..., method='mml')."
        )


def _logit_metric(result: IRTResult):
    """Slopes and intercepts on the reporting scale: theta ~ N(0, theta_sd^2)."""
    usable = result.items["a"].notna().to_numpy()
    table = result.items.loc[usable]
    return usable, table["a"].to_numpy(), table["d"].to_numpy()


def abilities(result: IRTResult, scored: pd.DataFrame) -> pd.DataFrame:
    """Expected a posteriori (EAP) abilities with posterior SDs.

    Parameters
    ----------
    result : IRTResult
        An MML fit from :func:`fit`.
    scored : DataFrame
        0/1 item scores with the item columns of the fit (other columns are ignored);
        NaN responses are skipped.

    Returns
    -------
    DataFrame
        Indexed like `scored`: ``theta`` (EAP), ``se`` (posterior SD) and ``n_items``
        (responses used). Persons without responses get the prior mean and SD.

    Notes
    -----
    ``theta_EAP = sum_q x_q w_q L(u | x_q) / sum_q w_q L(u | x_q)`` over the fit's
    quadrature [1]_; for the Rasch model the scale is the logit metric of the item
    difficulties (prior N(0, theta_sd^2)). R: ``mirt::fscores(mod, method = "EAP",
    full.scores.SE = TRUE)``.

    References
    ----------
    .. [1] Bock, R. D., & Mislevy, R. J. (1982). Adaptive EAP estimation of ability in a
       microcomputer environment. Applied Psychological Measurement, 6, 431-444.

    Examples
    --------
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1]})
    >>> result = fit(data, model="rasch")
    >>> abilities(result, data)["theta"].round(2).tolist()
    [0.58, -0.29, -0.72, 0.14, 0.14, 0.14]
    """
    _check_mml(result, "`abilities`")
    usable, slopes, intercepts = _logit_metric(result)
    frame = binary_items(scored, list(result.items["item"].to_numpy()[usable]), min_items=1)
    values = frame.to_numpy()
    nodes, weights = _quadrature(result.n_quad)
    nodes = nodes * result.theta_sd
    post, _ = _posterior(
        np.nan_to_num(values),
        (~np.isnan(values)).astype(float),
        slopes,
        intercepts,
        nodes,
        np.log(weights),
    )
    theta = post @ nodes
    se = np.sqrt(np.maximum(post @ nodes**2 - theta**2, 0.0))
    return pd.DataFrame(
        {"theta": theta, "se": se, "n_items": (~np.isnan(values)).sum(axis=1)},
        index=frame.index,
    )


def _theta_grid(theta, result: IRTResult) -> np.ndarray:
    if theta is None:
        return np.linspace(-4, 4, 81) * (result.theta_sd if result.method == "mml" else 1.0)
    return np.atleast_1d(np.asarray(theta, dtype=float))


def item_information(result: IRTResult, theta=None) -> pd.DataFrame:
    """Item information ``I_j(theta) = a_j^2 P_j(theta) (1 - P_j(theta))`` over a grid.

    Parameters
    ----------
    result : IRTResult
        A fit from :func:`fit`.
    theta : array-like, optional
        Ability values; by default 81 points over +-4 latent SDs.

    Returns
    -------
    DataFrame
        Long format: ``theta``, ``item``, ``information``.

    Notes
    -----
    R: ``mirt::iteminfo(extract.item(mod, j), Theta)``. Rasch items have ``a = 1`` on
    the logit scale.

    Examples
    --------
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1]})
    >>> info = item_information(fit(data, model="rasch", method="cml"), theta=[0.0])
    >>> info["information"].round(4).tolist()
    [0.2316, 0.2452, 0.2452]
    """
    usable, slopes, intercepts = _logit_metric(result)
    grid = _theta_grid(theta, result)
    prob = expit(slopes[:, None] * grid[None, :] + intercepts[:, None])
    info = slopes[:, None] ** 2 * prob * (1 - prob)
    names = result.items["item"].to_numpy()[usable]
    return pd.DataFrame(
        {
            "theta": np.tile(grid, names.size),
            "item": np.repeat(names, grid.size),
            "information": info.ravel(),
        }
    )


def test_information(result: IRTResult, theta=None) -> pd.DataFrame:
    """Test information (sum of item information) and the SE of ability ``1/sqrt(I)``.

    Returns
    -------
    DataFrame
        ``theta``, ``information``, ``se``.

    Notes
    -----
    R: ``mirt::testinfo(mod, Theta)``.

    Examples
    --------
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1]})
    >>> info = test_information(fit(data, model="rasch", method="cml"), theta=[0.0])
    >>> round(float(info["information"].iloc[0]), 4)
    0.7221
    """
    items = item_information(result, theta)
    total = items.groupby("theta", sort=False)["information"].sum()
    return pd.DataFrame(
        {
            "theta": total.index.to_numpy(),
            "information": total.to_numpy(),
            "se": 1 / np.sqrt(total.to_numpy()),
        }
    )


def marginal_reliability(result: IRTResult) -> float:
    """Marginal reliability ``sigma^2 / (sigma^2 + E[1 / I(theta)])`` over the prior.

    Notes
    -----
    The expectation is taken over the fitted N(0, theta_sd^2) ability distribution by
    the fit's quadrature [1]_. R: ``mirt::marginal_rxx(mod)``.

    References
    ----------
    .. [1] Green, B. F., Bock, R. D., Humphreys, L. G., Linn, R. L., & Reckase, M. D.
       (1984). Technical guidelines for assessing computerized adaptive tests. Journal of
       Educational Measurement, 21, 347-360.

    Examples
    --------
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1]})
    >>> round(marginal_reliability(fit(data, model="rasch")), 3)
    0.27
    """
    _check_mml(result, "`marginal_reliability`")
    nodes, weights = _quadrature(result.n_quad)
    grid = nodes * result.theta_sd
    info = test_information(result, grid)["information"].to_numpy()
    error = float(weights @ (1 / info))
    return result.theta_sd**2 / (result.theta_sd**2 + error)


def wright_map(result: IRTResult, scored: pd.DataFrame) -> pd.DataFrame:
    """Persons (EAP abilities) and items (difficulties ``b``) on one scale.

    Returns
    -------
    DataFrame
        ``kind`` (``"person"`` or ``"item"``), ``label`` (row index or item name) and
        ``location``: the input of a Wright map (person histogram beside item ticks).

    Examples
    --------
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1]})
    >>> wright_map(fit(data, model="rasch"), data)["kind"].value_counts().to_dict()
    {'person': 6, 'item': 3}
    """
    persons = abilities(result, scored)
    items = result.items.dropna(subset=["b"])
    return pd.DataFrame(
        {
            "kind": ["person"] * len(persons) + ["item"] * len(items),
            "label": [*map(str, persons.index), *items["item"]],
            "location": np.concatenate([persons["theta"].to_numpy(), items["b"].to_numpy()]),
        }
    )


test_information.__test__ = False  # an IRT term, not a pytest test
