"""The figures of the comparative report, drawn from the analysis tables.

:func:`build_figures` draws every figure of the report in one of the five study
languages (labels from the codebook) and :func:`write_figures` saves them as
``<figure_id>.png|svg|pdf`` with ``figures_manifest.json`` (id, title, source tables,
language, sha256 of each file). It is the ``figures`` stage of the pipeline and of
``python -m techvet_survey figures [--lang fi] [--format png,svg,pdf] [--only ID]``.

Figures draw; they compute nothing. The survey figures read the processed survey
(Likert bars) and the survey comparison tables; the assessment and interview figures
read the tables of :func:`techvet_survey.analysis.run_analyses`. A figure whose source
tables are absent (a study without interviews, say) is left out with a warning.
"""

from techvet_survey.figures._build import build_figures, drawable_plans, figure_plans, make_inputs
from techvet_survey.figures._inputs import drawing_code_digest
from techvet_survey.figures._output import MANIFEST_NAME, read_tables, write_figures
from techvet_survey.figures._plan import FigureSet, ReportFigure
from techvet_survey.figures._render import current_figures, inputs_digest, render_figures
from techvet_survey.figures._survey import missing_reasons
from techvet_survey.figures._titles import TITLES, figure_title

__all__ = [
    "MANIFEST_NAME",
    "TITLES",
    "FigureSet",
    "ReportFigure",
    "build_figures",
    "current_figures",
    "drawable_plans",
    "drawing_code_digest",
    "figure_plans",
    "figure_title",
    "inputs_digest",
    "make_inputs",
    "missing_reasons",
    "read_tables",
    "render_figures",
    "write_figures",
]
