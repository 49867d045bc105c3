"""Recovery of the planted truth of the bundled synthetic study by compare_all.

The study in data/raw was generated with planted country differences on five scales
(none on ``dg``) and one non-invariant intercept (cg2 in LV); its truth is in
data/raw/truth/truth.json. The confirmatory family is the six scale scores by country
and by respondent group (12 omnibus tests, Holm). benchmarks/recovery_rate.py repeats
this over many seeds.
"""

import itertools
import json
import warnings
from pathlib import Path

import pytest

from techvet_survey.analysis import compare_all
from techvet_survey.cleaning import clean_study
from techvet_survey.codebook import Codebook

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
LARGE_OBSERVED_GAP = 0.15  # expected scale means this far apart must be ordered right
LARGE_LATENT_GAP = 0.25  # planted factor means this far apart must be ordered right


@pytest.fixture(scope="module")
def truth():
    return json.loads((RAW / "truth" / "truth.json").read_text(encoding="utf-8"))["survey"]


@pytest.fixture(scope="module")
def result():
    book = Codebook.load()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        survey = clean_study(RAW, book).survey
        return compare_all(survey, book, items=False, seed=1)


def _planted(truth, key):
    return {
        scale: {country: entry[key] for country, entry in spec["countries"].items()}
        for scale, spec in truth["scales"].items()
    }


def test_planted_country_differences_are_found_and_dg_is_not(result, truth):
    omnibus = result.omnibus[result.omnibus["by"] == "country"].set_index("value")
    for scale, spec in truth["scales"].items():
        significant = omnibus.loc[scale, "p_adj"] < 0.05
        assert significant == spec["country_difference_planted"], scale


def test_order_of_observed_country_means_follows_the_planted_means(result, truth):
    expected = _planted(truth, "expected_scale_mean")
    table = result.descriptives
    observed = table[(table["by"] == "country") & (table["kind"] == "scale")]
    checked = 0
    for scale, means in expected.items():
        mean = observed[observed["value"] == scale].set_index("level")["mean"]
        for a, b in itertools.combinations(means, 2):
            if abs(means[a] - means[b]) > LARGE_OBSERVED_GAP:
                assert (mean[a] > mean[b]) == (means[a] > means[b]), (scale, a, b)
                checked += 1
    assert checked >= 10


def test_order_of_latent_means_follows_the_planted_factor_means(result, truth):
    planted = _planted(truth, "factor_mean")
    latent = result.latent_means
    checked = 0
    for scale, means in planted.items():
        estimate = latent[latent["scale"] == scale].set_index("group")["est"]
        for a, b in itertools.combinations(means, 2):
            if abs(means[a] - means[b]) >= LARGE_LATENT_GAP:
                assert (estimate[a] > estimate[b]) == (means[a] > means[b]), (scale, a, b)
                checked += 1
    # includes cg: EE above LV in the partial model, although their observed means tie
    assert checked >= 15


def test_the_non_invariant_intercept_is_the_one_freed(result, truth):
    planted = truth["non_invariant"]
    freed = result.freed_intercepts
    cg = freed[freed["scale"] == "cg"]
    assert cg[["item", "group"]].values.tolist() == [[planted["item"], planted["country"]]]
    verdict = result.invariance.set_index("scale")
    assert verdict.loc["cg", "level"] == "partial_scalar"
    assert verdict.loc["cg", "comparable"]
    assert "cg2 in LV" in verdict.loc["cg", "caveat"]
    assert not freed["scale"].isin(["gw", "co", "af"]).any()
