"""The quotes a report gives: a few per leading term or code of each question and country.

Choosing the quotes needs the lemmatiser and the language detector (their dictionaries
take seconds to load), so the analysis chooses them once, with the other open-answer
tables, and the report reads the tables.
"""

from __future__ import annotations

import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.open_answers._quotes import answer_quotes, coded_answer_quotes

LEADING = 3
"""Leading terms (or codes) of each question and country that a report names and quotes."""
QUOTES_PER_LEADING = 2
"""Quotes per leading term or code and country."""

QUOTE_COLUMNS = ["item", "country", "term", "rank", "language", "quote", "min_n"]
CODED_QUOTE_COLUMNS = ["item", "country", "code", "rank", "language", "quote", "min_n"]


def leading_terms(terms: pd.DataFrame) -> pd.DataFrame:
    """The :data:`LEADING` terms of each question and country that are shown (not
    suppressed), by rank then term, from the frequent terms by country."""
    shown = terms[terms["term"].notna() & ~terms["suppressed"].astype(bool)]
    shown = shown.sort_values(["item", "country", "rank", "term"])
    return shown.groupby(["item", "country"], sort=False).head(LEADING)


def leading_quotes(
    survey: pd.DataFrame, terms: pd.DataFrame | None, *, codebook: Codebook, min_n: int
) -> pd.DataFrame:
    """:func:`answer_quotes` of the leading terms (`terms`: the frequent terms by
    country), without the respondent ids, with the `min_n` they were chosen for."""
    if terms is None or terms.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    quotes = answer_quotes(
        survey, leading_terms(terms), per_term=QUOTES_PER_LEADING, codebook=codebook, min_n=min_n
    )
    return quotes.assign(min_n=min_n)[QUOTE_COLUMNS]


def leading_coded_quotes(
    segments: pd.DataFrame | None,
    codes: pd.DataFrame | None,
    *,
    codebook: Codebook,
    min_n: int,
) -> pd.DataFrame:
    """:func:`coded_answer_quotes` of the leading codes (`codes`: the code frequencies by
    question and country), without the respondent ids, with the `min_n` they were
    chosen for."""
    if segments is None or segments.empty or codes is None or codes.empty:
        return pd.DataFrame(columns=CODED_QUOTE_COLUMNS)
    quotes = coded_answer_quotes(
        segments, codes, per_code=QUOTES_PER_LEADING, codebook=codebook, min_n=min_n
    )
    quotes = quotes[quotes["rank"] <= LEADING]
    return quotes.assign(min_n=min_n)[CODED_QUOTE_COLUMNS].reset_index(drop=True)
