"""Folding of answer labels and texts for matching and search."""

from __future__ import annotations

import unicodedata

__all__ = ["fold_accents", "normalize_label"]


def normalize_label(text: object) -> str:
    """Fold a label for matching: Unicode NFKC, case-folded, whitespace collapsed.

    Quotes and trailing punctuation are dropped, so that ``"Don’t know."`` and
    ``"don't know"`` match.

    Examples
    --------
    >>> normalize_label("  Täysin   SAMAA mieltä. ")
    'täysin samaa mieltä'
    """
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    folded = folded.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(folded.split()).strip(" .;:!?")


def fold_accents(text: str) -> str:
    """`text` without its accents (NFKD, combining marks dropped): "Täysin" -> "Taysin"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
