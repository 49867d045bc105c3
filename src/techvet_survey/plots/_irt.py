"""Item response theory figures: item characteristic curves, information, Wright map."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from techvet_survey.codebook import Codebook
from techvet_survey.plots._common import as_list, checked_table, get_ax, get_fig
from techvet_survey.plots._labels import Labeller
from techvet_survey.plots._theme import OKABE_ITO, qualitative_colours, themed

THETA_GRID = np.linspace(-4.0, 4.0, 161)
LABEL_GAP = 0.035  # share of the location axis between two item labels of a column


def characteristic_curves(items: pd.DataFrame, theta=None) -> pd.DataFrame:
    """The fitted probability of a correct answer over a grid of abilities.

    Parameters
    ----------
    items : DataFrame or IRTResult
        ``IRTResult.items`` of :func:`techvet_survey.irt.fit` (``item``, ``a``, ``d``),
        or the result itself.
    theta : array-like, optional
        Abilities (logits); -4 to 4 by 0.05 by default.

    Returns
    -------
    DataFrame
        Long format: ``theta``, ``item``, ``probability``; items without estimates
        (NaN ``a``) are left out.

    Notes
    -----
    ``P_j(theta) = 1 / (1 + exp(-(a_j theta + d_j)))``, the model :func:`irt.fit`
    estimated, evaluated (no estimation here). R: ``mirt::probtrace``.

    Examples
    --------
    >>> table = pd.DataFrame({"item": ["t01"], "a": [1.0], "d": [0.0]})
    >>> characteristic_curves(table, theta=[-1, 0, 1])["probability"].round(4).tolist()
    [0.2689, 0.5, 0.7311]
    """
    if not isinstance(items, pd.DataFrame):
        items = getattr(items, "items", items)  # an IRTResult
    checked_table(items, ["item", "a", "d"], "items")
    grid = THETA_GRID if theta is None else np.atleast_1d(np.asarray(theta, dtype=float))
    usable = items.dropna(subset=["a", "d"])
    slopes, intercepts = usable["a"].to_numpy(), usable["d"].to_numpy()
    from scipy.special import expit  # scipy only when curves are asked for

    probability = expit(slopes[:, None] * grid[None, :] + intercepts[:, None])
    return pd.DataFrame(
        {
            "theta": np.tile(grid, len(usable)),
            "item": np.repeat(usable["item"].to_numpy(), grid.size),
            "probability": probability.ravel(),
        }
    )


def _area_colours(labeller: Labeller, items) -> dict:
    areas = labeller.book.test_areas.to_dict()
    order = list(labeller.book.raw["test"]["areas"])
    by_area = qualitative_colours([areas.get(i) for i in items], order)
    return {item: by_area[areas.get(item)] for item in items}


@themed
def item_curves(
    curves: pd.DataFrame,
    items=None,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    ax=None,
):
    """Item characteristic curves: probability correct against ability.

    Parameters
    ----------
    curves : DataFrame
        ``theta``, ``item``, ``probability`` (:func:`characteristic_curves`).
    items : sequence of str, optional
        The items drawn; all by default.
    codebook, lang, ax
        Items are coloured by competence area of the codebook's test; labels in `lang`.

    Returns
    -------
    matplotlib Axes
        One line per item, ``gid='icc:<item>'``, coloured by competence area; with two
        areas or more, a legend under the axes names the area of each colour.

    Notes
    -----
    R: ``mirt::itemplot(mod, j, type = "trace")``.

    Examples
    --------
    >>> items = pd.DataFrame({"item": ["t01"], "a": [1.2], "d": [0.3]})
    >>> item_curves(characteristic_curves(items), lang="et").get_ylabel()
    'Õige vastuse tõenäosus'
    """
    labeller = Labeller(codebook, lang)
    checked_table(curves, ["theta", "item", "probability"], "curves")
    items = as_list(items) or list(dict.fromkeys(curves["item"]))
    colours = _area_colours(labeller, items)
    ax = get_ax(ax, figsize=(6.0, 4.0))
    for item in items:
        rows = curves[curves["item"] == item]
        ax.plot(rows["theta"], rows["probability"], color=colours[item], lw=1.0, gid=f"icc:{item}")
    ax.axhline(0.5, color="#BFBFBF", lw=0.6, zorder=0)
    # where a curve crosses the line is the item's location on the ability scale
    ax.text(
        1.0,
        0.5,
        labeller.text("item_location_line"),
        transform=blended_transform_factory(ax.transAxes, ax.transData),
        ha="right",
        va="bottom",
        fontsize=7,
        color="#4D4D4D",
        gid="item-location-label",
    )
    ax.set_ylim(0, 1)
    ax.set_xlabel(labeller.text("ability"))
    ax.set_ylabel(labeller.text("probability_correct"))
    _area_legend(ax, labeller, items, colours)
    return ax


def _area_legend(ax, labeller: Labeller, items, colours: dict) -> None:
    """What the colours of the curves mean: one entry per competence area, under the axes."""
    areas = labeller.book.test_areas.to_dict()
    present = list(dict.fromkeys(areas.get(item) for item in items))
    if len(present) < 2:
        return
    first = {areas.get(item): item for item in reversed(items)}
    handles = [
        Line2D([], [], color=colours[first[area]], lw=1.5, label=labeller.test_area(area))
        for area in present
    ]
    ax.legend(
        handles=handles,
        title=labeller.text("test_area"),
        loc="upper center",
        bbox_to_anchor=(0.5, -0.16),
        ncols=2,
        alignment="left",
    )


@themed
def information_plot(
    test_info: pd.DataFrame,
    *,
    item_info: pd.DataFrame | None = None,
    codebook: Codebook | None = None,
    lang: str = "en",
    cut_theta: float | None = None,
    ax=None,
):
    """Test information and the standard error of ability over the ability scale.

    Parameters
    ----------
    test_info : DataFrame
        :func:`techvet_survey.irt.test_information`: ``theta``, ``information``, ``se``.
    item_info : DataFrame, optional
        :func:`techvet_survey.irt.item_information` (``theta``, ``item``,
        ``information``), drawn as thin grey lines (``gid='item-information:<item>'``).
    cut_theta : float, optional
        Ability at the Open Badge cut score, drawn as a vertical line
        (``gid='cut-score'``).
    codebook, lang, ax
        As in :func:`item_curves`.

    Returns
    -------
    matplotlib Axes
        The information axes (``gid='test-information'`` line); the standard error is
        on its twin axis (``gid='standard-error'``).

    Notes
    -----
    R: ``plot(mod, type = "infoSE")`` in mirt.

    Examples
    --------
    >>> info = pd.DataFrame({"theta": [-1.0, 0.0, 1.0], "information": [1.0, 2.0, 1.0],
    ...                      "se": [1.0, 0.7071, 1.0]})
    >>> information_plot(info, lang="lv").get_ylabel()
    'Testa informācija'
    """
    labeller = Labeller(codebook, lang)
    checked_table(test_info, ["theta", "information", "se"], "test_info")
    ax = get_ax(ax, figsize=(6.0, 4.0))
    if item_info is not None:
        checked_table(item_info, ["theta", "item", "information"], "item_info")
        for item, rows in item_info.groupby("item", sort=False):
            ax.plot(
                rows["theta"],
                rows["information"],
                color="#BFBFBF",
                lw=0.6,
                gid=f"item-information:{item}",
            )
    ax.plot(
        test_info["theta"],
        test_info["information"],
        color=OKABE_ITO[3],
        lw=1.8,
        gid="test-information",
    )
    twin = ax.twinx()
    twin.spines["right"].set_visible(True)
    twin.plot(
        test_info["theta"],
        test_info["se"],
        color=OKABE_ITO[4],
        lw=1.2,
        ls="--",
        gid="standard-error",
    )
    if cut_theta is not None:
        ax.axvline(cut_theta, color="#4D4D4D", lw=0.8, ls=":", gid="cut-score")
    ax.set_xlabel(labeller.text("ability"))
    ax.set_ylabel(labeller.text("information"), color=OKABE_ITO[3])
    twin.set_ylabel(labeller.text("standard_error"), color=OKABE_ITO[4])
    ax.set_ylim(bottom=0)
    twin.set_ylim(bottom=0)
    return ax


@themed
def wright_map_plot(
    data: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    bins: int = 25,
    fig=None,
):
    """Persons and items on one logit scale: ability histogram beside item difficulties.

    Parameters
    ----------
    data : DataFrame
        :func:`techvet_survey.irt.wright_map`: ``kind`` (``"person"`` / ``"item"``),
        ``label``, ``location``.
    bins : int
        Histogram bins of the person abilities.
    codebook, lang
        Items are placed in one column per competence area of the codebook's test.
    fig : matplotlib Figure, optional

    Returns
    -------
    matplotlib Figure
        Two Axes sharing the location axis: persons (histogram bars, x axis the number
        of test takers) and items (points ``gid='item:<label>'``, labels
        ``gid='item-label:<label>'`` moved apart where items lie close, with a leader
        line to their point).

    Notes
    -----
    R: ``WrightMap::wrightMap()``, ``eRm::plotPImap()``.

    Examples
    --------
    >>> data = pd.DataFrame({"kind": ["person", "person", "item"], "label": ["0", "1", "t01"],
    ...                      "location": [-0.5, 0.5, 0.1]})
    >>> [ax.get_title() for ax in wright_map_plot(data, bins=2).axes]
    ['Persons', 'Items']
    """
    labeller = Labeller(codebook, lang)
    checked_table(data, ["kind", "label", "location"])
    persons = data.loc[data["kind"] == "person", "location"].dropna().to_numpy()
    items = data[data["kind"] == "item"].dropna(subset=["location"])
    fig = get_fig(fig, figsize=(9.0, 5.5))
    left, right = fig.subplots(
        1, 2, sharey=True, gridspec_kw={"width_ratios": [1, 2.8], "wspace": 0.05}
    )
    left.hist(persons, bins=bins, orientation="horizontal", color=OKABE_ITO[1], gid="persons")
    left.invert_xaxis()
    left.set_title(labeller.text("persons"))
    left.set_ylabel(labeller.text("location"))
    areas = labeller.book.test_areas.to_dict()
    order = [
        a for a in labeller.book.raw["test"]["areas"] if a in {areas.get(i) for i in items["label"]}
    ]
    columns = {area: i for i, area in enumerate(order)}
    colours = _area_colours(labeller, list(items["label"]))
    for record in items.to_dict("records"):
        x = columns.get(areas.get(record["label"]), len(order))
        right.plot(
            [x],
            [record["location"]],
            "o",
            color=colours[record["label"]],
            ms=4,
            gid=f"item:{record['label']}",
        )
    low, high = left.get_ylim()
    gap = LABEL_GAP * (high - low)
    column_of = items["label"].map(lambda label: columns.get(areas.get(label), len(order)))
    for x, group in items.groupby(column_of.to_numpy(), sort=False):
        placed = spread(group["location"].to_numpy(dtype=float), gap)
        for label, location, y in zip(group["label"], group["location"], placed, strict=True):
            right.annotate(
                label,
                (x, location),
                xytext=(x + 0.12, y),
                textcoords="data",
                va="center",
                fontsize=6,
                arrowprops=(
                    {"arrowstyle": "-", "color": "#9A9A9A", "lw": 0.5, "shrinkA": 0, "shrinkB": 2}
                    if abs(y - location) > gap / 4
                    else None
                ),
                gid=f"item-label:{label}",
            )
    names = [labeller.test_area(area) for area in order]
    right.set_xticks(
        range(len(order)),
        ["\n".join(textwrap.wrap(name, 24, break_long_words=False)) for name in names],
        rotation=25,
        ha="right",
        rotation_mode="anchor",
    )
    right.tick_params(axis="x", labelsize=6.5)
    right.set_xlim(-0.5, max(len(order), 1) - 0.2)
    right.set_title(labeller.text("items"))
    right.tick_params(axis="y", left=False)
    right.spines["left"].set_visible(False)
    left.set_xlabel(labeller.text("n_persons"))
    return fig


def spread(locations, gap: float) -> np.ndarray:
    """Label heights for points at `locations`: as close to them as they can be while any
    two labels stay `gap` apart (the order of the points is kept).

    Examples
    --------
    >>> spread([0.0, 0.05, 1.0], 0.2).round(3).tolist()
    [-0.075, 0.125, 1.0]
    """
    locations = np.asarray(locations, dtype=float)
    order = np.argsort(locations, kind="stable")
    placed = locations[order].copy()
    # blocks of labels closer than `gap` are set `gap` apart around their mean
    blocks = [[value] for value in placed]
    merged: list[list[float]] = []
    for block in blocks:
        merged.append(block)
        while len(merged) > 1 and _top(merged[-2], gap) + gap > _bottom(merged[-1], gap):
            last = merged.pop()
            merged[-1] = merged[-1] + last
    heights = []
    for block in merged:
        start = _bottom(block, gap)
        heights += [start + index * gap for index in range(len(block))]
    result = np.empty_like(placed)
    result[order] = heights
    return result


def _bottom(block: list[float], gap: float) -> float:
    return float(np.mean(block)) - gap * (len(block) - 1) / 2


def _top(block: list[float], gap: float) -> float:
    return _bottom(block, gap) + gap * (len(block) - 1)
