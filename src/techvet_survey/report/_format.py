"""Numbers as a journal prints them (APA style) and effect sizes in words.

Rounding happens here only, at display; the tables on disk keep full precision.

Numbers follow :mod:`techvet_survey._numbers`: in English APA's decimal point and bare
``.05`` (``p < .001``); in Finnish, Estonian, Latvian and Dutch a decimal comma with the
leading zero kept (``p < 0,001``) and a semicolon between the bounds of an interval
(``[0,12; 0,34]``). Words come from the report's message catalogue
(:mod:`techvet_survey.report._messages`).

References
----------
1. American Psychological Association (2020). *Publication Manual of the APA*, 7th ed.,
   section 6.36 (no leading zero for values that cannot exceed 1; ``p < .001``).
2. Cohen, J. (1988). *Statistical Power Analysis for the Behavioral Sciences*, 2nd ed.
   (d, g: 0.2 small, 0.5 medium, 0.8 large; eta and omega squared: .01, .06, .14).
3. Landis, J. R., & Koch, G. G. (1977). The measurement of observer agreement for
   categorical data. *Biometrics*, 33, 159-174 (kappa: .00-.20 slight, .21-.40 fair,
   .41-.60 moderate, .61-.80 substantial, .81-1 almost perfect).
"""

from __future__ import annotations

import math

from techvet_survey._numbers import DECIMAL_COMMA, localise_number, number_separator
from techvet_survey.report._messages import text as message

EFFECT_SIZE_SYMBOLS = {
    "omega_squared": "ω²",
    "epsilon_squared": "ε²",
    "eta_squared": "η²",
    "hedges_g": "g",
    "hedges_g_average_sd": "g",
    "cohen_d": "d",
    "rank_biserial": "r",
    "cramers_v": "V (Cramér)",
    "cramers_v_adjusted": "V* (Cramér)",
}
"""The symbol of each effect size the comparison tables name."""

BENCHMARKS = {
    "squared": ((0.14, "large"), (0.06, "medium"), (0.01, "small")),
    "standardised": ((0.8, "large"), (0.5, "medium"), (0.2, "small")),
    "kappa": (
        (0.81, "almost_perfect"),
        (0.61, "substantial"),
        (0.41, "moderate"),
        (0.21, "fair"),
        (0.0, "slight"),
    ),
}
"""Cohen's (1988) benchmarks of effect sizes and Landis and Koch's (1977) of kappa; the
words are the catalogue's ``size.<word>`` and ``agreement.<word>``."""

CONVENTION = {
    "squared": "Cohen 1988",
    "standardised": "Cohen 1988",
    "kappa": "Landis & Koch 1977",
}


def conventions_sentence(lang: str = "en") -> str:
    """The sentence that cites the conventions of the words used for sizes."""
    return message("find.conventions", lang)


def _missing(value) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def format_number(value, digits: int = 2, *, bounded: bool = False, lang: str = "en") -> str:
    """`value` rounded to `digits`; in English without a leading zero when `bounded` (a
    value that cannot exceed 1: a p value, a correlation, a reliability); ``–`` when
    missing; the decimal separator of `lang`.

    Examples
    --------
    >>> format_number(0.8412, bounded=True), format_number(-0.5), format_number(float("nan"))
    ('.84', '-0.50', '–')
    >>> format_number(0.8412, bounded=True, lang="fi")
    '0,84'
    """
    if _missing(value):
        return "–"
    text = f"{float(value):.{digits}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    if bounded and lang not in DECIMAL_COMMA:
        text = text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text
    return localise_number(text, lang)


def format_p(p, lang: str = "en") -> str:
    """A p value in APA style: three decimals (in English without the leading zero),
    ``< .001`` below.

    Examples
    --------
    >>> format_p(0.00004), format_p(0.0123), format_p(1.0), format_p(None)
    ('< .001', '.012', '1.000', '–')
    >>> format_p(0.00004, "fi"), format_p(0.0123, "nl")
    ('< 0,001', '0,012')
    """
    if _missing(p):
        return "–"
    if float(p) < 0.001:
        return "< " + format_number(0.001, 3, bounded=True, lang=lang)
    return format_number(p, 3, bounded=True, lang=lang)


