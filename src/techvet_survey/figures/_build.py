"""Drawing the report figures: which exist, which are asked for, in which language."""

from __future__ import annotations

import fnmatch
import textwrap
import warnings

import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError
from techvet_survey.figures._assessment import assessment_plans
from techvet_survey.figures._interviews import interview_plans
from techvet_survey.figures._open_answers import open_answer_plans
from techvet_survey.figures._plan import FigurePlan, FigureSet, Inputs, ReportFigure
from techvet_survey.figures._survey import survey_plans
from techvet_survey.figures._titles import figure_title
from techvet_survey.privacy import DEFAULT_MIN_N


def figure_plans(codebook: Codebook | None = None) -> list[FigurePlan]:
    """Every figure the report can have, in report order (nothing is drawn).

    Examples
    --------
    >>> [plan.figure_id for plan in figure_plans()][:2]
    ['survey_likert_country_gw', 'survey_likert_group_gw']
    """
    book = codebook or Codebook.load()
    plans = [*survey_plans(book), *assessment_plans(), *interview_plans()]
    return plans + open_answer_plans()


def _selected(plans: list[FigurePlan], only) -> list[FigurePlan]:
    if only is None:
        return plans
    patterns = [only] if isinstance(only, str) else list(only)
    ids = [plan.figure_id for plan in plans]
    for pattern in patterns:
        if not fnmatch.filter(ids, pattern):
            raise ArgumentError(
                f"`only` pattern {pattern!r} matches no figure. Figure ids: {', '.join(ids)}."
            )
    return [plan for plan in plans if any(fnmatch.fnmatch(plan.figure_id, p) for p in patterns)]


def build_figures(
    tables: dict[str, pd.DataFrame],
    processed: dict[str, pd.DataFrame] | None = None,
    codebook: Codebook | None = None,
    *,
    lang: str = "en",
    min_n: int = DEFAULT_MIN_N,
    only=None,
    titles: bool = True,
) -> FigureSet:
    """Draw the figures of the comparative report.

    Parameters
    ----------
    tables : dict of DataFrame
        The report tables of :func:`techvet_survey.analysis.run_analyses` (or read back
        from ``reports/tables`` with :func:`read_tables`).
    processed : dict of DataFrame, optional
        The processed tables (:func:`techvet_survey.analysis.load_processed`); the
        Likert bars draw the answers of ``survey`` with the missing reasons of
        ``survey_long``.
    codebook : Codebook, optional
        Labels; the bundled codebook by default.
    lang : {"en", "fi", "et", "lv", "nl"}
        Language of every label and title.
    min_n : int
        Smallest cell drawn (Likert bars) and the threshold named in the notes of
        suppressed cells.
    only : str or sequence of str, optional
        Figure ids or shell patterns (``"test_*"``, ``"survey_likert_*_gw"``): draw
        these only.
    titles : bool
        Write each figure's title inside it (above the panels); ``False`` for a journal,
        whose caption carries the title.

    Returns
    -------
    FigureSet
        A list of ``(figure_id, title, sources, figure)`` named tuples in report order,
        with ``.lang`` and ``.min_n``. Sources are ``tables/<name>`` or
        ``processed/<name>``.

    Notes
    -----
    Figure ids start with their family: ``survey_``, ``test_``, ``interviews_``. A
    figure whose sources are absent or empty is left out with a warning naming them.

    Examples
    --------
    >>> from techvet_survey.interviews import code_cooccurrence, code_frequencies
    >>> segments = pd.DataFrame({
    ...     "document": ["d1", "d1", "d2"], "coder": "A", "start": 0, "end": 9,
    ...     "code": ["recruitment", "skill_needs", "recruitment"], "theme": "company_needs",
    ...     "country": "FI", "group": "company"})
    >>> tables = {"code_frequencies": code_frequencies(segments, by=("country", "group")),
    ...           "cooccurrence": code_cooccurrence(segments, unit="document").pairs}
    >>> figures = build_figures(tables, only="interviews_c*", lang="fi")
    >>> [entry.figure_id for entry in figures]
    ['interviews_code_frequencies', 'interviews_cooccurrence']
    >>> figures[1].title
    'Haastattelut: koodien yhteisesiintyminen dokumenteissa (Jaccard)'
    """
    inputs = make_inputs(tables, processed, codebook, lang, min_n, titles=titles)
    figures = FigureSet(lang=inputs.lang, min_n=inputs.min_n)
    for plan in drawable_plans(inputs, only):
        figures.append(draw(plan, inputs))
    return figures


def make_inputs(tables, processed, codebook, lang, min_n, *, titles: bool = True) -> Inputs:
    """The checked inputs of the figures."""
    book = codebook or Codebook.load()
    lang = book.check_language(lang)
    if not isinstance(min_n, int) or min_n < 0:
        raise ArgumentError(f"`min_n` must be a whole number >= 0; got {min_n!r}.")
    if not isinstance(titles, bool):
        raise ArgumentError(f"`titles` must be True or False; got {titles!r}.")
    return Inputs(dict(tables), dict(processed or {}), book, lang, min_n, titles)


def draw(plan: FigurePlan, inputs: Inputs) -> ReportFigure:
    """Draw one planned figure, its title inside it unless ``inputs.titles`` is False."""
    title = figure_title(plan.kind, inputs.lang, inputs.codebook, plan.scale)
    figure = plan.draw(inputs)
    if inputs.titles:
        add_title(figure, title)
    return ReportFigure(plan.figure_id, title, plan.sources, figure)


def add_title(figure, title: str) -> None:
    """`title` above everything drawn on `figure`, left-aligned with it and wrapped to its
    width (``gid='figure-title'``); the saved file's tight box takes it in."""
    box = figure.get_tightbbox()  # inches: the panels with their labels and legends
    width, height = figure.get_size_inches()
    figure.text(
        box.x0 / width,
        (box.y1 + 0.08) / height,
        "\n".join(textwrap.wrap(title, max(40, int(box.width * 11)))),
        ha="left",
        va="bottom",
        fontsize=11,
        fontweight="bold",
        gid="figure-title",
    )


def drawable_plans(inputs: Inputs, only=None) -> list[FigurePlan]:
    """The plans selected by `only` whose sources are there; a warning for the others."""
    drawable, missing = [], {}
    for plan in _selected(figure_plans(inputs.codebook), only):
        absent = [source for source in plan.sources if not inputs.has(source)]
        if absent:
            missing.setdefault(", ".join(absent), []).append(plan.figure_id)
        else:
            drawable.append(plan)
    for sources, ids in missing.items():
        warnings.warn(
            f"figures {ids} are left out: their source tables ({sources}) are absent or "
            "empty. Run the analysis stage (python -m techvet_survey analyze) first, or "
            "check that the raw data has this part of the study.",
            RuntimeWarning,
            stacklevel=3,
        )
    return drawable
