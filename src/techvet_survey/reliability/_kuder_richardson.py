"""Kuder-Richardson reliability of 0/1 items (KR-20, KR-21) and the standard error (SEM)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey._stats.alpha import alpha_from_cov
from techvet_survey._stats.arguments import check_ci
from techvet_survey._validation import check_argument
from techvet_survey.reliability._alpha import usable_moments
from techvet_survey.reliability._moments import item_moments


def binary_item_moments(data, items, nan_policy):
    """The moments of `items`, or a ValueError naming the items that are not scored 0/1."""
    moments = item_moments(data, items, nan_policy=nan_policy)
    answered = moments.values[~np.isnan(moments.values)]
    if not np.isin(answered, (0.0, 1.0)).all():
        bad = [
            name
            for j, name in enumerate(moments.names)
            if not np.isin(moments.values[:, j][~np.isnan(moments.values[:, j])], (0, 1)).all()
        ]
        raise ValueError(
            f"`data` items {bad} are not scored 0/1. KR-20 and KR-21 need dichotomous "
            "items; score the test first (score_against_key) or use cronbach_alpha."
        )
    return moments


def kr20(data: pd.DataFrame, items=None, *, nan_policy: str = "pairwise") -> pd.DataFrame:
    """Kuder-Richardson formula 20 for items scored 0/1.

    Notes
    -----
    KR-20 = k/(k-1) (1 - sum p_i q_i / s_X^2) [1]; with p_i q_i and s_X^2 on the same
    denominator it is Cronbach's alpha of the 0/1 items, and it is computed as such.
    R equivalent: ``psych::alpha(x)$total$raw_alpha`` on 0/1 items.

    References
    ----------
    1. Kuder, G. F., & Richardson, M. W. (1937). The theory of the estimation of test
       reliability. Psychometrika, 2, 151-160.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import kr20
    >>> test = pd.DataFrame({"i1": [1, 1, 1, 0, 1, 0], "i2": [1, 1, 0, 0, 1, 0],
    ...                      "i3": [1, 0, 1, 0, 0, 0]})
    >>> kr20(test).round(4)
         kr20  n  k
    0  0.6667  6  3
    """
    binary_item_moments(data, items, nan_policy)
    _, moments, _ = usable_moments(data, items, nan_policy)
    return pd.DataFrame(
        [{"kr20": alpha_from_cov(moments.cov), "n": moments.n_rows, "k": moments.k}]
    )


def kr21(data: pd.DataFrame, items=None, *, nan_policy: str = "listwise") -> pd.DataFrame:
    """Kuder-Richardson formula 21 from the mean and variance of total scores.

    Notes
    -----
    KR-21 = k/(k-1) (1 - M (k - M) / (k s^2)) [1] with M the mean and s^2 the variance of
    the total score with denominator n, so that KR-21 equals KR-20 when all items have
    the same difficulty (and is below it otherwise). Total scores need complete rows:
    `nan_policy` is ``"listwise"`` or ``"raise"``.

    References
    ----------
    1. Kuder, G. F., & Richardson, M. W. (1937). The theory of the estimation of test
       reliability. Psychometrika, 2, 151-160.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import kr21
    >>> test = pd.DataFrame({"i1": [1, 1, 1, 0, 1, 0], "i2": [1, 1, 0, 0, 1, 0],
    ...                      "i3": [1, 0, 1, 0, 0, 0]})
    >>> kr21(test).round(4)
       kr21  mean  variance  n  k
    0   0.6   1.5      1.25  6  3
    """
    check_argument("nan_policy", ("listwise", "raise"), nan_policy)
    moments = binary_item_moments(data, items, nan_policy)
    return pd.DataFrame([kr21_row(moments.values.sum(axis=1), moments.k)])


def kr21_row(total: np.ndarray, k: int) -> dict:
    mean = float(total.mean())
    variance = float(total.var())
    value = k / (k - 1) * (1 - mean * (k - mean) / (k * variance)) if variance > 0 else np.nan
    return {"kr21": value, "mean": mean, "variance": variance, "n": total.size, "k": k}


def standard_error_of_measurement(
    data: pd.DataFrame, items=None, *, nan_policy: str = "pairwise", ci: float = 0.95
) -> pd.DataFrame:
    """Standard error of measurement of the total (sum) score.

    Notes
    -----
    SEM = s_X sqrt(1 - alpha), with s_X^2 = 1'C1 the variance of the sum score and alpha
    Cronbach's alpha from the same covariance matrix C [1]. ``band`` is the half width
    z_{(1+ci)/2} SEM of an observed-score band.
    R equivalent: ``sd(rowSums(x)) * sqrt(1 - psych::alpha(x)$total$raw_alpha)``.

    References
    ----------
    1. Lord, F. M., & Novick, M. R. (1968). Statistical theories of mental test scores.
       Addison-Wesley.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import standard_error_of_measurement
    >>> test = pd.DataFrame({"i1": [1, 1, 1, 0, 1, 0], "i2": [1, 1, 0, 0, 1, 0],
    ...                      "i3": [1, 0, 1, 0, 0, 0]})
    >>> standard_error_of_measurement(test)[["sem", "sd_total", "reliability"]].round(4)
          sem  sd_total  reliability
    0  0.7071    1.2247       0.6667
    """
    from scipy import stats

    ci = check_ci(ci)
    _, moments, _ = usable_moments(data, items, nan_policy)
    reliability = alpha_from_cov(moments.cov)
    sd_total = float(np.sqrt(moments.cov.sum()))
    sem = sd_total * np.sqrt(1 - reliability) if reliability <= 1 else np.nan
    band = stats.norm.ppf((1 + ci) / 2) * sem
    return pd.DataFrame(
        [
            {
                "sem": sem,
                "sd_total": sd_total,
                "reliability": reliability,
                "band": band,
                "n": moments.n_rows,
                "k": moments.k,
            }
        ]
    )
