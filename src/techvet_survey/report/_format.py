"""Numbers as a journal prints them (APA style) and effect sizes in words.

Rounding happens here only, at display; the tables on disk keep full precision.

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

EFFECT_SIZE_SYMBOLS = {
    "omega_squared": "ω²",
    "epsilon_squared": "ε²",
    "eta_squared": "η²",
    "hedges_g": "g",
    "hedges_g_average_sd": "g",
    "cohen_d": "d",
    "rank_biserial": "r",
    "cramers_v": "Cramér's V",
    "cramers_v_adjusted": "Cramér's V (bias-corrected)",
}
"""The symbol of each effect size the comparison tables name."""

BENCHMARKS = {
    "squared": ((0.14, "large"), (0.06, "medium"), (0.01, "small")),
    "standardised": ((0.8, "large"), (0.5, "medium"), (0.2, "small")),
    "kappa": (
        (0.81, "almost perfect"),
        (0.61, "substantial"),
        (0.41, "moderate"),
        (0.21, "fair"),
        (0.0, "slight"),
    ),
}
"""Cohen's (1988) benchmarks of effect sizes and Landis and Koch's (1977) of kappa."""

CONVENTION = {
    "squared": "Cohen 1988",
    "standardised": "Cohen 1988",
    "kappa": "Landis & Koch 1977",
}

CONVENTIONS_SENTENCE = (
    "Effect sizes are named small, medium or large by Cohen's (1988) benchmarks "
    "(g: 0.2, 0.5, 0.8; \u03c9\u00b2: .01, .06, .14) and agreement by Landis and Koch's "
    "(1977); a difference is stated only when its p value, adjusted over its family of "
    "tests, is below .05."
)
"""The sentence that cites the conventions of the words used for sizes."""


def _missing(value) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def format_number(value, digits: int = 2, *, bounded: bool = False) -> str:
    """`value` rounded to `digits`; without a leading zero when `bounded` (a value that
    cannot exceed 1: a p value, a correlation, a reliability); ``–`` when missing.

    Examples
    --------
    >>> format_number(0.8412, bounded=True), format_number(-0.5), format_number(float("nan"))
    ('.84', '-0.50', '–')
    """
    if _missing(value):
        return "–"
    text = f"{float(value):.{digits}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    if bounded:
        text = text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text
    return text


def format_p(p) -> str:
    """A p value in APA style: three decimals without the leading zero, ``< .001`` below.

    Examples
    --------
    >>> format_p(0.00004), format_p(0.0123), format_p(1.0), format_p(None)
    ('< .001', '.012', '1.000', '–')
    """
    if _missing(p):
        return "–"
    if float(p) < 0.001:
        return "< .001"
    return format_number(p, 3, bounded=True)


def p_phrase(p) -> str:
    """``p < .001`` or ``p = .012``: a p value inside a sentence."""
    text = format_p(p)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def format_ci(low, high, digits: int = 2, *, bounded: bool = False) -> str:
    """A confidence interval as ``[0.12, 0.34]``; ``–`` when a bound is missing.

    Examples
    --------
    >>> format_ci(0.1234, 0.3456), format_ci(0.81, 0.87, bounded=True)
    ('[0.12, 0.35]', '[.81, .87]')
    """
    if _missing(low) or _missing(high):
        return "–"
    first = format_number(low, digits, bounded=bounded)
    return f"[{first}, {format_number(high, digits, bounded=bounded)}]"


def format_count(value) -> str:
    """A count or degrees of freedom: a whole number when it is one, else one decimal
    (Welch's df).

    Examples
    --------
    >>> format_count(131.0), format_count(299.06), format_count(None)
    ('131', '299.1', '–')
    """
    if _missing(value):
        return "–"
    number = float(value)
    return str(round(number)) if number == round(number) else f"{number:.1f}"


def _family(name: str) -> str | None:
    if name in ("omega_squared", "epsilon_squared", "eta_squared"):
        return "squared"
    if name in ("hedges_g", "hedges_g_average_sd", "cohen_d"):
        return "standardised"
    if name in ("kappa", "cohen_kappa"):
        return "kappa"
    return None


def effect_size_words(value, name: str, *, cite: bool = True) -> str:
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
    """
    family = _family(name)
    if family is None or _missing(value):
        return ""
    # classify the value as printed, so that "0.14" is never called medium
    size = round(abs(float(value)) if family != "kappa" else float(value), 2)
    word = next((word for cut, word in BENCHMARKS[family] if size >= cut), None)
    source = f" ({CONVENTION[family]})" if cite else ""
    if family == "kappa":
        return f"{word or 'poor'} agreement{source}"
    return f"{'a ' + word if word else 'a negligible'} effect{source}"


def effect_size_phrase(value, name: str, low=None, high=None) -> str:
    """An effect size with its interval and its size in words, for a sentence (the
    convention is cited once, :data:`CONVENTIONS_SENTENCE`).

    Examples
    --------
    >>> effect_size_phrase(0.1667, "omega_squared", 0.0924, 0.2382)
    'ω² = 0.17, 95% CI [0.09, 0.24], a large effect'
    """
    symbol = EFFECT_SIZE_SYMBOLS.get(name, name.replace("_", " "))
    text = f"{symbol} = {format_number(value)}"
    if not (_missing(low) or _missing(high)):
        text += f", 95% CI {format_ci(low, high)}"
    words = effect_size_words(value, name, cite=False)
    return f"{text}, {words}" if words else text
