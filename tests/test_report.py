"""Tests of techvet_survey.report: HTML tables, the report assembly, parameters, methods.

The notebooks themselves are executed in tests/test_notebooks.py; here every piece is
tested without a kernel, on hand-made notebook outputs.
"""

import base64
import re
import warnings
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from techvet_survey.errors import InputError
from techvet_survey.report import (
    cleaning_summary,
    figure_svg,
    html_table,
    inject_parameters,
    invariance_summary,
    notebook_paths,
    render_report,
    sample_sizes,
)
from techvet_survey.report._display import METADATA_KEY

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


class Page(HTMLParser):
    """Collects ids, internal links, images and the text of a page (a word broken by
    ``<wbr>`` stays one word)."""

    def __init__(self, markup):
        super().__init__()
        self.ids, self.links, self.images, self.scripts, self.text = set(), [], [], 0, []
        self.glue = False
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.glue = tag == "wbr"
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.links.append(attrs["href"][1:])
        if tag == "img":
            self.images.append(attrs["src"])
        self.scripts += tag == "script" or any(name.startswith("on") for name in attrs)

    def handle_data(self, data):
        if self.glue and self.text:
            self.text[-1] += data
        else:
            self.text.append(data)
        self.glue = False


def table_output(table, caption):
    return new_output(
        "display_data",
        data={"text/html": html_table(table, caption), "text/plain": caption},
        metadata={METADATA_KEY: {"kind": "table", "caption": caption}},
    )


def figure_output(svg, title):
    return new_output(
        "display_data",
        data={"image/svg+xml": svg, "text/plain": title},
        metadata={METADATA_KEY: {"kind": "figure", "figure_id": "x", "title": title}},
    )


@pytest.fixture(scope="module")
def page():
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [0, 1])
    svg = figure_svg(fig)
    plt.close(fig)
    hostile = pd.DataFrame({"text": [HOSTILE], "value": [0.123456]})
    cells = [
        new_markdown_cell(f"# Methods\n\nNarrative with raw HTML {HOSTILE}.\n\n## Files"),
        new_code_cell("x", outputs=[table_output(hostile, f"Caption {HOSTILE}")]),
        new_markdown_cell("## Files\n\nSee [the figure](#figure-1)."),
        new_code_cell("y", outputs=[figure_output(svg, f"Title {HOSTILE}")]),
        new_code_cell(
            "z",
            outputs=[
                new_output("stream", name="stdout", text=f"printed {HOSTILE}"),
                new_output("stream", name="stderr", text="a warning nobody should read"),
                new_output("display_data", data={"text/html": HOSTILE, "text/plain": "plain"}),
            ],
        ),
    ]
    second = [new_markdown_cell("# Methods\n\nSecond part, same heading.")]
    return render_report([new_notebook(cells=cells), new_notebook(cells=second)], title="T & R")


def test_report_escapes_every_text_from_data_and_runs_no_script(page):
    parsed = Page(page)
    assert parsed.scripts == 0
    assert "<script" not in page and "onerror=" not in page.replace("onerror=alert", "")
    text = "".join(parsed.text)
    assert text.count('<script>alert("x")</script>') >= 4  # narrative, table, caption, print
    assert "a warning nobody should read" not in text
    assert "plain" in text  # untrusted HTML output falls back to its plain text


def test_report_numbers_tables_and_figures_with_captions(page):
    assert re.search(r"<caption>Table 1\. Caption &lt;script&gt;", page)
    assert re.search(r"<figcaption>Figure 1\. Title &lt;script&gt;", page)
    assert '<td class="num">0.123</td>' in page


def test_report_internal_links_all_resolve_and_contents_lists_headings(page):
    parsed = Page(page)
    assert parsed.links and set(parsed.links) <= parsed.ids
    contents = page[page.index('<nav id="contents">') : page.index("</nav>")]
    assert contents.count("<li>") == 4  # Methods, Files, Files (twice), Methods (again)
    assert {"methods", "methods-2", "files", "files-2"} <= parsed.ids


def test_report_images_are_embedded_valid_svg(page):
    (image,) = Page(page).images
    header, payload = image.split(",", 1)
    assert header == "data:image/svg+xml;base64"
    svg = base64.b64decode(payload).decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg


def test_report_is_deterministic(page):
    notebook = new_notebook(cells=[new_markdown_cell("# A")])
    assert render_report([notebook], title="x") == render_report([notebook], title="x")


def test_html_table_formats_missing_and_booleans_and_limits_rows():
    table = pd.DataFrame({"a": [1.0, None, 3.0], "ok": [True, False, True]})
    markup = html_table(table, "c", digits=1, max_rows=2)
    assert "(first 2 of 3 rows)" in markup
    assert '<td class="num">1.0</td>' in markup and '<td class="num">–</td>' in markup
    assert "<td>yes</td><" in markup and "3.0" not in markup


def test_html_table_rejects_non_frames():
    with pytest.raises(TypeError, match="`table` must be a pandas DataFrame"):
        html_table([1, 2], "c")


def parameters_notebook():
    cell = new_code_cell('raw_dir = "a"  # where\nlang = "en"\nmin_n = 5')
    cell.metadata["tags"] = ["parameters"]
    return new_notebook(cells=[new_markdown_cell("# x"), cell, new_code_cell("print(lang)")])


