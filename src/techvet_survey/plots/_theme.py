"""One look for every figure: palettes, fonts, sizes, and deterministic saving.

Colours are colour-blind safe: agreement categories use the ColorBrewer RdBu diverging
palette with a neutral grey in the middle [1]_, countries the Okabe-Ito qualitative
palette [2]_ (each country keeps its colour in every figure).

References
----------
.. [1] Harrower, M., & Brewer, C. A. (2003). ColorBrewer.org: an online tool for
   selecting colour schemes for maps. The Cartographic Journal, 40, 27-37.
.. [2] Okabe, M., & Ito, K. (2008). Color universal design (CUD): how to make figures
   and presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Sequence
from pathlib import Path

import matplotlib as mpl
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter

from techvet_survey._files import atomic_path
from techvet_survey._numbers import DECIMAL_COMMA, localise_number
from techvet_survey._validation import check_argument
from techvet_survey.errors import ArgumentError

OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow (last: weak on white)
    "#000000",
)
"""The Okabe-Ito qualitative palette, ordered for use on a white background."""

NEUTRAL_GREY = "#C8C8C8"
MISSING_COLOURS = {"neutral": NEUTRAL_GREY, "dont_know": "#969696", "not_applicable": "#6E6E6E"}
SUPPRESSED_COLOUR = "#9A9A9A"

# ColorBrewer RdBu, disagreement red, agreement blue; odd palettes get a grey middle.
_RDBU = {
    2: ("#f4a582", "#92c5de"),
    3: ("#ef8a62", NEUTRAL_GREY, "#67a9cf"),
    4: ("#ca0020", "#f4a582", "#92c5de", "#0571b0"),
    5: ("#ca0020", "#f4a582", NEUTRAL_GREY, "#92c5de", "#0571b0"),
    6: ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"),
    7: ("#b2182b", "#ef8a62", "#fddbc7", NEUTRAL_GREY, "#d1e5f0", "#67a9cf", "#2166ac"),
    8: ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"),
    9: (
        *("#b2182b", "#d6604d", "#f4a582", "#fddbc7"),
        NEUTRAL_GREY,
        *("#d1e5f0", "#92c5de", "#4393c3", "#2166ac"),
    ),
    10: (
        *("#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7"),
        *("#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061"),
    ),
    11: (
        *("#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7"),
        NEUTRAL_GREY,
        *("#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061"),
    ),
}
_MISSING_GREYS = ("#969696", "#6E6E6E", "#B4B4B4", "#505050")

ETS_COLOURS = {"A": "#009E73", "B": "#E69F00", "C": "#D55E00"}
"""Okabe-Ito colours of the ETS DIF classes (negligible, moderate, large)."""

GROUP_MARKERS = ("o", "s", "D", "^", "v", "P")

THEME = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs (ä, õ, ā, ļ) everywhere
    "font.size": 9.0,
    "axes.titlesize": 10.0,
    "axes.titleweight": "bold",
    "axes.labelsize": 9.0,
    "xtick.labelsize": 8.0,
    "ytick.labelsize": 8.0,
    "legend.fontsize": 8.0,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#4D4D4D",
    "axes.linewidth": 0.8,
    "axes.grid": False,
    "grid.color": "#E5E5E5",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": mpl.cycler(color=OKABE_ITO),
    "image.cmap": "Blues",
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "figure.constrained_layout.use": False,
    "svg.fonttype": "none",  # text stays text: searchable, small, stable across runs
    "svg.hashsalt": "techvet_survey",
    "pdf.fonttype": 42,
    "hatch.color": "#7F7F7F",
    "hatch.linewidth": 0.6,
}
"""The rcParams of the package theme."""

FORMATS = ("png", "svg", "pdf")
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


@contextlib.contextmanager
def theme() -> Iterator[None]:
    """Draw with the package theme inside a ``with`` block (rcParams restored after).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with theme():
    ...     plt.rcParams["svg.hashsalt"]
    'techvet_survey'
    """
    with mpl.rc_context(THEME):
        yield


def set_theme() -> None:
    """Make the package theme the default for the rest of the session."""
    mpl.rcParams.update(THEME)


def themed(function):
    """Decorator: run a plotting function inside :func:`theme`."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with theme():
            return function(*args, **kwargs)

    return wrapper


def agreement_colours(n_categories: int) -> tuple[str, ...]:
    """The diverging colours of an `n_categories`-point agreement scale, low to high.

    Examples
    --------
    >>> agreement_colours(5)
    ('#ca0020', '#f4a582', '#C8C8C8', '#92c5de', '#0571b0')
    """
    if n_categories not in _RDBU:
        raise ArgumentError(
            f"agreement scales of 2 to {max(_RDBU)} categories have colours; got "
            f"{n_categories}. Collapse categories first."
        )
    return _RDBU[n_categories]


