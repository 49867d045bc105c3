"""Diverging stacked bars of Likert items (Heiberger & Robbins 2014)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory
from mpl_toolkits.axes_grid1 import make_axes_locatable

from techvet_survey._validation import check_argument
from techvet_survey.codebook import Codebook
from techvet_survey.plots._common import as_list, get_ax, get_fig, mark_suppressed, row_key
from techvet_survey.plots._labels import Labeller, wrap
from techvet_survey.plots._likert_data import MISSING_SUFFIX, likert_shares, resolve_scale
from techvet_survey.plots._response_scale import ResponseScale
from techvet_survey.plots._theme import agreement_colours, missing_colours, text_colour, themed
from techvet_survey.privacy import DEFAULT_MIN_N

CENTERS = ("neutral", "between")
SORTS = ("agreement", None)
BAR_HEIGHT = 0.72
HEADER_LINE = 0.4  # rows of height 1 are 0.3 in; a line of 8 pt text is about 0.12 in
ROW_INCHES = 0.3
TOTALS_ROOM = 0.14  # x room (share units) beside the bars for the totals


@themed
def likert_bars(
    data: pd.DataFrame,
    items,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    by=None,
    facet=None,
    center: str = "neutral",
    sort: str | None = "agreement",
    label_threshold: float = 0.05,
    show_n: bool = True,
    min_n: int = DEFAULT_MIN_N,
    response_scale: str | ResponseScale | None = None,
    labels=None,
    missing_codes=None,
    item_labels=None,
    show_totals: bool = True,
    missing_reasons: pd.DataFrame | None = None,
    wrap_width: int = 45,
    ax=None,
    fig: Figure | None = None,
) -> Figure:
    """Diverging stacked bars of Likert items, by group, with don't know / N/A apart.

    Parameters
    ----------
    data : DataFrame
        Wide data (one row per respondent, item columns holding answer codes, missing
        codes or NaN); see :func:`likert_shares` for the missing reasons
        (``<item>__missing`` columns, `missing_reasons` or `missing_codes`).
    items : sequence of str
        Item columns, labelled with their codebook text in `lang` (by their column
        name when the codebook does not know them).
    codebook : Codebook, optional
        Labels; the bundled codebook by default.
    lang : {"en", "fi", "et", "lv", "nl"}
        Language of every label.
    by : str or sequence of str, optional
        Group columns compared within each item (one bar per group, e.g. ``"country"``).
    facet : str or sequence of str, optional
        One panel per level (e.g. ``"group"``), stacked on a shared x axis.
    center : {"neutral", "between"}
        ``"neutral"``: the middle category straddles zero (half its share on each
        side). ``"between"``: zero lies between the disagreeing and agreeing halves; on
        an odd scale the middle category is then drawn apart, in a panel of its own.
        An even scale has no middle category: zero lies between its two middle
        categories either way.
    sort : {"agreement", None}
        Items by their share agreeing in the whole data (highest first), or as given.
    label_threshold : float
        Segments with a smaller share get no percentage label.
    show_n : bool
        Add the number of valid answers to each bar's label.
    min_n : int
        Bars with fewer valid answers are not drawn; ``n < min_n`` marks their place.
    response_scale : str or ResponseScale, optional
        The answer scale: a codebook response scale by name, or a
        :class:`ResponseScale` (any k-point scale, 2 to 11 categories); by default
        the one the codebook gives the items (they must share it).
    labels : sequence of str or mapping of int to str, optional
        Any data, no codebook: the answer labels, lowest first (codes 1..k), or a
        ``{code: label}`` dict; the legend shows them as given.
    missing_codes : sequence of int or mapping of int to str, optional
        With `labels`: codes in the item columns that are no answer on the scale,
        drawn in the panel on the right (``[8, 9]``: don't know;
        ``{8: "Don't know", 9: "Refused"}``: each apart under its label).
    item_labels : mapping of str to str, optional
        Item texts by column (the questionnaire wording), in place of the codebook's
        text or the column name.
    show_totals : bool
        Write the share disagreeing (left) and agreeing (right) beside each bar, the
        middle category excluded.
    missing_reasons : DataFrame, optional
        Long-form missing reasons (see :func:`likert_shares`).
    wrap_width : int
        Item texts are wrapped at this many characters (0: no wrapping).
    ax : matplotlib Axes, optional
        Draw here (no `facet`); side panels are split off its right edge.
    fig : matplotlib Figure, optional
        Draw on this figure (cleared first).

    Returns
    -------
    matplotlib Figure
        The figure. Each answer segment is a Rectangle with ``gid``
        ``"likert:<panel>|<item>|<group>|<category>"``; its width is the share of
        :func:`likert_shares`.

    Notes
    -----
    The chart of Heiberger and Robbins [1]_ (R: ``HH::likert``,
    ``ggstats::gglikert``). Shares of the answer categories add up to 1 over the valid
    answers; don't know and not applicable are shares of all answers with a reason
    and are drawn in a panel on the right, so they are visible but do not shift the
    diverging bars.

    References
    ----------
    .. [1] Heiberger, R. M., & Robbins, N. B. (2014). Design of diverging stacked bar
       charts for Likert scales and other applications. Journal of Statistical
       Software, 57(5), 1-32.

    Examples
    --------
    >>> import numpy as np
    >>> frame = pd.DataFrame({"gw1": [1, 2, 4, 5, 5, 3], "gw2": [4, 4, 5, 2, 3, np.nan]})
    >>> fig = likert_bars(frame, ["gw1", "gw2"], lang="nl", wrap_width=0, min_n=0)
    >>> [label.get_text()[-7:] for label in fig.axes[0].get_yticklabels()]  # gw2 agrees more
    ['(n = 5)', '(n = 6)']

    Any data: a 6-point scale by gender, without the codebook (zero lies between the
    third and fourth category):

    >>> own = pd.DataFrame({"A2": [6, 5, 4, 2, 6, 3], "A3": [5, 5, 1, 4, 6, 6],
    ...                     "gender": ["f", "m", "f", "m", "f", "m"]})
    >>> fig = likert_bars(own, ["A2", "A3"], by="gender", min_n=0,
    ...                   labels=["Very inaccurate", "Moderately inaccurate",
    ...                           "Slightly inaccurate", "Slightly accurate",
    ...                           "Moderately accurate", "Very accurate"])
    >>> [text.get_text() for text in fig.legends[0].get_texts()][:2]
    ['Very inaccurate', 'Moderately inaccurate']
    """
    check_argument("center", CENTERS, center)
    check_argument("sort", SORTS, sort)
    if not 0 <= label_threshold <= 1:
        raise ValueError(f"`label_threshold` must lie in [0, 1]; got {label_threshold!r}.")
    labeller = Labeller(codebook, lang, item_labels)
    by, facet = as_list(by), as_list(facet)
    scale = resolve_scale(
        labeller.book, as_list(items), response_scale, labels, missing_codes, labeller.lang
    )
    if ax is not None and (fig is not None or facet):
        raise ValueError(
            "`ax` draws one panel: drop `ax` and pass `fig=` for a faceted figure, or use "
            "either `ax` or `fig`."
        )
    shares = likert_shares(
        data,
        items,
        by=[*facet, *by],
        codebook=labeller.book,
        response_scale=scale,
        missing_reasons=missing_reasons,
        min_n=min_n,
    )
    codes = list(scale.codes)
    layout = _Layout(shares, list(items), by, facet, codes, center, labeller, (scale, wrap_width))
    if sort == "agreement":
        layout.items = _by_agreement(data, list(items), codes, labeller.book, scale)
    given_reasons = (
        missing_reasons is not None
        or any(f"{item}{MISSING_SUFFIX}" in data.columns for item in items)
        or bool(
            scale.missing_codes and data[list(items)].isin(list(scale.missing_codes)).any().any()
        )
    )
    panels = layout.panels()
    mains = _main_axes(panels, layout, ax, fig)
    style = _Style(label_threshold, show_n, min_n, wrap_width, show_totals)
    sides = layout.side_categories(given_reasons)
    side_axes = []
    for main, panel in zip(mains, panels, strict=True):
        rows = layout.rows(panel)
        _draw_main(main, rows, layout, style, panel)
        divider = make_axes_locatable(main)
        side_axes.append(
            [_draw_side(divider, main, rows, layout, style, panel, group) for group in sides]
        )
    _finish(mains, side_axes, layout, labeller, style)
    return mains[0].figure


class _Style:
    def __init__(self, label_threshold, show_n, min_n, wrap_width, show_totals):
        self.show_totals = show_totals
        self.label_threshold = label_threshold
        self.show_n = show_n
        self.min_n = min_n
        self.wrap_width = wrap_width


class _Layout:
    """Which bars go in which panel and row, and where each segment starts."""

    def __init__(self, shares, items, by, facet, codes, center, labeller, options):
        self.shares = shares
        self.scale, self.wrap_width = options
        self.items = items
        self.by = by
        self.facet = facet
        self.codes = codes
        self.center = center
        self.labeller = labeller
        k = len(codes)
        if k % 2 == 0:
            center = self.center = "between"  # no middle category: zero between the halves
        self.apart = [str(codes[k // 2])] if center == "between" and k % 2 else []
        self.diverging = [str(code) for code in codes if str(code) not in self.apart]
        self._rows: dict[tuple, list[dict]] = {}
        self._bars = {}
        keys = [*facet, "item", *by]
        for key, bar in shares.groupby(keys, sort=False):
            self._bars[tuple(key)] = {
                "share": dict(zip(bar["category"], bar["share"], strict=True)),
                "n": int(bar["n"].iloc[0]),
                "suppressed": bool(bar["suppressed"].iloc[0]),
            }

    def levels(self, columns) -> list[tuple]:
        if not columns:
            return [()]
        frame = self.shares[columns].drop_duplicates()
        ordered = [self.labeller.order(column, frame[column]) for column in columns]
        rank = {
            column: {value: i for i, value in enumerate(order)}
            for column, order in zip(columns, ordered, strict=True)
        }
        tuples = [tuple(row) for row in frame.itertuples(index=False)]
        return sorted(tuples, key=lambda t: [rank[c][v] for c, v in zip(columns, t, strict=True)])

    def panels(self) -> list[tuple]:
        return self.levels(self.facet)

    def label(self, columns, values) -> str:
        return " · ".join(self.labeller.key(c, v) for c, v in zip(columns, values, strict=True))

    def rows(self, panel: tuple) -> list[dict]:
        """Rows of a panel, top to bottom: a header per item (with `by`), then its bars."""
        if panel not in self._rows:
            rows = []
            groups = self.levels(self.by)
            for item in self.items:
                if self.by:
                    rows.append({"kind": "header", "item": item, "group": ()})
                for group in groups:
                    bar = self._bars.get((*panel, item, *group))
                    if bar is not None:
                        rows.append({"kind": "bar", "item": item, "group": group, **bar})
            top = 0.0
            for row in rows:
                height = 1.0
                if row["kind"] == "header" or not self.by:
                    # the item text labels the row: room for all its lines
                    lines = wrap(self.labeller.item(row["item"]), self.wrap_width).count("\n") + 1
                    height = HEADER_LINE * lines + 0.3
                    if row["kind"] == "bar":
                        height = max(1.0, HEADER_LINE * lines + 0.15)
                row["y"], row["height"] = top + height / 2, height
                top += height
            self._rows[panel] = rows
        return self._rows[panel]

    def side_categories(self, given_reasons: bool) -> list[list[str]]:
        """The categories of each side panel: the middle one (if apart), the reasons."""
        panels = [self.apart] if self.apart else []
        if given_reasons:
            missing = self.shares.loc[self.shares["kind"] == "missing", "category"]
            panels.append(list(dict.fromkeys(missing)))
        return panels

    def lefts(self, share: dict) -> dict[str, float]:
        """Left edge of each diverging segment so that zero sits at the centre."""
        categories = self.diverging
        widths = np.array([share[c] for c in categories])
        half = len(categories) // 2
        if self.center == "neutral":
            offset = -(widths[:half].sum() + widths[half] / 2)
        else:
            offset = -widths[:half].sum()
        edges = offset + np.concatenate([[0.0], np.cumsum(widths)[:-1]])
        return dict(zip(categories, edges, strict=True))


def _by_agreement(data, items, codes, book, scale) -> list[str]:
    """Items ordered by their share agreeing (top half of the scale), highest first."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        pooled = likert_shares(data, items, codebook=book, response_scale=scale, min_n=0)
    agreeing = [str(code) for code in codes[(len(codes) + 1) // 2 :]]
    share = pooled[pooled["category"].isin(agreeing)].groupby("item", sort=False)["share"].sum()
    rank = {item: -share.get(item, 0.0) for item in items}
    return sorted(items, key=lambda item: rank[item])


def _depth(rows) -> float:
    return rows[-1]["y"] + rows[-1]["height"] / 2 if rows else 1.0


def _main_axes(panels, layout, ax, fig) -> list:
    if ax is not None:
        return [get_ax(ax)]
    depths = [_depth(layout.rows(panel)) for panel in panels]
    gap, margin = 0.45, 0.35  # inches between panels (title) and above / below
    height = ROW_INCHES * sum(depths) + gap * len(panels) + 2 * margin
    figure = get_fig(fig, figsize=(8.0, height))
    grid = figure.add_gridspec(
        len(panels),
        1,
        height_ratios=depths,
        hspace=gap / (ROW_INCHES * sum(depths) / len(panels)),
        top=1 - margin / height,
        bottom=margin / height,
    )
    first = figure.add_subplot(grid[0])
    return [first] + [figure.add_subplot(grid[i], sharex=first) for i in range(1, len(panels))]


def _segment_id(panel, row, category) -> str:
    return row_key([row_key(panel), row["item"], row_key(row["group"]), category])


def _tick_label(row, layout, style) -> str:
    if row["kind"] == "header":
        return wrap(layout.labeller.item(row["item"]), style.wrap_width)
    if layout.by:
        label = layout.label(layout.by, row["group"])
    else:
        label = wrap(layout.labeller.item(row["item"]), style.wrap_width)
    if style.show_n and not row["suppressed"]:
        label += f" ({layout.labeller.text('n_equals', n=row['n'])})"
    return label


def _draw_segments(axis, bars, categories, colours, style, panel):
    """Segments of `bars` (rows with their left edges), one Rectangle each.

    Each Rectangle gets the gid ``likert:<panel>|<item>|<group>|<category>`` and, when
    its share reaches the threshold, a percentage label with gid ``pct:...``.
    """
    for category in categories:
        for row, lefts in bars:
            width = row["share"][category]
            if not np.isfinite(width):
                continue
            key = _segment_id(panel, row, category)
            # Rectangles added directly: exact widths, no autoscaling (limits are set once)
            axis.add_artist(
                Rectangle(
                    (lefts[category], row["y"] - BAR_HEIGHT / 2),
                    width,
                    BAR_HEIGHT,
                    facecolor=colours[category],
                    linewidth=0,
                    gid=f"likert:{key}",
                )
            )
            if width >= style.label_threshold and width > 0:
                axis.text(
                    lefts[category] + width / 2,
                    row["y"],
                    f"{width * 100:.0f}%",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color=text_colour(colours[category]),
                    gid=f"pct:{key}",
                )


def _answer_colours(layout) -> dict[str, str]:
    codes = [str(code) for code in layout.codes]
    return dict(zip(codes, agreement_colours(len(codes)), strict=True))


def _drawable(rows):
    return [row for row in rows if row["kind"] == "bar" and not row["suppressed"]]


def _draw_main(axis, rows, layout, style, panel):
    for row in rows:
        if row["kind"] == "bar" and row["suppressed"]:
            key = row_key([row_key(panel), row["item"], row_key(row["group"])])
            label = layout.labeller.text("suppressed", min_n=style.min_n)
            mark_suppressed(axis, 0.0, row["y"], label, key=key, fontsize=7)
    bars = [(row, layout.lefts(row["share"])) for row in _drawable(rows)]
    _draw_segments(axis, bars, layout.diverging, _answer_colours(layout), style, panel)
    if style.show_totals:
        _draw_totals(axis, rows, layout, panel)
    axis.axvline(0, color="#4D4D4D", linewidth=0.8, zorder=3)
    axis.set_yticks([row["y"] for row in rows])
    axis.set_yticklabels([_tick_label(row, layout, style) for row in rows])
    for tick, row in zip(axis.get_yticklabels(), rows, strict=True):
        if row["kind"] == "header":
            tick.set_fontweight("bold")
    axis.tick_params(axis="y", length=0)
    axis.set_ylim(_depth(rows), 0)
    axis.spines["left"].set_visible(False)
    if layout.facet:
        axis.set_title(layout.label(layout.facet, panel), loc="left")


def _draw_totals(axis, rows, layout, panel):
    """Share disagreeing at the left edge, agreeing at the right (gid ``total:...``)."""
    codes = [str(code) for code in layout.codes]
    halves = {"disagree": codes[: len(codes) // 2], "agree": codes[(len(codes) + 1) // 2 :]}
    transform = blended_transform_factory(axis.transAxes, axis.transData)
    for row in _drawable(rows):
        for (side, categories), x in zip(halves.items(), (0.0, 1.0), strict=True):
            total = sum(row["share"][category] for category in categories)
            axis.text(
                x,
                row["y"],
                f"{total * 100:.0f}%",
                transform=transform,
                ha="left" if x == 0 else "right",
                va="center",
                fontsize=7,
                color="#4D4D4D",
                gid=f"total:{_segment_id(panel, row, side)}",
            )


def _draw_side(divider, main, rows, layout, style, panel, categories):
    side = divider.append_axes("right", size="13%", pad=0.4, sharey=main)
    colours = {**_answer_colours(layout), **missing_colours(layout.scale.reasons)}
    bars = []
    for row in _drawable(rows):
        widths = np.nan_to_num([row["share"].get(category, 0.0) for category in categories])
        edges = np.concatenate([[0.0], np.cumsum(widths)[:-1]])
        bars.append((row, dict(zip(categories, edges, strict=True))))
    _draw_segments(side, bars, categories, colours, style, panel)
    side.tick_params(axis="y", left=False, labelleft=False)
    side.spines["left"].set_visible(False)
    side.set_gid("likert-side:" + row_key(categories))
    return side


def _ticks(limit: float) -> np.ndarray:
    """Ticks at multiples of 25 % (10 % for short bars) within +-`limit`."""
    step = 0.25 if limit >= 0.5 else 0.1
    count = np.floor(limit / step + 1e-9)
    return step * np.arange(-count, count + 1)


def _percent(value, _position) -> str:
    return f"{abs(value) * 100:.0f}%"


def _finish(mains, side_axes, layout, labeller, style):
    extent = 0.0
    for main in mains:
        for patch in main.patches:
            extent = max(extent, abs(patch.get_x()), abs(patch.get_x() + patch.get_width()))
    limit = min(1.0, np.ceil(extent * 10 + 1e-9) / 10) if extent else 1.0
    room = TOTALS_ROOM if style.show_totals else 0.0
    for main in mains:
        main.set_xlim(-limit - room, limit + room)
        main.xaxis.set_major_locator(FixedLocator(_ticks(limit)))
        main.xaxis.set_major_formatter(FuncFormatter(_percent))
        if main is not mains[-1]:
            main.tick_params(axis="x", labelbottom=False)
    mains[-1].set_xlabel(labeller.text("share_of_answers"))
    for column in zip(*side_axes, strict=True) if side_axes and side_axes[0] else []:
        right = max((p.get_x() + p.get_width() for a in column for p in a.patches), default=0)
        for side in column:
            side.set_xlim(0, max(right, 0.05) * 1.05)
            side.xaxis.set_major_formatter(FuncFormatter(_percent))
            side.xaxis.set_major_locator(MaxNLocator(nbins=2, steps=[1, 2, 5, 10]))
            if side is not column[-1]:
                side.tick_params(axis="x", labelbottom=False)
    _headers(mains[0], side_axes[0] if side_axes else [], layout, labeller, style)
    _legend(mains[0].figure, layout, labeller, [a for sides in side_axes for a in sides])


def _headers(main, sides, layout, labeller, style) -> None:
    """Above the top panel, say what the side columns hold: the share disagreeing and
    agreeing beside the bars (``gid='total-header:<side>'``), and the categories of
    each side panel (``gid='side-header:<categories>'``)."""
    top = 1.0
    if style.show_totals:
        for side, x, ha in (("disagree", 0.0, "left"), ("agree", 1.0, "right")):
            main.text(
                x,
                top,
                labeller.text(f"total_{side}"),
                transform=main.transAxes,
                ha=ha,
                va="bottom",
                fontsize=7,
                color="#4D4D4D",
                gid=f"total-header:{side}",
            )
        if main.get_title(loc="left"):
            main.set_title(main.get_title(loc="left"), loc="left", pad=14)
    scale = layout.scale
    for side in sides:
        categories = side.get_gid().split(":", 1)[1].split("|")
        names = [
            scale.answers[int(c)]
            if c.lstrip("-").isdigit() and int(c) in scale.answers
            else _missing_label(scale, c, labeller)
            for c in categories
        ]
        side.text(
            0.0,
            top,
            "\n".join(wrap(name, 14) for name in names),
            transform=side.transAxes,
            ha="left",
            va="bottom",
            fontsize=7,
            color="#4D4D4D",
            gid="side-header:" + "|".join(categories),
        )


def _legend(figure, layout, labeller, sides):
    scale = layout.scale
    colours = _answer_colours(layout)
    handles = [Patch(color=colours[str(code)], label=scale.answers[code]) for code in layout.codes]
    if sides:
        shades = missing_colours(scale.reasons)
        present = {c for side in sides for c in side.get_gid().split(":", 1)[1].split("|")}
        handles += [
            Patch(color=shades[reason], label=_missing_label(scale, reason, labeller))
            for reason in scale.reasons
            if reason in present
        ]
    legend = figure.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(len(handles), 7)
    )
    legend.set_gid("likert-legend")


def _missing_label(scale, reason, labeller) -> str:
    label = scale.missing_labels.get(reason)
    return label if label is not None else labeller.text(reason)
