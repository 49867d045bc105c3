"""Every analysis of the answers to the open questions, from the cleaned survey table."""

from __future__ import annotations

import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.interviews import code_frequencies, coding_agreement
from techvet_survey.open_answers import (
    answer_languages,
    describe_answers,
    frequent_terms,
    holding_dictionaries,
    leading_coded_quotes,
    leading_quotes,
    open_items,
)
from techvet_survey.privacy import DEFAULT_MIN_N

TOP_TERMS = 10


@holding_dictionaries()  # about 100 MB the figures and the report do not need
def analyse_open_answers(
    survey: pd.DataFrame,
    codebook: Codebook,
    *,
    segments: pd.DataFrame | None = None,
    min_n: int = DEFAULT_MIN_N,
    seed: int = 20261128,
) -> dict[str, pd.DataFrame]:
    """Answered, blank and refused by question, country and group; the languages the
    answers are written in; the frequent terms by country, and by country and group;
    and, with the coded `segments` of the open answers, their codes.

    Returns
    -------
    dict of DataFrame
        ``open_answers_describe``, ``open_answers_languages``,
        ``open_answers_terms_country`` and ``open_answers_terms`` (empty when the survey
        holds no answer to an open question). Questions nobody answered are described
        but have no terms. ``open_answers_quotes``: a few quotes per leading term and
        country (:func:`~techvet_survey.open_answers.leading_quotes`). With coded
        segments, those of :func:`coded_answer_tables` and ``open_answers_coded_quotes``
        (:func:`~techvet_survey.open_answers.leading_coded_quotes`).
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

    tables = coded_answer_tables(segments, seed=seed) | {
        "open_answers_describe": describe_answers(
            survey, items=items, codebook=codebook, min_n=min_n
        ),
        "open_answers_languages": answer_languages(
            survey, items=items, codebook=codebook, min_n=min_n
        ),
        "open_answers_terms_country": terms(("country",)),
        "open_answers_terms": terms(("country", "group")),
    }
    # the quotes of a report, chosen here while the lemmatiser is loaded
    tables["open_answers_quotes"] = leading_quotes(
        survey, tables["open_answers_terms_country"], codebook=codebook, min_n=min_n
    )
    if "open_answers_codes_country" in tables:
        tables["open_answers_coded_quotes"] = leading_coded_quotes(
            segments, tables["open_answers_codes_country"], codebook=codebook, min_n=min_n
        )
    return tables


def coded_answer_tables(segments: pd.DataFrame | None, *, seed: int = 20261128) -> dict:
    """The codes of the coded open answers, with the interviews' functions: each answer
    is a document (``<question>:<respondent id>``).

    Returns
    -------
    dict of DataFrame
        ``open_answers_codes_country`` (code frequencies by question and country),
        ``open_answers_codes`` (by question, country and group), and
        ``open_answers_coding_agreement`` when two coders or more coded the same answers
        (per question); nothing without coded segments.
    """
    if segments is None or segments.empty:
        return {}
    tables = {}
    for name, by in (
        ("open_answers_codes_country", ("item", "country")),
        ("open_answers_codes", ("item", "country", "group")),
    ):
        tables[name] = code_frequencies(segments, by=by, granularity="code")
    double = segments.groupby("document")["coder"].nunique() > 1
    if double.any():
        tables["open_answers_coding_agreement"] = pd.concat(
            [
                coding_agreement(rows, unit="document", seed=seed).assign(item=item)
                for item, rows in segments.groupby("item", sort=True)
                if rows["document"].isin(double[double].index).any()
            ],
            ignore_index=True,
        )
    return tables
