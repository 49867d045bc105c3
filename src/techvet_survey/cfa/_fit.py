"""`fit_cfa`: single- and multigroup confirmatory factor analysis by maximum likelihood."""

from __future__ import annotations

import warnings
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._results import Result
from techvet_survey._stats.blas import single_threaded_blas
from techvet_survey.cfa._estimation import (
    MAX_ITERATIONS,
    Solution,
    fit_problem,
    start_values,
)
from techvet_survey.cfa._fiml import make_problem
from techvet_survey.cfa._fit_ordinal import ORDINAL_EQUAL, ORDINAL_ESTIMATORS, fit_ordinal
from techvet_survey.cfa._indices import FIT_COLUMNS, ROBUST_COLUMNS, fit_indices
from techvet_survey.cfa._model import (
    ModelSpec,
    ParameterTable,
    build_table,
    check_equal,
    parse_model,
)
from techvet_survey.cfa._moments import SampleMoments, sample_moments
from techvet_survey.cfa._ordinal import ORDINAL_NAN_POLICIES, ordinal_moments
from techvet_survey.cfa._robust import unit_information
from techvet_survey.cfa._standardized import (
    r_squared,
    row_covariance,
    standardized_table,
    with_confidence_limits,
)
from techvet_survey.cfa._summary import cfa_sections
from techvet_survey.errors import ArgumentError

ESTIMATE_COLUMNS = (
    "group",
    "lhs",
    "op",
    "rhs",
    "est",
    "se",
    "z",
    "p_val",
    "ci_low",
    "ci_high",
    "free",
)
STATUS_COLUMNS = ("n", "n_groups", "n_par", "converged", "n_iter", "grad_norm", "admissible")
ESTIMATORS = ("ML", "MLR")


@dataclass(frozen=True)
class CfaResult(Result):
    """A fitted CFA.

    Attributes
    ----------
    estimates : DataFrame
        One row per parameter and group (lavaan's ``parameterEstimates``): group, lhs,
        op (``=~`` loading, ``~~`` (co)variance, ``~1`` intercept or latent mean; for
        ordered items also ``|`` threshold, rhs t1, t2, ..., and ``~*~`` scale factor), rhs,
        est, se, z, p_val, ci_low, ci_high (95% Wald interval, lavaan's ci.lower and
        ci.upper), free. Fixed parameters have NaN se, z, p_val and limits.
    fit : DataFrame
        One row: chi2, df, p_val, cfi, tli, rmsea, rmsea_ci_low, rmsea_ci_high, srmr,
        loglik, aic, bic; lavaan's robust measures with dots as underscores:
        chi2_scaled, df_scaled, p_val_scaled, scaling_factor (MLR), cfi_robust,
        tli_robust, rmsea_robust (MLR; also ML with FIML, as lavaan), NaN otherwise;
        for ordered items (WLSMV, ULSMV) chi2_scaled, df_scaled, p_val_scaled,
        scaling_factor and shift of lavaan's scaled-and-shifted test, with cfi_scaled,
        tli_scaled and rmsea_scaled (loglik, aic, bic are NaN); then n, n_groups,
        n_par, converged, n_iter, grad_norm, admissible, estimator, nan_policy,
        message. NaN fit values when the model could not be fitted (see ``message``).
    model : str
        The model in lavaan syntax.
    groups : tuple
        Group labels in the order used (the first is the reference group).
    equal : tuple of str
        The cross-group equality constraints (lavaan ``group.equal``).
    partial : tuple of (item, group)
        Intercepts exempt from the intercept constraint.
    vcov : ndarray or None
        Sampling covariance of the ``estimates`` rows (0 for fixed rows), the basis of
        :meth:`standardized`'s standard errors; None when it is unknown.
    moments : SampleMoments or None
        The sample moments the model was fitted to (for ``modification_indices``).
    """

    estimates: pd.DataFrame
    fit: pd.DataFrame
    model: str
    groups: tuple
    equal: tuple[str, ...]
    partial: tuple[tuple[str, object], ...]
    vcov: np.ndarray | None = field(default=None, repr=False, compare=False)
    moments: SampleMoments | None = field(default=None, repr=False, compare=False)

    @property
    def converged(self) -> bool:
        return bool(self.fit["converged"].iloc[0])

    @property
    def r2(self) -> pd.DataFrame:
        """R² of every item (group, item, r2), as lavaan's ``lavInspect(fit, "r2")``:
        one minus the residual variance over the model-implied variance."""
        return r_squared(self.estimates)

    def standardized(self, type: str = "std.all", *, ci: float = 0.95) -> pd.DataFrame:
        """The standardized solution, as lavaan's ``standardizedSolution(fit, type=)``.

        Parameters
        ----------
        type : {"std.all", "std.lv"}
            "std.all" scales by the standard deviations of the factors and of the items
            (model-implied), and turns residual covariances into residual correlations
            (as lavaan); "std.lv" scales by the standard deviations of the factors alone.
        ci : float
            Coverage of the confidence interval (lavaan's ``level``).

        Returns
        -------
        DataFrame
            group, lhs, op, rhs, est_std, se, z, p_val, ci_low, ci_high. Standard
            errors by the delta method (numerical Jacobian) from the estimates'
            sampling covariance (robust under MLR); 0 for values fixed by the
            standardization (factor variances), NaN when the model was not fitted.
        """
        return standardized_table(self.estimates, self.vcov, type, ci)

    def _summary_sections(self):
        n_rows = None if self.moments is None else self.moments.n_rows
        return cfa_sections(self.estimates, self.fit, self.model, n_rows)


