"""The decision log: append-only. Undo is an entry of its own that names the entry it reverses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..messages import action_name, t
from .chain import DECISION_FIELDS, decision_hash
from .items import chunks

if TYPE_CHECKING:
    from . import Store

_COLS = tuple(c for c in DECISION_FIELDS if c != "catalog_id")  # a Decision's fields, in order
# what a decision that replaced another one replaced: that one's action, reviewer and time
_REPLACED = ("r.action", "r.reviewer", "r.at")
# an effective entry {d} of the log: no undo, and undone by none
EFFECTIVE = (
    "{d}.action != 'undo' AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = {d}.id "
    "AND u.catalog_id = {d}.catalog_id)"
)
_EFFECTIVE = EFFECTIVE.format(d="d")


@dataclass(frozen=True)
class Decision:
    id: int
    code: str
    action: str  # keep | abolish | amend | merge | remove-fee | keep-fee | override | edit | undo
    target: str | None
    fee: str | None
    rule: str | None
    field: str | None
    old: str | None
    new: str | None
    reason: str
    reviewer: str
    at: str
    item_hash: str | None
    undoes: int | None
    replaces: int | None = None  # the decision on the item's status that this one replaced
    replaced_action: str | None = None
    replaced_reviewer: str | None = None
    replaced_at: str | None = None

    @property
    def replacing(self) -> str:
        """`replacing the abolish by 李四 on 2026-12-01`, or "" when the entry replaced no decision."""
        if not self.replaces:
            return ""
        return t(
            "replacing",
            action=action_name(self.replaced_action),
            reviewer=self.replaced_reviewer,
            on=(self.replaced_at or "")[:10],
        )

    @property
    def detail(self) -> str:
        """What the entry concerns, in one line: the target, fee or rule, or an edit's old and new value."""
        detail = self.target or self.fee or self.rule or ""
        if self.action in ("edit", "propose", "accept-edit", "reject-edit") or (self.action == "undo" and self.field):
            detail = f"{self.field}: {self.old!r} → {self.new!r}"
        if self.replaces:
            detail = f"{detail}, {self.replacing}" if detail else self.replacing
        return f"{t('undoes', id=self.undoes)} {detail}".rstrip() if self.undoes else detail


