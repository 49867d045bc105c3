"""The planted design of the synthetic study: parameters that the analyses must recover.

The survey answers follow a graded latent-response model. For respondent r of country c
and group g, each guidance-capability scale s has a factor
``eta_s ~ N(mu_s[c] + delta_s[g], 1)`` (factors of different scales correlate), and item
i of scale s has the latent response ``y*_i = lambda_i * eta_s + nu_i + e_i`` with
``e_i ~ N(0, 1 - lambda_i^2)``; the answer is ``1 + #{thresholds below y*}``. One item has
an intercept shift in one country (scalar non-invariance). The test follows a 3PL model
with one item whose difficulty is shifted in one language version (uniform DIF).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

COUNTRIES = ("FI", "EE", "LV", "NL")
GROUPS = ("student", "teacher", "workplace_trainer")
TEST_LANGUAGES = ("fi", "et", "lv", "nl", "en")

# Factor means by country for each scale (in SD units of the factor); "dg" is planted
# equal across countries.
COUNTRY_EFFECTS = {
    "gw": {"FI": 0.45, "EE": 0.0, "LV": -0.35, "NL": 0.2},
    "cg": {"FI": 0.35, "EE": -0.2, "LV": -0.45, "NL": 0.3},
    "co": {"FI": 0.0, "EE": 0.35, "LV": -0.25, "NL": 0.45},
    "sa": {"FI": 0.25, "EE": 0.1, "LV": 0.0, "NL": -0.35},
    "dg": {"FI": 0.0, "EE": 0.0, "LV": 0.0, "NL": 0.0},
    "af": {"FI": 0.35, "EE": 0.0, "LV": -0.35, "NL": 0.0},
}
GROUP_EFFECTS = {"student": -0.15, "teacher": 0.3, "workplace_trainer": 0.0}
FACTOR_CORRELATION = 0.35
NON_INVARIANT = {"item": "cg2", "country": "LV", "intercept_shift": 0.9}
BASE_THRESHOLDS = np.array([-1.6, -0.75, 0.1, 1.05])

# Respondents per country at scale 1 (the real study's order of magnitude).
GROUP_SIZES = {"student": 100, "teacher": 15, "workplace_trainer": 30}
TEST_TAKERS = {"fi": 40, "et": 30, "lv": 40, "nl": 25, "en": 15}
DIF = {"item": "t07", "language": "lv", "difficulty_shift": 2.5, "slope": 1.8}
GUESSING = 0.15
N_INTERVIEWS = {"FI": 10, "EE": 10, "LV": 10, "NL": 10}
DOUBLE_CODED_SHARE = 0.5
CODER_AGREEMENT = 0.85


@dataclass(frozen=True)
class SurveyDesign:
    """Item parameters of the survey scales, drawn once from the design generator."""

    scales: dict[str, list[str]]
    loadings: dict[str, float]
    intercepts: dict[str, float]
    reverse: dict[str, bool]

    @classmethod
    def draw(cls, scales: dict[str, list[str]], reverse: dict[str, bool], rng) -> SurveyDesign:
        items = [item for members in scales.values() for item in members]
        loadings = dict(zip(items, rng.uniform(0.6, 0.85, len(items)).round(3), strict=True))
        intercepts = dict(zip(items, rng.uniform(0.1, 0.5, len(items)).round(3), strict=True))
        return cls(scales=scales, loadings=loadings, intercepts=intercepts, reverse=reverse)

    def intercept(self, item: str, country: str) -> float:
        """The intercept of `item` for respondents of `country` (with the planted shift)."""
        shift = (
            NON_INVARIANT["intercept_shift"]
            if item == NON_INVARIANT["item"] and country == NON_INVARIANT["country"]
            else 0.0
        )
        return self.intercepts[item] + shift


def category_probabilities(latent_mean, loading: float) -> np.ndarray:
    """P(answer = 1..5 | factor value) for an item with unit latent-response variance.

    Parameters
    ----------
    latent_mean : array
        ``lambda * eta + nu`` for each factor value.
    loading : float
        The item's standardised loading; the residual SD is ``sqrt(1 - loading**2)``.
    """
    sd = np.sqrt(1.0 - loading**2)
    upper = special.ndtr((BASE_THRESHOLDS[None, :] - np.asarray(latent_mean)[:, None]) / sd)
    cumulative = np.hstack([upper, np.ones((upper.shape[0], 1))])
    return np.diff(np.hstack([np.zeros((upper.shape[0], 1)), cumulative]), axis=1)


def _mixture_nodes(cells: list[tuple[float, float]], n_nodes: int = 61):
    """Quadrature nodes and weights of a mixture of unit-variance normals.

    `cells` holds (weight, mean) pairs; the result integrates over the mixture density.
    """
    nodes, weights = np.polynomial.hermite_e.hermegauss(n_nodes)
    weights = weights / weights.sum()
    all_nodes = np.concatenate([mean + nodes for _, mean in cells])
    all_weights = np.concatenate([share * weights for share, _ in cells])
    return all_nodes, all_weights


def population_item_moments(
    design: SurveyDesign, scale: str, cells
) -> tuple[np.ndarray, np.ndarray]:
    """Exact population means and covariance matrix of the (reverse-recoded) item scores.

    Items are independent given the factor, so ``E[X_i X_j] = E[E(X_i|eta) E(X_j|eta)]``
    (i != j) and the moments follow from one-dimensional quadrature over the mixture of
    country-by-group factor distributions.

    Parameters
    ----------
    cells : list of (weight, country, factor_mean)
        The population's composition.
    """
    items = design.scales[scale]
    first = np.zeros(len(items))
    cross = np.zeros((len(items), len(items)))
    second = np.zeros(len(items))
    codes = np.arange(1, 6)
    for share, country, mean in cells:
        nodes, weights = _mixture_nodes([(share, mean)])
        conditional = []
        for item in items:
            probabilities = category_probabilities(
                design.loadings[item] * nodes + design.intercept(item, country),
                design.loadings[item],
            )
            conditional.append((probabilities @ codes, probabilities @ codes**2))
        expectation = np.array([mean_ for mean_, _ in conditional])
        first += expectation @ weights
        second += np.array([square for _, square in conditional]) @ weights
        cross += (expectation * weights) @ expectation.T
    covariance = cross - np.outer(first, first)
    covariance[np.diag_indices_from(covariance)] = second - first**2
    return first, covariance


def alpha_from_covariance(covariance: np.ndarray) -> float:
    """Cronbach's alpha of a population covariance matrix."""
    k = covariance.shape[0]
    return float(k / (k - 1) * (1 - np.trace(covariance) / covariance.sum()))