def fit_cfa(
    data: pd.DataFrame,
    model,
    *,
    group: str | None = None,
    equal: Collection[str] = (),
    partial: Collection = (),
    estimator: str | None = None,
    nan_policy: str | None = None,
    ordered=None,
    meanstructure: bool | None = None,
    max_iter: int = MAX_ITERATIONS,
) -> CfaResult:
    """Confirmatory factor analysis by normal-theory maximum likelihood, as lavaan's ``cfa``.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, numeric item columns.
    model : mapping, str or list
        Factors and their items: ``{"visual": ["x1", "x2", "x3"], ...}``, lavaan text
        (``"visual =~ x1 + x2 + x3"``, one statement per line or separated by ``;``,
        with residual covariances between items as ``"x7 ~~ x8"``), or a list of items
        for a single factor.
    group : str, optional
        Grouping column for a multigroup model. Groups are ordered by first appearance
        (or by the categories of a categorical column); the first is the reference group.
    equal : collection of str
        Cross-group equality constraints, lavaan ``group.equal`` names: "loadings",
        "intercepts", "residuals", "means", "lv.variances", "lv.covariances".
    partial : collection
        Intercepts exempt from the "intercepts" constraint (lavaan ``group.partial`` for
        intercepts): an item name frees its intercept in every group; an ``(item, group)``
        pair frees it in that group only (not the reference group).
    estimator : {"ML", "MLR", "WLSMV", "DWLS", "ULSMV", "ULS"}, optional
        Normal-theory maximum likelihood (the default for continuous items), or robust
        ML (lavaan ``estimator = "MLR"``): the same estimates with Huber-White (sandwich)
        standard errors, the Yuan-Bentler scaled chi-square and robust CFI / TLI / RMSEA
        (see Notes). For ordered items (`ordered`): "WLSMV" (the default, as lavaan),
        "DWLS", "ULSMV" or "ULS" (see Ordered items).
    nan_policy : {"listwise", "fiml", "pairwise", "raise"}, optional
        Missing values: drop incomplete rows (R: ``missing = "listwise"``, lavaan's
        default, and ours for continuous items), full-information ML (``missing =
        "ml"``: every respondent with at least one answered item counts; rows with none
        are dropped) or raise. For ordered items "pairwise" (the default: thresholds
        from every answer to an item, polychorics from every answered pair),
        "listwise" or "raise". Rows with a missing group are always dropped. Listwise
        deletion that drops rows says how many (UserWarning).
    ordered : True or list of str, optional
        The items are ordered categories (lavaan ``ordered =``): True or the list of
        every item of `model` (mixing ordered and continuous items is not supported).
        With several groups, `equal` takes "thresholds", "loadings", "intercepts"
        (Wu & Estabrook's identification, see Ordered items).
    meanstructure : bool, optional
        Whether the model has a mean structure (intercepts and latent means), lavaan's
        ``meanstructure``. The default is lavaan's: none for one group of complete cases
        (``cfa(model, data)``: no ``~1`` rows, the intercepts are not counted in
        ``n_par``, AIC and BIC, and SRMR leaves out the means), a mean structure with
        several groups, with FIML and for ordered items (whose thresholds are their
        mean structure). True for one group gives ``cfa(model, data, meanstructure =
        TRUE)``: the intercepts (the sample means) and latent means (0) as rows, 30
        instead of 21 parameters on Holzinger-Swineford, and the smaller SRMR that counts
        the zero mean residuals. Estimates, standard errors, chi2 and df are the same
        either way. False is refused with several groups or ordered items, and with FIML
        it warns and keeps the means (as lavaan: "missing argument forces meanstructure
        = TRUE").
    max_iter : int
        Most iterations of each optimiser attempt (see Notes).

    Returns
    -------
    CfaResult
        ``.estimates`` and ``.fit`` tables (see :class:`CfaResult`).

    Notes
    -----
    Identification follows lavaan's defaults: the first loading of each factor is fixed
    at 1 (marker variable), factor variances and covariances are free, latent means are 0
    unless intercepts are constrained equal, in which case they are free in groups
    2..G. With sample moments of group g (covariance S_g with divisor n_g) the ML
    discrepancy is

    .. math:: F = \\sum_g \\frac{n_g}{N} \\left[\\log|\\Sigma_g| + \\operatorname{tr}(
              (S_g + d_g d_g') \\Sigma_g^{-1}) - \\log|S_g| - p\\right],
              \\quad d_g = \\bar y_g - \\mu_g,

    :math:`\\chi^2 = N F_{min}` (lavaan's ``likelihood = "normal"``), minimised from
    lavaan's starting values (FABIN 3 loadings) by Fisher scoring turning into BFGS, with
    scipy's trust-region Newton method and BFGS as fall-backs when that fails or lands
    on an improper solution (analytic gradient throughout). Standard errors come from
    the expected information (lavaan's default),
    :math:`\\mathrm{cov}(\\hat\\theta) = (N I)^{-1}`. CFI and TLI use the independence
    baseline with free means and variances per group; RMSEA =
    :math:`\\sqrt{\\max(\\chi^2/(N\\,df) - 1/N, 0)}\\sqrt{G}` with a 90% interval from the
    noncentral chi-square; SRMR is Bentler's, weighted by n_g/N, as lavaan reports it by
    default: with the mean residuals when the model has a mean structure (several groups,
    FIML, ``meanstructure=True``), without them otherwise (see `meanstructure`). The
    intercepts are always estimated; without a mean structure they are the saturated
    sample means and are left out of the tables, ``n_par``, AIC and BIC.
    Only the per-group means and covariances enter, so large n costs one pass.

    FIML (``nan_policy="fiml"``, lavaan ``missing = "ml"``): the casewise normal
    log-likelihood, summed per missing-data pattern from the pattern's count, means and
    covariances (one pass over the data, never one term per respondent);
    :math:`\\chi^2 = 2(\\log L_1 - \\log L_0)` against the saturated model estimated by
    EM, ``loglik`` the model's log-likelihood and ``n`` the respondents used. Standard
    errors from the observed information (lavaan's default with ``missing = "ml"``);
    the baseline is the independence model fitted by FIML; SRMR compares with the EM
    moments and counts the means (lavaan fits a mean structure with FIML).

    MLR: the observed information E (lavaan's default for MLR, the Hessian by central
    differences of the analytic gradient) and the first-order information B0 (casewise
    scores at the model-implied moments, from fourth-order moments per pattern) give
    :math:`\\mathrm{cov}(\\hat\\theta) = E^{-1} B_0 E^{-1} / N`; the Yuan-Bentler (Mplus
    variant) scaling factor is c = (tr(B1 A1^-1) - tr(B0 E^-1)) / df, A1 and B1 the
    observed and first-order information of the saturated model, chi2_scaled = chi2 / c;
    robust CFI and TLI (Brosseau-Liard & Savalei 2014) replace df by c df and
    df_0 by c_0 df_0 (c_0 of the independence model), robust RMSEA (Brosseau-Liard,
    Savalei & Li 2012) is :math:`\\sqrt{\\max(\\chi^2/(N df) - c/N, 0)}\\sqrt{G}`. With
    FIML, the robust CFI / TLI / RMSEA are lavaan's FIML-corrected ones (Zhang &
    Savalei 2023; ``lav_fit_fiml_corrected``, "V3").

    Ordered items (lavaan's two-step WLS for ``ordered =``, delta parameterization):
    per group the thresholds (from each item's margin) and polychoric correlations
    (thresholds fixed), and their asymptotic covariance Gamma (lavaan's ``NACOV``) by
    Muthén's (1984) sandwich of the casewise scores. The model implies thresholds
    :math:`\\delta_j(\\tau_{jk} - \\nu_j - \\lambda_j'\\alpha)` and correlations
    :math:`\\delta_i\\delta_j(\\Lambda\\Psi\\Lambda')_{ij}`; the residual variances
    :math:`1/\\delta_j^2 - (\\Lambda\\Psi\\Lambda')_{jj}` are reported, not estimated.
    DWLS minimises :math:`\\sum_g (n_g - 1)(s_g - m_g)'W_g(s_g - m_g)` with
    :math:`W_g = \\mathrm{diag}(\\Gamma_g)^{-1}` (ULS: identity), which is chi2. WLSMV
    (and ULSMV) add the sandwich standard errors (divisor N - G, as lavaan) and
    lavaan 0.6's default "scaled.shifted" test: with U the residual projection of the
    weights, a = sqrt(df / tr((U Gamma)^2)), chi2_scaled = a chi2 + shift, shift =
    df - a tr(U Gamma), scaling_factor = 1/a; cfi_scaled and tli_scaled compare with
    the independence model's scaled statistic (thresholds free, correlations 0);
    RMSEA (plain and scaled) uses N - G; SRMR is the root mean squared correlation
    residual over p(p + 1)/2. One group: marker variables, intercepts 0, scale
    factors 1, latent means 0 (lavaan's ``cfa(ordered=)``). Several groups: Wu &
    Estabrook's (2016) identification as semTools ``measEq.syntax(ID.cat =
    "Wu.Estabrook.2016", parameterization = "delta")``: factor variances 1 and latent
    means 0; with equal thresholds the scale factors and intercepts are free in groups
    2..G; with equal loadings the factor variances are free there; with equal
    intercepts the intercepts return to 0 and the latent means are free there.

    A model that cannot be fitted (a group of one, an item without variance, a singular
    covariance matrix, no convergence) gives a NaN fit row, ``converged = False`` and a
    warning with the reason; Heywood cases (negative variances) and a non-positive-
    definite factor covariance matrix are flagged (``admissible = False``) with a warning.

    R equivalent: ``lavaan::cfa(model, data, group = "g", group.equal = c(...),
    estimator = "MLR", missing = "ml")`` with ``parameterEstimates()`` and
    ``fitMeasures()``; for ordered items ``cfa(model, data, ordered = TRUE)`` (WLSMV)
    or, with groups, the model from ``semTools::measEq.syntax``.

    References
    ----------
    1. Rosseel, Y. (2012). lavaan: An R package for structural equation modeling.
       Journal of Statistical Software, 48(2), 1-36.
    2. Bollen, K. A. (1989). Structural Equations with Latent Variables. Wiley, ch. 4, 7.
    3. Jöreskog, K. G. (1971). Simultaneous factor analysis in several populations.
       Psychometrika, 36(4), 409-426.
    4. Hägglund, G. (1982). Factor analysis by instrumental variables methods.
       Psychometrika, 47(2), 209-222 (FABIN starting values).
    5. Yuan, K.-H., & Bentler, P. M. (2000). Three likelihood-based methods for mean
       and covariance structure analysis with nonnormal missing data. Sociological
       Methodology, 30, 165-200.
    6. Brosseau-Liard, P. E., Savalei, V., & Li, L. (2012). An investigation of the
       sample performance of two nonnormality corrections for RMSEA. Multivariate
       Behavioral Research, 47(6), 904-930.
    7. Brosseau-Liard, P. E., & Savalei, V. (2014). Adjusting incremental fit indices
       for nonnormality. Multivariate Behavioral Research, 49(5), 460-470.
    8. Zhang, X., & Savalei, V. (2023). New computations for RMSEA and CFI following
       FIML and TS estimation with missing data. Psychological Methods, 28(2), 263-283.
    9. Muthén, B. (1984). A general structural equation model with dichotomous,
       ordered categorical, and continuous latent variable indicators. Psychometrika,
       49(1), 115-132.
    10. Wu, H., & Estabrook, R. (2016). Identification of confirmatory factor analysis
        models of different levels of invariance for ordered categorical outcomes.
        Psychometrika, 81(4), 1014-1045.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> f = rng.normal(size=300)
    >>> data = pd.DataFrame({f"q{j}": f + rng.normal(size=300) for j in range(1, 5)})
    >>> result = fit_cfa(data, "care =~ q1 + q2 + q3 + q4")
    >>> result.fit[["chi2", "df", "cfi"]].round(3)
        chi2   df    cfi
    0  2.156  2.0  0.999
    >>> result.estimates.query("op == '=~'")[["rhs", "est"]].round(3)
      rhs    est
    0  q1  1.000
    1  q2  0.711
    2  q3  0.804
    3  q4  0.814

    Robust ML with full-information ML when 6% of the answers are missing:

    >>> gaps = data.mask(rng.random(data.shape) < 0.06)
    >>> robust = fit_cfa(gaps, "care =~ q1 + q2 + q3 + q4", estimator="MLR", nan_policy="fiml")
    >>> robust.fit[["n", "chi2", "chi2_scaled", "scaling_factor", "cfi_robust"]].round(3)
         n   chi2  chi2_scaled  scaling_factor  cfi_robust
    0  300  1.982        1.997           0.993         1.0

    Ordered items (five categories) by WLSMV:

    >>> likert = data.apply(lambda column: pd.cut(column, 5, labels=False) + 1)
    >>> ordinal = fit_cfa(likert, "care =~ q1 + q2 + q3 + q4", ordered=True)
    >>> ordinal.fit[["chi2", "chi2_scaled", "df", "cfi_scaled"]].round(3)
        chi2  chi2_scaled   df  cfi_scaled
    0  0.539        1.111  2.0         1.0
    """
    spec = parse_model(model)
    if ordered is not None or estimator in ORDINAL_ESTIMATORS:
        if meanstructure is False:
            raise ArgumentError(
                "`meanstructure=False` is not possible for ordered items: their thresholds "
                "are the mean structure (lavaan adds it with `ordered=`); leave "
                "`meanstructure` unset."
            )
        return _fit_ordered(data, spec, group, equal, partial, estimator, nan_policy, ordered)
    estimator = "ML" if estimator is None else estimator
    nan_policy = "listwise" if nan_policy is None else nan_policy
    equal = check_equal(equal)
    check_estimator(estimator)
    moments = sample_moments(
        data, spec.items, group, nan_policy, min_groups=1, robust=estimator == "MLR"
    )
    released = resolve_partial(partial, spec, moments.labels)
    meanstructure = resolve_meanstructure(meanstructure, moments)
    with single_threaded_blas():
        solution = solve(moments, spec, equal, released=released, max_iter=max_iter)
        return package(
            solution,
            spec,
            moments,
            equal,
            released,
            estimator=estimator,
            meanstructure=meanstructure,
        )


