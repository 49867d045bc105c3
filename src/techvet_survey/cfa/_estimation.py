"""Normal-theory maximum likelihood for (multigroup) CFA with a mean structure.

The discrepancy of group g (lavaan's ``likelihood="normal"``: covariances with divisor n)
is

    F_g = log|Sigma_g| + tr(C_g Sigma_g^-1) - log|S_g| - p,
    C_g = S_g + (ybar_g - mu_g)(ybar_g - mu_g)',

with Sigma = Lambda Phi Lambda' + Theta and mu = nu + Lambda alpha. The total is
F = sum_g (n_g / N) F_g and chi2 = N F. It is minimised by Fisher scoring (Newton's
method with the expected information in place of the Hessian) turning into BFGS, with
scipy's trust-region Newton method as the fall-back; the analytic gradient and
information come from the Jacobian Delta of the moments (mu, vech Sigma) with respect
to the free parameters.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace

import numpy as np
import scipy.linalg
from scipy import optimize

from techvet_survey.cfa._model import Layout, ParameterTable
from techvet_survey.cfa._moments import SampleMoments

GRADIENT_TOLERANCE = 1e-9
LOOSE_GRADIENT_TOLERANCE = 1e-6
STEP_TOLERANCE = 1e-8
FISHER_ITERATIONS = 5
QUICK_ITERATIONS = 50
MAX_ITERATIONS = 500


@dataclass(frozen=True)
class GroupMatrices:
    """Model matrices of one group: loadings, factor covariances, residual variances,
    intercepts and latent means."""

    loadings: np.ndarray
    phi: np.ndarray
    residuals: np.ndarray
    intercepts: np.ndarray
    means: np.ndarray
    theta: np.ndarray | None = None

    @classmethod
    def from_flat(cls, layout: Layout, flat: np.ndarray) -> GroupMatrices:
        p, m = layout.n_items, layout.n_factors
        phi = np.zeros((m, m))
        rows, cols = layout.phi_triangle
        phi[rows, cols] = flat[layout.phi_start : layout.theta_start]
        phi[cols, rows] = phi[rows, cols]
        residuals = flat[layout.theta_start : layout.nu_start]
        theta = None
        if layout.residual_pairs:
            theta = np.diag(residuals)
            left, right = np.array(layout.residual_pairs).T
            theta[left, right] = theta[right, left] = flat[layout.covariance_start :]
        return cls(
            loadings=flat[: layout.phi_start].reshape(p, m),
            phi=phi,
            residuals=residuals,
            intercepts=flat[layout.nu_start : layout.alpha_start],
            means=flat[layout.alpha_start : layout.covariance_start],
            theta=theta,
        )

    def implied(self) -> tuple[np.ndarray, np.ndarray]:
        """Model-implied covariance matrix and mean vector."""
        theta = np.diag(self.residuals) if self.theta is None else self.theta
        sigma = self.loadings @ self.phi @ self.loadings.T + theta
        return sigma, self.intercepts + self.loadings @ self.means


@dataclass(frozen=True)
class Solution:
    """A fitted parameter vector with its convergence record."""

    table: ParameterTable
    moments: SampleMoments
    theta: np.ndarray
    fmin: float
    converged: bool
    n_iter: int
    grad_norm: float
    information: np.ndarray
    message: str

    def group_matrices(self, g: int) -> GroupMatrices:
        return Problem(self.table, self.moments).matrices(self.theta, g)


class Problem:
    """The ML discrepancy of one parameter table on one set of group moments."""

    def __init__(self, table: ParameterTable, moments: SampleMoments):
        self.table = table
        self.moments = moments
        self.layout = table.layout
        p = self.layout.n_items
        self.vech_rows, self.vech_cols = np.tril_indices(p)
        off = (self.vech_rows != self.vech_cols).astype(float)
        self.vech_gradient_scale = 1.0 + off
        self.vech_weight_scale = np.outer(2.0**off / 2.0, 2.0**off / 2.0)
        self.selectors = VechSelectors.build(p)
        self.weights = moments.n / moments.n.sum()
        self.templates = [table.template(g) for g in range(table.n_groups)]
        self.free = [table.free_rows(g) for g in range(table.n_groups)]
        self.logdet_s = np.array(
            [np.linalg.slogdet(moments.cov[g])[1] for g in range(table.n_groups)]
        )

    def matrices(self, theta: np.ndarray, g: int) -> GroupMatrices:
        flat = self.templates[g].copy()
        positions, index = self.free[g]
        flat[positions] = theta[index]
        return GroupMatrices.from_flat(self.layout, flat)

    def objective(self, theta: np.ndarray) -> float:
        """F = sum_g (n_g/N) F_g; +inf where an implied covariance is not positive definite."""
        total = 0.0
        for g, weight in enumerate(self.weights):
            sigma, mu = self.matrices(theta, g).implied()
            try:
                lower = np.linalg.cholesky(sigma)
            except np.linalg.LinAlgError:
                return np.inf
            lower_inv = np.linalg.inv(lower)
            resid = self.moments.mean[g] - mu
            c = self.moments.cov[g] + np.outer(resid, resid)
            trace = np.einsum("ij,ij->", lower_inv @ c, lower_inv)
            logdet = 2.0 * np.log(np.diagonal(lower)).sum()
            total += weight * (logdet + trace - self.logdet_s[g] - self.layout.n_items)
        return float(total) if np.isfinite(total) else np.inf

    def derivatives(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Gradient of F and the unit expected information sum_g (n_g/N) Delta' W Delta.

        The expected Hessian of F is twice the information.
        """
        n_free = len(theta)
        gradient = np.zeros(n_free)
        information = np.zeros((n_free, n_free))
        p = self.layout.n_items
        for g, weight in enumerate(self.weights):
            mats = self.matrices(theta, g)
            sigma, mu = mats.implied()
            inverse = np.linalg.inv(sigma)
            resid = self.moments.mean[g] - mu
            c = self.moments.cov[g] + np.outer(resid, resid)
            g_mu = -2.0 * inverse @ resid
            g_sigma = inverse - inverse @ c @ inverse
            g_vech = g_sigma[self.vech_rows, self.vech_cols] * self.vech_gradient_scale
            delta = self._delta(mats, g, n_free)
            d_mu, d_vech = delta[:p], delta[p:]
            gradient += weight * (d_mu.T @ g_mu + d_vech.T @ g_vech)
            w_vech = self._vech_weight(inverse)
            information += weight * (d_mu.T @ inverse @ d_mu + d_vech.T @ w_vech @ d_vech)
        return gradient, information

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        """Gradient of F."""
        return self.derivatives(theta)[0]

    def _vech_weight(self, inverse: np.ndarray) -> np.ndarray:
        """0.5 D'(A kron A)D for A = Sigma^-1, D the duplication matrix."""
        rr, cc, rc, cr = self.selectors.blocks
        product = inverse[rr] * inverse[cc] + inverse[rc] * inverse[cr]
        return product * self.vech_weight_scale

    def _delta(self, mats: GroupMatrices, g: int, n_free: int) -> np.ndarray:
        """Jacobian of (mu, vech Sigma) with respect to the free parameters of group g."""
        jacobian = moment_jacobian(self.layout, mats, self.selectors)
        positions, index = self.free[g]
        delta = np.zeros((jacobian.shape[0], n_free))
        # within one group every free row has its own index (constraints tie groups)
        delta[:, index] = jacobian[:, positions]
        return delta


