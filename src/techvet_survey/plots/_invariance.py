"""Measurement invariance: fit indices by level with the cut-offs of the change rule."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from techvet_survey.codebook import Codebook
from techvet_survey.plots._common import checked_table, get_fig
from techvet_survey.plots._labels import TEXT, Labeller
from techvet_survey.plots._theme import OKABE_ITO, themed

CHEN_DELTA_CFI = -0.010
CHEN_DELTA_RMSEA = 0.015


@dataclass(frozen=True)
class Panel:
    """One panel: the ladder column, its title, the range always shown (widened when a
    value or cut-off lies outside) and the bounds of the index (values drawn clipped)."""

    column: str
    title: str
    shown: tuple[float, float]
    bounds: tuple[float, float] = (-np.inf, np.inf)


_FIT = (
    Panel("cfi", "CFI", (0.90, 1.0), (0.0, 1.0)),
    Panel("rmsea", "RMSEA", (0.0, 0.10), (0.0, np.inf)),
    Panel("srmr", "SRMR", (0.0, 0.10), (0.0, np.inf)),
)
_CHANGE = (
    Panel("delta_cfi", "ΔCFI", (-0.02, 0.02)),
    Panel("delta_rmsea", "ΔRMSEA", (-0.02, 0.02)),
    Panel("delta_srmr", "ΔSRMR", (-0.02, 0.04)),
)
_MARGIN = 0.15  # share of the data range added beyond a value outside the range shown


def _y_range(panel: Panel, values: np.ndarray) -> tuple[float, float]:
    """The range shown: `panel.shown`, widened to hold every finite value (clipped to
    the index's bounds) with a margin."""
    low, high = panel.shown
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return low, high
    margin = _MARGIN * (max(high, finite.max()) - min(low, finite.min()))
    if finite.min() < low:
        low = max(finite.min() - margin, panel.bounds[0])
    if finite.max() > high:
        high = min(finite.max() + margin, panel.bounds[1])
    if np.isfinite(panel.bounds[1]) and high >= panel.bounds[1]:
        high = panel.bounds[1] + 0.02 * (high - low)  # the bound itself stays visible
    if np.isfinite(panel.bounds[0]) and low <= panel.bounds[0]:
        low = panel.bounds[0] - 0.02 * (high - low)
    return low, high


def _cutoffs(ladder: pd.DataFrame, column: str, default: float | None) -> np.ndarray:
    """Per level, the cut-off the rule applied (``<column>_cutoff``), else `default`."""
    name = f"{column}_cutoff"
    if name in ladder.columns:
        return pd.to_numeric(ladder[name], errors="coerce").to_numpy(dtype=float)
    value = np.nan if default is None else float(default)
    return np.where(ladder[column].notna(), value, np.nan)


def _draw_cutoffs(ax, x, levels, cutoffs, label) -> None:
    """The cut-off of each level as a dashed step under its point (``gid=
    'threshold:<column>|<level>'``); one line (``'threshold:<column>'``) when they agree."""
    column = ax.get_gid()
    finite = cutoffs[np.isfinite(cutoffs)]
    if finite.size == 0:
        return
    style = {"color": OKABE_ITO[4], "ls": "--", "lw": 0.9, "zorder": 1}
    if np.allclose(finite, finite[0]):
        ax.axhline(finite[0], label=label, gid=f"threshold:{column}", **style)
        return
    for position, level, cutoff in zip(x, levels, cutoffs, strict=True):
        if np.isfinite(cutoff):
            ax.plot(
                [position - 0.4, position + 0.4],
                [cutoff, cutoff],
                label=label,
                gid=f"threshold:{column}|{level}",
                **style,
            )
            label = "_nolegend_"


@themed
def invariance_plot(
    ladder: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    delta_cfi: float = CHEN_DELTA_CFI,
    delta_rmsea: float = CHEN_DELTA_RMSEA,
    fig=None,
):
    """CFI, RMSEA (and SRMR) and their changes along the invariance ladder.

    Parameters
    ----------
    ladder : DataFrame
        ``InvarianceResult.ladder`` of :func:`techvet_survey.cfa.measurement_invariance`:
        ``level``, ``cfi``, ``rmsea``, ``delta_cfi``, ``delta_rmsea`` (NaN for the
        configural level); with ``srmr`` and ``delta_srmr`` a third column of panels; with
        ``invariant``, levels that fail are drawn in vermillion. The cut-offs drawn are the
        ladder's ``<criterion>_cutoff`` columns (those the rule applied, per level).
    delta_cfi, delta_rmsea : float
        The cut-offs drawn when the ladder has no ``delta_cfi_cutoff`` /
        ``delta_rmsea_cutoff`` column: Chen's -0.010 and 0.015 by default.
    codebook, lang
        Level names in `lang` (configural, metric, scalar, partial scalar, strict).
    fig : matplotlib Figure, optional

    Returns
    -------
    matplotlib Figure
        Four or six Axes (CFI, RMSEA[, SRMR] above, their changes below), each level a
        point ``gid='point:<column>|<level>'``. CFI is drawn capped at 1, RMSEA and SRMR
        floored at 0 (the table keeps the estimates); the y ranges are fixed (CFI
        0.90-1, RMSEA and SRMR 0-0.10, changes at least ±0.02) and widen only for a
        value outside them, so that a change of 0.001 looks as small as it is.

    References
    ----------
    .. [1] Chen, F. F. (2007). Sensitivity of goodness of fit indexes to lack of
       measurement invariance. Structural Equation Modeling, 14, 464-504.

    Examples
    --------
    >>> ladder = pd.DataFrame({"level": ["configural", "metric"], "cfi": [0.98, 0.97],
    ...                        "rmsea": [0.04, 0.045], "delta_cfi": [None, -0.01],
    ...                        "delta_rmsea": [None, 0.005]})
    >>> [ax.get_title(loc="left") for ax in invariance_plot(ladder, lang="fi").axes]
    ['CFI', 'RMSEA', 'ΔCFI', 'ΔRMSEA']
    """
    labeller = Labeller(codebook, lang)
    with_srmr = {"srmr", "delta_srmr"} <= set(ladder.columns)
    width = 3 if with_srmr else 2
    fit, change = _FIT[:width], _CHANGE[:width]
    checked_table(ladder, ["level", *(panel.column for panel in (*fit, *change))], "ladder")
    levels = [str(level) for level in ladder["level"]]
    names = [labeller.text(level) if level in TEXT else level for level in levels]
    fig = get_fig(fig, figsize=(3.4 * width + 0.4, 5.2))
    axes = fig.subplots(2, width, sharex=True)
    x = np.arange(len(levels))
    defaults = {"delta_cfi": delta_cfi, "delta_rmsea": delta_rmsea}
    verdicts = [
        None if pd.isna(v) else bool(v)
        for v in ladder.get("invariant", pd.Series([None] * len(ladder)))
    ]
    cutoff_label = labeller.text("cutoff")
    for ax, panel in zip(axes.ravel(), (*fit, *change), strict=True):
        ax.set_gid(panel.column)
        values = pd.to_numeric(ladder[panel.column], errors="coerce").to_numpy(dtype=float)
        values = np.clip(values, *panel.bounds)
        shown = values
        if panel in change:
            cutoffs = _cutoffs(ladder, panel.column, defaults.get(panel.column))
            _draw_cutoffs(ax, x, levels, cutoffs, cutoff_label)
            ax.axhline(0, color="#BFBFBF", lw=0.6, zorder=0)
            shown = np.concatenate([values, cutoffs])
        ax.plot(x, values, color=OKABE_ITO[3], lw=0.8, zorder=2)
        for position, level, value, holds in zip(x, levels, values, verdicts, strict=True):
            if np.isfinite(value):
                colour = OKABE_ITO[4] if holds is False else OKABE_ITO[3]
                ax.plot(
                    [position],
                    [value],
                    "o",
                    color=colour,
                    zorder=3,
                    gid=f"point:{panel.column}|{level}",
                )
        ax.set_ylim(*_y_range(panel, shown))
        ax.set_title(panel.title, loc="left")
        ax.set_xticks(x, names, rotation=20, ha="right")
        ax.set_xlim(-0.5, len(levels) - 0.5)
    _legend(fig, labeller, verdicts)
    fig.supxlabel(labeller.text("invariance_level"), fontsize=9)
    fig.tight_layout()
    return fig


def _legend(fig, labeller: Labeller, verdicts) -> None:
    """One legend below the panels: the cut-off line and the colour of a level that fails."""
    handles = [Line2D([], [], color=OKABE_ITO[4], ls="--", lw=0.9, label=labeller.text("cutoff"))]
    handles.append(
        Line2D([], [], color=OKABE_ITO[3], marker="o", ls="", label=labeller.text("invariant"))
    )
    if False in verdicts:
        handles.append(
            Line2D(
                [], [], color=OKABE_ITO[4], marker="o", ls="", label=labeller.text("not_invariant")
            )
        )
    fig.legend(handles=handles, loc="upper center", ncols=len(handles), bbox_to_anchor=(0.5, 0.0))
