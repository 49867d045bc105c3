"""Summary tables of the report, selected and labelled from the analysis tables."""

from __future__ import annotations

import pandas as pd

from techvet_survey._numbers import localise_number, number_separator, percent
from techvet_survey._validation import check_columns, check_dataframe
from techvet_survey.codebook import Codebook
from techvet_survey.report._messages import text as message

INVARIANCE_COLUMNS = ("level", "comparable", "freed", "cfi", "rmsea", "srmr", "reason", "caveat")
RELIABILITY_COLUMNS = ("by", "level", "n", "k", "alpha", "ci_low", "ci_high", "omega_total")


def sample_sizes(survey: pd.DataFrame, by=("country", "group")) -> pd.DataFrame:
    """Respondents kept per combination of `by` (rows with a missing key left out).

    Examples
    --------
    >>> survey = pd.DataFrame({"country": ["FI", "FI", "LV", None],
    ...                        "group": ["student", "student", "teacher", "student"]})
    >>> sample_sizes(survey)
      country    group  n
    0      FI  student  2
    1      LV  teacher  1
    """
    check_dataframe(survey, "survey")
    by = check_columns(survey, list(by), "by")
    counts = survey.dropna(subset=by).groupby(by, sort=True).size()
    return counts.rename("n").reset_index()


def _with_titles(table: pd.DataFrame, codebook: Codebook, lang: str) -> pd.DataFrame:
    titles = table["scale"].map(lambda scale: codebook.scale_label(scale, lang))
    return table.assign(title=titles)


def invariance_summary(
    invariance: pd.DataFrame, codebook: Codebook | None = None, *, lang: str = "en"
) -> pd.DataFrame:
    """The invariance verdict per scale: the level reached, whether country means may be
    compared, the freed intercepts, the fit of the final model and (in English, as the
    analysis words them) the reason and the caveat.

    `invariance` is the ``survey_invariance`` table of the analysis.
    """
    book = codebook or Codebook.load()
    check_columns(invariance, ["scale", *INVARIANCE_COLUMNS], "invariance")
    table = _with_titles(invariance, book, book.check_language(lang))
    columns = list(INVARIANCE_COLUMNS)
    if lang != "en":
        # the analysis words its reason and caveat in English; the findings state the
        # caveat in the report's language
        columns = [column for column in columns if column not in ("reason", "caveat")]
    return table[["scale", "title", *columns]]


def reliability_summary(
    reliability: pd.DataFrame,
    codebook: Codebook | None = None,
    *,
    lang: str = "en",
    by=("overall", "country"),
) -> pd.DataFrame:
    """Alpha (with its interval) and omega per scale, overall and by country.

    `reliability` is the ``survey_reliability`` table of the analysis; `by` chooses its
    rows (``"overall"``, ``"country"``, ``"group"``).
    """
    book = codebook or Codebook.load()
    check_columns(reliability, ["scale", *RELIABILITY_COLUMNS], "reliability")
    rows = reliability[reliability["by"].isin(list(by))]
    table = _with_titles(rows, book, book.check_language(lang))
    return table[["scale", "title", *RELIABILITY_COLUMNS]].reset_index(drop=True)


def assessment_summary(reliability: pd.DataFrame, decision: pd.DataFrame) -> pd.DataFrame:
    """One row: the test's alpha (KR-20) with its interval, SEM, IRT marginal reliability,
    and the pass/fail decision at the cut score (pass rate, agreement, kappa).

    `reliability` and `decision` are the ``test_reliability`` and ``test_decision``
    tables of the analysis.
    """
    check_columns(reliability, ["alpha", "ci_low", "ci_high", "n", "k", "sem"], "reliability")
    check_columns(decision, ["method", "cut_score", "pass_rate", "p0", "kappa"], "decision")
    first = reliability.iloc[[0]].reset_index(drop=True)
    columns = ["n", "k", "alpha", "ci_low", "ci_high", "sem"]
    if "irt_marginal_reliability" in first.columns:
        columns.append("irt_marginal_reliability")
    decided = decision.iloc[[0]][["method", "cut_score", "pass_rate", "p0", "kappa"]]
    decided = decided.rename(columns={"method": "decision_method"}).reset_index(drop=True)
    return pd.concat([first[columns], decided], axis=1)


def _suppressed_count(n: int, total: int, min_n: int, lang: str = "en") -> str:
    if 0 < n < min_n:
        return f"< {min_n}"
    return f"{n} ({percent(f'{100 * n / total:.0f}', lang)})" if total else str(n)


