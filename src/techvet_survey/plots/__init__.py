"""Figures of the comparative report.

Every function takes an analysis result (a tidy DataFrame of the analysis modules) or
clean data, draws it with the package theme, labels it from the codebook in one of the
five study languages (``lang="en"|"fi"|"et"|"lv"|"nl"``) and returns the matplotlib
Axes or Figure. Plots compute no statistics. Rows flagged ``suppressed`` (small cells,
:func:`techvet_survey.privacy.suppress_small_cells`) are never drawn as values; their
place is marked ``n < 5``.
"""

from techvet_survey.plots._labels import TEXT, text
from techvet_survey.plots._likert import likert_bars
from techvet_survey.plots._likert_data import likert_shares
from techvet_survey.plots._theme import (
    OKABE_ITO,
    agreement_colours,
    save_figure,
    set_theme,
    theme,
)

__all__ = [
    "OKABE_ITO",
    "TEXT",
    "agreement_colours",
    "likert_bars",
    "likert_shares",
    "save_figure",
    "set_theme",
    "text",
    "theme",
]
