"""Exploratory factor analysis of ordered and continuous items.

``polychoric`` estimates the correlations of ordered (Likert) items under underlying
normal variables; ``efa`` extracts and rotates factors as psych's ``fa``; and
``parallel_analysis`` suggests how many factors to keep, as psych's ``fa.parallel``.
"""

from ._efa import EfaResult, efa
from ._parallel import ParallelResult, parallel_analysis
from ._polychoric import PolychoricResult, polychoric

__all__ = [
    "EfaResult",
    "ParallelResult",
    "PolychoricResult",
    "efa",
    "parallel_analysis",
    "polychoric",
]
