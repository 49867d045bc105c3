"""Every analysis of the coded interviews, from the cleaned segments."""

from __future__ import annotations

import pandas as pd

from techvet_survey.interviews import code_cooccurrence, code_frequencies, coding_agreement


def analyse_interviews(segments: pd.DataFrame, *, seed: int = 20261128) -> dict[str, pd.DataFrame]:
    """Code and theme frequencies by country and group, co-occurrence, intercoder agreement.

    Returns
    -------
    dict of DataFrame
        ``code_frequencies``, ``theme_frequencies``, ``cooccurrence``,
        ``coding_agreement``.
    """
    if segments.empty:
        return {}
    return {
        "code_frequencies": code_frequencies(segments, by=("country", "group"), granularity="code"),
        "theme_frequencies": code_frequencies(segments, by=("country",), granularity="theme"),
        "cooccurrence": code_cooccurrence(segments, unit="document").pairs,
        "coding_agreement": coding_agreement(segments, unit="segment", seed=seed),
    }
