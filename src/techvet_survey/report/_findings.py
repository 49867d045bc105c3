"""Findings in words, built sentence by sentence from the report tables.

Every sentence states direction, size (an effect size with its interval, in words by the
convention of :mod:`techvet_survey.report._format`) and certainty (the p value adjusted
over the test's family), and points to the table or figure that holds the numbers. A
country difference is stated only when it is significant after the family's adjustment
*and* the scale's latent means are comparable across countries (measurement
invariance); otherwise the sentence says why no difference is claimed.

References to tables and figures are tokens, ``{{table:<name>}}`` and
``{{figure:<id>}}``: the HTML report replaces them by the number the table or figure
gets there ("Table 5"), a notebook by words (:func:`plain_references`).
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd

from techvet_survey._validation import check_argument
from techvet_survey.codebook import Codebook
from techvet_survey.report._display import show_text
from techvet_survey.report._format import (
    CONVENTIONS_SENTENCE,
    effect_size_phrase,
    effect_size_words,
    format_ci,
    format_count,
    format_number,
    p_phrase,
)
from techvet_survey.report._summaries import sample_description

ALPHA = 0.05
"""Significance level of the adjusted p values."""

REFERENCE = re.compile(r"\{\{(table|figure):([\w-]+)\}\}")

REFERENCE_WORDS = {
    "survey_omnibus": "the table of omnibus tests",
    "survey_pairwise": "the table of pairwise comparisons",
    "survey_invariance": "the table of measurement invariance",
    "survey_latent_means": "the table of latent means",
    "survey_descriptives": "the table of item means by country",
    "sample_description": "the table describing the sample",
    "test_reliability": "the table of the test's reliability",
    "dif": "the table of DIF items",
    "coding_agreement": "the table of intercoder agreement",
    "theme_frequencies": "the table of themes by country",
}
"""How a notebook names a table it cannot number."""


def table_ref(name: str) -> str:
    """The reference token of report table `name` (see the module docstring)."""
    return f"{{{{table:{name}}}}}"


def figure_ref(figure_id: str) -> str:
    """The reference token of figure `figure_id`."""
    return f"{{{{figure:{figure_id}}}}}"


def plain_references(text: str) -> str:
    """`text` with its reference tokens in words, for a notebook outside the report.

    Examples
    --------
    >>> plain_references("Means differ ({{table:survey_omnibus}}).")
    'Means differ (the table of omnibus tests).'
    """

    def words(match):
        kind, name = match.groups()
        if kind == "figure":
            return f"figure {name}"
        return REFERENCE_WORDS.get(name, f"table {name}")

    return REFERENCE.sub(words, text)


ARTICLES = {("en", "NL"): "the "}
"""Country names that take an article inside an English sentence."""


def _label(codebook: Codebook, column: str, value: str, lang: str) -> str:
    try:
        if column == "country":
            return ARTICLES.get((lang, value), "") + codebook.country_label(value, lang)
        if column == "group":
            return codebook.group_label(value, lang)
        if column == "scale":
            return codebook.scale_label(value, lang)
    except KeyError:
        pass
    return str(value)


def _listing(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _invariance(tables: dict) -> pd.DataFrame:
    table = tables.get("survey_invariance")
    return pd.DataFrame() if table is None else table.set_index("scale")


def freed_intercepts(tables: dict) -> list[tuple[str, str, str]]:
    """The intercepts freed for partial invariance as ``(scale, item, country)``."""
    freed = tables.get("survey_freed_intercepts")
    if freed is None or freed.empty:
        return []
    return [(row.scale, row.item, row.group) for row in freed.itertuples(index=False)]


def _latent_means(tables: dict, scale: str) -> pd.Series | None:
    """The latent country means of `scale`, sorted, when an intercept of it was freed
    (partial invariance) and the latent means were estimated; else None."""
    latent = tables.get("survey_latent_means")
    if latent is None or scale not in {freed[0] for freed in freed_intercepts(tables)}:
        return None
    rows = latent[latent["scale"] == scale]
    return None if rows.empty else rows.set_index("group")["est"].astype(float).sort_values()


def _omnibus_statistic(row) -> str:
    name = "F" if "ANOVA" in str(row.test) else "H"
    if name == "F":
        df = f"({format_count(row.df1)}, {format_count(row.df2)})"
    else:
        df = f"({format_count(row.df1)})"
    return f"Welch's {name}{df} = {format_number(row.statistic)}"


def _means(tables: dict, by: str, value: str) -> pd.Series:
    table = tables["survey_descriptives"]
    rows = table[(table["by"] == by) & (table["value"] == value) & ~table["suppressed"]]
    return rows.set_index("level")["mean"].astype(float)


def _pair_size(row) -> str:
    """The effect size of a pairwise row as a size (higher minus lower group), with its
    interval turned the same way."""
    low, high = sorted(
        (-row.ci_low, -row.ci_high) if row.effect_size < 0 else (row.ci_low, row.ci_high)
    )
    return effect_size_phrase(abs(row.effect_size), row.effect_size_name, low, high)


def _pairs(tables: dict, by: str, scale: str, codebook: Codebook, lang: str) -> list[str]:
    pairwise = tables.get("survey_pairwise")
    if pairwise is None:
        return []
    means = _means(tables, by, scale)
    rows = pairwise[
        (pairwise["by"] == by)
        & (pairwise["value"] == scale)
        & (pairwise["p_adj"] < ALPHA)
        & ~pairwise["suppressed"].astype(bool)
    ]
    sentences = []
    for row in rows.sort_values("effect_size", key=abs, ascending=False).itertuples():
        high, low = (row.group1, row.group2)
        if means.get(row.group2, float("nan")) > means.get(row.group1, float("nan")):
            high, low = low, high
        size = _pair_size(row)
        sentences.append(
            f"{_label(codebook, by, high, lang)} higher than {_label(codebook, by, low, lang)} "
            f"({size}; adjusted {p_phrase(row.p_adj)})"
        )
    return sentences


def _scale_sentence(row, tables, by, codebook, lang, invariance) -> str:
    scale = row.scale
    title = codebook.scale_label(scale, lang)
    what = "countries" if by == "country" else "respondent groups"
    test = (
        f"{_omnibus_statistic(row)}, {p_phrase(row.p_val)} unadjusted, adjusted "
        f"{p_phrase(row.p_adj)}"
    )
    if by == "country":
        if invariance.empty or scale not in invariance.index:
            return (
                f"{title}: the countries are not compared, because measurement invariance "
                f"across countries was not tested ({table_ref('survey_invariance')})."
            )
        verdict = invariance.loc[scale]
        if not bool(verdict["comparable"]):
            level = str(verdict["level"]).replace("_", " ")
            return (
                f"{title}: the countries are not compared, because the scale reached only "
                f"{level} invariance, so its means do not measure the same construct in every "
                f"country ({table_ref('survey_invariance')})."
            )
    if not row.p_adj < ALPHA:
        return (
            f"{title}: no difference between {what} is claimed ({test}, Holm over the "
            f"{int(row.n_family)} tests of the family; {table_ref('survey_omnibus')})."
        )
    size = effect_size_phrase(row.effect_size, row.effect_size_name, row.ci_low, row.ci_high)
    sentence = f"{title}: the {what} differ ({test}; {size}; {table_ref('survey_omnibus')}). "
    latent = _latent_means(tables, scale) if by == "country" else None
    if latent is not None:
        # a freed intercept biases the observed means; the latent means allow for it
        sentence += (
            "On the latent means, which allow for the item that works differently "
            f"({table_ref('survey_latent_means')}), it is highest in "
            f"{_label(codebook, by, latent.index[-1], lang)} "
            f"({format_number(latent.iloc[-1])}) and lowest in "
            f"{_label(codebook, by, latent.index[0], lang)} ({format_number(latent.iloc[0])})."
        )
    else:
        means = _means(tables, by, scale).sort_values()
        sentence += (
            f"The mean is highest in {_label(codebook, by, means.index[-1], lang)} "
            f"(M = {format_number(means.iloc[-1])}) and lowest in "
            f"{_label(codebook, by, means.index[0], lang)} "
            f"(M = {format_number(means.iloc[0])}, on the 1-5 scale)."
        )
    pairs = _pairs(tables, by, scale, codebook, lang)
    if pairs:
        sentence += (
            f" Pairwise ({table_ref('survey_pairwise')}): {'; '.join(pairs)}."
            if len(pairs) > 1
            else f" Pairwise ({table_ref('survey_pairwise')}): {pairs[0]}."
        )
    else:
        sentence += " No single pair of them differs after the pairwise adjustment."
    if by == "group":
        sentence += (
            " Measurement invariance across respondent groups was not tested, so this "
            "difference may partly reflect how the groups read the items."
        )
    return sentence


def _caveats(tables: dict, codebook: Codebook, lang: str) -> list[str]:
    sentences = []
    latent = tables.get("survey_latent_means")
    for scale, item, country in freed_intercepts(tables):
        text = codebook.item_text(item, lang)
        sentence = (
            f"Caveat on {codebook.scale_label(scale, lang)}: only partial scalar invariance "
            f"holds. Item {item} (\u201c{text}\u201d) works differently in "
            f"{_label(codebook, 'country', country, lang)}: its intercept was freed there "
            f"({table_ref('survey_invariance')}), so {item} is not compared across "
            "countries on its own, and the scale's comparison is best read on the latent "
            f"means, which allow for it ({table_ref('survey_latent_means')})."
        )
        if latent is not None:
            rows = latent[(latent["scale"] == scale) & latent["se"].notna()]
            reference = latent[(latent["scale"] == scale) & latent["se"].isna()]["group"]
            if not rows.empty and not reference.empty:
                parts = [
                    f"{_label(codebook, 'country', r.group, lang)} "
                    f"{format_number(r.est)} {format_ci(r.ci_low, r.ci_high)}"
                    for r in rows.itertuples()
                ]
                sentence += (
                    " Latent means relative to "
                    f"{_label(codebook, 'country', reference.iloc[0], lang)} (0): "
                    f"{'; '.join(parts)}."
                )
        sentences.append(sentence)
    return sentences


def survey_findings(tables: dict, codebook: Codebook, lang: str = "en") -> list[str]:
    """Paragraphs on the scale scores by country and by respondent group.

    Parameters
    ----------
    tables : dict of DataFrame
        The report tables (``survey_omnibus``, ``survey_pairwise``,
        ``survey_descriptives``, ``survey_invariance``, ``survey_freed_intercepts``,
        ``survey_latent_means``).
    codebook : Codebook
        Labels of countries, groups, scales and items.
    lang : str
        Language of the labels.

    Returns
    -------
    list of str
        One paragraph per scale and comparison, then the measurement caveats.
    """
    omnibus = tables.get("survey_omnibus")
    if omnibus is None or omnibus.empty:
        return []
    invariance = _invariance(tables)
    paragraphs = []
    for by in ("country", "group"):
        rows = omnibus[(omnibus["by"] == by) & (omnibus["kind"] == "scale")]
        quiet = []
        for row in rows.itertuples(index=False):
            sentence = _scale_sentence(row, tables, by, codebook, lang, invariance)
            (quiet if NO_DIFFERENCE in sentence else paragraphs).append(sentence)
        paragraphs.extend(_no_difference(quiet, by))
    return paragraphs + _caveats(tables, codebook, lang)


NO_DIFFERENCE = "no difference between"


def _no_difference(sentences: list[str], by: str) -> list[str]:
    """Two or more "no difference" sentences of one comparison as one paragraph."""
    if len(sentences) < 2:
        return sentences
    what = "countries" if by == "country" else "respondent groups"
    return [
        f"No difference between {what} is claimed on {len(sentences)} scales, none being "
        "significant after the family's adjustment: "
        + "; ".join(
            sentence.replace(f": {NO_DIFFERENCE} {what} is claimed (", " (").rstrip(".")
            for sentence in sentences
        )
        + "."
    ]


def stated_country_differences(tables: dict) -> list[str]:
    """The scales whose country difference the findings state: significant after the
    family's adjustment and comparable across countries."""
    omnibus = tables.get("survey_omnibus")
    invariance = _invariance(tables)
    if omnibus is None or invariance.empty:
        return []
    rows = omnibus[(omnibus["by"] == "country") & (omnibus["kind"] == "scale")]
    return [
        row.scale
        for row in rows.itertuples()
        if row.p_adj < ALPHA
        and row.scale in invariance.index
        and bool(invariance.loc[row.scale, "comparable"])
    ]