def resolve_meanstructure(meanstructure: bool | None, moments: SampleMoments) -> bool:
    """lavaan's default: a mean structure with several groups or FIML, none otherwise."""
    if meanstructure not in (None, True, False):
        raise ArgumentError(
            f"`meanstructure` must be True, False or None (lavaan's default); got "
            f"{meanstructure!r}."
        )
    needed = moments.n_groups > 1 or moments.fiml
    if meanstructure is False and moments.n_groups > 1:
        raise ArgumentError(
            "`meanstructure=False` is not supported with `group`: a multigroup model "
            "compares intercepts and latent means; leave `meanstructure` unset."
        )
    if meanstructure is False and moments.fiml:
        warnings.warn(
            "fit_cfa: nan_policy='fiml' needs the means, so the model keeps its mean "
            "structure (as lavaan: missing argument forces meanstructure = TRUE); leave "
            "`meanstructure` unset to silence this.",
            UserWarning,
            stacklevel=3,
        )
    return needed if meanstructure is None else bool(meanstructure or needed)


def check_estimator(estimator: str) -> None:
    """`estimator` must be one of ESTIMATORS."""
    if estimator not in ESTIMATORS:
        raise ArgumentError(
            f"`estimator` must be one of {list(ESTIMATORS)} (lavaan's names); got "
            f"{estimator!r}. Use 'MLR' for robust standard errors and the scaled test, or "
            f"{list(ORDINAL_ESTIMATORS)} with `ordered=` for ordered items."
        )


