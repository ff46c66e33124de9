"""The reads of a large catalogue that pass over all of it (the whole filtered list, the header's counts, the
characters the items hold), done one at a time on a thread and a connection of their own, out of the way of
typing: a job starts only once no key has come for QUIET seconds, and a job under way pauses inside SQLite as
soon as a key comes (the screen's thread then has the interpreter to itself), and goes on once the keys
stop. A job no longer wanted (cancel) stops at once. The connection lives as long as the screen, so what it
folds once (the decision log, see Store._sync_status) is brought up to date cheaply afterwards."""

from __future__ import annotations

import math
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..store import Store

QUIET = 0.25  # seconds without a key before background reads go on
TICK = 20_000  # SQLite steps between looks at the keyboard (a few milliseconds at most)
NAP = 0.02  # how long a paused job sleeps between looks


class Job:
    def __init__(self, run: Callable[[Store], object]) -> None:
        self.run = run
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class Failed:
    """A job raised: the screen's thread raises it again (an error must not pass unseen)."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


class Background:
    def __init__(self, db: Path, deliver: Callable[[object], object]) -> None:
        """deliver(result) is called on this thread with each finished job's result: it must hand it over to
        the screen's thread (a message posted to the app)."""
        self.db = db
        self.deliver = deliver
        self.last_key = -math.inf  # time.monotonic() of the latest key, set by the screen's thread (typed)
        self.hurried = False  # True: someone waits for what is read, which then no longer waits for the keys
        self.paused = 0.0  # seconds spent waiting for the keys to stop (for tests and benchmarks)
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._current: Job | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="itemclean-background", daemon=True)
        self._thread.start()

    def typed(self) -> None:
        """A key came: jobs wait until the keys stop."""
        self.last_key = time.monotonic()

    def submit(self, run: Callable[[Store], object]) -> Job:
        job = Job(run)
        self._jobs.put(job)
        return job

    def stop(self) -> None:
        """Stop the job under way and the thread (its connection is closed there)."""
        self._stopped = True
        self._jobs.put(None)
        self._thread.join(timeout=5)

    def _wanted(self, job: Job) -> bool:
        """Wait while keys come; False once the job is no longer wanted."""
        while not (job.cancelled or self._stopped):
            idle = time.monotonic() - self.last_key
            if idle >= QUIET or self.hurried:
                return True
            start = time.monotonic()
            time.sleep(min(QUIET - idle, NAP))
            self.paused += time.monotonic() - start
        return False

    def _tick(self) -> bool:
        """SQLite's progress handler: pause the query while keys come, stop it when its job is cancelled."""
        job = self._current
        return job is not None and not self._wanted(job)

    def _run(self) -> None:
        with Store(self.db, create=False, read=True) as store:
            store.conn.set_progress_handler(self._tick, TICK)
            while (job := self._jobs.get()) is not None:
                if not self._wanted(job):
                    continue
                self._current = job
                try:
                    result = job.run(store)
                except sqlite3.OperationalError as e:
                    if job.cancelled or self._stopped:  # interrupted by _tick: not wanted any more
                        continue
                    result = Failed(e)
                except Exception as e:  # noqa: BLE001 - handed to the screen's thread, which raises it
                    result = Failed(e)
                finally:
                    self._current = None
                if not (job.cancelled or self._stopped):
                    self.deliver(result)
