"""Person parameters of a fitted model: maximum likelihood (as eRm) and Warm's WLE."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.interpolate import CubicSpline
from scipy.special import expit

from techvet_survey._stats.binary import binary_items
from techvet_survey._validation import check_argument
from techvet_survey.irt._result import IRTResult

PERSON_METHODS = ("wle", "ml")


def _check_result(result) -> None:
    if not isinstance(result, IRTResult):
        raise TypeError(
            f"`result` must be an IRTResult from irt.fit(); got {type(result).__name__}."
        )


def _responses(result: IRTResult, scored: pd.DataFrame):
    """The fit's estimable items in `scored`: (frame, slopes, intercepts)."""
    usable = result.items["a"].notna().to_numpy()
    table = result.items.loc[usable]
    frame = binary_items(scored, list(table["item"]), min_items=1)
    return frame, table["a"].to_numpy(dtype=float), table["d"].to_numpy(dtype=float)


def _moments(theta, values, slopes, intercepts):
    """P, and the information terms I, J, K of each person over the answered items."""
    observed = ~np.isnan(values)
    p = expit(theta[:, None] * slopes + intercepts)
    pq = np.where(observed, p * (1 - p), 0.0)
    info = pq @ slopes**2
    third = (pq * (1 - 2 * p)) @ slopes**3
    fourth = (pq * (1 - 6 * pq)) @ slopes**4
    return np.where(observed, p, 0.0), info, third, fourth


def _solve(values, slopes, intercepts, weighted, max_iter=200, tol=1e-10):
    """Newton steps on each person's (weighted) likelihood equation.

    ML solves ``sum_j a_j (u_j - P_j) = 0``; the WLE adds Warm's term ``J / (2 I)`` with
    ``I = sum a_j^2 P_j Q_j`` and ``J = sum a_j^3 P_j Q_j (Q_j - P_j)``. Returns the
    estimates and ``1 / sqrt(I)`` at them.
    """
    target = np.nan_to_num(values) @ slopes
    theta = np.zeros(values.shape[0])
    for _ in range(max_iter):
        p, info, third, fourth = _moments(theta, values, slopes, intercepts)
        equation = target - p @ slopes
        derivative = -info
        if weighted:
            equation = equation + third / (2 * info)
            derivative = derivative + (fourth * info - third**2) / (2 * info**2)
        step = np.clip(-equation / derivative, -1.0, 1.0)
        theta = theta + step
        if np.abs(step).max() < tol:
            break
    _, info, _, _ = _moments(theta, values, slopes, intercepts)
    return theta, 1 / np.sqrt(info)


def _extrapolate(theta, scores, values, extreme):
    """eRm's values for zero and full scores: a natural cubic spline through the ML
    estimates of the other scores (per pattern of answered items), extended linearly."""
    result = theta.copy()
    _, pattern = np.unique(~np.isnan(values), axis=0, return_inverse=True)
    pattern = pattern.ravel()
    n_items = (~np.isnan(values)).sum(axis=1)
    for group in np.unique(pattern[extreme]):
        inside = (pattern == group) & ~extreme
        x, first = np.unique(scores[inside], return_index=True)
        if x.size < 4:
            continue  # eRm leaves these NaN too (fewer than 4 distinct estimates)
        y = theta[inside][first]
        slope = CubicSpline(x, y, bc_type="natural").derivative()
        low = (pattern == group) & extreme & (scores == 0)
        high = (pattern == group) & extreme & (scores == n_items)
        result[low] = y[0] - x[0] * slope(x[0])
        result[high] = y[-1] + (n_items[high] - x[-1]) * slope(x[-1])
    return result


def person_parameters(
    result: IRTResult, scored: pd.DataFrame, *, method: str = "wle"
) -> pd.DataFrame:
    """Person abilities given the item parameters: Warm's WLE or maximum likelihood.

    Parameters
    ----------
    result : IRTResult
        A fit from :func:`fit` (any model and method; usually the Rasch model by CML).
    scored : DataFrame
        0/1 item scores with the item columns of the fit; NaN responses are skipped.
    method : {"wle", "ml"}
        Warm's weighted likelihood estimate (finite for every score) or the maximum
        likelihood estimate (as ``eRm::person.parameter``).

    Returns
    -------
    DataFrame
        Indexed like `scored`: ``theta``, ``se`` (``1 / sqrt(I(theta))``), ``score``
        (raw score), ``n_items`` (responses used) and ``extreme`` (zero or full score).
        Persons without responses are NaN.

    Notes
    -----
    ML solves ``sum_j a_j (u_j - P_j(theta)) = 0`` over the answered items. It has no
    finite root for zero and full scores; like eRm these get the value of a natural
    cubic interpolating spline through the estimates of the other raw scores (among
    persons who answered the same items), extended linearly beyond the last
    knot, and a NaN ``se``. The WLE [1]_ adds ``J(theta) / (2 I(theta))`` to the
    equation, with ``I = sum a_j^2 P_j Q_j`` and ``J = sum a_j^3 P_j Q_j (Q_j - P_j)``;
    it removes the first-order bias of ML and is finite for all scores (R:
    ``PP::PP_4pl(method = "wle")``, ``TAM::tam.wle``).

    References
    ----------
    .. [1] Warm, T. A. (1989). Weighted likelihood estimation of ability in item
       response theory. Psychometrika, 54, 427-450.

    Examples
    --------
    >>> from techvet_survey.irt import fit
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1]})
    >>> persons = person_parameters(fit(data, model="rasch", method="cml"), data)
    >>> persons["theta"].round(2).tolist()
    [2.02, -0.54, -2.04, 0.54, 0.54, 0.54]
    """
    _check_result(result)
    check_argument("method", PERSON_METHODS, method)
    frame, slopes, intercepts = _responses(result, scored)
    values = frame.to_numpy(dtype=float)
    n_items = (~np.isnan(values)).sum(axis=1)
    scores = np.nansum(values, axis=1)
    extreme = (n_items > 0) & ((scores == 0) | (scores == n_items))
    # ML has no finite root for zero and full scores; nobody's equation without responses
    solved = (n_items > 0) & ~(extreme & (method == "ml"))
    theta, se = np.full(n_items.size, np.nan), np.full(n_items.size, np.nan)
    theta[solved], se[solved] = _solve(values[solved], slopes, intercepts, weighted=method == "wle")
    if method == "ml":
        theta = _extrapolate(theta, scores, values, extreme)
    return pd.DataFrame(
        {
            "theta": theta,
            "se": se,
            "score": np.where(n_items == 0, np.nan, scores),
            "n_items": n_items,
            "extreme": extreme,
        },
        index=frame.index,
    )
