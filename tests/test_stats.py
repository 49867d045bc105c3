"""Tests of the shared statistics layer (techvet_survey._stats)."""

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from techvet_survey._stats import (
    adjust_p,
    binary_items,
    check_ci,
    check_pairwise_p_adjust,
    check_significance,
    constant_item_mask,
    single_threaded_blas,
    wilson_interval,
)
from techvet_survey.errors import ArgumentError


@pytest.mark.parametrize(
    ("method", "expected"),
    [  # tests/reference/compare_p_adjust.R: p.adjust(p, method), with ties
        ("holm", [0.08, 0.21, 0.21, 0.6, 0.21, 1.0, 0.009, 1.0, 0.21]),
        ("bonferroni", [0.09, 0.36, 0.27, 1.0, 0.36, 1.0, 0.009, 1.0, 0.27]),
        (
            "fdr_bh",
            [0.045, 0.06, 0.06, 0.257142857142857, 0.06, 0.5625, 0.009, 0.9, 0.06],
        ),
    ],
)
def test_adjust_p_matches_r_p_adjust(method, expected):
    p = [0.01, 0.04, 0.03, 0.2, 0.04, 0.5, 0.001, 0.9, 0.03]
    np.testing.assert_allclose(adjust_p(p, method), expected, rtol=0, atol=1e-12)
    shuffled = adjust_p([np.nan, *p[::-1]], method)
    assert np.isnan(shuffled[0])
    np.testing.assert_allclose(shuffled[1:], expected[::-1], rtol=0, atol=1e-12)


def test_adjust_p_leaves_nan_uncounted_and_rejects_unknown_methods():
    # R: p.adjust(c(0.01, 0.04, NA, 0.03), "holm") gives 0.03 0.06 NA 0.06
    adjusted = adjust_p([0.01, 0.04, np.nan, 0.03], "holm")
    np.testing.assert_allclose(adjusted, [0.03, 0.06, np.nan, 0.06], rtol=0, atol=1e-15)
    np.testing.assert_array_equal(adjust_p([0.2, np.nan], "none"), [0.2, np.nan])
    with pytest.raises(ValueError, match="p_adjust"):
        adjust_p([0.1], "BH")


def test_wilson_interval_matches_prop_test():
    # R: prop.test(15, 25, correct = FALSE)$conf.int -> 0.4074 0.7660 (to 4 places)
    share, low, high = wilson_interval(np.array([15, 0]), np.array([25, 0]), 0.95)
    np.testing.assert_allclose([share[0], low[0], high[0]], [0.6, 0.4074, 0.766], atol=5e-5)
    assert np.isnan([share[1], low[1], high[1]]).all()


def test_binary_items_names_the_column_and_row_of_a_non_binary_score():
    scored = pd.DataFrame({"t1": [1, 0, 1], "t2": [0, 2, 1]}, index=["a", "b", "c"])
    with pytest.raises(ValueError, match=r"column 't2' has 2 at row 'b'\. Score the items"):
        binary_items(scored)


def test_constant_item_mask_marks_all_right_all_wrong_and_empty_items():
    values = np.array([[1, 0, 1, np.nan], [1, 0, 0, np.nan], [1, np.nan, 1, np.nan]])
    assert constant_item_mask(values).tolist() == [True, True, False, True]


def test_check_pairwise_p_adjust_defaults_and_refuses_tukey_for_dunn():
    assert check_pairwise_p_adjust("welch", None) == "tukey"
    assert check_pairwise_p_adjust("kruskal", None) == "holm"
    with pytest.raises(ValueError, match="needs `method='welch'`"):
        check_pairwise_p_adjust("kruskal", "tukey")


@pytest.mark.parametrize("ci", [0, 1, 95, -0.5, float("nan"), True, "0.95", None])
def test_check_ci_refuses_what_is_not_a_confidence_level(ci):
    with pytest.raises(ArgumentError, match=r"`ci` must be a confidence level between 0 and 1"):
        check_ci(ci)


def test_check_ci_returns_a_float():
    assert check_ci(np.float32(0.9)) == pytest.approx(0.9) and type(check_ci(0.9)) is float


@pytest.mark.parametrize("significance", [0, 0.5, 5, float("nan"), False, "0.05"])
def test_check_significance_refuses_what_is_not_a_significance_level(significance):
    with pytest.raises(ArgumentError, match=r"`significance` must be a significance level"):
        check_significance(significance)


def test_check_significance_returns_a_float():
    assert check_significance(np.float64(0.01)) == 0.01


def _blas_threads() -> list[int]:
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def test_single_threaded_blas_limits_every_blas_library_and_restores_them():
    with threadpool_limits(limits=2, user_api="blas"):
        before = _blas_threads()
        with single_threaded_blas():
            inside = _blas_threads()
        after = _blas_threads()
    assert inside and all(threads == 1 for threads in inside)
    assert after == before
