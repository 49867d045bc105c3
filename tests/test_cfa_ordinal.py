"""Tests of the ordinal (WLSMV / DWLS / ULS) estimator of techvet_survey.cfa against
lavaan 0.6-14 and semTools (script: tests/reference/cfa_ordinal.R)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from techvet_survey.cfa import fit_cfa, measurement_invariance
from techvet_survey.cfa._fit_ordinal import fit_ordinal
from techvet_survey.cfa._invariance_ordinal import OrdinalLadder
from techvet_survey.cfa._model import parse_model
from techvet_survey.cfa._ordinal import ordinal_moments
from techvet_survey.cfa._rules import InvarianceRule
from techvet_survey.cfa._score_ordinal import ordinal_score_tests
from techvet_survey.cfa._wls import WU_ESTABROOK
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


def test_ordered_items_always_have_their_mean_structure(hs):
    # lavaan's cfa(ordered=) has thresholds (its mean structure) whatever meanstructure says
    default = fit_cfa(hs, THREE_FACTORS, ordered=True)
    pd.testing.assert_frame_equal(
        default.estimates, fit_cfa(hs, THREE_FACTORS, ordered=True, meanstructure=True).estimates
    )
    assert (default.estimates["op"] == "|").sum() == 36


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
    return measurement_invariance(hs, THREE_FACTORS, group="school", ordered=True, partial=False)


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


# --- partial invariance (tests/reference/cfa_ordinal_partial.R) -----------------------
# lavaan lavTestScore(fit)$uni of the scalar model (intercepts of Grant-White tested as
# equal to Pasteur's fixed zero) and of the thresholds model; each step's model refitted by
# semTools measEq.syntax(group.partial = ...) with WLSMV, and lavTestLRT against the level
# it is compared with. Score statistics to 1e-3, fit to 1e-4.
SCORE_RTOL = 1e-3
# (lhs, op, rhs, X2), the Grant-White parameter of each constraint
SCALAR_SCORES_1 = [
    ("x1", "~1", "", 2.467081185),
    ("x2", "~1", "", 18.13716909),
    ("x3", "~1", "", 26.15719917),
    ("x4", "~1", "", 0.05172744835),
    ("x5", "~1", "", 0.1897545684),
    ("x6", "~1", "", 0.04443045084),
    ("x7", "~1", "", 20.98299664),
    ("x8", "~1", "", 5.337797403),
    ("x9", "~1", "", 3.428078981),
    ("visual", "=~", "x1", 4.155399499),
    ("visual", "=~", "x2", 0.9277880274),
    ("visual", "=~", "x3", 1.346306397),
    ("textual", "=~", "x4", 0.03767920741),
    ("textual", "=~", "x5", 0.001131289585),
    ("textual", "=~", "x6", 0.05474844827),
    ("speed", "=~", "x7", 0.8996053912),
    ("speed", "=~", "x8", 0.07182805661),
    ("speed", "=~", "x9", 0.4531400076),
    ("x1", "|", "t1", 2.081112525),
    ("x1", "|", "t2", 0.6486053126),
    ("x1", "|", "t3", 0.5673395711),
    ("x1", "|", "t4", 0.412395402),
    ("x2", "|", "t1", 2.321169296),
    ("x2", "|", "t2", 7.732347769),
    ("x2", "|", "t3", 7.061517654),
    ("x2", "|", "t4", 2.181551497),
    ("x3", "|", "t1", 10.68854008),
    ("x3", "|", "t2", 6.350630975),
    ("x3", "|", "t3", 5.211530134),
    ("x3", "|", "t4", 3.818337302),
    ("x4", "|", "t1", 0.06746723296),
    ("x4", "|", "t2", 0.0163690926),
    ("x4", "|", "t3", 2.025404047),
    ("x4", "|", "t4", 0.975300526),
    ("x5", "|", "t1", 1.447589835),
    ("x5", "|", "t2", 0.044528871),
    ("x5", "|", "t3", 0.8186448913),
    ("x5", "|", "t4", 1.650784529),
    ("x6", "|", "t1", 0.1202308478),
    ("x6", "|", "t2", 0.3478886156),
    ("x6", "|", "t3", 0.4447569715),
    ("x6", "|", "t4", 0.9972651991),
    ("x7", "|", "t1", 13.73836432),
    ("x7", "|", "t2", 1.257946838),
    ("x7", "|", "t3", 6.237100244),
    ("x7", "|", "t4", 5.838523766),
    ("x8", "|", "t1", 0.689543458),
    ("x8", "|", "t2", 2.358296867),
    ("x8", "|", "t3", 1.605718697),
    ("x8", "|", "t4", 0.3432042716),
    ("x9", "|", "t1", 0.4716020337),
    ("x9", "|", "t2", 1.593439682),
    ("x9", "|", "t3", 0.5735221883),
    ("x9", "|", "t4", 0.1877457087),
]
THRESHOLDS_SCORES_1 = [
    ("x1", "|", "t1", 0.0269275746),
    ("x1", "|", "t2", 0.007480615457),
    ("x1", "|", "t3", 0.2124592553),
    ("x1", "|", "t4", 0.1898583448),
    ("x2", "|", "t1", 1.173226477),
    ("x2", "|", "t2", 0.5233353224),
    ("x2", "|", "t3", 0.2754776621),
    ("x2", "|", "t4", 1.106322592),
    ("x3", "|", "t1", 0.05450208606),
    ("x3", "|", "t2", 0.03881796669),
    ("x3", "|", "t3", 0.00182636011),
    ("x3", "|", "t4", 0.02578970683),
    ("x4", "|", "t1", 0.2283213501),
    ("x4", "|", "t2", 0.06844229572),
    ("x4", "|", "t3", 2.288987132),
    ("x4", "|", "t4", 2.096673546),
    ("x5", "|", "t1", 1.535107764),
    ("x5", "|", "t2", 0.2804970589),
    ("x5", "|", "t3", 1.413274698),
    ("x5", "|", "t4", 2.65011208),
    ("x6", "|", "t1", 0.9698801393),
    ("x6", "|", "t2", 0.2570053652),
    ("x6", "|", "t3", 0.5630459465),
    ("x6", "|", "t4", 1.279661725),
    ("x7", "|", "t1", 2.248797914),
    ("x7", "|", "t2", 2.401935557),
    ("x7", "|", "t3", 0.1152181372),
    ("x7", "|", "t4", 0.3102035945),
    ("x8", "|", "t1", 0.3763883712),
    ("x8", "|", "t2", 0.2180259019),
    ("x8", "|", "t3", 0.05249049703),
    ("x8", "|", "t4", 0.2647855124),
    ("x9", "|", "t1", 0.2167626924),
    ("x9", "|", "t2", 0.190220632),
    ("x9", "|", "t3", 1.336921269e-05),
    ("x9", "|", "t4", 0.06467677622),
]
# the scalar model with x5 | t4 free (scores of its intercepts), then x3 ~ 1 free
PARTIAL_SCALAR_AFTER_THRESHOLDS_SCORES_1 = [
    ("x1", "~1", "", 2.469701875),
    ("x2", "~1", "", 18.13406978),
    ("x3", "~1", "", 26.15319597),
    ("x4", "~1", "", 0.0002844972813),
    ("x5", "~1", "", 0.001726916042),
    ("x6", "~1", "", 0.0005381468023),
    ("x7", "~1", "", 20.97848858),
    ("x8", "~1", "", 5.341567215),
    ("x9", "~1", "", 3.427402192),
]
PARTIAL_SCALAR_AFTER_THRESHOLDS_SCORES_2 = [
    ("x1", "~1", "", 8.591983477),
    ("x2", "~1", "", 8.591983477),
    ("x4", "~1", "", 0.0002940377569),
    ("x5", "~1", "", 0.001737966394),
    ("x6", "~1", "", 0.0005313474725),
    ("x7", "~1", "", 20.97418104),
    ("x8", "~1", "", 5.349461031),
    ("x9", "~1", "", 3.421971157),
]
# Chen's rule: x3 ~ 1 freed against metric
SCALAR_STEP_1 = {
    "freed": "x3 ~ 1",
    "chi2": 128.34464935,
    "df": 77.0,
    "chi2_scaled": 176.260937951,
    "cfi_scaled": 0.938322540689,
    "rmsea_scaled": 0.092858834505,
    "srmr": 0.0773298435332,
    "chi2_diff": 23.8460239575,
    "p_diff": 0.000232414324086,
}
# chi-square rule at alpha = 0.10, score tests at 0.15
THRESHOLDS_STEP_1 = {
    "freed": "x5 | t4",
    "chi2": 90.847555732,
    "df": 65.0,
    "chi2_scaled": 151.91723111,
    "cfi_scaled": 0.945992511295,
    "rmsea_scaled": 0.0945748512084,
    "srmr": 0.0751509137343,
    "chi2_diff": 20.8402484597,
    "p_diff": 0.233517689895,
}
METRIC_AFTER_THRESHOLDS = {
    "chi2": 96.6371925944,
    "df": 71.0,
    "chi2_scaled": 145.05360262,
    "cfi_scaled": 0.953985543994,
    "rmsea_scaled": 0.0835263156262,
    "srmr": 0.0764168191513,
    "chi2_diff": 5.03911927747,
    "p_diff": 0.538805665665,
}
SCALAR_AFTER_THRESHOLDS = {
    "chi2": 153.094548586,
    "df": 77.0,
    "chi2_scaled": 204.304291942,
    "cfi_scaled": 0.920897329317,
    "rmsea_scaled": 0.10516120744,
    "srmr": 0.077096088021,
    "chi2_diff": 44.3873107,
    "p_diff": 6.19345408474e-08,
}
PARTIAL_SCALAR_AFTER_THRESHOLDS_STEP_1 = {
    "freed": "x3 ~ 1",
    "chi2": 126.687485461,
    "df": 76.0,
    "chi2_scaled": 174.384312398,
    "cfi_scaled": 0.938867246773,
    "rmsea_scaled": 0.0930541046737,
    "srmr": 0.0772873045409,
    "chi2_diff": 23.773678175,
    "p_diff": 0.000239967183785,
}
PARTIAL_SCALAR_AFTER_THRESHOLDS_STEP_2 = {
    "freed": "x7 ~ 1",
    "chi2": 105.620786484,
    "df": 75.0,
    "chi2_scaled": 150.252932618,
    "cfi_scaled": 0.953240320055,
    "rmsea_scaled": 0.0819238750532,
    "srmr": 0.0766135520119,
    "chi2_diff": 7.51256087284,
    "p_diff": 0.111156685207,
}

LADDER_COLUMNS_CHECKED = ("chi2", "df", "chi2_scaled", "cfi_scaled", "rmsea_scaled", "srmr")


def check_scores(tests: pd.DataFrame, expected: list) -> None:
    """Every expected (lhs, op, rhs, X2) is in `tests` once (Grant-White), same X2."""
    for lhs, op, rhs, chi2 in expected:
        row = tests[(tests.lhs == lhs) & (tests.op == op) & (tests.rhs == rhs)]
        assert list(row["group"]) == ["Grant-White"], (lhs, op, rhs)
        assert row["chi2"].iloc[0] == pytest.approx(chi2, rel=SCORE_RTOL), (lhs, op, rhs)


def check_level(row: pd.Series, expected: dict) -> None:
    for name in (*LADDER_COLUMNS_CHECKED, "chi2_diff", "p_diff"):
        assert row[name] == pytest.approx(expected[name], rel=FIT_RTOL), name


def test_score_tests_of_the_scalar_model_match_lavtestscore(ladder):
    scores = ladder.score_tests
    assert len(scores) == len(SCALAR_SCORES_1) == 54  # 9 loadings, 36 thresholds, 9 intercepts
    assert list(scores["kind"].drop_duplicates()) == ["loading", "threshold", "intercept"]
    check_scores(scores, SCALAR_SCORES_1)
    assert (scores["df"] == 1).all()


def test_score_tests_of_the_thresholds_model_match_lavtestscore(hs):
    spec = parse_model(THREE_FACTORS)
    moments = ordinal_moments(hs, spec.items, "school", "pairwise", min_groups=2)
    solution, _ = fit_ordinal(spec, moments, WU_ESTABROOK["thresholds"], "WLSMV", "pairwise")
    scores = ordinal_score_tests(solution, "DWLS")
    assert len(scores) == len(THRESHOLDS_SCORES_1) == 36  # the threshold equalities only
    check_scores(scores, THRESHOLDS_SCORES_1)


@pytest.fixture(scope="module")
def partial_ladder(hs):
    return measurement_invariance(hs, THREE_FACTORS, group="school", ordered=True)


def test_failed_scalar_level_frees_the_largest_intercept_as_lavaan(partial_ladder):
    ladder = partial_ladder
    table = ladder.ladder.set_index("level")
    assert list(table.index) == ["configural", "thresholds", "metric", "scalar", "partial_scalar"]
    assert not table.loc["scalar", "invariant"]
    check_level(table.loc["partial_scalar"], SCALAR_STEP_1)
    assert table.loc["partial_scalar", "compared_with"] == "metric"
    assert table.loc["partial_scalar", "freed"] == "x3~1 (Grant-White)"
    assert table.loc["partial_scalar", "invariant"]  # delta RMSEA, SRMR do not supplement
    freed = ladder.freed
    assert list(freed[["step", "item", "parameter", "group"]].itertuples(index=False)) == [
        (1, "x3", "x3 ~ 1", "Grant-White")
    ]
    assert freed["chi2"].iloc[0] == pytest.approx(26.15719917, rel=SCORE_RTOL)
    delta = SCALAR_STEP_1["cfi_scaled"] - LADDER["metric"]["cfi_scaled"]
    assert freed["delta_cfi"].iloc[0] == pytest.approx(delta, rel=FIT_RTOL)


def test_partial_scalar_verdict_and_latent_means_come_from_the_partial_model(partial_ladder):
    ladder = partial_ladder
    assert ladder.comparable_means
    verdict = ladder.verdict.iloc[0]
    assert (verdict["level"], verdict["freed"]) == (
        "partial_scalar",
        "the intercept of x3 in Grant-White",
    )
    assert ladder.reason.startswith("scalar invariance fails (delta CFI = -0.0331 <= -0.010")
    assert "holds after freeing the intercept of x3 in Grant-White" in ladder.reason
    partial = ladder.models["partial_scalar"].estimates
    means = partial[(partial["op"] == "~1") & partial["lhs"].isin(["visual", "textual", "speed"])]
    np.testing.assert_allclose(ladder.latent_means["est"], means["est"])


@pytest.fixture(scope="module")
def chisq_ladder(hs):
    return measurement_invariance(
        hs,
        THREE_FACTORS,
        group="school",
        ordered=True,
        rule="chisq",
        significance=0.10,
        score_significance=0.15,
    )


def test_failed_thresholds_level_frees_thresholds_and_keeps_them_free_above(chisq_ladder):
    table = chisq_ladder.ladder.set_index("level")
    assert list(table.index) == [
        "configural",
        "thresholds",
        "partial_thresholds",
        "metric",
        "scalar",
        "partial_scalar",
    ]
    assert not table.loc["thresholds", "invariant"]  # p = 0.087 < 0.10
    check_level(table.loc["partial_thresholds"], THRESHOLDS_STEP_1)
    check_level(table.loc["metric"], METRIC_AFTER_THRESHOLDS)
    check_level(table.loc["scalar"], SCALAR_AFTER_THRESHOLDS)
    check_level(table.loc["partial_scalar"], PARTIAL_SCALAR_AFTER_THRESHOLDS_STEP_2)
    assert list(table["compared_with"].iloc[1:]) == [
        "configural",
        "configural",
        "partial_thresholds",
        "metric",
        "metric",
    ]
    assert table.loc["metric", "freed"] == "x5|t4 (Grant-White)"
    assert table.loc["partial_scalar", "freed"] == (
        "x5|t4 (Grant-White), x3~1 (Grant-White), x7~1 (Grant-White)"
    )


def test_freed_table_lists_thresholds_then_intercepts_with_lavaan_scores(chisq_ladder):
    freed = chisq_ladder.freed
    assert list(freed["parameter"]) == ["x5 | t4", "x3 ~ 1", "x7 ~ 1"]
    assert list(freed["invariant"]) == [True, False, True]
    scores = [
        dict((lhs, x2) for lhs, _, _, x2 in PARTIAL_SCALAR_AFTER_THRESHOLDS_SCORES_1)["x3"],
        dict((lhs, x2) for lhs, _, _, x2 in PARTIAL_SCALAR_AFTER_THRESHOLDS_SCORES_2)["x7"],
    ]
    x5_t4 = [x2 for lhs, _, rhs, x2 in THRESHOLDS_SCORES_1 if (lhs, rhs) == ("x5", "t4")]
    np.testing.assert_allclose(freed["chi2"], x5_t4 + scores, rtol=SCORE_RTOL)
    step = PARTIAL_SCALAR_AFTER_THRESHOLDS_STEP_1
    delta = step["cfi_scaled"] - METRIC_AFTER_THRESHOLDS["cfi_scaled"]
    assert freed["delta_cfi"].iloc[1] == pytest.approx(delta, rel=FIT_RTOL)
    assert freed["reason"].iloc[1] == "chi-square difference p = 0.00024 < 0.1"
    verdict = chisq_ladder.verdict.iloc[0]
    assert verdict["level"] == "partial_scalar" and chisq_ladder.comparable_means
    assert verdict["freed"] == (
        "the threshold t4 of x5 in Grant-White, the intercept of x3 in Grant-White, "
        "the intercept of x7 in Grant-White"
    )
    assert "after freeing the intercept of x3 in Grant-White, the intercept of x7" in (
        chisq_ladder.reason
    )


def test_intercept_score_tests_of_a_partial_model_match_lavtestscore(hs):
    spec = parse_model(THREE_FACTORS)
    moments = ordinal_moments(hs, spec.items, "school", "pairwise", min_groups=2)
    released = frozenset({("threshold", "x5", "t4", 1), ("intercept", "x3", "", 1)})
    fitted, _ = fit_ordinal(
        spec, moments, WU_ESTABROOK["scalar"], "WLSMV", "pairwise", released=released
    )
    scores = ordinal_score_tests(fitted, "DWLS", ("intercept",))
    assert list(scores["lhs"]) == ["x1", "x2", "x4", "x5", "x6", "x7", "x8", "x9"]  # x3 free
    check_scores(scores, PARTIAL_SCALAR_AFTER_THRESHOLDS_SCORES_2)


def test_partial_false_keeps_the_four_levels(ladder):
    result = ladder
    assert list(result.ladder["level"]) == ["configural", "thresholds", "metric", "scalar"]
    assert result.freed.empty and list(result.freed.columns)[:4] == [
        "step",
        "item",
        "parameter",
        "group",
    ]
    assert result.verdict["level"].iloc[0] == "metric"


def test_a_threshold_is_freed_only_while_two_stay_equal(hs):
    spec = parse_model(THREE_FACTORS)
    moments = ordinal_moments(hs, spec.items, "school", "pairwise", min_groups=2)
    rule = InvarianceRule.choose(
        "chisq", {"Pasteur": 156, "Grant-White": 145}, small_sample=None, significance=0.05
    )
    ladder = OrdinalLadder(spec, moments, rule, "WLSMV", "pairwise")
    one = frozenset({("threshold", "x5", "t4", 1)})
    two = one | {("threshold", "x5", "t1", 1)}
    assert ladder.can_release(("threshold", "x5", "t2", 1), one, 2)  # 2 of 4 stay equal
    assert not ladder.can_release(("threshold", "x5", "t2", 1), two, 2)
    assert ladder.can_release(("threshold", "x6", "t2", 1), two, 2)
    freed_x3 = frozenset({("intercept", "x3", "", 1)})
    assert not ladder.can_release(("intercept", "x1", "", 1), freed_x3, 2)  # visual: x2 alone
    assert ladder.can_release(("intercept", "x4", "", 1), freed_x3, 2)


def test_fit_cfa_partial_for_ordered_items_points_to_measurement_invariance(hs):
    with pytest.raises(ArgumentError, match=r"`partial` is not supported by fit_cfa.*\.models"):
        fit_cfa(
            hs,
            THREE_FACTORS,
            group="school",
            equal=["thresholds", "loadings", "intercepts"],
            partial=[("x3", "Grant-White")],
            ordered=True,
        )


def test_ladder_summary_shows_the_scaled_test_and_no_aic(ladder):
    text = ladder.summary()
    nested = text.split("Nested Model Comparison")[1].split("Model Fit Indices")[0]
    header = nested.splitlines()[1].split()
    assert header == ["level", "df", "chi2", "chi2_scaled", "chi2_diff", "df_diff", "p_diff"]
    assert "cfi_scaled" in text and "rmsea_scaled" in text
