"""Tests of techvet_survey.reliability.

Reference numbers come from tests/reference/reliability_psych.R (psych 2.2.9),
tests/reference/reliability_decision.R, (ordinal alpha and omega) factor_psych.R and
(reverse keying) reliability_check_keys.R; the data files they wrote are read here.
"""

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from techvet_survey.errors import ArgumentError
from techvet_survey.reliability import (
    cronbach_alpha,
    decision_consistency,
    distractor_analysis,
    item_analysis,
    kr20,
    kr21,
    omega,
    omega_loadings,
    ordinal_alpha,
    ordinal_omega,
    response_status,
    score_against_key,
    split_half,
    standard_error_of_measurement,
    subscores,
)
from techvet_survey.reliability._decision import normal_agreement

DATA = Path(__file__).parent / "reference" / "data"
CLOSED = 1e-9
ITERATIVE = 1e-3


@pytest.fixture(scope="module")
def agree(bfi):
    scale = bfi[["A1", "A2", "A3", "A4", "A5"]].copy()
    scale["A1"] = 7 - scale["A1"]
    return scale


# ---------------------------------------------------------------- alpha: psych::alpha


def test_alpha_pairwise_matches_psych(agree):
    row = cronbach_alpha(agree).iloc[0]
    assert row["alpha"] == pytest.approx(0.70301844605730412, abs=CLOSED)
    assert row["std_alpha"] == pytest.approx(0.71302857867127178, abs=CLOSED)
    assert row["g6"] == pytest.approx(0.68276267203024488, abs=CLOSED)
    assert row["average_r"] == pytest.approx(0.33196765709937237, abs=CLOSED)
    assert row["ci_low"] == pytest.approx(0.685264325886398, abs=CLOSED)
    assert row["ci_high"] == pytest.approx(0.720063389899432, abs=CLOSED)
    assert (row["n"], row["k"]) == (2800, 5)


def test_alpha_duhachek_matches_psych_ase(agree):
    row = cronbach_alpha(agree, ci_method="duhachek").iloc[0]
    assert row["ci_low"] == pytest.approx(0.685473290583844, abs=CLOSED)
    assert row["ci_high"] == pytest.approx(0.720563601530765, abs=CLOSED)


def test_alpha_listwise_uses_complete_case_n(agree):
    # psych on na.omit(x): n = 2709 in both intervals (pingouin keeps n = 2800).
    row = cronbach_alpha(agree, nan_policy="listwise").iloc[0]
    assert row["n"] == 2709
    assert row["alpha"] == pytest.approx(0.70375589437483610, abs=CLOSED)
    assert row["std_alpha"] == pytest.approx(0.71350155263464288, abs=CLOSED)
    assert row["g6"] == pytest.approx(0.68317031642944070, abs=CLOSED)
    assert row["ci_low"] == pytest.approx(0.685744635049661, abs=CLOSED)
    assert row["ci_high"] == pytest.approx(0.721035962795739, abs=CLOSED)
    duhachek = cronbach_alpha(agree, nan_policy="listwise", ci_method="duhachek").iloc[0]
    assert duhachek["ci_low"] == pytest.approx(0.685969527764196, abs=CLOSED)
    assert duhachek["ci_high"] == pytest.approx(0.721542260985476, abs=CLOSED)


def test_alpha_ability_complete_cases_matches_psych(ability):
    row = cronbach_alpha(ability, nan_policy="listwise").iloc[0]
    assert row["alpha"] == pytest.approx(0.82795192437384546, abs=CLOSED)
    assert row["std_alpha"] == pytest.approx(0.82944425998935845, abs=CLOSED)
    assert row["g6"] == pytest.approx(0.83428690023355334, abs=CLOSED)
    assert row["average_r"] == pytest.approx(0.23309890820941578, abs=CLOSED)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(
        (0.813689670327566, 0.841584989522998), abs=CLOSED
    )


def test_alpha_pairwise_leaves_out_blank_rows(ability):
    # ability has 16 rows with no answer: psych counts them (n = 1525), we do not.
    with pytest.warns(UserWarning, match="16 rows of `data` answered none"):
        row = cronbach_alpha(ability).iloc[0]
    assert row["alpha"] == pytest.approx(0.82924140096944265, abs=CLOSED)
    assert row["g6"] == pytest.approx(0.83559985832868411, abs=CLOSED)
    assert row["n"] == 1509
    tail = stats.f.ppf(0.975, 1508, 1508 * 15)
    assert row["ci_low"] == pytest.approx(1 - (1 - row["alpha"]) * tail, abs=CLOSED)