def country_profiles(tables: dict, codebook: Codebook, lang: str = "en") -> list[str]:
    """Each country's strongest and weakest item (highest and lowest item mean)."""
    table = tables.get("survey_descriptives")
    if table is None:
        return []
    items = table[(table["by"] == "country") & (table["kind"] == "item") & ~table["suppressed"]]
    reverse = set(codebook.reverse_items())
    freed = {(item, country) for _scale, item, country in freed_intercepts(tables)}
    paragraphs = []
    for country, rows in items.groupby("level", sort=True):
        # an item whose intercept was freed in this country has a mean not comparable
        # with the others: it is left out of the ranking and named
        left_out = sorted(item for item in rows["value"] if (item, country) in freed)
        ordered = rows[~rows["value"].isin(left_out)].sort_values("mean")
        if len(ordered) < 2:
            continue
        parts = []
        for word, row in (("strongest", ordered.iloc[-1]), ("weakest", ordered.iloc[0])):
            item = row["value"]
            share = row.get("agree_share")
            notes = [f"M = {format_number(row['mean'])}"]
            if pd.notna(share):
                notes.append(f"{format_number(100 * share, 0)}% agree")
            if item in reverse:
                notes.append("reverse-keyed: disagreeing counts as the stronger answer")
            text = f"the {word} item is {item} (\u201c{codebook.item_text(item, lang)}\u201d, "
            parts.append(text + f"{', '.join(notes)})")
        paragraph = (
            f"{_label(codebook, 'country', str(country), lang)}: {parts[0]}; {parts[1]} "
            f"({table_ref('survey_descriptives')})."
        )
        if left_out:
            paragraph += (
                f" Item {_listing(left_out)} works differently in this country (its intercept "
                "was freed in the invariance analysis), so its mean is not ranked with the "
                "others."
            )
        paragraphs.append(paragraph)
    return paragraphs