def p_phrase(p, lang: str = "en") -> str:
    """``p < .001`` or ``p = .012``: a p value inside a sentence."""
    text = format_p(p, lang)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def format_ci(low, high, digits: int = 2, *, bounded: bool = False, lang: str = "en") -> str:
    """A confidence interval as ``[0.12, 0.34]`` (``[0,12; 0,34]`` with a decimal comma);
    ``–`` when a bound is missing.

    Examples
    --------
    >>> format_ci(0.1234, 0.3456), format_ci(0.81, 0.87, bounded=True)
    ('[0.12, 0.35]', '[.81, .87]')
    >>> format_ci(0.1234, 0.3456, lang="lv")
    '[0,12; 0,35]'
    """
    if _missing(low) or _missing(high):
        return "–"
    first = format_number(low, digits, bounded=bounded, lang=lang)
    last = format_number(high, digits, bounded=bounded, lang=lang)
    return f"[{first}{number_separator(lang)}{last}]"


def format_count(value, lang: str = "en") -> str:
    """A count or degrees of freedom: a whole number when it is one, else one decimal
    (Welch's df).

    Examples
    --------
    >>> format_count(131.0), format_count(299.06), format_count(None), format_count(2.5, "et")
    ('131', '299.1', '–', '2,5')
    """
    if _missing(value):
        return "–"
    number = float(value)
    return str(round(number)) if number == round(number) else format_number(number, 1, lang=lang)


def _family(name: str) -> str | None:
    if name in ("omega_squared", "epsilon_squared", "eta_squared"):
        return "squared"
    if name in ("hedges_g", "hedges_g_average_sd", "cohen_d"):
        return "standardised"
    if name in ("kappa", "cohen_kappa"):
        return "kappa"
    return None


def effect_size_words(value, name: str, *, cite: bool = True, lang: str = "en") -> str:
    """The size of an effect in words by a cited convention (:data:`BENCHMARKS`), e.g.
    ``"a large effect (Cohen 1988)"``; empty for an effect size without a convention.

    Examples
    --------
    >>> effect_size_words(0.17, "omega_squared")
    'a large effect (Cohen 1988)'
    >>> effect_size_words(-0.28, "hedges_g_average_sd")
    'a small effect (Cohen 1988)'
    >>> effect_size_words(0.59, "kappa")
    'moderate agreement (Landis & Koch 1977)'
    >>> effect_size_words(0.17, "omega_squared", lang="fi", cite=False)
    'suuri vaikutus'
    """
    family = _family(name)
    if family is None or _missing(value):
        return ""
    # classify the value as printed, so that "0.14" is never called medium
    size = round(abs(float(value)) if family != "kappa" else float(value), 2)
    word = next((word for cut, word in BENCHMARKS[family] if size >= cut), None)
    source = f" ({CONVENTION[family]})" if cite else ""
    if family == "kappa":
        return message(f"agreement.{word or 'poor'}", lang) + source
    return message(f"size.{word or 'negligible'}", lang) + source


def effect_size_phrase(value, name: str, low=None, high=None, *, lang: str = "en") -> str:
    """An effect size with its interval and its size in words, for a sentence (the
    convention is cited once, :func:`conventions_sentence`).

    Examples
    --------
    >>> effect_size_phrase(0.1667, "omega_squared", 0.0924, 0.2382)
    'ω² = 0.17, 95% CI [0.09, 0.24], a large effect'
    >>> effect_size_phrase(0.1667, "omega_squared", 0.0924, 0.2382, lang="fi")
    'ω² = 0,17, 95 %:n LV [0,09; 0,24], suuri vaikutus'
    """
    symbol = EFFECT_SIZE_SYMBOLS.get(name, name.replace("_", " "))
    text = f"{symbol} = {format_number(value, lang=lang)}"
    if not (_missing(low) or _missing(high)):
        text += f", {message('num.ci', lang)} {format_ci(low, high, lang=lang)}"
    words = effect_size_words(value, name, cite=False, lang=lang)
    return f"{text}, {words}" if words else text
