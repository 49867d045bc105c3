"""Tabulation behind the Likert chart: the share of each answer per item and group.

This is the one count a figure needs that no analysis module returns; it is kept here as
a pure function (data in, tidy frame out) so that the chart itself draws only.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from techvet_survey._validation import check_columns, check_dataframe
from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError, InputError
from techvet_survey.plots._common import as_list
from techvet_survey.plots._labels import default_codebook
from techvet_survey.plots._response_scale import ResponseScale
from techvet_survey.privacy import DEFAULT_MIN_N, suppress_small_cells

MISSING_SUFFIX = "__missing"
"""Suffix of the optional column holding the missing reason of an item (``gw1__missing``)."""

LIKERT_COLUMNS = ("category", "code", "kind", "count", "n", "n_total", "share", "suppressed")


def likert_shares(
    data: pd.DataFrame,
    items,
    *,
    by=None,
    codebook: Codebook | None = None,
    response_scale: str | ResponseScale | None = None,
    labels=None,
    missing_codes=None,
    missing_reasons: pd.DataFrame | None = None,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Counts and shares of each answer category per item and group.

    Parameters
    ----------
    data : DataFrame
        Wide data: one row per respondent, item columns holding the answer codes of the
        response scale, its missing codes, or NaN.
    items : sequence of str
        The item columns.
    by : str or sequence of str, optional
        Grouping columns (``"country"``, ``["country", "group"]``). Rows whose group is
        missing are left out: missing is never a group.
    codebook : Codebook, optional
        Source of the answer codes and missing reasons; the bundled codebook by default.
    response_scale : str or ResponseScale, optional
        The answer scale: a response scale of the codebook by name, or a
        :class:`ResponseScale` (any k-point scale). By default the one the codebook
        gives the items (they must share it).
    labels : sequence of str or mapping of int to str, optional
        Any data, no codebook: the answer labels, lowest first (codes 1..k) or as a
        ``{code: label}`` dict; short for ``response_scale=ResponseScale(labels,
        missing_codes)``.
    missing_codes : sequence of int or mapping of int to str, optional
        With `labels`: codes in the item columns that are no answer on the scale
        (``[8, 9]``: don't know; ``{8: "Don't know", 9: "Refused"}``: each apart).
    missing_reasons : DataFrame, optional
        Why an answer is missing, in long form: columns ``row`` (an index label of
        `data`), ``item`` and ``reason`` (a missing reason of the response scale,
        ``"dont_know"`` or ``"not_applicable"``). Without it, a column
        ``<item>__missing`` of `data` holding the reason is used where present. An
        answer without a reason (skipped) is counted nowhere.
    min_n : int
        Bars with fewer valid answers are suppressed: ``count`` and ``share`` NaN and
        ``suppressed`` True (:func:`techvet_survey.privacy.suppress_small_cells`).

    Returns
    -------
    DataFrame
        One row per item, group and category (every category, zero counts included):
        ``item``, the `by` columns, ``category`` (the code as text, or the missing
        reason), ``code`` (the answer or missing code of the scale), ``kind``
        (``"answer"`` or ``"missing"``), ``count``, ``n`` (valid answers of the item in
        the group), ``n_total`` (valid answers plus answers with a missing reason),
        ``share`` and ``suppressed``.

    Notes
    -----
    For answer categories ``share = count / n`` (the answers on the scale add up to 1);
    for missing reasons ``share = count / n_total``. A missing code found in an item
    column counts as its reason, as a reason given in `missing_reasons` does. R:
    ``prop.table(table(x))`` per group; ggstats' ``gglikert_data()`` likewise drops NA
    from the scale shares.

    Examples
    --------
    >>> frame = pd.DataFrame({"gw1": [1, 4, 5, 5, np.nan, np.nan],
    ...                       "gw1__missing": [None, None, None, None, "dont_know", None]})
    >>> table = likert_shares(frame, ["gw1"], min_n=0)
    >>> table[["category", "count", "n", "n_total", "share"]].round(3)
             category  count  n  n_total  share
    0               1      1  4        5   0.25
    1               2      0  4        5   0.00
    2               3      0  4        5   0.00
    3               4      1  4        5   0.25
    4               5      2  4        5   0.50
    5       dont_know      1  4        5   0.20
    6  not_applicable      0  4        5   0.00

    Any 6-point scale with a don't-know code, no codebook:

    >>> own = pd.DataFrame({"q1": [1, 6, 6, 9, 2]})
    >>> table = likert_shares(own, "q1", labels=list("abcdef"), missing_codes=[9], min_n=0)
    >>> table[["category", "code", "count", "share"]].round(2)
        category  code  count  share
    0          1     1      1   0.25
    1          2     2      1   0.25
    2          3     3      0   0.00
    3          4     4      0   0.00
    4          5     5      0   0.00
    5          6     6      2   0.50
    6  dont_know     9      1   0.20
    """
    check_dataframe(data)
    items = check_columns(data, as_list(items), "items")
    if not items:
        raise ValueError("`items` must name at least one item column.")
    by = check_columns(data, as_list(by), "by")
    book = default_codebook() if codebook is None else codebook
    scale = resolve_scale(book, items, response_scale, labels, missing_codes)
    codes = list(scale.codes)
    missing_codes = scale.reasons
    reasons = _reasons(data, items, missing_reasons, list(missing_codes))
    labelled = data[by].notna().all(axis=1).to_numpy() if by else np.ones(len(data), bool)
    categories = [str(code) for code in codes] + list(missing_codes)
    tables = []
    for item in items:
        answers, coded = _answers(data[item], item, scale)
        category = answers.map(lambda code: str(int(code)), na_action="ignore")
        category = category.where(answers.notna(), reasons[item].fillna(coded))
        frame = pd.DataFrame({"category": category.to_numpy()})[labelled]
        for column in by:
            frame[column] = data[column].to_numpy()[labelled]
        tables.append(_tabulate(frame, by, categories).assign(item=item))
    table = pd.concat(tables, ignore_index=True)
    table["code"] = (
        table["category"]
        .map({**{str(code): code for code in codes}, **missing_codes})
        .astype("int64")
    )
    table["kind"] = np.where(table["category"].isin(list(missing_codes)), "missing", "answer")
    answer = table["kind"] == "answer"
    keys = ["item", *by]
    table["n"] = table["count"].where(answer, 0).groupby([table[k] for k in keys]).transform("sum")
    table["n_total"] = table.groupby(keys, sort=False)["count"].transform("sum")
    denominator = table["n"].where(answer, table["n_total"]).astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        table["share"] = table["count"] / denominator.replace(0, np.nan)
    empty = table.loc[table["n"] == 0, keys].drop_duplicates()
    if min_n < 1 and len(empty):
        warnings.warn(
            f"{len(empty)} bar(s) have no valid answer (first: {empty.iloc[0].to_dict()}); "
            "their shares are NaN.",
            RuntimeWarning,
            stacklevel=2,
        )
    table = table[[*keys, "category", "code", "kind", "count", "n", "n_total", "share"]]
    return suppress_small_cells(table, n_col="n", min_n=min_n, value_cols=["count", "share"])


