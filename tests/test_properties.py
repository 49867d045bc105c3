"""Invariants of the statistics under relabelling that must not change a result:
item order, row order, rater order, focal/reference swap, column order."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techvet_survey.agreement import cohen_kappa, krippendorff_alpha
from techvet_survey.codebook import Codebook
from techvet_survey.compare import compare_groups, describe
from techvet_survey.dif import mantel_haenszel
from techvet_survey.reliability import cronbach_alpha
from techvet_survey.scales import score_scales

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def likert(rng, n, k):
    """Correlated 1-5 answers of `n` people to `k` items (a common factor plus noise)."""
    trait = rng.normal(size=(n, 1))
    return np.clip(np.rint(3 + trait + 0.8 * rng.normal(size=(n, k))), 1, 5)


def frame_close(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        left.reset_index(drop=True), right.reset_index(drop=True), rtol=1e-9, atol=1e-12
    )


seeds = st.integers(0, 2**32 - 1)


@SETTINGS
@given(seed=seeds, n=st.integers(8, 40), k=st.integers(2, 6))
def test_alpha_unchanged_by_item_and_row_order(seed, n, k):
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(likert(rng, n, k), columns=[f"i{j}" for j in range(k)])
    if (data.std() == 0).any():
        return
    base = cronbach_alpha(data)
    shuffled = data.iloc[rng.permutation(n), rng.permutation(k)]
    other = cronbach_alpha(shuffled)
    np.testing.assert_allclose(other["alpha"], base["alpha"], rtol=1e-10)
    np.testing.assert_allclose(other[["ci_low", "ci_high"]], base[["ci_low", "ci_high"]])
    assert int(other["n"].iloc[0]) == int(base["n"].iloc[0]) == n


@SETTINGS
@given(seed=seeds, n=st.integers(5, 40), weights=st.sampled_from([None, "linear", "quadratic"]))
def test_cohen_kappa_symmetric_in_raters(seed, n, weights):
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 5, size=n)
    b = np.where(rng.random(n) < 0.6, a, rng.integers(1, 5, size=n))
    data = pd.DataFrame({"a": a, "b": b})
    categories = [1, 2, 3, 4]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one = cohen_kappa(data, ["a", "b"], weights=weights, categories=categories)
        two = cohen_kappa(data, ["b", "a"], weights=weights, categories=categories)
    numeric = one.select_dtypes("number").columns
    np.testing.assert_allclose(two[numeric], one[numeric], rtol=1e-10, atol=1e-12)


@SETTINGS
@given(
    seed=seeds,
    n=st.integers(3, 30),
    raters=st.integers(2, 4),
    level=st.sampled_from(["nominal", "ordinal", "interval", "ratio"]),
)
def test_krippendorff_alpha_is_one_for_perfect_agreement(seed, n, raters, level):
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 6, size=n).astype(float)
    if len(np.unique(values)) < 2:
        values[0] = 1.0 if values[0] != 1.0 else 2.0
    data = pd.DataFrame({f"r{j}": values for j in range(raters)})
    # Missing ratings do not break perfect agreement while each unit keeps two.
    if raters > 2:
        data.iloc[0, 0] = np.nan
    result = krippendorff_alpha(data, level=level, n_boot=0)
    np.testing.assert_allclose(result["estimate"], 1.0, atol=1e-12)


def scored_groups(rng, n_ref, n_foc, k):
    ability = rng.normal(size=n_ref + n_foc)
    difficulty = np.linspace(-1, 1, k)
    p = 1 / (1 + np.exp(-(ability[:, None] - difficulty[None, :])))
    scored = pd.DataFrame(
        (rng.random(p.shape) < p).astype(float), columns=[f"t{j}" for j in range(k)]
    )
    scored["language"] = ["fi"] * n_ref + ["lv"] * n_foc
    return scored


@settings(max_examples=25, deadline=None, database=None)
@given(seed=seeds, correct=st.booleans())
def test_mantel_haenszel_inverts_when_groups_swap(seed, correct):
    rng = np.random.default_rng(seed)
    scored = scored_groups(rng, 60, 50, 5)
    options = dict(group="language", purify=False, correct=correct, min_n=5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        forward = mantel_haenszel(scored, focal="lv", reference="fi", **options)
        backward = mantel_haenszel(scored, focal="fi", reference="lv", **options)
    forward = forward.set_index("item")
    backward = backward.set_index("item").loc[forward.index]
    odds = forward["mh_odds_ratio"]
    finite = np.isfinite(odds) & (odds > 0)
    np.testing.assert_allclose(backward.loc[finite, "mh_odds_ratio"], 1 / odds[finite], rtol=1e-9)
    np.testing.assert_allclose(
        backward.loc[finite, "mh_delta"], -forward.loc[finite, "mh_delta"], rtol=1e-9, atol=1e-12
    )
    np.testing.assert_allclose(backward["p_val"], forward["p_val"], rtol=1e-9)


@SETTINGS
@given(seed=seeds)
def test_describe_and_compare_groups_unchanged_by_row_order(seed):
    rng = np.random.default_rng(seed)
    n = 45
    data = pd.DataFrame(
        {
            "score": np.round(rng.normal(3, 0.7, size=n), 2),
            "country": rng.choice(["FI", "EE", "LV"], size=n, p=[0.4, 0.4, 0.2]),
        }
    )
    shuffled = data.iloc[rng.permutation(n)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame_close(
            describe(shuffled, "score", by="country").sort_values("country"),
            describe(data, "score", by="country").sort_values("country"),
        )
        one = compare_groups(data, "score", group="country")
        two = compare_groups(shuffled, "score", group="country")
    for name in one.tables():
        left, right = one.tables()[name], two.tables()[name]
        keys = [column for column in left.columns if left[column].dtype == object]
        frame_close(
            right.sort_values(keys or list(right.columns)[:1]),
            left.sort_values(keys or list(left.columns)[:1]),
        )


@pytest.fixture(scope="module")
def book():
    return Codebook.load()


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=seeds)
def test_score_scales_unchanged_by_column_order(book, seed):
    rng = np.random.default_rng(seed)
    items = list(book.items["item"])
    answers = likert(rng, 12, len(items))
    answers[rng.random(answers.shape) < 0.2] = np.nan
    data = pd.DataFrame(answers, columns=items)
    data.insert(0, "respondent_id", [f"R-{i:012x}" for i in range(12)])
    columns = list(data.columns)
    order = [columns[i] for i in rng.permutation(len(columns))]
    frame_close(score_scales(data[order], book), score_scales(data, book))
