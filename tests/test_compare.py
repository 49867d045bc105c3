"""Tests of techvet_survey.compare against R (scripts in tests/reference/compare_*.R).

Reference numbers: R 4.2.2, effectsize 0.8.3, rstatix 0.7.2, ordinal 2022.11.16, on
tests/reference/data/compare_survey.csv and compare_ordinal.csv.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from techvet_survey._stats.contingency import table_test
from techvet_survey._stats.effect_sizes import omega_squared_from_f
from techvet_survey._stats.group_tests import compare_grouped
from techvet_survey._stats.grouped import GroupedValues
from techvet_survey.compare import (
    compare_groups,
    compare_many,
    crosstab_multiselect,
    crosstab_test,
    describe,
    ordinal_regression,
)

DATA = Path(__file__).parent / "reference" / "data"
COUNTRIES = ["Estonia", "Finland", "Latvia", "Netherlands"]


@pytest.fixture(scope="module")
def survey():
    return pd.read_csv(DATA / "compare_survey.csv")


@pytest.fixture(scope="module")
def welch(survey):
    return compare_groups(survey, "scale", group="country")


@pytest.fixture(scope="module")
def kruskal(survey):
    return compare_groups(survey, "scale", group="country", method="kruskal", seed=3, n_boot=5000)


# --- describe ---------------------------------------------------------------------------


def test_describe_matches_t_test_and_quantile(survey):
    table = describe(survey, "scale", by="country")
    assert table["country"].tolist() == COUNTRIES
    assert table["n"].tolist() == [27, 38, 21, 33]
    expected = [  # mean, sd, q1, median, q3, t.test conf.int
        [3.22530864198, 1.15025424884, 2.375, 3, 4.25, 2.77028321584, 3.68033406811],
        [3.65131578947, 0.783619667612, 3.0625, 3.625, 4.25, 3.39374641408, 3.90888516486],
        [3.03571428571, 1.28953356893, 2.25, 3.25, 4, 2.44872564267, 3.62270292875],
        [3.46464646465, 0.972278587832, 2.75, 3.5, 4.25, 3.11989146822, 3.80940146107],
    ]
    columns = ["mean", "sd", "q1", "median", "q3", "ci_low", "ci_high"]
    assert_allclose(table[columns].to_numpy(), expected, atol=1e-9)
    assert not table["suppressed"].any()


def test_describe_top_box_matches_prop_test_wilson(survey):
    table = describe(survey, "q1", by="country", top_box=(4, 5))
    assert table["n"].tolist() == [25, 38, 21, 32]
    expected = [
        [0.6, 0.40739457359, 0.765966976223],
        [0.657894736842, 0.498921035518, 0.7878758482],
        [0.428571428571, 0.244699689254, 0.634534456307],
        [0.46875, 0.308693871081, 0.63550482881],
    ]
    columns = ["agree_share", "agree_ci_low", "agree_ci_high"]
    assert_allclose(table[columns].to_numpy(), expected, atol=1e-9)


@pytest.mark.parametrize(
    ("method", "expected"),
    [("percentile", [3.40350877193, 3.89468197275]), ("bca", [3.39254385965, 3.88377192982])],
)
def test_describe_bootstrap_agrees_with_boot_ci(survey, method, expected):
    # boot::boot.ci with R = 20000: the resampled means lie on a lattice of step
    # 1/(4 x 38) = 0.0066, so the limits differ by Monte Carlo error of a few steps
    finland = survey[survey["country"] == "Finland"]
    table = describe(finland, "scale", by="country", bootstrap=method, n_boot=20000, seed=5)
    assert_allclose(table[["ci_low", "ci_high"]].to_numpy()[0], expected, atol=0.02)
    again = describe(finland, "scale", by="country", bootstrap=method, n_boot=20000, seed=5)
    pd.testing.assert_frame_equal(table, again)


def test_describe_suppresses_small_cells_by_default(survey):
    table = describe(survey, "scale", by=["country", "role"])
    small = table[(table["country"] == "Latvia") & (table["role"] == "teacher")]
    assert small["n"].tolist() == [3]
    assert small["suppressed"].all() and small[["mean", "sd", "ci_low"]].isna().all(axis=None)
    assert table.loc[~table["suppressed"], "n"].min() >= 5
    shown = describe(survey, "scale", by=["country", "role"], min_n=0)
    assert not shown["suppressed"].any()


def test_describe_never_counts_missing_group_as_category():
    frame = pd.DataFrame({"g": ["a"] * 5 + [None] * 3, "x": [1.0, 2, 3, 4, 5, 5, 5, 5]})
    table = describe(frame, "x", by="g")
    assert table["g"].tolist() == ["a"] and table["n"].tolist() == [5]


def test_describe_all_missing_group_warns():
    frame = pd.DataFrame({"g": ["a"] * 5 + ["b"] * 2, "x": [1.0, 2, 3, 4, 5, np.nan, np.nan]})
    with pytest.warns(UserWarning, match="missing for every respondent of g='b'"):
        table = describe(frame, "x", by="g")
    assert table.loc[1, "n"] == 0 and np.isnan(table.loc[1, "mean"])


def test_describe_single_value_group_warns_when_shown():
    frame = pd.DataFrame({"g": ["a"] * 5 + ["b"], "x": [1.0, 2, 3, 4, 5, 3]})
    with pytest.warns(UserWarning, match="g='b' has a single value"):
        table = describe(frame, "x", by="g", min_n=0)
    assert np.isnan(table.loc[1, "sd"]) and table.loc[1, "mean"] == 3


def test_describe_bad_input(survey):
    with pytest.raises(TypeError, match="`value` column 'country' must hold numeric codes"):
        describe(survey, "country", by="role")
    with pytest.raises(ValueError, match="`top_box` needs whole-number item codes"):
        describe(survey, "scale", by="country", top_box=(4, 5))
    with pytest.raises(KeyError, match="`by` names columns"):
        describe(survey, "scale", by="nation")
    with pytest.raises(ValueError, match="`bootstrap` must be one of"):
        describe(survey, "scale", by="country", bootstrap="normal")


# --- compare_groups: Welch / Games-Howell -------------------------------------------------


def test_welch_anova_matches_oneway_test_and_omega2(welch):
    row = welch.omnibus.iloc[0]
    assert row["test"] == "Welch ANOVA" and row["n"] == 119 and row["k"] == 4
    assert_allclose(
        row[["statistic", "df1", "df2", "p_val"]].astype(float),
        [1.8338237461, 3, 54.2458552287, 0.151910600168],
        rtol=1e-9,
    )
    # effectsize::F_to_omega2(F, 3, df2, alternative = "two.sided")
    assert_allclose(
        row[["effect_size", "ci_low", "ci_high"]].astype(float),
        [0.041178293495, 0, 0.144543716220],
        atol=1e-7,
    )


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (8.5, [0.278652073673, 0.0740347840794, 0.439542533506]),
        # upper limit from uniroot (effectsize's optim stops short here: 0.227903600266)
        (2.9, [0.0891379117476, 0.0, 0.225356975794]),
    ],
)
def test_omega2_interval_inverts_the_noncentral_f(f, expected):
    assert_allclose(omega_squared_from_f(f, 3, 54.2458552287, 0.95), expected, atol=1e-7)


def test_games_howell_matches_rstatix(welch):
    pairs = welch.pairwise
    assert pairs[["group1", "group2"]].to_numpy().tolist() == [
        ["Estonia", "Finland"],
        ["Estonia", "Latvia"],
        ["Estonia", "Netherlands"],
        ["Finland", "Latvia"],
        ["Finland", "Netherlands"],
        ["Latvia", "Netherlands"],
    ]
    assert pairs["n1"].tolist() == [27, 27, 27, 38, 38, 21]
    assert (pairs["test"] == "Games-Howell").all()
    mean_diff = [0.426007147498, -0.189594356261, 0.239337822671, -0.615601503759,
                 -0.186669324827, 0.428932178932]  # fmt: skip
    conf_low = [-0.256364840245, -1.148783274066, -0.500673370041, -1.458011381076,
                -0.745661787389, -0.457579565019]  # fmt: skip
    conf_high = [1.108379135242, 0.769594561543, 0.979349015383, 0.226808373557,
                 0.372323137734, 1.315443922883]  # fmt: skip
    df = [42.7112956551, 40.4861524076, 51.0959783742, 28.3573872965, 61.3902090665,
          34.2836426719]  # fmt: skip
    p_tukey = [0.352399780597, 0.951402644902, 0.825829710438, 0.21412719969,
               0.81423172095, 0.565367071662]  # fmt: skip
    p_welch = [0.102462183232, 0.59932137896, 0.39440750408, 0.0558875488367,
               0.381285116311, 0.200175004916]  # fmt: skip
    assert_allclose(pairs["mean_diff"], mean_diff, atol=1e-9)
    assert_allclose(pairs["mean_diff_ci_low"], conf_low, atol=1e-7)
    assert_allclose(pairs["mean_diff_ci_high"], conf_high, atol=1e-7)
    assert_allclose(pairs["df"], df, rtol=1e-9)
    assert_allclose(np.abs(pairs["statistic"]), [1.668851332595, 0.529542138416, 0.858899512772,
                    1.9936579077, 0.881873563993, 1.306216638095], rtol=1e-9)  # fmt: skip
    assert_allclose(pairs["p_adj"], p_tukey, atol=1e-7)
    assert_allclose(pairs["p_val"], p_welch, atol=1e-9)


def test_hedges_g_matches_effectsize_unpooled(welch):
    # effectsize::hedges_g(group2, group1, pooled_sd = FALSE)
    expected = [
        [0.42521012627, -0.0846077397899, 0.930215120863],
        [-0.152270797198, -0.715896818945, 0.413223488161],
        [0.221414681058, -0.286726709163, 0.727409723893],
        [-0.561530905529, -1.12780251087, 0.0139762286178],
        [-0.208808004106, -0.673501761041, 0.257572677806],
        [0.367317545908, -0.193210014407, 0.922632222026],
    ]
    assert_allclose(welch.pairwise[["effect_size", "ci_low", "ci_high"]], expected, atol=1e-6)
    assert (welch.pairwise["effect_size_name"] == "hedges_g_average_sd").all()


def test_welch_with_holm_adjusts_the_welch_t_p_values(survey, welch):
    holm = compare_groups(survey, "scale", group="country", pairwise_p_adjust="holm").pairwise
    assert (holm["test"] == "Welch t").all()
    assert_allclose(holm["p_adj"], [0.512310916161, 1, 1, 0.33532529302, 1, 0.800700019663],
                    rtol=1e-9)  # fmt: skip
    assert_allclose(holm["p_val"], welch.pairwise["p_val"])


# --- compare_groups: Kruskal-Wallis / Dunn -------------------------------------------------


def test_kruskal_matches_kruskal_test_and_epsilon2(kruskal):
    row = kruskal.omnibus.iloc[0]
    assert_allclose(
        row[["statistic", "df1", "p_val", "effect_size"]].astype(float),
        [3.92011364173, 3, 0.270220627566, 0.033221302049],
        rtol=1e-9,
    )
    # effectsize's percentile bootstrap (5000 resamples in R as here): Monte Carlo error
    assert_allclose(row[["ci_low", "ci_high"]].astype(float), [0.0066229228, 0.154665034204],
                    atol=0.006)  # fmt: skip


def test_kruskal_bootstrap_is_reproducible(survey, kruskal):
    again = compare_groups(survey, "scale", group="country", method="kruskal", seed=3, n_boot=5000)
    pd.testing.assert_frame_equal(kruskal.omnibus, again.omnibus)


def test_dunn_matches_rstatix_and_rank_biserial_matches_effectsize(survey, kruskal):
    pairs = kruskal.pairwise
    assert_allclose(pairs["mean_rank_diff"], [12.39083820663, -4.07407407407, 7.28956228956,
                    -16.4649122807, -5.10127591707, 11.36363636364], rtol=1e-10)  # fmt: skip
    assert_allclose(pairs["statistic"], [1.43015071781, -0.406784083715, 0.816072603507,
                    -1.759134237683, -0.622819968538, 1.182636246138], rtol=1e-10)  # fmt: skip
    assert_allclose(pairs["p_val"], [0.1526737663516, 0.6841665776532, 0.4144586120172,
                    0.0785547108082, 0.5334028346263, 0.2369533409995], rtol=1e-9)  # fmt: skip
    assert_allclose(pairs["p_adj"], [0.763368831758, 1, 1, 0.471328264849, 1, 0.947813363998],
                    rtol=1e-9)  # fmt: skip
    rank_biserial = [
        [0.217348927875, -0.0660344151156, 0.46828741624],
        [-0.0934744268078, -0.402310903971, 0.234462940713],
        [0.127946127946, -0.165884589313, 0.400911292542],
        [-0.260651629073, -0.520549368893, 0.0434508332944],
        [-0.0885167464115, -0.345122521061, 0.180401888559],
        [0.189033189033, -0.126768140722, 0.470040644112],
    ]
    assert_allclose(pairs[["effect_size", "ci_low", "ci_high"]], rank_biserial, atol=1e-9)
    bh = compare_groups(
        survey, "scale", group="country", method="kruskal", pairwise_p_adjust="fdr_bh"
    )
    assert_allclose(bh.pairwise["p_adj"], [0.458021299055, 0.684166577653, 0.621687918026,
                    0.458021299055, 0.640083401552, 0.473906681999], rtol=1e-9)  # fmt: skip


def test_pingouin_agrees_on_welch_and_games_howell(survey, welch):
    pingouin = pytest.importorskip("pingouin")
    used = survey.dropna(subset=["scale"])
    anova = pingouin.welch_anova(used, dv="scale", between="country")
    assert_allclose(anova["F"].iloc[0], welch.omnibus["statistic"].iloc[0], rtol=1e-9)
    games_howell = pingouin.pairwise_gameshowell(used, dv="scale", between="country")
    assert_allclose(games_howell["pval"], welch.pairwise["p_adj"], atol=1e-6)


def test_pairs_with_a_small_group_are_suppressed(survey):
    result = compare_groups(survey, "scale", group="role", min_n=25)
    pairs = result.pairwise
    # students 72, teachers 21, trainers 26: the pairs with teachers are suppressed
    assert pairs["suppressed"].tolist() == [True, False, True]
    assert pairs.loc[[0, 2], ["mean_diff", "p_val", "effect_size"]].isna().all(axis=None)
    assert pairs.loc[[1], ["mean_diff", "p_val", "effect_size"]].notna().all(axis=None)
    assert np.isfinite(result.omnibus["statistic"].iloc[0])


# --- bad input ---------------------------------------------------------------------------


def test_group_of_one_gives_nan_welch_with_warning():
    frame = pd.DataFrame({"g": ["a"] * 6 + ["b"] * 6 + ["c"], "x": [1.0, 2, 3, 4, 5, 3] * 2 + [4]})
    with pytest.warns(UserWarning, match=r"group\(s\) 'c' have a single respondent"):
        result = compare_groups(frame, "x", group="g", min_n=0)
    assert np.isnan(result.omnibus["statistic"].iloc[0])
    assert result.pairwise["p_adj"].isna().tolist() == [False, True, True]


def test_zero_variance_group_gives_nan_with_warning():
    frame = pd.DataFrame({"g": ["a"] * 6 + ["b"] * 6, "x": [4.0] * 6 + [1, 2, 3, 4, 5, 3]})
    with pytest.warns(UserWarning, match="zero variance"):
        result = compare_groups(frame, "x", group="g")
    assert np.isnan(result.omnibus["p_val"].iloc[0])
    constant = pd.DataFrame({"g": ["a"] * 6 + ["b"] * 6, "x": [4.0] * 12})
    with pytest.warns(UserWarning, match="every value is the same"):
        result = compare_groups(constant, "x", group="g", method="kruskal")
    assert np.isnan(result.omnibus["statistic"].iloc[0])


def test_group_with_all_values_missing_is_left_out_with_warning(survey):
    frame = survey.copy()
    frame.loc[frame["country"] == "Latvia", "scale"] = np.nan
    with pytest.warns(UserWarning, match="missing for every respondent of group"):
        result = compare_groups(frame, "scale", group="country")
    assert result.omnibus["k"].iloc[0] == 3


def test_single_level_and_non_numeric_raise(survey):
    finland = survey[survey["country"] == "Finland"]
    with pytest.raises(ValueError, match="`group` column 'country' has fewer than two levels"):
        compare_groups(finland, "scale", group="country")
    with pytest.raises(TypeError, match="`value` column 'role' must hold numeric codes"):
        compare_groups(survey, "role", group="country")
    with pytest.raises(ValueError, match="`method` must be one of"):
        compare_groups(survey, "scale", group="country", method="anova")
    with pytest.raises(ValueError, match=r"`pairwise_p_adjust='tukey'` .* needs `method='welch'`"):
        compare_groups(
            survey, "scale", group="country", method="kruskal", pairwise_p_adjust="tukey"
        )
    with pytest.raises(TypeError, match="unexpected keyword argument 'p_adjust'"):
        compare_groups(survey, "scale", group="country", p_adjust="holm")


# --- compare_many ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p_adjust", "expected"),
    [
        ("holm", [0.390728016770, 0.292190624767, 0.539390220632, 0.539390220632, 0.455731800503]),
        ("fdr_bh", [0.244205010482, 0.244205010482, 0.337118887895, 0.503668831556,
                    0.253184333613]),
    ],
)  # fmt: skip
def test_compare_many_adjusts_the_family(survey, p_adjust, expected):
    values = ["q1", "q2", "q3", "q4", "scale"]
    result = compare_many(survey, values, group="country", p_adjust=p_adjust, pairwise=False)
    assert result.omnibus["variable"].tolist() == values
    assert result.pairwise.empty and "mean_diff" in result.pairwise.columns
    assert_allclose(result.omnibus["p_val"], [0.0976820041926, 0.0584381249534, 0.2696951103161,
                    0.5036688315557, 0.1519106001676], rtol=1e-9)  # fmt: skip
    assert_allclose(result.omnibus["p_adj"], expected, rtol=1e-9)


def test_compare_many_keeps_every_pairwise_table(survey):
    result = compare_many(survey, ["q1", "scale"], group="country", method="kruskal", seed=1)
    assert len(result.pairwise) == 12
    assert result.pairwise["variable"].tolist() == ["q1"] * 6 + ["scale"] * 6


def test_compare_many_corrects_pairs_as_compare_groups_does(survey):
    result = compare_many(survey, ["q1", "scale"], group="country", pairwise_p_adjust="holm")
    for value, pairs in result.pairwise.groupby("variable"):
        single = compare_groups(survey, value, group="country", pairwise_p_adjust="holm")
        assert (pairs["test"] == "Welch t").all()
        assert_allclose(pairs["p_adj"], single.pairwise["p_adj"], rtol=1e-12)


# --- crosstabs ---------------------------------------------------------------------------


def test_chi_square_and_cramers_v_match_r(survey):
    row = crosstab_test(survey, "country", "opt_digital").iloc[0]
    assert row["test"] == "chi-square" and row["n"] == 117 and row["df"] == 3
    assert_allclose(row[["statistic", "p_val"]].astype(float), [10.2061736312, 0.0168924835568],
                    rtol=1e-9)  # fmt: skip
    assert_allclose(row[["effect_size", "ci_low", "ci_high"]].astype(float),
                    [0.248804819224, 0, 0.425421555824], atol=1e-7)  # fmt: skip


def test_two_by_two_with_and_without_yates(survey):
    corrected = crosstab_test(survey, "opt_mentor", "opt_digital").iloc[0]
    assert corrected["test"] == "chi-square (Yates)"
    assert_allclose([corrected["statistic"], corrected["p_val"]], [0.126810176125, 0.721762558419],
                    rtol=1e-9)  # fmt: skip
    plain = crosstab_test(survey, "opt_mentor", "opt_digital", correction=False).iloc[0]
    assert_allclose([plain["statistic"], plain["p_val"]], [0.352250489237, 0.552841939063],
                    rtol=1e-9)  # fmt: skip
    assert_allclose(plain[["effect_size", "ci_low", "ci_high"]].astype(float),
                    [0, 0, 0.225414898271], atol=1e-7)  # fmt: skip
    # fisher.test conditional MLE and interval (R finds them by uniroot, tol 1e-4)
    assert_allclose(plain[["odds_ratio", "odds_ratio_ci_low", "odds_ratio_ci_high"]].astype(float),
                    [0.760942949983, 0.280621082711, 2.13841711315], rtol=2e-4)  # fmt: skip


def test_small_expected_counts_switch_to_fisher():
    frame = pd.DataFrame({"a": [0] * 8 + [1] * 8, "b": [0] * 7 + [1] + [0] * 2 + [1] * 6})
    row = crosstab_test(frame, "a", "b").iloc[0]
    assert row["test"] == "Fisher exact (2x2)"
    assert_allclose(row["p_val"], 0.0405594405594, rtol=1e-9)
    assert_allclose(row["odds_ratio"], 16.1994227097, rtol=5e-4)  # R: uniroot, tol 1.2e-4
    assert_allclose(row[["effect_size", "ci_low", "ci_high"]].astype(float),
                    [0.594761714133, 0, 1], atol=1e-7)  # fmt: skip
    forced = crosstab_test(frame, "a", "b", exact=False).iloc[0]
    assert_allclose(forced["p_val"], 0.0438197928027, rtol=1e-9)


def test_monte_carlo_fisher_is_within_simulation_error(survey):
    row = crosstab_test(survey, "role", "country", n_sim=20000, seed=11).iloc[0]
    assert row["test"] == "Fisher exact (Monte Carlo, 20000)"
    exact_p = 0.669642030451  # fisher.test(table(role, country)), exact
    assert abs(row["p_val"] - exact_p) < 4 * np.sqrt(exact_p * (1 - exact_p) / 20000)
    assert_allclose(row["share_expected_below_5"], 0.25)
    assert_allclose(row["ci_high"], 0.104472215923, atol=1e-6)  # R: optim, abstol 1e-9


def test_multiselect_option_by_option(survey):
    options = ["opt_mentor", "opt_digital", "opt_feedback"]
    result = crosstab_multiselect(survey, options, group="country")
    tests = result.tests
    assert tests["n"].tolist() == [111, 117, 112]
    assert_allclose(tests["p_val"], [0.407348787404, 0.0168924835568, 0.743878378052], rtol=1e-9)
    assert_allclose(tests["p_adj"], [0.814697574808, 0.0506774506705, 0.814697574808], rtol=1e-9)
    assert_allclose(tests["ci_high"], [0.259222785023, 0.425421555824, 0.161127691707], atol=1e-7)
    digital = result.shares[result.shares["option"] == "opt_digital"]
    assert digital["n"].tolist() == [26, 38, 20, 33]
    assert_allclose(digital["share"], [5 / 26, 5 / 38, 10 / 20, 8 / 33])


def test_crosstab_bad_input(survey):
    frame = survey.assign(opt_mentor=survey["opt_mentor"].replace(1, 2))
    with pytest.raises(ValueError, match="`options` column 'opt_mentor' must hold 1/True"):
        crosstab_multiselect(frame, ["opt_mentor"], group="country")
    with pytest.raises(ValueError, match="`country` has fewer than two categories"):
        crosstab_test(survey[survey["country"] == "Latvia"], "country", "role")
    nobody = survey.assign(opt_digital=0)
    with pytest.warns(UserWarning, match="no test"):
        result = crosstab_multiselect(nobody, ["opt_digital"], group="country")
    assert np.isnan(result.tests["p_val"].iloc[0])


# --- ordinal regression ------------------------------------------------------------------


@pytest.fixture(scope="module")
def ordinal():
    frame = pd.read_csv(DATA / "compare_ordinal.csv")
    return ordinal_regression(frame, "q1", predictors=["country", "role"])


def test_ordinal_regression_matches_clm(ordinal):
    coefficients = ordinal.coefficients
    assert coefficients["term"].tolist() == [
        "country[Finland]", "country[Latvia]", "country[Netherlands]", "role[teacher]",
        "role[trainer]",
    ]  # fmt: skip
    assert_allclose(coefficients["estimate"], [0.6055445955686, -0.3157618657509,
                    0.2529936838353, 0.0641404814276, 0.05195203929], atol=1e-5)  # fmt: skip
    assert_allclose(coefficients["se"], [0.212754403166, 0.2245189632, 0.217089673705,
                    0.171688849349, 0.196022336232], atol=1e-5)  # fmt: skip
    # exp(confint.default(fit))
    assert_allclose(np.log(coefficients["ci_low"]), [0.18855362781, -0.75581094747,
                    -0.172494258041, -0.272363479843, -0.332244679889], atol=1e-4)  # fmt: skip
    assert_allclose(np.log(coefficients["ci_high"]), [1.022535563327, 0.124287215968,
                    0.678481625712, 0.400644442698, 0.436148758469], atol=1e-4)  # fmt: skip
    thresholds = ordinal.thresholds
    assert thresholds["threshold"].tolist() == ["1|2", "2|3", "3|4", "4|5"]
    assert_allclose(thresholds["estimate"], [-2.0320405473362, -0.8850991418869, 0.2986607173114,
                    1.8095864717402], atol=1e-5)  # fmt: skip
    assert_allclose(thresholds["se"], [0.211814295799, 0.18753614423, 0.183486960072,
                    0.199983366195], atol=1e-5)  # fmt: skip
    assert ordinal.fit["n"].iloc[0] == 588
    assert_allclose(ordinal.fit["log_lik"].iloc[0], -894.151937539, atol=1e-6)


def test_proportional_odds_test_matches_nominal_clm(ordinal):
    tests = ordinal.proportional_odds
    assert tests["term"].tolist() == ["country", "role", "all predictors"]
    assert tests["df"].tolist() == [9, 6, 15]
    assert_allclose(tests["statistic"], [3.00536588121, 61.6703024309, 67.2097740196], atol=1e-4)
    assert tests["valid"].all()


def test_ordinal_regression_bad_input(survey):
    with pytest.raises(ValueError, match="`item` 'scale' must hold whole-number answer codes"):
        ordinal_regression(survey, "scale", predictors=["country"])
    with pytest.raises(ValueError, match="`predictors` column 'country' has a single level"):
        ordinal_regression(survey[survey["country"] == "Latvia"], "q1", predictors=["country"])
    with pytest.raises(KeyError, match="`predictors` names columns"):
        ordinal_regression(survey, "q1")  # the default predictors are country and group


def test_sparse_partial_model_is_flagged_not_reported(survey):
    # Finland has nobody answering 1 to q1: the partial model cannot be estimated there
    with pytest.warns(UserWarning, match="decreasing cumulative probabilities"):
        result = ordinal_regression(survey, "q1", predictors=["country", "role"])
    tests = result.proportional_odds
    assert not tests["valid"].all()
    assert tests.loc[~tests["valid"], "statistic"].isna().all()


def test_omega_squared_ci_at_national_scale_is_finite():
    from techvet_survey._stats.effect_sizes import omega_squared_from_f

    omega, low, high = omega_squared_from_f(350.0, 3, 99_996.0, 0.95)
    assert np.isfinite([omega, low, high]).all()
    assert low < omega < high


# ------------------------------------ the one-pass summaries give the former numbers
def _former_grouped(data: pd.DataFrame, value: str, group: str) -> GroupedValues:
    """Group counts, means, variances and the count table as the former code computed
    them from the rows: np.bincount of the values and of the centred squares."""
    keep = data[value].notna() & data[group].notna()
    levels = sorted(data.loc[keep, group].unique())
    codes = pd.Categorical(data.loc[keep, group], categories=levels).codes.astype(np.intp)
    values = data.loc[keep, value].to_numpy(dtype=float)
    n = np.bincount(codes, minlength=len(levels))
    means = np.bincount(codes, weights=values, minlength=len(levels)) / n
    squares = np.bincount(codes, weights=(values - means[codes]) ** 2, minlength=len(levels))
    distinct, value_codes = np.unique(values, return_inverse=True)
    table = np.bincount(
        codes * len(distinct) + value_codes, minlength=len(levels) * len(distinct)
    ).reshape(len(levels), len(distinct))
    with np.errstate(divide="ignore", invalid="ignore"):
        variances = np.where(n > 1, squares / np.maximum(n - 1, 1), np.nan)
    return GroupedValues(value, levels, n, means, variances, distinct, table)


def _assert_former_comparison(data: pd.DataFrame, value: str, group: str):
    for method in ("welch", "kruskal"):
        ours = compare_groups(data, value, group=group, method=method, seed=3, min_n=0)
        former = compare_grouped(
            _former_grouped(data, value, group),
            method=method,
            ci=0.95,
            pairwise_p_adjust="tukey" if method == "welch" else "holm",
            min_n=0,
            pairwise=True,
            n_boot=1000,
            generator=np.random.default_rng(3),
        )
        for name in ("omnibus", "pairwise"):
            pd.testing.assert_frame_equal(
                getattr(ours, name), getattr(former, name), check_dtype=False, rtol=1e-10
            )


def test_bundled_study_comparisons_equal_the_former_row_by_row_numbers(bundled_survey):
    survey, scales = bundled_survey
    for items in scales.values():
        frame = survey.assign(score=survey[items].mean(axis=1))
        _assert_former_comparison(frame, "score", "country")  # fractions: float64 sums
        _assert_former_comparison(frame, items[0], "country")  # integer codes: exact sums


def test_random_data_with_5_percent_missing_equal_the_former_numbers(rng):
    n = 4000
    frame = pd.DataFrame(
        {
            "g": rng.choice(list("abcd"), n, p=[0.1, 0.2, 0.3, 0.4]),
            "item": rng.integers(1, 6, n).astype(float),
            "score": rng.normal(3, 1, n),
        }
    )
    frame.loc[rng.random(n) < 0.05, "g"] = None
    for column in ("item", "score"):
        frame.loc[rng.random(n) < 0.05, column] = np.nan
        _assert_former_comparison(frame, column, "g")


def test_bundled_study_crosstab_equals_the_former_crosstab_numbers(bundled_survey):
    survey, _ = bundled_survey
    for row, col in (("country", "group"), ("country", "gender"), ("group", "age_band")):
        answered = survey[[row, col]].dropna()
        former_table = pd.crosstab(answered[row], answered[col])  # sorted labels
        former = table_test(former_table, "auto", True, 2000, np.random.default_rng(4), 0.95)
        ours = crosstab_test(survey, row, col, n_sim=2000, seed=4).iloc[0]
        for name, value in former.items():
            if isinstance(value, str):
                assert ours[name] == value, name
            else:
                assert_allclose(ours[name], value, rtol=1e-10, atol=1e-12, err_msg=name)


@pytest.mark.parametrize("by", ["country", ["country", "group"]])
def test_bundled_study_describe_equals_the_former_pandas_numbers(bundled_survey, by):
    survey, scales = bundled_survey
    items = scales[next(iter(scales))]
    frame = survey.assign(score=survey[items].mean(axis=1))
    keys = [by] if isinstance(by, str) else by
    for value in ("score", items[0]):
        former = frame.dropna(subset=keys).groupby(keys, observed=True, sort=True)[value]
        ours = describe(frame, value, by=by, min_n=0, top_box=None)
        expected = former.agg(["count", "mean", "std", "median"]).reset_index()
        for name, column in (("n", "count"), ("mean", "mean"), ("sd", "std")):
            assert_allclose(ours[name], expected[column], rtol=1e-10, err_msg=name)
        assert_allclose(ours["median"], expected["median"], rtol=1e-10)
        assert_allclose(ours["q1"], former.quantile(0.25).to_numpy(), rtol=1e-10)
        assert_allclose(ours["q3"], former.quantile(0.75).to_numpy(), rtol=1e-10)
        for key in keys:
            assert ours[key].tolist() == expected[key].tolist()
