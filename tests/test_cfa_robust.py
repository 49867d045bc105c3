"""Tests of the robust (MLR) and full-information (FIML) estimators of techvet_survey.cfa
against lavaan 0.6-14 (script: tests/reference/cfa_robust.R)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_cfa import HS_MODEL, HS_SCORE

from techvet_survey.cfa import fit_cfa, measurement_invariance
from techvet_survey.cfa._moments import sample_moments
from techvet_survey.cfa._patterns import first_order, loglik_gradient
from techvet_survey.cfa._robust import h1_observed_information
from techvet_survey.errors import ArgumentError

DATA = Path(__file__).parent / "reference" / "data"
ITEMS = [f"x{j}" for j in range(1, 10)]
FIT_RTOL = 1e-4  # fit statistics (lavaan's EM stops at 1e-5; ours agree to ~1e-5 or better)
EST_RTOL = 1e-3  # estimates and standard errors


@pytest.fixture(scope="module")
def hs():
    return pd.read_csv(DATA / "cfa_holzinger_swineford_1939.csv")


@pytest.fixture(scope="module")
def mcar():
    return pd.read_csv(DATA / "cfa_holzinger_mcar.csv")


def unscaled(fit: dict) -> dict:
    """The ML statistics of `fit`: MLR reports them unscaled, the same as ML's."""
    return {name: fit[name] for name in ("chi2", "df", "cfi", "tli", "rmsea", "srmr", "loglik")}


# lavaan: complete data, MLR
MLR_COMPLETE_FIT = {
    "chi2": 85.30552177,
    "df": 24.0,
    "cfi": 0.930559651799,
    "tli": 0.895839477699,
    "rmsea": 0.0921214845102,
    "srmr": 0.0652050571844,
    "loglik": -3737.74492663,
    "chi2_scaled": 87.1316033666,
    "df_scaled": 24.0,
    "scaling_factor": 0.979042258766,
    "cfi_robust": 0.929863935696,
    "tli_robust": 0.894795903544,
    "rmsea_robust": 0.0924986213716,
}
MLR_COMPLETE_EST = [
    0.5535002938,
    0.7293702098,
    1.1130765781,
    0.9261462366,
    1.1799508395,
    1.0815301569,
    0.5490539732,
    1.1338390165,
    0.8443240457,
    0.3711729928,
    0.4462550703,
    0.3562026643,
    0.7993916383,
    0.4876970838,
    0.5661312936,
    0.8093159811,
    0.9794913729,
    0.3837476493,
    0.4082324421,
    0.2622246020,
    0.1734946846,
]
MLR_COMPLETE_SE = [
    0.1320779065,
    0.1410870311,
    0.0656855916,
    0.0613780044,
    0.1304447400,
    0.2663758967,
    0.1564681909,
    0.1118787446,
    0.1002858290,
    0.0502818521,
    0.0567036314,
    0.0465165308,
    0.0972220958,
    0.1195330838,
    0.1187391638,
    0.1803962672,
    0.1212975995,
    0.1067048701,
    0.0993173460,
    0.0600596391,
    0.0563065759,
]

# lavaan: MCAR, ML, missing = ml
FIML_ML_FIT = {
    "chi2": 64.6237576068,
    "df": 24.0,
    "cfi": 0.947394572906,
    "tli": 0.921091859359,
    "rmsea": 0.0749896242425,
    "srmr": 0.0536325583306,
    "loglik": -3418.17521603,
    "cfi_robust": 0.94518902183,
    "tli_robust": 0.917783532745,
    "rmsea_robust": 0.0826934640045,
}
FIML_ML_EST = [
    0.5596100774,
    0.7319407342,
    1.1292404191,
    0.9520268745,
    1.1326803980,
    1.3391152256,
    0.4957396561,
    1.1222089881,
    0.7857757933,
    0.4030107222,
    0.3891425595,
    0.3532940001,
    0.8785674230,
    0.6081892536,
    0.4614643277,
    0.8873016319,
    0.9723515622,
    0.3239640671,
    0.3979280239,
    0.2930523450,
    0.1715974624,
    4.9452510182,
    6.0531357782,
    2.2535031267,
    3.0387864742,
    4.3212244906,
    2.1985257490,
    4.1747378896,
    5.5557305000,
    5.3583342318,
]
FIML_ML_SE = [
    0.1031411117,
    0.1089041988,
    0.0702987522,
    0.0623425478,
    0.1706468975,
    0.3034187910,
    0.1199707121,
    0.1071337294,
    0.0931423163,
    0.0534331626,
    0.0605935158,
    0.0474417461,
    0.1061369997,
    0.1042182596,
    0.1205038785,
    0.1586508443,
    0.1176637164,
    0.1006195763,
    0.0805317942,
    0.0580260891,
    0.0487158742,
    0.0704013056,
    0.0705799343,
    0.0669080951,
    0.0694203730,
    0.0750841475,
    0.0652464463,
    0.0659266567,
    0.0601236628,
    0.0607764450,
]

