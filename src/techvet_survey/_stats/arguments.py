"""Argument checks and caller-facing warnings shared by the statistical families."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

from techvet_survey.errors import ArgumentError

__all__ = ["as_column_list", "check_ci", "check_significance", "random_generator", "warn"]


def check_ci(ci: float) -> float:
    """Return `ci` as a float if it is a confidence level strictly between 0 and 1.

    The one check of the `ci=` argument of every statistical family.

    Examples
    --------
    >>> check_ci(0.9)
    0.9
    >>> check_ci(95)
    Traceback (most recent call last):
    ...
    techvet_survey.errors.ArgumentError: `ci` must be a confidence level between 0 and 1 ...
    """
    if (
        isinstance(ci, bool)
        or not isinstance(ci, (int, float, np.integer, np.floating))
        or not 0 < ci < 1
    ):
        raise ArgumentError(
            f"`ci` must be a confidence level between 0 and 1 (e.g. 0.95 for 95%); got {ci!r}."
        )
    return float(ci)


def check_significance(significance: float) -> float:
    """Return `significance` as a float if it is a significance level between 0 and 0.5.

    The one check of the `significance=` argument (the level of a test; Cronbach's
    alpha keeps the word alpha).

    Examples
    --------
    >>> check_significance(0.01)
    0.01
    >>> check_significance(5)
    Traceback (most recent call last):
    ...
    techvet_survey.errors.ArgumentError: `significance` must be a significance level ...
    """
    if (
        isinstance(significance, bool)
        or not isinstance(significance, (int, float, np.integer, np.floating))
        or not 0 < significance < 0.5
    ):
        raise ArgumentError(
            "`significance` must be a significance level between 0 and 0.5 (e.g. 0.05); "
            f"got {significance!r}."
        )
    return float(significance)


def random_generator(seed) -> np.random.Generator:
    """A numpy Generator from an int, None or a Generator (`seed=` arguments)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise TypeError(
            f"`seed` must be an int, None or a numpy Generator; got {type(seed).__name__}."
        )
    return np.random.default_rng(seed)


def warn(message: str) -> None:
    """Warn from the caller of the public function (stacklevel past the helpers)."""
    warnings.warn(message, UserWarning, stacklevel=4)


def as_column_list(columns: str | Sequence[str]) -> list[str]:
    """A column name or a sequence of names as a list."""
    return [columns] if isinstance(columns, str) else list(columns)
