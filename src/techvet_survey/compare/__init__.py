"""Group comparisons: descriptives, omnibus and post-hoc tests, effect sizes, ordinal
regression and contingency tables for the country and respondent-group comparisons.

Every table with per-group statistics suppresses groups below the small-cell minimum
(:func:`techvet_survey.privacy.suppress_small_cells`, default 5). The whole study's
comparison, which combines these with reliability and invariance, is
:func:`techvet_survey.analysis.compare_all`.
"""

from techvet_survey.compare._correlation import corr_test
from techvet_survey.compare._crosstab import (
    MultiselectComparison,
    crosstab_multiselect,
    crosstab_test,
)
from techvet_survey.compare._describe import describe
from techvet_survey.compare._groups import GroupComparison, compare_groups, compare_many
from techvet_survey.compare._ordinal import OrdinalRegression, ordinal_regression

__all__ = [
    "GroupComparison",
    "MultiselectComparison",
    "OrdinalRegression",
    "compare_groups",
    "compare_many",
    "corr_test",
    "crosstab_multiselect",
    "crosstab_test",
    "describe",
    "ordinal_regression",
]
