"""The Word report: the built HTML report rewritten as an editable ``.docx``.

One source of truth: the Word file is read off the HTML report itself (its header, then
the sections of ``<main>``), so it holds the same headings, paragraphs, lists, notes,
numbered tables and figures with the same captions. Tables become real Word tables
with the same columns (the header row repeated on each page); figures are the PNG
files the ``figures`` stage saved beside the SVG the HTML embeds, found through the
figures' manifest by the ``data-figure`` id of each ``<figure>``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from techvet_survey.errors import InputError
from techvet_survey.report._html import WIDE_COLUMNS

PAGE_CM = (21.0, 29.7)
"""A4, portrait."""
MARGIN_CM = 2.0
TEXT_WIDTH_CM = PAGE_CM[0] - 2 * MARGIN_CM
FIGURE_WIDTH_CM = 16.0
BLOCKS = frozenset({"p", "ul", "ol", "pre", "div", "figure", "table", "blockquote", "hr"})


def write_docx(html_file: str | Path, out: str | Path, figures_dir: str | Path) -> Path:
    """Write the HTML report `html_file` as the Word document `out`.

    Parameters
    ----------
    html_file : str or Path
        The report (:func:`techvet_survey.report.build_report`).
    out : str or Path
        The ``.docx`` written.
    figures_dir : str or Path
        The folder of the report's figures in its language (with
        ``figures_manifest.json`` and the PNG files).

    Returns
    -------
    Path
        `out`.
    """
    import docx
    import lxml.html
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    from techvet_survey._files import atomic_write_bytes

    page = lxml.html.fromstring(Path(html_file).read_bytes())
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    _page_numbers(section)
    writer = _Writer(document, _png_files(Path(figures_dir)), Path(html_file))
    for header in page.iter("header"):
        writer.block(header)
    for main in page.iter("main"):
        writer.block(main)
    buffer = io.BytesIO()
    document.save(buffer)
    atomic_write_bytes(Path(out), buffer.getvalue())
    return Path(out)


def _png_files(folder: Path) -> dict[str, Path]:
    """The saved PNG of each figure id, from the figures' manifest."""
    from techvet_survey.figures import MANIFEST_NAME

    manifest = folder / MANIFEST_NAME
    if not manifest.exists():
        return {}
    record = json.loads(manifest.read_text(encoding="utf-8"))
    return {
        figure["figure_id"]: folder / figure["files"]["png"]["file"]
        for figure in record.get("figures", [])
        if "png" in figure.get("files", {})
    }


