"""Gwet's family: percent agreement, Fleiss' kappa, Gwet's AC1/AC2, Brennan-Prediger."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._stats.arguments import check_ci
from techvet_survey.agreement._ratings import (
    agreement_row,
    encode_ratings,
    no_pairable_units,
    warn_no_chance_correction,
    weight_matrix,
)


def _gwet_family(
    kind: str,
    data: Any,
    coders: Sequence[str] | None,
    weights: str | None,
    categories: Sequence[Any] | None,
    ci: float,
    population_size: float | None,
) -> pd.DataFrame:
    """Coefficient (p_a - p_e) / (1 - p_e) and its variance by Gwet (2014), as in irrCAC."""
    ci = check_ci(ci)
    ratings = encode_ratings(data, coders, categories)
    names = {
        "percent": "percent_agreement",
        "fleiss": "fleiss_kappa",
        "gwet": "gwet_ac1",
        "bp": "brennan_prediger",
    }
    metric = "nominal" if weights is None else weights
    w = weight_matrix(ratings, weights)
    per_unit = ratings.ratings_per_unit()
    rated = per_unit >= 1
    counts = ratings.counts(rated)
    m = per_unit[rated].astype(np.float64)
    n = len(m)
    multiple = m >= 2
    n2 = int(multiple.sum())
    if n2 == 0:
        raise no_pairable_units(ratings)
    q = ratings.n_categories
    weighted_counts = counts @ w.T
    agreeing = (counts * (weighted_counts - 1.0)).sum(axis=1)
    pa_unit = np.zeros(n)
    pa_unit[multiple] = agreeing[multiple] / (m[multiple] * (m[multiple] - 1.0))
    pa = pa_unit[multiple].mean()
    prevalence = (counts / m[:, None]).mean(axis=0)
    if kind == "percent":
        pe, pe_unit = 0.0, None
    elif kind == "fleiss":
        pe = float(prevalence @ w @ prevalence)
        pe_unit = counts @ ((w + w.T) / 2.0 @ prevalence) / m
    elif kind == "gwet":
        scale = w.sum() / (q * (q - 1.0)) if q >= 2 else np.nan
        pe = float(scale * (prevalence * (1.0 - prevalence)).sum())
        pe_unit = scale * (counts @ (1.0 - prevalence)) / m
    else:
        pe, pe_unit = (w.sum() / q**2 if q >= 2 else 1.0), None
    coefficient = names[kind]
    nan = float("nan")
    estimate, se, bounds = nan, nan, (nan, nan)
    if not 1.0 - pe > 1e-12:
        warn_no_chance_correction(coefficient)
    else:
        estimate = float((pa - pe) / (1.0 - pe))
        unit_terms = (n / n2) * (pa_unit - pe * multiple) / (1.0 - pe)
        if pe_unit is not None:
            unit_terms = unit_terms - 2.0 * (1.0 - estimate) * (pe_unit - pe) / (1.0 - pe)
        fpc = 0.0 if population_size is None else n / float(population_size)
        if n >= 2:
            variance = (1.0 - fpc) / (n * (n - 1.0)) * ((unit_terms - estimate) ** 2).sum()
            se = float(np.sqrt(variance))
            half = stats.t.ppf(0.5 + ci / 2.0, n - 1) * se
            floor = 0.0 if kind == "percent" else -1.0
            bounds = (max(floor, estimate - half), min(1.0, estimate + half))
    return agreement_row(
        coefficient,
        metric,
        estimate,
        se,
        bounds,
        n_units=n2,
        n_excluded=len(per_unit) - n2,
        ratings=ratings,
    )


_GWET_PARAMETERS = """
    Parameters
    ----------
    data : DataFrame
        Unit-by-coder table: one row per unit, one column per coder, category codes as
        values and NaN where a coder did not rate the unit.
    coders : sequence of str, optional
        Coder columns; all columns by default.
    weights : {None, "linear", "quadratic"}
        Credit for partial agreement between ordered categories,
        ``w_kl = 1 - |x_k - x_l|^p / (x_max - x_min)^p`` on the numeric codes.
    categories : sequence, optional
        All categories and their order; by default the sorted ratings that occur. Pass
        it when some categories were never used (chance agreement depends on them).
    ci : float
        Confidence level of the interval.
    population_size : float, optional
        Number of units in the population, for the finite-population correction.

    Returns
    -------
    DataFrame
        One row: coefficient, metric, estimate, se, ci_low, ci_high, n_units, n_excluded,
        n_coders, n_categories.

    Notes
    -----
    All coefficients are ``(p_a - p_e) / (1 - p_e)`` with the observed agreement
    ``p_a = 1/n2 * sum_i sum_k r_ik (r*_ik - 1) / (r_i (r_i - 1))`` over the ``n2``
    units with ``r_i >= 2`` ratings, where ``r_ik`` counts the coders choosing category
    ``k`` and ``r*_ik = sum_l w_kl r_il``; they differ in the chance agreement ``p_e``.
    Units rated by one coder only do not add to ``p_a`` but, as in irrCAC, they add to
    the category prevalences ``pi_k = 1/n * sum_i r_ik / r_i`` and to the number of
    units ``n`` of the variance; units rated by nobody are dropped. The variance is
    Gwet's (2014) linearisation ``v = (1 - f) / (n (n - 1)) * sum_i (g_i - g)^2`` with
    unit terms ``g_i`` and ``f = n / population_size`` (0 by default); the interval is
    ``g +/- t_{n-1} se`` with its upper end capped at 1 (as in irrCAC) and its lower end
    at -1 (0 for percent agreement).
