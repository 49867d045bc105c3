"""Scale scores (the min-valid rule), of the study's scales or of any data.

A scale score is the mean of the items a respondent answered, provided that enough of
the scale's items were answered; otherwise it is missing. The study's items are expected
as the cleaning step leaves them: codes 1-5 with reverse-keyed items already recoded and
"don't know" / "not applicable" / unanswered as NaN. Other data name their scales in a
dict, with psych's ``"-item"`` notation for reverse-keyed items.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from techvet_survey._validation import check_dataframe, numeric_items
from techvet_survey.codebook import Codebook
from techvet_survey.errors import ArgumentError

__all__ = ["scale_item_table", "score_scales"]

# A count of answered items is compared with min_valid * k; this guards 0.6 * 5 and the
# like against rounding just above a whole number.
_SHARE_TOLERANCE = 1e-9


def scale_item_table(codebook: Codebook | None = None) -> pd.DataFrame:
    """One row per scale item: ``scale``, ``item``, ``position``, ``n_items``, ``reverse``.

    Parameters
    ----------
    codebook : Codebook, optional
        The instrument; the bundled codebook when omitted.

    Returns
    -------
    DataFrame
        Items in questionnaire order; ``position`` counts from 1 within the scale and
        ``reverse`` says whether the cleaning step recoded the item (6 − code).

    Examples
    --------
    >>> table = scale_item_table()
    >>> table[table["scale"] == "dg"][["scale", "item", "position", "n_items"]]
       scale item  position  n_items
    21    dg  dg1         1        4
    22    dg  dg2         2        4
    23    dg  dg3         3        4
    24    dg  dg4         4        4
    """
    book = codebook or Codebook.load()
    reverse = dict(zip(book.items["item"], book.items["reverse"], strict=True))
    rows = [
        {
            "scale": scale,
            "item": item,
            "position": position,
            "n_items": len(items),
            "reverse": bool(reverse.get(item, False)),
        }
        for scale, items in zip(book.scales["scale"], book.scales["items"], strict=True)
        for position, item in enumerate(items, start=1)
    ]
    return pd.DataFrame(rows)


def score_scales(
    data: pd.DataFrame,
    scales: Mapping[str, Sequence[str]] | str | Sequence[str] | Codebook | None = None,
    *,
    reverse: Sequence[str] | None = None,
    min_valid: float = 0.5,
    item_range: tuple[float, float] | None = None,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Score scales as the mean of their answered items (the min-valid rule).

    Parameters
    ----------
    data : DataFrame
        One row per respondent with the scales' item columns, numeric codes, missing
        answers NaN.
    scales : dict, str, sequence of str or Codebook, optional
        Which items form each scale:

        - a dict ``{"A": ["A1", "A2", ...]}`` (any data, no codebook). An item written
          ``"-A1"`` is reverse-keyed (psych's keys notation);
        - scale ids of the codebook (``"gw"``, ``["gw", "cg"]``), or None for every
          scale of the codebook; the study's items come from the cleaning step with
          their reverse-keyed items already recoded, so nothing is reversed here;
        - a Codebook: every scale of that codebook (the study's pipeline call
          ``score_scales(survey, book)``).
    reverse : sequence of str, optional
        Items to reverse before scoring, as an alternative to the ``"-"`` prefix.
    min_valid : float
        The smallest share of a scale's items that must be answered for a score, in
        (0, 1]. The default 0.5 scores a 4-item scale from 2 answers and a 5-item scale
        from 3 (2.5 rounds up). ``1`` asks for every item (complete cases).
    item_range : (float, float), optional
        The lowest and highest possible answer code, e.g. ``(1, 6)``; a reversed code
        is ``low + high - x``. By default the range observed over the scale's items
        (as psych, which takes the range of all items it is given). Declare it when
        nobody may have used an extreme answer.
    codebook : Codebook, optional
        The instrument whose scale ids `scales` names; the bundled codebook when
        omitted.

    Returns
    -------
    DataFrame
        One column per scale, named by the scale, on the index of `data`; NaN where
        too few items were answered.

    Notes
    -----
    For respondent i and a scale of k items with answered set Aᵢ::

        scoreᵢ = (1/|Aᵢ|) Σ_{j ∈ Aᵢ} xᵢⱼ   if |Aᵢ| ≥ min_valid · k,   else missing,

    with xᵢⱼ replaced by low + high − xᵢⱼ for a reverse-keyed item. The mean (not the
    sum) keeps scores on the answer metric whatever the number of answered items, so
    a partially answered scale is not pulled down. "Don't know" and "not applicable"
    are missing, not a middle category. The boundary counts: with ``min_valid=0.5`` a
    respondent who answered exactly half of the items is scored.

    R equivalent: ``psych::scoreItems(keys, x, impute = "none", totals = FALSE)`` (with
    a min-valid rule of one answered item); ``ifelse(rowSums(!is.na(x)) >= min_valid *
    ncol(x), rowMeans(x, na.rm = TRUE), NA)``; ``sjmisc::row_means(x, n = min_valid)``;
    SPSS ``MEAN.n(...)`` with n = ⌈min_valid · k⌉.

    References
    ----------
    1. Newman, D. A. (2014). Missing data: five practical guidelines. Organizational
       Research Methods, 17(4), 372-411 (proration of scale scores).

    Examples
    --------
    >>> frame = pd.DataFrame({"dg1": [4, 2, np.nan], "dg2": [5, np.nan, np.nan],
    ...                       "dg3": [3, 4, np.nan], "dg4": [4, np.nan, 1]})
    >>> score_scales(frame, "dg")
         dg
    0  4.00
    1  3.00
    2   NaN

    Any data, with psych's keys (``-q2`` reversed on the 1-5 range):

    >>> own = pd.DataFrame({"q1": [5, 4, 2], "q2": [1, 2, 4], "q3": [4, 5, 1]})
    >>> score_scales(own, {"mood": ["q1", "-q2", "q3"]}, item_range=(1, 5))
           mood
    0  4.666667
    1  4.333333
    2  1.666667
    """
    check_dataframe(data)
    if isinstance(min_valid, bool) or not isinstance(min_valid, (int, float)):
        raise TypeError(f"`min_valid` must be a share between 0 and 1; got {min_valid!r}.")
    if not 0 < min_valid <= 1:
        raise ValueError(
            f"`min_valid` must be a share of the items in (0, 1], e.g. 0.5; got {min_valid!r}."
        )
    keyed = _keyed_scales(scales, codebook, reverse)
    low_high = _checked_range(item_range)
    scores = {}
    for scale, keys in keyed.items():
        items = list(keys)
        absent = [item for item in items if item not in data.columns]
        if absent:
            others = [other for other in keyed if other != scale]
            raise KeyError(
                f"`data` lacks item(s) {', '.join(map(repr, absent))} of scale {scale!r}, so "
                f"it cannot be scored. Pass `scales` without {scale!r} (e.g. scales="
                f"{others!r}) or add the items."
            )
        values = numeric_items(data, items, min_items=1, check_ranges=False).to_numpy()
        flip = np.array([keys[item] for item in items])
        if flip.any():
            values = reverse_codes(values, flip, low_high, scale, items)
        answered = np.sum(~np.isnan(values), axis=1)
        enough = answered >= min_valid * len(items) - _SHARE_TOLERANCE
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.nansum(values, axis=1) / answered
        scores[scale] = np.where(enough & (answered > 0), means, np.nan)
    return pd.DataFrame(scores, index=data.index)


