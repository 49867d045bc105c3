"""Tests of techvet_survey.agreement against published values, R and the krippendorff package.

Reference values: tests/reference/agreement_published.md (Krippendorff 2011; irrCAC
documentation) and tests/reference/agreement_kappa.R (psych 2.2.9, vcd 1.4-11).
"""

import krippendorff
import numpy as np
import pandas as pd
import pytest

from techvet_survey.agreement import (
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    table_to_ratings,
)
from techvet_survey.errors import ArgumentError

NAN = np.nan


@pytest.fixture
def krippendorff_2011():
    """Krippendorff (2011) section C = irrCAC's cac.raw4raters: 12 units x 4 coders."""
    return pd.DataFrame(
        {
            "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
            "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
            "C": [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
            "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
        }
    )


@pytest.fixture
def abstractors():
    """irrCAC's cont3x3abstractors as a unit-by-coder table (100 units)."""
    labels = ["Ectopic", "AIU", "NIU"]
    table = pd.DataFrame([[13, 0, 0], [0, 20, 7], [0, 4, 56]], index=labels, columns=labels)
    return table_to_ratings(table)


@pytest.fixture
def two_coders_r():
    """The data of tests/reference/agreement_kappa.R."""
    return pd.DataFrame(
        {
            "coder_1": [1, 2, 3, 3, 2, 1, 4, 1, 2, 5, 3, 4, 2, 2, 5, 1, 3, NAN, 4, 5],
            "coder_2": [1, 2, 3, 4, 2, 2, 4, 2, 2, 5, 3, 3, 1, 2, 4, 1, NAN, 2, 4, 5],
        }
    )


def _row(frame):
    assert len(frame) == 1
    return frame.iloc[0]


# --- Krippendorff's alpha ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_alpha_matches_krippendorff_2011(krippendorff_2011, level, published):
    result = _row(krippendorff_alpha(krippendorff_2011, level=level, n_boot=0))
    assert round(result["estimate"], 3) == published
    package = krippendorff.alpha(krippendorff_2011.to_numpy().T, level_of_measurement=level)
    assert result["estimate"] == pytest.approx(package, abs=1e-12)
    assert result["n_units"] == 11
    assert result["n_excluded"] == 1
    assert result["n_coders"] == 4
    assert result["metric"] == level


def test_krippendorff_alpha_matches_irrcac(krippendorff_2011, abstractors):
    assert round(_row(krippendorff_alpha(krippendorff_2011, n_boot=0))["estimate"], 5) == 0.74342
    assert _row(krippendorff_alpha(abstractors, n_boot=0))["estimate"] == pytest.approx(
        0.7972585, abs=5e-8
    )


@pytest.mark.parametrize("level", ["nominal", "interval"])
def test_krippendorff_alpha_equals_package_on_random_data_with_missing(rng, level):
    values = rng.integers(1, 6, size=(300, 6)).astype(float)
    # Correlated coders so that alpha is far from 0, then 30% missing ratings.
    values[:, 1:] = np.where(rng.random((300, 5)) < 0.6, values[:, [0]], values[:, 1:])
    values[rng.random(values.shape) < 0.3] = np.nan
    ours = _row(krippendorff_alpha(pd.DataFrame(values), level=level, n_boot=0))["estimate"]
    theirs = krippendorff.alpha(values.T, level_of_measurement=level)
    assert ours == pytest.approx(theirs, abs=1e-9)
    assert ours > 0.3


def test_krippendorff_alpha_on_continuous_interval_ratings(rng):
    truth = rng.normal(size=100)
    values = truth[:, None] + rng.normal(scale=0.5, size=(100, 3))
    values[rng.random(values.shape) < 0.2] = np.nan
    ours = _row(krippendorff_alpha(pd.DataFrame(values), level="interval", n_boot=0))
    assert ours["estimate"] == pytest.approx(
        krippendorff.alpha(values.T, level_of_measurement="interval"), abs=1e-9
    )


def test_krippendorff_alpha_text_ratings_and_missing_never_a_category():
    data = pd.DataFrame(
        {
            "a": ["yes", "no", "no", None, "yes", "  "],
            "b": ["yes", "no", "yes", "no", np.nan, "yes"],
            "c": pd.array(["yes", pd.NA, "yes", "no", "yes", "yes"], dtype="string"),
        }
    )
    result = _row(krippendorff_alpha(data, n_boot=0))
    assert result["n_categories"] == 2
    assert result["n_units"] == 6
    numeric = np.array([[1, 1, 1], [0, 0, NAN], [0, 1, 1], [NAN, 0, 0], [1, NAN, 1], [NAN, 1, 1]])
    expected = krippendorff.alpha(numeric.T, level_of_measurement="nominal")
    assert result["estimate"] == pytest.approx(expected, abs=1e-12)


def test_krippendorff_alpha_ordinal_text_with_categories(krippendorff_2011):
    words = {1: "very low", 2: "low", 3: "mid", 4: "high", 5: "very high"}
    text = krippendorff_2011.apply(lambda column: column.map(words))
    result = krippendorff_alpha(text, level="ordinal", categories=list(words.values()), n_boot=0)
    assert round(_row(result)["estimate"], 3) == 0.815
    with pytest.raises(TypeError, match=r"`level='ordinal'` with text ratings needs"):
        krippendorff_alpha(text, level="ordinal")
    with pytest.raises(TypeError, match=r"`level='interval'` needs numeric category codes"):
        krippendorff_alpha(text, level="interval")


def test_krippendorff_alpha_bootstrap_is_reproducible_and_brackets_estimate(rng):
    values = rng.integers(1, 4, size=(120, 3)).astype(float)
    values[:, 1] = np.where(rng.random(120) < 0.7, values[:, 0], values[:, 1])
    data = pd.DataFrame(values)
    first = _row(krippendorff_alpha(data, n_boot=500, seed=3))
    again = _row(krippendorff_alpha(data, n_boot=500, seed=3))
    assert first["se"] == again["se"]
    assert first["ci_low"] < first["estimate"] < first["ci_high"]
    # A resample of units: se close to that of the delta-method-free jackknife.
    jackknife = np.array(
        [
            _row(krippendorff_alpha(data.drop(index=i), n_boot=0))["estimate"]
            for i in range(len(data))
        ]
    )
    jackknife_se = np.sqrt((len(data) - 1) * jackknife.var())
    assert first["se"] == pytest.approx(jackknife_se, rel=0.25)
    skipped = _row(krippendorff_alpha(data, n_boot=0))
    assert np.isnan(skipped["se"]) and np.isnan(skipped["ci_low"])


@pytest.mark.parametrize("level", ["ordinal", "ratio"])
def test_krippendorff_bootstrap_paths_agree(rng, level, monkeypatch):
    """The vectorised and the per-replicate bootstrap give the same replicates."""
    from techvet_survey.agreement import _krippendorff

    values = pd.DataFrame(rng.integers(1, 6, size=(60, 3)).astype(float))
    fast = _row(_krippendorff.krippendorff_alpha(values, level=level, n_boot=50, seed=1))
    monkeypatch.setattr(_krippendorff, "_CHUNK_CELLS", 1)
    slow = _row(_krippendorff.krippendorff_alpha(values, level=level, n_boot=50, seed=1))
    assert fast["estimate"] == pytest.approx(slow["estimate"], abs=1e-12)
    assert fast["se"] == pytest.approx(slow["se"], abs=1e-12)


def test_krippendorff_alpha_without_variation_is_nan_with_warning():
    data = pd.DataFrame({"a": [1, 1, 1], "b": [1, 1, 1]})
    with pytest.warns(RuntimeWarning, match="no variation"):
        result = _row(krippendorff_alpha(data))
    assert np.isnan(result["estimate"]) and np.isnan(result["se"])


# --- Gwet's family (irrCAC) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "estimate", "se", "ci_low"),
    [
        (percent_agreement, 0.8181818, 0.12561, 0.542),
        (gwet_ac1, 0.77544, 0.14295, 0.461),
        (fleiss_kappa, 0.76117, 0.15302, 0.424),
        (brennan_prediger, 0.77273, 0.14472, 0.454),
    ],
)
def test_gwet_family_matches_irrcac_raw4raters(krippendorff_2011, function, estimate, se, ci_low):
    result = _row(function(krippendorff_2011))
    decimals = len(str(estimate).split(".")[1])
    assert round(result["estimate"], decimals) == pytest.approx(estimate, abs=1e-12)
    assert round(result["se"], 5) == pytest.approx(se, abs=1e-12)
    assert round(result["ci_low"], 3) == pytest.approx(ci_low, abs=1e-12)
    assert result["ci_high"] == 1.0
    assert result["n_units"] == 11
    assert result["n_excluded"] == 1


