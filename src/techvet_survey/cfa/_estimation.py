"""Normal-theory maximum likelihood for (multigroup) CFA with a mean structure.

The discrepancy of group g (lavaan's ``likelihood="normal"``: covariances with divisor n)
is

    F_g = log|Sigma_g| + tr(C_g Sigma_g^-1) - log|S_g| - p,
    C_g = S_g + (ybar_g - mu_g)(ybar_g - mu_g)',

with Sigma = Lambda Phi Lambda' + Theta and mu = nu + Lambda alpha. The total is
F = sum_g (n_g / N) F_g and chi2 = N F. It is minimised by Fisher scoring (Newton's
method with the expected information in place of the Hessian) with a backtracking line
search; the analytic gradient and information come from the Jacobian Delta of the
moments (mu, vech Sigma) with respect to the free parameters.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np
import scipy.linalg

from ._model import Layout, ParameterTable
from ._moments import GroupMoments

try:  # installed with scikit-learn (a pingouin dependency); optional here
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover
    threadpool_limits = None

GRADIENT_TOLERANCE = 1e-9
STEP_TOLERANCE = 1e-8
MAX_ITERATIONS = 500


def single_threaded_blas():
    """BLAS limited to one thread: the matrices here are tiny, and multi-threaded
    OpenBLAS only spins on shared cores (twice slower on a busy 2-core machine)."""
    if threadpool_limits is None:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


@dataclass(frozen=True)
class GroupMatrices:
    """Model matrices of one group: loadings, factor covariances, residual variances,
    intercepts and latent means."""

    loadings: np.ndarray
    phi: np.ndarray
    residuals: np.ndarray
    intercepts: np.ndarray
    means: np.ndarray

    @classmethod
    def from_flat(cls, layout: Layout, flat: np.ndarray) -> GroupMatrices:
        p, m = layout.n_items, layout.n_factors
        phi = np.zeros((m, m))
        rows, cols = layout.phi_triangle
        phi[rows, cols] = flat[layout.phi_start : layout.theta_start]
        phi[cols, rows] = phi[rows, cols]
        return cls(
            loadings=flat[: layout.phi_start].reshape(p, m),
            phi=phi,
            residuals=flat[layout.theta_start : layout.nu_start],
            intercepts=flat[layout.nu_start : layout.alpha_start],
            means=flat[layout.alpha_start :],
        )

    def implied(self) -> tuple[np.ndarray, np.ndarray]:
        """Model-implied covariance matrix and mean vector."""
        sigma = self.loadings @ self.phi @ self.loadings.T + np.diag(self.residuals)
        return sigma, self.intercepts + self.loadings @ self.means


@dataclass(frozen=True)
class Solution:
    """A fitted parameter vector with its convergence record."""

    table: ParameterTable
    moments: GroupMoments
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

    def __init__(self, table: ParameterTable, moments: GroupMoments):
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
    jac[:p, layout.alpha_start :] = lam
    return jac


def fit_problem(
    problem: Problem,
    start: np.ndarray,
    *,
    max_iter: int = MAX_ITERATIONS,
    tol: float = GRADIENT_TOLERANCE,
) -> Solution:
    """Minimise F by Fisher scoring with backtracking; never raises on failure.

    Converged when max |gradient| < `tol` or the scoring step is below
    STEP_TOLERANCE (1 + max |theta|).
    """
    theta = np.asarray(start, dtype=float).copy()
    value = problem.objective(theta)
    n_free = len(theta)
    if not np.isfinite(value):
        return Solution(
            problem.table,
            problem.moments,
            theta,
            value,
            False,
            0,
            np.nan,
            np.full((n_free, n_free), np.nan),
            "the starting values give a non-positive-definite implied covariance matrix",
        )
    gradient, information = problem.derivatives(theta)
    converged, message = False, f"no convergence within {max_iter} iterations"
    iteration = 0
    while True:
        step = _scoring_step(information, gradient)
        largest_step = np.max(np.abs(step), initial=0.0)
        if _max_abs(gradient) < tol or largest_step < STEP_TOLERANCE * (1 + _max_abs(theta)):
            converged = True
            break
        if iteration == max_iter:
            break
        iteration += 1
        moved = _line_search(problem, theta, value, step, float(gradient @ step))
        if moved is None:  # no decrease: at the optimum up to rounding, or stuck
            converged = _max_abs(gradient) < 1e3 * tol
            message = "the line search found no decrease along the scoring direction"
            break
        theta, value = moved
        gradient, information = problem.derivatives(theta)
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


def _max_abs(values: np.ndarray) -> float:
    return float(np.max(np.abs(values), initial=0.0))


def _line_search(
    problem: Problem, theta: np.ndarray, value: float, step: np.ndarray, slope: float
) -> tuple[np.ndarray, float] | None:
    """Backtracking (Armijo) along `step`; None when no step length decreases F."""
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


def start_values(table: ParameterTable, moments: GroupMoments) -> np.ndarray:
    """Starting values from the sample moments, averaged over rows that share a parameter.

    Loadings are ratios of covariances with the other items of the factor (a FABIN-like
    instrumental estimate), factor variances follow from the marker, residual variances
    are what the factor leaves of each item's variance (at least 10%), intercepts are the
    item means, latent means and factor covariances start at 0.
    """
    spec, layout = table.spec, table.layout
    item_index = {item: j for j, item in enumerate(spec.items)}
    total = np.zeros(table.n_free)
    count = np.zeros(table.n_free)
    for g in range(table.n_groups):
        s, mean = moments.cov[g], moments.mean[g]
        flat = np.zeros(layout.size)
        loading_sq_phi = np.zeros(layout.n_items)
        for f, indicators in enumerate(spec.indicators):
            cols = [item_index[item] for item in indicators]
            lam = _instrumental_loadings(s, cols)
            phi = _marker_variance(s, cols, lam)
            flat[[j * layout.n_factors + f for j in cols]] = lam
            flat[layout.phi_position(f, f)] = phi
            loading_sq_phi[cols] += lam**2 * phi
        variances = np.diag(s)
        flat[layout.theta_start : layout.nu_start] = np.maximum(
            variances - loading_sq_phi, 0.1 * variances
        )
        flat[layout.nu_start : layout.alpha_start] = mean
        positions, index = table.free_rows(g)
        np.add.at(total, index, flat[positions])
        np.add.at(count, index, 1.0)
    return total / np.maximum(count, 1.0)


def _instrumental_loadings(s: np.ndarray, cols: list[int]) -> np.ndarray:
    marker = cols[0]
    lam = np.ones(len(cols))
    for k, j in enumerate(cols[1:], start=1):
        others = [c for c in cols[1:] if c != j]
        denominator = s[marker, others].sum()
        ratio = s[j, others].sum() / denominator if others and denominator != 0 else np.nan
        lam[k] = ratio if np.isfinite(ratio) and 0.05 < abs(ratio) < 20 else 1.0
    return lam


def _marker_variance(s: np.ndarray, cols: list[int], lam: np.ndarray) -> float:
    marker = cols[0]
    estimates = [s[marker, j] / lam[k] for k, j in enumerate(cols) if k > 0]
    phi = float(np.mean(estimates))
    return phi if phi > 0.05 * s[marker, marker] else 0.5 * s[marker, marker]
