"""The measurement model: parsing of the model argument and the parameter table.

A model is a set of factors, each measured by two or more items (lavaan's ``=~``). The
parameter table lists, for every group, each model parameter as lavaan's
``parameterEstimates()`` would (lhs, op, rhs), where it sits in the group's flat
parameter vector, and which free parameter (if any) it is. Equality constraints across
groups are free parameters shared by several rows.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from techvet_survey._validation import check_argument

#: lavaan ``group.equal`` names this engine understands.
EQUALITY_OPTIONS = (
    "loadings",
    "intercepts",
    "residuals",
    "means",
    "lv.variances",
    "lv.covariances",
)

_NAME = re.compile(r"^[A-Za-z_.][A-Za-z0-9_.]*$")


@dataclass(frozen=True)
class ModelSpec:
    """Factors and their items; ``indicators[k]`` are the items of ``factors[k]``;
    ``covariances`` the residual covariances between items (lavaan ``x1 ~~ x5``)."""

    factors: tuple[str, ...]
    indicators: tuple[tuple[str, ...], ...]
    covariances: tuple[tuple[str, str], ...] = ()

    @property
    def items(self) -> tuple[str, ...]:
        """All items, in order of first appearance."""
        return tuple(dict.fromkeys(item for group in self.indicators for item in group))

    def to_lavaan(self) -> str:
        """The model in lavaan syntax."""
        lines = [
            f"{factor} =~ {' + '.join(items)}"
            for factor, items in zip(self.factors, self.indicators, strict=True)
        ]
        return "\n".join(lines + [f"{left} ~~ {right}" for left, right in self.covariances])


def parse_model(model, *, default_factor: str = "factor") -> ModelSpec:
    """Read `model` as a mapping factor -> items, lavaan ``=~`` text or a list of items.

    Examples
    --------
    >>> parse_model("visual =~ x1 + x2 + x3; speed =~ x7 + x8").indicators
    (('x1', 'x2', 'x3'), ('x7', 'x8'))
    >>> parse_model(["q1", "q2", "q3"]).factors
    ('factor',)
    """
    covariances: list[tuple[str, str]] = []
    if isinstance(model, str):
        pairs, covariances = _parse_lavaan(model)
    elif isinstance(model, Mapping):
        pairs = []
        for factor, items in model.items():
            if isinstance(items, str) or not isinstance(items, Sequence):
                raise TypeError(
                    f"`model` must map each factor to a list of items; factor {factor!r} "
                    f"maps to {items!r}. Write {{{factor!r}: ['item1', 'item2', ...]}}."
                )
            pairs.append((factor, list(items)))
    elif isinstance(model, Sequence) and all(isinstance(item, str) for item in model):
        pairs = [(default_factor, list(model))]
    else:
        raise TypeError(
            "`model` must be a mapping {factor: [items]}, lavaan text such as "
            f"'f =~ q1 + q2 + q3', or a list of items; got {type(model).__name__}."
        )
    return _check_covariances(_check_spec(pairs), covariances)


def _parse_lavaan(text: str) -> tuple[list[tuple[str, list[str]]], list[tuple[str, str]]]:
    merged: dict[str, list[str]] = {}
    covariances: list[tuple[str, str]] = []
    for number, raw in enumerate(re.split(r"[\n;]", text), start=1):
        line = re.split(r"[#!]", raw, maxsplit=1)[0].strip()
        if not line:
            continue
        if "=~" not in line and line.count("~~") == 1:
            covariances.extend(_parse_covariance(number, line))
            continue
        if line.count("=~") != 1:
            raise ValueError(
                f"`model` statement {number} ({line!r}) is not a `factor =~ item + item` "
                "or `item ~~ item` line; this CFA engine reads measurement (=~) statements "
                "and residual covariances (~~) only (no ~, labels or constraints)."
            )
        factor, rhs = (part.strip() for part in line.split("=~"))
        terms = [term.strip() for term in rhs.split("+")]
        bad = [term for term in terms if not _NAME.match(term)]
        if not _NAME.match(factor) or bad:
            raise ValueError(
                f"`model` statement {number} ({line!r}) has names that are not plain "
                f"variable names: {[factor, *bad] if not _NAME.match(factor) else bad}. "
                "Modifiers such as 1*x1 or NA*x1 are not supported."
            )
        merged.setdefault(factor, []).extend(terms)
    if not merged:
        raise ValueError("`model` text has no `factor =~ items` statement.")
    return list(merged.items()), covariances


def _parse_covariance(number: int, line: str) -> list[tuple[str, str]]:
    """The (left, right) pairs of an ``item ~~ item + item`` statement."""
    left, rhs = (part.strip() for part in line.split("~~"))
    terms = [term.strip() for term in rhs.split("+")]
    bad = [name for name in [left, *terms] if not _NAME.match(name)]
    if bad:
        raise ValueError(
            f"`model` statement {number} ({line!r}) has names that are not plain variable "
            f"names: {bad}. Modifiers such as 0*x1 or labels are not supported."
        )
    return [(left, term) for term in terms]


def _check_covariances(spec: ModelSpec, covariances: list[tuple[str, str]]) -> ModelSpec:
    """`spec` with the residual covariances, which must pair two different items."""
    seen: list[tuple[str, str]] = []
    for left, right in covariances:
        if left not in spec.items or right not in spec.items:
            unknown = left if left not in spec.items else right
            raise ValueError(
                f"`model` statement `{left} ~~ {right}` names {unknown!r}, "
                f"which is not an item of the model ({list(spec.items)}); residual "
                "covariances (~~) are supported between items only."
            )
        if left == right:
            raise ValueError(
                f"`model` statement `{left} ~~ {right}` is a residual variance, which the "
                "model always estimates; remove the statement."
            )
        pair = tuple(sorted((left, right), key=spec.items.index))
        if pair in seen:
            raise ValueError(f"`model` lists the residual covariance `{left} ~~ {right}` twice.")
        seen.append(pair)
    return replace(spec, covariances=tuple(seen))


def _check_spec(pairs: list[tuple[str, list[str]]]) -> ModelSpec:
    factors = [str(factor) for factor, _ in pairs]
    if not factors:
        raise ValueError("`model` has no factor; give at least one factor with its items.")
    for factor, items in pairs:
        if len(items) == 0:
            raise ValueError(
                f"`model` factor {factor!r} has no items. Every factor needs at least two "
                "items; remove the factor or list its items."
            )
        if len(items) < 2:
            raise ValueError(
                f"`model` factor {factor!r} has one item ({items[0]!r}); a single-indicator "
                "factor is not identified. Give it at least two items or drop it."
            )
        repeated = sorted({item for item in items if items.count(item) > 1})
        if repeated:
            raise ValueError(f"`model` factor {factor!r} lists {repeated} more than once.")
    items = {item for _, group in pairs for item in group}
    clash = sorted(items & set(factors))
    if clash:
        raise ValueError(
            f"`model` uses {clash} both as a factor and as an item; higher-order factors are "
            "not supported. Rename the factor."
        )
    return ModelSpec(tuple(factors), tuple(tuple(items) for _, items in pairs))


def check_equal(equal: Collection[str]) -> tuple[str, ...]:
    """Validate `equal` (lavaan ``group.equal``) and return it as a tuple."""
    if isinstance(equal, str):
        equal = (equal,)
    for option in equal:
        check_argument("equal", EQUALITY_OPTIONS, option)
    return tuple(dict.fromkeys(equal))


@dataclass(frozen=True)
class Layout:
    """Positions of the model matrices in one group's flat parameter vector."""

    n_items: int
    n_factors: int
    residual_pairs: tuple[tuple[int, int], ...] = ()

    @cached_property
    def phi_start(self) -> int:
        return self.n_items * self.n_factors

    @cached_property
    def theta_start(self) -> int:
        return self.phi_start + self.n_factors * (self.n_factors + 1) // 2

    @cached_property
    def nu_start(self) -> int:
        return self.theta_start + self.n_items

    @cached_property
    def alpha_start(self) -> int:
        return self.nu_start + self.n_items

    @cached_property
    def covariance_start(self) -> int:
        """Residual covariances (``residual_pairs``, item indices) follow the means."""
        return self.alpha_start + self.n_factors

    @cached_property
    def size(self) -> int:
        return self.covariance_start + len(self.residual_pairs)

    @cached_property
    def phi_triangle(self) -> tuple[np.ndarray, np.ndarray]:
        """Row and column indices of the stored (lower) triangle of Phi."""
        return np.tril_indices(self.n_factors)

    def phi_position(self, f: int, h: int) -> int:
        """Position of Phi[f, h] (lower triangle, row-wise)."""
        f, h = max(f, h), min(f, h)
        return self.phi_start + f * (f + 1) // 2 + h