def _version(codebook: Codebook, language: str, lang: str) -> str:
    countries = codebook.countries
    match = countries[countries["language"] == language]["country"]
    if match.empty:
        return f"{language} language version"
    return f"language version of {_label(codebook, 'country', match.iloc[0], lang)} ({language})"


def test_findings(tables: dict, codebook: Codebook, lang: str = "en") -> list[str]:
    """Paragraphs on the assessment test: reliability, the pass/fail decision, DIF."""
    reliability, decision = tables.get("test_reliability"), tables.get("test_decision")
    if reliability is None or reliability.empty:
        return []
    first = reliability.iloc[0]
    text = (
        f"The test ({int(first['k'])} items, n = {int(first['n'])}) has KR-20 = "
        f"{format_number(first['alpha'], bounded=True)}, 95% CI "
        f"{format_ci(first['ci_low'], first['ci_high'], bounded=True)}, and a standard error "
        f"of measurement of {format_number(first['sem'])} points "
        f"({table_ref('test_reliability')})."
    )
    if decision is not None and not decision.empty:
        row = decision.iloc[0]
        text += (
            f" At the cut score of {int(row['cut_score'])}, "
            f"{format_number(100 * row['pass_rate'], 0)}% pass; the decision would be the "
            f"same on a retest for {format_number(100 * row['p0'], 0)}% of test takers, "
            f"\u03ba = {format_number(row['kappa'], bounded=True)}, "
            f"{effect_size_words(row['kappa'], 'kappa', cite=False)}."
        )
    paragraphs = [text]
    dif = tables.get("dif")
    if dif is not None and "ets_class" in dif:
        flagged = dif[dif["ets_class"].isin(["B", "C"])]
        if flagged.empty:
            paragraphs.append(
                "No item shows moderate or large differential item functioning between "
                f"the language versions ({table_ref('dif')})."
            )
        for row in flagged.itertuples():
            size = "large (ETS class C)" if row.ets_class == "C" else "moderate (ETS class B)"
            harder = "harder" if row.mh_delta < 0 else "easier"
            paragraphs.append(
                f"Item {row.item} shows {size} differential item functioning in the "
                f"{_version(codebook, row.focal, lang)}: at equal total scores it is "
                f"{harder} there than in the other versions "
                f"(MH \u0394 = {format_number(row.mh_delta)}, adjusted "
                f"{p_phrase(row.p_adj)}; {table_ref('dif')}). Its translation should be "
                "reviewed before scores are compared across language versions."
            )
    return paragraphs