@pytest.mark.parametrize(
    ("function", "estimate", "table_se"),
    [
        (percent_agreement, 0.89, 0.03128898),
        (gwet_ac1, 0.8493305, 0.04321747),
        (brennan_prediger, 0.835, 0.04693346),
        (fleiss_kappa, 0.7962397, None),  # Scott's pi: Fleiss' kappa for two coders
    ],
)
def test_gwet_family_matches_irrcac_contingency_table(abstractors, function, estimate, table_se):
    result = _row(function(abstractors))
    assert result["estimate"] == pytest.approx(estimate, abs=5e-8)
    if table_se is not None:
        # irrCAC's table functions divide the variance by n^2 instead of n (n - 1).
        n = result["n_units"]
        assert result["se"] * np.sqrt((n - 1) / n) == pytest.approx(table_se, abs=5e-9)


def test_gwet_family_finite_population_correction(krippendorff_2011):
    infinite = _row(gwet_ac1(krippendorff_2011))
    finite = _row(gwet_ac1(krippendorff_2011, population_size=48))
    assert finite["estimate"] == infinite["estimate"]
    assert finite["se"] == pytest.approx(infinite["se"] * np.sqrt(1 - 12 / 48), rel=1e-12)


def test_brennan_prediger_counts_declared_categories(krippendorff_2011):
    used = _row(brennan_prediger(krippendorff_2011))
    declared = _row(brennan_prediger(krippendorff_2011, categories=[1, 2, 3, 4, 5, 6, 7]))
    assert declared["n_categories"] == 7
    # p_e = 1/q: 0.2 with five categories, 1/7 with seven.
    pa = 0.8181818181818182
    assert used["estimate"] == pytest.approx((pa - 0.2) / 0.8, abs=1e-12)
    assert declared["estimate"] == pytest.approx((pa - 1 / 7) / (6 / 7), abs=1e-12)


