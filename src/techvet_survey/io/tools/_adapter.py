"""The interface every survey-tool adapter fills: detection, header rows, columns.

An adapter holds all that the package knows about one tool's exports: how to recognise
its header, which rows under the header are more header (question texts, import ids),
which columns are the tool's own administrative fields (in every heading style the tool
writes) and which hold personal data, how its headings break into codes and texts, which
cell values are placeholders, and which of its reports are the wrong download.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

ADMIN_FIELDS = (
    "source_id",
    "started_at",
    "submitted_at",
    "duration_s",
    "duration_text",
    "language",
    "state",
    "lastpage",
)
BRACKETED = re.compile(r"^(?P<question>.*?)\s*\[(?P<sub>[^\[\]]+)\]\s*$", re.DOTALL)


def fold(heading: object) -> str:
    """A heading folded for comparison: case and runs of whitespace ignored.

    Examples
    --------
    >>> fold("  Date\\u00a0 Submitted ")
    'date submitted'
    """
    return " ".join(str(heading).split()).casefold()


def is_blank(cell) -> bool:
    """Whether a cell is empty: None, NaN or only whitespace."""
    if cell is None:
        return True
    if isinstance(cell, float):
        return math.isnan(cell)
    return isinstance(cell, str) and not cell.strip()


def as_is(heading: str) -> tuple[str, ...]:
    """The heading alone: the default for tools whose headings are plain codes or texts."""
    return (heading,)


def with_bracketed_part(heading: str) -> tuple[str, ...]:
    """The heading and, for ``"Question [Subquestion]"``, the subquestion alone.

    Examples
    --------
    >>> with_bracketed_part("How much do you agree? [I get guidance]")
    ('How much do you agree? [I get guidance]', 'I get guidance')
    """
    match = BRACKETED.match(heading)
    return (heading, match["sub"].strip()) if match else (heading,)


def one_header_row(names: Sequence[str], rows: Sequence[Sequence]) -> tuple[int, None]:
    """For tools that write a single header row: no row below it is header."""
    return 0, None


def _no_refusal(names: Sequence[str]) -> str | None:
    return None


@dataclass(frozen=True)
class ToolAdapter:
    """One survey tool's exports, as the reader and the cleaning need to know them.

    Attributes
    ----------
    name : str
        The tool part of the flavour (``'limesurvey'`` gives ``limesurvey_csv`` and
        ``limesurvey_xlsx``).
    label : str
        The tool's name for messages (``'LimeSurvey'``).
    detect : callable
        Folded header names (see :func:`fold`) to a score in [0, 1]; 0 means "not this
        tool". The adapter with the highest score wins, the first one on a tie.
    admin : mapping
        Folded heading to administrative field (one of ``ADMIN_FIELDS``), in every
        heading style the tool writes (codes, texts, translations).
    personal : frozenset
        Folded headings of the tool's columns with personal data (names, e-mail, IP).
    header_rows : callable, optional
        ``(names, rows_below)`` to ``(count, question_row)``: how many rows under the
        header row are header too (question texts, import ids) and which of them (0-based,
        or None) holds the question texts. None lets the generic rule decide.
    candidates : callable
        A heading to the texts to look up for it, best first (the heading itself, its
        code normalised, its code and text parts).
    placeholders : mapping
        Administrative field to the cell texts the tool writes instead of a value (e.g.
        LimeSurvey's ``1980-01-01 00:00:00`` in anonymised surveys).
    refuse : callable
        Folded header names to a message (what the file is and what to download
        instead) when the file is a report of the tool that cannot be cleaned, else None.
    not_export : callable
        Folded header names to a message when the file is one the tool writes beside
        its exports but holds no responses (a survey structure), else None: such a file
        is skipped, not failed.
    container_only : bool
        Recognised by its container (SPSS), never from a header.
    """

    name: str
    label: str
    detect: Callable[[Sequence[str]], float]
    admin: Mapping[str, str] = field(default_factory=dict)
    personal: frozenset[str] = frozenset()
    header_rows: Callable[[Sequence[str], Sequence[Sequence]], tuple[int, int | None]] | None = None
    candidates: Callable[[str], tuple[str, ...]] = as_is
    placeholders: Mapping[str, frozenset[str]] = field(default_factory=dict)
    refuse: Callable[[Sequence[str]], str | None] = _no_refusal
    not_export: Callable[[Sequence[str]], str | None] = _no_refusal
    container_only: bool = False

    def admin_field(self, heading: str) -> str | None:
        """The administrative field of `heading` (any of its candidates), or None.

        Examples
        --------
        >>> from techvet_survey.io.tools import tool_adapter
        >>> tool_adapter("limesurvey_csv").admin_field("submitdate. Date submitted")
        'submitted_at'
        """
        for candidate in self.candidates(heading):
            found = self.admin.get(fold(candidate))
            if found is not None:
                return found
        return None

    def is_personal(self, heading: str) -> bool:
        """Whether `heading` is one of the tool's columns with personal data."""
        return any(fold(candidate) in self.personal for candidate in self.candidates(heading))

    def score(self, names: Sequence[str], *, folded: bool = False) -> float:
        """How well header `names` (as in the file, or already folded) fit this tool, in
        [0, 1]."""
        if self.container_only:
            return 0.0
        return float(self.detect(list(names) if folded else [fold(name) for name in names]))


def admin_table(*groups: tuple[str, Sequence[str]]) -> dict[str, str]:
    """A folded heading -> field table from ``(field, headings)`` pairs.

    Examples
    --------
    >>> admin_table(("source_id", ["ID", "Tunnus"]))
    {'id': 'source_id', 'tunnus': 'source_id'}
    """
    table: dict[str, str] = {}
    for target, headings in groups:
        if target not in ADMIN_FIELDS:
            raise ValueError(f"unknown administrative field {target!r}")
        for heading in headings:
            table[fold(heading)] = target
    return table
