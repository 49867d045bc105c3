"""Quality flags of survey responses, each a documented rule of :class:`CleaningConfig`."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from techvet_survey.cleaning._config import NO_CODEBOOK_ITEM, CleaningConfig
from techvet_survey.cleaning._values import on_distinct

FNV_PRIME = np.uint64(1_099_511_628_211)
MISSING_HASH = np.uint64(0x9E3779B97F4A7C15)


def quality_flags(
    frame: pd.DataFrame,
    answers: pd.DataFrame,
    statuses: pd.DataFrame,
    *,
    substantive: list[str],
    text_items=(),
    config: CleaningConfig,
    background_answered: pd.Series | None = None,
    no_codebook_item: bool = False,
) -> pd.DataFrame:
    """One boolean column per rule (``blank``, ``test_submission``, ...), one row per response.

    Parameters
    ----------
    frame : DataFrame
        Harmonised responses (``submitted``, ``submitted_at``, ``duration_s``, ``group``,
        free-text and background columns).
    answers : DataFrame
        Likert answer codes (1-5, 8, 9, NaN), one column per item.
    statuses : DataFrame
        The decoding status of each Likert cell (``unanswered`` when blank).
    substantive : list of str
        Columns compared to find duplicate submissions.
    text_items : list of str
        The open questions (codebook items of type ``text``): an answer to any of them
        makes a row not blank, and a test word as the answer marks a test submission.
    background_answered : Series of bool, optional
        Rows with any background answer, valid or not (default: any of ``gender``,
        ``age_band`` and ``field`` of `frame` present).
    no_codebook_item : bool
        No column of the file maps to a codebook item: every row is flagged
        ``no codebook item in this file``.
    """
    answered = statuses.ne("unanswered")
    n_answered = answered.sum(axis=1)
    words = {word.casefold() for word in config.test_words}
    any_text = pd.Series(False, index=frame.index)
    is_test_text = pd.Series(False, index=frame.index)
    for column in text_items:
        if column in frame:
            stripped = on_distinct(
                frame[column], lambda cells: cells.astype(object).fillna("").astype(str).str.strip()
            )
            any_text |= stripped != ""
            is_test_text |= on_distinct(stripped, lambda cells: cells.str.casefold().isin(words))
    background = (
        frame.reindex(columns=["gender", "age_band", "field"]).notna().any(axis=1)
        if background_answered is None
        else background_answered
    )
    flags = pd.DataFrame(index=frame.index)
    flags[NO_CODEBOOK_ITEM] = no_codebook_item
    flags["blank"] = (n_answered == 0) & ~any_text & ~background
    flags["unknown_country"] = frame["country_unknown"].notna()
    flags["unknown_group"] = frame["group_unknown"].notna()
    before = (
        frame["submitted_at"] < config.field_start
        if config.field_start is not None
        else pd.Series(False, index=frame.index)
    )
    flags["test_submission"] = is_test_text | before.fillna(False)
    share = n_answered / max(1, answers.shape[1])
    not_submitted = ~frame.get("submitted", pd.Series(True, index=frame.index)).astype(bool)
    flags["incomplete"] = (share < config.min_answered_share) | not_submitted
    negative = (frame["duration_s"] < 0) | (frame["submitted_at"] < frame["started_at"])
    flags["negative_duration"] = negative.fillna(False).astype(bool)
    flags["speeder"] = _speeders(frame, flags["incomplete"], config.speeder_ratio)
    valid = answers.where(answers.isin([1, 2, 3, 4, 5])).to_numpy(dtype=float)
    n_valid = (~np.isnan(valid)).sum(axis=1)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows
        same = np.nanmin(valid, axis=1) == np.nanmax(valid, axis=1)
    flags["straight_lining"] = (n_valid >= config.straightline_min_items) & same

    flags["duplicate"] = False
    return flags


def _speeders(frame: pd.DataFrame, incomplete: pd.Series, ratio: float) -> pd.Series:
    """Completion time below `ratio` times the median of complete responses in the same
    group (negative times, a date error, are not part of the median)."""
    duration = frame["duration_s"].astype(float)
    reference = duration.where(~incomplete & (duration >= 0))
    median = reference.groupby(frame["group"].fillna("")).transform("median")
    return (duration < ratio * median).fillna(False)


def flag_duplicates(
    frame: pd.DataFrame, columns: list[str], submitted_at: pd.Series, eligible: pd.Series
) -> pd.Series:
    """Later submissions identical to an earlier one on every column of `columns`.

    Only `eligible` rows (not excluded by an earlier rule) take part; the earliest
    submission (by `submitted_at`; rows without a time last) of each identical group
    is kept. Cells are compared by value (missing equals missing).
    """
    eligible = np.asarray(eligible, dtype=bool)
    keys = pd.DataFrame(
        {column: pd.factorize(frame[column], use_na_sentinel=True)[0] for column in columns},
        index=frame.index,
    ).loc[eligible]
    order = submitted_at.loc[eligible].sort_values(kind="stable").index
    duplicated = keys.loc[order].duplicated(keep="first")
    result = pd.Series(False, index=frame.index)
    result[duplicated.index] = duplicated.to_numpy()
    return result


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """A 64-bit hash of each row's cells, equal for equal rows of any chunk of a file.

    Float columns are hashed cell by cell (vectorised); other columns are factorised and
    their distinct cells hashed as text. Missing cells hash to one constant; the
    columns are combined FNV-style.
    """
    combined = np.zeros(len(frame), dtype=np.uint64)
    for column in frame.columns:
        cells = frame[column]
        if cells.dtype == np.float64:
            values = cells.to_numpy()
            hashed = np.where(np.isnan(values), MISSING_HASH, pd.util.hash_array(values))
            combined = (combined * FNV_PRIME) ^ hashed
            continue
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        values = np.asarray(uniques)
        if values.dtype == object:
            values = values.astype(str).astype(object)
        hashed = np.append(pd.util.hash_array(values), MISSING_HASH)
        combined = (combined * FNV_PRIME) ^ hashed[codes]
    return combined


def first_reason(flags: pd.DataFrame, order) -> pd.Series:
    """The first rule in `order` that flags each row ('' for kept rows)."""
    reason = np.full(len(flags), "", dtype=object)
    for rule in reversed(order):
        reason[flags[rule].to_numpy(dtype=bool)] = rule
    return pd.Series(reason, index=flags.index, dtype="object")


def exclusion_mask(reason: pd.Series) -> np.ndarray:
    """True for excluded rows."""
    return (reason != "").to_numpy()
