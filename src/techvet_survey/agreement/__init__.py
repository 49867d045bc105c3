"""Intercoder agreement: percent agreement, Cohen's and Fleiss' kappa, Krippendorff's alpha,
Gwet's AC1 and the Brennan-Prediger coefficient, with standard errors and confidence intervals.

Every function takes a unit-by-coder table (one row per coded unit, one column per coder,
category codes as numbers or text, missing ratings as NaN/None) and returns a one-row tidy
DataFrame with the columns

``coefficient, metric, estimate, se, ci_low, ci_high, n_units, n_excluded, n_coders,
n_categories``

where ``n_units`` is the number of units rated by at least two coders (the units whose
agreement is measured) and ``n_excluded`` the number of units rated by fewer than two.
Missing ratings are never a category, and text ratings that are empty or only whitespace
count as missing.

The chance-corrected coefficients of the Gwet family (Fleiss' kappa, Gwet's AC1,
Brennan-Prediger, percent agreement) follow the generalisation to missing ratings of
Gwet (2014) as implemented in R's ``irrCAC`` (``*.raw`` functions): units with a single
rating add to the category prevalences and to the unit count of the variance, but not to
the observed agreement.
"""

from techvet_survey.agreement._cohen import cohen_kappa, table_to_ratings
from techvet_survey.agreement._gwet import (
    brennan_prediger,
    fleiss_kappa,
    gwet_ac1,
    percent_agreement,
)
from techvet_survey.agreement._krippendorff import ResamplesWithoutVariation, krippendorff_alpha

__all__ = [
    "ResamplesWithoutVariation",
    "brennan_prediger",
    "cohen_kappa",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "percent_agreement",
    "table_to_ratings",
]
