"""Numbers as each study language writes them: the one place that knows the separators.

English writes a decimal point and keeps APA's bare ``.05`` for values that cannot
exceed 1. Finnish, Estonian, Latvian and Dutch write a decimal comma and keep the
leading zero (``0,05``: a bare ``,05`` is not written in these languages); where a comma
is the decimal separator, two numbers in a list or an interval are separated by a
semicolon (``[0,12; 0,34]``, ``F(3; 299,1)``). Finnish sets a space before the percent
sign (``56 %``), the others do not.
"""

from __future__ import annotations

import re

DECIMAL_COMMA = frozenset({"fi", "et", "lv", "nl"})
"""The study languages that write a decimal comma."""

PERCENT_SPACE = frozenset({"fi"})
"""The study languages that set a space before the percent sign."""

_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
_PERCENT = re.compile(r"(?<=\d)%")


def localise_number(text: str, lang: str = "en") -> str:
    """`text` with its numbers written as `lang` writes them: each decimal point between
    digits, and the percent sign after a digit (:func:`percent`).

    Examples
    --------
    >>> localise_number("M = 3.52, 75%", "fi"), localise_number("3.52, 75%", "en")
    ('M = 3,52, 75\\xa0%', '3.52, 75%')
    """
    if lang in DECIMAL_COMMA:
        text = _DECIMAL_POINT.sub(",", text)
    if lang in PERCENT_SPACE:
        text = _PERCENT.sub("\u00a0%", text)
    return text


def number_separator(lang: str = "en") -> str:
    """What separates two numbers of a list or an interval: ``", "`` or ``"; "``."""
    return "; " if lang in DECIMAL_COMMA else ", "


def percent(text: str, lang: str = "en") -> str:
    """A formatted number with its percent sign, as `lang` writes it.

    Examples
    --------
    >>> percent("56", "en"), percent("56", "fi")
    ('56%', '56\\xa0%')
    """
    return f"{text}\u00a0%" if lang in PERCENT_SPACE else f"{text}%"
