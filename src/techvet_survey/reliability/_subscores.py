"""Subscores by competence area and whether they add value (Haberman 2008)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from techvet_survey._stats.alpha import alpha_from_cov
from techvet_survey.reliability._moments import item_moments


def _area_items(areas) -> dict[str, list[str]]:
    if isinstance(areas, pd.Series):
        areas = areas.to_dict()
    if not isinstance(areas, Mapping) or not areas:
        raise TypeError(
            "`areas` must be a mapping item -> area or area -> list of items; "
            f"got {type(areas).__name__}."
        )
    if all(isinstance(value, list | tuple | set | pd.Index) for value in areas.values()):
        return {str(area): list(items) for area, items in areas.items()}
    grouped: dict[str, list[str]] = {}
    for item, area in areas.items():
        grouped.setdefault(str(area), []).append(item)
    return grouped


def subscores(scored: pd.DataFrame, areas, *, nan_policy: str = "listwise") -> pd.DataFrame:
    """Subscore reliability per area and Haberman's added-value check.

    Parameters
    ----------
    scored : DataFrame
        Item scores (e.g. 0/1 from :func:`score_against_key`).
    areas : mapping
        Item -> area, or area -> list of items. The total is the sum of all these items.
    nan_policy : {"pairwise", "listwise", "raise"}
        As in :func:`cronbach_alpha`.

    Returns
    -------
    DataFrame
        One row per area: ``area``, ``k``, ``mean`` and ``sd`` of the subscore,
        ``alpha`` (its reliability), ``prmse_subscore``, ``prmse_total``,
        ``added_value`` (prmse_subscore > prmse_total: report the subscore), ``n``.

    Notes
    -----
    With s the subscore, x the total, rho_s the subscore's alpha and tau_s its true
    score [1]: PRMSE of s as predictor of tau_s is rho_s; PRMSE of x is
    corr(tau_s, x)^2 = (rho_s var(s) + cov(s, x - s))^2 / (rho_s var(s) var(x)),
    as measurement errors of different items are uncorrelated. All from the item
    covariance matrix. An area of one item has no alpha: NaN and no added value.

    References
    ----------
    1. Haberman, S. J. (2008). When can subscores have value? Journal of Educational
       and Behavioral Statistics, 33, 204-229.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import subscores
    >>> test = pd.DataFrame({"i1": [1, 1, 1, 0, 1, 0, 1, 0], "i2": [1, 1, 0, 0, 1, 0, 1, 0],
    ...                      "i3": [1, 0, 1, 0, 0, 0, 1, 1], "i4": [1, 1, 1, 0, 0, 0, 0, 1]})
    >>> subscores(test, {"A": ["i1", "i2"], "B": ["i3", "i4"]})[
    ...     ["area", "alpha", "prmse_subscore", "prmse_total", "added_value"]].round(3)
      area  alpha  prmse_subscore  prmse_total  added_value
    0    A  0.873           0.873        0.549         True
    1    B  0.667           0.667        0.420         True
    """
    grouped = _area_items(areas)
    all_items = [item for items in grouped.values() for item in items]
    moments = item_moments(scored, all_items, nan_policy=nan_policy)
    cov = moments.cov
    position = {name: j for j, name in enumerate(moments.names)}
    total_var = cov.sum()
    rows = []
    for area, items in grouped.items():
        index = [position[str(item)] for item in items]
        block = cov[np.ix_(index, index)]
        sub_var = block.sum()
        cov_rest = cov[index].sum() - sub_var
        reliability = alpha_from_cov(block) if len(index) > 1 else np.nan
        true_var = reliability * sub_var
        prmse_total = (true_var + cov_rest) ** 2 / (true_var * total_var)
        rows.append(
            {
                "area": area,
                "k": len(index),
                "mean": moments.mean[index].sum(),
                "sd": np.sqrt(sub_var),
                "alpha": reliability,
                "prmse_subscore": reliability,
                "prmse_total": prmse_total,
                "added_value": bool(reliability > prmse_total),
                "n": moments.n_rows,
            }
        )
    return pd.DataFrame(rows)