def interview_findings(tables: dict, codebook: Codebook, lang: str = "en") -> list[str]:
    """Paragraphs on the interviews: the most frequent theme per country and how well the
    coders agreed."""
    paragraphs = []
    themes = tables.get("theme_frequencies")
    if themes is not None and not themes.empty:
        labels = codebook.interview_codes.drop_duplicates("theme").set_index("theme")[
            f"theme_label_{lang}"
        ]
        parts = []
        for country, rows in themes.groupby("country", sort=True):
            # every theme tied at the top is named, none picked arbitrarily
            top = rows[rows["n_documents"] == rows["n_documents"].max()].sort_values("theme")
            names = [f"\u201c{labels.get(theme, theme)}\u201d" for theme in top["theme"]]
            first = top.iloc[0]
            parts.append(
                f"in {_label(codebook, 'country', str(country), lang)} {_listing(names)} "
                f"({int(first['n_documents'])} of {int(first['n_documents_total'])} "
                "interviews)"
            )
        paragraphs.append(
            f"The themes raised in the most interviews are {'; '.join(parts)} "
            f"({table_ref('theme_frequencies')})."
        )
    agreement = tables.get("coding_agreement")
    if agreement is not None and not agreement.empty:
        pooled = agreement[
            (agreement["code"] == "(all codes)") & (agreement["coefficient"] == "cohen_kappa")
        ]
        if not pooled.empty:
            row = pooled.iloc[0]
            paragraphs.append(
                "The two coders agreed on the double-coded interviews with Cohen's "
                f"\u03ba = {format_number(row['estimate'], bounded=True)}, 95% CI "
                f"{format_ci(row['ci_low'], row['ci_high'], bounded=True)} over all codes, "
                f"{effect_size_words(row['estimate'], 'kappa', cite=False)} "
                f"({table_ref('coding_agreement')})."
            )
    return paragraphs


