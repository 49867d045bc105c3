"""Figures of the Learning Ambassador assessment test."""

from __future__ import annotations

import matplotlib.pyplot as plt

from techvet_survey import plots
from techvet_survey.figures._plan import FigurePlan, Inputs


def _item_analysis(inputs: Inputs):
    ax = plots.item_analysis_plot(
        inputs.table("tables/test_items"), codebook=inputs.codebook, lang=inputs.lang
    )
    return ax.figure


def _distractors(inputs: Inputs):
    return plots.distractor_plot(
        inputs.table("tables/test_distractors"), codebook=inputs.codebook, lang=inputs.lang
    )


def _curves_information(inputs: Inputs):
    with plots.theme():
        figure = plt.figure(figsize=(12.0, 4.2))
        left, right = figure.subplots(1, 2, gridspec_kw={"wspace": 0.3})
    curves = plots.characteristic_curves(inputs.table("tables/irt_items"))
    plots.item_curves(curves, codebook=inputs.codebook, lang=inputs.lang, ax=left)
    plots.information_plot(
        inputs.table("tables/irt_information"), codebook=inputs.codebook, lang=inputs.lang, ax=right
    )
    return figure


def _wright_map(inputs: Inputs):
    return plots.wright_map_plot(
        inputs.table("tables/irt_wright"), codebook=inputs.codebook, lang=inputs.lang
    )


def _dif(inputs: Inputs):
    table = inputs.table("tables/dif")
    # language versions too small for Mantel-Haenszel have no estimate to draw
    drawable = table.dropna(subset=["mh_delta"])
    ax = plots.dif_plot(drawable, codebook=inputs.codebook, lang=inputs.lang)
    return ax.figure


def assessment_plans() -> list[FigurePlan]:
    """The assessment-test figures, in report order."""
    return [
        FigurePlan(
            "test_item_analysis", "test_item_analysis", ("tables/test_items",), _item_analysis
        ),
        FigurePlan(
            "test_distractors", "test_distractors", ("tables/test_distractors",), _distractors
        ),
        FigurePlan(
            "test_curves_information",
            "test_curves_information",
            ("tables/irt_items", "tables/irt_information"),
            _curves_information,
        ),
        FigurePlan("test_wright_map", "test_wright_map", ("tables/irt_wright",), _wright_map),
        FigurePlan("test_dif", "test_dif", ("tables/dif",), _dif),
    ]
