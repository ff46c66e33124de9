"""Approved versions: immutable snapshots of a draft, each hash chained to the one before."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import BadInput
from ..messages import t
from ..model import FIELDS, Item
from ..serialise import item_data, item_from_data
from .chain import VERSION_SCHEME, data_hash, item_line, version_hash, version_hash_of_lines
from .findings import PUBLISH_FROM as _PUBLISH_FROM
from .items import hash_key

if TYPE_CHECKING:
    from . import Catalog, Store


@dataclass
class CatalogueSource:
    """A set of items to export or diff: a catalogue's draft or one of its approved versions."""

    catalog: str
    label: str | None  # None for the draft
    items: Callable[[], Iterator[Item]]
    version_id: int | None = None
    catalog_id: int | None = None
    columns: list[tuple[str | None, str]] | None = None  # a version's frozen columns; None: the catalogue's
    frozen_title: str | None = None  # the title a version is published under

    @property
    def title(self) -> str:
        return f"{self.catalog}@{self.label}" if self.label else f"{self.catalog} (draft)"


@dataclass(frozen=True)
class Version:
    id: int
    catalog_id: int
    label: str
    reviewer: str
    at: str
    items: int
    hash: str
    prev_hash: str
    log_id: int = 0  # the decision log's head when the version was approved
    scheme: int = 1
    columns: list[tuple[str | None, str]] | None = None
    title: str | None = None
    log_hash: str = ""

    def record(self, catalog: str) -> dict[str, object]:
        """What the version's hash covers besides its items and removed charges (scheme 2)."""
        return {
            "catalog": catalog,
            "label": self.label,
            "reviewer": self.reviewer,
            "at": self.at,
            "items": self.items,
            "columns": [list(c) for c in self.columns or []],
            "title": self.title,
            "log_id": self.log_id,
            "log_hash": self.log_hash,
        }


_VERSION_COLS = (
    "id, catalog_id, label, reviewer, at, items, hash, prev_hash, decision_id, scheme, columns, title, log_hash"
)


def _version(r: tuple) -> Version:
    cols = [tuple(c) for c in json.loads(r[10])] if r[10] else None
    return Version(*r[:8], log_id=r[8] or 0, scheme=r[9] or 1, columns=cols, title=r[11], log_hash=r[12] or "")


# (code, content hash, its hash key, data): an item as a version stores it (data: its stored form, item_data,
# as json.dumps writes it, in UTF-8: hashed and stored as text without being decoded)
VersionRow = tuple[str, str, int, bytes]


def version_row(item: Item) -> VersionRow:
    h = item.content_hash
    return item.code, h, hash_key(h), json.dumps(item_data(item), ensure_ascii=False).encode()


def _json_list(table: str, entry: str) -> str:
    """SQL of the JSON list of an item i's rows of a child table, in their order, as json.dumps writes it."""
    return (
        f"'[' || coalesce((SELECT group_concat({entry}, ', ') FROM "
        f"(SELECT * FROM {table} x WHERE x.item_id = i.id ORDER BY x.pos)), '') || ']'"
    )


# An item i of the draft as a version stores it, made by SQLite: json.dumps(item_data(item), ensure_ascii=False)
# byte for byte (json_quote escapes as Python's json does; the extra fields and cell text are stored as that
# encoder wrote them, and spliced in). Good for an item published as it stands whose extra fields are not
# named as fields (item_data would put their values in the fields' places).
_DATA_SQL = " || ".join(
    [
        """'{"item": {"code": ' || json_quote(i.code)""",
        """', "name": ' || json_quote(i.name)""",
        """', "department": ' || json_quote(coalesce(i.department, ''))""",
        """', "category": ' || json_quote(coalesce(i.category, ''))""",
        """', "basis": ' || """ + _json_list("citations", "json_quote(text)"),
        """', "materials": ' || """ + _json_list("materials", "json_quote(text)"),
        """', "procedure": ' || json_quote(coalesce(i.procedure, ''))""",
        """', "statutory_limit": ' || json_quote(coalesce(i.statutory_text, ''))""",
        """', "promised_limit": ' || json_quote(coalesce(i.promised_text, ''))""",
        """', "fees": ' || """
        + _json_list(
            "fees",
            """'{"name": ' || json_quote(name) || ', "standard": ' || json_quote(coalesce(standard, ''))
            || ', "basis": ' || json_quote(coalesce(basis, '')) || '}'""",
        ),
        """', "notes": ' || json_quote(coalesce(i.notes, ''))""",
        """CASE WHEN coalesce(i.extra, '{}') = '{}' THEN '}' ELSE ', ' || substr(i.extra, 2) || ', "extra": ['
            || (SELECT group_concat(json_quote(key), ', ') FROM json_each(i.extra)) || ']' END""",
        """CASE WHEN coalesce(i.raw, '{}') = '{}' THEN '}' ELSE ', "raw": ' || i.raw || '}' END""",
    ]
)

