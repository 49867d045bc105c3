"""Likelihood-ratio comparison of nested IRT models fitted by MML (mirt's anova)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey.errors import ArgumentError
from techvet_survey.irt._persons import _check_result


def _n_params(result) -> int:
    n_items = int(result.items["a"].notna().sum())
    return n_items + 1 if result.model == "rasch" else 2 * n_items


def compare_models(restricted, general) -> pd.DataFrame:
    """Likelihood-ratio test of a model against a more general one (Rasch vs 2PL).

    Parameters
    ----------
    restricted, general : IRTResult
        MML fits from :func:`fit` to the same persons and items, the first nested in
        the second (``model="rasch"`` and ``model="2pl"``).

    Returns
    -------
    DataFrame
        One row per model: ``model``, ``n_params``, ``loglik``, ``aic``, ``bic``; the
        second row also has the likelihood-ratio ``statistic`` (``2 (log L_general -
        log L_restricted)``), its ``df`` and ``p_val``. R: ``anova(rasch, twopl)`` of
        two ``mirt`` fits.

    Notes
    -----
    The Rasch model by MML has ``k + 1`` parameters (``k`` intercepts and the ability
    SD), the 2PL ``2 k``, so ``df = k - 1``. ``AIC = -2 log L + 2 p`` and ``BIC =
    -2 log L + p log n``. CML log-likelihoods are conditional on the raw scores and not
    comparable with marginal ones, so CML fits are refused.

    Examples
    --------
    >>> import itertools
    >>> from techvet_survey.irt import fit
    >>> patterns = list(itertools.product([0, 1], repeat=4))
    >>> data = pd.DataFrame(patterns * 2 + patterns[5:12], columns=["a", "b", "c", "d"])
    >>> table = compare_models(fit(data, model="rasch"), fit(data, model="2pl"))
    >>> table["df"].tolist()
    [nan, 3.0]
    """
    for name, result in (("restricted", restricted), ("general", general)):
        _check_result(result)
        if result.method != "mml":
            raise ArgumentError(
                f"`{name}` is a CML fit, whose conditional log-likelihood cannot be compared "
                "with another model's; refit both models with method='mml'."
            )
    if list(restricted.items["item"]) != list(general.items["item"]) or (
        restricted.n_persons != general.n_persons
    ):
        raise ArgumentError(
            "The two fits must use the same items and persons; fit both models to the same "
            "`scored` data and `items`."
        )
    sizes = np.array([_n_params(restricted), _n_params(general)])
    if sizes[0] >= sizes[1]:
        raise ArgumentError(
            f"`restricted` ({restricted.model}, {sizes[0]} parameters) must have fewer "
            f"parameters than `general` ({general.model}, {sizes[1]}); swap the arguments."
        )
    loglik = np.array([restricted.loglik, general.loglik])
    chisq = 2 * (loglik[1] - loglik[0])
    if chisq < -1e-6:
        warnings.warn(
            f"`general` ({general.model}) has a lower log-likelihood than `restricted` "
            f"({restricted.model}), so one fit has not reached its maximum; the statistic "
            "is set to 0. Refit with a larger `max_iter` or a smaller `tol`.",
            RuntimeWarning,
            stacklevel=2,
        )
    chisq = max(chisq, 0.0)
    df = int(sizes[1] - sizes[0])
    return pd.DataFrame(
        {
            "model": [restricted.model, general.model],
            "n_params": sizes,
            "loglik": loglik,
            "aic": -2 * loglik + 2 * sizes,
            "bic": -2 * loglik + sizes * np.log(general.n_persons),
            "statistic": [np.nan, chisq],
            "df": [np.nan, float(df)],
            "p_val": [np.nan, float(stats.chi2.sf(chisq, df))],
        }
    )
