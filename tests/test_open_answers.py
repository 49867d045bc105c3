import json
import re
import shutil
import uuid
import zipfile
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pandas as pd
import pytest

from techvet_survey.analysis import run_analyses
from techvet_survey.cleaning import clean_study
from techvet_survey.cli import main
from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError, InputError
from techvet_survey.interviews import (
    code_cooccurrence,
    code_frequencies,
    coding_agreement,
    read_qdpx,
)
from techvet_survey.open_answers import (
    LEADING,
    QUOTES_PER_LEADING,
    answer_documents,
    answer_languages,
    answer_quotes,
    answer_segments,
    coded_answer_quotes,
    content_lemmas,
    describe_answers,
    detect_language,
    frequent_terms,
    holding_dictionaries,
    is_non_answer,
    keyword_in_context,
    lemma,
    release_dictionaries,
    shorten,
    write_open_answers_qdpx,
)
from techvet_survey.open_answers import _words as words
from techvet_survey.privacy import KEY_ENVIRONMENT_VARIABLE
from techvet_survey.report import _own_words as own_words
from techvet_survey.report._messages import text as message
from techvet_survey.synth._open_answers import THEMES

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
NS = "urn:QDA-XML:project:1.0"
LANGUAGES = ("en", "fi", "et", "lv", "nl")


@pytest.fixture(scope="module")
def book():
    return Codebook.load()


@pytest.fixture(scope="module")
def truth():
    return json.loads((RAW / "truth" / "truth.json").read_text(encoding="utf-8"))["open_answers"]


@pytest.fixture(scope="module")
def survey():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY_ENVIRONMENT_VARIABLE, "test-key-0123456789")
        with pytest.warns(UserWarning):
            return clean_study(RAW).survey


# ---------------------------------------------------------------- words, in five languages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_is_lemmatised_and_detected(lang):
    for theme in THEMES.values():
        for sentence in theme[lang]:
            assert detect_language(sentence, LANGUAGES) == lang, sentence
            assert theme["lemma"][lang] in content_lemmas(sentence, lang), sentence


def test_stop_words_are_dropped_and_short_answers_have_no_language():
    assert content_lemmas("Er is te weinig tijd voor begeleiding.", "nl") == [
        "tijd",
        "begeleiding",
    ]
    assert detect_language("Ei.", LANGUAGES) == "und"


@pytest.mark.parametrize(
    "text", ["-", "...", "No comment.", "Ei kommentteja", "Pole midagi lisada", "Nav ko piebilst."]
)
def test_non_answers_are_refusals(text):
    assert is_non_answer(text)


def test_an_answer_is_not_a_refusal():
    assert not is_non_answer("No time for guidance.")


# ---------------------------------------------------------------- the bundled study


def test_answered_blank_refused_equal_the_planted_counts(survey, truth):
    table = describe_answers(survey, min_n=0, items=["open_guidance"])
    for country, groups in truth["counts"].items():
        for group, planted in groups.items():
            row = table[(table["country"] == country) & (table["group"] == group)].iloc[0]
            found = (row["n_answered"], row["n_refused"], row["n_blank"])
            assert found == (planted["answered"], planted["refused"], planted["blank"])


def test_answers_are_written_in_the_questionnaire_language(survey):
    table = describe_answers(survey, by="country", items=["open_guidance"])
    shares = table.set_index("country")["share_in_questionnaire_language"]
    assert (shares > 0.95).all()
    languages = answer_languages(survey, items=["open_guidance"], min_n=0)
    estonian = languages[languages["country"] == "EE"]
    assert set(estonian["answer_language"]) >= {"et", "en"}
    assert (
        estonian["answer_language"].isin(["und"])
        | (estonian["answer_language"] == estonian["language"])
    ).all()


def test_small_cells_are_suppressed(survey):
    table = describe_answers(survey, min_n=20, items=["open_guidance"])
    small = table[table["n"] < 20]
    assert len(small) and small["suppressed"].all()
    assert small[["n_answered", "share_answered", "mean_characters"]].isna().all().all()
    assert not table.loc[table["n"] >= 20, "suppressed"].any()


def test_frequent_terms_per_country_recover_the_planted_themes(survey, truth):
    terms = frequent_terms(survey, by="country", top=20)
    language = {"FI": "fi", "EE": "et", "LV": "lv", "NL": "nl"}
    for country, theme in truth["country_theme"].items():
        own = terms[terms["country"] == country]
        lemmas = {code: truth["lemmas"][code][language[country]] for code in THEMES}
        leading = own.loc[own["rank"] <= 3, "term"].tolist()
        assert lemmas[theme] in leading, (country, leading)
        assert set(lemmas.values()) <= set(own["term"]), country
        assert not {"name", "email", "phone"} & set(own["term"])  # scrubbing marks