def test_bootstrap_is_reproducible_and_brackets_alpha(agree):
    first = cronbach_alpha(agree, ci_method="bootstrap", n_boot=300, seed=1)
    again = cronbach_alpha(agree, ci_method="bootstrap", n_boot=300, seed=1)
    pd.testing.assert_frame_equal(first, again)
    row = first.iloc[0]
    assert row["ci_low"] < row["alpha"] < row["ci_high"]
    # a bootstrap interval is close to the normal-theory one on 2800 rows
    duhachek = cronbach_alpha(agree, ci_method="duhachek").iloc[0]
    assert row["ci_low"] == pytest.approx(duhachek["ci_low"], abs=0.006)


def test_bootstrap_complete_path_matches_refit(rng):
    # the vectorised moments shortcut equals alpha recomputed on each resample
    data = pd.DataFrame(rng.integers(1, 6, size=(40, 4)).astype(float))
    data.columns = ["a", "b", "c", "d"]
    from techvet_survey._stats.alpha import alpha_from_cov
    from techvet_survey.reliability._alpha import bootstrap_alphas
    from techvet_survey.reliability._moments import item_moments

    moments = item_moments(data)
    fast = bootstrap_alphas(moments, 5, np.random.default_rng(3))
    weights = np.random.default_rng(3).multinomial(40, np.full(40, 1 / 40), size=5)
    slow = [alpha_from_cov(np.cov(np.repeat(data.to_numpy(), w, axis=0).T)) for w in weights]
    np.testing.assert_allclose(fast, slow, atol=1e-12)


# ---------------------------------------------------------------- item analysis


AGREE_ITEMS = {
    "alpha_if_deleted": [0.718517357026915, 0.617180037046592, 0.600259578765486,
                         0.685805652337960, 0.642952960071292],
    "item_total_r": [0.580690311761351, 0.727984531370232, 0.760319004254900,
                     0.654186437083929, 0.686588620769001],
    "item_rest_r": [0.308417739522029, 0.563615163763579, 0.587004589505369,
                    0.394444086577913, 0.488565135825834],
    "mean": [4.58656609195402, 4.80238009376127, 4.60382119682769, 4.69974829198130,
             4.56034482758621],
    "sd": [1.40773715052148, 1.17201992165085, 1.30183363919143, 1.47963268626392,
           1.25851209837184],
}  # fmt: skip


def test_item_analysis_matches_psych_item_stats(agree):
    table = item_analysis(agree)
    for column, expected in AGREE_ITEMS.items():
        np.testing.assert_allclose(table[column], expected, atol=CLOSED, err_msg=column)
    assert table["n"].tolist() == [2784, 2773, 2774, 2781, 2784]
    assert table["missing_share"].iloc[0] == pytest.approx(16 / 2800)
    assert "difficulty" not in table


def test_item_analysis_25_items_with_missing_matches_psych(bfi):
    table = item_analysis(bfi)
    np.testing.assert_allclose(
        table["item_total_r"].iloc[[0, 10, 24]],
        [0.1533370579700809, 0.0787953698597144, 0.1748549911305728],
        atol=CLOSED,
    )
    np.testing.assert_allclose(
        table["item_rest_r"].iloc[[0, 10, 24]],
        [0.01109568965213133, -0.08201116759006670, 0.04258310863652337],
        atol=CLOSED,
    )
    np.testing.assert_allclose(
        table["alpha_if_deleted"].iloc[[0, 10, 24]],
        [0.544370293898903, 0.562626512265907, 0.539108076236612],
        atol=CLOSED,
    )


def test_item_analysis_binary_items_complete_cases(ability):
    table = item_analysis(ability, nan_policy="listwise")
    np.testing.assert_allclose(
        table["item_rest_r"].iloc[:3],
        [0.502118546111653, 0.397151724784908, 0.487252857260567],
        atol=CLOSED,
    )
    np.testing.assert_allclose(
        table["item_total_r"].iloc[:3],
        [0.588340186879724, 0.489249915756466, 0.570207552861046],
        atol=CLOSED,
    )
    np.testing.assert_allclose(
        table["alpha_if_deleted"].iloc[-3:],
        [0.816224677348684, 0.817135312378963, 0.820066846733242],
        atol=CLOSED,
    )
    np.testing.assert_allclose(table["difficulty"], table["mean"])


def test_upper_lower_index_by_hand():
    # 10 people, 27 % groups hold 2.7 people: ties at the boundary share the places.
    scores = pd.DataFrame(
        {
            "i1": [1, 1, 1, 1, 0, 0, 1, 0, 0, 0],
            "i2": [1, 1, 1, 0, 1, 0, 0, 0, 0, 0],
            "i3": [1, 1, 0, 1, 1, 1, 0, 0, 1, 0],
        }
    )
    # totals 3,3,2,2,2,1,1,0,1,0: upper = rows 0,1 + 0.7 spread over rows 2,3,4
    # lower = rows 7,9 + 0.7 spread over rows 5,6,8
    table = item_analysis(scores)
    upper_i1 = (1 + 1 + 0.7 / 3 * (1 + 1 + 0)) / 2.7
    lower_i1 = (0 + 0 + 0.7 / 3 * (0 + 1 + 0)) / 2.7
    assert table["upper_lower_index"].iloc[0] == pytest.approx(upper_i1 - lower_i1)


