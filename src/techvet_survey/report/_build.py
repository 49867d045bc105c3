"""``python -m techvet_survey report``: execute the notebooks, write the HTML report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from techvet_survey._files import atomic_write_bytes
from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError
from techvet_survey.privacy import DEFAULT_MIN_N
from techvet_survey.report._chromium import find_chromium
from techvet_survey.report._display import absent_text, figures_folder
from techvet_survey.report._docx import write_docx
from techvet_survey.report._execute import execute_notebooks
from techvet_survey.report._front import front_matter
from techvet_survey.report._html import render_report
from techvet_survey.report._messages import cell_text
from techvet_survey.report._pdf import write_pdf
from techvet_survey.report._study import study_parts

NOTEBOOKS = (
    "00_summary.ipynb",
    "01_data_cleaning.ipynb",
    "02_country_comparisons.ipynb",
    "02_open_answers.ipynb",
    "03_assessment_test.ipynb",
    "04_interviews.ipynb",
    "05_report_figures.ipynb",
)
"""The report notebooks, in report order."""

NOTEBOOK_PART = {
    "02_country_comparisons.ipynb": "survey",
    "02_open_answers.ipynb": "survey",
    "03_assessment_test.ipynb": "test",
    "04_interviews.ipynb": "interviews",
}
"""The part of the study a notebook reports; it runs only when the part has data."""

REPORT_NAME = "comparative_report.html"
REPORT_FORMATS = ("html", "pdf", "docx")
"""The report's formats: the HTML, and the PDF and Word files made from it."""


def report_name(lang: str = "en") -> str:
    """The HTML report's file name in `lang`.

    Examples
    --------
    >>> report_name(), report_name("fi")
    ('comparative_report.html', 'comparative_report_fi.html')
    """
    return REPORT_NAME if lang == "en" else REPORT_NAME.replace(".html", f"_{lang}.html")


def default_notebooks_dir() -> Path:
    """``notebooks/`` of the project: in the working folder, else beside the sources."""
    here = Path("notebooks")
    if (here / NOTEBOOKS[0]).exists():
        return here
    return Path(__file__).resolve().parents[3] / "notebooks"


def notebook_paths(notebooks_dir: str | Path | None = None) -> list[Path]:
    """The report notebooks; a clear error when one is missing."""
    folder = Path(notebooks_dir) if notebooks_dir is not None else default_notebooks_dir()
    missing = [name for name in NOTEBOOKS if not (folder / name).exists()]
    if missing:
        raise FileNotFoundError(
            f"{folder} lacks the report notebooks {missing}; pass --notebooks DIR (the "
            "project's notebooks/ folder)."
        )
    return [folder / name for name in NOTEBOOKS]


