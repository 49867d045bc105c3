import warnings

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


def test_numeric_items_warn_about_empty_items_and_different_ranges():
    import numpy as np
    import pandas as pd

    from techvet_survey._validation import numeric_items

    likert = pd.DataFrame({"q1": [1, 2, 3, 4, 5], "q2": [2, 3, 4, 5, 1], "q3": [5, 4, 3, 2, 1]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        numeric_items(likert)  # one response scale: nothing to say
    with pytest.warns(UserWarning, match=r"visibly different ranges: age \(47\)"):
        numeric_items(likert.assign(age=[18, 25, 40, 65, 33]))
    with pytest.warns(UserWarning, match=r"\['q4'\] have no value"):
        numeric_items(likert.assign(q4=np.nan))
