"""Shared fixtures: a seeded generator, closing of figures after each test, and the
reference data sets that several test modules read (psych's bfi and ability, as the R
scripts under tests/reference wrote them)."""

import matplotlib

matplotlib.use("Agg")

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def rng():
    """A seeded random generator, so that every test is reproducible."""
    return np.random.default_rng(20261128)


REFERENCE_DATA = Path(__file__).parent / "reference" / "data"


@pytest.fixture(scope="session")
def bfi():
    """psych's bfi (reliability_bfi.csv): 2,800 people, 25 personality items."""
    return pd.read_csv(REFERENCE_DATA / "reliability_bfi.csv")


@pytest.fixture(scope="session")
def ability():
    """psych's ability (reliability_ability.csv): 1,525 people, 16 scored items."""
    return pd.read_csv(REFERENCE_DATA / "reliability_ability.csv")


@pytest.fixture(autouse=True)
def close_figures():
    """Close every matplotlib figure a test opened."""
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def bundled_survey():
    """The cleaned survey of the bundled synthetic study, and its scales (name: items)."""
    import warnings
    from pathlib import Path

    from techvet_survey.cleaning import clean_study
    from techvet_survey.codebook import Codebook
    from techvet_survey.privacy import KEY_ENVIRONMENT_VARIABLE

    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        patch.setenv(KEY_ENVIRONMENT_VARIABLE, "bundled-study-tests")
        survey = clean_study(raw).survey
    book = Codebook.load()
    scales = {scale: book.scale_items(scale) for scale in book.scales["scale"]}
    return survey, scales