@dataclass(frozen=True)
class ParameterTable:
    """One row per model parameter and group (lavaan's partable without constraint rows).

    ``free[r]`` is the index of row r's free parameter (-1: fixed at ``value[r]``);
    rows that share an index are constrained equal; ``key[r]`` names what an equality
    constraint ties (``None`` for parameters that no constraint could tie).
    """

    spec: ModelSpec
    layout: Layout
    n_groups: int
    group: np.ndarray
    lhs: tuple[str, ...]
    op: tuple[str, ...]
    rhs: tuple[str, ...]
    kind: tuple[str, ...]
    position: np.ndarray
    free: np.ndarray
    value: np.ndarray
    key: tuple[tuple | None, ...]

    @property
    def n_free(self) -> int:
        return int(self.free.max()) + 1 if self.free.size and self.free.max() >= 0 else 0

    def template(self, g: int) -> np.ndarray:
        """Group g's flat parameter vector with the fixed values filled in."""
        flat = np.zeros(self.layout.size)
        rows = (self.group == g) & (self.free < 0)
        flat[self.position[rows]] = self.value[rows]
        return flat

    def free_rows(self, g: int) -> tuple[np.ndarray, np.ndarray]:
        """(flat positions, free indices) of group g's free rows."""
        rows = (self.group == g) & (self.free >= 0)
        return self.position[rows], self.free[rows]

    def equality_pairs(self) -> list[tuple[int, int]]:
        """(row of group 1, row of group k) for every equality constraint, lavaan's order."""
        first: dict[int, int] = {}
        pairs = []
        for row in np.argsort(self.group, kind="stable"):
            index = int(self.free[row])
            if index < 0:
                continue
            if index in first:
                pairs.append((first[index], int(row)))
            else:
                first[index] = int(row)
        return sorted(pairs, key=lambda pair: (pair[0], self.group[pair[1]]))

    def expanded(self) -> ParameterTable:
        """The same table with every free row its own parameter (no equality constraints)."""
        free = self.free.copy()
        is_free = free >= 0
        free[is_free] = np.arange(int(is_free.sum()))
        return replace(self, free=free)


