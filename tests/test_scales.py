"""Tests of techvet_survey.scales (references: tests/reference/scales_min_valid.R and
tests/reference/scales_bfi_keys.R).

Reference numbers: R 4.2.2, psych 2.2.9 (``scoreItems(impute = "none")``).
"""

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError
from techvet_survey.scales import scale_item_table, score_scales

NA = np.nan


@pytest.fixture(scope="module")
def book():
    return Codebook.load()


@pytest.fixture
def safe_items():
    return pd.DataFrame(
        {
            "sa1": [4, 2, NA, 1, 5, NA, 3, 2],
            "sa2": [5, NA, NA, 2, NA, 3, 3, 4],
            "sa3": [3, 4, NA, NA, NA, NA, 4, 1],
            "sa4": [4, NA, 1, 3, NA, NA, 2, 5],
            "sa5": [2, 5, NA, 4, NA, 2, NA, 3],
            "sa6": [1, 3, NA, NA, 4, 4, NA, 2],
        },
        index=[f"r{i}" for i in range(8)],
    )


def test_scores_match_psych_with_the_min_valid_rule(safe_items, book):
    scores = score_scales(safe_items, "sa", codebook=book)
    expected = [3.16666666666667, 3.5, NA, 2.5, NA, 3.0, 3.0, 2.83333333333333]
    assert_allclose(scores["sa"].to_numpy(), expected, atol=1e-12)
    assert scores.index.equals(safe_items.index)
    assert list(scores.columns) == ["sa"]


def test_min_valid_one_keeps_complete_cases_only(safe_items, book):
    scores = score_scales(safe_items, "sa", codebook=book, min_valid=1)
    assert scores["sa"].notna().tolist() == [True] + [False] * 6 + [True]


def test_exactly_half_answered_is_scored(book):
    frame = pd.DataFrame({"dg1": [4.0, 4.0], "dg2": [2.0, NA], "dg3": [NA, NA], "dg4": [NA, NA]})
    scores = score_scales(frame, ["dg"], codebook=book)
    assert scores["dg"].tolist()[0] == 3.0
    assert np.isnan(scores["dg"].iloc[1])


def test_share_rounding_does_not_drop_the_boundary(book):
    # 0.6 * 5 items = 3 answered, computed in floating point
    frame = pd.DataFrame({f"gw{j}": [1.0 if j <= 3 else NA] for j in range(1, 6)})
    assert score_scales(frame, "gw", codebook=book, min_valid=0.6)["gw"].iloc[0] == 1.0
    assert np.isnan(score_scales(frame, "gw", codebook=book, min_valid=0.61)["gw"].iloc[0])