def resolve_ordered(spec: ModelSpec, ordered, estimator, nan_policy) -> tuple[str, str]:
    """(estimator, nan_policy) for ordered items; every item must be ordered."""
    if ordered is None:
        raise ArgumentError(
            f"`estimator={estimator!r}` is for ordered items; pass `ordered=True` (every "
            "item of `model` is ordered) or the list of items."
        )
    if ordered is not True:
        names = [ordered] if isinstance(ordered, str) else list(ordered)
        unknown = [name for name in names if name not in spec.items]
        if unknown:
            raise ArgumentError(
                f"`ordered` names {unknown}, which are not items of `model` "
                f"({list(spec.items)}); list items of the model, or pass ordered=True."
            )
        left = [item for item in spec.items if item not in names]
        if left:
            raise ArgumentError(
                f"`ordered` leaves out items {left}: mixing ordered and continuous items is "
                "not supported; pass ordered=True to treat every item as ordered."
            )
    estimator = "WLSMV" if estimator is None else estimator
    if estimator not in ORDINAL_ESTIMATORS:
        raise ArgumentError(
            f"`estimator` must be one of {list(ORDINAL_ESTIMATORS)} for ordered items; got "
            f"{estimator!r}. Use 'WLSMV' (lavaan's default for ordered items)."
        )
    nan_policy = "pairwise" if nan_policy is None else nan_policy
    if nan_policy not in ORDINAL_NAN_POLICIES:
        raise ArgumentError(
            f"`nan_policy` must be one of {list(ORDINAL_NAN_POLICIES)} for ordered items; got "
            f"{nan_policy!r}. Use 'pairwise' (lavaan's polychorics from every answered pair)."
        )
    return estimator, nan_policy


