"""Scale scores of the guidance-capability Likert scales (the min-valid rule).

A scale score is the mean of the items a respondent answered, provided that enough of
the scale's items were answered; otherwise it is missing. Items are expected as the
cleaning step leaves them: codes 1-5 with reverse-keyed items already recoded and
"don't know" / "not applicable" / unanswered as NaN.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from techvet_survey._validation import check_dataframe, numeric_items
from techvet_survey.codebook import Codebook

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
    codebook: Codebook | None = None,
    *,
    min_valid: float = 0.5,
    scales: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Score every scale as the mean of its answered items (the min-valid rule).

    Parameters
    ----------
    data : DataFrame
        One row per respondent with the scales' item columns (``gw1`` ... ``af5``), as
        :func:`techvet_survey.cleaning.clean_study` returns them in ``.survey``:
        reverse-keyed items recoded, missing answers NaN.
    codebook : Codebook, optional
        The instrument that says which items form each scale; the bundled codebook when
        omitted.
    min_valid : float
        The smallest share of a scale's items that must be answered for a score, in
        (0, 1]. The default 0.5 scores a 4-item scale from 2 answers and a 5-item scale
        from 3 (2.5 rounds up). ``1`` asks for every item (complete cases).
    scales : str or sequence of str, optional
        Scale ids to score (``"gw"``, ``"cg"``, ...); every scale of the codebook when
        omitted. Every item of each requested scale must be a column of `data`.

    Returns
    -------
    DataFrame
        One column per scale, named by the scale id, on the index of `data`; NaN where
        too few items were answered.

    Notes
    -----
    For respondent i and a scale of k items with answered set Aᵢ::

        scoreᵢ = (1/|Aᵢ|) Σ_{j ∈ Aᵢ} xᵢⱼ   if |Aᵢ| ≥ min_valid · k,   else missing.

    The mean (not the sum) keeps scores on the 1-5 answer metric whatever the number of
    answered items, so a partially answered scale is not pulled down. "Don't know" and
    "not applicable" are missing, not a middle category. The boundary counts: with
    ``min_valid=0.5`` a respondent who answered exactly half of the items is scored.

    R equivalent: ``ifelse(rowSums(!is.na(x)) >= min_valid * ncol(x),
    rowMeans(x, na.rm = TRUE), NA)``; ``sjmisc::row_means(x, n = min_valid)``; SPSS
    ``MEAN.n(...)`` with n = ⌈min_valid · k⌉.

    References
    ----------
    1. Newman, D. A. (2014). Missing data: five practical guidelines. Organizational
       Research Methods, 17(4), 372-411 (proration of scale scores).

    Examples
    --------
    >>> frame = pd.DataFrame({"dg1": [4, 2, np.nan], "dg2": [5, np.nan, np.nan],
    ...                       "dg3": [3, 4, np.nan], "dg4": [4, np.nan, 1]})
    >>> score_scales(frame, scales="dg")
         dg
    0  4.00
    1  3.00
    2   NaN
    """
    check_dataframe(data)
    if isinstance(min_valid, bool) or not isinstance(min_valid, (int, float)):
        raise TypeError(f"`min_valid` must be a share between 0 and 1; got {min_valid!r}.")
    if not 0 < min_valid <= 1:
        raise ValueError(
            f"`min_valid` must be a share of the items in (0, 1], e.g. 0.5; got {min_valid!r}."
        )
    book = codebook or Codebook.load()
    table = scale_item_table(book)
    known = list(dict.fromkeys(table["scale"]))
    wanted = _requested_scales(scales, known)
    scores = {}
    for scale in wanted:
        items = table.loc[table["scale"] == scale, "item"].tolist()
        absent = [item for item in items if item not in data.columns]
        if absent:
            raise KeyError(
                f"`data` lacks item(s) {', '.join(map(repr, absent))} of scale {scale!r}, so "
                f"it cannot be scored. Pass `scales` without {scale!r} (e.g. scales="
                f"{[other for other in wanted if other != scale]!r}) or add the items."
            )
        values = numeric_items(data, items, min_items=1).to_numpy()
        answered = np.sum(~np.isnan(values), axis=1)
        enough = answered >= min_valid * len(items) - _SHARE_TOLERANCE
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.nansum(values, axis=1) / answered
        scores[scale] = np.where(enough & (answered > 0), means, np.nan)
    return pd.DataFrame(scores, index=data.index)


def _requested_scales(scales, known: list[str]) -> list[str]:
    if scales is None:
        return known
    wanted = [scales] if isinstance(scales, str) else list(scales)
    unknown = [scale for scale in wanted if scale not in known]
    if unknown:
        raise KeyError(
            f"`scales` names scale(s) the codebook lacks: {', '.join(map(repr, unknown))}. "
            f"Scales: {', '.join(map(repr, known))}."
        )
    if not wanted:
        raise ValueError("`scales` is empty; name at least one scale or pass None for all.")
    return list(dict.fromkeys(wanted))
