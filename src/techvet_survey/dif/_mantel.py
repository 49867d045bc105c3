"""Mantel-Haenszel DIF: two groups (odds ratio, ETS delta and class) and several groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._validation import check_argument
from techvet_survey.dif._common import (
    DELTA_PER_LOG_ODDS,
    _check_level,
    _dif_table,
    _prepare,
    _strata_counts,
)

MH_TEST = "Mantel-Haenszel chi-square"
GMH_TEST = "generalized Mantel-Haenszel chi-square"


def _mh_two_groups(y, score, focal_mask, correct=True):
    """MH common odds ratio, chi-square and the RGB SE of its log over score strata."""
    total, right = _strata_counts(score, y, focal_mask.astype(int), 2)
    both = (total > 0).all(axis=1)
    total, right = total[both], right[both]
    a, c = right[:, 0], right[:, 1]  # reference / focal correct
    b, d = total[:, 0] - a, total[:, 1] - c
    t = total.sum(axis=1)
    m1 = a + c
    r_k, s_k = a * d / t, b * c / t
    odds_ratio = r_k.sum() / s_k.sum()
    deviation = (a - total[:, 0] * m1 / t).sum()
    var = (total[:, 0] * total[:, 1] * m1 * (t - m1) / (t**2 * (t - 1))).sum()
    correction = 0.5 if correct and abs(deviation) >= 0.5 else 0.0
    chi2 = (abs(deviation) - correction) ** 2 / var
    p_k, q_k = (a + d) / t, (b + c) / t
    r, s = r_k.sum(), s_k.sum()
    var_log = (
        (p_k * r_k).sum() / (2 * r**2)
        + (p_k * s_k + q_k * r_k).sum() / (2 * r * s)
        + (q_k * s_k).sum() / (2 * s**2)
    )
    delta = DELTA_PER_LOG_ODDS * np.log(odds_ratio)
    return {
        "n": int(t.sum()),
        "mh_odds_ratio": odds_ratio,
        "mh_delta": delta,
        "se_delta": -DELTA_PER_LOG_ODDS * np.sqrt(var_log),
        "statistic": chi2,
        "p_val": stats.chi2.sf(chi2, 1),
    }


def _ets_class(delta, se_delta, p_val, significance, large_significance=None):
    """ETS A/B/C (Zwick 2012): A unless significant and |D| >= 1; C if |D| >= 1.5 and
    |D| significantly > 1 (one-sided z test at `significance`).

    With multiplicity-adjusted classification, `p_val` is the adjusted p-value and
    `large_significance` the per-item (Bonferroni) level of the one-sided test."""
    if large_significance is None:
        large_significance = significance
    if not np.isfinite(delta):
        return None
    size = abs(delta)
    if p_val >= significance or size < 1:
        return "A"
    if size >= 1.5 and (size - 1) / se_delta > stats.norm.ppf(1 - large_significance):
        return "C"
    return "B"


def mantel_haenszel(
    scored: pd.DataFrame,
    items=None,
    *,
    group: str,
    focal,
    reference,
    purify: bool = True,
    correct: bool = True,
    significance: float = 0.05,
    p_adjust: str = "holm",
    min_n: int = 20,
    nan_policy: str = "listwise",
    classify_on: str = "p_val",
) -> pd.DataFrame:
    """Mantel-Haenszel DIF between a focal and a reference group, with ETS classes.

    Parameters
    ----------
    scored : DataFrame
        0/1 item scores and a group column, one row per person.
    items : sequence of str, optional
        Item columns; all columns except `group` when omitted.
    group : str
        Column with the group (e.g. language version).
    focal, reference : label
        The two groups compared; other groups are ignored.
    purify : bool
        Iteratively drop items flagged for DIF (unadjusted p < `significance`) from the
        matching score, as difR's ``purify=TRUE``.
    correct : bool
        Continuity correction of the chi-square (R's and difR's default).
    significance : float
        Significance level of the tests, the purification flags and the ETS classes.
    p_adjust : {"holm", "bonferroni", "fdr_bh", "none"}
        Multiplicity adjustment of ``p_adj`` over the items.
    min_n : int
        Smallest group size analysed; a smaller focal or reference group gives NaN rows
        and a warning. 20 is a floor for computability, not for power: MH DIF needs
        some 100+ per group to detect moderate DIF.
    nan_policy : {"listwise", "raise"}
        Persons with any missing response (or missing group) are dropped, or an error.
    classify_on : {"p_val", "p_adj"}
        ETS classes from the unadjusted test (the ETS convention) or, with ``"p_adj"``,
        from the multiplicity-adjusted p-value, the one-sided test of ``|D| > 1`` then
        at the Bonferroni level ``significance / k``. Small focal groups tested on many items
        (five language versions of a 30-item test) need the adjusted rule to keep false
        C flags rare.

    Returns
    -------
    DataFrame
        One row per item: ``item``, ``test`` (``"Mantel-Haenszel chi-square"``), ``n``
        (persons in strata where both groups occur), ``mh_odds_ratio`` (alpha_MH, > 1
        favours the reference group), ``mh_delta``, ``se_delta``, ``statistic`` (the MH
        chi-square, 1 df), ``p_val``, ``p_adj``, ``ets_class`` and ``anchor``
        (item in the final matching score). ``attrs["purification_iterations"]``.

    Notes
    -----
    Persons are matched on the total score: the sum over the anchor items plus the
    studied item (difR's ``match="score"``; without purification all items). In each
    score stratum k with reference right/wrong ``A_k, B_k``, focal right/wrong
    ``C_k, D_k`` and size ``T_k`` [1]_::

        alpha_MH = sum(A_k D_k / T_k) / sum(B_k C_k / T_k)
        chi2_MH  = (|sum(A_k - E A_k)| - c)^2 / sum(Var A_k)
        MH D-DIF = -2.35 ln(alpha_MH)

    with the continuity correction ``c = 0.5`` of R's ``mantelhaen.test``, which it
    skips when ``|sum(A_k - E A_k)| < 0.5`` (difR subtracts 0.5 always; the two differ
    only for such tiny deviations, where difR's statistic is not monotone). Strata without one
    of the groups carry no information and are dropped. The SE of ln alpha_MH is the
    Robins-Breslow-Greenland variance [2]_ (equal to Phillips-Holland's), times 2.35
    for the delta scale. ETS classes follow Zwick (2012) [3]_: **A** if the MH
    chi-square is not significant at `significance` or ``|D| < 1``; **C** if ``|D| >= 1.5``
    and ``|D|`` is significantly greater than 1 (``(|D| - 1) / SE > z_{1-significance}``,
    one-sided); **B** otherwise. Negative D means the item is harder for the focal
    group than for matched reference-group members.

    R equivalent: ``difR::difMH(data, group, focal.name, purify = TRUE,
    p.adjust.method = "holm")``; per item ``mantelhaen.test(table(group, item,
    score))``.

    References
    ----------
    .. [1] Holland, P. W., & Thayer, D. T. (1988). Differential item performance and
       the Mantel-Haenszel procedure. In H. Wainer & H. I. Braun (Eds.), Test validity
       (pp. 129-145). Erlbaum.
    .. [2] Robins, J., Breslow, N., & Greenland, S. (1986). Estimators of the
       Mantel-Haenszel variance consistent in both sparse data and large-strata
       limiting models. Biometrics, 42, 311-323.
    .. [3] Zwick, R. (2012). A review of ETS differential item functioning assessment
       procedures (ETS RR-12-08). Educational Testing Service.

    Examples
    --------
    >>> from scipy.special import expit
    >>> rng = np.random.default_rng(1)
    >>> ability = rng.normal(size=600)
    >>> data = pd.DataFrame({f"q{j}": (rng.random(600) < expit(ability + 1 - j / 2))
    ...                      .astype(int) for j in range(6)})
    >>> data["lang"] = np.repeat(["fi", "en"], 300)
    >>> data.loc[data["lang"] == "en", "q2"] *= rng.random(300) < 0.5  # planted DIF
    >>> result = mantel_haenszel(data, group="lang", focal="en", reference="fi")
    >>> result["ets_class"].tolist()
    ['A', 'A', 'C', 'A', 'A', 'A']
    """
    values, labels, names, levels = _prepare(scored, items, group, nan_policy)
    focal = _check_level("focal", focal, levels)
    reference = _check_level("reference", reference, levels)
    if focal == reference:
        raise ValueError("`focal` and `reference` must be different groups.")
    selected = (labels == focal) | (labels == reference)
    values, labels = values[selected], labels[selected]
    is_focal = labels == focal
    table = _dif_table(
        values,
        labels,
        names,
        [reference, focal],
        MH_TEST,
        lambda item, score: _mh_two_groups(values[:, item], score, is_focal, correct),
        ["n", "mh_odds_ratio", "mh_delta", "se_delta", "statistic", "p_val"],
        {"purify": purify, "significance": significance, "p_adjust": p_adjust, "min_n": min_n},
    )
    check_argument("classify_on", ("p_val", "p_adj"), classify_on)
    large = significance if classify_on == "p_val" else significance / max(1, len(table))
    classes = [
        _ets_class(row.mh_delta, row.se_delta, getattr(row, classify_on), significance, large)
        for row in table.itertuples()
    ]
    table.insert(table.columns.get_loc("p_adj") + 1, "ets_class", classes)
    return table


def _gmh(y, score, codes, n_groups):
    """Generalised MH statistic of the focal-group counts (reference = code 0)."""
    total, right = _strata_counts(score, y, codes, n_groups)
    t = total.sum(axis=1)
    m1 = right.sum(axis=1)
    n_used = int(t[(total > 0).sum(axis=1) >= 2].sum())
    keep = (t > 1) & (m1 > 0) & (m1 < t)  # the other strata add nothing
    total, right, t, m1 = total[keep], right[keep], t[keep], m1[keep]
    n_focal, a_focal = total[:, 1:], right[:, 1:]
    deviation = (a_focal - n_focal * (m1 / t)[:, None]).sum(axis=0)
    factor = m1 * (t - m1) / (t**2 * (t - 1))
    cov = np.einsum("k,kg,gh->gh", factor * t, n_focal, np.eye(n_groups - 1)) - np.einsum(
        "k,kg,kh->gh", factor, n_focal, n_focal
    )
    chi2 = float(deviation @ np.linalg.solve(cov, deviation))
    df = n_groups - 1
    return {"n": n_used, "statistic": chi2, "df": df, "p_val": stats.chi2.sf(chi2, df)}


def mantel_haenszel_generalized(
    scored: pd.DataFrame,
    items=None,
    *,
    group: str,
    reference,
    purify: bool = True,
    significance: float = 0.05,
    p_adjust: str = "holm",
    min_n: int = 20,
    nan_policy: str = "listwise",
) -> pd.DataFrame:
    """Generalised Mantel-Haenszel DIF test across all groups at once.

    Parameters
    ----------
    scored, items, group, purify, significance, p_adjust, min_n, nan_policy
        As in :func:`mantel_haenszel`; every group of `group` is used, and any group
        smaller than `min_n` makes all rows NaN (with a warning).
    reference : label
        The reference group; the others are focal groups.

    Returns
    -------
    DataFrame
        One row per item: ``item``, ``test`` (``"generalized Mantel-Haenszel
        chi-square"``), ``n`` (persons in score strata where at least two groups
        occur), ``statistic``, ``df`` (groups - 1), ``p_val``, ``p_adj``, ``anchor``.

    Notes
    -----
    With the focal groups' correct counts ``A_k`` (a vector) in score stratum k,
    ``E A_k = n_k m1_k / T_k`` and ``Var A_k = m1_k m0_k / (T_k^2 (T_k - 1)) (T_k
    diag(n_k) - n_k n_k')``, the statistic is ``d' V^-1 d`` with ``d = sum(A_k - E
    A_k)`` and ``V = sum Var A_k``, chi-square with groups - 1 df and no continuity
    correction [1]_ [2]_. It equals the generalised Cochran-Mantel-Haenszel statistic
    of the 2 x G x K table. Matching and purification as in :func:`mantel_haenszel`.

    R equivalent: ``difR::difGMH(data, group, focal.names, purify = TRUE)``; per item
    ``mantelhaen.test(table(item, group, score))``.

    References
    ----------
    .. [1] Somes, G. W. (1986). The generalized Mantel-Haenszel statistic. The American
       Statistician, 40, 106-108.
    .. [2] Penfield, R. D. (2001). Assessing differential item functioning among
       multiple groups: a comparison of three Mantel-Haenszel procedures. Applied
       Measurement in Education, 14, 235-259.

    Examples
    --------
    >>> from scipy.special import expit
    >>> rng = np.random.default_rng(2)
    >>> ability = rng.normal(size=900)
    >>> data = pd.DataFrame({f"q{j}": (rng.random(900) < expit(ability + 1 - j / 2))
    ...                      .astype(int) for j in range(6)})
    >>> data["lang"] = np.repeat(["fi", "et", "lv"], 300)
    >>> data.loc[data["lang"] == "lv", "q3"] *= rng.random(300) < 0.5  # planted DIF
    >>> result = mantel_haenszel_generalized(data, group="lang", reference="fi")
    >>> (result["p_adj"] < 0.05).tolist()
    [False, False, False, True, False, False]
    """
    values, labels, names, levels = _prepare(scored, items, group, nan_policy)
    reference = _check_level("reference", reference, levels)
    order = [reference] + [level for level in levels if level != reference]
    codes = np.array([order.index(label) for label in labels])
    return _dif_table(
        values,
        labels,
        names,
        order,
        GMH_TEST,
        lambda item, score: _gmh(values[:, item], score, codes, len(order)),
        ["n", "statistic", "df", "p_val"],
        {"purify": purify, "significance": significance, "p_adjust": p_adjust, "min_n": min_n},
    )
