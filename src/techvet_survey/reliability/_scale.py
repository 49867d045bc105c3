"""Alpha and the item table of one scale from one pass over the data (psych's ``alpha``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from techvet_survey._results import Result
from techvet_survey._stats.arguments import check_ci
from techvet_survey._stats.moments import ItemMoments
from techvet_survey._validation import check_argument
from techvet_survey.reliability._alpha import (
    CI_METHODS,
    alpha_table,
    usable_moments,
    with_person_r,
)
from techvet_survey.reliability._items import item_table
from techvet_survey.reliability._keys import checked_keys, reverse_keyed, warn_negative_item_rest


@dataclass(frozen=True)
class ScaleReliability(Result):
    """Alpha and the item statistics of one scale, as ``psych::alpha`` prints them.

    Attributes
    ----------
    alpha : DataFrame
        One row, the table of :func:`~techvet_survey.reliability.cronbach_alpha`.
    items : DataFrame
        One row per item, the table of :func:`~techvet_survey.reliability.item_analysis`
        (with `check_keys`, of the items as analysed, reversed ones recoded, and a
        ``reversed`` column).
    nan_policy : str
        How missing answers were handled.
    """

    alpha: pd.DataFrame
    items: pd.DataFrame
    nan_policy: str

    def _summary_sections(self):
        row = self.alpha.iloc[0]
        facts = {"Respondents (n)": row["n"], "Items (k)": row["k"], "Missing": self.nan_policy}
        if "reversed" in self.alpha:
            facts["Reversed"] = " ".join(row["reversed"]) or "none"
        total = self.alpha.drop(columns=["n", "k", "reversed"], errors="ignore")
        columns = ["item", "n", "item_total_r", "item_rest_r", "mean", "sd", "missing_share"]
        extra = [name for name in ("reversed", "difficulty") if name in self.items]
        return "Reliability analysis", [
            (None, facts),
            ("Cronbach's alpha:", total),
            ("Reliability if an item is dropped:", self.items[["item", "alpha_if_deleted"]]),
            ("Item statistics:", self.items[columns + extra]),
        ]


def scale_reliability(
    data: pd.DataFrame,
    items=None,
    *,
    nan_policy: str = "pairwise",
    ci: float = 0.95,
    ci_method: str = "feldt",
    n_boot: int = 2000,
    seed=None,
    check_keys: bool = False,
) -> ScaleReliability:
    """Cronbach's alpha and the item-analysis table of a scale, from one pass over the data.

    What ``psych::alpha`` gives in one call: the tables of
    :func:`~techvet_survey.reliability.cronbach_alpha` and
    :func:`~techvet_survey.reliability.item_analysis`, equal to theirs, for the time of
    one of them (both read the same item moments).

    Parameters
    ----------
    data : DataFrame
        One row per respondent, numeric item codes.
    items : list of str, optional
        Item columns; all columns when omitted. ``"-A1"`` reverses item A1 (psych's
        keys), recoded min + max - x over all the items; its rows keep the ``-``.
    nan_policy : {"pairwise", "listwise", "raise"}
        As in :func:`~techvet_survey.reliability.cronbach_alpha`.
    ci, ci_method, n_boot, seed
        The interval of alpha, as in :func:`~techvet_survey.reliability.cronbach_alpha`.
    check_keys : bool
        Reverse the items that load negatively on the first principal component before
        computing (``psych::alpha(check.keys=TRUE)``). Both tables then describe the
        items as analysed: a reversed item's mean is that of min + max - x, and the
        item table gets a ``reversed`` column.

    Returns
    -------
    ScaleReliability
        ``.alpha`` (one row) and ``.items`` (one row per item); ``print`` shows them as
        psych prints ``alpha``.

    Notes
    -----
    R equivalent: ``psych::alpha(x, use="pairwise")``: ``$total`` and ``$feldt`` are
    ``.alpha``, ``$item.stats`` and ``$alpha.drop`` are ``.items``.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import scale_reliability
    >>> scale = pd.DataFrame({"q1": [1, 2, 3, 4, 5, 3], "q2": [2, 2, 4, 4, 5, 2],
    ...                       "q3": [1, 3, 3, 5, 4, 3]})
    >>> result = scale_reliability(scale)
    >>> round(float(result.alpha["alpha"].iloc[0]), 4)
    0.9182
    >>> result.items[["item", "item_rest_r", "alpha_if_deleted"]].round(3)
      item  item_rest_r  alpha_if_deleted
    0   q1        0.934             0.795
    1   q2        0.789             0.919
    2   q3        0.789             0.919
    """
    check_argument("ci_method", CI_METHODS, ci_method)
    ci = check_ci(ci)
    all_items, moments, _ = usable_moments(data, items, nan_policy)
    reversed_items: list[str] = []
    if check_keys:
        keyed, reversed_items = checked_keys(moments)
        if reversed_items:
            all_items, moments = _recoded(all_items, moments, keyed, reversed_items)
    table = item_table(all_items, moments)
    warn_negative_item_rest(table["item"], table["item_rest_r"], check_keys_hint=not check_keys)
    alpha = alpha_table(moments, ci=ci, ci_method=ci_method, n_boot=n_boot, seed=seed)
    if check_keys:
        alpha["reversed"] = [tuple(reversed_items)]
        table["reversed"] = table["item"].isin(reversed_items)
    return ScaleReliability(alpha=alpha, items=table, nan_policy=nan_policy)


def _recoded(
    all_items: ItemMoments, moments: ItemMoments, keyed: ItemMoments, reversed_items: list[str]
) -> tuple[ItemMoments, ItemMoments]:
    """All items and the analysed ones after reversing `reversed_items` (with the
    recoding of `keyed`), each with the person-mean correlations of the recoded items."""
    adjust = np.nanmin(moments.values) + np.nanmax(moments.values)
    flip = np.isin(all_items.names, reversed_items)
    return reverse_keyed(all_items, flip, adjust), with_person_r(keyed)
