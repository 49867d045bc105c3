"""Words of an answer: tokens with their positions, lemmas, stop words, non-answers and
the language an answer is written in (simplemma's lemmatiser and language detector)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import simplemma
import yaml

WORDS_FILE = Path(__file__).with_name("data") / "words.yaml"
TOKEN = re.compile(r"\w+(?:[-']\w+)*")
SCRUBBED = re.compile(r"\[(?:name|email|phone|url)\]")  # the privacy scrubbing's marks
UNDETERMINED = "und"
"""The language code of an answer too short or too mixed to tell (ISO 639-2 ``und``)."""
MIN_DETECTED_WORDS = 3
MIN_DETECTION_SCORE = 0.5


@cache
def _word_lists() -> dict:
    return yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))


@cache
def stop_words(lang: str) -> frozenset[str]:
    """The stop words of `lang` (lemmas and common forms, casefolded)."""
    return frozenset(word.casefold() for word in _word_lists()["stop_words"].get(lang, "").split())


@cache
def _non_answers(lang: str | None) -> frozenset[str]:
    lists = _word_lists()["non_answers"]
    chosen = lists.values() if lang is None else [lists.get(lang, [])]
    return frozenset(_folded(phrase) for phrases in chosen for phrase in phrases)


def _folded(text: str) -> str:
    return " ".join(TOKEN.findall(text.casefold())) or text.strip().casefold()


def is_non_answer(text: str, lang: str | None = None) -> bool:
    """True when `text` says nothing: punctuation only, or a non-answer phrase
    ("No comment.", "Ei kommentteja", "-") of `lang` (of any study language when None).

    Examples
    --------
    >>> is_non_answer("Ei kommentteja."), is_non_answer("Lisää aikaa ohjaukseen.")
    (True, False)
    """
    stripped = text.strip()
    if not TOKEN.search(stripped):
        return True
    return _folded(stripped) in _non_answers(lang)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """The words of `text` with their code-point spans: ``(word, start, end)``."""
    return [(match.group(), match.start(), match.end()) for match in TOKEN.finditer(text)]


@cache
def lemma(word: str, lang: str) -> str:
    """The casefolded lemma of `word` in `lang` (simplemma; the word itself if unknown).

    Examples
    --------
    >>> lemma("palautetta", "fi"), lemma("tagasisidet", "et"), lemma("laika", "lv")
    ('palaute', 'tagasiside', 'laiks')
    """
    return simplemma.lemmatize(word, lang=lang).casefold()


def content_lemmas(text: str, lang: str) -> list[str]:
    """The lemmas of the words of `text` that are neither stop words, numbers nor the
    marks of scrubbed personal data (``[name]``).

    Examples
    --------
    >>> content_lemmas("Ohjaukseen ei ole tarpeeksi aikaa, sanoo [name].", "fi")
    ['ohjaus', 'aika', 'sanoa']
    """
    stops = stop_words(lang)
    found = []
    for word, _, _ in tokens(SCRUBBED.sub(" ", text)):
        folded = word.casefold()
        if folded in stops or folded.isdigit() or len(folded) < 2:
            continue
        base = lemma(word, lang)
        if base not in stops:
            found.append(base)
    return found


def detect_language(text: str, languages: tuple[str, ...]) -> str:
    """The language of `text` among `languages` (simplemma's detector), or ``"und"``
    when the answer has fewer than three words or no language clearly leads.

    Examples
    --------
    >>> detect_language("Haluaisin enemmän palautetta työstäni.", ("fi", "et", "en"))
    'fi'
    >>> detect_language("Ei.", ("fi", "et", "en"))
    'und'
    """
    if len(tokens(text)) < MIN_DETECTED_WORDS:
        return UNDETERMINED
    scores = simplemma.langdetect(text, lang=tuple(languages))
    ranked = [(code, score) for code, score in scores if code != "unk"]
    best_code, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < MIN_DETECTION_SCORE or best <= runner_up:
        return UNDETERMINED
    return best_code
