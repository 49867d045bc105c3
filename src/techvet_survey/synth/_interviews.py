"""Coded interviews: documents, segments coded by two coders with a planted agreement."""

from __future__ import annotations

import numpy as np
import pandas as pd

from techvet_survey.codebook import Codebook
from techvet_survey.synth import _design as design
from techvet_survey.synth._pii import PiiFactory

ROLES = {"company": 5, "teacher": 3, "student": 2}
# Company interviewees speak for the workplace side of the study's respondent groups.
ROLE_GROUP = {"company": "workplace_trainer", "teacher": "teacher", "student": "student"}
SECTORS = ("machinery", "electronics", "ict", "construction", "automotive")
OPENERS = (
    "In our experience,",
    "Honestly,",
    "What I see every week is that",
    "From the company side,",
    "I would say that",
    "It depends, but usually",
)
CLOSERS = (
    "That is something we have discussed with the school.",
    "It could be better organised.",
    "This works quite well for us.",
    "We are still learning how to do it.",
    "Time is always the problem.",
)


def code_prevalences(book: Codebook, rng) -> pd.DataFrame:
    """Planted probability that a paragraph of an interview in each country carries each code."""
    codes = book.interview_codes["code"].tolist()
    base = rng.dirichlet(np.full(len(codes), 2.0))
    rows = []
    for country in design.COUNTRIES:
        tilt = rng.dirichlet(np.full(len(codes), 8.0))
        shares = 0.6 * base + 0.4 * tilt
        rows += [
            {"country": country, "code": code, "prevalence": share}
            for code, share in zip(codes, shares, strict=True)
        ]
    return pd.DataFrame(rows)


def expected_kappa(prevalence: np.ndarray, agreement: float) -> float:
    """Cohen's kappa implied by coder B copying coder A's code with probability `agreement`
    and otherwise choosing one of the other codes uniformly."""
    k = len(prevalence)
    other = (1 - prevalence) / (k - 1)
    coder_b = agreement * prevalence + (1 - agreement) * other
    chance = float(prevalence @ coder_b)
    return (agreement - chance) / (1 - chance)


def simulate_interviews(book: Codebook, prevalences: pd.DataFrame, counts: dict[str, int], rng):
    """Documents (with case variables) and the segments of both coders.

    Returns ``(documents, segments)``: documents hold ``document``, ``country``,
    ``group``, ``sector``, ``text``; segments hold ``document``, ``coder``, ``code``,
    ``start``, ``end``, ``text``. Coder A codes every document; coder B a planted share.
    """
    labels = book.interview_codes.set_index("code")["label_en"]
    codes = labels.index.to_numpy()
    factory = PiiFactory()
    documents, segments, planted_pii = [], [], []
    for country in design.COUNTRIES:
        shares = (
            prevalences.loc[prevalences["country"] == country]
            .set_index("code")
            .loc[codes, "prevalence"]
            .to_numpy()
        )
        roles = [role for role, n in ROLES.items() for _ in range(n)][: counts[country]]
        for number, role in enumerate(roles, 1):
            document = f"{country}-{role}-{number:02d}"
            paragraphs, coded = [], []
            for _ in range(int(rng.integers(8, 15))):
                code = str(rng.choice(codes, p=shares))
                topic = labels[code].lower()
                sentence = f"{rng.choice(OPENERS)} {topic} matters here. {rng.choice(CLOSERS)}"
                if rng.random() < 0.08:
                    name, _, phone = factory.person("en", rng)
                    sentence += f" Ask {name} at {phone}."
                    planted_pii += [name, phone]
                paragraphs.append(sentence)
                coded.append(code)
            text, starts = "", []
            for paragraph in paragraphs:
                starts.append(len(text))
                text += paragraph + "\n\n"
            documents.append(
                {
                    "document": document,
                    "country": country,
                    "group": ROLE_GROUP[role],
                    "sector": str(rng.choice(SECTORS)) if role == "company" else "",
                    "text": text,
                }
            )
            double = rng.random() < design.DOUBLE_CODED_SHARE
            for start, paragraph, code in zip(starts, paragraphs, coded, strict=True):
                segment = {
                    "document": document,
                    "start": start,
                    "end": start + len(paragraph),
                    "text": paragraph,
                }
                segments.append({**segment, "coder": "A", "code": code})
                if double:
                    other = (
                        code
                        if rng.random() < design.CODER_AGREEMENT
                        else str(rng.choice(codes[codes != code]))
                    )
                    segments.append({**segment, "coder": "B", "code": other})
    return pd.DataFrame(documents), pd.DataFrame(segments), planted_pii
