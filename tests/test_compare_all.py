"""Tests of techvet_survey.compare.compare_all and the studentized range (_stats.tukey).

Reference numbers: R 4.2.2 (tests/reference/compare_all_tukey.R, base ptukey/qtukey);
scipy.stats.studentized_range; statsmodels multipletests for the family adjustment.
"""

import warnings

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats
from statsmodels.stats.multitest import multipletests

from techvet_survey._stats.tukey import ptukey, qtukey
from techvet_survey.analysis import compare_all
from techvet_survey.codebook import Codebook
from techvet_survey.compare import compare_groups
from techvet_survey.errors import ArgumentError
from techvet_survey.reliability import cronbach_alpha, omega
from techvet_survey.scales import score_scales
from techvet_survey.synth import survey_design
from techvet_survey.synth._pii import PiiFactory
from techvet_survey.synth._survey import clean_values, simulate_cell

# (q, k, df, R's ptukey(q, k, df, lower.tail = FALSE))
R_PTUKEY_UPPER = [
    (0.5, 2, 12, 0.729807259681213),
    (2.5, 2, 12, 0.102493192039248),
    (3.5, 2, 12, 0.02923135796271),
    (4.5, 2, 12, 0.00789212735100686),
    (8, 2, 12, 0.000106122028173061),
    (0.5, 4, 12, 0.984106278909303),
    (2.5, 4, 12, 0.334042859881986),
    (3.5, 4, 12, 0.115093007964942),
    (4.5, 4, 12, 0.0345385863380901),
    (8, 4, 12, 0.000531263342432475),
    (0.5, 10, 12, 0.999996124566882),
    (2.5, 10, 12, 0.742529098776129),
    (3.5, 10, 12, 0.364574851241395),
    (4.5, 10, 12, 0.134988112248537),
    (8, 10, 12, 0.00272455707063246),
    (0.5, 2, 40, 0.725530319973899),
    (2.5, 2, 40, 0.084727596088937),
    (3.5, 2, 40, 0.0176648592925228),
    (4.5, 2, 40, 0.00282740251372504),
    (8, 2, 40, 1.4345599398391e-06),
    (0.5, 4, 40, 0.984620414060948),
    (2.5, 4, 40, 0.303574731644029),
    (3.5, 4, 40, 0.0794860156368881),
    (4.5, 4, 40, 0.0144213666216422),
    (8, 4, 40, 8.35246066221984e-06),
    (0.5, 10, 40, 0.999998004051413),
    (2.5, 10, 40, 0.750419028160282),
    (3.5, 10, 40, 0.312159674366704),
    (4.5, 10, 40, 0.0743908755828484),
    (8, 10, 40, 5.80992977039507e-05),
    (0.5, 2, 150, 0.724170030901695),
    (2.5, 2, 150, 0.0791330351736039),
    (3.5, 2, 150, 0.0144416237509215),
    (4.5, 2, 150, 0.00177817868797769),
    (8, 2, 150, 7.57914101479074e-08),
    (0.5, 4, 150, 0.984788159445357),
    (2.5, 4, 150, 0.292963012115995),
    (3.5, 4, 150, 0.0680387860244961),
    (4.5, 4, 150, 0.00952809557144008),
    (8, 4, 150, 4.52342160617292e-07),
    (0.5, 10, 150, 0.999998443304441),
    (2.5, 10, 150, 0.75414090236532),
    (3.5, 10, 150, 0.290675080841027),
    (4.5, 10, 150, 0.0544249950560547),
    (8, 10, 150, 3.34308747806933e-06),
    (0.5, 2, 1000, 0.723748131772395),
    (2.5, 2, 1000, 0.0774047760999051),
    (3.5, 2, 1000, 0.0134932157036736),
    (4.5, 2, 1000, 0.00150780428250563),
    (8, 2, 1000, 2.01201294514064e-08),
    (0.5, 4, 1000, 0.98484062315651),
    (2.5, 4, 1000, 0.289567960042638),
    (3.5, 4, 1000, 0.0645002515931749),
    (4.5, 4, 1000, 0.00819982247287121),
    (8, 4, 1000, 1.20478669152213e-07),
    (0.5, 10, 1000, 0.999998565664477),
    (2.5, 10, 1000, 0.755456300444831),
    (3.5, 10, 1000, 0.283347441611904),
    (4.5, 10, 1000, 0.0483643167807626),
    (8, 10, 1000, 8.98445904673473e-07),
]
# (p, k, df, R's qtukey(p, k, df))
R_QTUKEY = [
    (0.5, 2, 12, 0.983561486657888),
    (0.95, 2, 12, 3.08130663328433),
    (0.99, 2, 12, 4.31977131213742),
    (0.5, 4, 12, 2.03687027735521),
    (0.95, 4, 12, 4.19866022996669),
    (0.99, 4, 12, 5.5016263000044),
    (0.5, 6, 12, 2.54585906592933),
    (0.95, 6, 12, 4.75023144679483),
    (0.99, 6, 12, 6.10112822238497),
    (0.5, 2, 40, 0.962616723906397),
    (0.95, 2, 40, 2.85823222761494),
    (0.99, 2, 40, 3.82468288329124),
    (0.5, 4, 40, 1.99561714075416),
    (0.95, 4, 40, 3.79068536926517),
    (0.99, 4, 40, 4.69513393448593),
    (0.5, 6, 40, 2.49369742484684),
    (0.95, 6, 40, 4.23164383481893),
    (0.99, 6, 40, 5.11448788286786),
    (0.5, 2, 1000, 0.95421974058659),
    (0.95, 2, 1000, 2.77516654237065),
    (0.99, 2, 1000, 3.64973829585746),
    (0.5, 4, 1000, 1.97900819578694),
    (0.95, 4, 1000, 3.63927524052028),
    (0.99, 4, 1000, 4.41394451175114),
    (0.5, 6, 1000, 2.47253114922851),
    (0.95, 6, 1000, 4.03793258369371),
    (0.99, 6, 1000, 4.77066286847364),
]


