"""Omnibus and post-hoc tests of grouped values: Welch/Games-Howell and Kruskal/Dunn.

One implementation for :func:`techvet_survey.compare.compare_groups` and
:func:`techvet_survey.aggregates.compare_groups`: both pass the group summaries of a
:class:`~techvet_survey._stats.grouped.GroupedValues`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._results import Result
from techvet_survey._stats.arguments import warn
from techvet_survey._stats.effect_sizes import (
    hedges_g_unpooled,
    omega_squared_from_f,
    rank_biserial,
)
from techvet_survey._stats.grouped import GroupedValues, pair_indices
from techvet_survey._stats.multitest import P_ADJUST_METHODS, adjust_p
from techvet_survey._stats.tukey import ptukey, qtukey
from techvet_survey._validation import check_argument
from techvet_survey.errors import ArgumentError
from techvet_survey.privacy import suppress_small_cells

__all__ = ["METHODS", "GroupComparison", "check_pairwise_p_adjust", "compare_grouped"]

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


def compare_grouped(grouped, *, method, ci, pairwise_p_adjust, min_n, pairwise, n_boot, generator):
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
    pairs = post_hoc(grouped, ci, pairwise_p_adjust) if post_hoc else _empty_pairs(method)
    table = suppress_small_cells(
        pairs,
        n_col=["n1", "n2"],
        min_n=min_n,
        value_cols=_PAIRWISE_STATISTICS[method] + _PAIRWISE_SHARED,
    )
    return GroupComparison(omnibus=omnibus, pairwise=table)


def _empty_pairs(method: str) -> pd.DataFrame:
    columns = ["variable", "test", "group1", "group2", "n1", "n2"]
    columns += _PAIRWISE_STATISTICS[method] + _PAIRWISE_SHARED + ["effect_size_name"]
    return pd.DataFrame({column: pd.Series(dtype=float) for column in columns})


def check_pairwise_p_adjust(method: str, pairwise_p_adjust: str | None) -> str:
    """The correction of the post-hoc pairs of `method`: checked, or its default when None.

    Games-Howell (``method="welch"``) defaults to the studentized range ("tukey"),
    Dunn's test (``"kruskal"``) to Holm; "tukey" with Dunn is an ArgumentError.
    """
    if pairwise_p_adjust is None:
        return "tukey" if method == "welch" else "holm"
    if method == "welch":
        return check_argument("pairwise_p_adjust", ("tukey", *P_ADJUST_METHODS), pairwise_p_adjust)
    if pairwise_p_adjust == "tukey":
        raise ArgumentError(
            "`pairwise_p_adjust='tukey'` (the studentized range of Games-Howell) needs "
            "`method='welch'`; for Dunn's test use 'holm', 'bonferroni', 'fdr_bh' or 'none'."
        )
    return check_argument("pairwise_p_adjust", P_ADJUST_METHODS, pairwise_p_adjust)


def _omnibus_row(grouped: GroupedValues, **columns) -> pd.DataFrame:
    row = {"variable": grouped.name, "test": columns.pop("test"), "n": grouped.n}
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
    n = grouped.n
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
