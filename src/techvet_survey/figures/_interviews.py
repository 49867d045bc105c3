"""Figures of the coded interviews."""

from __future__ import annotations

from techvet_survey import plots
from techvet_survey.figures._plan import FigurePlan, Inputs

AGREEMENT_COEFFICIENTS = ("cohen_kappa", "krippendorff_alpha")
"""Chance-corrected coefficients drawn against Krippendorff's benchmarks (percent
agreement is in the table, not in the figure: it has no such benchmarks)."""


def _code_frequencies(inputs: Inputs):
    ax = plots.code_frequency_heatmap(
        inputs.table("tables/code_frequencies"),
        codebook=inputs.codebook,
        lang=inputs.lang,
        min_n=inputs.min_n,
    )
    return ax.figure


def _cooccurrence(inputs: Inputs):
    ax = plots.cooccurrence_heatmap(
        inputs.table("tables/cooccurrence"), codebook=inputs.codebook, lang=inputs.lang
    )
    return ax.figure


def _agreement(inputs: Inputs):
    ax = plots.coding_agreement_plot(
        inputs.table("tables/coding_agreement"),
        codebook=inputs.codebook,
        lang=inputs.lang,
        coefficients=list(AGREEMENT_COEFFICIENTS),
    )
    return ax.figure


def interview_plans() -> list[FigurePlan]:
    """The interview figures, in report order."""
    return [
        FigurePlan(
            "interviews_code_frequencies",
            "interview_code_frequencies",
            ("tables/code_frequencies",),
            _code_frequencies,
        ),
        FigurePlan(
            "interviews_cooccurrence",
            "interview_cooccurrence",
            ("tables/cooccurrence",),
            _cooccurrence,
        ),
        FigurePlan(
            "interviews_agreement",
            "interview_agreement",
            ("tables/coding_agreement",),
            _agreement,
        ),
    ]