"""


def _with_gwet_parameters(function):
    """Put the text shared by the coefficients of Gwet's family in `function`'s docstring.

    The docstring's ``{gwet_parameters}`` line becomes the Parameters, Returns and the
    common Notes (seaborn's ``DocstringComponents`` idea: one text, no copies).
    """
    function.__doc__ = function.__doc__.replace("    {gwet_parameters}\n", _GWET_PARAMETERS)
    return function


@_with_gwet_parameters
def percent_agreement(
    data: pd.DataFrame,
    coders: Sequence[str] | None = None,
    *,
    weights: str | None = None,
    categories: Sequence[Any] | None = None,
    ci: float = 0.95,
    population_size: float | None = None,
) -> pd.DataFrame:
    """Percent agreement among two or more coders, with its standard error.
    {gwet_parameters}
    Here ``p_e = 0``.

    R equivalent: ``irrCAC::pa.coeff.raw(ratings)``.

    References
    ----------
    .. [1] Gwet, K. L. (2014). *Handbook of Inter-Rater Reliability* (4th ed.).
       Advanced Analytics.

    Examples
    --------
    >>> ratings = pd.DataFrame({"a": [1, 2, 3, 3], "b": [1, 2, 3, 1]})
    >>> round(percent_agreement(ratings)["estimate"].item(), 4)
    0.75
    """
    return _gwet_family("percent", data, coders, weights, categories, ci, population_size)


@_with_gwet_parameters
def fleiss_kappa(
    data: pd.DataFrame,
    coders: Sequence[str] | None = None,
    *,
    weights: str | None = None,
    categories: Sequence[Any] | None = None,
    ci: float = 0.95,
    population_size: float | None = None,
) -> pd.DataFrame:
    """Fleiss' kappa for two or more coders, generalised to missing ratings.
    {gwet_parameters}
    Here ``p_e = sum_kl w_kl pi_k pi_l`` (Fleiss, 1971; Gwet, 2014). With two coders
    and no missing ratings it is Scott's pi.

    R equivalent: ``irrCAC::fleiss.kappa.raw(ratings)``.

    References
    ----------
    .. [1] Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
       *Psychological Bulletin*, 76(5), 378-382.
    .. [2] Gwet, K. L. (2014). *Handbook of Inter-Rater Reliability* (4th ed.).
       Advanced Analytics.

    Examples
    --------
    >>> ratings = pd.DataFrame({"a": [1, 2, 3, 3], "b": [1, 2, 3, 1], "c": [1, 2, 3, None]})
    >>> round(fleiss_kappa(ratings)["estimate"].item(), 4)
    0.619
    """
    return _gwet_family("fleiss", data, coders, weights, categories, ci, population_size)


@_with_gwet_parameters
def gwet_ac1(
    data: pd.DataFrame,
    coders: Sequence[str] | None = None,
    *,
    weights: str | None = None,
    categories: Sequence[Any] | None = None,
    ci: float = 0.95,
    population_size: float | None = None,
) -> pd.DataFrame:
    """Gwet's AC1 (AC2 when weighted) for two or more coders.
    {gwet_parameters}
    Here ``p_e = T_w / (q (q - 1)) * sum_k pi_k (1 - pi_k)``, with ``T_w`` the sum of
    the weights and ``q`` the number of categories (Gwet, 2008).

    R equivalent: ``irrCAC::gwet.ac1.raw(ratings)``.

    References
    ----------
    .. [1] Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the
       presence of high agreement. *British Journal of Mathematical and Statistical
       Psychology*, 61, 29-48.

    Examples
    --------
    >>> ratings = pd.DataFrame({"a": [1, 2, 3, 3], "b": [1, 2, 3, 1]})
    >>> round(gwet_ac1(ratings)["estimate"].item(), 4)
    0.6279
    """
    return _gwet_family("gwet", data, coders, weights, categories, ci, population_size)


@_with_gwet_parameters
def brennan_prediger(
    data: pd.DataFrame,
    coders: Sequence[str] | None = None,
    *,
    weights: str | None = None,
    categories: Sequence[Any] | None = None,
    ci: float = 0.95,
    population_size: float | None = None,
) -> pd.DataFrame:
    """Brennan-Prediger coefficient (uniform chance agreement) for two or more coders.
    {gwet_parameters}
    Here ``p_e = T_w / q^2`` (Brennan & Prediger, 1981).

    R equivalent: ``irrCAC::bp.coeff.raw(ratings)``.

    References
    ----------
    .. [1] Brennan, R. L., & Prediger, D. J. (1981). Coefficient kappa: some uses, misuses,
       and alternatives. *Educational and Psychological Measurement*, 41, 687-699.

    Examples
    --------
    >>> ratings = pd.DataFrame({"a": [1, 2, 3, 3], "b": [1, 2, 3, 1]})
    >>> round(brennan_prediger(ratings)["estimate"].item(), 4)
    0.625
    """
    return _gwet_family("bp", data, coders, weights, categories, ci, population_size)
