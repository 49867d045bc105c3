"""Character positions of REFI-QDA text selections: the unit each program counts in.

REFI-QDA 1.5 (section 10.2) defines a text selection by Unicode code points, the first
code point of the file being 0. NVivo counts UTF-16 code units instead: a character
outside the Basic Multilingual Plane (an emoji, 𝑥) counts twice, so every position
after the first such character is shifted. The two units agree on texts without such
characters. Which unit a project uses is decided from the selections themselves: the
unit under which more selections start and end at word boundaries wins; the exporting
program decides a tie.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

CODE_POINTS = "code points"
UTF16 = "UTF-16 code units"
UNITS = (CODE_POINTS, UTF16)
# Programs known to count UTF-16 code units (checked on their real projects).
_UTF16_PROGRAMS = ("nvivo",)
# A source warns of mid-word selections only with at least this many selections.
MIN_SELECTIONS_CHECKED = 5
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class SourceText:
    """A source's text and the UTF-16 offsets of its characters outside the BMP."""

    text: str
    astral_starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> SourceText:
        # The k-th such character starts k code units after its code-point index.
        starts = (match.start() + k for k, match in enumerate(_ASTRAL.finditer(text)))
        return cls(text, tuple(starts))

    def length(self, unit: str) -> int:
        """Length of the text in `unit`."""
        return len(self.text) + (len(self.astral_starts) if unit == UTF16 else 0)

    def code_point(self, position: int, unit: str) -> int:
        """Code-point index of `position` counted in `unit` (a position inside a
        surrogate pair falls after its character).

        Examples
        --------
        >>> source = SourceText.of("a😀b")
        >>> source.length(UTF16), source.code_point(3, UTF16), source.code_point(3, CODE_POINTS)
        (4, 2, 3)
        """
        if unit != UTF16:
            return position
        return position - bisect_right(self.astral_starts, position - 2)


def _word_character(character: str) -> bool:
    # Wide (East Asian) characters are written without spaces: each may end a word.
    return character.isalnum() and unicodedata.east_asian_width(character) not in "WF"


def mid_word(text: str, index: int) -> bool:
    """Whether `index` falls between two letters or digits of `text` (of a script that
    separates words with spaces).

    Examples
    --------
    >>> mid_word("we mentor", 5), mid_word("we mentor", 3), mid_word("指導する", 2)
    (True, False, False)
    """
    return (
        0 < index < len(text) and _word_character(text[index - 1]) and _word_character(text[index])
    )


def misaligned(source: SourceText, start: int, end: int, unit: str) -> bool:
    """Whether the selection `start`-`end` (in `unit`) starts or ends mid-word."""
    text = source.text
    return mid_word(text, source.code_point(start, unit)) or mid_word(
        text, source.code_point(end, unit)
    )


def program_unit(origin: str | None) -> str:
    """The unit a program is known to count in (REFI-QDA's code points otherwise)."""
    name = (origin or "").strip().lower()
    return UTF16 if name.startswith(_UTF16_PROGRAMS) else CODE_POINTS


def detect_unit(
    origin: str | None, sources: Sequence[tuple[SourceText, Sequence[tuple[int, int]]]]
) -> str:
    """The unit of a project's selections: the one under which fewer selections start or
    end mid-word (or fall outside their text), over the selections whose quoted text
    differs between the units; `origin` (the exporting program) decides a tie."""
    prior = program_unit(origin)
    scores = {CODE_POINTS: 0, UTF16: 0}
    for source, selections in sources:
        if not source.astral_starts:
            continue
        for start, end in selections:
            if source.code_point(start, UTF16) == start and source.code_point(end, UTF16) == end:
                continue
            for unit in scores:
                inside = 0 <= start <= end <= source.length(unit)
                scores[unit] += inside and not misaligned(source, start, end, unit)
    if scores[CODE_POINTS] == scores[UTF16]:
        return prior
    return max(scores, key=scores.get)
