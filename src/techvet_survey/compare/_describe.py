"""Descriptive statistics by group with confidence intervals and small-cell suppression."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._stats.arguments import as_column_list, check_ci, random_generator
from techvet_survey._stats.describe import STATISTICS, count_summary, warn_unusable
from techvet_survey._stats.intervals import wilson_interval
from techvet_survey._validation import check_argument, check_columns, check_dataframe
from techvet_survey.compare._common import numeric_column
from techvet_survey.privacy import DEFAULT_MIN_N, suppress_small_cells

BOOTSTRAP_METHODS = (False, "percentile", "bca")

_AGREE_SHARE = ["agree_share", "agree_ci_low", "agree_ci_high"]


def describe(
    data: pd.DataFrame,
    value: str | Sequence[str],
    *,
    by: str | Sequence[str],
    ci: float = 0.95,
    bootstrap: bool | str = False,
    n_boot: int = 2000,
    seed=None,
    min_n: int = DEFAULT_MIN_N,
    top_box: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Describe one or more numeric columns by group, with small cells suppressed.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    value : str or sequence of str
        Scale scores or item codes (numeric).
    by : str or sequence of str
        Grouping column(s), e.g. ``"country"`` or ``["country", "group"]``. Rows with a
        missing group label are left out (missing is never a category).
    ci : float
        Level of the confidence intervals.
    bootstrap : {False, "percentile", "bca"} or True
        The interval of the mean: the t interval (False), or a bootstrap percentile or
        BCa interval with `n_boot` resamples (True means ``"bca"``).
    n_boot : int
        Bootstrap resamples.
    seed : int, numpy Generator or None
        Seed of the bootstrap.
    min_n : int
        Groups with fewer non-missing values are suppressed (statistics NaN,
        ``suppressed`` True) by :func:`techvet_survey.privacy.suppress_small_cells`;
        ``0`` keeps every row.
    top_box : sequence of codes, optional
        For items coded on a known scale, the codes that count as agreeing, e.g.
        ``(4, 5)`` on a 5-point agree-disagree scale: adds the share agreeing with its
        Wilson interval. The values must be whole-number codes.

    Returns
    -------
    DataFrame
        One row per variable and group: ``variable``, the `by` columns, ``n`` (the
        non-missing values used), ``mean``, ``sd``, ``median``, ``q1``, ``q3``,
        ``ci_low``, ``ci_high``, with `top_box` also ``agree_share``, ``agree_ci_low``,
        ``agree_ci_high``, and ``suppressed``.

    Notes
    -----
    Missing values are dropped group by group. The t interval is
    x̄ ± t₍₁₊ci₎/₂,ₙ₋₁ · s/√n; quartiles are R's type 7 (linear interpolation). The
    agree-share interval is Wilson's score interval
    (p̂ + z²/2n ± z√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n) [1]_. Bootstrap intervals
    come from :func:`scipy.stats.bootstrap` [2]_ and differ from R's ``boot.ci`` by
    Monte Carlo error only.

    A group with a single value has no SD or t interval (NaN, with a warning unless it
    is suppressed); a group whose values are all missing gets a row with ``n = 0``
    and a warning.

    R equivalent: ``t.test(x)$conf.int``, ``quantile(x, type = 7)``,
    ``prop.test(k, n, correct = FALSE)$conf.int`` per group;
    ``boot::boot.ci(type = c("perc", "bca"))``.

    References
    ----------
    .. [1] Wilson, E. B. (1927). Probable inference, the law of succession, and
       statistical inference. JASA, 22, 209-212.
    .. [2] Efron, B., & Tibshirani, R. J. (1993). An introduction to the bootstrap.
       Chapman & Hall.

    Examples
    --------
    >>> frame = pd.DataFrame({"country": ["FI"] * 6 + ["LV"] * 3,
    ...                       "q1": [4, 5, 3, 4, 2, 5, 1, 2, 4]})
    >>> table = describe(frame, "q1", by="country", top_box=(4, 5))
    >>> table[["country", "n", "mean", "agree_share", "suppressed"]].round(4)
      country  n    mean  agree_share  suppressed
    0      FI  6  3.8333       0.6667       False
    1      LV  3     NaN          NaN        True
    """
    check_dataframe(data)
    values = as_column_list(value)
    by = check_columns(data, as_column_list(by), "by")
    ci = check_ci(ci)
    if bootstrap is True:
        bootstrap = "bca"
    check_argument("bootstrap", BOOTSTRAP_METHODS, bootstrap)
    generator = random_generator(seed)
    labelled = data[by].notna().all(axis=1)
    keys = [data.loc[labelled, key] for key in by]
    grouping = pd.Series(0, index=keys[0].index).groupby(keys, observed=True, sort=True)
    group_codes = grouping.ngroup().to_numpy()  # one pass over the labels
    levels = grouping.size().index.to_frame(index=False)
    tables = []
    for name in values:
        column = numeric_column(data, name, "value")[labelled]
        if top_box is not None:
            _check_codes(column, name)
        table = _summary(group_codes, column.to_numpy(dtype=float), len(levels), ci, top_box)
        if bootstrap:
            groups = column.groupby(keys, observed=True, sort=True)
            table[["ci_low", "ci_high"]] = [
                _bootstrap_interval(group.dropna().to_numpy(), ci, bootstrap, n_boot, generator)
                for _, group in groups
            ]
        if top_box is not None:
            agree, n = table.pop("agree").to_numpy(), table["n"].to_numpy()
            table["agree_share"], table["agree_ci_low"], table["agree_ci_high"] = wilson_interval(
                agree, n, ci
            )
        tables.append(pd.concat([levels, table], axis=1).assign(variable=name))
    result = pd.concat(tables, ignore_index=True)
    result = result[["variable", *result.columns.drop("variable")]]
    warn_unusable(result, min_n, by)
    statistics = STATISTICS + (_AGREE_SHARE if top_box is not None else [])
    return suppress_small_cells(result, n_col="n", min_n=min_n, value_cols=statistics)