class DecisionsMixin:
    def append_decision(
        self: Store,
        catalog_id: int,
        code: str,
        action: str,
        *,
        reviewer: str,
        at: str,
        reason: str = "",
        target: str | None = None,
        fee: str | None = None,
        rule: str | None = None,
        field: str | None = None,
        old: str | None = None,
        new: str | None = None,
        item_hash: str | None = None,
        undoes: int | None = None,
        replaces: int | None = None,
    ) -> int:
        entry = {
            "catalog_id": catalog_id,
            "code": code,
            "action": action,
            "target": target,
            "fee": fee,
            "rule": rule,
            "field": field,
            "old": old,
            "new": new,
            "reason": reason,
            "reviewer": reviewer,
            "at": at,
            "item_hash": item_hash,
            "undoes": undoes,
            "replaces": replaces,
        }
        with self.write():
            return self._append_entries(catalog_id, [entry])[0]

    def _append_entries(self: Store, catalog_id: int, entries: Iterable[dict]) -> range:
        """Insert log entries, each chained to the catalogue's entry before it; the caller holds the write.
        Entries stream: a batch of a million items is never held whole. Returns their ids (consecutive)."""
        c = self.conn
        next_id = c.execute("SELECT coalesce(max(id), 0) + 1 FROM decisions").fetchone()[0]
        state = {"prev": self.log_head(catalog_id)[1], "n": 0}

        def rows() -> Iterator[tuple]:
            for e in entries:
                e = {**e, "id": next_id + state["n"], "catalog_id": catalog_id}
                values = [e.get(k) for k in DECISION_FIELDS]
                h = decision_hash(state["prev"], values)
                yield (*values, state["prev"], h)
                state["prev"], state["n"] = h, state["n"] + 1

        cols = ", ".join(DECISION_FIELDS)
        c.executemany(
            f"INSERT INTO decisions ({cols}, prev_hash, hash) VALUES ({', '.join('?' * (len(DECISION_FIELDS) + 2))})",
            rows(),
        )
        return range(next_id, next_id + state["n"])

    def append_decisions(
        self: Store,
        catalog_id: int,
        codes: list[str],
        action: str,
        *,
        reviewer: str,
        at: str,
        reason: str = "",
        target: str | None = None,
        replaces: dict[str, int] | None = None,
    ) -> list[int]:
        """The same decision on many items, each with its item's current hash; one entry per item.

        replaces maps a code to the decision on its status that the new entry replaces."""
        replaces = replaces or {}
        self.pick(codes)
        with self.write():
            found = self.conn.execute(  # in the order given, each code once, with its item's hash
                "SELECT p.code, i.hash FROM temp.pick p CROSS JOIN items i ON i.catalog_id = ? AND i.code = p.code"
                " ORDER BY p.rowid",
                (catalog_id,),
            )
            entries = (
                {
                    "code": c,
                    "action": action,
                    "target": target,
                    "reason": reason,
                    "reviewer": reviewer,
                    "at": at,
                    "item_hash": h,
                    "replaces": replaces.get(c),
                }
                for c, h in found
            )
            return self._append_entries(catalog_id, entries)

    def log_head(self: Store, catalog_id: int) -> tuple[int, str]:
        """(id, hash) of the catalogue's latest log entry; (0, "") for an empty log."""
        row = self.conn.execute(
            "SELECT id, coalesce(hash, '') FROM decisions WHERE catalog_id = ? ORDER BY id DESC LIMIT 1", (catalog_id,)
        ).fetchone()
        return (row[0], row[1]) if row else (0, "")

    def chain_log(self: Store) -> None:
        """Give the entries written before the log was chained their hashes, in log order (once, on upgrade)."""
        cats = [r[0] for r in self.conn.execute("SELECT DISTINCT catalog_id FROM decisions WHERE hash IS NULL")]
        cols = ", ".join(DECISION_FIELDS)
        for cat in cats:
            prev = ""
            rows = self.conn.execute(
                f"SELECT {cols}, hash FROM decisions WHERE catalog_id = ? ORDER BY id", (cat,)
            ).fetchall()
            for r in rows:
                h = r[-1] or decision_hash(prev, r[:-1])
                if r[-1] is None:
                    self.conn.execute("UPDATE decisions SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, r[0]))
                prev = h

    def verify_log(self: Store, catalog_id: int) -> str:
        """ "" when every entry of the catalogue's log matches its hash and the one before; else the first break."""
        cols = ", ".join(DECISION_FIELDS)
        prev = ""
        for r in self.conn.execute(
            f"SELECT {cols}, prev_hash, hash FROM decisions WHERE catalog_id = ? ORDER BY id", (catalog_id,)
        ):
            values, stored_prev, stored = r[: len(DECISION_FIELDS)], r[-2], r[-1]
            if stored_prev != prev:
                return t("log-gap", id=r[0])
            if decision_hash(stored_prev, values) != stored:
                return t("log-altered", id=r[0])
            prev = stored
        return ""

    def missing_codes(self: Store, catalog_id: int, codes: list[str]) -> list[str]:
        """The codes that name no item of the catalogue, in the order given."""
        sub = self.pick(codes)
        gone = {
            r[0]
            for r in self.conn.execute(
                f"SELECT code FROM {sub} WHERE code NOT IN (SELECT code FROM items WHERE catalog_id = ?)", (catalog_id,)
            )
        }
        return [c for c in codes if c in gone]

    def decisions(self: Store, catalog_id: int, code: str | None = None, *, effective: bool = False) -> list[Decision]:
        """The log in order; effective leaves out undo entries and the entries they undid."""
        cols = ", ".join([f"d.{c}" for c in _COLS] + list(_REPLACED))
        sql = f"SELECT {cols} FROM decisions d LEFT JOIN decisions r ON r.id = d.replaces WHERE d.catalog_id = ?"
        params: tuple = (catalog_id,)
        if code is not None:
            sql += " AND d.code = ?"
            params += (code,)
        if effective:
            sql += " AND " + _EFFECTIVE
        return [Decision(*r) for r in self.conn.execute(sql + " ORDER BY d.id", params)]

    def item_logs(self: Store, catalog_id: int, upto: int | None = None) -> Iterator[tuple[str, int, Decision | None]]:
        """Every item in catalogue order with its effective decisions, oldest first, as they are read: a row
        (code, import mark or 0, decision) per decision, one (code, mark, None) for an item the log does not
        name; with upto, the entries up to that id (an undo after it still counts, as in decisions())."""
        cols = ", ".join([f"d.{c}" for c in _COLS] + list(_REPLACED))
        until = "" if upto is None else f" AND d.id <= {int(upto)}"
        sql = f"""SELECT i.code, coalesce(i.import_mark, 0), {cols} FROM items i
            LEFT JOIN decisions d ON d.catalog_id = i.catalog_id AND d.code = i.code AND {_EFFECTIVE}{until}
            LEFT JOIN decisions r ON r.id = d.replaces
            WHERE i.catalog_id = ? ORDER BY i.position, d.id"""
        for r in self.conn.cursor().execute(sql, (catalog_id,)):
            yield r[0], r[1], None if r[2] is None else Decision(*r[2:])

    def decisions_by_id(self: Store, ids: Sequence[int], *, replacing_others_than: str | None = None) -> list[Decision]:
        """The entries with these ids, in log order; with replacing_others_than, only those that replace a
        decision of another reviewer (what a batch reports), read with the ids' range when they are one."""
        cols = ", ".join([f"d.{c}" for c in _COLS] + list(_REPLACED))
        sql = f"SELECT {cols} FROM decisions d LEFT JOIN decisions r ON r.id = d.replaces WHERE "
        extra: tuple = ()
        if replacing_others_than is not None:
            sql, extra = sql + "d.replaces IS NOT NULL AND r.reviewer IS NOT ? AND ", (replacing_others_than,)
        if isinstance(ids, range) and ids.step == 1:
            if not ids:
                return []
            return [
                Decision(*r)
                for r in self.conn.execute(sql + "d.id BETWEEN ? AND ? ORDER BY d.id", (*extra, ids[0], ids[-1]))
            ]
        out = []
        for chunk in chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            out += [Decision(*r) for r in self.conn.execute(sql + f"d.id IN ({marks})", (*extra, *chunk))]
        return sorted(out, key=lambda d: d.id)

    def last_decision_id(self: Store, catalog_id: int, code: str) -> int:
        row = self.conn.execute(
            "SELECT coalesce(max(id), 0) FROM decisions WHERE catalog_id = ? AND code = ?", (catalog_id, code)
        ).fetchone()
        return row[0]

    def import_marks(self: Store, catalog_id: int) -> dict[str, int]:
        return {
            c: m
            for c, m in self.conn.execute(
                "SELECT code, import_mark FROM items WHERE catalog_id = ? AND import_mark IS NOT NULL", (catalog_id,)
            )
        }

    def item_version(self: Store, catalog_id: int, code: str) -> tuple[str, int] | None:
        """(content hash, last decision id) of an item: what a reviewer saw, to detect a stale decision."""
        row = self.conn.execute(
            "SELECT hash FROM items WHERE catalog_id = ? AND code = ?", (catalog_id, code)
        ).fetchone()
        return None if row is None else (row[0], self.last_decision_id(catalog_id, code))

    def codes(self: Store, catalog_id: int) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute("SELECT code FROM items WHERE catalog_id = ? ORDER BY position", (catalog_id,))
        ]
