"""Every analysis of the answers to the open questions, from the cleaned survey table."""

from __future__ import annotations

import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.open_answers import (
    answer_languages,
    describe_answers,
    frequent_terms,
    open_items,
    release_dictionaries,
)
from techvet_survey.privacy import DEFAULT_MIN_N

TOP_TERMS = 10


def analyse_open_answers(
    survey: pd.DataFrame, codebook: Codebook, *, min_n: int = DEFAULT_MIN_N
) -> dict[str, pd.DataFrame]:
    """Answered, blank and refused by question, country and group; the languages the
    answers are written in; the frequent terms by country, and by country and group.

    Returns
    -------
    dict of DataFrame
        ``open_answers_describe``, ``open_answers_languages``,
        ``open_answers_terms_country`` and ``open_answers_terms`` (empty when the survey
        holds no answer to an open question). Questions nobody answered are described
        but have no terms.
    """
    items = open_items(survey, codebook)
    answered = [
        item for item in items if survey[item].fillna("").astype(str).str.strip().ne("").any()
    ]
    if not answered:
        return {}

    def terms(by) -> pd.DataFrame:
        return pd.concat(
            [
                frequent_terms(
                    survey, item=item, by=by, top=TOP_TERMS, codebook=codebook, min_n=min_n
                )
                for item in answered
            ],
            ignore_index=True,
        )

    tables = {
        "open_answers_describe": describe_answers(
            survey, items=items, codebook=codebook, min_n=min_n
        ),
        "open_answers_languages": answer_languages(
            survey, items=items, codebook=codebook, min_n=min_n
        ),
        "open_answers_terms_country": terms(("country",)),
        "open_answers_terms": terms(("country", "group")),
    }
    release_dictionaries()  # about 100 MB the figures and the report do not need
    return tables