def _largest_difference(tables: dict, scales: list[str]):
    """``(higher, lower, row)`` of the significant country pair with the largest effect
    size on one of `scales`; None without one."""
    pairwise = tables.get("survey_pairwise")
    if pairwise is None or not scales:
        return None
    rows = pairwise[
        (pairwise["by"] == "country")
        & pairwise["value"].isin(scales)
        & (pairwise["p_adj"] < ALPHA)
        & ~pairwise["suppressed"].astype(bool)
    ]
    if rows.empty:
        return None
    row = rows.loc[rows["effect_size"].abs().idxmax()]
    means = _means(tables, "country", row["value"])
    high, low = row["group1"], row["group2"]
    if means.get(low, float("nan")) > means.get(high, float("nan")):
        high, low = low, high
    return high, low, SimpleNamespace(**row.to_dict())


def executive_summary(tables: dict, processed: dict, codebook: Codebook, lang: str = "en"):
    """A few sentences on the main results of every part of the study."""
    sentences = []
    survey = processed.get("survey")
    omnibus = tables.get("survey_omnibus")
    if survey is not None and not survey.empty and omnibus is not None:
        countries = sorted(map(str, survey["country"].dropna().unique()))
        scales = list(omnibus[(omnibus["by"] == "country") & (omnibus["kind"] == "scale")].scale)
        stated = stated_country_differences(tables)
        others = [scale for scale in scales if scale not in stated]
        text = (
            f"{len(survey)} respondents in {len(countries)} countries "
            f"({_listing([_label(codebook, 'country', c, lang) for c in countries])}) "
            f"answered the guidance survey. The countries differ on {len(stated)} of the "
            f"{len(scales)} scales"
        )
        if stated:
            text += f" ({_listing([codebook.scale_label(s, lang) for s in stated])})"
        if others:
            text += (
                "; no country difference is claimed on "
                f"{_listing([codebook.scale_label(s, lang) for s in others])}"
            )
        sentences.append(text + f" ({table_ref('survey_omnibus')}).")
        largest = _largest_difference(tables, stated)
        if largest is not None:
            high, low, row = largest
            sentences.append(
                f"The largest difference is on {codebook.scale_label(row.scale, lang)}: "
                f"{_label(codebook, 'country', high, lang)} above "
                f"{_label(codebook, 'country', low, lang)}, "
                f"{_pair_size(row)} "
                f"(adjusted {p_phrase(row.p_adj)}; {table_ref('survey_pairwise')})."
            )
        for scale, item, country in freed_intercepts(tables):
            sentences.append(
                f"Item {item} of {codebook.scale_label(scale, lang)} works differently in "
                f"{_label(codebook, 'country', country, lang)}, so that scale is compared on "
                f"latent means that allow for it ({table_ref('survey_latent_means')})."
            )
    sentences += test_findings(tables, codebook, lang)[:1]
    sentences += interview_findings(tables, codebook, lang)[-1:]
    return sentences