# ---------------------------------------------------------------- omega: psych::omega


def test_omega_three_factors_matches_psych(bfi):
    row, loadings = omega(bfi, n_factors=3), omega_loadings(bfi, n_factors=3)
    assert row["omega_hierarchical"].iloc[0] == pytest.approx(0.436248650854365, abs=ITERATIVE)
    assert row["omega_total"].iloc[0] == pytest.approx(0.854810966145669, abs=ITERATIVE)
    assert row["alpha"].iloc[0] == pytest.approx(0.818838301344735, abs=CLOSED)
    np.testing.assert_allclose(
        loadings["general"].iloc[[0, 4, 16, 23]],
        [0.1534621537021623, 0.4196247706238606, 0.2446153299233793, 0.0137356836788631],
        atol=ITERATIVE,
    )
    np.testing.assert_allclose(
        loadings["h2"].iloc[[0, 17]], [0.0572985007264015, 0.5658057223939189], atol=ITERATIVE
    )


def test_omega_five_factors_matches_psych(bfi):
    row = omega(bfi, n_factors=5).iloc[0]
    assert row["omega_hierarchical"] == pytest.approx(0.461709603442416, abs=ITERATIVE)
    assert row["omega_total"] == pytest.approx(0.874809510971861, abs=ITERATIVE)


def test_omega_one_factor_matches_psych(agree):
    row, loadings = omega(agree, n_factors=1), omega_loadings(agree, n_factors=1)
    assert row["omega_total"].iloc[0] == pytest.approx(0.722943136474929, abs=ITERATIVE)
    assert row["omega_hierarchical"].iloc[0] == pytest.approx(0.723909547556841, abs=ITERATIVE)
    assert row["alpha"].iloc[0] == pytest.approx(0.712659440931565, abs=CLOSED)
    np.testing.assert_allclose(
        loadings["general"],
        [0.374176967274166, 0.678673923020210, 0.753789530601461, 0.480336805190139,
         0.614755110690911],
        atol=ITERATIVE,
    )  # fmt: skip


def test_omega_rejects_too_many_factors(agree):
    with pytest.raises(ValueError, match="`n_factors`=3 is too many for 5 items"):
        omega(agree, n_factors=3)
    with pytest.raises(ValueError, match="`n_factors`=3 is too many for 5 items"):
        omega_loadings(agree, n_factors=3)


