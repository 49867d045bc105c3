"""Descriptives, group comparisons and contingency tests from aggregates."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._stats.arguments import check_ci, random_generator, warn
from techvet_survey._stats.contingency import EXACT_CHOICES, table_test
from techvet_survey._stats.describe import STATISTICS, count_summary, warn_unusable
from techvet_survey._stats.group_tests import METHODS, check_pairwise_p_adjust, compare_grouped
from techvet_survey._stats.grouped import GroupedValues
from techvet_survey._validation import check_argument
from techvet_survey.aggregates._counts import CategoryCounts
from techvet_survey.aggregates._moments import GroupMoments
from techvet_survey.privacy import DEFAULT_MIN_N, suppress_small_cells


def _group_table(aggregate, value: str) -> pd.DataFrame:
    """Per group: n, mean, variance (ddof 1) of `value`; from counts also the table."""
    if isinstance(aggregate, GroupMoments):
        if value not in aggregate.items:
            raise KeyError(f"`value` {value!r} is not among the items of the moments.")
        j = aggregate.items.index(value)
        rows = []
        for level in aggregate.levels():
            sums = aggregate.by_group[level]
            n = sums.n_pair[j, j]
            rows.append((level, n, sums.mean[j, j] if n else np.nan, sums.m2[j, j]))
        table = pd.DataFrame(rows, columns=["level", "n", "mean", "m2"]).set_index("level")
        return table.assign(n=table["n"].astype(np.int64))
    if isinstance(aggregate, CategoryCounts):
        counts = aggregate.table(value)
        codes = pd.to_numeric(pd.Index(counts.columns), errors="coerce").to_numpy(dtype=float)
        if np.isnan(codes).any():
            raise TypeError(
                f"`value` {value!r} must hold numeric codes to be compared; its categories "
                "include text. Count the coded column instead."
            )
        order = np.argsort(codes, kind="stable")
        codes, counts = codes[order], counts.iloc[:, order]
        weights = counts.to_numpy(dtype=float)
        groups, cells = np.nonzero(weights)  # by group, then value
        table = count_summary(groups, codes[cells], weights[groups, cells], len(counts))
        table = table.set_index(counts.index)
        return table.join(counts.set_axis(list(range(len(codes))), axis=1)).assign(
            **{"codes": [codes] * len(table)}
        )
    raise TypeError(
        f"`aggregate` must be a GroupMoments or CategoryCounts; got {type(aggregate).__name__}."
    )


def _variance(n: np.ndarray, m2: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 1, m2 / np.maximum(n - 1, 1), np.nan)


def summarise_groups(aggregate, value: str, levels: list | None = None) -> GroupedValues:
    """The groups of `value` with at least one answer; the others, and those of `levels`
    (the labels of the rows, when known) without a row in the aggregate, are left out
    with a warning."""
    table = _group_table(aggregate, value)
    group = aggregate.group
    answered = set(table.index[table["n"] > 0])
    empty = [
        level for level in (table.index if levels is None else levels) if level not in answered
    ]
    if empty:
        warn(
            f"`value` {value!r} is missing for every respondent of group(s) "
            f"{', '.join(map(repr, empty))} of `group` {group!r}; they are left out."
        )
    table = table[table["n"] > 0]
    if len(table) < 2:
        found = ", ".join(map(repr, table.index)) or "none"
        raise ValueError(
            f"`group` column {group!r} has fewer than two levels with values of {value!r} "
            f"(found: {found}); a comparison needs at least two groups. Check the column "
            "or filter the data differently."
        )
    n = table["n"].to_numpy()
    distinct = frequencies = None
    if "codes" in table:
        distinct = table["codes"].iloc[0]
        frequencies = table[list(range(len(distinct)))].to_numpy()
        used = frequencies.sum(axis=0) > 0
        distinct, frequencies = distinct[used], frequencies[:, used]
    return GroupedValues(
        name=value,
        levels=list(table.index),
        group_n=n,
        group_mean=table["mean"].to_numpy(dtype=float),
        group_var=_variance(n, table["m2"].to_numpy(dtype=float)),
        distinct=distinct,
        table=frequencies,
    )


def compare_groups(
    aggregate,
    value: str,
    *,
    method: str = "welch",
    pairwise_p_adjust: str | None = None,
    ci: float = 0.95,
    n_boot: int = 1000,
    seed=None,
    min_n: int = DEFAULT_MIN_N,
    pairwise: bool = True,
    levels: list | None = None,
):
    """:func:`techvet_survey.compare.compare_groups` from aggregates.

    Parameters
    ----------
    aggregate : GroupMoments or CategoryCounts
        Welch's ANOVA and Games-Howell need group counts, means and variances (either
        aggregate); Kruskal-Wallis and Dunn need the count tables (CategoryCounts),
        from which the ranks follow with the tie correction.
    value : str
        The compared item.
    method, pairwise_p_adjust, ci, n_boot, seed, min_n, pairwise
        As in :func:`techvet_survey.compare.compare_groups`.
    levels : list, optional
        The group labels of the rows, when known: a label without any answer is named
        in the warning of the groups left out (count tables keep no such label).

    Returns
    -------
    GroupComparison
        The tables of :func:`techvet_survey.compare.compare_groups`, computed by the
        same code.

    Notes
    -----
    With wᵢ = nᵢ/s²ᵢ Welch's F is Σwᵢ(x̄ᵢ − m̃)² / ((k − 1)(1 + 2(k − 2)A/(k² − 1)));
    Kruskal-Wallis gives each distinct value its midrank from the pooled counts and
    divides H by 1 − Σ(t³ − t)/(n³ − n). See the in-memory function for the formulas
    and references.

    R equivalent: ``oneway.test(y ~ g)``, ``kruskal.test(y ~ g)``.

    Examples
    --------
    >>> frame = pd.DataFrame({"g": ["a"] * 5 + ["b"] * 5,
    ...                       "s1": [1, 2, 3, 4, 5, 3, 4, 5, 5, 4]})
    >>> counts = CategoryCounts.from_frame(frame, ["s1"], group="g")
    >>> result = compare_groups(counts, "s1", method="kruskal", min_n=0, pairwise=False)
    >>> result.omnibus[["test", "statistic", "p_val"]].round(4)
                 test  statistic   p_val
    0  Kruskal-Wallis     1.6615  0.1974
    """
    check_argument("method", METHODS, method)
    pairwise_p_adjust = check_pairwise_p_adjust(method, pairwise_p_adjust)
    ci = check_ci(ci)
    generator = random_generator(seed)
    grouped = summarise_groups(aggregate, value, levels)
    if method == "kruskal":
        grouped.frequency_table()
    return compare_grouped(
        grouped,
        method=method,
        ci=ci,
        pairwise_p_adjust=pairwise_p_adjust,
        min_n=min_n,
        pairwise=pairwise,
        n_boot=n_boot,
        generator=generator,
    )


def describe(aggregate, values=None, *, ci: float = 0.95, min_n: int = DEFAULT_MIN_N):
    """:func:`techvet_survey.compare.describe` by the aggregate's group, from aggregates.

    Parameters
    ----------
    aggregate : GroupMoments or CategoryCounts
        Moments give ``n``, ``mean``, ``sd`` and the t interval; count tables give
        these and the ``median``, ``q1`` and ``q3`` (NaN from moments).
    values : str or sequence of str, optional
        The items described; all of them when omitted.
    ci, min_n
        As in :func:`techvet_survey.compare.describe` (t interval only).

    Returns
    -------
    DataFrame
        ``variable``, the group column, ``n``, ``mean``, ``sd``, ``median``, ``q1``,
        ``q3``, ``ci_low``, ``ci_high``, ``suppressed``.

    Notes
    -----
    x̄ ± t₍₁₊ci₎/₂,ₙ₋₁ · s/√n; quartiles are R's type 7 from the cumulative counts.
    R equivalent: ``t.test(x)$conf.int``, ``quantile(x, type = 7)`` per group.

    Examples
    --------
    >>> frame = pd.DataFrame({"country": ["FI"] * 6 + ["LV"] * 3,
    ...                       "q1": [4, 5, 3, 4, 2, 5, 1, 2, 4]})
    >>> counts = CategoryCounts.from_frame(frame, ["q1"], group="country")
    >>> describe(counts)[["country", "n", "mean", "median", "suppressed"]].round(4)
      country  n    mean  median  suppressed
    0      FI  6  3.8333     4.0       False
    1      LV  3     NaN     NaN        True
    """
    ci = check_ci(ci)
    names = aggregate.items if isinstance(aggregate, GroupMoments) else aggregate.columns
    if values is not None:
        names = [values] if isinstance(values, str) else list(values)
    group = aggregate.group or "group"
    tables = []
    for name in names:
        table = _group_table(aggregate, name)
        n = table["n"].to_numpy()
        sd = np.sqrt(_variance(n, table["m2"].to_numpy(dtype=float)))
        with np.errstate(divide="ignore", invalid="ignore"):
            half = stats.t.ppf(0.5 + ci / 2, n - 1) * sd / np.sqrt(n)
        frame = pd.DataFrame({"variable": name, group: table.index, "n": n})
        frame["mean"], frame["sd"] = table["mean"].to_numpy(), sd
        for quartile in ("median", "q1", "q3"):  # from count tables only
            frame[quartile] = table[quartile].to_numpy() if quartile in table else np.nan
        frame["ci_low"] = frame["mean"] - half
        frame["ci_high"] = frame["mean"] + half
        tables.append(frame)
    result = pd.concat(tables, ignore_index=True)
    warn_unusable(result, min_n, [group])
    return suppress_small_cells(result, n_col="n", min_n=min_n, value_cols=STATISTICS)


def crosstab_test(
    counts: CategoryCounts,
    column: str,
    *,
    exact: bool | str = "auto",
    correction: bool = True,
    n_sim: int = 10000,
    seed=None,
    ci: float = 0.95,
) -> pd.DataFrame:
    """:func:`techvet_survey.compare.crosstab_test` of group x `column` from counts.

    Parameters
    ----------
    counts : CategoryCounts
        Count tables with a group column (the table's rows).
    column : str
        A counted column (the table's columns).
    exact, correction, n_sim, seed, ci
        As in :func:`techvet_survey.compare.crosstab_test`.

    Returns
    -------
    DataFrame
        One row, as :func:`techvet_survey.compare.crosstab_test` with
        ``row=counts.group`` and ``col=column``.

    Notes
    -----
    Pearson's χ² = Σ(O − E)²/E with E from the margins (Yates-corrected for 2 x 2),
    bias-corrected Cramér's V with its interval, computed by the in-memory code.
    R equivalent: ``chisq.test(table(group, column))``.

    Examples
    --------
    >>> frame = pd.DataFrame({"country": ["FI"] * 40 + ["LV"] * 40,
    ...                       "mentor": [1] * 30 + [0] * 10 + [1] * 15 + [0] * 25})
    >>> counts = CategoryCounts.from_frame(frame, ["mentor"], group="country")
    >>> crosstab_test(counts, "mentor")[["test", "statistic", "p_val"]].round(4)
                     test  statistic   p_val
    0  chi-square (Yates)     9.9556  0.0016
    """
    if not isinstance(counts, CategoryCounts) or counts.group is None:
        raise TypeError(
            "`counts` must be a CategoryCounts built with `group=` (the rows of the table)."
        )
    check_argument("exact", EXACT_CHOICES, exact)
    ci = check_ci(ci)
    table = counts.table(column)
    for name, size in ((counts.group, table.shape[0]), (column, table.shape[1])):
        if size < 2:
            raise ValueError(
                f"`{name}` has fewer than two categories among the answered rows; a "
                "contingency test needs at least two rows and two columns."
            )
    result = table_test(table, exact, correction, n_sim, random_generator(seed), ci)
    return pd.DataFrame([{"row": counts.group, "col": column, **result}])
