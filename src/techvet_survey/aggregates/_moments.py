"""Pairwise-complete moments of item columns by group, gathered in one mergeable pass."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import reduce

import numpy as np
import pandas as pd

from techvet_survey._stats.pair_sums import PairSums, pair_sums
from techvet_survey._validation import (
    apply_nan_policy,
    check_argument,
    check_columns,
    check_dataframe,
    numeric_items,
)

MOMENT_NAN_POLICIES = ("pairwise", "listwise", "raise")


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
        check_ranges: bool = True,
    ) -> GroupMoments:
        """Moments of `items` in `data` (a pandas DataFrame, or a Dask DataFrame whose
        partitions are summarised in parallel and merged).

        `check_ranges` warns about items without any answer and items on visibly
        different ranges (off for columns that are not items of one scale)."""
        check_argument("nan_policy", MOMENT_NAN_POLICIES, nan_policy)
        items = tuple(items)

        def build(frame: pd.DataFrame) -> GroupMoments:
            return cls._from_pandas(frame, items, group, nan_policy, check_ranges)

        return aggregate_frame(data, build)

    @classmethod
    def _from_pandas(cls, data, items, group, nan_policy, check_ranges=True) -> GroupMoments:
        check_dataframe(data)
        frame = numeric_items(data, list(items), min_items=1, check_ranges=False)
        frame = apply_nan_policy(frame, nan_policy)
        values = frame.to_numpy(dtype=float)
        n = len(values)
        names = items if check_ranges else None
        if group is None:
            (sums,) = pair_sums(values, [slice(0, n)], names).by_set
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
        unlabelled, *by_level = pair_sums(values, row_sets, names).by_set
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