def test_omega_returns_one_table(bfi):
    assert isinstance(omega(bfi, n_factors=3), pd.DataFrame)
    loadings = omega_loadings(bfi, n_factors=3)
    assert loadings.columns.tolist() == ["item", "general", "F1*", "F2*", "F3*", "h2", "u2"]
    assert loadings["item"].tolist() == list(bfi.columns)
    np.testing.assert_allclose(loadings["h2"] + loadings["u2"], 1.0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'return_loadings'"):
        omega(bfi, return_loadings=True)


# ---------------------------------------------------------------- split half, KR, SEM


def test_split_half_standardized_matches_psych_all_splits(ability):
    with pytest.warns(UserWarning, match="answered none"):
        table = split_half(ability, standardized=True).set_index("statistic")
    assert table.loc["lambda4_max", "guttman"] == pytest.approx(0.869393280766598, abs=CLOSED)
    assert table.loc["lambda4_min", "guttman"] == pytest.approx(0.729803150909108, abs=CLOSED)
    assert table.loc["split_mean", "guttman"] == pytest.approx(0.830771182848358, abs=CLOSED)
    assert table.loc["lambda2", "guttman"] == pytest.approx(0.833361619740727, abs=CLOSED)
    assert table.loc["lambda4_max", "n_splits"] == 6435
    assert bool(table.loc["lambda4_max", "exact"])


def test_split_half_covariances_matches_psych(ability):
    with pytest.warns(UserWarning, match="answered none"):
        table = split_half(ability).set_index("statistic")
    assert table.loc["lambda4_max", "guttman"] == pytest.approx(0.867415417059531, abs=CLOSED)
    assert table.loc["lambda4_min", "guttman"] == pytest.approx(0.733968564895428, abs=CLOSED)
    assert table.loc["lambda2", "guttman"] == pytest.approx(0.831643006636028, abs=CLOSED)
    # mean of the equal-length split-halves is alpha
    assert table.loc["split_mean", "guttman"] == pytest.approx(0.829241400969443, abs=CLOSED)


def test_split_half_odd_even_by_hand(agree):
    complete = agree.dropna()
    table = split_half(complete).set_index("statistic")
    odd = complete[["A1", "A3", "A5"]].sum(axis=1)
    even = complete[["A2", "A4"]].sum(axis=1)
    r = np.corrcoef(odd, even)[0, 1]
    assert table.loc["odd_even", "spearman_brown"] == pytest.approx(2 * r / (1 + r), abs=CLOSED)
    guttman = 4 * np.cov(odd, even)[0, 1] / (odd + even).var()
    assert table.loc["odd_even", "guttman"] == pytest.approx(guttman, abs=CLOSED)
    # k = 5: all 10 splits into 2 + 3 items are evaluated
    assert table.loc["lambda4_max", "n_splits"] == 10


def test_split_half_sampled_is_reproducible(bfi):
    first = split_half(bfi, n_splits=500, seed=4)
    assert not first.set_index("statistic").loc["lambda4_max", "exact"]
    pd.testing.assert_frame_equal(first, split_half(bfi, n_splits=500, seed=4))


def test_kr20_equals_alpha_on_binary_items(ability):
    value = kr20(ability, nan_policy="listwise")["kr20"].iloc[0]
    assert value == pytest.approx(0.82795192437384546, abs=CLOSED)


def test_kr21_by_hand():
    data = pd.DataFrame({"i1": [1, 1, 1, 0, 1, 0], "i2": [1, 1, 0, 0, 1, 0],
                         "i3": [1, 0, 1, 0, 0, 0], "i4": [1, 1, 1, 1, 0, 0]})  # fmt: skip
    totals = np.array([4, 3, 3, 1, 2, 0])
    m, v, k = totals.mean(), totals.var(), 4  # var with denominator n
    expected = k / (k - 1) * (1 - m * (k - m) / (k * v))
    row = kr21(data).iloc[0]
    assert row["kr21"] == pytest.approx(expected, abs=CLOSED)
    assert row["kr21"] <= kr20(data)["kr20"].iloc[0]


def test_kr21_equals_kr20_when_difficulties_are_equal():
    data = pd.DataFrame({"i1": [1, 1, 0, 0, 1, 0], "i2": [1, 0, 1, 0, 1, 0],
                         "i3": [1, 1, 1, 0, 0, 0]})  # fmt: skip
    assert kr21(data)["kr21"].iloc[0] == pytest.approx(kr20(data)["kr20"].iloc[0], abs=CLOSED)


def test_kr_rejects_non_binary_items(agree):
    with pytest.raises(ValueError, match=r"items \['A1'.*not scored 0/1"):
        kr20(agree)
    with pytest.raises(ValueError, match="`nan_policy` must be one of 'listwise', 'raise'"):
        kr21(agree, nan_policy="pairwise")


def test_sem_by_hand(agree):
    complete = agree.dropna()
    row = standard_error_of_measurement(complete).iloc[0]
    total_sd = complete.sum(axis=1).std()
    alpha = 0.70375589437483610
    assert row["sem"] == pytest.approx(total_sd * np.sqrt(1 - alpha), abs=CLOSED)


# ---------------------------------------------------------------- scoring and distractors

KEY = {"q1": "A", "q2": "B", "q3": "C", "q4": "D"}


@pytest.fixture
def answers():
    return pd.DataFrame(
        {
            "q1": ["A", "A", "B", None, "A", "C"],
            "q2": [None, "B", "B", None, "A", "B"],
            "q3": ["C", None, "C", None, "C", None],
            "q4": ["D", None, "A", None, "B", None],
        }
    )


def test_response_status_tells_omitted_from_not_reached(answers):
    status = response_status(answers)
    assert status.iloc[0].tolist() == ["answered", "omitted", "answered", "answered"]
    assert status.iloc[1].tolist() == ["answered", "answered", "not_reached", "not_reached"]
    assert status.iloc[3].tolist() == ["not_reached"] * 4
    assert status.iloc[5].tolist() == ["answered", "answered", "not_reached", "not_reached"]


def test_score_against_key_default_and_configured_scores(answers):
    scored = score_against_key(answers, KEY)
    np.testing.assert_array_equal(scored.iloc[0], [1, 0, 1, 1])
    np.testing.assert_array_equal(scored.iloc[1], [1, 1, np.nan, np.nan])
    np.testing.assert_array_equal(scored.iloc[2], [0, 1, 1, 0])
    zero = score_against_key(answers, pd.Series(KEY), not_reached_score=0.0, omitted_score=np.nan)
    np.testing.assert_array_equal(zero.iloc[0], [1, np.nan, 1, 1])
    np.testing.assert_array_equal(zero.iloc[1], [1, 1, 0, 0])


def test_score_against_key_rejects_bad_key(answers):
    with pytest.raises(KeyError, match="`key` names columns that `data` lacks: 'q9'"):
        score_against_key(answers, {"q1": "A", "q9": "B"})
    with pytest.raises(TypeError, match="`key` must be a non-empty mapping"):
        score_against_key(answers, ["A", "B"])


def test_distractor_analysis_by_hand():
    answers = pd.DataFrame({"q1": list("AABACAAB"), "q2": list("BBCBDBBC"),
                            "q3": list("CCDCCABD")})  # fmt: skip
    table = distractor_analysis(answers, {"q1": "A", "q2": "B", "q3": "C"}, n_groups=2)
    scored = score_against_key(answers, {"q1": "A", "q2": "B", "q3": "C"})
    rest = scored[["q2", "q3"]].sum(axis=1)
    chose_b = (answers["q1"] == "B").astype(float)
    row = table[(table.item == "q1") & (table.option == "B")].iloc[0]
    assert row["option_rest_r"] == pytest.approx(np.corrcoef(chose_b, rest)[0, 1])
    assert row["share"] == pytest.approx(2 / 8)
    # totals 3,3,0,3,1,2,2,0; average ranks put rows 2, 7, 4 in the lower group and
    # the tied 2s (ranks 4.5) together in the upper group; rows 2 and 7 chose B
    assert row["share_group_1"] == pytest.approx(2 / 3)
    assert row["share_group_2"] == pytest.approx(0.0)
    assert not row["possible_miskey"]
    with pytest.raises(ValueError, match="`n_groups` must be a positive integer; got 0"):
        distractor_analysis(answers, {"q1": "A"}, n_groups=0)


def test_distractor_flags_miskey_and_unused_key_option():
    answers = pd.DataFrame({"q1": list("AAAABBBB"), "q2": list("AAAABBBB"),
                            "q3": list("CCCCCCCA")})  # fmt: skip
    key = {"q1": "A", "q2": "B", "q3": "D"}  # q2 keyed against q1, q3's key never chosen
    with pytest.warns(UserWarning, match="option 'D' for item 'q3', which nobody chose"):
        table = distractor_analysis(answers, key)
    assert table[table.item == "q2"]["possible_miskey"].all()
    unused = table[(table.item == "q3") & (table.option == "D")].iloc[0]
    assert unused["share"] == 0 and np.isnan(unused["option_rest_r"])
    rare = table[(table.item == "q3") & (table.option == "A")].iloc[0]
    assert rare["share"] == pytest.approx(1 / 8)
    assert not rare["non_functioning"]  # 12.5 % is above 5 %


# ---------------------------------------------------------------- decision consistency


SUBKOVIAK_1988 = {  # z: (agreement p0, kappa) at r = 0.1, 0.3, 0.5, 0.7, 0.9
    0.0: ([0.53, 0.60, 0.67, 0.75, 0.86], [0.06, 0.19, 0.33, 0.49, 0.71]),
    0.5: ([0.60, 0.65, 0.71, 0.78, 0.87], [0.06, 0.18, 0.32, 0.48, 0.70]),
    1.0: ([0.75, 0.77, 0.81, 0.85, 0.91], [0.05, 0.15, 0.28, 0.44, 0.68]),
    1.5: ([0.88, 0.89, 0.90, 0.92, 0.95], [0.03, 0.11, 0.22, 0.38, 0.63]),
    2.0: ([0.96, 0.96, 0.96, 0.97, 0.98], [0.02, 0.07, 0.16, 0.31, 0.58]),
}


@pytest.mark.parametrize("z", sorted(SUBKOVIAK_1988))
def test_normal_method_reproduces_subkoviak_1988_tables(z):
    # Published two-decimal tables (Subkoviak 1988, Tables 1 and 2; the model is
    # symmetric in z, tabled for |z|).
    agreement, kappa = SUBKOVIAK_1988[z]
    for r, p0_table, kappa_table in zip((0.1, 0.3, 0.5, 0.7, 0.9), agreement, kappa, strict=True):
        p0, k = normal_agreement(-z, r)
        assert p0 == pytest.approx(p0_table, abs=0.0051)
        assert k == pytest.approx(kappa_table, abs=0.0051)


def test_huynh_matches_numerical_integration_in_r(ability):
    for cut, p0, kappa in [(8, 0.806434208225289, 0.602625544709408),
                           (12, 0.839938343548321, 0.566801417355687)]:  # fmt: skip
        row = decision_consistency(ability, cut, method="huynh").iloc[0]
        assert row["p0"] == pytest.approx(p0, abs=1e-8)
        assert row["kappa"] == pytest.approx(kappa, abs=1e-8)
        assert row["reliability"] == pytest.approx(0.790181366598434, abs=CLOSED)
    assert row["pass_rate"] == pytest.approx(0.240384615384615, abs=CLOSED)
    assert row["n"] == 1248


def test_subkoviak_matches_brute_force_simulation(ability):
    # Simulate two parallel forms per person from the regressed true proportion.
    row = decision_consistency(ability, 10).iloc[0]
    complete = ability.dropna()
    total = complete.sum(axis=1).to_numpy()
    k, rel = 16, row["reliability"]
    true = rel * total / k + (1 - rel) * total.mean() / k
    gen = np.random.default_rng(5)
    draws = 400
    first = gen.binomial(k, np.repeat(true, draws)) >= 10
    second = gen.binomial(k, np.repeat(true, draws)) >= 10
    assert row["p0"] == pytest.approx(np.mean(first == second), abs=0.003)


def test_decision_consistency_rejects_bad_cut(ability):
    with pytest.raises(ValueError, match=r"`cut_score` must lie in \(0, 16\]"):
        decision_consistency(ability, 17)
    with pytest.raises(ValueError, match="`method` must be one of"):
        decision_consistency(ability, 8, method="livingston")


# ---------------------------------------------------------------- subscores


def test_subscores_prmse_against_simulated_true_scores():
    gen = np.random.default_rng(11)
    n = 20000
    general = gen.normal(size=n)
    area_a = 0.9 * general + 0.44 * gen.normal(size=n)  # close to the total
    area_b = 0.3 * general + 0.95 * gen.normal(size=n)  # distinct: should add value
    items = {}
    for name, true in (("a", area_a), ("b", area_b)):
        for j in range(6):
            items[f"{name}{j}"] = true + gen.normal(scale=1.0, size=n)
    data = pd.DataFrame(items)
    areas = {"A": [f"a{j}" for j in range(6)], "B": [f"b{j}" for j in range(6)]}
    table = subscores(data, areas).set_index("area")
    total = data.sum(axis=1)
    for area, true in (("A", area_a), ("B", area_b)):
        sub = data[areas[area]].sum(axis=1)
        assert table.loc[area, "prmse_subscore"] == pytest.approx(
            np.corrcoef(sub, true)[0, 1] ** 2, abs=0.01
        )
        assert table.loc[area, "prmse_total"] == pytest.approx(
            np.corrcoef(total, true)[0, 1] ** 2, abs=0.01
        )
    assert bool(table.loc["B", "added_value"])


def test_subscores_accepts_item_to_area_mapping(ability):
    areas = {item: item.split(".")[0] for item in ability.columns}
    table = subscores(ability, areas)
    assert set(table["area"]) == {"reason", "letter", "matrix", "rotate"}
    assert (table["n"] == 1248).all()


# ---------------------------------------------------------------- bad input


def test_constant_item_gives_nan_row_and_warning():
    data = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 4, 4, 5], "c": [3, 3, 3, 3, 3]})
    with pytest.warns(UserWarning, match=r"\['c'\] have no variance"):
        table = item_analysis(data)
    assert np.isnan(table.loc[2, "item_total_r"]) and table.loc[2, "sd"] == 0
    with pytest.warns(UserWarning, match="no variance"):
        assert cronbach_alpha(data)["k"].iloc[0] == 2


