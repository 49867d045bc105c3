"""BLAS limited to one thread, for the small matrices the statistical families factor."""

from __future__ import annotations

from threadpoolctl import threadpool_limits

__all__ = ["single_threaded_blas"]


def single_threaded_blas():
    """A context manager limiting BLAS to one thread.

    The matrices factored in a fit are small, and multi-threaded OpenBLAS only spins on
    shared cores (from twice to ten times slower on a busy 2-core machine).
    """
    return threadpool_limits(limits=1, user_api="blas")
