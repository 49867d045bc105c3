"""What a fitted model gives: abilities, information, reliability and the Wright map."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import expit

from techvet_survey._stats.binary import binary_items
from techvet_survey.irt._mml import _posterior, _quadrature
from techvet_survey.irt._persons import person_parameters
from techvet_survey.irt._result import IRTResult


def _check_mml(result: IRTResult, what: str) -> None:
    if not isinstance(result, IRTResult):
        raise TypeError(
            f"`result` must be an IRTResult from irt.fit(); got {type(result).__name__}."
        )
    if result.method != "mml":
        raise ValueError(
            f"{what} needs the ability distribution, which CML does not estimate; refit "
            "with irt.fit(..., method='mml')."
        )


def _logit_metric(result: IRTResult):
    """Slopes and intercepts on the reporting scale: theta ~ N(0, theta_sd^2)."""
    usable = result.items["a"].notna().to_numpy()
    table = result.items.loc[usable]
    return usable, table["a"].to_numpy(), table["d"].to_numpy()


def abilities(result: IRTResult, scored: pd.DataFrame) -> pd.DataFrame:
    """Expected a posteriori (EAP) abilities with posterior SDs.

    Parameters
    ----------
    result : IRTResult
        An MML fit from :func:`fit`.
    scored : DataFrame
        0/1 item scores with the item columns of the fit (other columns are ignored);
        NaN responses are skipped.

    Returns
    -------
    DataFrame
        Indexed like `scored`: ``theta`` (EAP), ``se`` (posterior SD) and ``n_items``
        (responses used). Persons without responses get the prior mean and SD.

    Notes
    -----
    ``theta_EAP = sum_q x_q w_q L(u | x_q) / sum_q w_q L(u | x_q)`` over the fit's
    quadrature [1]_; for the Rasch model the scale is the logit metric of the item
    difficulties (prior N(0, theta_sd^2)). R: ``mirt::fscores(mod, method = "EAP",
    full.scores.SE = TRUE)``.

    References
    ----------
    .. [1] Bock, R. D., & Mislevy, R. J. (1982). Adaptive EAP estimation of ability in a
       microcomputer environment. Applied Psychological Measurement, 6, 431-444.

    Examples
    --------
    >>> from techvet_survey.irt import fit
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1]})
    >>> result = fit(data, model="rasch")
    >>> abilities(result, data)["theta"].round(2).tolist()
    [0.58, -0.29, -0.72, 0.14, 0.14, 0.14]
    """
    _check_mml(result, "`abilities`")
    usable, slopes, intercepts = _logit_metric(result)
    frame = binary_items(scored, list(result.items["item"].to_numpy()[usable]), min_items=1)
    values = frame.to_numpy()
    nodes, weights = _quadrature(result.n_quad)
    nodes = nodes * result.theta_sd
    post, _ = _posterior(
        np.nan_to_num(values),
        (~np.isnan(values)).astype(float),
        slopes,
        intercepts,
        nodes,
        np.log(weights),
    )
    theta = post @ nodes
    se = np.sqrt(np.maximum(post @ nodes**2 - theta**2, 0.0))
    return pd.DataFrame(
        {"theta": theta, "se": se, "n_items": (~np.isnan(values)).sum(axis=1)},
        index=frame.index,
    )


def _theta_grid(theta, result: IRTResult) -> np.ndarray:
    if theta is None:
        return np.linspace(-4, 4, 81) * (result.theta_sd if result.method == "mml" else 1.0)
    return np.atleast_1d(np.asarray(theta, dtype=float))


def item_information(result: IRTResult, theta=None) -> pd.DataFrame:
    """Item information ``I_j(theta) = a_j^2 P_j(theta) (1 - P_j(theta))`` over a grid.

    Parameters
    ----------
    result : IRTResult
        A fit from :func:`fit`.
    theta : array-like, optional
        Ability values; by default 81 points over +-4 latent SDs.

    Returns
    -------
    DataFrame
        Long format: ``theta``, ``item``, ``information``.

    Notes
    -----
    R: ``mirt::iteminfo(extract.item(mod, j), Theta)``. Rasch items have ``a = 1`` on
    the logit scale.

    Examples
    --------
    >>> from techvet_survey.irt import fit
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1]})
    >>> info = item_information(fit(data, model="rasch", method="cml"), theta=[0.0])
    >>> info["information"].round(4).tolist()
    [0.2316, 0.2452, 0.2452]
    """
    usable, slopes, intercepts = _logit_metric(result)
    grid = _theta_grid(theta, result)
    prob = expit(slopes[:, None] * grid[None, :] + intercepts[:, None])
    info = slopes[:, None] ** 2 * prob * (1 - prob)
    names = result.items["item"].to_numpy()[usable]
    return pd.DataFrame(
        {
            "theta": np.tile(grid, names.size),
            "item": np.repeat(names, grid.size),
            "information": info.ravel(),
        }
    )


def test_information(result: IRTResult, theta=None) -> pd.DataFrame:
    """Test information (sum of item information) and the SE of ability ``1/sqrt(I)``.

    Returns
    -------
    DataFrame
        ``theta``, ``information``, ``se``.

    Notes
    -----
    R: ``mirt::testinfo(mod, Theta)``.

    Examples
    --------
    >>> from techvet_survey.irt import fit
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1]})
    >>> info = test_information(fit(data, model="rasch", method="cml"), theta=[0.0])
    >>> round(float(info["information"].iloc[0]), 4)
    0.7221
    """
    items = item_information(result, theta)
    total = items.groupby("theta", sort=False)["information"].sum()
    return pd.DataFrame(
        {
            "theta": total.index.to_numpy(),
            "information": total.to_numpy(),
            "se": 1 / np.sqrt(total.to_numpy()),
        }
    )


def marginal_reliability(result: IRTResult) -> float:
    """Marginal reliability ``sigma^2 / (sigma^2 + E[1 / I(theta)])`` over the prior.

    Notes
    -----
    The expectation is taken over the fitted N(0, theta_sd^2) ability distribution by
    the fit's quadrature [1]_. R: ``mirt::marginal_rxx(mod)``.

    References
    ----------
    .. [1] Green, B. F., Bock, R. D., Humphreys, L. G., Linn, R. L., & Reckase, M. D.
       (1984). Technical guidelines for assessing computerized adaptive tests. Journal of
       Educational Measurement, 21, 347-360.

    Examples
    --------
    >>> from techvet_survey.irt import fit
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1]})
    >>> round(marginal_reliability(fit(data, model="rasch")), 3)
    0.27
    """
    _check_mml(result, "`marginal_reliability`")
    nodes, weights = _quadrature(result.n_quad)
    grid = nodes * result.theta_sd
    info = test_information(result, grid)["information"].to_numpy()
    error = float(weights @ (1 / info))
    return result.theta_sd**2 / (result.theta_sd**2 + error)


def wright_map(result: IRTResult, scored: pd.DataFrame) -> pd.DataFrame:
    """Persons (abilities) and items (difficulties ``b``) on one scale.

    Persons are placed at their EAP abilities after an MML fit (:func:`abilities`) and
    at their WLE abilities after a CML fit (:func:`person_parameters`), which assumes no
    ability distribution (R: ``eRm::plotPImap``).

    Returns
    -------
    DataFrame
        ``kind`` (``"person"`` or ``"item"``), ``label`` (row index or item name) and
        ``location``: the input of a Wright map (person histogram beside item ticks).

    Examples
    --------
    >>> from techvet_survey.irt import fit
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1]})
    >>> wright_map(fit(data, model="rasch"), data)["kind"].value_counts().to_dict()
    {'person': 6, 'item': 3}
    """
    if isinstance(result, IRTResult) and result.method == "cml":
        persons = person_parameters(result, scored)
    else:
        persons = abilities(result, scored)
    items = result.items.dropna(subset=["b"])
    return pd.DataFrame(
        {
            "kind": ["person"] * len(persons) + ["item"] * len(items),
            "label": [*map(str, persons.index), *items["item"]],
            "location": np.concatenate([persons["theta"].to_numpy(), items["b"].to_numpy()]),
        }
    )


test_information.__test__ = False  # an IRT term, not a pytest test
