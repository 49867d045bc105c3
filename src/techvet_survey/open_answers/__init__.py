"""The respondents' own words: the answers to the open questions of the surveys.

Describe them (answered, blank, refused, length, the language each is written in),
find the frequent terms per country and group after stop words and lemmatisation in
each study language (simplemma), show a term in its context, and hand them to coders as
a REFI-QDA project whose coding reads back with the interview functions.
"""

from techvet_survey.open_answers._describe import (
    answer_languages,
    answers_long,
    describe_answers,
    open_items,
)
from techvet_survey.open_answers._leading import (
    LEADING,
    QUOTES_PER_LEADING,
    leading_coded_quotes,
    leading_quotes,
    leading_terms,
)
from techvet_survey.open_answers._qdpx import (
    ANSWER_SEGMENT_COLUMNS,
    answer_documents,
    answer_segments,
    write_open_answers_qdpx,
)
from techvet_survey.open_answers._quotes import answer_quotes, coded_answer_quotes, shorten
from techvet_survey.open_answers._terms import frequent_terms, keyword_in_context
from techvet_survey.open_answers._words import (
    UNDETERMINED,
    content_lemmas,
    detect_language,
    holding_dictionaries,
    is_non_answer,
    lemma,
    release_dictionaries,
    stop_words,
    tokens,
)

__all__ = [
    "ANSWER_SEGMENT_COLUMNS",
    "LEADING",
    "QUOTES_PER_LEADING",
    "UNDETERMINED",
    "answer_documents",
    "answer_languages",
    "answer_quotes",
    "answer_segments",
    "answers_long",
    "coded_answer_quotes",
    "content_lemmas",
    "describe_answers",
    "detect_language",
    "frequent_terms",
    "holding_dictionaries",
    "is_non_answer",
    "keyword_in_context",
    "leading_coded_quotes",
    "leading_quotes",
    "leading_terms",
    "lemma",
    "open_items",
    "release_dictionaries",
    "shorten",
    "stop_words",
    "tokens",
    "write_open_answers_qdpx",
]
