"""Helpers shared by the figure families: input checks, axes, suppressed cells."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from techvet_survey._validation import check_columns, check_dataframe
from techvet_survey.plots._theme import SUPPRESSED_COLOUR


def checked_table(table, columns: Sequence[str], name: str = "table") -> pd.DataFrame:
    """`table` after checking it is a DataFrame holding `columns`."""
    check_dataframe(table, name)
    try:
        check_columns(table, list(columns), name)
    except KeyError as error:
        raise KeyError(
            f"{error.args[0]} Pass the output of the analysis function named in the "
            "docstring (or rename your columns)."
        ) from None
    return table


def as_list(columns) -> list[str]:
    """None -> [], a name -> [name], a sequence -> list."""
    if columns is None:
        return []
    return [columns] if isinstance(columns, str) else list(columns)


def suppressed_mask(table: pd.DataFrame) -> np.ndarray:
    """The ``suppressed`` column as booleans (all False when absent; missing counts as True)."""
    if "suppressed" not in table.columns:
        return np.zeros(len(table), dtype=bool)
    return table["suppressed"].astype("boolean").fillna(True).to_numpy(dtype=bool)


def get_ax(ax: Axes | None, figsize=(6.0, 4.0)) -> Axes:
    """`ax`, or the Axes of a new figure."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    elif not isinstance(ax, Axes):
        raise TypeError(f"`ax` must be a matplotlib Axes; got {type(ax).__name__}.")
    return ax


def get_fig(fig: Figure | None, figsize=(6.0, 4.0)) -> Figure:
    """`fig` (cleared), or a new figure."""
    if fig is None:
        return plt.figure(figsize=figsize)
    if not isinstance(fig, Figure):
        raise TypeError(f"`fig` must be a matplotlib Figure; got {type(fig).__name__}.")
    fig.clear()
    return fig


def mark_suppressed(ax: Axes, x: float, y: float, label: str, *, key: str, **kwargs):
    """Write the small-cell note (e.g. ``n < 5``) where a value would have been drawn."""
    return ax.text(
        x,
        y,
        label,
        ha=kwargs.pop("ha", "center"),
        va="center",
        color=SUPPRESSED_COLOUR,
        fontstyle="italic",
        gid=f"suppressed:{key}",
        **kwargs,
    )


def row_key(values) -> str:
    """A stable text key of a table row, used in artist ids (``gid``)."""
    return "|".join(str(value) for value in values)


def benchmark_labels(values, defaults, meanings: Sequence[str]) -> list[str]:
    """The labels of :func:`benchmark_lines`: each value with its meaning when `values`
    are the `defaults` the meanings name (e.g. 0.7 acceptable, 0.8 good), else the
    values alone."""
    if list(values) != list(defaults):
        return [f"{value:g}" for value in values]
    return [f"{value:g} {meaning}" for value, meaning in zip(values, meanings, strict=True)]


def benchmark_lines(ax: Axes, values, labels: Sequence[str] | None = None) -> None:
    """Dashed vertical reference lines (``gid='threshold:<value>'``) behind the data;
    with `labels`, each is named above the axes (``gid='threshold-label:<value>'``), the
    first to the left of its line and the others to the right, so that close lines keep
    their labels apart."""
    top = blended_transform_factory(ax.transData, ax.transAxes)
    for index, value in enumerate(values):
        ax.axvline(value, color="#7F7F7F", lw=0.8, ls="--", zorder=0, gid=f"threshold:{value:g}")
        if labels is not None:
            ax.text(
                value,
                1.01,
                f" {labels[index]} ",
                transform=top,
                ha="right" if index == 0 and len(values) > 1 else "left",
                va="bottom",
                fontsize=7,
                color="#4D4D4D",
                gid=f"threshold-label:{value:g}",
            )
