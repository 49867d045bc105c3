"""The comparative report: notebooks executed with parameters, assembled into one HTML file.

The five notebooks in ``notebooks/`` (data cleaning, country comparisons, assessment
test, interviews, report figures) are thin: they call the functions here and in
:mod:`techvet_survey.figures`, and compute nothing themselves.
:func:`build_report` executes them (nbclient, kernel ``python3``) with their
``parameters`` cell replaced, and writes ``reports/comparative_report.html``: code
hidden, figures embedded, tables numbered with captions, a linked table of contents.

In a notebook::

    from techvet_survey import report
    study = report.open_study(raw_dir, processed_dir, reports_dir, lang=lang, min_n=min_n)
    report.show_table(study.tables["test_reliability"], "Reliability of the test")
    report.show_figures(study, "test_*")
"""

from techvet_survey.report._build import (
    NOTEBOOKS,
    REPORT_NAME,
    build_report,
    default_notebooks_dir,
    notebook_paths,
)
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
)
from techvet_survey.report._execute import (
    NotebookError,
    execute_notebooks,
    inject_parameters,
    parameters_cell,
)
from techvet_survey.report._html import render_report
from techvet_survey.report._methods import cleaning_summary, read_cleaning_log
from techvet_survey.report._study import Study, open_study, study_parts, tables_are_current
from techvet_survey.report._summaries import (
    assessment_summary,
    invariance_summary,
    reliability_summary,
    sample_sizes,
)

__all__ = [
    "ABSENT",
    "NOTEBOOKS",
    "REPORT_NAME",
    "NotebookError",
    "Study",
    "assessment_summary",
    "build_report",
    "cleaning_summary",
    "default_notebooks_dir",
    "execute_notebooks",
    "figure_catalogue",
    "figure_svg",
    "figures_folder",
    "html_table",
    "inject_parameters",
    "invariance_summary",
    "notebook_paths",
    "open_study",
    "parameters_cell",
    "read_cleaning_log",
    "reliability_summary",
    "render_report",
    "sample_sizes",
    "scope_notes",
    "show_absent",
    "show_figures",
    "show_note",
    "show_scope",
    "show_table",
    "study_parts",
    "tables_are_current",
]
