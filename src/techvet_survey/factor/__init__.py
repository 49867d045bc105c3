"""Exploratory factor analysis of ordered and continuous items.

``polychoric`` estimates the correlations of ordered (Likert) items under underlying
normal variables; ``efa`` extracts and rotates factors as psych's ``fa``; and
``parallel_analysis`` suggests how many factors to keep, as psych's ``fa.parallel``.
"""

from techvet_survey.factor._efa import EfaResult, efa
from techvet_survey.factor._parallel import ParallelResult, parallel_analysis
from techvet_survey.factor._polychoric import PolychoricResult, polychoric

__all__ = [
    "EfaResult",
    "ParallelResult",
    "PolychoricResult",
    "efa",
    "parallel_analysis",
    "polychoric",
]
