"""lavaan's everyday extras on HolzingerSwineford1939: standardized solution, R², CIs.

Reference numbers from tests/reference/cfa_extras.R (lavaan 0.6-14).
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from techvet_survey.cfa import fit_cfa
from techvet_survey.errors import ArgumentError

DATA = Path(__file__).parent / "reference" / "data"
HS_MODEL = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9"
KEYS = ["lhs", "op", "rhs"]

# standardizedSolution(fit): lhs, op, rhs, est.std, se, ci.lower, ci.upper
STD_ALL = [
    ("visual", "=~", "x1", 0.7718804204, 0.05497272867, 0.6641358520, 0.8796249887),
    ("visual", "=~", "x2", 0.4236009920, 0.05961911656, 0.3067496707, 0.5404523132),
    ("visual", "=~", "x3", 0.5811323239, 0.05513930816, 0.4730612658, 0.6892033821),
    ("textual", "=~", "x4", 0.8515822224, 0.02254309495, 0.8073985682, 0.8957658766),
    ("textual", "=~", "x5", 0.8550654464, 0.02234124968, 0.8112774016, 0.8988534911),
    ("textual", "=~", "x6", 0.8380100739, 0.02335517803, 0.7922347661, 0.8837853817),
    ("speed", "=~", "x7", 0.5695146840, 0.05315486767, 0.4653330577, 0.6736963102),
    ("speed", "=~", "x8", 0.7230444328, 0.05053057757, 0.6240063206, 0.8220825449),
    ("speed", "=~", "x9", 0.6650092188, 0.05109434015, 0.5648661523, 0.7651522853),
    ("x1", "~~", "x1", 0.4042006167, 0.08486474600, 0.2378687710, 0.5705324624),
    ("x2", "~~", "x2", 0.8205621996, 0.05050943481, 0.7215655265, 0.9195588727),
    ("x3", "~~", "x3", 0.6622852221, 0.06408646820, 0.5366780525, 0.7878923917),
    ("x4", "~~", "x4", 0.2748077185, 0.03839459878, 0.1995556877, 0.3500597493),
    ("x5", "~~", "x5", 0.2688630824, 0.03820646068, 0.1939797955, 0.3437463693),
    ("x6", "~~", "x6", 0.2977391160, 0.03914374770, 0.2210187803, 0.3744594517),
    ("x7", "~~", "x7", 0.6756530247, 0.06054495537, 0.5569870928, 0.7943189567),
    ("x8", "~~", "x8", 0.4772067482, 0.07307170548, 0.3339888372, 0.6204246593),
    ("x9", "~~", "x9", 0.5577627389, 0.06795641669, 0.4245706097, 0.6909548681),
    ("visual", "~~", "visual", 1.0, 0.0, 1.0, 1.0),
    ("textual", "~~", "textual", 1.0, 0.0, 1.0, 1.0),
    ("speed", "~~", "speed", 1.0, 0.0, 1.0, 1.0),
    ("visual", "~~", "textual", 0.4585093004, 0.06377935060, 0.3335040702, 0.5835145305),
    ("visual", "~~", "speed", 0.4705345445, 0.07282669543, 0.3277968443, 0.6132722446),
    ("textual", "~~", "speed", 0.2829847304, 0.06872928149, 0.1482778140, 0.4176916468),
]
# standardizedSolution(fit, type = "std.lv"), the loadings: est.std, se
STD_LV_LOADINGS = [
    (0.8996199092, 0.08084659147),
    (0.4979398840, 0.07745487017),
    (0.6561559619, 0.07442124326),
    (0.9896925648, 0.05663670348),
    (1.1016036134, 0.06267573551),
    (0.9166000443, 0.05365847534),
    (0.6194736873, 0.06958261173),
    (0.7309484974, 0.06590937371),
    (0.6699794742, 0.06501701141),
]
# standardizedSolution(cfa(model, hs, estimator = "MLR")), se of the loadings
MLR_LOADING_SE = [0.07433884379, 0.06779949925, 0.06561111891, 0.02512077797, 0.02119507864,
                  0.02271930377, 0.07045649764, 0.07858013413, 0.08801044299]  # fmt: skip
# lavInspect(fit, "r2")
R2 = [0.5957993833, 0.1794378004, 0.3377147779, 0.7251922815, 0.7311369176,
      0.7022608840, 0.3243469753, 0.5227932518, 0.4422372611]  # fmt: skip
# parameterEstimates(fit): ci.lower, ci.upper of the free loadings and factor (co)variances
CI_FREE = {
    ("visual", "=~", "x2"): (0.35816025046, 0.7488403371),
    ("speed", "=~", "x9"): (0.78524742258, 1.3778128911),
    ("x1", "~~", "x1"): (0.32640025499, 0.7717076914),
    ("visual", "~~", "visual"): (0.52421490145, 1.0944170607),
    ("textual", "~~", "speed"): (0.07683972619, 0.2701496430),
}


@pytest.fixture(scope="module")
def hs_fit():
    return fit_cfa(pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv"), HS_MODEL)


def test_standardized_all_matches_lavaan_standardized_solution(hs_fit):
    table = hs_fit.standardized().set_index(KEYS)
    expected = pd.DataFrame(STD_ALL, columns=[*KEYS, "est_std", "se", "ci_low", "ci_high"])
    got = table.loc[list(map(tuple, expected[KEYS].to_numpy()))]
    for column in ("est_std", "se", "ci_low", "ci_high"):
        np.testing.assert_allclose(got[column], expected[column], atol=1e-3, err_msg=column)


def test_standardized_z_and_p_follow_the_delta_method_se(hs_fit):
    table = hs_fit.standardized()
    loadings = table[table["op"] == "=~"]
    np.testing.assert_allclose(loadings["z"].iloc[0], 14.041151659, atol=1e-2)
    np.testing.assert_allclose(loadings["z"].iloc[3], 37.775745712, atol=1e-2)
    assert (loadings["p_val"] < 1e-11).all()
    fixed = table[(table["op"] == "~~") & (table["lhs"] == "visual") & (table["rhs"] == "visual")]
    assert fixed["se"].iloc[0] == 0.0 and np.isnan(fixed["z"].iloc[0])


def test_standardized_lv_matches_lavaan(hs_fit):
    loadings = hs_fit.standardized("std.lv").query("op == '=~'")
    expected = np.array(STD_LV_LOADINGS)
    np.testing.assert_allclose(loadings["est_std"], expected[:, 0], atol=1e-3)
    np.testing.assert_allclose(loadings["se"], expected[:, 1], atol=1e-3)


def test_standardized_refuses_an_unknown_type(hs_fit):
    with pytest.raises(ArgumentError, match=r"`type` must be one of \['std.all', 'std.lv'\]"):
        hs_fit.standardized("std.nox")


def test_standardized_refuses_ordered_items():
    rng = np.random.default_rng(3)
    f = rng.normal(size=400)
    data = pd.DataFrame({f"q{j}": f + rng.normal(size=400) for j in range(1, 5)})
    likert = data.apply(lambda column: pd.cut(column, 4, labels=False) + 1)
    fit = fit_cfa(likert, "care =~ q1 + q2 + q3 + q4", ordered=True)
    with pytest.raises(ArgumentError, match="refit without `ordered=`"):
        fit.standardized()


def test_r2_matches_lavinspect(hs_fit):
    r2 = hs_fit.r2
    assert list(r2["item"]) == [f"x{j}" for j in range(1, 10)]
    np.testing.assert_allclose(r2["r2"], R2, atol=1e-3)


def test_estimates_carry_lavaan_confidence_limits(hs_fit):
    table = hs_fit.estimates.set_index(KEYS)
    for key, (low, high) in CI_FREE.items():
        np.testing.assert_allclose(table.loc[key, ["ci_low", "ci_high"]], [low, high], atol=1e-3)
    marker = table.loc[("visual", "=~", "x1")]
    assert np.isnan(marker["ci_low"]) and np.isnan(marker["ci_high"])


def test_standardized_se_uses_the_robust_covariance_under_mlr(hs_fit):
    data = pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv")
    robust = fit_cfa(data, HS_MODEL, estimator="MLR").standardized()
    plain = hs_fit.standardized()
    np.testing.assert_allclose(robust["est_std"], plain["est_std"], atol=1e-6)
    np.testing.assert_allclose(robust["se"].iloc[:9], MLR_LOADING_SE, atol=1e-3)