# lavaan: MCAR, MLR, missing = ml
FIML_MLR_FIT = {
    **unscaled(FIML_ML_FIT),
    "chi2_scaled": 67.1731923746,
    "df_scaled": 24.0,
    "scaling_factor": 0.962046842236,
    "cfi_robust": 0.946292219508,
    "tli_robust": 0.919438329262,
    "rmsea_robust": 0.0818061149226,
}
# MLR changes only the standard errors and the test statistic: the estimates are ML's
FIML_MLR_EST = FIML_ML_EST
FIML_MLR_SE = [
    0.1149979839,
    0.1161763155,
    0.0712230501,
    0.0668843683,
    0.1431234568,
    0.4675002063,
    0.1323977870,
    0.1183410098,
    0.0970449199,
    0.0565390378,
    0.0602138171,
    0.0470435141,
    0.1365459748,
    0.1507019861,
    0.1780549928,
    0.1717470169,
    0.1249002362,
    0.1385832642,
    0.0937313579,
    0.0554908472,
    0.0564958476,
    0.0710260731,
    0.0706378894,
    0.0668969430,
    0.0693440189,
    0.0751432817,
    0.0650753338,
    0.0658815088,
    0.0600318181,
    0.0606865636,
]

# lavaan: MCAR, ML, missing = ml, metric by school
FIML_ML_METRIC_FIT = {
    "chi2": 113.907030932,
    "df": 54.0,
    "cfi": 0.924105696806,
    "tli": 0.898807595741,
    "rmsea": 0.0858566162244,
    "srmr": 0.0713353455355,
    "loglik": -3371.05516599,
    "cfi_robust": 0.922413806538,
    "tli_robust": 0.896551742051,
    "rmsea_robust": 0.0935160358507,
}
FIML_ML_METRIC_EST = [
    0.5884547595,
    0.7650785740,
    1.1007184681,
    0.9340255838,
    1.1814383319,
    1.2084057812,
    0.4934514849,
    1.2399300188,
    0.8579613200,
    0.4520837298,
    0.4337825663,
    0.2904365181,
    0.8946548712,
    0.5740600314,
    0.6257574719,
    0.8876666906,
    0.8963263077,
    0.2747414858,
    0.4043518645,
    0.1988377507,
    0.1729776135,
    4.9758849533,
    5.9511866524,
    2.4599763497,
    2.8032978763,
    3.9834531148,
    1.9264434015,
    4.4606139434,
    5.5922428814,
    5.4064175547,
    0.5884547595,
    0.7650785740,
    1.1007184681,
    0.9340255838,
    1.1814383319,
    1.2084057812,
    0.5628373117,
    0.9368347038,
    0.5536757881,
    0.3618706488,
    0.3568276903,
    0.4068885755,
    0.6307999584,
    0.5176848629,
    0.4464519199,
    0.8277943179,
    0.9222313408,
    0.4137458842,
    0.4505951159,
    0.3398180308,
    0.2359783774,
    4.9073928918,
    6.1648933904,
    2.0161010420,
    3.2910981093,
    4.6883412771,
    2.4893782408,
    3.8684831366,
    5.5218931823,
    5.3035232999,
]
FIML_ML_METRIC_SE = [
    0.1066590298,
    0.1146154789,
    0.0721296591,
    0.0653134262,
    0.1610417941,
    0.2727840544,
    0.1599136776,
    0.1603271166,
    0.1326786238,
    0.0787243923,
    0.0876245092,
    0.0578568416,
    0.1304686610,
    0.1157358326,
    0.1292896093,
    0.2046665334,
    0.1408182993,
    0.0869292389,
    0.1093316623,
    0.0682944754,
    0.0625162473,
    0.0973950274,
    0.1028053811,
    0.0961815971,
    0.0959041865,
    0.1006606844,
    0.0846818284,
    0.0908251618,
    0.0816937686,
    0.0840978579,
    0.1066590298,
    0.1146154789,
    0.0721296591,
    0.0653134262,
    0.1610417941,
    0.2727840544,
    0.1349892744,
    0.1304014564,
    0.1042972092,
    0.0717241761,
    0.0781207555,
    0.0719902178,
    0.1268019754,
    0.1479554098,
    0.1468571520,
    0.1780746016,
    0.1448209990,
    0.1272891437,
    0.1054656076,
    0.0848745214,
    0.0716794418,
    0.1019937183,
    0.0952270952,
    0.0881218847,
    0.0965147446,
    0.1032820338,
    0.0930651853,
    0.0879119927,
    0.0886084288,
    0.0877621115,
]

