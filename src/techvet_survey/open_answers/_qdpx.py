"""The open answers as a REFI-QDA project for coders, and their coding read back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.errors import InputError
from techvet_survey.io.qda import CodedInterviews, write_qdpx
from techvet_survey.open_answers._describe import answers_long, open_items

SEPARATOR = ": "
SEGMENT_COLUMNS = ["document", "coder", "code", "start", "end"]
ANSWER_SEGMENT_COLUMNS = [
    "document",
    "source_document",
    "coder",
    "code",
    "theme",
    "start",
    "end",
    "text",
    "respondent_id",
    "country",
    "group",
    "language",
    "item",
]
"""The columns of :func:`answer_segments`."""


def answer_documents(
    data: pd.DataFrame,
    *,
    items: Sequence[str] | None = None,
    codebook: Codebook | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The documents of the coders' project and where each answer lies in them.

    One document per open question and country (``open_guidance-FI``); each answered
    question is one paragraph, ``<pseudonymised id>: <answer>``, in the order of the
    survey table. Blank answers and refusals are left out.

    Returns
    -------
    (documents, paragraphs)
        ``documents``: ``document``, ``question``, ``country``, ``text``.
        ``paragraphs``: ``document``, ``respondent_id``, ``country``, ``group``,
        ``language``, ``item``, ``start`` and ``end`` (code-point offsets of the answer
        itself, after its id) and ``text``.
    """
    book = codebook or Codebook.load()
    items = open_items(data, book) if items is None else list(items)
    long = answers_long(data, items=items, codebook=book)
    long = long[long["status"] == "answered"]
    documents, paragraphs = [], []
    for (item, country), answers in long.groupby(["item", "country"], sort=True):
        document = f"{item}-{country}"
        offset, lines = 0, []
        for row in answers.itertuples(index=False):
            text = " ".join(row.text.split())  # one paragraph: no line breaks inside
            prefix = f"{row.respondent_id}{SEPARATOR}"
            start = offset + len(prefix)
            paragraphs.append(
                {
                    "document": document,
                    "respondent_id": row.respondent_id,
                    "country": country,
                    "group": row.group,
                    "language": row.language,
                    "item": item,
                    "start": start,
                    "end": start + len(text),
                    "text": text,
                }
            )
            lines.append(prefix + text)
            offset = start + len(text) + 1
        documents.append(
            {"document": document, "question": item, "country": country, "text": "\n".join(lines)}
        )
    return pd.DataFrame(documents), pd.DataFrame(paragraphs)


def write_open_answers_qdpx(
    data: pd.DataFrame,
    path: str | Path,
    *,
    items: Sequence[str] | None = None,
    codebook: Codebook | None = None,
) -> Path:
    """Write the open answers as a REFI-QDA project (.qdpx) to code in a QDA program.

    One text source per open question and country, each answer a paragraph starting
    with its pseudonymised respondent id; the interview code list of the codebook as
    the project's codes (themes as parent codes), so answers and interviews are coded
    alike; the question and country as case variables. NVivo, ATLAS.ti, MAXQDA and
    QualCoder import REFI-QDA projects. Read the coded project back with
    :func:`techvet_survey.interviews.read_qdpx` and :func:`answer_segments`.

    Parameters
    ----------
    data : DataFrame
        The cleaned survey table (answers already scrubbed of personal data).
    path : str or Path
        The .qdpx file to write (replaced if it exists).
    items : sequence of str, optional
        The open questions; by default every codebook item of type ``text`` in `data`.
    codebook : Codebook, optional
        The instrument; the bundled codebook when omitted.

    Returns
    -------
    Path
        `path`; the same answers give the same file byte for byte.
    """
    book = codebook or Codebook.load()
    documents, _ = answer_documents(data, items=items, codebook=book)
    if documents.empty:
        raise InputError(
            "`data` holds no answer to an open question (codebook items of type 'text'), "
            "so there is nothing to code: check that the survey tables were cleaned with "
            "the codebook that defines the open questions."
        )
    return write_qdpx(
        pd.DataFrame(columns=SEGMENT_COLUMNS),
        documents,
        book.interview_codes,
        path,
        variables=("question", "country"),
        project_name="NextSteps@TechVET open answers",
    )


def answer_segments(
    coded: CodedInterviews | pd.DataFrame,
    data: pd.DataFrame,
    *,
    items: Sequence[str] | None = None,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """The coded segments of an open-answer project, one answer per ``document``.

    Each segment is matched to the answer (paragraph) it lies in, through the same
    layout :func:`write_open_answers_qdpx` wrote from `data`. The result is a segments
    table for :func:`~techvet_survey.interviews.code_frequencies`,
    :func:`~techvet_survey.interviews.code_cooccurrence` and
    :func:`~techvet_survey.interviews.coding_agreement`, whose units are then the
    answers: ``document`` is ``<question>:<respondent id>``; ``source_document`` the
    project's document; ``respondent_id``, ``country``, ``group`` and ``language``
    come from `data`.

    Raises
    ------
    InputError
        When a document of the project is not the one `data` make (another length: the
        project was written from other answers, e.g. other exports or another
        pseudonymisation key), or when a segment does not lie within one answer (it
        covers an id or two answers): naming the document, the span and the fix.
    """
    segments = coded.segments if isinstance(coded, CodedInterviews) else coded
    documents, paragraphs = answer_documents(data, items=items, codebook=codebook)
    if isinstance(coded, CodedInterviews):
        _check_documents(coded.documents, documents)
    rows = []
    by_document = {name: group for name, group in paragraphs.groupby("document")}
    for segment in segments.itertuples(index=False):
        answers = by_document.get(segment.document)
        inside = (
            None
            if answers is None
            else answers[(answers["start"] <= segment.start) & (segment.end <= answers["end"])]
        )
        if inside is None or len(inside) != 1:
            raise InputError(
                f"segment {segment.start}-{segment.end} of document {segment.document!r} "
                f"(coder {segment.coder}, code {segment.code}) does not lie within one "
                "answer of the survey table. Code inside an answer (after its id), and "
                "read the project with the survey table it was written from."
            )
        answer = inside.iloc[0]
        rows.append(
            {
                "document": f"{answer['item']}:{answer['respondent_id']}",
                "source_document": segment.document,
                "coder": segment.coder,
                "code": segment.code,
                "theme": segment.theme,
                "start": segment.start - answer["start"],
                "end": segment.end - answer["start"],
                "text": segment.text,
                **{key: answer[key] for key in ("respondent_id", "country", "group", "language")},
                "item": answer["item"],
            }
        )
    return pd.DataFrame(rows, columns=ANSWER_SEGMENT_COLUMNS)


def _check_documents(project: pd.DataFrame, made: pd.DataFrame) -> None:
    """Refuse a project whose documents are not those `data` make: its positions would
    fall on other answers."""
    lengths = dict(zip(made["document"], made["text"].str.len(), strict=True))
    for row in project.itertuples(index=False):
        expected = lengths.get(row.document)
        if expected is None or (pd.notna(row.n_characters) and row.n_characters != expected):
            found = (
                "is not a question and country with answers in the survey table"
                if expected is None
                else f"holds {row.n_characters} characters, the survey table's answers {expected}"
            )
            raise InputError(
                f"document {row.document!r} of the coded project {found}: the project was "
                "written from other answers (other exports, or another pseudonymisation "
                "key), so its positions would fall on other answers. Read it with the "
                "survey table it was written from, or write the project again with "
                "`export --open-answers` from this cleaning and code it there."
            )
