"""Pseudonymisation of respondent ids and scrubbing of personal data from free text.

Part of :mod:`techvet_survey.privacy`.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import warnings
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

KEY_ENVIRONMENT_VARIABLE = "TECHVET_PSEUDONYM_KEY"
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
# The patterns in RE2 syntax (pyarrow), with Python's Unicode meaning of \w, \d and \s:
# a word character is a letter, number or underscore; a space is any Unicode space.
_WORD = r"\pL\pN_"
_SPACE = r"\t\n\v\f\r\x{1c}-\x{1f}\x{85}\p{Z}"
EMAIL = rf"[{_WORD}.+-]+@[{_WORD}-]+(?:\.[{_WORD}-]+)+"
URL = rf"(?i:https?://|www\.)[^{_SPACE}<>\"']+"
# At least seven digits, separated by spaces, brackets, dots, slashes or dashes, not
# inside a word; group 1 is the character before (kept).
PHONE = rf"(^|[^{_WORD}+])\+?\p{{Nd}}(?:[{_SPACE}()./-]*\p{{Nd}}){{6,}}"
# A first name, then (after surname particles) a capitalised word; group 1 as above.
NAME = (
    rf"(^|[^{_WORD}])(?:"
    + "|".join(sorted((re.escape(name.capitalize()) for name in FIRST_NAMES), key=len)[::-1])
    + rf")[{_SPACE}]+"
    + PARTICLES
    + rf"[A-ZÄÖÅÕÜŠŽĀČĒĢĪĶĻŅŪ][{_WORD}-]+"
)


def load_key(key_file: str | Path | None = None) -> bytes:
    """The secret key of pseudonymisation.

    Taken from the environment variable ``TECHVET_PSEUDONYM_KEY`` when set, else read from
    `key_file`; a missing key file is created with a random key (and a warning), so the
    pseudonyms stay stable across runs. Keep the key file out of ``data/processed`` and
    out of version control.

    A new key file is readable by its owner only (mode 0600) from its creation on, before
    the key is written into it; a key file that appears meanwhile (another run) is kept.
    """
    from_environment = os.environ.get(KEY_ENVIRONMENT_VARIABLE)
    if from_environment:
        return from_environment.encode("utf-8")
    if key_file is None:
        raise ValueError(
            f"no pseudonymisation key: set {KEY_ENVIRONMENT_VARIABLE} or pass `key_file`."
        )
    path = Path(key_file)
    if not path.exists() and _create_key_file(path):
        warnings.warn(f"created a new pseudonymisation key in {path}; keep it safe.", stacklevel=2)
    return path.read_text(encoding="utf-8").strip().encode("utf-8")


def _create_key_file(path: Path) -> bool:
    """Create `path` owner-only (0600) and write a random key into it; False if it exists.

    ``O_EXCL`` makes the creation fail rather than open a file (or a planted symlink) that
    is already there; a failed write removes the file, so no empty key is ever read.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags, 0o600)
    except FileExistsError:
        return False
    try:
        key = secrets.token_hex(32).encode("ascii")
        while key:
            key = key[os.write(descriptor, key) :]
    except BaseException:
        os.close(descriptor)
        path.unlink(missing_ok=True)
        raise
    os.close(descriptor)
    return True


def pseudonymise(values: Iterable, key: bytes, *, prefix: str = "R") -> list[str]:
    """Keyed pseudonyms (HMAC-SHA256) of identifiers: stable for a key, not reversible.

    The pseudonym is the prefix and the first 12 hex digits of HMAC-SHA256(key, value)
    (RFC 2104). The key's inner and outer pads are hashed once, so each value costs two
    SHA-256 compressions (about a microsecond) rather than a full ``hmac.new``.

    Examples
    --------
    >>> pseudonymise(["FI_webropol.xlsx:17"], b"secret")
    ['R-...']
    >>> pseudonymise(["a"], b"k") == pseudonymise(["a"], b"k")
    True
    >>> import hmac
    >>> pseudonymise(["a"], b"k")[0][2:] == hmac.new(b"k", b"a", "sha256").hexdigest()[:12]
    True
    """
    inner_pad, outer_pad = _hmac_pads(key)
    inner_copy, outer_copy = inner_pad.copy, outer_pad.copy

    def pseudonym(value) -> str:
        inner = inner_copy()
        inner.update(str(value).encode("utf-8"))
        outer = outer_copy()
        outer.update(inner.digest())
        return outer.hexdigest()[:12]

    return [f"{prefix}-{digest}" for digest in map(pseudonym, values)]


def _hmac_pads(key: bytes):
    """SHA-256 states after the HMAC inner and outer key pads (RFC 2104)."""
    block = hashlib.sha256().block_size
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    return (
        hashlib.sha256(bytes(byte ^ 0x36 for byte in key)),
        hashlib.sha256(bytes(byte ^ 0x5C for byte in key)),
    )


def scrub_text(text: object, *, names: Iterable[str] = ()) -> object:
    """Replace e-mail addresses, URLs, phone numbers and person names by placeholders.

    Parameters
    ----------
    text : str
        A free-text answer; anything else is returned unchanged.
    names : iterable of str
        Names known from the same export (respondents' name columns) to remove too.

    Notes
    -----
    In this order: the known `names`; e-mail addresses; URLs (``http://``, ``https://``,
    ``www.``); phone numbers (seven or more digits, with spaces, brackets, dots, slashes
    or dashes between them, not inside a word); a first name of :data:`FIRST_NAMES`
    followed by a capitalised word (with surname particles such as ``van der``).
    The patterns are compiled on each call (a few milliseconds): scrub many texts with
    :func:`scrub_series` or :func:`scrub_texts`, which compile them once.

    Examples
    --------
    >>> scrub_text("Contact Aino Virtanen, aino.virtanen@yritys.fi or +358 40 123 4567.")
    'Contact [name], [email] or [phone].'
    >>> scrub_text("Order 123456 of 2026-03-01")
    'Order 123456 of [phone]'
    """
    if not isinstance(text, str) or not text:
        return text
    return scrub_texts([text], names=names)[0]


def scrub_texts(texts: list[str], *, names: Iterable[str] = ()) -> list[str]:
    """:func:`scrub_text` of many texts at once (vectorised, pyarrow's RE2 engine)."""
    cells = pa.array(texts, type=pa.large_string())
    for name in sorted((name for name in names if name), key=len, reverse=True):
        cells = pc.replace_substring(cells, name, "[name]")
    cells = pc.replace_substring_regex(cells, EMAIL, "[email]")
    cells = pc.replace_substring_regex(cells, URL, "[url]")
    cells = pc.replace_substring_regex(cells, PHONE, "\\1[phone]")
    cells = pc.replace_substring_regex(cells, NAME, "\\1[name]")
    return cells.to_pylist()


def scrub_series(values: pd.Series, *, names: Iterable[str] = ()) -> pd.Series:
    """:func:`scrub_text` over the distinct texts of a column (one vectorised pass)."""
    positions, distinct = pd.factorize(values, use_na_sentinel=True)
    cells = np.asarray(distinct, dtype=object).copy()
    is_text = np.array([isinstance(cell, str) and cell != "" for cell in cells], dtype=bool)
    if is_text.any():
        cells[is_text] = scrub_texts(list(cells[is_text]), names=names)
    table = np.append(cells, None)
    return pd.Series(table[positions], index=values.index, dtype=object).where(
        values.notna(), values
    )
