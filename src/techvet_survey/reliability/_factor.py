"""Minimum-residual factoring and the rotations psych::omega uses (varimax, oblimin)."""

from __future__ import annotations

import warnings

import numpy as np
from scipy import optimize

from techvet_survey._stats.moments import smc

_PSI_LOWER = 0.005  # psych's lower bound on uniquenesses (Heywood guard)


def _principal_loadings(reduced: np.ndarray, n_factors: int) -> np.ndarray:
    values, vectors = np.linalg.eigh(reduced)
    order = np.argsort(values)[::-1][:n_factors]
    return vectors[:, order] * np.sqrt(np.clip(values[order], 0, None))


def minres(correlation: np.ndarray, n_factors: int) -> np.ndarray:
    """Unrotated minimum-residual (ULS) loadings (R: ``psych::fa(r, nf, fm="minres")``).

    Minimises F(psi) = 1/2 ||R - LL' - diag(psi)||^2 over the uniquenesses psi with
    L the first `n_factors` principal axes of R - diag(psi); the gradient is
    diag(LL' + diag(psi) - R). Bounds and start follow psych: psi in [0.005, max(smc, 1)],
    starting at 1 - smc. The columns are signed to have positive sums.
    """
    start = np.diag(correlation) - smc(correlation)
    upper = max(float(np.max(smc(correlation))), 1.0)

    def objective(psi: np.ndarray) -> tuple[float, np.ndarray]:
        reduced = correlation - np.diag(psi)
        loadings = _principal_loadings(reduced, n_factors)
        residual = reduced - loadings @ loadings.T
        return 0.5 * float((residual**2).sum()), -np.diag(residual)

    result = optimize.minimize(
        objective,
        np.clip(start, _PSI_LOWER, upper),
        jac=True,
        method="L-BFGS-B",
        bounds=[(_PSI_LOWER, upper)] * len(start),
        options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 10_000},
    )
    loadings = _principal_loadings(correlation - np.diag(result.x), n_factors)
    signs = np.sign(loadings.sum(axis=0))
    signs[signs == 0] = 1
    return loadings * signs


def varimax(loadings: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """Kaiser-normalised varimax, the algorithm of R's ``stats::varimax``."""
    n_rows, n_cols = loadings.shape
    if n_cols < 2:
        return loadings
    norms = np.sqrt((loadings**2).sum(axis=1))
    x = loadings / norms[:, None]
    rotation = np.eye(n_cols)
    criterion = 0.0
    for _ in range(1000):
        z = x @ rotation
        b = x.T @ (z**3 - z * (z**2).sum(axis=0) / n_rows)
        u, s, vt = np.linalg.svd(b)
        rotation = u @ vt
        previous, criterion = criterion, s.sum()
        if criterion < previous * (1 + eps):
            break
    return (x @ rotation) * norms[:, None]


def _oblimin_criterion(loadings: np.ndarray) -> tuple[float, np.ndarray]:
    squares = loadings**2
    cross = squares @ (1 - np.eye(loadings.shape[1]))
    return float((squares * cross).sum() / 4), loadings * cross


def oblimin(loadings: np.ndarray, eps: float = 1e-5, max_iter: int = 1000):
    """Direct quartimin (oblimin, gamma = 0) by gradient projection.

    The algorithm of ``GPArotation::GPFoblq`` (Bernaards & Jennrich 2005), started at the
    identity. Returns the pattern loadings and the factor correlation matrix.
    """
    rotation = np.eye(loadings.shape[1])
    pattern = loadings @ np.linalg.inv(rotation).T
    value, gradient_q = _oblimin_criterion(pattern)
    gradient = -(pattern.T @ gradient_q @ np.linalg.inv(rotation)).T
    step = 1.0
    converged = False
    for _ in range(max_iter + 1):
        projected = gradient - rotation * (rotation * gradient).sum(axis=0)
        size = np.sqrt((projected**2).sum())
        if size < eps:
            converged = True
            break
        step *= 2
        for _ in range(11):
            candidate = rotation - step * projected
            candidate = candidate / np.sqrt((candidate**2).sum(axis=0))
            pattern = loadings @ np.linalg.inv(candidate).T
            new_value, gradient_q = _oblimin_criterion(pattern)
            if value - new_value > 0.5 * size**2 * step:
                break
            step /= 2
        rotation, value = candidate, new_value
        gradient = -(pattern.T @ gradient_q @ np.linalg.inv(rotation)).T
    if not converged:
        warnings.warn("The oblimin rotation did not converge.", stacklevel=3)
    return pattern, rotation.T @ rotation
