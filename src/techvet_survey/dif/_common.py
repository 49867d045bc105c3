"""Input checks, matching scores, purification and the table shared by the DIF tests."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from techvet_survey._stats.arguments import check_significance
from techvet_survey._stats.binary import binary_items, constant_item_mask
from techvet_survey._stats.multitest import adjust_p
from techvet_survey._validation import check_argument, check_columns, check_dataframe

NAN_POLICIES = ("listwise", "raise")
EFFECT_SIZE_RULES = {"zumbo_thomas": (0.13, 0.26), "jodoin_gierl": (0.035, 0.07)}
DELTA_PER_LOG_ODDS = -2.35
MAX_PURIFICATION_ITERATIONS = 10


def _prepare(scored, items, group, nan_policy, min_items=2):
    """Item matrix, group labels and item names after checks and missing-data handling."""
    check_dataframe(scored, "scored")
    (group,) = check_columns(scored, [group], "group")
    if items is None:
        items = [column for column in scored.columns if column != group]
    elif group in list(items):
        raise ValueError(f"`items` must not include the `group` column {group!r}.")
    frame = binary_items(scored, items, min_items=min_items)
    check_argument("nan_policy", NAN_POLICIES, nan_policy)
    labels = scored[group]
    if nan_policy == "raise" and frame.isna().to_numpy().any():
        row, col = (int(p[0]) for p in np.nonzero(frame.isna().to_numpy()))
        raise ValueError(
            f"`scored` has missing responses (first at row {frame.index[row]!r}, column "
            f"{frame.columns[col]!r}) and `nan_policy='raise'`. Score them 0 or use "
            "nan_policy='listwise'."
        )
    keep = labels.notna().to_numpy() & frame.notna().all(axis=1).to_numpy()
    labels = labels[keep].astype(str).to_numpy()
    levels = sorted(set(labels))
    if len(levels) < 2:
        raise ValueError(
            f"`group` column {group!r} has {len(levels)} level(s) ({levels}); DIF needs at "
            "least two groups."
        )
    return frame.to_numpy()[keep], labels, [str(c) for c in frame.columns], levels


def _check_level(name, value, levels):
    if str(value) not in levels:
        raise ValueError(
            f"`{name}` {value!r} is not a level of the group column; levels are "
            f"{', '.join(map(repr, levels))}."
        )
    return str(value)


def _small_groups(labels, levels, min_n):
    counts = {level: int((labels == level).sum()) for level in levels}
    small = {level: n for level, n in counts.items() if n < min_n}
    if small:
        listed = ", ".join(f"{level!r} (n={n})" for level, n in small.items())
        warnings.warn(
            f"Groups {listed} have fewer than `min_n`={min_n} members; DIF statistics are "
            "reported as NaN. Merge or drop these groups, or lower `min_n` knowingly.",
            RuntimeWarning,
            stacklevel=3,
        )
    return bool(small)


def _warn_constant(names, constant):
    if constant.any():
        listed = ", ".join(repr(n) for n, c in zip(names, constant, strict=True) if c)
        warnings.warn(
            f"Items {listed} have no variance in the analysed sample; their DIF statistics "
            "are NaN.",
            RuntimeWarning,
            stacklevel=3,
        )


# --------------------------------------------------------------------------- purification


def _matching_scores(values, anchor, item):
    """Total over the anchor items plus the studied item (difR's matching criterion)."""
    score = values[:, anchor].sum(axis=1)
    return score if anchor[item] else score + values[:, item]


def _purified(values, statistic: Callable, purify: bool, significance: float, usable):
    """Per-item statistics, re-matching on unflagged items until the flags repeat.

    `statistic(item, score)` returns a dict with ``p_val``. Flags use the unadjusted p
    (difR's ``puriadjType = "simple"``); at most ten iterations, as difR's ``nrIter``.
    """
    anchor = usable.copy()
    for iteration in range(1, MAX_PURIFICATION_ITERATIONS + 1):
        rows = [
            statistic(j, _matching_scores(values, anchor, j)) if usable[j] else None
            for j in range(values.shape[1])
        ]
        flagged = np.array([row is not None and row["p_val"] < significance for row in rows])
        new_anchor = usable & ~flagged
        if not purify or (new_anchor == anchor).all():
            return rows, anchor, iteration
        anchor = new_anchor
    warnings.warn(
        "Purification did not settle in 10 iterations; the last iteration is reported.",
        RuntimeWarning,
        stacklevel=3,
    )
    return rows, anchor, iteration


def _strata_counts(score, y, group_codes, n_groups):
    """Per stratum (score level) and group: persons and correct answers (K x G)."""
    _, stratum = np.unique(score, return_inverse=True)
    cells = stratum * n_groups + group_codes
    size = (stratum.max() + 1) * n_groups
    total = np.bincount(cells, minlength=size).reshape(-1, n_groups).astype(float)
    right = np.bincount(cells, weights=y, minlength=size).reshape(-1, n_groups)
    return total, right


def _table(names, test, rows, columns, anchor, iterations):
    table = pd.DataFrame(
        [row if row is not None else dict.fromkeys(columns, np.nan) for row in rows],
        columns=columns,
    )
    table.insert(0, "item", names)
    table.insert(1, "test", test)
    table["anchor"] = anchor
    table.attrs["purification_iterations"] = iterations
    return table


def _dif_table(values, labels, names, groups, test, statistic, columns, settings):
    """Checks, purification loop and the tidy table shared by the three DIF methods.

    `test` names the test in the ``test`` column; `statistic(item, score)` gives the
    row of one item (its test statistic under ``statistic``); `settings` holds
    `purify`, `significance`, `p_adjust` and `min_n`.
    """
    check_significance(settings["significance"])
    constant = constant_item_mask(values)
    _warn_constant(names, constant)
    usable = ~constant & (not _small_groups(labels, groups, settings["min_n"]))
    rows, anchor, iterations = _purified(
        values, statistic, settings["purify"], settings["significance"], usable
    )
    table = _table(names, test, rows, columns, anchor, iterations)
    p_adj = adjust_p(table["p_val"], settings["p_adjust"])
    table.insert(table.columns.get_loc("p_val") + 1, "p_adj", p_adj)
    return table
