"""The self-contained HTML report, assembled from executed notebooks.

Code is never shown. Markdown cells become the narrative (raw HTML in them is escaped),
the tables and figures of :mod:`techvet_survey.report` become numbered tables and
figures (images embedded as base64 data URIs), printed text becomes escaped ``<pre>``
blocks, and warnings on stderr are left out. Headings get ids and a table of contents
links to them. The whole body then passes the allowlist of
:mod:`techvet_survey.report._sanitise`. The same notebooks give the same bytes.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence

from techvet_survey import __version__
from techvet_survey.report._display import METADATA_KEY
from techvet_survey.report._findings import REFERENCE, plain_references
from techvet_survey.report._front import FrontMatter
from techvet_survey.report._messages import cell_text
from techvet_survey.report._messages import text as message
from techvet_survey.report._sanitise import is_table_markup, sanitise

_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_CAPTION = re.compile(r"<caption>.*?</caption>", re.S)
_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd][\s>]")
TOC_LEVELS = (1, 2)
WIDE_COLUMNS = 10
"""Tables with this many columns or more are printed in a smaller type (class ``wide``)."""

STYLE = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #222; margin: 0; line-height: 1.45; }
main, header, nav { max-width: 60rem; margin: 0 auto; padding: 0 1.5rem; }
header { padding-top: 2rem; }
.meta { color: #666; font-size: 0.9rem; }
nav#contents { border-bottom: 1px solid #ddd; padding-bottom: 1rem; }
nav ol { padding-left: 1.4rem; }
nav#contents > ol > li { font-weight: bold; margin-top: 0.3em; }
nav#contents ol ol { font-size: 0.9em; font-weight: normal; }
section.notebook { border-top: 2px solid #0072B2; margin-top: 2.5rem; }
h1, h2, h3 { color: #0b3d60; }
figure { margin: 1.5rem 0; break-inside: avoid; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; box-sizing: border-box; }
figcaption, caption { font-size: 0.92rem; color: #333; text-align: left; padding: 0.3rem 0; }
table.data { border-collapse: collapse; margin: 1rem 0; font-size: 0.8rem; max-width: 100%; }
table.data th, table.data td {
  border-bottom: 1px solid #ddd; padding: 0.2rem 0.35rem; overflow-wrap: break-word;
}
table.data th { background: #f3f6f9; text-align: left; vertical-align: bottom; }
table.data td { vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* a right-aligned number sits at its column's left edge: keep the column before it apart */
table.data td.num, table.data td.num + td { padding-left: 0.8em; }
.wide table.data td.num, .wide table.data td.num + td { padding-left: 0.6em; }
.wide table.data { font-size: 0.7rem; }
h1, h2, h3, h4, p:has(+ figure) { break-after: avoid; }
@media screen { .table-wrap { max-width: 100%; overflow-x: auto; } }
@page { size: A4; }
@media print {
  body { font-size: 10.5pt; }
  main, header, nav { max-width: none; padding: 0; }
  section.notebook { margin-top: 1.5rem; }
  table.data { font-size: 7.5pt; width: 100%; }
  table.data th, table.data td { padding: 0.1rem 0.2rem; }
  .wide table.data { font-size: 6.5pt; }
  .wide table.data th, .wide table.data td { padding: 0.1rem 0.12rem; }
  table.data td.num, table.data td.num + td { padding-left: 0.6em; }
  .wide table.data td.num, .wide table.data td.num + td { padding-left: 0.55em; }
  table.data thead { display: table-header-group; }
  /* a table shorter than a page is kept whole, with its caption */
  figure, table.data tr, .table-wrap { break-inside: avoid; }
  figure img { max-height: 235mm; width: auto; border: none; }
  pre.output { white-space: pre-wrap; overflow-wrap: anywhere; }
  a { color: inherit; text-decoration: none; }
}
p.banner { border: 2px solid #D55E00; background: #fdebe1; padding: 0.5rem 0.8rem; }
p.note { border-left: 4px solid #E69F00; background: #fff8e6; padding: 0.4rem 0.7rem; }
pre.output { background: #f7f7f7; padding: 0.5rem; overflow-x: auto; font-size: 0.85rem; }
"""


