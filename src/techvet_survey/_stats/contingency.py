"""The test of a contingency table: chi-square or Fisher's exact test, Cramér's V."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special, stats
from scipy.stats.contingency import expected_freq, odds_ratio

from techvet_survey._stats.arguments import warn
from techvet_survey._stats.effect_sizes import cramers_v_adjusted

__all__ = ["EXACT_CHOICES", "table_test"]


EXACT_CHOICES = ("auto", True, False)


# R's fisher.test(simulate.p.value = TRUE) counts simulated tables as extreme as the
# observed one up to this relative tolerance.
_ALMOST_ONE = 1 + 64 * np.finfo(float).eps


def table_test(table: pd.DataFrame, exact, correction, n_sim, generator, ci) -> dict:
    """Test the independence of rows and columns of a count table.

    Shared by :func:`techvet_survey.compare.crosstab_test` (counts from raw rows) and
    :func:`techvet_survey.aggregates.crosstab_test` (counts from one pass); arguments
    are already checked.

    Parameters
    ----------
    table : DataFrame
        Counts, rows x columns, at least 2 x 2.
    exact : {"auto", True, False}
        Fisher's exact test: always, never, or when more than 20% of the expected
        counts are below 5 or one is below 1 ("auto", Cochran's rule).
    correction : bool
        Yates' continuity correction of a 2 x 2 chi-square.
    n_sim : int
        Simulated tables of the Monte Carlo Fisher test (larger than 2 x 2).
    generator : numpy.random.Generator
        The source of the simulated tables.
    ci : float
        Confidence level of Cramér's V and the odds ratio.

    Returns
    -------
    dict
        ``n``, ``n_rows``, ``n_cols``, ``test``, ``statistic``, ``df``, ``p_val``,
        ``min_expected``, ``share_expected_below_5``, the conditional odds ratio with its
        interval (2 x 2 only), and bias-corrected Cramér's V as ``effect_size`` with
        ``ci_low``/``ci_high``. A row category without answers gives ``test="none"`` and
        a NaN p-value, with a warning.

    Notes
    -----
    R equivalent: ``chisq.test(table)``, ``fisher.test(table)`` (``simulate.p.value =
    TRUE`` beyond 2 x 2), ``effectsize::cramers_v(table, adjust = TRUE)``.
    """
    counts = table.to_numpy()
    n = int(counts.sum())
    result = {"n": n, "n_rows": counts.shape[0], "n_cols": counts.shape[1]}
    empty = [str(label) for label in table.index[counts.sum(axis=1) == 0]]
    if empty:
        warn(
            f"No answer falls in row category {', '.join(empty)} of the "
            "table (nobody selected the option, or everybody did): no test (NaN)."
        )
        return result | {"test": "none", "p_val": np.nan}
    expected = expected_freq(counts)
    small_share = float(np.mean(expected < 5))
    use_exact = exact is True or (exact == "auto" and (small_share > 0.2 or expected.min() < 1))
    is_2x2 = counts.shape == (2, 2)
    chi2, p_chi2, df, _ = stats.chi2_contingency(counts, correction=correction and is_2x2)
    pearson = stats.chi2_contingency(counts, correction=False)[0]
    odds = (np.nan, np.nan, np.nan)
    if is_2x2:
        estimate = odds_ratio(counts, kind="conditional")
        interval = estimate.confidence_interval(confidence_level=ci)
        odds = (estimate.statistic, interval.low, interval.high)
    if not use_exact:
        test = "chi-square (Yates)" if correction and is_2x2 else "chi-square"
        p_val = p_chi2
    elif is_2x2:
        test, p_val = "Fisher exact (2x2)", stats.fisher_exact(counts)[1]
    else:
        test = f"Fisher exact (Monte Carlo, {n_sim})"
        p_val = _fisher_monte_carlo(counts, n_sim, generator)
    v, low, high = cramers_v_adjusted(pearson, n, *counts.shape, ci)
    return result | {
        "test": test,
        "statistic": float(chi2),
        "df": int(df),
        "p_val": float(p_val),
        "min_expected": float(expected.min()),
        "share_expected_below_5": small_share,
        "odds_ratio": odds[0],
        "odds_ratio_ci_low": odds[1],
        "odds_ratio_ci_high": odds[2],
        "effect_size": v,
        "effect_size_name": "cramers_v_adjusted",
        "ci_low": low,
        "ci_high": high,
    }


def _fisher_monte_carlo(counts: np.ndarray, n_sim: int, generator) -> float:
    """Monte Carlo p of Fisher's test, as R's fisher.test(simulate.p.value = TRUE)."""
    observed = -special.gammaln(counts + 1).sum()
    tables = stats.random_table(counts.sum(axis=1), counts.sum(axis=0), seed=generator)
    simulated = -special.gammaln(tables.rvs(size=n_sim) + 1).sum(axis=(1, 2))
    return float((1 + np.sum(simulated <= observed / _ALMOST_ONE)) / (n_sim + 1))
