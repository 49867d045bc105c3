import numpy as np
import pandas as pd
import pytest

from techvet_survey._validation import apply_nan_policy, check_columns, numeric_items


def test_numeric_items_rejects_text_columns():
    frame = pd.DataFrame({"q1": [1, 2], "q2": ["agree", "disagree"]})
    with pytest.raises(TypeError, match=r"\['q2'\] are not"):
        numeric_items(frame)


def test_check_columns_rejects_repeated_column():
    frame = pd.DataFrame({"q1": [1, 2], "q2": [2, 3]})
    with pytest.raises(ValueError, match="more than once"):
        check_columns(frame, ["q1", "q1"], "items")


def test_raise_policy_names_row_and_column():
    frame = pd.DataFrame({"q1": [1.0, 2.0], "q2": [2.0, np.nan]}, index=["r1", "r2"])
    with pytest.raises(ValueError, match="row 'r2', column 'q2'"):
        apply_nan_policy(frame, "raise")
    assert len(apply_nan_policy(frame, "listwise")) == 1
