"""Frequent terms of the open answers, per group and language, and keywords in context."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.open_answers._describe import _by, answers_long
from techvet_survey.open_answers._words import content_lemmas, lemma, tokens
from techvet_survey.privacy import DEFAULT_MIN_N, suppress_small_cells


def _written_in(long: pd.DataFrame) -> pd.Series:
    """The language each answer is read in: as detected, else the questionnaire's."""
    detected = long["answer_language"]
    return detected.where(detected.isin(set(long["language"].dropna())), long["language"])


def frequent_terms(
    data: pd.DataFrame,
    *,
    item: str = "open_guidance",
    by: str | Sequence[str] | None = ("country", "group"),
    top: int = 10,
    codebook: Codebook | None = None,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """The terms used most in the answers to open question `item`, per group.

    Each answer is split into words, stop words of its language are dropped and the
    rest lemmatised with simplemma (Finnish ``aikaa`` -> ``aika``, Latvian ``laika`` ->
    ``laiks``) in the language it is written in (detected; the questionnaire's when too
    short to tell). A term counts once per answer.

    Parameters
    ----------
    data : DataFrame
        The cleaned survey table.
    item : str
        The open question (a codebook item of type ``text``).
    by : str or sequence of str, optional
        Grouping columns (default country and respondent group).
    top : int
        Terms kept per group (ties at the cut are kept).
    codebook : Codebook, optional
        The instrument; the bundled codebook when omitted.
    min_n : int
        Groups of fewer than `min_n` answers are listed with ``suppressed`` True and no
        terms; terms used in fewer than `min_n` answers are left out (a rare word can
        point to a person).

    Returns
    -------
    DataFrame
        ``item``, the `by` columns, ``term``, ``language`` (of the term),
        ``n_answers`` (answers using it), ``n_answered`` (answers of the group),
        ``share_answers``, ``rank`` and ``suppressed``.

    Examples
    --------
    >>> data = pd.DataFrame({"respondent_id": list("abc"), "country": "FI",
    ...     "group": "student", "language": "fi", "open_guidance": [
    ...     "Haluaisin enemmän palautetta työstäni.", "Palautetta pitäisi antaa useammin.",
    ...     "Ohjaukseen ei ole tarpeeksi aikaa."]})
    >>> frequent_terms(data, min_n=2)[["term", "n_answers", "share_answers"]]
          term  n_answers  share_answers
    0  palaute          2       0.666667
    """
    by = _by(by)
    long = answers_long(data, items=[item], codebook=codebook)
    long = long[long["status"] == "answered"].assign(written_in=lambda f: _written_in(f))
    keys = ["item", *by]
    sizes = long.groupby(keys).size().rename("n_answered")
    words = long.assign(
        term=[
            sorted(set(content_lemmas(text, lang)))
            for text, lang in zip(long["text"], long["written_in"], strict=True)
        ]
    ).explode("term")
    words = words.dropna(subset=["term"])
    counts = words.groupby([*keys, "term", "written_in"]).size().rename("n_answers").reset_index()
    counts = counts.rename(columns={"written_in": "language"})
    counts = counts.merge(sizes.reset_index(), on=keys, how="left")
    counts["share_answers"] = counts["n_answers"] / counts["n_answered"]
    counts = counts[counts["n_answers"] >= max(min_n, 1)]
    counts = counts.sort_values(
        [*keys, "n_answers", "term"], ascending=[True] * len(keys) + [False, True]
    )
    counts["rank"] = counts.groupby(keys)["n_answers"].rank(method="min", ascending=False)
    counts = counts[counts["rank"] <= top].astype({"rank": "int64"})
    small = sizes[sizes < min_n].reset_index()
    table = pd.concat([counts, small], ignore_index=True)
    table = suppress_small_cells(table, n_col="n_answered", min_n=min_n, value_cols=[])
    table = table[~table["suppressed"] | table["term"].isna()]
    columns = [*keys, "term", "language", "n_answers", "n_answered", "share_answers", "rank"]
    table = table[[*columns, "suppressed"]].astype({"n_answers": "Int64", "rank": "Int64"})
    table = table.sort_values([*keys, "rank"])
    return table.reset_index(drop=True)


def keyword_in_context(
    data: pd.DataFrame,
    term: str,
    *,
    item: str = "open_guidance",
    width: int = 40,
    codebook: Codebook | None = None,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Every use of `term` in the answers to `item`, with the words around it.

    A word matches when its lemma (in the answer's language) or the word itself equals
    `term`, ignoring case, so the term ``aika`` finds ``aika`` and ``aikaa``.

    Parameters
    ----------
    term : str
        A word or a lemma (as :func:`frequent_terms` lists them).
    width : int
        Characters of context on each side.
    min_n : int
        Only answers of country-and-group cells with at least `min_n` answers are shown.

    Returns
    -------
    DataFrame
        ``respondent_id``, ``country``, ``group``, ``language``, ``left``, ``keyword``,
        ``right``, ``start`` and ``end`` (code-point offsets of the keyword in the answer).

    Examples
    --------
    >>> data = pd.DataFrame({"respondent_id": ["a"], "country": "LV", "group": "student",
    ...     "language": "lv", "open_guidance": ["Darba dienā trūkst laika vadīšanai."]})
    >>> keyword_in_context(data, "laiks", min_n=0)[["left", "keyword", "right"]]
                     left keyword       right
    0  Darba dienā trūkst   laika  vadīšanai.
    """
    long = answers_long(data, items=[item], codebook=codebook)
    long = long[long["status"] == "answered"].assign(written_in=lambda f: _written_in(f))
    sizes = long.groupby(["country", "group"])["text"].transform("size")
    long = long[sizes >= min_n]
    wanted = term.casefold()
    rows = []
    for row in long.itertuples(index=False):
        for word, start, end in tokens(row.text):
            if word.casefold() != wanted and lemma(word, row.written_in) != wanted:
                continue
            rows.append(
                {
                    "respondent_id": row.respondent_id,
                    "country": row.country,
                    "group": row.group,
                    "language": row.written_in,
                    "left": row.text[max(0, start - width) : start].strip(),
                    "keyword": row.text[start:end],
                    "right": row.text[end : end + width].strip(),
                    "start": start,
                    "end": end,
                }
            )
    columns = [
        "respondent_id",
        "country",
        "group",
        "language",
        "left",
        "keyword",
        "right",
        "start",
        "end",
    ]
    return pd.DataFrame(rows, columns=columns)
