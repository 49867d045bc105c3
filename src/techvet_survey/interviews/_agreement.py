"""Intercoder agreement of double-coded interviews, per code and overall."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from techvet_survey import agreement
from techvet_survey._validation import check_argument
from techvet_survey.io.qda import as_segments

UNITS = ("document", "segment")
ALL_CODES = "(all codes)"
CODE_ASSIGNED = "(code assigned)"
UNCODED = "(uncoded)"


def _double_coded(segments: pd.DataFrame) -> pd.DataFrame:
    coders = sorted(segments["coder"].dropna().unique())
    if len(coders) < 2:
        raise ValueError(
            f"`segments` has one coder only ({coders}): agreement needs documents coded by "
            "at least two coders. Read all coders' exports together."
        )
    per_document = segments.groupby("document")["coder"].nunique()
    double = per_document.index[per_document >= 2]
    if len(double) == 0:
        raise ValueError(
            f"`segments` has no document coded by two coders (coders {coders} coded "
            "different documents), so agreement cannot be computed."
        )
    return segments[segments["document"].isin(double)]


def _coverage(segments: pd.DataFrame, min_overlap: float) -> pd.DataFrame:
    """For each unit span and coder: the coder's segments covering it by `min_overlap`."""
    units = segments[["document", "start", "end"]].drop_duplicates().reset_index(drop=True)
    units["unit"] = (
        units["document"].astype(str)
        + ":"
        + units["start"].astype(str)
        + "-"
        + units["end"].astype(str)
    )
    coders = segments[["document", "coder"]].drop_duplicates()
    grid = units.merge(coders, on="document")
    joined = grid.merge(
        segments[["document", "coder", "code", "start", "end"]],
        on=["document", "coder"],
        suffixes=("", "_segment"),
    )
    overlap = (
        np.minimum(joined["end"], joined["end_segment"])
        - np.maximum(joined["start"], joined["start_segment"])
    ).clip(lower=0)
    length = joined["end"] - joined["start"]
    same = (joined["start"] == joined["start_segment"]) & (joined["end"] == joined["end_segment"])
    share = np.where(length > 0, overlap / length.where(length > 0, 1), same.astype(float))
    joined = joined.assign(share=share)
    covered = joined[(joined["share"] >= min_overlap) | same]
    return grid, covered


def agreement_table(
    segments,
    code: str | None = None,
    *,
    unit: str = "document",
    min_overlap: float = 0.5,
) -> pd.DataFrame:
    """Unit-by-coder table of double-coded interviews, for the agreement functions.

    Parameters
    ----------
    segments : DataFrame or CodedInterviews
        Coded segments of two or more coders.
    code : str, optional
        With a code: 1 where the coder applied it to the unit, 0 where not. Without
        (``unit="segment"`` only): the code each coder applied to the unit (the one with
        the largest overlap), ``"(uncoded)"`` where the coder applied none.
    unit : {"document", "segment"}
        Units are the documents coded by two or more coders, or the distinct coded spans
        in them.
    min_overlap : float
        For ``unit="segment"``: the share of a unit span a coder's segment must cover to
        count as coding that unit.

    Returns
    -------
    DataFrame
        One row per unit (index ``unit``), one column per coder; NaN where a coder did
        not code the document.

    Examples
    --------
    >>> segments = pd.DataFrame({
    ...     "document": ["d1", "d1", "d2", "d2"], "coder": ["A", "B", "A", "B"],
    ...     "code": ["x", "x", "x", "y"], "start": 0, "end": 10})
    >>> agreement_table(segments, "x")
    coder  A  B
    unit
    d1     1  1
    d2     1  0
    """
    check_argument("unit", UNITS, unit)
    if not 0 < min_overlap <= 1:
        raise ValueError(f"`min_overlap` must lie in (0, 1]; got {min_overlap!r}.")
    data = _double_coded(as_segments(segments))
    if unit == "document":
        if code is None:
            raise ValueError("`code` is required with unit='document' (presence of a code).")
        coded = data.groupby(["document", "coder"])["code"].apply(lambda c: int(code in set(c)))
        table = coded.unstack("coder")
        table.index.name = "unit"
        return table.astype("Int64") if table.isna().any().any() else table.astype("int64")
    grid, covered = _coverage(data, min_overlap)
    if code is not None:
        hits = covered.loc[covered["code"] == code, ["unit", "coder"]].drop_duplicates()
        table = grid.assign(value=0).set_index(["unit", "coder"])["value"]
        table.loc[list(hits.itertuples(index=False, name=None))] = 1
        table = table.unstack("coder")
    else:
        best = covered.sort_values(["share", "code"], ascending=[False, True])
        best = best.drop_duplicates(["unit", "coder"]).set_index(["unit", "coder"])["code"]
        table = grid.set_index(["unit", "coder"]).assign(code=best)["code"].fillna(UNCODED)
        table = table.unstack("coder")
    table.columns.name = "coder"
    return table


