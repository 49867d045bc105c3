"""Figures of the open answers: the frequent terms of each country."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.plots._common import checked_table
from techvet_survey.plots._labels import Labeller
from techvet_survey.plots._theme import OKABE_ITO, themed
from techvet_survey.privacy import DEFAULT_MIN_N

TERMS_SHOWN = 8


@themed
def term_frequency_bars(
    table: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
    panel: str = "country",
    top: int = TERMS_SHOWN,
    min_n: int = DEFAULT_MIN_N,
):
    """The most frequent terms of the open answers, one panel per country.

    Parameters
    ----------
    table : DataFrame
        The output of :func:`techvet_survey.open_answers.frequent_terms` with
        ``by="country"``: `panel`, ``term``, ``share_answers``, ``rank`` and
        optionally ``n_answered``, ``language`` and ``suppressed``.
    codebook, lang
        Labels of the panels and the axis, in one of the five study languages.
    panel : str
        The column with one panel per value.
    top : int
        Terms shown per panel.
    min_n : int
        Named in the note of a panel without terms.

    Returns
    -------
    matplotlib Figure
        Horizontal bars of the share of answers using each term (terms are shown in the
        answers' language, as lemmas); each bar has ``gid="bar:<panel>:<term>"``.

    Examples
    --------
    >>> table = pd.DataFrame({"country": ["FI", "FI"], "term": ["aika", "palaute"],
    ...                       "share_answers": [0.4, 0.2], "rank": [1, 2]})
    >>> figure = term_frequency_bars(table, lang="fi")
    >>> figure.axes[0].get_title()
    'Suomi'
    """
    table = checked_table(table, [panel, "term", "share_answers", "rank"])
    labeller = Labeller(codebook, lang)
    panels = labeller.order(panel, table[panel].dropna())  # countries in codebook order
    figure, axes = plt.subplots(
        1, max(1, len(panels)), figsize=(3.2 * max(1, len(panels)), 3.6), squeeze=False
    )
    for ax, value in zip(axes[0], panels, strict=False):
        own = table[(table[panel] == value) & table["term"].notna()]
        if "suppressed" in own:
            own = own[~own["suppressed"].astype(bool)]
        own = own.sort_values(["rank", "term"]).head(top).iloc[::-1]
        name = labeller.country(value) if panel == "country" else str(value)
        ax.set_title(name)
        if own.empty:
            ax.text(
                0.5,
                0.5,
                labeller.text("no_terms", min_n=min_n),
                ha="center",
                transform=ax.transAxes,
            )
            ax.set_yticks([])
            continue
        bars = ax.barh(own["term"].astype(str), own["share_answers"], color=OKABE_ITO[4])
        for bar, term in zip(bars, own["term"], strict=True):
            bar.set_gid(f"bar:{value}:{term}")
        ax.set_xlim(0, 1)
        ax.set_xlabel(labeller.text("share_answers"))
    figure.tight_layout()
    return figure
