"""McDonald's omega from a Schmid-Leiman transformation (as psych::omega)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from techvet_survey._stats.extraction import extract
from techvet_survey._stats.rotation import rotate
from techvet_survey.reliability._alpha import usable_moments
from techvet_survey.reliability._moments import pairwise_correlation


def _minres(correlation: np.ndarray, n_factors: int) -> np.ndarray:
    """Unrotated minimum-residual loadings (R: ``psych::fa(r, nf, fm="minres")``)."""
    return extract(correlation, n_factors, "minres")[0]


def _general_loadings(phi: np.ndarray) -> np.ndarray:
    """Loadings of the oblique factors on one higher-order factor."""
    n_factors = phi.shape[0]
    if n_factors > 2:
        return _minres(phi, 1)[:, 0]
    warnings.warn(
        "With 2 group factors the general factor is not identified; its loadings are "
        "set equal (psych's option='equal'). Use n_factors=1 or at least 3.",
        stacklevel=4,
    )
    root = np.sqrt(abs(phi[0, 1]))
    return np.array([root, np.sign(phi[0, 1]) * root])


def schmid_leiman(correlation: np.ndarray, n_factors: int) -> tuple[np.ndarray, np.ndarray]:
    """General and group loadings (items x (1 + n_factors)) and the communalities."""
    orthogonal, _, _ = rotate(_minres(correlation, n_factors), "varimax")
    communality = (orthogonal**2).sum(axis=1)
    if n_factors == 1:
        return orthogonal, communality
    pattern, phi, converged = rotate(orthogonal, "oblimin")
    if not converged:
        warnings.warn("The oblimin rotation did not converge.", stacklevel=3)
    general = _general_loadings(phi)
    group = np.sign(pattern) * np.sqrt(np.clip(pattern**2 * (1 - general**2), 0, None))
    return np.column_stack([pattern @ general, group]), communality


def omega_coefficients(correlation: np.ndarray, n_factors: int):
    """Omega total, omega hierarchical and alpha of a correlation matrix, with the
    Schmid-Leiman loadings (items reflected to positive general loadings) and h2."""
    k = correlation.shape[0]
    loadings, communality = schmid_leiman(correlation, n_factors)
    reflect = np.where(loadings[:, 0] < 0, -1.0, 1.0)
    loadings = loadings * reflect[:, None]
    total = (correlation * np.outer(reflect, reflect)).sum()
    coefficients = {
        "omega_total": (total - (1 - communality).sum()) / total,
        "omega_hierarchical": loadings[:, 0].sum() ** 2 / total,
        "alpha": k / (k - 1) * (total - np.trace(correlation)) / total,
    }
    return coefficients, loadings, communality


def omega(
    data: pd.DataFrame,
    items=None,
    *,
    n_factors: int | None = None,
    nan_policy: str = "pairwise",
) -> pd.DataFrame:
    """McDonald's omega total and omega hierarchical (Schmid-Leiman), with alpha.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, numeric item codes.
    items : list of str, optional
        Item columns; all columns when omitted.
    n_factors : int, optional
        Group factors. 1 gives the one-factor omega total (no hierarchy). By default 3
        (psych's default) when the scale has at least 6 items, else 1: three group
        factors need two items each, and a short scale of 4-5 items has no hierarchy
        to estimate. The number used is in the ``n_factors`` column.
    nan_policy : {"pairwise", "listwise", "raise"}
        Correlations from pairwise-complete rows (psych's default) or complete cases.

    Returns
    -------
    DataFrame
        One row: ``omega_total``, ``omega_hierarchical``, ``alpha``, ``n_factors``,
        ``n``, ``k``. The Schmid-Leiman loadings behind it: :func:`omega_loadings`.

    Notes
    -----
    The correlation matrix R is factored by minimum residuals with `n_factors` factors,
    rotated by varimax and then oblimin; the factor correlations are factored once more
    (minres, one factor) and the Schmid-Leiman transformation [1] gives general
    loadings g = P gamma and group loadings P_j sqrt(1 - gamma_j^2). Items whose general
    loading is negative are reflected. With V = 1'R1 (after reflection) and u_i = 1 - h2_i:
    omega_total = (V - sum u) / V, omega_hierarchical = (sum g)^2 / V [2],
    alpha = k/(k-1) (V - k)/V. With ``n_factors=1`` g are the one-factor loadings.

    R equivalent: ``psych::omega(x, nfactors=3)`` (``$omega.tot``, ``$omega_h``,
    ``$alpha``, ``$schmid$sl``).

    References
    ----------
    1. Schmid, J., & Leiman, J. M. (1957). The development of hierarchical factor
       solutions. Psychometrika, 22, 53-61.
    2. McDonald, R. P. (1999). Test theory: A unified treatment. Erlbaum.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import omega
    >>> scale = pd.DataFrame({"q1": [1, 2, 3, 4, 5, 3, 2], "q2": [2, 2, 4, 4, 5, 2, 1],
    ...                       "q3": [1, 3, 3, 5, 4, 3, 2], "q4": [2, 1, 3, 4, 4, 4, 1]})
    >>> omega(scale, n_factors=1)[["omega_total", "alpha"]].round(3)
       omega_total  alpha
    0        0.929  0.927
    """
    moments, n_factors, (coefficients, _, _) = _omega_solution(data, items, n_factors, nan_policy)
    row = {**coefficients, "n_factors": n_factors, "n": moments.n_rows, "k": moments.k}
    return pd.DataFrame([row])


def omega_loadings(
    data: pd.DataFrame,
    items=None,
    *,
    n_factors: int | None = None,
    nan_policy: str = "pairwise",
) -> pd.DataFrame:
    """The Schmid-Leiman loadings behind :func:`omega`, one row per item.

    Parameters
    ----------
    data, items, n_factors, nan_policy
        As in :func:`omega`.

    Returns
    -------
    DataFrame
        ``item``, ``general`` (loading on the general factor; items with a negative one
        are reflected), ``F1*``... (group factors, none when ``n_factors=1``), ``h2``
        (communality) and ``u2`` (uniqueness, 1 - h2).

    Notes
    -----
    The solution of :func:`omega` (same extraction, rotations and reflection).
    R equivalent: ``psych::omega(x, nfactors=3)$schmid$sl``.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import omega_loadings
    >>> scale = pd.DataFrame({"q1": [1, 2, 3, 4, 5, 3, 2], "q2": [2, 2, 4, 4, 5, 2, 1],
    ...                       "q3": [1, 3, 3, 5, 4, 3, 2], "q4": [2, 1, 3, 4, 4, 4, 1]})
    >>> omega_loadings(scale, n_factors=1).columns.tolist()
    ['item', 'general', 'h2', 'u2']
    """
    moments, n_factors, (_, loadings, communality) = _omega_solution(
        data, items, n_factors, nan_policy
    )
    group_names = [f"F{j + 1}*" for j in range(n_factors)] if n_factors > 1 else []
    table = pd.DataFrame(loadings, columns=["general", *group_names])
    table.insert(0, "item", moments.names)
    table["h2"] = communality
    table["u2"] = 1 - communality
    return table


HEYWOOD = 0.995  # a communality this close to 1 leaves the item no unique variance


def _warn_heywood(names, communality) -> None:
    """Name the items of a Heywood (or near-Heywood) solution, as psych warns."""
    flagged = [
        f"{name} (h2 = {float(h2):.3f})"
        for name, h2 in zip(names, communality, strict=True)
        if h2 >= HEYWOOD
    ]
    if flagged:
        warnings.warn(
            f"Heywood case: communality of {', '.join(flagged)} at or near 1, so the "
            "solution is improper and omega overstates reliability. Check for a "
            "duplicated or nearly duplicated item, or use fewer factors.",
            UserWarning,
            stacklevel=4,
        )


def _omega_solution(data, items, n_factors, nan_policy):
    """The item moments, number of factors and omega solution, warning of Heywood cases.

    The solution is that of :func:`omega_coefficients`: coefficients, loadings and
    communalities.
    """
    moments, correlation, n_factors = _omega_input(data, items, n_factors, nan_policy)
    solution = omega_coefficients(correlation, n_factors)
    _warn_heywood(moments.names, solution[2])
    return moments, n_factors, solution


def _omega_input(data, items, n_factors, nan_policy):
    """The item moments, correlation matrix and number of factors omega uses."""
    _, moments, _ = usable_moments(data, items, nan_policy)
    k = moments.k
    if n_factors is None:
        n_factors = 3 if k >= 6 else 1
    if not isinstance(n_factors, int | np.integer) or n_factors < 1:
        raise ValueError(f"`n_factors` must be a positive integer; got {n_factors!r}.")
    if n_factors > 1 and k < 2 * n_factors:
        raise ValueError(
            f"`n_factors`={n_factors} is too many for {k} items; use at most {k // 2}."
        )
    return moments, pairwise_correlation(moments), int(n_factors)
