"""Findings in words, built sentence by sentence from the report tables.

Every sentence states direction, size (an effect size with its interval, in words by the
convention of :mod:`techvet_survey.report._format`) and certainty (the p value adjusted
over the test's family), and points to the table or figure that holds the numbers. A
country difference is stated only when it is significant after the family's adjustment
*and* the scale's latent means are comparable across countries (measurement
invariance); otherwise the sentence says why no difference is claimed.

Every sentence is a template of the report's message catalogue
(:mod:`techvet_survey.report._messages`) in the report's language, filled with the
numbers (formatted as that language writes them) and the codebook's labels.

References to tables and figures are tokens, ``{{table:<name>}}`` and
``{{figure:<id>}}``: the HTML report replaces them by the number the table or figure
gets there ("Table 5"), a notebook by words (:func:`plain_references`).
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd

from techvet_survey._numbers import number_separator, percent
from techvet_survey._validation import check_argument
from techvet_survey.codebook import Codebook
from techvet_survey.report._display import show_text
from techvet_survey.report._format import (
    conventions_sentence,
    effect_size_phrase,
    effect_size_words,
    format_ci,
    format_count,
    format_number,
    p_phrase,
)
from techvet_survey.report._messages import has_text
from techvet_survey.report._messages import text as message
from techvet_survey.report._summaries import sample_description

ALPHA = 0.05
"""Significance level of the adjusted p values."""

REFERENCE = re.compile(r"\{\{(table|figure):([\w-]+)\}\}")


def table_ref(name: str) -> str:
    """The reference token of report table `name` (see the module docstring)."""
    return f"{{{{table:{name}}}}}"


def figure_ref(figure_id: str) -> str:
    """The reference token of figure `figure_id`."""
    return f"{{{{figure:{figure_id}}}}}"


def plain_references(text: str, lang: str = "en") -> str:
    """`text` with its reference tokens in words, for a notebook outside the report.

    Examples
    --------
    >>> plain_references("Means differ ({{table:survey_omnibus}}).")
    'Means differ (the table of omnibus tests).'
    """

    def words(match):
        kind, name = match.groups()
        if kind == "figure":
            return message("ref.figure", lang, name=name)
        key = f"ref.{name}"
        return message(key, lang) if has_text(key) else message("ref.table", lang, name=name)

    return REFERENCE.sub(words, text)


ARTICLES = {("en", "NL"): "the "}
"""Country names that take an article inside an English sentence."""


def mid_sentence(label: str) -> str:
    """`label` as a sentence writes it after its first word: the first letter in lower
    case, unless the first word is an acronym (``VET``) or a name whose second letter is
    a capital too.

    Codebook labels stand alone on axes and in tables, capitalised ("Ammatillinen
    opettaja"); inside a generated sentence they are common nouns. Country names, proper
    names in every language, are not passed here.

    Examples
    --------
    >>> mid_sentence("Ammatillinen opettaja"), mid_sentence("Mbo-docent")
    ('ammatillinen opettaja', 'mbo-docent')
    >>> mid_sentence("VET teacher"), mid_sentence("")
    ('VET teacher', '')
    """
    first = label.split(" ", 1)[0].split("-", 1)[0]
    if len(first) > 1 and first[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _label(codebook: Codebook, column: str, value: str, lang: str) -> str:
    try:
        if column == "country":
            return ARTICLES.get((lang, value), "") + codebook.country_label(value, lang)
        if column == "group":
            return mid_sentence(codebook.group_label(value, lang))
        if column == "scale":
            return codebook.scale_label(value, lang)
    except KeyError:
        pass
    return str(value)


def _listing(words: list[str], lang: str = "en") -> str:
    if len(words) <= 1:
        return "".join(words)
    return message("list.and", lang, head=", ".join(words[:-1]), last=words[-1])


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


def _omnibus_statistic(row, lang: str) -> str:
    name = "F" if "ANOVA" in str(row.test) else "H"
    counts = [format_count(row.df1, lang)]
    if name == "F":
        counts.append(format_count(row.df2, lang))
    df = f"({number_separator(lang).join(counts)})"
    return message(
        "find.welch", lang, name=name, df=df, value=format_number(row.statistic, lang=lang)
    )


def _means(tables: dict, by: str, value: str) -> pd.Series:
    table = tables["survey_descriptives"]
    rows = table[(table["by"] == by) & (table["value"] == value) & ~table["suppressed"]]
    return rows.set_index("level")["mean"].astype(float)


def _pair_size(row, lang: str) -> str:
    """The effect size of a pairwise row as a size (higher minus lower group), with its
    interval turned the same way."""
    low, high = sorted(
        (-row.ci_low, -row.ci_high) if row.effect_size < 0 else (row.ci_low, row.ci_high)
    )
    return effect_size_phrase(abs(row.effect_size), row.effect_size_name, low, high, lang=lang)


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
        sentences.append(
            message(
                "find.pair",
                lang,
                high=_label(codebook, by, high, lang),
                low=_label(codebook, by, low, lang),
                size=_pair_size(row, lang),
                p=p_phrase(row.p_adj, lang),
            )
        )
    return sentences


def _test_phrase(row, lang: str) -> str:
    return message(
        "find.test",
        lang,
        statistic=_omnibus_statistic(row, lang),
        p=p_phrase(row.p_val, lang),
        p_adj=p_phrase(row.p_adj, lang),
    )


def _scale_sentence(row, tables, by, codebook, lang, invariance) -> str | None:
    """The paragraph on one scale and grouping column; None when no difference is
    claimed (:func:`_no_difference` words those)."""
    scale = row.scale
    title = codebook.scale_label(scale, lang)
    if by == "country":
        if invariance.empty or scale not in invariance.index:
            return message("find.not_tested", lang, title=title, ref=table_ref("survey_invariance"))
        verdict = invariance.loc[scale]
        if not bool(verdict["comparable"]):
            return message(
                "find.not_invariant",
                lang,
                title=title,
                level=message(f"level.{verdict['level']}", lang),
                ref=table_ref("survey_invariance"),
            )
    if not row.p_adj < ALPHA:
        return None
    size = effect_size_phrase(
        row.effect_size, row.effect_size_name, row.ci_low, row.ci_high, lang=lang
    )
    sentences = [
        message(
            f"find.differ.{by}",
            lang,
            title=title,
            test=_test_phrase(row, lang),
            size=size,
            ref=table_ref("survey_omnibus"),
        )
    ]
    latent = _latent_means(tables, scale) if by == "country" else None
    if latent is not None:
        # a freed intercept biases the observed means; the latent means allow for it
        sentences.append(
            message(
                "find.latent_extremes",
                lang,
                ref=table_ref("survey_latent_means"),
                high=_label(codebook, by, latent.index[-1], lang),
                high_value=format_number(latent.iloc[-1], lang=lang),
                low=_label(codebook, by, latent.index[0], lang),
                low_value=format_number(latent.iloc[0], lang=lang),
            )
        )
    else:
        means = _means(tables, by, scale).sort_values()
        sentences.append(
            message(
                "find.mean_extremes",
                lang,
                high=_label(codebook, by, means.index[-1], lang),
                high_value=format_number(means.iloc[-1], lang=lang),
                low=_label(codebook, by, means.index[0], lang),
                low_value=format_number(means.iloc[0], lang=lang),
            )
        )
    pairs = _pairs(tables, by, scale, codebook, lang)
    if pairs:
        sentences.append(
            message("find.pairwise", lang, ref=table_ref("survey_pairwise"), pairs="; ".join(pairs))
        )
    else:
        sentences.append(message("find.no_pair", lang))
    if by == "group":
        sentences.append(message("find.group_caveat", lang))
    return " ".join(sentences)


def _caveats(tables: dict, codebook: Codebook, lang: str) -> list[str]:
    sentences = []
    latent = tables.get("survey_latent_means")
    for scale, item, country in freed_intercepts(tables):
        sentence = message(
            "find.caveat",
            lang,
            scale=codebook.scale_label(scale, lang),
            item=item,
            text=codebook.item_text(item, lang),
            country=_label(codebook, "country", country, lang),
            ref=table_ref("survey_invariance"),
            ref_latent=table_ref("survey_latent_means"),
        )
        if latent is not None:
            rows = latent[(latent["scale"] == scale) & latent["se"].notna()]
            reference = latent[(latent["scale"] == scale) & latent["se"].isna()]["group"]
            if not rows.empty and not reference.empty:
                parts = [
                    f"{_label(codebook, 'country', r.group, lang)} "
                    f"{format_number(r.est, lang=lang)} "
                    f"{format_ci(r.ci_low, r.ci_high, lang=lang)}"
                    for r in rows.itertuples()
                ]
                sentence += " " + message(
                    "find.caveat_latent",
                    lang,
                    reference=_label(codebook, "country", reference.iloc[0], lang),
                    means="; ".join(parts),
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
        Language of the sentences and labels.

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
            (quiet.append(row) if sentence is None else paragraphs.append(sentence))
        paragraphs.extend(_no_difference(quiet, by, codebook, lang))
    return paragraphs + _caveats(tables, codebook, lang)


def _no_difference(rows: list, by: str, codebook: Codebook, lang: str) -> list[str]:
    """The scales without a claimed difference of one comparison: one sentence for one,
    one paragraph for several."""
    if not rows:
        return []
    values = {"family": int(rows[0].n_family), "ref": table_ref("survey_omnibus")}
    if len(rows) == 1:
        (row,) = rows
        title = codebook.scale_label(row.scale, lang)
        test = _test_phrase(row, lang)
        return [message(f"find.no_difference.{by}", lang, title=title, test=test, **values)]
    scales = "; ".join(
        message(
            "find.quiet_scale",
            lang,
            title=codebook.scale_label(row.scale, lang),
            test=_test_phrase(row, lang),
        )
        for row in rows
    )
    return [message(f"find.no_difference_joint.{by}", lang, n=len(rows), scales=scales, **values)]


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
        parts = {}
        for word, row in (("strongest", ordered.iloc[-1]), ("weakest", ordered.iloc[0])):
            item = row["value"]
            share = row.get("agree_share")
            notes = [f"M = {format_number(row['mean'], lang=lang)}"]
            if pd.notna(share):
                agree = percent(format_number(100 * share, 0, lang=lang), lang)
                notes.append(message("profile.agree", lang, share=agree))
            if item in reverse:
                notes.append(message("profile.reverse", lang))
            parts[word] = message(
                f"profile.{word}",
                lang,
                item=item,
                text=codebook.item_text(item, lang),
                notes=", ".join(notes),
            )
        paragraph = message(
            "profile.country",
            lang,
            country=_label(codebook, "country", str(country), lang),
            ref=table_ref("survey_descriptives"),
            **parts,
        )
        if left_out:
            paragraph += " " + message("profile.left_out", lang, items=_listing(left_out, lang))
        paragraphs.append(paragraph)
    return paragraphs


def _version(codebook: Codebook, language: str, lang: str) -> str:
    countries = codebook.countries
    match = countries[countries["language"] == language]["country"]
    if match.empty:
        return message("test.version_language", lang, language=language)
    country = _label(codebook, "country", match.iloc[0], lang)
    return message("test.version", lang, country=country, language=language)


def test_findings(tables: dict, codebook: Codebook, lang: str = "en") -> list[str]:
    """Paragraphs on the assessment test: reliability, the pass/fail decision, DIF."""
    reliability, decision = tables.get("test_reliability"), tables.get("test_decision")
    if reliability is None or reliability.empty:
        return []
    first = reliability.iloc[0]
    text = message(
        "test.reliability",
        lang,
        k=int(first["k"]),
        n=int(first["n"]),
        alpha=format_number(first["alpha"], bounded=True, lang=lang),
        ci=format_ci(first["ci_low"], first["ci_high"], bounded=True, lang=lang),
        sem=format_number(first["sem"], lang=lang),
        ref=table_ref("test_reliability"),
    )
    if decision is not None and not decision.empty:
        row = decision.iloc[0]
        text += " " + message(
            "test.decision",
            lang,
            cut=int(row["cut_score"]),
            passing=percent(format_number(100 * row["pass_rate"], 0, lang=lang), lang),
            same=percent(format_number(100 * row["p0"], 0, lang=lang), lang),
            kappa=format_number(row["kappa"], bounded=True, lang=lang),
            words=effect_size_words(row["kappa"], "kappa", cite=False, lang=lang),
        )
    paragraphs = [text]
    dif = tables.get("dif")
    if dif is not None and "ets_class" in dif:
        flagged = dif[dif["ets_class"].isin(["B", "C"])]
        if flagged.empty:
            paragraphs.append(message("test.no_dif", lang, ref=table_ref("dif")))
        for row in flagged.itertuples():
            paragraphs.append(
                message(
                    "test.dif",
                    lang,
                    item=row.item,
                    size=message(f"test.dif_class.{row.ets_class}", lang),
                    version=_version(codebook, row.focal, lang),
                    direction=message("test.harder" if row.mh_delta < 0 else "test.easier", lang),
                    delta=format_number(row.mh_delta, lang=lang),
                    p=p_phrase(row.p_adj, lang),
                    ref=table_ref("dif"),
                )
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
                message(
                    "int.theme_country",
                    lang,
                    country=_label(codebook, "country", str(country), lang),
                    themes=_listing(names, lang),
                    n=int(first["n_documents"]),
                    total=int(first["n_documents_total"]),
                )
            )
        paragraphs.append(
            message("int.themes", lang, parts="; ".join(parts), ref=table_ref("theme_frequencies"))
        )
    agreement = tables.get("coding_agreement")
    if agreement is not None and not agreement.empty:
        pooled = agreement[
            (agreement["code"] == "(all codes)") & (agreement["coefficient"] == "cohen_kappa")
        ]
        if not pooled.empty:
            row = pooled.iloc[0]
            paragraphs.append(
                message(
                    "int.agreement",
                    lang,
                    kappa=format_number(row["estimate"], bounded=True, lang=lang),
                    ci=format_ci(row["ci_low"], row["ci_high"], bounded=True, lang=lang),
                    words=effect_size_words(row["estimate"], "kappa", cite=False, lang=lang),
                    ref=table_ref("coding_agreement"),
                )
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
        sentences.append(
            message(
                "sum.sample",
                lang,
                n=len(survey),
                k=len(countries),
                countries=_listing([_label(codebook, "country", c, lang) for c in countries], lang),
            )
        )
        # one paragraph: how many scales differ, which, and which not
        survey_text = [
            message(
                "sum.differ",
                lang,
                stated=len(stated),
                total=len(scales),
                ref=table_ref("survey_omnibus"),
            )
        ]
        if stated:
            names = _listing([codebook.scale_label(s, lang) for s in stated], lang)
            survey_text.append(message("sum.differ_on", lang, scales=names))
        if others:
            names = _listing([codebook.scale_label(s, lang) for s in others], lang)
            survey_text.append(message("sum.no_claim", lang, scales=names))
        sentences[-1] += " " + " ".join(survey_text)
        largest = _largest_difference(tables, stated)
        if largest is not None:
            high, low, row = largest
            sentences.append(
                message(
                    "sum.largest",
                    lang,
                    scale=codebook.scale_label(row.scale, lang),
                    high=_label(codebook, "country", high, lang),
                    low=_label(codebook, "country", low, lang),
                    size=_pair_size(row, lang),
                    p=p_phrase(row.p_adj, lang),
                    ref=table_ref("survey_pairwise"),
                )
            )
        for scale, item, country in freed_intercepts(tables):
            sentences.append(
                message(
                    "sum.item",
                    lang,
                    item=item,
                    scale=codebook.scale_label(scale, lang),
                    country=_label(codebook, "country", country, lang),
                    ref=table_ref("survey_latent_means"),
                )
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
        sizes = _listing(
            [f"{_label(codebook, 'country', c, lang)} {n}" for c, n in counts.items()], lang
        )
        paragraphs.append(
            message("lim.samples", lang, sizes=sizes, ref=table_ref("sample_description"))
        )
    invariance = _invariance(tables)
    if not invariance.empty:
        weak = [
            f"{codebook.scale_label(scale, lang)} ({message('level.' + str(row['level']), lang)})"
            for scale, row in invariance.iterrows()
            if row["level"] != "scalar"
        ]
        if weak:
            paragraphs.append(
                message(
                    "lim.measurement",
                    lang,
                    scales=_listing(weak, lang),
                    ref=table_ref("survey_invariance"),
                )
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
            message(
                "lim.small_cells",
                lang,
                described=described,
                suppressed=suppressed,
                min_n=min_n,
                ref=table_ref("sample_description"),
            )
        )
    else:
        paragraphs.append(message("lim.no_small_cells", lang, min_n=min_n))
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
        return [conventions_sentence(lang), *paragraphs] if paragraphs else []
    if section == "profiles":
        return country_profiles(tables, book, lang)
    if section == "test":
        return test_findings(tables, book, lang)
    if section == "interviews":
        return interview_findings(tables, book, lang)
    return limitations(tables, study.processed, book, lang, min_n=study.min_n)


def show_findings(study, section: str) -> None:
    """Display one `section` of findings (:func:`findings`) as paragraphs of the report."""
    show_text(findings(study, section), lang=study.lang)
