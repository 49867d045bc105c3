import hashlib
import json

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from techvet_survey.cli import main
from techvet_survey.codebook import Codebook
from techvet_survey.synth import _design as design
from techvet_survey.synth import (
    _population,
    generate_study,
    survey_design,
    write_large_limesurvey,
)
from techvet_survey.synth._assessment import simulate_test
from techvet_survey.synth._pii import PiiFactory
from techvet_survey.synth._survey import clean_values, simulate_cell


@pytest.fixture(scope="module")
def book():
    return Codebook.load()


@pytest.fixture(scope="module")
def study(tmp_path_factory, book):
    out = tmp_path_factory.mktemp("study")
    truth = json.loads(generate_study(out, codebook=book).read_text(encoding="utf-8"))
    return out, truth


def digest(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_same_seed_gives_byte_identical_files(tmp_path, book):
    generate_study(tmp_path / "a", scale=0.2, seed=11, codebook=book)
    generate_study(tmp_path / "b", scale=0.2, seed=11, codebook=book)
    generate_study(tmp_path / "c", scale=0.2, seed=12, codebook=book)
    first, second, other = (digest(tmp_path / name) for name in "abc")
    assert first == second
    assert len(first) >= 12
    assert first["survey/LV_survey.sav"] != other["survey/LV_survey.sav"]


def test_limesurvey_export_has_its_quirks(study):
    out, truth = study
    path = out / "survey" / "EE_limesurvey_results.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and b'";"' in raw
    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert {"id", "submitdate", "lastpage", "startlanguage", "G2Q1[SQ001]"} <= set(frame.columns)
    assert set(frame["startlanguage"]) == {"et", "en"}
    assert set(frame["G2Q1[SQ001]"]) <= {"A1", "A2", "A3", "A4", "A5", "A8", "A9", ""}
    incomplete = truth["files"]["survey/EE_limesurvey_results.csv"]["excluded"]["incomplete"]
    unsubmitted = frame.loc[frame["submitdate"] == "", "id"].astype(int)
    assert sorted(unsubmitted) == sorted(incomplete)
    assert len(frame) == truth["files"]["survey/EE_limesurvey_results.csv"]["rows"]


def test_webropol_export_has_finnish_labels_and_mess(study, book):
    out, _truth = study
    frame = pd.read_excel(out / "survey" / "FI_webropol_student.xlsx", dtype=str)
    country = frame.filter(like="Maa").iloc[:, 0].dropna()
    assert {"Suomi", "Finland", "FI "} <= set(country)
    likert = frame[[column for column in frame.columns if " - " in column]]
    labels = set(likert.stack().dropna())
    assert "En osaa sanoa" in labels
    assert any(label != label.strip() or "  " in label for label in labels)
    blank = frame.iloc[-1]
    assert blank.iloc[3:].isna().all() and blank.iloc[:3].notna().all()
    dates = frame["Lähetetty"].dropna()
    assert dates.str.match(r"\d\d\.\d\d\.\d{4}").any() and dates.str.match(r"\d{4}-\d\d-\d\d").any()


def test_spss_export_keeps_labels_and_user_missing(study):
    out, truth = study
    data, meta = pyreadstat.read_sav(out / "survey" / "LV_survey.sav", user_missing=True)
    assert meta.missing_ranges["gw1"] == [{"lo": 8.0, "hi": 8.0}, {"lo": 9.0, "hi": 9.0}]
    assert meta.variable_value_labels["gw1"][8] == "Nezinu"
    assert meta.column_names_to_labels["gw1"]
    planted = truth["files"]["survey/LV_survey.sav"]["out_of_range"]
    assert len(planted) == 3
    for record in planted:
        row = data.loc[data["RespID"] == record["source_id"]]
        assert row[record["item"]].item() == record["value"]


def test_msforms_export_joins_multiselect_with_trailing_semicolon(study):
    out, truth = study
    frame = pd.read_excel(out / "survey" / "NL_msforms_export.xlsx", dtype=str)
    assert list(frame.columns[:5]) == ["ID", "Start time", "Completion time", "Email", "Name"]
    channels = frame.iloc[:, -3].dropna()
    assert channels.str.endswith(";").all()
    emails = set(frame["Email"].dropna()) - {"anonymous"}
    assert emails and emails <= set(truth["files"]["survey/NL_msforms_export.xlsx"]["pii"])


def test_lms_export_holds_option_texts_and_not_reached(study, book):
    out, truth = study
    frame = pd.read_csv(
        out / "test" / "learning_ambassador_quiz_responses.csv", dtype=str, keep_default_na=False
    )
    assert len(frame) == truth["test"]["rows"]
    responses = frame.filter(like="Response ")
    assert responses.shape[1] == 30
    assert (responses == "-").any(axis=None)
    first = responses["Response 1"]
    texts = {book.option_text("t01", option, lang) for option in "ABCD" for lang in book.languages}
    assert set(first) - {"-"} <= texts


def test_accounting_of_planted_rows(study):
    out, truth = study
    kept = pd.read_csv(out / "truth" / "truth_survey.csv")
    expected_kept = 0
    for name, record in truth["files"].items():
        if not name.startswith("survey/"):
            continue
        excluded = sum(len(ids) for ids in record["excluded"].values())
        expected_kept += record["rows"] - excluded
        planted = {reason: len(ids) for reason, ids in record["excluded"].items()}
        assert planted["test_submission"] == 2
        all_ids = [i for ids in record["excluded"].values() for i in ids]
        assert len(all_ids) == len(set(all_ids)), "a row has two planted reasons"
    assert len(kept) == expected_kept


def test_duplicate_share_matches_the_design(tmp_path, book):
    path = write_large_limesurvey(tmp_path / "big.csv", 20_000, chunk_size=7_000, codebook=book)
    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert frame["id"].is_unique
    assert len(frame) > 20_000
    answers = frame.filter(like="[SQ").drop(columns=frame.filter(like="G8Q1").columns)
    # Straight-liners and incomplete responses share answer patterns by construction.
    varied = (answers.nunique(axis=1) > 1) & (frame["submitdate"] != "")
    duplicated = answers.assign(text=frame["G8Q2"])[varied].duplicated().sum()
    expected = 0.02 * 20_000
    assert abs(duplicated - expected) < 4 * np.sqrt(expected)


def test_population_alpha_and_means_match_a_large_sample(book):
    survey = survey_design(book)
    rng = np.random.default_rng(5)
    frames = [
        simulate_cell(survey, country, group, 20 * size, rng, PiiFactory(), "en")
        for country in design.COUNTRIES
        for group, size in design.GROUP_SIZES.items()
    ]
    large = clean_values(pd.concat(frames, ignore_index=True), survey)
    truth = _population(book, survey, 1.0)
    for scale, items in survey.scales.items():
        complete = large[items].dropna()
        covariance = np.cov(complete.to_numpy(), rowvar=False)
        assert design.alpha_from_covariance(covariance) == pytest.approx(
            truth[scale]["population_alpha"], abs=0.01
        )
        for country in design.COUNTRIES:
            scores = large.loc[large["country"] == country, items].mean(axis=1)
            error = scores.std() / np.sqrt(len(scores))
            expected = truth[scale]["countries"][country]["expected_scale_mean"]
            assert abs(scores.mean() - expected) < 4 * error


def test_test_reliability_matches_a_large_sample(book):
    test = design.TestDesign.draw(book.test_items["item"].tolist(), np.random.default_rng(3))
    takers = {language: 4_000 for language in design.TEST_LANGUAGES}
    responses = simulate_test(book, test, takers, np.random.default_rng(4))
    key = book.test_key
    scored = pd.DataFrame(
        {item: (responses[item] == key[item]).astype(float) for item in test.items}
    )
    alpha = design.alpha_from_covariance(np.cov(scored.to_numpy(), rowvar=False))
    # Omitted and not-reached answers lower the observed alpha a little.
    assert alpha == pytest.approx(test.population_reliability(takers), abs=0.02)


def test_planted_country_means_are_recovered_from_the_study(study, book):
    out, truth = study
    kept = pd.read_csv(out / "truth" / "truth_survey.csv")
    for scale, facts in truth["survey"]["scales"].items():
        items = book.scale_items(scale)
        for country, expected in facts["countries"].items():
            scores = kept.loc[kept["country"] == country, items].mean(axis=1)
            error = scores.std() / np.sqrt(len(scores))
            assert abs(scores.mean() - expected["expected_scale_mean"]) < 4.5 * error


def test_cli_synth_writes_a_study(tmp_path, capsys):
    assert main(["synth", "--out", str(tmp_path), "--scale", "0.1", "--seed", "3"]) == 0
    assert (tmp_path / "truth" / "truth.json").exists()
    assert "planted truth" in capsys.readouterr().out


def test_cli_rejects_non_positive_scale(tmp_path, capsys):
    assert main(["synth", "--out", str(tmp_path), "--scale", "0"]) == 2
    assert "--scale must be positive" in capsys.readouterr().err


def test_open_answers_carry_planted_themes_in_the_answer_language():
    from techvet_survey.open_answers import detect_language
    from techvet_survey.synth._open_answers import THEMES, plant_open_answers

    rng = np.random.default_rng(4)
    n = 400
    frame = pd.DataFrame(
        {
            "country": "EE",
            "group": "student",
            "language": np.where(np.arange(n) % 5 == 0, "en", "et"),
            "open_guidance": np.where(np.arange(n) % 3 == 0, "", "answered"),
            "planted_tail": [None] * n,
        }
    )
    planted = plant_open_answers(frame, rng)
    answered = planted[planted["open_guidance"] != ""]
    assert (planted.loc[frame["open_guidance"] == "", "planted_themes"].map(len) == 0).all()
    themed = answered[~answered["planted_refusal"]]
    for row in themed.itertuples():
        sentences = [s for theme in row.planted_themes for s in THEMES[theme][row.language]]
        assert sum(sentence in row.open_guidance for sentence in sentences) == len(
            row.planted_themes
        )
        assert detect_language(row.open_guidance, ("en", "fi", "et", "lv", "nl")) == row.language
    first = themed["planted_themes"].str[0].value_counts(normalize=True)
    assert first.idxmax() == "feedback_practice"  # Estonia's theme, and the students'
    assert 0.02 < answered["planted_refusal"].mean() < 0.15


def test_truth_counts_the_open_answers_of_the_kept_respondents(study):
    out, truth = study
    kept = pd.read_csv(out / "truth" / "truth_survey.csv")
    counts = truth["open_answers"]["counts"]
    for (country, group), cell in kept.groupby(["country", "group"]):
        planted = counts[country][group]
        assert planted["answered"] + planted["refused"] + planted["blank"] == len(cell)
        assert sum(planted["themes"].values()) >= planted["answered"]
