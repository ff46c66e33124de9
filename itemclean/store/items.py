"""Items of a catalogue's draft: set-based import through staging tables, and streaming reads."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import groupby, islice
from operator import itemgetter
from typing import TYPE_CHECKING

from ..model import Citation, Fee, FeeStandard, Item, Limit
from ..normalize import is_empty_word, norm_name, norm_title
from ..parsing import standard_of
from .schema import set_indexes_aside

if TYPE_CHECKING:
    from . import Store

BATCH = 2000

_ITEM_COLS = (
    "code",
    "position",
    "name",
    "name_norm",
    "department",
    "category",
    "procedure",
    "statutory_text",
    "statutory_days",
    "promised_text",
    "promised_days",
    "notes",
    "extra",
    "raw",
    "hash",
    "hkey",
)


def hash_key(content_hash: str) -> int:
    """The first 64 bits of a content hash as an SQLite integer: what a diff compares (in an index)."""
    return int(content_hash[:16], 16) - (1 << 63)


SAMPLE = 50  # codes listed per kind of change; the counts are always whole


@dataclass
class ImportSummary:
    """What an import changes: counts, and the first codes of each kind (not all: memory stays flat)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    codes: dict[str, list[str]] = field(default_factory=dict)  # "added" | "updated" | "removed" → first codes

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps(x, ensure_ascii=False), without an encoder made per call


def _text(text: str, norm: str) -> str:
    """text, or its normal form when they are equal: the normal forms are cached, so that rows sent
    between processes hold a text that many items share (a material, an instrument) once."""
    return norm if norm == text else text


def _item_row(position: int, item: Item) -> tuple:
    h = item.content_hash
    return (
        item.code,
        position,
        item.name,
        norm_name(item.name),
        item.department,
        item.category,
        item.procedure,
        item.statutory_limit.text,
        item.statutory_limit.days,
        item.promised_limit.text,
        item.promised_limit.days,
        item.notes,
        _JSON.encode(item.extra) if item.extra else None,
        _JSON.encode(item.raw) if item.raw else None,
        h,
        hash_key(h),
    )


def _children(key: int, item: Item) -> tuple[list[tuple], list[tuple], list[tuple]]:
    cits = [
        (key, i, c.text, c.instrument, norm_title(c.instrument) if c.instrument else None, c.article)
        for i, c in enumerate(item.basis)
    ]
    mats = [(key, i, _text(m, n), n) for i, m in enumerate(item.materials) for n in (norm_name(m),)]
    fees = []
    for i, f in enumerate(item.fees):
        p = standard_of(f)
        fees.append(
            (
                key,
                i,
                f.name,
                norm_name(f.name),
                f.standard,
                f.basis,
                p.kind,
                None if p.low is None else str(p.low),
                None if p.high is None else str(p.high),
                p.unit,
            )
        )
    return cits, mats, fees


# staging rows: items, citations, materials, fees; and each item's (position, file, row, code) on its own
Batch = tuple[list[tuple], list[tuple], list[tuple], list[tuple], list[tuple]]


def item_batch(rows: Iterable[tuple[int, str, int, Item]]) -> Batch:
    """The staging rows of (position, file, row number, item): the items' and their children's.

    Plain Python and no SQL, so that the processes that parse a large file build them too.
    """
    items: list[tuple] = []
    cits: list[tuple] = []
    mats: list[tuple] = []
    fees: list[tuple] = []
    places: list[tuple] = []
    for position, file, row, item in rows:
        r = _item_row(position, item)
        items.append((position, file, row) + r[:1] + r[2:])
        places.append((position, file, row, r[0]))
        a, b, d = _children(position, item)
        cits += a
        mats += b
        fees += d
    return items, cits, mats, fees, places


def _shifted(n: int, shift: int) -> str:
    """The n parameters of an INSERT, the first (a position) shifted by shift."""
    return ", ".join([f"?1 + {int(shift)}" if shift else "?1"] + [f"?{i}" for i in range(2, n + 1)])


