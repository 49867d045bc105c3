"""Differential item functioning (DIF) of 0/1 items across groups (language versions).

:func:`mantel_haenszel` compares a focal with a reference group (odds ratio, ETS delta,
chi-square, ETS A/B/C class), :func:`mantel_haenszel_generalized` tests all groups at
once, :func:`logistic_dif` fits nested logistic models (uniform and non-uniform DIF,
Nagelkerke R^2 change). All match on the total test score (difR's rule) and can purify
the matching score of DIF items iteratively.
"""

from techvet_survey.dif._common import (
    DELTA_PER_LOG_ODDS,
    EFFECT_SIZE_RULES,
    MAX_PURIFICATION_ITERATIONS,
    NAN_POLICIES,
)
from techvet_survey.dif._logistic import logistic_dif
from techvet_survey.dif._mantel import mantel_haenszel, mantel_haenszel_generalized

__all__ = [
    "DELTA_PER_LOG_ODDS",
    "EFFECT_SIZE_RULES",
    "MAX_PURIFICATION_ITERATIONS",
    "NAN_POLICIES",
    "logistic_dif",
    "mantel_haenszel",
    "mantel_haenszel_generalized",
]