def test_single_item_is_rejected():
    with pytest.raises(ValueError, match="`items` must name at least 2 columns"):
        cronbach_alpha(pd.DataFrame({"a": [1, 2, 3]}))


def test_all_missing_column_and_row():
    data = pd.DataFrame({"a": [1, 2, 3, np.nan], "b": [2, 3, 3, np.nan], "c": [np.nan] * 4})
    with pytest.raises(ValueError, match=r"`items` \['c'\] have no answers at all"):
        cronbach_alpha(data)
    with pytest.warns(UserWarning, match="1 rows of `data` answered none"):
        assert cronbach_alpha(data, ["a", "b"])["n"].iloc[0] == 3


def test_non_numeric_codes_are_rejected():
    data = pd.DataFrame({"a": [1, 2], "b": ["agree", "disagree"]})
    with pytest.raises(TypeError, match=r"\['b'\] are not"):
        item_analysis(data)


def test_bad_arguments_are_named(agree):
    with pytest.raises(ValueError, match="`ci_method` must be one of"):
        cronbach_alpha(agree, ci_method="wald")
    with pytest.raises(ArgumentError, match=r"`ci` must be a confidence level .*\(e\.g\. 0\.95"):
        cronbach_alpha(agree, ci=95)
    with pytest.raises(ArgumentError, match="`ci` must be a confidence level"):
        standard_error_of_measurement(agree, ci=1.0)
    with pytest.raises(ValueError, match="`nan_policy` must be one of"):
        cronbach_alpha(agree, nan_policy="drop")
    with pytest.raises(ValueError, match="has missing values"):
        cronbach_alpha(agree, nan_policy="raise")


