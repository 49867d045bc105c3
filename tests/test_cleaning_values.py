"""The distinct-cell decoders: their semantics, and the formats the tools write."""

import datetime

import numpy as np
import pandas as pd
import pytest

from techvet_survey.cleaning._values import (
    decode_background,
    on_distinct,
    parse_dates,
    parse_duration,
    unambiguous_lookup,
    unread_cells,
)


@pytest.mark.parametrize(
    "values",
    [
        pd.Series([1, 2, 2, 1, 1]),  # int64: cannot hold a missing cell
        pd.Series([True, False, True, True]),
        pd.Series([1.5, None, 1.5, 1.5]),
        pd.Series(["a", None, "a", " b"], dtype="str"),
        pd.Series(["a", None, 3, "a"], dtype=object),
        pd.Series(["x", "y", None, "x"], dtype="category"),
        pd.Series([], dtype="str"),
    ],
)
def test_on_distinct_equals_the_function_on_every_cell(values):
    def function(cells):
        return cells.astype(object).where(cells.notna()).astype(str).str.strip()

    expected = function(values)
    pd.testing.assert_series_equal(on_distinct(values, function), expected, check_dtype=False)


def test_numbers_of_any_dtype_parse_as_durations_and_serial_dates():
    assert parse_duration(pd.Series([600, 600, 700, 600])).tolist() == [600, 600, 700, 600]
    dates = parse_dates(pd.Series([46080, 46080, 46081]))
    assert dates.tolist() == [pd.Timestamp("2026-02-27")] * 2 + [pd.Timestamp("2026-02-28")]
    assert np.isnan(parse_duration(pd.Series(["", "x", None], dtype=object))).all()


# Durations as the tools write them, with the seconds computed by hand. Moodle's
# format_time writes "<n> <unit>" pairs with the unit words of its language packs
# (en: hour(s), min(s), sec(s), day(s); fi: tunti/tuntia, min, sekunti/sekuntia,
# päivä/päivää; et: tund/tundi, minut/minutit, sekund/sekundit, päev/päeva; lv:
# stunda/stundas, min/min., s/sek., diena/dienas; nl: uur/uren, minuut/minuten,
# seconde/seconden, dag/dagen) and its word for "now" for zero.
DURATIONS = [
    ("2 hours 7 mins", 2 * 3600 + 7 * 60),
    ("1 day 10 hours", 24 * 3600 + 10 * 3600),
    ("12 mins 5 secs", 12 * 60 + 5),
    ("1 hour", 3600),
    ("1 hour 1 min", 3600 + 60),
    ("45 secs", 45),
    ("1 sec", 1),
    ("now", 0),
    ("2 tuntia 7 min", 7620),
    ("1 tunti 1 min", 3660),
    ("12 min 5 sekuntia", 725),
    ("1 päivä 10 tuntia", 122400),
    ("nyt", 0),
    ("2 tundi 7 minutit", 7620),
    ("1 tund 1 minut", 3660),
    ("12 minutit 5 sekundit", 725),
    ("1 päev 10 tundi", 122400),
    ("2 stundas 7 min.", 7620),
    ("1 stunda 1 min", 3660),
    ("12 min. 5 sek.", 725),
    ("1 diena 10 stundas", 122400),
    ("2 uren 7 minuten", 7620),
    ("2 uur 7 minuten", 7620),
    ("1 uur 1 minuut", 3660),
    ("12 minuten 5 seconden", 725),
    ("1 dag 10 uren", 122400),
    ("2 Hours 7 Mins", 7620),
    ("2 hours and 7 minutes", 7620),
    ("00:12:05", 12 * 60 + 5),
    ("2:07:00", 7620),
    ("34:00:00", 122400),  # [h]:mm:ss past a day (spreadsheets)
    ("1 10:00:00", 122400),  # SPSS DTIME: days hh:mm:ss
    ("1 days 10:00:00", 122400),  # a timedelta written as text
    ("-0:05:00", -300),  # a negative duration is kept: the cleaning excludes it
    ("725", 725),
    (" 725 ", 725),
    ("725,5", 725.5),
    ("-30", -30),
    (725, 725),
    (725.5, 725.5),
    (datetime.time(0, 12, 5), 725),  # SPSS TIME, Excel time cells
    (datetime.timedelta(days=1, hours=10), 122400),  # Excel [h]:mm:ss cells
    ("12:05", np.nan),  # minutes:seconds or hours:minutes? not guessed
    ("1:02:03:04", np.nan),  # no tool writes d:h:m:s
    ("2 hours soon", np.nan),  # read whole or not at all: never 7200
    ("7 mins later", np.nan),
    ("ten minutes", np.nan),
    ("2 parsecs", np.nan),
]


@pytest.mark.parametrize(("cell", "seconds"), DURATIONS)
def test_durations_in_every_tool_format_and_language(cell, seconds):
    parsed = parse_duration(pd.Series([cell, None], dtype=object))
    np.testing.assert_equal(parsed.tolist(), [seconds, np.nan])


def test_durations_read_alike_from_text_and_object_columns():
    cells = [cell for cell, _ in DURATIONS if isinstance(cell, str)]
    expected = [seconds for cell, seconds in DURATIONS if isinstance(cell, str)]
    for dtype in ("str", object):
        column = pd.Series(cells * 3, dtype=dtype)  # repeated: the distinct-cell path
        np.testing.assert_equal(parse_duration(column).tolist(), expected * 3)
        column = pd.Series(cells, dtype=dtype)  # all distinct: the whole-column path
        np.testing.assert_equal(parse_duration(column).tolist(), expected)


def test_unread_cells_are_those_holding_something_unparsed():
    cells = pd.Series(["12 mins", "soon", " ", None, "12:05", "-"], dtype=object)
    parsed = parse_duration(cells)
    assert unread_cells(cells, parsed).tolist() == [False, True, False, False, True, False]


def test_ambiguous_spellings_are_left_out_of_a_lookup():
    dutch, latvian = {"v": 1, "m": 2}, {"v": 2, "s": 1}
    assert unambiguous_lookup([dutch, latvian]) == {"m": 2, "s": 1}
    assert unambiguous_lookup([dutch, {"m": 2}]) == dutch


def test_background_cells_get_a_status_and_keep_what_they_hold():
    cells = pd.Series(["f", "27", None, "x", 2, " ", "2,0"], dtype=object)
    decoded = decode_background(cells, {"f": 1, "m": 2}, codes={1, 2})
    np.testing.assert_equal(decoded["code"].tolist(), [1, 27, np.nan, np.nan, 2, np.nan, 2])
    assert decoded["status"].tolist() == [
        "valid",
        "out_of_range",
        "unanswered",
        "unknown_label",
        "valid",
        "unanswered",
        "valid",
    ]
    years = decode_background(pd.Series([0, 50, 51, -1, "5 years"]), {}, valid_range=(0, 50))
    assert years["status"].tolist() == [
        "valid",
        "valid",
        "out_of_range",
        "out_of_range",
        "unknown_label",
    ]
