"""Report tables as a journal prints them: human labels, APA numbers, intervals in
brackets beside their estimate.

:func:`journal_table` turns a tidy analysis table into the text of its cells; the
tables on disk keep their names and full precision.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.report._format import (
    EFFECT_SIZE_SYMBOLS,
    format_ci,
    format_count,
    format_number,
    format_p,
)
from techvet_survey.report._messages import has_text
from techvet_survey.report._messages import text as message

P_COLUMNS = frozenset({"p_val", "p_adj", "p", "p_value"})
COUNT_PREFIXES = ("n", "n1", "n2", "k", "df", "df1", "df2", "rows_", "n_", "cut_score")
BOUNDED = frozenset(
    {"alpha", "omega_total", "cfi", "rmsea", "srmr", "kappa", "p0", "item_rest_r"}
    | {"item_total_r", "alpha_if_deleted", "irt_marginal_reliability", "agree_share"}
)
ESTIMATES = (
    "effect_size",
    "estimate",
    "est",
    "mean_diff",
    "mean",
    "alpha",
    "kappa",
    "agree_share",
    "odds_ratio",
)
"""Columns whose interval an unprefixed ``ci_low``/``ci_high`` pair can be."""
VALUE_COLUMNS = frozenset(
    {"coefficient", "by", "level", "kind", "status", "test", "decision_method", "file", "code"}
    | {"reference"}
)
"""Columns whose words the catalogue translates (``value.<column>.<word>``)."""


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _is_count(column: str, values: pd.Series) -> bool:
    if column in ("df", "df1", "df2"):
        return True
    if not (column in COUNT_PREFIXES or column.startswith(("rows_", "n_"))):
        return False
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    return not numbers.empty and bool((numbers == numbers.round()).all())


def _heading(column: str, lang: str = "en") -> str:
    """How a table column is headed: the catalogue's ``col.<column>``, else the name
    without its underscores."""
    if has_text(f"col.{column}"):
        return message(f"col.{column}", lang)
    words = column.replace("_", " ")
    return words[:1].upper() + words[1:]


def _yes_no(value, lang: str) -> str:
    return message("value.yes" if value else "value.no", lang)


def _labeller(codebook: Codebook | None, lang: str):
    if codebook is None:
        return lambda column, value: (
            message(f"value.{column}.{value}", lang)
            if column in VALUE_COLUMNS and has_text(f"value.{column}.{value}")
            else value
        )
    countries = set(codebook.countries["country"])
    groups = set(codebook.groups["group"])
    scales = set(codebook.scales["scale"])
    codes = codebook.interview_codes
    code_labels = dict(zip(codes["code"], codes[f"label_{lang}"], strict=True))
    theme_labels = dict(zip(codes["theme"], codes[f"theme_label_{lang}"], strict=True))
    area_labels = {
        area: entry["labels"][lang]
        for area, entry in codebook.raw.get("test", {}).get("areas", {}).items()
    }
    options = {
        f"{item}_{option}": text
        for item in codebook.raw.get("multiselect", {})
        for option, text in codebook.multiselect_options(item, lang).items()
    }

    def label(column: str, value):
        if not isinstance(value, str):
            return value
        if column in VALUE_COLUMNS and has_text(f"value.{column}.{value}"):
            return message(f"value.{column}.{value}", lang)
        if value in countries:
            return codebook.country_label(value, lang)
        if value in groups:
            return codebook.group_label(value, lang)
        if column in ("scale", "value") and value in scales:
            return codebook.scale_label(value, lang)
        if value in options:
            return options[value]
        if column == "code" and value in code_labels:
            return code_labels[value]
        if column == "theme" and value in theme_labels:
            return theme_labels[value]
        if column == "area" and value in area_labels:
            return area_labels[value]
        return value

    return label


def _interval_pairs(columns: list[str]) -> list[tuple[str, str, str]]:
    """``(estimate, low, high)`` column triples: ``x_ci_low``/``x_ci_high`` beside ``x``,
    ``ci_low``/``ci_high`` beside the column before them."""
    triples = []
    for position, column in enumerate(columns):
        if not column.endswith("ci_low"):
            continue
        high = column[: -len("low")] + "high"
        if high not in columns:
            continue
        stem = column[: -len("_ci_low")] if column != "ci_low" else ""
        before = [name for name in columns[:position] if name in ESTIMATES]
        estimate = stem if stem in columns else (before[-1] if before else "")
        triples.append((estimate, column, high))
    return triples


def journal_table(
    table: pd.DataFrame,
    codebook: Codebook | None = None,
    *,
    lang: str = "en",
    digits: int = 2,
) -> pd.DataFrame:
    """`table` as text cells a journal prints: APA numbers and human labels.

    Headers and words in `lang` (the report's message catalogue), numbers as `lang`
    writes them (:mod:`techvet_survey._numbers`).
    p values as ``< .001``; counts and whole degrees of freedom as integers; an interval
    as ``[0.12, 0.34]`` in one column beside its estimate; values that cannot exceed 1
    (reliabilities, fit indices, kappa) without the leading zero; yes/no for flags; the
    codebook's labels for countries, groups, scales, interview codes and themes; a
    constant effect-size name moved into the header (``ω²``).

    Examples
    --------
    >>> frame = pd.DataFrame({"by": ["country"], "group1": ["EE"], "n1": [136.0],
    ...                       "effect_size": [0.51], "effect_size_name": ["hedges_g"],
    ...                       "ci_low": [0.27], "ci_high": [0.75], "p_adj": [0.00002]})
    >>> journal_table(frame, Codebook.load()).iloc[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'Compared by': 'Country', 'Group 1': 'Estonia', 'n1': '136', 'g': '0.51',
     'g 95% CI': '[0.27, 0.75]', 'p (adjusted)': '< .001'}
    """
    frame = table.reset_index(drop=True).copy()
    if codebook is not None and {"scale", "title"} <= set(frame.columns):
        frame = frame.drop(columns="title")  # the scale column shows the same label
    columns = list(frame.columns)
    headers = {column: _heading(column, lang) for column in columns}
    if "effect_size_name" in frame and frame["effect_size_name"].nunique(dropna=True) == 1:
        name = str(frame["effect_size_name"].dropna().iloc[0])
        headers["effect_size"] = EFFECT_SIZE_SYMBOLS.get(name, name.replace("_", " "))
        frame = frame.drop(columns="effect_size_name")
    elif "effect_size_name" in frame:
        frame["effect_size_name"] = frame["effect_size_name"].map(
            lambda name: EFFECT_SIZE_SYMBOLS.get(name, name) if isinstance(name, str) else name
        )
        headers["effect_size_name"] = message("col.effect_size_name", lang)
    label = _labeller(codebook, lang)
    text = {}
    for column in frame.columns:
        values = frame[column]
        if column in P_COLUMNS:
            text[column] = values.map(lambda p: format_p(p, lang))
        elif _is_count(column, values):
            text[column] = values.map(lambda n: format_count(n, lang))
        elif pd.api.types.is_bool_dtype(values) or values.map(type).eq(bool).all():
            text[column] = values.map(lambda v: "–" if _missing(v) else _yes_no(v, lang))
        else:
            bounded = column in BOUNDED

            def cell(value, column=column, bounded=bounded):
                if _missing(value):
                    return "–"
                if isinstance(value, bool):
                    return _yes_no(value, lang)
                if isinstance(value, Integral):
                    return str(int(value))
                if isinstance(value, Real):
                    return format_number(value, digits, bounded=bounded, lang=lang)
                return str(label(column, value))

            text[column] = values.map(cell)
    shown = pd.DataFrame(text)
    for estimate, low, high in _interval_pairs(list(frame.columns)):
        bounded = estimate in BOUNDED
        shown[low] = [
            format_ci(a, b, digits, bounded=bounded, lang=lang)
            for a, b in zip(frame[low], frame[high], strict=True)
        ]
        shown = shown.drop(columns=high)
        ci = message("num.ci", lang)
        headers[low] = f"{headers.get(estimate, estimate)} {ci}".strip() if estimate else ci
    return shown.rename(columns=headers)
