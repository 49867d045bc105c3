"""Tests of the ordinal (WLSMV / DWLS / ULS) estimator of techvet_survey.cfa against
lavaan 0.6-14 and semTools (script: tests/reference/cfa_ordinal.R)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from techvet_survey.cfa import fit_cfa, measurement_invariance
from techvet_survey.cfa._model import parse_model
from techvet_survey.cfa._ordinal import ordinal_moments
from techvet_survey.errors import ArgumentError, InputError

DATA = Path(__file__).parent / "reference" / "data"
ONE_FACTOR = "f =~ x1 + x2 + x3 + x4 + x5 + x6"
THREE_FACTORS = """
  visual  =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6
  speed   =~ x7 + x8 + x9
"""
FIT_RTOL = 1e-4
EST_RTOL = 1e-3


@pytest.fixture(scope="module")
def hs():
    """HolzingerSwineford1939 with every item cut into five ordered categories."""
    return pd.read_csv(DATA / "cfa_holzinger_ordinal.csv")


def check_fit(fit: pd.DataFrame, expected: dict) -> None:
    for name, value in expected.items():
        assert fit[name].iloc[0] == pytest.approx(value, rel=FIT_RTOL), name


def check_estimates(estimates: pd.DataFrame, expected: list, group=None) -> None:
    for lhs, op, rhs, est, se in expected:
        row = estimates[(estimates.lhs == lhs) & (estimates.op == op) & (estimates.rhs == rhs)]
        if group is not None:
            row = row[row.group == group]
        assert len(row) == 1, (lhs, op, rhs)
        assert row["est"].iloc[0] == pytest.approx(est, rel=EST_RTOL), (lhs, op, rhs)
        if np.isnan(se):
            assert np.isnan(row["se"].iloc[0])
        else:
            assert row["se"].iloc[0] == pytest.approx(se, rel=EST_RTOL), (lhs, op, rhs)


# lavaan: cfa(one_factor, ordinal, ordered = items[1:6], estimator = "WLSMV")
ONE_FACTOR_FIT = {
    "chi2": 100.152209646235,
    "df": 9.0,
    "cfi": 0.962448408107,
    "tli": 0.937414013511,
    "rmsea": 0.183739156542,
    "srmr": 0.115912208591,
    "chi2_scaled": 145.312320183540,
    "df_scaled": 9.0,
    "scaling_factor": 0.699120903562,
    "cfi_scaled": 0.918983200753,
    "tli_scaled": 0.864972001255,
    "rmsea_scaled": 0.224690997845,
}
ONE_FACTOR_EST = [
    ("f", "=~", "x1", 1.0, np.nan),
    ("f", "=~", "x2", 0.64605124776, 0.11284148513),
    ("f", "=~", "x3", 0.69521594728, 0.10795980239),
    ("f", "=~", "x4", 1.54189029389, 0.14277786296),
    ("f", "=~", "x5", 1.66615042024, 0.15092677667),
    ("x1", "|", "t1", -0.90503186724, 0.08423125156),
    ("x4", "~~", "x4", 0.334849163, np.nan),
]


def test_one_factor_wlsmv_matches_lavaan(hs):
    result = fit_cfa(hs, ONE_FACTOR, ordered=True)
    check_fit(result.fit, ONE_FACTOR_FIT)
    check_estimates(result.estimates, ONE_FACTOR_EST)
    assert result.fit["estimator"].iloc[0] == "WLSMV"
    assert result.fit["nan_policy"].iloc[0] == "pairwise"
    assert result.fit["n"].iloc[0] == 301
    # the shift makes chi2_scaled = chi2 / scaling_factor + shift
    fit = result.fit.iloc[0]
    assert fit["chi2_scaled"] == pytest.approx(fit["chi2"] / fit["scaling_factor"] + fit["shift"])


THREE_FACTOR_FIT = {
    "chi2": 57.4452054915,
    "df": 24.0,
    "cfi": 0.988084826655,
    "tli": 0.982127239982,
    "rmsea": 0.0681554651468,
    "srmr": 0.0642299805496,
    "chi2_scaled": 86.9605928619,
    "scaling_factor": 0.699520094471,
    "cfi_scaled": 0.963117077730,
    "tli_scaled": 0.944675616595,
    "rmsea_scaled": 0.0935121745356,
}
THREE_FACTOR_EST = [
    ("visual", "=~", "x2", 0.52815843814, 0.08662585837),
    ("visual", "=~", "x3", 0.68670615613, 0.09618308990),
    ("textual", "=~", "x5", 1.07592168111, 0.04529837579),
    ("textual", "=~", "x6", 1.05796870913, 0.03963277328),
    ("speed", "=~", "x8", 1.26983309432, 0.19876904214),
    ("speed", "=~", "x9", 1.66603934346, 0.25724255071),
    ("x8", "|", "t2", -0.18001236979, 0.07278777224),
    ("x9", "|", "t4", 1.06757052388, 0.08953463845),
    ("visual", "~~", "visual", 0.73304876473, 0.10665805942),
    ("speed", "~~", "speed", 0.24128234863, 0.06012917536),
    ("visual", "~~", "textual", 0.33967546120, 0.04479353461),
    ("textual", "~~", "speed", 0.10601587775, 0.03553245473),
    ("x1", "~~", "x1", 0.26695123527, np.nan),
    ("x4", "~~", "x4", 0.31596061028, np.nan),
]


def test_three_factor_wlsmv_matches_lavaan(hs):
    result = fit_cfa(hs, THREE_FACTORS, ordered=[f"x{j}" for j in range(1, 10)])
    check_fit(result.fit, THREE_FACTOR_FIT)
    check_estimates(result.estimates, THREE_FACTOR_EST)
    assert result.converged and result.fit["admissible"].iloc[0]


def test_nacov_diagonal_matches_lavaan(hs):
    moments = ordinal_moments(hs, parse_model(THREE_FACTORS).items, None, "pairwise")
    expected = [2.128471122, 1.597181543, 1.663999209, 2.497900863, 2.147069617, 1.572471440]
    assert np.diag(moments.gamma[0])[:6] == pytest.approx(expected, rel=1e-6)


def test_dwls_has_the_standard_test_only(hs):
    result = fit_cfa(hs, THREE_FACTORS, ordered=True, estimator="DWLS")
    check_fit(result.fit, {k: THREE_FACTOR_FIT[k] for k in ("chi2", "cfi", "tli", "rmsea")})
    assert np.isnan(result.fit["chi2_scaled"].iloc[0])


def test_ulsmv_matches_lavaan(hs):
    result = fit_cfa(hs, THREE_FACTORS, ordered=True, estimator="ULSMV")
    check_fit(
        result.fit,
        {
            "chi2": 54.4549226140,
            "cfi": 0.973823795863,
            "rmsea": 0.0650372997830,
            "srmr": 0.0635114003263,
            "chi2_scaled": 80.6550107826,
            "scaling_factor": 0.717899876627,
            "cfi_scaled": 0.917705921688,
            "tli_scaled": 0.876558882531,
            "rmsea_scaled": 0.0887059834373,
        },
    )
    check_estimates(
        result.estimates,
        [
            ("speed", "=~", "x9", 1.86199468610, 0.34109903767),
            ("visual", "~~", "visual", 0.73613844350, 0.11170689781),
            ("x4", "~~", "x4", 0.28011216984, np.nan),
        ],
    )


# lavaan + semTools: measEq.syntax(ID.cat = "Wu.Estabrook.2016"), group = "school"
SCALAR_FIT = {
    "chi2": 154.755766263,
    "df": 78.0,
    "cfi": 0.971820517750,
    "rmsea": 0.0811311455533,
    "srmr": 0.0771399992086,
    "chi2_scaled": 206.136210985,
    "scaling_factor": 0.830048206469,
    "cfi_scaled": 0.920380402377,
    "tli_scaled": 0.926504986809,
    "rmsea_scaled": 0.104825765161,
}
SCALAR_EST_GRANT = [
    ("visual", "=~", "x1", 0.87313218323, 0.07018911427),
    ("speed", "=~", "x9", 0.67233603562, 0.07597367425),
    ("x1", "|", "t1", -1.00034406032, 0.11357853931),
    ("x1", "~*~", "x1", 0.89846519612, 0.09704696222),
    ("x4", "~*~", "x4", 1.15398484067, 0.10290643637),
    ("visual", "~1", "", -0.13329216445, 0.14315407359),
    ("visual", "~~", "visual", 1.06298887882, 0.29390931310),
    ("x4", "~~", "x4", 0.20069015881, np.nan),
]


def test_multigroup_scalar_model_matches_semtools(hs):
    result = fit_cfa(
        hs,
        THREE_FACTORS,
        group="school",
        equal=["thresholds", "loadings", "intercepts"],
        ordered=True,
    )
    check_fit(result.fit, SCALAR_FIT)
    check_estimates(result.estimates, SCALAR_EST_GRANT, group="Grant-White")
    assert result.groups == ("Pasteur", "Grant-White")


def test_estimator_for_ordered_items_needs_ordered(hs):
    with pytest.raises(ArgumentError, match=r"is for ordered items; pass `ordered=True`"):
        fit_cfa(hs, ONE_FACTOR, estimator="WLSMV")


def test_ordered_must_cover_every_item(hs):
    with pytest.raises(ArgumentError, match=r"leaves out items \['x6'\]"):
        fit_cfa(hs, ONE_FACTOR, ordered=["x1", "x2", "x3", "x4", "x5"])
    with pytest.raises(ArgumentError, match=r"`ordered` names \['q1'\]"):
        fit_cfa(hs, ONE_FACTOR, ordered=["q1"])


def test_ordered_items_refuse_ml_and_fiml(hs):
    with pytest.raises(ArgumentError, match=r"one of \['WLSMV', 'DWLS', 'ULSMV', 'ULS'\]"):
        fit_cfa(hs, ONE_FACTOR, ordered=True, estimator="MLR")
    with pytest.raises(ArgumentError, match=r"`nan_policy` must be one of \['pairwise'"):
        fit_cfa(hs, ONE_FACTOR, ordered=True, nan_policy="fiml")


def test_empty_category_in_a_group_names_item_group_and_category(hs):
    data = hs.copy()
    data.loc[(data.school == "Pasteur") & (data.x1 == 5), "x1"] = 4
    with pytest.raises(InputError, match=r"in group school='Pasteur': item 'x1' category 5"):
        fit_cfa(data, ONE_FACTOR, group="school", ordered=True)


def test_listwise_equals_pairwise_on_complete_data_and_differs_with_gaps(hs):
    pairwise = fit_cfa(hs, ONE_FACTOR, ordered=True)
    listwise = fit_cfa(hs, ONE_FACTOR, ordered=True, nan_policy="listwise")
    assert listwise.fit["chi2"].iloc[0] == pytest.approx(pairwise.fit["chi2"].iloc[0])
    gaps = hs.copy()
    gaps.loc[gaps.index[:30], "x2"] = np.nan
    with_gaps = fit_cfa(gaps, ONE_FACTOR, ordered=True)
    dropped = fit_cfa(gaps, ONE_FACTOR, ordered=True, nan_policy="listwise")
    assert with_gaps.fit["n"].iloc[0] == 301
    assert dropped.fit["n"].iloc[0] == 271


# lavaan + semTools: the four levels of measEq.syntax(ID.cat = "Wu.Estabrook.2016") and
# lavTestLRT(configural, thresholds, metric, scalar) (scaled.shifted, satorra.2000)
LADDER = {
    "configural": {
        "chi2": 82.3860928963,
        "df": 48.0,
        "cfi": 0.987375771989,
        "srmr": 0.0751509088285,
        "chi2_scaled": 126.608599029,
        "scaling_factor": 0.708601403011,
        "cfi_scaled": 0.951155220088,
        "tli_scaled": 0.926732830131,
        "rmsea_scaled": 0.104663152835,
    },
    "thresholds": {
        "chi2": 93.5186684856,
        "df": 66.0,
        "chi2_scaled": 156.047548766,
        "scaling_factor": 0.660220122715,
        "cfi_scaled": 0.944047435580,
        "rmsea_scaled": 0.0955307931402,
        "chi2_diff": 26.59034463056,
        "df_diff": 18.0,
        "p_diff": 8.70062223040e-02,
    },
    "metric": {
        "chi2": 98.1046542709,
        "df": 72.0,
        "chi2_scaled": 146.900789725,
        "cfi_scaled": 0.953459129986,
        "chi2_diff": 4.00060493468,
        "p_diff": 0.676594547178,
    },
    "scalar": {
        "chi2": 154.7557662634,
        "df": 78.0,
        "chi2_scaled": 206.136210985,
        "cfi_scaled": 0.920380402377,
        "rmsea_scaled": 0.104825765161,
        "chi2_diff": 44.43004145810,
        "p_diff": 6.07368586677e-08,
    },
}


@pytest.fixture(scope="module")
def ladder(hs):
    return measurement_invariance(hs, THREE_FACTORS, group="school", ordered=True)


def test_wu_estabrook_ladder_matches_semtools_and_lavtestlrt(ladder):
    table = ladder.ladder.set_index("level")
    assert list(table.index) == ["configural", "thresholds", "metric", "scalar"]
    for level, expected in LADDER.items():
        for name, value in expected.items():
            assert table.loc[level, name] == pytest.approx(value, rel=FIT_RTOL), (level, name)
    assert set(table["estimator"]) == {"WLSMV"}
    assert list(table["diff_test"]) == ["", "satorra.2000", "satorra.2000", "satorra.2000"]
    assert list(table["compared_with"]) == ["", "configural", "thresholds", "metric"]


def test_ladder_judges_scaled_fit_changes_with_chen(ladder):
    table = ladder.ladder.set_index("level")
    delta = LADDER["scalar"]["cfi_scaled"] - LADDER["metric"]["cfi_scaled"]
    assert table.loc["scalar", "delta_cfi"] == pytest.approx(delta, rel=FIT_RTOL)
    assert table.loc["thresholds", "invariant"]
    assert table.loc["metric", "invariant"]
    assert not table.loc["scalar", "invariant"]
    assert not ladder.comparable_means
    assert ladder.verdict["level"].iloc[0] == "metric"
    assert ladder.reason.startswith("scalar invariance fails (delta CFI = -0.0331 <= -0.010")
    assert "(scaled CFI and RMSEA, WLSMV)" in ladder.rule


def test_ladder_latent_means_are_those_of_the_scalar_model(ladder):
    means = ladder.latent_means.set_index(["group", "factor"])
    assert means.loc[("Grant-White", "visual"), "est"] == pytest.approx(
        -0.13329216445, rel=EST_RTOL
    )
    assert means.loc[("Grant-White", "visual"), "se"] == pytest.approx(0.14315407359, rel=EST_RTOL)


def test_ladder_by_chisq_rule_names_the_satorra_2000_test(hs):
    result = measurement_invariance(hs, THREE_FACTORS, group="school", ordered=True, rule="chisq")
    table = result.ladder.set_index("level")
    assert table.loc["thresholds", "invariant"]  # p = 0.087
    assert not table.loc["scalar", "invariant"]
    assert "Satorra (2000) scaled-and-shifted difference test, WLSMV" in result.rule


def test_ordinal_ladder_refuses_strict(hs):
    with pytest.raises(ArgumentError, match=r"`strict=True` is not available for ordered items"):
        measurement_invariance(hs, ONE_FACTOR, group="school", ordered=True, strict=True)


def test_pairwise_missing_matches_lavaan():
    gaps = pd.read_csv(DATA / "cfa_holzinger_ordinal_gaps.csv")
    assert gaps[[f"x{j}" for j in range(1, 7)]].isna().any(axis=1).sum() > 100
    result = fit_cfa(gaps, ONE_FACTOR, ordered=True)
    check_fit(
        result.fit,
        {
            "chi2": 79.065779491706,
            "cfi": 0.970481762239,
            "srmr": 0.112965351400,
            "chi2_scaled": 117.411198007009,
            "scaling_factor": 0.682376899411,
            "cfi_scaled": 0.936468633983,
            "tli_scaled": 0.894114389972,
            "rmsea_scaled": 0.200380377178,
            "n": 301,
        },
    )
    check_estimates(
        result.estimates,
        [
            ("f", "=~", "x3", 0.67621604203, 0.11327437494),
            ("f", "=~", "x6", 1.61958975227, 0.14834023210),
            ("x3", "|", "t1", -1.00804504948, 0.09267112692),
            ("x5", "|", "t4", 1.20131346393, 0.10023597601),
        ],
    )


def test_unidentified_ordinal_model_says_so(hs):
    with pytest.raises(ValueError, match=r"10 free parameters for 9 sample statistics \(df = -1\)"):
        fit_cfa(hs, "f =~ x1 + x2", ordered=True)
