"""Measurement invariance: fit indices by level with Chen's (2007) change thresholds."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.plots._common import checked_table, get_fig
from techvet_survey.plots._labels import TEXT, Labeller
from techvet_survey.plots._theme import OKABE_ITO, themed

CHEN_DELTA_CFI = -0.010
CHEN_DELTA_RMSEA = 0.015
_PANELS = (
    ("cfi", "CFI"),
    ("rmsea", "RMSEA"),
    ("delta_cfi", "ΔCFI"),
    ("delta_rmsea", "ΔRMSEA"),
)


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
    """CFI, RMSEA and their changes along the invariance ladder.

    Parameters
    ----------
    ladder : DataFrame
        ``InvarianceResult.ladder`` of :func:`techvet_survey.cfa.measurement_invariance`:
        ``level``, ``cfi``, ``rmsea``, ``delta_cfi``, ``delta_rmsea`` (NaN for the
        configural level); with ``invariant``, levels that fail are drawn in vermillion.
    delta_cfi, delta_rmsea : float
        The thresholds drawn (``gid='threshold:delta_cfi'`` / ``'threshold:delta_rmsea'``):
        Chen's -0.010 and 0.015 by default; pass those used in the analysis.
    codebook, lang
        Level names in `lang` (configural, metric, scalar, partial scalar, strict).
    fig : matplotlib Figure, optional

    Returns
    -------
    matplotlib Figure
        Four Axes (CFI, RMSEA, ΔCFI, ΔRMSEA), each level a point
        ``gid='point:<index>|<level>'``.

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
    checked_table(ladder, ["level", *(column for column, _ in _PANELS)], "ladder")
    levels = [str(level) for level in ladder["level"]]
    names = [labeller.text(level) if level in TEXT else level for level in levels]
    fig = get_fig(fig, figsize=(7.0, 5.0))
    axes = fig.subplots(2, 2, sharex=True)
    x = np.arange(len(levels))
    thresholds = {"delta_cfi": delta_cfi, "delta_rmsea": delta_rmsea}
    verdicts = [
        None if pd.isna(v) else bool(v)
        for v in ladder.get("invariant", pd.Series([None] * len(ladder)))
    ]
    for ax, (column, title) in zip(axes.ravel(), _PANELS, strict=True):
        values = ladder[column].to_numpy(dtype=float)
        ax.plot(x, values, color=OKABE_ITO[3], lw=0.8, zorder=2)
        for position, level, value, holds in zip(x, levels, values, verdicts, strict=True):
            if np.isfinite(value):
                colour = OKABE_ITO[4] if holds is False else OKABE_ITO[3]
                ax.plot([position], [value], "o", color=colour, gid=f"point:{column}|{level}")
        if column in thresholds:
            ax.axhline(
                thresholds[column],
                color=OKABE_ITO[4],
                ls="--",
                lw=0.9,
                label=labeller.text("threshold_chen"),
                gid=f"threshold:{column}",
            )
            ax.axhline(0, color="#BFBFBF", lw=0.6, zorder=0)
            ax.legend(loc="best")
        ax.set_title(title, loc="left")
        ax.set_xticks(x, names, rotation=20, ha="right")
    fig.supxlabel(labeller.text("invariance_level"), fontsize=9)
    return fig
