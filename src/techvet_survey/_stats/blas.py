"""BLAS limited to one thread, for the small matrices the statistical families factor."""

from __future__ import annotations

import functools

import scipy.linalg  # noqa: F401  (scipy's own BLAS loaded before the libraries are listed)
from threadpoolctl import ThreadpoolController

__all__ = ["single_threaded_blas"]


@functools.cache
def _controller() -> ThreadpoolController:
    """The loaded BLAS libraries, listed once per process (listing takes about 1 ms)."""
    return ThreadpoolController()


def single_threaded_blas():
    """A context manager limiting BLAS to one thread.

    The matrices factored in a fit, and the blocks that the aggregates share out to
    threads themselves, are small: multi-threaded OpenBLAS only spins on shared cores
    (from twice to ten times slower on a busy 2-core machine).
    """
    return _controller().limit(limits=1, user_api="blas")