def test_keyword_in_context_finds_inflected_forms(survey):
    lines = keyword_in_context(survey, "aika")
    assert len(lines) and set(lines["country"]) == {"FI"}
    assert {"aikaa"} <= set(lines["keyword"].str.casefold())
    first = lines.iloc[0]
    answer = survey.set_index("respondent_id").loc[first["respondent_id"], "open_guidance"]
    assert answer[first["start"] : first["end"]] == first["keyword"]


# ---------------------------------------------------------------- the coders' round trip


def code_as_a_coder(path: Path) -> dict:
    """Code every planted theme sentence of the project (coder A), and every third
    answer again (coder B, who gives one answer in four another code), as a coder in a
    QDA program would; return what each coder coded, by answer."""
    sentences = {
        sentence: code
        for code, theme in THEMES.items()
        for lang in LANGUAGES
        for sentence in theme[lang]
    }
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    root = ElementTree.fromstring(members["project.qde"])
    ElementTree.register_namespace("", NS)
    users = root.find(f"{{{NS}}}Users")
    ids = {coder: str(uuid.uuid4()) for coder in ("A", "B")}
    for coder, guid in ids.items():
        ElementTree.SubElement(users, f"{{{NS}}}User", guid=guid, name=coder)
    codes = {c.get("name"): c.get("guid") for c in root.iter(f"{{{NS}}}Code")}
    coded = {"A": {}, "B": {}}
    answer_number = 0
    for source in root.iter(f"{{{NS}}}TextSource"):
        name = "Sources/" + source.get("plainTextPath").removeprefix("internal://")
        text = members[name].decode("utf-8")
        offset = 0
        for line in text.split("\n"):
            respondent, answer = line.split(": ", 1)
            key = f"{source.get('name')}/{respondent}"
            answer_number += 1
            for sentence, code in sentences.items():
                at = answer.find(sentence)
                if at < 0:
                    continue
                start = offset + len(respondent) + 2 + at
                spans = [("A", code)]
                if answer_number % 3 == 0:
                    swapped = answer_number % 4 == 0
                    spans.append(("B", "daily_guidance" if swapped else code))
                for coder, given in spans:
                    coded[coder].setdefault(key, set()).add(given)
                    selection = ElementTree.SubElement(
                        source,
                        f"{{{NS}}}PlainTextSelection",
                        guid=str(uuid.uuid4()),
                        startPosition=str(start),
                        endPosition=str(start + len(sentence)),
                        creatingUser=ids[coder],
                    )
                    coding = ElementTree.SubElement(
                        selection,
                        f"{{{NS}}}Coding",
                        guid=str(uuid.uuid4()),
                        creatingUser=ids[coder],
                    )
                    ElementTree.SubElement(coding, f"{{{NS}}}CodeRef", targetGUID=codes[given])
            offset += len(line) + 1
    members["project.qde"] = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return coded


@pytest.fixture(scope="module")
def round_trip(survey, book, tmp_path_factory):
    path = tmp_path_factory.mktemp("coders") / "open_answers.qdpx"
    write_open_answers_qdpx(survey, path)
    coded = code_as_a_coder(path)
    project = read_qdpx(path, codes=book.interview_codes)
    return project, answer_segments(project, survey), coded


def test_one_document_per_question_and_country_each_answer_a_paragraph(survey, round_trip):
    project, _, _ = round_trip
    documents, paragraphs = answer_documents(survey)
    assert sorted(project.documents["document"]) == sorted(documents["document"])
    assert set(project.documents["country"]) == {"FI", "EE", "LV", "NL"}
    assert set(project.documents["question"]) == {"open_guidance"}
    answered = survey["open_guidance"].fillna("").str.strip().ne("")
    refused = survey["open_guidance"].fillna("").map(is_non_answer) & answered
    assert len(paragraphs) == int((answered & ~refused).sum())
    assert set(project.codes["code"]) >= set(THEMES) | {"daily_guidance"}


def planted_code_counts(truth) -> dict:
    """The planted number of answers per country, group and theme (code)."""
    return {
        (country, group, code): count
        for country, groups in truth["counts"].items()
        for group, cell in groups.items()
        for code, count in cell["themes"].items()
        if count
    }


def test_coded_round_trip_gives_the_planted_code_frequencies(round_trip, truth):
    _, segments, _ = round_trip
    frequencies = code_frequencies(segments, by=("country", "group"))
    found = frequencies.set_index(["country", "group", "code"])["n_documents"]
    planted = planted_code_counts(truth)
    assert found.to_dict() == planted


