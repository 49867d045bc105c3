"""Tests of techvet_survey.dif against R (mantelhaen.test, glm + anova) and simulations."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit

from techvet_survey import dif
from techvet_survey.dif import _mantel
from techvet_survey.errors import ArgumentError

DATA = Path(__file__).parent / "reference" / "data"


@pytest.fixture(scope="module")
def two_groups():
    return pd.read_csv(DATA / "dif_two_groups.csv")


@pytest.fixture(scope="module")
def three_groups():
    return pd.read_csv(DATA / "dif_three_groups.csv")


def _mh(data, **kwargs):
    return dif.mantel_haenszel(data, group="group", focal="foc", reference="ref", **kwargs)


# ----------------------------------------------------------------- Mantel-Haenszel vs R
# tests/reference/dif_mantel_haenszel.R

R_PLAIN = np.array([
    [1.199636338712, 0.33977578957257, 5.59958669013e-01, 0.603454223146],
    [0.636057351397, 3.62578169313855, 5.68908404616e-02, 0.526676981667],
    [0.844050829848, 0.39973750640050, 5.27224850612e-01, 0.533460458681],
    [0.932777334005, 0.05696425119207, 8.11360047718e-01, 0.481893705555],
    [4.209068909787, 41.32842911604136, 1.28683682092e-10, 0.539090637965],
    [0.657584977360, 3.35072136831523, 6.71755692143e-02, 0.509566246796],
    [0.961475887676, 0.00588075596058, 9.38873272801e-01, 0.504026304520],
    [0.965310701737, 0.00276083505571, 9.58095516434e-01, 0.512897108709],
    [0.926716005778, 0.05678085874434, 8.11658235999e-01, 0.516441097573],
    [0.867580414686, 0.26093471321397, 6.09478720411e-01, 0.532377789300],
    [1.057075033099, 0.00145509575305, 9.69571500632e-01, 0.699281702802],
    [0.602164902787, 2.02780564111236, 1.54443459314e-01, 0.749580035962],
])  # fmt: skip

R_PURIFIED = np.array([
    [1.437634129949, 1.54700475829163, 2.13578164936e-01, 0.618175716365],
    [0.717497935825, 1.89082505869188, 1.69108892572e-01, 0.523180611758],
    [0.986622249083, 0.00358890263512, 9.52229345850e-01, 0.525550238150],
    [1.088885323637, 0.09508086757089, 7.57814611011e-01, 0.485637859013],
    [4.209068909787, 41.32842911604136, 1.28683682092e-10, 0.539090637965],
    [0.772406635520, 1.14077351630097, 2.85488938964e-01, 0.513718798612],
    [1.139594772243, 0.26092100001021, 6.09488120436e-01, 0.501843709381],
    [1.098386347186, 0.09878296915188, 7.53295035619e-01, 0.517168097257],
    [1.038099161258, 0.00333232626654, 9.53966640424e-01, 0.520849625744],
    [0.984428621974, 0.00464565606208, 9.45659024697e-01, 0.537645656826],
    [1.228378654827, 0.28583484016968, 5.92902110267e-01, 0.705591619862],
    [0.793321599675, 0.32457378192916, 5.68871847721e-01, 0.741120828428],
])  # fmt: skip


def _check_against_r(result, expected):
    np.testing.assert_allclose(result["mh_odds_ratio"], expected[:, 0], rtol=1e-9)
    np.testing.assert_allclose(result["statistic"], expected[:, 1], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(result["p_val"], expected[:, 2], rtol=1e-8)
    np.testing.assert_allclose(result["se_delta"], expected[:, 3], rtol=1e-9)
    np.testing.assert_allclose(result["mh_delta"], -2.35 * np.log(expected[:, 0]), atol=1e-10)


def test_mh_without_purification_matches_mantelhaen_test(two_groups):
    result = _mh(two_groups, purify=False)
    _check_against_r(result, R_PLAIN)
    assert result["item"].tolist() == [f"q{j:02d}" for j in range(1, 13)]
    assert (result["n"] == 500).all()
    assert result["anchor"].all()


def test_mh_with_purification_matches_r_loop(two_groups):
    result = _mh(two_groups)
    _check_against_r(result, R_PURIFIED)
    p_holm = np.ones(12)
    p_holm[4] = 1.54420418511e-09
    np.testing.assert_allclose(result["p_adj"], p_holm, rtol=1e-8)
    assert result.loc[~result["anchor"], "item"].tolist() == ["q05"]
    assert result.attrs["purification_iterations"] == 2


def test_mh_planted_item_is_class_c_and_orientation(two_groups):
    result = _mh(two_groups)
    assert result["ets_class"].tolist() == ["A"] * 4 + ["C"] + ["A"] * 7
    # q05 is harder for the focal group: alpha_MH > 1, negative delta
    assert result.loc[4, "mh_delta"] < -1.5


def test_p_adjust_options(two_groups):
    none = _mh(two_groups, p_adjust="none")
    np.testing.assert_allclose(none["p_adj"], none["p_val"])
    bonferroni = _mh(two_groups, p_adjust="bonferroni")
    np.testing.assert_allclose(bonferroni["p_adj"], np.minimum(1, 12 * none["p_val"]))
    with pytest.raises(ValueError, match="`p_adjust` must be one of"):
        _mh(two_groups, p_adjust="BH")


def test_ets_rules():
    # A: not significant or |D| < 1; C: |D| >= 1.5 and (|D| - 1) / SE > 1.645; else B
    assert _mantel._ets_class(-2.0, 0.2, 0.001, 0.05) == "C"
    assert _mantel._ets_class(-2.0, 0.7, 0.001, 0.05) == "B"  # not significantly beyond 1
    assert _mantel._ets_class(1.2, 0.1, 0.001, 0.05) == "B"
    assert _mantel._ets_class(0.9, 0.1, 0.001, 0.05) == "A"
    assert _mantel._ets_class(2.5, 0.1, 0.2, 0.05) == "A"  # chi-square not significant
    assert _mantel._ets_class(np.nan, np.nan, np.nan, 0.05) is None


# ----------------------------------------------------------------- generalised MH vs R


def test_generalized_mh_matches_mantelhaen_test(three_groups):
    # mantelhaen.test on 2 x 3 x K tables, no purification
    chi2 = [1.556084162676, 5.246590036296, 42.494418447609, 2.415263837598,
            3.932924830288, 6.590404813014, 0.910331499566, 0.224759516323,
            2.617869969865, 6.261583956522]  # fmt: skip
    p = [4.59304412200e-01, 7.25633708551e-02, 5.92180739871e-10, 2.98904271579e-01,
         1.39951070324e-01, 3.70605429929e-02, 6.34342817050e-01, 8.93704801357e-01,
         2.70107571887e-01, 4.36831874146e-02]  # fmt: skip
    result = dif.mantel_haenszel_generalized(
        three_groups, group="group", reference="fi", purify=False
    )
    np.testing.assert_allclose(result["statistic"], chi2, rtol=1e-9)
    np.testing.assert_allclose(result["p_val"], p, rtol=1e-8)
    assert (result["df"] == 2).all()
    assert (result["n"] == 600).all()


def test_generalized_mh_with_two_groups_is_uncorrected_mh(two_groups):
    general = dif.mantel_haenszel_generalized(
        two_groups, group="group", reference="ref", purify=False
    )
    plain = _mh(two_groups, purify=False, correct=False)
    np.testing.assert_allclose(general["statistic"], plain["statistic"], rtol=1e-10)
    np.testing.assert_allclose(general["p_val"], plain["p_val"], rtol=1e-10)


def test_generalized_mh_purification_flags_planted_item(three_groups):
    result = dif.mantel_haenszel_generalized(three_groups, group="group", reference="fi")
    assert result.loc[~result["anchor"], "item"].tolist() == ["q03"]
    assert (result["p_adj"] < 0.05).tolist() == [False, False, True] + [False] * 7


# ----------------------------------------------------------------- logistic DIF vs R
# tests/reference/dif_logistic.R: columns chi2_uniform, p_uniform, chi2_nonuniform,
# p_nonuniform, chi2_total, p_total, r2_m0, r2_m1, r2_m2

R_LOGISTIC_TWO = np.array(
    [
        [
            5.36121971806e-01,
            4.64044365731e-01,
            8.28221837315e-03,
            0.92748727199996,
            0.5444041901789,
            7.61700309642e-01,
            0.343320424031,
            0.344621122106,
            0.344641204853,
        ],
        [
            3.87812483015e01,
            4.74060085534e-10,
            2.28070218737e-01,
            0.63295843866250,
            39.0093185201916,
            3.38247123462e-09,
            0.320211209926,
            0.396212784087,
            0.396642537167,
        ],
        [
            1.59092609408e-01,
            6.89993306647e-01,
            8.33995177744e00,
            0.00387826271493,
            8.4990443868470,
            1.42710510823e-02,
            0.277365833612,
            0.277725611025,
            0.296426462165,
        ],
        [
            2.27523924475e-02,
            8.80102750673e-01,
            9.55442909386e00,
            0.00199467540656,
            9.5771814863058,
            8.32418002757e-03,
            0.412361757760,
            0.412418742724,
            0.436120756177,
        ],
    ]
)  # fmt: skip  items q01, q05, q09, q11

R_LOGISTIC_THREE = np.array(
    [
        [
            1.372702789550,
            5.03409464767e-01,
            1.641325278273,
            0.440139903928,
            3.014028067823,
            5.55480587304e-01,
            0.366314458003,
            0.369131050083,
            0.372490369678,
        ],
        [
            43.365879854489,
            3.83017694819e-10,
            0.187454228024,
            0.910531199548,
            43.553334082513,
            7.94335263421e-09,
            0.303232571929,
            0.377625690079,
            0.377935733728,
        ],
        [
            3.060566385186,
            2.16474354701e-01,
            3.612756966446,
            0.164247887495,
            6.673323351633,
            1.54191981044e-01,
            0.449402015485,
            0.454599004322,
            0.460699621259,
        ],
    ]
)  # fmt: skip  items q01, q03, q09


def _check_logistic(result, expected):
    cols = ["chi2_uniform", "p_uniform", "chi2_nonuniform", "p_nonuniform", "statistic", "p_val"]
    np.testing.assert_allclose(result[cols].to_numpy(), expected[:, :6], rtol=1e-6, atol=1e-9)
    r2 = expected[:, 6:]
    np.testing.assert_allclose(result["r2_change_uniform"], r2[:, 1] - r2[:, 0], atol=1e-8)
    np.testing.assert_allclose(result["r2_change_nonuniform"], r2[:, 2] - r2[:, 1], atol=1e-8)
    np.testing.assert_allclose(result["r2_change"], r2[:, 2] - r2[:, 0], atol=1e-8)


def test_logistic_two_groups_matches_glm(two_groups):
    result = dif.logistic_dif(two_groups, group="group", reference="ref")
    _check_logistic(result.iloc[[0, 4, 8, 10]], R_LOGISTIC_TWO)
    assert (result["df"] == 2).all()
    # Zumbo-Thomas: R^2 change of the planted item is 0.076 < 0.13, hence A;
    # Jodoin-Gierl: >= 0.07, hence C
    assert result["dif_class"].tolist() == ["A"] * 12
    jodoin = dif.logistic_dif(two_groups, group="group", effect_size_rule="jodoin_gierl")
    assert jodoin["dif_class"].tolist() == ["A"] * 4 + ["C"] + ["A"] * 7


def test_logistic_three_groups_matches_glm(three_groups):
    result = dif.logistic_dif(three_groups, group="group", reference="fi")
    _check_logistic(result.iloc[[0, 2, 8]], R_LOGISTIC_THREE)
    assert (result["df"] == 4).all()
    # the statistics do not depend on the reference level
    other = dif.logistic_dif(three_groups, group="group", reference="lv")
    np.testing.assert_allclose(other["statistic"], result["statistic"], rtol=1e-7)


# ----------------------------------------------------------------- simulation


def test_planted_uniform_dif_is_the_only_class_c(rng):
    n, n_items, dif_item = 1000, 20, 7
    a = rng.uniform(0.8, 1.8, n_items)
    b = rng.uniform(-1.5, 1.5, n_items)
    group = np.repeat(["ref", "foc"], n)
    theta = rng.normal(np.where(group == "foc", -0.3, 0.0), 1.0)
    shift = np.zeros((2 * n, n_items))
    shift[group == "foc", dif_item] = 1.2
    values = rng.random((2 * n, n_items)) < expit(a * (theta[:, None] - b - shift))
    data = pd.DataFrame(values.astype(int), columns=[f"q{j:02d}" for j in range(n_items)])
    data["language"] = group
    result = dif.mantel_haenszel(data, group="language", focal="foc", reference="ref")
    assert result.loc[dif_item, "ets_class"] == "C"
    assert (result["ets_class"] == "C").sum() == 1


# ----------------------------------------------------------------- bad input


def test_constant_item_gives_nan_row_and_warning(two_groups):
    data = two_groups.copy()
    data["q13"] = 0
    with pytest.warns(RuntimeWarning, match="'q13' have no variance"):
        result = _mh(data)
    assert result.loc[12, ["mh_odds_ratio", "statistic", "p_val", "p_adj"]].isna().all()
    assert pd.isna(result.loc[12, "ets_class"])
    _check_against_r(result.iloc[:12], R_PURIFIED)


def test_small_group_gives_nan_rows_and_warning(two_groups):
    data = two_groups.iloc[230:].copy()  # 20 in "ref"
    with pytest.warns(RuntimeWarning, match=r"'ref' \(n=20\) have fewer than `min_n`=30"):
        result = _mh(data, min_n=30)
    assert result["mh_odds_ratio"].isna().all() and result["p_adj"].isna().all()
    with pytest.warns(RuntimeWarning, match="fewer than `min_n`"):
        general = dif.mantel_haenszel_generalized(data, group="group", reference="foc", min_n=30)
    assert general["statistic"].isna().all()
    with pytest.warns(RuntimeWarning, match="fewer than `min_n`"):
        logistic = dif.logistic_dif(data, group="group", min_n=30)
    assert logistic["statistic"].isna().all() and logistic["dif_class"].isna().all()


def test_group_with_one_level_is_an_error(two_groups):
    data = two_groups[two_groups["group"] == "ref"]
    with pytest.raises(ValueError, match=r"`group` column 'group' has 1 level\(s\)"):
        dif.logistic_dif(data, group="group")


def test_focal_and_reference_must_be_levels(two_groups):
    with pytest.raises(ValueError, match=r"`focal` 'en' is not a level .* 'foc', 'ref'"):
        dif.mantel_haenszel(two_groups, group="group", focal="en", reference="ref")
    with pytest.raises(ValueError, match="`reference` 'fi' is not a level"):
        dif.mantel_haenszel_generalized(two_groups, group="group", reference="fi")
    with pytest.raises(ValueError, match="`focal` and `reference` must be different"):
        dif.mantel_haenszel(two_groups, group="group", focal="ref", reference="ref")


def test_non_binary_and_missing_columns(two_groups):
    data = two_groups.copy()
    data.loc[3, "q02"] = 3
    with pytest.raises(ValueError, match="column 'q02' has 3 at row 3"):
        _mh(data)
    with pytest.raises(KeyError, match="`group` names columns that `data` lacks: 'lang'"):
        dif.mantel_haenszel(two_groups, group="lang", focal="foc", reference="ref")
    with pytest.raises(ValueError, match="`items` must not include the `group` column"):
        _mh(two_groups, items=["q01", "q02", "group"])


def test_missing_responses_listwise_or_raise(two_groups):
    data = two_groups.copy()
    data.loc[[0, 1, 2], "q01"] = np.nan
    result = _mh(data, purify=False)
    assert (result["n"] == 497).all()
    with pytest.raises(ValueError, match=r"missing responses \(first at row 0, column 'q01'\)"):
        _mh(data, nan_policy="raise")
    missing_group = two_groups.copy()
    missing_group["group"] = missing_group["group"].where(missing_group.index > 4)
    # a missing group label is never a category of its own
    assert (_mh(missing_group, purify=False)["n"] == 495).all()


def test_classification_on_adjusted_p_values(two_groups):
    unadjusted = _mh(two_groups, purify=False, p_adjust="bonferroni")
    adjusted = _mh(two_groups, purify=False, p_adjust="bonferroni", classify_on="p_adj")
    for row_plain, row_adjusted in zip(unadjusted.itertuples(), adjusted.itertuples(), strict=True):
        expected_a = row_adjusted.p_adj >= 0.05 or abs(row_adjusted.mh_delta) < 1
        assert (row_adjusted.ets_class == "A") == expected_a
        # adjustment can only make a class milder, never stricter
        assert "ABC".index(row_adjusted.ets_class) <= "ABC".index(row_plain.ets_class)
    assert adjusted.loc[4, "ets_class"] == "C"
    with pytest.raises(ValueError, match="`classify_on` must be one of"):
        _mh(two_groups, classify_on="holm")


def test_every_dif_table_names_its_test_and_statistic(two_groups):
    tables = {
        "Mantel-Haenszel chi-square": _mh(two_groups, purify=False),
        "generalized Mantel-Haenszel chi-square": dif.mantel_haenszel_generalized(
            two_groups, group="group", reference="ref", purify=False
        ),
        "logistic regression likelihood ratio": dif.logistic_dif(two_groups, group="group"),
    }
    for test, table in tables.items():
        assert list(table.columns[:2]) == ["item", "test"]
        assert (table["test"] == test).all()
        assert table["statistic"].notna().all()


def test_significance_sets_the_level_of_the_flags(two_groups):
    strict = _mh(two_groups, purify=False, significance=1e-12)
    loose = _mh(two_groups, purify=False)
    # the planted item is C at 5%, but no p-value is below 1e-12
    assert loose.loc[4, "ets_class"] == "C"
    assert (strict["p_val"] >= 1e-12).all() and (strict["ets_class"] == "A").all()
    with pytest.raises(ArgumentError, match=r"`significance` must be a significance level"):
        _mh(two_groups, significance=5)
    with pytest.raises(TypeError, match="unexpected keyword argument 'alpha'"):
        _mh(two_groups, alpha=0.05)
