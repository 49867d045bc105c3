"""Aggregates of a Dask DataFrame (partials per partition, merged) equal the in-memory ones."""

import numpy as np
import pandas as pd
import pytest

from techvet_survey import aggregates, compare, reliability

dd = pytest.importorskip(
    "dask.dataframe", reason="dask is optional: pip install 'dask[dataframe]' distributed"
)
distributed = pytest.importorskip("distributed", reason="pip install distributed")

ITEMS = ["q1", "q2", "q3", "q4"]
TOL = {"rtol": 1e-10, "atol": 1e-10}


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(20261128)
    n = 2000
    trait = rng.normal(size=(n, 1))
    codes = np.clip(np.round(3 + 0.8 * trait + rng.normal(size=(n, len(ITEMS)))), 1, 5)
    codes[rng.random(codes.shape) < 0.05] = np.nan
    data = pd.DataFrame(codes, columns=ITEMS)
    data["country"] = rng.choice(["EE", "FI", "LV", "NL"], size=n)
    return data


def _same(ours, theirs):
    pd.testing.assert_frame_equal(
        ours[list(theirs.columns)].reset_index(drop=True),
        theirs.reset_index(drop=True),
        check_dtype=False,
        **TOL,
    )


def test_dask_moments_equal_in_memory(client, frame):
    lazy = dd.from_pandas(frame, npartitions=5)
    moments = aggregates.GroupMoments.from_frame(lazy, ITEMS, group="country")
    _same(aggregates.cronbach_alpha(moments), reliability.cronbach_alpha(frame, ITEMS))
    _same(aggregates.item_analysis(moments), reliability.item_analysis(frame, ITEMS))
    ours = aggregates.compare_groups(moments, "q1", min_n=0)
    _same(ours.omnibus, compare.compare_groups(frame, "q1", group="country").omnibus)


def test_dask_counts_equal_in_memory(client, frame):
    lazy = dd.from_pandas(frame, npartitions=3)
    counts = aggregates.CategoryCounts.from_frame(lazy, ["q2"], group="country")
    ours = aggregates.compare_groups(counts, "q2", method="kruskal", seed=1, n_boot=100)
    theirs = compare.compare_groups(
        frame, "q2", group="country", method="kruskal", seed=1, n_boot=100
    )
    _same(ours.omnibus, theirs.omnibus)
    _same(aggregates.crosstab_test(counts, "q2"), compare.crosstab_test(frame, "country", "q2"))
