"""Statistics of national-scale survey data from one pass over the rows.

:class:`GroupMoments` (pairwise-complete means, sums of squares and cross-products of
item columns by group) and :class:`CategoryCounts` (count tables by group and answer
category) are small, mergeable summaries: build them from a frame, a chunk at a time
(:meth:`~GroupMoments.update`) or per Dask partition (pass a Dask DataFrame to
``from_frame``), combine partial results with :meth:`~GroupMoments.merge`, and compute
from them the same numbers as the in-memory functions, by the same code:
:func:`cronbach_alpha` and :func:`item_analysis` (:mod:`techvet_survey.reliability`),
:func:`describe`, :func:`compare_groups` and :func:`crosstab_test`
(:mod:`techvet_survey.compare`).
"""

from techvet_survey.aggregates._compare import compare_groups, crosstab_test, describe
from techvet_survey.aggregates._counts import CategoryCounts
from techvet_survey.aggregates._moments import GroupMoments, PairSums
from techvet_survey.aggregates._reliability import cronbach_alpha, item_analysis

__all__ = [
    "CategoryCounts",
    "GroupMoments",
    "PairSums",
    "compare_groups",
    "cronbach_alpha",
    "crosstab_test",
    "describe",
    "item_analysis",
]
