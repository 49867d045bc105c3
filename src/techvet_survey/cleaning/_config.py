"""The documented, configurable rules of the cleaning step."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# Order in which exclusion rules are applied: a row excluded by an earlier rule is not
# tested by a later one, so every excluded row has exactly one reason.
EXCLUSION_ORDER = (
    "blank",
    "unknown_country",
    "unknown_group",
    "test_submission",
    "incomplete",
    "speeder",
    "straight_lining",
    "duplicate",
)


@dataclass(frozen=True)
class CleaningConfig:
    """Rules of the quality flags; every threshold is an argument.

    Parameters
    ----------
    min_answered_share : float
        Incomplete response: fewer than this share of the Likert items answered ("don't
        know" and "not applicable" count as answers). LimeSurvey rows without a
        ``submitdate`` are incomplete too.
    speeder_ratio : float
        Speeder: completion time below this fraction of the median completion time of the
        complete responses of the same file and respondent group.
    straightline_min_items : int
        Straight-lining: every one of at least this many answered Likert items has the same
        answer (long-string index equal to the number of answered items).
    test_words : tuple of str
        Test submission: the free-text answer is one of these words (any case), or the
        response was submitted before `field_start`.
    field_start : Timestamp, optional
        Start of fieldwork; responses submitted before it are test submissions.
    duplicate_columns : str
        Duplicate submission: identical answers to every substantive item (Likert,
        background, channels, free text); the first submission is kept.
    min_cell_n : int
        Minimum n of a published cell (tables and figures suppress smaller cells).
    """

    min_answered_share: float = 0.5
    speeder_ratio: float = 0.3
    straightline_min_items: int = 10
    test_words: tuple[str, ...] = ("test", "testi", "tests", "toets", "proov", "testing")
    field_start: pd.Timestamp | None = None
    duplicate_columns: str = "substantive"
    min_cell_n: int = 5
    exclusion_order: tuple[str, ...] = field(default=EXCLUSION_ORDER)
