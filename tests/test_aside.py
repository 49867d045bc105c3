"""Tests of techvet_survey._aside: a function run in a forked child."""

import os
import warnings

import pandas as pd
import pytest

from techvet_survey import _aside
from techvet_survey._aside import run_aside


def _table_with_warnings(n: int) -> pd.DataFrame:
    warnings.warn(f"first of {n}", UserWarning, stacklevel=1)
    warnings.warn(f"second, pid {os.getpid()}", RuntimeWarning, stacklevel=2)
    return pd.DataFrame({"x": range(n)})


def _fails():
    raise ValueError("bad column 'x': drop it")


@pytest.mark.skipif(not _aside.can_fork(), reason="needs fork and two cores")
def test_runs_in_another_process_and_warns_here_in_order():
    aside = run_aside(_table_with_warnings, 3)
    with pytest.warns(Warning) as seen:
        table = aside.result()
    pd.testing.assert_frame_equal(table, pd.DataFrame({"x": range(3)}))
    assert [str(w.message).split(",")[0] for w in seen] == ["first of 3", "second"]
    assert [w.category for w in seen] == [UserWarning, RuntimeWarning]
    assert str(seen[1].message) != f"second, pid {os.getpid()}"  # it ran in the child
    assert seen[0].filename == __file__


def test_without_fork_runs_here_with_the_same_warnings(monkeypatch):
    monkeypatch.setattr(_aside, "can_fork", lambda: False)
    with pytest.warns(Warning) as seen:
        table = run_aside(_table_with_warnings, 2).result()
    assert len(table) == 2
    assert str(seen[1].message) == f"second, pid {os.getpid()}"


@pytest.mark.parametrize("fork", [True, False])
def test_errors_reach_the_caller(monkeypatch, fork):
    if fork and not _aside.can_fork():
        pytest.skip("needs fork and two cores")
    monkeypatch.setattr(_aside, "can_fork", lambda: fork)
    with pytest.raises(ValueError, match="bad column 'x': drop it"):
        run_aside(_fails).result()


def test_filters_of_the_caller_apply():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("always", UserWarning)
        run_aside(_table_with_warnings, 1).result()
    assert [w.category for w in caught] == [UserWarning]


_PARENT = os.getpid()


def _dies_in_a_child(n: int) -> int:
    if os.getpid() != _PARENT:
        os._exit(1)  # a child killed before it answers
    return n + 1


@pytest.mark.skipif(not _aside.can_fork(), reason="needs fork and two cores")
def test_a_child_that_dies_is_replaced_by_a_run_here():
    assert run_aside(_dies_in_a_child, 41).result() == 42
