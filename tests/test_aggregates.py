"""One-pass aggregates give the in-memory statistics (to 1e-10), however rows are split."""

import itertools
from functools import reduce

import numpy as np
import pandas as pd
import pytest

from techvet_survey import aggregates, compare, reliability
from techvet_survey._stats import exact_sums
from techvet_survey._stats.exact_sums import exact_totals
from techvet_survey._stats.pair_sums import pair_sums
from techvet_survey.aggregates import CategoryCounts, GroupMoments, PairSums

ITEMS = [f"q{j}" for j in range(1, 7)]
TOL = {"rtol": 1e-10, "atol": 1e-10}


@pytest.fixture(scope="module")
def survey():
    rng = np.random.default_rng(20261128)
    n = 1500
    country = rng.choice(["EE", "FI", "LV", "NL"], size=n, p=[0.2, 0.3, 0.1, 0.4])
    shift = pd.Series(country).map({"EE": 0.0, "FI": 0.3, "LV": -0.2, "NL": 0.1}).to_numpy()
    trait = rng.normal(size=(n, 1)) + shift[:, None]
    codes = np.clip(np.round(3 + 0.8 * trait + rng.normal(size=(n, len(ITEMS)))), 1, 5)
    codes[rng.random(codes.shape) < 0.08] = np.nan
    frame = pd.DataFrame(codes, columns=ITEMS)
    frame["country"] = country
    frame.loc[rng.random(n) < 0.02, "country"] = None
    frame["gender"] = rng.choice([1.0, 2.0, 3.0, np.nan], size=n, p=[0.45, 0.45, 0.05, 0.05])
    frame.loc[:9, ITEMS] = np.nan  # blank rows
    return frame


