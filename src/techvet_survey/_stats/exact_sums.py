"""Exact sums of products of integer-coded answers, in float32 blocks of rows.

Likert and multiple-choice answers are small integers. Their sums of products are
integers too, and float32 arithmetic (twice the BLAS speed of float64, half the memory
traffic) adds integers exactly while every partial sum stays below 2²⁴. So each block
of rows is cast to float32 once (no centring copy) and multiplied in one BLAS call; the
block sums are accumulated as int64. From these exact sums the means, squared
deviations and cross-products follow with one rounding each, which is at least as
accurate as centring in float64 first (numpy.cov).

A block qualifies when every answer equals its int16 cast (checked, not assumed) and
rows x max|answer|² < 2²⁴ (blocks with larger codes are cut shorter), so that every
partial sum of a product column stays below 2²⁴. Data that do not qualify (fractions,
codes beyond ±2¹¹) return None and are summed in float64 by the caller.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from techvet_survey._stats.blas import single_threaded_blas

EXACT_LIMIT = 2**24  # float32 adds integers below this exactly
BLOCK_ROWS = 8_192  # a float64 block of 40 items (2.6 MB) stays in the cache
PARALLEL_VALUES = 4_000_000  # below this many values threads cost more than they save


class NotIntegerCodes(Exception):
    """A block holds a value that is not a small integer: sum in float64 instead."""


class _Totals:
    """Exact sums of one group over the rows of its blocks (int64 / float64)."""

    def __init__(self, k: int):
        self.n_complete = 0  # rows without a missing answer
        self.complete = np.zeros((k + 1, k + 1), dtype=np.int64)  # [X 1]'[X 1]
        self.count = np.zeros((k, k), dtype=np.int64)  # rows answering i and j
        self.total = np.zeros((k, k), dtype=np.int64)  # Σ x_i where i and j answered
        self.square = np.zeros((k, k), dtype=np.int64)  # Σ x_i² where i and j answered
        self.cross = np.zeros((k, k), dtype=np.int64)  # Σ x_i x_j
        self.n_answered = 0  # incomplete rows with at least one answer
        # person mean p of the incomplete rows: Σ x_i p, Σ p and Σ p² where i answered,
        # and Σ p, Σ p² over the rows
        self.mean_sums = np.zeros((3, k))
        self.mean_total = np.zeros(2)
        self.low = np.full(k, np.inf)  # smallest and largest answer of each column
        self.high = np.full(k, -np.inf)

    def add(self, other: _Totals) -> None:
        for name, value in vars(other).items():
            if name not in ("low", "high"):
                setattr(self, name, getattr(self, name) + value)
        np.minimum(self.low, other.low, out=self.low)
        np.maximum(self.high, other.high, out=self.high)


class _Block:
    """Reusable buffers of one worker thread."""

    def __init__(self, k: int, rows: int, order: str):
        self.k = k
        self.codes = np.empty((rows, k), dtype=np.int16, order=order)
        self.same = np.empty((rows, k), dtype=bool, order=order)
        self.complete = np.empty((rows, k + 1), dtype=np.float32, order=order)
        self.complete[:, k] = 1.0
        self.missing = np.empty((rows, 2 * k), dtype=np.float32, order=order)
        self.row_sum_weights = np.zeros((2 * k, 2), dtype=np.float32)  # [answers, present]
        self.row_sum_weights[:k, 0] = self.row_sum_weights[k:, 1] = 1.0

    def add(self, block: np.ndarray, totals: _Totals) -> None:
        """Add the exact sums of `block` (rows x k float64) to `totals`."""
        m, k = block.shape
        codes, same = self.codes[:m], self.same[:m]
        with np.errstate(invalid="ignore"):  # NaN and out-of-range casts are caught below
            np.copyto(codes, block, casting="unsafe")
        np.equal(codes, block, out=same)
        if same.all():
            values = self.complete[:m]
            np.copyto(values[:, :k], codes, casting="unsafe")
            low, high = codes.min(axis=0), codes.max(axis=0)
            add_part = self._add_complete
        else:
            missing = np.isnan(block)
            if not np.logical_or(same, missing, out=same).all():
                raise NotIntegerCodes
            with np.errstate(invalid="ignore"):  # a column without answers: NaN
                low, high = np.fmin.reduce(block, axis=0), np.fmax.reduce(block, axis=0)
            values = self.missing[:m]
            np.logical_not(missing, out=values[:, k:], casting="unsafe")
            np.copyto(values[:, :k], codes, casting="unsafe")
            values[:, :k] *= values[:, k:]  # missing answers count 0
            add_part = self._add_missing
        np.fmin(totals.low, low, out=totals.low)
        np.fmax(totals.high, high, out=totals.high)
        largest = max(-float(np.nanmin(low, initial=0)), float(np.nanmax(high, initial=0)), 1.0)
        if largest > 2**11:
            raise NotIntegerCodes
        step = EXACT_LIMIT // int(largest * largest + 1)
        for start in range(0, m, step):
            add_part(values[start : start + step], totals)

    def _add_complete(self, values: np.ndarray, totals: _Totals) -> None:
        totals.complete += (values.T @ values).astype(np.int64)
        totals.n_complete += len(values)

    def _add_missing(self, both: np.ndarray, totals: _Totals) -> None:
        k = self.k
        filled, present = both[:, :k], both[:, k:]
        products = (both.T @ both).astype(np.int64)
        totals.cross += products[:k, :k]
        totals.total += products[:k, k:]
        totals.count += products[k:, k:]
        totals.square += ((filled * filled).T @ present).astype(np.int64)
        row_sums = (both @ self.row_sum_weights).astype(np.float64)  # exact: small integers
        answered = row_sums[:, 1]
        with np.errstate(invalid="ignore", divide="ignore"):
            person = np.where(answered > 0, row_sums[:, 0] / answered, 0.0)
        weights = np.column_stack([person, person * person])
        sums = both.T.astype(np.float64) @ weights  # 2k x 2
        totals.mean_sums += [sums[:k, 0], sums[k:, 0], sums[k:, 1]]
        totals.mean_total += weights.sum(axis=0)
        totals.n_answered += int(np.count_nonzero(answered))


def _blocks(rows, block_rows: int) -> list:
    """`rows` (a slice of all rows or an index array) cut into blocks."""
    if isinstance(rows, slice):
        return [slice(a, min(a + block_rows, rows.stop)) for a in range(0, rows.stop, block_rows)]
    return [rows[a : a + block_rows] for a in range(0, len(rows), block_rows)]


def exact_totals(
    values: np.ndarray, row_sets: list, *, block_rows: int = BLOCK_ROWS
) -> list[_Totals] | None:
    """Exact sums of `values` (n x k float64, NaN missing) over each set of rows, with
    the smallest and largest answer of each column (``low``, ``high``).

    Each entry of `row_sets` is ``slice(0, n)`` or an array of row indices. Returns
    None when some answer is not an integer code of at most 2¹¹ in absolute value.
    """
    k = values.shape[1]
    tasks = [(g, rows) for g, rows in enumerate(row_sets) for rows in _blocks(rows, block_rows)]
    workers = min(os.cpu_count() or 1, len(tasks)) if values.size >= PARALLEL_VALUES else 1

    order = "F" if values.flags.f_contiguous else "C"  # blocks copied without transposing

    def work(worker: int) -> list[_Totals]:
        block = _Block(k, block_rows, order)
        totals = [_Totals(k) for _ in row_sets]
        for g, rows in tasks[worker::workers]:
            block.add(values[rows], totals[g])
        return totals

    try:
        with single_threaded_blas():  # the blocks are shared out to threads here
            if workers == 1:
                partials = [work(0)]
            else:
                with ThreadPoolExecutor(workers) as pool:
                    partials = list(pool.map(work, range(workers)))
    except NotIntegerCodes:
        return None
    result = partials[0]
    for partial in partials[1:]:
        for mine, theirs in zip(result, partial, strict=True):
            mine.add(theirs)
    return result
