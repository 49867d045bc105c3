"""Multiplicity correction of p-values, as R's ``p.adjust`` does it.

The corrections are statsmodels' :func:`~statsmodels.stats.multitest.multipletests`;
this module adds R's handling of missing p-values (NaN stays NaN and is not counted
among the tests) and one name for the choice of method across the package.
"""

from __future__ import annotations

import numpy as np
from statsmodels.stats.multitest import multipletests

from techvet_survey._validation import check_argument

__all__ = ["P_ADJUST_METHODS", "adjust_p"]

P_ADJUST_METHODS = ("holm", "bonferroni", "fdr_bh", "none")
"""Multiplicity corrections: R's p.adjust methods "holm", "bonferroni", "BH", "none"."""


def adjust_p(p_values, method: str) -> np.ndarray:
    """Adjust p-values for multiplicity; NaN entries stay NaN and are not counted.

    Parameters
    ----------
    p_values : array-like of float
        The p-values of one family of tests; NaN for a test that was not run.
    method : {"holm", "bonferroni", "fdr_bh", "none"}
        Holm's step-down family-wise correction, Bonferroni's, Benjamini-Hochberg's
        false discovery rate, or none (the p-values unchanged).

    Returns
    -------
    ndarray
        The adjusted p-values, in the order of `p_values`.

    Notes
    -----
    With the m finite p-values sorted, Holm gives the i-th smallest
    max over j ≤ i of min(1, (m − j + 1)p₍ⱼ₎) (Holm 1979), Benjamini-Hochberg
    min over j ≥ i of min(1, m·p₍ⱼ₎/j) (Benjamini & Hochberg 1995), Bonferroni min(1, m·p).
    R equivalent: ``p.adjust(p, "holm")``, ``"BH"``, ``"bonferroni"``, ``"none"``.

    Examples
    --------
    >>> adjust_p([0.01, 0.04, np.nan, 0.03], "holm").round(4).tolist()
    [0.03, 0.06, nan, 0.06]
    """
    check_argument("p_adjust", P_ADJUST_METHODS, method)
    p_values = np.asarray(p_values, dtype=float)
    adjusted = p_values.copy()
    finite = np.isfinite(p_values)
    if method != "none" and finite.any():
        adjusted[finite] = multipletests(p_values[finite], method=method)[1]
    return adjusted
