"""The report's section "In their own words": the answers to the open questions.

Per open question: what respondents raise most in each country (the frequent terms of
the ``analyze`` stage, in sentences of the report's language), who answered and in which
language, and a few short quotes per leading term and country in the language of the
answer, from the cleaned (scrubbed) survey table and only from cells of at least the
minimum n (:func:`techvet_survey.open_answers.answer_quotes`).

The section runs whenever the study has survey data (``NOTEBOOK_PART``) and says plainly
when the survey holds no answer to an open question. A coded project of the open answers
(``export --open-answers``, coded in a QDA program) belongs in the raw folder, e.g.
``raw/open_answers/``: the cleaning recognises it by its documents (one per open
question and country) and lists it as skipped rather than reading it as interviews; its
coding is read with :func:`techvet_survey.interviews.read_qdpx` and
:func:`techvet_survey.open_answers.answer_segments`.
"""

from __future__ import annotations

import pandas as pd

from techvet_survey._numbers import percent
from techvet_survey.report._display import show_note, show_table, show_text
from techvet_survey.report._findings import _label, _listing, table_ref
from techvet_survey.report._format import format_count
from techvet_survey.report._messages import text as message

LEADING_TERMS = 3
"""Terms named, and quoted, per country and question."""

QUOTES_PER_TERM = 2
"""Quotes per country and term at most."""

TABLES = {
    "describe": (
        "open_answers_describe",
        [
            "country",
            "group",
            "n",
            "n_answered",
            "share_answered",
            "share_blank",
            "share_refused",
            "mean_words",
            "share_in_questionnaire_language",
        ],
    ),
    "languages": ("open_answers_languages", ["country", "language", "answer_language", "n"]),
    "terms": (
        "open_answers_terms_country",
        ["country", "term", "answer_language", "n_answers", "share_answers", "rank"],
    ),
}
"""The tables of the section: the report table each shows and its columns."""


def open_questions(study) -> list[str]:
    """The open questions the study's survey holds answers to, in codebook order."""
    describe = study.tables.get("open_answers_describe")
    if describe is None or describe.empty:
        return []
    return list(dict.fromkeys(describe["item"]))


def _termed_questions(study) -> list[str]:
    """The open questions with frequent terms (some answers to them)."""
    terms = study.tables.get("open_answers_terms_country")
    termed = set() if terms is None else set(terms["item"])
    return [item for item in open_questions(study) if item in termed]


def _question(study, item: str) -> str:
    try:
        return study.codebook.question_text(item, study.lang)
    except KeyError:
        return item


def _terms_ref(item: str) -> str:
    return f"open_answers_terms_country-{item}"


def _leading(terms: pd.DataFrame) -> pd.DataFrame:
    """The leading terms of each question and country (shown ones, by rank then term)."""
    shown = terms[terms["term"].notna() & ~terms["suppressed"].astype(bool)]
    shown = shown.sort_values(["item", "country", "rank", "term"])
    return shown.groupby(["item", "country"], sort=False).head(LEADING_TERMS)


def own_words_findings(study) -> list[str]:
    """Per open question, a sentence naming each country's leading terms with the share
    of answers using them, and the countries without terms shown (small cells)."""
    terms = study.tables.get("open_answers_terms_country")
    if terms is None or terms.empty:
        return []
    lang, book = study.lang, study.codebook
    leading = _leading(terms)
    paragraphs = []
    for item in open_questions(study):
        rows = terms[terms["item"] == item]
        if rows.empty:
            continue
        parts, without = [], []
        for country in sorted(rows["country"].dropna().unique()):
            top = leading[(leading["item"] == item) & (leading["country"] == country)]
            name = _label(book, "country", str(country), lang)
            if top.empty:
                without.append(name)
                continue
            words = [
                message(
                    "open.term_share",
                    lang,
                    term=row.term,
                    share=percent(f"{100 * row.share_answers:.0f}", lang),
                )
                for row in top.itertuples(index=False)
            ]
            parts.append(
                message(
                    "open.terms_country",
                    lang,
                    country=name,
                    n=format_count(int(top["n_answered"].iloc[0]), lang),
                    terms=_listing(words, lang),
                )
            )
        question = _question(study, item)
        if parts:
            paragraphs.append(
                message(
                    "open.terms",
                    lang,
                    question=question,
                    parts="; ".join(parts),
                    ref=table_ref(_terms_ref(item)),
                )
            )
        if without:
            paragraphs.append(
                message(
                    "open.terms_small", lang, countries=_listing(without, lang), min_n=study.min_n
                )
            )
    return paragraphs


def show_own_words(study) -> None:
    """Display the section's findings, or say plainly that the survey has no answers to
    open questions."""
    if not open_questions(study):
        show_note(message("note.absent.open_answers", study.lang))
        return
    show_text(own_words_findings(study), lang=study.lang)


def show_open_answer_tables(study, kind: str) -> None:
    """Display one table per open question: ``describe`` (answered, blank, refused),
    ``languages`` (questionnaire and answer language) or ``terms`` (by country)."""
    name, columns = TABLES[kind]
    table = study.tables.get(name)
    if table is None or table.empty:
        return
    table = table.rename(columns={"language": "answer_language"}) if kind == "terms" else table
    for item in open_questions(study):
        rows = table[table["item"] == item]
        if kind == "terms":
            rows = rows[rows["term"].notna()]
        if rows.empty:
            continue
        show_table(
            rows[columns],
            message(f"caption.open_{kind}", study.lang, question=_question(study, item)),
            ref=_terms_ref(item) if kind == "terms" else f"{name}-{item}",
            study=study,
        )


def own_words_quotes(study) -> pd.DataFrame:
    """The quotes of the section (:func:`techvet_survey.open_answers.answer_quotes` of
    each country's leading terms)."""
    from techvet_survey.open_answers import answer_quotes  # the lemmatiser, when quoted

    terms = study.tables.get("open_answers_terms_country")
    if terms is None or terms.empty:
        return pd.DataFrame(columns=["item", "country", "term", "rank", "language", "quote"])
    return answer_quotes(
        study.processed["survey"],
        _leading(terms),
        per_term=QUOTES_PER_TERM,
        codebook=study.codebook,
        min_n=study.min_n,
    )


def show_quotes(study) -> None:
    """Display a few short quotes per open question, country and leading term, each
    marked with the language it is written in."""
    quotes = own_words_quotes(study)
    lang = study.lang
    for item in _termed_questions(study):
        rows = quotes[quotes["item"] == item]
        question = _question(study, item)
        if rows.empty:
            show_note(message("open.no_quotes", lang, question=question, min_n=study.min_n))
            continue
        paragraphs = [message("open.quotes_intro", lang, question=question, min_n=study.min_n)]
        for (country, term), group in rows.groupby(["country", "term"], sort=False):
            said = [
                message("open.quote", lang, quote=row.quote, language=row.language)
                for row in group.itertuples(index=False)
            ]
            paragraphs.append(
                message(
                    "open.quotes",
                    lang,
                    country=study.codebook.country_label(str(country), lang),
                    term=term,
                    quotes=" ".join(said),
                )
            )
        show_text(paragraphs, lang=lang)
