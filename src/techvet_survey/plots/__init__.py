"""Figures of the comparative report.

Every function takes an analysis result (a tidy DataFrame of the analysis modules) or
clean data, draws it with the package theme, labels it from the codebook in one of the
five study languages (``lang="en"|"fi"|"et"|"lv"|"nl"``) and returns the matplotlib
Axes (one panel) or Figure (several panels). Data the codebook does not know are drawn
too: names it lacks are shown as they are, group columns are named with ``by=``, and
Likert items bring their own answer labels (``labels=`` or a :class:`ResponseScale`).
Plots compute no statistics. Rows flagged ``suppressed`` (small cells,
:func:`techvet_survey.privacy.suppress_small_cells`) are never drawn as values; their
place is marked ``n < 5`` (or hatched in heatmaps).

Each drawn estimate carries a ``gid`` naming it (``"point:<keys>"``, ``"ci:<keys>"``,
``"likert:<keys>"``, ``"cell:<keys>"``, ``"suppressed:<keys>"``): it is the ``id`` of
the element in the saved SVG, and lets tests check the figures through their artists.

=========================  ==================================================
family                     functions
=========================  ==================================================
survey items               :func:`likert_bars` (:func:`likert_shares`,
                           :class:`ResponseScale` for any k-point scale),
                           :func:`agreement_heatmap`
scales                     :func:`forest_plot`, :func:`reliability_plot`,
                           :func:`invariance_plot`
assessment test            :func:`item_analysis_plot`, :func:`distractor_plot`,
                           :func:`item_curves` (:func:`characteristic_curves`),
                           :func:`information_plot`, :func:`wright_map_plot`,
                           :func:`dif_plot`
interviews                 :func:`code_frequency_heatmap`,
                           :func:`cooccurrence_heatmap`,
                           :func:`coding_agreement_plot`
open answers               :func:`term_frequency_bars`
theme and output           :func:`theme`, :func:`set_theme`, :func:`save_figure`,
                           :func:`localise_figure` (numbers as a language writes
                           them), ``FORMATS`` (the saved file formats)
=========================  ==================================================
"""

from techvet_survey.plots._dif import dif_plot
from techvet_survey.plots._forest import forest_plot, reliability_plot
from techvet_survey.plots._heatmaps import agreement_heatmap
from techvet_survey.plots._interviews import (
    code_frequency_heatmap,
    coding_agreement_plot,
    cooccurrence_heatmap,
)
from techvet_survey.plots._invariance import invariance_plot
from techvet_survey.plots._irt import (
    characteristic_curves,
    information_plot,
    item_curves,
    wright_map_plot,
)
from techvet_survey.plots._labels import TEXT, text
from techvet_survey.plots._likert import likert_bars
from techvet_survey.plots._likert_data import likert_shares
from techvet_survey.plots._open_answers import term_frequency_bars
from techvet_survey.plots._response_scale import ResponseScale
from techvet_survey.plots._test_items import distractor_plot, item_analysis_plot
from techvet_survey.plots._theme import (
    FORMATS,
    OKABE_ITO,
    agreement_colours,
    localise_figure,
    save_figure,
    set_theme,
    theme,
)

__all__ = [
    "FORMATS",
    "OKABE_ITO",
    "TEXT",
    "ResponseScale",
    "agreement_colours",
    "agreement_heatmap",
    "characteristic_curves",
    "code_frequency_heatmap",
    "coding_agreement_plot",
    "cooccurrence_heatmap",
    "dif_plot",
    "distractor_plot",
    "forest_plot",
    "information_plot",
    "invariance_plot",
    "item_analysis_plot",
    "item_curves",
    "likert_bars",
    "likert_shares",
    "localise_figure",
    "reliability_plot",
    "save_figure",
    "set_theme",
    "term_frequency_bars",
    "text",
    "theme",
    "wright_map_plot",
]
