"""Interview figures: code frequencies, co-occurrence and intercoder agreement."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey._validation import check_argument
from techvet_survey.codebook import Codebook
from techvet_survey.plots._common import (
    as_list,
    benchmark_labels,
    benchmark_lines,
    checked_table,
    get_ax,
    suppressed_mask,
)
from techvet_survey.plots._heatmaps import draw_heatmap, percent, tidy_heatmap, upper_limit
from techvet_survey.plots._intervals import IntervalSpec, draw_intervals, legend_handles
from techvet_survey.plots._labels import Labeller
from techvet_survey.plots._theme import OKABE_ITO, themed
from techvet_survey.privacy import DEFAULT_MIN_N

FREQUENCY_VALUES = ("share_documents", "n_documents", "n_segments")
COOCCURRENCE_VALUES = ("jaccard", "n_both")
AGREEMENT_BENCHMARKS = (0.667, 0.8)  # Krippendorff (2004): tentative and reliable
SMALL_DOCUMENTS = 20
"""Cells of fewer documents show ``k/n`` (``2/2``), not a share (``100%``)."""


def _code_order(labeller: Labeller, codes) -> list:
    """Codes (or themes) in code-book order, unknown ones after."""
    frame = labeller.book.interview_codes
    known = list(dict.fromkeys([*frame["theme"], *frame["code"]]))
    codes = list(dict.fromkeys(codes))
    return [c for c in known if c in codes] + [c for c in codes if c not in known]


def _format(value: str):
    return percent if value.startswith("share") else lambda v: f"{v:.0f}"


@themed
def code_frequency_heatmap(
    table: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    value: str = "share_documents",
    columns=("country", "group"),
    min_n: int = DEFAULT_MIN_N,
    ax=None,
):
    """How often each code (or theme) occurs, by country and group.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`techvet_survey.interviews.code_frequencies`: ``code`` (or
        ``theme`` alone for ``granularity="theme"``), the `columns`, and `value`; optionally
        ``suppressed``.
    value : {"share_documents", "n_documents", "n_segments"}
        What the colour shows.
    columns : str or sequence of str
        The case variables across (each combination is a column).
    codebook, lang, min_n, ax
        As in :func:`agreement_heatmap`.

    Returns
    -------
    matplotlib Axes
        With ``n_documents`` and ``n_documents_total`` in `table`, a cell of fewer than
        :data:`SMALL_DOCUMENTS` documents reads ``2/2`` (coded of all documents), not
        ``100%``, a code absent from a cell reads ``0/n``, and a note says so
        (``gid='documents-note'``); suppressed cells are hatched and marked ``n < 5``.

    Examples
    --------
    >>> table = pd.DataFrame({"country": "FI", "group": "teacher", "code": ["recruitment"],
    ...                       "share_documents": [0.5]})
    >>> ax = code_frequency_heatmap(table, lang="fi")
    >>> ax.get_yticklabels()[0].get_text()
    'Rekrytointi'
    """
    labeller = Labeller(codebook, lang)
    check_argument("value", FREQUENCY_VALUES, value)
    rows = "code" if "code" in table.columns else "theme"
    columns = as_list(columns)
    checked_table(table, [rows, *columns, value])
    order = _code_order(labeller, table[rows])
    counted = value == "share_documents" and {"n_documents", "n_documents_total"} <= set(
        table.columns
    )
    if counted:
        table = with_absent_codes(table, rows, columns)
        table = table.assign(_text=[_share_text(record) for record in table.to_dict("records")])
    table = table.assign(**{rows: pd.Categorical(table[rows], order)}).sort_values(rows)
    table = table.assign(**{rows: table[rows].astype(object)})
    ax = tidy_heatmap(
        ax,
        table,
        rows,
        columns,
        value,
        labeller,
        row_label=labeller.code,
        fmt=_format(value),
        vmax=1.0 if value == "share_documents" else None,
        min_n=min_n,
        cmap="Purples",
        text="_text" if counted else None,
    )
    if counted and (table["n_documents_total"] < SMALL_DOCUMENTS).any():
        ax.text(
            0.0,
            -0.06 if suppressed_mask(table).any() else -0.02,
            labeller.text("documents_note", small=SMALL_DOCUMENTS),
            transform=ax.transAxes,
            va="top",
            fontsize=7,
            color="#4D4D4D",
            gid="documents-note",
        )
    return ax


def with_absent_codes(table: pd.DataFrame, rows: str, columns: list[str]) -> pd.DataFrame:
    """`table` with a zero row for each code that no document of a column has (the
    frequencies list codes that occur only), so that 0 reads as 0, not as a gap.

    Examples
    --------
    >>> table = pd.DataFrame({"country": ["FI", "NL"], "code": ["a", "b"],
    ...                       "n_documents": [1, 2], "n_documents_total": [2, 3],
    ...                       "share_documents": [0.5, 2 / 3]})
    >>> with_absent_codes(table, "code", ["country"])[["country", "code", "n_documents"]]
      country code  n_documents
    0      FI    a            1
    1      NL    b            2
    2      FI    b            0
    3      NL    a            0
    """
    cells = table[[*columns, "n_documents_total"]].drop_duplicates(columns)
    full = cells.merge(table[[rows]].drop_duplicates(), how="cross")
    present = table.set_index([*columns, rows]).index
    absent = full[~full.set_index([*columns, rows]).index.isin(present)]
    zeros = absent.assign(n_documents=0, share_documents=0.0)
    if "n_segments" in table.columns:
        zeros = zeros.assign(n_segments=0)
    if "suppressed" in table.columns:
        zeros = zeros.assign(suppressed=False)
    return pd.concat([table, zeros], ignore_index=True)


def _share_text(record) -> str:
    """``k/n`` for a cell of fewer than :data:`SMALL_DOCUMENTS` documents, else the share."""
    total = record["n_documents_total"]
    if pd.notna(total) and total < SMALL_DOCUMENTS and pd.notna(record["n_documents"]):
        return f"{int(record['n_documents'])}/{int(total)}"
    return percent(record["share_documents"])


@themed
def cooccurrence_heatmap(
    pairs: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    value: str = "jaccard",
    ax=None,
):
    """Which codes occur together: the lower triangle of the code-by-code matrix.

    Parameters
    ----------
    pairs : DataFrame
        ``Cooccurrence.pairs`` of :func:`techvet_survey.interviews.code_cooccurrence`:
        ``code_a``, ``code_b`` and `value` (one row per unordered pair).
    value : {"jaccard", "n_both"}
        The Jaccard (c-) coefficient or the number of co-occurrences.
    codebook, lang, ax
        As in :func:`agreement_heatmap`.

    Returns
    -------
    matplotlib Axes
        Rows are the codes but the first, columns the codes but the last (in code-book
        order), so no row or column is empty; the column names sit under the map. Cell
        texts have ``gid='cell:<code_a>|<code_b>'`` with the later code first.

    Examples
    --------
    >>> pairs = pd.DataFrame({"code_a": ["recruitment"], "code_b": ["skill_needs"],
    ...                       "jaccard": [0.25]})
    >>> ax = cooccurrence_heatmap(pairs)
    >>> [text.get_text() for text in ax.texts if text.get_gid().startswith("cell:")]
    ['0.25']
    """
    labeller = Labeller(codebook, lang)
    check_argument("value", COOCCURRENCE_VALUES, value)
    checked_table(pairs, ["code_a", "code_b", value], "pairs")
    codes = _code_order(labeller, [*pairs["code_a"], *pairs["code_b"]])
    index = {code: i for i, code in enumerate(codes)}
    matrix = np.full((len(codes), len(codes)), np.nan)
    for a, b, v in pairs[["code_a", "code_b", value]].itertuples(index=False):
        low, high = sorted((index[a], index[b]))
        matrix[high, low] = v  # lower triangle only: each pair once
    # the lower triangle without the diagonal: the first code has no row, the last no column
    matrix = matrix[1:, :-1]
    hidden = np.zeros(matrix.shape, dtype=bool)
    vmax = 1.0 if value == "jaccard" else upper_limit(matrix)
    ax = get_ax(ax, figsize=(0.45 * len(codes) + 3.5, 0.4 * len(codes) + 2.0))
    labels = [labeller.code(c) for c in codes]
    draw_heatmap(
        ax,
        matrix,
        hidden,
        row_keys=codes[1:],
        column_keys=codes[:-1],
        row_labels=labels[1:],
        column_labels=labels[:-1],
        fmt=(lambda v: f"{v:.2f}") if value == "jaccard" else (lambda v: f"{v:.0f}"),
        vmin=0.0,
        vmax=vmax,
        colourbar_label=labeller.text(value),
        labeller=labeller,
        min_n=0,
        cmap="Purples",
    )
    # column names under the full bottom row, slanted down to the left: none collide
    ax.xaxis.tick_bottom()
    for tick in ax.get_xticklabels():
        tick.set(rotation=45, horizontalalignment="right", rotation_mode="anchor")
    return ax


@themed
def coding_agreement_plot(
    table: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    coefficients=None,
    benchmarks=AGREEMENT_BENCHMARKS,
    ci: float = 0.95,
    ax=None,
):
    """Intercoder agreement per code: each coefficient with its interval.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`techvet_survey.interviews.coding_agreement`: ``code``,
        ``coefficient``, ``estimate``, ``ci_low``, ``ci_high``.
    coefficients : sequence of str, optional
        The coefficients shown (e.g. ``["cohen_kappa", "krippendorff_alpha"]``); all
        by default.
    benchmarks : sequence of float
        Dashed reference lines (default Krippendorff's 0.667 and 0.8),
        ``gid='threshold:<value>'``, labelled above the axes with their value (and, for
        the default, what it means: "0.667 tentative", "0.8 reliable").
    codebook, lang, ci, ax
        As in :func:`forest_plot`.

    Returns
    -------
    matplotlib Axes
        Points ``gid='point:<code>|<coefficient>'``.

    Examples
    --------
    >>> table = pd.DataFrame({"code": "(all codes)", "coefficient": ["cohen_kappa"],
    ...                       "estimate": [0.7], "ci_low": [0.6], "ci_high": [0.8]})
    >>> coding_agreement_plot(table, lang="lv").get_yticklabels()[0].get_text()
    '(visi kodi)'
    """
    labeller = Labeller(codebook, lang)
    checked_table(table, ["code", "coefficient", "estimate", "ci_low", "ci_high"])
    if coefficients is not None:
        table = table[table["coefficient"].isin(as_list(coefficients))]
    order = _code_order(labeller, table["code"])
    table = table.assign(_order=table["code"].map({c: i for i, c in enumerate(order)}))
    table = table.sort_values("_order", kind="stable").drop(columns="_order")
    names = list(dict.fromkeys(table["coefficient"]))
    colours = {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(names)}
    spec = IntervalSpec(
        value="estimate",
        low="ci_low",
        high="ci_high",
        rows=["code"],
        dodge="coefficient",
        colour=lambda r: colours[r["coefficient"]],
        show_n=False,
    )
    ax = get_ax(ax, figsize=(6.5, 0.35 * len(order) + 1.2))
    draw_intervals(ax, table, spec, labeller)
    meanings = [labeller.text("tentative"), labeller.text("reliable")]
    benchmark_lines(ax, benchmarks, benchmark_labels(benchmarks, AGREEMENT_BENCHMARKS, meanings))
    ax.set_xlabel(labeller.text("estimate_ci", level=ci))
    entries = [(_coefficient_label(labeller, n), colours[n], "o") for n in names]
    ax.legend(handles=legend_handles(entries), loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def _coefficient_label(labeller: Labeller, name: str) -> str:
    try:
        return labeller.text(name)
    except KeyError:
        return name
