"""The methods section: what the cleaning did to each file, and why rows were excluded."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from techvet_survey._validation import check_columns, check_dataframe

FILE_COLUMNS = ("file", "flavour", "rows_read", "rows_kept", "rows_excluded")


def read_cleaning_log(processed_dir: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``files.csv`` and ``exclusions.csv`` of the cleaning step."""
    folder = Path(processed_dir)
    missing = [name for name in ("files.csv", "exclusions.csv") if not (folder / name).exists()]
    if missing:
        raise FileNotFoundError(
            f"{folder} lacks {missing}: run `python -m techvet_survey clean` first."
        )
    return (
        pd.read_csv(folder / "files.csv"),
        pd.read_csv(folder / "exclusions.csv", dtype={"reason": "string"}),
    )


def cleaning_summary(files: pd.DataFrame, exclusions: pd.DataFrame) -> pd.DataFrame:
    """Rows read, kept and excluded per raw file, with the exclusions counted by reason.

    Parameters
    ----------
    files : DataFrame
        ``files.csv`` of the cleaning step: ``file``, ``flavour``, ``rows_read``,
        ``rows_kept``, ``rows_excluded`` and, when present, each file's ``status``.
    exclusions : DataFrame
        ``exclusions.csv``: one row per excluded row, ``file`` and ``reason``.

    Returns
    -------
    DataFrame
        One row per file and a last row ``total``: the `files` columns, then one count
        column per exclusion reason (most frequent first). A file whose excluded rows
        do not add up to its reasons is named in a warning.

    Examples
    --------
    >>> files = pd.DataFrame({"file": ["a.csv", "b.sav"], "flavour": ["csv", "sav"],
    ...                       "rows_read": [10, 5], "rows_kept": [8, 5],
    ...                       "rows_excluded": [2, 0]})
    >>> exclusions = pd.DataFrame({"file": ["a.csv", "a.csv"],
    ...                            "reason": ["duplicate", "speeder"]})
    >>> cleaning_summary(files, exclusions)
        file flavour  rows_read  rows_kept  rows_excluded  duplicate  speeder
    0  a.csv     csv         10          8              2          1        1
    1  b.sav     sav          5          5              0          0        0
    2  total                 15         13              2          1        1
    """
    check_dataframe(files, "files")
    check_dataframe(exclusions, "exclusions")
    check_columns(files, list(FILE_COLUMNS), "files")
    check_columns(exclusions, ["file", "reason"], "exclusions")
    reasons = exclusions.dropna(subset=["reason"])
    order = reasons["reason"].value_counts(sort=False)
    order = sorted(order.index, key=lambda reason: (-order[reason], str(reason)))
    counts = pd.crosstab(reasons["file"], reasons["reason"]).reindex(columns=order)
    # the outcome of each file (cleaned / skipped / failed), where the cleaning recorded it
    shown = [*FILE_COLUMNS[:1], *[c for c in ("status",) if c in files], *FILE_COLUMNS[1:]]
    table = files[shown].merge(counts, left_on="file", right_index=True, how="left")
    table[order] = table[order].fillna(0).astype("int64")
    mismatch = table.loc[table[order].sum(axis=1) != table["rows_excluded"], "file"]
    if len(mismatch):
        warnings.warn(
            f"excluded rows of {list(mismatch)} do not add up to their reasons in "
            "exclusions.csv; rerun the cleaning step.",
            RuntimeWarning,
            stacklevel=2,
        )
    totals = {"file": "total", "flavour": ""}
    totals |= {column: int(table[column].sum()) for column in [*FILE_COLUMNS[2:], *order]}
    return pd.concat([table, pd.DataFrame([totals])], ignore_index=True)
