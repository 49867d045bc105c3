"""The report's PDF and Word formats, from a real build of the bundled study: the PDF
printed by headless Chromium (A4, page numbers, every table's columns, the figures), the
editable Word document (real tables with the same columns, embedded figures), and the
HTML's fit on screen at 1280 px and on the printed A4 page."""

import html
import json
import re
import shutil
import unicodedata
import zipfile

import pytest
import test_figures
from nbformat.v4 import new_code_cell, new_notebook
from test_report import Page, figure_output, overflow

from techvet_survey.errors import ArgumentError, InputError
from techvet_survey.figures import render_figures
from techvet_survey.report import (
    CONTENT_WIDTH_PX,
    Browser,
    ChromiumError,
    build_report,
    check_report_formats,
    find_chromium,
    render_report,
    write_docx,
)
from techvet_survey.report._display import METADATA_KEY
from techvet_survey.report._html import table_columns

pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")

study = test_figures.study  # the session's cleaned and analysed study, shared
# one cheap figure per part keeps the build short; tests/test_figures.py draws them all
FIGURES = ["survey_means_country", "test_item_analysis", "interviews_agreement"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: install chromium")


@pytest.fixture(scope="module")
def built(study, tmp_path_factory):
    """The report built in all three formats (PDF only where Chromium is installed)."""
    reports = tmp_path_factory.mktemp("formats") / "reports"
    shutil.copytree(study.reports / "tables", reports / "tables")
    render_figures(
        reports / "figures",
        reports / "tables",
        study.processed,
        only=FIGURES,
        formats=["png", "svg"],
        jobs=1,
    )
    formats = ("html", "pdf", "docx") if CHROMIUM else ("html", "docx")
    html = build_report(study.raw, study.processed, reports, jobs=2, formats=formats)
    return html


def html_tables(html_file):
    """(caption, header texts) of every table of the HTML report."""
    page = html_file.read_text(encoding="utf-8")
    found = []
    for table in re.findall(r"<table.*?</table>", page, re.S):
        caption = re.search(r"<caption>(.*?)</caption>", table, re.S).group(1)
        first = re.search(r"<tr>(.*?)</tr>", table, re.S).group(1)
        headers = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<th>(.*?)</th>", first)]
        assert len(headers) == table_columns(table)
        found.append((unescape(caption), [unescape(text) for text in headers]))
    return found


def unescape(text):
    return html.unescape(text)


def squeeze(text):
    """`text` without white space (a header wrapped over lines reads as one word) and
    ligatures (the PDF's "ﬀ" is "ff")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def pdf_pages(built):
    reader = pypdf.PdfReader(built.with_suffix(".pdf"))
    return reader, [page.extract_text() for page in reader.pages]


@needs_chromium
def test_pdf_is_a4_with_page_numbers_and_a_plausible_length(built, pdf_pages):
    reader, texts = pdf_pages
    assert built.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert 15 <= len(reader.pages) <= 120
    width, height = (float(value) for value in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (596, 842)  # A4 in points
    total = len(texts)
    for number in (1, total // 2, total):
        assert re.search(rf"\b{number} / {total}\s*$", texts[number - 1])


@needs_chromium
def test_pdf_prints_every_column_of_every_table(built, pdf_pages):
    _, texts = pdf_pages
    whole = squeeze(" ".join(texts))
    tables = html_tables(built)
    assert len(tables) >= 10
    for number, (caption, headers) in enumerate(tables, 1):
        start = whole.index(squeeze(caption)[: len(f"Table{number}.") + 30])
        following = tables[number][0] if number < len(tables) else None
        end = whole.index(squeeze(following)[:40], start) if following else len(whole)
        printed = [header for header in headers if squeeze(header) in whole[start:end]]
        assert printed == headers, f"Table {number} lost columns in print"


@needs_chromium
def test_pdf_shows_every_figure_whole(built, pdf_pages):
    _, texts = pdf_pages
    whole = squeeze(" ".join(texts))
    manifest = json.loads((built.parent / "figures" / "figures_manifest.json").read_text())
    titles = [figure["title"] for figure in manifest["figures"]]
    assert len(titles) == len(FIGURES)
    for title in titles:  # drawn as text inside each figure (SVG text stays text)
        assert squeeze(title) in whole
    figures = Page(built.read_text(encoding="utf-8")).images
    assert len(figures) == len(FIGURES)
    for number in range(1, len(FIGURES) + 1):
        assert f"Figure{number}" in whole


def test_docx_has_the_report_tables_as_word_tables_with_the_same_columns(built):
    document = docx.Document(built.with_suffix(".docx"))
    tables = html_tables(built)
    assert len(document.tables) == len(tables)
    for table, (_, headers) in zip(document.tables, tables, strict=True):
        assert [cell.text for cell in table.rows[0].cells] == headers
    with zipfile.ZipFile(built.with_suffix(".docx")) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    grids = [
        len(re.findall(r"<w:gridCol\b", grid))
        for grid in re.findall(r"<w:tblGrid>.*?</w:tblGrid>", xml, re.S)
    ]
    assert grids == [len(headers) for _, headers in tables]
    assert xml.count("<w:tblHeader") >= len(tables)  # header rows repeat on each page


def test_docx_has_headings_text_captions_and_the_figures(built):
    document = docx.Document(built.with_suffix(".docx"))
    styles = [paragraph.style.name for paragraph in document.paragraphs]
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert styles[0] == "Title" and "Heading 1" in styles and "Heading 2" in styles
    assert len(document.inline_shapes) == len(FIGURES)
    captions = [text for text, style in zip(texts, styles, strict=True) if style == "Caption"]
    for number in range(1, len(FIGURES) + 1):
        assert f"Figure {number}" in captions
    assert sum(caption.startswith("Table ") for caption in captions) == len(document.tables)
    assert any("Welch" in text for text in texts)  # the findings in words
    with zipfile.ZipFile(built.with_suffix(".docx")) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
        footer = "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("word/footer")
        )
    assert len(media) == len(FIGURES) and "PAGE" in footer


@needs_chromium
def test_report_fits_the_screen_at_1280_px_and_the_printed_a4_page(built):
    screen, printed, tables = overflow(built)
    assert tables >= 10
    assert screen == {"scroll": 1280, "wide": [], "beyond": []}
    assert printed == {"scroll": int(CONTENT_WIDTH_PX), "wide": [], "beyond": []}


LAYOUT = """(() => {
  const text = cell => { const r = document.createRange(); r.selectNodeContents(cell);
                         return r.getBoundingClientRect(); };
  let gap = Infinity;
  document.querySelectorAll("table.data tr").forEach(tr => {
    const cells = [...tr.children];
    for (let i = 1; i < cells.length; i++) {
      if (!cells[i].classList.contains("num")) continue;
      const left = text(cells[i - 1]), right = text(cells[i]);
      if (!left.width || !right.width || Math.abs(left.top - right.top) > 2) continue;
      const em = parseFloat(getComputedStyle(cells[i]).fontSize);
      gap = Math.min(gap, (right.left - left.right) / em);
    }
  });
  const style = selector => getComputedStyle(document.querySelector(selector));
  const top = style("nav#contents > ol > li > a"), sub = style("nav#contents ol ol a");
  return JSON.stringify({gap, top: [parseFloat(top.fontSize), top.fontWeight],
                         sub: [parseFloat(sub.fontSize), sub.fontWeight]});
})()"""


@needs_chromium
def test_numbers_stand_apart_and_contents_entries_rank_by_level(built):
    """A number never reads as one with the cell before it ("3 299.1"), on screen and
    printed; the table of contents shows its top level bold and no smaller than below."""
    with Browser() as browser:
        browser.open(built, width=1280)
        screen = json.loads(browser.evaluate(LAYOUT))
        browser.open(built, width=int(CONTENT_WIDTH_PX), media="print")
        printed = json.loads(browser.evaluate(LAYOUT))
    for layout in (screen, printed):
        assert layout["gap"] >= 0.7  # two spaces and more; a space is about 0.3 em
        assert layout["top"][0] > layout["sub"][0]
        assert int(layout["top"][1]) >= 700 > int(layout["sub"][1])


def test_figure_captions_repeat_no_title_drawn_inside_the_figure():
    titled = figure_output("<svg></svg>", "Scores by country")
    titled["metadata"][METADATA_KEY]["titled"] = True
    plain = figure_output("<svg></svg>", "Scores by country")
    cell = new_code_cell("")
    cell.outputs = [titled, plain]
    page = render_report([new_notebook(cells=[cell])], title="R")
    assert "<figcaption>Figure 1</figcaption>" in page
    assert "<figcaption>Figure 2. Scores by country</figcaption>" in page


def test_unknown_format_and_missing_chromium_name_the_fix(tmp_path, monkeypatch):
    with pytest.raises(ArgumentError, match=r"Unknown report format.*'odt'.*html, pdf, docx"):
        check_report_formats("html,odt")
    assert check_report_formats(["PDF", "html", "pdf"]) == ("pdf", "html")
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ArgumentError, match=r"apt-get install chromium.*leave pdf out"):
        find_chromium()
    with pytest.raises(ArgumentError, match=r"'no-browser' is not an executable"):
        build_report(tmp_path, tmp_path, tmp_path, formats="pdf", chromium="no-browser")


def test_docx_names_the_command_when_a_figure_has_no_png(built, tmp_path):
    with pytest.raises(InputError, match=r"no saved PNG.*techvet_survey figures"):
        write_docx(built, tmp_path / "report.docx", tmp_path)


def test_report_command_checks_the_formats_and_chromium_before_any_stage(
    tmp_path, capsys, monkeypatch
):
    from techvet_survey.cli import main

    reports = tmp_path / "reports"
    assert main(["report", "--format", "html,odt", "--reports", str(reports)]) == 2
    assert "Unknown report format(s) ['odt']" in capsys.readouterr().err
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["report", "--format", "pdf", "--reports", str(reports)]) == 2
    assert "apt-get install chromium" in capsys.readouterr().err
    assert not reports.exists()  # no stage ran


def test_a_browser_that_ends_at_once_is_reported_not_awaited():
    with pytest.raises(ChromiumError, match=r"ended unexpectedly.*run it by hand"), Browser("true"):
        pass
