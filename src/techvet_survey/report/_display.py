"""Tables and figures as a report notebook shows them (and the HTML report embeds them).

Every table is HTML built here with all text escaped; every figure is an SVG drawn by
:mod:`techvet_survey.figures`. Each display carries metadata
(``{"techvet_survey": {"kind": "table"|"figure", ...}}``) that the HTML report reads
for numbering and captions.
"""

from __future__ import annotations

import fnmatch
import html
import math
import re
import tempfile
from collections.abc import Sequence
from numbers import Integral, Real
from pathlib import Path

import pandas as pd

from techvet_survey._validation import check_dataframe
from techvet_survey.plots import save_figure
from techvet_survey.report._messages import text as message

METADATA_KEY = "techvet_survey"
MISSING = "–"


def _looks_numeric(text: str) -> bool:
    """Whether a formatted cell is a number, an interval or ``< .001`` (right-aligned)."""
    core = text.translate(str.maketrans("", "", " <>[](),.%-–−"))
    return core.isdigit() or text == MISSING


_LONG_WORD = re.compile(r"\S{12,}")


def _breakable(text: str) -> str:
    """Escaped `text` with a break opportunity (``<wbr>``) after each ``/``, ``_`` or
    ``.`` of a long word (file names, identifiers), so a narrow column wraps there and
    not mid-syllable."""
    return _LONG_WORD.sub(lambda match: re.sub(r"([/_.])", r"\1<wbr>", match.group(0)), text)


