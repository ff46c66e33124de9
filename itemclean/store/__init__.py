"""The one store: SQLite through sqlite-utils. All of itemclean's SQL lives in this package."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInput
from ..messages import t
from . import schema
from .browse import BrowseMixin
from .decisions import DecisionsMixin
from .feedback import FeedbackMixin
from .findings import FindingsMixin
from .items import ItemsMixin
from .reports import ReportsMixin
from .versions import VersionsMixin

BULK_CHANGES = 20_000  # rows a transaction changes from which its checkpoint runs beside the command


def now() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Catalog:
    id: int
    name: str
    created_at: str
    layout: list[tuple[str | None, str]]


def _writable(path: Path) -> bool:
    """Whether SQLite can write the database and make its -wal and -shm files beside it."""
    folder = path.parent
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


BUSY_TIMEOUT = 30.0  # seconds a command waits for another's write lock before it gives up


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    return conn


def _connect_read_only(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:  # WAL: no -shm file and no right to make one; nobody writes here
        conn.close()
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


class Store(ItemsMixin, FindingsMixin, DecisionsMixin, VersionsMixin, BrowseMixin, FeedbackMixin, ReportsMixin):
    """A database of catalogues. Every write runs in one transaction (write())."""

    def __init__(self, path: str | Path, *, create: bool = True, read: bool = False):
        """Open (or, with create, make) the database at path.

        read: the command only reads. On a file or folder it may not write (a CD, a read-only share) the
        database is then opened read-only, or as immutable when even its -shm file cannot be made.
        A foreign SQLite file or a newer schema is refused before anything is written.
        """
        self.path = Path(path)
        if not create and not self.path.exists():
            raise BadInput(t("no-database", path=self.path))
        self.read_only = read and not _writable(self.path)
        conn = _connect_read_only(self.path) if self.read_only else _connect(self.path)
        try:
            version = schema.check(conn, self.path)
        except BaseException as e:
            conn.close()
            # locked, read-only, cannot open (OperationalError): the command line says what to do
            if isinstance(e, sqlite3.DatabaseError) and not isinstance(e, sqlite3.OperationalError):
                raise BadInput(t("not-a-database", path=self.path, e=e)) from None
            raise
        if not self.read_only:  # a read-only file fails here, and the command line says what to do
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA cache_size = -32768")  # 32 MiB of page cache: bounded, whatever N is
        self.conn = conn
        self._depth = 0
        self._checkpoint: threading.Thread | None = None
        if version != schema.SCHEMA_VERSION:
            if self.read_only:
                conn.close()
                raise BadInput(f"{self.path}: {schema.READ_ONLY_OLD}")
            with self.write():
                schema.create(conn)
                self.chain_log()

    def close(self) -> None:
        self._checkpointed()
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self, *, load: bool = False) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once (BEGIN IMMEDIATE) so two writers queue, never interleave.

        load: the transaction fills a database that holds little yet (a first import). When no other
        connection has it open, it is written through a rollback journal, which need not hold the pages
        the database did not have: once, instead of into the log and again by the checkpoint. Back to
        WAL after, commit or not."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        journal = self._journal("delete") if load and not self.read_only else None
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        changes = self.conn.total_changes
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            if journal == "delete" or self.conn.total_changes - changes < BULK_CHANGES:
                self.conn.execute("COMMIT")
            else:
                self._commit_bulk()
        finally:
            self._depth = 0
            if journal == "delete":
                self._journal("wal")

    def _journal(self, mode: str) -> str:
        """Switch the journal mode, which SQLite does only when no other connection has the database open;
        returns the mode in force after."""
        self._checkpointed()
        try:
            return self.conn.execute(f"PRAGMA journal_mode = {mode}").fetchone()[0]
        except sqlite3.OperationalError:  # busy: stays as it is (every Store opening it asks for WAL)
            return self.conn.execute("PRAGMA journal_mode").fetchone()[0]

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Reads that must see one state of the database (a read transaction), whoever writes meanwhile."""
        if self._depth or self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self.conn.execute("COMMIT")

    def _commit_bulk(self) -> None:
        """Commit without copying the log into the database file (SQLite's checkpoint, as much again as the
        transaction wrote): a thread of its own does that while the command goes on, and close() waits."""
        self._checkpointed()
        c = self.conn
        c.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            c.execute("COMMIT")
        finally:
            c.execute("PRAGMA wal_autocheckpoint = 1000")  # SQLite's default, for the small writes after

        def checkpoint() -> None:
            own = sqlite3.connect(self.path, timeout=60)
            try:
                own.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:
                pass  # the next checkpoint (a commit's, or the last close's) copies what this did not
            finally:
                own.close()

        self._checkpoint = threading.Thread(target=checkpoint, name="itemclean-checkpoint")
        self._checkpoint.start()

    def _checkpointed(self) -> None:
        """Wait for the checkpoint a bulk commit left running, if any."""
        if self._checkpoint is not None:
            self._checkpoint.join()
            self._checkpoint = None

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    # --- catalogues ----------------------------------------------------------------------------

    def catalogs(self) -> list[Catalog]:
        rows = self.query("SELECT id, name, created_at, layout FROM catalogs ORDER BY name")
        return [Catalog(r[0], r[1], r[2], [tuple(x) for x in json.loads(r[3] or "[]")]) for r in rows]

    def catalog(self, name: str | None, *, create: str | None = None) -> Catalog:
        """The catalogue called name; with name None, the only one. create names a new one if none."""
        cats = self.catalogs()
        if name is None:
            if len(cats) == 1:
                return cats[0]
            if not cats and create:
                name = create
            elif not cats:
                raise BadInput(t("no-catalogue-yet", path=self.path))
            else:
                names = ", ".join(c.name for c in cats)
                raise BadInput(t("several-catalogues", path=self.path, names=names))
        for c in cats:
            if c.name == name:
                return c
        if create:
            with self.write():
                self.conn.execute("INSERT INTO catalogs (name, created_at, layout) VALUES (?, ?, '[]')", (name, now()))
            return self.catalog(name)
        names = ", ".join(c.name for c in cats) or "none"
        raise BadInput(t("no-catalogue", path=self.path, name=name, names=names))

    def set_layout(self, catalog_id: int, layout: list[tuple[str | None, str]]) -> None:
        with self.write():
            self.conn.execute(
                "UPDATE catalogs SET layout = ? WHERE id = ?", (json.dumps(layout, ensure_ascii=False), catalog_id)
            )

    def integrity_problems(self) -> list[str]:
        """What SQLite's integrity check finds wrong with the file; [] when it is sound."""
        try:
            rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as e:
            return [str(e)]
        return [] if rows == ["ok"] else rows

    def stats(self, catalog_id: int) -> dict[str, int]:
        row = self.conn.execute(
            "SELECT count(*), count(DISTINCT department) FROM items WHERE catalog_id = ?", (catalog_id,)
        ).fetchone()
        versions = self.conn.execute("SELECT count(*) FROM versions WHERE catalog_id = ?", (catalog_id,)).fetchone()[0]
        return {"items": row[0], "departments": row[1], "versions": versions}


__all__ = ["Catalog", "Store", "now"]