def missing_colours(reasons) -> dict[str, str]:
    """A grey per missing reason: the codebook's reasons keep theirs, others follow.

    Examples
    --------
    >>> missing_colours(["dont_know", "Refused"])
    {'dont_know': '#969696', 'Refused': '#B4B4B4'}
    """
    taken = set(MISSING_COLOURS.values())
    spare = iter(colour for colour in _MISSING_GREYS if colour not in taken)
    out = {}
    for reason in reasons:
        out[reason] = MISSING_COLOURS.get(reason) or next(spare, _MISSING_GREYS[0])
    return out


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on `background` (WCAG relative luminance)."""
    red, green, blue = (
        channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
        for channel in mpl.colors.to_rgb(background)
    )
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "black" if luminance > 0.18 else "white"


def qualitative_colours(levels: Sequence, order: Sequence = ()) -> dict:
    """Okabe-Ito colour per level: levels found in `order` (e.g. the codebook's countries)
    keep their position's colour in every figure, others follow."""
    known = [level for level in order if level in set(levels)]
    rest = [level for level in levels if level not in set(order)]
    positions = {level: index for index, level in enumerate(order)}
    colours = {level: OKABE_ITO[positions[level] % len(OKABE_ITO)] for level in known}
    for offset, level in enumerate(rest, start=len(order)):
        colours[level] = OKABE_ITO[offset % len(OKABE_ITO)]
    return colours


def save_figure(
    fig: Figure, path: str | Path, formats: Sequence[str] = FORMATS, *, dpi: int = 200
) -> list[Path]:
    """Save `fig` in several formats with reproducible bytes.

    Parameters
    ----------
    fig : matplotlib Figure
        The figure (for an Axes, pass ``ax.figure``).
    path : str or Path
        File name without suffix (a suffix, if given, is replaced by each format's).
    formats : sequence of {"png", "svg", "pdf"}
        The formats written.
    dpi : int
        Resolution of the PNG.

    Returns
    -------
    list of Path
        The files written, in the order of `formats`.

    Notes
    -----
    Saving the same figure twice gives byte-identical SVG and PDF files: the SVG ids are
    hashed with a fixed salt (``svg.hashsalt``), text is kept as text
    (``svg.fonttype='none'``, TrueType fonts in the PDF) and the date and tool stamps
    are left out of the metadata (``CreationDate=None``). Each file is drawn once
    (:func:`_one_pass`): the same bytes as ``fig.savefig(bbox_inches="tight")``.

    Examples
    --------
    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.suffix for path in save_figure(fig, Path(folder) / "figure")]
    ['.png', '.svg', '.pdf']
    """
    if not isinstance(fig, Figure):
        raise TypeError(
            f"`fig` must be a matplotlib Figure; got {type(fig).__name__}. "
            "For an Axes pass ax.figure."
        )
    if isinstance(formats, str):
        formats = [formats]
    for fmt in formats:
        check_argument("formats", FORMATS, fmt)
    base = Path(path)
    if base.suffix.lstrip(".") in FORMATS:
        base = base.with_suffix("")
    base.parent.mkdir(parents=True, exist_ok=True)
    written = []
    with theme(), _one_pass(fig):
        for fmt in formats:
            target = base.with_name(f"{base.name}.{fmt}")
            with atomic_path(target) as temporary:  # a killed run leaves the old file
                fig.savefig(temporary, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
            written.append(target)
    return written


@contextlib.contextmanager
def _one_pass(fig: Figure) -> Iterator[None]:
    """Save `fig` with one draw per file instead of two.

    To save a tight box (``savefig.bbox='tight'``), matplotlib draws the figure with the
    renderer's drawing switched off (a layout pass), measures its tight box, then draws
    it for real. Without a layout engine the measure (``Figure.get_tightbbox``) lays out
    everything it measures itself, so the layout pass is skipped here: the files are
    byte for byte those of the two passes (the tests compare them), saved about a tenth
    faster. A figure with a layout engine (constrained layout) keeps its layout pass.
    """
    if fig.get_layout_engine() is not None:
        yield
        return
    own = vars(fig).get("draw")
    drawn = own or functools.partial(type(fig).draw, fig)

    def draw(renderer):
        if not _layout_pass(renderer):
            drawn(renderer)

    fig.draw = draw
    try:
        yield
    finally:
        if own is None:
            del fig.draw
        else:
            fig.draw = own


def _layout_pass(renderer) -> bool:
    """Whether `renderer` draws nothing (``RendererBase._draw_disabled``, which replaces
    its ``draw_*`` methods by no-ops wrapping those of ``RendererBase``). A matplotlib
    that marks the pass otherwise gets False: the layout pass then runs (same bytes)."""
    return getattr(renderer.draw_path, "__wrapped__", None) is RendererBase.draw_path


def localise_figure(fig: Figure, lang: str) -> Figure:
    """`fig` with every number it draws written with the decimal separator of `lang`
    (:func:`techvet_survey._numbers.localise_number`): tick labels and texts.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.text(0, 0, "0.667 tentative")
    >>> _ = localise_figure(fig, "fi"); fig.canvas.draw()
    >>> ax.texts[0].get_text(), [label.get_text() for label in ax.get_xticklabels()][:2]
    ('0,667 tentative', ['0,0', '0,2'])
    >>> plt.close(fig)
    """
    from matplotlib.text import Text

    if lang not in DECIMAL_COMMA:
        return fig
    for ax in fig.get_axes():
        for axis in (ax.xaxis, ax.yaxis):
            formatter = axis.get_major_formatter()
            if not isinstance(formatter, _LocalisedFormatter):
                axis.set_major_formatter(_LocalisedFormatter(formatter, lang))
    for text in fig.findobj(Text):
        text.set_text(localise_number(text.get_text(), lang))
    return fig


class _LocalisedFormatter(Formatter):
    """A tick formatter whose labels are another's with the decimal separator of a
    language; the tick locations reach the other (a ScalarFormatter needs them)."""

    def __init__(self, inner: Formatter, lang: str):
        self.inner, self.lang = inner, lang

    def set_axis(self, axis):
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def set_locs(self, locs):
        self.inner.set_locs(locs)

    def __call__(self, x, pos=None):
        return localise_number(self.inner(x, pos), self.lang)

    def format_ticks(self, values):
        return [localise_number(text, self.lang) for text in self.inner.format_ticks(values)]

    def get_offset(self):
        return localise_number(self.inner.get_offset(), self.lang)