def test_coded_round_trip_gives_co_occurrence_and_agreement(round_trip):
    _, segments, coded = round_trip
    pairs = code_cooccurrence(segments, unit="document", coder="A").pairs
    both = {(row.code_a, row.code_b): row.n_both for row in pairs.itertuples() if row.n_both}
    expected = {}
    for given in coded["A"].values():
        for a in given:
            for b in given:
                if a < b:
                    expected[(a, b)] = expected.get((a, b), 0) + 1
    assert both == expected
    agreement = coding_agreement(segments, unit="document", n_boot=0)
    pooled = agreement.query("code == '(all codes)' and coefficient == 'percent_agreement'")
    double = [key for key in coded["B"]]
    names = sorted(
        set(
            segments.loc[
                segments["document"].isin([f"open_guidance:{key.split('/')[1]}" for key in double]),
                "code",
            ]
        )
    )
    agree = sum(
        (name in coded["A"][key]) == (name in coded["B"][key]) for key in double for name in names
    )
    assert pooled["estimate"].iloc[0] == pytest.approx(agree / (len(double) * len(names)))
    assert pooled["estimate"].iloc[0] < 1


def test_a_segment_across_two_answers_is_named(survey, round_trip):
    project, _, _ = round_trip
    wide = project.segments.iloc[[0]].assign(start=0, end=10_000)
    with pytest.raises(InputError, match=r"does not lie within one answer of the survey table"):
        answer_segments(wide, survey)


@pytest.fixture(scope="module")
def coded_study(survey, tmp_path_factory):
    """The bundled study with a coded project of its open answers in the raw folder,
    cleaned and analysed."""
    raw = tmp_path_factory.mktemp("coded") / "raw"
    shutil.copytree(RAW, raw, ignore=shutil.ignore_patterns("truth"))
    project = write_open_answers_qdpx(survey, raw / "open_answers" / "coded.qdpx")
    coded = code_as_a_coder(project)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY_ENVIRONMENT_VARIABLE, "test-key-0123456789")
        with pytest.warns(UserWarning):
            cleaned = clean_study(raw)
    return raw, cleaned, run_analyses(cleaned.tables()), coded


def test_the_cleaning_reads_a_coded_project_of_the_open_answers(coded_study, survey):
    _, cleaned, _, coded = coded_study
    record = cleaned.files.set_index("file").loc["open_answers/coded.qdpx"]
    assert record["status"] == "cleaned" and record["flavour"] == "qdpx"
    assert "coded project of the open answers" in record["note"]
    segments = cleaned.open_answer_segments
    assert record["rows_kept"] == len(segments) and record["rows_excluded"] == 0
    for coder, answers in coded.items():
        mine = segments[segments["coder"] == coder].groupby("document")["code"].agg(set)
        planted = {f"open_guidance:{key.split('/')[1]}": codes for key, codes in answers.items()}
        assert mine.to_dict() == planted
    assert set(segments["respondent_id"]) <= set(survey["respondent_id"])
    assert len(cleaned.segments) and not cleaned.segments["document"].str.contains(":").any()


def test_coded_open_answers_give_the_planted_code_frequencies(coded_study, truth):
    _, _, tables, _ = coded_study
    found = tables["open_answers_codes"].set_index(["country", "group", "code"])["n_documents"]
    planted = planted_code_counts(truth)
    assert found.to_dict() == planted
    agreement = tables["open_answers_coding_agreement"]
    pooled = agreement.query("code == '(all codes)' and coefficient == 'percent_agreement'")
    assert 0 < pooled["estimate"].iloc[0] < 1


