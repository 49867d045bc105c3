"""Tests of techvet_survey.factor (polychoric correlations, EFA, parallel analysis).

Reference numbers come from tests/reference/factor_psych.R (psych 2.2.9, GPArotation
2022.10.2, lavaan 0.6) on the data files in tests/reference/data.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from techvet_survey._stats.bivariate import bivariate_normal_cdf
from techvet_survey._stats.extraction import _minres_objective, extract, smooth_correlation
from techvet_survey.errors import ArgumentError, InputError
from techvet_survey.factor import efa, parallel_analysis, polychoric

DATA = Path(__file__).parent / "reference" / "data"
AGREE = ["A1", "A2", "A3", "A4", "A5"]


@pytest.fixture(scope="module")
def holzinger():
    return pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv")


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


def test_polychoric_sparse_table_matches_lavaan():
    # lavCor(x, ordered=c("q1", "q2")): 0.900765 (psych: 0.900767); 3 empty cells.
    scale = pd.DataFrame(
        {"q1": [1, 2, 3, 3, 2, 1, 3, 2, 1, 2], "q2": [1, 2, 3, 2, 2, 1, 3, 3, 1, 1]}
    )
    pairs = polychoric(scale).pairs
    assert pairs["rho"].iloc[0] == pytest.approx(0.900765, abs=1e-6)
    assert pairs["converged"].iloc[0]


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
    with pytest.raises(ArgumentError, match="several groups; pass `group=`"):
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


# ---- efa -----------------------------------------------------------------------------
# psych::fa(...) in factor_psych.R: loadings of five items (factors in psych's order),
# communalities, factor correlations (by row), SS loadings and fa.stats' fit.

# fmt: off
EFA_CASES = [
    pytest.param(
        "bfi", "minres", "oblimin", "pearson",
        {
            "A1": [0.212934311444609, 0.165826797256826, 0.0667117579659792, -0.413709383399938,
                -0.0579886675849714],
            "C4": [0.174069702019617, 0.00184032630679532, -0.613731209981696,
                0.0403637262228405, -0.048386027681505],
            "E3": [0.0831351758047587, 0.418080829898245, -0.00088484360460761,
                0.245540976966311, 0.283204691626527],
            "N1": [0.814701065330347, 0.102896549724869, 0.00448096286859738,
                -0.111410773510234, -0.0466977137224951],
            "O5": [0.131865317689379, 0.0984035953624194, -0.0250287994161563,
                0.0431801796091379, -0.542288686414478],
        },
        [0.191635862069164, 0.447164468148117, 0.52289508351045, 0.280035012436015,
            0.463796635656983, 0.330119606558429, 0.450436492455365, 0.318180556903198,
            0.450634570835131, 0.42722430782498, 0.347966763623648, 0.543506923739186,
            0.43889348503079, 0.531313661007486, 0.40263888031064, 0.652281129502959,
            0.599980371101031, 0.54706818451787, 0.488086478195963, 0.349605165881579,
            0.312634539233669, 0.257429593799074, 0.464275384855417, 0.251232556527654,
            0.300111610056733],
        [1.0, -0.213066453968725, -0.186931628592633, -0.0375952894571747, -0.010656522252724,
            -0.213066453968725, 1.0, 0.2295703762162, 0.328946286661744, 0.1666529285625,
            -0.186931628592633, 0.2295703762162, 1.0, 0.203023243986897, 0.194504924185317,
            -0.0375952894571747, 0.328946286661744, 0.203023243986897, 1.0, 0.193199008332175,
            -0.010656522252724, 0.1666529285625, 0.194504924185317, 0.193199008332175, 1.0],
        [2.56994880154989, 2.19929157518094, 2.02904121191698, 1.98524853841785, 1.58561719671587],
        {"chi2": 1808.94278487624, "df": 185.0, "p_val": 4.33681828853977e-264, "tli":
            0.867265070213377, "rmsea": 0.0559901516754299, "rmsea_ci_low": 0.0536667086707634,
            "rmsea_ci_high": 0.0583661184033152, "bic": 340.528466086034, "objective":
            0.649180974296158, "null_chi2": 20163.7885647752, "null_df": 300.0, "empirical_chi2":
            1392.16379693846, "rms": 0.0289844798916588, "crms": 0.0369096795608013, "fit_off":
            0.980344120401923, "n": 2800.0},
        id="minres-oblimin-bfi",
    ),
    pytest.param(
        "bfi", "ml", "varimax", "pearson",
        {
            "A1": [0.113231477033501, 0.0373604285493463, 0.00234970442355009,
                -0.363635027367063, -0.0578219629701054],
            "C4": [0.23041091981684, -0.0855832854385082, -0.628876767412997,
                -0.0206565484307896, -0.0940473345025061],
            "E3": [0.0143517354877659, 0.482188331780464, 0.0627202972631296, 0.336120214066125,
                0.301497414365913],
            "N1": [0.800477551643866, 0.0944261766176941, -0.036595687541301,
                -0.217626288722234, -0.0842497333568442],
            "O5": [0.0850933494547778, -0.0103206799319298, -0.0743834952982022,
                0.0132626775059717, -0.511046481227226],
        },
        [0.149796502653418, 0.401476223755994, 0.511474981798871, 0.285675502050383,
            0.483215468011086, 0.320795038646035, 0.426730800805646, 0.317159844833427,
            0.465171273429213, 0.434743264689709, 0.368548161352526, 0.548085445882056,
            0.440522884478702, 0.5185476016699, 0.404693780538675, 0.705479076976726,
            0.657411535094577, 0.525159061675599, 0.477872995124809, 0.338391169233571,
            0.323727928024676, 0.244221484351742, 0.472862229762696, 0.257042170628409,
            0.274224703517825],
        None,
        [2.66759592231539, 2.25351851493769, 1.96723496278447, 1.94679539083407, 1.51788433811467],
        {"chi2": 1749.88314329237, "df": 185.0, "p_val": 1.39448407027952e-252, "tli":
            0.872092381527461, "rmsea": 0.0549625539121431, "rmsea_ci_low": 0.0526367694616909,
            "rmsea_ci_high": 0.0573409375817625, "bic": 281.468824502161, "objective":
            0.627986055371387, "null_chi2": 20163.7885647752, "null_df": 300.0, "empirical_chi2":
            1474.69561006417, "rms": 0.0298312558893877, "crms": 0.0379879887404994, "fit_off":
            0.979178858537351, "n": 2800.0},
        id="ml-varimax-bfi",
    ),
    pytest.param(
        "bfi", "minres", "promax", "pearson",
        {
            "A1": [0.156863883272866, 0.116985074196296, 0.0692613433188097, -0.442996436193702,
                -0.0643669956218187],
            "C4": [0.189962648850597, 0.0649147424628998, -0.620341225989057,
                0.0258741245094402, -0.0635865707678125],
            "E3": [0.088469375518098, 0.542598491181559, -0.0503867787028969, 0.166774468500851,
                0.21904081759411],
            "N1": [0.81237826836391, 0.193564674584697, 0.0314415966730788, -0.247970312510246,
                -0.094724513491919],
            "O5": [0.110005648268078, 0.0357867690093105, -0.0073396179762416,
                0.00914604204790289, -0.544330441080613],
        },
        [0.191635862069164, 0.447164468148117, 0.52289508351045, 0.280035012436015,
            0.463796635656983, 0.330119606558429, 0.450436492455365, 0.318180556903198,
            0.450634570835131, 0.42722430782498, 0.347966763623648, 0.543506923739186,
            0.43889348503079, 0.531313661007486, 0.40263888031064, 0.652281129502959,
            0.599980371101031, 0.54706818451787, 0.488086478195963, 0.349605165881579,
            0.312634539233669, 0.257429593799074, 0.464275384855417, 0.251232556527654,
            0.300111610056733],
        [1.0, -0.243648374175706, -0.219821761134531, -0.0147538519695872, 0.0199278555342221,
            -0.243648374175706, 1.0, 0.388597029784878, 0.347055453324209, 0.146690241959494,
            -0.219821761134531, 0.388597029784878, 1.0, 0.245338768342892, 0.194670729179509,
            -0.0147538519695872, 0.347055453324209, 0.245338768342892, 1.0, 0.15611735148778,
            0.0199278555342221, 0.146690241959494, 0.194670729179509, 0.15611735148778, 1.0],
        [2.67274447437769, 2.53801368571385, 1.95303447106237, 1.74668812263064, 1.45866656999698],
        {"chi2": 1808.94278487624, "df": 185.0, "p_val": 4.33681828853977e-264, "tli":
            0.867265070213377, "rmsea": 0.0559901516754299, "rmsea_ci_low": 0.0536667086707634,
            "rmsea_ci_high": 0.0583661184033152, "bic": 340.528466086034, "objective":
            0.649180974296158, "null_chi2": 20163.7885647752, "null_df": 300.0, "empirical_chi2":
            1392.16379693846, "rms": 0.0289844798916588, "crms": 0.0369096795608013, "fit_off":
            0.980344120401923, "n": 2800.0},
        id="minres-promax-bfi",
    ),
    pytest.param(
        "bfi", "ml", "geomin", "pearson",
        {
            "A1": [0.156873948847591, -0.124958180982354, -0.389874645349535,
                0.0236642800077773, -0.032787429289276],
            "C4": [0.177028683058016, 0.0619724000809072, 0.0527845515171924,
                -0.618952527434373, -0.0477225108258238],
            "E3": [0.0545700947695093, -0.378901081386246, 0.269601840468055,
                -0.0243666583247688, 0.296832586911476],
            "N1": [0.834704236493864, -0.0747334659179998, -0.238689336740956,
                0.018871708211106, -0.0409556914427514],
            "O5": [0.137177736247323, -0.040045127391546, 0.0822420166109873, -0.03103548638607,
                -0.523564233488051],
        },
        [0.149796502653418, 0.401476223755994, 0.511474981798871, 0.285675502050383,
            0.483215468011086, 0.320795038646035, 0.426730800805646, 0.317159844833427,
            0.465171273429213, 0.434743264689709, 0.368548161352526, 0.548085445882056,
            0.440522884478702, 0.5185476016699, 0.404693780538675, 0.705479076976726,
            0.657411535094577, 0.525159061675599, 0.477872995124809, 0.338391169233571,
            0.323727928024676, 0.244221484351742, 0.472862229762696, 0.257042170628409,
            0.274224703517825],
        [1.0, 0.108253487535167, 0.0608749311598222, -0.119149450137487, 0.0649397533384173,
            0.108253487535167, 1.0, -0.339617653870612, -0.223176036794178, -0.159829718329579,
            0.0608749311598222, -0.339617653870612, 1.0, 0.178972761017163, 0.228121765689143,
            -0.119149450137487, -0.223176036794178, 0.178972761017163, 1.0, 0.174320049976442,
            0.0649397533384173, -0.159829718329579, 0.228121765689143, 0.174320049976442, 1.0],
        [2.50469709121915, 2.2416153690773, 2.04640731824105, 1.94880715421229, 1.61150219623648],
        {"chi2": 1749.88314329238, "df": 185.0, "p_val": 1.39448407027328e-252, "tli":
            0.87209238152746, "rmsea": 0.0549625539121432, "rmsea_ci_low": 0.0526367694616901,
            "rmsea_ci_high": 0.0573409375817626, "bic": 281.468824502171, "objective":
            0.627986055371391, "null_chi2": 20163.7885647752, "null_df": 300.0, "empirical_chi2":
            1474.69561006417, "rms": 0.0298312558893877, "crms": 0.0379879887404994, "fit_off":
            0.979178858537351, "n": 2800.0},
        id="ml-geomin-bfi",
    ),
    pytest.param(
        "hs", "ml", "oblimin", "pearson",
        {
            "x1": [0.191038608875704, 0.602035342342122, 0.0309437849333412],
            "x2": [0.0436919105723476, 0.505429350170585, -0.116618885373206],
            "x3": [-0.0694924779272988, 0.689321069074304, 0.0230785390959424],
            "x4": [0.840473244681124, 0.0217607146544845, 0.00530835507002553],
            "x5": [0.888207442851321, -0.0674341344851466, 0.00755606354774588],
            "x6": [0.807562129932363, 0.0775062551453336, -0.0109301638698107],
            "x7": [0.0435849879982763, -0.151600063899683, 0.723099335414288],
            "x8": [-0.0326746157927328, 0.10422406291913, 0.701505131863095],
            "x9": [0.0348255171868949, 0.366056848120178, 0.463179148713906],
        },
        [0.487470472826557, 0.2512648396131, 0.457226709270241, 0.720806906079805,
            0.757122679323982, 0.694784144441589, 0.497792778083933, 0.531449510205398,
            0.456752313516563],
        [1.0, 0.325766445700124, 0.216445557000633, 0.325766445700124, 1.0, 0.270476150622577,
            0.216445557000633, 0.270476150622577, 1.0],
        [2.23735051270386, 1.33777099205187, 1.27954884860544],
        {"chi2": 22.3769305562226, "df": 12.0, "p_val": 0.0335061573022239, "tli":
            0.963885045794789, "rmsea": 0.0534960761651466, "rmsea_ci_low": 0.0147482918888864,
            "rmsea_ci_high": 0.0877958344706359, "bic": -46.1083926207639, "objective":
            0.076068885743533, "null_chi2": 904.097051036859, "null_df": 36.0, "empirical_chi2":
            8.0268797635691, "rms": 0.0192452644354822, "crms": 0.0333337758073535, "fit_off":
            0.996364704944626, "n": 301.0},
        id="ml-oblimin-hs",
    ),
    pytest.param(
        "bfi10", "minres", "oblimin", "polychoric",
        {
            "A1": [-0.46480160713949, 0.0919246799283012],
            "A2": [0.733655360018338, 0.00748587708902027],
            "A3": [0.80455797572607, -0.0287940630368789],
            "A4": [0.461425397704909, 0.165875302869054],
            "A5": [0.640354100328476, 0.0352371142041748],
            "C1": [-0.0622201616759563, 0.617299917465834],
            "C2": [-0.02647329552179, 0.679035430010333],
            "C3": [0.0321137631100556, 0.570298193131865],
            "C4": [-0.0201998939308052, -0.690149455129071],
            "C5": [-0.0625146193659769, -0.590339812076009],
        },
        [0.195071354566084, 0.542087757479349, 0.632191437688457, 0.293128691271419,
            0.426831539253805, 0.358484516218525, 0.449412436840856, 0.338881644675719,
            0.486313288917575, 0.377819871912837],
        [1.0, 0.344273011759512, 0.344273011759512, 1.0],
        [2.05221295441584, 2.04800958440878],
        {"chi2": 656.150508766003, "df": 26.0, "p_val": 1.11225215036564e-121, "tli":
            0.85181327902068, "rmsea": 0.0930364766387892, "rmsea_ci_low": 0.0869668488504802,
            "rmsea_ci_high": 0.0992820227771408, "bic": 449.778766665757, "objective":
            0.234884735552534, "null_chi2": 7408.47258511661, "null_df": 45.0, "empirical_chi2":
            460.350231102726, "rms": 0.0430374446371402, "crms": 0.0566195039242292, "fit_off":
            0.978812731797021, "n": 2800.0},
        id="minres-oblimin-bfi-AC-poly",
    ),
]
# fmt: on
FIT_EXACT = [
    "chi2",
    "tli",
    "rmsea",
    "bic",
    "objective",
    "null_chi2",
    "empirical_chi2",
    "rms",
    "crms",
    "fit_off",
]  # fmt: skip


def _efa_data(name, bfi, holzinger):
    if name == "hs":
        return holzinger[[f"x{j}" for j in range(1, 10)]]
    return bfi.iloc[:, :10] if name == "bfi10" else bfi


@pytest.mark.parametrize(
    ("data", "method", "rotation", "correlation", "rows", "h2", "phi", "ss", "fit"), EFA_CASES
)
def test_efa_matches_psych(
    bfi, holzinger, data, method, rotation, correlation, rows, h2, phi, ss, fit
):
    result = efa(
        _efa_data(data, bfi, holzinger),
        n_factors=len(ss),
        method=method,
        rotation=rotation,
        correlation=correlation,
    )
    loadings = result.loadings.set_index("item")
    factors = [f"F{j + 1}" for j in range(len(ss))]
    for item, expected in rows.items():
        np.testing.assert_allclose(loadings.loc[item, factors], expected, atol=1e-3)
    np.testing.assert_allclose(loadings["h2"], h2, atol=1e-4)
    np.testing.assert_allclose(loadings["u2"], 1 - np.asarray(h2), atol=1e-4)
    expected_phi = np.eye(len(ss)) if phi is None else np.reshape(phi, (len(ss), len(ss)))
    np.testing.assert_allclose(result.factor_correlations, expected_phi, atol=1e-3)
    np.testing.assert_allclose(result.variance["ss_loadings"], ss, rtol=1e-3)
    row = result.fit.iloc[0]
    # Polychoric input differs from psych's by its optimize() tolerance (~1e-5).
    rtol = 1e-3 if correlation == "polychoric" else 1e-4
    for name in FIT_EXACT:
        assert row[name] == pytest.approx(fit[name], rel=rtol), name
    for name in ("rmsea_ci_low", "rmsea_ci_high"):  # psych's uniroot stops at ~1e-4
        assert row[name] == pytest.approx(fit[name], rel=1e-3), name
    assert -np.log(row["p_val"]) == pytest.approx(-np.log(fit["p_val"]), rel=rtol)
    assert (row["df"], row["null_df"], row["n"]) == (fit["df"], fit["null_df"], fit["n"])
    assert row["converged"]


def test_efa_summary_reads_as_psych_print(bfi):
    # psych::fa(bfi, 5) (minres, oblimin): RMSR 0.0289844798916588, TLI 0.867265070213377,
    # BIC 340.528466086034, RMSEA 0.0559901516754299
    text = efa(bfi, n_factors=5).summary()
    lines = text.splitlines()
    assert lines[0] == "Factor Analysis using method = minres, rotation = oblimin"
    assert "The root mean square of the residuals (RMSR) is 0.02898" in lines
    assert "Tucker Lewis Index of factoring reliability = 0.8673" in lines
    assert any(line.startswith("RMSEA index = 0.05599") for line in lines)
    assert any(line.startswith("BIC = 340.5;") for line in lines)
    assert "With factor correlations of" in lines
    assert any(line.startswith("SS loadings ") for line in lines)


def test_efa_near_heywood_solutions_match_psych(holzinger):
    # psych::fa(hs, 4, fm="ml") and fa(hs, 4): one uniqueness at the bound 0.005.
    items = holzinger[[f"x{j}" for j in range(1, 10)]]
    with pytest.warns(UserWarning, match=r"Heywood case: items \['x5'\]"):
        ml = efa(items, n_factors=4, method="ml")
    np.testing.assert_allclose(
        ml.loadings["h2"],
        [0.496778070945369, 0.255342233558515, 0.434017395028858, 0.885147126633034,
         0.995000106771922, 0.623534365845761, 0.578504368447643, 0.515269820248976,
         0.471055897472216],
        atol=1e-4,
    )  # fmt: skip
    row = ml.fit.iloc[0]
    assert row["chi2"] == pytest.approx(5.57583994347856, rel=1e-4)
    assert row["tli"] == pytest.approx(1.0029594054995, rel=1e-4)
    assert row["bic"] == pytest.approx(-28.6668216450147, rel=1e-4)
    with pytest.warns(UserWarning, match=r"Heywood case: items \['x7'\]"):
        minres = efa(items, n_factors=4)
    # The minres criterion is flat here and psych's optimizer stops early: the loadings
    # agree to 1e-3 and our uniquenesses reach a lower criterion than psych's.
    np.testing.assert_allclose(
        minres.loadings["h2"],
        [0.453560668552086, 0.229755628918119, 0.553971816545649, 0.73982779709393,
         0.786834542308384, 0.686696206011146, 0.996544165320032, 0.424417738758591,
         0.567948072283667],
        atol=1e-3,
    )  # fmt: skip
    assert minres.fit["chi2"].iloc[0] == pytest.approx(5.49389756314454, rel=1e-3)
    psych_psi = [0.546441653052883, 0.770248496995093, 0.446019627761116, 0.260183328483457,
                 0.213185908932782, 0.313300103645988, 0.005, 0.575605110551647,
                 0.432062040676595]  # fmt: skip
    correlation = minres.correlation.to_numpy()
    _, psi, _ = extract(correlation, 4, "minres")
    ours = _minres_objective(psi, correlation, 4)[0]
    assert ours <= _minres_objective(np.array(psych_psi), correlation, 4)[0]


def test_efa_heywood_case_names_items(holzinger):
    frame = holzinger[[f"x{j}" for j in range(1, 10)]].copy()
    rng = np.random.default_rng(3)
    frame["x10"] = frame["x4"] + rng.normal(scale=0.01, size=len(frame))
    with pytest.warns(UserWarning, match=r"Heywood case: items \['x4', 'x10'\]"):
        efa(frame, n_factors=3, method="ml")


def test_efa_orthogonal_and_unrotated_solutions_share_communalities(holzinger):
    items = holzinger[[f"x{j}" for j in range(1, 10)]]
    none = efa(items, n_factors=3, rotation="none")
    varimax = efa(items, n_factors=3, rotation="varimax")
    np.testing.assert_allclose(none.loadings["h2"], varimax.loadings["h2"])
    rotated = varimax.loadings[["F1", "F2", "F3"]].to_numpy()
    np.testing.assert_allclose((rotated**2).sum(axis=1), varimax.loadings["h2"], atol=1e-12)
    assert (none.loadings[["F1", "F2", "F3"]].sum() > 0).all()


def test_efa_argument_errors(holzinger):
    items = holzinger[[f"x{j}" for j in range(1, 10)]]
    with pytest.raises(ArgumentError, match="`rotation` must be one of"):
        efa(items, n_factors=2, rotation="quartimax")
    with pytest.raises(ArgumentError, match="`n_factors`=6 is too many for 9 items"):
        efa(items, n_factors=6)
    with pytest.raises(ArgumentError, match="`n_factors` must be a positive integer"):
        efa(items, n_factors=0)


# ---- parallel analysis -----------------------------------------------------------------
# psych::fa.parallel(x, fa="both", n.iter=...) in factor_psych.R: observed eigenvalues,
# means and standard deviations of the random ones (100 iterations for bfi), suggestions.

# fmt: off
BFI_PARALLEL = {
    "pc.values": [5.03690254269596, 2.74408548044045, 2.10763219466714, 1.83184150767605,
        1.53568643379786, 1.11315890263691, 0.846236722043546, 0.811407471293227,
        0.734948221784986, 0.695644929406799, 0.681003553469246, 0.657143216493134,
        0.628113002128844, 0.596412873038055, 0.562628392886378, 0.540520732451943,
        0.523670719783427, 0.498454031824537, 0.489912953199267, 0.454941871390862,
        0.432832425337607, 0.409202320747095, 0.407193184418112, 0.385211126563491,
        0.275215189825059],
    "fa.values": [4.26063957321085, 1.91279964885691, 1.26485265505996, 0.945886505708917,
        0.709383771810136, 0.257498659592712, 0.0074266100071253, -0.0218883412075943,
        -0.0899413934783432, -0.136132855665849, -0.164346164213226, -0.212625957157347,
        -0.225170295400957, -0.242288980462229, -0.260053515152435, -0.27471107773173,
        -0.298075586303041, -0.31484246542345, -0.326252450373143, -0.339467744639271,
        -0.368861901406271, -0.373019378921617, -0.431977904307357, -0.443818296958018,
        -0.574372754677949],
    "pc.sim": [1.17177330110432, 1.14845499147838, 1.12962986211657, 1.11339889483287,
        1.09720893449678, 1.08335059649936, 1.07059897243799, 1.05749988823869, 1.0441887148636,
        1.03250510473255, 1.02108442998867, 1.00927484522658, 0.997684693765958,
        0.987247507657496, 0.975674431734158, 0.963937501084906, 0.951535164517898,
        0.938993388786376, 0.927715106732775, 0.915408251300053, 0.902156867834983,
        0.888606166497694, 0.875033452846159, 0.85924473476276, 0.837794196462418],
    "pc.sim sd": [0.0146096912023597, 0.0107923100661231, 0.00834033651001738,
        0.00784527028063914, 0.00803714380837355, 0.0080691775627333, 0.00720835315745803,
        0.00617252321771766, 0.00655840250800785, 0.00647260589654047, 0.00635417581213323,
        0.00693168584566761, 0.0069803913350089, 0.00670043605369488, 0.00643585349487279,
        0.00579169250607798, 0.00597853844033474, 0.00642226336047925, 0.00613886467266983,
        0.00696311225221682, 0.00709263793141886, 0.0067599760196742, 0.00827649003251078,
        0.0103425866813698, 0.0124259036714472],
    "fa.sim": [0.230232341843132, 0.154125776307253, 0.135744404174514, 0.119696203470948,
        0.103746057744789, 0.0901072775724679, 0.0773626028239558, 0.0643334727120344,
        0.0512283228167932, 0.0395395187855068, 0.0279840197348492, 0.0162384465795989,
        0.00476479537139077, -0.00575368614479808, -0.0172832546621344, -0.028485173980316,
        -0.0414474185234408, -0.0531097537436795, -0.0651082040630724, -0.0767627575212746,
        -0.0902801278799266, -0.103113822388789, -0.116691848438698, -0.132712859377082,
        -0.154127259067125],
    "fa.sim sd": [0.140354422407224, 0.0107240387121853, 0.00802491344905237,
        0.00811565476137722, 0.00799618987219084, 0.00769634162932851, 0.00682620714954659,
        0.00612290588418205, 0.006470171389017, 0.00595372411960112, 0.00660110519587653,
        0.00653046159250763, 0.00672568136698842, 0.00652749980090195, 0.00648455288144493,
        0.0058480646888223, 0.00568158397559342, 0.00586827733751673, 0.00626737350273898,
        0.00669909795221078, 0.00687886618435221, 0.00651526116287383, 0.00822141008950605,
        0.0102714618401859, 0.0118128277595187],
    "pc.simr": [1.17457651155747, 1.14846437361505, 1.13041927122811, 1.112562947808,
        1.09796674613849, 1.08419164126012, 1.06931260163976, 1.05691574055941,
        1.04331016311447, 1.03277700629065, 1.02096621311923, 1.01002140611692,
        0.997651546400458, 0.986295363751093, 0.974786632372358, 0.962682891023957,
        0.949856854269372, 0.938392019451854, 0.927324136809585, 0.915730387945246,
        0.902807049759058, 0.889356246301508, 0.875897907274217, 0.860170713233893,
        0.837563628959711],
    "pc.simr sd": [0.0139316468778169, 0.0110381437224599, 0.00997748180328343,
        0.00839487715062994, 0.00823689461945098, 0.00820699581180738, 0.00735865118107394,
        0.00653679209574315, 0.00624287440277325, 0.0059251136216715, 0.00627001997403995,
        0.00665311139539248, 0.0060613206532452, 0.00654406092524432, 0.00623590122470766,
        0.00693457282806739, 0.00646282138766556, 0.00593450641800123, 0.00651825244773371,
        0.0069662868215437, 0.00774100259311288, 0.00786180866391494, 0.00725925319631929,
        0.00869438016844985, 0.0115589893860239],
    "fa.simr": [0.208260284267175, 0.154495898254469, 0.136502489379519, 0.119177538609121,
        0.104396590871457, 0.0909423159761256, 0.0763656647022889, 0.0635546835761624,
        0.050160555978617, 0.0398133555609015, 0.0280721189470438, 0.016830748061593,
        0.00484727540679853, -0.00631323135524166, -0.0176868127189939, -0.0297323343199802,
        -0.0423183486021353, -0.0535917387213637, -0.0650667922739677, -0.0763376132174932,
        -0.0892320710027916, -0.1028199576659, -0.11589615471604, -0.132142053634716,
        -0.154022642928571],
    "fa.simr sd": [0.0447871942918661, 0.0112566084191286, 0.0101899802953369,
        0.00835399380256512, 0.00814760882025661, 0.00778045978852921, 0.00780220523341483,
        0.00637951602680387, 0.00642123011173562, 0.00600838510957625, 0.00634917076148513,
        0.00613826221637232, 0.00619664446931418, 0.00598397890050052, 0.00638706949830842,
        0.00663745326443764, 0.00650017720853034, 0.00577187299222113, 0.00644479782296222,
        0.00636373609481266, 0.00760476591299379, 0.00752452739274765, 0.00763274544910486,
        0.00904125485600477, 0.0117402875718675],
    "nfact ncomp": [6, 6],
}
HOLZINGER_PARALLEL = {
    "pc.values": [3.21634418143771, 1.63871322152606, 1.36515934778625, 0.698918451883795,
        0.584347528428502, 0.499687195225766, 0.47310205940543, 0.286002361234472,
        0.237725653072024],
    "fa.values": [2.63221821098477, 0.93444912649731, 0.504218629958437, -0.0923109456687535,
        -0.142573512787435, -0.16882601254751, -0.28775981594878, -0.301964449957955,
        -0.44523512299941],
    "pc.sim": [1.27212524332495, 1.18223230685874, 1.11151073835173, 1.04886687051067,
        0.994396650335302, 0.936527920675511, 0.883783848947439, 0.822099008771462,
        0.748457412224192],
    "pc.sim sd": [0.0462573722486573, 0.0341302026976694, 0.0295627835697142,
        0.0240571489912175, 0.0225475704959175, 0.0251673509310545, 0.024081500866672,
        0.0303446026134196, 0.0344072790051894],
    "fa.sim": [0.596831576397121, 0.203732633826989, 0.134871307918845, 0.0782318179939649,
        0.0247080380453796, -0.0254876132527842, -0.0772249711448157, -0.134400729207018,
        -0.204777506343955],
    "fa.sim sd": [0.285751337073319, 0.0339239595378909, 0.029542919700642, 0.0223012573474873,
        0.0212858870468991, 0.0204973278226569, 0.0218983314841677, 0.0269310787437295,
        0.0346700000452155],
    "pc.simr": [1.27417060398593, 1.17876402731231, 1.10984025645788, 1.04611039244686,
        0.993857155548484, 0.940261453050666, 0.882933990692472, 0.822531406117241,
        0.751530714388152],
    "pc.simr sd": [0.048065238389134, 0.0340636973152718, 0.0253755097157363,
        0.0234433430656244, 0.0233358552987759, 0.0243813467843057, 0.0256701204566266,
        0.0319136341886911, 0.0345944433448591],
    "fa.simr": [0.579745702158919, 0.20218747404003, 0.135908668169695, 0.0731984685616229,
        0.0238989013462521, -0.0242090876032448, -0.0768333836546919, -0.132349376050441,
        -0.202055401823345],
    "fa.simr sd": [0.275969408184356, 0.0336655654430249, 0.02603614591555, 0.0235102541613916,
        0.0207816944779839, 0.0201345707708878, 0.0212114281006013, 0.0266835430376645,
        0.0344395459669278],
    "nfact ncomp": [3, 3],
}
# fmt: on


@pytest.fixture(scope="module")
def bfi_parallel(bfi):
    return parallel_analysis(bfi, n_iter=100, seed=2024)


def test_parallel_analysis_observed_eigenvalues_match_psych(bfi_parallel):
    table = bfi_parallel.eigenvalues.set_index(["kind", "number"])
    np.testing.assert_allclose(
        table.loc["component", "observed"], BFI_PARALLEL["pc.values"], atol=1e-10
    )
    np.testing.assert_allclose(
        table.loc["factor", "observed"], BFI_PARALLEL["fa.values"], atol=1e-5
    )


@pytest.mark.parametrize(
    ("kind", "source", "key"),
    [
        ("component", "simulated", "pc.sim"),
        ("factor", "simulated", "fa.sim"),
        ("component", "resampled", "pc.simr"),
        ("factor", "resampled", "fa.simr"),
    ],
)
def test_parallel_analysis_random_eigenvalues_agree_with_psych(bfi_parallel, kind, source, key):
    # Both sides average 100 random data sets: the difference of the means, divided by
    # its standard error, is standard normal; 4.5 leaves 25 comparisons a 1e-4 chance.
    table = bfi_parallel.eigenvalues.query("kind == @kind")
    ours, sd = table[f"{source}_mean"].to_numpy(), table[f"{source}_sd"].to_numpy()
    theirs, their_sd = np.asarray(BFI_PARALLEL[key]), np.asarray(BFI_PARALLEL[f"{key} sd"])
    z = (ours - theirs) / np.sqrt(sd**2 / 100 + their_sd**2 / 100)
    assert np.abs(z).max() < 4.5
    # The spread agrees too; the first factor eigenvalue of random data is heavy-tailed
    # (near-Heywood one-factor solutions), so its sd is left out.
    np.testing.assert_allclose(sd[1:], their_sd[1:], rtol=0.5)


def test_parallel_analysis_suggestions_match_psych(bfi_parallel, holzinger):
    suggested = bfi_parallel.suggested.iloc[0]
    assert [suggested["n_factors"], suggested["n_components"]] == BFI_PARALLEL["nfact ncomp"]
    assert suggested["n"] == 2800
    items = holzinger[[f"x{j}" for j in range(1, 10)]]
    result = parallel_analysis(items, n_iter=200, seed=1)
    table = result.eigenvalues.set_index(["kind", "number"])
    np.testing.assert_allclose(
        table.loc["component", "observed"], HOLZINGER_PARALLEL["pc.values"], atol=1e-10
    )
    np.testing.assert_allclose(
        table.loc["factor", "observed"], HOLZINGER_PARALLEL["fa.values"], atol=1e-5
    )
    counts = result.suggested.iloc[0][["n_factors", "n_components"]].tolist()
    assert counts == HOLZINGER_PARALLEL["nfact ncomp"]


def test_parallel_analysis_is_reproducible_and_checks_arguments(holzinger):
    items = holzinger[[f"x{j}" for j in range(1, 10)]]
    first = parallel_analysis(items, n_iter=5, seed=7)
    pd.testing.assert_frame_equal(
        first.eigenvalues, parallel_analysis(items, n_iter=5, seed=7).eigenvalues
    )
    with pytest.raises(ArgumentError, match="`n_iter` must be an integer of at least 2"):
        parallel_analysis(items, n_iter=1)
    with pytest.raises(ArgumentError, match="`quantile` must lie between 0 and 1"):
        parallel_analysis(items, quantile=95)


def test_smooth_correlation_matches_psych_cor_smooth():
    bad = np.array(
        [[1, 0.9, -0.9, 0.2], [0.9, 1, 0.9, 0.1], [-0.9, 0.9, 1, 0.3], [0.2, 0.1, 0.3, 1]]
    )
    psych = [1, 0.498053394016012, -0.487617587613546, 0.122415990285926, 0.498053394016012,
             1, 0.495469675160038, 0.140930302118567, -0.487617587613546, 0.495469675160038,
             1, 0.209586466734213, 0.122415990285926, 0.140930302118567, 0.209586466734213,
             1]  # fmt: skip
    np.testing.assert_allclose(smooth_correlation(bad), np.reshape(psych, (4, 4)), atol=1e-9)
    good = np.array([[1.0, 0.3], [0.3, 1.0]])
    assert smooth_correlation(good) is good


def test_efa_smooths_a_matrix_that_is_not_positive_definite():
    # Three items answered in disjoint pairs: the pairwise correlations contradict.
    rng = np.random.default_rng(5)
    base = rng.normal(size=(3, 200))
    noise = rng.normal(scale=0.3, size=(6, 200))
    blocks = [
        (base[0] + noise[0], base[0] + noise[1], np.nan),
        (np.nan, base[1] + noise[2], base[1] + noise[3]),
        (base[2] + noise[4], np.nan, -base[2] + noise[5]),
    ]
    frame = pd.concat(
        [pd.DataFrame({"a": a, "b": b, "c": c}) for a, b, c in blocks], ignore_index=True
    )
    frame["d"] = rng.normal(size=len(frame))
    with pytest.warns(UserWarning) as record:  # with a Heywood case, unsurprisingly
        result = efa(frame, n_factors=1)
    messages = [str(warning.message) for warning in record]
    assert any("pearson correlation matrix of `items` is not positive" in m for m in messages)
    assert np.linalg.eigvalsh(result.correlation.to_numpy()).min() > 0
