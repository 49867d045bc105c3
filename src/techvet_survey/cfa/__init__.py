"""Confirmatory factor analysis and measurement invariance across groups (countries).

``fit_cfa`` fits single- and multigroup CFA models by normal-theory maximum likelihood
with a mean structure, with lavaan's defaults and fit indices, or by robust ML (lavaan's
MLR: sandwich standard errors, Yuan-Bentler scaled chi-square, robust CFI / TLI / RMSEA),
on complete cases or by full-information ML over the missing-data patterns, and
ordered (Likert) items by WLSMV (polychoric correlations and thresholds, DWLS
estimates, robust standard errors, lavaan's scaled-and-shifted chi-square);
``measurement_invariance`` runs the configural / metric / scalar (/ strict) ladder
(for ordered items Wu & Estabrook's configural / thresholds / metric / scalar one),
judges each level by Chen's (2007) rule (or Cheung & Rensvold's, or the chi-square
difference test, scaled under MLR), frees intercepts one at a time when scalar invariance
fails (partial invariance, by univariate score tests), and says whether latent means may
be compared across groups. ``CfaResult.standardized()``, ``.r2`` and
``modification_indices`` give lavaan's standardized solution, R² and modification indices,
``factor_scores`` its regression or Bartlett factor scores.
"""

from techvet_survey.cfa._factor_scores import factor_scores
from techvet_survey.cfa._fit import CfaResult, fit_cfa
from techvet_survey.cfa._invariance import InvarianceResult, measurement_invariance
from techvet_survey.cfa._model import parse_model
from techvet_survey.cfa._modindices import modification_indices

__all__ = [
    "CfaResult",
    "InvarianceResult",
    "factor_scores",
    "fit_cfa",
    "measurement_invariance",
    "modification_indices",
    "parse_model",
]
