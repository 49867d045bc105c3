"""Contingency tables: chi-square or Fisher's exact test, Cramér's V, multi-select items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from techvet_survey import aggregates
from techvet_survey._results import Result
from techvet_survey._stats.arguments import as_column_list, random_generator
from techvet_survey._stats.contingency import table_test
from techvet_survey._stats.intervals import wilson_interval
from techvet_survey._stats.multitest import adjust_p
from techvet_survey._validation import check_columns, check_dataframe
from techvet_survey.aggregates import CategoryCounts
from techvet_survey.compare._common import group_levels
from techvet_survey.privacy import DEFAULT_MIN_N, suppress_small_cells


@dataclass(frozen=True)
class MultiselectComparison(Result):
    """Result of :func:`crosstab_multiselect`.

    Attributes
    ----------
    tests : DataFrame
        One row per option: the test of selection share by group, ``p_adj`` across
        options.
    shares : DataFrame
        One row per option and group: ``n`` answering, ``share`` selecting it with its
        Wilson interval, small cells suppressed.
    """

    tests: pd.DataFrame
    shares: pd.DataFrame


def crosstab_test(
    data: pd.DataFrame,
    row: str,
    col: str,
    *,
    exact: bool | str = "auto",
    correction: bool = True,
    n_sim: int = 10000,
    seed=None,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Test the association of two categorical columns; Cramér's V with its CI.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    row, col : str
        The two categorical columns. Missing values are left out (never a category).
    exact : {"auto", True, False}
        Fisher's exact test instead of Pearson's chi-square: ``"auto"`` when the
        expected counts are small by Cochran's rule (any below 1, or more than 20% below
        5), True always, False never.
    correction : bool
        Yates' continuity correction of the chi-square for 2 x 2 tables (as R's
        ``chisq.test`` default).
    n_sim : int
        Monte Carlo tables of Fisher's test for tables larger than 2 x 2.
    seed : int, numpy Generator or None
        Seed of those simulations.
    ci : float
        Level of the intervals.

    Returns
    -------
    DataFrame
        One row: ``row``, ``col``, ``n``, ``n_rows``, ``n_cols``, ``test``,
        ``statistic`` (Pearson's chi-square, Yates-corrected for 2 x 2 when
        `correction`), ``df``, ``p_val`` (of the test named in ``test``),
        ``min_expected``, ``share_expected_below_5``, ``odds_ratio``,
        ``odds_ratio_ci_low``, ``odds_ratio_ci_high`` (2 x 2 only: the conditional
        maximum-likelihood estimate of Fisher's test), ``effect_size`` (bias-corrected
        Cramér's V), ``effect_size_name``, ``ci_low``, ``ci_high``.

    Notes
    -----
    Cochran's rule [1]_ decides ``exact="auto"``: the chi-square approximation is used
    unless some expected count is below 1 or more than 20% of them are below 5.
    Fisher's test of a 2 x 2 table is exact (:func:`scipy.stats.fisher_exact`); of a
    larger table it is the Monte Carlo test of R's ``fisher.test(simulate.p.value =
    TRUE, B = n_sim)``: tables with the observed margins are drawn (Patefield's
    algorithm) and p = (1 + #{tables with probability ≤ the observed}) / (n_sim + 1),
    which differs from the exact p by Monte Carlo error (SD ≈ √(p(1 − p)/n_sim)).

    Cramér's V is bias-corrected [2]_ from the uncorrected chi-square:
    φ²ₐ = max(0, χ²/n − (r − 1)(c − 1)/(n − 1)), r̃ = r − (r − 1)²/(n − 1),
    c̃ = c − (c − 1)²/(n − 1), V = √(φ²ₐ/(min(r̃, c̃) − 1)), with the noncentral
    chi-square interval of ``effectsize::cramers_v(adjust = TRUE, alternative =
    "two.sided")``.

    R equivalent: ``chisq.test(table(row, col))``, ``fisher.test(...)``,
    ``effectsize::cramers_v(table(row, col), adjust = TRUE)``.

    References
    ----------
    .. [1] Cochran, W. G. (1954). Some methods for strengthening the common χ² tests.
       Biometrics, 10, 417-451.
    .. [2] Bergsma, W. (2013). A bias-correction for Cramér's V and Tschuprow's T.
       Journal of the Korean Statistical Society, 42, 323-328.

    Examples
    --------
    >>> frame = pd.DataFrame({"country": ["FI"] * 8 + ["LV"] * 8,
    ...                       "mentor": [1] * 7 + [0] + [1] * 2 + [0] * 6})
    >>> result = crosstab_test(frame, "country", "mentor")
    >>> result[["test", "p_val", "odds_ratio"]].round(4)
                     test   p_val  odds_ratio
    0  Fisher exact (2x2)  0.0406      0.0617
    """
    check_dataframe(data)
    check_columns(data, [row, col], "row/col")
    counts = CategoryCounts.from_frame(data, [col], group=row)  # one pass: np.bincount
    return aggregates.crosstab_test(
        counts, col, exact=exact, correction=correction, n_sim=n_sim, seed=seed, ci=ci
    )


