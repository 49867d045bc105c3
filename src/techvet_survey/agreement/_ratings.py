"""Ratings as category codes, the weights of partial agreement and the result row."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from techvet_survey._validation import check_argument, check_columns, check_dataframe

WEIGHTS = (None, "linear", "quadratic")
LEVELS = ("nominal", "ordinal", "interval", "ratio")
RESULT_COLUMNS = [
    "coefficient",
    "metric",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "n_units",
    "n_excluded",
    "n_coders",
    "n_categories",
]
_MAX_CATEGORIES = 4_000


@dataclass(frozen=True)
class Ratings:
    """Ratings coded as category positions (``-1`` = missing) and the category values."""

    codes: np.ndarray  # units x coders, int64
    categories: np.ndarray
    coders: list[str]
    ordered: bool  # numeric codes, or an explicit `categories=` order

    @property
    def n_categories(self) -> int:
        return len(self.categories)

    def ratings_per_unit(self) -> np.ndarray:
        return (self.codes >= 0).sum(axis=1)

    def counts(self, rows: slice | np.ndarray = slice(None)) -> np.ndarray:
        """Units x categories matrix of how many coders chose each category (bincount)."""
        codes = self.codes[rows]
        n_units, width = codes.shape[0], self.n_categories + 1
        # Missing ratings go to an extra last column that is dropped: no masking needed.
        keys = np.where(codes < 0, self.n_categories, codes)
        keys += np.arange(0, n_units * width, width)[:, None]
        counted = np.bincount(keys.ravel(), minlength=n_units * width)
        return counted.reshape(n_units, width)[:, :-1].astype(np.float64)


def blank_to_missing(values: np.ndarray) -> np.ndarray:
    if values.dtype != object:
        return values
    text = pd.Series(values, dtype=object)
    blank = text.map(lambda value: isinstance(value, str) and not value.strip()).to_numpy(bool)
    if blank.any():
        values = values.copy()
        values[blank] = np.nan
    return values


def encode_ratings(
    data: Any,
    coders: Sequence[str] | None,
    categories: Sequence[Any] | None,
    *,
    min_coders: int = 2,
) -> Ratings:
    """Check the unit-by-coder table and code its ratings as category positions."""
    check_dataframe(data)
    columns = list(data.columns) if coders is None else check_columns(data, coders, "coders")
    if len(columns) < min_coders:
        raise ValueError(
            f"`coders` must name at least {min_coders} columns (one per coder); got "
            f"{len(columns)}. Pass a unit-by-coder table with one column per coder."
        )
    values = data[columns].to_numpy()
    # Column-major order avoids a copy of the (usually column-major) frame values.
    flat = blank_to_missing(values.ravel(order="F"))
    if categories is None:
        codes, uniques = pd.factorize(flat, sort=True)
        if len({isinstance(value, str) for value in uniques}) > 1:
            raise TypeError(
                "`data` mixes numbers and text as ratings (e.g. 1 and '1' would count as "
                "different categories). Recode the ratings to one type first."
            )
        category_values = np.asarray(uniques)
    else:
        category_index = pd.Index(list(categories))
        if category_index.has_duplicates or category_index.hasnans:
            raise ValueError("`categories` must list distinct, non-missing category codes.")
        codes = category_index.get_indexer(flat)
        unknown = (codes < 0) & ~pd.isna(flat)
        if unknown.any():
            position = int(np.flatnonzero(unknown)[0])
            column, row = divmod(position, len(data))
            odd = sorted({str(value) for value in flat[unknown]})[:5]
            raise ValueError(
                f"`data` has ratings that `categories` lacks: {odd} (first at row "
                f"{data.index[row]!r}, column {columns[column]!r}). Add them to `categories` "
                "or recode them."
            )
        category_values = np.asarray(category_index)
    if len(category_values) > _MAX_CATEGORIES:
        raise ValueError(
            f"`data` has {len(category_values)} distinct ratings; agreement statistics are "
            f"computed for at most {_MAX_CATEGORIES} categories. Round or bin the ratings."
        )
    codes = np.asarray(codes, dtype=np.int64).reshape(values.shape, order="F")
    return Ratings(
        codes=codes,
        categories=category_values,
        coders=[str(column) for column in columns],
        ordered=categories is not None or category_values.dtype.kind in "biuf",
    )


def numeric_categories(ratings: Ratings, name: str, value: str) -> np.ndarray:
    """Category values as floats; text categories need a numeric meaning first."""
    categories = ratings.categories
    if categories.dtype.kind in "biuf":
        return categories.astype(np.float64)
    raise TypeError(
        f"`{name}={value!r}` needs numeric category codes; the ratings are text. Recode "
        "them to numbers first (e.g. with the codebook's label map)."
    )


def category_positions(ratings: Ratings, name: str, value: str) -> np.ndarray:
    """Numeric codes where they exist; otherwise positions in the given category order."""
    if not ratings.ordered:
        raise TypeError(
            f"`{name}={value!r}` with text ratings needs their order: pass `categories=` "
            "from lowest to highest."
        )
    if ratings.categories.dtype.kind in "biuf":
        return ratings.categories.astype(np.float64)
    return np.arange(ratings.n_categories, dtype=np.float64)


def weight_matrix(ratings: Ratings, weights: str | None) -> np.ndarray:
    """Agreement weights 1 - |x_k - x_l|^p / (x_max - x_min)^p (p = 1 linear, 2 quadratic)."""
    check_argument("weights", WEIGHTS, weights)
    q = ratings.n_categories
    if weights is None or q < 2:
        return np.eye(q)
    x = category_positions(ratings, "weights", weights)
    power = 1 if weights == "linear" else 2
    distance = np.abs(x[:, None] - x[None, :]) ** power
    return 1.0 - distance / distance.max()


def agreement_row(
    coefficient: str,
    metric: str,
    estimate: float,
    se: float,
    bounds: tuple[float, float],
    *,
    n_units: int,
    n_excluded: int,
    ratings: Ratings,
) -> pd.DataFrame:
    row = [
        coefficient,
        metric,
        estimate,
        se,
        bounds[0],
        bounds[1],
        n_units,
        n_excluded,
        len(ratings.coders),
        ratings.n_categories,
    ]
    return pd.DataFrame([row], columns=RESULT_COLUMNS)


def no_pairable_units(ratings: Ratings) -> ValueError:
    return ValueError(
        "`data` has no unit rated by at least two coders, so agreement cannot be computed. "
        f"Check that the coder columns {ratings.coders[:5]} hold the double-coded units."
    )


def warn_no_chance_correction(coefficient: str) -> None:
    warnings.warn(
        f"{coefficient}: chance agreement is 1 (a single category is used), so the "
        "coefficient is undefined and returned as NaN.",
        RuntimeWarning,
        stacklevel=3,
    )
