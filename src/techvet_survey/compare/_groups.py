"""Omnibus and post-hoc comparisons of groups: Welch/Games-Howell and Kruskal/Dunn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._results import Result
from techvet_survey._validation import check_argument, check_columns, check_dataframe
from techvet_survey.compare._common import (
    P_ADJUST_METHODS,
    GroupedValues,
    adjust_p,
    as_column_list,
    check_ci,
    grouped_values,
    pair_indices,
    random_generator,
    warn,
)
from techvet_survey.compare._effect_sizes import (
    hedges_g_unpooled,
    omega_squared_from_f,
    rank_biserial,
)
from techvet_survey.compare._tukey import ptukey, qtukey
from techvet_survey.privacy import DEFAULT_MIN_N, suppress_small_cells

METHODS = ("welch", "kruskal")
_PAIRWISE_STATISTICS = {
    "welch": ["mean_diff", "se", "statistic", "df", "mean_diff_ci_low", "mean_diff_ci_high"],
    "kruskal": ["mean_rank_diff", "statistic"],
}
_PAIRWISE_SHARED = ["p_val", "p_adj", "effect_size", "ci_low", "ci_high"]


@dataclass(frozen=True)
class GroupComparison(Result):
    """Result of :func:`compare_groups` and :func:`compare_many`.

    Attributes
    ----------
    omnibus : DataFrame
        One row per compared variable: the omnibus test and its effect size.
    pairwise : DataFrame
        One row per variable and pair of groups: the post-hoc test and effect size.
    """

    omnibus: pd.DataFrame
    pairwise: pd.DataFrame


def compare_groups(
    data: pd.DataFrame,
    value: str,
    *,
    group: str,
    method: str = "welch",
    p_adjust: str | None = None,
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
    p_adjust : {None, "tukey", "holm", "bonferroni", "fdr_bh", "none"}
        Multiplicity correction of the pairwise p-values (``p_adj``). None takes the
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
    p_adjust = _check_p_adjust(method, p_adjust)
    ci = check_ci(ci)
    generator = random_generator(seed)
    grouped = grouped_values(data, value, group)
    return compare_grouped(
        grouped,
        method=method,
        ci=ci,
        p_adjust=p_adjust,
        min_n=min_n,
        pairwise=pairwise,
        n_boot=n_boot,
        generator=generator,
    )


def compare_grouped(grouped, *, method, ci, p_adjust, min_n, pairwise, n_boot, generator):
    """The omnibus test, the post-hoc table and small-cell suppression of grouped values.

    Shared by :func:`compare_groups` (raw values) and the one-pass aggregates (group
    summaries with the same interface); arguments are already checked.
    """
    if method == "welch":
        omnibus = _welch_omnibus(grouped, ci)
        post_hoc = _games_howell if pairwise else None
    else:
        omnibus = _kruskal_omnibus(grouped, ci, n_boot, generator)
        post_hoc = _dunn if pairwise else None
    pairs = post_hoc(grouped, ci, p_adjust) if post_hoc else _empty_pairs(method)
    table = suppress_small_cells(
        pairs,
        n_col=["n1", "n2"],
        min_n=min_n,
        value_cols=_PAIRWISE_STATISTICS[method] + _PAIRWISE_SHARED,
    )
    return GroupComparison(omnibus=omnibus, pairwise=table)


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
        `p_adjust` of :func:`compare_groups` for the pairs within each column.

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
    generator = random_generator(seed)
    results = [
        compare_groups(
            data,
            name,
            group=group,
            method=method,
            p_adjust=pairwise_p_adjust,
            ci=ci,
            n_boot=n_boot,
            seed=generator,
            min_n=min_n,
            pairwise=pairwise,
        )
        for name in values
    ]
    omnibus = pd.concat([result.omnibus for result in results], ignore_index=True)
    position = omnibus.columns.get_loc("p_val") + 1
    omnibus.insert(position, "p_adj", adjust_p(omnibus["p_val"].to_numpy(), p_adjust))
    pairwise = pd.concat([result.pairwise for result in results], ignore_index=True)
    return GroupComparison(omnibus=omnibus, pairwise=pairwise)


def _empty_pairs(method: str) -> pd.DataFrame:
    columns = ["variable", "test", "group1", "group2", "n1", "n2"]
    columns += _PAIRWISE_STATISTICS[method] + _PAIRWISE_SHARED + ["effect_size_name"]
    return pd.DataFrame({column: pd.Series(dtype=float) for column in columns})


def _check_p_adjust(method: str, p_adjust: str | None) -> str:
    if p_adjust is None:
        return "tukey" if method == "welch" else "holm"
    if method == "welch":
        return check_argument("p_adjust", ("tukey", *P_ADJUST_METHODS), p_adjust)
    if p_adjust == "tukey":
        raise ValueError(
            "`p_adjust='tukey'` (the studentized range of Games-Howell) needs "
            "`method='welch'`; for Dunn's test use 'holm', 'bonferroni', 'fdr_bh' or 'none'."
        )
    return check_argument("p_adjust", P_ADJUST_METHODS, p_adjust)


def _omnibus_row(grouped: GroupedValues, **columns) -> pd.DataFrame:
    row = {"variable": grouped.name, "test": columns.pop("test"), "n": len(grouped.values)}
    row["k"] = grouped.k
    row.update(columns)
    return pd.DataFrame([row])


def _labels(grouped: GroupedValues, indices) -> list:
    return ", ".join(repr(grouped.levels[index]) for index in indices)


def _welch_omnibus(grouped: GroupedValues, ci: float) -> pd.DataFrame:
    n, means, variances = grouped.counts(), grouped.means(), grouped.variances()
    k = grouped.k
    undefined = np.flatnonzero(~(variances > 0))
    if undefined.size:
        warn(
            f"Welch's ANOVA of {grouped.name!r} is undefined: group(s) "
            f"{_labels(grouped, undefined)} have a single respondent or zero variance, "
            "so the result is NaN. Use method='kruskal' or leave the group(s) out."
        )
        f_value = df2 = p_val = np.nan
    else:
        weights = n / variances
        total = weights.sum()
        a = np.sum((1 - weights / total) ** 2 / (n - 1))
        centre = np.sum(weights * means) / total
        f_value = np.sum(weights * (means - centre) ** 2) / (
            (k - 1) * (1 + 2 * (k - 2) * a / (k**2 - 1))
        )
        df2 = (k**2 - 1) / (3 * a)
        p_val = stats.f.sf(f_value, k - 1, df2)
    omega, low, high = omega_squared_from_f(f_value, k - 1, df2, ci)
    return _omnibus_row(
        grouped,
        test="Welch ANOVA",
        statistic=f_value,
        df1=float(k - 1),
        df2=df2,
        p_val=p_val,
        effect_size=omega,
        effect_size_name="omega_squared",
        ci_low=low,
        ci_high=high,
        ci_method="noncentral F",
    )


def _games_howell(grouped: GroupedValues, ci: float, p_adjust: str) -> pd.DataFrame:
    n, means, variances = grouped.counts(), grouped.means(), grouped.variances()
    first, second = pair_indices(grouped.k)
    n1, n2, v1, v2 = n[first], n[second], variances[first], variances[second]
    mean_diff = means[second] - means[first]
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.sqrt(v1 / n1 + v2 / n2)
        t = mean_diff / se
        df = (v1 / n1 + v2 / n2) ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
    undefined = ~(se > 0)
    if undefined.any():
        pairs = "; ".join(
            f"{grouped.levels[i]!r} vs {grouped.levels[j]!r}"
            for i, j in zip(first[undefined], second[undefined], strict=True)
        )
        warn(
            f"Games-Howell comparisons of {grouped.name!r} are undefined (a group of one, "
            f"or no variance in either group) for {pairs}: NaN."
        )
    defined = ~undefined
    p_tukey = np.full(len(t), np.nan)
    half_width = np.full(len(t), np.nan)
    p_tukey[defined] = ptukey(
        np.abs(t[defined]) * np.sqrt(2), grouped.k, df[defined], lower_tail=False
    )
    half_width[defined] = qtukey(ci, grouped.k, df[defined]) * se[defined] / np.sqrt(2)
    p_val = 2 * stats.t.sf(np.abs(t), df)
    g = np.array(
        [
            hedges_g_unpooled(n2[i], means[second][i], v2[i], n1[i], means[first][i], v1[i], ci)
            if defined[i]
            else (np.nan,) * 3
            for i in range(len(t))
        ]
    ).reshape(-1, 3)
    table = _pair_frame(grouped, "Games-Howell" if p_adjust == "tukey" else "Welch t")
    table["mean_diff"] = mean_diff
    table["se"] = se
    table["statistic"] = t
    table["df"] = df
    table["mean_diff_ci_low"] = mean_diff - half_width
    table["mean_diff_ci_high"] = mean_diff + half_width
    table["p_val"] = p_val
    table["p_adj"] = p_tukey if p_adjust == "tukey" else adjust_p(p_val, p_adjust)
    return _with_effect_size(table, g, "hedges_g_average_sd")


def _pair_frame(grouped: GroupedValues, test: str) -> pd.DataFrame:
    n = grouped.counts()
    first, second = pair_indices(grouped.k)
    levels = np.array(grouped.levels, dtype=object)
    return pd.DataFrame(
        {
            "variable": grouped.name,
            "test": test,
            "group1": levels[first],
            "group2": levels[second],
            "n1": n[first],
            "n2": n[second],
        }
    )


def _with_effect_size(table: pd.DataFrame, estimates: np.ndarray, name: str) -> pd.DataFrame:
    table["effect_size"] = estimates[:, 0]
    table["effect_size_name"] = name
    table["ci_low"] = estimates[:, 1]
    table["ci_high"] = estimates[:, 2]
    return table


def _rank_sums(distinct_counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Rank sums by group, midranks of the distinct values and Σ(t³ − t) of the ties.

    `distinct_counts` is a (..., k, m) table of group x distinct-value counts; leading
    axes are batches (bootstrap resamples).
    """
    ties = distinct_counts.sum(axis=-2)
    midranks = np.cumsum(ties, axis=-1) - (ties - 1) / 2
    rank_sums = np.einsum("...km,...m->...k", distinct_counts, midranks)
    tie_sum = np.sum(ties.astype(float) ** 3 - ties, axis=-1)
    return rank_sums, midranks, tie_sum


