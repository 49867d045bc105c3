"""Correlations of every pair of items with tests, adjusted p-values and intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._stats.arguments import check_ci
from techvet_survey._stats.multitest import P_ADJUST_METHODS, adjust_p
from techvet_survey._validation import check_argument, numeric_items

CORRELATION_METHODS = ("pearson", "spearman")


def corr_test(
    data: pd.DataFrame,
    items,
    *,
    method: str = "pearson",
    p_adjust: str = "holm",
    ci: float = 0.95,
) -> pd.DataFrame:
    """Correlation of every pair of items, its t test, adjusted p and Fisher interval.

    Each pair uses the respondents who answered both items (pairwise deletion, psych's
    ``use = "pairwise"``), and its ``n`` is that count.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    items : sequence of str
        The item columns (at least two).
    method : {"pearson", "spearman"}
        Pearson's r, or Spearman's rho (Pearson's r of the ranks of each pair).
    p_adjust : {"holm", "bonferroni", "fdr_bh", "none"}
        Correction of the p-values over the k(k - 1)/2 pairs (the rows returned).
    ci : float
        Level of the intervals.

    Returns
    -------
    DataFrame
        One row per pair: ``item_1``, ``item_2``, ``r``, ``n``, ``t``, ``df``, ``p_val``,
        ``p_adj``, ``ci_low``, ``ci_high``.

    Notes
    -----
    t = r sqrt(n - 2) / sqrt(1 - r²) on n - 2 df, two-sided. The interval is Fisher's:
    tanh(atanh(r) ± z_{(1+ci)/2} / sqrt(n - 3)) [1]_. Holm's correction over the pairs is
    psych's default.

    R equivalent: ``psych::corr.test(x, use = "pairwise", adjust = "holm")`` (its ``p``
    holds the raw p-values below the diagonal and the adjusted ones above it).

    References
    ----------
    .. [1] Fisher, R. A. (1921). On the "probable error" of a coefficient of correlation
       deduced from a small sample. Metron, 1, 3-32.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 1, 4, 3, 5], "c": [5, 4, 3, 2, 2]})
    >>> corr_test(frame, ["a", "b", "c"])[["item_1", "item_2", "r", "n"]].round(3)
      item_1 item_2      r  n
    0      a      b  0.800  5
    1      a      c -0.970  5
    2      b      c -0.728  5
    """
    check_argument("method", CORRELATION_METHODS, method)
    check_argument("p_adjust", P_ADJUST_METHODS, p_adjust)
    level = check_ci(ci)
    values = numeric_items(data, items).to_numpy()
    names = list(items)
    rows = []
    for first in range(len(names) - 1):
        for second in range(first + 1, len(names)):
            pair = values[:, [first, second]]
            pair = pair[~np.isnan(pair).any(axis=1)]
            rows.append({"item_1": names[first], "item_2": names[second], **_pair(pair, method)})
    table = pd.DataFrame(rows)
    table["p_adj"] = adjust_p(table["p_val"].to_numpy(), p_adjust)
    z = stats.norm.ppf((1 + level) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = z / np.sqrt(table["n"].to_numpy(dtype=float) - 3)
        centre = np.arctanh(table["r"].to_numpy())
    table["ci_low"] = np.tanh(centre - spread)
    table["ci_high"] = np.tanh(centre + spread)
    return table


def _pair(pair: np.ndarray, method: str) -> dict:
    n = len(pair)
    if method == "spearman":
        pair = np.column_stack([stats.rankdata(pair[:, 0]), stats.rankdata(pair[:, 1])])
    varies = n >= 3 and np.ptp(pair[:, 0]) > 0 and np.ptp(pair[:, 1]) > 0
    r = float(np.corrcoef(pair[:, 0], pair[:, 1])[0, 1]) if varies else np.nan
    df = n - 2
    with np.errstate(divide="ignore", invalid="ignore"):
        t = r * np.sqrt(df) / np.sqrt(1 - r * r) if varies else np.nan
    p = float(2 * stats.t.sf(abs(t), df)) if varies else np.nan
    return {"r": r, "n": n, "t": t, "df": df, "p_val": p}
