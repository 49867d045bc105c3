"""Pairwise-complete moments of item columns by group, gathered in one mergeable pass."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import reduce

import numpy as np
import pandas as pd

from techvet_survey._stats.moments import cross_product
from techvet_survey._validation import (
    apply_nan_policy,
    check_argument,
    check_columns,
    check_dataframe,
    numeric_items,
)
from techvet_survey.aggregates._exact import exact_totals

MOMENT_NAN_POLICIES = ("pairwise", "listwise", "raise")


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
        present = ~np.isnan(values)
        values = values[present.any(axis=1)]
        present = present[present.any(axis=1)]
        binary = ((values == 0) | (values == 1) | ~present).all(axis=0)
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
        :func:`~techvet_survey.aggregates._exact.exact_totals` (one rounding each)."""
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


@dataclass(frozen=True)
class GroupMoments:
    """Sufficient statistics of item columns by group, built in one pass and mergeable.

    Per group (and for the rows without a group label): the pairwise-complete counts,
    means, sums of squares and cross-products of the items and of the person-mean score
    (the mean of each row's answered items). Everything
    :func:`techvet_survey.aggregates.cronbach_alpha`,
    :func:`~techvet_survey.aggregates.item_analysis`,
    :func:`~techvet_survey.aggregates.describe` and the Welch comparison need is here,
    so a national file is read once, chunk by chunk or partition by partition.

    Build it with :meth:`from_frame` (a pandas or Dask DataFrame), extend it with
    :meth:`update` and combine partial results with :meth:`merge`; each returns a new
    object.

    Attributes
    ----------
    items : tuple of str
        The item columns.
    group : str or None
        The grouping column (None: one group).
    nan_policy : {"pairwise", "listwise", "raise"}
        As in :func:`techvet_survey.reliability.cronbach_alpha`; ``"listwise"`` keeps the
        rows that answer every item.
    by_group : dict
        :class:`PairSums` of each group label.
    unlabelled : PairSums
        The rows whose group label is missing (they count in the overall statistics).
    group_order : tuple or None
        The categories of a categorical `group` column (their order is kept).

    Notes
    -----
    Each block of rows is centred on its own column means before its sums are taken,
    and blocks are pooled with the pairwise update of Chan, Golub & LeVeque [1]_:
    for counts nₐ, n_b with means x̄ₐ, x̄_b, M2 = M2ₐ + M2_b + δ² nₐn_b/n and
    C = Cₐ + C_b + δᵢδⱼ nₐn_b/n (δ = x̄_b − x̄ₐ over the rows of each pair), so the
    result does not depend on how the rows were split and keeps full precision at 10⁶
    rows.

    References
    ----------
    .. [1] Chan, T. F., Golub, G. H., & LeVeque, R. J. (1983). Algorithms for computing
       the sample variance: analysis and recommendations. The American Statistician,
       37, 242-247.

    Examples
    --------
    >>> frame = pd.DataFrame({"q1": [1, 2, 3, 4], "q2": [2, 2, 4, 5], "g": list("aabb")})
    >>> first = GroupMoments.from_frame(frame.iloc[:2], ["q1", "q2"], group="g")
    >>> both = first.update(frame.iloc[2:])
    >>> both.overall().covariance()[:2, :2].round(4).tolist()
    [[1.6667, 1.8333], [1.8333, 2.25]]
    """

    items: tuple[str, ...]
    group: str | None
    nan_policy: str
    by_group: dict
    unlabelled: PairSums
    group_order: tuple | None = None

    @classmethod
    def from_frame(
        cls,
        data,
        items: Sequence[str],
        *,
        group: str | None = None,
        nan_policy: str = "pairwise",
    ) -> GroupMoments:
        """Moments of `items` in `data` (a pandas DataFrame, or a Dask DataFrame whose
        partitions are summarised in parallel and merged)."""
        check_argument("nan_policy", MOMENT_NAN_POLICIES, nan_policy)
        items = tuple(items)

        def build(frame: pd.DataFrame) -> GroupMoments:
            return cls._from_pandas(frame, items, group, nan_policy)

        return aggregate_frame(data, build)

    @classmethod
    def _from_pandas(cls, data, items, group, nan_policy) -> GroupMoments:
        check_dataframe(data)
        frame = apply_nan_policy(numeric_items(data, list(items), min_items=1), nan_policy)
        values = frame.to_numpy(dtype=float)
        n = len(values)
        if group is None:
            (sums,) = _pair_sums(values, [slice(0, n)])
            return cls(items, None, nan_policy, {}, sums)
        check_columns(data, [group], "group")
        labels = data[group] if len(frame) == len(data) else data.loc[frame.index, group]
        order = (
            tuple(labels.cat.categories) if isinstance(labels.dtype, pd.CategoricalDtype) else None
        )
        codes, levels = pd.factorize(labels, sort=False)
        sizes = np.bincount(codes + 1, minlength=len(levels) + 1)
        if sizes.max() == n:  # one set holds every row: no gathering
            row_sets = [slice(0, n) if size == n else np.empty(0, np.intp) for size in sizes]
        else:
            small = codes.astype(np.int16) if len(levels) < 2**15 else codes  # radix sort
            row_sets = np.split(np.argsort(small, kind="stable"), np.cumsum(sizes)[:-1])
        unlabelled, *by_level = _pair_sums(values, row_sets)
        by_group = dict(zip(levels, by_level, strict=True))
        return cls(items, group, nan_policy, by_group, unlabelled, order)

    def update(self, chunk) -> GroupMoments:
        """These moments pooled with those of `chunk` (same items, group and policy)."""
        return self.merge(
            GroupMoments.from_frame(chunk, self.items, group=self.group, nan_policy=self.nan_policy)
        )

    def merge(self, other: GroupMoments) -> GroupMoments:
        """The moments of the rows of both (e.g. two chunks or two partitions)."""
        if (self.items, self.group, self.nan_policy) != (
            other.items,
            other.group,
            other.nan_policy,
        ):
            raise ValueError(
                "`other` summarises different items, group or nan_policy: merge only "
                "GroupMoments built with the same `items`, `group` and `nan_policy`."
            )
        by_group = dict(self.by_group)
        for level, sums in other.by_group.items():
            by_group[level] = by_group[level].merge(sums) if level in by_group else sums
        return replace(
            self,
            by_group=by_group,
            unlabelled=self.unlabelled.merge(other.unlabelled),
            group_order=self.group_order or other.group_order,
        )

    def overall(self) -> PairSums:
        """The moments of every row, whatever its group."""
        return reduce(PairSums.merge, self.by_group.values(), self.unlabelled)

    def levels(self) -> list:
        """Group labels in R's factor order (categories, else sorted)."""
        return ordered_levels(list(self.by_group), self.group_order)


