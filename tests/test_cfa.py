"""Tests of techvet_survey.cfa against lavaan 0.6-14 (scripts in tests/reference/cfa_*.R)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from techvet_survey.cfa import (
    CfaResult,
    InvarianceResult,
    fit_cfa,
    measurement_invariance,
    parse_model,
)
from techvet_survey.errors import ArgumentError

DATA = Path(__file__).parent / "reference" / "data"
HS_MODEL = """
  visual  =~ x1 + x2 + x3
  textual =~ x4 + x5 + x6
  speed   =~ x7 + x8 + x9
"""
FIT_NAMES = ["chi2", "df", "cfi", "tli", "rmsea", "rmsea_ci_low", "rmsea_ci_high", "srmr", "loglik"]
EST_ATOL = 1e-5  # lavaan's own convergence is the limit; the brief allows 1e-3


@pytest.fixture(scope="module")
def hs():
    return pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv")


@pytest.fixture(scope="module")
def mcar():
    return pd.read_csv(DATA / "cfa_holzinger_mcar.csv")


@pytest.fixture(scope="module")
def four():
    return pd.read_csv(DATA / "cfa_four_countries.csv")


@pytest.fixture(scope="module")
def hs_ladder(hs):
    return measurement_invariance(hs, HS_MODEL, group="school", strict=True, rule="cheung_rensvold")


def fit_values(frame: pd.DataFrame, row: int = 0) -> list[float]:
    return [float(frame[name].iloc[row]) for name in FIT_NAMES]


# --- single group: HolzingerSwineford1939, cfa(model) (lavaan's default: no mean structure)
# (the estimates below from cfa(model, meanstructure = TRUE), which adds the intercepts)

HS_FIT = [
    85.3055217700,
    24,
    0.930559651799,
    0.895839477699,
    0.0921214845102,
    0.0714184904399,
    0.113678016812,
    0.0652050571844,
    -3737.74492663,
]
HS_FREE_EST = [
    0.553500293764,
    0.729370209767,
    1.113076578119,
    0.926146236632,
    1.179950839471,
    1.081530156859,
    0.549053973199,
    1.133839016484,
    0.844324045708,
    0.371172992837,
    0.446255070260,
    0.356202664279,
    0.799391638325,
    0.487697083769,
    0.566131293574,
    0.809315981091,
    0.979491372860,
    0.383747649264,
    0.408232442096,
    0.262224602049,
    0.173494684581,
    4.935769656379,
    6.088039867110,
    2.250415282392,
    3.060908086844,
    4.340531561462,
    2.185571901761,
    4.185902066777,
    5.527076411960,
    5.374123291694,
]
HS_FREE_SE = [
    0.0996651187683,
    0.1091097031200,
    0.0654201086096,
    0.0554488562420,
    0.1649865720210,
    0.1511674380857,
    0.1136009232641,
    0.1017233709560,
    0.0906231835368,
    0.0477177909892,
    0.0583927754760,
    0.0430349678664,
    0.0813815590556,
    0.0741940912520,
    0.0707369371034,
    0.1454624074143,
    0.1121058493014,
    0.0862091944289,
    0.0735238821959,
    0.0562763994995,
    0.0493146604470,
    0.0671778013260,
    0.0677542742298,
    0.0650801880039,
    0.0669869914901,
    0.0742579143606,
    0.0630445264142,
    0.0626952574570,
    0.0582691312764,
    0.0580698339304,
]


def test_single_group_fit_matches_lavaan(hs):
    result = fit_cfa(hs, HS_MODEL)
    assert isinstance(result, CfaResult)
    np.testing.assert_allclose(fit_values(result.fit), HS_FIT, rtol=1e-5)
    fit = result.fit.iloc[0]
    assert fit["aic"] == pytest.approx(7517.48985325, rel=1e-7)
    assert fit["bic"] == pytest.approx(7595.33916881, rel=1e-7)
    assert fit["p_val"] == pytest.approx(8.50255321705e-09, rel=1e-4)
    assert (fit["n"], fit["n_par"], bool(fit["converged"])) == (301, 21, True)
    assert fit["message"] == "converged"


def test_single_group_estimates_and_standard_errors_match_lavaan(hs):
    est = fit_cfa(hs, HS_MODEL, meanstructure=True).estimates
    assert len(est) == 36  # the rows of lavaan's parameterEstimates()
    assert list(est.columns[:8]) == ["group", "lhs", "op", "rhs", "est", "se", "z", "p_val"]
    free = est[est["free"]]
    np.testing.assert_allclose(free["est"], HS_FREE_EST, atol=EST_ATOL)
    np.testing.assert_allclose(free["se"], HS_FREE_SE, atol=EST_ATOL)
    row = est[(est["lhs"] == "visual") & (est["rhs"] == "textual")].iloc[0]
    assert (row["op"], row["z"]) == ("~~", pytest.approx(5.55237876324, abs=1e-3))
    fixed = est[~est["free"]]
    assert fixed["se"].isna().all() and set(fixed["est"]) == {0.0, 1.0}


# --- meanstructure= (tests/reference/cfa_meanstructure.R) ----------------------------------
# lavaan's fitMeasures: npar, aic, bic, srmr; chi2 85.3055217700 on 24 df either way.
MEANSTRUCTURE = {
    None: (21, 7517.48985325, 7595.33916881, 0.0652050571844),
    True: (30, 7535.48985325, 7646.70316119, 0.0595238011388),
}


@pytest.mark.parametrize("meanstructure", [None, True])
@pytest.mark.parametrize("estimator", ["ML", "MLR"])
def test_meanstructure_counts_as_lavaan(hs, meanstructure, estimator):
    result = fit_cfa(hs, HS_MODEL, estimator=estimator, meanstructure=meanstructure)
    fit = result.fit.iloc[0]
    n_par, aic, bic, srmr = MEANSTRUCTURE[meanstructure]
    assert fit["n_par"] == n_par
    assert (fit["aic"], fit["bic"]) == (pytest.approx(aic, rel=1e-7), pytest.approx(bic, rel=1e-7))
    assert fit["srmr"] == pytest.approx(srmr, rel=1e-5)
    assert (fit["chi2"], fit["df"]) == (pytest.approx(85.3055217700, rel=1e-6), 24)
    est = result.estimates
    assert (len(est), int((est["op"] == "~1").sum())) == ((24, 0) if n_par == 21 else (36, 12))
    x2 = est[(est["lhs"] == "visual") & (est["rhs"] == "x2")].iloc[0]
    se = 0.0996651187683 if estimator == "ML" else 0.132077906462
    assert (x2["est"], x2["se"]) == (
        pytest.approx(0.553500293764, abs=1e-5),
        pytest.approx(se, abs=1e-5),
    )
    if estimator == "MLR":  # the scaled test does not depend on the saturated means
        assert fit["chi2_scaled"] == pytest.approx(87.1316033666, rel=1e-5)
        assert fit["cfi_robust"] == pytest.approx(0.929863935696, abs=1e-6)
        assert fit["rmsea_robust"] == pytest.approx(0.0924986213716, abs=1e-6)
    assert result.vcov.shape == (len(est), len(est))
    assert len(result.standardized()) == len(est)


def test_meanstructure_false_is_the_default_for_one_group(hs):
    default, explicit = fit_cfa(hs, HS_MODEL), fit_cfa(hs, HS_MODEL, meanstructure=False)
    pd.testing.assert_frame_equal(default.estimates, explicit.estimates)
    pd.testing.assert_frame_equal(default.fit, explicit.fit)


def test_fiml_keeps_its_mean_structure_as_lavaan(mcar):
    # lavaan: "missing argument forces meanstructure = TRUE"; npar 30, aic, srmr as below
    with pytest.warns(UserWarning, match=r"nan_policy='fiml' needs the means.*meanstructure"):
        result = fit_cfa(mcar, HS_MODEL, nan_policy="fiml", meanstructure=False)
    fit = result.fit.iloc[0]
    assert fit["n_par"] == 30 and (result.estimates["op"] == "~1").sum() == 12
    assert fit["aic"] == pytest.approx(6896.35043205, rel=1e-6)
    assert fit["srmr"] == pytest.approx(0.0536325583306, rel=1e-4)


def test_groups_keep_their_mean_structure(hs):
    result = fit_cfa(hs, HS_MODEL, group="school")  # lavaan: npar 60, aic 7484.39502415
    assert result.fit["n_par"].iloc[0] == 60
    assert result.fit["aic"].iloc[0] == pytest.approx(7484.39502415, rel=1e-7)
    with pytest.raises(ArgumentError, match=r"meanstructure=False.*not supported with `group`"):
        fit_cfa(hs, HS_MODEL, group="school", meanstructure=False)


def test_meanstructure_refuses_what_it_cannot_do(hs):
    with pytest.raises(ArgumentError, match=r"not possible for ordered items.*thresholds"):
        fit_cfa(hs, "f =~ x1 + x2 + x3", ordered=True, meanstructure=False)
    with pytest.raises(ArgumentError, match=r"`meanstructure` must be True, False or None"):
        fit_cfa(hs, HS_MODEL, meanstructure="yes")


def test_model_forms_are_equivalent(hs):
    mapping = {
        "visual": ["x1", "x2", "x3"],
        "textual": ["x4", "x5", "x6"],
        "speed": ["x7", "x8", "x9"],
    }
    text = "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6 # comment\nspeed =~ x7 + x8 + x9"
    a, b = fit_cfa(hs, mapping), fit_cfa(hs, text)
    pd.testing.assert_frame_equal(a.estimates, b.estimates)
    assert parse_model(["q1", "q2"]).to_lavaan() == "factor =~ q1 + q2"


# --- multigroup by school: configural / metric / scalar / strict --------------------------

HS_LADDER = {
    "configural": [
        115.851343876,
        48,
        0.923398380409,
        0.885097570613,
        0.0969148567676,
        0.0745052867747,
        0.119582825882,
        0.0678640117525,
        -3682.19751207,
    ],
    "metric": [
        124.043544180,
        54,
        0.920923468577,
        0.894564624769,
        0.0928365358683,
        0.0713961317994,
        0.114411102325,
        0.0716515837898,
        -3686.29361223,
    ],
    "scalar": [
        164.102830925,
        60,
        0.882471812681,
        0.858966175217,
        0.107371098089,
        0.0879038594942,
        0.127194379752,
        0.0824470585788,
        -3706.32325560,
    ],
    # group.partial = c("x3~1", "x7~1"), then + residuals (strict on the partial model)
    "partial_scalar": [
        129.422480331,
        58,
        0.919366701437,
        0.899903491440,
        0.0904555497262,
        0.0695747426605,
        0.111398850836,
        0.0729888429673,
        -3688.98308030,
    ],
    "strict": [
        147.260454107,
        67,
        0.909388960888,
        0.902626943043,
        0.0892164945152,
        0.0696946100003,
        0.108763372281,
        0.0789921978440,
        -3697.90206719,
    ],
}
HS_STRICT_FULL = [
    181.511345230,
    69,
    0.872978915748,
    0.867456259911,
    0.104089126333,
    0.0857749840962,
    0.122681365945,
    0.0882626495432,
    -3715.02751275,
]


def test_multigroup_levels_match_lavaan(hs):
    for equal, level in [
        ((), "configural"),
        (("loadings",), "metric"),
        (("loadings", "intercepts"), "scalar"),
    ]:
        result = fit_cfa(hs, HS_MODEL, group="school", equal=equal)
        np.testing.assert_allclose(fit_values(result.fit), HS_LADDER[level], rtol=1e-5)
    strict = fit_cfa(hs, HS_MODEL, group="school", equal=["loadings", "intercepts", "residuals"])
    np.testing.assert_allclose(fit_values(strict.fit), HS_STRICT_FULL, rtol=1e-5)
    assert strict.groups == ("Pasteur", "Grant-White")  # lavaan's order of appearance


HS_OTHER_EQUALITIES = {
    ("loadings", "intercepts", "means"): [
        204.605279196,
        63,
        0.840132956704,
        0.817294807662,
        0.122208439236,
        0.103757416033,
        0.141093268471,
        0.108776686806,
        -3726.57447973,
    ],
    ("loadings", "lv.variances", "lv.covariances"): [
        129.561284478,
        60,
        0.921467921672,
        0.905761506007,
        0.0877687516308,
        0.0670050974546,
        0.108512662289,
        0.0820273756328,
        -3689.05248238,
    ],
}


@pytest.mark.parametrize("equal", list(HS_OTHER_EQUALITIES))
def test_other_group_equal_options_match_lavaan(hs, equal):
    result = fit_cfa(hs, HS_MODEL, group="school", equal=equal)
    np.testing.assert_allclose(fit_values(result.fit), HS_OTHER_EQUALITIES[equal], rtol=1e-5)


def test_scalar_estimates_match_lavaan(hs):
    est = fit_cfa(hs, HS_MODEL, group="school", equal=["loadings", "intercepts"]).estimates
    means = est[(est["op"] == "~1") & est["lhs"].isin(["visual", "textual", "speed"])]
    np.testing.assert_allclose(
        means["est"], [0, 0, 0, -0.147699057981, 0.576363152284, -0.177350248767], atol=EST_ATOL
    )
    np.testing.assert_allclose(
        means["se"].iloc[3:], [0.1219681384787, 0.1171902819183, 0.0901352009569], atol=EST_ATOL
    )
    x3 = est[(est["lhs"] == "x3") & (est["op"] == "~1")]
    np.testing.assert_allclose(x3["est"], [2.271214972916] * 2, atol=EST_ATOL)
    np.testing.assert_allclose(x3["se"], [0.0829300970024] * 2, atol=EST_ATOL)
    resid = est[(est["lhs"] == "x1") & (est["op"] == "~~")]
    np.testing.assert_allclose(resid["est"], [0.555440900986, 0.653706365806], atol=EST_ATOL)
    np.testing.assert_allclose(resid["se"], [0.1394646018050, 0.1283379230412], atol=EST_ATOL)


# lavTestScore(scalar)$uni: 6 loading then 9 intercept constraints
HS_SCORE = [
    0.30565816880447,
    1.63648006240176,
    2.74351264133275,
    2.62728852468204,
    0.02655009313600,
    0.00364883871201,
    5.84725828991207,
    6.86326555824096,
    19.19250034232592,
    2.13879582663116,
    1.56273487764117,
    0.03249302495311,
    15.02144586066035,
    4.70954190625793,
    1.49790258425950,
]


def test_ladder_matches_lavaan_and_compare_fit(hs_ladder):
    assert isinstance(hs_ladder, InvarianceResult)
    ladder = hs_ladder.ladder.set_index("level")
    assert list(ladder.index) == ["configural", "metric", "scalar", "partial_scalar", "strict"]
    for level, values in HS_LADDER.items():
        np.testing.assert_allclose(fit_values(ladder.loc[[level]]), values, rtol=1e-5)
    # lavTestLRT(configural, metric, scalar): Chisq diff, Df diff, Pr(>Chisq)
    np.testing.assert_allclose(
        ladder.loc[["metric", "scalar"], "chi2_diff"], [8.19220030443, 40.05928674519], rtol=1e-5
    )
    np.testing.assert_allclose(
        ladder.loc[["metric", "scalar"], "p_diff"],
        [2.24357746848e-01, 4.43456618042e-07],
        rtol=1e-4,
    )
    # semTools::compareFit differences (from the fit measures above)
    np.testing.assert_allclose(
        ladder.loc[["metric", "scalar"], "delta_cfi"],
        [0.920923468577 - 0.923398380409, 0.882471812681 - 0.920923468577],
        atol=1e-7,
    )
    np.testing.assert_allclose(
        ladder.loc[["metric", "scalar"], "delta_rmsea"],
        [0.0928365358683 - 0.0969148567676, 0.107371098089 - 0.0928365358683],
        atol=1e-7,
    )
    assert ladder.loc["partial_scalar", "compared_with"] == "metric"
    assert ladder.loc["strict", "compared_with"] == "partial_scalar"


def test_score_tests_match_lav_test_score(hs_ladder):
    scores = hs_ladder.score_tests
    assert list(scores["kind"]) == ["loading"] * 6 + ["intercept"] * 9
    np.testing.assert_allclose(scores["chi2"], HS_SCORE, atol=1e-4)
    best = scores.loc[scores["chi2"].idxmax()]
    assert (best["lhs"], best["group"]) == ("x3", "Grant-White")


def test_partial_invariance_frees_x3_then_x7(hs_ladder):
    freed = hs_ladder.freed
    assert list(zip(freed["item"], freed["group"], strict=True)) == [
        ("x3", "Grant-White"),
        ("x7", "Grant-White"),
    ]
    # the second step's score statistic is lavTestScore() on the model with x3 free
    np.testing.assert_allclose(freed["chi2"], [19.19250034232592, 15.0233954968458], rtol=1e-5)
    assert list(freed["invariant"]) == [False, True]
    assert hs_ladder.comparable_means
    assert hs_ladder.verdict["level"].iloc[0] == "partial_scalar"
    assert "x3 in Grant-White" in hs_ladder.reason
    means = hs_ladder.latent_means
    np.testing.assert_allclose(
        means["est"].iloc[3:], [0.0508171507924, 0.5763200385014, -0.0714642125550], atol=EST_ATOL
    )
    np.testing.assert_allclose(
        means["se"].iloc[3:], [0.129423315494, 0.117184400483, 0.089293890688], atol=EST_ATOL
    )


# --- decision rules on HolzingerSwineford1939 by school (cfa_invariance_chen.R) ---------

# chisq, df, cfi, rmsea, srmr by level; partial_x3 frees x3~1, partial_x3_x7 x3~1 and x7~1
HS_RULE_FIT = {
    "configural": [115.851343876, 48, 0.923398380409, 0.0969148567676, 0.0678640117525],
    "metric": [124.043544180, 54, 0.920923468577, 0.0928365358683, 0.0716515837898],
    "scalar": [164.102830925, 60, 0.882471812681, 0.1073710980893, 0.0824470585788],
    "partial_x3": [144.578998777, 59, 0.903384523653, 0.0981723856639, 0.0772523305504],
    "partial_x3_x7": [129.422480331, 58, 0.919366701437, 0.0904555497262, 0.0729888429673],
}
# delta_cfi, delta_rmsea, delta_srmr against metric (configural for metric), lavTestLRT p
HS_RULE_CHANGES = {
    "metric": [-0.00247491183219, -0.00407832089931, 0.00378757203729, 2.24357746848e-01],
    "scalar": [-0.03845165589619, 0.01453456222096, 0.01079547478899, 4.43456618042e-07],
    "partial_x3": [-0.01753894492334, 0.00533584979557, 0.00560074676055, 9.91171315025e-04],
    "partial_x3_x7": [-0.00155676713932, -0.00238098614212, 0.00133725917751, 2.50577811751e-01],
}
RULE_FIT = ["chi2", "df", "cfi", "rmsea", "srmr"]
CHANGES = ["delta_cfi", "delta_rmsea", "delta_srmr", "p_diff"]


def test_chen_rule_on_hs_matches_lavaan_and_frees_x3(hs):
    # 301 pupils in groups of 156 and 145: Chen's regular cut-offs
    result = measurement_invariance(hs, HS_MODEL, group="school")
    assert result.rule.startswith(
        "chen2007 (regular cut-offs; total n = 301 > 300, groups of similar size "
        "(largest/smallest = 1.076 < 1.5: Pasteur 156, Grant-White 145))"
    )
    assert result.verdict["rule"].iloc[0] == result.rule
    ladder = result.ladder.set_index("level")
    assert list(ladder.index) == ["configural", "metric", "scalar", "partial_scalar"]
    for level in ["configural", "metric", "scalar"]:
        np.testing.assert_allclose(ladder.loc[level, RULE_FIT], HS_RULE_FIT[level], rtol=1e-5)
    np.testing.assert_allclose(
        ladder.loc["partial_scalar", RULE_FIT], HS_RULE_FIT["partial_x3"], rtol=1e-5
    )
    for level, theirs in [("metric",) * 2, ("scalar",) * 2, ("partial_scalar", "partial_x3")]:
        np.testing.assert_allclose(
            ladder.loc[level, CHANGES], HS_RULE_CHANGES[theirs], rtol=1e-4, atol=1e-6
        )
    # R: invariant_regular = TRUE, FALSE, TRUE (x3 alone)
    assert list(ladder["invariant"].iloc[1:]) == [True, False, True]
    scalar = ladder.loc["scalar"]
    cutoffs = ["delta_cfi_cutoff", "delta_rmsea_cutoff", "delta_srmr_cutoff"]
    assert list(scalar[cutoffs]) == [-0.010, 0.015, 0.010]
    assert ladder.loc["metric", "delta_srmr_cutoff"] == 0.030
    assert np.isnan(scalar["p_diff_cutoff"]) and scalar["p_diff_past_cutoff"] is pd.NA
    flags = ["delta_cfi_past_cutoff", "delta_rmsea_past_cutoff", "delta_srmr_past_cutoff"]
    assert list(scalar[flags]) == [True, False, True]  # delta RMSEA 0.01453 < 0.015
    assert scalar["reason"] == (
        "delta CFI = -0.0385 <= -0.010, supplemented by delta SRMR = 0.0108 >= 0.010 (intercepts)"
    )
    assert list(result.freed["item"]) == ["x3"]
    assert ladder.loc["partial_scalar", "reason"] == (
        "delta CFI = -0.0175 <= -0.010, but not supplemented: delta RMSEA = 0.0053 < 0.015 "
        "and delta SRMR = 0.0056 < 0.010 (intercepts)"
    )
    assert result.comparable_means and result.verdict["level"].iloc[0] == "partial_scalar"
    assert result.reason.startswith(
        "scalar invariance fails (delta CFI = -0.0385 <= -0.010, supplemented by delta SRMR"
    )


def test_chen_small_sample_cutoffs_free_x3_then_x7_on_hs(hs):
    # R: invariant_small = TRUE, FALSE, FALSE (x3 alone), TRUE (x3 and x7)
    result = measurement_invariance(hs, HS_MODEL, group="school", small_sample=True)
    assert result.rule.startswith("chen2007 (small-sample cut-offs; chosen by the caller")
    ladder = result.ladder.set_index("level")
    assert list(ladder["invariant"].iloc[1:]) == [True, False, True]
    cutoffs = ["delta_cfi_cutoff", "delta_rmsea_cutoff", "delta_srmr_cutoff"]
    assert list(ladder.loc["scalar", cutoffs]) == [-0.005, 0.010, 0.005]
    assert ladder.loc["metric", "delta_srmr_cutoff"] == 0.025
    assert ladder.loc["scalar", "reason"] == (
        "delta CFI = -0.0385 <= -0.005, supplemented by delta RMSEA = 0.0145 >= 0.010 and "
        "delta SRMR = 0.0108 >= 0.005 (intercepts)"
    )
    np.testing.assert_allclose(
        ladder.loc["partial_scalar", RULE_FIT], HS_RULE_FIT["partial_x3_x7"], rtol=1e-5
    )
    freed = result.freed
    assert list(zip(freed["item"], freed["group"], strict=True)) == [
        ("x3", "Grant-White"),
        ("x7", "Grant-White"),
    ]
    np.testing.assert_allclose(
        freed.loc[0, ["cfi", "rmsea", "srmr"]], HS_RULE_FIT["partial_x3"][2:], rtol=1e-5
    )
    np.testing.assert_allclose(
        freed.loc[0, CHANGES[:3]], HS_RULE_CHANGES["partial_x3"][:3], rtol=1e-4, atol=1e-6
    )
    assert list(freed["invariant"]) == [False, True]
    assert freed["reason"].iloc[0] == (
        "delta CFI = -0.0175 <= -0.005, supplemented by delta SRMR = 0.0056 >= 0.005 (intercepts)"
    )
    # the speed difference of the scalar and x3-only models (-0.177, p = .049) is gone
    speed = result.latent_means.set_index(["group", "factor"]).loc[("Grant-White", "speed")]
    np.testing.assert_allclose(speed[["est", "se"]], [-0.0714642125550, 0.089293890688], atol=1e-5)


@pytest.mark.parametrize(
    ("rule", "cutoff", "used"),
    [("cheung_rensvold", -0.010, "delta_cfi"), ("chisq", 0.05, "p_diff")],
)
def test_single_criterion_rules_on_hs(hs, rule, cutoff, used):
    result = measurement_invariance(hs, HS_MODEL, group="school", rule=rule)
    ladder = result.ladder.set_index("level")
    assert list(ladder["invariant"].iloc[1:]) == [True, False, True]
    assert list(result.freed["item"]) == ["x3", "x7"]
    assert (ladder.loc["metric", f"{used}_cutoff"]) == cutoff
    others = [c for c in CHANGES if c != used]
    assert ladder.loc["scalar", [f"{c}_cutoff" for c in others]].isna().all()
    assert ladder.loc["scalar", [f"{c}_past_cutoff" for c in others]].isna().all()
    np.testing.assert_allclose(
        ladder.loc["partial_scalar", CHANGES], HS_RULE_CHANGES["partial_x3_x7"], rtol=1e-4
    )
    assert result.rule.startswith(rule)


def two_groups(rng, sizes):
    parts = []
    for label, n in zip(["FI", "EE"], sizes, strict=True):
        f = rng.normal(size=n)
        part = pd.DataFrame({f"q{j}": f + rng.normal(size=n) for j in range(1, 5)})
        parts.append(part.assign(country=label))
    return pd.concat(parts, ignore_index=True)


@pytest.mark.parametrize(
    ("sizes", "small", "basis"),
    [
        ((160, 160), False, "320 > 300, groups of similar size (largest/smallest = 1.000 < 1.5"),
        ((160, 107), True, "267 <= 300, groups of similar size (largest/smallest = 1.495 < 1.5"),
        ((240, 160), True, "400 > 300, groups of unequal size (largest/smallest = 1.500 >= 1.5"),
    ],
)
def test_chen_cutoffs_chosen_from_group_sizes(rng, sizes, small, basis):
    items = ["q1", "q2", "q3", "q4"]
    result = measurement_invariance(two_groups(rng, sizes), items, group="country")
    assert basis in result.rule
    assert ("small-sample" in result.rule) == small
    cutoff = result.ladder.set_index("level").loc["scalar", "delta_cfi_cutoff"]
    assert cutoff == (-0.005 if small else -0.010)


# --- four groups (Likert, simulated in R with a shifted q4 intercept in LV) ---------------

FOUR_LADDER = [
    [
        34.7078456978,
        20,
        0.971415245097,
        0.942830490194,
        0.0958770231137,
        0.0366040422708,
        0.148138566285,
        0.0374544843129,
        -1592.36054340,
    ],
    [
        45.1495495201,
        32,
        0.974443799735,
        0.968054749669,
        0.0716696782558,
        0.0,
        0.116964929830,
        0.0680052388791,
        -1597.58139531,
    ],
    [
        117.993375984164,
        44,
        0.856193588075,
        0.869266898250,
        0.144985673258,
        0.113720253154,
        0.176881526949,
        0.103157742716,
        -1634.003308540737,
    ],
]
FOUR_SCORE = [
    0.04143101390077,
    0.03869452910134,
    0.00786675459525,
    2.37677291828678,
    0.08069429755918,
    2.23981521575558,
    0.07608932228422,
    3.45312624291609,
    0.04171314424073,
    0.82587909772713,
    0.19962715921459,
    4.18896339640608,
    1.25817671509341,
    7.51397963505742,
    1.12173415068850,
    1.67394463688031,
    6.88775131571466,
    0.58694374734925,
    0.42957897415435,
    0.78979270176628,
    0.18652492422164,
    7.20973016966577,
    47.12102057264568,
    0.13378902117980,
    0.99256282663964,
    0.01284685947871,
    5.67968638042105,
]
FOUR_PARTIAL = [
    57.0003301637,
    43,
    0.972790304269,
    0.974688655134,
    0.0637954811855,
    0.0,
    0.104731385137,
    0.0765159982406,
    -1603.50678563,
]


def test_four_groups_ladder_and_score_tests_match_lavaan(four):
    items = ["q1", "q2", "q3", "q4", "q5"]
    result = measurement_invariance(four, items, group="country")
    for row, values in enumerate(FOUR_LADDER):
        np.testing.assert_allclose(fit_values(result.ladder, row), values, rtol=1e-5, atol=1e-9)
    scores = result.score_tests
    np.testing.assert_allclose(scores["chi2"], FOUR_SCORE, atol=1e-4)
    assert list(scores["group"].iloc[:3]) == ["EE", "LV", "NL"]  # group 1 vs group k
    assert list(zip(result.freed["item"], result.freed["group"], strict=True)) == [("q4", "LV")]
    np.testing.assert_allclose(fit_values(result.ladder, 3), FOUR_PARTIAL, rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(
        result.latent_means["est"],
        [0, 0.312652525917, -0.325773181445, 0.354926445424],
        atol=EST_ATOL,
    )
    np.testing.assert_allclose(
        result.latent_means["se"].iloc[1:],
        [0.1061313546597, 0.1031842966630, 0.0962145440331],
        atol=EST_ATOL,
    )


def test_fit_cfa_partial_in_one_group_matches_lavaan_labels(four):
    result = fit_cfa(
        four,
        ["q1", "q2", "q3", "q4", "q5"],
        group="country",
        equal=["loadings", "intercepts"],
        partial=[("q4", "LV")],
    )
    np.testing.assert_allclose(fit_values(result.fit), FOUR_PARTIAL, rtol=1e-5, atol=1e-9)
    q4 = result.estimates.query("lhs == 'q4' and op == '~1'")
    np.testing.assert_allclose(
        q4["est"], [3.116468972395] * 2 + [3.850323115740, 3.116468972395], atol=EST_ATOL
    )
    assert result.partial == (("q4", "LV"),)


def test_weak_marker_item_reaches_lavaans_solution():
    # lavaan: configural does not converge; metric 38.5490076011 with a negative latent
    # variance (cfa_weak_marker.R). Plain scoring steps crawl off to a worse point here.
    data = pd.read_csv(DATA / "cfa_weak_marker.csv")
    items = ["q0", "q1", "q2", "q3", "q4"]
    with pytest.warns(RuntimeWarning, match="did not converge"):
        assert not fit_cfa(data, items, group="country", max_iter=20).converged
    with pytest.warns(RuntimeWarning, match=r"Heywood case: negative variance f ~~ f"):
        result = fit_cfa(data, {"f": items}, group="country", equal=["loadings"])
    assert result.converged and not result.fit["admissible"].iloc[0]
    assert result.fit["chi2"].iloc[0] == pytest.approx(38.5490076011086, rel=1e-6)


# --- planted truth ------------------------------------------------------------------------


def planted_data(rng, n=300, shifted=("q3", "LV")):
    countries = ["FI", "EE", "LV", "NL"]
    loadings = np.array([1.0, 0.8, 0.9, 0.7, 0.85])
    intercepts = np.array([3.0, 3.2, 2.8, 3.1, 3.4])
    parts = []
    for k, country in enumerate(countries):
        eta = rng.normal([0.0, 0.2, -0.1, 0.3][k], np.sqrt(0.6), size=n)
        nu = intercepts.copy()
        if country == shifted[1]:
            j = int(shifted[0][1:]) - 1
            nu[j] += 0.5 * np.sqrt(loadings[j] ** 2 * 0.6 + 0.5)  # 0.5 SD of the item
        x = nu + eta[:, None] * loadings + rng.normal(0, np.sqrt(0.5), size=(n, 5))
        parts.append(pd.DataFrame(x, columns=[f"q{j}" for j in range(1, 6)]))
        parts[-1]["country"] = country
    return pd.concat(parts, ignore_index=True)


def test_planted_intercept_shift_is_found_and_freed(rng):
    data = planted_data(rng)
    result = measurement_invariance(data, [f"q{j}" for j in range(1, 6)], group="country")
    ladder = result.ladder.set_index("level")
    assert ladder.loc["configural", "converged"]
    assert ladder.loc["metric", "invariant"]
    assert not ladder.loc["scalar", "invariant"]
    assert ladder.loc["partial_scalar", "invariant"]
    assert list(zip(result.freed["item"], result.freed["group"], strict=True)) == [("q3", "LV")]
    assert result.comparable_means and result.verdict["comparable_means"].iloc[0]
    means = result.latent_means.set_index("group")["est"]
    np.testing.assert_allclose(means.to_numpy(), [0.0, 0.2, -0.1, 0.3], atol=0.12)


def test_metric_failure_means_no_comparison(rng):
    parts = []
    for country, loading in [("FI", 1.0), ("NL", 0.1)]:
        eta = rng.normal(size=250)
        values = 3 + eta[:, None] * np.array([1, loading, 1, 1])
        values = values + rng.normal(scale=0.6, size=(250, 4))
        parts.append(pd.DataFrame(values, columns=["q1", "q2", "q3", "q4"]))
        parts[-1]["country"] = country
    data = pd.concat(parts, ignore_index=True)
    result = measurement_invariance(data, ["q1", "q2", "q3", "q4"], group="country")
    assert not result.ladder["invariant"].iloc[1]
    assert not result.comparable_means and result.freed.empty
    assert result.verdict["level"].iloc[0] == "configural"
    assert result.reason.startswith("metric invariance fails (delta CFI = -0.")


# --- bad input ----------------------------------------------------------------------------


def small_frame(rng, n=40):
    f = rng.normal(size=n)
    frame = pd.DataFrame({f"q{j}": f + rng.normal(size=n) for j in range(1, 5)})
    frame["country"] = np.repeat(["FI", "EE"], n // 2)
    return frame


def test_items_not_in_data(rng):
    with pytest.raises(KeyError, match=r"`items` names columns that `data` lacks: 'q9'"):
        fit_cfa(small_frame(rng), ["q1", "q2", "q9"])


@pytest.mark.parametrize(
    ("model", "message"),
    [
        ({"care": []}, r"`model` factor 'care' has no items"),
        ({"care": ["q1"]}, r"`model` factor 'care' has one item \('q1'\)"),
        ("care =~ q1 + q2\ncare ~ q3", r"`model` statement 2 \('care ~ q3'\)"),
        ("care =~ 1*q1 + q2", r"Modifiers such as 1\*x1"),
        ({"care": "q1 + q2"}, r"`model` must map each factor to a list of items"),
        ({"care": ["q1", "q1"]}, r"lists \['q1'\] more than once"),
        (42, r"`model` must be a mapping"),
    ],
)
def test_bad_models(rng, model, message):
    with pytest.raises((ValueError, TypeError), match=message):
        fit_cfa(small_frame(rng), model)


def test_bad_arguments(rng):
    frame = small_frame(rng)
    with pytest.raises(ValueError, match=r"`equal` must be one of 'loadings'"):
        fit_cfa(frame, ["q1", "q2", "q3"], group="country", equal=["slopes"])
    with pytest.raises(
        ValueError, match=r"`nan_policy` must be one of 'listwise', 'fiml', 'raise'"
    ):
        fit_cfa(frame, ["q1", "q2", "q3"], nan_policy="pairwise")
    items = ["q1", "q2", "q3"]
    with pytest.raises(ArgumentError, match=r"`rule` must be one of 'chen2007', 'cheung_"):
        measurement_invariance(frame, items, group="country", rule="both")
    with pytest.raises(ArgumentError, match=r"`small_sample` must be None \(chosen from"):
        measurement_invariance(frame, items, group="country", small_sample="auto")
    with pytest.raises(ArgumentError, match=r"`significance` must lie between 0 and 1; got 5"):
        measurement_invariance(frame, items, group="country", rule="chisq", significance=5)
    with pytest.raises(ValueError, match=r"`partial` names group 'FI'"):
        fit_cfa(
            frame,
            ["q1", "q2", "q3"],
            group="country",
            equal=["loadings", "intercepts"],
            partial=[("q1", "FI")],
        )
    with pytest.raises(ValueError, match=r"`model` is not identified"):
        fit_cfa(frame, {"a": ["q1", "q2"]})


@pytest.mark.parametrize(
    ("removed", "message"),
    [
        ({"criteria": "cfi"}, r"`criteria` was removed: use `rule=\"chen2007\"`.*criteria=\"cfi\""),
        ({"delta_rmsea": 0.014}, r"`delta_rmsea` was removed: the cut-offs now come with `rule`"),
    ],
)
def test_removed_arguments_name_their_replacement(rng, removed, message):
    with pytest.raises(ArgumentError, match=message):
        measurement_invariance(small_frame(rng), ["q1", "q2", "q3"], group="country", **removed)


def test_unknown_keyword_is_a_type_error(rng):
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'criterion'"):
        measurement_invariance(small_frame(rng), ["q1", "q2", "q3"], group="country", criterion=1)


def test_single_level_group_is_an_error(rng):
    frame = small_frame(rng).assign(country="FI")
    with pytest.raises(ValueError, match=r"`group` column 'country' has 1 level\(s\) \('FI'\)"):
        measurement_invariance(frame, ["q1", "q2", "q3"], group="country")


def test_group_of_one_gives_nan_row_and_warning(rng):
    frame = small_frame(rng)
    frame.loc[0, "country"] = "LV"
    with pytest.warns(RuntimeWarning, match=r"group 'LV' has 1 respondent"):
        result = measurement_invariance(frame, ["q1", "q2", "q3", "q4"], group="country")
    assert result.ladder[["chi2", "cfi", "rmsea"]].isna().all().all()
    assert not result.ladder["converged"].any()
    assert not result.comparable_means
    assert "could not be fitted" in result.reason
    assert result.latent_means["est"].isna().all()


def test_zero_variance_item_gives_nan_row_and_warning(rng):
    frame = small_frame(rng)
    frame.loc[frame["country"] == "EE", "q2"] = 3.0
    with pytest.warns(RuntimeWarning, match=r"item\(s\) \['q2'\] have zero variance in group"):
        result = fit_cfa(frame, ["q1", "q2", "q3", "q4"], group="country")
    assert np.isnan(result.fit["chi2"].iloc[0]) and not result.converged
    assert result.estimates["est"].isna().all()


def test_non_convergence_is_reported_with_gradient(hs):
    with pytest.warns(
        RuntimeWarning,
        match=r"did not converge: no convergence within 2 iterations \(best of 4 attempts\) "
        r"\(max \|gradient\| = ",
    ):
        result = fit_cfa(hs, HS_MODEL, max_iter=2)
    fit = result.fit.iloc[0]
    assert not fit["converged"] and fit["n_iter"] == 8 and fit["grad_norm"] > 1e-6
    assert np.isnan(fit["chi2"]) and result.estimates["est"].isna().all()


def test_heywood_case_is_flagged(rng):
    # exact covariance with r12 r13 / r23 = 1.2 > 1: the just-identified solution has a
    # negative residual variance of q1
    target = np.array([[1.0, 0.8, 0.6], [0.8, 1.0, 0.4], [0.6, 0.4, 1.0]])
    raw = rng.normal(size=(200, 3))
    raw -= raw.mean(axis=0)
    whitened = raw @ np.linalg.inv(np.linalg.cholesky(np.cov(raw.T, bias=True)).T)
    frame = pd.DataFrame(whitened @ np.linalg.cholesky(target).T, columns=["q1", "q2", "q3"])
    with pytest.warns(RuntimeWarning, match=r"Heywood case: negative variance q1 ~~ q1"):
        result = fit_cfa(frame, ["q1", "q2", "q3"])
    fit = result.fit.iloc[0]
    assert fit["converged"] and not fit["admissible"]
    q1 = result.estimates.query("lhs == 'q1' and op == '~~'")["est"].iloc[0]
    assert q1 == pytest.approx(-0.2, abs=1e-6)


def test_missing_values_listwise_and_raise(rng):
    frame = small_frame(rng)
    frame.loc[3, "q2"] = np.nan
    frame.loc[5, "country"] = np.nan  # never a category
    result = fit_cfa(frame, ["q1", "q2", "q3", "q4"], group="country")
    assert result.fit["n"].iloc[0] == 38 and result.groups == ("FI", "EE")
    with pytest.raises(ValueError, match=r"`data` has missing values \(first at row 3"):
        fit_cfa(frame, ["q1", "q2", "q3", "q4"], nan_policy="raise")


def test_categorical_group_sets_the_reference_group(rng):
    frame = small_frame(rng)
    frame["country"] = pd.Categorical(frame["country"], categories=["EE", "FI", "NL"])
    result = fit_cfa(frame, ["q1", "q2", "q3", "q4"], group="country")
    assert result.groups == ("EE", "FI")


def test_result_is_frozen(hs):
    result = fit_cfa(hs, HS_MODEL)
    with pytest.raises(AttributeError):
        result.fit = None
    assert set(result.tables()) == {"estimates", "fit"}
    assert "<h4>CfaResult</h4>" in result._repr_html_()


# --- summary(): lavaan's layout -------------------------------------------------------------


def test_summary_reads_as_lavaan_summary(hs):
    text = fit_cfa(hs, HS_MODEL).summary()
    lines = text.splitlines()
    assert lines[0].startswith("CFA (ML) ended normally after")
    for label, value in [
        ("Number of model parameters", "21"),
        ("Number of observations", "301"),
        ("Test statistic", "85.306"),  # lavaan: 85.306 on 24 df, AIC 7517.490
        ("Degrees of freedom", "24"),
        ("Akaike (AIC)", "7517.490"),
        ("Bayesian (BIC)", "7595.339"),
        ("RMSEA", "0.092"),
        ("SRMR", "0.065"),
    ]:
        assert any(line.split() and line.startswith(f"  {label} ") and line.endswith(f" {value}")
                   for line in lines), label  # fmt: skip
    blocks = [line for line in lines if line.endswith(":") and not line.startswith(" ")]
    assert blocks[-3:] == ["Latent Variables:", "Covariances:", "Variances:"]
    assert "    x2                  0.554    0.100    5.554    0.000" in lines
    assert "    textual             0.408    0.074    5.552    0.000" in lines
    assert "   .x1                  0.549    0.114    4.833    0.000" in lines
    assert str(fit_cfa(hs, HS_MODEL)) == text


def test_summary_of_groups_robust_and_mean_structure(hs):
    text = fit_cfa(hs, HS_MODEL, group="school", estimator="MLR").summary()
    assert "Group 1 [Pasteur]:" in text and "Group 2 [Grant-White]:" in text
    assert text.count("Intercepts:") == 2
    assert "Standard      Scaled" in text and "Robust.huber.white" in text
    single = fit_cfa(hs, HS_MODEL, meanstructure=True).summary()
    assert "   .x1                  4.936    0.067   73.473    0.000" in single.splitlines()


def test_ladder_summary_shows_the_comparison_and_the_verdict(hs_ladder):
    text = hs_ladder.summary()
    assert text.startswith("Measurement invariance")
    for part in ["Nested Model Comparison", "Differences in Fit Indices", "Verdict:", "x3 ~ 1"]:
        assert part in text
    assert "-0.03845" in text and "40.06" in text  # scalar: delta CFI, chi2 difference
    assert hs_ladder.reason in text


def test_summary_says_how_many_rows_listwise_deletion_dropped(mcar):
    with pytest.warns(UserWarning, match="134 of 301 rows kept"):
        text = fit_cfa(mcar, HS_MODEL).summary()
    lines = text.splitlines()
    assert any(
        line.startswith("  Number of observations ") and line.endswith(" 134") for line in lines
    )
    assert any(line.startswith("  Rows dropped (missing values) ") and line.endswith(" 167")
               for line in lines)  # fmt: skip
    assert "Rows dropped" not in fit_cfa(mcar, HS_MODEL, nan_policy="fiml").summary()