def _slug(text: str) -> str:
    words = re.sub(r"[^\w]+", "-", html.unescape(_TAG.sub("", text)).lower(), flags=re.U)
    return words.strip("-") or "section"


class _Document:
    """Numbering of figures and tables, unique heading ids, the table of contents."""

    def __init__(self, lang: str = "en"):
        self.lang = lang
        self.ids: set[str] = set()
        self.toc: list[tuple[int, str, str]] = []
        self.figures = 0
        self.tables = 0
        self.anchors: dict[tuple[str, str], tuple[str, str]] = {}

    def unique(self, base: str) -> str:
        candidate, counter = base, 2
        while candidate in self.ids:
            candidate, counter = f"{base}-{counter}", counter + 1
        self.ids.add(candidate)
        return candidate

    def references(self, markup: str) -> str:
        """`markup` with each reference token a link to its numbered table or figure,
        or words where the report shows none."""

        def link(match):
            target = self.anchors.get(match.groups())
            if target is None:
                return plain_references(match.group(0), self.lang)
            return f'<a href="#{target[0]}">{target[1]}</a>'

        return REFERENCE.sub(link, markup)

    def markdown(self, source: str) -> str:
        converter = _markdown()
        markup = converter.convert(source)

        def heading(match):
            level, content = int(match.group(1)), match.group(2)
            anchor = self.unique(_slug(content))
            if level in TOC_LEVELS:
                self.toc.append((level, anchor, html.unescape(_TAG.sub("", content))))
            return f'<h{level} id="{anchor}">{content}</h{level}>'

        return _HEADING.sub(heading, markup)

    def figure(
        self, mime: str, data: str, title: str, figure_id: str = "", titled: bool = False
    ) -> str:
        """A numbered figure; its caption repeats the `title` unless the image shows it
        (`titled`)."""
        self.figures += 1
        payload = data.encode("utf-8") if mime == "image/svg+xml" else base64.b64decode(data)
        encoded = base64.b64encode(payload).decode("ascii")
        anchor = self.unique(f"figure-{self.figures}")
        name = message("html.figure", self.lang, number=self.figures)
        source = ""
        if figure_id:
            self.anchors.setdefault(("figure", figure_id), (anchor, name))
            source = f' data-figure="{html.escape(figure_id, quote=True)}"'
        caption = name if titled else f"{name}. {title}"
        return (
            f'<figure id="{anchor}"{source}><img src="data:{mime};base64,{encoded}" '
            f'alt="{html.escape(title, quote=True)}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>"
        )

    def table(self, markup: str, caption: str, ref: str = "") -> str:
        if not is_table_markup(markup):
            return _pre(caption)
        self.tables += 1
        anchor = self.unique(f"table-{self.tables}")
        name = message("html.table", self.lang, number=self.tables)
        if ref:
            self.anchors.setdefault(("table", ref), (anchor, name))
        numbered = f"<caption>{html.escape(f'{name}. {caption}')}</caption>"
        markup = _CAPTION.sub(lambda _match: numbered, markup, count=1)
        wide = " wide" if table_columns(markup) >= WIDE_COLUMNS else ""
        return f'<div class="table-wrap{wide}" id="{anchor}">{markup}</div>'


def table_columns(markup: str) -> int:
    """The number of cells in the first row of the table `markup`.

    Examples
    --------
    >>> table_columns("<table><thead><tr><th>a</th><th>b</th></tr></thead></table>")
    2
    """
    first = _ROW.search(markup)
    return len(_CELL.findall(first.group(1))) if first else 0