def coding_agreement(
    segments,
    *,
    unit: str = "document",
    min_overlap: float = 0.5,
    n_boot: int = 1000,
    seed: int | np.random.Generator | None = None,
) -> pd.DataFrame:
    """Intercoder agreement of double-coded interviews, per code and overall.

    Parameters
    ----------
    segments : DataFrame or CodedInterviews
        Coded segments of two or more coders.
    unit : {"document", "segment"}
        Agreement on whether each document (or each coded span) carries each code.
    min_overlap : float
        For ``unit="segment"``: share of a span another coder's segment must cover.
    n_boot : int
        Bootstrap resamples of Krippendorff's alpha.
    seed : int or numpy.random.Generator, optional
        Seed of the bootstraps.

    Returns
    -------
    DataFrame
        The rows of :func:`~techvet_survey.agreement.percent_agreement`, Cohen's kappa
        (Fleiss' kappa with more than two coders) and Krippendorff's alpha (nominal) for
        each code on its presence/absence, for ``"(all codes)"`` (presence/absence of
        every code pooled) and, for ``unit="segment"``, ``"(code assigned)"`` (the code
        each coder gave each span, as one nominal variable). A ``code`` column comes
        first. Codes without variation in the double-coded data get NaN and one
        warning; codes whose estimates are defined but some of whose bootstrap resamples
        lack variation get another, counting those resamples per code.

    Examples
    --------
    >>> segments = pd.DataFrame({
    ...     "document": ["d1", "d1", "d2", "d2", "d3", "d3"], "coder": ["A", "B"] * 3,
    ...     "code": ["x", "x", "x", "y", "y", "y"], "start": 0, "end": 10})
    >>> table = coding_agreement(segments, n_boot=0)
    >>> table.query("coefficient == 'percent_agreement'")[["code", "estimate"]]
              code  estimate
    0  (all codes)  0.666667
    3            x  0.666667
    6            y  0.666667
    """
    data = _double_coded(as_segments(segments))
    coders = sorted(data["coder"].unique())
    kappa = agreement.cohen_kappa if len(coders) == 2 else agreement.fleiss_kappa
    rng = np.random.default_rng(seed)
    tables = {
        code: agreement_table(data, code, unit=unit, min_overlap=min_overlap)
        for code in sorted(data["code"].unique())
    }
    pooled = pd.concat(tables.values(), keys=tables.keys(), names=["code", "unit"])
    named = {ALL_CODES: pooled}
    if unit == "segment":
        named[CODE_ASSIGNED] = agreement_table(data, unit=unit, min_overlap=min_overlap)
    named.update(tables)
    rows, undefined, resampled = [], [], {}
    for code, table in named.items():
        table = table.astype("float64") if code != CODE_ASSIGNED else table
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            results = [
                agreement.percent_agreement(table),
                kappa(table),
                agreement.krippendorff_alpha(table, n_boot=n_boot, seed=rng),
            ]
        code_rows = pd.concat(results, ignore_index=True).assign(code=code)
        if code_rows["estimate"].isna().any():
            undefined.append(code)
        dropped = [
            w.message for w in caught if isinstance(w.message, agreement.ResamplesWithoutVariation)
        ]
        if dropped and code not in undefined:
            resampled[code] = dropped[0]
        rows.append(code_rows)
    _warn_without_variation(undefined, resampled, unit)
    result = pd.concat(rows, ignore_index=True)
    return result[["code", *[c for c in result.columns if c != "code"]]]


def _warn_without_variation(undefined: list, resampled: dict, unit: str) -> None:
    """Say what lacked variation: a code's double-coded data (its coefficients are NaN)
    or only some bootstrap resamples of it (its estimates stand, the interval comes from
    the other resamples)."""
    if undefined:
        warnings.warn(
            f"Agreement is undefined (NaN) for {len(undefined)} code(s) without variation "
            f"in the double-coded {unit}s (every coder gave every {unit} the same answer): "
            f"{undefined[:10]}; their chance-corrected coefficients are NaN in the table.",
            RuntimeWarning,
            stacklevel=3,
        )
    if resampled:
        counts = "; ".join(
            f"{code!r}: {drop.dropped} of {drop.total}"
            for code, drop in list(resampled.items())[:10]
        )
        warnings.warn(
            f"Krippendorff's alpha: some bootstrap resamples of the double-coded {unit}s had "
            f"no variation and were left out of the standard error and interval ({counts}). "
            f"The point estimates of these {len(resampled)} code(s) are defined; only their "
            "intervals rest on fewer resamples.",
            RuntimeWarning,
            stacklevel=3,
        )