def _kruskal_h(distinct_counts: np.ndarray) -> np.ndarray:
    rank_sums, _, tie_sum = _rank_sums(distinct_counts)
    n_group = distinct_counts.sum(axis=-1)
    n = n_group.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = 12 / (n * (n + 1)) * np.sum(rank_sums**2 / n_group, axis=-1) - 3 * (n + 1)
        return h / (1 - tie_sum / (n**3 - n))


def _kruskal_omnibus(grouped: GroupedValues, ci: float, n_boot: int, generator) -> pd.DataFrame:
    _, counts = grouped.frequency_table()
    n = len(grouped.values)
    h = float(_kruskal_h(counts))
    if not np.isfinite(h):
        warn(
            f"Kruskal-Wallis test of {grouped.name!r} is undefined: every value is the same. "
            "The result is NaN."
        )
    epsilon = h / (n - 1)
    low, high = (
        _bootstrap_epsilon(counts, ci, n_boot, generator) if np.isfinite(h) else (np.nan,) * 2
    )
    return _omnibus_row(
        grouped,
        test="Kruskal-Wallis",
        statistic=h,
        df1=float(grouped.k - 1),
        df2=np.nan,
        p_val=stats.chi2.sf(h, grouped.k - 1),
        effect_size=epsilon,
        effect_size_name="rank_epsilon_squared",
        ci_low=low,
        ci_high=high,
        ci_method=f"percentile bootstrap within groups ({n_boot})",
    )