# lavaan: MCAR, MLR, missing = ml, scalar by school
FIML_MLR_SCALAR_FIT = {
    "chi2": 150.573571696,
    "df": 60.0,
    "cfi": 0.885255236242,
    "tli": 0.86230628349,
    "rmsea": 0.100151364788,
    "srmr": 0.0831823262047,
    "loglik": -3389.38843638,
    "chi2_scaled": 156.252261031,
    "df_scaled": 60.0,
    "scaling_factor": 0.963656914164,
    "cfi_robust": 0.886692988803,
    "tli_robust": 0.864031586564,
    "rmsea_robust": 0.1071382902,
}
FIML_MLR_SCALAR_EST = [
    0.5613055740,
    0.7705128973,
    1.1313711604,
    0.9542460325,
    1.0883838296,
    1.1232204832,
    0.4831263120,
    1.2838152311,
    0.9041765802,
    0.4635974484,
    0.4316472528,
    0.2865464787,
    0.9434533083,
    0.5896360541,
    0.6399358022,
    0.8890585749,
    0.8646653441,
    0.3049141649,
    0.4018929832,
    0.2055802409,
    0.1845716367,
    5.0191906966,
    6.1195931071,
    2.2790804877,
    2.7571287407,
    4.0128569555,
    1.9325009498,
    4.2311003639,
    5.6646741384,
    5.4700917290,
    0.5613055740,
    0.7705128973,
    1.1313711604,
    0.9542460325,
    1.0883838296,
    1.1232204832,
    0.5650684768,
    0.9697369909,
    0.5782687195,
    0.3745384487,
    0.3506302357,
    0.4052784132,
    0.6584664766,
    0.5339922745,
    0.4563288819,
    0.8249941614,
    0.8899920140,
    0.4601583486,
    0.4413369550,
    0.3619947347,
    0.2474019662,
    5.0191906966,
    6.1195931071,
    2.2790804877,
    2.7571287407,
    4.0128569555,
    1.9325009498,
    4.2311003639,
    5.6646741384,
    5.4700917290,
    -0.1669906429,
    0.5737586469,
    -0.1924021567,
]
FIML_MLR_SCALAR_SE = [
    0.1182966829,
    0.1494323196,
    0.0712601123,
    0.0700079062,
    0.1413778421,
    0.3759886000,
    0.1849090394,
    0.1741653543,
    0.1401651498,
    0.0840637123,
    0.0828865816,
    0.0663925576,
    0.1527992791,
    0.1058913408,
    0.1574851577,
    0.2480830254,
    0.1406413064,
    0.1154092146,
    0.1273351087,
    0.0723315922,
    0.0676886205,
    0.0960265483,
    0.0879684538,
    0.0898177705,
    0.0879309919,
    0.1033121608,
    0.0764572731,
    0.0860634739,
    0.0849600374,
    0.0775430913,
    0.1182966829,
    0.1494323196,
    0.0712601123,
    0.0700079062,
    0.1413778421,
    0.3759886000,
    0.1586156307,
    0.1629442910,
    0.1362842802,
    0.0731439214,
    0.0782559997,
    0.0713660430,
    0.1818560470,
    0.2236441480,
    0.2035317267,
    0.1910768429,
    0.1439931879,
    0.1766015046,
    0.1091831909,
    0.1072206934,
    0.0933670199,
    0.0960265483,
    0.0879684538,
    0.0898177705,
    0.0879309919,
    0.1033121608,
    0.0764572731,
    0.0860634739,
    0.0849600374,
    0.0775430913,
    0.1397802232,
    0.1194984473,
    0.1186917376,
]

# lavaan: listwise configural
LADDER_LISTWISE_CONFIGURAL_FIT = {
    "chi2": 115.851343876,
    "df": 48.0,
    "cfi": 0.923398380409,
    "tli": 0.885097570613,
    "rmsea": 0.0969148567676,
    "srmr": 0.0678640117525,
    "loglik": -3682.19751207,
    "chi2_scaled": 121.740693934,
    "df_scaled": 48.0,
    "scaling_factor": 0.951623817246,
    "cfi_robust": 0.920614836037,
    "tli_robust": 0.880922254055,
    "rmsea_robust": 0.0985592506696,
}

# lavaan: listwise metric
LADDER_LISTWISE_METRIC_FIT = {
    "chi2": 124.04354418,
    "df": 54.0,
    "cfi": 0.920923468577,
    "tli": 0.894564624769,
    "rmsea": 0.0928365358683,
    "srmr": 0.0716515837898,
    "loglik": -3686.29361223,
    "chi2_scaled": 125.99745551,
    "df_scaled": 54.0,
    "scaling_factor": 0.984492454061,
    "cfi_robust": 0.919814403784,
    "tli_robust": 0.893085871712,
    "rmsea_robust": 0.0933898418693,
}

# lavaan: listwise scalar
LADDER_LISTWISE_SCALAR_FIT = {
    "chi2": 164.102830925,
    "df": 60.0,
    "cfi": 0.882471812681,
    "tli": 0.858966175217,
    "rmsea": 0.107371098089,
    "srmr": 0.0824470585788,
    "loglik": -3706.3232556,
    "chi2_scaled": 166.748219054,
    "df_scaled": 60.0,
    "scaling_factor": 0.984135433985,
    "cfi_robust": 0.881154612781,
    "tli_robust": 0.857385535337,
    "rmsea_robust": 0.107860859925,
}
LADDER_LISTWISE_SCALAR_EST = [
    0.5756612716,
    0.7984308819,
    1.1199336600,
    0.9319745612,
    1.1295233521,
    1.0090768337,
    0.5554409010,
    1.2962962168,
    0.9443996309,
    0.4454280339,
    0.5024010535,
    0.2632068167,
    0.8883425556,
    0.5407112294,
    0.6535657930,
    0.7962083698,
    0.8794475811,
    0.3223881403,
    0.4097388991,
    0.1780581321,
    0.1800986117,
    5.0014036142,
    6.1512056243,
    2.2712149729,
    2.7779359392,
    4.0347236488,
    1.9256235816,
    4.2421282769,
    5.6304581656,
    5.4652892447,
    0.5756612716,
    0.7984308819,
    1.1199336600,
    0.9319745612,
    1.1295233521,
    1.0090768337,
    0.6537063658,
    0.9641582571,
    0.6405713551,
    0.3431306590,
    0.3763192584,
    0.4370850195,
    0.6250476617,
    0.4340591487,
    0.5221420491,
    0.7080058766,
    0.8700921491,
    0.5050032310,
    0.4269729439,
    0.3286122407,
    0.2361203173,
    5.0014036142,
    6.1512056243,
    2.2712149729,
    2.7779359392,
    4.0347236488,
    1.9256235816,
    4.2421282769,
    5.6304581656,
    5.4652892447,
    -0.1476990580,
    0.5763631523,
    -0.1773502488,
]
LADDER_LISTWISE_SCALAR_SE = [
    0.1309860116,
    0.1725513636,
    0.0673708549,
    0.0636082106,
    0.1330795234,
    0.2074370647,
    0.1840898239,
    0.1610830385,
    0.1465154019,
    0.0728638145,
    0.0810671956,
    0.0581673960,
    0.1277877582,
    0.0890508706,
    0.1149594569,
    0.2386458273,
    0.1350314173,
    0.0921257175,
    0.1346498944,
    0.0669110447,
    0.0623352270,
    0.0942766429,
    0.0867998200,
    0.0945690150,
    0.0863449606,
    0.1032018786,
    0.0747799842,
    0.0789941234,
    0.0750705710,
    0.0718035559,
    0.1309860116,
    0.1725513636,
    0.0673708549,
    0.0636082106,
    0.1330795234,
    0.2074370647,
    0.1771173267,
    0.1518132667,
    0.1294213722,
    0.0650457507,
    0.0728804280,
    0.0738071802,
    0.1059158812,
    0.1472478184,
    0.1254294446,
    0.1861230566,
    0.1433744116,
    0.1245972954,
    0.1066585882,
    0.1005467774,
    0.0974479882,
    0.0942766429,
    0.0867998200,
    0.0945690150,
    0.0863449606,
    0.1032018786,
    0.0747799842,
    0.0789941234,
    0.0750705710,
    0.0718035559,
    0.1402539951,
    0.1190692349,
    0.1035913798,
]

