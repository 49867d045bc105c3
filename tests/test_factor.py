"""Tests of techvet_survey.factor (polychoric correlations, EFA, parallel analysis).

Reference numbers come from tests/reference/factor_psych.R (psych 2.2.9, GPArotation
2022.10.2, lavaan 0.6) on the data files in tests/reference/data.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from techvet_survey.errors import InputError
from techvet_survey.factor import polychoric
from techvet_survey.factor._bivariate import bivariate_normal_cdf

DATA = Path(__file__).parent / "reference" / "data"
AGREE = ["A1", "A2", "A3", "A4", "A5"]


@pytest.fixture(scope="module")
def bfi():
    return pd.read_csv(DATA / "reliability_bfi.csv")


@pytest.fixture(scope="module")
def bfi_polychoric(bfi):
    return polychoric(bfi)


# ---- bivariate normal ----------------------------------------------------------------


@pytest.mark.parametrize("rho", [-0.999, -0.6, 0.0, 0.35, 0.95, 0.9999])
def test_bivariate_normal_cdf_matches_scipy(rho):
    h = np.array([-3.0, -1.0, 0.0, 0.0, 0.4, 2.5, 1.0])
    k = np.array([-2.0, 0.0, 0.0, 0.7, -0.4, 3.0, 1.0])
    reference = [
        stats.multivariate_normal(cov=[[1, rho], [rho, 1]]).cdf([a, b])
        for a, b in zip(h, k, strict=True)
    ]
    np.testing.assert_allclose(bivariate_normal_cdf(h, k, rho), reference, atol=1e-9)


def test_bivariate_normal_cdf_infinite_bounds():
    values = bivariate_normal_cdf([np.inf, -np.inf, 0.5, np.inf], [0.3, 1.0, np.inf, np.inf], 0.5)
    np.testing.assert_allclose(values, [stats.norm.cdf(0.3), 0.0, stats.norm.cdf(0.5), 1.0])


# ---- polychoric ----------------------------------------------------------------------


def test_polychoric_bfi_matches_psych(bfi_polychoric):
    # psych::polychoric(bfi)$rho; psych's optimize() stops at ~1e-5, hence atol 1e-4.
    psych_agree = [
        [1.0, -0.408463791129063, -0.322517432336875, -0.175442426080833, -0.227839531059873],
        [-0.408463791129063, 1.0, 0.555450998316547, 0.389714342881505, 0.448821008499193],
        [-0.322517432336875, 0.555450998316547, 1.0, 0.408068897891629, 0.572856416903927],
        [-0.175442426080833, 0.389714342881505, 0.408068897891629, 1.0, 0.355285890439317],
        [-0.227839531059873, 0.448821008499193, 0.572856416903927, 0.355285890439317, 1.0],
    ]
    matrix = bfi_polychoric.correlation
    np.testing.assert_allclose(matrix.loc[AGREE, AGREE], psych_agree, atol=1e-4)
    others = [matrix.loc["N1", "O5"], matrix.loc["C4", "E3"], matrix.loc["O2", "O5"]]
    np.testing.assert_allclose(
        others, [0.119145968260003, -0.104865435638835, 0.373615572747470], atol=1e-4
    )
    assert bfi_polychoric.pairs["converged"].all()
    assert bfi_polychoric.n["n"].tolist() == [2800]


def test_polychoric_bfi_thresholds_match_psych(bfi_polychoric):
    tau = bfi_polychoric.thresholds.set_index(["item", "threshold"])["tau"]
    np.testing.assert_allclose(
        tau.loc["A1"],
        [-0.436662234003700, 0.318639363964375, 0.736860977690802, 1.2289002828812,
         1.88887898501839],
        atol=1e-12,
    )  # fmt: skip
    np.testing.assert_allclose(
        tau.loc["O5"],
        [-0.617825082641402, 0.217193494968366, 0.756014857539353, 1.3172054005046,
         1.95689587004210],
        atol=1e-12,
    )  # fmt: skip


def test_polychoric_pairwise_matches_lavaan(bfi):
    # lavaan::lavCor(agree, ordered=names(agree), missing="pairwise")
    lavaan = [
        [1.0, -0.408450725229190, -0.322534994540207, -0.175427961388170, -0.227855906050576],
        [-0.408450725229190, 1.0, 0.555458433280261, 0.389699147545801, 0.448824736349496],
        [-0.322534994540207, 0.555458433280261, 1.0, 0.408057129570504, 0.572841645684758],
        [-0.175427961388170, 0.389699147545801, 0.408057129570504, 1.0, 0.355267948545011],
        [-0.227855906050576, 0.448824736349496, 0.572841645684758, 0.355267948545011, 1.0],
    ]
    np.testing.assert_allclose(polychoric(bfi, AGREE).matrix(), lavaan, atol=1e-6)


def test_polychoric_listwise_matches_lavaan(bfi):
    result = polychoric(bfi, AGREE, nan_policy="listwise")
    lavaan = [
        [1.0, -0.408884463616509, -0.325626066430441, -0.175939349159639, -0.228415126971988],
        [-0.408884463616509, 1.0, 0.557863917519696, 0.389912499951268, 0.446849832752769],
        [-0.325626066430441, 0.557863917519696, 1.0, 0.410904399905198, 0.573775006631774],
        [-0.175939349159639, 0.389912499951268, 0.410904399905198, 1.0, 0.354242907852004],
        [-0.228415126971988, 0.446849832752769, 0.573775006631774, 0.354242907852004, 1.0],
    ]
    np.testing.assert_allclose(result.matrix(), lavaan, atol=1e-6)
    np.testing.assert_allclose(
        result.thresholds.query("item == 'A1'")["tau"],
        [-0.440902106518748, 0.321439378300182, 0.738931949691476, 1.232419170566416,
         1.893253958294781],
        atol=1e-12,
    )  # fmt: skip
    assert result.n["n"].tolist() == [2709]
    assert (result.pairs["n"] == 2709).all()


def _grouped(bfi):
    frame = bfi[AGREE].dropna().iloc[:600].copy()
    frame["country"] = np.repeat(["FI", "EE"], 300)
    return frame


def test_polychoric_by_group_equals_each_group_alone(bfi):
    frame = _grouped(bfi)
    result = polychoric(frame, AGREE, group="country")
    alone = polychoric(frame[frame["country"] == "EE"], AGREE)
    np.testing.assert_allclose(result.matrix("EE"), alone.matrix(), atol=1e-12)
    assert result.n.set_index("group")["n"].to_dict() == {"FI": 300, "EE": 300}
    with pytest.raises(InputError, match="several groups; pass `group=`"):
        result.matrix()


def test_polychoric_empty_category_in_a_group_names_item_group_category(bfi):
    frame = _grouped(bfi)
    estonia = frame["country"] == "EE"
    frame.loc[estonia & (frame["A2"] == 1), "A2"] = 2
    with pytest.raises(InputError, match=r"in group country='EE': item 'A2' category 1 .*collapse"):
        polychoric(frame, AGREE, group="country")
    with pytest.warns(UserWarning, match="item 'A2' category 1"):
        result = polychoric(frame, AGREE, group="country", collapse_empty=True)
    tau = result.thresholds.query("group == 'EE' and item == 'A2'")
    assert tau["below"].tolist() == [2, 3, 4, 5]


def test_polychoric_empty_category_in_the_data(bfi):
    frame = bfi[AGREE].dropna().copy()
    frame.loc[frame["A3"] == 3, "A3"] = 4  # a gap: codes 1, 2, 4, 5, 6
    with pytest.raises(InputError, match="item 'A3' category 3"):
        polychoric(frame)
    with pytest.raises(InputError, match="item 'A1' category 7"):
        polychoric(frame.replace({"A3": {4: 3}}), categories=range(1, 8))


def test_polychoric_value_outside_categories(bfi):
    with pytest.raises(InputError, match=r"'A1' has values \[6.0\] .*`categories`"):
        polychoric(bfi[AGREE], categories=range(1, 6))
