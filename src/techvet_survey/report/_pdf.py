"""The PDF report: the HTML report printed by headless Chromium.

A4 portrait, 15 mm side margins, the page number and the page count centred in the
footer (Chromium's own footer: CSS page-margin boxes are not printed by it). The
report's print style sheet (:data:`techvet_survey.report._html.STYLE`) keeps figures
and table rows whole and fits every table to the page width.
"""

from __future__ import annotations

from pathlib import Path

from techvet_survey._files import atomic_write_bytes
from techvet_survey.report._chromium import Browser

MM_PER_INCH = 25.4
PAGE_MM = (210.0, 297.0)
"""A4, width × height."""
MARGINS_MM = {"top": 15.0, "bottom": 17.0, "left": 15.0, "right": 15.0}
CSS_PX_PER_MM = 96 / MM_PER_INCH
CONTENT_WIDTH_PX = (PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]) * CSS_PX_PER_MM
"""Width of the printed text block in CSS pixels: nothing printed may be wider."""

FOOTER = (
    '<div style="width: 100%; font-size: 8px; color: #555; text-align: center; '
    'font-family: DejaVu Sans, Verdana, sans-serif;">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def print_options() -> dict:
    """The ``Page.printToPDF`` options of the report: A4, margins, page numbers."""
    return {
        "paperWidth": PAGE_MM[0] / MM_PER_INCH,
        "paperHeight": PAGE_MM[1] / MM_PER_INCH,
        **{f"margin{side.title()}": mm / MM_PER_INCH for side, mm in MARGINS_MM.items()},
        "printBackground": True,
        "displayHeaderFooter": True,
        "headerTemplate": "<span></span>",
        "footerTemplate": FOOTER,
        "preferCSSPageSize": False,
    }


def write_pdf(html_file: str | Path, out: str | Path, *, chromium: str | Path | None = None):
    """Print the HTML report `html_file` to the PDF `out` in headless Chromium.

    Parameters
    ----------
    html_file : str or Path
        The self-contained report (:func:`techvet_survey.report.build_report`).
    out : str or Path
        The PDF written.
    chromium : str or Path, optional
        The Chromium executable; by default ``$CHROMIUM`` or the first Chromium on
        ``PATH`` (:func:`techvet_survey.report._chromium.find_chromium`, whose error
        names the fix when there is none).

    Returns
    -------
    Path
        `out`.
    """
    with Browser(chromium) as browser:
        browser.open(Path(html_file), width=round(CONTENT_WIDTH_PX), media="print")
        pdf = browser.print_pdf(**print_options())
    atomic_write_bytes(Path(out), pdf)
    return Path(out)