@dataclass(frozen=True)
class TestDesign:
    """3PL item parameters of the assessment test."""

    items: list[str]
    slopes: np.ndarray
    difficulties: np.ndarray
    guessing: float

    @classmethod
    def draw(cls, items: list[str], rng) -> TestDesign:
        slopes = rng.uniform(0.8, 2.0, len(items)).round(3)
        # The DIF item discriminates well, so that its planted shift is visible at the
        # study's sample size.
        slopes[list(items).index(DIF["item"])] = DIF["slope"]
        difficulties = np.sort(rng.normal(-0.6, 0.8, len(items))).round(3)
        order = rng.permutation(len(items))
        return cls(
            items=list(items), slopes=slopes, difficulties=difficulties[order], guessing=GUESSING
        )

    def difficulty(self, language: str) -> np.ndarray:
        """Item difficulties for test takers of `language` (with the planted DIF)."""
        difficulties = self.difficulties.copy()
        if language == DIF["language"]:
            difficulties[self.items.index(DIF["item"])] += DIF["difficulty_shift"]
        return difficulties

    def p_correct(self, theta: np.ndarray, language: str) -> np.ndarray:
        """P(correct) for abilities `theta` (persons x items)."""
        logits = self.slopes[None, :] * (theta[:, None] - self.difficulty(language)[None, :])
        return self.guessing + (1 - self.guessing) * special.expit(logits)

    def population_reliability(self, languages: dict[str, int]) -> float:
        """KR-20 (alpha) of the number-correct score in the population of test takers."""
        nodes, weights = np.polynomial.hermite_e.hermegauss(81)
        weights = weights / weights.sum()
        total = sum(languages.values())
        k = len(self.items)
        first = np.zeros(k)
        cross = np.zeros((k, k))
        for language, count in languages.items():
            probability = self.p_correct(nodes, language)
            share = count / total
            first += share * (weights @ probability)
            cross += share * (probability * weights[:, None]).T @ probability
        covariance = cross - np.outer(first, first)
        covariance[np.diag_indices(k)] = first * (1 - first)
        return alpha_from_covariance(covariance)
