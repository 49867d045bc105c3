"""Consistency of pass/fail decisions from a single test administration."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special, stats

from techvet_survey._stats.alpha import alpha_from_cov
from techvet_survey._validation import check_argument
from techvet_survey.reliability._kuder_richardson import binary_item_moments, kr21_row

METHODS = ("subkoviak", "huynh", "normal")


def _agreement(p0: float, pass_share: float) -> tuple[float, float]:
    chance = pass_share**2 + (1 - pass_share) ** 2
    return p0, (p0 - chance) / (1 - chance)


def _subkoviak(total: np.ndarray, k: int, cut: float, rel21: float) -> tuple[float, float]:
    """Subkoviak (1976): binomial pass probability at the regressed true proportion."""
    true_share = rel21 * total / k + (1 - rel21) * total.mean() / k
    true_share = np.clip(true_share, 0.0, 1.0)
    pass_prob = stats.binom.sf(np.ceil(cut) - 1, k, true_share)
    p0 = float(np.mean(pass_prob**2 + (1 - pass_prob) ** 2))
    return _agreement(p0, float(pass_prob.mean()))


def _huynh(total: np.ndarray, k: int, cut: float, rel21: float) -> tuple[float, float]:
    """Huynh (1976): two parallel forms under the beta-binomial fitted by KR-21."""
    a = (1 / rel21 - 1) * total.mean()
    b = -a + k / rel21 - k
    if not (a > 0 and b > 0):
        raise ValueError(
            "The beta-binomial model does not fit these scores (KR-21 <= 0 or outside "
            "(0, 1)); use method='subkoviak' or 'normal'."
        )
    x = np.arange(k + 1)
    xx, yy = np.meshgrid(x, x, indexing="ij")
    log_joint = (
        np.log(special.comb(k, xx))
        + np.log(special.comb(k, yy))
        + special.betaln(a + xx + yy, b + 2 * k - xx - yy)
        - special.betaln(a, b)
    )
    joint = np.exp(log_joint)
    passed = x >= cut
    p0 = joint[np.ix_(passed, passed)].sum() + joint[np.ix_(~passed, ~passed)].sum()
    return _agreement(float(p0), float(joint[passed].sum()))


def normal_agreement(z: float, reliability: float) -> tuple[float, float]:
    """Agreement and kappa when two parallel forms are bivariate normal with correlation r.

    The model behind Subkoviak's (1988) tables (Peng & Subkoviak, 1980).
    """
    both_fail = stats.multivariate_normal(
        mean=[0, 0], cov=[[1, reliability], [reliability, 1]]
    ).cdf([z, z])
    fail = stats.norm.cdf(z)
    p0 = 1 - 2 * (fail - both_fail)
    return _agreement(float(p0), float(1 - fail))


def decision_consistency(
    scored: pd.DataFrame,
    cut_score: float,
    *,
    items=None,
    method: str = "subkoviak",
    nan_policy: str = "listwise",
) -> pd.DataFrame:
    """Agreement p0 and kappa of pass/fail decisions estimated from one administration.

    Parameters
    ----------
    scored : DataFrame
        0/1 item scores (see :func:`score_against_key`); complete rows are used.
    cut_score : float
        Number-correct score needed to pass (pass: total >= cut_score).
    items : list of str, optional
        Item columns; all columns when omitted.
    method : {"subkoviak", "huynh", "normal"}
        ``"subkoviak"`` [1]: each person's true proportion correct is estimated by linear
        regression on the observed one with KR-21 as slope, and the binomial pass
        probability P_i at it gives p0 = mean(P_i^2 + (1 - P_i)^2). ``"huynh"`` [2]: two
        parallel forms drawn from the beta-binomial whose parameters follow from the
        mean and KR-21 (a = (1/KR21 - 1) M, b = -a + k/KR21 - k), summed exactly.
        ``"normal"`` [3, 4]: scores on two forms bivariate normal with correlation KR-20,
        at z = (cut - 0.5 - M)/S; this is the model of Subkoviak's (1988) look-up tables.
    nan_policy : {"listwise", "raise"}
        Total scores need complete rows.

    Returns
    -------
    DataFrame
        One row: ``method``, ``cut_score``, ``p0``, ``kappa``, ``pass_rate`` (observed
        share with total >= cut_score), ``reliability`` (KR-21 for subkoviak and huynh,
        KR-20 for normal), ``n``, ``k``.

    Notes
    -----
    kappa = (p0 - pc)/(1 - pc) with pc = p^2 + (1 - p)^2 and p the model's pass share.
    KR-21 uses the variance with denominator n (see :func:`kr21`); S in the normal
    method is the sample standard deviation (n - 1). No R package computes these;
    the normal method reproduces the published tables of Subkoviak (1988), the
    beta-binomial sum a numerical integration in R, and the Subkoviak sum a
    brute-force simulation (see the tests).

    References
    ----------
    1. Subkoviak, M. J. (1976). Estimating reliability from a single administration of
       a criterion-referenced test. Journal of Educational Measurement, 13, 265-276.
    2. Huynh, H. (1976). On the reliability of decisions in domain-referenced testing.
       Journal of Educational Measurement, 13, 253-264.
    3. Peng, C.-Y. J., & Subkoviak, M. J. (1980). A note on Huynh's normal approximation
       procedure for estimating criterion-referenced reliability. Journal of
       Educational Measurement, 17, 359-368.
    4. Subkoviak, M. J. (1988). A practitioner's guide to computation and
       interpretation of reliability indices for mastery tests. Journal of Educational
       Measurement, 25, 47-55.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import decision_consistency
    >>> test = pd.DataFrame({"i1": [1, 1, 1, 0, 1, 0, 1, 1], "i2": [1, 1, 0, 0, 1, 0, 1, 0],
    ...                      "i3": [1, 0, 1, 0, 0, 0, 1, 1], "i4": [1, 1, 1, 0, 1, 0, 0, 1]})
    >>> decision_consistency(test, 3)[["p0", "kappa", "pass_rate"]].round(3)
          p0  kappa  pass_rate
    0  0.687  0.372       0.75
    """
    check_argument("method", METHODS, method)
    check_argument("nan_policy", ("listwise", "raise"), nan_policy)
    moments = binary_item_moments(scored, items, nan_policy)
    k = moments.k
    if not 0 < cut_score <= k:
        raise ValueError(f"`cut_score` must lie in (0, {k}] for {k} items; got {cut_score!r}.")
    total = moments.values.sum(axis=1)
    kr = kr21_row(total, k)
    if method == "normal":
        reliability = alpha_from_cov(moments.cov)
        z = (cut_score - 0.5 - total.mean()) / total.std(ddof=1)
        p0, kappa = normal_agreement(z, reliability)
    else:
        reliability = kr["kr21"]
        if not 0 < reliability < 1:
            raise ValueError(
                f"KR-21 of these scores is {reliability:.3f}; the {method} method needs it "
                "in (0, 1). Check the scoring or use method='normal'."
            )
        compute = _subkoviak if method == "subkoviak" else _huynh
        p0, kappa = compute(total, k, cut_score, reliability)
    return pd.DataFrame(
        [
            {
                "method": method,
                "cut_score": cut_score,
                "p0": p0,
                "kappa": kappa,
                "pass_rate": float(np.mean(total >= cut_score)),
                "reliability": reliability,
                "n": total.size,
                "k": k,
            }
        ]
    )