def _fit_ordered(data, spec, group, equal, partial, estimator, nan_policy, ordered) -> CfaResult:
    estimator, nan_policy = resolve_ordered(spec, ordered, estimator, nan_policy)
    if spec.covariances:
        raise ArgumentError(
            "residual covariances (~~) are not supported for ordered items; remove the "
            "`~~` statements from `model` or fit the items as continuous."
        )
    equal = tuple(dict.fromkeys([equal] if isinstance(equal, str) else equal))
    for option in equal:
        if option not in ORDINAL_EQUAL:
            raise ArgumentError(
                f"`equal` must name {list(ORDINAL_EQUAL)} for ordered items; got {option!r}. "
                "Wu & Estabrook's ladder constrains thresholds, then loadings, then intercepts."
            )
    if partial:
        raise ArgumentError(
            "`partial` is not supported by fit_cfa for ordered items; leave it empty. "
            "measurement_invariance(..., ordered=...) frees thresholds and intercepts by "
            "their score tests and returns the partial models in `.models`."
        )
    moments = ordinal_moments(data, spec.items, group, nan_policy)
    if moments.n_groups == 1 and equal:
        raise ArgumentError(f"`equal` ({list(equal)}) needs `group` with two or more groups.")
    with single_threaded_blas():
        _, (estimates, fit, _) = fit_ordinal(spec, moments, equal, estimator, nan_policy)
    return CfaResult(estimates, fit, spec.to_lavaan(), moments.labels, equal, ())


