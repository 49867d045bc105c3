"""The report's section "In their own words": the answers to the open questions.

Per open question: what respondents raise most in each country, in sentences of the
report's language, who answered and in which language, and a few short quotes per
country in the language of the answer, scrubbed and only from cells of at least the
minimum n.

When the answers to a question were coded (a coded project of the open answers, written
by ``export --open-answers`` and coded in a QDA program, placed in the raw folder, e.g.
``raw/open_answers/coded.qdpx``; the cleaning keeps its coding as
``open_answer_segments``), what respondents raise is the code given to most answers of
each country (the ``analyze`` table ``open_answers_codes_country``) and the quotes are
coded passages per code and country
(:func:`techvet_survey.open_answers.coded_answer_quotes`). Otherwise it is the frequent
terms of each country and quotes using them
(:func:`techvet_survey.open_answers.answer_quotes`).

The section runs whenever the study has survey data (``NOTEBOOK_PART``) and says plainly
when the survey holds no answer to an open question.
"""

from __future__ import annotations

import pandas as pd

from techvet_survey._numbers import percent
from techvet_survey.report._display import show_note, show_table, show_text
from techvet_survey.report._findings import _label, _listing, table_ref
from techvet_survey.report._format import format_count
from techvet_survey.report._messages import text as message

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
    "codes": (
        "open_answers_codes_country",
        [
            "country",
            "theme",
            "code",
            "n_answers_with_code",
            "n_coded_answers",
            "share_coded_answers",
        ],
    ),
}
"""The tables of the section: the report table each shows and its columns."""

CODED_ANSWER_COLUMNS = {
    "n_documents": "n_answers_with_code",
    "n_documents_total": "n_coded_answers",
    "share_documents": "share_coded_answers",
}
"""The code frequencies' columns as the section names them: its documents are answers."""


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


def _codes_ref(item: str) -> str:
    return f"open_answers_codes_country-{item}"


def coded_questions(study) -> list[str]:
    """The open questions whose answers were coded (a coded project in the raw folder)."""
    codes = study.tables.get("open_answers_codes_country")
    coded = set() if codes is None else set(codes["item"])
    return [item for item in open_questions(study) if item in coded]


def _code_label(study, code: str) -> str:
    codes = study.codebook.interview_codes
    labels = dict(zip(codes["code"], codes[f"label_{study.lang}"], strict=True))
    return labels.get(code, code)


def leading_codes(study, item: str) -> pd.DataFrame:
    """The code given to most coded answers of each country (all codes tied for it), for
    countries of at least the minimum n coded answers: ``country``, ``code``,
    ``n_documents``, ``n_documents_total``, ``share_documents``."""
    codes = study.tables["open_answers_codes_country"]
    rows = codes[(codes["item"] == item) & (codes["n_documents_total"] >= study.min_n)]
    most = rows.groupby("country")["n_documents"].transform("max")
    return rows[rows["n_documents"] == most].sort_values(["country", "code"])


def _coded_findings(study, item: str) -> list[str]:
    """The sentence naming each country's leading code, and the countries too small."""
    lang, book = study.lang, study.codebook
    codes = study.tables["open_answers_codes_country"]
    leading = leading_codes(study, item)
    parts = []
    for country, rows in leading.groupby("country", sort=True):
        named = [
            _term_share(_code_label(study, row.code), row.share_documents, lang)
            for row in rows.itertuples(index=False)
        ]
        parts.append(
            message(
                "open.codes_country",
                lang,
                country=_label(book, "country", str(country), lang),
                n=format_count(int(rows["n_documents_total"].iloc[0]), lang),
                codes=_listing(named, lang),
            )
        )
    paragraphs = []
    if parts:
        paragraphs.append(
            message(
                "open.codes",
                lang,
                question=_question(study, item),
                parts="; ".join(parts),
                ref=table_ref(_codes_ref(item)),
            )
        )
    small = sorted(set(codes.loc[codes["item"] == item, "country"]) - set(leading["country"]))
    if small:
        names = [_label(book, "country", str(country), lang) for country in small]
        paragraphs.append(
            message("open.codes_small", lang, countries=_listing(names, lang), min_n=study.min_n)
        )
    return paragraphs


def _term_share(term: str, share: float, lang: str) -> str:
    """A term (or code) with its share of answers, as "aika (57 %)"."""
    return message("open.term_share", lang, term=term, share=percent(f"{100 * share:.0f}", lang))


def own_words_findings(study) -> list[str]:
    """Per open question, a sentence naming each country's leading code with the share
    of coded answers given it (coded questions), or else its leading terms with the
    share of answers using them; and the countries without either shown (small cells)."""
    coded = coded_questions(study)
    terms = study.tables.get("open_answers_terms_country")
    paragraphs = []
    for item in open_questions(study):
        if item in coded:
            paragraphs += _coded_findings(study, item)
        elif terms is not None and not terms.empty:
            paragraphs += _term_findings(study, item, terms)
    return paragraphs