def _pair_sums(values: np.ndarray, row_sets: list) -> list[PairSums]:
    """PairSums of the items and the person mean over each set of rows: from exact
    integer sums when the answers are integer codes, else in float64."""
    sizes = [rows.stop if isinstance(rows, slice) else len(rows) for rows in row_sets]
    totals = exact_totals(values, row_sets)
    if totals is not None:
        return [PairSums.from_totals(t, n) for t, n in zip(totals, sizes, strict=True)]
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # rows without answers: NaN
        person_mean = np.nanmean(values, axis=1)
    columns = np.column_stack([values, person_mean])
    return [PairSums.from_values(columns[rows]) for rows in row_sets]


def ordered_levels(levels: list, order: tuple | None) -> list:
    """`levels` in the order of a categorical column, else sorted as R's factor()."""
    if order is not None:
        return [level for level in order if level in set(levels)]
    return sorted(levels, key=lambda level: (str(type(level)), level))


def is_dask_collection(data) -> bool:
    """True for a Dask DataFrame (checked without importing dask)."""
    return type(data).__module__.split(".")[0] == "dask" and hasattr(data, "to_delayed")


def aggregate_frame(data, build: Callable):
    """`build(data)` for a pandas frame; for a Dask DataFrame, `build` of each partition
    (in parallel on the active scheduler) merged in a tree."""
    if not is_dask_collection(data):
        return build(data)
    import dask

    partials = [dask.delayed(build)(part) for part in data.to_delayed()]
    while len(partials) > 1:
        pairs = zip(partials[0::2], partials[1::2], strict=False)
        merged = [dask.delayed(_merge)(first, second) for first, second in pairs]
        partials = merged + ([partials[-1]] if len(partials) % 2 else [])
    (result,) = dask.compute(partials[0])
    return result


def _merge(first, second):
    return first.merge(second)