# ---- ordinal alpha and omega (factor_psych.R: psych on polychoric correlations) --------


def test_ordinal_alpha_matches_psych_on_polychorics(agree, bfi):
    row = ordinal_alpha(agree).iloc[0]
    # psych::alpha(polychoric(agree)$rho)$total; psych's polychorics stop at ~1e-5.
    assert row["alpha"] == pytest.approx(0.7589921786224, abs=1e-4)
    assert row["g6"] == pytest.approx(0.73563475212973, abs=1e-4)
    assert row["average_r"] == pytest.approx(0.386446073553843, abs=1e-4)
    assert (row["n"], row["k"]) == (2800, 5)
    conscientious = bfi[["C1", "C2", "C3", "C4", "C5"]].copy()
    conscientious[["C4", "C5"]] = 7 - conscientious[["C4", "C5"]]
    assert ordinal_alpha(conscientious)["alpha"].iloc[0] == pytest.approx(
        0.767408351830445, abs=1e-4
    )
    assert row["alpha"] > cronbach_alpha(agree)["alpha"].iloc[0]


def test_ordinal_omega_matches_psych_poly(bfi, agree):
    five = ordinal_omega(bfi, n_factors=5).iloc[0]
    # psych::omega(bfi, nfactors=5, poly=TRUE)
    assert five["omega_hierarchical"] == pytest.approx(0.475601263474489, abs=1e-3)
    assert five["omega_total"] == pytest.approx(0.898912395269384, abs=1e-3)
    assert five["alpha"] == pytest.approx(0.842225846065285, abs=1e-4)
    one = ordinal_omega(agree, n_factors=1).iloc[0]
    assert one["omega_total"] == pytest.approx(0.768613243746444, abs=1e-3)
    assert one["omega_hierarchical"] == pytest.approx(0.769704768330394, abs=1e-3)
    with pytest.raises(ValueError, match="`n_factors`=3 is too many for 5 items"):
        ordinal_omega(agree, n_factors=3)


