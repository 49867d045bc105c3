"""Describe the answers to the open questions: answered, blank, refused, length, language."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from techvet_survey._validation import check_columns, check_dataframe
from techvet_survey.codebook import Codebook
from techvet_survey.open_answers._words import (
    UNDETERMINED,
    detect_language,
    is_non_answer,
    tokens,
)
from techvet_survey.privacy import DEFAULT_MIN_N, suppress_small_cells

ANSWER_STATUSES = ("answered", "blank", "refused")


def _by(by) -> list[str]:
    return [] if by is None else [by] if isinstance(by, str) else list(by)


def open_items(data: pd.DataFrame, codebook: Codebook | None = None) -> list[str]:
    """The open questions of the codebook (items of type ``text``) that `data` holds."""
    book = codebook or Codebook.load()
    return [item for item in book.text_items["item"] if item in data.columns]


def answers_long(
    data: pd.DataFrame,
    *,
    items: Sequence[str] | None = None,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """One row per respondent and open question asked of the respondent's group.

    Returns
    -------
    DataFrame
        ``respondent_id``, ``country``, ``group``, ``language`` (of the questionnaire),
        ``item``, ``text``, ``status`` (``answered``, ``blank`` or ``refused``: a
        non-answer such as "No comment." or "-"), ``n_characters``, ``n_words`` and
        ``answer_language`` (detected among the study languages; ``"und"`` when too
        short to tell; missing unless answered).
    """
    check_dataframe(data, "data")
    book = codebook or Codebook.load()
    items = open_items(data, book) if items is None else list(items)
    check_columns(data, ["respondent_id", "country", "group", "language", *items], "data")
    asked = dict(zip(book.text_items["item"], book.text_items["groups"], strict=True))
    frames = []
    for item in items:
        rows = data[data["group"].isin(asked.get(item, data["group"].unique()))]
        text = rows[item].astype(object).where(rows[item].notna(), "").astype(str).str.strip()
        frames.append(
            pd.DataFrame(
                {
                    "respondent_id": rows["respondent_id"].to_numpy(),
                    "country": rows["country"].to_numpy(),
                    "group": rows["group"].to_numpy(),
                    "language": rows["language"].to_numpy(),
                    "item": item,
                    "text": text.to_numpy(),
                }
            )
        )
    columns = ["respondent_id", "country", "group", "language", "item", "text"]
    long = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    blank = long["text"].eq("")
    refused = ~blank & long["text"].map(is_non_answer).astype(bool)
    long["status"] = np.select([blank, refused], ["blank", "refused"], "answered")
    answered = long["status"].eq("answered")
    long["n_characters"] = long["text"].str.len().where(answered)
    long["n_words"] = long["text"].map(lambda text: len(tokens(text))).where(answered)
    languages = tuple(book.languages)
    long["answer_language"] = long["text"][answered].map(
        lambda text: detect_language(text, languages)
    )
    return long


def describe_answers(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = ("country", "group"),
    items: Sequence[str] | None = None,
    codebook: Codebook | None = None,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """Per open question and group: how many answered, left it blank or refused; how long
    the answers are; whether they are written in the questionnaire's language.

    Parameters
    ----------
    data : DataFrame
        The cleaned survey table (``respondent_id``, ``country``, ``group``,
        ``language`` and one column per open question).
    by : str or sequence of str, optional
        Grouping columns (default country and respondent group).
    items : sequence of str, optional
        The open questions; by default every codebook item of type ``text`` in `data`.
        Only respondents of the groups the codebook says were asked are counted.
    codebook : Codebook, optional
        The instrument; the bundled codebook when omitted.
    min_n : int
        Rows of fewer than `min_n` respondents are suppressed (their statistics blank,
        ``suppressed`` True); the length and language statistics also need `min_n`
        answers.

    Returns
    -------
    DataFrame
        One row per question and group: ``item``, the `by` columns, ``n`` (respondents
        asked), ``n_answered``, ``n_blank``, ``n_refused`` and their ``share_*``,
        ``mean_characters``, ``median_characters``, ``mean_words``,
        ``share_in_questionnaire_language`` (answers detected in the questionnaire's
        language, of those whose language could be told), ``n_language_undetermined``
        and ``suppressed``.

    Examples
    --------
    >>> data = pd.DataFrame({"respondent_id": list("abcdef"), "country": "FI",
    ...     "group": "student", "language": "fi", "open_guidance": [
    ...     "Haluaisin enemmän palautetta työstäni.", "", "-", "Lisää aikaa ohjaukseen nyt.",
    ...     "Ohjaukseen ei ole tarpeeksi aikaa.", None], "open_other": None})
    >>> table = describe_answers(data, min_n=0).set_index("item")
    >>> table.loc["open_guidance", ["n", "n_answered", "n_blank", "n_refused"]].tolist()
    [6, 3, 2, 1]
    >>> float(table.loc["open_guidance", "share_in_questionnaire_language"])
    1.0
    """
    by = _by(by)
    long = answers_long(data, items=items, codebook=codebook)
    keys = ["item", *by]
    long = long.assign(
        same=np.where(
            long["answer_language"].isin([UNDETERMINED]) | long["answer_language"].isna(),
            np.nan,
            (long["answer_language"] == long["language"]).astype(float),
        ),
        undetermined=long["answer_language"].eq(UNDETERMINED),
    )
    counts = pd.crosstab([long[key] for key in keys], long["status"])
    counts = counts.reindex(columns=list(ANSWER_STATUSES), fill_value=0)
    counts.columns = [f"n_{status}" for status in ANSWER_STATUSES]
    table = counts.reset_index()
    table.insert(len(keys), "n", table[[f"n_{s}" for s in ANSWER_STATUSES]].sum(axis=1))
    for status in ANSWER_STATUSES:
        table[f"share_{status}"] = table[f"n_{status}"] / table["n"]
    answered = long[long["status"] == "answered"]
    lengths = answered.groupby(keys).agg(
        mean_characters=("n_characters", "mean"),
        median_characters=("n_characters", "median"),
        mean_words=("n_words", "mean"),
        share_in_questionnaire_language=("same", "mean"),
        n_language_undetermined=("undetermined", "sum"),
    )
    table = table.merge(lengths.reset_index(), on=keys, how="left")
    table["n_language_undetermined"] = table["n_language_undetermined"].fillna(0).astype(int)
    table = suppress_small_cells(
        table,
        n_col="n",
        min_n=min_n,
        value_cols=[c for c in table.columns if c.startswith(("n_", "share_", "mean_", "median_"))],
    )
    few_answers = table["n_answered"].fillna(0) < min_n
    for column in (
        "mean_characters",
        "median_characters",
        "mean_words",
        "share_in_questionnaire_language",
    ):
        table[column] = table[column].where(~few_answers)
    return table


def answer_languages(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = ("country",),
    items: Sequence[str] | None = None,
    codebook: Codebook | None = None,
    min_n: int = DEFAULT_MIN_N,
) -> pd.DataFrame:
    """How many answers are written in each language, by questionnaire language.

    Returns
    -------
    DataFrame
        ``item``, the `by` columns, ``language`` (of the questionnaire),
        ``answer_language`` (detected; ``"und"`` when too short to tell) and ``n``;
        rows of fewer than `min_n` answers have ``n`` blank and ``suppressed`` True.
    """
    by = _by(by)
    long = answers_long(data, items=items, codebook=codebook)
    answered = long[long["status"] == "answered"]
    keys = ["item", *by, "language", "answer_language"]
    table = answered.groupby(keys).size().rename("n").reset_index()
    return suppress_small_cells(table, n_col="n", min_n=min_n, value_cols=[], hide_n=True)
