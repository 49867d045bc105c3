"""Shared fixtures: a seeded generator and closing of figures after each test."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest


@pytest.fixture
def rng():
    """A seeded random generator, so that every test is reproducible."""
    return np.random.default_rng(20261128)


@pytest.fixture(autouse=True)
def close_figures():
    """Close every matplotlib figure a test opened."""
    yield
    plt.close("all")
