"""The comparative report: notebooks executed with parameters, assembled into one HTML file.

The six notebooks in ``notebooks/`` (summary, data cleaning, country comparisons, assessment
test, interviews, report figures) are thin: they call the functions here and in
:mod:`techvet_survey.figures`, and compute nothing themselves.
:func:`build_report` executes them with their ``parameters`` cell replaced (in this
process, through an IPython shell whose displays become the outputs a kernel would
give; ``in_process=False`` of :func:`execute_notebooks` starts kernels), and writes
``reports/comparative_report.html``: code hidden, figures embedded, tables numbered with
captions, a linked table of contents; with ``formats=("html", "pdf", "docx")`` also the
PDF (:func:`write_pdf`, printed by headless Chromium) and the Word document
(:func:`write_docx`) made from that HTML.

In a notebook::

    from techvet_survey import report
    study = report.open_study(raw_dir, processed_dir, reports_dir, lang=lang, min_n=min_n)
    report.show_table(study.tables["test_reliability"], report.message("caption.items", lang))
    report.show_figures(study, "test_*")
"""

from techvet_survey.report._build import (
    NOTEBOOKS,
    REPORT_FORMATS,
    REPORT_NAME,
    build_report,
    check_report_formats,
    default_notebooks_dir,
    notebook_paths,
    report_name,
    write_formats,
)
from techvet_survey.report._chromium import Browser, ChromiumError, find_chromium
from techvet_survey.report._display import (
    ABSENT,
    figure_catalogue,
    figure_svg,
    figures_folder,
    html_table,
    scope_notes,
    show_absent,
    show_figures,
    show_note,
    show_scope,
    show_table,
    show_text,
)
from techvet_survey.report._docx import write_docx
from techvet_survey.report._execute import (
    NotebookError,
    execute_notebooks,
    inject_parameters,
    parameters_cell,
)
from techvet_survey.report._findings import (
    country_profiles,
    executive_summary,
    findings,
    interview_findings,
    limitations,
    show_findings,
    stated_country_differences,
    survey_findings,
    test_findings,
)
from techvet_survey.report._format import (
    effect_size_phrase,
    effect_size_words,
    format_ci,
    format_count,
    format_p,
)
from techvet_survey.report._front import FrontMatter, front_matter, is_synthetic
from techvet_survey.report._html import render_report
from techvet_survey.report._messages import text as message
from techvet_survey.report._methods import cleaning_summary, read_cleaning_log
from techvet_survey.report._own_words import (
    coded_questions,
    leading_codes,
    own_words_coded_quotes,
    own_words_findings,
    own_words_quotes,
    show_open_answer_tables,
    show_own_words,
    show_quotes,
)
from techvet_survey.report._pdf import CONTENT_WIDTH_PX, print_options, write_pdf
from techvet_survey.report._study import Study, open_study, study_parts, tables_are_current
from techvet_survey.report._summaries import (
    assessment_summary,
    comparable_latent_means,
    invariance_summary,
    item_means,
    reliability_summary,
    sample_description,
    sample_sizes,
)

__all__ = [
    "ABSENT",
    "CONTENT_WIDTH_PX",
    "NOTEBOOKS",
    "REPORT_FORMATS",
    "REPORT_NAME",
    "Browser",
    "ChromiumError",
    "FrontMatter",
    "NotebookError",
    "Study",
    "assessment_summary",
    "build_report",
    "check_report_formats",
    "cleaning_summary",
    "coded_questions",
    "comparable_latent_means",
    "country_profiles",
    "default_notebooks_dir",
    "effect_size_phrase",
    "effect_size_words",
    "execute_notebooks",
    "executive_summary",
    "figure_catalogue",
    "figure_svg",
    "figures_folder",
    "find_chromium",
    "findings",
    "format_ci",
    "format_count",
    "format_p",
    "front_matter",
    "html_table",
    "inject_parameters",
    "interview_findings",
    "invariance_summary",
    "is_synthetic",
    "item_means",
    "leading_codes",
    "limitations",
    "message",
    "notebook_paths",
    "open_study",
    "own_words_coded_quotes",
    "own_words_findings",
    "own_words_quotes",
    "parameters_cell",
    "print_options",
    "read_cleaning_log",
    "reliability_summary",
    "render_report",
    "report_name",
    "sample_description",
    "sample_sizes",
    "scope_notes",
    "show_absent",
    "show_figures",
    "show_findings",
    "show_note",
    "show_open_answer_tables",
    "show_own_words",
    "show_quotes",
    "show_scope",
    "show_table",
    "show_text",
    "stated_country_differences",
    "study_parts",
    "survey_findings",
    "tables_are_current",
    "test_findings",
    "write_docx",
    "write_formats",
    "write_pdf",
]
