"""Quality flags of survey responses, each a documented rule of :class:`CleaningConfig`."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from techvet_survey.cleaning._config import CleaningConfig


def quality_flags(
    frame: pd.DataFrame,
    answers: pd.DataFrame,
    statuses: pd.DataFrame,
    *,
    substantive: list[str],
    config: CleaningConfig,
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
    """
    answered = statuses.ne("unanswered")
    n_answered = answered.sum(axis=1)
    text = (
        frame.reindex(columns=["open_guidance", "open_other"]).astype(object).fillna("").astype(str)
    )
    any_text = text.apply(lambda column: column.str.strip() != "").any(axis=1)
    background = frame.reindex(columns=["gender", "age_band", "field"]).notna().any(axis=1)
    flags = pd.DataFrame(index=frame.index)
    flags["blank"] = (n_answered == 0) & ~any_text & ~background
    flags["unknown_country"] = frame["country_unknown"].notna()
    flags["unknown_group"] = frame["group_unknown"].notna()
    words = {word.casefold() for word in config.test_words}
    is_test_text = text.apply(lambda column: column.str.strip().str.casefold().isin(words)).any(
        axis=1
    )
    before = (
        frame["submitted_at"] < config.field_start
        if config.field_start is not None
        else pd.Series(False, index=frame.index)
    )
    flags["test_submission"] = is_test_text | before.fillna(False)
    share = n_answered / max(1, answers.shape[1])
    not_submitted = ~frame.get("submitted", pd.Series(True, index=frame.index)).astype(bool)
    flags["incomplete"] = (share < config.min_answered_share) | not_submitted
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
    """Completion time below `ratio` times the median of complete responses in the same group."""
    duration = frame["duration_s"].astype(float)
    reference = duration.where(~incomplete)
    median = reference.groupby(frame["group"].fillna("")).transform("median")
    return (duration < ratio * median).fillna(False)


def flag_duplicates(frame: pd.DataFrame, columns: list[str], eligible: pd.Series) -> pd.Series:
    """Later submissions identical to an earlier one on every column of `columns`.

    Only `eligible` rows (not excluded by an earlier rule) take part; the earliest
    submission of each identical group is kept.
    """
    candidates = frame.loc[eligible, columns]
    order = frame.loc[eligible, "submitted_at"].sort_values(kind="stable").index
    duplicated = candidates.loc[order].astype(str).duplicated(keep="first")
    result = pd.Series(False, index=frame.index)
    result[duplicated.index] = duplicated.to_numpy()
    return result


def first_reason(flags: pd.DataFrame, order) -> pd.Series:
    """The first rule in `order` that flags each row ('' for kept rows)."""
    reason = pd.Series("", index=flags.index, dtype="object")
    for rule in reversed(order):
        reason = reason.mask(flags[rule].to_numpy(dtype=bool), rule)
    return reason


def exclusion_mask(reason: pd.Series) -> np.ndarray:
    """True for excluded rows."""
    return (reason != "").to_numpy()
