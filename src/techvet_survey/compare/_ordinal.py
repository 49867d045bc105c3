"""Proportional-odds (cumulative logit) regression of one item, with a test of the
proportional-odds assumption."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, special, stats
from statsmodels.miscmodels.ordinal_model import OrderedModel

from techvet_survey._results import Result
from techvet_survey._stats.arguments import as_column_list, check_ci, warn
from techvet_survey._validation import check_columns, check_dataframe
from techvet_survey.compare._common import group_levels, numeric_column


@dataclass(frozen=True)
class OrdinalRegression(Result):
    """Result of :func:`ordinal_regression`.

    Attributes
    ----------
    coefficients : DataFrame
        One row per model term: log odds ratio, SE, Wald z and p, odds ratio with CI.
    thresholds : DataFrame
        The cut points θⱼ of logit P(Y ≤ j) = θⱼ − x'β with their SEs.
    proportional_odds : DataFrame
        Likelihood-ratio tests of the proportional-odds assumption, one row per
        predictor and one for all predictors together.
    fit : DataFrame
        One row: ``n``, ``n_categories``, ``log_lik``, ``aic``, ``converged``.
    """

    coefficients: pd.DataFrame
    thresholds: pd.DataFrame
    proportional_odds: pd.DataFrame
    fit: pd.DataFrame


def ordinal_regression(
    data: pd.DataFrame,
    item: str,
    *,
    predictors: Sequence[str] = ("country", "group"),
    ci: float = 0.95,
) -> OrdinalRegression:
    """Odds ratios of agreeing more, from a proportional-odds model of one item.

    Parameters
    ----------
    data : DataFrame
        One row per respondent.
    item : str
        An item coded in ordered integer codes (1-5). Categories nobody chose are not
        part of the model.
    predictors : sequence of str
        Predictor columns. Text, boolean and categorical columns are dummy-coded against
        their first level (the first category of a categorical, else the first in sorted
        order, as R's ``factor``); numeric columns enter as they are. Rows with a missing
        item or predictor are left out (``n`` is the n used).
    ci : float
        Level of the Wald intervals of the odds ratios.

    Returns
    -------
    OrdinalRegression
        ``.coefficients`` (``term``, ``predictor``, ``level``, ``reference``,
        ``estimate`` = log odds ratio, ``se``, ``z``, ``p_val``, ``odds_ratio``,
        ``ci_low``, ``ci_high``), ``.thresholds`` (``threshold``, ``estimate``, ``se``),
        ``.proportional_odds`` (``term``, ``statistic``, ``df``, ``p_val``, ``valid``)
        and ``.fit``.

    Notes
    -----
    The model is logit P(Y ≤ j | x) = θⱼ − x'β, fitted by maximum likelihood with
    statsmodels' ``OrderedModel`` [1]_; this is ordinal::clm's parametrisation, so an
    odds ratio exp(β) > 1 means higher answer categories are more likely. The intervals
    are Wald intervals exp(β ± z·SE) (R: ``exp(confint.default(fit))``); clm's
    ``confint`` gives profile-likelihood intervals, which differ slightly in small
    samples.

    Proportional odds is tested by likelihood ratio against a partial
    proportional-odds model in which the tested predictor has a separate effect at
    each cut point, logit P(Y ≤ j) = θⱼ − x'β − z'γⱼ [2]_:
    LR = 2(ℓ_partial − ℓ_PO) on (J − 2)·dim(z) df; the last row frees all predictors.
    This is ``ordinal::nominal_test`` (and clm's ``nominal =`` argument); the Brant
    test compares separate binary logits instead and answers the same question. In
    sparse tables the partial model can give decreasing cumulative probabilities at some
    observed covariate pattern; then the row has ``valid`` False, NaN and a warning.

    R equivalent: ``ordinal::clm(factor(item, ordered = TRUE) ~ country + group)``,
    ``confint.default``, ``clm(item ~ group, nominal = ~ country)``.

    References
    ----------
    .. [1] McCullagh, P. (1980). Regression models for ordinal data. JRSS B, 42,
       109-142.
    .. [2] Peterson, B., & Harrell, F. E. (1990). Partial proportional odds models for
       ordinal response variables. Applied Statistics, 39, 205-217.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> frame = pd.DataFrame({"country": np.repeat(["EE", "FI"], 60)})
    >>> latent = (frame["country"] == "FI") * 1.0 + rng.logistic(size=120)
    >>> frame["q1"] = np.digitize(latent, [-1.5, -0.5, 0.5, 1.5]) + 1
    >>> result = ordinal_regression(frame, "q1", predictors=["country"])
    >>> result.coefficients[["term", "odds_ratio"]].round(2)
              term  odds_ratio
    0  country[FI]        2.41
    """
    check_dataframe(data)
    predictors = check_columns(data, as_column_list(predictors), "predictors")
    ci = check_ci(ci)
    response = numeric_column(data, item, "item")
    design, terms, used = _design(data, predictors, response.notna())
    observed = response[used].to_numpy()
    if np.any(observed != np.round(observed)):
        raise ValueError(
            f"`item` {item!r} must hold whole-number answer codes; scale scores are not "
            "ordinal categories."
        )
    categories, y = np.unique(observed, return_inverse=True)
    if len(categories) < 3:
        raise ValueError(
            f"`item` {item!r} has {len(categories)} answer categories in the rows used; a "
            "proportional-odds model needs at least three (use logistic regression)."
        )
    model = OrderedModel(y, design, distr="logit")
    fitted = model.fit(method="bfgs", disp=False, maxiter=2000, gtol=1e-8)
    n_beta = design.shape[1]
    params = np.asarray(fitted.params)
    beta = params[:n_beta]
    covariance = np.asarray(fitted.cov_params())
    thresholds, threshold_se = _thresholds(params[n_beta:], covariance[n_beta:, n_beta:])
    coefficients = _coefficients(beta, np.sqrt(np.diag(covariance)[:n_beta]), terms, ci)
    labels = [f"{_code(a)}|{_code(b)}" for a, b in itertools.pairwise(categories)]
    threshold_table = pd.DataFrame(
        {"threshold": labels, "estimate": thresholds, "se": threshold_se}
    )
    tests = _proportional_odds_tests(
        y, design.to_numpy(), terms, len(categories), fitted.llf, thresholds, beta
    )
    fit = pd.DataFrame(
        [
            {
                "n": len(y),
                "n_categories": len(categories),
                "log_lik": fitted.llf,
                "aic": -2 * fitted.llf + 2 * len(params),
                "converged": bool(fitted.mle_retvals["converged"]),
            }
        ]
    )
    return OrdinalRegression(coefficients, threshold_table, tests, fit)


def _code(value: float):
    return int(value) if float(value).is_integer() else value


def _design(data: pd.DataFrame, predictors: list[str], keep: pd.Series):
    """Dummy-coded design matrix, the term behind each column, and the rows used."""
    used = keep & data[predictors].notna().all(axis=1)
    columns, terms = {}, []
    for name in predictors:
        column = data.loc[used, name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            columns[name] = column.astype(float)
            terms.append({"term": name, "predictor": name, "level": None, "reference": None})
            continue
        levels = group_levels(column)
        if len(levels) < 2:
            raise ValueError(
                f"`predictors` column {name!r} has a single level ({levels[0]!r}) in the rows "
                "used; drop it from `predictors`."
            )
        for level in levels[1:]:
            columns[f"{name}[{level}]"] = (column == level).astype(float)
            terms.append(
                {
                    "term": f"{name}[{level}]",
                    "predictor": name,
                    "level": level,
                    "reference": levels[0],
                }
            )
    return pd.DataFrame(columns), pd.DataFrame(terms), used


def _thresholds(raw: np.ndarray, covariance: np.ndarray):
    """θ from statsmodels' (θ₁, log(θ₂ − θ₁), ...) with delta-method SEs."""
    derivatives = np.concatenate([[1.0], np.exp(raw[1:])])
    jacobian = np.tril(np.ones((len(raw), len(raw)))) * derivatives
    se = np.sqrt(np.diag(jacobian @ covariance @ jacobian.T))
    return np.cumsum(np.concatenate([[raw[0]], derivatives[1:]])), se


def _coefficients(beta, se, terms: pd.DataFrame, ci: float) -> pd.DataFrame:
    z_crit = stats.norm.ppf(0.5 + ci / 2)
    table = terms.copy()
    table["estimate"] = beta
    table["se"] = se
    table["z"] = beta / se
    table["p_val"] = 2 * stats.norm.sf(np.abs(table["z"]))
    table["odds_ratio"] = np.exp(beta)
    table["ci_low"] = np.exp(beta - z_crit * se)
    table["ci_high"] = np.exp(beta + z_crit * se)
    return table


def _proportional_odds_tests(y, design, terms, n_categories, log_lik, thresholds, beta):
    rows = []
    predictors = list(dict.fromkeys(terms["predictor"]))
    for name in [*predictors, None]:
        free = (terms["predictor"] == name).to_numpy() if name else np.ones(len(terms), bool)
        partial_lik, valid = _partial_fit(y, design, free, n_categories, thresholds, beta)
        df = (n_categories - 2) * int(free.sum())
        label = name if name else "all predictors"
        if not valid:
            warn(
                f"The partial proportional-odds model freeing {label!r} gives decreasing "
                "cumulative probabilities for some respondents (sparse categories); its "
                "test of proportional odds is NaN. Collapse rare answer categories."
            )
        statistic = 2 * (partial_lik - log_lik) if valid else np.nan
        rows.append(
            {
                "term": label,
                "test": "likelihood ratio vs partial proportional odds",
                "statistic": statistic,
                "df": df,
                "p_val": stats.chi2.sf(statistic, df),
                "valid": valid,
            }
        )
    return pd.DataFrame(rows)


def _partial_fit(y, design, free, n_categories, thresholds, beta):
    """Maximum log-likelihood of the partial proportional-odds model, and its validity."""
    fixed_x, free_x = design[:, ~free], design[:, free]
    n_cut, n_free = n_categories - 1, free_x.shape[1]
    start = np.concatenate([thresholds, beta[~free], np.tile(beta[free], n_cut)])

    def linear(params):
        theta = params[:n_cut]
        fixed_beta = params[n_cut : n_cut + fixed_x.shape[1]]
        gamma = params[n_cut + fixed_x.shape[1] :].reshape(n_cut, n_free)
        return theta[None, :] - (fixed_x @ fixed_beta)[:, None] - free_x @ gamma.T

    rows = np.arange(len(y))

    def negative_log_lik(params):
        cumulative = special.expit(linear(params))
        padded = np.column_stack([np.zeros(len(y)), cumulative, np.ones(len(y))])
        probability = padded[rows, y + 1] - padded[rows, y]
        return -np.sum(np.log(np.clip(probability, 1e-300, None)))

    def gradient(params):
        eta = linear(params)
        cumulative = special.expit(eta)
        density = cumulative * (1 - cumulative)
        padded_p = np.column_stack([np.zeros(len(y)), cumulative, np.ones(len(y))])
        padded_d = np.column_stack([np.zeros(len(y)), density, np.zeros(len(y))])
        probability = np.clip(padded_p[rows, y + 1] - padded_p[rows, y], 1e-300, None)
        # d log P / d eta_j for the upper (j = y) and lower (j = y - 1) cut points
        weight = np.zeros((len(y), n_cut + 2))
        weight[rows, y + 1] += padded_d[rows, y + 1] / probability
        weight[rows, y] -= padded_d[rows, y] / probability
        weight = weight[:, 1:-1]
        grad_theta = weight.sum(axis=0)
        grad_fixed = -(fixed_x.T @ weight.sum(axis=1))
        grad_gamma = -(weight.T @ free_x)
        return -np.concatenate([grad_theta, grad_fixed, grad_gamma.ravel()])

    result = optimize.minimize(
        negative_log_lik,
        start,
        jac=gradient,
        method="BFGS",
        options={"gtol": 1e-8, "maxiter": 5000},
    )
    cumulative = special.expit(linear(result.x))
    valid = bool(np.all(np.diff(cumulative, axis=1) > 0))
    return -result.fun, valid
