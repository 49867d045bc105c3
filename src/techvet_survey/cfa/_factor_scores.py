"""`factor_scores`: respondents' scores on the factors of a fitted CFA, as lavPredict."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey._validation import check_argument, numeric_items
from techvet_survey.cfa._fit import CfaResult
from techvet_survey.cfa._standardized import _group_matrices
from techvet_survey.errors import ArgumentError

SCORE_METHODS = ("regression", "bartlett")


def factor_scores(result: CfaResult, data: pd.DataFrame, method: str = "regression"):
    """Factor scores of every row of `data`, as lavaan's ``lavPredict(fit, method=)``.

    Parameters
    ----------
    result : CfaResult
        A converged single-group fit of continuous items (ML or MLR).
    data : DataFrame
        Rows to score, with the model's item columns (usually the fitted data).
    method : {"regression", "bartlett"}
        Thurstone's regression scores (lavaan's default) or Bartlett's scores (case
        does not matter: lavaan's "Bartlett" is accepted).

    Returns
    -------
    DataFrame
        One column per factor, indexed as `data`; NaN for rows with a missing item.

    Notes
    -----
    With the model-implied covariance :math:`\\Sigma = \\Lambda\\Psi\\Lambda' + \\Theta`
    and means :math:`\\mu` (the intercepts, or the sample means of the fitted data for a
    fit without mean structure, as lavaan), regression scores are
    :math:`\\Psi\\Lambda'\\Sigma^{-1}(y - \\mu)` and Bartlett scores
    :math:`(\\Lambda'\\Theta^{-1}\\Lambda)^{-1}\\Lambda'\\Theta^{-1}(y - \\mu)`.

    R equivalent: ``lavaan::lavPredict(fit, method = "regression")`` (or ``"Bartlett"``).
    """
    method = check_argument(
        "method", SCORE_METHODS, method.lower() if isinstance(method, str) else method
    )
    if not isinstance(result, CfaResult):
        raise ArgumentError(
            f"`result` must be a CfaResult from fit_cfa; got {type(result).__name__}."
        )
    if len(result.groups) != 1 or "|" in set(result.estimates["op"]):
        raise ArgumentError(
            "factor_scores supports single-group fits of continuous items; fit each group "
            "alone (fit_cfa without `group=` or `ordered=`)."
        )
    if not result.converged:
        raise ArgumentError("the model did not converge; factor scores need a converged fit.")
    rows = result.estimates
    items, factors, lam, psi, theta = _group_matrices(rows, rows["est"].to_numpy(dtype=float))
    values = numeric_items(data, items, min_items=1, check_ranges=False).to_numpy()
    means = rows[rows["op"] == "~1"].set_index("lhs")["est"].reindex(items)
    if means.isna().all() and result.moments is not None:  # no mean structure: sample means
        means = pd.Series(result.moments.mean[0], index=list(result.moments.items))[items]
    centred = values - means.to_numpy(dtype=float)
    if method == "regression":
        weights = psi @ lam.T @ np.linalg.inv(lam @ psi @ lam.T + theta)
    else:
        theta_inv = np.linalg.inv(theta)
        weights = np.linalg.solve(lam.T @ theta_inv @ lam, lam.T @ theta_inv)
    return pd.DataFrame(centred @ weights.T, index=data.index, columns=factors)
