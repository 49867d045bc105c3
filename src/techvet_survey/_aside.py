"""Run one function in a forked process while this process goes on with other work.

The analyses of a study are independent of each other, and the machine has more than
one core: :func:`run_aside` starts a function in a child process forked from this one
(which inherits the loaded modules and tables, so nothing is imported or pickled on the
way in) and returns at once; :meth:`Aside.result` waits for its value. The warnings the
function raised in the child are raised again here, in their order, when the result is
taken, so a caller that takes the results in the sequential order gives the warnings in
that order too.

Where the platform cannot fork (Windows, macOS' default) or there is one core, the
function runs at once in this process: the same values, the same warnings.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import warnings
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

__all__ = ["Aside", "can_fork", "run_aside"]


def can_fork() -> bool:
    """True when a child can be forked here and a second core can run it."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def _recorded(function, args, kwargs):
    """Call `function` recording its warnings (the inherited filters apply)."""
    with warnings.catch_warnings(record=True) as caught:
        value = function(*args, **kwargs)
    return value, [
        (str(w.message), w.category, w.filename, w.lineno, _module_of(w.filename)) for w in caught
    ]


def _module_of(filename: str) -> str | None:
    """The name of the loaded module whose source is `filename`, if any."""
    for name, module in list(sys.modules.items()):
        if getattr(module, "__file__", None) == filename:
            return name
    return None


class Aside:
    """A function running in a forked child (or already run here); see :func:`run_aside`."""

    def __init__(self, future: Future, pool: ProcessPoolExecutor | None = None, call=None):
        self._future, self._pool, self._call = future, pool, call

    def result(self):
        """The function's value, once it is done; its warnings are raised again here.

        Should the child die without an answer (killed, out of memory), the function
        runs again here: slower, the same value.
        """
        try:
            value, caught = self._future.result()
        except BrokenProcessPool:
            value, caught = _recorded(*self._call)
        finally:
            if self._pool is not None:
                self._pool.shutdown()
        for message, category, filename, lineno, module in caught:
            registry = None
            if module in sys.modules:
                registry = vars(sys.modules[module]).setdefault("__warningregistry__", {})
            warnings.warn_explicit(message, category, filename, lineno, module, registry)
        return value


def run_aside(function, *args, **kwargs) -> Aside:
    """Start ``function(*args, **kwargs)`` in a forked child; :meth:`Aside.result` gives
    its value. Runs it here at once when the platform cannot fork or has one core.

    The value must be picklable (DataFrames and dicts of them are).
    """
    if not can_fork():
        future: Future = Future()
        future.set_result(_recorded(function, args, kwargs))
        return Aside(future)
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    call = (function, args, kwargs)
    return Aside(pool.submit(_recorded, *call), pool, call)
