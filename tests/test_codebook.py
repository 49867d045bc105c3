import copy
import shutil

import pytest
import yaml

from techvet_survey.codebook import DATA_DIR, Codebook, normalize_label
from techvet_survey.errors import CodebookError


@pytest.fixture(scope="module")
def book():
    return Codebook.load()


def write_variant(tmp_path, change):
    """Copy the bundled codebook, apply `change` to its merged content, write it back."""
    raw = copy.deepcopy(dict(Codebook.load().raw))
    change(raw)
    (tmp_path / "codebook.yaml").write_text(
        yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8"
    )
    return tmp_path / "codebook.yaml"


def test_bundled_codebook_is_complete(book):
    assert book.languages == ("en", "fi", "et", "lv", "nl")
    assert set(book.countries["country"]) == {"FI", "EE", "LV", "NL"}
    assert set(book.groups["group"]) == {"student", "teacher", "workplace_trainer"}
    assert list(book.scales["scale"]) == ["gw", "cg", "co", "sa", "dg", "af"]
    assert book.scales["n_items"].between(4, 6).all()
    reverse_by_scale = book.items.groupby("scale")["reverse"].sum()
    assert (reverse_by_scale >= 1).all()
    assert len(book.test_items) == 30
    assert set(book.test_items["key"]) <= set("ABCD")
    assert book.test_items["area"].nunique() == 6
    assert 0 < book.cut_score <= 30
    assert book.interview_codes["theme"].nunique() >= 4
    for lang in book.languages:
        assert book.item_text("gw1", lang)
        assert book.item_text("gw1", lang, group="teacher")


def test_label_maps_cover_variants_and_missing_options(book):
    finnish = book.label_map("agree5", "fi")
    assert finnish[normalize_label("Ei samaa eikä eri mieltä")] == 3
    assert finnish[normalize_label("ei eri eikä samaa mieltä")] == 3
    assert finnish[normalize_label("En osaa sanoa")] == 8
    assert book.missing_codes("agree5") == {8: "dont_know", 9: "not_applicable"}
    for lang in book.languages:
        codes = set(book.label_map("agree5", lang).values())
        assert codes == {1, 2, 3, 4, 5, 8, 9}


def test_every_spelling_of_a_country_maps_to_its_code(book):
    spellings = book.value_map("countries")
    for spelling in ["Suomi", "Finland", "FI ", " suomi", "Nederland", "Latvija", "Eesti"]:
        assert spellings[normalize_label(spelling)] in {"FI", "NL", "LV", "EE"}
    assert spellings[normalize_label("FI ")] == "FI"


def test_look_for_searches_every_language(book):
    hits = book.look_for("mbo-docent")
    assert "teacher" in set(hits["id"])
    assert set(book.look_for("gw1")["id"]) >= {"gw1"}
    assert book.look_for("no such text anywhere").empty