def _keyed_scales(scales, codebook, reverse) -> dict[str, dict[str, bool]]:
    """Scale -> {item: reversed?}, from a dict of keys or the codebook's scale ids."""
    if isinstance(scales, Codebook):
        if codebook is not None:
            raise ArgumentError(
                "`scales` is a Codebook and `codebook` is given too; pass the codebook once "
                "(scales=None, codebook=book) and name scale ids in `scales`."
            )
        scales, codebook = None, scales
    if isinstance(scales, Mapping):
        keyed = {
            str(name): parse_keys(f"scales[{name!r}]", items) for name, items in scales.items()
        }
        if not keyed:
            raise ArgumentError(
                "`scales` is an empty dict; give at least one scale, e.g. "
                "{'A': ['A1', 'A2', 'A3']}."
            )
    else:
        book = codebook or Codebook.load()
        table = scale_item_table(book)
        wanted = _requested_scales(scales, list(dict.fromkeys(table["scale"])))
        keyed = {
            scale: dict.fromkeys(table.loc[table["scale"] == scale, "item"], False)
            for scale in wanted
        }
    for item in [] if reverse is None else _names("reverse", reverse):
        holders = [scale for scale, keys in keyed.items() if item in keys]
        if not holders:
            raise ArgumentError(
                f"`reverse` names {item!r}, which is in none of the scales "
                f"({', '.join(map(repr, keyed))}). Name items of `scales`."
            )
        for scale in holders:
            keyed[scale][item] = True
    return keyed