def resolve_scale(book, items, response_scale, labels, missing_codes, lang="en"):
    """The ResponseScale of a Likert figure, from whichever argument gives it."""
    if labels is not None or missing_codes is not None:
        if response_scale is not None:
            raise ArgumentError(
                "`labels` / `missing_codes` and `response_scale` both give the answer scale; "
                "pass one of them."
            )
        if labels is None:
            raise ArgumentError(
                "`missing_codes` goes with `labels`: pass the answer labels too, e.g. "
                "labels=['Strongly disagree', ..., 'Strongly agree'], missing_codes=[9]."
            )
        return ResponseScale(labels, () if missing_codes is None else missing_codes)
    if isinstance(response_scale, ResponseScale):
        return response_scale
    if response_scale is None:
        response_scale = _codebook_scale(book, items)
    elif not isinstance(response_scale, str):
        raise ArgumentError(
            "`response_scale` must be the name of a codebook response scale or a "
            f"ResponseScale; got {type(response_scale).__name__}. For a list of labels "
            "pass labels=[...]."
        )
    return ResponseScale.from_codebook(book, response_scale, lang)


def _codebook_scale(book, items) -> str:
    """The one response scale the codebook gives `items`."""
    known = book.items.set_index("item")["response_scale"]
    unknown = [item for item in items if item not in known.index]
    if unknown:
        raise ArgumentError(
            f"`items` {unknown[:5]} are not items of the codebook, so their answer scale is "
            "unknown. Pass labels=[...] (one label per answer code, lowest first), e.g. "
            "labels=['Very inaccurate', ..., 'Very accurate'], or response_scale="
            "ResponseScale(...)."
        )
    scales = {known[item] for item in items}
    if len(scales) != 1:
        raise ArgumentError(
            "`items` have no single response scale in the codebook (found "
            f"{sorted(map(str, scales))}); draw them apart or pass `response_scale=`."
        )
    return scales.pop()


