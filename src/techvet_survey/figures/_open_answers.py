"""Figures of the open answers."""

from __future__ import annotations

from techvet_survey import plots
from techvet_survey.figures._plan import FigurePlan, Inputs


def _terms_by_country(inputs: Inputs):
    table = inputs.table("tables/open_answers_terms_country")
    first = table["item"].iloc[0]  # the first open question of the codebook
    return plots.term_frequency_bars(
        table[table["item"] == first],
        codebook=inputs.codebook,
        lang=inputs.lang,
        min_n=inputs.min_n,
    )


def open_answer_plans() -> list[FigurePlan]:
    """The open-answer figures, in report order."""
    return [
        FigurePlan(
            "open_answers_terms",
            "open_answer_terms",
            ("tables/open_answers_terms_country",),
            _terms_by_country,
        ),
    ]