def test_weighted_percent_agreement_two_coders_matches_hand_computation(two_coders_r):
    complete = two_coders_r.dropna()
    distance = (complete["coder_1"] - complete["coder_2"]).abs() / 4
    result = _row(percent_agreement(two_coders_r, weights="linear"))
    assert result["estimate"] == pytest.approx((1 - distance).mean(), abs=1e-12)
    assert result["metric"] == "linear"


def test_single_category_gives_nan_and_warning():
    data = pd.DataFrame({"a": ["x", "x"], "b": ["x", "x"]})
    with pytest.warns(RuntimeWarning, match="chance agreement is 1"):
        result = _row(fleiss_kappa(data))
    assert np.isnan(result["estimate"])
    with pytest.warns(RuntimeWarning, match="chance agreement is 1"):
        assert np.isnan(_row(cohen_kappa(data))["estimate"])


# --- Cohen's kappa (psych, vcd, irrCAC) ---------------------------------------------------


def test_cohen_kappa_matches_irrcac_abstractors(abstractors):
    result = _row(cohen_kappa(abstractors))
    assert result["estimate"] == pytest.approx(0.7964094, abs=5e-8)
    assert result["se"] == pytest.approx(0.05891072, abs=5e-9)
    assert result["n_units"] == 100


def test_cohen_kappa_matches_psych_unweighted(two_coders_r):
    result = _row(cohen_kappa(two_coders_r))
    assert result["estimate"] == pytest.approx(0.576470588235, abs=1e-6)
    assert result["se"] == pytest.approx(0.140314076748, abs=1e-6)
    assert result["ci_low"] == pytest.approx(0.301460051285, abs=1e-6)
    assert result["ci_high"] == pytest.approx(0.851481125185, abs=1e-6)
    assert result["n_units"] == 18
    assert result["n_excluded"] == 2