def test_ptukey_matches_r():
    q, k, df, expected = np.array(R_PTUKEY_UPPER).T
    assert_allclose(ptukey(q, k, df, lower_tail=False), expected, rtol=0, atol=1e-8)
    assert_allclose(ptukey(q, k, df), 1 - expected, rtol=0, atol=1e-8)


def test_qtukey_matches_r_with_r_stopping_rule():
    p, k, df, expected = np.array(R_QTUKEY).T
    assert_allclose(qtukey(p, k, df, tol=1e-4), expected, rtol=0, atol=1e-8)
    # R stops its secant search early: the exact quantile is within 1e-6 of R's
    assert_allclose(qtukey(p, k, df), expected, rtol=0, atol=1e-6)


@pytest.fixture(scope="module")
def scipy_grid():
    grid = np.array(
        [
            (q, k, df)
            for df in (2, 2.2, 3, 5, 9.5, 30, 120, 700, 3000, 20000, 90000)
            for k in (2, 3, 5, 12)
            for q in (0.2, 1.1, 2.7, 3.9, 5.3, 8, 15, 35)
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = np.array([stats.studentized_range.cdf(*row) for row in grid[::6]])
    return grid[::6], expected


def test_ptukey_matches_scipy_over_a_wide_grid(scipy_grid):
    grid, expected = scipy_grid
    assert_allclose(ptukey(*grid.T), expected, rtol=0, atol=1e-8)


def test_qtukey_inverts_ptukey_and_matches_scipy():
    p = np.array([0.5, 0.9, 0.95, 0.99, 0.999])
    k = np.array([2, 3, 4, 6, 15])
    df = np.array([2.5, 7.0, 48.0, 400.0, 60000.0])
    quantiles = qtukey(p, k, df)
    assert_allclose(ptukey(quantiles, k, df), p, rtol=0, atol=1e-11)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = [stats.studentized_range.ppf(*row) for row in zip(p, k, df, strict=True)]
    # a 1e-10 probability difference in the far tail moves the quantile by ~3e-8
    assert_allclose(quantiles, expected, rtol=1e-8, atol=0)


@pytest.mark.parametrize("df", [2.0, 2.7, 25.0, 1e5, 1e8, np.inf])
def test_ptukey_two_means_is_the_t_distribution(df):
    # with k = 2, Q = sqrt(2)|t|: P(Q > q) = 2 P(t > q / sqrt(2)); R's ptukey misses
    # this by 4e-5 at df = 2
    q = np.array([0.3, 1.0, 2.5, 4.0, 7.0, 12.0])
    assert_allclose(
        ptukey(q, 2, df, lower_tail=False),
        2 * stats.t.sf(q / np.sqrt(2), df),
        rtol=0,
        atol=5e-9,
    )


def test_tukey_edge_values():
    assert ptukey(0.0, 3, 10) == 0.0
    assert ptukey(np.inf, 3, 10) == 1.0
    assert np.isnan(ptukey(2.0, 1, 10))
    assert np.isnan(ptukey(2.0, 3, 1.5))
    assert np.isnan(ptukey(np.nan, 3, 10))
    assert qtukey(0.0, 3, 10) == 0.0
    assert qtukey(1.0, 3, 10) == np.inf
    assert np.isnan(qtukey(1.2, 3, 10))
    assert ptukey([[1.0], [2.0]], 3, [10, 20, 30]).shape == (2, 3)
    assert_allclose(qtukey(0.05, 4, 20, lower_tail=False), qtukey(0.95, 4, 20), atol=1e-12)


# ----------------------------------------------------------------- compare_all
COUNTRIES = ("FI", "EE", "LV", "NL")
CELL_SIZES = {"student": 30, "teacher": 8, "workplace_trainer": 12}


@pytest.fixture(scope="module")
def book():
    return Codebook.load()


@pytest.fixture(scope="module")
def survey(book):
    design = survey_design(book, seed=5)
    rng = np.random.default_rng(5)
    frames = [
        simulate_cell(design, country, group, n, rng, PiiFactory(), "en")
        for country in COUNTRIES
        for group, n in CELL_SIZES.items()
    ]
    data = clean_values(pd.concat(frames, ignore_index=True), design)
    # three respondents of a fifth country: a small cell for suppression checks
    extra = data.iloc[:3].assign(country="XX")
    return pd.concat([data, extra], ignore_index=True)


@pytest.fixture(scope="module")
def result(survey, book):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = compare_all(survey, book, seed=1)
    messages = {str(warning.message) for warning in caught}
    assert any("`country` level(s) 'XX' have fewer than `min_n`=5" in m for m in messages)
    assert not any("cannot fit" in message for message in messages)
    return result


def test_tables_are_tidy(result):
    for name, table in result.tables().items():
        assert table.columns.is_unique, name
        assert all(str(column).isidentifier() for column in table.columns), name
        assert isinstance(table.index, pd.RangeIndex), name
    descriptives = result.descriptives
    assert not descriptives.duplicated(["by", "level", "value"]).any()
    assert len(result.omnibus) == 2 * (6 + 30)
    assert not result.omnibus.duplicated(["by", "value"]).any()
    assert set(result.omnibus["kind"]) == {"scale", "item"}
    assert set(result.pairwise["value"]) == {"gw", "cg", "co", "sa", "dg", "af"}
    families = result.omnibus.groupby("kind")[["family", "n_family"]].agg(set)
    assert families.loc["scale", "n_family"] == {12} and families.loc["item", "n_family"] == {60}
    assert families.loc["scale", "family"] == {"confirmatory: scales by country, group (holm)"}
    assert families.loc["item", "family"] == {"exploratory: items by country, group (holm)"}


@pytest.mark.parametrize("kind", ["scale", "item"])
def test_holm_within_each_family_matches_statsmodels(result, kind):
    # the scale tests are the confirmatory family; the item tests are adjusted apart
    rows = result.omnibus[result.omnibus["kind"] == kind]
    p_val = rows["p_val"].to_numpy()
    assert np.isfinite(p_val).all()
    assert_allclose(rows["p_adj"], multipletests(p_val, method="holm")[1], atol=1e-15)


def test_benjamini_hochberg_on_request(survey, book):
    with pytest.warns(UserWarning, match="left out of the tests"):
        bh = compare_all(
            survey, book, by="country", p_adjust="fdr_bh", items=False, invariance_group=None
        )
    p_val = bh.omnibus["p_val"].to_numpy()
    assert len(p_val) == 6
    assert_allclose(bh.omnibus["p_adj"], multipletests(p_val, method="fdr_bh")[1], atol=1e-15)
    assert bh.invariance.empty and bh.omnibus["comparable"].isna().all()


def test_omnibus_rows_are_compare_groups(result, survey, book):
    scored = pd.concat([survey, score_scales(survey, book)], axis=1)
    scored = scored[scored["country"] != "XX"]
    for value in ("sa", "co3"):
        single = compare_groups(scored, value, group="country", pairwise=False).omnibus
        row = result.omnibus[
            (result.omnibus["by"] == "country") & (result.omnibus["value"] == value)
        ]
        for column in ("statistic", "df2", "p_val", "effect_size"):
            assert_allclose(row[column].to_numpy(), single[column].to_numpy(), rtol=1e-12)


def test_descriptives_suppress_small_cells_and_add_top_box(result):
    table = result.descriptives
    small = table[table["level"] == "XX"]
    assert len(small) == 36 and small["suppressed"].all() and small["mean"].isna().all()
    items = table[(table["kind"] == "item") & ~table["suppressed"]]
    assert items["agree_share"].between(0, 1).all()
    assert table.loc[table["kind"] == "scale", "agree_share"].isna().all()


def test_reliability_overall_and_by_group(result, survey, book):
    table = result.reliability
    overall = table[(table["scale"] == "co") & (table["by"] == "overall")].iloc[0]
    expected = cronbach_alpha(survey, book.scale_items("co"), ci_method="feldt").iloc[0]
    for column in ("alpha", "ci_low", "ci_high", "n"):
        assert_allclose(overall[column], expected[column], rtol=1e-12)
    one_factor = omega(survey, book.scale_items("co"), n_factors=1)["omega_total"].iloc[0]
    assert_allclose(overall["omega_total"], one_factor, rtol=1e-12)
    small = table[table["level"] == "XX"]
    assert small["suppressed"].all() and small["alpha"].isna().all()
    assert len(table) == 6 * (1 + 5 + 3)


def test_comparability_flags_and_caveats(result):
    invariance = result.invariance.set_index("scale")
    assert set(invariance.index) == {"gw", "cg", "co", "sa", "dg", "af"}
    assert invariance["comparable"].dtype == bool
    for scale, row in invariance.iterrows():
        assert (row["caveat"] == "") == (row["level"] == "scalar"), scale
    omnibus = result.omnibus
    scale_rows = (omnibus["by"] == "country") & (omnibus["kind"] == "scale")
    flags = omnibus.loc[scale_rows].set_index("scale")["comparable"]
    assert flags.to_dict() == invariance["comparable"].to_dict()
    assert omnibus.loc[~scale_rows, "comparable"].isna().all()
    assert set(result.invariance_ladder["scale"]) == set(invariance.index)


def test_channels_by_country(result):
    assert len(result.channels) == 5
    assert_allclose(
        result.channels["p_adj"], multipletests(result.channels["p_val"], method="holm")[1]
    )
    assert result.channel_shares.loc[result.channel_shares["country"] == "XX", "suppressed"].all()


def test_bad_arguments(survey, book):
    with pytest.raises(KeyError, match="`by` names columns that `data` lacks: 'region'"):
        compare_all(survey, book, by="region")
    with pytest.raises(ArgumentError, match="`p_adjust` must be one of 'holm', 'bonferroni'"):
        compare_all(survey, book, p_adjust="none")
    with pytest.raises(ArgumentError, match="`method` must be one of"):
        compare_all(survey, book, method="anova")
    with pytest.raises(TypeError, match="`clean` must be the result of clean_study"):
        compare_all([1, 2], book)


def test_agree_share_follows_the_wording_of_reverse_keyed_items(result, survey, book):
    descriptives = result.descriptives.query("by == 'country' and level == 'FI'")
    answered = survey.loc[survey["country"] == "FI"]
    for item in book.reverse_items():
        valid = answered[item].dropna()
        row = descriptives.loc[descriptives["value"] == item].iloc[0]
        # recoded 1-2 are the answers "agree" and "strongly agree" to the negative wording
        assert row["agree_share"] == pytest.approx((valid <= 2).mean(), abs=1e-12)
    plain = descriptives.loc[descriptives["value"] == "gw1"].iloc[0]
    valid = answered["gw1"].dropna()
    assert plain["agree_share"] == pytest.approx((valid >= 4).mean(), abs=1e-12)