def _markdown():
    import markdown

    # alignment as an `align` attribute: the sanitiser keeps no `style`
    converter = markdown.Markdown(
        extensions=["tables", "sane_lists"],
        extension_configs={"tables": {"use_align_attribute": True}},
    )
    # raw HTML in the narrative is shown as text, never interpreted
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def _pre(text: str) -> str:
    return f'<pre class="output">{html.escape(text)}</pre>'


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _output(document: _Document, output) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return _pre(_joined(output.get("text", ""))) if output.get("name") == "stdout" else ""
    if kind not in ("display_data", "execute_result"):
        return ""
    data = output.get("data", {})
    meta = output.get("metadata", {}).get(METADATA_KEY, {})
    plain = _joined(data.get("text/plain", ""))
    if meta.get("kind") == "note":
        return f'<p class="note">{html.escape(plain, quote=False)}</p>'
    if meta.get("kind") == "text":
        paragraphs = meta.get("paragraphs", [])
        return "".join(f"<p>{html.escape(str(text), quote=False)}</p>" for text in paragraphs)
    if meta.get("kind") == "table" and "text/html" in data:
        caption, ref = str(meta.get("caption", "")), str(meta.get("ref", ""))
        return document.table(_joined(data["text/html"]), caption, ref)
    for mime in ("image/svg+xml", "image/png"):
        if mime in data:
            title, figure_id = str(meta.get("title", plain)), str(meta.get("figure_id", ""))
            titled = bool(meta.get("titled", False))
            return document.figure(mime, _joined(data[mime]), title, figure_id, titled)
    return _pre(plain) if plain else ""


def _section(document: _Document, notebook, index: int) -> str:
    parts = [f'<section class="notebook" id="{document.unique(f"part-{index}")}">']
    for cell in notebook.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "remove-cell" in tags or "parameters" in tags:
            continue
        if cell.cell_type == "markdown":
            parts.append(document.markdown(cell_text(cell, document.lang)))
        elif cell.cell_type == "code" and "remove-output" not in tags:
            parts.extend(filter(None, (_output(document, out) for out in cell.get("outputs", []))))
    parts.append("</section>")
    return "\n".join(parts)


def _contents(document: _Document) -> str:
    heading = html.escape(message("html.contents", document.lang))
    lines, depth = [f'<nav id="contents"><h2>{heading}</h2>', "<ol>"], 1
    for position, (level, anchor, text) in enumerate(document.toc):
        if position and level > depth:
            lines[-1] = lines[-1].removesuffix("</li>")
            lines.append("<ol>")
        elif level < depth:
            lines.append("</ol></li>")
        depth = level
        lines.append(f'<li><a href="#{anchor}">{html.escape(text, quote=False)}</a></li>')
    if depth > 1:
        lines.append("</ol></li>")
    lines.append("</ol></nav>")
    return "\n".join(lines)


def render_report(
    notebooks: Sequence, *, title: str, lang: str = "en", front: FrontMatter | None = None
) -> str:
    """The HTML report of executed `notebooks` (nbformat nodes), one section each,
    after the `front` matter (title, study, dates, version, the synthetic-data banner).
    The page's own words and, outside English, the notebooks' markdown cells are the
    message catalogue's in `lang` (:mod:`techvet_survey.report._messages`).

    Examples
    --------
    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> page = render_report([new_notebook(cells=[new_markdown_cell("# A <b>\\n## B")])],
    ...                      title="R & D")
    >>> '<a href="#a-b">A &lt;b&gt;</a>' in page, '<h2 id="b">B</h2>' in page
    (True, True)
    """
    document = _Document(lang)
    document.ids.add("contents")
    sections = [_section(document, notebook, i) for i, notebook in enumerate(notebooks, 1)]
    version = "" if front is not None else f"techvet_survey {html.escape(__version__)}; "
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{html.escape(lang)}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>",
            f"<style>{STYLE}</style></head>",
            "<body>",
            f'<header><h1 id="top">{html.escape(title)}</h1>',
            front.html() if front is not None else "",
            f'<p class="meta">{version}'
            f"{message('html.counts', lang, figures=document.figures, tables=document.tables)}"
            "</p></header>",
            _contents(document),
            "<main>",
            sanitise(document.references("\n".join(sections))),
            "</main>",
            "</body></html>",
            "",
        ]
    )