@pytest.mark.parametrize(
    ("weights", "estimate", "se"),
    [("linear", 0.777777777778, 0.0777750761811), ("quadratic", 0.906574394464, 0.0364907754028)],
)
def test_cohen_kappa_weighted_matches_psych_and_vcd(two_coders_r, weights, estimate, se):
    result = _row(cohen_kappa(two_coders_r, weights=weights))
    assert result["estimate"] == pytest.approx(estimate, abs=1e-6)  # psych::cohen.kappa
    assert result["se"] == pytest.approx(se, abs=1e-6)  # vcd::Kappa
    assert result["metric"] == weights


def test_cohen_kappa_text_codes_need_order_for_weights(abstractors):
    with pytest.raises(TypeError, match=r"`weights='linear'` with text ratings needs"):
        cohen_kappa(abstractors, weights="linear")
    ordered = cohen_kappa(abstractors, weights=None, categories=["Ectopic", "AIU", "NIU"])
    assert _row(ordered)["estimate"] == pytest.approx(0.7964094, abs=5e-8)


# --- input checks -------------------------------------------------------------------------


def test_table_to_ratings_from_array():
    ratings = table_to_ratings(np.array([[1, 2], [0, 3]]), coders=("x", "y"))
    assert list(ratings.columns) == ["x", "y"]
    assert ratings.value_counts().to_dict() == {(1, 1): 1, (1, 2): 2, (2, 2): 3}
    with pytest.raises(ValueError, match=r"`table` must hold non-negative counts"):
        table_to_ratings(np.array([[1, -2], [0, 3]]))
    with pytest.raises(ValueError, match=r"`table` must hold whole counts"):
        table_to_ratings(np.array([[1.5, 2], [0, 3]]))


def test_bad_input_messages(krippendorff_2011):
    with pytest.raises(ValueError, match=r"`coders` must name at least 2 columns"):
        fleiss_kappa(krippendorff_2011, ["A"])
    with pytest.raises(KeyError, match=r"`coders` names columns that `data` lacks: 'E'"):
        gwet_ac1(krippendorff_2011, ["A", "E"])
    with pytest.raises(ValueError, match=r"exactly two coder columns for Cohen's kappa"):
        cohen_kappa(krippendorff_2011)
    with pytest.raises(ValueError, match=r"`level` must be one of"):
        krippendorff_alpha(krippendorff_2011, level="circular")
    with pytest.raises(ValueError, match=r"`weights` must be one of"):
        fleiss_kappa(krippendorff_2011, weights="cubic")
    with pytest.raises(ValueError, match=r"`n_boot` must be a non-negative integer"):
        krippendorff_alpha(krippendorff_2011, n_boot=-1)
    with pytest.raises(ArgumentError, match=r"`ci` must be a confidence level between 0 and 1"):
        percent_agreement(krippendorff_2011, ci=95)
    with pytest.raises(ArgumentError, match=r"`ci` must be a confidence level"):
        krippendorff_alpha(krippendorff_2011, ci=0.0)
    with pytest.raises(TypeError, match=r"`data` must be a pandas DataFrame"):
        fleiss_kappa(krippendorff_2011.to_numpy())
    with pytest.raises(ValueError, match=r"ratings that `categories` lacks: \['5.0'\]"):
        fleiss_kappa(krippendorff_2011, categories=[1, 2, 3, 4])
    with pytest.raises(ValueError, match=r"no unit rated by at least two coders"):
        krippendorff_alpha(pd.DataFrame({"a": [1, NAN], "b": [NAN, 2]}))
    with pytest.raises(TypeError, match=r"mixes numbers and text"):
        fleiss_kappa(pd.DataFrame({"a": [1, "x"], "b": [1, "x"]}, dtype=object))


def test_gwet_family_intervals_stay_in_the_coefficient_range():
    data = pd.DataFrame({"a": [1, 2, 1], "b": [1, 1, 2]})
    pa = _row(percent_agreement(data))
    assert pa["estimate"] == pytest.approx(1 / 3)
    assert pa["ci_low"] == 0.0 and pa["ci_high"] == 1.0  # t with 2 df overshoots both ends
    kappa = _row(fleiss_kappa(data))
    assert kappa["ci_low"] == -1.0
