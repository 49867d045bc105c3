"""Figures of the survey: Likert bars, scale means, agreement, reliability, invariance."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from techvet_survey import plots
from techvet_survey.codebook import Codebook
from techvet_survey.figures._plan import FigurePlan, Inputs

FACETS = ("country", "group")
LIKERT_WRAP = 60  # characters a line of item text: two lines for most items


def missing_reasons(survey: pd.DataFrame, survey_long: pd.DataFrame, reasons) -> pd.DataFrame:
    """Why an answer of `survey` is missing, in the long form :func:`plots.likert_bars` reads.

    Parameters
    ----------
    survey : DataFrame
        The processed wide survey (one row per respondent, ``respondent_id``).
    survey_long : DataFrame
        The processed long survey (``respondent_id``, ``item``, ``status``).
    reasons : iterable of str
        The statuses that are missing reasons (``dont_know``, ``not_applicable``).

    Returns
    -------
    DataFrame
        ``row`` (an index label of `survey`), ``item``, ``reason``.

    Examples
    --------
    >>> survey = pd.DataFrame({"respondent_id": ["a", "b"], "gw1": [4.0, None]})
    >>> long = pd.DataFrame({"respondent_id": ["a", "b"], "item": "gw1",
    ...                      "status": ["valid", "dont_know"]})
    >>> missing_reasons(survey, long, ["dont_know"]).to_dict("records")
    [{'row': 1, 'item': 'gw1', 'reason': 'dont_know'}]
    """
    given = survey_long[survey_long["status"].isin(list(reasons))]
    rows = pd.Series(survey.index, index=survey["respondent_id"].to_numpy())
    table = pd.DataFrame(
        {
            "row": rows.reindex(given["respondent_id"].to_numpy()).to_numpy(),
            "item": given["item"].to_numpy(),
            "reason": given["status"].to_numpy(),
        }
    )
    return table.dropna(subset=["row"]).reset_index(drop=True)


def as_asked(survey: pd.DataFrame, codebook: Codebook, items=None) -> pd.DataFrame:
    """`survey` with the reverse-keyed items turned back to the answers as given.

    The cleaning step recodes reverse-keyed items (``low + high - code``) so that scale
    scores add up; the Likert bars show each item's own wording, so they show the
    answers to that wording. `items` limits the items turned back (all by default).

    Examples
    --------
    >>> book = Codebook.load()
    >>> reverse = book.reverse_items()[0]
    >>> as_asked(pd.DataFrame({reverse: [1.0, 5.0, None]}), book)[reverse].tolist()
    [5.0, 1.0, nan]
    """
    chosen = [item for item in (survey.columns if items is None else items) if item in survey]
    reversed_items = [
        item for item in chosen if (_definition(codebook, item) or ({}, {}))[1].get("reverse")
    ]
    if not reversed_items:
        return survey
    survey = survey.copy()
    for item in reversed_items:
        codes = sorted(
            int(code) for code in codebook.response_scale(item_scale(codebook, item))["values"]
        )
        survey[item] = codes[0] + codes[-1] - survey[item]
    return survey


def _definition(codebook: Codebook, item) -> tuple[Mapping, Mapping] | None:
    """The scale and the entry that define Likert `item` (None for a column that is no
    item), read entry by entry from the codebook's YAML tree so that a figure reads only
    the entries of its own items (:mod:`techvet_survey.figures._inputs`)."""
    for scale in codebook.raw["scales"].values():
        items = scale.get("items")
        if isinstance(items, Mapping) and item in items:
            return scale, items[item]
    return None


def item_scale(codebook: Codebook, item: str) -> str:
    """The response scale of Likert `item`: its own, else its scale's.

    Examples
    --------
    >>> item_scale(Codebook.load(), "gw1")
    'agree5'
    """
    definition = _definition(codebook, item)
    if definition is None:
        raise KeyError(f"`item` {item!r} is not a Likert item of the codebook.")
    scale, entry = definition
    return entry.get("response_scale", scale["response_scale"])


def _likert(scale: str, facet: str):
    def draw(inputs: Inputs):
        book = inputs.codebook
        items = book.scale_items(scale)
        survey = as_asked(inputs.table("processed/survey"), book, items)
        scale_name = item_scale(book, items[0])
        reasons = missing_reasons(
            survey, inputs.table("processed/survey_long"), book.missing_codes(scale_name).values()
        )
        return plots.likert_bars(
            survey,
            items,
            codebook=book,
            lang=inputs.lang,
            facet=facet,
            min_n=inputs.min_n,
            missing_reasons=reasons[reasons["item"].isin(items)],
            wrap_width=LIKERT_WRAP,
            response_scale=_one_scale(book, items),
        )

    return draw


def _one_scale(codebook: Codebook, items) -> str | None:
    """The response scale all `items` share, else None (the plot then says why)."""
    names = {item_scale(codebook, item) for item in items}
    return names.pop() if len(names) == 1 else None


def by_level(table: pd.DataFrame, by: str, kind: str | None = None) -> pd.DataFrame:
    """The rows of a comparison table (``by``, ``level``) for one grouping column, with
    ``level`` renamed to it (the shape the plots read)."""
    rows = table["by"] == by
    if kind is not None:
        rows &= table["kind"] == kind
    return table[rows].rename(columns={"level": by}).reset_index(drop=True)


def answer_range(codebook: Codebook, scales) -> tuple[int, int]:
    """The lowest and highest answer code of the items of `scales` (1 and 5 for the
    study's agreement scales): the range a scale mean can take.

    Examples
    --------
    >>> answer_range(Codebook.load(), ["gw"])
    (1, 5)
    """
    items = [item for scale in scales for item in codebook.scale_items(scale)]
    names = {item_scale(codebook, item) for item in items}
    codes = [int(code) for name in names for code in codebook.response_scale(name)["values"]]
    return min(codes), max(codes)


def _forest(by: str):
    def draw(inputs: Inputs):
        summary = by_level(inputs.table("tables/survey_descriptives"), by, "scale")
        ax = plots.forest_plot(
            summary.drop(columns=["value"]),
            codebook=inputs.codebook,
            lang=inputs.lang,
            variable="scale",
            min_n=inputs.min_n,
            limits=answer_range(inputs.codebook, summary["scale"].unique()),
        )
        return ax.figure

    return draw


def _agreement(inputs: Inputs):
    items = by_level(inputs.table("tables/survey_descriptives"), "country", "item")
    ax = plots.agreement_heatmap(
        items.rename(columns={"value": "item"}).drop(columns=["scale"]),
        codebook=inputs.codebook,
        lang=inputs.lang,
        min_n=inputs.min_n,
    )
    return ax.figure


def _reliability(inputs: Inputs):
    table = by_level(inputs.table("tables/survey_reliability"), "country")
    ax = plots.reliability_plot(
        table, codebook=inputs.codebook, lang=inputs.lang, min_n=inputs.min_n
    )
    return ax.figure


def _invariance(scale: str):
    def draw(inputs: Inputs):
        ladders = inputs.table("tables/survey_invariance_ladder")
        ladder = ladders[ladders["scale"] == scale].reset_index(drop=True)
        return plots.invariance_plot(ladder, codebook=inputs.codebook, lang=inputs.lang)

    return draw


def survey_plans(codebook: Codebook) -> list[FigurePlan]:
    """The survey figures, in report order: Likert bars of each scale by country and by
    respondent group, scale means by country and by group, item agreement by country,
    reliability by country, then the invariance ladder of each scale."""
    scales = list(codebook.scales["scale"])
    answers = ("processed/survey", "processed/survey_long")
    plans = [
        FigurePlan(
            f"survey_likert_{facet}_{scale}",
            f"likert_{facet}",
            answers,
            _likert(scale, facet),
            scale=scale,
        )
        for scale in scales
        for facet in FACETS
    ]
    plans += [
        FigurePlan(
            f"survey_means_{by}", f"forest_{by}", ("tables/survey_descriptives",), _forest(by)
        )
        for by in FACETS
    ]
    plans.append(
        FigurePlan(
            "survey_agreement_items",
            "agreement_heatmap",
            ("tables/survey_descriptives",),
            _agreement,
        )
    )
    plans.append(
        FigurePlan(
            "survey_reliability_country",
            "reliability_country",
            ("tables/survey_reliability",),
            _reliability,
        )
    )
    plans += [
        FigurePlan(
            f"survey_invariance_{scale}",
            "invariance",
            ("tables/survey_invariance_ladder",),
            _invariance(scale),
            scale=scale,
        )
        for scale in scales
    ]
    return plans