def number_free_parameters(rows: list[tuple]) -> np.ndarray:
    """The free-parameter number of each table row, -1 where the row is fixed.

    A row is ``(group, lhs, op, rhs, kind, position, free, value, key)``; free rows with
    the same equality `key` share one number, the others are numbered in order.
    """
    free = np.full(len(rows), -1)
    shared: dict[tuple, int] = {}
    count = 0
    for r, row in enumerate(rows):
        if not row[6]:
            continue
        key = row[8]
        if key is not None and key in shared:
            free[r] = shared[key]
            continue
        free[r] = count
        if key is not None:
            shared[key] = count
        count += 1
    return free


def build_table(
    spec: ModelSpec,
    n_groups: int,
    equal: Collection[str] = (),
    *,
    released: Collection[tuple[str, int]] = (),
) -> ParameterTable:
    """The parameter table of a (multigroup) CFA with lavaan's defaults.

    Marker-variable identification (first loading of each factor fixed at 1), free
    residual and factor (co)variances, free intercepts, latent means fixed at 0 unless
    intercepts are constrained equal, in which case they are free in groups 2..G.
    `released` lists (item, group) intercepts exempt from the intercept constraint.
    """
    equal = check_equal(equal)
    items = spec.items
    item_index = {item: j for j, item in enumerate(items)}
    pairs = tuple((item_index[left], item_index[right]) for left, right in spec.covariances)
    layout = Layout(len(items), len(spec.factors), pairs)
    means_free = "intercepts" in equal and "means" not in equal
    rows: list[tuple] = []  # (group, lhs, op, rhs, kind, position, is_free, value, key)
    for g in range(n_groups):
        for f, (factor, indicators) in enumerate(zip(spec.factors, spec.indicators, strict=True)):
            for k, item in enumerate(indicators):
                position = item_index[item] * layout.n_factors + f
                key = ("loading", factor, item) if "loadings" in equal else None
                rows.append((g, factor, "=~", item, "loading", position, k > 0, 1.0, key))
        for item in items:
            key = ("residual", item) if "residuals" in equal else None
            position = layout.theta_start + item_index[item]
            rows.append((g, item, "~~", item, "residual", position, True, 0.0, key))
        for f, factor in enumerate(spec.factors):
            key = ("lv_variance", factor) if "lv.variances" in equal else None
            position = layout.phi_position(f, f)
            rows.append((g, factor, "~~", factor, "lv_variance", position, True, 0.0, key))
        for f in range(layout.n_factors):
            for h in range(f + 1, layout.n_factors):
                lhs, rhs = spec.factors[f], spec.factors[h]
                key = ("lv_covariance", lhs, rhs) if "lv.covariances" in equal else None
                position = layout.phi_position(f, h)
                rows.append((g, lhs, "~~", rhs, "lv_covariance", position, True, 0.0, key))
        for k, (left, right) in enumerate(spec.covariances):
            position = layout.covariance_start + k
            rows.append((g, left, "~~", right, "residual_covariance", position, True, 0.0, None))
        for item in items:
            tied = "intercepts" in equal and (item, g) not in released
            key = ("intercept", item) if tied else None
            position = layout.nu_start + item_index[item]
            rows.append((g, item, "~1", "", "intercept", position, True, 0.0, key))
        for f, factor in enumerate(spec.factors):
            position = layout.alpha_start + f
            rows.append((g, factor, "~1", "", "mean", position, means_free and g > 0, 0.0, None))
    free = number_free_parameters(rows)
    columns = list(zip(*rows, strict=True))
    return ParameterTable(
        spec=spec,
        layout=layout,
        n_groups=n_groups,
        group=np.asarray(columns[0], dtype=int),
        lhs=tuple(columns[1]),
        op=tuple(columns[2]),
        rhs=tuple(columns[3]),
        kind=tuple(columns[4]),
        position=np.asarray(columns[5], dtype=int),
        free=free,
        value=np.asarray(columns[7], dtype=float),
        key=tuple(columns[8]),
    )
