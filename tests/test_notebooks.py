"""The report notebooks: committed clean, thin, and executed on the bundled study;
the HTML report assembled from them, checked by parsing and in headless Chromium."""

import base64
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import test_figures
from test_report import Page, overflow

from techvet_survey.figures import render_figures
from techvet_survey.report import (
    NOTEBOOKS,
    REPORT_NAME,
    execute_notebooks,
    front_matter,
    notebook_paths,
    parameters_cell,
    render_report,
)
from techvet_survey.report import _chromium as chromium_flags
from techvet_survey.report._display import METADATA_KEY

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
NOTEBOOK_DIR = ROOT / "notebooks"
# one cheap figure per notebook keeps the suite fast; tests/test_figures.py draws them all
FIGURES = [
    "survey_means_country",
    "open_answers_terms",
    "test_item_analysis",
    "interviews_agreement",
]
study = test_figures.study  # the session's cleaned and analysed study, shared
STATISTICS = (".mean(", ".std(", ".var(", ".corr(", "groupby(", "scipy", "statsmodels", "np.")


@pytest.fixture(scope="module")
def executed(study):
    # the report shows the figures the figures stage saved; it draws none itself
    render_figures(
        study.reports / "figures" / "fi",
        study.reports / "tables",
        study.processed,
        lang="fi",
        only=FIGURES,
        formats=["svg"],
        jobs=1,
    )
    parameters = {
        "raw_dir": str(study.raw),
        "processed_dir": str(study.processed),
        "reports_dir": str(study.reports),
        "lang": "fi",
        "min_n": 5,
        "figures": FIGURES,
    }
    notebooks = execute_notebooks(notebook_paths(NOTEBOOK_DIR), parameters, jobs=2)
    return dict(zip(NOTEBOOKS, notebooks, strict=True))


@pytest.fixture(scope="module")
def report_file(study, executed):
    path = study.reports / REPORT_NAME
    front = front_matter(study.raw, lang="fi")
    page = render_report(list(executed.values()), title=front.title, lang="fi", front=front)
    path.write_text(page, encoding="utf-8")
    return path


def committed():
    return [(name, nbformat.read(NOTEBOOK_DIR / name, as_version=4)) for name in NOTEBOOKS]


@pytest.mark.parametrize(("name", "notebook"), committed(), ids=NOTEBOOKS)
def test_committed_notebooks_are_valid_and_have_no_outputs(name, notebook):
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert notebook.cells[0].cell_type == "markdown"
    assert notebook.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize(("name", "notebook"), committed(), ids=NOTEBOOKS)
