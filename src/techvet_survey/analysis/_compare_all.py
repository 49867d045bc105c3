"""`compare_all`: the whole country and respondent-group comparison of the survey."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from techvet_survey._results import Result
from techvet_survey._stats import (
    METHODS,
    P_ADJUST_METHODS,
    adjust_p,
    as_column_list,
    random_generator,
)
from techvet_survey._validation import check_argument, check_columns, check_dataframe
from techvet_survey.cfa import measurement_invariance
from techvet_survey.codebook import Codebook
from techvet_survey.compare import (
    MultiselectComparison,
    compare_many,
    crosstab_multiselect,
    describe,
)
from techvet_survey.privacy import DEFAULT_MIN_N, suppress_small_cells
from techvet_survey.reliability import cronbach_alpha, omega
from techvet_survey.scales import scale_item_table, score_scales

FAMILY_ADJUSTMENTS = tuple(method for method in P_ADJUST_METHODS if method != "none")
_KEYS = ["by", "level", "kind", "scale", "value"]
_RELIABILITY = ["alpha", "ci_low", "ci_high", "omega_total"]
_FIT = ("cfi", "rmsea", "srmr", "delta_cfi", "delta_rmsea", "delta_srmr")
_INVARIANCE_COLUMNS = [
    "scale",
    "level",
    "comparable",
    "freed",
    "n_freed",
    *_FIT,
    "n",
    "reason",
    "rule",
    "caveat",
]


@dataclass(frozen=True)
class CountryComparison(Result):
    """Result of :func:`compare_all`: every table of the country/group comparison.

    Attributes
    ----------
    descriptives : DataFrame
        One row per scale score or item and group: ``by`` (the grouping column),
        ``level`` (its value), ``kind`` (``"scale"``/``"item"``), ``scale``, ``value``
        (the scale id or item), :func:`describe`'s statistics (items with the top-2-box
        ``agree_share`` and its Wilson interval: the share agreeing with the statement
        as worded, also for reverse-keyed items), ``suppressed``, ``comparable``.
    omnibus : DataFrame
        One row per scale or item and grouping column: ``family``, ``n_family``,
        ``by``, ``kind``, ``scale``, ``value``, the Welch (or Kruskal-Wallis) test,
        ``p_val`` and ``p_adj`` (adjusted within the row's family: the scale tests form
        the confirmatory family, the item tests a separate exploratory one), the effect
        size, and ``comparable``.
    pairwise : DataFrame
        Post-hoc rows (Games-Howell or Dunn) for the scale scores, with ``by``,
        ``scale``, ``value`` and ``comparable``.
    reliability : DataFrame
        Alpha with Feldt's interval and one-factor omega per scale, overall
        (``by = "overall"``) and by each level of each grouping column.
    channels, channel_shares : DataFrame
        :func:`crosstab_multiselect` of the contact channels by country (tests, with
        ``p_adj`` across options; shares with Wilson intervals).
    invariance : DataFrame
        One row per scale: the highest invariance level across countries that holds,
        ``comparable`` (whether country means may be compared), the freed intercepts,
        the fit of the final model, ``reason``, the decision ``rule`` with its cut-offs
        (:func:`measurement_invariance`'s default, Chen 2007) and the ``caveat`` for the
        report.
    invariance_ladder : DataFrame
        Every level of every scale's ladder (fit indices; each criterion's change,
        cut-off and verdict; the reason).
    freed_intercepts : DataFrame
        The intercepts freed for partial scalar invariance: scale, item, group, score test.
    latent_means : DataFrame
        Latent country means of each scale's (partial) scalar model, relative to the
        first country.
    """

    descriptives: pd.DataFrame
    omnibus: pd.DataFrame
    pairwise: pd.DataFrame
    reliability: pd.DataFrame
    channels: pd.DataFrame
    channel_shares: pd.DataFrame
    invariance: pd.DataFrame
    invariance_ladder: pd.DataFrame
    freed_intercepts: pd.DataFrame
    latent_means: pd.DataFrame


def compare_all(
    clean,
    codebook: Codebook | None = None,
    *,
    by: str | Sequence[str] = ("country", "group"),
    method: str = "welch",
    p_adjust: str = "holm",
    min_n: int = DEFAULT_MIN_N,
    items: bool = True,
    min_valid: float = 0.5,
    invariance_group: str | None = "country",
    estimator: str = "MLR",
    nan_policy: str = "fiml",
    ci: float = 0.95,
    seed=None,
) -> CountryComparison:
    """Compare every guidance scale (and item) across countries and respondent groups.

    Parameters
    ----------
    clean : CleaningResult or DataFrame
        The cleaning result (its ``.survey`` table is used) or a survey table of the same
        shape: one row per respondent, the Likert items recoded (1-5, NaN missing),
        the grouping columns and ``channels_<option>`` indicators.
    codebook : Codebook, optional
        The instrument (scales, items, channel options); the bundled one when omitted.
    by : str or sequence of str
        Grouping columns; each is compared on its own (country, then group).
    method : {"welch", "kruskal"}
        Omnibus and post-hoc tests of :func:`compare_groups`.
    p_adjust : {"holm", "fdr_bh", "bonferroni"}
        Multiplicity correction within each family of omnibus tests: the confirmatory
        family of the scale scores (every scale by every `by` column) and, with `items`,
        the exploratory family of the items (every item by every `by` column), adjusted
        apart so that the descriptive item tests do not dilute the scale tests. Holm by
        default, Benjamini-Hochberg with ``"fdr_bh"``.
    min_n : int
        Small-cell minimum: groups with fewer respondents are suppressed in every
        table (:func:`techvet_survey.privacy.suppress_small_cells`) and left out of the
        tests, with a warning.
    items : bool
        Also describe and test every item (in their own, exploratory family).
    min_valid : float
        Min-valid share of :func:`techvet_survey.scales.score_scales`.
    invariance_group : str or None
        The column whose groups the measurement-invariance ladder compares (country);
        None skips the invariance analysis (the ``comparable`` flags are then NA).
    ci : float
        Level of every confidence interval.
    estimator : {"MLR", "ML"}
        Estimator of the invariance ladder (:func:`techvet_survey.cfa.measurement_invariance`):
        robust ML by default, since five-point items are not normal (Rhemtulla,
        Brosseau-Liard & Savalei 2012); its fit columns are then the robust indices.
    nan_policy : {"fiml", "listwise"}
        Missing answers in the ladder: full-information ML by default, so a respondent
        who skipped an item still counts.
    seed : int, numpy Generator or None
        Seed of the bootstrap (Kruskal-Wallis) and Monte Carlo (Fisher) parts.

    Returns
    -------
    CountryComparison
        Tidy tables; see the class.

    Notes
    -----
    Scale scores are item means under the min-valid rule. Each omnibus test is run
    once; the m p-values of a family are adjusted together (the scale tests form the
    confirmatory family, the item tests a separate exploratory one), Holm:
    p₍ᵢ₎ → max_{j ≤ i} min(1, (m − j + 1)p₍ⱼ₎), or Benjamini-Hochberg:
    p₍ᵢ₎ → min_{j ≥ i} min(1, m p₍ⱼ₎/j) [1]_ [2]_. Post-hoc p-values are adjusted within
    each scale (the studentized range of Games-Howell).

    Country means of a scale may be compared when scalar invariance, or partial scalar
    invariance with freed intercepts, holds across countries [3]_ (``comparable``);
    under partial invariance the observed score still contains the non-invariant item,
    so the caveat points to the latent means. Rows of items and of other grouping
    columns have ``comparable`` NA.

    R equivalent: ``oneway.test`` / ``rstatix::games_howell_test`` per scale and item,
    ``p.adjust(p, "holm")`` over the scale tests and apart over the item tests,
    ``psych::alpha``/``psych::omega`` per group,
    ``semTools::measEq.syntax``/``lavaan::cfa(group.equal = ...)`` per scale.

    References
    ----------
    .. [1] Holm, S. (1979). A simple sequentially rejective multiple test procedure.
       Scandinavian Journal of Statistics, 6, 65-70.
    .. [2] Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate.
       JRSS B, 57, 289-300.
    .. [3] Byrne, B. M., Shavelson, R. J., & Muthén, B. (1989). Testing for the
       equivalence of factor covariance and mean structures: the issue of partial
       measurement invariance. Psychological Bulletin, 105, 456-466.

    Examples
    --------
    >>> from techvet_survey.synth import survey_design
    >>> from techvet_survey.synth._survey import simulate_cell, clean_values
    >>> from techvet_survey.synth._pii import PiiFactory
    >>> book = Codebook.load()
    >>> design, rng = survey_design(book), np.random.default_rng(1)
    >>> frame = pd.concat([simulate_cell(design, c, "student", 40, rng, PiiFactory(), "en")
    ...                    for c in ("FI", "LV")], ignore_index=True)
    >>> result = compare_all(clean_values(frame, design), book, by="country",
    ...                      items=False, invariance_group=None)
    >>> result.omnibus[["value", "p_adj"]].head(2).round(4)
      value   p_adj
    0    gw  0.0062
    1    cg  0.8012
    """
    survey = _survey_table(clean)
    book = codebook or Codebook.load()
    by = check_columns(survey, as_column_list(by), "by")
    check_argument("method", METHODS, method)
    check_argument("p_adjust", FAMILY_ADJUSTMENTS, p_adjust)
    item_table = scale_item_table(book)
    scores = score_scales(survey, book, min_valid=min_valid)
    data = pd.concat([survey.drop(columns=scores.columns, errors="ignore"), scores], axis=1)
    scales = list(scores.columns)
    item_names = item_table["item"].tolist() if items else []
    scale_of = dict(zip(item_table["item"], item_table["scale"], strict=True))
    scale_of.update({scale: scale for scale in scales})
    tested_by = _comparable_groupings(data, by, min_n)
    if invariance_group is not None and invariance_group not in tested_by:
        check_columns(data, [invariance_group], "invariance_group")
        invariance_group = None  # one country: nothing to compare, nothing to check
    fitting = {"estimator": estimator, "nan_policy": nan_policy}
    invariance = _invariance(data, book, scales, invariance_group, min_n, fitting)
    comparable = invariance["tables"]["invariance"].set_index("scale")["comparable"]
    descriptives = _descriptives(data, book, scales, item_names, by, ci, min_n)
    omnibus, pairwise = _tests(data, scales, item_names, tested_by, method, ci, seed, min_n)
    omnibus = _adjust_family(omnibus, p_adjust)
    tables = {
        name: _annotate(table, scale_of, comparable, invariance_group)
        for name, table in (
            ("descriptives", descriptives),
            ("omnibus", omnibus),
            ("pairwise", pairwise),
        )
    }
    channels = _channels(data, book, min_n, ci, seed, "country" in tested_by)
    return CountryComparison(
        **tables,
        reliability=_reliability(data, book, scales, by, ci, min_n),
        channels=channels.tests,
        channel_shares=channels.shares,
        **invariance["tables"],
    )


def _survey_table(clean) -> pd.DataFrame:
    survey = getattr(clean, "survey", clean)
    if not isinstance(survey, pd.DataFrame):
        raise TypeError(
            f"`clean` must be the result of clean_study() or its survey DataFrame; got "
            f"{type(clean).__name__}."
        )
    return check_dataframe(survey, "clean")


def _long_keys(table: pd.DataFrame, group: str, kind: str) -> pd.DataFrame:
    """Rename describe()/compare_many() output to the shared keys by/level/kind/value."""
    table = table.rename(columns={"variable": "value", group: "level"})
    table.insert(0, "by", group)
    table.insert(1, "kind", kind)
    return table


def _descriptives(data, book, scales, item_names, by, ci, min_n) -> pd.DataFrame:
    top_box = _top_two_codes(book)
    tables = []
    for group in by:
        tables.append(
            _long_keys(describe(data, scales, by=group, ci=ci, min_n=min_n), group, "scale")
        )
        # The agree share describes the statement as worded: for reverse-keyed
        # items (recoded so that high = more capability) agreeing is the bottom codes.
        reverse = set(book.reverse_items())
        codes = sorted(book.value_labels(book.scales["response_scale"].iloc[0]))
        bottom_box = tuple(sorted(codes[0] + codes[-1] - code for code in top_box))
        for names, box in (
            ([item for item in item_names if item not in reverse], top_box),
            ([item for item in item_names if item in reverse], bottom_box),
        ):
            if names:
                described = describe(data, names, by=group, ci=ci, min_n=min_n, top_box=box)
                tables.append(_long_keys(described, group, "item"))
    return pd.concat(tables, ignore_index=True)


def _top_two_codes(book: Codebook) -> tuple:
    response_scales = set(book.scales["response_scale"])
    codes = {tuple(sorted(book.value_labels(name))[-2:]) for name in response_scales}
    if len(codes) != 1:
        raise ValueError(
            f"The codebook's scales use response scales with different top codes {codes}; "
            "compare_all describes items on one agree-disagree scale."
        )
    return codes.pop()


def _comparable_groupings(data, by, min_n) -> list[str]:
    """The grouping columns with at least two groups of `min_n` respondents.

    A study of one country (a partner analysing its own data) or of one respondent
    group has nothing to test across that column: it gets descriptives only, with a
    warning that says so.
    """
    usable = []
    for group in by:
        sizes = data[group].value_counts()
        large = int((sizes >= max(min_n, 2)).sum())
        if large >= 2:
            usable.append(group)
            continue
        levels = ", ".join(map(repr, sorted(map(str, sizes.index)))) or "none"
        warnings.warn(
            f"`{group}` has {large} group(s) of at least {max(min_n, 2)} respondents "
            f"(levels: {levels}): nothing to compare, so no tests or invariance check "
            f"by {group}; descriptives only.",
            UserWarning,
            stacklevel=3,
        )
    return usable


def _tests(data, scales, item_names, by, method, ci, seed, min_n):
    if not by:
        columns = ["by", "kind", "value", "test", "statistic", "df1", "df2", "p_val"]
        omnibus = pd.DataFrame({column: pd.Series(dtype="float64") for column in columns})
        omnibus[["by", "kind", "value", "test"]] = omnibus[["by", "kind", "value", "test"]].astype(
            "object"
        )
        return omnibus, pd.DataFrame(columns=["by", "kind", "value"])
    omnibus, pairwise = [], []
    generator = random_generator(seed)
    for group in by:
        tested = _without_small_groups(data, group, min_n)
        options = {"group": group, "method": method, "ci": ci, "seed": generator, "min_n": min_n}
        on_scales = compare_many(tested, scales, p_adjust="none", **options)
        omnibus.append(_long_keys(on_scales.omnibus, group, "scale"))
        pairwise.append(_long_keys(on_scales.pairwise, group, "scale"))
        if item_names:
            on_items = compare_many(tested, item_names, p_adjust="none", pairwise=False, **options)
            omnibus.append(_long_keys(on_items.omnibus, group, "item"))
    omnibus = pd.concat(omnibus, ignore_index=True).drop(columns="p_adj")
    pairwise = pd.concat(pairwise, ignore_index=True)
    return omnibus, pairwise


def _without_small_groups(data: pd.DataFrame, group: str, min_n: int) -> pd.DataFrame:
    """Leave groups below the small-cell minimum out of the tests (with a warning)."""
    sizes = data[group].value_counts()
    small = sorted(map(str, sizes.index[sizes < min_n]))
    if not small:
        return data
    warnings.warn(
        f"`{group}` level(s) {', '.join(map(repr, small))} have fewer than `min_n`={min_n} "
        "respondents: left out of the tests (their descriptives are suppressed).",
        UserWarning,
        stacklevel=4,
    )
    return data[~data[group].astype(str).isin(small)]


FAMILIES = {"scale": "confirmatory", "item": "exploratory"}
"""The family of each kind of omnibus test: the scale scores answer the study's questions
(confirmatory); the items only describe where a difference lies (exploratory)."""


def _adjust_family(omnibus: pd.DataFrame, p_adjust: str) -> pd.DataFrame:
    """Adjust the p values within each family (:data:`FAMILIES`): the scale tests by every
    grouping column together, and apart from them the item tests."""
    omnibus = omnibus.copy()
    adjusted = pd.Series(np.nan, index=omnibus.index)
    family = pd.Series("", index=omnibus.index, dtype="object")
    size = pd.Series(0, index=omnibus.index, dtype="int64")
    groups = ", ".join(dict.fromkeys(omnibus["by"]))
    for kind, name in FAMILIES.items():
        rows = omnibus["kind"] == kind
        if not rows.any():
            continue
        p_val = omnibus.loc[rows, "p_val"].to_numpy()
        adjusted[rows] = adjust_p(p_val, p_adjust)
        family[rows] = f"{name}: {kind}s by {groups} ({p_adjust})"
        size[rows] = int(np.isfinite(p_val).sum())
    omnibus.insert(omnibus.columns.get_loc("p_val") + 1, "p_adj", adjusted.to_numpy())
    omnibus.insert(0, "family", family.to_numpy())
    omnibus.insert(1, "n_family", size.to_numpy())
    return omnibus


def _annotate(table, scale_of, comparable, invariance_group) -> pd.DataFrame:
    """Add ``scale`` and ``comparable`` (scale rows of the invariance grouping only)."""
    table = table.copy()
    table.insert(table.columns.get_loc("value"), "scale", table["value"].map(scale_of))
    by_country = (table["by"] == invariance_group) & (table["kind"] == "scale")
    flags = table["scale"].map(comparable).astype("boolean")
    table["comparable"] = flags.where(by_country, pd.NA)
    return table


def _reliability(data, book, scales, by, ci, min_n) -> pd.DataFrame:
    rows = []
    subsets = [("overall", "all", data)]
    for group in by:
        labelled = data[data[group].notna()]
        subsets += [(group, level, part) for level, part in labelled.groupby(group, sort=True)]
    for scale in scales:
        items = book.scale_items(scale)
        for group, level, part in subsets:
            rows.append(
                {
                    "scale": scale,
                    "by": group,
                    "level": level,
                    **_reliability_row(part, items, scale, ci, min_n),
                }
            )
    table = pd.DataFrame(rows)
    return suppress_small_cells(table, n_col="n", min_n=min_n, value_cols=_RELIABILITY)


def _reliability_row(part, items, scale, ci, min_n) -> dict:
    answered = int(part[items].notna().any(axis=1).sum())
    empty = {column: np.nan for column in _RELIABILITY} | {"n": answered, "k": len(items)}
    if answered < max(min_n, 3):
        return empty
    try:
        alpha = cronbach_alpha(part, items, ci=ci, ci_method="feldt").iloc[0]
        omega_total = omega(part, items, n_factors=1)["omega_total"].iloc[0]
    except (ValueError, np.linalg.LinAlgError) as error:
        warnings.warn(
            f"Reliability of scale {scale!r} cannot be computed for this group ({error}); NaN.",
            UserWarning,
            stacklevel=4,
        )
        return empty
    return {
        "alpha": alpha["alpha"],
        "ci_low": alpha["ci_low"],
        "ci_high": alpha["ci_high"],
        "omega_total": omega_total,
        "n": int(alpha["n"]),
        "k": int(alpha["k"]),
    }


def _channels(data, book, min_n, ci, seed, several_countries: bool):
    options = [f"channels_{option}" for option in book.multiselect_options()]
    present = [option for option in options if option in data.columns]
    if not present or not several_countries:
        return MultiselectComparison(tests=pd.DataFrame(), shares=pd.DataFrame())
    return crosstab_multiselect(data, present, group="country", min_n=min_n, ci=ci, seed=seed)


def _invariance(data, book, scales, group, min_n, fitting: dict) -> dict:
    if group is None:
        empty = pd.DataFrame(columns=_INVARIANCE_COLUMNS)
        return {
            "tables": {
                "invariance": empty,
                "invariance_ladder": pd.DataFrame(),
                "freed_intercepts": pd.DataFrame(),
                "latent_means": pd.DataFrame(),
            }
        }
    check_columns(data, [group], "invariance_group")
    data = _without_small_groups(data, group, min_n)
    summary, ladders, freed, means = [], [], [], []
    for scale in scales:
        result = measurement_invariance(data, book.scale_items(scale), group=group, **fitting)
        verdict = result.verdict.iloc[0]
        ladder = result.ladder
        final = ladder[ladder["level"] == verdict["level"]]
        fit = final.iloc[0] if len(final) else pd.Series(dtype=float)
        summary.append(
            {
                "scale": scale,
                "level": verdict["level"],
                "comparable": bool(result.comparable_means),
                "freed": ", ".join(
                    f"{row.item} ({row.group})" for row in result.freed.itertuples()
                ),
                "n_freed": len(result.freed),
                **{name: _fit_value(fit, name) for name in _FIT},
                "n": fit.get("n", np.nan),
                "reason": result.reason,
                "rule": result.rule,
                "caveat": _caveat(scale, verdict["level"], result),
            }
        )
        ladders.append(ladder.assign(scale=scale))
        freed.append(result.freed.assign(scale=scale))
        means.append(result.latent_means.assign(scale=scale))

    def stacked(frames):
        table = pd.concat(frames, ignore_index=True)
        return table[["scale", *[c for c in table.columns if c != "scale"]]]

    return {
        "tables": {
            "invariance": pd.DataFrame(summary, columns=_INVARIANCE_COLUMNS),
            "invariance_ladder": stacked(ladders),
            "freed_intercepts": stacked(freed),
            "latent_means": stacked(means),
        }
    }


def _fit_value(fit, name: str) -> float:
    """A fit index of the final model: the robust one where the estimator gives it."""
    robust = fit.get(f"{name}_robust", np.nan)
    return robust if pd.notna(robust) else fit.get(name, np.nan)


def _caveat(scale: str, level: str, result) -> str:
    if level == "scalar":
        return ""
    if result.comparable_means:
        freed = ", ".join(f"{row.item} in {row.group}" for row in result.freed.itertuples())
        return (
            f"Scale {scale!r}: only partial scalar invariance holds (intercept freed: "
            f"{freed}). Latent country means are comparable; the observed scale mean "
            "still contains the non-invariant item, so report latent means or read the "
            "observed differences involving that country with care."
        )
    return f"Scale {scale!r}: country means are not comparable: {result.reason}."
