"""Omnibus and post-hoc comparisons of groups: Welch/Games-Howell and Kruskal/Dunn."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from techvet_survey import aggregates
from techvet_survey._stats.arguments import as_column_list, random_generator
from techvet_survey._stats.group_tests import METHODS, GroupComparison
from techvet_survey._stats.multitest import P_ADJUST_METHODS, adjust_p
from techvet_survey._validation import check_argument, check_columns, check_dataframe
from techvet_survey.aggregates import CategoryCounts, GroupMoments
from techvet_survey.compare._common import group_levels, numeric_column
from techvet_survey.privacy import DEFAULT_MIN_N


def compare_groups(
    data: pd.DataFrame,
    value: str,
    *,
    group: str,
    method: str = "welch",
    pairwise_p_adjust: str | None = None,
    ci: float = 0.95,
    n_boot: int = 1000,
    seed=None,
    min_n: int = DEFAULT_MIN_N,
    pairwise: bool = True,
) -> GroupComparison:
    """Compare a scale score (or item) across groups: omnibus test, post hoc, effect sizes.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    value : str
        The numeric column to compare (a scale score or item codes).
    group : str
        The grouping column (country, respondent group). Rows with a missing label are
        left out; groups whose values are all missing are left out with a warning.
    method : {"welch", "kruskal"}
        ``"welch"``: Welch's heteroscedastic one-way ANOVA with omega², post hoc
        Games-Howell with Hedges' g. ``"kruskal"``: Kruskal-Wallis with rank epsilon²,
        post hoc Dunn with the rank-biserial correlation.
    pairwise_p_adjust : {None, "tukey", "holm", "bonferroni", "fdr_bh", "none"}
        Multiplicity correction of the pairwise p-values within `value` (``p_adj`` of
        ``.pairwise``; the omnibus table has one row, nothing to correct). None takes the
        method's own: ``"tukey"`` (the Games-Howell studentized-range p) for Welch,
        ``"holm"`` for Dunn. With Welch, another choice adjusts the unadjusted Welch t
        p-values (``p_val``) instead; ``"tukey"`` is not available for Dunn.
    ci : float
        Level of every confidence interval.
    n_boot : int
        Bootstrap resamples of the epsilon² interval (Kruskal-Wallis only).
    seed : int, numpy Generator or None
        Seed of that bootstrap.
    min_n : int
        Pairwise rows with a group of fewer respondents are suppressed
        (:func:`techvet_survey.privacy.suppress_small_cells` on ``n1``, ``n2``). The
        omnibus test keeps every group.
    pairwise : bool
        Run the post-hoc comparisons (False leaves ``.pairwise`` empty: a quick screen).

    Returns
    -------
    GroupComparison
        ``.omnibus``: ``variable``, ``test``, ``n``, ``k``, ``statistic``, ``df1``,
        ``df2``, ``p_val``, ``effect_size``, ``effect_size_name``, ``ci_low``,
        ``ci_high``, ``ci_method``. ``.pairwise``: ``variable``, ``test``, ``group1``,
        ``group2``, ``n1``, ``n2``, for Welch ``mean_diff`` (group2 − group1), ``se``,
        ``statistic`` (Welch t), ``df``, ``mean_diff_ci_low``/``_high`` (Games-Howell
        simultaneous interval), for Kruskal ``mean_rank_diff`` and ``statistic``
        (Dunn z); then ``p_val`` (unadjusted), ``p_adj``, ``effect_size``,
        ``effect_size_name``, ``ci_low``, ``ci_high``, ``suppressed``.

    Notes
    -----
    Welch's F [1]_ with wᵢ = nᵢ/s²ᵢ, W = Σwᵢ, m̃ = Σwᵢx̄ᵢ/W and
    A = Σ(1 − wᵢ/W)²/(nᵢ − 1)::

        F = Σwᵢ(x̄ᵢ − m̃)² / ((k − 1)(1 + 2(k − 2)A/(k² − 1))),
        df1 = k − 1, df2 = (k² − 1)/(3A).

    Its effect size is omega² from the Welch F and its df, as
    ``effectsize::F_to_omega2(F, df1, df2)`` computes it (and as
    ``effectsize(oneway.test(...), type = "omega")`` does, flagging it an
    approximation): ω² = max(0, (F − 1)df1/(F·df1 + df2 + 1)), with a noncentral-F
    interval. Omega² of a classical ANOVA (``effectsize::omega_squared(aov(...))``)
    assumes equal variances, which Welch's test does not, so it is not used. The limits
    are exact roots; effectsize 0.8.3 finds them with ``optim``, which stops short when
    the lower limit is 0, so its upper limit can differ in the third decimal there.

    Games-Howell [2]_ (as ``rstatix::games_howell_test``): for groups i, j,
    t = |x̄ⱼ − x̄ᵢ|/√(s²ᵢ/nᵢ + s²ⱼ/nⱼ) with Welch-Satterthwaite df and
    p = P(Q > t√2) from the studentized range with k groups. Hedges' g is standardised
    by the average variance, g = J(ν)·(x̄ⱼ − x̄ᵢ)/√((s²ᵢ + s²ⱼ)/2), with the Welch df ν
    and a noncentral-t interval (``effectsize::hedges_g(pooled_sd = FALSE)``); a pooled
    SD would assume the equal variances that Games-Howell does not.

    Kruskal-Wallis H with the tie correction; rank epsilon² = H/(n − 1)
    (``effectsize::rank_epsilon_squared``) with a percentile bootstrap interval that
    resamples within groups, as effectsize does (numbers differ from R's by Monte Carlo
    error only). Dunn's z [3]_ (as ``rstatix::dunn_test``):
    z = (R̄ⱼ − R̄ᵢ)/√((n(n + 1)/12 − Σ(t³ − t)/(12(n − 1)))(1/nᵢ + 1/nⱼ)). The
    rank-biserial correlation r = 2U/(nᵢnⱼ) − 1 of group j over group i (equal to
    Cliff's delta) has the Fisher-z interval of ``effectsize::rank_biserial``.

    The rank statistics are computed from the group × distinct-value table, so Likert
    scores with many ties at 10⁵ respondents cost little.

    A group of one or with zero variance makes Welch's F and the pairs involving it
    undefined: NaN with a warning (use ``method="kruskal"``).

    R equivalent: ``oneway.test(y ~ g, var.equal = FALSE)``,
    ``rstatix::games_howell_test``, ``kruskal.test``, ``rstatix::dunn_test``,
    effectsize's ``F_to_omega2``, ``hedges_g``, ``rank_epsilon_squared``,
    ``rank_biserial`` (all with ``alternative = "two.sided"``).

    References
    ----------
    .. [1] Welch, B. L. (1951). On the comparison of several mean values: an
       alternative approach. Biometrika, 38, 330-336.
    .. [2] Games, P. A., & Howell, J. F. (1976). Pairwise multiple comparison procedures
       with unequal n's and/or variances. Journal of Educational Statistics, 1, 113-125.
    .. [3] Dunn, O. J. (1964). Multiple comparisons using rank sums. Technometrics, 6,
       241-252.

    Examples
    --------
    >>> frame = pd.DataFrame({"country": ["FI"] * 6 + ["EE"] * 6 + ["LV"] * 6,
    ...     "scale": [4, 4.5, 3.5, 4, 5, 4.25, 3, 3.5, 2.5, 4, 3, 3.25, 2, 3, 4, 1.5, 2.5, 3]})
    >>> result = compare_groups(frame, "scale", group="country")
    >>> result.omnibus[["test", "statistic", "p_val", "effect_size"]].round(4)
              test  statistic   p_val  effect_size
    0  Welch ANOVA     8.7808  0.0068       0.5522
    >>> result.pairwise[["group1", "group2", "mean_diff", "p_adj"]].round(4)
      group1 group2  mean_diff   p_adj
    0     EE     FI     1.0000  0.0171
    1     EE     LV    -0.5417  0.4291
    2     FI     LV    -1.5417  0.0142
    """
    check_dataframe(data)
    check_argument("method", METHODS, method)
    summary, levels = _group_summaries(data, [value], group, method)
    return aggregates.compare_groups(
        summary,
        value,
        method=method,
        pairwise_p_adjust=pairwise_p_adjust,
        ci=ci,
        n_boot=n_boot,
        seed=seed,
        min_n=min_n,
        pairwise=pairwise,
        levels=levels,
    )


def _group_summaries(data: pd.DataFrame, values: list[str], group: str, method: str):
    """One pass over `values` by `group`: the moments (Welch) or the count tables
    (Kruskal-Wallis, with the group labels, which count tables do not keep when a
    group has no answer)."""
    check_columns(data, [group], "group")
    for name in values:
        numeric_column(data, name, "value")
    if method == "welch":
        return GroupMoments.from_frame(data, values, group=group, check_ranges=False), None
    return CategoryCounts.from_frame(data, values, group=group), group_levels(data[group])


def compare_many(
    data: pd.DataFrame,
    values: Sequence[str],
    *,
    group: str,
    method: str = "welch",
    p_adjust: str = "holm",
    pairwise_p_adjust: str | None = None,
    ci: float = 0.95,
    n_boot: int = 1000,
    seed=None,
    min_n: int = DEFAULT_MIN_N,
    pairwise: bool = True,
) -> GroupComparison:
    """Run :func:`compare_groups` over many columns and adjust the omnibus p-values.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    values : sequence of str
        The columns compared (scale scores, items): one family of tests.
    group, method, ci, n_boot, seed, min_n, pairwise
        As in :func:`compare_groups` (one generator from `seed` serves every column in
        turn, so the result is reproducible).
    p_adjust : {"holm", "fdr_bh", "bonferroni", "none"}
        Correction of the omnibus p-values across `values` (``p_adj`` of
        ``.omnibus``): Holm's step-down family-wise correction by default,
        Benjamini-Hochberg's false discovery rate with ``"fdr_bh"``.
    pairwise_p_adjust : str, optional
        As in :func:`compare_groups`: the correction of the pairs within each column
        (``p_adj`` of ``.pairwise``).

    Returns
    -------
    GroupComparison
        The omnibus rows of every column with ``p_adj`` added, and all pairwise rows.

    Notes
    -----
    Holm: the i-th smallest of m p-values becomes max over j ≤ i of
    min(1, (m − j + 1)p₍ⱼ₎); Benjamini-Hochberg: min over j ≥ i of min(1, m·p₍ⱼ₎/j).
    R equivalent: ``p.adjust(p, "holm")``, ``p.adjust(p, "BH")``.

    Examples
    --------
    >>> frame = pd.DataFrame({"g": ["a"] * 5 + ["b"] * 5,
    ...                       "s1": [1, 2, 3, 4, 5, 3, 4, 5, 5, 4],
    ...                       "s2": [2, 2, 3, 3, 4, 2, 3, 3, 4, 4]})
    >>> result = compare_many(frame, ["s1", "s2"], group="g")
    >>> result.omnibus[["variable", "p_val", "p_adj"]].round(4)
      variable   p_val   p_adj
    0       s1  0.1837  0.3673
    1       s2  0.4714  0.4714
    """
    check_dataframe(data)
    values = check_columns(data, as_column_list(values), "values")
    check_argument("p_adjust", P_ADJUST_METHODS, p_adjust)
    check_argument("method", METHODS, method)
    generator = random_generator(seed)
    summary, levels = _group_summaries(data, values, group, method)
    results = [
        aggregates.compare_groups(
            summary,
            name,
            method=method,
            pairwise_p_adjust=pairwise_p_adjust,
            ci=ci,
            n_boot=n_boot,
            seed=generator,
            min_n=min_n,
            pairwise=pairwise,
            levels=levels,
        )
        for name in values
    ]
    omnibus = pd.concat([result.omnibus for result in results], ignore_index=True)
    position = omnibus.columns.get_loc("p_val") + 1
    omnibus.insert(position, "p_adj", adjust_p(omnibus["p_val"].to_numpy(), p_adjust))
    pairwise = pd.concat([result.pairwise for result in results], ignore_index=True)
    return GroupComparison(omnibus=omnibus, pairwise=pairwise)