# lavaan: ml configural
LADDER_FIML_CONFIGURAL_FIT = {
    "chi2": 105.312707203,
    "df": 48.0,
    "cfi": 0.927392362638,
    "tli": 0.891088543956,
    "rmsea": 0.0890710542972,
    "srmr": 0.0681161023756,
    "loglik": -3366.75800413,
    "chi2_scaled": 119.696559317,
    "df_scaled": 48.0,
    "scaling_factor": 0.879830696925,
    "cfi_robust": 0.926697482274,
    "tli_robust": 0.890046223411,
    "rmsea_robust": 0.0963453528552,
}

# lavaan: ml metric
LADDER_FIML_METRIC_FIT = {
    **unscaled(FIML_ML_METRIC_FIT),
    "chi2_scaled": 120.691709542,
    "df_scaled": 54.0,
    "scaling_factor": 0.943785048398,
    "cfi_robust": 0.923895488109,
    "tli_robust": 0.898527317479,
    "rmsea_robust": 0.0925550813849,
}

# lavaan: ml scalar
# the scalar step of the ladder is the multigroup scalar model above (FIML_MLR_SCALAR_*)
LADDER_FIML_SCALAR_FIT = FIML_MLR_SCALAR_FIT

# lavTestLRT(configural, metric, scalar, method = "satorra.bentler.2001"): Chisq diff, p
SB2001 = {
    "listwise": [(6.56720173686, 3.62730518814e-01), (40.83839122846, 3.11585998078e-07)],
    "fiml": [(5.90504772109, 4.33910425729e-01), (32.09314820627, 1.56602114732e-05)],
}
# lavTestScore(scalar)$uni X2 (MLR; expected information), constraints in lavaan's order
SCORE_CHI2 = {
    # the ML ladder's: the score test does not depend on the standard errors
    "listwise": HS_SCORE,
    "fiml": [
        0.30849599596712,
        0.99518035696827,
        3.31533500779807,
        4.86087989078847,
        0.00771761239616,
        0.03353793341616,
        3.06433439701800,
        6.59763644670619,
        12.99188610279684,
        1.81593707759522,
        0.96768176979931,
        0.07612618755106,
        17.92209883353335,
        3.86378414316936,
        2.71706005249585,
    ],
}


def check_fit(fit: pd.DataFrame, expected: dict) -> None:
    names = list(expected)
    np.testing.assert_allclose(
        fit[names].iloc[0].to_numpy(dtype=float), [expected[n] for n in names], rtol=FIT_RTOL
    )


def check_estimates(result, est, se) -> None:
    free = result.estimates[result.estimates["free"]]
    np.testing.assert_allclose(free["est"].to_numpy()[: len(est)], est, rtol=EST_RTOL)
    np.testing.assert_allclose(free["se"].to_numpy()[: len(se)], se, rtol=EST_RTOL)


# --- fit_cfa --------------------------------------------------------------------------


def test_mlr_complete_data_matches_lavaan(hs):
    result = fit_cfa(hs, HS_MODEL, estimator="MLR")
    check_fit(result.fit, MLR_COMPLETE_FIT)
    # lavaan fits no mean structure for one complete-data group: 21 parameters, then ours
    # adds the 9 (saturated) intercepts, which leave the others' SEs unchanged
    check_estimates(result, MLR_COMPLETE_EST, MLR_COMPLETE_SE)
    fit = result.fit.iloc[0]
    assert (fit["estimator"], fit["nan_policy"]) == ("MLR", "listwise")
    assert fit["p_val_scaled"] == pytest.approx(
        float(__import__("scipy").stats.chi2.sf(fit["chi2_scaled"], 24))
    )


def test_ml_leaves_the_robust_columns_empty_and_keeps_its_standard_errors(hs):
    ml = fit_cfa(hs, HS_MODEL)
    mlr = fit_cfa(hs, HS_MODEL, estimator="MLR")
    robust = ["chi2_scaled", "df_scaled", "scaling_factor", "cfi_robust", "rmsea_robust"]
    assert ml.fit[robust].isna().all(axis=None)
    np.testing.assert_allclose(ml.estimates["est"], mlr.estimates["est"], rtol=1e-8)
    assert not np.allclose(ml.estimates["se"].dropna(), mlr.estimates["se"].dropna())


def test_fiml_ml_matches_lavaan(mcar):
    result = fit_cfa(mcar, HS_MODEL, nan_policy="fiml")
    check_fit(result.fit, FIML_ML_FIT)
    check_estimates(result, FIML_ML_EST, FIML_ML_SE)
    fit = result.fit.iloc[0]
    assert (fit["n"], fit["nan_policy"]) == (301, "fiml")
    assert np.isnan(fit["chi2_scaled"])


def test_fiml_mlr_matches_lavaan(mcar):
    result = fit_cfa(mcar, HS_MODEL, estimator="MLR", nan_policy="fiml")
    check_fit(result.fit, FIML_MLR_FIT)
    check_estimates(result, FIML_MLR_EST, FIML_MLR_SE)


def test_fiml_ml_multigroup_metric_matches_lavaan(mcar):
    result = fit_cfa(mcar, HS_MODEL, group="school", equal=["loadings"], nan_policy="fiml")
    check_fit(result.fit, FIML_ML_METRIC_FIT)
    check_estimates(result, FIML_ML_METRIC_EST, FIML_ML_METRIC_SE)


def test_fiml_uses_every_respondent_listwise_does_not(mcar):
    listwise = fit_cfa(mcar, HS_MODEL)
    fiml = fit_cfa(mcar, HS_MODEL, nan_policy="fiml")
    assert listwise.fit["n"].iloc[0] == mcar[ITEMS].notna().all(axis=1).sum() == 134
    assert fiml.fit["n"].iloc[0] == 301


def test_fiml_on_complete_data_is_ml(hs):
    ml = fit_cfa(hs, HS_MODEL, group="school", equal=["loadings"])
    fiml = fit_cfa(hs, HS_MODEL, group="school", equal=["loadings"], nan_policy="fiml")
    for name in ["chi2", "cfi", "tli", "rmsea", "srmr", "loglik"]:
        assert fiml.fit[name].iloc[0] == pytest.approx(ml.fit[name].iloc[0], rel=1e-7)
    np.testing.assert_allclose(fiml.estimates["est"], ml.estimates["est"], rtol=1e-6)


def test_rows_without_any_answer_are_dropped_under_fiml(mcar):
    empty = mcar.head(3).assign(**dict.fromkeys(ITEMS, np.nan))
    padded = pd.concat([mcar, empty], ignore_index=True)
    result = fit_cfa(padded, HS_MODEL, nan_policy="fiml")
    assert result.fit["n"].iloc[0] == 301
    assert result.fit["chi2"].iloc[0] == pytest.approx(FIML_ML_FIT["chi2"], rel=FIT_RTOL)


def test_fiml_item_never_answered_in_a_group_gives_nan_row_and_warning(mcar):
    holes = mcar.assign(x5=np.where(mcar["school"] == "Pasteur", np.nan, mcar["x5"]))
    with pytest.warns(RuntimeWarning, match=r"group 'Pasteur' has fewer than 2 answers to item"):
        result = fit_cfa(holes, HS_MODEL, group="school", estimator="MLR", nan_policy="fiml")
    assert not result.converged
    assert "drop the item(s) or the group" in result.fit["message"].iloc[0]
    assert result.fit[["chi2", "chi2_scaled", "cfi_robust"]].isna().all(axis=None)


def test_mlr_with_raise_still_refuses_missing_values(mcar):
    with pytest.raises(ValueError, match=r"`data` has missing values .*`nan_policy='raise'`"):
        fit_cfa(mcar, HS_MODEL, estimator="MLR", nan_policy="raise")


def test_unknown_estimator_names_the_choices(hs):
    with pytest.raises(ArgumentError, match=r"`estimator` must be one of \['ML', 'MLR'\]"):
        fit_cfa(hs, HS_MODEL, estimator="WLS")
    with pytest.raises(ArgumentError, match=r"`estimator` must be one of"):
        measurement_invariance(hs, HS_MODEL, group="school", estimator="mlr")


# --- the casewise scores behind the robust statistics ----------------------------------


def casewise_scores(values: np.ndarray, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """d log f(y_i) / d(mu, vech Sigma), respondent by respondent (the slow way)."""
    p = len(mu)
    rows, cols = np.tril_indices(p)
    full = np.full((p, p), -1)
    full[rows, cols] = p + np.arange(len(rows))
    scores = np.zeros((len(values), p + len(rows)))
    for i, y in enumerate(values):
        o = np.flatnonzero(~np.isnan(y))
        inverse = np.linalg.inv(sigma[np.ix_(o, o)])
        r = y[o] - mu[o]
        g = 0.5 * (inverse @ np.outer(r, r) @ inverse - inverse)
        scores[i, o] = inverse @ r
        for a in range(len(o)):
            for b in range(a + 1):
                scores[i, full[o[a], o[b]]] = g[a, b] * (1.0 if a == b else 2.0)
    return scores


def test_pattern_statistics_equal_casewise_sums(mcar):
    moments = sample_moments(mcar, tuple(ITEMS), None, "fiml", robust=True)
    patterns = moments.patterns[0]
    values = mcar[ITEMS].to_numpy(dtype=float)
    rng = np.random.default_rng(3)
    mu = moments.mean[0] + rng.normal(scale=0.1, size=9)
    sigma = moments.cov[0] + 0.1 * np.eye(9)
    scores = casewise_scores(values, mu, sigma)
    np.testing.assert_allclose(loglik_gradient(patterns, mu, sigma), scores.sum(axis=0))
    np.testing.assert_allclose(first_order(patterns, mu, sigma), scores.T @ scores / 301)
    # the observed information is the derivative of the gradient
    step = 1e-6
    q = scores.shape[1]
    numeric = np.zeros((q, q))
    for j in range(q):
        shift = np.zeros(q)
        shift[j] = step
        up = _unpack(shift, mu, sigma)
        down = _unpack(-shift, mu, sigma)
        numeric[:, j] = (loglik_gradient(patterns, *up) - loglik_gradient(patterns, *down)) / (
            2 * step
        )
    np.testing.assert_allclose(
        h1_observed_information(patterns, mu, sigma), -numeric / 301, rtol=1e-5, atol=1e-8
    )


def _unpack(shift: np.ndarray, mu: np.ndarray, sigma: np.ndarray):
    p = len(mu)
    rows, cols = np.tril_indices(p)
    change = np.zeros((p, p))
    change[rows, cols] = shift[p:]
    change[cols, rows] = shift[p:]
    return mu + shift[:p], sigma + change


def test_em_reaches_the_saturated_maximum(mcar):
    moments = sample_moments(mcar, tuple(ITEMS), "school", "fiml")
    for g, patterns in enumerate(moments.patterns):
        gradient = loglik_gradient(patterns, moments.mean[g], moments.cov[g])
        assert np.max(np.abs(gradient)) < 1e-6


# --- measurement_invariance --------------------------------------------------------------


@pytest.mark.parametrize("policy", ["listwise", "fiml"])
def test_mlr_ladder_matches_lavaan(hs, mcar, policy):
    data = mcar if policy == "fiml" else hs
    result = measurement_invariance(
        data, HS_MODEL, group="school", estimator="MLR", nan_policy=policy, rule="chisq"
    )
    ladder = result.ladder.set_index("level")
    prefix = "LADDER_FIML" if policy == "fiml" else "LADDER_LISTWISE"
    for level in ["configural", "metric", "scalar"]:
        expected = globals()[f"{prefix}_{level.upper()}_FIT"]
        check_fit(ladder.loc[[level]], expected)
    diffs = ladder.loc[["metric", "scalar"], ["chi2_diff", "p_diff"]].to_numpy()
    np.testing.assert_allclose(diffs, SB2001[policy], rtol=FIT_RTOL)
    assert set(ladder["estimator"]) == {"MLR"}
    assert set(ladder["nan_policy"]) == {policy}
    assert ladder["diff_test"].iloc[0] == ""
    assert set(ladder["diff_test"].iloc[1:]) == {"satorra.bentler.2001"}
    # atol: a near-zero statistic (0.0077) carries lavaan's convergence error of ~1e-6
    np.testing.assert_allclose(
        result.score_tests["chi2"], SCORE_CHI2[policy], rtol=FIT_RTOL, atol=1e-5
    )
    # the chi-square rule uses the scaled difference: metric holds, scalar fails
    assert ladder.loc["metric", "invariant"]
    assert not ladder.loc["scalar", "invariant"]
    assert "Satorra-Bentler (2001) scaled difference test, MLR" in result.rule


def test_mlr_ladder_fit_index_rules_use_the_robust_indices(hs):
    result = measurement_invariance(
        hs, HS_MODEL, group="school", estimator="MLR", rule="cheung_rensvold", partial=False
    )
    ladder = result.ladder.set_index("level")
    expected = (
        LADDER_LISTWISE_METRIC_FIT["cfi_robust"] - LADDER_LISTWISE_CONFIGURAL_FIT["cfi_robust"]
    )
    assert ladder.loc["metric", "delta_cfi"] == pytest.approx(expected, rel=1e-3)
    assert "robust CFI, MLR" in result.rule


def test_ml_ladder_keeps_the_likelihood_ratio_test(hs):
    result = measurement_invariance(hs, HS_MODEL, group="school", rule="chisq", partial=False)
    ladder = result.ladder.set_index("level")
    assert ladder.loc["metric", "diff_test"] == "likelihood.ratio"
    assert np.isnan(ladder.loc["metric", "scaling_diff"])
    assert ladder.loc["metric", "chi2_diff"] == pytest.approx(
        ladder.loc["metric", "chi2"] - ladder.loc["configural", "chi2"]
    )
    assert "likelihood ratio test, ML" in result.rule


# --- FIML with values missing not at random, differently by group --------------------
# tests/reference/cfa_fiml_mnar.R: 255 of 2709 cells missing (191 in Grant-White, where a
# score above the item's median is missing five times as often, 64 in Pasteur); 140
# complete rows. FIML is then biased for the population, but it must still be lavaan's
# FIML: every statistic below is lavaan's ``missing = "ml"``.


@pytest.fixture(scope="module")
def mnar():
    return pd.read_csv(DATA / "cfa_holzinger_mnar.csv")


MNAR_ML_FIT = {
    "chi2": 74.001546196,
    "df": 24.0,
    "cfi": 0.933343609593,
    "tli": 0.90001541439,
    "rmsea": 0.0831960770495,
    "srmr": 0.0634958614034,
    "loglik": -3394.90346087,
}
MNAR_ML_EST = [
    0.4916806845,
    0.6861110993,
    1.1992053932,
    0.9555569038,
    1.0663455489,
    0.9807048270,
    0.4161560235,
    1.1332334091,
    0.8342183709,
    0.4014546928,
    0.4099168276,
    0.3452950057,
    0.7610147871,
    0.4156265801,
    0.6098486831,
    0.9701384165,
    0.9394775912,
    0.4407329888,
    0.4042278639,
    0.2723843402,
    0.1691280354,
    4.8847343386,
    6.0472936893,
    2.2313471743,
    3.0508924779,
    4.3069627461,
    2.1822190495,
    4.1340774546,
    5.4709810571,
    5.3638419718,
]
MNAR_ML_SE = [
    0.1035308482,
    0.1111547230,
    0.0808536013,
    0.0631436093,
    0.1433389733,
    0.1722364604,
    0.1409747988,
    0.1075079009,
    0.0973402607,
    0.0522434172,
    0.0671946057,
    0.0474699446,
    0.0913773239,
    0.0825933027,
    0.0915515374,
    0.1795035581,
    0.1178531288,
    0.1012413727,
    0.0821128342,
    0.0630345604,
    0.0522210176,
    0.0708817749,
    0.0699699378,
    0.0673460182,
    0.0678513688,
    0.0783891059,
    0.0644229835,
    0.0657079845,
    0.0574553566,
    0.0612036815,
]
MNAR_MLR_FIT = {
    **MNAR_ML_FIT,
    "chi2_scaled": 73.1406179207,
    "df_scaled": 24.0,
    "scaling_factor": 1.01177086412,
    "cfi_robust": 0.933062489287,
    "tli_robust": 0.899593733931,
    "rmsea_robust": 0.0920394074603,
}
# MLR changes only the standard errors and the test statistic: the estimates are ML's
MNAR_MLR_EST = MNAR_ML_EST
MNAR_MLR_SE = [
    0.1171895787,
    0.1252341000,
    0.0863346757,
    0.0702042958,
    0.1253879495,
    0.2221043948,
    0.1675496106,
    0.1148190846,
    0.1018975347,
    0.0554114189,
    0.0661667262,
    0.0522980225,
    0.0997912272,
    0.0899643804,
    0.1126107684,
    0.2043169780,
    0.1263675314,
    0.1106643210,
    0.1014809534,
    0.0693919554,
    0.0585928081,
    0.0713320709,
    0.0706063468,
    0.0675699257,
    0.0683651289,
    0.0775069359,
    0.0655247156,
    0.0656787050,
    0.0572514599,
    0.0614938864,
]
MNAR_ML_CONFIGURAL_FIT = {
    "chi2": 106.560452565,
    "df": 48.0,
    "cfi": 0.923702187751,
    "tli": 0.885553281627,
    "rmsea": 0.0900354093665,
    "srmr": 0.070568133094,
    "loglik": -3336.08733669,
}
MNAR_ML_CONFIGURAL_EST = [
    0.4035882877,
    0.5294952980,
    1.2386596947,
    0.8996341263,
    1.0584985188,
    0.8666283736,
    0.2010762764,
    1.2464569732,
    1.0063739100,
    0.4316665970,
    0.4410839443,
    0.2850703933,
    0.8274689218,
    0.5259304487,
    0.7297981605,
    1.2202041464,
    0.8718384360,
    0.3767942232,
    0.4705594370,
    0.1705170513,
    0.1888493553,
    4.9446484615,
    5.9748535796,
    2.4821674054,
    2.8280134515,
    3.9861592672,
    1.9327388108,
    4.4163603640,
    5.5588906872,
    5.4238270020,
    0.7119872257,
    0.8560715562,
    1.1030176670,
    1.0110954743,
    1.1249951006,
    1.0067765736,
    0.6204279625,
    0.9354536113,
    0.5149060352,
    0.3623552738,
    0.3708170437,
    0.3994146684,
    0.4948532732,
    0.2217127133,
    0.5538179106,
    0.7039920700,
    0.9042855364,
    0.5028139171,
    0.4214153197,
    0.2875625119,
    0.2182110326,
    4.8123109815,
    6.1553239679,
    1.9393942244,
    3.2898119126,
    4.6682940484,
    2.4670247325,
    3.8281516023,
    5.3745507049,
    5.3144947543,
]
MNAR_ML_CONFIGURAL_SE = [
    0.1372464001,
    0.1464802142,
    0.1118295797,
    0.0824770922,
    0.2654795872,
    0.2608292484,
    0.2761566034,
    0.1584406443,
    0.1434004521,
    0.0713861171,
    0.0910344237,
    0.0527888089,
    0.1423824720,
    0.1226767031,
    0.1228780082,
    0.3196675437,
    0.1495084349,
    0.1444258486,
    0.1134833275,
    0.0833246672,
    0.0754080711,
    0.0970404634,
    0.0976505819,
    0.0944770533,
    0.0920777446,
    0.1080381543,
    0.0801149616,
    0.0911673051,
    0.0794957149,
    0.0824002871,
    0.1835043833,
    0.1650551202,
    0.1180191762,
    0.1018355391,
    0.1580616589,
    0.1776066369,
    0.1497251328,
    0.1425438593,
    0.1062791874,
    0.0769144163,
    0.0918069877,
    0.0836930135,
    0.0864374070,
    0.0842914538,
    0.1070714396,
    0.2001575798,
    0.1703127892,
    0.1241922896,
    0.1081303813,
    0.0869651800,
    0.0768107275,
    0.1032771434,
    0.1007139140,
    0.0877133619,
    0.0963645022,
    0.1050312801,
    0.0991102255,
    0.0861466682,
    0.0810449629,
    0.0913456430,
]
MNAR_MLR_SCALAR_FIT = {
    "chi2": 146.745636222,
    "df": 60.0,
    "cfi": 0.886980001418,
    "tli": 0.864376001702,
    "rmsea": 0.098012156128,
    "srmr": 0.0887109865847,
    "loglik": -3356.17992852,
    "chi2_scaled": 144.437817621,
    "df_scaled": 60.0,
    "scaling_factor": 1.01597793873,
    "cfi_robust": 0.894103648157,
    "tli_robust": 0.872924377788,
    "rmsea_robust": 0.105237327122,
}
MNAR_MLR_SCALAR_EST = [
    0.5169831295,
    0.7647924387,
    1.2136106554,
    0.9612891868,
    1.0094557116,
    0.8784098753,
    0.4631807443,
    1.2189366401,
    0.9547516678,
    0.4494122447,
    0.4739601613,
    0.2631178569,
    0.8791246951,
    0.5518186659,
    0.7162728664,
    0.9162481327,
    0.8387359006,
    0.3849476033,
    0.4092465623,
    0.1744764070,
    0.1938736589,
    4.9932423797,
    6.1231806078,
    2.2820378555,
    2.7923690887,
    4.0081423256,
    1.9393524238,
    4.2319550180,
    5.6246086726,
    5.4917628222,
    0.5169831295,
    0.7647924387,
    1.2136106554,
    0.9612891868,
    1.0094557116,
    0.8784098753,
    0.5379955887,
    1.0260158326,
    0.5764753831,
    0.3928790961,
    0.3045217734,
    0.4475889250,
    0.4900562928,
    0.2404776760,
    0.5699986527,
    0.8272321860,
    0.8489319545,
    0.5869452937,
    0.4388484167,
    0.3356893071,
    0.2285156591,
    4.9932423797,
    6.1231806078,
    2.2820378555,
    2.7923690887,
    4.0081423256,
    1.9393524238,
    4.2319550180,
    5.6246086726,
    5.4917628222,
    -0.2576378164,
    0.5287952690,
    -0.2857885325,
]
MNAR_MLR_SCALAR_SE = [
    0.1104822826,
    0.1475118141,
    0.0877794233,
    0.0732323854,
    0.1194381621,
    0.1541785931,
    0.1833462682,
    0.1444730219,
    0.1378591787,
    0.0724949367,
    0.0897723350,
    0.0573050177,
    0.1420452599,
    0.0856713540,
    0.1174467286,
    0.2511418013,
    0.1391161925,
    0.1015408160,
    0.1308585598,
    0.0770206082,
    0.0662516476,
    0.0953526280,
    0.0883697940,
    0.0965743899,
    0.0861228390,
    0.1059241527,
    0.0764569142,
    0.0884768540,
    0.0755517348,
    0.0743852455,
    0.1104822826,
    0.1475118141,
    0.0877794233,
    0.0732323854,
    0.1194381621,
    0.1541785931,
    0.1794966757,
    0.1817783418,
    0.1326966802,
    0.0781624730,
    0.0803903634,
    0.0970765524,
    0.0904490076,
    0.0792956161,
    0.1065677872,
    0.2149610158,
    0.1492540132,
    0.1217748137,
    0.1160953076,
    0.1148567664,
    0.0997491781,
    0.0953526280,
    0.0883697940,
    0.0965743899,
    0.0861228390,
    0.1059241527,
    0.0764569142,
    0.0884768540,
    0.0755517348,
    0.0743852455,
    0.1450180472,
    0.1185070459,
    0.1155700449,
]


def test_mnar_data_has_the_designed_holes(mnar):
    holes = mnar[ITEMS].isna().groupby(mnar["school"]).sum().sum(axis=1)
    assert holes.to_dict() == {"Grant-White": 191, "Pasteur": 64}
    assert mnar[ITEMS].notna().all(axis=1).sum() == 140


@pytest.mark.parametrize(
    ("estimator", "fit", "est", "se"),
    [
        ("ML", MNAR_ML_FIT, MNAR_ML_EST, MNAR_ML_SE),
        ("MLR", MNAR_MLR_FIT, MNAR_MLR_EST, MNAR_MLR_SE),
    ],
)
def test_fiml_single_group_mnar_matches_lavaan(mnar, estimator, fit, est, se):
    result = fit_cfa(mnar, HS_MODEL, estimator=estimator, nan_policy="fiml")
    check_fit(result.fit, fit)
    check_estimates(result, est, se)
    assert result.fit["n"].iloc[0] == 301
    assert result.fit["chi2_scaled"].isna().iloc[0] == (estimator == "ML")


def test_fiml_ml_configural_mnar_matches_lavaan(mnar):
    result = fit_cfa(mnar, HS_MODEL, group="school", nan_policy="fiml")
    check_fit(result.fit, MNAR_ML_CONFIGURAL_FIT)
    check_estimates(result, MNAR_ML_CONFIGURAL_EST, MNAR_ML_CONFIGURAL_SE)


@pytest.mark.parametrize(
    ("data", "policy", "fit", "est", "se"),
    [
        ("mcar", "fiml", FIML_MLR_SCALAR_FIT, FIML_MLR_SCALAR_EST, FIML_MLR_SCALAR_SE),
        ("mnar", "fiml", MNAR_MLR_SCALAR_FIT, MNAR_MLR_SCALAR_EST, MNAR_MLR_SCALAR_SE),
        ("hs", "listwise", LADDER_LISTWISE_SCALAR_FIT, LADDER_LISTWISE_SCALAR_EST,
         LADDER_LISTWISE_SCALAR_SE),
    ],
)  # fmt: skip
def test_mlr_multigroup_scalar_matches_lavaan(request, data, policy, fit, est, se):
    result = fit_cfa(
        request.getfixturevalue(data),
        HS_MODEL,
        group="school",
        equal=["loadings", "intercepts"],
        estimator="MLR",
        nan_policy=policy,
    )
    check_fit(result.fit, fit)
    check_estimates(result, est, se)