# ---------------------------------------------------------------- reverse keying


@pytest.fixture(scope="module")
def agree_as_asked(bfi):
    return bfi[["A1", "A2", "A3", "A4", "A5"]]


def test_check_keys_reverses_a1_as_psych(agree_as_asked):
    with pytest.warns(UserWarning, match=r"`check_keys` reversed item\(s\) 'A1'.*1 \+ 6 - x"):
        row = cronbach_alpha(agree_as_asked, check_keys=True).iloc[0]
    # psych::alpha(agree, check.keys = TRUE): keys -A1 A2 A3 A4 A5
    assert row["reversed"] == ("A1",)
    assert row["alpha"] == pytest.approx(0.703018446057304, abs=CLOSED)
    assert row["std_alpha"] == pytest.approx(0.713028578671272, abs=CLOSED)
    assert row["g6"] == pytest.approx(0.682762672030245, abs=CLOSED)
    assert row["average_r"] == pytest.approx(0.331967657099372, abs=CLOSED)


def test_check_keys_without_reversed_items_changes_nothing(agree):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        keyed = cronbach_alpha(agree, check_keys=True)
    assert keyed["reversed"].iloc[0] == ()
    pd.testing.assert_frame_equal(keyed.drop(columns="reversed"), cronbach_alpha(agree))


def test_first_component_loadings_match_psych_principal(agree_as_asked):
    from techvet_survey.reliability._keys import first_component_loadings
    from techvet_survey.reliability._moments import item_moments

    loadings = first_component_loadings(item_moments(agree_as_asked))
    # psych::principal(agree) uses cor(use = "pairwise"), whose pairwise SDs differ
    # slightly from the item SDs used here; the signs are what check_keys reads
    expected = [
        -0.506100334089880,
        0.764322996784885,
        0.796446431359328,
        0.613476211814319,
        0.717580524024917,
    ]
    np.testing.assert_allclose(loadings, expected, atol=2e-3)


def test_negative_item_rest_correlation_is_named_in_a_warning(agree_as_asked):
    with pytest.warns(UserWarning, match=r"item\(s\) 'A1' \(r = -0.31\) correlate negatively"):
        row = cronbach_alpha(agree_as_asked).iloc[0]
    # psych::alpha(agree, check.keys = FALSE): A1 unreversed
    assert row["alpha"] == pytest.approx(0.431456105281253, abs=CLOSED)
    assert "reversed" not in row.index
    with pytest.warns(UserWarning, match=r"'A1' \(r = -0.31\).*probably reverse-keyed"):
        table = item_analysis(agree_as_asked)
    assert table["item_rest_r"].iloc[0] == pytest.approx(-0.308417739522029, abs=CLOSED)


def test_no_item_rest_warning_when_every_item_agrees(agree):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cronbach_alpha(agree)
        item_analysis(agree)


