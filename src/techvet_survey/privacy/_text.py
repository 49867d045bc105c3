"""Pseudonymisation of respondent ids and scrubbing of personal data from free text.

Part of :mod:`techvet_survey.privacy`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

KEY_ENVIRONMENT_VARIABLE = "TECHVET_PSEUDONYM_KEY"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w+])\+?\d[\d\s()./-]{5,}\d(?!\w)")
# Common first names of the study's countries; a first name followed by a capitalised
# word (and surname particles) is taken as a person's name.
FIRST_NAMES = frozenset(
    """
    aino eero liisa juhani sanna mikko kaisa ville matti maria anna juha timo jari pekka
    minna tiina laura emma helmi leevi onni eino elias antti markku tuula anne kari
    kadri tõnu liis margus kertu rein triin andres mari jaan kati toomas piret peeter
    ilze jānis līga andris zane māris inese edgars anna kristaps laura artūrs dace juris
    sanne joost femke bram lotte daan esther pieter jan sophie lars anouk ruben tim
    mark peter kate tom julia paul john sarah david james lisa michael
    """.split()
)
PARTICLES = r"(?:van der |van den |van de |van |de |der |den |ter |te )?"
NAME = re.compile(
    r"\b(?:"
    + "|".join(
        sorted((re.escape(name.capitalize()) for name in FIRST_NAMES), key=len, reverse=True)
    )
    + r")\s+"
    + PARTICLES
    + r"[A-ZÄÖÅÕÜŠŽĀČĒĢĪĶĻŅŪ][\w-]+"
)


def load_key(key_file: str | Path | None = None) -> bytes:
    """The secret key of pseudonymisation.

    Taken from the environment variable ``TECHVET_PSEUDONYM_KEY`` when set, else read from
    `key_file`; a missing key file is created with a random key (and a warning), so the
    pseudonyms stay stable across runs. Keep the key file out of ``data/processed`` and
    out of version control.
    """
    from_environment = os.environ.get(KEY_ENVIRONMENT_VARIABLE)
    if from_environment:
        return from_environment.encode("utf-8")
    if key_file is None:
        raise ValueError(
            f"no pseudonymisation key: set {KEY_ENVIRONMENT_VARIABLE} or pass `key_file`."
        )
    path = Path(key_file)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        os.chmod(path, 0o600)
        warnings.warn(f"created a new pseudonymisation key in {path}; keep it safe.", stacklevel=2)
    return path.read_text(encoding="utf-8").strip().encode("utf-8")


def pseudonymise(values: Iterable, key: bytes, *, prefix: str = "R") -> list[str]:
    """Keyed pseudonyms (HMAC-SHA256) of identifiers: stable for a key, not reversible.

    Examples
    --------
    >>> pseudonymise(["FI_webropol.xlsx:17"], b"secret")
    ['R-...']
    >>> pseudonymise(["a"], b"k") == pseudonymise(["a"], b"k")
    True
    """
    return [
        f"{prefix}-{hmac.new(key, str(value).encode('utf-8'), hashlib.sha256).hexdigest()[:12]}"
        for value in values
    ]


def scrub_text(text: object, *, names: Iterable[str] = ()) -> object:
    """Replace e-mail addresses, URLs, phone numbers and person names by placeholders.

    Parameters
    ----------
    text : str
        A free-text answer; anything else is returned unchanged.
    names : iterable of str
        Names known from the same export (respondents' name columns) to remove too.

    Examples
    --------
    >>> scrub_text("Contact Aino Virtanen, aino.virtanen@yritys.fi or +358 40 123 4567.")
    'Contact [name], [email] or [phone].'
    """
    if not isinstance(text, str) or not text:
        return text
    for name in sorted((name for name in names if name), key=len, reverse=True):
        text = text.replace(name, "[name]")
    text = EMAIL.sub("[email]", text)
    text = URL.sub("[url]", text)
    text = PHONE.sub(_phone, text)
    return NAME.sub("[name]", text)


def scrub_series(values: pd.Series, *, names: Iterable[str] = ()) -> pd.Series:
    """:func:`scrub_text` over the distinct values of a column."""
    names = tuple(names)
    table = {value: scrub_text(value, names=names) for value in pd.unique(values.dropna())}
    return values.map(table).where(values.notna(), values)


def _phone(match: re.Match) -> str:
    digits = sum(character.isdigit() for character in match.group(0))
    return "[phone]" if digits >= 7 else match.group(0)
