"""Infit and outfit mean squares of items and persons (eRm's itemfit and personfit)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import expit

from techvet_survey.irt._persons import _check_result, _responses, person_parameters


def _residual_moments(result, scored):
    """(frame, responses, E, V, C) with the extreme persons' rows set to NaN."""
    _check_result(result)
    frame, slopes, intercepts = _responses(result, scored)
    persons = person_parameters(result, scored, method="ml")
    values = frame.to_numpy(dtype=float, copy=True)
    values[persons["extreme"].to_numpy()] = np.nan
    theta = persons["theta"].to_numpy()[:, None]
    p = np.where(np.isnan(values), np.nan, expit(theta * slopes + intercepts))
    var = p * (1 - p)
    fourth = var * (p**3 + (1 - p) ** 3)
    return frame, values, p, var, fourth


def _fit_table(values, expected, var, fourth, axis):
    n = (~np.isnan(values)).sum(axis=axis).astype(float)
    squared = (values - expected) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        chisq = np.nansum(squared / var, axis=axis)
        outfit = chisq / n
        q_out = np.sqrt(np.nansum(fourth / var**2, axis=axis) / n**2 - 1 / n)
        total_var = np.nansum(var, axis=axis)
        infit = np.nansum(squared, axis=axis) / total_var
        q_in = np.sqrt(np.nansum(fourth - var**2, axis=axis) / total_var**2)
        empty = n == 0
        return {
            "chisq": np.where(empty, np.nan, chisq),
            "df": n,
            "outfit_msq": outfit,
            "infit_msq": infit,
            "outfit_t": (np.cbrt(outfit) - 1) * (3 / q_out) + q_out / 3,
            "infit_t": (np.cbrt(infit) - 1) * (3 / q_in) + q_in / 3,
        }


def item_fit(result, scored: pd.DataFrame) -> pd.DataFrame:
    """Infit and outfit mean squares and t statistics of every item (as eRm's itemfit).

    Parameters
    ----------
    result : IRTResult
        A fit from :func:`fit`, usually the Rasch model by CML.
    scored : DataFrame
        The 0/1 item scores the model was fitted to.

    Returns
    -------
    DataFrame
        One row per estimable item: ``item``, ``chisq`` (sum of squared standardised
        residuals), ``df`` (responses used), ``outfit_msq``, ``infit_msq``, ``outfit_t``,
        ``infit_t``. Mean squares near 1 fit; R: ``eRm::itemfit(person.parameter(fit))``.

    Notes
    -----
    Each response gets its expectation ``E = P_j(theta_p)``, variance ``V = P Q`` and
    fourth central moment ``C = P Q (P^3 + Q^3)`` at the persons' ML abilities
    (:func:`person_parameters` with ``method="ml"``); persons with zero or full scores
    are left out, as in eRm. Over the ``n`` responses of an item:
    ``outfit = sum z^2 / n`` with ``z = (u - E) / sqrt(V)``, ``infit = sum (u - E)^2 /
    sum V``; the t statistics are Wilson-Hilferty cube-root transforms
    ``t = (MSQ^(1/3) - 1) (3 / q) + q / 3`` with ``q^2 = sum(C / V^2) / n^2 - 1 / n``
    (outfit) and ``q^2 = sum(C - V^2) / (sum V)^2`` (infit) [1]_. Missing responses are
    skipped in every sum (eRm reports NA infit for items with missing responses).

    References
    ----------
    .. [1] Wright, B. D., & Masters, G. N. (1990). Computation of OUTFIT and INFIT
       statistics. Rasch Measurement Transactions, 3(4), 84-85.

    Examples
    --------
    >>> from techvet_survey.irt import fit
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1, 1], "q2": [1, 0, 0, 1, 1, 0, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1, 1]})
    >>> item_fit(fit(data, model="rasch", method="cml"), data)["df"].tolist()
    [5.0, 5.0, 5.0]
    """
    frame, values, expected, var, fourth = _residual_moments(result, scored)
    table = pd.DataFrame(_fit_table(values, expected, var, fourth, axis=0))
    table.insert(0, "item", [str(c) for c in frame.columns])
    return table


def person_fit(result, scored: pd.DataFrame) -> pd.DataFrame:
    """Infit and outfit mean squares and t statistics of every person (eRm's personfit).

    Parameters
    ----------
    result : IRTResult
        A fit from :func:`fit`, usually the Rasch model by CML.
    scored : DataFrame
        0/1 item scores with the item columns of the fit.

    Returns
    -------
    DataFrame
        Indexed like `scored`: ``chisq``, ``df`` (responses used), ``outfit_msq``,
        ``infit_msq``, ``outfit_t``, ``infit_t``; NaN for persons with zero or full
        scores (eRm leaves them out). R: ``eRm::personfit(person.parameter(fit))``.

    Notes
    -----
    The statistics of :func:`item_fit`, summed over each person's responses instead of
    each item's.

    Examples
    --------
    >>> from techvet_survey.irt import fit
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1, 1], "q2": [1, 0, 0, 1, 1, 0, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1, 1]})
    >>> person_fit(fit(data, model="rasch", method="cml"), data)["df"].tolist()
    [nan, 3.0, nan, 3.0, 3.0, 3.0, 3.0]
    """
    frame, values, expected, var, fourth = _residual_moments(result, scored)
    table = pd.DataFrame(_fit_table(values, expected, var, fourth, axis=1), index=frame.index)
    table.loc[table["df"] == 0] = np.nan
    return table