def test_cli_search_prints_left_aligned_rows_with_each_wordings_group(book, capsys):
    from techvet_survey.cli import main

    assert main(["codebook", "--search", "guidance when"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["kind", "id", "group", "lang", "text"]
    text_at = lines[0].index("text")
    student = book.item_text("gw1", "en", "student")
    teacher = book.item_text("gw1", "en", "teacher")
    assert student != teacher
    rows = {line[text_at:]: line[:text_at].split() for line in lines[1:]}
    assert rows[student] == ["item", "gw1", "student", "en"]
    assert rows[teacher] == ["item", "gw1", "teacher", "en"]
    assert all(line == line.rstrip() for line in lines)


def test_validate_rejects_duplicate_yaml_key(tmp_path):
    for path in DATA_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path)
    study = tmp_path / "study.yaml"
    study.write_text(study.read_text(encoding="utf-8") + "\nlanguages: [en]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="duplicate id 'languages' at line"):
        Codebook.load(tmp_path)


def test_validate_rejects_item_id_used_in_two_scales(tmp_path):
    def change(raw):
        raw["scales"]["cg"]["items"]["gw1"] = raw["scales"]["gw"]["items"]["gw1"]

    with pytest.raises(CodebookError, match="duplicate item id 'gw1'"):
        Codebook.load(write_variant(tmp_path, change))


def test_validate_rejects_missing_translation(tmp_path):
    def change(raw):
        del raw["scales"]["gw"]["items"]["gw2"]["text"]["lv"]

    with pytest.raises(
        CodebookError, match=r"scales.gw.items.gw2.text lacks a translation in \['lv'\]"
    ):
        Codebook.load(write_variant(tmp_path, change))


def test_validate_rejects_key_outside_options(tmp_path):
    def change(raw):
        raw["test"]["items"]["t03"]["key"] = "E"

    with pytest.raises(CodebookError, match=r"test.items.t03.key 'E' is not one of the options"):
        Codebook.load(write_variant(tmp_path, change))


def test_validate_rejects_scale_with_unknown_items(tmp_path):
    def change(raw):
        raw["scales"]["guidance_total"] = {
            "labels": raw["scales"]["gw"]["labels"],
            "response_scale": "agree5",
            "items": ["gw1", "cg2", "zz9"],
        }

    with pytest.raises(
        CodebookError, match=r"scales.guidance_total names unknown item\(s\) \['zz9'\]"
    ):
        Codebook.load(write_variant(tmp_path, change))


def test_validate_reports_every_problem_at_once(tmp_path):
    def change(raw):
        raw["test"]["items"]["t01"]["key"] = "Z"
        raw["scales"]["dg"]["response_scale"] = "agree7"
        raw["test"]["cut_score"] = 31

    with pytest.raises(CodebookError, match="3 problem") as error:
        Codebook.load(write_variant(tmp_path, change))
    message = str(error.value)
    assert "t01.key 'Z'" in message and "agree7" in message and "cut_score" in message


def test_composite_scale_of_known_items_is_accepted(tmp_path):
    def change(raw):
        raw["scales"]["guidance_total"] = {
            "labels": raw["scales"]["gw"]["labels"],
            "response_scale": "agree5",
            "items": ["gw1", "cg2"],
        }

    book = Codebook.load(write_variant(tmp_path, change))
    assert book.scale_items("guidance_total") == ["gw1", "cg2"]
    assert "guidance_total" not in set(book.items["scale"])


def test_unknown_language_is_named(book):
    with pytest.raises(ValueError, match="`lang` must be one of"):
        book.item_text("gw1", "de")


def test_background_label_maps_read_each_languages_letters(book):
    assert book.background_label_map("gender", "en")[normalize_label("Female")] == 1
    assert book.background_label_map("gender", "en")["m"] == 2
    assert book.background_label_map("gender", "fi")["n"] == 1
    assert book.background_label_map("gender", "nl")["v"] == 1
    assert book.background_label_map("gender", "lv")["v"] == 2
    assert book.background_label_map("age_band", "fi")[normalize_label("60 tai yli")] == 5
    assert book.background_label_map("prior_training", "et") == book.label_map("yesno", "et")
    assert book.background_range("experience_years") == (0.0, 50.0)
    assert book.background_range("gender") is None


def test_validate_rejects_background_variant_with_unknown_code(tmp_path):
    def change(raw):
        raw["background"]["gender"]["variants"]["en"]["X"] = 7

    with pytest.raises(
        CodebookError,
        match=r"background.gender.variants.en: codes of \{'X': 7\} are not among the item's values",
    ):
        Codebook.load(write_variant(tmp_path, change))


def test_validate_rejects_malformed_background_range_and_variant_language(tmp_path):
    def change(raw):
        raw["background"]["experience_years"]["range"] = [50, 0]
        raw["background"]["gender"]["variants"]["de"] = {"W": 1}

    with pytest.raises(CodebookError, match="2 problem") as error:
        Codebook.load(write_variant(tmp_path, change))
    assert "experience_years.range must be [lowest, highest]; got [50, 0]" in str(error.value)
    assert "gender.variants has unknown language 'de'" in str(error.value)


def test_open_questions_are_text_items_worded_per_group(book):
    items = book.text_items
    assert items["item"].tolist() == ["open_guidance", "open_other"]
    assert set(items["type"]) == {"text"}
    assert set(items.loc[0, "groups"]) == set(book.groups["group"])
    for lang in book.languages:
        neutral = book.question_text("open_guidance", lang)
        student = book.question_text("open_guidance", lang, group="student")
        assert neutral and student and neutral != student
        assert book.question_text("open_guidance", lang, group="teacher") == neutral
    assert "What would improve the guidance you get" in " ".join(
        book.text_item_texts("open_guidance")
    )


def test_a_text_item_of_another_type_or_unknown_group_is_a_problem(tmp_path):
    def change(raw):
        raw["free_text"]["open_other"]["type"] = "essay"
        raw["free_text"]["open_guidance"]["groups"] = ["student", "parent"]

    with pytest.raises(CodebookError, match="2 problem") as error:
        Codebook.load(write_variant(tmp_path, change))
    message = str(error.value)
    assert "free_text.open_other.type must be 'text'" in message
    assert "free_text.open_guidance names unknown respondent group(s) ['parent']" in message


def test_a_group_wording_of_a_text_item_needs_every_language(tmp_path):
    def change(raw):
        del raw["free_text"]["open_guidance"]["text_by_group"]["student"]["et"]

    with pytest.raises(
        CodebookError,
        match=r"free_text.open_guidance.text_by_group.student lacks a translation in \['et'\]",
    ):
        Codebook.load(write_variant(tmp_path, change))
