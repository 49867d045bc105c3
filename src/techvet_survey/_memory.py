"""Give the memory a process has freed back to the operating system."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

__all__ = ["return_freed_memory"]


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None on another C library."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


def return_freed_memory() -> None:
    """Return the free pages of the C heap to the system (glibc ``malloc_trim(0)``).

    A worker that draws one large figure after another keeps the heap of the largest
    one otherwise: freed, but still counted against the process. A no-op where the C
    library has no ``malloc_trim`` (macOS, Windows, musl).
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
