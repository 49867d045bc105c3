"""lavaan's everyday extras on HolzingerSwineford1939: standardized solution, R², CIs,
modification indices, factor scores, residual covariances (``~~``) in the model syntax,
the listwise-deletion warning.

Reference numbers from tests/reference/cfa_extras.R (lavaan 0.6-14).
"""

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from techvet_survey.cfa import factor_scores, fit_cfa, modification_indices, parse_model
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

# modindices(fit): lhs, op, rhs, mi, epc, sepc.all (all 54 rows, lavaan's order)
MODINDICES = [
    ("visual", "=~", "x4", 1.2114321138, 0.0765535615, 0.0592585114),
    ("visual", "=~", "x5", 7.4406461320, -0.2098980111, -0.1465687509),
    ("visual", "=~", "x6", 2.8429249990, 0.1114119956, 0.0916347875),
    ("visual", "=~", "x7", 18.6306384638, -0.4218623858, -0.3489088012),
    ("visual", "=~", "x8", 4.2945670598, -0.2104085841, -0.1872409004),
    ("visual", "=~", "x9", 36.4110306521, 0.5770215378, 0.5152491098),
    ("textual", "=~", "x1", 8.9027322879, 0.3503311372, 0.2974883843),
    ("textual", "=~", "x2", 0.0172605172, -0.0113542297, -0.0095595630),
    ("textual", "=~", "x3", 9.1508947961, -0.2716376132, -0.2380993264),
    ("textual", "=~", "x7", 0.0979495414, -0.0209894284, -0.0190977842),
    ("textual", "=~", "x8", 3.3586096982, -0.1207721626, -0.1182348105),
    ("textual", "=~", "x9", 4.7960245142, 0.1383933860, 0.1359508136),
    ("speed", "=~", "x1", 0.0138523009, 0.0244010096, 0.0129694520),
    ("speed", "=~", "x2", 1.5800003931, -0.1983315285, -0.1045188632),
    ("speed", "=~", "x3", 0.7163370937, 0.1359998080, 0.0746155102),
    ("speed", "=~", "x4", 0.0032592030, -0.0050637687, -0.0026991251),
    ("speed", "=~", "x5", 0.2008423662, -0.0439538561, -0.0211345911),
    ("speed", "=~", "x6", 0.2729566692, 0.0441204210, 0.0249880219),
    ("x1", "~~", "x2", 3.6060090445, -0.1837637844, -0.2329038717),
    ("x1", "~~", "x3", 0.9346534946, -0.1385243956, -0.2034530317),
    ("x1", "~~", "x4", 3.5544631324, 0.0783031654, 0.1734537187),
    ("x1", "~~", "x5", 0.5222475388, -0.0331627590, -0.0669964134),
    ("x1", "~~", "x6", 0.0481683778, 0.0087009802, 0.0196748795),
    ("x1", "~~", "x7", 5.4195903439, -0.1291126581, -0.1948863861),
    ("x1", "~~", "x8", 0.6335168512, -0.0410596475, -0.0793473848),
    ("x1", "~~", "x9", 7.3349304132, 0.1378938264, 0.2473310964),
    ("x2", "~~", "x3", 8.5318266644, 0.2182392796, 0.2230502128),
    ("x2", "~~", "x4", 0.5339648649, -0.0337695548, -0.0520548803),
    ("x2", "~~", "x5", 0.0225877985, -0.0076665879, -0.0107779171),
    ("x2", "~~", "x6", 0.7853779847, 0.0392260471, 0.0617234603),
    ("x2", "~~", "x7", 8.9180222314, -0.1827253847, -0.1919302308),
    ("x2", "~~", "x8", 0.0535158796, -0.0124657092, -0.0167635585),
    ("x2", "~~", "x9", 1.8945222001, 0.0750983375, 0.0937337610),
    ("x3", "~~", "x4", 0.1415307258, -0.0158121787, -0.0282454794),
    ("x3", "~~", "x5", 7.8580853582, -0.1300946649, -0.2119401933),
    ("x3", "~~", "x6", 1.8547942948, 0.0547661902, 0.0998640948),
    ("x3", "~~", "x7", 0.6378511100, -0.0444931483, -0.0541575186),
    ("x3", "~~", "x8", 0.0588896911, -0.0120849568, -0.0188328239),
    ("x3", "~~", "x9", 4.1263177100, 0.1016612780, 0.1470423399),
    ("x4", "~~", "x5", 2.5344579288, 0.1858667946, 0.4566905689),
    ("x4", "~~", "x6", 6.2204970847, -0.2348029289, -0.6457534629),
    ("x4", "~~", "x7", 5.9197066540, 0.0981808462, 0.1802431571),
    ("x4", "~~", "x8", 3.8048100682, -0.0690735881, -0.1623486766),
    ("x4", "~~", "x9", 0.1956817262, -0.0158865567, -0.0346563653),
    ("x5", "~~", "x6", 0.9159003615, 0.1008937315, 0.2530603015),
    ("x5", "~~", "x7", 1.2327493357, -0.0494518502, -0.0827963445),
    ("x5", "~~", "x8", 0.3466124606, 0.0230166307, 0.0493372669),
    ("x5", "~~", "x9", 0.9988706193, 0.0396212507, 0.0788275481),
    ("x6", "~~", "x7", 0.2586820513, -0.0196617822, -0.0368463521),
    ("x6", "~~", "x8", 0.2748793725, 0.0177716652, 0.0426387497),
    ("x6", "~~", "x9", 0.0970787219, -0.0107154876, -0.0238618865),
    ("x7", "~~", "x8", 34.1450893603, 0.5364439702, 0.8591509766),
    ("x7", "~~", "x9", 5.1829551767, -0.1867068907, -0.2775376874),
    ("x8", "~~", "x9", 14.9463917380, -0.4230959181, -0.8052026123),
]

