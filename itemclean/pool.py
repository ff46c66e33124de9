"""What the process pools of a large import and a large audit share: how many cores, how to start a
process, and how a pool process ends when the command that started it is gone."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def context(*, database: bool = False):
    """fork where it is safe, else spawn. Safe means no other thread holds a lock the child would inherit,
    and, for a pool that opens the database (database), never: SQLite's state must not cross a fork."""
    methods = multiprocessing.get_all_start_methods()
    if not database and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


# A pool process's young objects are collected after this many allocations, not Python's 700: its items,
# rows and findings make no reference cycles, and a collection every 700 of them cost a sixth of an
# import's parse.
YOUNG_OBJECTS = 10_000


def started(parent: int) -> None:
    """A pool process's start: it ends with its parent (watch); what it inherited is never scanned for
    cycles again, and its young objects are collected rarely (YOUNG_OBJECTS)."""
    watch(parent)
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])


@contextmanager
def few_collections() -> Iterator[None]:
    """The process that feeds a pool and takes its results collects young objects rarely (YOUNG_OBJECTS)
    while it does: the results' rows are many, and make no reference cycles."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def watch(parent: int) -> None:
    """In a pool process: end when the process that started the pool has gone (killed), rather than wait
    for work forever."""

    def loop() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=loop, daemon=True).start()
