"""Forest plots: scale means by country and group, reliability by country."""

from __future__ import annotations

import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.plots._common import benchmark_lines, checked_table, get_ax
from techvet_survey.plots._intervals import IntervalSpec, draw_intervals, legend_handles
from techvet_survey.plots._labels import Labeller
from techvet_survey.plots._theme import GROUP_MARKERS, qualitative_colours, themed
from techvet_survey.privacy import DEFAULT_MIN_N

KEY_COLUMNS = ("country", "group")
VARIABLE_COLUMNS = ("variable", "scale", "item")


def _variable_column(table: pd.DataFrame, variable: str | None) -> str | None:
    if variable is not None:
        return variable
    return next((c for c in VARIABLE_COLUMNS if c in table.columns), None)


def _country_group_spec(table, labeller, *, value, low, high, block, min_n):
    """Rows by country and group; colour by country (Okabe-Ito), marker by group."""
    keys = [c for c in KEY_COLUMNS if c in table.columns]
    if not keys and block is None:
        raise KeyError(
            "`table` needs a `country` and/or `group` column (or a variable column) to "
            "lay out its rows; pass the output of compare.describe(..., by=...)."
        )
    countries = labeller.order("country", table["country"]) if "country" in keys else []
    groups = labeller.order("group", table["group"]) if "group" in keys else []
    colours = qualitative_colours(countries, list(labeller.book.raw["countries"]))
    markers = {g: GROUP_MARKERS[i % len(GROUP_MARKERS)] for i, g in enumerate(groups)}
    legend = [(labeller.country(c), colours[c], "s") for c in countries if len(countries) > 1]
    legend += [(labeller.group(g), "#4D4D4D", markers[g]) for g in groups if len(groups) > 1]
    return IntervalSpec(
        value=value,
        low=low,
        high=high,
        rows=keys,
        block=block,
        colour=lambda r: colours.get(r.get("country"), "#000000"),
        marker=lambda r: markers.get(r.get("group"), "o"),
        min_n=min_n,
        legend=legend,
    )


def _finish(ax, spec, xlabel):
    ax.set_xlabel(xlabel)
    if spec.legend:
        ax.legend(
            handles=legend_handles(spec.legend),
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            borderaxespad=0,
        )
    return ax


@themed
def forest_plot(
    summary: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    variable: str | None = None,
    ci_level: float = 0.95,
    min_n: int = DEFAULT_MIN_N,
    ax=None,
):
    """Means with confidence intervals by country and group, one block per scale.

    Parameters
    ----------
    summary : DataFrame
        The output of :func:`techvet_survey.compare.describe`: a variable column
        (``variable``, ``scale`` or ``item``; a scale id is labelled with its title, an
        item with its text), ``country`` and/or ``group``, ``n``, ``mean``, ``ci_low``,
        ``ci_high`` and optionally ``suppressed``.
    codebook : Codebook, optional
        Labels; the bundled codebook by default.
    lang : {"en", "fi", "et", "lv", "nl"}
        Language of every label.
    variable : str, optional
        The variable column, when it is none of the defaults.
    ci_level : float
        Level of the intervals in `summary`, for the axis title.
    min_n : int
        The small-cell threshold `summary` was suppressed with, for the ``n < 5`` note.
    ax : matplotlib Axes, optional
        Draw here; a new figure otherwise.

    Returns
    -------
    matplotlib Axes
        Points ``gid='point:<variable>|<country>|<group>'``, intervals ``'ci:...'``.

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
    """
    labeller = Labeller(codebook, lang)
    block = _variable_column(summary, variable)
    checked_table(summary, [c for c in (block,) if c] + ["mean", "ci_low", "ci_high"], "summary")
    spec = _country_group_spec(
        summary, labeller, value="mean", low="ci_low", high="ci_high", block=block, min_n=min_n
    )
    ax = get_ax(ax, figsize=(6.5, 0.25 * len(summary) + 1.2))
    draw_intervals(ax, summary, spec, labeller)
    return _finish(ax, spec, labeller.text("mean_ci", level=ci_level))


@themed
def reliability_plot(
    table: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    ci_level: float = 0.95,
    thresholds=(0.7, 0.8),
    min_n: int = DEFAULT_MIN_N,
    ax=None,
):
    """Cronbach's alpha with its interval per scale and country (and group).

    Parameters
    ----------
    table : DataFrame
        :func:`techvet_survey.reliability.cronbach_alpha` run per scale and country,
        with the keys added: ``scale``, ``country`` and/or ``group``, ``alpha``,
        ``ci_low``, ``ci_high``; optionally ``n`` and ``suppressed``.
    codebook, lang, ci_level, min_n, ax
        As in :func:`forest_plot`.
    thresholds : sequence of float
        Conventional benchmarks drawn as dashed lines (``gid='threshold:<value>'``).

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
        table, labeller, value="alpha", low="ci_low", high="ci_high", block="scale", min_n=min_n
    )
    ax = get_ax(ax, figsize=(6.5, 0.25 * len(table) + 1.2))
    draw_intervals(ax, table, spec, labeller)
    benchmark_lines(ax, thresholds)
    return _finish(ax, spec, labeller.text("alpha_ci", level=ci_level))
