"""Text encodings of CSV exports: byte-order marks, UTF-8 validity, cp1257 versus cp1252.

Partners' tools write UTF-8 (with or without a byte-order mark), UTF-16 (with a mark), or
the Windows code page of the office that saved the file: cp1257 (Baltic) or cp1252
(Western). A file without a mark that is not valid UTF-8 is decoded with both code pages
and the one that yields the letters of the study languages wins.
"""

from __future__ import annotations

import codecs

from techvet_survey.errors import InputError

SUPPORTED_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1257", "cp1252")
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
STUDY_LETTERS = frozenset(
    "āēīūšžņļķģčĀĒĪŪŠŽŅĻĶĢČ"  # Latvian
    "õäöüÕÄÖÜ"  # Estonian (with š, ž above) and Finnish (ä, ö)
    "ëéïËÉÏ"  # Dutch
)
SINGLE_BYTE = ("cp1257", "cp1252")


def bom_encoding(head: bytes) -> str | None:
    """The encoding announced by a byte-order mark at the start of `head`, if any.

    Examples
    --------
    >>> bom_encoding(b"\\xef\\xbb\\xbfid;name")
    'utf-8-sig'
    >>> bom_encoding(b"id;name") is None
    True
    """
    for mark, encoding in BOMS:
        if head.startswith(mark):
            return encoding
    return None


def decodes(data: bytes, encoding: str, *, final: bool = True) -> bool:
    """Whether `data` decodes strictly; with ``final=False`` a cut last character is fine."""
    try:
        codecs.getincrementaldecoder(encoding)("strict").decode(data, final=final)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def has_utf8_letters(data: bytes) -> bool:
    """Whether `data` holds any valid multi-byte UTF-8 character (mixed files do).

    Examples
    --------
    >>> has_utf8_letters("Jā".encode("utf-8")), has_utf8_letters("Jā".encode("cp1257"))
    (True, False)
    """
    text = data.decode("utf-8", errors="replace")
    return any(not char.isascii() and char != "\ufffd" for char in text)


def letter_score(text: str) -> int:
    """Study-language letters minus twice the other non-ASCII letters of `text`.

    Examples
    --------
    >>> letter_score("Rīga, kļūda"), letter_score("Rîga, kïûda")
    (3, -3)
    """
    score = 0
    for char in text:
        if char.isascii() or not char.isalpha():
            continue
        score += 1 if char in STUDY_LETTERS else -2
    return score


def guess_single_byte(data: bytes) -> str:
    """cp1257 or cp1252, whichever decodes `data` into more study-language letters.

    Ties (the bytes mean the same letters in both, e.g. Finnish ä and ö) go to cp1252.

    Examples
    --------
    >>> guess_single_byte("Jā, ļoti labi".encode("cp1257"))
    'cp1257'
    >>> guess_single_byte("Café in België".encode("cp1252"))
    'cp1252'
    """
    scores = {}
    for encoding in SINGLE_BYTE:
        text = data.decode(encoding, errors="replace")
        scores[encoding] = letter_score(text) - 5 * text.count("\ufffd")
    return max(reversed(SINGLE_BYTE), key=lambda encoding: scores[encoding])


def detect_encoding(head: bytes, *, complete: bool) -> str:
    """The encoding of a text file whose first bytes are `head`.

    `complete` says whether `head` is the whole file (else a cut character at its end is
    not an error).
    """
    marked = bom_encoding(head)
    if marked:
        return marked
    if decodes(head, "utf-8", final=complete):
        return "utf-8"
    return guess_single_byte(head)


def decoding_candidates(data: bytes) -> list[str]:
    """The supported encodings that decode `data` without error, the likeliest first."""
    best = guess_single_byte(data)
    order = ("utf-8", "utf-16", best, *(code for code in SINGLE_BYTE if code != best))
    return [
        encoding
        for encoding in order
        if (encoding != "utf-16" or bom_encoding(data) == "utf-16") and decodes(data, encoding)
    ]


def wrong_encoding_error(name: str, data: bytes, encoding: str, error: Exception) -> InputError:
    """An InputError saying where `encoding` fails on `data` and which encodings work."""
    where = ""
    if isinstance(error, UnicodeDecodeError):
        where = f" ({_position(data, error.start)})"
    working = decoding_candidates(data)
    if working:
        listed = " or ".join(repr(candidate) for candidate in working)
        fix = f"It decodes as {listed}: pass `encoding={working[0]!r}`."
    else:
        fix = (
            "None of the supported encodings "
            f"({', '.join(SUPPORTED_ENCODINGS)}) decodes it: re-export it as UTF-8."
        )
    return InputError(f"{name!r} is not valid {encoding}{where}. {fix}")


def mixed_encoding_error(name: str, data: bytes) -> InputError:
    """An InputError for a file with both UTF-8 letters and bytes that are not UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = _position(data, error.start)
    else:
        where = "somewhere"
    return InputError(
        f"{name!r} mixes encodings: it has UTF-8 letters but also bytes that are not UTF-8 "
        f"({where}), as when rows from differently saved files are pasted together. "
        "Re-export it as UTF-8, or fix the rows from that point on."
    )


def _position(data: bytes, start: int) -> str:
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    return f"byte 0x{data[start]:02X} at line {line}, character {column}"


def check_decodes(name: str, data: bytes, encoding: str, *, final: bool) -> None:
    """Raise the wrong-encoding InputError unless `data` decodes with `encoding`."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(
            f"`encoding` {encoding!r} is not a known encoding. Use one of "
            f"{', '.join(SUPPORTED_ENCODINGS)}."
        ) from None
    try:
        codecs.getincrementaldecoder(encoding)("strict").decode(data, final=final)
    except UnicodeDecodeError as error:
        raise wrong_encoding_error(name, data, encoding, error) from None