def test_inject_parameters_replaces_given_values_and_keeps_defaults():
    notebook = parameters_notebook()
    injected = inject_parameters(notebook, {"lang": "fi", "min_n": 10})
    assert injected.cells[1].source == "raw_dir = \"a\"  # where\nlang = 'fi'\nmin_n = 10"
    assert notebook.cells[1].source.startswith('raw_dir = "a"')  # the original is unchanged


def test_inject_parameters_refuses_unknown_names_and_untagged_notebooks():
    with pytest.raises(InputError, match=r"parameters \['colour'\] are not set"):
        inject_parameters(parameters_notebook(), {"colour": "red"})
    untagged = new_notebook(cells=[new_code_cell("lang = 'en'")])
    with pytest.raises(InputError, match="no code cell tagged 'parameters'"):
        inject_parameters(untagged, {"lang": "fi"})


def test_cleaning_summary_adds_up_and_warns_on_mismatch():
    files = pd.DataFrame(
        {
            "file": ["a.csv", "b.xlsx"],
            "flavour": ["csv", "xlsx"],
            "rows_read": [10, 4],
            "rows_kept": [7, 4],
            "rows_excluded": [3, 0],
        }
    )
    reasons = ["speeder", "duplicate", "speeder"]
    exclusions = pd.DataFrame({"file": ["a.csv"] * 3, "reason": reasons})
    table = cleaning_summary(files, exclusions)
    assert list(table.columns[-2:]) == ["speeder", "duplicate"]  # most frequent first
    assert table.iloc[-1][["rows_read", "rows_kept", "rows_excluded", "speeder"]].tolist() == [
        14,
        11,
        3,
        2,
    ]
    with pytest.warns(RuntimeWarning, match=r"excluded rows of \['a.csv'\] do not add up"):
        cleaning_summary(files, exclusions.iloc[:2])
    with pytest.raises(KeyError, match="`files` names columns"):
        cleaning_summary(files.drop(columns="flavour"), exclusions)


def test_sample_sizes_leave_out_missing_groups():
    survey = pd.DataFrame({"country": ["FI", None, "FI"], "group": ["a", "a", None]})
    assert sample_sizes(survey).to_dict("records") == [{"country": "FI", "group": "a", "n": 1}]


def test_invariance_summary_labels_scales_in_the_language():
    invariance = pd.DataFrame(
        {
            "scale": ["gw"],
            "level": ["scalar"],
            "comparable": [True],
            "freed": [""],
            "cfi": [0.99],
            "rmsea": [0.02],
            "srmr": [0.03],
            "reason": ["holds"],
            "caveat": [None],
        }
    )
    assert invariance_summary(invariance, lang="fi")["title"].tolist() == ["Ohjaus työpaikalla"]


def test_notebook_roundtrip_keeps_report_metadata(tmp_path):
    notebook = new_notebook(
        cells=[new_code_cell("x", outputs=[table_output(pd.DataFrame({"a": [1]}), "c")])]
    )
    nbformat.write(notebook, tmp_path / "n.ipynb")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = nbformat.read(tmp_path / "n.ipynb", as_version=4)
    assert "Table 1. c" in render_report([again], title="t")


def test_report_refuses_table_markup_that_could_run_code():
    bad = new_output(
        "display_data",
        data={"text/html": '<table onclick="x()"><tr><td>1</td></tr></table>', "text/plain": "p"},
        metadata={METADATA_KEY: {"kind": "table", "caption": "sneaky"}},
    )
    page = render_report([new_notebook(cells=[new_code_cell("x", outputs=[bad])])], title="t")
    assert "onclick" not in page and '<pre class="output">sneaky</pre>' in page


def test_report_command_checks_its_arguments_before_starting_kernels(tmp_path, capsys):
    from techvet_survey.cli import main

    assert main(["report", "--lang", "sv", "--reports", str(tmp_path)]) == 2
    assert "`lang` must be one of ['en', 'fi', 'et', 'lv', 'nl']; got 'sv'." in (
        capsys.readouterr().err
    )
    with pytest.raises(FileNotFoundError, match="lacks the report notebooks"):
        notebook_paths(tmp_path)


OVERFLOW = """JSON.stringify({
  scroll: document.documentElement.scrollWidth,
  wide: [...document.querySelectorAll("table, figure, img, pre, .table-wrap")]
    .filter(e => e.getBoundingClientRect().width > e.parentElement.clientWidth + 0.5)
    .map(e => e.tagName + "#" + (e.id || e.parentElement.id)),
  beyond: [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .map(e => e.tagName + "#" + (e.id || e.closest("[id]")?.id)),
})"""


def overflow(html_file):
    """What overflows the report in headless Chromium: on a 1280 px screen, and as
    printed (print media, the A4 text width): the document's scroll width, the tables and
    figures wider than their container, the elements reaching past the page's right edge;
    and the number of tables."""
    import json

    from techvet_survey.report import CONTENT_WIDTH_PX, Browser

    with Browser() as browser:
        browser.command("Emulation.setScrollbarsHidden", hidden=True)
        browser.open(html_file, width=1280)
        screen = json.loads(browser.evaluate(OVERFLOW))
        browser.open(html_file, width=int(CONTENT_WIDTH_PX), media="print")
        printed = json.loads(browser.evaluate(OVERFLOW))
        tables = browser.evaluate("document.querySelectorAll('table.data').length")
    return screen, printed, tables
