"""Tests of techvet_survey.figures: every figure of the report, its language, and
byte-identical regeneration. The plots themselves are tested through their artists in
tests/test_plots*.py; here the figures are built from the bundled synthetic study."""

import hashlib
import json
import warnings
from pathlib import Path

import pytest

from techvet_survey.analysis import load_processed
from techvet_survey.cli import main
from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError
from techvet_survey.figures import (
    MANIFEST_NAME,
    TITLES,
    build_figures,
    figure_plans,
    figure_title,
    read_tables,
    render_figures,
    write_figures,
)
from techvet_survey.figures._build import drawable_plans, make_inputs
from techvet_survey.pipeline import Paths, run_pipeline

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    """The bundled study cleaned and analysed once per session (the stage stamps let
    later modules reuse it)."""
    base = tmp_path_factory.getbasetemp() / "study"
    paths = Paths(raw=RAW, processed=base / "processed", reports=base / "reports")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_pipeline(paths, stages=["clean", "analyze"])
    return paths


@pytest.fixture(scope="module")
def inputs(study):
    return read_tables(study.tables), load_processed(study.processed)


def one_of_each_kind() -> list[str]:
    """A figure of every kind (per-scale kinds drawn for one scale: the same code)."""
    return list({plan.kind: plan.figure_id for plan in reversed(figure_plans())}.values())[::-1]


@pytest.fixture(scope="module")
def finnish(study, tmp_path_factory):
    folder = tmp_path_factory.mktemp("figures_fi")
    only = one_of_each_kind()
    render_figures(
        folder, study.tables, study.processed, lang="fi", formats=["svg"], only=only, jobs=2
    )
    return folder, json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))


def test_every_figure_of_the_report_has_its_tables_and_every_kind_is_drawn(inputs, finnish):
    tables, processed = inputs
    expected = [plan.figure_id for plan in figure_plans()]
    drawable = drawable_plans(make_inputs(tables, processed, None, "en", 5))
    assert [plan.figure_id for plan in drawable] == expected
    assert len(expected) == 31
    assert {figure_id.split("_")[0] for figure_id in expected} == {
        "survey",
        "test",
        "interviews",
        "open",
    }
    folder, manifest = finnish
    assert [record["figure_id"] for record in manifest["figures"]] == one_of_each_kind()
    assert len(manifest["figures"]) == len(TITLES) == 16
    for record in manifest["figures"]:
        file = record["files"]["svg"]
        assert hashlib.sha256((folder / file["file"]).read_bytes()).hexdigest() == file["sha256"]
        assert record["sources"] and record["language"] == "fi"


def test_titles_and_labels_follow_the_language(finnish):
    folder, manifest = finnish
    book = Codebook.load()
    record = manifest["figures"][0]
    assert record["title"] == figure_title("likert_country", "fi", book, scale="gw")
    assert record["title"] == "Ohjaus työpaikalla: vastaukset maittain"
    svg = (folder / "survey_likert_country_gw.svg").read_text(encoding="utf-8")
    assert "Suomi" in svg and "Finland" not in svg
    dif = (folder / "test_dif.svg").read_text(encoding="utf-8")
    assert "suosii vertailuryhmää" in dif


def svg_texts(path) -> list[str]:
    """The text drawn in an SVG figure (texts are kept as text, svg.fonttype none)."""
    import re

    return re.findall(r"<text[^>]*>([^<]*)</text>", path.read_text(encoding="utf-8"))


def test_finnish_figures_draw_numbers_with_a_decimal_comma(finnish, study):
    import re

    folder, manifest = finnish
    decimal = re.compile(r"\d[.,]\d")
    numbers = [
        text
        for record in manifest["figures"]
        for text in svg_texts(folder / record["files"]["svg"]["file"])
        if decimal.search(text)
    ]
    assert len(numbers) > 20  # tick labels, reference lines, values
    assert not [text for text in numbers if re.search(r"\d\.\d", text)]


def figure_title_text(figure):
    return [text.get_text() for text in figure.texts if text.get_gid() == "figure-title"]


