"""Scoring multiple-choice responses against a key, with omitted and not-reached items.

Applying the key is part of cleaning the test export, and the reliability family
analyses the scores: both use these functions (:mod:`techvet_survey.reliability`
re-exports them).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from techvet_survey._validation import check_columns, check_dataframe

__all__ = [
    "ANSWERED",
    "NOT_REACHED",
    "OMITTED",
    "key_series",
    "response_status",
    "score_against_key",
]

ANSWERED, OMITTED, NOT_REACHED = "answered", "omitted", "not_reached"


def key_series(responses: pd.DataFrame, key) -> pd.Series:
    """The key as a Series indexed by item, checked against the response columns."""
    check_dataframe(responses, "responses")
    if isinstance(key, pd.Series):
        key = key.to_dict()
    if not isinstance(key, Mapping) or not key:
        raise TypeError(
            "`key` must be a non-empty mapping item -> correct option (a dict or a Series); "
            f"got {type(key).__name__}."
        )
    items = check_columns(responses, list(key), "key")
    missing_key = [key_item for key_item in items if pd.isna(key[key_item])]
    if missing_key:
        raise ValueError(f"`key` has no correct option for items {missing_key}; fill them in.")
    return pd.Series({item: key[item] for item in items})


def response_status(responses: pd.DataFrame, items=None) -> pd.DataFrame:
    """Status of every response: ``answered``, ``omitted`` or ``not_reached``.

    A blank is *not reached* when it belongs to the run of blanks at the end of the test
    (in column order) and *omitted* when a later item was answered. A row with no answer
    at all is entirely not reached.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import response_status
    >>> answers = pd.DataFrame({"q1": ["A", None], "q2": [None, "B"], "q3": ["C", None]})
    >>> response_status(answers)
             q1        q2           q3
    0  answered   omitted     answered
    1   omitted  answered  not_reached
    """
    check_dataframe(responses, "responses")
    columns = list(responses.columns) if items is None else check_columns(responses, items, "items")
    blank = responses[columns].isna().to_numpy()
    # a blank is not reached when every item from it to the end is blank
    trailing = np.flip(np.cumprod(np.flip(blank, axis=1), axis=1), axis=1).astype(bool)
    status = np.where(~blank, ANSWERED, np.where(trailing, NOT_REACHED, OMITTED))
    return pd.DataFrame(status, index=responses.index, columns=columns)


def score_against_key(
    responses: pd.DataFrame,
    key,
    *,
    omitted_score: float = 0.0,
    not_reached_score: float = np.nan,
) -> pd.DataFrame:
    """Score chosen options against the answer key: 1 (key) or 0, omitted vs not reached.

    Parameters
    ----------
    responses : DataFrame
        One row per test taker, one column per item (in test order), the chosen option
        (e.g. ``"A"``..``"D"``) or NaN for a blank.
    key : mapping or Series
        Item -> correct option. Only the items of the key are scored, in response order.
    omitted_score : float
        Score of an omitted item (a blank followed by a later answer): 0 by default, as
        a skipped item counts as wrong.
    not_reached_score : float
        Score of a not-reached item (the trailing run of blanks): NaN by default, so the
        item is missing rather than wrong (the usual choice in item calibration; use 0
        for number-correct scoring as on the test day).

    Returns
    -------
    DataFrame
        Float 0/1 scores (NaN where a not-reached item is left missing), same index.
        :func:`response_status` gives the matching status table.

    Examples
    --------
    >>> import pandas as pd
    >>> from techvet_survey.reliability import score_against_key
    >>> answers = pd.DataFrame({"q1": ["A", "B"], "q2": [None, "B"], "q3": ["C", None]})
    >>> score_against_key(answers, {"q1": "A", "q2": "B", "q3": "C"})
        q1   q2   q3
    0  1.0  0.0  1.0
    1  0.0  1.0  NaN
    """
    keys = key_series(responses, key)
    items = [column for column in responses.columns if column in keys.index]
    status = response_status(responses, items).to_numpy()
    chosen = responses[items]
    correct = chosen.eq(keys[items], axis=1).to_numpy()
    scores = np.where(correct, 1.0, 0.0)
    scores[status == OMITTED] = omitted_score
    scores[status == NOT_REACHED] = not_reached_score
    return pd.DataFrame(scores, index=responses.index, columns=items)
