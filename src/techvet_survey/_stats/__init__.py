"""The shared statistics layer: one implementation that several families import.

Internal to the package (no stability promise to users), but a named API inside it:
the statistical families (``compare``, ``aggregates``, ``reliability``, ``irt``, ``dif``)
import these modules by their public names instead of reaching into each other's
private modules.

=================  ==============================================================
module             contents
=================  ==============================================================
``arguments``      the checks of ``ci`` and ``significance``, ``random_generator``, warnings
``multitest``      ``adjust_p``: p-value adjustment, NaN kept (R's ``p.adjust``)
``tukey``          ``ptukey`` / ``qtukey``: the studentized range distribution
``intervals``      Wilson, Feldt and Duhachek confidence intervals
``effect_sizes``   effect sizes with noncentral intervals (R's effectsize)
``exact_sums``     exact integer block sums of integer-coded answers (float32 BLAS)
``pair_sums``      ``PairSums``: pairwise-complete moments from one pass over the rows
``moments``        ``ItemMoments`` and the statistics read from the moments alone
``alpha``          Cronbach's alpha and item statistics from the item covariances
``binary``         checks of 0/1-scored items
``blas``           ``single_threaded_blas``: BLAS limited to one thread
``extraction``     ``extract``: minres and ML factor extraction (``factor``, ``reliability``)
``rotation``       ``rotate``: varimax, promax, oblimin and geomin rotations
``grouped``        ``GroupedValues``: values of one variable by group
``group_tests``    Welch/Games-Howell and Kruskal/Dunn tests of grouped values
``contingency``    chi-square or Fisher's test of a contingency table
``describe``       the statistic columns and warnings of descriptive tables
=================  ==============================================================
"""

from techvet_survey._stats.alpha import alpha_from_cov, alpha_row, closed_form_drop, item_total_r
from techvet_survey._stats.arguments import (
    as_column_list,
    check_ci,
    check_significance,
    random_generator,
    warn,
)
from techvet_survey._stats.binary import binary_items, constant_item_mask
from techvet_survey._stats.blas import single_threaded_blas
from techvet_survey._stats.contingency import EXACT_CHOICES, table_test
from techvet_survey._stats.describe import STATISTICS, warn_unusable
from techvet_survey._stats.extraction import extract, smooth_correlation
from techvet_survey._stats.group_tests import (
    METHODS,
    GroupComparison,
    check_pairwise_p_adjust,
    compare_grouped,
)
from techvet_survey._stats.grouped import GroupedValues, pair_indices
from techvet_survey._stats.intervals import duhachek_se, feldt_interval, wilson_interval
from techvet_survey._stats.moments import (
    ItemMoments,
    constant_items,
    cross_product,
    item_moments_of,
    smc,
    subset_moments,
)
from techvet_survey._stats.multitest import P_ADJUST_METHODS, adjust_p
from techvet_survey._stats.pair_sums import PairSums, SummedRows, pair_sums
from techvet_survey._stats.rotation import rotate
from techvet_survey._stats.tukey import ptukey, qtukey

__all__ = [
    "EXACT_CHOICES",
    "METHODS",
    "P_ADJUST_METHODS",
    "STATISTICS",
    "GroupComparison",
    "GroupedValues",
    "ItemMoments",
    "PairSums",
    "SummedRows",
    "adjust_p",
    "alpha_from_cov",
    "alpha_row",
    "as_column_list",
    "binary_items",
    "check_ci",
    "check_pairwise_p_adjust",
    "check_significance",
    "closed_form_drop",
    "compare_grouped",
    "constant_item_mask",
    "constant_items",
    "cross_product",
    "duhachek_se",
    "extract",
    "feldt_interval",
    "item_moments_of",
    "item_total_r",
    "pair_indices",
    "pair_sums",
    "ptukey",
    "qtukey",
    "random_generator",
    "rotate",
    "single_threaded_blas",
    "smc",
    "smooth_correlation",
    "subset_moments",
    "table_test",
    "warn",
    "warn_unusable",
    "wilson_interval",
]
