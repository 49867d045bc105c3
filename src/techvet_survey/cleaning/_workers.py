"""Worker processes that clean the chunks of a large export side by side."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor

import pyarrow

from techvet_survey.errors import ArgumentError


def worker_count(workers: int | None) -> int:
    """`workers` checked; None gives the CPUs available to this process, at most 4."""
    if workers is None:
        available = (
            len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        )
        return max(1, min(4, available or 1))
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ArgumentError(f"`workers` must be a positive integer or None; got {workers!r}.")
    return workers


_WORKER_CONTEXT: list = []


def _start_worker(context) -> None:
    # one thread per worker process: the processes already use every core
    pyarrow.set_cpu_count(1)
    pyarrow.set_io_thread_count(1)
    _WORKER_CONTEXT[:] = [context]


def _in_worker(function, *args):
    return function(_WORKER_CONTEXT[0], *args)


def _process_context():
    """Fork where the platform has it: workers inherit the loaded modules, and a
    script without an ``if __name__ == "__main__":`` guard still works; spawn
    elsewhere (there the calling script needs that guard)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class ChunkRunner:
    """Run chunk tasks in order: inline, or in worker processes with at most
    ``workers + 1`` chunks in flight (memory stays bounded by the chunk size).

    A task is ``function(context, *args)``; `context` (what every task needs) is sent
    once to each worker process, the arguments with each task.
    """

    def __init__(self, context, workers: int):
        self.context, self.workers, self.pool = context, workers, None
        self.pending: deque = deque()

    def __enter__(self) -> ChunkRunner:
        if self.workers > 1:
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=_process_context(),
                initializer=_start_worker,
                initargs=(self.context,),
            )
            # Fork every worker now, before the export is read: no reader thread of
            # this process can hold a lock at the moment of the fork.
            self.pool.submit(int).result()
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def submit(self, function, *args):
        """Queue one task; yield the results that are due, in submission order."""
        if self.pool is None:
            yield function(self.context, *args)
            return
        self.pending.append(self.pool.submit(_in_worker, function, *args))
        while len(self.pending) > self.workers:
            yield self.pending.popleft().result()

    def drain(self):
        while self.pending:
            yield self.pending.popleft().result()