def _chunks(frame, sizes=(1, 333, 500, 97)):
    bounds = np.cumsum([0, *sizes, len(frame)])
    return [frame.iloc[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def _streamed(factory, frame):
    first, *rest = _chunks(frame)
    return reduce(lambda total, chunk: total.update(chunk), rest, factory(first))


def _moments(frame, **kwargs):
    return _streamed(lambda chunk: GroupMoments.from_frame(chunk, ITEMS, **kwargs), frame)


def _counts(frame, columns, group="country"):
    return _streamed(lambda chunk: CategoryCounts.from_frame(chunk, columns, group=group), frame)


def _assert_same(ours: pd.DataFrame, theirs: pd.DataFrame):
    pd.testing.assert_frame_equal(
        ours.reset_index(drop=True)[list(theirs.columns)],
        theirs.reset_index(drop=True),
        check_dtype=False,
        **TOL,
    )


@pytest.mark.parametrize("nan_policy", ["pairwise", "listwise"])
@pytest.mark.parametrize("ci_method", ["feldt", "duhachek"])
def test_alpha_equals_in_memory(survey, nan_policy, ci_method):
    moments = _moments(survey, group="country", nan_policy=nan_policy)
    with (
        pytest.warns(UserWarning, match="answered none of the items")
        if nan_policy == "pairwise"
        else _nothing()
    ):
        ours = aggregates.cronbach_alpha(moments, ci_method=ci_method)
    with pytest.warns(UserWarning) if nan_policy == "pairwise" else _nothing():
        theirs = reliability.cronbach_alpha(
            survey, ITEMS, nan_policy=nan_policy, ci_method=ci_method
        )
    _assert_same(ours, theirs)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False


@pytest.mark.parametrize("nan_policy", ["pairwise", "listwise"])
def test_item_analysis_equals_in_memory(survey, nan_policy):
    answered = survey.iloc[10:]
    ours = aggregates.item_analysis(_moments(answered, nan_policy=nan_policy))
    theirs = reliability.item_analysis(answered, ITEMS, nan_policy=nan_policy)
    _assert_same(ours, theirs)


def test_complete_data_take_the_covariance_formulas(survey):
    complete = survey.dropna(subset=ITEMS)
    ours = aggregates.item_analysis(_moments(complete))
    _assert_same(ours, reliability.item_analysis(complete, ITEMS))
    moments = _moments(complete)
    np.testing.assert_allclose(
        moments.overall().covariance()[:-1, :-1], complete[ITEMS].cov().to_numpy(), **TOL
    )


def test_merge_order_does_not_matter(survey):
    parts = [GroupMoments.from_frame(chunk, ITEMS, group="country") for chunk in _chunks(survey)]
    forward = reduce(GroupMoments.merge, parts).overall()
    backward = reduce(GroupMoments.merge, parts[::-1]).overall()
    for name in ("n_pair", "mean", "m2", "comoment"):
        np.testing.assert_allclose(getattr(forward, name), getattr(backward, name), **TOL)


def test_binary_items_get_difficulty_and_a_warned_nan_upper_lower(rng):
    test = pd.DataFrame((rng.random((200, 4)) < [0.3, 0.5, 0.6, 0.8]).astype(float))
    test.columns = ["i1", "i2", "i3", "i4"]
    moments = GroupMoments.from_frame(test, list(test.columns))
    with pytest.warns(UserWarning, match="upper_lower_index.*total score"):
        ours = aggregates.item_analysis(moments)
    theirs = reliability.item_analysis(test).drop(columns="upper_lower_index")
    _assert_same(ours, theirs)
    assert ours["upper_lower_index"].isna().all()


def test_constant_item_is_left_out_with_a_warning(survey):
    frame = survey.iloc[10:].assign(q6=3.0)
    with pytest.warns(UserWarning, match=r"\['q6'\] have no variance"):
        ours = aggregates.cronbach_alpha(_moments(frame))
    with pytest.warns(UserWarning, match="no variance"):
        theirs = reliability.cronbach_alpha(frame, ITEMS)
    _assert_same(ours, theirs)


@pytest.mark.parametrize("source", ["moments", "counts"])
def test_describe_equals_in_memory(survey, source):
    aggregate = _moments(survey, group="country") if source == "moments" else _counts(survey, ITEMS)
    ours = aggregates.describe(aggregate, ITEMS[:3], min_n=0)
    theirs = compare.describe(survey, ITEMS[:3], by="country", min_n=0)
    columns = ["variable", "country", "n", "mean", "sd", "ci_low", "ci_high", "suppressed"]
    if source == "counts":
        columns += ["median", "q1", "q3"]
    _assert_same(ours, theirs[columns])


@pytest.mark.parametrize("source", ["moments", "counts"])
def test_welch_equals_in_memory(survey, source):
    aggregate = (
        _moments(survey, group="country") if source == "moments" else _counts(survey, ["q2"])
    )
    ours = aggregates.compare_groups(aggregate, "q2", min_n=0)
    theirs = compare.compare_groups(survey, "q2", group="country", min_n=0)
    _assert_same(ours.omnibus, theirs.omnibus)
    _assert_same(ours.pairwise, theirs.pairwise)


def test_kruskal_from_counts_equals_in_memory(survey):
    counts = _counts(survey, ["q1", "gender"])
    ours = aggregates.compare_groups(counts, "q1", method="kruskal", seed=3, n_boot=200)
    theirs = compare.compare_groups(
        survey, "q1", group="country", method="kruskal", seed=3, n_boot=200
    )
    _assert_same(ours.omnibus, theirs.omnibus)
    _assert_same(ours.pairwise, theirs.pairwise)


@pytest.mark.parametrize("column", ["gender", "q4"])
def test_crosstab_equals_in_memory(survey, column):
    ours = aggregates.crosstab_test(_counts(survey, [column]), column)
    theirs = compare.crosstab_test(survey, "country", column)
    _assert_same(ours, theirs)


def test_two_by_two_crosstab_is_yates_corrected(survey):
    frame = survey.assign(
        female=(survey["gender"] == 2).astype(float), nordic=survey["country"].isin(["FI", "EE"])
    )
    ours = aggregates.crosstab_test(_counts(frame, ["female"], group="nordic"), "female")
    _assert_same(ours, compare.crosstab_test(frame, "nordic", "female"))
    assert ours.loc[0, "test"] == "chi-square (Yates)"


def test_categorical_group_keeps_its_order(survey):
    frame = survey.assign(
        country=pd.Categorical(survey["country"], categories=["NL", "LV", "FI", "EE"])
    )
    ours = aggregates.describe(_moments(frame, group="country"), ["q1"], min_n=0)
    assert ours["country"].tolist() == ["NL", "LV", "FI", "EE"]
    theirs = compare.describe(frame, "q1", by="country", min_n=0)
    columns = ["variable", "country", "n", "mean", "sd", "ci_low", "ci_high"]
    _assert_same(ours, theirs.astype({"country": str})[columns])


def test_bad_input_is_named():
    frame = pd.DataFrame({"q1": [1.0, 2.0], "q2": [2.0, 1.0], "g": ["a", "b"]})
    moments = GroupMoments.from_frame(frame, ["q1", "q2"], group="g")
    with pytest.raises(ValueError, match="`other` summarises different items"):
        moments.merge(GroupMoments.from_frame(frame, ["q1"], group="g"))
    with pytest.raises(ValueError, match="`ci_method` must be one of"):
        aggregates.cronbach_alpha(moments, ci_method="bootstrap")
    with pytest.raises(TypeError, match="`moments` must be a GroupMoments"):
        aggregates.cronbach_alpha(frame)
    with pytest.raises(TypeError, match="Rank statistics need the count tables"):
        aggregates.compare_groups(moments, "q1", method="kruskal")
    with pytest.raises(KeyError, match="`items` names columns that `data` lacks: 'q9'"):
        GroupMoments.from_frame(frame, ["q1", "q9"])
    with pytest.raises(ValueError, match="`nan_policy` must be one of"):
        GroupMoments.from_frame(frame, ["q1", "q2"], nan_policy="drop")
    with pytest.raises(ValueError, match="1 usable rows"):
        aggregates.cronbach_alpha(GroupMoments.from_frame(frame.iloc[:1], ["q1", "q2"]))
    counts = CategoryCounts.from_frame(frame, ["g"])
    with pytest.raises(TypeError, match="`counts` must be a CategoryCounts built with `group=`"):
        aggregates.crosstab_test(counts, "g")
    with pytest.raises(TypeError, match="must hold numeric codes"):
        aggregates.compare_groups(CategoryCounts.from_frame(frame, ["g"], group="q1"), "g")
    with pytest.raises(ValueError, match="`other` counts different columns"):
        counts.merge(CategoryCounts.from_frame(frame, ["q1"]))


def test_single_group_cannot_be_compared():
    frame = pd.DataFrame({"q1": [1.0, 2.0, 3.0], "q2": [2.0, 1.0, 3.0], "g": ["a", "a", None]})
    with pytest.raises(ValueError, match="`group` column 'g' has fewer than two levels"):
        aggregates.compare_groups(GroupMoments.from_frame(frame, ["q1", "q2"], group="g"), "q1")


def _float_sums(values):
    with (
        np.errstate(invalid="ignore"),
        pytest.warns(RuntimeWarning) if np.isnan(values).all(axis=1).any() else _nothing(),
    ):
        person_mean = np.nanmean(values, axis=1)
    return PairSums.from_values(np.column_stack([values, person_mean]))


def _assert_same_sums(ours, theirs):
    assert (ours.n_input, ours.n_rows) == (theirs.n_input, theirs.n_rows)
    for name in ("n_pair", "mean", "m2", "comoment"):
        np.testing.assert_allclose(getattr(ours, name), getattr(theirs, name), **TOL)
    np.testing.assert_array_equal(ours.binary, theirs.binary)


@pytest.mark.parametrize("missing", [0.0, 0.15])
@pytest.mark.parametrize("largest", [1, 5, 2**11])
@pytest.mark.parametrize("order", ["C", "F"])
def test_exact_integer_sums_equal_float64_sums(rng, missing, largest, order):
    # blocks of 37 rows, cut to 3 rows for codes of 2^11 (3 x 2^22 < 2^24 <= 4 x 2^22)
    values = rng.integers(-largest if largest > 1 else 0, largest + 1, size=(500, 4))
    values = np.asarray(values, dtype=float, order=order)
    values[rng.random(values.shape) < missing] = np.nan
    values[:2] = np.nan if missing else values[:2]
    rows = [slice(0, 500), np.sort(rng.choice(500, 180, replace=False))]
    totals = exact_totals(values, rows, block_rows=37)
    for sums, subset in zip(totals, rows, strict=True):
        ours = PairSums.from_totals(sums, len(values[subset]))
        _assert_same_sums(ours, _float_sums(values[subset]))


def test_exact_sums_in_threads_equal_one_thread(rng, monkeypatch):
    values = rng.integers(1, 6, size=(3000, 5)).astype(float)
    values[rng.random(values.shape) < 0.1] = np.nan
    rows = [slice(0, 3000)]
    (alone,) = exact_totals(values, rows, block_rows=100)
    monkeypatch.setattr(exact_sums, "PARALLEL_VALUES", 1)
    (threaded,) = exact_totals(values, rows, block_rows=100)
    _assert_same_sums(PairSums.from_totals(threaded, 3000), PairSums.from_totals(alone, 3000))


@pytest.mark.parametrize("value", [2.5, 3 + 1e-12, 2**11 + 1, 40_000, np.inf])
def test_non_integer_codes_are_summed_in_float64(rng, value):
    values = rng.integers(1, 6, size=(300, 3)).astype(float)
    values[250, 1] = value
    assert exact_totals(values, [slice(0, 300)], block_rows=64) is None


@pytest.mark.parametrize("columns", [1, 3])
@pytest.mark.parametrize("order", ["C", "F"])
def test_float64_sums_of_row_sets_equal_those_of_the_gathered_rows(rng, columns, order):
    values = np.asarray(rng.normal(3, 1, size=(400, columns)), order=order)
    values[rng.random(values.shape) < 0.1] = np.nan
    values[5] = np.nan  # a blank row
    rows = [slice(0, 400), np.sort(rng.choice(400, 150, replace=False)), np.empty(0, np.intp)]
    summed = pair_sums(values, rows, None)
    for ours, subset in zip(summed.by_set, rows, strict=True):
        if len(values[subset]):
            _assert_same_sums(ours, _float_sums(values[subset]))
        else:
            assert (ours.n_input, ours.n_rows) == (0, 0)


def test_non_integer_answers_give_the_in_memory_numbers(survey):
    frame = survey.iloc[10:].assign(q3=survey["q3"] / 2)  # halves: the float64 path
    ours = aggregates.item_analysis(_moments(frame, group="country"))
    _assert_same(ours, reliability.item_analysis(frame, ITEMS))
