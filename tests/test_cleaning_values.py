"""The distinct-cell decoders keep the semantics of their element-wise definitions."""

import numpy as np
import pandas as pd
import pytest

from techvet_survey.cleaning._values import on_distinct, parse_dates, parse_duration


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
