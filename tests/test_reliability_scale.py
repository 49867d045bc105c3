"""Tests of reliability.scale_reliability: alpha and the item table from one pass.

Reference numbers come from tests/reference/reliability_check_keys.R (psych 2.2.9) on
the data file it reads; the other tests compare with cronbach_alpha and item_analysis,
which are tested against psych in tests/test_reliability.py.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

from techvet_survey._stats import exact_sums
from techvet_survey.reliability import (
    ScaleReliability,
    cronbach_alpha,
    item_analysis,
    scale_reliability,
)

CLOSED = 1e-9


def _quietly(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


@pytest.mark.parametrize("nan_policy", ["pairwise", "listwise"])
@pytest.mark.parametrize("scale", ["bfi", "ability"])
def test_tables_equal_cronbach_alpha_and_item_analysis(request, scale, nan_policy):
    data = request.getfixturevalue(scale)
    items = [c for c in data.columns if c[0] in "ACEN" and c[1:].isdigit()] or None
    result = _quietly(scale_reliability, data, items, nan_policy=nan_policy)
    pd.testing.assert_frame_equal(
        result.alpha, _quietly(cronbach_alpha, data, items, nan_policy=nan_policy)
    )
    pd.testing.assert_frame_equal(
        result.items, _quietly(item_analysis, data, items, nan_policy=nan_policy)
    )


def test_interval_options_are_those_of_cronbach_alpha(bfi):
    items = ["A1", "A2", "A3", "A4", "A5"]
    for options in ({"ci_method": "duhachek", "ci": 0.9}, {"ci_method": "bootstrap", "seed": 3}):
        result = _quietly(scale_reliability, bfi, items, n_boot=200, **options)
        expected = _quietly(cronbach_alpha, bfi, items, n_boot=200, **options)
        pd.testing.assert_frame_equal(result.alpha, expected)


def test_one_pass_over_the_rows(bfi, monkeypatch):
    calls = []
    original = exact_sums._Block.add

    def counted(self, block, totals):
        calls.append(len(block))
        return original(self, block, totals)

    monkeypatch.setattr(exact_sums._Block, "add", counted)
    _quietly(scale_reliability, bfi, ["A1", "A2", "A3", "A4", "A5"])
    assert sum(calls) == len(bfi)


def test_check_keys_item_statistics_match_psych(bfi):
    agree = bfi[["A1", "A2", "A3", "A4", "A5"]]
    with pytest.warns(UserWarning, match=r"`check_keys` reversed item\(s\) 'A1'"):
        result = scale_reliability(agree, check_keys=True)
    # psych::alpha(agree, check.keys = TRUE)$item.stats and $alpha.drop (A1-)
    items = result.items
    assert items["reversed"].tolist() == [True, False, False, False, False]
    assert result.alpha["reversed"].iloc[0] == ("A1",)
    assert result.alpha["alpha"].iloc[0] == pytest.approx(0.703018446057304, abs=CLOSED)
    assert items["n"].tolist() == [2784, 2773, 2774, 2781, 2784]
    expected = {
        "item_total_r": [0.580690311761351, 0.727984531370232, 0.760319004254900,
                         0.654186437083929, 0.686588620769001],
        "item_rest_r": [0.308417739522029, 0.563615163763579, 0.587004589505369,
                        0.394444086577913, 0.488565135825834],
        "mean": [4.58656609195402, 4.80238009376127, 4.60382119682769,
                 4.69974829198130, 4.56034482758621],
        "sd": [1.40773715052148, 1.17201992165085, 1.30183363919143,
               1.47963268626392, 1.25851209837184],
        "alpha_if_deleted": [0.718517357026915, 0.617180037046592, 0.600259578765486,
                             0.685805652337960, 0.642952960071292],
    }  # fmt: skip
    for column, values in expected.items():
        np.testing.assert_allclose(items[column], values, atol=CLOSED, err_msg=column)


def test_check_keys_without_reversed_items_changes_nothing(bfi):
    agree = bfi[["A2", "A3", "A4", "A5"]]
    keyed = _quietly(scale_reliability, agree, check_keys=True)
    plain = _quietly(scale_reliability, agree)
    assert not keyed.items["reversed"].any()
    pd.testing.assert_frame_equal(keyed.items.drop(columns="reversed"), plain.items)


def test_negative_item_rest_warns_once(bfi):
    with pytest.warns(UserWarning, match="'A1' \\(r = -0.31\\).*pass check_keys=True") as seen:
        scale_reliability(bfi[["A1", "A2", "A3", "A4", "A5"]])
    assert sum("correlate negatively" in str(w.message) for w in seen) == 1


def test_summary_reads_as_psych_alpha(bfi):
    result = _quietly(scale_reliability, bfi, ["A1", "A2", "A3", "A4", "A5"], check_keys=True)
    assert isinstance(result, ScaleReliability)
    text = str(result)
    headings = ["Reliability analysis", "Cronbach's alpha:",
                "Reliability if an item is dropped:", "Item statistics:"]  # fmt: skip
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Reversed" in text and "A1" in text
    assert "0.703" in text  # raw alpha with A1 reversed


def test_bad_interval_method_is_named(bfi):
    with pytest.raises(ValueError, match="ci_method"):
        scale_reliability(bfi[["A2", "A3"]], ci_method="exact")


@pytest.mark.parametrize("nan_policy", ["pairwise", "listwise"])
def test_keys_notation_reverses_as_psych(bfi, nan_policy):
    keys = ["-A1", "A2", "A3", "A4", "A5"]
    result = _quietly(scale_reliability, bfi, keys, nan_policy=nan_policy)
    by_hand = bfi[["A1", "A2", "A3", "A4", "A5"]].assign(A1=lambda x: 7 - x["A1"])
    expected = _quietly(scale_reliability, by_hand, nan_policy=nan_policy)
    pd.testing.assert_frame_equal(result.alpha, expected.alpha)
    pd.testing.assert_frame_equal(
        result.items.drop(columns="item"), expected.items.drop(columns="item")
    )
    assert result.items["item"].tolist() == keys
    alpha = _quietly(cronbach_alpha, bfi, keys, nan_policy=nan_policy)
    pd.testing.assert_frame_equal(alpha, expected.alpha)


def test_keys_notation_alpha_matches_psych(bfi):
    # psych::alpha(agree, keys = c("A1")) (reliability_check_keys.R)
    row = cronbach_alpha(bfi, ["-A1", "A2", "A3", "A4", "A5"]).iloc[0]
    assert row["alpha"] == pytest.approx(0.703018446057304, abs=CLOSED)
    assert row["g6"] == pytest.approx(0.682762672030245, abs=CLOSED)


def test_keys_notation_names_a_repeated_item(bfi):
    from techvet_survey.errors import ArgumentError

    with pytest.raises(ArgumentError, match=r"`items` names item 'A1' twice"):
        cronbach_alpha(bfi, ["-A1", "A1", "A2"])