def _term_findings(study, item: str, terms: pd.DataFrame) -> list[str]:
    """The sentence naming each country's leading terms, and the countries without."""
    from techvet_survey.open_answers import leading_terms  # simplemma, when needed

    lang, book = study.lang, study.codebook
    leading = leading_terms(terms)
    rows = terms[terms["item"] == item]
    if rows.empty:
        return []
    paragraphs: list[str] = []
    parts, without = [], []
    for country in sorted(rows["country"].dropna().unique()):
        top = leading[(leading["item"] == item) & (leading["country"] == country)]
        name = _label(book, "country", str(country), lang)
        if top.empty:
            without.append(name)
            continue
        words = [
            _term_share(row.term, row.share_answers, lang) for row in top.itertuples(index=False)
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
            message("open.terms_small", lang, countries=_listing(without, lang), min_n=study.min_n)
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
    ``languages`` (questionnaire and answer language), ``terms`` (by country) or
    ``codes`` (the codes of the coded answers by country, countries of at least the
    minimum n coded answers; nothing for a question not coded)."""
    name, columns = TABLES[kind]
    table = study.tables.get(name)
    if table is None or table.empty:
        return
    table = table.rename(columns={"language": "answer_language"}) if kind == "terms" else table
    if kind == "codes":  # each answer is a document of the code frequencies
        table = table.rename(columns=CODED_ANSWER_COLUMNS).sort_values(
            ["country", "n_answers_with_code", "code"], ascending=[True, False, True]
        )
    for item in open_questions(study):
        rows = table[table["item"] == item]
        if kind == "terms":
            rows = rows[rows["term"].notna()]
        if kind == "codes":  # countries of fewer coded answers than the minimum n left out
            rows = rows[rows["n_coded_answers"] >= study.min_n]
        if rows.empty:
            continue
        refs = {"terms": _terms_ref(item), "codes": _codes_ref(item)}
        show_table(
            rows[columns],
            message(f"caption.open_{kind}", study.lang, question=_question(study, item)),
            ref=refs.get(kind, f"{name}-{item}"),
            study=study,
        )


def own_words_quotes(study) -> pd.DataFrame:
    """The quotes of the section: the table ``open_answers_quotes`` of the analysis, or
    :func:`techvet_survey.open_answers.leading_quotes` of each country's leading terms
    when the table was chosen for another minimum n (or reads back otherwise)."""
    table = study.tables.get("open_answers_quotes")
    if _chosen_for(table, study.min_n):
        return table
    from techvet_survey.open_answers import leading_quotes  # loads the lemmatiser

    return leading_quotes(
        study.processed["survey"],
        study.tables.get("open_answers_terms_country"),
        codebook=study.codebook,
        min_n=study.min_n,
    )


def own_words_coded_quotes(study) -> pd.DataFrame:
    """The quotes of the coded questions (the table ``open_answers_coded_quotes``, or
    :func:`techvet_survey.open_answers.leading_coded_quotes` of each country's leading
    codes), with ``term`` the code's label in the report's language."""
    quotes = study.tables.get("open_answers_coded_quotes")
    if not _chosen_for(quotes, study.min_n):
        from techvet_survey.open_answers import leading_coded_quotes  # the language detector

        quotes = leading_coded_quotes(
            study.processed.get("open_answer_segments"),
            study.tables.get("open_answers_codes_country"),
            codebook=study.codebook,
            min_n=study.min_n,
        )
    return quotes.assign(term=[_code_label(study, code) for code in quotes["code"]])


def _chosen_for(quotes: pd.DataFrame | None, min_n: int) -> bool:
    """The quote table was chosen for `min_n` and reads back as written: no quote lost
    to a missing-value marker or marked as text for spreadsheets (a leading ``'``)."""
    if quotes is None or "min_n" not in quotes:
        return False
    text = quotes["quote"]
    return bool(
        (quotes["min_n"] == min_n).all()
        and text.notna().all()
        and not text.astype(str).str.startswith("'").any()
    )


def show_quotes(study) -> None:
    """Display a few short quotes per open question and country, each marked with the
    language it is written in: per leading code of a coded question, per leading term
    otherwise."""
    coded = coded_questions(study)
    if coded:
        _show_quotes(study, own_words_coded_quotes(study), coded, "open.coded_quotes_intro")
    termed = [item for item in _termed_questions(study) if item not in coded]
    if termed:
        _show_quotes(study, own_words_quotes(study), termed, "open.quotes_intro")


def _show_quotes(study, quotes: pd.DataFrame, items: list[str], intro: str) -> None:
    lang = study.lang
    empty = "open.no_coded_quotes" if intro == "open.coded_quotes_intro" else "open.no_quotes"
    for item in items:
        rows = quotes[quotes["item"] == item]
        question = _question(study, item)
        if rows.empty:
            show_note(message(empty, lang, question=question, min_n=study.min_n))
            continue
        paragraphs = [message(intro, lang, question=question, min_n=study.min_n)]
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