def _page_numbers(section) -> None:
    """A centred ``PAGE`` field in the footer of `section`."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def column_widths(
    rows: list[list[str]], columns: int, total: float, *, char: float = 0.16, padding=0.45
) -> list[float]:
    """Widths (cm) of `columns` columns summing to `total`.

    Each column first gets room for its longest word (`char` cm a character, and
    `padding` for the cell margins), which no wrapping can shorten; what is left of
    `total` goes to the columns of longer text, in proportion to the square root of how
    much longer than their longest word their longest text runs.

    Examples
    --------
    >>> column_widths([["Scale", "n"], ["Guidance at the workplace", "544"]], 2, 10.0)
    [9.07, 0.93]
    """
    word = [0] * columns
    text = [0] * columns
    for row in rows:
        for column, cell in enumerate(row[:columns]):
            word[column] = max(word[column], *(len(part) for part in cell.split()), 1)
            text[column] = max(text[column], len(cell))
    least = [padding + length * char for length in word]
    spare = total - sum(least)
    extra = [max(0, full - length) ** 0.5 for full, length in zip(text, word, strict=True)]
    if spare <= 0 or not sum(extra):
        return [round(width * total / sum(least), 2) for width in least]
    return [
        round(width + spare * more / sum(extra), 2)
        for width, more in zip(least, extra, strict=True)
    ]


def _text(element) -> str:
    return " ".join(element.text_content().split())


class _Writer:
    """Adds the HTML blocks of the report to a python-docx document, in order."""

    def __init__(self, document, png_files: dict[str, Path], source: Path):
        self.document = document
        self.png_files = png_files
        self.source = source

    def block(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        classes = set((element.get("class") or "").split())
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = int(tag[1])
            in_header = any(parent.tag == "header" for parent in element.iterancestors())
            self.document.add_heading(_text(element), level=0 if in_header else min(level, 4))
        elif tag == "p":
            style = "Intense Quote" if classes & {"note", "banner"} else None
            self.inline(self.document.add_paragraph(style=style), element)
        elif tag in ("ul", "ol"):
            style = "List Bullet" if tag == "ul" else "List Number"
            for item in element.iterchildren("li"):
                self.inline(self.document.add_paragraph(style=style), item)
        elif tag == "pre":
            run = self.document.add_paragraph().add_run(element.text_content())
            run.font.name = "DejaVu Sans Mono"
        elif tag == "blockquote":
            self.inline(self.document.add_paragraph(style="Quote"), element)
        elif tag == "table":
            self.table(element)
        elif tag == "figure":
            self.figure(element)
        elif tag == "nav":
            return
        else:  # section, div, main, header: their blocks in order
            for child in element.iterchildren():
                self.block(child)

    def inline(self, paragraph, element) -> None:
        """The text of `element` as runs of `paragraph`, bold, italic and code kept."""

        def walk(node, bold=False, italic=False, code=False):
            tag = node.tag if isinstance(node.tag, str) else ""
            bold = bold or tag in ("strong", "b")
            italic = italic or tag in ("em", "i")
            code = code or tag == "code"
            if node.text:
                add(node.text, bold, italic, code, tag)
            for child in node.iterchildren():
                if isinstance(child.tag, str) and child.tag in BLOCKS:
                    continue
                walk(child, bold, italic, code)
                if child.tail:
                    add(child.tail, bold, italic, code, tag)

        def add(text, bold, italic, code, tag):
            run = paragraph.add_run(" ".join(text.split("\n")))
            run.bold, run.italic = bold or None, italic or None
            if code:
                run.font.name = "DejaVu Sans Mono"
            if tag == "sub":
                run.font.subscript = True
            elif tag == "sup":
                run.font.superscript = True

        walk(element)

    def table(self, element) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        rows = list(element.iter("tr"))
        columns = max((len(row.findall("th")) + len(row.findall("td")) for row in rows), default=0)
        wide = columns >= WIDE_COLUMNS
        if wide:  # on a landscape page of its own, with its caption
            self.orientation(landscape=True)
        caption = element.find("caption")
        if caption is not None:
            self.document.add_paragraph(_text(caption), style="Caption")
        if not rows or not columns:
            return
        table = self.document.add_table(rows=len(rows), cols=columns)
        table.style = "Table Grid"
        table.autofit = False
        texts = [[_text(cell) for cell in row if cell.tag in ("th", "td")] for row in rows]
        width = PAGE_CM[1] - 2 * MARGIN_CM if wide else TEXT_WIDTH_CM
        widths = column_widths(texts, columns, width)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)
        size = Pt(7 if columns >= WIDE_COLUMNS else 8)
        for row_index, row in enumerate(rows):
            cells = [cell for cell in row if cell.tag in ("th", "td")]
            header = all(cell.tag == "th" for cell in cells)
            if header:  # repeated at the top of each page
                properties = table.rows[row_index]._tr.get_or_add_trPr()
                repeat = OxmlElement("w:tblHeader")
                repeat.set(qn("w:val"), "true")
                properties.append(repeat)
            for column, cell in enumerate(cells):
                paragraph = table.cell(row_index, column).paragraphs[0]
                if "num" in (cell.get("class") or "").split():
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = paragraph.add_run(_text(cell))
                run.font.size = size
                run.bold = header or None
        if wide:
            self.orientation(landscape=False)

    def orientation(self, *, landscape: bool) -> None:
        """Start a new section, landscape or portrait, on a new page."""
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Cm

        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        short, long = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)

    def figure(self, element) -> None:
        from docx.shared import Cm

        figure_id = element.get("data-figure", "")
        caption = element.find("figcaption")
        png = self.png_files.get(figure_id)
        if png is None or not png.exists():
            raise InputError(
                f"{self.source}: figure {figure_id or element.get('id')!r} has no saved PNG "
                "for the Word report; run `python -m techvet_survey figures` (with png "
                "among --format) before the report."
            )
        self.document.add_picture(str(png), width=Cm(FIGURE_WIDTH_CM))
        if caption is not None:
            self.document.add_paragraph(_text(caption), style="Caption")
