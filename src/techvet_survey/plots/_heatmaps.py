"""Heatmaps: the drawing engine and the item-by-country agreement map."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from techvet_survey.codebook import Codebook
from techvet_survey.plots._common import as_list, checked_table, get_ax, row_key, suppressed_mask
from techvet_survey.plots._labels import Labeller, wrap
from techvet_survey.plots._theme import SUPPRESSED_COLOUR, text_colour, themed
from techvet_survey.privacy import DEFAULT_MIN_N

ROW_INCHES = 0.4  # height of a heatmap row
LINE_INCHES = 0.135  # a line of 8 pt row label, with its leading


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def grid(
    table: pd.DataFrame, rows: str, columns: Sequence[str], value: str, labeller: Labeller
) -> tuple[list, list[tuple], np.ndarray, np.ndarray]:
    """Row levels, column tuples, the value matrix and the suppressed matrix of `table`."""
    duplicated = table.duplicated([rows, *columns])
    if duplicated.any():
        first = table.loc[duplicated, [rows, *columns]].iloc[0].to_dict()
        raise ValueError(
            f"`table` has more than one row for {first}. Filter it to one row per "
            f"{rows} and {', '.join(columns)}, or pass more `columns`."
        )
    row_levels = labeller.order(rows, table[rows])
    column_levels = _column_tuples(table, columns, labeller)
    values = np.full((len(row_levels), len(column_levels)), np.nan)
    hidden = np.zeros(values.shape, dtype=bool)
    row_index = {level: i for i, level in enumerate(row_levels)}
    column_index = {level: j for j, level in enumerate(column_levels)}
    masks = suppressed_mask(table)
    for record, mask in zip(table.to_dict("records"), masks, strict=True):
        i = row_index[record[rows]]
        j = column_index[tuple(record[c] for c in columns)]
        values[i, j] = record[value]
        hidden[i, j] = mask
    return row_levels, column_levels, values, hidden


def _column_tuples(table, columns, labeller) -> list[tuple]:
    present = {tuple(r) for r in table[list(columns)].itertuples(index=False)}
    combos = [()]
    for column in columns:
        combos = [(*c, v) for c in combos for v in labeller.order(column, table[column])]
    return [c for c in combos if c in present]


def draw_heatmap(
    ax,
    values: np.ndarray,
    hidden: np.ndarray,
    *,
    row_keys: Sequence,
    column_keys: Sequence,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    fmt: Callable[[float], str],
    vmin: float,
    vmax: float,
    colourbar_label: str,
    labeller: Labeller,
    min_n: int,
    cmap: str = "Blues",
    texts: dict | None = None,
):
    """Cells coloured by value with their value written in; suppressed cells hatched.

    The image is a masked array (suppressed and missing cells masked); each value
    written in has ``gid='cell:<row>|<column>'`` (the text of `texts` under its key
    where given, else ``fmt(value)``), each suppressed cell is a hatched Rectangle with
    ``gid='suppressed:<row>|<column>'`` and the ``n < 5`` mark
    (``gid='suppressed-mark:<row>|<column>'``), explained in a note under the map.
    """
    texts = texts or {}
    masked = np.ma.masked_where(hidden | ~np.isfinite(values), values)
    image = ax.imshow(masked, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    image.set_gid("heatmap")
    colormap, norm = mpl.colormaps[cmap], mpl.colors.Normalize(vmin, vmax)
    for i, row in enumerate(row_keys):
        for j, column in enumerate(column_keys):
            key = row_key([row, column])
            if hidden[i, j]:
                ax.add_patch(
                    Rectangle(
                        (j - 0.5, i - 0.5),
                        1,
                        1,
                        facecolor="none",
                        edgecolor=SUPPRESSED_COLOUR,
                        hatch="///",
                        linewidth=0,
                        gid=f"suppressed:{key}",
                    )
                )
                ax.text(
                    j,
                    i,
                    labeller.text("suppressed", min_n=min_n),
                    ha="center",
                    va="center",
                    fontsize=6.5,
                    fontstyle="italic",
                    color="#4D4D4D",
                    gid=f"suppressed-mark:{key}",
                )
            elif np.isfinite(values[i, j]):
                background = mpl.colors.to_hex(colormap(norm(values[i, j])))
                ax.text(
                    j,
                    i,
                    texts.get(key, fmt(values[i, j])),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color=text_colour(background),
                    gid=f"cell:{key}",
                )
    ax.set_xticks(range(len(column_labels)), column_labels)
    if len(column_labels) > 4:
        ax.tick_params(axis="x", labelrotation=45)
        for tick in ax.get_xticklabels():
            tick.set_horizontalalignment("left")
            tick.set_rotation_mode("anchor")
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label(colourbar_label)
    bar.outline.set_visible(False)
    if hidden.any():
        ax.text(
            0.0,
            -0.02,
            labeller.text("suppressed_cells_note", min_n=min_n),
            transform=ax.transAxes,
            va="top",
            fontsize=7,
            color=SUPPRESSED_COLOUR,
            fontstyle="italic",
            gid="suppressed-note",
        )
    return image


def column_label(labeller: Labeller, columns: Sequence[str], values: tuple) -> str:
    return "\n".join(labeller.key(c, v) for c, v in zip(columns, values, strict=True))


def tidy_heatmap(
    ax,
    table,
    rows,
    columns,
    value,
    labeller,
    *,
    row_label,
    fmt,
    vmax,
    min_n,
    cmap="Blues",
    text=None,
):
    """A heatmap of `value` from a tidy table: `rows` down, the `columns` across; the
    column `text`, when given, holds what each cell shows (else ``fmt(value)``).

    A new figure sized to the grid is made when `ax` is None; returns the Axes.
    """
    levels, cols, values, hidden = grid(table, rows, columns, value, labeller)
    texts = None
    if text is not None:
        texts = {
            row_key([record[rows], row_key(record[c] for c in columns)]): record[text]
            for record in table.to_dict("records")
        }
    lines = max((str(row_label(r)).count("\n") + 1 for r in levels), default=1)
    row_inches = max(ROW_INCHES, LINE_INCHES * lines + 0.05)  # no label runs into the next
    ax = get_ax(ax, figsize=(1.0 * len(cols) + 4.5, row_inches * len(levels) + 1.5))
    draw_heatmap(
        ax,
        values,
        hidden,
        row_keys=levels,
        column_keys=[row_key(c) for c in cols],
        row_labels=[row_label(r) for r in levels],
        column_labels=[column_label(labeller, columns, c) for c in cols],
        fmt=fmt,
        vmin=0.0,
        vmax=vmax if vmax is not None else upper_limit(values),
        colourbar_label=labeller.text(value),
        labeller=labeller,
        min_n=min_n,
        cmap=cmap,
        texts=texts,
    )
    return ax


def upper_limit(values: np.ndarray) -> float:
    """The top of the colour scale of counts: the largest count, at least 1."""
    return max(float(np.nanmax(values, initial=0)), 1.0)


@themed
def agreement_heatmap(
    table: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    item: str | None = None,
    columns="country",
    min_n: int = DEFAULT_MIN_N,
    wrap_width: int = 50,
    ax=None,
):
    """Share agreeing (top-2 box) per item and country, as a heatmap.

    Parameters
    ----------
    table : DataFrame
        One row per item and country: the item column (``item``, or ``variable`` as
        :func:`techvet_survey.compare.describe` with ``top_box=(4, 5)`` names it),
        ``country`` (or the `columns`), ``agree_share`` and optionally ``suppressed``.
    codebook : Codebook, optional
        Labels; the bundled codebook by default.
    lang : {"en", "fi", "et", "lv", "nl"}
        Language of every label.
    item : str, optional
        The item column, when neither ``item`` nor ``variable``.
    columns : str or sequence of str
        The column(s) across: ``"country"`` or e.g. ``["country", "group"]``.
    min_n : int
        The small-cell threshold `table` was suppressed with, for the note.
    wrap_width : int
        Item texts are wrapped at this many characters.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    R: ``ggplot2::geom_tile()`` with ``geom_text()``.

    Examples
    --------
    >>> table = pd.DataFrame({"item": "gw1", "country": ["FI", "NL"],
    ...                       "agree_share": [0.75, 0.5]})
    >>> ax = agreement_heatmap(table, lang="nl")
    >>> [label.get_text() for label in ax.get_xticklabels()]
    ['Finland', 'Nederland']
    """
    labeller = Labeller(codebook, lang)
    item = item or ("item" if "item" in table.columns else "variable")
    columns = as_list(columns)
    checked_table(table, [item, *columns, "agree_share"])
    return tidy_heatmap(
        ax,
        table,
        item,
        columns,
        "agree_share",
        labeller,
        row_label=lambda r: wrap(labeller.item(r), wrap_width),
        fmt=percent,
        vmax=1.0,
        min_n=min_n,
    )
