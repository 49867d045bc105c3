"""Simulate the genuine survey respondents from the planted latent-variable model."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey.synth import _design as design
from techvet_survey.synth._pii import PiiFactory, render_tail

DONT_KNOW, NOT_APPLICABLE = 8, 9
DONT_KNOW_RATE, NOT_APPLICABLE_RATE = 0.03, 0.01
CHANNEL_RATES = {
    "face_to_face": {"FI": 0.9, "EE": 0.85, "LV": 0.9, "NL": 0.8},
    "phone": {"FI": 0.6, "EE": 0.5, "LV": 0.55, "NL": 0.45},
    "video_call": {"FI": 0.45, "EE": 0.3, "LV": 0.2, "NL": 0.35},
    "chat_lms": {"FI": 0.5, "EE": 0.4, "LV": 0.25, "NL": 0.55},
    "email": {"FI": 0.55, "EE": 0.6, "LV": 0.5, "NL": 0.6},
}
AGE_BANDS = {
    "student": [0.55, 0.4, 0.05, 0.0, 0.0],
    "teacher": [0.0, 0.1, 0.4, 0.4, 0.1],
    "workplace_trainer": [0.0, 0.2, 0.4, 0.3, 0.1],
}
MEDIAN_SECONDS = {"student": 540.0, "teacher": 720.0, "workplace_trainer": 660.0}


def _factor_values(country: str, group: str, n: int, scales: list[str], rng) -> np.ndarray:
    """Correlated scale factors for `n` respondents of one country-by-group cell."""
    k = len(scales)
    correlation = np.full((k, k), design.FACTOR_CORRELATION)
    np.fill_diagonal(correlation, 1.0)
    means = np.array(
        [design.COUNTRY_EFFECTS[scale][country] + design.GROUP_EFFECTS[group] for scale in scales]
    )
    return means + rng.standard_normal((n, k)) @ np.linalg.cholesky(correlation).T


def _likert_answers(survey: design.SurveyDesign, country: str, factors, rng) -> dict:
    """Answer codes 1-5 (as respondents gave them, reverse items not recoded)."""
    answers = {}
    n = factors.shape[0]
    for position, (_scale, items) in enumerate(survey.scales.items()):
        for item in items:
            loading = survey.loadings[item]
            latent = (
                loading * factors[:, position]
                + survey.intercept(item, country)
                + rng.standard_normal(n) * np.sqrt(1 - loading**2)
            )
            codes = 1 + np.searchsorted(design.BASE_THRESHOLDS, latent)
            answers[item] = 6 - codes if survey.reverse[item] else codes
    return answers


def simulate_cell(
    survey: design.SurveyDesign,
    country: str,
    group: str,
    n: int,
    rng,
    pii: PiiFactory,
    language: str,
) -> pd.DataFrame:
    """Genuine respondents of one country and group, with their planted answers.

    Likert answers are the codes respondents chose (``8`` don't know, ``9`` not
    applicable); reverse-keyed items are as answered, not recoded.
    """
    scales = list(survey.scales)
    factors = _factor_values(country, group, n, scales, rng)
    frame = pd.DataFrame(
        {
            "country": country,
            "group": group,
            "language": language,
            "gender": rng.choice([1, 2, 3, 4], n, p=[0.42, 0.52, 0.02, 0.04]),
            "age_band": rng.choice(np.arange(1, 6), n, p=AGE_BANDS[group]),
            "field": rng.choice(np.arange(1, 7), n, p=[0.25, 0.25, 0.2, 0.12, 0.13, 0.05]),
        }
    )
    staff = group != "student"
    frame["experience_years"] = (
        rng.integers(0, 31, n).astype(float) if staff else np.full(n, np.nan)
    )
    frame["prior_training"] = (
        rng.choice([1.0, 0.0], n, p=[0.35, 0.65]) if staff else np.full(n, np.nan)
    )
    answers = _likert_answers(survey, country, factors, rng)
    for item, codes in answers.items():
        draw = rng.random(n)
        codes = np.where(draw < DONT_KNOW_RATE, DONT_KNOW, codes)
        codes = np.where(
            (draw >= DONT_KNOW_RATE) & (draw < DONT_KNOW_RATE + NOT_APPLICABLE_RATE),
            NOT_APPLICABLE,
            codes,
        )
        frame[item] = codes.astype(float)
    for option, rates in CHANNEL_RATES.items():
        frame[f"channels_{option}"] = (rng.random(n) < rates[country]).astype(float)
    frame["duration_s"] = np.round(MEDIAN_SECONDS[group] * np.exp(rng.normal(0.0, 0.3, n)))
    parts = [pii.comment_parts(language, rng) for _ in range(n)]
    frame["open_guidance"] = [
        f"{base} {render_tail(tail, language)}".strip() for base, tail, _ in parts
    ]
    frame["planted_tail"] = [tail for _, tail, _ in parts]
    frame["planted_pii"] = [found for _, _, found in parts]
    frame["open_other"] = ""
    frame["planted_factor_mean"] = factors.mean(axis=1)
    return frame


def clean_values(frame: pd.DataFrame, survey: design.SurveyDesign) -> pd.DataFrame:
    """The values a correct cleaning must produce: missing codes to NaN, reverse items recoded."""
    clean = frame.copy()
    for item in survey.loadings:
        values = clean[item].where(clean[item].between(1, 5))
        clean[item] = 6 - values if survey.reverse[item] else values
    return clean
