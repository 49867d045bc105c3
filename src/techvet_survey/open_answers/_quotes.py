"""Short quotes of the open answers: the respondents' own words, per country and term."""

from __future__ import annotations

import re

import pandas as pd

from techvet_survey._validation import check_dataframe
from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError
from techvet_survey.open_answers._describe import answers_long
from techvet_survey.open_answers._terms import _written_in
from techvet_survey.open_answers._words import (
    SCRUBBED,
    detect_language,
    holding_dictionaries,
    lemma,
    tokens,
)
from techvet_survey.privacy import DEFAULT_MIN_N

ELLIPSIS = "\u2026"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

TERM_COLUMNS = ("item", "country", "term", "rank", "n_answers")
QUOTE_COLUMNS = ["item", "country", "term", "rank", "language", "quote", "respondent_id"]
CODE_COLUMNS = ("item", "country", "code", "n_documents")
CODED_QUOTE_COLUMNS = ["item", "country", "code", "rank", "language", "quote", "respondent_id"]


def shorten(text: str, start: int, max_chars: int = 120) -> str:
    """The sentence of `text` around the character `start`, cut at word boundaries to at
    most `max_chars` characters (plus an ellipsis where cut).

    Examples
    --------
    >>> shorten("Good. Trainers need more time for guidance. Bye.", 10)
    'Trainers need more time for guidance.'
    >>> shorten("Trainers need more time for guidance and feedback.", 24, max_chars=25)
    '…time for guidance and…'
    """
    first = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            break
        first = match.end()
    following = _SENTENCE_END.search(text, start)
    sentence = text[first : following.start() if following else len(text)].strip()
    offset = start - first
    if len(sentence) <= max_chars:
        return sentence
    # a window of whole words around the keyword
    left = max(0, min(offset - max_chars // 3, len(sentence) - max_chars))
    if left:
        space = sentence.find(" ", left)
        left = space + 1 if 0 <= space < offset else left
    right = left + max_chars
    if right < len(sentence):
        space = sentence.rfind(" ", left, right)
        right = space if space > offset else right
    core = sentence[left:right].strip(" ,;:")
    return (ELLIPSIS if left else "") + core + (ELLIPSIS if right < len(sentence) else "")


@holding_dictionaries()
def answer_quotes(
    data: pd.DataFrame,
    terms: pd.DataFrame,
    *,
    per_term: int = 2,
    max_chars: int = 120,
    codebook: Codebook | None = None,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """A few short quotes of the answers that use each of `terms`, per country.

    For each question, country and term of `terms` (as :func:`frequent_terms` lists them
    by country), the shortest distinct sentences using the term (its lemma in the
    answer's language, or the word itself) are quoted as written: scrubbed as the
    cleaned table holds them, in the language of the answer, cut to `max_chars` at word
    boundaries. The choice is deterministic (sentences naming no scrubbed person or
    address first, then the shortest, then alphabetical) and an answer or a wording is
    quoted once per country. Only answers of country-and-group cells with at
    least `min_n` answers, and terms used in at least `min_n` answers, are quoted.
    The lemmatiser's dictionaries are read for the call and released after it, unless
    a :func:`holding_dictionaries` block around several calls holds them.

    Parameters
    ----------
    data : DataFrame
        The cleaned survey table.
    terms : DataFrame
        ``item``, ``country``, ``term``, ``rank`` and ``suppressed`` (the frequent terms
        by country); the terms quoted.
    per_term : int
        Quotes per country and term at most.
    max_chars : int
        Longest quote, in characters.
    codebook : Codebook, optional
        The instrument; the bundled codebook when omitted.
    min_n : int
        Smallest cell quoted.

    Returns
    -------
    DataFrame
        ``item``, ``country``, ``term``, ``rank``, ``language`` (of the answer),
        ``quote`` and ``respondent_id`` (pseudonymised), in the order of `terms`.

    Examples
    --------
    >>> data = pd.DataFrame({"respondent_id": list("abc"), "country": "FI",
    ...     "group": "student", "language": "fi", "open_guidance": [
    ...     "Haluaisin enemmän palautetta työstäni.", "Palautetta pitäisi antaa useammin.",
    ...     "Ohjaukseen ei ole tarpeeksi aikaa."]})
    >>> terms = pd.DataFrame({"item": ["open_guidance"], "country": ["FI"],
    ...     "term": ["palaute"], "rank": [1], "n_answers": [2], "suppressed": [False]})
    >>> answer_quotes(data, terms, min_n=2)["quote"].tolist()
    ['Palautetta pitäisi antaa useammin.', 'Haluaisin enemmän palautetta työstäni.']
    """
    check_dataframe(terms, "terms")
    missing = [column for column in TERM_COLUMNS if column not in terms.columns]
    if missing:
        raise ArgumentError(
            f"`terms` lacks the columns {missing}; pass the frequent terms by country "
            "(frequent_terms(data, by='country'), or the table open_answers_terms_country)."
        )
    chosen = terms[terms["term"].notna() & (terms["n_answers"] >= max(min_n, 1))]
    if "suppressed" in chosen:
        chosen = chosen[~chosen["suppressed"].astype(bool)]
    rows = []
    for item, item_terms in chosen.groupby("item", sort=False):
        long = answers_long(data, items=[item], codebook=codebook)
        long = long[long["status"] == "answered"].assign(written_in=lambda f: _written_in(f))
        sizes = long.groupby(["country", "group"])["text"].transform("size")
        long = long[sizes >= max(min_n, 1)]
        for country, country_terms in item_terms.groupby("country", sort=False):
            answers = long[long["country"] == country]
            quoted: set[str] = set()  # respondents and wordings quoted in the country
            for row in country_terms.itertuples(index=False):
                found = _uses(answers, row.term, max_chars, quoted)
                for quote, language, respondent in found[:per_term]:
                    quoted.update((respondent, quote))
                    rows.append([item, country, row.term, row.rank, language, quote, respondent])
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def _uses(answers: pd.DataFrame, term: str, max_chars: int, quoted: set) -> list[tuple]:
    """``(quote, language, respondent_id)`` of the answers using `term`: quotes without a
    scrubbed mark first, then the shortest, each wording once; answers and wordings
    already `quoted` left out."""
    wanted = term.casefold()
    found = {}
    for text, language, respondent in zip(
        answers["text"], answers["written_in"], answers["respondent_id"], strict=True
    ):
        if respondent in quoted:
            continue
        readable = SCRUBBED.sub(lambda match: " " * len(match.group()), text)
        for word, start, _ in tokens(readable):
            if word.casefold() == wanted or lemma(word, language) == wanted:
                quote = shorten(text, start, max_chars)
                if quote not in quoted:
                    key = (len(SCRUBBED.findall(quote)), len(quote), quote)
                    found.setdefault(key, (quote, language, respondent))
                break
    return [found[key] for key in sorted(found)]


@holding_dictionaries()
def coded_answer_quotes(
    segments: pd.DataFrame,
    codes: pd.DataFrame,
    *,
    per_code: int = 2,
    max_chars: int = 120,
    codebook: Codebook | None = None,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """A few short quotes of the coded open answers, per question, country and code.

    For each question, country and code of `codes` (ranked by the answers coded with
    it, as the code frequencies by question and country list them), the coded passages
    of the primary coder (the one who coded most answers) are quoted as coded: scrubbed,
    cut to `max_chars` at word boundaries, marked with the language they are written in
    (detected, else the questionnaire's). The choice is deterministic (passages naming no
    scrubbed person or address first, then the shortest, then alphabetical) and an answer
    or a wording is quoted once per country. Only answers of country-and-group cells
    with at least `min_n` coded answers, and codes given to at least `min_n` answers of
    the country, are quoted. The lemmatiser's dictionaries are read for the call and
    released after it, unless a :func:`holding_dictionaries` block around several
    calls holds them.

    Parameters
    ----------
    segments : DataFrame
        The coded segments of the open answers (:func:`answer_segments`, or the processed
        table ``open_answer_segments``).
    codes : DataFrame
        ``item``, ``country``, ``code`` and ``n_documents`` (the answers coded with it);
        the codes quoted.
    per_code : int
        Quotes per country and code at most.
    max_chars : int
        Longest quote, in characters.
    codebook : Codebook, optional
        The instrument (its languages); the bundled codebook when omitted.
    min_n : int
        Smallest cell quoted.

    Returns
    -------
    DataFrame
        ``item``, ``country``, ``code``, ``rank`` (1 for the code given to most answers
        of the country), ``language``, ``quote`` and ``respondent_id`` (pseudonymised).

    Examples
    --------
    >>> segments = pd.DataFrame({"document": ["q:a", "q:b"], "coder": "A",
    ...     "code": "guidance_time", "item": "q", "country": "FI", "group": "student",
    ...     "language": "fi", "respondent_id": ["a", "b"],
    ...     "text": ["Ohjaukseen ei ole tarpeeksi aikaa.", "Aikaa ohjaukselle puuttuu."]})
    >>> codes = pd.DataFrame({"item": ["q"], "country": ["FI"], "code": ["guidance_time"],
    ...     "n_documents": [2]})
    >>> coded_answer_quotes(segments, codes, min_n=2)[["code", "language", "quote"]]
                code language                               quote
    0  guidance_time       fi          Aikaa ohjaukselle puuttuu.
    1  guidance_time       fi  Ohjaukseen ei ole tarpeeksi aikaa.
    """
    check_dataframe(segments, "segments")
    check_dataframe(codes, "codes")
    missing = [column for column in CODE_COLUMNS if column not in codes.columns]
    if missing:
        raise ArgumentError(
            f"`codes` lacks the columns {missing}; pass the code frequencies by question "
            "and country (the table open_answers_codes_country)."
        )
    if segments.empty:
        return pd.DataFrame(columns=CODED_QUOTE_COLUMNS)
    languages = tuple((codebook or Codebook.load()).languages)
    primary = segments.groupby("coder")["document"].nunique().sort_index().idxmax()
    coded = segments[segments["coder"] == primary]
    sizes = coded.groupby(["item", "country", "group"])["document"].transform("nunique")
    coded = coded[sizes >= max(min_n, 1)]
    chosen = codes[codes["n_documents"] >= max(min_n, 1)].sort_values(
        ["item", "country", "n_documents", "code"], ascending=[True, True, False, True]
    )
    rows = []
    for (item, country), country_codes in chosen.groupby(["item", "country"], sort=False):
        answers = coded[(coded["item"] == item) & (coded["country"] == country)]
        quoted: set[str] = set()
        for rank, code in enumerate(country_codes["code"], start=1):
            found = {}
            for row in answers[answers["code"] == code].itertuples(index=False):
                quote = shorten(" ".join(str(row.text).split()), 0, max_chars)
                if row.respondent_id in quoted or quote in quoted:
                    continue
                key = (len(SCRUBBED.findall(quote)), len(quote), quote)
                found.setdefault(key, (quote, row.respondent_id, row.language))
            for key in sorted(found)[:per_code]:
                quote, respondent, asked_in = found[key]
                detected = detect_language(quote, languages)
                language = detected if detected in languages else asked_in
                quoted.update((respondent, quote))
                rows.append([item, country, code, rank, language, quote, respondent])
    return pd.DataFrame(rows, columns=CODED_QUOTE_COLUMNS)
