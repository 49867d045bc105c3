"""Classical item analysis of the assessment test: difficulty vs discrimination, distractors."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from techvet_survey.codebook import Codebook
from techvet_survey.plots._common import as_list, checked_table, get_ax, get_fig
from techvet_survey.plots._labels import Labeller
from techvet_survey.plots._theme import OKABE_ITO, qualitative_colours, themed

DIFFICULTY_BAND = (0.2, 0.9)  # items outside are too hard or too easy for a mastery test
DISCRIMINATION_FLOOR = 0.2  # Ebel (1965): below .20 the item should be revised
LABEL_BOX = (0.045, 0.045)  # a label's width and height, shares of the axis ranges
_GROUP_COLUMN = re.compile(r"share_group_(\d+)$")


@themed
def item_analysis_plot(
    items: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    difficulty_band=DIFFICULTY_BAND,
    discrimination_floor: float = DISCRIMINATION_FLOOR,
    ax=None,
):
    """Difficulty against discrimination, one labelled point per test item.

    Parameters
    ----------
    items : DataFrame
        The output of :func:`techvet_survey.reliability.item_analysis` on 0/1 scores:
        ``item``, ``difficulty`` and ``item_rest_r``.
    codebook : Codebook, optional
        Colours by competence area come from its test items; the bundled codebook by
        default.
    lang : {"en", "fi", "et", "lv", "nl"}
        Language of every label.
    difficulty_band : (float, float)
        Shaded band of acceptable difficulty (``gid='difficulty-band'``).
    discrimination_floor : float
        Dashed line below which items are weak (``gid='threshold:<value>'``; Ebel's 0.2).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
        One point per item, ``gid='point:<item>'``; items without a difficulty (not
        scored 0/1) or a correlation (no variance) are left out.

    Notes
    -----
    R: ``plot(difficulty, r.drop)`` from ``psych::alpha`` / ``CTT::itemAnalysis``.

    Examples
    --------
    >>> items = pd.DataFrame({"item": ["t01", "t02"], "difficulty": [0.8, 0.4],
    ...                       "item_rest_r": [0.4, 0.1]})
    >>> item_analysis_plot(items, lang="nl").get_xlabel()
    'Moeilijkheid (aandeel goed)'
    """
    labeller = Labeller(codebook, lang)
    checked_table(items, ["item", "difficulty", "item_rest_r"], "items")
    ax = get_ax(ax, figsize=(6.5, 4.5))
    areas = labeller.book.test_areas.to_dict()
    area_order = list(labeller.book.raw["test"]["areas"])
    colours = qualitative_colours([areas.get(i) for i in items["item"]], area_order)
    ax.axvspan(*difficulty_band, color="#F2F2F2", zorder=0, gid="difficulty-band")
    ax.axhline(
        discrimination_floor,
        color="#7F7F7F",
        lw=0.8,
        ls="--",
        gid=(f"threshold:{discrimination_floor:g}"),
    )
    drawn = items.dropna(subset=["difficulty", "item_rest_r"])
    for record in drawn.to_dict("records"):
        colour = colours[areas.get(record["item"])]
        x, y = record["difficulty"], record["item_rest_r"]
        ax.plot([x], [y], "o", color=colour, markersize=5, gid=f"point:{record['item']}")
    ax.set_xlim(0, 1)
    _label_points(ax, drawn)
    ax.set_xlabel(labeller.text("difficulty"))
    ax.set_ylabel(labeller.text("discrimination"))
    shown = [a for a in area_order if a in {areas.get(i) for i in drawn["item"]}]
    handles = [
        ax.plot([], [], "o", color=colours[a], label=labeller.test_area(a))[0] for a in shown
    ]
    low, high = difficulty_band
    handles += [
        Patch(color="#F2F2F2", label=labeller.text("difficulty_band", low=low, high=high)),
        Line2D(
            [],
            [],
            color="#7F7F7F",
            lw=0.8,
            ls="--",
            label=labeller.text("discrimination_floor", value=discrimination_floor),
        ),
    ]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def _label_points(ax, drawn: pd.DataFrame) -> None:
    """Each item's id beside its point (``gid='item-label:<item>'``), boxes kept apart."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    width, height = LABEL_BOX[0] * (x1 - x0), LABEL_BOX[1] * (y1 - y0)
    points = drawn[["difficulty", "item_rest_r"]].to_numpy(dtype=float)
    for (x, y), (lx, ly), item in zip(
        points, place_labels(points, width, height), drawn["item"], strict=True
    ):
        moved = abs(ly - y) > 0.6 * height  # stepped up: a leader line to the point
        ax.annotate(
            str(item),
            (x, y),
            xytext=(lx, ly),
            textcoords="data",
            fontsize=7,
            va="center",
            ha="left" if lx >= x else "right",
            arrowprops={"arrowstyle": "-", "color": "#9A9A9A", "lw": 0.5} if moved else None,
            gid=f"item-label:{item}",
        )


def place_labels(points, width: float, height: float) -> list[tuple[float, float]]:
    """Anchors of labels `width` x `height` beside `points`, none on another label or on
    another point: each label tries the four corners of its point, then steps up, in
    order of the points' height.

    Returns, per point, the label's anchor (left or right edge, vertical centre).

    Examples
    --------
    Two close points get their labels on their far sides:

    >>> place_labels([(0.5, 0.5), (0.55, 0.5)], 0.1, 0.05)
    [(0.49, 0.525), (0.56, 0.525)]
    """
    pad = width / 10
    radius = (width / 5, height / 3)  # the markers are obstacles too
    marks = [(x - radius[0], x + radius[0], y - radius[1], y + radius[1]) for x, y in points]
    placed: list[tuple[float, float, float, float]] = []  # x0, x1, y0, y1 of the boxes
    anchors: list[tuple[float, float] | None] = [None] * len(points)
    order = sorted(range(len(points)), key=lambda i: (points[i][1], points[i][0]))
    for index in order:
        x, y = points[index]
        candidates = [
            (x + pad, y + height / 2, 1),
            (x + pad, y - height / 2, 1),
            (x - pad, y + height / 2, -1),
            (x - pad, y - height / 2, -1),
        ]
        candidates += [(x + pad, y + height / 2 + step * height, 1) for step in range(1, 20)]
        for ax_, ay, side in candidates:
            box = (ax_, ax_ + width, ay - height / 2, ay + height / 2)
            if side < 0:
                box = (ax_ - width, ax_, box[2], box[3])
            others = [mark for j, mark in enumerate(marks) if j != index]
            if not any(_overlap(box, other) for other in [*placed, *others]):
                placed.append(box)
                anchors[index] = (round(ax_, 12), round(ay, 12))
                break
        else:
            anchors[index] = (x + pad, y + height / 2)
    return anchors


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _group_columns(table: pd.DataFrame) -> list[str]:
    columns = [c for c in table.columns if _GROUP_COLUMN.match(str(c))]
    if not columns:
        raise KeyError(
            "`table` has no `share_group_<k>` columns; pass the output of "
            "reliability.distractor_analysis."
        )
    return sorted(columns, key=lambda c: int(_GROUP_COLUMN.match(c).group(1)))


def _group_labels(labeller: Labeller, k: int) -> list[str]:
    if k == 3:
        return [labeller.text(word) for word in ("low", "middle", "high")]
    if k == 2:
        return [labeller.text(word) for word in ("low", "high")]
    return [str(g) for g in range(1, k + 1)]


@themed
def distractor_plot(
    table: pd.DataFrame,
    items=None,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    ncols: int = 4,
    fig=None,
):
    """Option trace lines: the share choosing each option in each score group.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`techvet_survey.reliability.distractor_analysis`:
        ``item``, ``option``, ``is_key`` and ``share_group_1`` ... ``share_group_<k>``.
    items : sequence of str, optional
        The items shown (one small panel each); all by default.
    codebook, lang
        As in :func:`item_analysis_plot`.
    ncols : int
        Panels per row.
    fig : matplotlib Figure, optional

    Returns
    -------
    matplotlib Figure
        One Axes per item (title: the item id and its key); each option a line with
        ``gid='option:<item>|<option>'``, the key solid and thick, distractors dashed;
        one legend under the panels for all of them (the colour of each option, the
        line of the key and of a distractor).

    Notes
    -----
    A working key rises from the low to the high group and a working distractor falls
    (R: ``CTT::distractor.analysis``, ``psychometric::item.exam``).

    Examples
    --------
    >>> table = pd.DataFrame({"item": "t01", "option": ["A", "B"], "is_key": [True, False],
    ...                       "share_group_1": [0.4, 0.6], "share_group_2": [0.9, 0.1]})
    >>> fig = distractor_plot(table)
    >>> [label.get_text() for label in fig.axes[0].get_xticklabels()]
    ['Low', 'High']
    """
    labeller = Labeller(codebook, lang)
    checked_table(table, ["item", "option", "is_key"])
    groups = _group_columns(table)
    items = as_list(items) or list(dict.fromkeys(table["item"]))
    options = sorted(table["option"].dropna().unique(), key=str)
    colours = {option: OKABE_ITO[i % len(OKABE_ITO)] for i, option in enumerate(options)}
    nrows = int(np.ceil(len(items) / ncols))
    fig = get_fig(fig, figsize=(2.2 * min(ncols, len(items)) + 0.6, 1.9 * nrows + 0.8))
    axes = fig.subplots(nrows, min(ncols, len(items)), sharex=True, sharey=True, squeeze=False)
    x = np.arange(1, len(groups) + 1)
    key_word = labeller.text("key")
    for ax, item in zip(axes.ravel(), items, strict=False):
        rows = table[table["item"] == item]
        if rows.empty:
            raise KeyError(f"`items` names {item!r}, which `table` lacks.")
        for record in rows.to_dict("records"):
            key = bool(record["is_key"])
            ax.plot(
                x,
                [record[c] for c in groups],
                color=colours[record["option"]],
                lw=2.0 if key else 1.0,
                ls="-" if key else "--",
                marker="o",
                markersize=3,
                gid=f"option:{item}|{record['option']}",
            )
        keys = ", ".join(str(option) for option in rows.loc[rows["is_key"].astype(bool), "option"])
        ax.set_title(f"{item} ({key_word} {keys})" if keys else str(item), loc="left")
        ax.set_ylim(0, 1)
        ax.set_xticks(x, _group_labels(labeller, len(groups)))
    for ax in axes.ravel()[len(items) :]:
        ax.set_visible(False)
    for ax in axes.ravel()[max(len(items) - min(ncols, len(items)), 0) : len(items)]:
        ax.xaxis.set_tick_params(labelbottom=True)  # the lowest panel of each column
    height = fig.get_figheight()
    fig.subplots_adjust(hspace=0.45, bottom=0.55 / height, top=1 - 0.25 / height)
    fig.supxlabel(labeller.text("score_group"), fontsize=9)
    fig.supylabel(labeller.text("share_choosing"), fontsize=9)
    handles = [
        Line2D([], [], color=colours[option], marker="o", markersize=3, lw=1.5, label=str(option))
        for option in options
    ]
    handles += [
        Line2D([], [], color="#4D4D4D", lw=2.0, ls="-", label=labeller.text("key_line")),
        Line2D([], [], color="#4D4D4D", lw=1.0, ls="--", label=labeller.text("distractor_line")),
    ]
    fig.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=len(handles),
        title=labeller.text("answer_option"),
    )
    return fig