@dataclass(frozen=True)
class VechSelectors:
    """Index helpers for vech(Sigma) (lower triangle, row-wise) of a p x p matrix."""

    rows: np.ndarray
    cols: np.ndarray
    at_row: np.ndarray
    at_col: np.ndarray
    eye: np.ndarray
    blocks: tuple

    @classmethod
    def build(cls, p: int) -> VechSelectors:
        rows, cols = np.tril_indices(p)
        eye = np.eye(p)
        blocks = (np.ix_(rows, rows), np.ix_(cols, cols), np.ix_(rows, cols), np.ix_(cols, rows))
        return cls(rows, cols, eye[rows], eye[cols], eye, blocks)


def moment_jacobian(layout: Layout, mats: GroupMatrices, sel: VechSelectors) -> np.ndarray:
    """d(mu, vech Sigma) / d(flat parameter vector) for one group."""
    p, m = layout.n_items, layout.n_factors
    lam, phi = mats.loadings, mats.phi
    n_vech = len(sel.rows)
    jac = np.zeros((p + n_vech, layout.size))
    # loadings: dSigma = e_j (Phi Lambda')[f] + (Lambda Phi)[:, f] e_j'
    b = lam @ phi  # b[a, f] = (Lambda Phi)[a, f]
    d_load = sel.at_row[:, :, None] * b[sel.cols][:, None, :]
    d_load += sel.at_col[:, :, None] * b[sel.rows][:, None, :]
    jac[p:, : layout.phi_start] = d_load.reshape(n_vech, p * m)
    jac[:p, : layout.phi_start] = (sel.eye[:, :, None] * mats.means).reshape(p, p * m)
    # factor (co)variances
    f_idx, h_idx = layout.phi_triangle
    lam_r, lam_c = lam[sel.rows], lam[sel.cols]
    d_phi = lam_r[:, f_idx] * lam_c[:, h_idx] + lam_r[:, h_idx] * lam_c[:, f_idx]
    d_phi[:, f_idx == h_idx] /= 2.0
    jac[p:, layout.phi_start : layout.theta_start] = d_phi
    # residual variances, intercepts, latent means
    jac[p:, layout.theta_start : layout.nu_start] = sel.at_row * sel.at_col
    jac[:p, layout.nu_start : layout.alpha_start] = sel.eye
    jac[:p, layout.alpha_start : layout.covariance_start] = lam
    for k, (i, j) in enumerate(layout.residual_pairs):  # residual covariances
        low, high = min(i, j), max(i, j)
        jac[p:, layout.covariance_start + k] = (sel.rows == high) & (sel.cols == low)
    return jac