def test_first_code_cell_is_the_parameters_cell(name, notebook):
    first_code = next(i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code")
    assert parameters_cell(notebook) == first_code
    source = notebook.cells[first_code].source
    for parameter in ("raw_dir", "processed_dir", "lang", "min_n"):
        assert f"{parameter} = " in source


@pytest.mark.parametrize(("name", "notebook"), committed(), ids=NOTEBOOKS)
def test_notebooks_compute_no_statistics_themselves(name, notebook):
    source = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert not [word for word in STATISTICS if word in source]
    assert "from techvet_survey import report" in source


def displays(notebook, kind):
    return [
        output["metadata"][METADATA_KEY]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if METADATA_KEY in output.get("metadata", {})
        and output["metadata"][METADATA_KEY]["kind"] == kind
    ]


def test_each_notebook_shows_its_tables_and_figures(executed):
    figures = {
        name: [shown["figure_id"] for shown in displays(notebook, "figure")]
        for name, notebook in executed.items()
    }
    assert figures == {
        "00_summary.ipynb": [],
        "01_data_cleaning.ipynb": [],
        "02_country_comparisons.ipynb": ["survey_means_country"],
        "02_open_answers.ipynb": ["open_answers_terms"],
        "03_assessment_test.ipynb": ["test_item_analysis"],
        "04_interviews.ipynb": ["interviews_agreement"],
        "05_report_figures.ipynb": [],
    }
    tables = {name: len(displays(nb, "table")) for name, nb in executed.items()}
    assert tables == {
        "00_summary.ipynb": 0,
        "01_data_cleaning.ipynb": 4,
        "02_country_comparisons.ipynb": 5,
        "02_open_answers.ipynb": 4,
        "03_assessment_test.ipynb": 6,
        "04_interviews.ipynb": 2,
        "05_report_figures.ipynb": 1,
    }


def test_parameters_reach_the_notebooks(executed):
    methods = executed["01_data_cleaning.ipynb"]
    html = "".join(
        output["data"]["text/html"]
        for cell in methods.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "text/html" in output.get("data", {})
    )
    assert "Ohjaus työpaikalla" in html  # scale titles in Finnish (lang = "fi")
    catalogue = executed["05_report_figures.ipynb"].cells[-1].outputs[0]["data"]["text/html"]
    catalogue = catalogue.replace("<wbr>", "")  # break opportunities in long words
    assert "--lang fi --only survey_likert_country_gw" in catalogue


def test_report_images_are_valid_and_links_resolve(report_file):
    page = Page(report_file.read_text(encoding="utf-8"))
    assert len(page.images) == len(FIGURES)
    for source in page.images:
        header, payload = source.split(",", 1)
        data = base64.b64decode(payload, validate=True)
        if header == "data:image/png;base64":
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
        else:
            assert header == "data:image/svg+xml;base64" and data.rstrip().endswith(b"</svg>")
    assert page.links and set(page.links) <= page.ids


def test_report_methods_state_cleaning_invariance_and_reliability(report_file, study):
    text = " ".join(Page(report_file.read_text(encoding="utf-8")).text)
    files = (study.processed / "files.csv").read_text(encoding="utf-8").splitlines()[1:]
    for line in files:
        assert line.split(",")[0] in text  # every raw file is accounted for
    # the report is in Finnish (lang = "fi"): headings, captions, headers and values
    for phrase in ("Luetut, säilytetyt ja poistetut rivit", "Poistetut rivit", "Kaksoiskappale"):
        assert phrase in text
    assert "Mittausinvarianssi maiden välillä" in text and "osittainen skalaarinen" in text
    assert "Ohjausasteikkojen reliabiliteetti" in text and "ω (kokonais)" in text
    assert "<script" not in report_file.read_text(encoding="utf-8")


def test_report_findings_refer_to_numbered_tables(report_file):
    page = report_file.read_text(encoding="utf-8")
    assert "{{" not in page  # every reference token resolved
    summary = page[page.index('id="yhteenveto"') : page.index('id="rajoitukset"')]
    assert re.search(r'<a href="#table-\d+"[^>]*>Taulukko \d+</a>', summary)
    assert "toimii eri tavoin maassa Latvia" in summary


def own_words_section(report_file) -> str:
    """The HTML of the report's section "In their own words" (in Finnish)."""
    page = report_file.read_text(encoding="utf-8")
    sections = page.split('<section class="notebook"')
    (section,) = [part for part in sections if "Vastaajien omin sanoin</h1>" in part]
    return section


QUOTE = re.compile(r"\u201d(.+?)\u201d \((\w\w)\)")
QUOTED = re.compile(r"^(\w[^,:]*), [^:]+: (\u201d.*)$")  # "Suomi, aika: ”…” (fi) ”…” (fi)"
FINNISH = {"Suomi": "FI", "Viro": "EE", "Latvia": "LV", "Alankomaat": "NL"}


def section_paragraphs(section: str) -> list[str]:
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", section)]


def test_own_words_name_each_countrys_planted_theme_in_finnish(report_file):
    section = own_words_section(report_file)
    text = " ".join(Page(section).text)
    truth = json.loads((RAW / "truth" / "truth.json").read_text(encoding="utf-8"))
    planted = truth["open_answers"]
    language = {"FI": "fi", "EE": "et", "LV": "lv", "NL": "nl"}
    finnish = {code: name for name, code in FINNISH.items()}
    findings = next(p for p in section_paragraphs(section) if "useimmin" in p)
    for country, theme in planted["country_theme"].items():
        lemma = planted["lemmas"][theme][language[country]]
        named = re.search(rf"{finnish[country]} \(\d+ vastausta\): ([^;]+)", findings)
        assert named and re.search(rf"\b{lemma} \(\d+\xa0%\)", named.group(1)), country
    assert re.search(r'<a href="#table-\d+"[^>]*>Taulukko \d+</a>', findings)
    assert "Vastaukset kysymykseen" in text and "Lainauksia vastauksista" in text
    assert section.count("<figure") == 1 and "{{" not in section


def test_own_words_quote_only_answers_of_cells_of_at_least_min_n(report_file, study):
    survey = pd.read_parquet(study.processed / "survey.parquet")
    answered = survey[survey["open_guidance"].fillna("").str.len() > 0]
    cells = answered.groupby(["country", "group"])["open_guidance"].transform("size")
    quotes = [
        (FINNISH[match.group(1)], *quote)
        for paragraph in section_paragraphs(own_words_section(report_file))
        if (match := QUOTED.match(paragraph))
        for quote in QUOTE.findall(match.group(2))
    ]
    assert len(quotes) >= 8 and {quote[0] for quote in quotes} == set(FINNISH.values())
    assert {language for _, _, language in quotes} <= {"fi", "et", "lv", "nl", "en"}
    for country, quote, _ in quotes:
        words = quote.strip("\u2026")
        own = answered[answered["country"] == country]
        sources = own[own["open_guidance"].str.contains(words, regex=False)]
        assert len(sources) and (cells[sources.index] >= 5).any(), quote
        assert "@" not in quote and len(quote) <= 122  # scrubbed and short


ENGLISH = ("the", "and", "of", "is", "are", "with", "than", "not", "for", "from", "this", "which")
"""Common English function words: none may appear in the Finnish report's text."""


def test_the_finnish_report_has_no_english_sentence(report_file):
    page = report_file.read_text(encoding="utf-8")
    assert '<html lang="fi">' in page
    body = page[page.index("<body>") :]
    text = " ".join(Page(body).text)
    # code spans (commands, file names) and proper names are not sentences
    text = re.sub(r"`[^`]*`|\S+\.(csv|yaml|xlsx)|python -m \S+( \S+)?", " ", text)
    text = re.sub(r"\u201d[^\u201d]*\u201d \(\w\w\)", " ", text)  # respondents' own words
    words = re.findall(r"[A-Za-zÀ-ž]+", text)
    assert len(words) > 2000  # a whole report, not an empty page
    english = sorted({word for word in words if word.lower() in ENGLISH})
    assert english == []


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# the report's own Chromium flags, without the DevTools pipe (these tests dump the DOM)
FLAGS = [
    *(flag for flag in chromium_flags.FLAGS if flag != "--remote-debugging-pipe"),
    "--enable-logging=stderr",
    "--v=0",
]


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: install Debian's chromium")
def test_report_renders_in_headless_chromium(report_file, tmp_path):
    url = report_file.resolve().as_uri()
    profile = [f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "report.png"
    run = subprocess.run(
        [CHROMIUM, *FLAGS, *profile, f"--screenshot={shot}", "--window-size=1280,4000", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.exists() and shot.read_bytes().startswith(b"\x89PNG"), run.stderr[-2000:]
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
    assert "CONSOLE" not in run.stderr and "Uncaught" not in run.stderr
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, *profile, "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert '<nav id="contents">' in dom and dom.count("<figure") == len(FIGURES)
    assert "Menetelmät: aineisto ja sen puhdistus" in dom


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: install Debian's chromium")
def test_finnish_report_fits_the_screen_at_1280_px_and_the_printed_page(report_file):
    from techvet_survey.report import CONTENT_WIDTH_PX

    screen, printed, tables = overflow(report_file)
    assert tables >= 10
    assert screen == {"scroll": 1280, "wide": [], "beyond": []}
    assert printed == {"scroll": int(CONTENT_WIDTH_PX), "wide": [], "beyond": []}