def limitations(
    tables: dict, processed: dict, codebook: Codebook, lang: str = "en", *, min_n: int = 5
):
    """What limits the conclusions: sample sizes, response rates, measurement, cells not
    shown (below `min_n`)."""
    paragraphs = []
    survey = processed.get("survey")
    if survey is not None and not survey.empty:
        counts = survey.groupby("country").size().sort_index()
        sizes = _listing([f"{_label(codebook, 'country', c, lang)} {n}" for c, n in counts.items()])
        paragraphs.append(
            f"Samples: the survey has {sizes} respondents ({table_ref('sample_description')}). "
            "The exports do not record how many people were invited, so response rates are "
            "not known; unless the partners sampled at random, the results describe the "
            "respondents rather than all VET students, teachers and workplace trainers of a "
            "country."
        )
    invariance = _invariance(tables)
    if not invariance.empty:
        weak = [
            f"{codebook.scale_label(scale, lang)} ({str(row['level']).replace('_', ' ')})"
            for scale, row in invariance.iterrows()
            if row["level"] != "scalar"
        ]
        if weak:
            paragraphs.append(
                "Measurement: full scalar invariance across countries does not hold for "
                f"{_listing(weak)} ({table_ref('survey_invariance')}); "
                "see the caveat in the country comparisons."
            )
    suppressed = 0
    for name in ("survey_descriptives", "survey_pairwise"):
        table = tables.get(name)
        if table is not None and "suppressed" in table:
            suppressed += int(table["suppressed"].astype(bool).sum())
    described = 0
    if survey is not None and not survey.empty and "country" in survey:
        sample = sample_description(survey, codebook, lang=lang, min_n=min_n)
        described = int(sample.isin([f"< {min_n}", f"n < {min_n}"]).to_numpy().sum())
    if suppressed or described:
        paragraphs.append(
            f"Small cells: {described} count(s) of the sample description "
            f"({table_ref('sample_description')}) and {suppressed} cell(s) of the comparison "
            f"tables are below the minimum cell size of {min_n} and are not shown, to "
            "protect the respondents and because so few answers give unstable results."
        )
    else:
        paragraphs.append(
            f"Small cells: no cell of the survey tables fell below the minimum cell size of "
            f"{min_n}."
        )
    return paragraphs


SECTIONS = ("summary", "survey", "profiles", "test", "interviews", "limitations")
"""The sections of findings :func:`findings` writes."""


def findings(study, section: str) -> list[str]:
    """The paragraphs of one `section` of findings (:data:`SECTIONS`) for `study`
    (from :func:`techvet_survey.report.open_study`)."""
    check_argument("section", SECTIONS, section)
    return [text[:1].upper() + text[1:] for text in _section(study, section)]


def _section(study, section: str) -> list[str]:
    tables, book, lang = study.tables, study.codebook, study.lang
    if section == "summary":
        return executive_summary(tables, study.processed, book, lang)
    if section == "survey":
        paragraphs = survey_findings(tables, book, lang)
        return [CONVENTIONS_SENTENCE, *paragraphs] if paragraphs else []
    if section == "profiles":
        return country_profiles(tables, book, lang)
    if section == "test":
        return test_findings(tables, book, lang)
    if section == "interviews":
        return interview_findings(tables, book, lang)
    return limitations(tables, study.processed, book, lang, min_n=study.min_n)


def show_findings(study, section: str) -> None:
    """Display one `section` of findings (:func:`findings`) as paragraphs of the report."""
    show_text(findings(study, section))