def _names(argument: str, values) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise ArgumentError(
            f"`{argument}` must be a list of item columns, e.g. ['A1', 'A2']; got {values!r}."
        )
    if not all(isinstance(value, str) for value in values):
        raise ArgumentError(f"`{argument}` must hold column names (str); got {list(values)!r}.")
    return list(values)


def parse_keys(argument: str, items) -> dict[str, bool]:
    """psych's keys: ``"-A1"`` is item A1 reverse-keyed; item -> reversed, in order.

    `argument` names the argument in the error messages (``"items"``,
    ``"scales['A']"``).
    """
    keys: dict[str, bool] = {}
    for key in _names(argument, items):
        item, flipped = (key[1:], True) if key.startswith("-") else (key, False)
        if item in keys:
            raise ArgumentError(
                f"`{argument}` names item {item!r} twice; name each item once "
                "('-' before the name reverses it)."
            )
        keys[item] = flipped
    if not keys:
        raise ArgumentError(f"`{argument}` is empty; name its item columns.")
    return keys


def _checked_range(item_range) -> tuple[float, float] | None:
    if item_range is None:
        return None
    try:
        low, high = (float(value) for value in item_range)
    except (TypeError, ValueError):
        raise ArgumentError(
            f"`item_range` must be the lowest and highest code, e.g. (1, 5); got {item_range!r}."
        ) from None
    if not low < high:
        raise ArgumentError(
            f"`item_range` must be (lowest, highest) with lowest < highest; got {item_range!r}."
        )
    return low, high


def reverse_codes(values, flip, low_high=None, scale="items", items=()) -> np.ndarray:
    """`values` with the flipped columns recoded low + high - x; `low_high` defaults to
    the smallest and largest code over all the columns (psych's ``reverse.code``).

    `scale` and `items` name the scale and its columns in the error for codes outside a
    given `low_high`.
    """
    if low_high is None:
        if np.isnan(values).all():
            return values
        low_high = (np.nanmin(values), np.nanmax(values))
    else:
        outside = (values < low_high[0]) | (values > low_high[1])
        if outside.any():
            column = items[int(np.flatnonzero(outside.any(axis=0))[0])]
            raise ArgumentError(
                f"item {column!r} of scale {scale!r} holds codes outside `item_range` "
                f"{low_high}. Set missing codes to NaN or widen `item_range`."
            )
    values = values.copy()
    values[:, flip] = low_high[0] + low_high[1] - values[:, flip]
    return values


def _requested_scales(scales, known: list[str]) -> list[str]:
    if scales is None:
        return known
    wanted = [scales] if isinstance(scales, str) else list(scales)
    unknown = [scale for scale in wanted if scale not in known]
    if unknown:
        raise KeyError(
            f"`scales` names scale(s) the codebook lacks: {', '.join(map(repr, unknown))}. "
            f"Scales: {', '.join(map(repr, known))}. For your own items pass a dict, e.g. "
            "scales={'A': ['A1', '-A2', 'A3']}."
        )
    if not wanted:
        raise ValueError("`scales` is empty; name at least one scale or pass None for all.")
    return list(dict.fromkeys(wanted))
