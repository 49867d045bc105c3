"""The tidy segments table shared by every reader, and what is done to it on the way in:
themes from the code book, case variables, anonymous source labels, scrubbed text."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from techvet_survey._results import Result
from techvet_survey._validation import check_columns, check_dataframe
from techvet_survey.privacy import scrub_series, scrub_text

CASE_VARIABLES = ("country", "group", "sector")
SEGMENT_COLUMNS = ["document", "source", "coder", "code", "theme", "start", "end", "text"]
# Columns of the documents table that describe the file, not the case.
DOCUMENT_FACTS = ("document", "source", "n_characters", "position_unit")
SKIPPED_COLUMNS = ["file", "element", "document", "coder", "code", "start", "end", "reason"]
Scrubber = Callable[[str], str]


@dataclass(frozen=True)
class CodedInterviews(Result):
    """Coded interview segments read from a QDA export.

    Attributes
    ----------
    segments : DataFrame
        One row per coded segment: ``document``, ``source`` (anonymous label such as
        ``FI-company-03``), ``coder``, ``code``, ``theme``, ``start``, ``end``, ``text``
        (scrubbed of personal data) and the case variables ``country``, ``group``,
        ``sector`` (plus any other case variable of the project).
    skipped : DataFrame
        Every segment or selection that could not be read: ``file``, ``element``,
        ``document``, ``coder``, ``code``, ``start``, ``end``, ``reason``.
    codes : DataFrame
        The code book of the project: ``code``, ``theme``, ``parent``, ``description``.
    documents : DataFrame
        One row per document: ``document``, ``source``, case variables, ``n_characters``
        and, for REFI-QDA projects, ``position_unit`` (the unit the exporting program
        counted selection positions in: ``"code points"`` or ``"UTF-16 code units"``).
    """

    segments: pd.DataFrame
    skipped: pd.DataFrame
    codes: pd.DataFrame
    documents: pd.DataFrame
    _data_tables: ClassVar[tuple[str, ...]] = ("segments",)


def skipped_row(
    file, element, reason, *, document=None, coder=None, code=None, start=None, end=None
) -> dict:
    return {
        "file": str(file),
        "element": element,
        "document": document,
        "coder": coder,
        "code": code,
        "start": start,
        "end": end,
        "reason": reason,
    }


def resolve_scrubber(scrub) -> Scrubber | None:
    """``"auto"``: techvet_survey.privacy.scrub_text; a callable; or None."""
    if scrub is None or callable(scrub):
        return scrub
    if scrub != "auto":
        raise ValueError(f"`scrub` must be 'auto', a function str -> str, or None; got {scrub!r}.")
    return scrub_text


def scrub_texts(texts: pd.Series, scrub: Scrubber | None) -> pd.Series:
    """`scrub` over the texts; the package's own scrubber in one vectorised pass."""
    if scrub is None:
        return texts
    if scrub is scrub_text:  # (not a replacement set by the caller)
        return scrub_series(texts)
    return texts.map(lambda text: scrub(text) if isinstance(text, str) else text)


def _snake(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(name).strip().lower()).strip("_")


_VARIABLE_ALIASES = {
    "respondent_group": "group",
    "respondentgroup": "group",
    "role": "group",
    "company_sector": "sector",
    "sector_of_company": "sector",
}


def case_variable_name(name: str) -> str:
    """Snake-case name of a case variable, with the study's aliases resolved."""
    snake = _snake(name)
    return _VARIABLE_ALIASES.get(snake, snake)


def source_labels(documents: pd.DataFrame) -> pd.Series:
    """Anonymous label ``<country>-<group>-<nn>`` of each document (numbered by name)."""
    parts = documents[["country", "group"]].astype("string").fillna("na")
    prefix = parts["country"] + "-" + parts["group"].str.replace("_", "-")
    order = documents.assign(_prefix=prefix).sort_values(["_prefix", "document"])
    number = order.groupby("_prefix").cumcount() + 1
    labels = order["_prefix"] + "-" + number.map("{:02d}".format)
    return labels.reindex(documents.index)


def code_themes(codes: pd.DataFrame | None) -> pd.DataFrame | None:
    """Check a `codes=` table (``code``, ``theme``) and return its two columns."""
    if codes is None:
        return None
    check_dataframe(codes, "codes")
    check_columns(codes, ["code", "theme"], "codes")
    duplicated = codes["code"][codes["code"].duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(f"`codes` lists codes more than once: {duplicated[:5]}.")
    return codes[["code", "theme"]].astype({"code": "string", "theme": "string"})


def finish(
    segments: pd.DataFrame,
    documents: pd.DataFrame,
    codes: pd.DataFrame,
    skipped,
    *,
    scrub: Scrubber | None,
    file: str,
) -> CodedInterviews:
    """Join case variables and labels, scrub text, order columns; warn about skips."""
    documents = documents.copy()
    # An empty case variable is missing, whichever way the tool wrote it.
    documents = documents.replace(r"^\s*$", pd.NA, regex=True)
    for variable in CASE_VARIABLES:
        if variable not in documents:
            documents[variable] = pd.NA
    documents["source"] = source_labels(documents)
    variables = [c for c in documents.columns if c not in DOCUMENT_FACTS]
    segments = segments.merge(
        documents[["document", "source", *variables]],
        on="document",
        how="left",
        validate="many_to_one",
    )
    segments["text"] = scrub_texts(segments["text"].astype("string"), scrub)
    text_columns = ["document", "source", "coder", "code", "theme", "text"]
    segments = segments.astype(dict.fromkeys(text_columns, "string"))
    segments[["start", "end"]] = segments[["start", "end"]].astype("int64")
    ordered = SEGMENT_COLUMNS + [c for c in variables if c not in SEGMENT_COLUMNS]
    segments = segments[ordered].sort_values(["document", "coder", "start", "end", "code"])
    skipped = pd.DataFrame(skipped, columns=SKIPPED_COLUMNS)
    if len(skipped):
        reasons = skipped["reason"].str.split(":").str[0].value_counts()
        summary = "; ".join(f"{count} x {reason}" for reason, count in reasons.items())
        warnings.warn(
            f"{file}: {len(skipped)} segment(s) or selection(s) skipped ({summary}). "
            "See the `.skipped` table for each one and its reason.",
            UserWarning,
            stacklevel=3,
        )
    front = ["document", "source", *CASE_VARIABLES]
    documents = documents[front + [c for c in documents.columns if c not in front]]
    return CodedInterviews(
        segments=segments.reset_index(drop=True),
        skipped=skipped,
        codes=codes.reset_index(drop=True),
        documents=documents.sort_values("document").reset_index(drop=True),
    )


def as_segments(segments) -> pd.DataFrame:
    """The segments table of a CodedInterviews object, or a segments DataFrame as is."""
    if isinstance(segments, CodedInterviews):
        return segments.segments
    check_dataframe(segments, "segments")
    check_columns(segments, ["document", "coder", "code", "start", "end"], "segments")
    return segments