def select_from_the_first_id(path: Path) -> None:
    """Widen the project's first selection back to the start of its document, over the
    respondent id before the answer (as a careless coder might)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    qde = members["project.qde"].decode("utf-8")
    first = qde.index('startPosition="')
    end = qde.index('"', first + len('startPosition="'))
    members["project.qde"] = (qde[:first] + 'startPosition="0' + qde[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.mark.parametrize(
    "fault, message",
    [
        ("written from other answers", r"written from other answers.*export --open-answers"),
        ("a selection over an id", r"does not lie within one answer.*Code inside an answer"),
    ],
)
def test_a_coded_project_that_does_not_match_the_survey_fails_alone(
    survey, tmp_path, fault, message
):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw, ignore=shutil.ignore_patterns("truth", "interviews", "test"))
    written = survey
    if fault == "written from other answers":
        answered = answer_documents(survey)[1]["respondent_id"].iloc[0]
        written = survey[survey["respondent_id"] != answered]
    project = write_open_answers_qdpx(written, raw / "open_answers" / "coded.qdpx")
    code_as_a_coder(project)
    if fault == "a selection over an id":
        select_from_the_first_id(project)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY_ENVIRONMENT_VARIABLE, "test-key-0123456789")
        with pytest.warns(UserWarning, match=r"failed: open_answers/coded.qdpx: "):
            cleaned = clean_study(raw)
    record = cleaned.files.set_index("file").loc["open_answers/coded.qdpx"]
    assert record["status"] == "failed"
    assert re.search(message, record["note"])
    assert cleaned.open_answer_segments.empty and len(cleaned.survey) == len(survey)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_report_names_each_countrys_planted_theme_as_its_leading_code(
    coded_study, truth, book, lang
):
    _, cleaned, tables, _ = coded_study
    study = SimpleNamespace(
        tables=tables, processed=cleaned.tables(), codebook=book, lang=lang, min_n=5
    )
    assert own_words.coded_questions(study) == ["open_guidance"]
    leading = own_words.leading_codes(study, "open_guidance").set_index("country")["code"]
    assert leading.to_dict() == truth["country_theme"]
    labels = book.interview_codes.set_index("code")[f"label_{lang}"]
    sentence = own_words.own_words_findings(study)[0]
    assert sentence.startswith(message("open.codes", lang, question="", parts="", ref="")[:12])
    parts = sentence.split("; ")
    for country, theme in truth["country_theme"].items():
        (part,) = [part for part in parts if book.country_label(country, lang) in part]
        named = [code for code in THEMES if labels[code] in part]
        assert named == [theme], (country, part)


def test_the_report_quotes_coded_answers_per_code_and_country(coded_study, truth, book):
    _, cleaned, tables, _ = coded_study
    study = SimpleNamespace(
        tables=tables, processed=cleaned.tables(), codebook=book, lang="en", min_n=5
    )
    quotes = own_words.own_words_coded_quotes(study)
    # the analysis chose them (its table): the same as choosing them here, without ids
    assert (quotes["min_n"] == 5).all()
    recomputed = own_words.own_words_coded_quotes(
        SimpleNamespace(**{**vars(study), "tables": {**tables, "open_answers_coded_quotes": None}})
    )
    pd.testing.assert_frame_equal(quotes, recomputed)
    chosen = coded_answer_quotes(
        study.processed["open_answer_segments"],
        tables["open_answers_codes_country"],
        per_code=QUOTES_PER_LEADING,
        codebook=book,
        min_n=5,
    )
    chosen = chosen[chosen["rank"] <= LEADING].reset_index(drop=True)
    columns = ["item", "country", "code", "rank", "language", "quote"]
    pd.testing.assert_frame_equal(quotes[columns], chosen[columns])
    sentences = {
        sentence: (code, lang)
        for code, theme in THEMES.items()
        for lang in LANGUAGES
        for sentence in theme[lang]
    }
    assert set(quotes["country"]) == set(truth["country_theme"])
    for country, theme in truth["country_theme"].items():
        first = quotes[(quotes["country"] == country) & (quotes["rank"] == 1)]
        assert set(first["code"]) == {theme}
    assert all(sentences[row.quote] == (row.code, row.language) for row in quotes.itertuples())
    cells = tables["open_answers_codes"].drop_duplicates(["country", "group"])
    size = cells.set_index(["country", "group"])["n_documents_total"]
    group = cleaned.survey.set_index("respondent_id")["group"]
    assert all(size[(row.country, group[row.respondent_id])] >= 5 for row in chosen.itertuples())
    assert chosen["respondent_id"].is_unique
    assert "respondent_id" not in quotes  # the report's table names no respondent


def test_export_command_writes_the_project(survey, tmp_path, book, capsys):
    processed = tmp_path / "processed"
    processed.mkdir()
    survey.to_parquet(processed / "survey.parquet")
    target = tmp_path / "coding" / "open.qdpx"
    code = main(["export", "--processed", str(processed), "--open-answers", str(target)])
    assert code == 0
    assert "into the raw folder" in capsys.readouterr().out  # where the coded project goes
    project = read_qdpx(target, codes=book.interview_codes)
    assert project.segments.empty
    assert len(project.documents) == 4


def test_export_command_names_a_wrong_suffix(tmp_path):
    code = main(["export", "--processed", str(tmp_path), "--open-answers", str(tmp_path / "x.zip")])
    assert code != 0


def test_an_export_without_open_answers_is_refused(survey, tmp_path):
    empty = survey.assign(open_guidance=None, open_other=None)
    with pytest.raises(InputError, match="holds no answer to an open question"):
        write_open_answers_qdpx(empty, tmp_path / "x.qdpx")


def test_frequent_terms_table_is_tidy(survey):
    terms = frequent_terms(survey)
    assert list(terms.columns) == [
        "item",
        "country",
        "group",
        "term",
        "language",
        "n_answers",
        "n_answered",
        "share_answers",
        "rank",
        "suppressed",
    ]
    assert (terms.dropna(subset=["term"])["n_answers"] >= 5).all()
    assert (terms.groupby(["country", "group"])["rank"].max().dropna() <= 10).all()


# ---------------------------------------------------------------- quotes


def test_quotes_come_only_from_cells_of_at_least_min_n(survey):
    terms = frequent_terms(survey, by="country", top=3, min_n=8)
    quotes = answer_quotes(survey, terms, min_n=8)
    answers = survey.set_index("respondent_id")
    answered = survey[survey["open_guidance"].fillna("").str.strip().ne("")]
    cells = answered.groupby(["country", "group"]).size()
    assert (cells < 8).any()  # some cells are too small to quote
    assert set(quotes["country"]) == {"EE", "FI", "LV", "NL"}
    for row in quotes.itertuples(index=False):
        source = answers.loc[row.respondent_id]
        assert cells[(source["country"], source["group"])] >= 8
        assert source["country"] == row.country
        assert row.quote.strip("\u2026") in source["open_guidance"]
        assert row.term in content_lemmas(row.quote, row.language), row.quote
    assert quotes.merge(terms, on=["item", "country", "term"])["n_answers"].min() >= 8


def test_quotes_are_deterministic_short_distinct_and_in_their_language(survey):
    terms = frequent_terms(survey, by="country", top=3)
    quotes = answer_quotes(survey, terms, per_term=2, max_chars=60)
    assert quotes.equals(answer_quotes(survey, terms, per_term=2, max_chars=60))
    assert (quotes["quote"].str.len() <= 62).all()
    assert not quotes.duplicated(["country", "quote"]).any()
    assert not quotes.duplicated(["country", "respondent_id"]).any()
    assert (quotes.groupby(["country", "term"]).size() <= 2).all()
    estonian = quotes[quotes["country"] == "EE"]
    detected = estonian["quote"].map(lambda text: detect_language(text, LANGUAGES))
    assert ((detected == estonian["language"]) | (detected == "und")).all()


def test_a_long_sentence_is_cut_at_word_boundaries_around_its_keyword():
    text = "Intro. " + " ".join(f"word{i}" for i in range(40)) + " aika " + "end " * 30 + "."
    quote = shorten(text, text.index("aika"), max_chars=50)
    assert quote.startswith("\u2026") and quote.endswith("\u2026") and "aika" in quote
    assert len(quote) <= 52
    inner = quote.strip("\u2026")
    assert f" {inner} " in f" {text} "  # whole words only
    assert shorten("Lyhyt. Ohjaukseen ei ole aikaa. Loppu.", 20) == "Ohjaukseen ei ole aikaa."


def test_quotes_need_the_frequent_terms_columns(survey):
    with pytest.raises(ArgumentError, match=r"`terms` lacks the columns \['item'.*frequent_terms"):
        answer_quotes(survey, survey[["country"]])


def test_released_dictionaries_give_the_same_lemmas_and_languages():
    sentence = "Työpaikkaohjaajille pitäisi järjestää koulutusta joka vuosi."
    before = (lemma("ohjaajille", "fi"), detect_language(sentence, ("fi", "et", "en")))
    release_dictionaries()
    assert (lemma("ohjaajille", "fi"), detect_language(sentence, ("fi", "et", "en"))) == before
    assert before == ("ohjaaja", "fi")


def _dictionaries_held() -> bool:
    return words._dictionaries.cache_info().currsize > 0


def test_quoting_releases_the_dictionaries_it_read_unless_a_block_holds_them(survey):
    terms = frequent_terms(survey, by="country", top=3)
    release_dictionaries()
    quotes = answer_quotes(survey, terms)
    assert not quotes.empty and not _dictionaries_held()  # a report does not keep them
    with holding_dictionaries():
        held = answer_quotes(survey, terms)
        assert _dictionaries_held()  # read once for every call in the block
    assert held.equals(quotes) and not _dictionaries_held()


def test_a_holding_block_inside_another_keeps_the_dictionaries_to_the_outer_end():
    release_dictionaries()
    with holding_dictionaries():
        assert lemma("palautetta", "fi") == "palaute"
        with holding_dictionaries():
            lemma("tagasisidet", "et")
        assert _dictionaries_held()
    assert not _dictionaries_held()