def test_all_missing_gives_nan_without_warning(book):
    frame = pd.DataFrame({f"dg{j}": [NA, NA] for j in range(1, 5)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scores = score_scales(frame, "dg", codebook=book)
    assert scores["dg"].isna().all()


def test_every_scale_by_default_in_codebook_order(book, rng):
    items = scale_item_table(book)["item"]
    frame = pd.DataFrame(rng.integers(1, 6, (20, len(items))).astype(float), columns=items)
    scores = score_scales(frame, book)
    assert list(scores.columns) == ["gw", "cg", "co", "sa", "dg", "af"]
    assert_allclose(scores["cg"], frame[[f"cg{j}" for j in range(1, 6)]].mean(axis=1))


def test_scale_item_table(book):
    table = scale_item_table(book)
    assert len(table) == 30
    assert table.groupby("scale", sort=False)["n_items"].first().to_dict() == {
        "gw": 5,
        "cg": 5,
        "co": 5,
        "sa": 6,
        "dg": 4,
        "af": 5,
    }
    assert set(table.loc[table["reverse"], "item"]) == set(book.reverse_items())


def test_missing_scale_items_raise_naming_the_scale(safe_items, book):
    with pytest.raises(KeyError, match=r"`data` lacks item\(s\) 'gw1'.*scale 'gw'.*`scales`"):
        score_scales(safe_items, book)
    with pytest.raises(KeyError, match=r"lacks item\(s\) 'sa6' of scale 'sa'"):
        score_scales(safe_items.drop(columns="sa6"), "sa", codebook=book)


def test_bad_arguments(safe_items, book):
    with pytest.raises(KeyError, match=r"`scales` names scale\(s\) the codebook lacks: 'xx'"):
        score_scales(safe_items, ["sa", "xx"], codebook=book)
    with pytest.raises(ValueError, match=r"`min_valid` must be a share of the items in \(0, 1\]"):
        score_scales(safe_items, "sa", codebook=book, min_valid=0)
    with pytest.raises(TypeError, match="`min_valid` must be a share"):
        score_scales(safe_items, "sa", codebook=book, min_valid="half")
    with pytest.raises(ValueError, match="`scales` is empty"):
        score_scales(safe_items, [], codebook=book)
    with pytest.raises(TypeError, match="`items` columns must be numeric codes"):
        score_scales(safe_items.astype(str), "sa", codebook=book)
    with pytest.raises(TypeError, match="`data` must be a pandas DataFrame"):
        score_scales(safe_items.to_numpy(), book)


# ----------------------------------------------------------------------------- any data

BFI = Path(__file__).parent / "reference" / "data" / "reliability_bfi.csv"
BFI_KEYS = {
    "agree": ["-A1", "A2", "A3", "A4", "A5"],
    "conscientious": ["C1", "C2", "C3", "-C4", "-C5"],
    "extraversion": ["-E1", "-E2", "E3", "E4", "E5"],
    "neuroticism": ["N1", "N2", "N3", "N4", "N5"],
    "openness": ["O1", "-O2", "O3", "O4", "-O5"],
}


@pytest.fixture(scope="module")
def bfi():
    return pd.read_csv(BFI)


def test_psych_keys_match_score_items_on_bfi(bfi):
    # psych::scoreItems(keys, bfi, impute = "none") scores every row with an answer;
    # min_valid = 0.2 (one of five items) is that rule
    scores = score_scales(bfi, BFI_KEYS, min_valid=0.2)
    assert list(scores.columns) == list(BFI_KEYS)
    first_rows = {
        "agree": [4.0, 4.2, 3.8, 4.6, 4.0],
        "conscientious": [2.8, 4.0, 4.0, 3.0, 4.4],
        "extraversion": [3.8, 5.0, 4.2, 3.6, 4.8],
        "neuroticism": [2.8, 3.8, 3.6, 2.8, 3.2],
        "openness": [3.0, 4.0, 4.8, 3.2, 3.6],
    }
    means = {
        "agree": 4.65209523809524,
        "conscientious": 4.26573214285714,
        "extraversion": 4.14508333333333,
        "neuroticism": 3.16226785714286,
        "openness": 4.58664880952381,
    }
    for scale in BFI_KEYS:
        assert_allclose(scores[scale].iloc[:5], first_rows[scale], atol=1e-12)
        assert scores[scale].mean() == pytest.approx(means[scale], abs=1e-12)
        assert scores[scale].notna().all()
    # rows 63, 90, 107 (R, 1-based) miss a conscientiousness item
    assert_allclose(scores["conscientious"].iloc[[62, 89, 106]], [5.25, 3.5, 6.0], atol=1e-12)


def test_declared_range_equals_the_observed_one_on_bfi(bfi):
    observed = score_scales(bfi, BFI_KEYS)
    declared = score_scales(bfi, BFI_KEYS, item_range=(1, 6))
    pd.testing.assert_frame_equal(observed, declared)


def test_reverse_argument_equals_the_minus_prefix(bfi):
    prefixed = score_scales(bfi, {"agree": BFI_KEYS["agree"]})
    named = score_scales(bfi, {"agree": ["A1", "A2", "A3", "A4", "A5"]}, reverse=["A1"])
    pd.testing.assert_frame_equal(prefixed, named)


def test_reversing_uses_the_declared_range_not_only_the_observed_one():
    # nobody answered 1 or 5: the observed range (2..4) and the declared one (1..5)
    # reverse 2 alike (to 4) but a declared 1..7 range does not
    frame = pd.DataFrame({"q1": [2.0, 4.0], "q2": [3.0, 4.0]})
    keys = {"s": ["-q1", "q2"]}
    assert score_scales(frame, keys)["s"].tolist() == [3.5, 3.0]
    assert score_scales(frame, keys, item_range=(1, 5))["s"].tolist() == [3.5, 3.0]
    assert score_scales(frame, keys, item_range=(1, 7))["s"].tolist() == [4.5, 4.0]


def test_plain_dict_keeps_the_min_valid_rule(safe_items):
    # the same numbers as the codebook's scale 'sa' (psych, min-valid rule)
    scores = score_scales(safe_items, {"safety": list(safe_items.columns)})
    expected = [3.16666666666667, 3.5, NA, 2.5, NA, 3.0, 3.0, 2.83333333333333]
    assert_allclose(scores["safety"].to_numpy(), expected, atol=1e-12)


def test_codebook_positional_call_of_the_pipeline_still_scores_every_scale(book, rng):
    items = scale_item_table(book)["item"]
    frame = pd.DataFrame(rng.integers(1, 6, (5, len(items))).astype(float), columns=items)
    pd.testing.assert_frame_equal(score_scales(frame, book), score_scales(frame, codebook=book))
    with pytest.raises(ArgumentError, match=r"`scales` is a Codebook and `codebook` is given"):
        score_scales(frame, book, codebook=book)


def test_bad_keys_are_refused_with_the_fix():
    frame = pd.DataFrame({"q1": [1.0, 5.0], "q2": [2.0, 4.0]})
    with pytest.raises(ArgumentError, match=r"`scales\['s'\]` names item 'q1' twice"):
        score_scales(frame, {"s": ["q1", "-q1"]})
    with pytest.raises(ArgumentError, match=r"`scales\['s'\]` must be a list of item columns"):
        score_scales(frame, {"s": "q1"})
    with pytest.raises(ArgumentError, match=r"`scales\['s'\]` is empty"):
        score_scales(frame, {"s": []})
    with pytest.raises(ArgumentError, match=r"`scales` is an empty dict"):
        score_scales(frame, {})
    with pytest.raises(KeyError, match=r"lacks item\(s\) 'q3' of scale 's'"):
        score_scales(frame, {"s": ["q1", "-q3"]})
    with pytest.raises(ArgumentError, match=r"`reverse` names 'q9', which is in none"):
        score_scales(frame, {"s": ["q1", "q2"]}, reverse=["q9"])
    with pytest.raises(ArgumentError, match=r"item 'q1' of scale 's' holds codes outside"):
        score_scales(frame, {"s": ["-q1", "q2"]}, item_range=(1, 4))
    with pytest.raises(ArgumentError, match=r"`item_range` must be \(lowest, highest\)"):
        score_scales(frame, {"s": ["-q1", "q2"]}, item_range=(5, 1))
    with pytest.raises(KeyError, match=r"For your own items pass a dict"):
        score_scales(frame, "mood")
