"""`measurement_invariance`: the configural / metric / scalar (/ strict) ladder."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._results import Result
from techvet_survey._stats.blas import single_threaded_blas
from techvet_survey.cfa._estimation import MAX_ITERATIONS
from techvet_survey.cfa._fit import CfaResult, check_estimator, package, resolve_ordered, solve
from techvet_survey.cfa._fit_ordinal import ORDINAL_ESTIMATORS
from techvet_survey.cfa._indices import FIT_COLUMNS, ROBUST_COLUMNS
from techvet_survey.cfa._invariance_ordinal import (
    FREED_COLUMNS,
    OrdinalLadder,
    freed_words,
    ordinal_verdict,
)
from techvet_survey.cfa._model import ModelSpec, parse_model
from techvet_survey.cfa._moments import SampleMoments, sample_moments
from techvet_survey.cfa._ordinal import ordinal_moments
from techvet_survey.cfa._rules import (
    CRITERION_COLUMNS,
    InvarianceRule,
    baseline_step,
    judged_step,
)
from techvet_survey.cfa._score import SCORE_COLUMNS, score_tests
from techvet_survey.cfa._score_ordinal import ordinal_score_tests
from techvet_survey.cfa._summary import ladder_sections
from techvet_survey.errors import ArgumentError

LEVEL_CONSTRAINTS = {
    "configural": (),
    "metric": ("loadings",),
    "scalar": ("loadings", "intercepts"),
    "strict": ("loadings", "intercepts", "residuals"),
}
LADDER_COLUMNS = (
    "level",
    "equal",
    "freed",
    *FIT_COLUMNS,
    *ROBUST_COLUMNS,
    "n",
    "converged",
    "estimator",
    "nan_policy",
    "compared_with",
    "diff_test",
    "chi2_diff",
    "df_diff",
    "scaling_diff",
    *CRITERION_COLUMNS,
    "invariant",
    "reason",
)


@dataclass(frozen=True)
class InvarianceResult(Result):
    """The measurement-invariance ladder and what it allows.

    Attributes
    ----------
    ladder : DataFrame
        One row per level (configural, metric, scalar, partial_scalar when intercepts were
        freed, strict on request; for ordered items configural, thresholds,
        partial_thresholds when thresholds were freed, metric, scalar, partial_scalar):
        ``freed`` (the parameters the level leaves free, lavaan notation with the group:
        "x3~1 (NL)", "x5|t4 (NL)"), fit indices (with the robust ones of :class:`CfaResult`
        under MLR, the scaled ones under WLSMV), ``estimator`` and ``nan_policy``; against
        the level in ``compared_with``: ``diff_test`` ("likelihood.ratio" under ML,
        "satorra.bentler.2001" under MLR, "satorra.2000" under WLSMV), ``chi2_diff``,
        ``df_diff``, ``scaling_diff`` (the Satorra-Bentler c_d; 1/a under WLSMV; NaN under
        ML) and, for each criterion (``delta_cfi``, ``delta_rmsea``, ``delta_srmr``,
        ``p_diff`` of the chi-square difference test), its value, ``<criterion>_cutoff``
        (NaN where the rule does not consult it) and ``<criterion>_past_cutoff`` (True when
        the change signals non-invariance); ``invariant`` (the rule's verdict; NA for
        configural) and ``reason`` (why, in words).
    freed : DataFrame
        The parameters freed for partial invariance, in order: step, item, parameter
        (lavaan syntax: "x3 ~ 1" for an intercept, "x5 | t4" for a threshold of an
        ordered item), group, chi2 / p_val of the univariate score test that chose it,
        and the fit after freeing it (cfi, rmsea, srmr, delta_cfi, delta_rmsea,
        delta_srmr against the level compared with, invariant, reason; under MLR the
        deltas are those of the robust CFI and RMSEA, under WLSMV of the scaled ones).
    score_tests : DataFrame
        Univariate score tests of every constraint of the full scalar model (lavaan
        ``lavTestScore(scalar)$uni``): kind, lhs, op, rhs, group, chi2, df, p_val; for
        ordered items the loadings, thresholds and intercepts (see Ordered items).
    latent_means : DataFrame
        Latent means of the (partial) scalar model relative to the reference group:
        group, factor, est, se, z, p_val, ci_low, ci_high (95%).
    verdict : DataFrame
        One row: comparable_means, level (the highest level that holds), freed, reason,
        rule.
    comparable_means : bool
        Whether latent means may be compared across groups.
    reason : str
        Why (or why not), in words for the report.
    rule : str
        The decision rule and the cut-offs in use, with the group sizes they were chosen
        from.
    models : dict
        The fitted :class:`CfaResult` of each ladder level.
    """

    ladder: pd.DataFrame
    freed: pd.DataFrame
    score_tests: pd.DataFrame
    latent_means: pd.DataFrame
    verdict: pd.DataFrame
    comparable_means: bool
    reason: str
    rule: str
    models: dict = field(repr=False)

    def _summary_sections(self):
        return ladder_sections(self.ladder, self.freed, self.latent_means, self.reason, self.rule)


def measurement_invariance(
    data: pd.DataFrame,
    items,
    *,
    group: str,
    strict: bool = False,
    partial: bool = True,
    rule: str = "chen2007",
    small_sample: bool | None = None,
    significance: float = 0.05,
    score_significance: float = 0.05,
    min_invariant: int = 2,
    estimator: str | None = None,
    nan_policy: str | None = None,
    ordered=None,
    max_iter: int = MAX_ITERATIONS,
    **removed,
) -> InvarianceResult:
    """Test configural, metric, scalar (and strict) invariance across groups.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    items : mapping, str or list
        The measurement model: ``{factor: [items]}``, lavaan ``=~`` text, or a list of
        items (one factor).
    group : str
        Grouping column (e.g. country). The first group (first appearance, or the first
        category of a categorical column) is the reference group of the latent means.
    strict : bool
        Also test equal residual variances (on top of the final (partial) scalar model).
    partial : bool
        When scalar invariance fails (and metric holds), free intercepts one at a time,
        the largest univariate score test first, until the rule says it holds; for
        ordered items also thresholds when the thresholds level fails.
    rule : {"chen2007", "cheung_rensvold", "chisq"}
        How a level is judged against the one before it (see Notes). "chen2007": delta
        CFI supplemented by delta RMSEA or delta SRMR, with level-specific SRMR cut-offs
        and Chen's stricter cut-offs for small or unequal groups; "cheung_rensvold":
        delta CFI <= -0.01 alone; "chisq": the chi-square difference test at `significance`.
        (Replaces ``criteria=``, ``delta_cfi=`` and ``delta_rmsea=``.)
    small_sample : bool, optional
        Chen's small-sample cut-offs (True) or the regular ones (False); by default
        chosen from the group sizes: small-sample when the total n is at most 300 or the
        largest group has at least 1.5 times the respondents of the smallest. The choice
        and its basis are stated in ``rule``.
    significance : float
        Level of the chi-square difference test when ``rule="chisq"``.
    score_significance : float
        An intercept is freed only when its score test has p < `score_significance`.
    min_invariant : int
        Intercepts of a factor that must stay equal in each group (at least 2 keeps the
        latent mean comparison anchored; Steenkamp & Baumgartner 1998).
    estimator : {"ML", "MLR", "WLSMV", "DWLS", "ULSMV", "ULS"}, optional
        Normal-theory ML (the default for continuous items), or robust ML (lavaan
        ``estimator = "MLR"``): Huber-White standard errors, the Yuan-Bentler scaled
        chi-square, robust CFI / TLI / RMSEA, and Satorra-Bentler (2001) scaled
        difference tests (see Notes). For ordered items "WLSMV" (the default), "DWLS",
        "ULSMV" or "ULS" (see Ordered items).
    nan_policy : {"listwise", "fiml", "pairwise", "raise"}, optional
        Missing values: listwise deletion (lavaan's default, and ours for continuous
        items), full-information ML (lavaan ``missing = "ml"``: every respondent with at
        least one answer counts), or raise; for ordered items "pairwise" (the default),
        "listwise" or "raise".
    ordered : True or list of str, optional
        The items are ordered categories: run Wu & Estabrook's ladder (see Ordered
        items) instead of the configural / metric / scalar one.
    max_iter : int
        Most iterations of each optimiser attempt, per model.

    Returns
    -------
    InvarianceResult
        ``ladder``, ``freed``, ``score_tests``, ``latent_means``, ``verdict`` tables and
        the ``comparable_means`` flag with its ``reason``.

    Notes
    -----
    Levels (lavaan ``group.equal``): configural (same pattern), metric ("loadings"),
    scalar ("loadings", "intercepts"; latent means free in groups 2..G), strict (+
    "residuals"). Each level is compared with the one before it (partial scalar and
    strict with metric and with the final scalar model): chi2_diff = chi2_1 - chi2_0 on
    df_1 - df_0 (lavaan ``lavTestLRT``, the plain difference under ML), delta_cfi =
    CFI_1 - CFI_0, delta_rmsea = RMSEA_1 - RMSEA_0 and delta_srmr = SRMR_1 - SRMR_0.
    With ``estimator="MLR"`` chi2_diff is Satorra & Bentler's (2001) scaled difference
    (T_1 - T_0) / c_d, c_d = (df_1 c_1 - df_0 c_0) / (df_1 - df_0) from the unscaled
    statistics and the Yuan-Bentler scaling factors (``scaling_diff`` = c_d; lavaan
    ``lavTestLRT(method = "satorra.bentler.2001")``), and delta CFI and delta RMSEA are
    the changes in the robust CFI and RMSEA (``cfi_robust``, ``rmsea_robust``). The
    ladder's ``estimator``, ``nan_policy`` and ``diff_test`` columns say which were used.
    Score tests use the expected information whatever the estimator (lavaan's
    ``lavTestScore`` default).

    Ordered items (`ordered`): the Wu & Estabrook (2016) ladder configural ->
    thresholds -> metric -> scalar, each level identified as semTools'
    ``measEq.syntax(ID.cat = "Wu.Estabrook.2016", parameterization = "delta")`` and
    fitted as :func:`fit_cfa` fits ordered items; "thresholds" is judged with the
    intercept cut-offs. Under WLSMV (ULSMV) delta CFI and delta RMSEA are the changes
    in ``cfi_scaled`` and ``rmsea_scaled``, and chi2_diff is lavaan's ``lavTestLRT``
    difference for these estimators (``diff_test`` "satorra.2000": Satorra's (2000)
    scaled-and-shifted difference, a (T_1 - T_0) + b with a and b from the general
    model's U Gamma restricted to the constraints, ``scaling_diff`` = 1/a); under DWLS
    and ULS the plain difference. Strict invariance is not available for ordered
    items. Partial invariance: when the thresholds level fails, thresholds are freed
    one group and threshold at a time by their score tests, as intercepts are (an item
    keeps at least two equal thresholds in each group, which identify its free
    intercept and scale factor there; level "partial_thresholds", compared with
    configural), and stay free in the metric and scalar models; when scalar fails and
    metric holds, intercepts are freed (level "partial_scalar", compared with metric;
    `min_invariant` per factor). The score tests are lavaan's ``lavTestScore`` on the
    (D)WLS fit: the score of the discrepancy function and its expected information
    (lavaan falls back to this ordinary test under WLSMV). Wu & Estabrook's scalar model
    fixes the intercepts at 0 in every group, so an intercept's test is that of group
    k's intercept equal to group 1's zero (lavaan, for the same model written with free
    intercepts: ``nu.j.gk == nu.j.g1``).

    Rules. ``"chen2007"`` (the default; Chen 2007, recommendations of the discussion):
    a level is non-invariant when delta CFI <= -0.010 *supplemented by* delta RMSEA >=
    0.015 *or* delta SRMR >= 0.030 for loadings (metric) / 0.010 for intercepts (scalar,
    partial scalar) and residuals (strict). For small samples (total N <= 300) with
    unequal group sizes and a mixed pattern of non-invariance Chen recommends stricter
    cut-offs: delta CFI <= -0.005 supplemented by delta RMSEA >= 0.010 or delta SRMR >=
    0.025 (loadings) / 0.005 (intercepts, residuals). The pattern cannot be known
    beforehand, and Chen found the changes smaller when group sizes are unequal, so the
    stricter cut-offs are chosen when the total n is at most 300 *or* the groups are
    unequal, which Chen does not quantify: here the largest group has at least 1.5 times
    the respondents of the smallest, as a handful of respondents more in one group does
    not change the sampling distribution of the changes (`small_sample` overrides the
    choice). ``"cheung_rensvold"``: non-invariant when
    delta CFI <= -0.01, whatever RMSEA and SRMR do. ``"chisq"``: non-invariant when the
    chi-square difference test has p < `significance`: the likelihood ratio test under ML, the
    Satorra-Bentler (2001) scaled difference test under MLR.
    With country samples of hundreds the chi-square test rejects trivial differences,
    which is why the fit-index rules are the default.

    Partial invariance: the univariate score test of each remaining intercept equality
    constraint (group 1 = group k, as lavaan ``lavTestScore``) is computed on the current
    model; the largest significant one is released in that group only, the model refit,
    and the criteria checked against metric, until they hold or nothing can be freed.
    Latent means are comparable when metric invariance and (partial) scalar invariance
    hold.

    R equivalent: ``cfa(..., group = "g", group.equal = ...)`` per level,
    ``lavTestLRT()``, ``semTools::compareFit()`` and ``lavTestScore()``; for ordered
    items the models of ``semTools::measEq.syntax(..., ordered = items, ID.cat =
    "Wu.Estabrook.2016")`` fitted with ``estimator = "WLSMV"``.

    References
    ----------
    1. Chen, F. F. (2007). Sensitivity of goodness of fit indexes to lack of measurement
       invariance. Structural Equation Modeling, 14(3), 464-504.
    2. Cheung, G. W., & Rensvold, R. B. (2002). Evaluating goodness-of-fit indexes for
       testing measurement invariance. Structural Equation Modeling, 9(2), 233-255.
    3. Byrne, B. M., Shavelson, R. J., & Muthén, B. (1989). Testing for the equivalence
       of factor covariance and mean structures: the issue of partial measurement
       invariance. Psychological Bulletin, 105(3), 456-466.
    4. Steenkamp, J.-B. E. M., & Baumgartner, H. (1998). Assessing measurement
       invariance in cross-national consumer research. Journal of Consumer Research,
       25(1), 78-90.
    5. Satorra, A., & Bentler, P. M. (2001). A scaled difference chi-square test
       statistic for moment structure analysis. Psychometrika, 66(4), 507-514.
    6. Wu, H., & Estabrook, R. (2016). Identification of confirmatory factor analysis
       models of different levels of invariance for ordered categorical outcomes.
       Psychometrika, 81(4), 1014-1045.
    7. Satorra, A. (2000). Scaled and adjusted restricted tests in multi-sample
       analysis of moment structures. In Innovations in Multivariate Statistical
       Analysis (pp. 233-247). Kluwer.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(7)
    >>> country = np.repeat(["FI", "EE", "LV", "NL"], 150)
    >>> f = rng.normal(size=600) + (country == "NL") * 0.5
    >>> data = pd.DataFrame({f"q{j}": 0.8 * f + rng.normal(scale=0.6, size=600)
    ...                      for j in range(1, 5)}).assign(country=country)
    >>> result = measurement_invariance(data, ["q1", "q2", "q3", "q4"], group="country")
    >>> result.ladder[["level", "df", "invariant"]]
            level    df  invariant
    0  configural   8.0       <NA>
    1      metric  17.0       True
    2      scalar  26.0       True
    >>> result.comparable_means
    True
    >>> result.latent_means[["group", "est"]].round(2)
      group   est
    0    FI  0.00
    1    EE  0.01
    2    LV  0.05
    3    NL  0.27
    """
    _refuse_removed(removed)
    spec = parse_model(items)
    if ordered is not None or estimator in ORDINAL_ESTIMATORS:
        search = {
            "partial": partial,
            "score_significance": score_significance,
            "min_invariant": min_invariant,
        }
        return _ordinal_invariance(
            data,
            spec,
            group,
            ordered,
            estimator,
            nan_policy,
            rule,
            small_sample,
            significance,
            strict,
            search,
        )
    estimator = "ML" if estimator is None else estimator
    nan_policy = "listwise" if nan_policy is None else nan_policy
    check_estimator(estimator)
    moments = sample_moments(
        data, spec.items, group, nan_policy, min_groups=2, robust=estimator == "MLR"
    )
    decision = InvarianceRule.choose(
        rule,
        dict(zip(moments.labels, moments.n, strict=True)),
        small_sample=small_sample,
        significance=significance,
        robust=estimator == "MLR",
    )
    if moments.problems:
        warnings.warn(
            "measurement_invariance: cannot fit: " + "; ".join(moments.problems) + ".",
            RuntimeWarning,
            stacklevel=2,
        )
    with single_threaded_blas():
        ladder, final, freed, scores = _run_ladder(
            spec,
            moments,
            decision,
            max_iter,
            estimator=estimator,
            strict=strict,
            partial=partial,
            score_significance=score_significance,
            min_invariant=min_invariant,
        )
    return _invariance_result(
        spec,
        ladder.rows,
        ladder.models,
        final=final,
        freed=(freed, _freed_label(freed)),
        scores=scores,
        verdict=_verdict(ladder, final, freed),
        rule=decision.description,
    )


def _ordinal_invariance(
    data,
    spec,
    group,
    ordered,
    estimator,
    nan_policy,
    rule,
    small_sample,
    significance,
    strict,
    search,
) -> InvarianceResult:
    """The Wu & Estabrook (2016) ladder for ordered items (see `measurement_invariance`)."""
    estimator, nan_policy = resolve_ordered(spec, ordered, estimator, nan_policy)
    if strict:
        raise ArgumentError(
            "`strict=True` is not available for ordered items: equal residual variances need "
            "lavaan's theta parameterization, and this ladder uses the delta one. Leave "
            "`strict` False."
        )
    moments = ordinal_moments(data, spec.items, group, nan_policy, min_groups=2)
    decision = InvarianceRule.choose(
        rule,
        dict(zip(moments.labels, moments.n, strict=True)),
        small_sample=small_sample,
        significance=significance,
        estimator=estimator,
    )
    with single_threaded_blas():
        ladder = OrdinalLadder(spec, moments, decision, estimator, nan_policy).run(**search)
        scalar, _ = ladder.fits["scalar"]
        scores = (
            ordinal_score_tests(scalar, ladder.weights)
            if scalar.converged
            else pd.DataFrame(columns=list(SCORE_COLUMNS))
        )
    return _invariance_result(
        spec,
        ladder.rows,
        ladder.models,
        final=ladder.final("scalar"),
        freed=(ladder.freed_frame(), freed_words(ladder)),
        scores=scores,
        verdict=ordinal_verdict(ladder),
        rule=decision.description,
    )


def _invariance_result(
    spec: ModelSpec,
    rows: dict[str, dict],
    models: dict[str, CfaResult],
    *,
    final: str,
    freed: tuple[pd.DataFrame, str],
    scores: pd.DataFrame,
    verdict: tuple[bool, str, str],
    rule: str,
) -> InvarianceResult:
    """The result of a ladder: its table, the verdict row and the latent means of the
    `final` model; `freed` holds the freed constraints and their description, `verdict`
    (comparable latent means, highest level that holds, reason)."""
    comparable, level, reason = verdict
    freed_table, freed_label = freed
    verdict_row = {
        "comparable_means": comparable,
        "level": level,
        "freed": freed_label,
        "reason": reason,
        "rule": rule,
    }
    return InvarianceResult(
        ladder=_ladder_frame(rows),
        freed=freed_table,
        score_tests=scores,
        latent_means=_latent_means(models[final], spec),
        verdict=pd.DataFrame([verdict_row]),
        comparable_means=comparable,
        reason=reason,
        rule=rule,
        models=dict(models),
    )


_REMOVED = {
    "criteria": (
        'use `rule="chen2007"` (the default: delta CFI supplemented by delta RMSEA or '
        'delta SRMR), `rule="cheung_rensvold"` (what criteria="cfi" did) or '
        '`rule="chisq"`'
    ),
    "delta_cfi": (
        "the cut-offs now come with `rule` (Chen 2007 or Cheung & Rensvold 2002); "
        "`small_sample=True` selects Chen's stricter ones"
    ),
    "delta_rmsea": (
        "the cut-offs now come with `rule` (Chen 2007 or Cheung & Rensvold 2002); "
        "`small_sample=True` selects Chen's stricter ones"
    ),
}


def _refuse_removed(removed: dict) -> None:
    """Name the replacement of an argument that measurement_invariance no longer takes."""
    for name in removed:
        if name not in _REMOVED:
            raise TypeError(f"measurement_invariance() got an unexpected keyword argument {name!r}")
    if removed:
        raise ArgumentError(
            "measurement_invariance: "
            + "; ".join(f"`{name}` was removed: {_REMOVED[name]}" for name in removed)
            + "."
        )


def _run_ladder(
    spec: ModelSpec,
    moments: SampleMoments,
    rule: InvarianceRule,
    max_iter: int,
    *,
    estimator: str,
    strict: bool,
    partial: bool,
    score_significance: float,
    min_invariant: int,
):
    """Fit configural, metric, scalar, partial scalar and strict as asked."""
    ladder = _Ladder(spec, moments, rule, max_iter, estimator)
    configural = ladder.add("configural", LEVEL_CONSTRAINTS["configural"])
    metric = ladder.add("metric", LEVEL_CONSTRAINTS["metric"], configural)
    scalar = ladder.add("scalar", LEVEL_CONSTRAINTS["scalar"], metric)
    full_scalar_solution = ladder.solutions["scalar"]
    final = scalar
    freed = pd.DataFrame(columns=FREED_COLUMNS)
    if partial and ladder.holds("metric") and ladder.holds("scalar") is False:
        final, freed = _free_intercepts(ladder, metric, score_significance, min_invariant)
    if strict:
        ladder.add(
            "strict",
            LEVEL_CONSTRAINTS["strict"],
            final,
            released=ladder.released.get(final, frozenset()),
        )
    scores = (
        score_tests(full_scalar_solution)
        if full_scalar_solution is not None and full_scalar_solution.converged
        else pd.DataFrame(columns=list(SCORE_COLUMNS))
    )
    return ladder, final, freed, scores


class _Ladder:
    """Fits levels on one set of moments and keeps their rows and comparisons."""

    def __init__(
        self,
        spec: ModelSpec,
        moments: SampleMoments,
        rule: InvarianceRule,
        max_iter: int,
        estimator: str = "ML",
    ):
        self.spec, self.moments, self.rule, self.max_iter = spec, moments, rule, max_iter
        self.estimator = estimator
        self.models: dict[str, CfaResult] = {}
        self.solutions: dict = {}
        self.released: dict[str, frozenset] = {}
        self.rows: dict[str, dict] = {}

    def add(
        self,
        level: str,
        equal: tuple[str, ...],
        previous: str | None = None,
        released: frozenset = frozenset(),
    ) -> str:
        solution = solve(self.moments, self.spec, equal, released=released, max_iter=self.max_iter)
        with warnings.catch_warnings():
            if self.moments.problems:  # already said once
                warnings.simplefilter("ignore", RuntimeWarning)
            model = package(
                solution, self.spec, self.moments, equal, released, estimator=self.estimator
            )
        self.models[level], self.solutions[level] = model, solution
        self.released[level] = released
        fit = model.fit.iloc[0]
        row = {
            "level": level,
            "equal": "+".join(equal) or "none",
            "freed": ", ".join(f"{item}~1 ({label})" for item, label in model.partial),
            **{name: fit[name] for name in (*FIT_COLUMNS, *ROBUST_COLUMNS)},
            "n": int(fit["n"]),
            "converged": bool(fit["converged"]),
            "estimator": self.estimator,
            "nan_policy": fit["nan_policy"],
        }
        row.update(self.compare(row, previous))
        self.rows[level] = row
        return level

    def compare(self, row: dict, previous: str | None) -> dict:
        if previous is None:
            return baseline_step(row["converged"])
        base = self.rows[previous]
        robust = self.estimator == "MLR"
        chi2_diff, df_diff, scaling = difference_test(base, row, robust=robust)
        name = "satorra.bentler.2001" if robust else "likelihood.ratio"
        test = (name, chi2_diff, df_diff, scaling)
        indices = ("cfi_robust", "rmsea_robust") if robust else ("cfi", "rmsea")
        return judged_step(self.rule, row["level"], previous, (base, row), test, indices)

    def holds(self, level: str) -> bool | None:
        value = self.rows[level]["invariant"]
        return None if value is pd.NA else bool(value)


def _ladder_frame(rows: dict[str, dict]) -> pd.DataFrame:
    """The ladder table: one row per level fitted, in order."""
    frame = pd.DataFrame(list(rows.values()), columns=list(LADDER_COLUMNS))
    for column in [c for c in frame.columns if c.endswith("past_cutoff")] + ["invariant"]:
        frame[column] = frame[column].astype("boolean")
    return frame


def difference_test(base: dict, row: dict, *, robust: bool) -> tuple[float, float, float]:
    """(chi2_diff, df_diff, scaling) of `row` (more constrained) against `base`.

    ML: the likelihood ratio chi2_1 - chi2_0 (scaling NaN). MLR: Satorra & Bentler's
    (2001) scaled difference (T_1 - T_0) / c_d, c_d = (df_1 c_1 - df_0 c_0) / (df_1 -
    df_0), with the unscaled statistics T and the Yuan-Bentler scaling factors c (c_0 = 1
    for a saturated base), as lavaan's ``lavTestLRT(method = "satorra.bentler.2001")``;
    NaN when c_d is negative (lavaan warns and gives NA).
    """
    difference = row["chi2"] - base["chi2"]
    df_diff = row["df"] - base["df"]
    if not robust:
        return difference, df_diff, np.nan
    if df_diff == 0:
        return difference, df_diff, np.nan
    c_base = 1.0 if base["df"] == 0 else base["scaling_factor"]
    scaling = (row["df"] * row["scaling_factor"] - base["df"] * c_base) / df_diff
    if not scaling >= 0:
        return np.nan, df_diff, np.nan
    return difference / scaling, df_diff, scaling


def _free_intercepts(
    ladder: _Ladder, metric: str, score_significance: float, min_invariant: int
) -> tuple[str, pd.DataFrame]:
    """Release intercept constraints one at a time until the criteria hold."""
    spec, labels = ladder.spec, ladder.moments.labels
    released: frozenset = frozenset()
    current = "scalar"
    records = []
    while True:
        solution = ladder.solutions[current]
        if solution is None or not solution.converged:
            break
        tests = score_tests(solution, ("intercept",))
        tests = tests[
            [
                _can_release(spec, item, labels.index(label), released, min_invariant)
                for item, label in zip(tests["lhs"], tests["group"], strict=True)
            ]
        ]
        if tests.empty:
            break
        best = tests.loc[tests["chi2"].idxmax()]
        if not best["p_val"] < score_significance:
            break
        released = released | {(best["lhs"], labels.index(best["group"]))}
        current = "partial_scalar"
        ladder.add(current, LEVEL_CONSTRAINTS["scalar"], metric, released=released)
        row = ladder.rows[current]
        records.append(
            {
                "step": len(records) + 1,
                "item": best["lhs"],
                "parameter": f"{best['lhs']} ~ 1",
                "group": best["group"],
                "chi2": best["chi2"],
                "p_val": best["p_val"],
                **{name: row[name] for name in FREED_COLUMNS[6:]},
            }
        )
        if ladder.holds(current):
            break
    freed = pd.DataFrame(records, columns=FREED_COLUMNS)
    freed["invariant"] = freed["invariant"].astype("boolean")
    return current, freed


def _can_release(
    spec: ModelSpec, item: str, g: int, released: frozenset, min_invariant: int
) -> bool:
    """Whether every factor of `item` keeps `min_invariant` equal intercepts in group g."""
    for indicators in spec.indicators:
        if item in indicators:
            kept = [other for other in indicators if (other, g) not in released]
            if len(kept) - 1 < min_invariant:
                return False
    return True


def _verdict(ladder: _Ladder, final: str, freed: pd.DataFrame) -> tuple[bool, str, str]:
    rows = ladder.rows
    if not rows["configural"]["converged"]:
        return (
            False,
            "none",
            (
                "the configural model could not be fitted ("
                + ladder.models["configural"].fit["message"].iloc[0]
                + "); nothing can be compared"
            ),
        )

    def deltas(level: str) -> str:
        row = rows[level]
        return f"{row['reason']}, against {row['compared_with']}"

    metric = ladder.holds("metric")
    if metric is not True:
        why = "could not be fitted" if metric is None else f"fails ({deltas('metric')})"
        return (
            False,
            "configural",
            (
                f"metric invariance {why}: loadings differ across groups, so neither latent "
                "means nor latent (co)variances are comparable"
            ),
        )
    scalar = ladder.holds(final)
    if scalar is True and final == "scalar":
        return (
            True,
            "scalar",
            (f"scalar invariance holds ({deltas('scalar')}): latent means are comparable"),
        )
    if scalar is True:
        return (
            True,
            "partial_scalar",
            (
                f"scalar invariance fails ({deltas('scalar')}) but partial scalar invariance "
                f"holds after freeing {_freed_label(freed)} ({deltas('partial_scalar')}): "
                "latent means are comparable under partial invariance"
            ),
        )
    tried = f" even after freeing {_freed_label(freed)}" if len(freed) else ""
    return (
        False,
        "metric",
        (
            f"scalar invariance fails{tried} ({deltas(final)}): intercepts differ, so "
            "latent (and observed) means are not comparable; loadings (metric) are"
        ),
    )


def _freed_label(freed: pd.DataFrame) -> str:
    return ", ".join(
        f"the intercept of {item} in {label}"
        for item, label in zip(freed["item"], freed["group"], strict=True)
    )


def _latent_means(model: CfaResult, spec: ModelSpec) -> pd.DataFrame:
    est = model.estimates
    rows = est[(est["op"] == "~1") & est["lhs"].isin(spec.factors)]
    half_width = stats.norm.ppf(0.975) * rows["se"]
    return pd.DataFrame(
        {
            "group": rows["group"].to_numpy(),
            "factor": rows["lhs"].to_numpy(),
            "est": rows["est"].to_numpy(),
            "se": rows["se"].to_numpy(),
            "z": rows["z"].to_numpy(),
            "p_val": rows["p_val"].to_numpy(),
            "ci_low": (rows["est"] - half_width).to_numpy(),
            "ci_high": (rows["est"] + half_width).to_numpy(),
        }
    )
