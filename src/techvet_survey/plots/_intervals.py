"""The engine of the interval figures (forest plots): one row per estimate, grouped.

A row is a point (``gid='point:<key>'``) with its interval (``gid='ci:<key>'``) drawn
as separate artists, so tests and notebooks can find each estimate; suppressed rows get
the ``n < 5`` note (``gid='suppressed:<key>'``) instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from techvet_survey.plots._common import mark_suppressed, row_key, suppressed_mask
from techvet_survey.plots._labels import Labeller, wrap

DODGE_SPAN = 0.5  # share of a row's height over which dodged estimates spread
EXTRA_LINE = 0.7  # rows of height each further line of a wrapped label takes


@dataclass
class IntervalSpec:
    """What to draw: which columns hold the estimate, and how rows are grouped."""

    value: str
    low: str | None
    high: str | None
    rows: Sequence[str]
    block: str | None = None
    dodge: str | None = None
    colour: Callable[[dict], str] = lambda record: "#000000"
    marker: Callable[[dict], str] = lambda record: "o"
    fill: Callable[[dict], str] = lambda record: "full"
    show_n: bool = True
    min_n: int = 5
    wrap_width: int = 45
    legend: list = field(default_factory=list)


def _levels(labeller: Labeller, table: pd.DataFrame, column: str) -> list:
    return labeller.order(column, table[column].dropna())


def draw_intervals(ax, table: pd.DataFrame, spec: IntervalSpec, labeller: Labeller):
    """Draw `table` on `ax` as rows of points with intervals; return the row positions."""
    hidden = suppressed_mask(table)
    records = table.assign(_hidden=hidden).to_dict("records")
    blocks = _levels(labeller, table, spec.block) if spec.block else [None]
    row_tuples = _row_tuples(labeller, table, spec.rows)
    dodges = _levels(labeller, table, spec.dodge) if spec.dodge else [None]
    ticks, labels, bold = [], [], []
    y = 0.0
    for block in blocks:
        in_block = [r for r in records if spec.block is None or r[spec.block] == block]
        if spec.block and spec.rows:
            label = wrap(labeller.key(spec.block, block), spec.wrap_width)
            extra = EXTRA_LINE * label.count("\n")
            ticks.append(y + extra / 2)
            labels.append(label)
            bold.append(True)
            y += 1 + extra
        for values in row_tuples:
            in_row = [
                r
                for r in in_block
                if all(r[c] == v for c, v in zip(spec.rows, values, strict=True))
            ]
            if not in_row:
                continue
            label = _row_label(labeller, spec, values, in_row, block)
            extra = EXTRA_LINE * label.count("\n")
            y += extra / 2
            ticks.append(y)
            labels.append(label)
            bold.append(False)
            for record in in_row:
                offset = _offset(dodges, record.get(spec.dodge) if spec.dodge else None)
                _draw_row(ax, record, y + offset, spec, labeller)
            y += 1 + extra / 2
    ax.set_yticks(ticks)
    ax.set_yticklabels(labels)
    for tick, is_bold in zip(ax.get_yticklabels(), bold, strict=True):
        if is_bold:
            tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(y - 0.5, -0.5)
    ax.grid(axis="x")
    ax.set_axisbelow(True)
    return ticks


def _row_tuples(labeller, table, columns) -> list[tuple]:
    if not columns:
        return [()]
    orders = [_levels(labeller, table, column) for column in columns]
    present = {tuple(row) for row in table[list(columns)].itertuples(index=False)}
    grid = [()]
    for order in orders:
        grid = [(*prefix, value) for prefix in grid for value in order]
    return [values for values in grid if values in present]


def _row_label(labeller, spec, values, in_row, block) -> str:
    names = [labeller.key(c, v) for c, v in zip(spec.rows, values, strict=True)]
    label = " · ".join(names) if names else labeller.key(spec.block, block)
    label = wrap(label, spec.wrap_width)
    shown = [r for r in in_row if not r["_hidden"] and "n" in r and pd.notna(r["n"])]
    if spec.show_n and len(in_row) == 1 and shown:
        label += f" ({labeller.text('n_equals', n=int(shown[0]['n']))})"
    return label


def _offset(dodges, level) -> float:
    if len(dodges) < 2 or level is None:
        return 0.0
    position = dodges.index(level)
    return (position / (len(dodges) - 1) - 0.5) * DODGE_SPAN


def record_key(record, spec) -> str:
    columns = [c for c in (spec.block, *spec.rows, spec.dodge) if c]
    return row_key(record[c] for c in columns)


def _draw_row(ax, record, y, spec, labeller):
    key = record_key(record, spec)
    if record["_hidden"]:
        transform = blended_transform_factory(ax.transAxes, ax.transData)
        label = labeller.text("suppressed", min_n=spec.min_n)
        mark_suppressed(ax, 0.5, y, label, key=key, transform=transform, fontsize=7)
        return
    value = record[spec.value]
    colour = spec.colour(record)
    if spec.low and spec.high and np.isfinite([record[spec.low], record[spec.high]]).all():
        ax.plot(
            [record[spec.low], record[spec.high]], [y, y], color=colour, lw=1.4, gid=f"ci:{key}"
        )
    if pd.notna(value):
        ax.plot(
            [value],
            [y],
            marker=spec.marker(record),
            fillstyle=spec.fill(record),
            markerfacecoloralt="white",
            color=colour,
            markersize=5.5,
            linestyle="none",
            gid=f"point:{key}",
        )


def clip_intervals(ax, low: float, high: float) -> list[str]:
    """Cut the intervals (``gid='ci:<key>'``) at `low` and `high` and mark each cut end
    with an arrow head (``gid='clipped:<key>'``), so that one wide interval does not
    stretch the axis; returns the keys of the cut intervals."""
    clipped = []
    for line in [line for line in ax.lines if (line.get_gid() or "").startswith("ci:")]:
        key = line.get_gid()[3:]
        start, end = line.get_xdata()
        y = line.get_ydata()[0]
        for value, limit, marker in ((start, low, "<"), (end, high, ">")):
            if (value < low and limit == low) or (value > high and limit == high):
                ax.plot(
                    [limit],
                    [y],
                    marker=marker,
                    color=line.get_color(),
                    markersize=4,
                    linestyle="none",
                    clip_on=False,
                    gid=f"clipped:{key}",
                )
                clipped.append(key)
        line.set_xdata([max(start, low), min(end, high)])
    ax.set_xlim(low, high)
    return clipped


def legend_handles(entries) -> list[Line2D]:
    """Legend proxies from (label, colour, marker[, style]) entries; a style is a dict of
    Line2D properties (e.g. ``{"fillstyle": "none"}``)."""
    return [
        Line2D([], [], color=colour, marker=marker, linestyle="none", label=label, **style)
        for label, colour, marker, *rest in entries
        for style in [rest[0] if rest else {}]
    ]