def _quoted(text: str) -> str:
    """An SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def chunks(it: Iterable, n: int = BATCH) -> Iterator[list]:
    it = iter(it)
    while chunk := list(islice(it, n)):
        yield chunk


class ItemsMixin:
    # --- import --------------------------------------------------------------------------------

    def _stage(self: Store) -> None:
        c = self.conn
        c.execute("DROP TABLE IF EXISTS temp.stage")
        c.execute("""CREATE TEMP TABLE stage (position INTEGER PRIMARY KEY, file TEXT, row INTEGER,
            code TEXT, name TEXT, name_norm TEXT, department TEXT, category TEXT, procedure TEXT,
            statutory_text TEXT, statutory_days INTEGER, promised_text TEXT, promised_days INTEGER,
            notes TEXT, extra TEXT, raw TEXT, hash TEXT, hkey INTEGER, action TEXT)""")
        for t, cols in (
            ("citations", "text, instrument, instrument_norm, article"),
            ("materials", "text, norm"),
            ("fees", "name, name_norm, standard, basis, kind, low, high, unit"),
        ):
            c.execute(f"DROP TABLE IF EXISTS temp.stage_{t}")
            c.execute(f"CREATE TEMP TABLE stage_{t} (position INTEGER, pos INTEGER, {cols})")

    def stage_batches(
        self: Store, batches: Iterable[tuple[int, Batch]], *, into: int | None = None, at: str = ""
    ) -> None:
        """Write batches of staging rows (item_batch) into fresh staging tables, as they come; each batch
        comes with a number its rows' positions are shifted by (a batch built apart from the others).

        into: the id of a catalogue whose draft holds no item, which is given the items straight away (a
        staged row would only be copied): the staging table keeps each item's place and code, for the
        check of duplicate codes, which fails the import (and so undoes the writes) when one is found.
        """
        self._stage()
        if into is not None:
            self._insert_fresh(batches, into, at)
            return
        c = self.conn
        for shift, (items, cits, mats, fees, _) in batches:
            c.executemany(
                "INSERT INTO stage (position, file, row, code, name, name_norm, department, "
                "category, procedure, statutory_text, statutory_days, promised_text, "
                f"promised_days, notes, extra, raw, hash, hkey) VALUES ({_shifted(18, shift)})",
                items,
            )
            c.executemany(f"INSERT INTO stage_citations VALUES ({_shifted(6, shift)})", cits)
            c.executemany(f"INSERT INTO stage_materials VALUES ({_shifted(4, shift)})", mats)
            c.executemany(f"INSERT INTO stage_fees VALUES ({_shifted(10, shift)})", fees)

    def _insert_fresh(self: Store, batches: Iterable[Batch], catalog_id: int, at: str) -> None:
        """The items of an empty draft written as they come, each with the id its place gives it (the ids
        an INSERT in the order of the places gives), their children under that id; the staging table
        holds only places and codes. The rows of a batch are bound by number, as item_batch made them."""
        c = self.conn
        off = c.execute("SELECT coalesce(max(id), 0) FROM items").fetchone()[0]
        # a duplicate code is ignored here and reported by staged_duplicates: the import then fails

        def item_sql(shift: int) -> str:
            return (
                f"INSERT OR IGNORE INTO items (id, catalog_id, {', '.join(_ITEM_COLS)}, updated_at) VALUES "
                f"(?1 + {int(off + shift)}, {int(catalog_id)}, ?4, ?1 + {int(shift)}, "
                f"{', '.join(f'?{i}' for i in range(5, 19))}, {_quoted(at)})"
            )

        def kids(shift: int) -> list[str]:
            return [
                f"INSERT INTO {t} VALUES (?1 + {int(off + shift)}, {', '.join(f'?{i}' for i in range(2, n + 1))})"
                for t, n in (("citations", 6), ("materials", 4), ("fees", 10))
            ]

        # No item in any catalogue yet: the indexes are built once the rows are in, which is quicker than
        # keeping them up to date row by row. A unique one that cannot be built stands for a duplicate code,
        # which the import reports, undoing everything (the indexes dropped too).
        indexes = [] if off else set_indexes_aside(c, "tbl_name IN ('items', 'citations', 'materials', 'fees')")
        for shift, (items, *children, places) in batches:
            c.executemany(f"INSERT INTO stage (position, file, row, code) VALUES ({_shifted(4, shift)})", places)
            c.executemany(item_sql(shift), items)
            for sql, rows in zip(kids(shift), children):
                c.executemany(sql, rows)
        try:
            for sql in indexes:
                c.execute(sql)
        except sqlite3.IntegrityError:
            pass

    def staged_duplicates(self: Store) -> list[tuple[str, list[tuple[str, int]]]]:
        rows = self.query("""SELECT code, json_group_array(json_array(file, row)) FROM
            (SELECT code, file, row FROM stage WHERE code IN
                (SELECT code FROM stage GROUP BY code HAVING count(*) > 1) ORDER BY position)
            GROUP BY code ORDER BY min(rowid)""")
        return [(code, [tuple(x) for x in json.loads(places)]) for code, places in rows]

    def apply_stage(
        self: Store, catalog_id: int, *, prune: bool, dry_run: bool, at: str, fresh: bool = False
    ) -> ImportSummary:
        """Compare the staged items with the draft and, unless dry_run, make the draft hold them.

        fresh: stage_batches gave the empty draft its items already (into); they are all added.
        """
        c = self.conn
        if fresh:
            s = ImportSummary(added=c.execute("SELECT count(*) FROM stage").fetchone()[0])
            s.codes["added"] = [r[0] for r in c.execute("SELECT code FROM stage ORDER BY position LIMIT ?", (SAMPLE,))]
            s.codes["updated"] = []
            if prune:
                s.codes["removed"] = []
            return s
        c.execute("CREATE INDEX temp.stage_code ON stage (code)")
        c.execute(
            """UPDATE stage SET action = CASE
                (SELECT CASE WHEN i.hash = stage.hash THEN 'same' ELSE 'update' END
                 FROM items i WHERE i.catalog_id = ? AND i.code = stage.code)
            WHEN 'same' THEN 'same' WHEN 'update' THEN 'update' ELSE 'add' END""",
            (catalog_id,),
        )
        s = ImportSummary()
        counts = dict(c.execute("SELECT action, count(*) FROM stage GROUP BY action"))
        s.added, s.updated, s.unchanged = counts.get("add", 0), counts.get("update", 0), counts.get("same", 0)
        for kind, action in (("added", "add"), ("updated", "update")):
            s.codes[kind] = [
                r[0]
                for r in c.execute(
                    "SELECT code FROM stage WHERE action = ? ORDER BY position LIMIT ?", (action, SAMPLE)
                )
            ]
        if prune:
            gone = "FROM items WHERE catalog_id = ? AND code NOT IN (SELECT code FROM stage)"
            s.removed = c.execute(f"SELECT count(*) {gone}", (catalog_id,)).fetchone()[0]
            s.codes["removed"] = [
                r[0] for r in c.execute(f"SELECT code {gone} ORDER BY position LIMIT ?", (catalog_id, SAMPLE))
            ]
        if dry_run:
            return s
        # Where each item goes: a staged one at its place in the files; one the files leave out (kept
        # without --prune) right after the item it followed, so a partial sheet does not reorder the rest.
        c.execute("DROP TABLE IF EXISTS temp.place")
        c.execute(
            """CREATE TEMP TABLE place AS
            SELECT id, coalesce(sp, max(sp) OVER (PARTITION BY grp), 0) AS k1, sp IS NULL AS k2, op AS k3 FROM
            (SELECT i.id, i.position AS op, s.position AS sp,
                    sum(s.position IS NOT NULL) OVER (ORDER BY i.position) AS grp
             FROM items i LEFT JOIN stage s ON s.code = i.code WHERE i.catalog_id = ?)""",
            (catalog_id,),
        )
        c.execute("CREATE UNIQUE INDEX temp.place_id ON place (id)")
        base = c.execute("SELECT coalesce(max(position), 0) FROM items WHERE catalog_id = ?", (catalog_id,)).fetchone()[
            0
        ]
        changed = (
            "(SELECT id FROM items WHERE catalog_id = :cat AND code IN "
            "(SELECT code FROM stage WHERE action = 'update'))"
        )
        gone = "(SELECT id FROM items WHERE catalog_id = :cat AND code NOT IN (SELECT code FROM stage))"
        p = {"cat": catalog_id, "at": at, "base": base}
        for t in ("citations", "materials", "fees"):
            c.execute(f"DELETE FROM {t} WHERE item_id IN {changed}", p)
            if prune:
                c.execute(f"DELETE FROM {t} WHERE item_id IN {gone}", p)
        if prune:
            c.execute(f"DELETE FROM items WHERE id IN {gone}", p)
        cols = [x for x in _ITEM_COLS if x not in ("code", "position")]
        sets = ", ".join(f"{x} = s.{x}" for x in cols)
        c.execute(
            f"""UPDATE items SET {sets}, position = :base + s.position, updated_at = :at,
            import_mark = (SELECT coalesce(max(id), 0) FROM decisions WHERE catalog_id = :cat)
            FROM stage s WHERE items.catalog_id = :cat AND items.code = s.code AND s.action = 'update'""",
            p,
        )
        # an unchanged item keeps its row unless the cells it was read from differ; its place is given below
        # (there is an unchanged item only in a draft that has items, whose places are all given anew)
        c.execute(
            """UPDATE items SET raw = s.raw FROM stage s WHERE items.catalog_id = :cat AND items.code = s.code
            AND s.action = 'same' AND items.raw IS NOT s.raw""",
            p,
        )
        c.execute(
            f"""INSERT INTO items (catalog_id, {", ".join(_ITEM_COLS)}, updated_at)
            SELECT :cat, code, :base + position, {", ".join(cols)}, :at FROM stage
            WHERE action = 'add' ORDER BY position""",
            p,
        )
        for t, cols_t in (
            ("citations", "text, instrument, instrument_norm, article"),
            ("materials", "text, norm"),
            ("fees", "name, name_norm, standard, basis, kind, low, high, unit"),
        ):
            sel = ", ".join(f"x.{col.strip()}" for col in cols_t.split(","))
            c.execute(
                f"""INSERT INTO {t} (item_id, pos, {cols_t})
                SELECT i.id, x.pos, {sel} FROM stage_{t} x JOIN stage s ON s.position = x.position
                JOIN items i ON i.catalog_id = :cat AND i.code = s.code
                WHERE s.action IN ('add', 'update')""",
                p,
            )
        # positions are renumbered from 1 so that they stay small across re-imports
        if base:
            c.execute(
                """UPDATE items SET position = r.n FROM
                (SELECT i.id, row_number() OVER (ORDER BY coalesce(pl.k1, s.position), coalesce(pl.k2, 0),
                                                          coalesce(pl.k3, 0)) AS n
                 FROM items i LEFT JOIN temp.place pl ON pl.id = i.id LEFT JOIN stage s ON s.code = i.code
                 WHERE i.catalog_id = :cat) r
                WHERE items.id = r.id AND items.position IS NOT r.n""",
                p,
            )
        c.execute("DROP TABLE temp.place")
        return s

    def drop_stage(self: Store) -> None:
        for t in ("stage", "stage_citations", "stage_materials", "stage_fees"):
            self.conn.execute(f"DROP TABLE IF EXISTS temp.{t}")

    def record_import(
        self: Store, catalog_id: int, files: list[str], reviewer: str, at: str, s: ImportSummary, sections: list[str]
    ) -> None:
        self.conn.execute(
            "INSERT INTO imports (catalog_id, files, at, reviewer, added, updated, unchanged, removed, sections)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (
                catalog_id,
                json.dumps(files, ensure_ascii=False),
                at,
                reviewer,
                s.added,
                s.updated,
                s.unchanged,
                s.removed,
                json.dumps(sections, ensure_ascii=False),
            ),
        )

    # --- single-item writes --------------------------------------------------------------------

    def replace_item(self: Store, catalog_id: int, item: Item, at: str) -> None:
        """Write one item's fields and children (an amendment); the caller holds the transaction."""
        c = self.conn
        row = c.execute(
            "SELECT id, position FROM items WHERE catalog_id = ? AND code = ?", (catalog_id, item.code)
        ).fetchone()
        r = _item_row(row[1], item)
        cols = [x for x in _ITEM_COLS if x not in ("code", "position")]
        c.execute(
            f"UPDATE items SET {', '.join(f'{x} = ?' for x in cols)}, updated_at = ? WHERE id = ?", r[2:] + (at, row[0])
        )
        for t in ("citations", "materials", "fees"):
            c.execute(f"DELETE FROM {t} WHERE item_id = ?", (row[0],))
        cits, mats, fees = _children(row[0], item)
        c.executemany("INSERT INTO citations VALUES (?,?,?,?,?,?)", cits)
        c.executemany("INSERT INTO materials VALUES (?,?,?,?)", mats)
        c.executemany("INSERT INTO fees VALUES (?,?,?,?,?,?,?,?,?,?)", fees)

    # --- reads ---------------------------------------------------------------------------------

    def pick(self: Store, codes) -> str:
        """Put codes in the connection's temporary table `pick`; returns the subquery that selects them."""
        c = self.conn
        own = not c.in_transaction  # one transaction for the lot, not one per code (temp tables only)
        if own:
            c.execute("BEGIN")
        try:
            c.execute("CREATE TEMP TABLE IF NOT EXISTS pick (code TEXT PRIMARY KEY)")
            c.execute("DELETE FROM temp.pick")
            c.executemany("INSERT OR IGNORE INTO temp.pick VALUES (?)", ((x,) for x in codes))
        finally:
            if own:
                c.execute("COMMIT")
        return "(SELECT code FROM temp.pick)"

    def used_fields(self: Store, catalog_id: int) -> set[str]:
        """Fields that some item of the draft has a value for (one cheap EXISTS each)."""
        checks = {
            "department": "department != ''",
            "category": "category != ''",
            "procedure": "procedure != ''",
            "statutory_limit": "statutory_text != ''",
            "promised_limit": "promised_text != ''",
            "notes": "notes != ''",
            "basis": "EXISTS (SELECT 1 FROM citations c WHERE c.item_id = items.id)",
            "materials": "EXISTS (SELECT 1 FROM materials m WHERE m.item_id = items.id)",
            "fees": "EXISTS (SELECT 1 FROM fees f WHERE f.item_id = items.id)",
        }
        return {
            k
            for k, cond in checks.items()
            if self.conn.execute(
                f"SELECT 1 FROM items WHERE catalog_id = ? AND {cond} LIMIT 1", (catalog_id,)
            ).fetchone()
        }

    def used_extras(self: Store, catalog_id: int) -> set[str]:
        """Headers of the extra fields that some item of the draft has a value for."""
        return {
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT j.key FROM items, json_each(items.extra) j WHERE catalog_id = ? AND extra IS NOT NULL",
                (catalog_id,),
            )
        }

    def holds_no_items(self: Store) -> bool:
        return self.conn.execute("SELECT 1 FROM items LIMIT 1").fetchone() is None

    def count_items(self: Store, catalog_id: int) -> int:
        return self.conn.execute("SELECT count(*) FROM items WHERE catalog_id = ?", (catalog_id,)).fetchone()[0]

    def iter_items(
        self: Store,
        catalog_id: int,
        codes: list[str] | None = None,
        *,
        ids: tuple[int, int] | None = None,
        cells: bool = True,
    ) -> Iterator[Item]:
        """Items in catalogue order, children merged in from ordered cursors: a few queries, not one per item.

        ids: the items whose ids are lo ≤ id < hi, in the order of their ids (a share of an audit, which
        does not need catalogue order): read by ranges of the tables' keys, without a join. cells: False
        leaves out the cell text as read (Item.raw), which the rules never look at."""
        c = self.conn
        head = f"""SELECT i.id, i.code, name, department, category, procedure, statutory_text, promised_text,
            notes, extra, {"raw" if cells else "NULL"}, statutory_days, promised_days"""
        if ids is not None:
            items = c.execute(
                # by the range of ids alone: an index of the catalogue's would have it read all its items
                f"{head} FROM items i NOT INDEXED WHERE i.catalog_id = ? AND i.id >= ? AND i.id < ? ORDER BY i.id",
                (catalog_id, *ids),
            )
            kids = {
                t: c.cursor().execute(
                    f"SELECT {cols} FROM {t} WHERE item_id >= ? AND item_id < ? ORDER BY item_id, pos", ids
                )
                for t, cols in _CHILD_COLUMNS.items()
            }
        else:
            if codes is None:
                src, where = "items i", "WHERE i.catalog_id = ?"
            else:  # the few items asked for, found through their codes (CROSS JOIN fixes that order)
                self.pick(codes)
                src, where = "temp.pick p CROSS JOIN items i ON i.catalog_id = ? AND i.code = p.code", ""
            items = c.execute(f"{head} FROM {src} {where} ORDER BY i.position", (catalog_id,))
            kids = {
                t: c.cursor().execute(
                    f"SELECT {', '.join('x.' + k for k in cols.split(', '))} FROM {src} CROSS JOIN {t} x "
                    f"ON x.item_id = i.id {where} ORDER BY i.position, x.pos",
                    (catalog_id,),
                )
                for t, cols in _CHILD_COLUMNS.items()
            }
        groups = {t: groupby(cur, itemgetter(0)) for t, cur in kids.items()}  # by item id, in item order
        heads = {t: next(g, NO_GROUP) for t, g in groups.items()}

        def take(t: str, item_id: int) -> list[tuple]:
            key, rows = heads[t]
            while ids is not None and key is not None and key < item_id:  # an item of another catalogue
                key, rows = heads[t] = next(groups[t], NO_GROUP)
            if key != item_id:
                return []
            out = list(rows)  # before the next group: groupby moves on from this one then
            heads[t] = next(groups[t], NO_GROUP)
            return out

        for r in items:
            iid = r[0]
            yield Item(
                code=r[1],
                name=r[2],
                department=r[3] or "",
                category=r[4] or "",
                procedure=r[5] or "",
                statutory_limit=_limit(r[6], r[11]),
                promised_limit=_limit(r[7], r[12]),
                notes=r[8] or "",
                extra=json.loads(r[9]) if r[9] else {},
                raw=json.loads(r[10]) if r[10] else {},
                basis=[Citation(x[1], x[2], x[3]) for x in take("citations", iid)],
                materials=[x[1] for x in take("materials", iid)],
                fees=[_fee(x) for x in take("fees", iid)],
            )

    def get_item(self: Store, catalog_id: int, code: str) -> Item | None:
        return next(self.iter_items(catalog_id, [code]), None)


NO_GROUP: tuple = (None, iter(()))


@lru_cache(maxsize=4096)
def _limit(text: str | None, days: int | None) -> Limit:
    """The limit as parsed at import: the days are stored, so the text need not be read again. Catalogues
    write few limits, and a Limit is never changed: items share them."""
    text = text or ""
    if days is not None:
        return Limit(text, days, "days")
    return Limit(text, None, "empty" if is_empty_word(text) else "unparsed")


# the columns of each child table an Item is made of, after its item's id
_CHILD_COLUMNS = {
    "citations": "item_id, text, instrument, article",
    "materials": "item_id, text",
    "fees": "item_id, name, standard, basis, kind, low, high, unit",
}


def _fee(x: tuple) -> Fee:
    return Fee(x[1], x[2] or "", x[3] or "", known=_standard(*x[4:8]))


@lru_cache(maxsize=4096)
def _standard(kind: str, low: str | None, high: str | None, unit: str | None) -> FeeStandard:
    """A fee standard as stored; fees share them (a FeeStandard is never changed)."""
    return FeeStandard(kind, None if low is None else Decimal(low), None if high is None else Decimal(high), unit)
