"""Distractor analysis of multiple-choice items."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from techvet_survey.scoring import key_series, score_against_key

NON_FUNCTIONING_SHARE = 0.05


def _score_groups(total: np.ndarray, n_groups: int) -> np.ndarray:
    """Groups 1..`n_groups` of about equal size by total score; ties share a group."""
    ranks = pd.Series(total).rank(method="average").to_numpy()
    return np.minimum((np.floor((ranks - 0.5) * n_groups / total.size)).astype(int) + 1, n_groups)


def _point_biserial(chose: np.ndarray, rest: np.ndarray) -> float:
    if chose.std() == 0 or rest.std() == 0:
        return np.nan
    return float(np.corrcoef(chose, rest)[0, 1])


def distractor_analysis(responses: pd.DataFrame, key, *, n_groups: int = 3) -> pd.DataFrame:
    """Per item and option: who chose it, and whether it works as key or distractor.

    Parameters
    ----------
    responses : DataFrame
        Chosen options per test taker (NaN for blanks), items in test order.
    key : mapping or Series
        Item -> correct option.
    n_groups : int
        Number of score groups (by number-correct total, omitted and not-reached
        counting 0), lowest first.

    Returns
    -------
    DataFrame
        One row per item and option (every option seen in the data plus the key):
        ``item``, ``option``, ``is_key``, ``n`` (choosing it), ``share`` (of those who
        answered the item), ``share_group_1`` .. ``share_group_<n_groups>``,
        ``option_rest_r`` (point-biserial of choosing the option with the total on the
        other items), ``non_functioning`` (a distractor chosen by under 5 %),
        ``positive_distractor`` (a distractor with option_rest_r > 0) and
        ``possible_miskey`` (on every row of an item whose key has option_rest_r <= 0
        or below that of some distractor).

    Notes
    -----
    A keyed option that nobody chose gets its row with share 0, option_rest_r NaN and a
    warning (the key may be wrong). Blanks are no option. Groups are formed from ranks
    with ties averaged, so tied totals fall in the same group. Shares per group are
    among those in the group who answered the item.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import distractor_analysis
    >>> answers = pd.DataFrame({"q1": list("AABACAAB"), "q2": list("BBCBDBBC"),
    ...                         "q3": list("CCDCCABD")})
    >>> table = distractor_analysis(answers, {"q1": "A", "q2": "B", "q3": "C"}, n_groups=2)
    >>> table[table.item == "q1"][["option", "is_key", "share", "option_rest_r"]].round(3)
      option  is_key  share  option_rest_r
    0      A    True  0.625          0.786
    1      B   False  0.250         -0.832
    2      C   False  0.125         -0.061
    """
    if not isinstance(n_groups, int | np.integer) or n_groups < 1:
        raise ValueError(f"`n_groups` must be a positive integer; got {n_groups!r}.")
    keys = key_series(responses, key)
    scored = score_against_key(responses, keys, not_reached_score=0.0)
    total = scored.sum(axis=1).to_numpy()
    group = _score_groups(total, n_groups)
    rows = []
    for item in scored.columns:
        chosen = responses[item]
        answered = chosen.notna().to_numpy()
        rest = total - scored[item].to_numpy()
        options = sorted({*chosen.dropna().unique(), keys[item]}, key=str)
        if keys[item] not in set(chosen.dropna()):
            warnings.warn(
                f"`key` gives option {keys[item]!r} for item {item!r}, which nobody chose; "
                "check the key.",
                stacklevel=2,
            )
        for option in options:
            picks = (chosen == option).to_numpy() & answered
            row = {
                "item": item,
                "option": option,
                "is_key": option == keys[item],
                "n": int(picks.sum()),
                "share": picks.sum() / max(answered.sum(), 1),
            }
            for g in range(1, n_groups + 1):
                in_group = answered & (group == g)
                row[f"share_group_{g}"] = (
                    picks[in_group].sum() / in_group.sum() if in_group.any() else np.nan
                )
            row["option_rest_r"] = _point_biserial(picks[answered].astype(float), rest[answered])
            rows.append(row)
    table = pd.DataFrame(rows)
    distractor = ~table["is_key"]
    table["non_functioning"] = distractor & (table["share"] < NON_FUNCTIONING_SHARE)
    table["positive_distractor"] = distractor & (table["option_rest_r"] > 0)
    key_r = table[table["is_key"]].set_index("item")["option_rest_r"]
    best_distractor = table[distractor].groupby("item")["option_rest_r"].max()
    suspicious = (key_r.fillna(-np.inf) <= 0) | (best_distractor.reindex(key_r.index) > key_r)
    table["possible_miskey"] = table["item"].map(suspicious).astype(bool)
    return table
