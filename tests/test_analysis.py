import json
import warnings
from pathlib import Path

import pytest

from techvet_survey.analysis import (
    analyse_assessment,
    analyse_interviews,
    analyse_open_answers,
)
from techvet_survey.cleaning import clean_study
from techvet_survey.codebook import Codebook
from techvet_survey.privacy import KEY_ENVIRONMENT_VARIABLE

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def truth():
    return json.loads((RAW / "truth" / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cleaned():
    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        patch.setenv(KEY_ENVIRONMENT_VARIABLE, "analysis-tests")
        return clean_study(RAW)


@pytest.fixture(scope="module")
def assessment(cleaned):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analyse_assessment(cleaned.test_responses, cleaned.test_scored, Codebook.load())


def test_planted_dif_item_is_flagged_and_no_other_reaches_c(assessment, truth):
    dif = assessment["dif"]
    planted = truth["test"]["dif"]
    row = dif.loc[(dif["item"] == planted["item"]) & (dif["focal"] == planted["language"])].iloc[0]
    assert row["ets_class"] in {"B", "C"}
    assert row["mh_delta"] < 0, "the planted item is harder in its language version"
    others = dif.loc[~((dif["item"] == planted["item"]) & (dif["focal"] == planted["language"]))]
    assert not (others["ets_class"] == "C").any(), others.loc[others["ets_class"] == "C"]


def test_test_reliability_within_sampling_error_of_planted(assessment, truth):
    reliability = assessment["test_reliability"].iloc[0]
    planted = truth["test"]["population_reliability"]
    assert reliability["ci_low"] <= planted <= reliability["ci_high"]


def test_item_difficulties_correlate_with_planted(assessment, truth):
    items = assessment["irt_items"].set_index("item")
    planted = truth["test"]["items"]
    difficulty = items["b"]
    truth_b = difficulty.index.map(lambda item: planted[item]["difficulty"])
    correlation = difficulty.corr(truth_b.to_series(index=difficulty.index))
    assert correlation > 0.9


def test_decision_consistency_and_subscores_are_reported(assessment):
    decision = assessment["test_decision"].iloc[0]
    assert 0.5 < decision["p0"] <= 1 and -1 <= decision["kappa"] <= 1
    assert len(assessment["test_subscores"]) == 6


def test_interview_agreement_and_prevalences_match_planted(cleaned, truth):
    tables = analyse_interviews(cleaned.segments)
    agreement = tables["coding_agreement"]
    kappa = agreement.query("code == '(code assigned)' and coefficient == 'cohen_kappa'").iloc[0]
    planted = truth["interviews"]["expected_kappa_pooled"]
    assert kappa["ci_low"] <= planted <= kappa["ci_high"]
    frequencies = tables["code_frequencies"]
    assert {"country", "group", "code", "n_segments", "n_documents"} <= set(frequencies.columns)


def test_open_answer_tables_describe_every_question_and_recover_the_themes(cleaned, truth):
    book = Codebook.load()
    tables = analyse_open_answers(cleaned.survey, book)
    describe = tables["open_answers_describe"]
    assert set(describe["item"]) == {"open_guidance", "open_other"}
    assert (describe.loc[describe["item"] == "open_other", "n_answered"] == 0).all()
    terms = tables["open_answers_terms_country"]
    assert set(terms["item"]) == {"open_guidance"}  # nobody answered the other question
    leading = terms[terms["rank"] == 1].groupby("country")["term"].apply(set)
    lemmas = truth["open_answers"]["lemmas"]
    assert lemmas[truth["open_answers"]["country_theme"]["FI"]]["fi"] in leading["FI"]
    assert lemmas[truth["open_answers"]["country_theme"]["NL"]]["nl"] in leading["NL"]
    assert set(tables["open_answers_terms"]["group"].dropna()) == set(book.groups["group"])


def test_a_survey_without_open_answers_gives_no_open_answer_tables(cleaned):
    empty = cleaned.survey.assign(open_guidance=None, open_other=None)
    assert analyse_open_answers(empty, Codebook.load()) == {}