def _bootstrap_epsilon(counts, ci, n_boot, generator) -> tuple[float, float]:
    """Percentile interval of H/(n − 1) over resamples drawn within each group.

    Drawing nᵢ values with replacement from group i is a multinomial draw of its row
    of the group x distinct-value table, so the resamples are drawn as tables.
    """
    n_group = counts.sum(axis=1)
    n = n_group.sum()
    batch = max(1, int(2e7 // counts.size))
    estimates = []
    for start in range(0, n_boot, batch):
        size = min(batch, n_boot - start)
        draws = np.stack(
            [
                generator.multinomial(n_i, row / n_i, size=size)
                for n_i, row in zip(n_group, counts, strict=True)
            ],
            axis=1,
        )
        estimates.append(_kruskal_h(draws) / (n - 1))
    estimates = np.concatenate(estimates)
    estimates = estimates[np.isfinite(estimates)]
    alpha = 1 - ci
    return tuple(float(x) for x in np.quantile(estimates, [alpha / 2, 1 - alpha / 2]))


def _dunn(grouped: GroupedValues, ci: float, p_adjust: str) -> pd.DataFrame:
    _, counts = grouped.frequency_table()
    rank_sums, _, tie_sum = _rank_sums(counts)
    n_group = counts.sum(axis=1)
    n = n_group.sum()
    mean_ranks = rank_sums / n_group
    first, second = pair_indices(grouped.k)
    n1, n2 = n_group[first], n_group[second]
    diff = mean_ranks[second] - mean_ranks[first]
    variance = (n * (n + 1) / 12 - tie_sum / (12 * (n - 1))) * (1 / n1 + 1 / n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = diff / np.sqrt(variance)
    if not np.all(variance > 0):
        warn(f"Dunn's test of {grouped.name!r} is undefined: every value is the same. NaN.")
    p_val = 2 * stats.norm.sf(np.abs(z))
    effect = np.array(
        [
            rank_biserial(_mann_whitney_u(counts[j], counts[i]), n2[p], n1[p], ci)
            for p, (i, j) in enumerate(zip(first, second, strict=True))
        ]
    ).reshape(-1, 3)
    table = _pair_frame(grouped, "Dunn")
    table["mean_rank_diff"] = diff
    table["statistic"] = z
    table["p_val"] = p_val
    table["p_adj"] = adjust_p(p_val, p_adjust)
    return _with_effect_size(table, effect, "rank_biserial")


def _mann_whitney_u(counts_x: np.ndarray, counts_y: np.ndarray) -> float:
    """U of x over y from counts on common sorted distinct values (ties count ½)."""
    below_y = np.cumsum(counts_y) - counts_y
    return float(np.sum(counts_x * (below_y + counts_y / 2)))