def _answers(column: pd.Series, item: str, scale: ResponseScale) -> tuple[pd.Series, pd.Series]:
    """The answer codes of `column` (NaN elsewhere) and the reason of each missing code."""
    if not pd.api.types.is_numeric_dtype(column):
        raise TypeError(
            f"`items` column {item!r} must hold numeric answer codes; got {column.dtype}. "
            "Map answer labels to codes first (Codebook.label_map or the cleaning step)."
        )
    values = column.astype("float64")
    coded = values.map({float(code): reason for code, reason in scale.missing_codes.items()})
    codes = list(scale.codes)
    known = set(map(float, [*codes, *scale.missing_codes]))
    stray = sorted(set(values.dropna().unique()) - known)
    if stray:
        row = values.index[values.isin(stray).to_numpy()].tolist()[0]
        raise InputError(
            f"`items` column {item!r} holds codes {[float(x) for x in stray[:5]]} (first in "
            f"row {row!r}) outside the answer codes {codes}"
            + (f" and missing codes {list(scale.missing_codes)}" if scale.missing_codes else "")
            + ". Give every code a label (labels=[...] or a {code: label} dict), list "
            "don't-know codes in `missing_codes`, or set other codes to NaN with their "
            f"reasons in `{item}{MISSING_SUFFIX}` or `missing_reasons=`."
        )
    return values.where(coded.isna()), coded


def _reasons(data, items, missing_reasons, known: list[str]) -> pd.DataFrame:
    """Missing reason per respondent and item (NaN where none), aligned with `data`."""
    if missing_reasons is None:
        wide = pd.DataFrame(index=data.index)
        for item in items:
            column = f"{item}{MISSING_SUFFIX}"
            wide[item] = data[column] if column in data.columns else np.nan
        source = f"the `<item>{MISSING_SUFFIX}` columns"
    else:
        wide = _pivot_reasons(missing_reasons, data.index, items)
        source = "`missing_reasons`"
    wide = wide.astype("object").where(wide.notna(), np.nan)
    for item in items:
        given = wide[item].dropna()
        unknown = sorted(set(map(str, given)) - set(known))
        if unknown:
            raise ValueError(
                f"{source} give reasons {unknown} for item {item!r}; the response scale "
                f"knows {known}. Use these reasons."
            )
        clash = given.index[data.loc[given.index, item].notna().to_numpy()]
        if len(clash):
            raise ValueError(
                f"{source} give a missing reason for item {item!r} in row {clash[0]!r}, "
                "which has a valid answer. Give reasons only where the answer is NaN."
            )
    return wide


def _pivot_reasons(missing_reasons, index: pd.Index, items) -> pd.DataFrame:
    check_dataframe(missing_reasons, "missing_reasons")
    check_columns(missing_reasons, ["row", "item", "reason"], "missing_reasons")
    outside = ~missing_reasons["row"].isin(index)
    if outside.any():
        raise KeyError(
            f"`missing_reasons` names rows that `data` lacks, e.g. "
            f"{missing_reasons.loc[outside, 'row'].iloc[0]!r}. Its `row` column must hold "
            "index labels of `data`."
        )
    if missing_reasons.duplicated(["row", "item"]).any():
        raise ValueError("`missing_reasons` gives more than one reason for a row and item.")
    wide = missing_reasons.pivot(index="row", columns="item", values="reason")
    return wide.reindex(index=index, columns=items)


def _tabulate(frame: pd.DataFrame, by: list[str], categories: list[str]) -> pd.DataFrame:
    """Counts of every category in every observed group (zeros included)."""
    counted = frame.dropna(subset=["category"])
    if by:
        groups = frame[by].drop_duplicates().sort_values(by).reset_index(drop=True)
        counts = counted.groupby([*by, "category"]).size()
        grid = groups.merge(pd.DataFrame({"category": categories}), how="cross")
        index = pd.MultiIndex.from_frame(grid[[*by, "category"]])
        grid["count"] = counts.reindex(index, fill_value=0).to_numpy()
        return grid
    counts = counted["category"].value_counts()
    return pd.DataFrame(
        {"category": categories, "count": counts.reindex(categories, fill_value=0).to_numpy()}
    )