def resolve_partial(partial, spec: ModelSpec, labels: tuple) -> frozenset[tuple[str, int]]:
    """(item, group index) pairs from item names or (item, group label) pairs."""
    if isinstance(partial, str):
        partial = [partial]
    released = set()
    for entry in partial:
        item, label = (entry, None) if isinstance(entry, str) else tuple(entry)
        if item not in spec.items:
            raise ValueError(
                f"`partial` names {item!r}, which is not an item of `model` ({list(spec.items)})."
            )
        if label is None:
            released.update((item, g) for g in range(1, len(labels)))
        elif label in labels[1:]:
            released.add((item, labels.index(label)))
        else:
            raise ValueError(
                f"`partial` names group {label!r} for item {item!r}; use one of "
                f"{list(labels[1:])} (not the reference group {labels[0]!r})."
            )
    return frozenset(released)


def solve(
    moments: SampleMoments,
    spec: ModelSpec,
    equal: tuple[str, ...],
    *,
    released: frozenset = frozenset(),
    max_iter: int = MAX_ITERATIONS,
) -> Solution | None:
    """The ML solution, or None when the sample moments cannot be fitted."""
    if moments.problems:
        return None
    table = build_table(spec, moments.n_groups, equal, released=released)
    df = moments.n_groups * (len(spec.items) * (len(spec.items) + 3) // 2) - table.n_free
    if df < 0:
        raise ValueError(
            f"`model` is not identified: {table.n_free} free parameters for "
            f"{table.n_free + df} sample moments (df = {df}). Add items to the factors."
        )
    problem = make_problem(table, moments)
    return fit_problem(problem, start_values(table, moments), max_iter=max_iter)


def package(
    solution: Solution | None,
    spec: ModelSpec,
    moments: SampleMoments,
    equal: tuple[str, ...],
    released: frozenset,
    *,
    estimator: str = "ML",
    meanstructure: bool = True,
) -> CfaResult:
    """Estimates and fit tables of a solution, with diagnostics and warnings.

    Without `meanstructure` the saturated intercepts and the latent means (fixed at 0)
    are estimated as usual but left out of the tables and the parameter count.
    """
    partial = tuple(sorted((item, moments.labels[g]) for item, g in released))
    table = build_table(spec, moments.n_groups, equal, released=released)
    status = {
        "n": moments.n_total,
        "n_groups": moments.n_groups,
        "n_par": table.n_free - (0 if meanstructure else moments.n_groups * len(spec.items)),
        "converged": False,
        "n_iter": 0,
        "grad_norm": np.nan,
        "admissible": False,
        "estimator": estimator,
        "nan_policy": "fiml" if moments.fiml else "listwise",
    }
    empty = dict.fromkeys((*FIT_COLUMNS, *ROBUST_COLUMNS), np.nan)
    if solution is None:
        message = "cannot fit: " + "; ".join(moments.problems)
        estimates = _estimate_frame(table, moments.labels, None, None)
        indices = empty
    else:
        status.update(
            converged=solution.converged, n_iter=solution.n_iter, grad_norm=solution.grad_norm
        )
        robust = estimator == "MLR"
        if solution.converged:
            information, meat = unit_information(solution, robust)
        else:
            information, meat = solution.information, None
        covariance, e_inverse = _covariance(information, meat, moments.n_total)
        problems = _admissibility(solution, covariance)
        status["admissible"] = solution.converged and not problems
        if solution.converged:
            message = "; ".join(["converged", *problems])
            estimates = _estimate_frame(table, moments.labels, solution.theta, covariance)
            usable = robust and e_inverse is not None
            indices = fit_indices(
                solution, (e_inverse, meat) if usable else None, meanstructure=meanstructure
            )
        else:
            message = "; ".join(
                [
                    f"did not converge: {solution.message} (max |gradient| = "
                    f"{solution.grad_norm:.3g} after {solution.n_iter} iterations)",
                    *problems,
                ]
            )
            estimates = _estimate_frame(table, moments.labels, None, None)
            indices = empty
    if message != "converged":
        warnings.warn(f"CFA ({spec.to_lavaan()!r}): {message}.", RuntimeWarning, stacklevel=3)
    fit = pd.DataFrame([{**indices, **status, "message": message}])
    vcov = None
    if solution is not None and solution.converged:
        vcov = row_covariance(table.free, covariance)
    if not meanstructure:
        kept = (estimates["op"] != "~1").to_numpy()
        estimates = estimates[kept].reset_index(drop=True)
        vcov = None if vcov is None else vcov[np.ix_(kept, kept)]
    return CfaResult(
        estimates, fit, spec.to_lavaan(), moments.labels, equal, partial, vcov, moments
    )


def _covariance(
    information: np.ndarray, meat: np.ndarray | None, n_total: int
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(cov(theta), E^-1): (N E)^-1, or the sandwich E^-1 B0 E^-1 / N with a `meat`; None
    where the information matrix is singular (not identified)."""
    if not np.all(np.isfinite(information)):
        return None, None
    eigen = np.linalg.eigvalsh(information)
    if eigen[0] <= 1e-10 * max(eigen[-1], 1e-300):
        return None, None
    inverse = np.linalg.inv(information)
    if meat is None:
        return inverse / n_total, inverse
    return inverse @ meat @ inverse / n_total, inverse


def _admissibility(solution: Solution, covariance: np.ndarray | None) -> list[str]:
    problems = []
    table = solution.table
    for r in range(len(table.lhs)):
        if table.op[r] == "~~" and table.lhs[r] == table.rhs[r] and table.free[r] >= 0:
            value = solution.theta[table.free[r]]
            if value < 0:
                label = solution.moments.labels[table.group[r]]
                problems.append(
                    f"Heywood case: negative variance {table.lhs[r]} ~~ {table.rhs[r]} = "
                    f"{value:.4g} in group {label!r}"
                )
    for g, label in enumerate(solution.moments.labels):
        phi = solution.group_matrices(g).phi
        if phi.shape[0] > 1 and np.linalg.eigvalsh(phi)[0] <= 0:
            problems.append(
                f"the factor covariance matrix of group {label!r} is not positive definite"
            )
    if covariance is None:
        problems.append(
            "the information matrix is singular (model not identified); standard errors are NaN"
        )
    return problems


def _estimate_frame(
    table: ParameterTable,
    labels: tuple,
    theta: np.ndarray | None,
    covariance: np.ndarray | None,
) -> pd.DataFrame:
    free = table.free >= 0
    if theta is None:
        est = np.full(len(free), np.nan)
    else:
        est = np.where(free, theta[np.maximum(table.free, 0)], table.value)
    se = np.full(len(free), np.nan)
    if covariance is not None and theta is not None:
        se[free] = np.sqrt(np.diag(covariance))[table.free[free]]
    z = est / se
    frame = pd.DataFrame(
        {
            "group": [labels[g] for g in table.group],
            "lhs": list(table.lhs),
            "op": list(table.op),
            "rhs": list(table.rhs),
            "est": est,
            "se": se,
            "z": z,
            "p_val": 2.0 * stats.norm.sf(np.abs(z)),
            "free": free,
        }
    )
    return with_confidence_limits(frame)