# the items approval publishes other than as they stand, or whose stored form SQLite cannot make: abolished or
# merged, fees flagged for removal, an extra field named as a field (or no stored hash)
_BY_PYTHON = f"""(s.action IN ('abolish', 'merge') OR i.code IN (SELECT code FROM temp.res_fee) OR i.hash IS NULL
    OR (i.extra IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(i.extra) j WHERE j.key IN
    ({", ".join(f"'{k}'" for k in FIELDS)}))))"""


def chain_hash(prev: str, label: str, lines: Iterable[tuple[str, str]]) -> str:
    """SHA-256 of the previous version's hash, the label, and every (code, item hash) in code order."""
    h = hashlib.sha256(f"{prev}\n{label}\n".encode())
    for code, item_hash in lines:
        h.update(f"{code}\t{item_hash}\n".encode())
    return h.hexdigest()


class VersionsMixin:
    def versions(self: Store, catalog_id: int) -> list[Version]:
        return [
            _version(r)
            for r in self.conn.execute(
                f"SELECT {_VERSION_COLS} FROM versions WHERE catalog_id = ? ORDER BY id", (catalog_id,)
            )
        ]

    def version(self: Store, catalog_id: int, label: str | None) -> Version | None:
        vs = self.versions(catalog_id)
        if label is None:
            return vs[-1] if vs else None
        return next((v for v in vs if v.label == label), None)

    def catalogue_source(
        self: Store, cat: Catalog, *, version: str | None = None, draft: bool = False
    ) -> CatalogueSource:
        """The draft when asked for (or when nothing is approved yet), else the version named or the latest."""
        if draft:
            return CatalogueSource(cat.name, None, lambda: self.iter_items(cat.id), catalog_id=cat.id)
        v = self.version(cat.id, version)
        if v is None:
            if version is not None:
                labels = ", ".join(x.label for x in self.versions(cat.id)) or "none yet"
                raise BadInput(t("no-version-of", catalog=cat.name, label=version, labels=labels))
            return CatalogueSource(cat.name, None, lambda: self.iter_items(cat.id), catalog_id=cat.id)
        return CatalogueSource(
            cat.name,
            v.label,
            lambda: self.version_items(v.id),
            version_id=v.id,
            catalog_id=cat.id,
            columns=v.columns,
            frozen_title=v.title,
        )

    def version_items(self: Store, version_id: int, codes: list[str] | None = None) -> Iterator[Item]:
        for data in self.version_data(version_id, codes):
            yield item_from_data(data)

    def version_data(self: Store, version_id: int, codes: list[str] | None = None) -> Iterator[dict]:
        """The stored form of a version's items (see versions.item_data), in catalogue order."""
        sql = "SELECT v.data FROM version_items v WHERE v.version_id = ?"
        if codes is not None:
            self.pick(codes)
            sql = "SELECT v.data FROM temp.pick p CROSS JOIN version_items v ON v.version_id = ? AND v.code = p.code"
        for (data,) in self.conn.execute(sql + " ORDER BY v.position", (version_id,)):
            yield json.loads(data)

    def version_rows(
        self: Store, catalog_id: int
    ) -> tuple[Iterator[tuple[str, str | None, str, str, int, bytes | None]], Iterator[Item]]:
        """(code, status, reason, content hash, its key, data) of every item of the draft in catalogue order (its
        latest effective status decision, and its row of a version, VersionRow, made by SQLite); data is None
        for an item approval publishes other than as it stands (abolished, merged, fees removed) or whose
        stored form SQLite does not make, and those items are given, in the same order, as the second."""
        self._resolution(catalog_id)
        c = self.conn
        codes = [
            r[0]
            for r in c.execute(f"SELECT i.code {_PUBLISH_FROM} AND {_BY_PYTHON} ORDER BY i.position", (catalog_id,))
        ]
        # picked before the rows are read: making the table of picked codes while they are would stop them
        self.pick(codes)
        rows = c.execute(
            f"""SELECT i.code, s.action, coalesce(d.reason, ''), i.hash, i.hkey,
            CASE WHEN {_BY_PYTHON} THEN NULL ELSE CAST({_DATA_SQL} AS BLOB) END {_PUBLISH_FROM} ORDER BY i.position""",
            (catalog_id,),
        )
        return rows, self.iter_items(catalog_id, codes) if codes else iter(())

    def create_version(
        self: Store,
        cat: Catalog,
        label: str,
        reviewer: str,
        at: str,
        items: Iterable[Item | VersionRow],
        removed_fees: list[tuple],
        *,
        columns: list[tuple[str | None, str]],
        title: str,
    ) -> Version:
        """Freeze items (each an Item, or its VersionRow already made) as a version, whole: its record, columns,
        title, items and removed charges under one hash chained to the version before (store/chain.py). The
        caller holds the transaction."""
        if self.version(cat.id, label) is not None:
            raise BadInput(t("label-exists", label=label))
        prev = self.version(cat.id, None)
        prev_hash = prev.hash if prev else ""
        log_id, log_hash = self.log_head(cat.id)
        cur = self.conn.execute(
            "INSERT INTO versions (catalog_id, label, reviewer, at, items, hash, prev_hash, decision_id, scheme, "
            "columns, title, log_hash) VALUES (?, ?, ?, ?, 0, '', ?, ?, ?, ?, ?, ?)",
            (
                cat.id,
                label,
                reviewer,
                at,
                prev_hash,
                log_id,
                VERSION_SCHEME,
                json.dumps([list(c) for c in columns], ensure_ascii=False),
                title,
                log_hash,
            ),
        )
        vid = cur.lastrowid
        # each item's line of the version's hash, made from the data as it is stored (what verify reads back),
        # kept in a file until the count of items, which the hash takes first, is known
        lines = tempfile.TemporaryFile()

        def rows():
            for n, it in enumerate(items, 1):
                code, h, key, data = it if isinstance(it, tuple) else version_row(it)
                lines.write(item_line(n, code, data_hash(data)))
                yield vid, n, code, h, key, data

        with lines:
            self.conn.executemany(
                "INSERT INTO version_items (version_id, position, code, hash, hkey, data) "
                "VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT))",
                rows(),
            )
            lines.seek(0)
            h = self._seal(cat, vid, removed_fees, iter(lambda: lines.read(1 << 20), b""))
        self.conn.execute("UPDATE versions SET hash = ? WHERE id = ?", (h, vid))
        return self.version(cat.id, label)

    def _seal(self: Store, cat: Catalog, vid: int, removed_fees: list[tuple], lines: Iterator[bytes]) -> str:
        """Store the version's removed charges and its count of items; returns its hash over its record,
        the items' lines (item_line, in order, in pieces of any length) and the removed charges."""
        self.conn.executemany(
            "INSERT INTO version_fees (version_id, code, item, department, fee, standard, basis, reason) "
            "VALUES (?,?,?,?,?,?,?,?)",
            ((vid, *r) for r in removed_fees),
        )
        count = self.conn.execute("SELECT count(*) FROM version_items WHERE version_id = ?", (vid,)).fetchone()[0]
        self.conn.execute("UPDATE versions SET items = ? WHERE id = ?", (count, vid))
        v = next(x for x in self.versions(cat.id) if x.id == vid)
        return version_hash_of_lines(v.prev_hash, v.record(cat.name), lines, self.removed_fees(v.id))

    def frozen_hash(self: Store, v: Version, catalog: str) -> str:
        """The scheme-2 hash of a version as stored now: what verify recomputes (approval makes the same
        from the data it stores)."""
        lines = (
            (pos, code, data_hash(data))
            for pos, code, data in self.conn.execute(
                "SELECT position, code, data FROM version_items WHERE version_id = ? ORDER BY position", (v.id,)
            )
        )
        return version_hash(v.prev_hash, v.record(catalog), lines, self.removed_fees(v.id))

    def log_entry_hash(self: Store, decision_id: int) -> str | None:
        row = self.conn.execute("SELECT hash FROM decisions WHERE id = ?", (decision_id,)).fetchone()
        return row[0] if row else None

    def version_hash_lines(self: Store, version_id: int) -> Iterator[tuple[str, str, int, str]]:
        """(code, stored item hash, stored hash key, data) in code order, for verify."""
        yield from self.conn.execute(
            "SELECT code, hash, hkey, data FROM version_items WHERE version_id = ? ORDER BY code", (version_id,)
        )

    def removed_fees(self: Store, version_id: int) -> list[tuple]:
        return list(self.removed_fee_rows(version_id))

    def removed_fee_rows(self: Store, version_id: int) -> Iterator[tuple]:
        """The charges a version took out, in the order approval took them out, as they are read."""
        yield from self.conn.cursor().execute(
            "SELECT code, item, department, fee, standard, basis, reason FROM version_fees WHERE version_id = ? "
            "ORDER BY rowid",
            (version_id,),
        )

    def count_removed_fees(self: Store, version_id: int) -> int:
        sql = "SELECT count(*) FROM version_fees WHERE version_id = ?"
        return self.conn.execute(sql, (version_id,)).fetchone()[0]

    def _side_sql(self: Store, side: tuple[str, int]) -> tuple[str, str, int]:
        if side[0] == "version":
            return "version_items", "version_id", int(side[1])
        return "items", "catalog_id", int(side[1])

    def changed_codes(
        self: Store, a: tuple[str, int], b: tuple[str, int]
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]], set[str]]:
        """(added, removed) as (code, name) in catalogue order, and the changed codes (a set: reading their
        items gives their order), between two stored sides, by hash alone.

        A side is ("version", version_id) or ("draft", catalog_id). Each side's (code, hash key) pairs come
        from a covering index in code order; SQLite merges the two (EXCEPT with ORDER BY: no sort, no
        temporary table) and leaves only the pairs that differ, so nothing else is read.
        """
        (ta, ka, ia), (tb, kb, ib) = self._side_sql(a), self._side_sql(b)
        pa = f"SELECT code, hkey FROM {ta} WHERE {ka} = {ia}"
        pb = f"SELECT code, hkey FROM {tb} WHERE {kb} = {ib}"
        old = {c for c, _ in self.conn.execute(f"{pa} EXCEPT {pb} ORDER BY 1, 2")}
        new = {c for c, _ in self.conn.execute(f"{pb} EXCEPT {pa} ORDER BY 1, 2")}
        changed = old & new
        return self._placed(b, sorted(new - changed)), self._placed(a, sorted(old - changed)), changed

    def _placed(self: Store, side: tuple[str, int], codes: list[str]) -> list[tuple[str, str]]:
        """(code, name) of some codes of a side, in catalogue order."""
        if not codes:
            return []
        table, key, ident = self._side_sql(side)
        name = "json_extract(v.data, '$.item.name')" if table == "version_items" else "v.name"
        self.pick(codes)
        return self.conn.execute(
            f"SELECT v.code, {name} FROM temp.pick p CROSS JOIN {table} v ON v.{key} = ? "
            "AND v.code = p.code ORDER BY v.position",
            (ident,),
        ).fetchall()
