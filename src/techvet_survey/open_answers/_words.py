"""Words of an answer: tokens with their positions, lemmas, stop words, non-answers and
the language an answer is written in (simplemma's lemmatiser and language detector)."""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from simplemma import Lemmatizer
from simplemma.language_detector import LanguageDetector
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import StreamDictionaryFactory
from simplemma.token_sampler import MostCommonTokenSampler, RelaxedMostCommonTokenSampler

from techvet_survey._yaml import load_yaml

WORDS_FILE = Path(__file__).with_name("data") / "words.yaml"
TOKEN = re.compile(r"\w+(?:[-']\w+)*")
SCRUBBED = re.compile(r"\[(?:name|email|phone|url)\]")  # the privacy scrubbing's marks
UNDETERMINED = "und"
"""The language code of an answer too short or too mixed to tell (ISO 639-2 ``und``)."""
MIN_DETECTED_WORDS = 3
MIN_DETECTION_SCORE = 0.5


@cache
def _word_lists() -> dict:
    return load_yaml(WORDS_FILE)


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
def _dictionaries() -> DefaultStrategy:
    """simplemma's dictionary search over dictionaries read from their compressed streams
    (about 100 MB for the five study languages, rather than 650 MB unpacked into dicts;
    the same lemmas), held until :func:`release_dictionaries`."""
    return DefaultStrategy(dictionary_factory=StreamDictionaryFactory())


@cache
def _lemmatizer() -> Lemmatizer:
    return Lemmatizer(lemmatization_strategy=_dictionaries())


def release_dictionaries() -> None:
    """Free the lemmatiser's dictionaries and the remembered lemmas and languages (they
    are read again when next needed)."""
    read = _dictionaries.cache_info().currsize > 0
    for cached in (_dictionaries, _lemmatizer, lemma, _detected):
        cached.cache_clear()
    if read:
        # simplemma's strategies refer to each other: without a collection the
        # dictionaries would stay in memory until the next full one
        gc.collect()


@contextmanager
def holding_dictionaries() -> Iterator[None]:
    """Keep the lemmatiser's dictionaries (about 100 MB, read in about 3 s) for the
    block; the outermost block releases them at its end unless they had been read
    before it.

    The functions that quote the answers hold them for their own call, so a report
    does not keep them afterwards; wrap several calls in one block to read them once.

    Examples
    --------
    >>> with holding_dictionaries():
    ...     lemma("palautetta", "fi"), detect_language("Ei.", ("fi", "et"))
    ('palaute', 'und')
    """
    _HOLDING.append(_dictionaries.cache_info().currsize > 0)
    try:
        yield
    finally:
        read_before = _HOLDING.pop()
        if not _HOLDING and not read_before:
            release_dictionaries()


_HOLDING: list[bool] = []
"""One entry per open :func:`holding_dictionaries` block: whether the dictionaries had
been read when it opened (the outermost block releases them)."""


@cache
def lemma(word: str, lang: str) -> str:
    """The casefolded lemma of `word` in `lang` (simplemma; the word itself if unknown).

    Examples
    --------
    >>> lemma("palautetta", "fi"), lemma("tagasisidet", "et"), lemma("laika", "lv")
    ('palaute', 'tagasiside', 'laiks')
    """
    return _lemmatizer().lemmatize(word, lang=lang).casefold()


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
    return _detected(text, tuple(languages))


@functools.lru_cache(maxsize=65_536)
def _detected(text: str, languages: tuple[str, ...]) -> str:
    """:func:`detect_language`, remembered per text (each analysis of the answers asks
    again, and detection reads every word in every language's dictionary)."""
    if len(tokens(text)) < MIN_DETECTED_WORDS:
        return UNDETERMINED
    scores = _language_scores(text, languages)
    ranked = [(code, score) for code, score in scores if code != "unk"]
    best_code, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < MIN_DETECTION_SCORE or best <= runner_up:
        return UNDETERMINED
    return best_code


def _language_scores(text: str, languages: tuple[str, ...]) -> list[tuple[str, float]]:
    """simplemma's ``langdetect`` over :func:`_dictionaries`: the share of words found in
    each language's dictionary, best first (``"unk"`` last); a tie of the two best is
    broken by the relaxed word sample, as ``langdetect`` does."""
    for sampler in (MostCommonTokenSampler(), RelaxedMostCommonTokenSampler()):
        detector = LanguageDetector(languages, sampler, _dictionaries())
        scores = detector.proportion_in_each_language(text)
        ranked = sorted(scores.items(), key=lambda item: (item[0] == "unk", -item[1]))
        if len(ranked) == 1 or ranked[0][1] != ranked[1][1]:
            break
    return ranked