def crosstab_multiselect(
    data: pd.DataFrame,
    options: Sequence[str],
    *,
    group: str,
    p_adjust: str = "holm",
    exact: bool | str = "auto",
    n_sim: int = 10000,
    seed=None,
    ci: float = 0.95,
    min_n: int = DEFAULT_MIN_N,
) -> MultiselectComparison:
    """Compare the options of a multi-select question across groups, option by option.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    options : sequence of str
        One column per option: 1 (or True) selected, 0 (or False) not selected, missing
        when the respondent did not answer the question.
    group : str
        The grouping column.
    p_adjust : {"holm", "fdr_bh", "bonferroni", "none"}
        Correction of the p-values across options.
    exact, n_sim, seed, ci
        As in :func:`crosstab_test` (one generator serves every option in turn).
    min_n : int
        Share rows of groups with fewer answering respondents are suppressed.

    Returns
    -------
    MultiselectComparison
        ``.tests``: :func:`crosstab_test` of each option (selected x group) with
        ``option`` and ``p_adj``. ``.shares``: ``option``, the group, ``n``, ``share``,
        ``ci_low``, ``ci_high`` (Wilson), ``suppressed``.

    Examples
    --------
    >>> frame = pd.DataFrame({"g": ["a"] * 6 + ["b"] * 6,
    ...                       "o1": [1, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0],
    ...                       "o2": [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]})
    >>> result = crosstab_multiselect(frame, ["o1", "o2"], group="g", min_n=0)
    >>> result.tests[["option", "p_val", "p_adj"]].round(4)
      option   p_val  p_adj
    0     o1  0.0801  0.1602
    1     o2  1.0000  1.0000
    """
    check_dataframe(data)
    options = check_columns(data, as_column_list(options), "options")
    check_columns(data, [group], "group")
    generator = random_generator(seed)
    tests, shares = [], []
    for option in options:
        selected = _selection(data[option], option)
        frame = pd.DataFrame({"selected": selected, group: data[group]})
        table = _count_table(frame, "selected", group, row_levels=[0.0, 1.0])
        result = table_test(table, exact, True, n_sim, generator, ci)
        tests.append({"option": option, **result})
        n = table.sum(axis=0).to_numpy()
        share, low, high = wilson_interval(table.loc[1.0].to_numpy(), n, ci)
        shares.append(
            pd.DataFrame(
                {"option": option, group: table.columns, "n": n, "share": share}
                | {"ci_low": low, "ci_high": high}
            )
        )
    tests = pd.DataFrame(tests)
    tests.insert(tests.columns.get_loc("p_val") + 1, "p_adj", adjust_p(tests["p_val"], p_adjust))
    shares = suppress_small_cells(
        pd.concat(shares, ignore_index=True),
        min_n=min_n,
        value_cols=["share", "ci_low", "ci_high"],
    )
    return MultiselectComparison(tests=tests, shares=shares)


def _selection(column: pd.Series, name: str) -> pd.Series:
    values = pd.to_numeric(column, errors="coerce").where(column.notna())
    bad = column.notna() & ~values.isin([0, 1])
    if bad.any():
        example = column[bad].iloc[0]
        raise ValueError(
            f"`options` column {name!r} must hold 1/True (selected), 0/False (not "
            f"selected) or missing; row {column.index[bad][0]!r} has {example!r}. Recode "
            "the option first."
        )
    return values


def _count_table(data: pd.DataFrame, row: str, col: str, row_levels=None) -> pd.DataFrame:
    answered = data[[row, col]].dropna()
    row_levels = group_levels(answered[row]) if row_levels is None else row_levels
    table = pd.crosstab(
        pd.Categorical(answered[row], categories=row_levels),
        pd.Categorical(answered[col], categories=group_levels(answered[col])),
        dropna=False,
    )
    for name, size in ((row, len(row_levels)), (col, table.shape[1])):
        if size < 2:
            raise ValueError(
                f"`{name}` has fewer than two categories among the answered rows; a "
                "contingency test needs at least two rows and two columns."
            )
    return table
