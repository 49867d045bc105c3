"""Forest plots: scale means and reliability by group (country and respondent group in the
study, any group column otherwise)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError
from techvet_survey.plots._common import (
    as_list,
    benchmark_labels,
    benchmark_lines,
    checked_table,
    get_ax,
)
from techvet_survey.plots._intervals import IntervalSpec, draw_intervals, legend_handles
from techvet_survey.plots._labels import Labeller
from techvet_survey.plots._theme import GROUP_MARKERS, OKABE_ITO, qualitative_colours, themed
from techvet_survey.privacy import DEFAULT_MIN_N

ALPHA_BENCHMARKS = (0.7, 0.8)  # Nunnally & Bernstein (1994): acceptable and good

VARIABLE_COLUMNS = ("variable", "scale", "item")


def _variable_column(table: pd.DataFrame, variable: str | None) -> str | None:
    if variable is not None:
        return variable
    return next((c for c in VARIABLE_COLUMNS if c in table.columns), None)


def _roles(table: pd.DataFrame, by, block: str | None, name: str) -> tuple[str | None, str | None]:
    """The column told apart by colour and the one told apart by marker.

    Without `by`, the study's tables: ``country`` by colour and ``group`` by marker,
    where present.
    """
    if by is None:
        colour = "country" if "country" in table.columns else None
        marker = "group" if "group" in table.columns else None
    else:
        columns = as_list(by)
        if not 1 <= len(columns) <= 2:
            raise ArgumentError(
                f"`by` names {len(columns)} columns; the plot tells one column apart by colour "
                "and a second by marker. Name one or two columns."
            )
        checked_table(table, columns, name)
        colour, marker = [*columns, None][:2]
    keys = [c for c in (colour, marker) if c]
    if not keys and block is None:
        raise KeyError(
            f"`{name}` needs a `country` and/or `group` column, a column named in `by`, or a "
            "variable column to lay out its rows; pass the output of "
            "compare.describe(..., by=...)."
        )
    for column in keys:
        if table[column].isna().any():
            raise ArgumentError(
                f"`by` column {column!r} of `{name}` is missing in "
                f"{int(table[column].isna().sum())} row(s); drop these rows or label them."
            )
    levels = table[colour].nunique() if colour else 0
    if levels > len(OKABE_ITO):
        raise ArgumentError(
            f"`by` column {colour!r} has {levels} levels; colours tell at most "
            f"{len(OKABE_ITO)} apart. Filter `{name}` or put the column second in `by`."
        )
    _check_one_row_each(table, [c for c in (block, *keys) if c], name)
    return colour, marker


def _check_one_row_each(table: pd.DataFrame, keys: list[str], name: str) -> None:
    """Refuse rows that would be drawn on top of each other, naming the column that
    tells them apart."""
    if not keys:
        return
    clashing = table[table.duplicated(keys, keep=False)]
    if clashing.empty:
        return
    candidates = [
        str(column)
        for column in clashing.columns
        if column not in keys
        and not pd.api.types.is_float_dtype(clashing[column])
        and clashing.groupby(keys, dropna=False)[column].nunique(dropna=False).gt(1).any()
    ]
    first = {key: _plain(clashing[key].iloc[0]) for key in keys}
    hint = f" (e.g. by={candidates[0]!r})" if candidates else ""
    raise ArgumentError(
        f"`{name}` has {len(clashing)} rows that share {first}, so they would be drawn on "
        f"one row. Name the column that tells them apart in `by`{hint}, or filter the table."
    )


def _plain(value):
    """A numpy scalar as the Python number it holds, so messages print plain numbers."""
    return value.item() if isinstance(value, np.generic) else value


def _country_group_spec(table, labeller, *, by, value, low, high, block, min_n, name):
    """Rows by the `by` columns; colour by the first (Okabe-Ito), marker by the second."""
    colour_column, marker_column = _roles(table, by, block, name)
    if not pd.api.types.is_numeric_dtype(table[value]):
        raise ArgumentError(
            f"`{name}` column {value!r} must be numeric; got {table[value].dtype}. Pass the "
            "estimates as numbers."
        )
    keys = [c for c in (colour_column, marker_column) if c]
    colour_levels = labeller.order(colour_column, table[colour_column]) if colour_column else []
    marker_levels = labeller.order(marker_column, table[marker_column]) if marker_column else []
    known = list(labeller.book.raw["countries"]) if colour_column == "country" else []
    colours = qualitative_colours(colour_levels, known)
    markers = {g: GROUP_MARKERS[i % len(GROUP_MARKERS)] for i, g in enumerate(marker_levels)}
    legend = [
        (labeller.key(colour_column, c), colours[c], "s")
        for c in colour_levels
        if len(colour_levels) > 1
    ]
    legend += [
        (labeller.key(marker_column, g), "#4D4D4D", markers[g])
        for g in marker_levels
        if len(marker_levels) > 1
    ]
    return IntervalSpec(
        value=value,
        low=low,
        high=high,
        rows=keys,
        block=block,
        colour=lambda r: colours.get(r.get(colour_column), "#000000"),
        marker=lambda r: markers.get(r.get(marker_column), "o"),
        min_n=min_n,
        legend=legend,
    )


def _finish(ax, spec, xlabel, limits=None):
    """Axis title and range; a legend only for colours or markers the row labels do not
    name (every `by` column is in the row labels, so by default none)."""
    ax.set_xlabel(xlabel)
    if limits is not None:
        low, high = _checked_limits(limits)
        pad = 0.02 * (high - low)
        ax.set_xlim(min(low - pad, ax.get_xlim()[0]), max(high + pad, ax.get_xlim()[1]))
    named = _row_names(ax)
    legend = [entry for entry in spec.legend if entry[0] not in named]
    if legend:
        ax.legend(
            handles=legend_handles(legend),
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            borderaxespad=0,
        )
    return ax


def _row_names(ax) -> set[str]:
    """The group names in the row labels ("Finland · Teacher (n = 40)" names both)."""
    names = set()
    for tick in ax.get_yticklabels():
        label = re.sub(r" \(n = \d+\)$", "", tick.get_text().replace("\n", " "))
        names.update(label.split(" · "))
    return names


def _checked_limits(limits) -> tuple[float, float]:
    try:
        low, high = (float(value) for value in limits)
    except (TypeError, ValueError):
        raise ArgumentError(
            f"`limits` must be two numbers (low, high), e.g. (1, 5) for a 1-5 answer "
            f"scale; got {limits!r}."
        ) from None
    if not low < high:
        raise ArgumentError(f"`limits` must be (low, high) with low < high; got {limits!r}.")
    return low, high


@themed
def forest_plot(
    summary: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    by=None,
    variable: str | None = None,
    ci: float = 0.95,
    min_n: int = DEFAULT_MIN_N,
    limits=None,
    ax=None,
):
    """Means with confidence intervals by group, one block per scale.

    Parameters
    ----------
    summary : DataFrame
        The output of :func:`techvet_survey.compare.describe`: a variable column
        (``variable``, ``scale`` or ``item``; a scale id is labelled with its title, an
        item with its text), the group columns, ``n``, ``mean``, ``ci_low``,
        ``ci_high`` and optionally ``suppressed``.
    codebook : Codebook, optional
        Labels; the bundled codebook by default.
    lang : {"en", "fi", "et", "lv", "nl"}
        Language of every label.
    by : str or sequence of str, optional
        The group columns of `summary` (the `by` of ``describe``), at most two: one row
        per level, the first told apart by colour, the second by marker. By default
        ``country`` and/or ``group`` where `summary` has them (the study's tables).
        Rows that no column tells apart are refused, not drawn on top of each other.
    variable : str, optional
        The variable column, when it is none of the defaults.
    ci : float
        Level of the intervals in `summary`, for the axis title.
    min_n : int
        The small-cell threshold `summary` was suppressed with, for the ``n < 5`` note.
    limits : (float, float), optional
        The x range always shown, e.g. ``(1, 5)``: the answer scale's ends, so that the
        differences are seen against the whole scale (widened for an interval outside).
    ax : matplotlib Axes, optional
        Draw here; a new figure otherwise.

    Returns
    -------
    matplotlib Axes
        Points ``gid='point:<variable>|<country>|<group>'``, intervals ``'ci:...'``. The
        row labels name every group; a legend is drawn only for a colour or marker they
        do not name.

    Notes
    -----
    R: ``ggplot2::geom_pointrange()`` on the same table.

    Examples
    --------
    >>> summary = pd.DataFrame({"variable": "gw", "country": ["FI", "LV"], "n": [40, 3],
    ...                         "mean": [3.8, None], "ci_low": [3.6, None],
    ...                         "ci_high": [4.0, None], "suppressed": [False, True]})
    >>> ax = forest_plot(summary, lang="fi")
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['Ohjaus työpaikalla', 'Suomi (n = 40)', 'Latvia']
    >>> ax.get_xlabel()
    'Keskiarvo (95% LV)'

    Any group column, e.g. ``describe(data, "agree", by="gender")``:

    >>> table = pd.DataFrame({"variable": "agree", "gender": ["female", "male"],
    ...                       "n": [919, 1881], "mean": [4.8, 4.5], "ci_low": [4.75, 4.45],
    ...                       "ci_high": [4.85, 4.55]})
    >>> ax = forest_plot(table, by="gender")
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['agree', 'female (n = 919)', 'male (n = 1881)']
    """
    labeller = Labeller(codebook, lang)
    block = _variable_column(summary, variable)
    checked_table(summary, [c for c in (block,) if c] + ["mean", "ci_low", "ci_high"], "summary")
    spec = _country_group_spec(
        summary,
        labeller,
        by=by,
        value="mean",
        low="ci_low",
        high="ci_high",
        block=block,
        min_n=min_n,
        name="summary",
    )
    ax = get_ax(ax, figsize=(6.5, 0.25 * len(summary) + 1.2))
    draw_intervals(ax, summary, spec, labeller)
    return _finish(ax, spec, labeller.text("mean_ci", level=ci), limits)


@themed
def reliability_plot(
    table: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    by=None,
    ci: float = 0.95,
    thresholds=ALPHA_BENCHMARKS,
    min_n: int = DEFAULT_MIN_N,
    ax=None,
):
    """Cronbach's alpha with its interval per scale and group.

    Parameters
    ----------
    table : DataFrame
        :func:`techvet_survey.reliability.cronbach_alpha` run per scale and group,
        with the keys added: ``scale``, the group columns, ``alpha``, ``ci_low``,
        ``ci_high``; optionally ``n`` and ``suppressed``.
    codebook, lang, by, ci, min_n, ax
        As in :func:`forest_plot`.
    thresholds : sequence of float
        Conventional benchmarks drawn as dashed lines (``gid='threshold:<value>'``),
        labelled above the axes with their value (and, for the default, what it means:
        "0.7 acceptable", "0.8 good").

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> table = pd.DataFrame({"scale": "dg", "country": ["EE", "NL"], "alpha": [0.81, 0.7],
    ...                       "ci_low": [0.75, 0.6], "ci_high": [0.86, 0.78]})
    >>> reliability_plot(table, lang="et").get_xlabel()
    'Cronbachi alfa (95% UV)'
    """
    labeller = Labeller(codebook, lang)
    checked_table(table, ["scale", "alpha", "ci_low", "ci_high"])
    spec = _country_group_spec(
        table,
        labeller,
        by=by,
        value="alpha",
        low="ci_low",
        high="ci_high",
        block="scale",
        min_n=min_n,
        name="table",
    )
    ax = get_ax(ax, figsize=(6.5, 0.25 * len(table) + 1.2))
    draw_intervals(ax, table, spec, labeller)
    meanings = [labeller.text("alpha_acceptable"), labeller.text("alpha_good")]
    benchmark_lines(ax, thresholds, benchmark_labels(thresholds, ALPHA_BENCHMARKS, meanings))
    return _finish(ax, spec, labeller.text("alpha_ci", level=ci))
