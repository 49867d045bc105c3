"""Andersen's likelihood-ratio test of the Rasch model across person groups (eRm's LRtest)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from techvet_survey._results import Result, plain
from techvet_survey._stats.binary import binary_items, constant_item_mask
from techvet_survey.errors import ArgumentError, InputError
from techvet_survey.irt._cml import _fit_cml
from techvet_survey.irt._persons import _check_result

SPLITS = ("median", "mean")


@dataclass(frozen=True)
class AndersenLRResult(Result):
    """Andersen's likelihood-ratio test.

    Attributes
    ----------
    statistic, df, p_val : float
        ``LR = 2 (sum_g log L_g - log L)``, its degrees of freedom ``(k - 1)(G - 1)`` and
        the chi-square p-value.
    split : str
        How persons were grouped (``"median"``, ``"mean"`` or ``"given"``).
    groups : DataFrame
        ``group``, ``n`` (persons) and ``loglik`` (conditional log-likelihood).
    difficulties : DataFrame
        ``item`` and the sum-zero CML difficulty of each item in each group
        (columns ``b_<group>``), for a graphical check.
    excluded : tuple of str
        Items left out because they had no variance in some group.
    """

    statistic: float
    df: int
    p_val: float
    split: str
    groups: pd.DataFrame
    difficulties: pd.DataFrame
    excluded: tuple

    def _summary_sections(self):
        """eRm's ``print(LRtest(...))``, then the groups and their difficulties."""
        facts = [
            f"LR-value: {self.statistic:.3f}",
            f"Chi-square df: {self.df}",
            f"p-value: {plain(self.p_val)}",
            f"Split: {self.split}",
        ]
        if self.excluded:
            facts.append(f"Items left out (no variance in a group): {', '.join(self.excluded)}")
        return "Andersen LR-test:", [
            (None, facts),
            ("Groups:", self.groups),
            ("Item difficulties by group:", self.difficulties),
        ]


def _split_labels(split, values: np.ndarray, index: pd.Index) -> np.ndarray:
    """Group label of each person: raw score against the median/mean, or `split` itself."""
    if isinstance(split, str):
        if split not in SPLITS:
            raise ArgumentError(
                f"`split` must be 'median', 'mean' or one group label per row; got {split!r}."
            )
        scores = np.nansum(values, axis=1)
        # with missing responses the cut is taken within each pattern of answered items
        _, pattern = np.unique(~np.isnan(values), axis=0, return_inverse=True)
        pattern = pattern.ravel()
        centre = getattr(np, split)
        cut = np.array([centre(scores[pattern == g]) for g in range(pattern.max() + 1)])
        if split == "median":
            return np.where(scores <= cut[pattern], "low", "high")
        return np.where(scores < cut[pattern], "low", "high")
    labels = pd.Series(split.to_numpy() if isinstance(split, pd.Series) else list(split))
    if len(labels) != len(index):
        raise ArgumentError(
            f"`split` has {len(labels)} labels for {len(index)} rows of `scored`; give one "
            "group label per row (or 'median' / 'mean')."
        )
    if labels.isna().any():
        row = index[int(np.flatnonzero(labels.isna().to_numpy())[0])]
        raise ArgumentError(
            f"`split` is missing at row {row!r}; give every person a group or drop the row."
        )
    return labels.astype(str).to_numpy()


def andersen_lr(result, scored: pd.DataFrame, split="median") -> AndersenLRResult:
    """Andersen's LR test: are the Rasch difficulties the same in every person group?

    Parameters
    ----------
    result : IRTResult
        A Rasch fit by CML (``irt.fit(..., model="rasch", method="cml")``).
    scored : DataFrame
        The 0/1 item scores the model was fitted to.
    split : {"median", "mean"} or array-like
        Raw score ``<=`` median vs ``>`` median, raw score ``<`` mean vs ``>=`` mean
        (with missing responses: within each pattern of answered items), or one group
        label per row (for example gender: a DIF test).

    Returns
    -------
    AndersenLRResult

    Notes
    -----
    The model is refitted by CML in each group; ``LR = 2 (sum_g log L_g - log L)``
    with the conditional log-likelihoods is chi-square with
    ``(k - 1)(G - 1)`` degrees of freedom under the Rasch model [1]_. An item with no
    variance in some group (all right, all wrong or unanswered) is left out of every
    fit, with a warning, as eRm does. R: ``eRm::LRtest(fit, splitcr = "median")``.

    References
    ----------
    .. [1] Andersen, E. B. (1973). A goodness of fit test for the Rasch model.
       Psychometrika, 38, 123-140.

    Examples
    --------
    >>> from techvet_survey.irt import fit
    >>> data = pd.DataFrame({"q1": [1, 1, 0, 1, 0, 1, 0, 1], "q2": [1, 0, 0, 1, 1, 0, 1, 0],
    ...                      "q3": [1, 0, 0, 0, 1, 1, 0, 1]})
    >>> test = andersen_lr(fit(data, model="rasch", method="cml"), data,
    ...                    split=["a"] * 4 + ["b"] * 4)
    >>> test.df
    2
    """
    _check_result(result)
    if result.method != "cml":
        raise ArgumentError(
            "Andersen's LR test compares conditional likelihoods; refit with "
            "irt.fit(..., model='rasch', method='cml')."
        )
    usable = result.items["a"].notna().to_numpy()
    names = list(result.items["item"].to_numpy()[usable])
    frame = binary_items(scored, names)
    values = frame.to_numpy(dtype=float)
    labels = _split_labels(split, values, frame.index)
    answered = ~np.isnan(values).all(axis=1)
    values, labels = values[answered], labels[answered]
    order = ["low", "high"] if isinstance(split, str) else sorted(set(labels))
    groups = [g for g in order if (labels == g).any()]
    if len(groups) < 2:
        raise ArgumentError(
            f"`split` puts every person in one group ({groups[0]!r}); the test needs two "
            "or more groups."
        )
    dropped = np.zeros(len(names), dtype=bool)
    for group in groups:
        dropped |= constant_item_mask(values[labels == group])
    excluded = tuple(str(name) for name in np.asarray(names)[dropped])
    if excluded:
        warnings.warn(
            f"Items {', '.join(map(repr, excluded))} have no variance in some group of "
            "`split`; the full and group models are fitted without them.",
            RuntimeWarning,
            stacklevel=2,
        )
    kept = values[:, ~dropped]
    if kept.shape[1] < 2:
        raise InputError(
            "Fewer than two items vary in every group of `split`; choose another split."
        )
    if excluded:
        loglik_all = _fit_cml(kept[~np.isnan(kept).all(axis=1)], 200, 1e-10)[2]
    else:
        loglik_all = result.loglik
    fits = []
    for group in groups:
        block = kept[labels == group]
        fits.append(_fit_cml(block[~np.isnan(block).all(axis=1)], 200, 1e-10))
    logliks = np.array([f[2] for f in fits])
    statistic = float(2 * (logliks.sum() - loglik_all))
    df = (kept.shape[1] - 1) * (len(groups) - 1)
    difficulties = pd.DataFrame({"item": np.asarray(names)[~dropped]})
    for group, f in zip(groups, fits, strict=True):
        difficulties[f"b_{group}"] = f[0]
    return AndersenLRResult(
        statistic=statistic,
        df=int(df),
        p_val=float(stats.chi2.sf(statistic, df)),
        split=split if isinstance(split, str) else "given",
        groups=pd.DataFrame(
            {"group": groups, "n": [int((labels == g).sum()) for g in groups], "loglik": logliks}
        ),
        difficulties=difficulties,
        excluded=excluded,
    )
