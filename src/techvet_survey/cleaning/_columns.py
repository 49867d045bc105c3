"""Map the columns of a raw export to codebook items, by code or by question text.

Question texts match in any of the five languages, tolerant of case, whitespace,
punctuation and numbering prefixes (``"8. Ohjaus työpaikalla - Saan ..."``), with the
scale label and the item text joined as the tools join them (``"Label - item"``,
``"Label [item]"``). The tool's adapter (:mod:`techvet_survey.io.tools`) names its own
administrative and personal columns in every heading style and breaks a heading into
the codes and texts to look up (``G01Q01[SQ001]`` -> ``G1Q1[SQ001]``,
``"G1Q1. Question text"`` -> ``G1Q1`` and ``Question text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from techvet_survey.codebook import Codebook, normalize_label
from techvet_survey.errors import InputError
from techvet_survey.io.tools import ADMIN_FIELDS, ToolAdapter, tool_adapter

NUMBERING = re.compile(r"^\s*(?:[a-z]{0,2}\d+(?:\.\d+)*[.):]?\s+)+", re.IGNORECASE)
PUNCTUATION = re.compile(r"[^\w\s]")


def question_key(text: object) -> str:
    """Fold a column header for matching: numbering, punctuation, case and spacing removed.

    Examples
    --------
    >>> question_key("8. Ohjaus työpaikalla -  Saan OHJAUSTA?")
    'ohjaus työpaikalla saan ohjausta'
    """
    folded = normalize_label(text)
    folded = NUMBERING.sub("", folded)
    return " ".join(PUNCTUATION.sub(" ", folded).split())


@dataclass(frozen=True)
class ColumnMapping:
    """Where each raw column goes: an item, an administrative field, or aside."""

    targets: dict[str, str]
    unmapped: tuple[str, ...]
    personal: tuple[str, ...]


@lru_cache(maxsize=8)
def _question_index(book: Codebook) -> dict[str, str]:
    index: dict[str, str] = {}

    def add(text, target):
        index.setdefault(question_key(text), target)

    text_items = book.text_items["item"].tolist()
    for item in (*book.background["item"], *book.items["item"], *text_items):
        add(item, item)
    for item in text_items:
        for text in book.text_item_texts(item):
            add(text, item)
    for lang in book.languages:
        for item in book.background["item"]:
            add(book.question_text(item, lang), item)
        question = book.question_text("channels", lang)
        add(question, "channels")
        for option, label in book.multiselect_options("channels", lang).items():
            add(f"channels_{option}", f"channels_{option}")
            add(f"{question} - {label}", f"channels_{option}")
        for row in book.items.itertuples():
            label = book.scale_label(row.scale, lang)
            for text in {
                book.item_text(row.item, lang, group) for group in (None, *book.groups["group"])
            }:
                add(text, row.item)
                add(f"{label} - {text}", row.item)
    return index


def map_columns(
    columns, flavour: str, book: Codebook, file_name: str, *, question_text=None
) -> ColumnMapping:
    """Decide the target of every column of one export.

    A column maps, first to last: by its exact name in the codebook's export profile of
    `flavour`; to an administrative field of the tool; by one of the codes or texts the
    tool's adapter reads in its heading (profile codes, then question texts); and, when
    the heading finds nothing, by its question text in `question_text` (column -> text,
    the second header row of LimeSurvey and Qualtrics exports, ``RawExport.meta``).

    Raises
    ------
    InputError
        When two columns map to the same item (naming both and the fix).
    """
    profile = _profile(book, flavour)
    tool = tool_adapter(flavour)
    by_code = {**profile.get("admin", {}), **profile.get("columns", {})}
    listed = set(profile.get("personal", []))
    personal = tuple(
        column for column in columns if column in listed or tool.is_personal(str(column))
    )
    index = _question_index(book)
    texts = question_text or {}
    targets: dict[str, str] = {}
    unmapped = []
    for column in columns:
        if column in personal:
            continue
        target = by_code.get(column)
        for heading in (str(column), texts.get(column)):
            if target is None and heading:
                target = _heading_target(heading, tool, by_code, index)
        if target is None and flavour.startswith("lms_quiz"):
            target = _response_target(column, profile, book)
        if target in ADMIN_FIELDS and target in targets.values():
            target = None  # a tool's second time stamp or id column (the first one counts)
        if target is None:
            unmapped.append(column)
        else:
            targets[column] = target
    _refuse_double_mapping(targets, file_name)
    return ColumnMapping(targets=targets, unmapped=tuple(unmapped), personal=personal)


def _heading_target(heading: str, tool: ToolAdapter, by_code: dict, index: dict) -> str | None:
    found = tool.admin_field(heading)
    if found is not None:
        return found
    candidates = tool.candidates(heading)
    for candidate in candidates:
        if candidate in by_code:
            return by_code[candidate]
    for candidate in candidates:
        found = index.get(question_key(candidate))
        if found is not None:
            return found
    return None


def _profile(book: Codebook, flavour: str) -> dict:
    try:
        return dict(book.export_profile(flavour))
    except KeyError:
        return {}


def _response_target(column: str, profile: dict, book: Codebook) -> str | None:
    prefix = profile.get("response_prefix", "Response ")
    if not column.startswith(prefix):
        return None
    number = column[len(prefix) :].strip()
    items = list(book.test_items["item"])
    if number.isdigit() and 1 <= int(number) <= len(items):
        return items[int(number) - 1]
    return None


def _refuse_double_mapping(targets: dict[str, str], file_name: str) -> None:
    seen: dict[str, str] = {}
    clashes = []
    for column, target in targets.items():
        if target in seen:
            clashes.append(f"{seen[target]!r} and {column!r} both map to {target!r}")
        seen[target] = column
    if clashes:
        raise InputError(
            f"{file_name}: a column is mapped twice: {'; '.join(clashes)}. Remove or rename "
            "one of the columns in the export, or fix the question text in the codebook."
        )
