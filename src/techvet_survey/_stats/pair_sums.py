"""Pairwise-complete moments of item columns (and of the person-mean score), from one
pass over the rows: exact integer block sums when the answers are integer codes
(:mod:`~techvet_survey._stats.exact_sums`), centred float64 sums otherwise.

One implementation behind the in-memory reliability statistics and the one-pass
aggregates: both call :func:`pair_sums`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from techvet_survey._stats.blas import single_threaded_blas
from techvet_survey._stats.exact_sums import exact_totals
from techvet_survey._validation import warn_item_ranges

__all__ = ["PairSums", "SummedRows", "cross_product", "pair_sums"]


def cross_product(values: np.ndarray) -> np.ndarray:
    """X'X; single-threaded BLAS, which is faster for a tall, narrow X on a busy machine
    (multi-threaded OpenBLAS spins on shared cores)."""
    if values.size < 1_000_000:
        return values.T @ values
    with single_threaded_blas():
        return values.T @ values


@dataclass(frozen=True)
class PairSums:
    """Moments of m columns over the rows where each pair of columns is answered.

    For columns i and j: ``n_pair[i, j]`` rows answer both, ``mean[i, j]`` is the mean of
    column i over those rows, ``m2[i, j]`` the sum of squared deviations of column i
    from it, and ``comoment[i, j]`` the sum of cross-products of deviations of i and j.
    """

    n_input: int  # rows passed on by the nan_policy, blank rows included
    n_rows: int  # rows that answered at least one column
    n_pair: np.ndarray
    mean: np.ndarray
    m2: np.ndarray
    comoment: np.ndarray
    binary: np.ndarray  # per column: every answer is 0 or 1

    @classmethod
    def empty(cls, m: int) -> PairSums:
        zeros = np.zeros((m, m))
        return cls(0, 0, zeros, zeros, zeros, zeros, np.ones(m, dtype=bool))

    @classmethod
    def from_values(cls, values: np.ndarray) -> PairSums:
        """Moments of an n x m float array (NaN for missing)."""
        n_input, m = values.shape
        values = np.asfortranarray(values)  # the sums reduce columns
        present = ~np.isnan(values)
        answered = np.logical_or.reduce(present, axis=1)
        if not answered.all():
            values, present = values[answered], present[answered]
        binary = _binary_columns(values)
        if len(values) == 0:
            return replace(cls.empty(m), n_input=n_input, binary=binary)
        if present.all():
            shift = values.mean(axis=0)
            centred = values - shift
            cross = cross_product(centred)  # single-threaded BLAS for tall X
            count = np.full((m, m), float(len(values)))
            total = np.broadcast_to(centred.sum(axis=0)[:, None], (m, m))
            square = np.broadcast_to(np.diag(cross)[:, None], (m, m))
        else:
            # shifting by the column means keeps the sums of this block well conditioned
            answered = present.sum(axis=0)
            shift = np.where(present, values, 0.0).sum(axis=0) / np.maximum(answered, 1)
            filled = np.where(present, values - shift, 0.0)
            mask = present.astype(float)
            count = mask.T @ mask
            total = filled.T @ mask  # [i, j]: sum of column i where i and j are answered
            square = (filled**2).T @ mask
            cross = cross_product(filled)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_dev = np.where(count > 0, total / count, 0.0)
        return cls(
            n_input=n_input,
            n_rows=len(values),
            n_pair=count,
            mean=np.where(count > 0, shift[:, None] + mean_dev, 0.0),
            m2=square - total * mean_dev,
            comoment=cross - total * mean_dev.T,
            binary=binary,
        )

    @classmethod
    def from_totals(cls, totals, n_input: int) -> PairSums:
        """Moments of the items and the person mean from the exact sums of
        :func:`~techvet_survey._stats.exact_sums.exact_totals` (one rounding each)."""
        k = totals.count.shape[0]
        block = totals.complete
        squares, sums, n_complete = block[:k, :k], block[:k, k], totals.n_complete
        count = (totals.count + n_complete).astype(float)
        total = (totals.total + sums[:, None]).astype(float)
        square = (totals.square + np.diag(squares)[:, None]).astype(float)
        cross = (totals.cross + squares).astype(float)
        # the person mean of a complete row is its sum / k
        item_person = totals.mean_sums + np.array(
            [squares.sum(axis=1) / k, np.full(k, sums.sum() / k), np.full(k, squares.sum() / k**2)]
        )
        person_sum, person_square = totals.mean_total + np.array(
            [sums.sum() / k, squares.sum() / k**2]
        )
        n_rows = totals.n_answered + n_complete
        items_binary = np.diag(square) == np.diag(total)  # x² = x: every code is 0 or 1

        def bordered(inner, column, row, corner):
            out = np.empty((k + 1, k + 1))
            out[:k, :k], out[:k, k], out[k, :k], out[k, k] = inner, column, row, corner
            return out

        count = bordered(count, np.diag(count), np.diag(count), n_rows)
        total = bordered(total, np.diag(total), item_person[1], person_sum)
        square = bordered(square, np.diag(square), item_person[2], person_square)
        cross = bordered(cross, item_person[0], item_person[0], person_square)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(count > 0, total / count, 0.0)
        return cls(
            n_input=n_input,
            n_rows=n_rows,
            n_pair=count,
            mean=mean,
            m2=square - total * mean,
            comoment=cross - total * mean.T,
            binary=np.append(items_binary, items_binary.all() and person_sum == person_square),
        )

    def merge(self, other: PairSums) -> PairSums:
        """Pooled moments (Chan, Golub & LeVeque's pairwise update)."""
        n = self.n_pair + other.n_pair
        safe = np.where(n > 0, n, 1.0)
        delta = other.mean - self.mean
        weight = self.n_pair * other.n_pair / safe
        return PairSums(
            n_input=self.n_input + other.n_input,
            n_rows=self.n_rows + other.n_rows,
            n_pair=n,
            mean=np.where(n > 0, self.mean + delta * other.n_pair / safe, 0.0),
            m2=self.m2 + other.m2 + delta**2 * weight,
            comoment=self.comoment + other.comoment + delta * delta.T * weight,
            binary=self.binary & other.binary,
        )

    def covariance(self) -> np.ndarray:
        """R's ``cov(x, use = "pairwise")``."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.comoment / (self.n_pair - 1)

    def correlation(self) -> np.ndarray:
        """R's ``cor(x, use = "pairwise")``: each entry standardised on its own rows."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.comoment / np.sqrt(self.m2 * self.m2.T)

    def subset(self, keep: Sequence[int]) -> PairSums:
        index = np.ix_(keep, keep)
        return replace(
            self,
            n_pair=self.n_pair[index],
            mean=self.mean[index],
            m2=self.m2[index],
            comoment=self.comoment[index],
            binary=self.binary[list(keep)],
        )


def _binary_columns(values: np.ndarray) -> np.ndarray:
    """Per column: every answer is 0 or 1 (True for a column without answers)."""
    with np.errstate(invalid="ignore"):
        binary = (np.fmin.reduce(values, axis=0, initial=np.inf) >= 0) & (
            np.fmax.reduce(values, axis=0, initial=-np.inf) <= 1
        )
    for j in np.flatnonzero(binary):  # within [0, 1]: look for fractions
        column = values[:, j]
        binary[j] = bool(np.all((column == 0) | (column == 1) | np.isnan(column)))
    return binary


def _with_person_mean(values: np.ndarray) -> np.ndarray:
    """`values` (n x k) with the person mean of each row appended, column-major (the sums
    of :meth:`PairSums.from_values` reduce each column: 30x faster than row-major)."""
    columns = np.empty((len(values), values.shape[1] + 1), order="F")
    columns[:, :-1] = values
    if values.shape[1] == 1:  # the mean of one answer is the answer (NaN when missing)
        columns[:, -1] = values[:, 0]
    else:
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # rows without answers: NaN
            columns[:, -1] = np.nanmean(values, axis=1)
    return columns


def _rows_of(values: np.ndarray, rows) -> np.ndarray:
    """The `rows` (a slice or an index array) of `values`, gathered column by column."""
    if isinstance(rows, slice):
        return values[rows]
    out = np.empty((len(rows), values.shape[1]), order="F")
    for j in range(values.shape[1]):
        np.take(values[:, j], rows, out=out[:, j])
    return out


class SummedRows(NamedTuple):
    """:class:`PairSums` of each set of rows, and each column's smallest and largest
    answer over all of them (NaN for a column without answers)."""

    by_set: list[PairSums]
    low: np.ndarray
    high: np.ndarray


def pair_sums(values: np.ndarray, row_sets: list, names: Sequence[str] | None) -> SummedRows:
    """PairSums of the items and the person mean over each set of rows.

    `values` is n x k float64 with NaN for missing answers; each entry of `row_sets` is
    ``slice(0, n)`` or an array of row indices. The answers are summed exactly from
    integer block sums when they are integer codes, else in float64 (centred). Items
    without answers, and items on visibly different ranges, are named in a warning
    (:func:`~techvet_survey._validation.warn_item_ranges`) unless `names` is None.
    """
    sizes = [rows.stop if isinstance(rows, slice) else len(rows) for rows in row_sets]
    totals = exact_totals(values, row_sets)
    if totals is not None:
        by_set = [PairSums.from_totals(t, n) for t, n in zip(totals, sizes, strict=True)]
        low = np.fmin.reduce([t.low for t in totals], axis=0)
        high = np.fmax.reduce([t.high for t in totals], axis=0)
    else:
        by_set = [
            PairSums.from_values(_with_person_mean(_rows_of(values, rows))) for rows in row_sets
        ]
        low = np.fmin.reduce(values, axis=0, initial=np.inf)
        high = np.fmax.reduce(values, axis=0, initial=-np.inf)
    answered = np.isfinite(low) & np.isfinite(high)
    low, high = np.where(answered, low, np.nan), np.where(answered, high, np.nan)
    if names is not None and len(values):  # an empty chunk warns of nothing
        warn_item_ranges(list(names), low, high, stacklevel=4)
    return SummedRows(by_set, low, high)