# lavPredict(fit, method = ...): rows 1, 2, 3, 150, 301 and the column SDs
SCORES = {
    "regression": (
        [
            [-0.81767524156, -0.1375450130, 0.06150725686],
            [0.04951939849, -1.0127240243, 0.62549360194],
            [-0.76139669539, -1.8722863355, -0.84057275727],
            [0.95056959469, -0.5501830258, -0.01417392221],
            [0.14776003365, 0.8480468073, 0.33771118836],
        ],
        [0.7654329390, 0.9340267502, 0.5265967635],
    ),
    "Bartlett": (
        [
            [-1.36953833179, -0.09954953104, 0.2318368042],
            [0.07592893985, -1.19815080261, 0.9886425078],
            [-0.56109959182, -2.10473911970, -1.1216773921],
            [1.72722109607, -0.71303475226, -0.1601953258],
            [-0.06199719310, 0.96929510663, 0.4735281026],
        ],
        [1.0865872060, 1.0536163265, 0.7399942338],
    ),
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


def test_modification_indices_match_lavaan_modindices(hs_fit):
    table = modification_indices(hs_fit)
    expected = pd.DataFrame(MODINDICES, columns=[*KEYS, "mi", "epc", "sepc_all"])
    assert table[KEYS].values.tolist() == expected[KEYS].values.tolist()
    for column in ("mi", "epc", "sepc_all"):
        np.testing.assert_allclose(table[column], expected[column], atol=1e-3, err_msg=column)


def test_modification_indices_refuse_what_they_cannot_test():
    data = pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv")
    robust = fit_cfa(data, HS_MODEL, estimator="MLR")
    with pytest.raises(ArgumentError, match=r"supports ML on complete cases.*'MLR'"):
        modification_indices(robust)
    by_school = fit_cfa(data, HS_MODEL, group="school")
    with pytest.raises(ArgumentError, match="single-group models; this one has 2 groups"):
        modification_indices(by_school)
    with pytest.raises(ArgumentError, match="must be a CfaResult from fit_cfa; got DataFrame"):
        modification_indices(data)


@pytest.mark.parametrize("method", ["regression", "Bartlett"])
def test_factor_scores_match_lavpredict(hs_fit, method):
    data = pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv")
    scores = factor_scores(hs_fit, data, method=method)
    rows, sds = SCORES[method]
    assert list(scores.columns) == ["visual", "textual", "speed"]
    np.testing.assert_allclose(scores.iloc[[0, 1, 2, 149, 300]], rows, atol=1e-3)
    np.testing.assert_allclose(scores.std(), sds, atol=1e-3)


def test_factor_scores_leave_incomplete_rows_nan_and_check_arguments(hs_fit):
    data = pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv").head(5)
    data.loc[2, "x4"] = np.nan
    scores = factor_scores(hs_fit, data)
    assert scores.iloc[2].isna().all() and scores.drop(index=2).notna().all().all()
    with pytest.raises(ArgumentError, match="`method` must be one of 'regression', 'bartlett'"):
        factor_scores(hs_fit, data, method="anderson")
    with pytest.raises(KeyError, match="`items` names columns that `data` lacks: 'x9'"):
        factor_scores(hs_fit, data.drop(columns="x9"))


def test_listwise_deletion_warns_how_many_rows_it_kept():
    mcar = pd.read_csv(DATA / "cfa_holzinger_mcar.csv")  # lavaan uses 134 of 301 rows
    with pytest.warns(
        UserWarning,
        match=r"listwise deletion: 134 of 301 rows kept \(167 dropped for missing values in "
        r"\['x1', .*'x9'\]\); nan_policy='fiml' keeps them all",
    ):
        result = fit_cfa(mcar, HS_MODEL)
    assert result.fit["n"].iloc[0] == 134


def test_complete_data_fit_without_a_listwise_warning():
    data = pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit_cfa(data, HS_MODEL)


COV_MODEL = HS_MODEL + "\nx7 ~~ x8"


def test_model_syntax_reads_residual_covariances():
    spec = parse_model("f =~ q1 + q2 + q3 + q4; q1 ~~ q3 + q4\nq2 ~~ q1")
    assert spec.covariances == (("q1", "q3"), ("q1", "q4"), ("q1", "q2"))
    assert spec.to_lavaan().splitlines()[1:] == ["q1 ~~ q3", "q1 ~~ q4", "q1 ~~ q2"]
    with pytest.raises(ValueError, match=r"names 'q9', which is not an item of the model"):
        parse_model("f =~ q1 + q2 + q3; q1 ~~ q9")
    with pytest.raises(ValueError, match=r"`q1 ~~ q1` is a residual variance.*remove"):
        parse_model("f =~ q1 + q2 + q3; q1 ~~ q1")
    with pytest.raises(ValueError, match=r"lists the residual covariance `q2 ~~ q1` twice"):
        parse_model("f =~ q1 + q2 + q3; q1 ~~ q2; q2 ~~ q1")
    with pytest.raises(ValueError, match=r"not plain variable names: \['0\*q2'\]"):
        parse_model("f =~ q1 + q2 + q3; q1 ~~ 0*q2")


@pytest.fixture(scope="module")
def cov_fit():
    return fit_cfa(pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv"), COV_MODEL)


def test_residual_covariance_fit_matches_lavaan(cov_fit):
    fit = cov_fit.fit.iloc[0]
    np.testing.assert_allclose(
        fit[["chi2", "df", "cfi", "rmsea", "srmr", "loglik"]].to_numpy(dtype=float),
        [53.27223635, 23, 0.9657108435, 0.06612643154, 0.04711224038, -3721.728284],
        rtol=1e-5,
    )
    table = cov_fit.estimates.set_index(KEYS)
    np.testing.assert_allclose(
        table.loc[("x7", "~~", "x8"), ["est", "se"]], [0.35270756959, 0.06732968005], atol=1e-3
    )
    np.testing.assert_allclose(
        table.loc[("x9", "~~", "x9"), ["est", "se"]], [0.08752823272, 0.18777327773], atol=1e-3
    )
    assert cov_fit.model.endswith("x7 ~~ x8")


def test_residual_covariance_in_the_extras_matches_lavaan(cov_fit):
    row = cov_fit.standardized().set_index(KEYS).loc[("x7", "~~", "x8")]
    np.testing.assert_allclose(
        row[["est_std", "se"]].to_numpy(dtype=float), [0.3886015406, 0.05461016382], atol=1e-3
    )
    table = modification_indices(cov_fit)
    assert len(table) == 53 and ("x7", "~~", "x8") not in set(map(tuple, table[KEYS].values))
    row = table.set_index(KEYS).loc[("textual", "=~", "x3")]
    np.testing.assert_allclose(
        row[["mi", "epc", "sepc_all"]].to_numpy(dtype=float),
        [9.05665711, -0.2566533771, -0.2248416041],
        atol=1e-3,
    )


def test_residual_covariance_under_mlr_matches_lavaan():
    data = pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv")
    robust = fit_cfa(data, COV_MODEL, estimator="MLR")
    row = robust.estimates.set_index(KEYS).loc[("x7", "~~", "x8")]
    np.testing.assert_allclose(
        row[["est", "se"]].to_numpy(dtype=float), [0.3527075696, 0.06534266349], atol=1e-3
    )
    np.testing.assert_allclose(
        robust.fit[["chi2_scaled", "cfi_robust"]].iloc[0],
        [52.3667512220, 0.9661004186],
        rtol=1e-5,
    )


def test_residual_covariances_are_refused_for_ordered_items():
    rng = np.random.default_rng(3)
    f = rng.normal(size=400)
    data = pd.DataFrame({f"q{j}": f + rng.normal(size=400) for j in range(1, 5)})
    likert = data.apply(lambda column: pd.cut(column, 4, labels=False) + 1)
    with pytest.raises(ArgumentError, match=r"residual covariances \(~~\) are not supported"):
        fit_cfa(likert, "care =~ q1 + q2 + q3 + q4\nq1 ~~ q2", ordered=True)


def test_residual_covariance_with_fiml_and_groups_matches_lavaan():
    mcar = pd.read_csv(DATA / "cfa_holzinger_mcar.csv")
    fiml = fit_cfa(mcar, COV_MODEL, nan_policy="fiml")
    np.testing.assert_allclose(
        fiml.fit[["chi2", "loglik"]].iloc[0].to_numpy(dtype=float),
        [36.52748722, -3404.12708083],
        rtol=1e-6,
    )
    row = fiml.estimates.set_index(KEYS).loc[("x7", "~~", "x8")]
    np.testing.assert_allclose(
        row[["est", "se"]].to_numpy(dtype=float), [0.3488322179, 0.07069826321], atol=1e-3
    )
    data = pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv")
    with pytest.warns(RuntimeWarning, match="Heywood case"):  # lavaan: negative ov variance
        school = fit_cfa(data, COV_MODEL, group="school", equal=["loadings"])
    np.testing.assert_allclose(
        school.fit[["chi2", "df", "cfi"]].iloc[0].to_numpy(dtype=float),
        [91.2633546028, 52, 0.9556731469],
        rtol=1e-5,
    )
    pair = school.estimates.query("lhs == 'x7' and rhs == 'x8'")
    np.testing.assert_allclose(pair["est"], [0.2845329639, 0.3954830377], atol=1e-3)
    np.testing.assert_allclose(pair["se"], [0.08491225587, 0.08738567848], atol=1e-3)
