"""Cronbach's alpha and the item-analysis table from :class:`GroupMoments`."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._stats.alpha import alpha_row, closed_form_drop, item_total_r
from techvet_survey._stats.arguments import check_ci
from techvet_survey._stats.intervals import duhachek_se, feldt_interval
from techvet_survey._stats.moments import (
    ItemMoments,
    constant_items,
    item_moments_of,
    subset_moments,
)
from techvet_survey._stats.pair_sums import PairSums
from techvet_survey._validation import check_argument
from techvet_survey.aggregates._moments import GroupMoments

AGGREGATE_CI_METHODS = ("feldt", "duhachek")


def _check_moments(moments) -> GroupMoments:
    if not isinstance(moments, GroupMoments):
        raise TypeError(
            f"`moments` must be a GroupMoments; got {type(moments).__name__}. Build one with "
            "GroupMoments.from_frame(data, items)."
        )
    return moments


def _usable(moments: GroupMoments) -> tuple[ItemMoments, ItemMoments, list[int], PairSums]:
    sums = moments.overall()
    full = item_moments_of(sums, list(moments.items), moments.nan_policy)
    constant = constant_items(full)
    keep = [j for j, name in enumerate(full.names) if name not in constant]
    if constant:
        warnings.warn(
            f"`items` {constant} have no variance and were left out of the reliability "
            "statistics; their rows in item tables are NaN.",
            stacklevel=3,
        )
        if len(keep) < 2:
            raise ValueError(
                f"`items` has fewer than 2 items with variance (constant: {constant}). "
                "Reliability needs at least 2 varying items."
            )
    return full, subset_moments(full, keep), keep, sums


def cronbach_alpha(moments: GroupMoments, *, ci: float = 0.95, ci_method: str = "feldt"):
    """Cronbach's alpha, standardised alpha, lambda-6 and the average r from moments.

    The numbers of :func:`techvet_survey.reliability.cronbach_alpha` on the rows the
    moments summarise (same `nan_policy`), computed by the same code from the
    covariance matrix, so 10⁶ respondents are one pass.

    Parameters
    ----------
    moments : GroupMoments
        Built with the `nan_policy` wanted; groups are pooled.
    ci : float
        Coverage of the interval.
    ci_method : {"feldt", "duhachek"}
        As in :func:`techvet_survey.reliability.cronbach_alpha`. The bootstrap needs the
        rows themselves: call that function on the data instead.

    Returns
    -------
    DataFrame
        One row: ``alpha``, ``std_alpha``, ``g6``, ``average_r``, ``ci_low``,
        ``ci_high``, ``n``, ``k``.

    Notes
    -----
    alpha = k/(k−1) (1 − tr C / 1'C1) with C the (pairwise or listwise) covariance
    matrix; the other statistics and both intervals as in
    :func:`techvet_survey.reliability.cronbach_alpha`.

    R equivalent: ``psych::alpha(x, use = "pairwise")``.

    Examples
    --------
    >>> scale = pd.DataFrame({"q1": [1, 2, 3, 4, 5, 3], "q2": [2, 2, 4, 4, 5, 2],
    ...                       "q3": [1, 3, 3, 5, 4, 3]})
    >>> moments = GroupMoments.from_frame(scale.iloc[:3], ["q1", "q2", "q3"])
    >>> moments = moments.update(scale.iloc[3:])
    >>> cronbach_alpha(moments)[["alpha", "ci_low", "ci_high", "n", "k"]].round(4)
        alpha  ci_low  ci_high  n  k
    0  0.9182  0.6536   0.9876  6  3
    """
    _check_moments(moments)
    check_argument("ci_method", AGGREGATE_CI_METHODS, ci_method)
    ci = check_ci(ci)
    _, usable, _, _ = _usable(moments)
    row = alpha_row(usable)
    n, k = usable.n_rows, usable.k
    if ci_method == "feldt":
        low, high = feldt_interval(row["alpha"], n, k, ci)
    else:
        half = stats.norm.ppf(1 - (1 - ci) / 2) * duhachek_se(usable.cov, n)
        low, high = row["alpha"] - half, row["alpha"] + half
    return pd.DataFrame([{**row, "ci_low": low, "ci_high": high, "n": n, "k": k}])


def item_analysis(moments: GroupMoments) -> pd.DataFrame:
    """The item-analysis table of :func:`techvet_survey.reliability.item_analysis` from
    moments.

    Parameters
    ----------
    moments : GroupMoments
        Built with the `nan_policy` wanted; groups are pooled.

    Returns
    -------
    DataFrame
        ``item``, ``n``, ``mean``, ``sd``, ``item_total_r``, ``item_rest_r``,
        ``alpha_if_deleted``, ``missing_share``; for 0/1 items also ``difficulty``
        and ``upper_lower_index``. The upper-lower index ranks respondents by their
        total score, which moments do not keep: it is NaN here, with a warning (call
        the in-memory function for it).

    Notes
    -----
    Item-rest r and alpha if deleted come from the covariance matrix as in the
    in-memory function. The item-total r with missing answers is the pairwise
    correlation of each item with the person-mean score, whose moments are gathered
    beside the items' (psych's ``raw.r``).

    R equivalent: ``psych::alpha(x)$item.stats`` and ``$alpha.drop``.

    Examples
    --------
    >>> scale = pd.DataFrame({"q1": [1, 2, 3, 4, 5, 3], "q2": [2, 2, 4, 4, 5, 2],
    ...                       "q3": [1, 3, None, 5, 4, 3]})
    >>> moments = GroupMoments.from_frame(scale, ["q1", "q2", "q3"])
    >>> item_analysis(moments)[["item", "n", "item_total_r", "item_rest_r"]].round(4)
      item  n  item_total_r  item_rest_r
    0   q1  6        0.9676       0.9644
    1   q2  6        0.9140       0.8145
    2   q3  5        0.9134       0.8940
    """
    _check_moments(moments)
    full, usable, keep, sums = _usable(moments)
    item_rest, alpha_drop = closed_form_drop(usable.cov)
    # with missing answers: the person mean of every item (rows are not kept to redo it)
    item_total = item_total_r(usable) if usable.complete else full.person_r[keep]
    table = pd.DataFrame(
        {
            "item": full.names,
            "n": full.n_item,
            "mean": full.mean,
            "sd": full.sd,
            "item_total_r": np.nan,
            "item_rest_r": np.nan,
            "alpha_if_deleted": np.nan,
            "missing_share": 1 - full.n_item / full.n_input,
        }
    )
    table.loc[keep, ["item_total_r", "item_rest_r", "alpha_if_deleted"]] = np.column_stack(
        [item_total, item_rest, alpha_drop]
    )
    binary = sums.binary[: full.k]
    if binary.any():
        warnings.warn(
            "`upper_lower_index` needs each respondent's total score, which moments do not "
            "keep: it is NaN. Run techvet_survey.reliability.item_analysis on the rows.",
            stacklevel=2,
        )
        table["difficulty"] = np.where(binary, full.mean, np.nan)
        table["upper_lower_index"] = np.nan
    return table