def test_each_figure_has_its_title_inside_unless_titles_are_off(inputs):
    tables, processed = inputs
    (entry,) = build_figures(tables, processed, lang="fi", only="survey_invariance_cg")
    assert figure_title_text(entry.figure) == [entry.title]
    (bare,) = build_figures(tables, processed, only="survey_invariance_cg", titles=False)
    assert figure_title_text(bare.figure) == []
    with pytest.raises(ArgumentError, match="`titles` must be True or False"):
        build_figures(tables, processed, only="test_dif", titles="no")


def test_likert_tick_labels_hold_the_item_text_in_the_language(inputs):
    tables, processed = inputs
    book = Codebook.load()
    (entry,) = build_figures(tables, processed, lang="fi", only="survey_likert_country_gw")
    labels = [
        label.get_text().replace("\n", " ")
        for axis in entry.figure.axes
        for label in axis.get_yticklabels()
    ]
    finnish = [book.item_text(item, "fi") for item in book.scale_items("gw")]
    english = [book.item_text(item, "en") for item in book.scale_items("gw")]
    assert any(text in label for text in finnish for label in labels)
    assert not any(text in label for text in english for label in labels)


def test_regenerated_svg_and_pdf_are_byte_identical(inputs, tmp_path):
    tables, processed = inputs
    only = ["survey_means_country", "interviews_agreement"]
    for name in ("first", "second"):
        figures = build_figures(tables, processed, lang="lv", only=only)
        write_figures(tmp_path / name, figures, ["svg", "pdf"])
    names = sorted(path.name for path in (tmp_path / "first").iterdir())
    assert names == sorted(path.name for path in (tmp_path / "second").iterdir())
    assert len(names) == 5
    for name in names:
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()


def test_write_figures_removes_files_of_figures_no_longer_written(inputs, tmp_path):
    tables, processed = inputs
    both = build_figures(tables, processed, only=["test_item_analysis", "test_wright_map"])
    write_figures(tmp_path, both, "svg")
    write_figures(tmp_path, both[:1], "svg", lang="en")
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        MANIFEST_NAME,
        "test_item_analysis.svg",
    ]


def test_figures_without_their_tables_are_left_out_with_a_warning():
    with pytest.warns(RuntimeWarning, match=r"figures \['test_dif'\] are left out"):
        assert build_figures({}, only="test_dif") == []


def test_bad_arguments_name_the_argument():
    with pytest.raises(ArgumentError, match="`only` pattern 'nope' matches no figure"):
        build_figures({}, only="nope")
    with pytest.raises(ArgumentError, match="`min_n` must be a whole number"):
        build_figures({}, min_n=-1)
    with pytest.raises(ArgumentError, match="`lang` is needed for a plain list"):
        write_figures("unused", [])
    with pytest.raises(ArgumentError, match="`formats` must be one of"):
        write_figures("unused", [], ["gif"], lang="en")


def test_read_tables_says_how_to_make_them(tmp_path):
    with pytest.raises(FileNotFoundError, match="run `python -m techvet_survey analyze`"):
        read_tables(tmp_path)


def test_cli_draws_one_figure_in_another_language(study, capsys):
    code = main(
        [
            "figures",
            "--lang",
            "et",
            "--only",
            "interviews_agreement",
            "--format",
            "svg",
            "--processed",
            str(study.processed),
            "--reports",
            str(study.reports),
        ]
    )
    assert code == 0
    folder = study.figures / "et"
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["language"] == "et"
    assert [record["figure_id"] for record in manifest["figures"]] == ["interviews_agreement"]
    assert "interviews_agreement.svg" in capsys.readouterr().out


def test_the_analyze_stage_writes_open_answer_tables_recovering_the_planted_themes(inputs):
    tables, _ = inputs
    planted = json.loads((RAW / "truth" / "truth.json").read_text(encoding="utf-8"))
    planted = planted["open_answers"]
    language = {"FI": "fi", "EE": "et", "LV": "lv", "NL": "nl"}
    terms = tables["open_answers_terms_country"]
    for country, theme in planted["country_theme"].items():
        own = terms[terms["country"] == country]
        assert planted["lemmas"][theme][language[country]] in set(own["term"]), country
    described = tables["open_answers_describe"]
    assert set(described["item"]) == {"open_guidance", "open_other"}
