"""Tests of techvet_survey.scales (reference: tests/reference/scales_min_valid.R).

Reference numbers: R 4.2.2, psych 2.2.9 (``scoreItems(impute = "none")``).
"""

import warnings

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from techvet_survey.codebook import Codebook
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
    scores = score_scales(safe_items, book, scales="sa")
    expected = [3.16666666666667, 3.5, NA, 2.5, NA, 3.0, 3.0, 2.83333333333333]
    assert_allclose(scores["sa"].to_numpy(), expected, atol=1e-12)
    assert scores.index.equals(safe_items.index)
    assert list(scores.columns) == ["sa"]


def test_min_valid_one_keeps_complete_cases_only(safe_items, book):
    scores = score_scales(safe_items, book, scales="sa", min_valid=1)
    assert scores["sa"].notna().tolist() == [True] + [False] * 6 + [True]


def test_exactly_half_answered_is_scored(book):
    frame = pd.DataFrame({"dg1": [4.0, 4.0], "dg2": [2.0, NA], "dg3": [NA, NA], "dg4": [NA, NA]})
    scores = score_scales(frame, book, scales=["dg"])
    assert scores["dg"].tolist()[0] == 3.0
    assert np.isnan(scores["dg"].iloc[1])


def test_share_rounding_does_not_drop_the_boundary(book):
    # 0.6 * 5 items = 3 answered, computed in floating point
    frame = pd.DataFrame({f"gw{j}": [1.0 if j <= 3 else NA] for j in range(1, 6)})
    assert score_scales(frame, book, scales="gw", min_valid=0.6)["gw"].iloc[0] == 1.0
    assert np.isnan(score_scales(frame, book, scales="gw", min_valid=0.61)["gw"].iloc[0])


def test_all_missing_gives_nan_without_warning(book):
    frame = pd.DataFrame({f"dg{j}": [NA, NA] for j in range(1, 5)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scores = score_scales(frame, book, scales="dg")
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
        score_scales(safe_items.drop(columns="sa6"), book, scales="sa")


def test_bad_arguments(safe_items, book):
    with pytest.raises(KeyError, match=r"`scales` names scale\(s\) the codebook lacks: 'xx'"):
        score_scales(safe_items, book, scales=["sa", "xx"])
    with pytest.raises(ValueError, match=r"`min_valid` must be a share of the items in \(0, 1\]"):
        score_scales(safe_items, book, scales="sa", min_valid=0)
    with pytest.raises(TypeError, match="`min_valid` must be a share"):
        score_scales(safe_items, book, scales="sa", min_valid="half")
    with pytest.raises(ValueError, match="`scales` is empty"):
        score_scales(safe_items, book, scales=[])
    with pytest.raises(TypeError, match="`items` columns must be numeric codes"):
        score_scales(safe_items.astype(str), book, scales="sa")
    with pytest.raises(TypeError, match="`data` must be a pandas DataFrame"):
        score_scales(safe_items.to_numpy(), book)
