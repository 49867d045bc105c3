"""Reverse keying: items that run against the rest of the scale, found and flipped."""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np

from techvet_survey._stats.moments import ItemMoments


def first_component_loadings(moments: ItemMoments) -> np.ndarray:
    """Loadings of the items on the first principal component of their correlations.

    The component's sign makes the loadings sum to a positive number, as
    ``psych::principal`` does, so that a negative loading marks an item that runs
    against the majority.
    """
    values, vectors = np.linalg.eigh(moments.correlation())
    loadings = vectors[:, -1] * np.sqrt(max(values[-1], 0.0))
    return loadings if loadings.sum() >= 0 else -loadings


def reverse_keyed(moments: ItemMoments, flip: np.ndarray, adjust: float | None = None):
    """The moments after recoding the `flip` items as `adjust` - x.

    `adjust` is min + max over all items by default, as ``psych::alpha(check.keys=TRUE)``
    does; covariances of a flipped item change sign, variances stay.
    """
    values = moments.values.copy()
    if adjust is None:
        adjust = np.nanmin(values) + np.nanmax(values)
    values[:, flip] = adjust - values[:, flip]
    sign = np.where(flip, -1.0, 1.0)
    flips = np.outer(sign, sign)
    return replace(
        moments,
        values=values,
        mean=np.where(flip, adjust - moments.mean, moments.mean),
        cov=moments.cov * flips,
        pairwise_r=None if moments.pairwise_r is None else moments.pairwise_r * flips,
        person_r=None,  # the person mean of the recoded items is another score
    )


def checked_keys(moments: ItemMoments) -> tuple[ItemMoments, list[str]]:
    """psych's ``check.keys``: flip the items loading negatively on the first component.

    Returns the (possibly) recoded moments and the names of the flipped items; a
    UserWarning names them.
    """
    flip = first_component_loadings(moments) < 0
    names = [name for name, flipped in zip(moments.names, flip, strict=True) if flipped]
    if not names:
        return moments, []
    keyed = reverse_keyed(moments, flip)
    values = keyed.values
    warnings.warn(
        f"`check_keys` reversed item(s) {', '.join(map(repr, names))}: they load negatively "
        "on the first principal component. They were recoded as min + max - x "
        f"({float(np.nanmin(values)):g} + {float(np.nanmax(values)):g} - x); the result's "
        "`reversed` column names them.",
        UserWarning,
        stacklevel=3,
    )
    return keyed, names


def warn_negative_item_rest(names, item_rest: np.ndarray, *, check_keys_hint: bool) -> None:
    """A UserWarning naming every item whose item-rest correlation is negative."""
    negative = [
        f"{name!r} (r = {float(r):.2f})"
        for name, r in zip(names, item_rest, strict=True)
        if np.isfinite(r) and r < 0
    ]
    if not negative:
        return
    fix = "pass check_keys=True, or reverse it" if check_keys_hint else "reverse it"
    warnings.warn(
        f"item(s) {', '.join(negative)} correlate negatively with the rest of the scale "
        f"(item-rest r < 0): probably reverse-keyed. Check the item's wording and {fix} "
        "(score_scales(..., {'scale': ['-item', ...]}) or min + max - x) before scoring.",
        UserWarning,
        stacklevel=3,
    )
