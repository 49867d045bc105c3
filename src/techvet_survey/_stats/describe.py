"""What the descriptive tables share: their statistic columns and their warnings."""

from __future__ import annotations

import pandas as pd

from techvet_survey._stats.arguments import warn

__all__ = ["STATISTICS", "warn_unusable"]


STATISTICS = ["mean", "sd", "median", "q1", "q3", "ci_low", "ci_high"]


def warn_unusable(result: pd.DataFrame, min_n: int, by: list[str]) -> None:
    """Warn about groups whose statistics are NaN although they are not suppressed."""
    for row in result[["variable", "n", *by]].to_dict("records"):
        group = ", ".join(f"{key}={row[key]!r}" for key in by)
        if row["n"] == 0:
            warn(f"`value` {row['variable']!r} is missing for every respondent of {group}.")
        elif row["n"] == 1 and min_n <= 1:
            warn(
                f"{group} has a single value of {row['variable']!r}: no SD or confidence "
                "interval (NaN)."
            )