def fit_problem(
    problem: Problem,
    start: np.ndarray,
    *,
    max_iter: int = MAX_ITERATIONS,
    tol: float = GRADIENT_TOLERANCE,
) -> Solution:
    """Minimise F; never raises on failure.

    First Fisher scoring turning into BFGS (fast on ordinary problems); where that does
    not converge, or converges to an improper solution (a negative variance), scipy's
    trust-region Newton method with the expected Hessian and scipy's BFGS from the same
    start, then the trust region from unit loadings (robust where plain steps overshoot:
    weak marker items). The first admissible converged attempt is returned, else the
    converged one with the smallest F, else the attempt with the smallest gradient.
    `max_iter` bounds each attempt (the first at most QUICK_ITERATIONS); ``n_iter``
    counts all.
    """
    theta = np.asarray(start, dtype=float).copy()
    n_free = len(theta)
    if not np.isfinite(problem.objective(theta)):
        return Solution(
            problem.table,
            problem.moments,
            theta,
            np.inf,
            False,
            0,
            np.nan,
            np.full((n_free, n_free), np.nan),
            "the starting values give a non-positive-definite implied covariance matrix",
        )
    attempts = []
    plans = [
        (_scoring_then_bfgs, theta, min(max_iter, QUICK_ITERATIONS)),
        (_trust_region, theta, max_iter),
        (_scipy_bfgs, theta, max_iter),
        (_trust_region, _unit_loadings(problem.table, theta), max_iter),
    ]
    variances = _variance_indices(problem.table)
    for method, begin, limit in plans:
        if any(attempt.converged for attempt in attempts):  # only looking for a better one
            limit = min(limit, QUICK_ITERATIONS)
        try:
            attempts.append(method(problem, begin, limit, tol))
        except (ValueError, np.linalg.LinAlgError, FloatingPointError) as error:
            message = f"the optimiser failed: {error}"
            attempts.append(
                Solution(
                    problem.table,
                    problem.moments,
                    begin,
                    np.inf,
                    False,
                    0,
                    np.nan,
                    np.full((n_free, n_free), np.nan),
                    message,
                )
            )
            continue
        if attempts[-1].converged and np.all(attempts[-1].theta[variances] >= 0):
            break
    total = sum(attempt.n_iter for attempt in attempts)
    converged = [attempt for attempt in attempts if attempt.converged]
    if converged:  # an admissible one, else the lowest of the (Heywood) solutions
        return replace(min(converged, key=lambda attempt: attempt.fmin), n_iter=total)
    best = min(attempts, key=lambda attempt: np.nan_to_num(attempt.grad_norm, nan=np.inf))
    message = f"{best.message} (best of {len(attempts)} attempts)"
    return replace(best, n_iter=total, message=message)


def _variance_indices(table: ParameterTable) -> np.ndarray:
    rows = [
        r
        for r, kind in enumerate(table.kind)
        if kind in ("residual", "lv_variance") and table.free[r] >= 0
    ]
    return np.unique(table.free[rows]).astype(int)


def _unit_loadings(table: ParameterTable, theta: np.ndarray) -> np.ndarray:
    """`theta` with every free loading set to 1 (lavaan's "simple" start)."""
    unit = theta.copy()
    loadings = [table.free[r] for r, kind in enumerate(table.kind) if kind == "loading"]
    unit[[index for index in loadings if index >= 0]] = 1.0
    return unit


def _converged(gradient: np.ndarray, scoring_step: float, theta: np.ndarray, tol: float) -> bool:
    largest = _max_abs(gradient)
    small_step = scoring_step < STEP_TOLERANCE * (1.0 + _max_abs(theta))
    return largest < tol or (small_step and largest < LOOSE_GRADIENT_TOLERANCE)


