"""Ordinal alpha and omega: reliability from polychoric correlations (Zumbo et al. 2007)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey._stats.moments import smc
from techvet_survey.factor import polychoric
from techvet_survey.reliability._omega import omega_coefficients


def _polychoric_matrix(data, items, nan_policy: str) -> tuple[np.ndarray, int]:
    result = polychoric(data, items, nan_policy=nan_policy)
    return result.matrix(), int(result.n["n"].iloc[0])


def ordinal_alpha(data: pd.DataFrame, items=None, *, nan_policy: str = "pairwise"):
    """Ordinal alpha: Cronbach's alpha of the polychoric correlation matrix.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, ordered item codes (reverse-keyed items already reversed).
    items : list of str, optional
        Item columns; all columns when omitted.
    nan_policy : {"pairwise", "listwise", "raise"}
        Passed to :func:`techvet_survey.factor.polychoric`.

    Returns
    -------
    DataFrame
        One row: ``alpha`` (ordinal), ``g6``, ``average_r`` (mean polychoric
        correlation), ``n``, ``k``.

    Notes
    -----
    With P the polychoric correlation matrix of k items, alpha = k/(k-1) (1 - k / 1'P1),
    g6 = 1 - (k - sum smc_i) / 1'P1 and average_r = (1'P1 - k) / (k(k-1)) [1]. It
    estimates the reliability of the sum of the underlying continuous responses, not of
    the observed sum score; report it beside Cronbach's alpha, not instead of it [2].

    R equivalent: ``psych::alpha(psych::polychoric(x)$rho)$total``.

    References
    ----------
    1. Zumbo, B. D., Gadermann, A. M., & Zeisser, C. (2007). Ordinal versions of
       coefficients alpha and theta for Likert rating scales. Journal of Modern Applied
       Statistical Methods, 6, 21-29.
    2. Chalmers, R. P. (2018). On misconceptions and the limited usefulness of ordinal
       alpha. Educational and Psychological Measurement, 78, 1056-1071.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import ordinal_alpha
    >>> scale = pd.DataFrame({"q1": [1, 2, 3, 3, 2, 1, 3, 2, 1, 2, 3, 1],
    ...                       "q2": [1, 2, 3, 2, 2, 1, 3, 3, 1, 1, 3, 2],
    ...                       "q3": [2, 2, 3, 3, 1, 1, 3, 2, 1, 2, 2, 1]})
    >>> ordinal_alpha(scale)[["alpha", "n", "k"]].round(3)
       alpha   n  k
    0  0.925  12  3

    In R: ``psych::alpha(psych::polychoric(scale)$rho)$total$raw_alpha`` gives 0.9245.
    """
    matrix, n = _polychoric_matrix(data, items, nan_policy)
    k = matrix.shape[0]
    total = matrix.sum()
    row = {
        "alpha": k / (k - 1) * (1 - k / total),
        "g6": 1 - (k - smc(matrix).sum()) / total,
        "average_r": (total - k) / (k * (k - 1)),
        "n": n,
        "k": k,
    }
    return pd.DataFrame([row])


def ordinal_omega(
    data: pd.DataFrame, items=None, *, n_factors: int = 3, nan_policy: str = "pairwise"
):
    """Ordinal omega total and hierarchical: :func:`omega` on polychoric correlations.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, ordered item codes.
    items : list of str, optional
        Item columns; all columns when omitted.
    n_factors : int
        Group factors of the Schmid-Leiman solution (1: one-factor omega total).
    nan_policy : {"pairwise", "listwise", "raise"}
        Passed to :func:`techvet_survey.factor.polychoric`.

    Returns
    -------
    DataFrame
        One row: ``omega_total``, ``omega_hierarchical``, ``alpha`` (ordinal),
        ``n_factors``, ``n``, ``k``.

    Notes
    -----
    The formulas of :func:`omega` applied to the polychoric correlation matrix [1].

    R equivalent: ``psych::omega(x, nfactors=3, poly=TRUE)`` (``$omega.tot``,
    ``$omega_h``, ``$alpha``).

    References
    ----------
    1. Gadermann, A. M., Guhn, M., & Zumbo, B. D. (2012). Estimating ordinal
       reliability for Likert-type and ordinal item response data. Practical
       Assessment, Research & Evaluation, 17(3), 1-13.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import ordinal_omega
    >>> scale = pd.DataFrame({"q1": [1, 2, 3, 3, 2, 1, 3, 2, 1, 2, 3, 1],
    ...                       "q2": [1, 2, 3, 2, 2, 1, 3, 3, 1, 1, 3, 2],
    ...                       "q3": [2, 2, 3, 3, 1, 1, 3, 2, 1, 2, 2, 1]})
    >>> ordinal_omega(scale, n_factors=1)[["omega_total", "alpha"]].round(3)
       omega_total  alpha
    0        0.926  0.925
    """
    if not isinstance(n_factors, int | np.integer) or n_factors < 1:
        raise ValueError(f"`n_factors` must be a positive integer; got {n_factors!r}.")
    matrix, n = _polychoric_matrix(data, items, nan_policy)
    k = matrix.shape[0]
    if n_factors > 1 and k < 2 * n_factors:
        raise ValueError(
            f"`n_factors`={n_factors} is too many for {k} items; use at most {k // 2}."
        )
    coefficients, _, _ = omega_coefficients(matrix, n_factors)
    return pd.DataFrame([{**coefficients, "n_factors": n_factors, "n": n, "k": k}])
