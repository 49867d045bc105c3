"""Factor extraction from a correlation matrix: minimum residuals and maximum likelihood."""

from __future__ import annotations

import numpy as np
from scipy import optimize

from techvet_survey._stats.moments import smc

__all__ = ["PSI_LOWER", "extract", "smooth_correlation"]

PSI_LOWER = 0.005  # psych's lower bound on uniquenesses (the Heywood guard)


def smooth_correlation(correlation: np.ndarray, tolerance: float = 1e-12) -> np.ndarray:
    """psych's ``cor.smooth``: a matrix that is not positive definite made so.

    Eigenvalues below `tolerance` are set to 100 * tolerance, all are rescaled to sum to
    k, and the rebuilt matrix is rescaled to unit diagonal. A positive definite matrix
    is returned unchanged.
    """
    values, vectors = np.linalg.eigh(correlation)
    if values.min() >= np.finfo(float).eps:
        return correlation
    values = np.where(values < tolerance, 100 * tolerance, values)
    values = values * len(values) / values.sum()
    rebuilt = (vectors * values) @ vectors.T
    scale = 1 / np.sqrt(np.diag(rebuilt))
    return rebuilt * np.outer(scale, scale)


def _top_eigen(matrix: np.ndarray, n_factors: int) -> tuple[np.ndarray, np.ndarray]:
    values, vectors = np.linalg.eigh(matrix)
    order = np.argsort(values)[::-1][:n_factors]
    return values[order], vectors[:, order]


def _minres_loadings(correlation: np.ndarray, psi: np.ndarray, n_factors: int) -> np.ndarray:
    values, vectors = _top_eigen(correlation - np.diag(psi), n_factors)
    return vectors * np.sqrt(np.clip(values, 0, None))


def _ml_loadings(correlation: np.ndarray, psi: np.ndarray, n_factors: int) -> np.ndarray:
    scale = 1 / np.sqrt(psi)
    values, vectors = _top_eigen(correlation * np.outer(scale, scale), n_factors)
    return np.sqrt(psi)[:, None] * vectors * np.sqrt(np.clip(values - 1, 0, None))


def _minres_objective(psi, correlation, n_factors):
    """1/2 ||R - LL' - diag(psi)||^2 and its gradient diag(LL' + diag(psi) - R)."""
    loadings = _minres_loadings(correlation, psi, n_factors)
    residual = correlation - np.diag(psi) - loadings @ loadings.T
    return 0.5 * float((residual**2).sum()), -np.diag(residual)


def _ml_objective(psi, correlation, n_factors):
    """The ML discrepancy in psi (Joreskog 1967; R's factanal) and its gradient."""
    scale = 1 / np.sqrt(psi)
    values = np.linalg.eigvalsh(correlation * np.outer(scale, scale))[::-1]
    rest = values[n_factors:]
    value = -(np.log(rest) - rest).sum() + n_factors - len(psi)
    loadings = _ml_loadings(correlation, psi, n_factors)
    gradient = np.diag(loadings @ loadings.T + np.diag(psi) - correlation) / psi**2
    return float(value), gradient


def extract(correlation: np.ndarray, n_factors: int, method: str):
    """Unrotated loadings, uniquenesses psi and convergence (R: ``psych::fa(rotate="none")``).

    psi minimises the minres or ML objective over [0.005, max(smc, 1)] from 1 - smc, as
    psych does; the loadings are the principal axes of R - diag(psi) (minres) or
    psi^1/2 times those of psi^-1/2 R psi^-1/2 (ML), each column signed to a positive sum.
    """
    squared = smc(correlation)
    upper = max(float(squared.max()), 1.0)
    objective = _minres_objective if method == "minres" else _ml_objective
    result = optimize.minimize(
        objective,
        np.clip(1 - squared, PSI_LOWER, upper),
        args=(correlation, n_factors),
        jac=True,
        method="L-BFGS-B",
        bounds=[(PSI_LOWER, upper)] * len(squared),
        options={"ftol": 1e-12, "gtol": 1e-8, "maxiter": 10_000, "maxcor": 20},
    )
    loader = _minres_loadings if method == "minres" else _ml_loadings
    loadings = loader(correlation, result.x, n_factors)
    signs = np.sign(loadings.sum(axis=0))
    signs[signs == 0] = 1
    return loadings * signs, result.x, bool(result.success)
