"""The documented, configurable rules of the cleaning step."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from techvet_survey.errors import ArgumentError

# Order in which exclusion rules are applied: a row excluded by an earlier rule is not
# tested by a later one, so every excluded row has exactly one reason. A file whose
# columns match no codebook item has every row excluded with the first reason.
NO_CODEBOOK_ITEM = "no codebook item in this file"
EXCLUSION_ORDER = (
    NO_CODEBOOK_ITEM,
    "blank",
    "unknown_country",
    "unknown_group",
    "test_submission",
    "incomplete",
    "negative_duration",
    "speeder",
    "straight_lining",
    "duplicate",
)

PLACEHOLDER_DATES = ("1980-01-01 00:00:00", "1970-01-01 00:00:00", "1899-12-30 00:00:00")


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
        complete responses of the same file and respondent group (negative times are not
        part of the median).
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
    placeholder_dates : tuple of str
        Timestamps that tools write in place of a real one, set missing (rule
        ``placeholder_date`` in the log, with a warning): LimeSurvey's
        ``1980-01-01 00:00:00`` (anonymised surveys), the Unix epoch ``1970-01-01
        00:00:00`` and the spreadsheet day zero ``1899-12-30 00:00:00``. A placeholder
        is never a submission before `field_start` nor a negative duration.
    exclusion_order : tuple of str
        The rules in the order they are applied (see :data:`EXCLUSION_ORDER`): besides
        the rules above, ``no codebook item in this file`` (no column of the file maps
        to a codebook item), ``blank``, ``unknown_country``, ``unknown_group`` and
        ``negative_duration`` (completion time below zero, or submitted before started:
        usually day and month swapped in a date).
    """

    min_answered_share: float = 0.5
    speeder_ratio: float = 0.3
    straightline_min_items: int = 10
    test_words: tuple[str, ...] = ("test", "testi", "tests", "toets", "proov", "testing")
    field_start: pd.Timestamp | None = None
    duplicate_columns: str = "substantive"
    min_cell_n: int = 5
    placeholder_dates: tuple[str, ...] = PLACEHOLDER_DATES
    exclusion_order: tuple[str, ...] = field(default=EXCLUSION_ORDER)

    def __post_init__(self) -> None:
        if isinstance(self.placeholder_dates, str):
            raise ArgumentError(
                "`placeholder_dates` must be a tuple of timestamps, e.g. "
                f"('1980-01-01 00:00:00',); got the string {self.placeholder_dates!r}."
            )
        for stamp in self.placeholder_dates:
            try:
                pd.Timestamp(stamp)
            except (TypeError, ValueError) as error:
                raise ArgumentError(
                    f"`placeholder_dates` holds {stamp!r}, which is not a timestamp: write "
                    "it as 'YYYY-MM-DD HH:MM:SS'."
                ) from error