def sample_description(
    survey: pd.DataFrame,
    codebook: Codebook | None = None,
    *,
    lang: str = "en",
    min_n: int = 5,
    by: str = "country",
) -> pd.DataFrame:
    """The respondents by `by` and background item: n (%) per category, the years of
    experience as median [quartiles]; a count below `min_n` shown as ``< min_n``.

    The background items are the respondent group, gender, age band and technology
    field (labels from the codebook); percentages are of the column's respondents.

    Examples
    --------
    >>> survey = pd.DataFrame({"country": ["FI"] * 6 + ["LV"] * 2,
    ...                        "group": ["student"] * 8, "gender": [1, 1, 1, 1, 1, 2, 1, 1]})
    >>> sample_description(survey).iloc[:3, :4]
      Characteristic    Category  Finland   Latvia
    0    Respondents           –        6        2
    1  I answer as  VET student  6 (100%)     < 5
    2         Gender       Woman  5 (83%)     < 5
    """
    book = codebook or Codebook.load()
    lang = book.check_language(lang)
    check_columns(survey, [by], "survey")
    levels = sorted(map(str, survey[by].dropna().unique()))
    labels = {
        level: book.country_label(level, lang) if by == "country" else level for level in levels
    }
    characteristic, category = message("col.characteristic", lang), message("col.category", lang)
    columns = {labels[level]: survey[survey[by] == level] for level in levels}
    columns[message("col.total", lang)] = survey
    rows = [
        {
            characteristic: message("col.respondents", lang),
            category: "–",
            **{k: str(len(v)) for k, v in columns.items()},
        }
    ]
    for item in ("group", "gender", "age_band", "field"):
        if item not in survey:
            continue
        text = book.question_text(item, lang)
        if item == "group":
            values = {g: book.group_label(g, lang) for g in book.groups["group"]}
        else:
            values = book.background_values(item, lang)
        for code, label in values.items():
            row = {characteristic: text, category: label}
            for name, part in columns.items():
                answered = part[item].notna().sum()
                n = (
                    int((part[item].astype("object") == code).sum())
                    if item == "group"
                    else int((pd.to_numeric(part[item], errors="coerce") == code).sum())
                )
                row[name] = _suppressed_count(n, answered, min_n, lang)
            if any(row[name] != f"0 ({percent('0', lang)})" for name in columns):
                rows.append(row)
    if "experience_years" in survey:
        row = {
            characteristic: book.question_text("experience_years", lang),
            category: message("value.median_quartiles", lang),
        }
        for name, part in columns.items():
            years = pd.to_numeric(part["experience_years"], errors="coerce").dropna()
            quartiles = number_separator(lang).join(
                f"{years.quantile(q):.0f}" for q in (0.25, 0.75)
            )
            row[name] = (
                f"{years.median():.0f} [{quartiles}]" if len(years) >= min_n else f"n < {min_n}"
            )
        rows.append(row)
    return pd.DataFrame(rows)


def item_means(
    descriptives: pd.DataFrame, codebook: Codebook | None = None, *, lang: str = "en"
) -> pd.DataFrame:
    """Each item's mean and share agreeing per country, ``3.53 (56%)``, beside its
    wording; a suppressed cell is ``–``.

    `descriptives` is the ``survey_descriptives`` table of the analysis.
    """
    book = codebook or Codebook.load()
    lang = book.check_language(lang)
    check_columns(
        descriptives, ["by", "kind", "value", "level", "mean", "agree_share"], "descriptives"
    )
    rows = descriptives[(descriptives["by"] == "country") & (descriptives["kind"] == "item")]

    def cell(row) -> str:
        if bool(row.get("suppressed", False)) or pd.isna(row["mean"]):
            return "–"
        share = row["agree_share"]
        share = "" if pd.isna(share) else f" ({percent(f'{100 * share:.0f}', lang)})"
        return localise_number(f"{row['mean']:.2f}", lang) + share

    table = rows.assign(cell=rows.apply(cell, axis=1)).pivot(
        index="value", columns="level", values="cell"
    )
    order = [item for item in book.items["item"] if item in table.index]
    table = table.loc[order]
    table.columns = [book.country_label(str(c), lang) for c in table.columns]
    wording = [book.item_text(item, lang) for item in order]
    return pd.concat(
        [
            pd.DataFrame({message("col.item", lang): order, message("col.wording", lang): wording}),
            table.reset_index(drop=True),
        ],
        axis=1,
    )


def comparable_latent_means(
    latent: pd.DataFrame | None, invariance: pd.DataFrame | None
) -> pd.DataFrame | None:
    """The latent country means of the scales whose means the invariance analysis found
    comparable (scalar or partial scalar invariance), with their interval and test
    against the reference country; None when either table is absent.

    `latent` and `invariance` are the ``survey_latent_means`` and ``survey_invariance``
    tables of the analysis.
    """
    if latent is None or invariance is None:
        return None
    check_columns(latent, ["scale", "group", "est", "se", "ci_low", "ci_high", "p_val"], "latent")
    check_columns(invariance, ["scale", "comparable"], "invariance")
    comparable = invariance.loc[invariance["comparable"].astype(bool), "scale"]
    rows = latent[latent["scale"].isin(comparable)]
    return rows[["scale", "group", "est", "se", "ci_low", "ci_high", "p_val"]].reset_index(
        drop=True
    )
