"""Factor rotations: gradient projection (GPArotation), varimax and promax (psych)."""

from __future__ import annotations

import numpy as np

__all__ = ["OBLIQUE", "ROTATIONS", "promax", "rotate", "varimax"]

ROTATIONS = ("oblimin", "geomin", "varimax", "promax", "none")
OBLIQUE = ("oblimin", "geomin", "promax")
_GEOMIN_DELTA = 0.01


def _oblimin(loadings: np.ndarray) -> tuple[float, np.ndarray]:
    """Direct quartimin (oblimin with gamma = 0): GPArotation's ``vgQ.oblimin``."""
    squares = loadings**2
    cross = squares @ (1 - np.eye(loadings.shape[1]))
    return float((squares * cross).sum() / 4), loadings * cross


def _geomin(loadings: np.ndarray) -> tuple[float, np.ndarray]:
    """Geomin with delta = 0.01: GPArotation's ``vgQ.geomin``."""
    n_factors = loadings.shape[1]
    squares = loadings**2 + _GEOMIN_DELTA
    product = np.exp(np.log(squares).sum(axis=1) / n_factors)
    return float(product.sum()), (2 / n_factors) * loadings / squares * product[:, None]


def gradient_projection_oblique(loadings, criterion, eps=1e-6, max_iter=2000):
    """Oblique rotation by gradient projection (Bernaards & Jennrich 2005, ``GPFoblq``).

    Started at the identity as GPArotation; returns pattern loadings, factor
    correlations and whether the projected gradient fell below `eps`.
    """
    rotation = np.eye(loadings.shape[1])
    pattern = loadings.copy()
    value, gradient_q = criterion(pattern)
    gradient = -(pattern.T @ gradient_q).T
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
            inverse = np.linalg.inv(candidate)
            new_pattern = loadings @ inverse.T
            new_value, new_gradient_q = criterion(new_pattern)
            if value - new_value > 0.5 * size**2 * step:
                break
            step /= 2
        else:
            break  # no further improvement within machine precision
        rotation, value, pattern, gradient_q = candidate, new_value, new_pattern, new_gradient_q
        gradient = -(pattern.T @ gradient_q @ inverse).T
    return pattern, rotation.T @ rotation, converged


def varimax(loadings: np.ndarray, eps: float = 1e-5) -> tuple[np.ndarray, np.ndarray]:
    """Kaiser-normalised varimax, R's ``stats::varimax``; returns loadings and rotation."""
    n_rows, n_cols = loadings.shape
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
    return (x @ rotation) * norms[:, None], rotation


def promax(loadings: np.ndarray, power: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Promax after Kaiser normalisation, as ``psych::fa(rotate="promax")``.

    Rows are scaled to unit length, rotated by varimax, the target L |L|^(m-1) is
    approached by least squares (U), U's columns are rescaled so that the factors have
    unit variance, and the rows are scaled back. Phi = U^-1 U^-T.
    """
    norms = np.sqrt((loadings**2).sum(axis=1))
    rotated, rotation = varimax(loadings / norms[:, None])
    target = rotated * np.abs(rotated) ** (power - 1)
    transform, *_ = np.linalg.lstsq(rotated, target, rcond=None)
    transform = transform * np.sqrt(np.diag(np.linalg.inv(transform.T @ transform)))
    pattern = rotated @ transform * norms[:, None]
    inverse = np.linalg.inv(rotation @ transform)
    return pattern, inverse @ inverse.T


def rotate(loadings: np.ndarray, rotation: str):
    """Rotated loadings, factor correlations (None when orthogonal) and convergence."""
    if loadings.shape[1] < 2 or rotation == "none":
        return loadings, None, True
    if rotation == "varimax":
        return varimax(loadings)[0], None, True
    if rotation == "promax":
        pattern, phi = promax(loadings)
        return pattern, phi, True
    criterion = _oblimin if rotation == "oblimin" else _geomin
    return gradient_projection_oblique(loadings, criterion)
