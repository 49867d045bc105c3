"""Tests of techvet_survey._files: every write is atomic.

A write that fails (here: the file-size limit of the process, a real EFBIG from the
kernel) must leave the previous file byte for byte, and no temporary file behind.
"""

import signal
import sys
from contextlib import contextmanager

import pytest

from techvet_survey._files import atomic_write_bytes, json_bytes, stabilise_sav, write_xlsx

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses RLIMIT_FSIZE (POSIX)")

LIMIT = 2_000
OLD = b"previous content " * 200  # 3,400 bytes, written before the limit


@contextmanager
def file_size_limit(size):
    """Writes past `size` bytes fail with EFBIG instead of killing the process."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


WRITERS = {
    "atomic_write_bytes": lambda path: atomic_write_bytes(path, b"new content " * 400),
    # one row: openpyxl's own temporary sheet stays under the limit, the workbook does not
    "write_xlsx": lambda path: write_xlsx(path, ["a", "b"], [[1, "row 1"]]),
    "stabilise_sav": stabilise_sav,
}


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_failed_write_leaves_the_previous_file(tmp_path, writer):
    path = tmp_path / "output.bin"
    path.write_bytes(OLD)
    with file_size_limit(LIMIT), pytest.raises(OSError, match="too large"):
        writer(path)
    assert path.read_bytes() == OLD
    assert [child.name for child in tmp_path.iterdir()] == ["output.bin"]  # no temporary left


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_write_replaces_the_previous_file(tmp_path, writer):
    path = tmp_path / "output.bin"
    path.write_bytes(OLD)
    writer(path)
    assert path.read_bytes() != OLD
    assert [child.name for child in tmp_path.iterdir()] == ["output.bin"]


def test_failed_figure_save_leaves_the_previous_file(tmp_path):
    import matplotlib.pyplot as plt

    from techvet_survey.plots import save_figure

    path = tmp_path / "figure.png"
    path.write_bytes(OLD)
    fig, ax = plt.subplots()
    ax.plot(range(100), range(100))
    try:
        with file_size_limit(LIMIT), pytest.raises(OSError, match="too large"):
            save_figure(fig, tmp_path / "figure", ["png"])
        assert path.read_bytes() == OLD
        assert [child.name for child in tmp_path.iterdir()] == ["figure.png"]
        save_figure(fig, tmp_path / "figure", ["png"])
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        plt.close(fig)


def test_json_bytes_writes_missing_and_infinite_numbers_as_null():
    import json

    import numpy as np
    import pandas as pd

    value = {"nan": np.float64("nan"), "inf": float("-inf"), "na": pd.NA, "n": np.int64(3)}
    text = json_bytes(value).decode("utf-8")
    assert json.loads(text) == {"nan": None, "inf": None, "na": None, "n": 3}
    assert "NaN" not in text and "Infinity" not in text