def _cell(value, digits: int) -> tuple[str, bool]:
    """The text of a cell and whether it is a number (right-aligned)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return MISSING, True
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, Integral):
        return str(int(value)), True
    if isinstance(value, Real):
        return f"{float(value):.{digits}f}", True
    return html.escape(str(value)), _looks_numeric(str(value))


def html_table(
    table: pd.DataFrame,
    caption: str,
    *,
    digits: int = 3,
    max_rows: int | None = None,
    columns: Sequence[str] | None = None,
    lang: str = "en",
) -> str:
    """`table` as an HTML table with a caption; every text escaped.

    Parameters
    ----------
    table : DataFrame
        A tidy table (its index is not shown).
    caption : str
        The caption (plain text).
    digits : int
        Decimals of floats (display only; the tables on disk keep full precision).
    max_rows : int, optional
        Show the first `max_rows` rows and say how many there are.
    columns : sequence of str, optional
        The columns shown, in this order; all by default.
    lang : str
        Language of the caption's note on rows left out.

    Returns
    -------
    str

    Examples
    --------
    >>> frame = pd.DataFrame({"item": ["<b>"], "alpha": [0.81234], "n": [40]})
    >>> print(html_table(frame, "Alpha & co", digits=2).replace("><", ">\\n<"))
    <table class="data">
    <caption>Alpha &amp; co</caption>
    <thead>
    <tr>
    <th>item</th>
    <th>alpha</th>
    <th>n</th>
    </tr>
    </thead>
    <tbody>
    <tr>
    <td>&lt;b&gt;</td>
    <td class="num">0.81</td>
    <td class="num">40</td>
    </tr>
    </tbody>
    </table>
    """
    check_dataframe(table, "table")
    shown = table if columns is None else table[list(columns)]
    total = len(shown)
    if max_rows is not None and total > max_rows:
        shown = shown.head(max_rows)
        caption = f"{caption} ({message('note.first_rows', lang, shown=max_rows, total=total)})"
    header = "".join(f"<th>{html.escape(str(column))}</th>" for column in shown.columns)
    cells = [[_cell(value, digits) for value in column] for _, column in shown.items()]
    # a column is right-aligned when every cell of it is a number ("20-29" in a column
    # of age bands stays text)
    numeric = [all(number for _, number in column) for column in cells]
    rows = []
    for position in range(len(shown)):
        row = []
        for column, is_number in zip(cells, numeric, strict=True):
            text = column[position][0]
            row.append(
                f'<td class="num">{text}</td>' if is_number else f"<td>{_breakable(text)}</td>"
            )
        rows.append(f"<tr>{''.join(row)}</tr>")
    return (
        f'<table class="data"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{header}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
    )


def _publish(data: dict, metadata: dict) -> None:
    from IPython.display import display

    display(data, raw=True, metadata={METADATA_KEY: metadata})


PARTS = ("survey", "test", "interviews")


def absent_text(part: str, lang: str = "en") -> str:
    """What the report says in place of a part of the study that has no data."""
    return message(f"note.absent.{part}", lang)


ABSENT = {part: absent_text(part) for part in PARTS}
"""What the report says in place of a part of the study that has no data (English)."""


def show_note(text: str) -> None:
    """Display a plain statement in the report, e.g. what the data do not allow."""
    _publish(
        {"text/html": f'<p class="note">{html.escape(text, quote=False)}</p>', "text/plain": text},
        {"kind": "note"},
    )


def show_text(paragraphs: Sequence[str], lang: str = "en") -> None:
    """Display `paragraphs` as the report's running text (plain text, escaped).

    Reference tokens (``{{table:<name>}}``, ``{{figure:<id>}}``) become "Table 5" in
    the HTML report and words in the notebook.
    """
    from techvet_survey.report._findings import plain_references

    if not paragraphs:
        return
    markup = "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs)
    _publish(
        {
            "text/html": plain_references(markup, lang),
            "text/plain": "\n\n".join(plain_references(text, lang) for text in paragraphs),
        },
        {"kind": "text", "paragraphs": list(paragraphs)},
    )


def show_absent(part: str, lang: str = "en") -> None:
    """Say plainly that the study has no data of `part` (survey, test, interviews)."""
    show_note(absent_text(part, lang))


def scope_notes(study) -> list[str]:
    """What the survey data allow: one country or one respondent group, said plainly.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> study = SimpleNamespace(levels={"country": ["FI"], "group": ["student", "teacher"]}.get)
    >>> scope_notes(study)  # doctest: +NORMALIZE_WHITESPACE
    ['The survey data come from one country (FI): the results are within that country;
      there are no country comparisons and no measurement-invariance check.']
    """
    notes = []
    lang = getattr(study, "lang", "en")
    for column in ("country", "group"):
        levels = study.levels(column)
        if len(levels) == 1:
            notes.append(message(f"note.one_{column}", lang, level=levels[0]))
    return notes


def show_scope(study) -> None:
    """Display :func:`scope_notes` (nothing when the survey has several countries and
    groups)."""
    for note in scope_notes(study):
        show_note(note)


def show_table(
    table: pd.DataFrame | None,
    caption: str,
    *,
    digits: int = 2,
    max_rows: int | None = None,
    columns: Sequence[str] | None = None,
    ref: str | None = None,
    study=None,
) -> None:
    """Display `table` with its caption in a notebook as a journal prints it (see
    :func:`techvet_survey.report.journal_table` and :func:`html_table`).

    A table the study's data do not give (None, e.g. ``tables.get(name)`` of a table
    that was not computed) or one without rows is replaced by a note saying so. `ref`
    names the table for the findings' references (``{{table:<ref>}}``); `study` gives
    the labels of countries, groups, scales and codes in its language.
    """
    from techvet_survey.report._tables import journal_table

    if table is None or table.empty:
        lang = study.lang if study is not None else "en"
        show_note(message("note.unavailable", lang, caption=caption))
        return
    shown = table if columns is None else table[list(columns)]
    codebook, lang = (study.codebook, study.lang) if study is not None else (None, "en")
    shown = journal_table(shown, codebook, lang=lang, digits=digits)
    markup = html_table(shown, caption, digits=digits, max_rows=max_rows, lang=lang)
    _publish(
        {"text/html": markup, "text/plain": caption},
        {"kind": "table", "caption": caption, **({"ref": ref} if ref else {})},
    )


def figure_svg(figure) -> str:
    """The SVG text of a matplotlib figure, as :func:`plots.save_figure` writes it."""
    with tempfile.TemporaryDirectory() as folder:
        (path,) = save_figure(figure, Path(folder) / "figure", ["svg"])
        return path.read_text(encoding="utf-8")


def _matches(figure_id: str, patterns) -> bool:
    if patterns is None:
        return True
    patterns = [patterns] if isinstance(patterns, str) else list(patterns)
    return any(fnmatch.fnmatch(figure_id, pattern) for pattern in patterns)


def show_figures(study, only=None, *, among=None) -> None:
    """Display the saved report figures of `study` selected by `only`.

    The figures are those the ``figures`` stage saved for the study's language
    (``reports/figures``, other languages in ``reports/figures/<lang>``), shown when
    they are current for the study's tables and minimum cell size
    (:func:`techvet_survey.figures.current_figures`). The report draws nothing: a figure
    not saved or out of date is replaced by a note naming the command that draws it.
    Figures drawn with their titles inside (the default) are captioned with their number
    alone; figures drawn without (``render_figures(..., titles=False)``, journal style)
    carry their title in the caption.

    Parameters
    ----------
    study : Study
        From :func:`open_study`.
    only : str or sequence of str, optional
        Figure ids or shell patterns, as in :func:`techvet_survey.figures.build_figures`.
    among : str or sequence of str, optional
        A further filter that may match none of them (a notebook's ``figures``
        parameter: ``"*"`` shows all).
    """
    from techvet_survey.figures import current_figures, drawable_plans, make_inputs

    inputs = make_inputs(study.tables, study.processed, study.codebook, study.lang, study.min_n)
    folder = figures_folder(study.figures_dir, study.lang)
    for titled in (True, False):  # titles inside the figures, or left to the captions
        saved = current_figures(
            folder,
            study.tables_dir,
            study.processed_dir,
            lang=study.lang,
            min_n=study.min_n,
            titles=titled,
        )
        if saved:
            break
    for plan in drawable_plans(inputs, only):
        if not _matches(plan.figure_id, among):
            continue
        record = saved.get(plan.figure_id, {})
        svg_file = record.get("files", {}).get("svg", {}).get("file")
        if not (svg_file and (folder / svg_file).exists()):
            show_note(message("note.figure_missing", study.lang, figure=plan.figure_id))
            continue
        svg = (folder / svg_file).read_text(encoding="utf-8")
        _publish(
            {"image/svg+xml": svg, "text/plain": record["title"]},
            {
                "kind": "figure",
                "figure_id": plan.figure_id,
                "title": record["title"],
                "titled": titled,
            },
        )


def figures_folder(figures_dir, lang: str) -> Path:
    """Where the figures of `lang` are saved: ``figures_dir`` for English, else
    ``figures_dir/<lang>``."""
    return Path(figures_dir) if lang == "en" else Path(figures_dir) / lang


def figure_catalogue(study, *, command: str = "python -m techvet_survey figures") -> pd.DataFrame:
    """Every figure of the report with its title in the study's language, its sources and
    the command that regenerates it (in that language, all three formats)."""
    from techvet_survey.figures import figure_plans, figure_title

    rows = []
    for plan in figure_plans(study.codebook):
        rows.append(
            {
                "figure_id": plan.figure_id,
                "title": figure_title(plan.kind, study.lang, study.codebook, plan.scale),
                "sources": ", ".join(plan.sources),
                "command": f"{command} --lang {study.lang} --only {plan.figure_id}",
            }
        )
    return pd.DataFrame(rows)
