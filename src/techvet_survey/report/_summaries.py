"""Summary tables of the report, selected and labelled from the analysis tables."""

from __future__ import annotations

import pandas as pd

from techvet_survey._validation import check_columns, check_dataframe
from techvet_survey.codebook import Codebook

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
    compared, the freed intercepts, the fit of the final model and the caveat.

    `invariance` is the ``survey_invariance`` table of the analysis.
    """
    book = codebook or Codebook.load()
    check_columns(invariance, ["scale", *INVARIANCE_COLUMNS], "invariance")
    table = _with_titles(invariance, book, book.check_language(lang))
    return table[["scale", "title", *INVARIANCE_COLUMNS]]


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