def _scoring_then_bfgs(problem: Problem, theta: np.ndarray, max_iter: int, tol: float) -> Solution:
    """Fisher scoring for FISHER_ITERATIONS steps, then BFGS from the inverse expected
    Hessian (superlinear where scoring is only linear), with a backtracking line search
    and a fall-back to a scoring step whenever the quasi-Newton step fails."""
    value = problem.objective(theta)
    gradient, information = problem.derivatives(theta)
    converged, message = False, f"no convergence within {max_iter} iterations"
    iteration = 0
    inverse_hessian = None
    while True:
        scoring = _scoring_step(information, gradient)
        if _converged(gradient, _max_abs(scoring), theta, tol):
            converged = True
            break
        if iteration == max_iter:
            break
        iteration += 1
        if iteration > FISHER_ITERATIONS and inverse_hessian is None:
            inverse_hessian = _inverse_or_none(2.0 * information)
        moved = None
        if inverse_hessian is not None:
            moved = _line_search(problem, theta, value, -inverse_hessian @ gradient, gradient)
        if moved is None:
            inverse_hessian = None
            moved = _line_search(problem, theta, value, scoring, gradient)
        if moved is None:  # no decrease: at the optimum up to rounding, or stuck
            converged = _max_abs(gradient) < LOOSE_GRADIENT_TOLERANCE
            message = "the line search found no decrease along the scoring direction"
            break
        new_theta, value = moved
        new_gradient, information = problem.derivatives(new_theta)
        if inverse_hessian is not None:
            inverse_hessian = _bfgs_update(
                inverse_hessian, new_theta - theta, new_gradient - gradient
            )
        theta, gradient = new_theta, new_gradient
    return Solution(
        problem.table,
        problem.moments,
        theta,
        value,
        converged,
        iteration,
        _max_abs(gradient),
        information,
        "converged" if converged else message,
    )