def _summary(codes: np.ndarray, values: np.ndarray, k: int, ci: float, top_box) -> pd.DataFrame:
    """The statistics of each of k groups from the counts of their distinct values (one
    sort of the rows), as the aggregates compute them from count tables."""
    answered = ~np.isnan(values)
    distinct, value_codes = np.unique(values[answered], return_inverse=True)
    cells, counts = np.unique(codes[answered] * len(distinct) + value_codes, return_counts=True)
    groups, cell_values = cells // max(len(distinct), 1), distinct[cells % max(len(distinct), 1)]
    table = count_summary(groups, cell_values, counts.astype(float), k)
    n = table["n"].to_numpy()
    sd = np.sqrt(np.where(n > 1, table.pop("m2") / np.maximum(n - 1, 1), np.nan))
    with np.errstate(divide="ignore", invalid="ignore"):
        half = stats.t.ppf(0.5 + ci / 2, n - 1) * sd / np.sqrt(n)
    table.insert(2, "sd", sd)
    table["ci_low"] = table["mean"] - half
    table["ci_high"] = table["mean"] + half
    if top_box is not None:
        agreeing = np.isin(cell_values, list(top_box))
        table["agree"] = np.bincount(groups, weights=counts * agreeing, minlength=k)
    return table


def _bootstrap_interval(values, ci, method, n_boot, generator) -> tuple[float, float]:
    if len(values) < 2 or np.ptp(values) == 0:
        return np.nan, np.nan
    result = stats.bootstrap(
        (values,),
        np.mean,
        n_resamples=n_boot,
        confidence_level=ci,
        method="BCa" if method == "bca" else "percentile",
        rng=generator,
        vectorized=True,
    )
    return result.confidence_interval.low, result.confidence_interval.high


def _check_codes(column: pd.Series, name: str) -> None:
    observed = column.dropna().to_numpy()
    fractional = observed[observed != np.round(observed)]
    if fractional.size:
        raise ValueError(
            f"`top_box` needs whole-number item codes, but `value` {name!r} has values "
            f"such as {float(fractional[0])!r} (a scale score?). Use top_box with item columns, "
            "or drop it for scale scores."
        )