def build_report(
    raw_dir: str | Path = "data/raw",
    processed_dir: str | Path = "data/processed",
    reports_dir: str | Path = "reports",
    *,
    notebooks_dir: str | Path | None = None,
    lang: str = "en",
    min_n: int = DEFAULT_MIN_N,
    jobs: int | None = None,
    out: str | Path | None = None,
    formats: Sequence[str] = ("html",),
    chromium: str | Path | None = None,
) -> Path:
    """Execute the report notebooks and write the self-contained HTML report, and from it
    the PDF and Word reports when `formats` asks for them.

    Parameters
    ----------
    raw_dir, processed_dir, reports_dir : str or Path
        Injected into each notebook's parameters cell (as absolute paths).
    notebooks_dir : str or Path, optional
        The notebooks (:data:`NOTEBOOKS`); the project's ``notebooks/`` by default.
    lang : {"en", "fi", "et", "lv", "nl"}
        Language of the whole report: text, tables, figures and numbers.
    min_n : int
        Smallest cell shown.
    jobs : int, optional
        Notebooks executed at once; the number of CPUs by default.
    out : str or Path, optional
        The report file; ``<reports_dir>/comparative_report.html`` by default, and
        ``comparative_report_<lang>.html`` for another language (the pipeline keeps the
        English one).
    formats : sequence of {"html", "pdf", "docx"}
        The HTML report is always written; ``"pdf"`` prints it in headless Chromium
        (A4, page numbers) and ``"docx"`` rewrites it as an editable Word document, both
        beside it with the same name (``comparative_report.pdf``, ``.docx``).
    chromium : str or Path, optional
        The Chromium that prints the PDF; ``$CHROMIUM`` or the first on ``PATH`` by
        default. Checked before any notebook runs.

    Returns
    -------
    Path
        The HTML report written.
    """
    Codebook.load().check_language(lang)
    formats = check_report_formats(formats)
    if "pdf" in formats:
        find_chromium(chromium)  # a missing browser stops the run before the notebooks
    if not isinstance(min_n, int) or min_n < 0:
        raise ArgumentError(f"`min_n` must be a whole number >= 0; got {min_n!r}.")
    parameters = {
        "raw_dir": str(Path(raw_dir).resolve()),
        "processed_dir": str(Path(processed_dir).resolve()),
        "reports_dir": str(Path(reports_dir).resolve()),
        "lang": lang,
        "min_n": min_n,
    }
    paths = notebook_paths(notebooks_dir)
    parts = study_parts(processed_dir)
    runnable = [path for path in paths if NOTEBOOK_PART.get(path.name) in (None, *parts)]
    executed = dict(zip(runnable, execute_notebooks(runnable, parameters, jobs=jobs), strict=True))
    sections = [executed.get(path) or _absent_section(path, lang) for path in paths]
    target = Path(out) if out is not None else Path(reports_dir) / report_name(lang)
    front = front_matter(raw_dir, _submissions(processed_dir), lang=lang)
    page = render_report(sections, title=front.title, lang=lang, front=front)
    atomic_write_bytes(target, page.encode("utf-8"))
    write_formats(target, formats, reports_dir, lang=lang, chromium=chromium)
    return target


def write_formats(
    html_file: str | Path,
    formats: Sequence[str],
    reports_dir: str | Path = "reports",
    *,
    lang: str = "en",
    chromium: str | Path | None = None,
) -> list[Path]:
    """The PDF and Word reports that `formats` asks for, made from the HTML report
    `html_file` and written beside it (``.pdf``, ``.docx``); the Word file takes the PNG
    figures of `lang` from ``<reports_dir>/figures``. Returns the files written."""
    html_file = Path(html_file)
    written = []
    if "pdf" in formats:
        written.append(write_pdf(html_file, html_file.with_suffix(".pdf"), chromium=chromium))
    if "docx" in formats:
        figures = figures_folder(Path(reports_dir) / "figures", lang)
        written.append(write_docx(html_file, html_file.with_suffix(".docx"), figures))
    return written


def check_report_formats(formats) -> tuple[str, ...]:
    """`formats` as a tuple of known report formats (a comma-separated string is split).

    Examples
    --------
    >>> check_report_formats("html,pdf")
    ('html', 'pdf')
    """
    if isinstance(formats, str):
        formats = formats.split(",")
    chosen = tuple(dict.fromkeys(str(fmt).strip().lower() for fmt in formats if str(fmt).strip()))
    unknown = [fmt for fmt in chosen if fmt not in REPORT_FORMATS]
    if unknown or not chosen:
        raise ArgumentError(
            f"Unknown report format(s) {unknown or list(formats)!r}; choose among "
            f"{', '.join(REPORT_FORMATS)} (comma-separated, e.g. --format html,pdf,docx)."
        )
    return chosen


def _submissions(processed_dir: str | Path):
    """The submission times of the processed survey (None without a survey table)."""
    import pandas as pd
    import pyarrow.parquet as pq

    path = Path(processed_dir) / "survey.parquet"
    if not path.exists() or "submitted_at" not in pq.read_schema(path).names:
        return None
    return pd.read_parquet(path, columns=["submitted_at"])


def _absent_section(path: Path, lang: str = "en"):
    """The section of a notebook whose part of the study has no data: its heading and a
    plain statement of what is absent."""
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    first = next(
        cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"
    )
    heading = cell_text(first, lang).splitlines()[0]
    return new_notebook(
        cells=[new_markdown_cell(f"{heading}\n\n{absent_text(NOTEBOOK_PART[path.name], lang)}")]
    )