def _trust_region(problem: Problem, theta: np.ndarray, max_iter: int, tol: float) -> Solution:
    """scipy ``trust-exact`` with twice the expected information as the Hessian."""
    cache: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}

    def derivatives(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        key = x.tobytes()
        if key not in cache:
            cache.clear()
            cache[key] = problem.derivatives(x)
        return cache[key]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # inf where Sigma is not PD
        result = optimize.minimize(
            problem.objective,
            theta,
            jac=lambda x: derivatives(x)[0],
            hess=lambda x: 2.0 * derivatives(x)[1],
            method="trust-exact",
            options={"gtol": tol, "maxiter": max_iter},
        )
    return _scipy_solution(problem, result, max_iter, tol)


def _scipy_bfgs(problem: Problem, theta: np.ndarray, max_iter: int, tol: float) -> Solution:
    """scipy BFGS with the analytic gradient; F is capped at 1e10 where Sigma is not PD."""

    def objective(x: np.ndarray) -> float:
        value = problem.objective(x)
        return value if np.isfinite(value) else 1e10

    result = optimize.minimize(
        objective,
        theta,
        jac=lambda x: problem.derivatives(x)[0],
        method="BFGS",
        options={"gtol": tol, "maxiter": max_iter},
    )
    return _scipy_solution(problem, result, max_iter, tol)


def _scipy_solution(problem: Problem, result, max_iter: int, tol: float) -> Solution:
    """A Solution from a scipy result: converged on success, on our own criteria, or when
    scipy stopped on rounding (status 2) with max |gradient| < LOOSE_GRADIENT_TOLERANCE."""
    gradient, information = problem.derivatives(result.x)
    scoring = _scoring_step(information, gradient)
    converged = (
        bool(result.success)
        or _converged(gradient, _max_abs(scoring), result.x, tol)
        or (result.status == 2 and _max_abs(gradient) < LOOSE_GRADIENT_TOLERANCE)
    )
    if converged:
        message = "converged"
    elif result.nit >= max_iter:
        message = f"no convergence within {max_iter} iterations"
    else:
        message = f"the optimiser stopped: {result.message}"
    return Solution(
        problem.table,
        problem.moments,
        result.x,
        float(result.fun),
        converged,
        int(result.nit),
        _max_abs(gradient),
        information,
        message,
    )


def _line_search(
    problem: Problem, theta: np.ndarray, value: float, step: np.ndarray, gradient: np.ndarray
) -> tuple[np.ndarray, float] | None:
    """Backtracking (Armijo) along `step`; None when no step length decreases F."""
    slope = float(gradient @ step)
    if not slope < 0:
        return None
    length = 1.0
    while length > 1e-12:
        candidate = theta + length * step
        new_value = problem.objective(candidate)
        if new_value <= value + 1e-4 * length * slope:
            return candidate, new_value
        length /= 2.0
    return None


def _scoring_step(information: np.ndarray, gradient: np.ndarray) -> np.ndarray:
    """Solve (2 I) step = -gradient; a least-squares step where I is singular."""
    try:
        factor = scipy.linalg.cho_factor(2.0 * information, check_finite=False)
        return -scipy.linalg.cho_solve(factor, gradient, check_finite=False)
    except (np.linalg.LinAlgError, ValueError):
        return -np.linalg.lstsq(2.0 * information, gradient, rcond=None)[0]


def _inverse_or_none(matrix: np.ndarray) -> np.ndarray | None:
    try:
        factor = scipy.linalg.cho_factor(matrix, check_finite=False)
    except (np.linalg.LinAlgError, ValueError):
        return None
    return scipy.linalg.cho_solve(factor, np.eye(len(matrix)), check_finite=False)


def _bfgs_update(inverse: np.ndarray, s: np.ndarray, y: np.ndarray) -> np.ndarray:
    """BFGS update of the inverse Hessian; skipped when the curvature condition fails."""
    curvature = float(y @ s)
    if curvature <= 1e-12 * np.linalg.norm(y) * np.linalg.norm(s):
        return inverse
    rho = 1.0 / curvature
    left = np.eye(len(s)) - rho * np.outer(s, y)
    return left @ inverse @ left.T + rho * np.outer(s, s)


def _max_abs(values: np.ndarray) -> float:
    return float(np.max(np.abs(values), initial=0.0))


def start_values(table: ParameterTable, moments: SampleMoments) -> np.ndarray:
    """lavaan's default starting values, averaged over rows that share a parameter.

    Loadings by FABIN 3 (Hägglund 1982; the three-indicator solution for two or three
    items) with lavaan's bounds, factor variances 0.05, factor covariances 0, residual
    variances half the item variances, intercepts the item means, latent means 0.
    """
    spec, layout = table.spec, table.layout
    item_index = {item: j for j, item in enumerate(spec.items)}
    total = np.zeros(table.n_free)
    count = np.zeros(table.n_free)
    for g in range(table.n_groups):
        s = moments.cov[g]
        flat = np.zeros(layout.size)
        for f, indicators in enumerate(spec.indicators):
            cols = [item_index[item] for item in indicators]
            flat[[j * layout.n_factors + f for j in cols]] = fabin_loadings(s[np.ix_(cols, cols)])
            flat[layout.phi_position(f, f)] = 0.05
        flat[layout.theta_start : layout.nu_start] = 0.5 * np.diag(s)
        flat[layout.nu_start : layout.alpha_start] = moments.mean[g]
        positions, index = table.free_rows(g)
        np.add.at(total, index, flat[positions])
        np.add.at(count, index, 1.0)
    return total / np.maximum(count, 1.0)


def fabin_loadings(s: np.ndarray) -> np.ndarray:
    """One-factor loadings (marker first) by FABIN 3, as lavaan's lav_cfa_1fac_fabin."""
    k = len(s)
    if k < 4:
        lam, negative_triad = _three_indicator_loadings(s)
    else:
        lam = np.ones(k)
        for i in range(1, k):
            others = [j for j in range(1, k) if j != i]
            s31 = s[others, 0]
            try:
                weights = np.linalg.solve(s[np.ix_(others, others)], s31)
            except np.linalg.LinAlgError:
                weights = s31
            lam[i] = (s[i, others] @ weights) / (s31 @ weights)
        negative_triad = False
    if negative_triad:
        return np.ones(k)
    lower_psi = 0.1 * s[0, 0]
    bound = np.sqrt(np.diag(s) / lower_psi)
    lam = np.where(np.isfinite(lam), np.clip(lam, -bound, bound), 1.0)
    lam[0] = 1.0
    return lam


def _three_indicator_loadings(s: np.ndarray) -> tuple[np.ndarray, bool]:
    k = len(s)
    if k == 2:  # lavaan pads a second item with a pseudo third one
        extra = np.array([np.mean(np.diag(s)), s[1, 0]])
        s = np.block([[s, extra[:, None]], [extra[None, :], np.array([[np.max(np.diag(s))]])]])
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = np.array([1.0, s[2, 1] / s[2, 0], s[2, 1] / s[1, 0]])
    return lam[:k], bool(s[1, 0] * s[2, 0] * s[2, 1] < 0)
