"""Differential item functioning: Mantel-Haenszel delta per item with the ETS bands."""

from __future__ import annotations

import pandas as pd
from scipy.special import ndtri

from techvet_survey.codebook import Codebook
from techvet_survey.plots._common import checked_table, get_ax
from techvet_survey.plots._intervals import IntervalSpec, draw_intervals, legend_handles
from techvet_survey.plots._labels import Labeller
from techvet_survey.plots._theme import ETS_COLOURS, GROUP_MARKERS, themed

ETS_BANDS = (1.0, 1.5)
"""|MH D-DIF| limits of the ETS classes: A below 1, C from 1.5 (Zwick 2012)."""


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
    """MH D-DIF per item, coloured by ETS class, with the A/B/C bands at 1 and 1.5.

    Parameters
    ----------
    table : DataFrame
        :func:`techvet_survey.dif.mantel_haenszel` output: ``item``, ``mh_delta``,
        ``ets_class``; with ``se_delta`` the interval ``mh_delta ± z se_delta`` is drawn.
        Several comparisons stacked in one table are told apart by a `focal` column.
    focal : str, optional
        The column naming the comparison (``"focal"`` or ``"group"`` by default, when
        present); its levels are dodged within each item row and get their own marker.
    ci : float
        Coverage of the drawn interval (``z`` is its normal quantile).
    codebook, lang, ax
        Labels in `lang`; the ETS class names come from the figure texts.

    Returns
    -------
    matplotlib Axes
        Points ``gid='point:<item>[|<focal>]'``; the band edges are vertical lines with
        ``gid='band:<value>'`` at -1.5, -1, 1 and 1.5.

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
        z = ndtri(0.5 + ci / 2)
        data["_low"] = data["mh_delta"] - z * data["se_delta"]
        data["_high"] = data["mh_delta"] + z * data["se_delta"]
        low, high = "_low", "_high"
    levels = list(dict.fromkeys(data[focal])) if focal else []
    markers = {level: GROUP_MARKERS[i % len(GROUP_MARKERS)] for i, level in enumerate(levels)}
    spec = IntervalSpec(
        value="mh_delta",
        low=low,
        high=high,
        rows=["item"],
        dodge=focal,
        colour=lambda r: ETS_COLOURS.get(str(r["ets_class"]), "#7F7F7F"),
        marker=lambda r: markers.get(r.get(focal), "o") if focal else "o",
        show_n=False,
        wrap_width=0,
    )
    ax = get_ax(ax, figsize=(6.0, 0.22 * data["item"].nunique() + 1.3))
    ax.axvspan(-ETS_BANDS[0], ETS_BANDS[0], color="#EEF6F2", zorder=0, gid="band-A")
    for edge in ETS_BANDS:
        for sign in (-1, 1):
            ax.axvline(
                sign * edge,
                color="#7F7F7F",
                lw=0.8,
                ls="--" if edge == ETS_BANDS[0] else "-",
                zorder=1,
                gid=f"band:{sign * edge:g}",
            )
    ax.axvline(0, color="#4D4D4D", lw=0.6, zorder=1)
    draw_intervals(ax, data, spec, labeller)
    ax.grid(False)
    ax.set_xlabel(labeller.text("mh_delta"))
    classes = [c for c in ETS_COLOURS if c in set(data["ets_class"].astype(str))]
    entries = [(labeller.text("ets_class", cls=c), ETS_COLOURS[c], "o") for c in classes]
    entries += [(str(level), "#4D4D4D", markers[level]) for level in levels if len(levels) > 1]
    ax.legend(handles=legend_handles(entries), loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax
