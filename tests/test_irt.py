"""Tests of techvet_survey.irt against R (eRm, mirt's published LSAT7 fit, direct MML)."""

import re
import warnings
from dataclasses import FrozenInstanceError
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, optimize, stats
from scipy.special import expit

from techvet_survey import irt
from techvet_survey.errors import ArgumentError, InputError
from techvet_survey.irt import _mml

DATA = Path(__file__).parent / "reference" / "data"


@pytest.fixture(scope="module")
def lsat7():
    table = pd.read_csv(DATA / "irt_lsat7.csv")
    return table.loc[table.index.repeat(table["freq"])].drop(columns="freq")


@pytest.fixture(scope="module")
def rasch_sim():
    return pd.read_csv(DATA / "irt_rasch_sim.csv")


@pytest.fixture(scope="module")
def lsat7_2pl(lsat7):
    return irt.fit(lsat7, model="2pl")


# ----------------------------------------------------------------- 2PL on LSAT7


def test_2pl_lsat7_matches_direct_mml_in_r(lsat7_2pl):
    # tests/reference/irt_lsat7_mml.R (BFGS on the marginal likelihood + optimHess)
    a = [0.987545968235, 1.080837410256, 1.707478335985, 0.764990054727, 0.735672768708]
    d = [1.855855751154, 0.807969712923, 1.805206645766, 0.485999880730, 1.854457713457]
    se_a = [0.1771948681172, 0.1687638790097, 0.3210770524824, 0.1341202932351, 0.1511339989896]
    se_d = [0.1314501199737, 0.0912469953181, 0.2048251962688, 0.0749134422693, 0.1144087129274]
    items = lsat7_2pl.items
    np.testing.assert_allclose(items["a"], a, atol=1e-4)
    np.testing.assert_allclose(items["d"], d, atol=1e-4)
    np.testing.assert_allclose(items["se_a"], se_a, atol=1e-4)
    np.testing.assert_allclose(items["se_d"], se_d, atol=1e-4)
    np.testing.assert_allclose(items["b"], -np.array(d) / np.array(a), atol=1e-4)
    assert lsat7_2pl.loglik == pytest.approx(-2658.80511363, abs=1e-5)
    assert lsat7_2pl.converged and lsat7_2pl.n_persons == 1000


def test_2pl_lsat7_matches_published_mirt_fit(lsat7_2pl):
    # mirt(expand.table(LSAT7), 1): three decimals, mirt's own EM tolerance is 1e-4
    items = lsat7_2pl.items
    np.testing.assert_allclose(items["a"], [0.988, 1.081, 1.706, 0.765, 0.736], atol=2e-3)
    np.testing.assert_allclose(items["d"], [1.856, 0.808, 1.804, 0.486, 1.855], atol=2e-3)
    assert lsat7_2pl.loglik == pytest.approx(-2658.805, abs=1e-3)


def test_se_of_difficulty_by_delta_method(lsat7_2pl):
    # delta method on R's optimHess covariance (tests/reference/irt_lsat7_mml.R)
    se_b = [0.263967444078, 0.109250539587, 0.115358741599, 0.130119774397, 0.446253983308]
    np.testing.assert_allclose(lsat7_2pl.items["se_b"], se_b, atol=1e-4)


def test_rasch_mml_lsat7_matches_direct_mml_in_r(lsat7):
    result = irt.fit(lsat7, model="rasch")
    d = [1.868265064840, 0.791006317294, 1.460979753654, 0.521506121628, 1.992975265238]
    se_d = [0.1004293245440, 0.0811566190800, 0.0913104442899, 0.0787251696019, 0.1037048508507]
    np.testing.assert_allclose(result.items["d"], d, atol=1e-4)
    np.testing.assert_allclose(result.items["se_d"], se_d, atol=1e-4)
    np.testing.assert_allclose(result.items["b"], -np.array(d), atol=1e-4)
    assert (result.items["a"] == 1).all()
    assert result.theta_sd == pytest.approx(1.011267811882, abs=1e-4)
    assert result.se_theta_sd == pytest.approx(0.0649430432763, abs=1e-4)
    assert result.loglik == pytest.approx(-2664.90089092, abs=1e-5)


# ----------------------------------------------------------------- Rasch by CML vs eRm

ERM_B = [
    -1.7164943225957, -1.4096062967752, -1.1359320214418, -0.8316118772687, -0.2519158088973,
    0.0573624788811, 0.6754859134489, 1.0001688614031, 1.7921969789308, 1.8203460943148,
]  # fmt: skip
ERM_SE = [
    0.147669949079, 0.138432478254, 0.132163239065, 0.127204660653, 0.123143144079,
    0.123652088200, 0.129905591659, 0.136018017555, 0.160377332211, 0.161531167769,
]  # fmt: skip


def test_rasch_cml_matches_erm(rasch_sim):
    # tests/reference/irt_rasch_erm.R: -RM(x)$betapar, RM(x)$se.beta, RM(x)$loglik
    result = irt.fit(rasch_sim, model="rasch", method="cml")
    np.testing.assert_allclose(result.items["b"], ERM_B, atol=1e-4)
    np.testing.assert_allclose(result.items["se_b"], ERM_SE, atol=1e-4)
    assert result.loglik == pytest.approx(-1013.63069192, abs=1e-5)
    assert result.items["b"].sum() == pytest.approx(0, abs=1e-10)


def test_rasch_cml_with_missing_matches_erm(rasch_sim):
    data = rasch_sim.copy()
    data.iloc[:40, 8:10] = np.nan  # not reached: R's x_na[1:40, 9:10] <- NA
    result = irt.fit(data, model="rasch", method="cml")
    b = [
        -1.7224843300854, -1.4156307044628, -1.1418875261585, -0.8373855851247,
        -0.2577352051969, 0.0507719419268, 0.6648025752611, 0.9856989075999,
        1.8204287022286, 1.8534212240118,
    ]  # fmt: skip
    se = [
        0.148129919287, 0.138929639275, 0.132678686778, 0.127713664708, 0.123545942091,
        0.123952858597, 0.129922305753, 0.135829546590, 0.173426467567, 0.174910952264,
    ]  # fmt: skip
    np.testing.assert_allclose(result.items["b"], b, atol=1e-4)
    np.testing.assert_allclose(result.items["se_b"], se, atol=1e-4)
    assert result.loglik == pytest.approx(-987.078514303, abs=1e-5)
    assert result.items["n"].tolist()[-2:] == [260, 260]


def test_rasch_mml_close_to_cml_after_centering(rasch_sim):
    # MML assumes normal abilities, CML nothing: equal up to location, close in spread
    mml = irt.fit(rasch_sim, model="rasch").items["b"]
    np.testing.assert_allclose(mml - mml.mean(), ERM_B, atol=0.05)


# ----------------------------------------------------------------- likelihood details


def _direct_loglik(values, a, d, sd=1.0):
    """Marginal log-likelihood by adaptive quadrature, skipping NaN responses."""
    total = 0.0
    for row in values:
        seen = ~np.isnan(row)

        def integrand(theta, row=row, seen=seen):
            p = expit(a[seen] * theta + d[seen])
            lik = np.prod(np.where(row[seen] == 1, p, 1 - p))
            return lik * stats.norm.pdf(theta, scale=sd)

        total += np.log(integrate.quad(integrand, -12, 12, epsabs=1e-13)[0])
    return total


def test_missing_responses_are_skipped_in_the_likelihood(rng):
    theta = rng.standard_normal(30)
    values = (rng.random((30, 5)) < expit(theta[:, None] + 0.3)).astype(float)
    values[rng.random(values.shape) < 0.15] = np.nan
    data = pd.DataFrame(values, columns=list("abcde"))
    result = irt.fit(data, model="rasch")
    d = result.items["d"].to_numpy()
    direct = _direct_loglik(values, np.ones(5), d, sd=result.theta_sd)
    assert result.loglik == pytest.approx(direct, abs=1e-6)
    assert result.items["n"].tolist() == data.notna().sum().tolist()


def test_louis_information_with_missing_equals_numerical_hessian(rng):
    values = (rng.random((200, 4)) < 0.6).astype(float)
    values[rng.random(values.shape) < 0.2] = np.nan
    correct, observed, freq, _ = _mml._patterns(values)
    nodes, weights = _mml._quadrature(61)
    params = np.array([1.2, 0.3, 0.8, -0.2, 1.5, 0.6, 0.9, 0.1])  # a1, d1, a2, d2, ...

    def loglik(p):
        _, norm = _mml._posterior(correct, observed, p[0::2], p[1::2], nodes, np.log(weights))
        return freq @ norm

    h = 1e-4
    eye = np.eye(8) * h
    numeric = np.array([
        [(loglik(params + e + f) - loglik(params + e - f) - loglik(params - e + f)
          + loglik(params - e - f)) / (4 * h * h) for f in eye]
        for e in eye
    ])  # fmt: skip
    louis = _mml._louis_information(
        correct, observed, freq, params[0::2], params[1::2], nodes, np.log(weights)
    )
    np.testing.assert_allclose(louis, -numeric, atol=1e-4)


def test_eap_abilities_match_direct_integration(lsat7, lsat7_2pl):
    a, d = lsat7_2pl.items["a"].to_numpy(), lsat7_2pl.items["d"].to_numpy()
    sample = lsat7.iloc[[0, 500, 999]].copy()
    sample.iloc[1, 3] = np.nan
    eap = irt.abilities(lsat7_2pl, sample)
    for (_, row), (_, est) in zip(sample.iterrows(), eap.iterrows(), strict=True):
        u = row.to_numpy(dtype=float)
        seen = ~np.isnan(u)

        def lik(t, u=u, seen=seen):
            p = expit(a[seen] * t + d[seen])
            return np.prod(np.where(u[seen] == 1, p, 1 - p)) * stats.norm.pdf(t)

        norm = integrate.quad(lik, -12, 12)[0]
        mean = integrate.quad(lambda t, lik=lik: t * lik(t), -12, 12)[0] / norm
        second = integrate.quad(lambda t, lik=lik: t * t * lik(t), -12, 12)[0] / norm
        assert est["theta"] == pytest.approx(mean, abs=1e-6)
        assert est["se"] == pytest.approx(np.sqrt(second - mean**2), abs=1e-6)
    assert eap["n_items"].tolist() == [5, 4, 5]
    assert eap.index.tolist() == sample.index.tolist()


def test_rasch_eap_uses_the_logit_scale(rasch_sim):
    result = irt.fit(rasch_sim, model="rasch", se=False)
    assert result.items["se_b"].isna().all() and np.isnan(result.se_theta_sd)
    d, sd = result.items["d"].to_numpy(), result.theta_sd
    row = rasch_sim.iloc[3].to_numpy(dtype=float)

    def lik(t):
        p = expit(t + d)
        return np.prod(np.where(row == 1, p, 1 - p)) * stats.norm.pdf(t, scale=sd)

    mean = integrate.quad(lambda t: t * lik(t), -15, 15)[0] / integrate.quad(lik, -15, 15)[0]
    assert irt.abilities(result, rasch_sim)["theta"].iloc[3] == pytest.approx(mean, abs=1e-6)


def test_information_and_marginal_reliability(lsat7_2pl):
    a, d = lsat7_2pl.items["a"].to_numpy(), lsat7_2pl.items["d"].to_numpy()
    items = irt.item_information(lsat7_2pl, theta=[-1.0, 0.5])
    p = expit(a * 0.5 + d)
    expected = a**2 * p * (1 - p)
    np.testing.assert_allclose(items.loc[items["theta"] == 0.5, "information"], expected)
    test = irt.test_information(lsat7_2pl, theta=[0.5])
    assert test["information"].iloc[0] == pytest.approx(expected.sum())
    assert test["se"].iloc[0] == pytest.approx(1 / np.sqrt(expected.sum()))

    def inverse_info(t):
        q = expit(a * t + d)
        return stats.norm.pdf(t) / np.sum(a**2 * q * (1 - q))

    error = integrate.quad(inverse_info, -12, 12)[0]
    assert irt.marginal_reliability(lsat7_2pl) == pytest.approx(1 / (1 + error), abs=1e-6)


def test_wright_map_puts_persons_and_items_on_one_scale(rasch_sim):
    result = irt.fit(rasch_sim, model="rasch")
    frame = irt.wright_map(result, rasch_sim)
    assert (frame["kind"] == "item").sum() == 10
    assert (frame["kind"] == "person").sum() == 300
    np.testing.assert_allclose(frame.loc[frame["kind"] == "item", "location"], result.items["b"])
    persons = frame.loc[frame["kind"] == "person", "location"]
    np.testing.assert_allclose(persons, irt.abilities(result, rasch_sim)["theta"])


# ----------------------------------------------------------------- recovery


def test_2pl_parameter_recovery(rng):
    n, n_items = 2000, 20
    a = rng.uniform(0.7, 2.0, n_items)
    b = rng.uniform(-2, 2, n_items)
    theta = rng.standard_normal(n)
    values = (rng.random((n, n_items)) < expit(a * (theta[:, None] - b))).astype(float)
    data = pd.DataFrame(values, columns=[f"q{j}" for j in range(n_items)])
    result = irt.fit(data, model="2pl")
    assert result.converged
    assert np.corrcoef(result.items["a"], a)[0, 1] > 0.95
    assert np.corrcoef(result.items["b"], b)[0, 1] > 0.95
    eap = irt.abilities(result, data)["theta"]
    assert np.corrcoef(eap, theta)[0, 1] > 0.9


# ----------------------------------------------------------------- bad input


def test_non_binary_values_are_rejected(rasch_sim):
    data = rasch_sim.copy()
    data.loc[7, "q03"] = 2
    with pytest.raises(ValueError, match=r"`scored` must hold 0/1 .* 'q03' has 2 at row 7"):
        irt.fit(data)


def test_constant_item_gives_nan_row_and_warning(rasch_sim):
    data = rasch_sim.copy()
    data["q11"] = 1.0
    with pytest.warns(RuntimeWarning, match="'q11' have no variance"):
        result = irt.fit(data, model="rasch", method="cml")
    assert result.items.loc[10, ["a", "b", "se_b"]].isna().all()
    np.testing.assert_allclose(result.items["b"].iloc[:10], ERM_B, atol=1e-4)


def test_item_splitting_the_sample_warns_about_its_slope(rng):
    theta = rng.standard_normal(60)
    values = (rng.random((60, 4)) < expit(theta[:, None])).astype(float)
    values[:, 3] = theta > 0.2  # a Guttman item: no finite slope
    data = pd.DataFrame(values, columns=["q1", "q2", "q3", "q4"])
    with (
        pytest.warns(RuntimeWarning, match="'q4' have slopes beyond"),
        pytest.warns(RuntimeWarning, match="did not converge in 200 iterations"),
    ):
        irt.fit(data, model="2pl", max_iter=200)


def test_bad_arguments(rasch_sim):
    with pytest.raises(ValueError, match="`model` must be one of"):
        irt.fit(rasch_sim, model="3pl")
    with pytest.raises(ValueError, match="`method='cml'` exists for the Rasch model only"):
        irt.fit(rasch_sim, model="2pl", method="cml")
    with pytest.raises(TypeError, match="`scored` must be a pandas DataFrame"):
        irt.fit(rasch_sim.to_numpy())
    cml = irt.fit(rasch_sim, model="rasch", method="cml")
    with pytest.raises(ValueError, match=r"refit with irt\.fit"):
        irt.abilities(cml, rasch_sim)


def test_result_is_frozen(lsat7_2pl):
    with pytest.raises(FrozenInstanceError):
        lsat7_2pl.loglik = 0.0
    changed = lsat7_2pl.with_(n_iter=0)
    assert changed.n_iter == 0 and lsat7_2pl.n_iter > 0
    assert "items" in lsat7_2pl.tables()


# ----------------------------------------------------------------- persons and fit vs eRm
# tests/reference/irt_rasch_fit_erm.R: person.parameter, itemfit, personfit, LRtest

# ML abilities of raw scores 0..10 (0 and 10 by eRm's spline extrapolation); SEs of 1..9
ERM_THETA_ML = [
    -3.6986919946940, -2.7157641692568, -1.7970048549945, -1.1389576189197, -0.5672710484576,
    -0.0226474889142, 0.5286015657057, 1.1190795716715, 1.8049162051805, 2.7557851066142,
    3.7715137108253,
]  # fmt: skip
ERM_SE_ML = [
    1.101512378539, 0.859303391831, 0.775102550004, 0.742641327550, 0.736895659726,
    0.751398203872, 0.790431652334, 0.877093108326, 1.116320816062,
]  # fmt: skip
ERM_EXTREME_ROWS = [19, 40, 50, 96, 113, 153, 165, 236, 238, 257]  # 1-based


@pytest.fixture(scope="module")
def rasch_cml(rasch_sim):
    return irt.fit(rasch_sim, model="rasch", method="cml")


@pytest.fixture(scope="module")
def rasch_sim_missing(rasch_sim):
    data = rasch_sim.astype(float)
    data.iloc[:40, 8:10] = np.nan  # R's x_na[1:40, 9:10] <- NA
    return data


def test_ml_person_parameters_match_erm(rasch_sim, rasch_cml):
    persons = irt.person_parameters(rasch_cml, rasch_sim, method="ml")
    by_score = persons.groupby("score")
    np.testing.assert_allclose(by_score["theta"].first(), ERM_THETA_ML, atol=1e-3)
    np.testing.assert_allclose(by_score["se"].first().iloc[1:-1], ERM_SE_ML, atol=1e-3)
    assert by_score["theta"].nunique().eq(1).all()
    extreme = np.flatnonzero(persons["extreme"]) + 1
    assert extreme.tolist() == ERM_EXTREME_ROWS
    assert persons.loc[persons["extreme"], "se"].isna().all()


def test_ml_person_parameters_with_missing_match_erm(rasch_sim_missing):
    result = irt.fit(rasch_sim_missing, model="rasch", method="cml")
    theta = irt.person_parameters(result, rasch_sim_missing, method="ml")["theta"]
    first = [-0.471764470389, 0.840145447473, -1.082541293798, -0.471764470389, 0.144370267439]
    later = [
        -0.5712994368445,
        0.5277756788281,
        -0.5712994368445,
        -0.0254462221205,
        -0.0254462221205,
    ]
    np.testing.assert_allclose(theta.iloc[:5], first, atol=1e-3)
    np.testing.assert_allclose(theta.iloc[40:45], later, atol=1e-3)


def _penalised_loglik(theta, row, a, d):
    """Warm's WLE maximises log L(theta) + log I(theta) / 2 (Warm 1989, eq. 11)."""
    p = expit(a * theta + d)
    seen = ~np.isnan(row)
    loglik = np.sum(np.where(row[seen] == 1, np.log(p[seen]), np.log(1 - p[seen])))
    return loglik + 0.5 * np.log(np.sum(a[seen] ** 2 * p[seen] * (1 - p[seen])))


@pytest.mark.parametrize("model", ["rasch_cml", "lsat7_2pl"])
def test_wle_maximises_warms_weighted_likelihood(model, request, rasch_sim, lsat7):
    result = request.getfixturevalue(model)
    data = (rasch_sim if model == "rasch_cml" else lsat7).astype(float).iloc[:40].copy()
    data.iloc[3, 1] = np.nan
    persons = irt.person_parameters(result, data)
    a, d = result.items["a"].to_numpy(), result.items["d"].to_numpy()
    for row, theta in zip(data.to_numpy(), persons["theta"], strict=True):
        best = optimize.minimize_scalar(
            lambda t, row=row: -_penalised_loglik(t, row, a, d),
            bounds=(-10, 10),
            method="bounded",
            options={"xatol": 1e-10},
        )
        assert theta == pytest.approx(best.x, abs=1e-5)
    assert np.isfinite(persons["theta"]).all() and persons["extreme"].any()
    info = [np.sum(a**2 * expit(a * t + d) * (1 - expit(a * t + d))) for t in persons["theta"]]
    np.testing.assert_allclose(persons["se"].iloc[5:], 1 / np.sqrt(info[5:]), rtol=1e-10)


def test_wle_is_pulled_towards_the_items_away_from_ml(rasch_sim, rasch_cml):
    # Warm's correction moves estimates towards the sum-zero item centre (Warm 1989)
    ml = irt.person_parameters(rasch_cml, rasch_sim, method="ml")
    wle = irt.person_parameters(rasch_cml, rasch_sim)
    outer = ~ml["extreme"] & (ml["theta"].abs() > 0.5)
    assert outer.sum() > 200
    assert (wle.loc[outer, "theta"].abs() < ml.loc[outer, "theta"].abs()).all()
    assert (np.sign(wle.loc[outer, "theta"]) == np.sign(ml.loc[outer, "theta"])).all()


def test_item_fit_matches_erm(rasch_sim, rasch_cml):
    table = irt.item_fit(rasch_cml, rasch_sim)
    expected = {
        "outfit_msq": [0.844006922785, 0.780914776113, 1.005431614523, 1.163267261928,
                       0.817867554612, 1.014768901679, 0.806329302419, 0.945732982369,
                       0.772888979850, 0.674933070968],
        "infit_msq": [0.998073320739, 0.910924394491, 0.985345557883, 1.058993894404,
                      0.889508855654, 1.029468317334, 0.847927276410, 1.002314121493,
                      0.925420030835, 0.813582740477],
        "outfit_t": [-0.853467681745, -1.514502483226, 0.085038889029, 1.442670812677,
                     -2.160274753829, 0.196645088260, -1.884551622228, -0.387128977670,
                     -1.161149191881, -1.736556215186],
        "infit_t": [0.00430074553749, -1.25729789437362, -0.20926406812631, 1.02371393799970,
                    -2.13739581299869, 0.55015273951327, -2.47366258780320, 0.05612125284565,
                    -0.74707806080140, -1.97500704635391],
    }  # fmt: skip
    for column, values in expected.items():
        np.testing.assert_allclose(table[column], values, atol=1e-3, err_msg=column)
    assert table["df"].tolist() == [290] * 10
    assert table["item"].tolist() == list(rasch_sim.columns)


def test_item_fit_with_missing_matches_erm_outfit(rasch_sim_missing):
    result = irt.fit(rasch_sim_missing, model="rasch", method="cml")
    outfit = [
        0.844698589967, 0.781231619275, 1.017638853062, 1.167916273767, 0.813811066828,
        0.965958891723, 0.810342783282, 0.939974136198, 0.732591228540, 0.687410966317,
    ]  # fmt: skip
    np.testing.assert_allclose(
        irt.item_fit(result, rasch_sim_missing)["outfit_msq"], outfit, atol=1e-3
    )


def test_person_fit_matches_erm(rasch_sim, rasch_cml):
    table = irt.person_fit(rasch_cml, rasch_sim)
    first = table.iloc[:5]
    np.testing.assert_allclose(
        first["outfit_msq"],
        [0.403005340814, 1.046116335454, 1.671680376887, 1.073331075265, 0.895506666426],
        atol=1e-3,
    )
    np.testing.assert_allclose(
        first["infit_msq"],
        [0.475334152319, 1.165216289928, 1.153522582354, 1.233994266131, 1.010280131623],
        atol=1e-3,
    )
    np.testing.assert_allclose(
        first["outfit_t"],
        [-1.382769011661, 0.254739804251, 1.277333117594, 0.310154902743, -0.109369363835],
        atol=1e-3,
    )
    np.testing.assert_allclose(
        first["infit_t"],
        [-1.901987742098, 0.557480224890, 0.555776461000, 0.774153389995, 0.143821360612],
        atol=1e-3,
    )
    extreme = np.array(ERM_EXTREME_ROWS) - 1
    assert table.iloc[extreme].isna().all().all()
    assert table.drop(index=extreme).notna().all().all()


def test_andersen_lr_median_split_matches_erm(rasch_sim, rasch_cml):
    test = irt.andersen_lr(rasch_cml, rasch_sim, split="median")
    assert test.statistic == pytest.approx(15.8635607114, abs=1e-4)
    assert test.df == 9
    assert test.p_val == pytest.approx(0.0697860449332, abs=1e-5)
    np.testing.assert_allclose(test.groups["loglik"], [-664.506481349, -341.192430215], atol=1e-4)
    assert test.groups["group"].tolist() == ["low", "high"]
    assert test.groups["n"].sum() == 300
    assert test.difficulties.shape == (10, 3)


def test_andersen_lr_given_split_and_missing_match_erm(rasch_sim, rasch_cml, rasch_sim_missing):
    alternating = np.tile([1, 2], 150)
    assert irt.andersen_lr(rasch_cml, rasch_sim, alternating).statistic == pytest.approx(
        9.67585024681, abs=1e-4
    )
    result = irt.fit(rasch_sim_missing, model="rasch", method="cml")
    test = irt.andersen_lr(result, rasch_sim_missing)
    assert test.statistic == pytest.approx(14.4368188683, abs=1e-4)
    assert test.df == 9


def test_andersen_lr_drops_an_item_without_variance_in_a_group(rasch_sim):
    scores = rasch_sim.sum(axis=1)
    groups = np.where(scores <= scores.median(), "low", "high")
    data = rasch_sim.astype(float)
    data["q11"] = np.where(groups == "low", 0.0, np.arange(300) % 2)
    result = irt.fit(data, model="rasch", method="cml")
    with pytest.warns(RuntimeWarning, match="Items 'q11' have no variance in some group"):
        test = irt.andersen_lr(result, data, split=groups)
    # without q11 the test is eRm's median split of the ten items
    assert test.statistic == pytest.approx(15.8635607114, abs=1e-4)
    assert test.excluded == ("q11",)
    assert test.df == 9


def test_andersen_lr_bad_arguments(rasch_sim, rasch_cml):
    with pytest.raises(ArgumentError, match="`split` must be 'median', 'mean' or one group"):
        irt.andersen_lr(rasch_cml, rasch_sim, split="mode")
    with pytest.raises(ArgumentError, match="`split` has 3 labels for 300 rows"):
        irt.andersen_lr(rasch_cml, rasch_sim, split=[1, 2, 1])
    with pytest.raises(ArgumentError, match="`split` is missing at row 4"):
        irt.andersen_lr(rasch_cml, rasch_sim, split=[1.0] * 4 + [np.nan] + [2.0] * 295)
    with pytest.raises(ArgumentError, match="puts every person in one group"):
        irt.andersen_lr(rasch_cml, rasch_sim, split=["x"] * 300)
    with pytest.raises(
        ValueError, match=re.escape("refit with irt.fit(..., model='rasch', method='cml')")
    ):
        irt.andersen_lr(irt.fit(rasch_sim, model="rasch", se=False), rasch_sim)
    with pytest.raises(TypeError, match="`result` must be an IRTResult"):
        irt.item_fit("fit", rasch_sim)
    with pytest.raises(ArgumentError, match="`method` must be one of"):
        irt.person_parameters(rasch_cml, rasch_sim, method="eap")


# ----------------------------------------------------------------- nested models


def test_rasch_against_2pl_on_lsat7(lsat7, lsat7_2pl):
    # log-likelihoods of tests/reference/irt_lsat7_mml.R; chi-square p by R's pchisq
    table = irt.compare_models(irt.fit(lsat7, model="rasch"), lsat7_2pl)
    assert table["n_params"].tolist() == [6, 10]
    np.testing.assert_allclose(table["loglik"], [-2664.90089092, -2658.80511363], atol=1e-4)
    np.testing.assert_allclose(table["aic"], [5341.80178184, 5337.61022726], atol=1e-3)
    np.testing.assert_allclose(table["bic"], [5371.24831351, 5386.68778005], atol=1e-3)
    assert table["statistic"].iloc[1] == pytest.approx(12.19155458, abs=1e-3)
    assert table["df"].iloc[1] == 4
    assert table["p_val"].iloc[1] == pytest.approx(0.0159822358842, abs=1e-5)


def test_compare_models_refuses_what_is_not_nested(lsat7, lsat7_2pl, rasch_cml):
    rasch = irt.fit(lsat7, model="rasch", se=False)
    with pytest.raises(ArgumentError, match="swap the arguments"):
        irt.compare_models(lsat7_2pl, rasch)
    with pytest.raises(ArgumentError, match="`restricted` is a CML fit"):
        irt.compare_models(rasch_cml, lsat7_2pl)
    with pytest.raises(ArgumentError, match="same items and persons"):
        irt.compare_models(irt.fit(lsat7.iloc[:500], model="rasch", se=False), lsat7_2pl)


# ----------------------------------------------------------------- small fixes


def test_wright_map_after_cml_uses_wle_abilities(rasch_sim, rasch_cml):
    frame = irt.wright_map(rasch_cml, rasch_sim)
    persons = frame.loc[frame["kind"] == "person", "location"]
    np.testing.assert_allclose(persons, irt.person_parameters(rasch_cml, rasch_sim)["theta"])
    np.testing.assert_allclose(frame.loc[frame["kind"] == "item", "location"], ERM_B, atol=1e-4)


def test_rasch_slope_has_no_standard_error(lsat7, rasch_cml):
    assert rasch_cml.items["se_a"].isna().all()
    assert irt.fit(lsat7, model="rasch", se=False).items["se_a"].isna().all()


def test_item_without_responses_is_named_as_such(rasch_sim):
    data = rasch_sim.astype(float)
    data["q11"] = np.nan
    with pytest.warns(RuntimeWarning, match="Items 'q11' have no responses at all") as caught:
        result = irt.fit(data, model="rasch", method="cml")
    assert not any("no variance" in str(w.message) for w in caught)
    assert result.items.loc[10, ["b", "se_b"]].isna().all()


def test_andersen_lr_needs_two_items_varying_in_every_group(rasch_sim):
    data = rasch_sim[["q01", "q02", "q03"]].astype(float)
    groups = np.where(np.arange(300) < 150, "a", "b")
    data.loc[:149, ["q01", "q02"]] = 1.0
    result = irt.fit(data, model="rasch", method="cml")
    with (
        pytest.warns(RuntimeWarning, match="Items 'q01', 'q02' have no variance"),
        pytest.raises(InputError, match="Fewer than two items vary in every group"),
    ):
        irt.andersen_lr(result, data, split=groups)


def test_compare_models_warns_when_the_general_fit_is_worse(lsat7, lsat7_2pl):
    rasch = irt.fit(lsat7, model="rasch", se=False)
    worse = lsat7_2pl.with_(loglik=rasch.loglik - 1.0)
    with pytest.warns(RuntimeWarning, match=r"`general` \(2pl\) has a lower log-likelihood"):
        table = irt.compare_models(rasch, worse)
    assert table["statistic"].iloc[1] == 0.0 and table["p_val"].iloc[1] == 1.0


def test_person_without_responses_gets_nan_quietly(rasch_sim, rasch_cml):
    data = rasch_sim.astype(float).iloc[:30].copy()
    data.iloc[2] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for method in irt.PERSON_METHODS:
            persons = irt.person_parameters(rasch_cml, data, method=method)
            assert persons.iloc[2][["theta", "se", "score"]].isna().all()
            assert persons.drop(index=2)["theta"].notna().all()
            assert persons["n_items"].iloc[2] == 0


def test_summaries_read_as_erm(rasch_sim, rasch_cml):
    text = rasch_cml.summary()
    assert text.startswith("Results of RM estimation (CML):")
    assert "Conditional log-likelihood: -1013.631" in text  # eRm: -1013.63069192
    assert "Number of parameters: 9" in text
    first = rasch_cml.items.iloc[0]
    assert f"{first['b']:.4g}" in text and f"{first['se_b']:.4g}" in text
    test = irt.andersen_lr(rasch_cml, rasch_sim, split="median")
    lr = test.summary()
    assert lr.startswith("Andersen LR-test:")
    assert f"LR-value: {test.statistic:.3f}" in lr and f"Chi-square df: {test.df}" in lr
    two_pl = irt.fit(rasch_sim, model="2pl").summary()
    assert "Results of 2PL estimation (MML):" in two_pl and "Discrimination" in two_pl
