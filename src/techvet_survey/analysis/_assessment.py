"""Every analysis of the Learning Ambassador assessment test, from the cleaned tables."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from techvet_survey import irt
from techvet_survey.codebook import Codebook
from techvet_survey.dif import mantel_haenszel
from techvet_survey.reliability import (
    decision_consistency,
    distractor_analysis,
    scale_reliability,
    standard_error_of_measurement,
    subscores,
)

OTHER = "other"


def _dif_by_language(scored: pd.DataFrame, items: list[str], min_n: int) -> pd.DataFrame:
    """Mantel-Haenszel DIF of each language version against all the others."""
    frames = []
    for language in sorted(scored["language"].dropna().unique()):
        grouped = scored[items].assign(
            version=np.where(scored["language"] == language, language, OTHER)
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            table = mantel_haenszel(
                grouped,
                items,
                group="version",
                focal=language,
                reference=OTHER,
                min_n=min_n,
                classify_on="p_adj",
            )
        frames.append(table.assign(focal=language, reference=OTHER))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def analyse_assessment(
    responses: pd.DataFrame, scored: pd.DataFrame, codebook: Codebook, *, dif_min_n: int = 20
) -> dict[str, pd.DataFrame]:
    """Reliability, item and distractor analysis, decision consistency, subscores, the 2PL
    model and DIF across language versions of the assessment test.

    Parameters
    ----------
    responses : DataFrame
        Chosen options per test taker (``language`` column and one column per item).
    scored : DataFrame
        0/1 scores (NaN for not-reached items) with a ``language`` column.

    Returns
    -------
    dict of DataFrame
        ``test_reliability``, ``test_items``, ``test_distractors``, ``test_decision``,
        ``test_subscores``, ``irt_items`` (Rasch), ``irt_items_2pl``, ``irt_information``,
        ``irt_wright``, ``dif``.
    """
    items = [item for item in codebook.test_items["item"] if item in scored]
    number_correct = scored[items].fillna(0.0)
    classical = scale_reliability(scored[items])
    reliability = classical.alpha.assign(statistic="alpha / KR-20")
    reliability["sem"] = standard_error_of_measurement(number_correct)["sem"].to_numpy()
    # At the study's size (~150 test takers) 2PL slopes are noisy; the Rasch model gives
    # the difficulties of the Wright map and the marginal reliability, the 2PL is reported
    # beside it.
    model = irt.fit(scored[items], model="rasch")
    two_pl = irt.fit(scored[items], model="2pl")
    reliability["irt_marginal_reliability"] = irt.marginal_reliability(model)
    decision = decision_consistency(number_correct, codebook.cut_score)
    return {
        "test_reliability": reliability,
        "test_items": classical.items,
        "test_distractors": distractor_analysis(responses[items], codebook.test_key),
        "test_decision": decision.assign(cut_score=codebook.cut_score),
        "test_subscores": subscores(number_correct, codebook.test_areas.to_dict()),
        "irt_items": model.items,
        "irt_items_2pl": two_pl.items,
        "irt_information": irt.test_information(model),
        "irt_wright": irt.wright_map(model, scored[items]),
        "dif": _dif_by_language(scored, items, dif_min_n),
    }
