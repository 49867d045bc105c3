"""Item analysis: item-total and item-rest correlations, alpha if deleted, difficulty."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey._stats.alpha import closed_form_drop, item_total_r
from techvet_survey._stats.moments import ItemMoments
from techvet_survey.reliability._alpha import usable_moments
from techvet_survey.reliability._keys import warn_negative_item_rest

UPPER_LOWER_SHARE = 0.27


def _group_weights(total: np.ndarray, share: float) -> tuple[np.ndarray, np.ndarray]:
    """Weights of the upper and lower `share` groups by total score.

    Respondents tied at a group boundary share the remaining places equally
    (fractional membership), so the index does not depend on row order.
    """
    n = total.size
    size = share * n

    def weights(scores: np.ndarray) -> np.ndarray:
        ordered = np.sort(scores)[::-1]
        boundary = ordered[int(np.ceil(size)) - 1]
        above = scores > boundary
        tied = scores == boundary
        w = above.astype(float)
        w[tied] = (size - above.sum()) / tied.sum()
        return w

    return weights(total), weights(-total)


def _upper_lower(values: np.ndarray, binary: list[bool]) -> np.ndarray:
    total = np.nanmean(values, axis=1) * values.shape[1]
    upper, lower = _group_weights(total, UPPER_LOWER_SHARE)
    out = np.full(values.shape[1], np.nan)
    for j in np.flatnonzero(binary):
        answered = ~np.isnan(values[:, j])
        x = values[answered, j]
        wu, wl = upper[answered], lower[answered]
        out[j] = (wu @ x) / wu.sum() - (wl @ x) / wl.sum()
    return out


def item_analysis(data: pd.DataFrame, items=None, *, nan_policy: str = "pairwise") -> pd.DataFrame:
    """Classical item statistics: one row per item.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, numeric item codes.
    items : list of str, optional
        Item columns; all columns when omitted. ``"-A1"`` reverses item A1 (psych's
        keys), recoded min + max - x over all the items; its rows keep the ``-``.
    nan_policy : {"pairwise", "listwise", "raise"}
        As in :func:`cronbach_alpha`.

    Returns
    -------
    DataFrame
        ``item``, ``n`` (answers to the item), ``mean``, ``sd``, ``item_total_r``,
        ``item_rest_r``, ``alpha_if_deleted``, ``missing_share``; when some items are
        scored 0/1 also ``difficulty`` (share correct) and ``upper_lower_index`` (share
        correct in the upper 27 % minus the lower 27 % by total score), NaN for the
        other items.

    Notes
    -----
    From the covariance matrix C (T = 1'C1, s_i = (C1)_i):
    item_total_r = s_i / sqrt(C_ii T) (with missing data: the correlation with the
    person-mean score, as psych does); item_rest_r = (s_i - C_ii) /
    sqrt(C_ii (T - 2 s_i + C_ii)); alpha_if_deleted = (k-1)/(k-2) (1 - (tr C - C_ii) /
    (T - 2 s_i + C_ii)). The upper-lower index uses Kelley's 27 % groups [1]; people
    tied at a group boundary count fractionally. Items without variance get NaN
    statistics and a warning. With two items alpha if deleted is NaN (one item left).
    A warning names every item with a negative item-rest correlation (probably
    reverse-keyed), as psych warns.

    R equivalent: ``psych::alpha(x)$item.stats`` (``raw.r`` is item_total_r,
    ``r.drop`` is item_rest_r; ``r.cor`` is a different, smc-corrected statistic) and
    ``psych::alpha(x)$alpha.drop$raw_alpha``.

    References
    ----------
    1. Kelley, T. L. (1939). The selection of upper and lower groups for the validation
       of test items. Journal of Educational Psychology, 30, 17-24.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import item_analysis
    >>> test = pd.DataFrame({"i1": [1, 1, 1, 0, 1, 0], "i2": [1, 1, 0, 0, 1, 0],
    ...                      "i3": [1, 0, 1, 0, 0, 0]})
    >>> item_analysis(test)[["item", "item_rest_r", "alpha_if_deleted", "difficulty"]].round(3)
      item  item_rest_r  alpha_if_deleted  difficulty
    0   i1        0.857             0.000       0.667
    1   i2        0.408             0.667       0.500
    2   i3        0.263             0.828       0.333
    """
    all_items, moments, _ = usable_moments(data, items, nan_policy)
    table = item_table(all_items, moments)
    warn_negative_item_rest(table["item"], table["item_rest_r"], check_keys_hint=False)
    return table


def item_table(all_items: ItemMoments, moments: ItemMoments) -> pd.DataFrame:
    """The table of :func:`item_analysis`: descriptives of `all_items`, the correlations
    and alpha if deleted of `moments` (the items with variance), NaN for the others."""
    item_rest, alpha_drop = closed_form_drop(moments.cov)
    position = pd.Index(moments.names).get_indexer(all_items.names)  # -1: constant item
    used = position >= 0

    def spread(values: np.ndarray) -> np.ndarray:  # NaN for the constant items
        out = np.full(len(position), np.nan)
        out[used] = values[position[used]]
        return out

    table = pd.DataFrame(
        {
            "item": all_items.names,
            "n": all_items.n_item,
            "mean": all_items.mean,
            "sd": all_items.sd,
            "item_total_r": spread(item_total_r(moments)),
            "item_rest_r": spread(item_rest),
            "alpha_if_deleted": spread(alpha_drop),
            "missing_share": 1 - all_items.n_item / all_items.n_input,
        }
    )
    binary = all_items.binary
    if binary.any():
        table["difficulty"] = np.where(binary, all_items.mean, np.nan)
        table["upper_lower_index"] = _upper_lower(all_items.values, binary)
    return table