def test_omega_short_scales_default_to_one_factor_and_heywood_cases_warn():
    from techvet_survey.reliability import omega, omega_loadings

    rng = np.random.default_rng(7)
    common = rng.normal(size=400)
    scale = pd.DataFrame({f"q{i}": common + rng.normal(scale=1.0, size=400) for i in range(4)})
    short = omega(scale)  # 4 items: three group factors cannot be identified
    assert short["n_factors"].iloc[0] == 1
    pd.testing.assert_frame_equal(short, omega(scale, n_factors=1))
    six = scale.assign(q4=common + rng.normal(size=400), q5=common + rng.normal(size=400))
    assert omega(six)["n_factors"].iloc[0] == 3  # psych's default where it fits
    duplicated = six.assign(q5=six["q4"] + rng.normal(scale=0.01, size=400))
    with pytest.warns(UserWarning, match=r"Heywood case: communality of q4 \(h2 = 0\.99\d\)"):
        omega_loadings(duplicated, n_factors=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a proper solution warns of nothing
        omega_loadings(six, n_factors=1)


# ------------------------------------------- the one-pass sums give the former numbers
def _former_moments(frame: pd.DataFrame, nan_policy: str):
    """n, means, covariances and item-total r as the former two-pass code computed them:
    centred float64 covariances (complete data), pairwise covariances from mask
    products, and the item-total r correlated with the person mean item by item."""
    values = frame.to_numpy(dtype=float)
    if nan_policy == "listwise":
        values = values[~np.isnan(values).any(axis=1)]
    values = values[~np.isnan(values).all(axis=1)]
    n, k = values.shape
    present = ~np.isnan(values)
    if present.all():
        centred = values - values.mean(axis=0)
        cov = centred.T @ centred / (n - 1)
        item_total = cov.sum(axis=1) / np.sqrt(np.diag(cov) * cov.sum())
    else:
        filled, mask = np.where(present, values, 0.0), present.astype(float)
        n_pair, sum_x = mask.T @ mask, filled.T @ mask
        cov = (filled.T @ filled - sum_x * sum_x.T / n_pair) / (n_pair - 1)
        person = np.nanmean(values, axis=1)
        item_total = np.array(
            [np.corrcoef(values[present[:, j], j], person[present[:, j]])[0, 1] for j in range(k)]
        )
    return n, np.nanmean(values, axis=0), cov, item_total


def _former_statistics(frame: pd.DataFrame, nan_policy: str):
    """The alpha row and item table of the former code, from its moments (textbook
    formulas written out here, not the package's)."""
    n, mean, cov, item_total = _former_moments(frame, nan_policy)
    k = cov.shape[0]
    sd = np.sqrt(np.diag(cov))
    corr = cov / np.outer(sd, sd)
    smc = 1 - 1 / np.diag(np.linalg.pinv(corr))
    alpha = {
        "alpha": k / (k - 1) * (1 - np.trace(cov) / cov.sum()),
        "std_alpha": k / (k - 1) * (1 - k / corr.sum()),
        "g6": 1 - (k - smc.sum()) / corr.sum(),
        "average_r": (corr.sum() - k) / (k * (k - 1)),
        "n": n,
    }
    row_sum, diag = cov.sum(axis=1), np.diag(cov)
    rest_var = cov.sum() - 2 * row_sum + diag
    items = pd.DataFrame(
        {
            "mean": mean,
            "sd": sd,
            "item_total_r": item_total,
            "item_rest_r": (row_sum - diag) / np.sqrt(diag * rest_var),
            "alpha_if_deleted": (k - 1) / (k - 2) * (1 - (np.trace(cov) - diag) / rest_var),
        }
    )
    return alpha, items


def _assert_former_numbers(frame: pd.DataFrame, nan_policy: str):
    alpha, items = _former_statistics(frame, nan_policy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # negative item-rest r of random data
        ours = cronbach_alpha(frame, nan_policy=nan_policy).iloc[0]
        table = item_analysis(frame, nan_policy=nan_policy)
    for name, expected in alpha.items():
        np.testing.assert_allclose(ours[name], expected, rtol=1e-10, atol=1e-10, err_msg=name)
    for name in items:
        np.testing.assert_allclose(table[name], items[name], rtol=1e-10, atol=1e-10, err_msg=name)


@pytest.mark.parametrize("nan_policy", ["pairwise", "listwise"])
def test_bundled_study_alpha_and_items_equal_the_former_two_pass_numbers(
    bundled_survey, nan_policy
):
    survey, scales = bundled_survey
    for items in scales.values():
        _assert_former_numbers(survey[items], nan_policy)


@pytest.mark.parametrize("nan_policy", ["pairwise", "listwise"])
@pytest.mark.parametrize("codes", ["integer", "halves"])
def test_random_data_with_5_percent_missing_equal_the_former_numbers(rng, nan_policy, codes):
    trait = rng.normal(size=(3000, 1))
    values = np.clip(np.round(3 + 0.8 * trait + rng.normal(size=(3000, 12))), 1, 5)
    values = values / 2 if codes == "halves" else values  # halves: the float64 path
    values[rng.random(values.shape) < 0.05] = np.nan
    frame = pd.DataFrame(values, columns=[f"q{j}" for j in range(12)])
    _assert_former_numbers(frame, nan_policy)
    _assert_former_numbers(frame.dropna(), nan_policy)  # complete data
