"""Differential item functioning: Mantel-Haenszel delta per item with the ETS bands."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.transforms import blended_transform_factory

from techvet_survey.codebook import Codebook
from techvet_survey.plots._common import checked_table, get_ax
from techvet_survey.plots._intervals import (
    IntervalSpec,
    clip_intervals,
    draw_intervals,
    legend_handles,
    record_key,
)
from techvet_survey.plots._labels import Labeller
from techvet_survey.plots._theme import qualitative_colours, themed

ETS_BANDS = (1.0, 1.5)
"""|MH D-DIF| limits of the ETS classes: A below 1, C from 1.5 (Zwick 2012)."""
ETS_FILLS = {"A": "none", "B": "left", "C": "full"}
"""The ETS class of a point is its fill: hollow (A), half (B), full (C)."""
ETS_RULES = {"A": "|D| < 1", "B": "1 ≤ |D| < 1.5", "C": "|D| ≥ 1.5"}
AXIS_MIN = 3.0


@themed
def dif_plot(
    table: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    focal: str | None = None,
    ci: float = 0.95,
    ax=None,
):
    """MH D-DIF per item with the A/B/C limits at 1 and 1.5: colour is the language
    version, fill the ETS class.

    Parameters
    ----------
    table : DataFrame
        :func:`techvet_survey.dif.mantel_haenszel` output: ``item``, ``mh_delta``,
        ``ets_class``; with ``se_delta`` the interval ``mh_delta ± z se_delta`` is drawn.
        Several comparisons stacked in one table are told apart by a `focal` column.
    focal : str, optional
        The column naming the comparison (``"focal"`` or ``"group"`` by default, when
        present); its levels (language codes, named in `lang`) are dodged within each
        item row and get their own colour.
    ci : float
        Coverage of the drawn interval (``z`` is its normal quantile).
    codebook, lang, ax
        Labels in `lang`; the ETS class names come from the figure texts.

    Returns
    -------
    matplotlib Axes
        Points ``gid='point:<item>[|<focal>]'``, hollow for class A, half filled for B,
        filled for C; the class limits are vertical lines with ``gid='band:<value>'`` at
        -1.5, -1, 1 and 1.5, labelled above the axes. The axis holds every estimate (at
        least ±3); an interval reaching further is cut at the edge and marked with an
        arrow head (``gid='clipped:<key>'``).

    Notes
    -----
    ETS classes (Zwick 2012): A (negligible) ``|D| < 1`` or not significant; C (large)
    ``|D| >= 1.5`` and significantly above 1; B otherwise. The class comes from the
    table; the bands show where the limits lie. R: ``difR::difMH`` and its ``plot``.

    Examples
    --------
    >>> table = pd.DataFrame({"item": ["t01", "t02"], "mh_delta": [0.3, -1.7],
    ...                       "ets_class": ["A", "C"]})
    >>> ax = dif_plot(table)
    >>> sorted(line.get_gid() for line in ax.lines if "band:" in str(line.get_gid()))
    ['band:-1', 'band:-1.5', 'band:1', 'band:1.5']
    """
    labeller = Labeller(codebook, lang)
    checked_table(table, ["item", "mh_delta", "ets_class"])
    focal = focal or next((c for c in ("focal", "group") if c in table.columns), None)
    data = table.copy()
    low = high = None
    if "se_delta" in data.columns:
        from scipy.special import ndtri  # scipy only for the intervals (0.2 s to import)

        z = ndtri(0.5 + ci / 2)
        data["_low"] = data["mh_delta"] - z * data["se_delta"]
        data["_high"] = data["mh_delta"] + z * data["se_delta"]
        low, high = "_low", "_high"
    limit = axis_limit(data["mh_delta"])
    # an infinite delta (an odds ratio of 0) is drawn at the edge, marked as cut
    data["_shown"] = data["mh_delta"].clip(-limit, limit)
    order = language_order(labeller.book)
    levels = labeller_sorted(data[focal], order) if focal else []
    colours = qualitative_colours(levels, order)
    spec = IntervalSpec(
        value="_shown",
        low=low,
        high=high,
        rows=["item"],
        dodge=focal,
        colour=lambda r: colours.get(r.get(focal), "#4D4D4D") if focal else "#4D4D4D",
        fill=lambda r: ETS_FILLS.get(str(r["ets_class"]), "full"),
        show_n=False,
        wrap_width=0,
    )
    ax = get_ax(ax, figsize=(6.0, 0.22 * data["item"].nunique() + 1.5))
    ax.axvspan(-ETS_BANDS[0], ETS_BANDS[0], color="#EEF6F2", zorder=0, gid="band-A")
    ax.axvline(0, color="#4D4D4D", lw=0.6, zorder=1)
    draw_intervals(ax, data, spec, labeller)
    clipped = clip_intervals(ax, -limit, limit)
    clipped += _mark_cut_points(ax, data, spec, limit)
    _bands(ax)
    ax.grid(False)
    ax.set_xlabel(labeller.text("mh_delta"))
    _legend(ax, labeller, levels, colours, data["ets_class"], clipped)
    return ax


def _mark_cut_points(ax, data, spec, limit) -> list[str]:
    """An arrow head beside each estimate beyond the axis (``gid='clipped:<key>'``)."""
    cut = []
    for record in data[data["mh_delta"].abs() > limit].to_dict("records"):
        key = record_key(record, spec)
        point = next(line for line in ax.lines if line.get_gid() == f"point:{key}")
        ax.plot(
            [record["_shown"]],
            point.get_ydata(),
            marker=">" if record["mh_delta"] > 0 else "<",
            color=point.get_color(),
            markersize=4,
            linestyle="none",
            clip_on=False,
            gid=f"clipped:{key}",
        )
        cut.append(key)
    return cut


def labeller_sorted(values, order) -> list:
    """The distinct `values`, those in `order` first in its order."""
    values = list(dict.fromkeys(values))
    return [v for v in order if v in values] + [v for v in values if v not in order]


def language_order(book: Codebook) -> list[str]:
    """The study languages with each country's language first, in country order, so that
    a language version has its country's colour in every figure.

    Examples
    --------
    >>> from techvet_survey.plots._labels import default_codebook
    >>> language_order(default_codebook())
    ['fi', 'et', 'lv', 'nl', 'en']
    """
    spoken = [entry.get("language") for entry in book.raw["countries"].values()]
    first = [code for code in dict.fromkeys(spoken) if code]
    return first + [code for code in book.languages if code not in first]


def axis_limit(estimates) -> float:
    """Half the width of the x axis: every estimate and the class-C band with a margin,
    at least 3 (intervals reaching further are cut and marked).

    Examples
    --------
    >>> axis_limit(pd.Series([0.4, -4.1]))
    4.6
    """
    values = np.abs(np.asarray(estimates, dtype=float))
    largest = float(values[np.isfinite(values)].max(initial=0.0))
    return round(max(AXIS_MIN, largest + 0.5), 2)


def _bands(ax) -> None:
    """The class limits as vertical lines (``gid='band:<value>'``), each labelled with its
    value above the axes (``gid='band-label:<value>'``)."""
    top = blended_transform_factory(ax.transData, ax.transAxes)
    for edge in ETS_BANDS:
        for sign in (-1, 1):
            value = sign * edge
            ax.axvline(
                value,
                color="#7F7F7F",
                lw=0.8,
                ls="--" if edge == ETS_BANDS[0] else "-",
                zorder=1,
                gid=f"band:{value:g}",
            )
            inner = edge == ETS_BANDS[0]  # the label sits on the side of its band
            ax.text(
                value,
                1.005,
                f" {value:+g} ".replace("-", "\N{MINUS SIGN}"),
                transform=top,
                ha=("right" if sign > 0 else "left")
                if inner
                else ("left" if sign > 0 else "right"),
                va="bottom",
                fontsize=7,
                color="#4D4D4D",
                gid=f"band-label:{value:g}",
            )


def _legend(ax, labeller, levels, colours, classes, clipped) -> None:
    """Two titled legends: the language versions by colour, the ETS classes by fill."""
    present = set(classes.astype(str))
    entries = [
        (
            f"{cls}: {rule}",
            "#4D4D4D",
            "o",
            {"fillstyle": ETS_FILLS[cls], "markerfacecoloralt": "white"},
        )
        for cls, rule in ETS_RULES.items()
        if cls in present
    ]
    if clipped:
        entries.append((labeller.text("interval_cut"), "#4D4D4D", ">"))
    handles = legend_handles(entries)
    anchor = 1.0
    if len(levels) > 1:
        languages = legend_handles(
            [(labeller.language(level), colours[level], "o") for level in levels]
        )
        first = ax.legend(
            handles=languages,
            title=labeller.text("language_version"),
            loc="upper left",
            bbox_to_anchor=(1.01, anchor),
            alignment="left",
        )
        ax.add_artist(first)
        anchor = 0.55
    ax.legend(
        handles=handles,
        title=labeller.text("ets_classes"),
        loc="upper left",
        bbox_to_anchor=(1.01, anchor),
        alignment="left",
    )
