"""The long survey tables: one row per kept respondent and Likert (or background) item."""

from __future__ import annotations

import numpy as np
import pandas as pd


def long_table(rows, raw_items, answers, statuses, kept, scale_of: dict) -> pd.DataFrame:
    """One row per kept respondent and Likert item, with the raw cell and its status.

    Parameters
    ----------
    rows : DataFrame
        The harmonised rows: ``respondent_id``, ``source_file``, ``country``, ``group``
        and the recoded value of each item.
    raw_items, answers, statuses : DataFrame
        Per item (columns) and row: the cell as read, its answer code and its status
        (categorical), as in :class:`SurveyFile`.
    kept : array of bool
        The rows to include.
    scale_of : dict
        Item -> scale.

    Returns
    -------
    DataFrame
        ``respondent_id, source_file, country, group, item, scale, raw, answer_code,
        value, status``. Text columns are categorical (codes repeated, not strings), so
        a national file's tens of millions of rows cost little memory and write to
        parquet as dictionaries; :func:`categoricals_as_text` turns them into text.
    """
    kept = np.asarray(kept, dtype=bool)
    items = list(answers.columns)
    n = int(kept.sum())
    scales = list(dict.fromkeys(scale_of[item] for item in items))
    scale_codes = np.array([scales.index(scale_of[item]) for item in items])
    return pd.DataFrame(
        {
            **_identity(rows, kept, items),
            "scale": pd.Categorical.from_codes(np.tile(scale_codes, n), categories=scales),
            "raw": _raw_cells(raw_items.loc[kept, items]),
            "answer_code": answers.loc[kept, items].to_numpy(dtype=float).ravel(),
            "value": rows.loc[kept, items].to_numpy(dtype=float).ravel(),
            "status": _statuses(statuses, kept, items),
        }
    )


def background_long_table(rows, raw_cells, codes, statuses, kept) -> pd.DataFrame:
    """One row per kept respondent and background item, with the raw cell and its status.

    Parameters
    ----------
    rows : DataFrame
        The harmonised rows: ``respondent_id``, ``source_file``, ``country``, ``group``
        and the valid value of each background item.
    raw_cells, codes, statuses : DataFrame
        Per background item (columns) and row: the cell as read, the code or number it
        holds and its status (categorical, :data:`BACKGROUND_STATUSES`).
    kept : array of bool
        The rows to include.

    Returns
    -------
    DataFrame
        ``respondent_id, source_file, country, group, item, raw, code, value, status``:
        ``code`` is what the cell holds (an age of 27 in an age-band column), ``value``
        the valid code (missing unless ``status`` is ``"valid"``).
    """
    kept = np.asarray(kept, dtype=bool)
    items = list(codes.columns)
    return pd.DataFrame(
        {
            **_identity(rows, kept, items),
            "raw": _raw_cells(raw_cells.loc[kept, items]),
            "code": codes.loc[kept, items].to_numpy(dtype=float).ravel(),
            "value": rows.loc[kept, items].to_numpy(dtype=float).ravel(),
            "status": _statuses(statuses, kept, items),
        }
    )


def _identity(rows: pd.DataFrame, kept: np.ndarray, items: list) -> dict:
    """The respondent's columns, each repeated once per item, and the item column."""
    k, n = len(items), int(kept.sum())

    def repeated(column: str) -> pd.Categorical:
        codes, uniques = pd.factorize(rows[column].to_numpy()[kept], use_na_sentinel=True)
        return pd.Categorical.from_codes(np.repeat(codes, k), categories=pd.Index(uniques))

    return {
        "respondent_id": repeated("respondent_id"),
        "source_file": repeated("source_file"),
        "country": repeated("country"),
        "group": repeated("group"),
        "item": pd.Categorical.from_codes(np.tile(np.arange(k), n), categories=items),
    }


def _statuses(statuses: pd.DataFrame, kept: np.ndarray, items: list) -> pd.Categorical:
    status_codes = np.column_stack([statuses[item].cat.codes.to_numpy() for item in items])
    return pd.Categorical.from_codes(
        status_codes[kept].ravel(), categories=statuses[items[0]].cat.categories
    )


def categoricals_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical columns (long tables) as plain text columns, missing kept missing."""
    categorical = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    return frame.astype({column: "str" for column in categorical})


def cells_as_text(positions: np.ndarray, distinct) -> pd.Categorical:
    """A factorised column (``pd.factorize``'s codes and uniques) as categorical text.

    Examples
    --------
    >>> cells_as_text(np.array([0, 1, -1, 2]), [1.0, "1.0", "A1"]).tolist()
    ['1.0', '1.0', nan, 'A1']
    """
    codes, texts = pd.factorize(pd.Series([str(value) for value in distinct], dtype=object))
    lookup = np.append(codes, -1)
    return pd.Categorical.from_codes(lookup[positions], categories=pd.Index(texts, dtype=object))


def _raw_cells(raw: pd.DataFrame) -> pd.Categorical:
    """The raw cells, row by row, as text (categorical over all columns' distinct cells)."""
    columns = [pd.factorize(raw[column], use_na_sentinel=True) for column in raw.columns]
    texts = [str(value) for _, uniques in columns for value in uniques]
    global_codes, categories = pd.factorize(pd.Series(texts, dtype=object))
    matrix = np.empty((len(raw), len(columns)), dtype=np.int64)
    start = 0
    for position, (codes, uniques) in enumerate(columns):
        lookup = np.append(global_codes[start : start + len(uniques)], -1)
        matrix[:, position] = lookup[codes]
        start += len(uniques)
    return pd.Categorical.from_codes(matrix.ravel(), categories=pd.Index(categories, dtype=object))
