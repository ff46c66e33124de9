"""Field-by-field comparison of two catalogues, keyed by item code.

Both sides are compared by content hash first; only the items whose hashes differ are opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BadInput
from .model import FIELDS, LIST_FIELDS, Fee, Item
from .normalize import is_empty_word


@dataclass
class Side:
    """One side of a diff: a file, a draft (CATALOG) or an approved version (CATALOG@LABEL)."""

    spec: str
    kind: str  # file | draft | version
    store: Any = None
    catalog_id: int | None = None
    version_id: int | None = None
    path: Path | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def key(self) -> tuple[str, int]:
        return ("version", self.version_id) if self.kind == "version" else ("draft", self.catalog_id)

    def hashes(self) -> dict[str, tuple[str, str]]:
        """code → (content hash, name), in catalogue order."""
        if self.kind == "file":
            return {item.code: (item.content_hash, item.name) for item in self.file_items()}
        if self.kind == "draft":
            sql = "SELECT code, hash, name FROM items WHERE catalog_id = ? ORDER BY position"
            return {c: (h, n) for c, h, n in self.store.conn.execute(sql, (self.catalog_id,))}
        sql = (
            "SELECT code, hash, json_extract(data, '$.item.name') FROM version_items WHERE version_id = ? "
            "ORDER BY position"
        )
        return {c: (h, n) for c, h, n in self.store.conn.execute(sql, (self.version_id,))}

    def file_items(self) -> Iterator[Item]:
        from .sheet import Source

        src = Source(self.path, **self.options)
        seen: set[str] = set()
        for row, item in src.items():
            if item.code in seen:
                src.problem(row, None, f"duplicate code {item.code!r}")
            seen.add(item.code)
            yield item
        if src.problems:
            raise BadInput(src.problems)

    def values(self, codes: set[str]) -> dict[str, dict[str, Any]]:
        """code → the item's fields in interchange form (Item.as_dict), for the codes asked for."""
        if not codes:
            return {}
        if self.kind == "file":
            return {i.code: i.as_dict() for i in self.file_items() if i.code in codes}
        if self.kind == "draft":
            return {i.code: i.as_dict() for i in self.store.iter_items(self.catalog_id, list(codes))}
        return {d["item"]["code"]: d["item"] for d in self.store.version_data(self.version_id, list(codes))}


def resolve_side(spec: str, store_factory, options: dict[str, Any] | None = None) -> Side:
    """A path that exists is a file; otherwise CATALOG or CATALOG@LABEL of the database."""
    p = Path(spec)
    if p.is_file():
        return Side(spec, "file", path=p, options=options or {})
    name, _, label = spec.partition("@")
    if not name or (spec.endswith((".csv", ".xlsx", ".json", ".jsonl")) and not p.exists()):
        raise BadInput(f"{spec}: no such file, and not CATALOG or CATALOG@LABEL")
    store = store_factory()
    cat = store.catalog(name)
    if not label:
        return Side(spec, "draft", store=store, catalog_id=cat.id)
    v = store.version(cat.id, label)
    if v is None:
        labels = ", ".join(x.label for x in store.versions(cat.id)) or "none yet"
        raise BadInput(f"{spec}: {cat.name} has no approved version {label!r} (versions: {labels})")
    return Side(spec, "version", store=store, catalog_id=cat.id, version_id=v.id)


@dataclass
class FieldChange:
    old: Any
    new: Any
    added: list[str] | None = None  # for list fields: entries that are new
    removed: list[str] | None = None  # entries that are gone

    def as_dict(self) -> dict[str, Any]:
        d = {"old": self.old, "new": self.new}
        if self.added is not None:
            d["added"] = self.added
            d["removed"] = self.removed
        return d


@dataclass
class Changed:
    code: str
    name: str
    fields: dict[str, FieldChange]


@dataclass
class DiffResult:
    a: str
    b: str
    added: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)

    @property
    def differ(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "added": [{"code": c, "name": n} for c, n in self.added],
            "removed": [{"code": c, "name": n} for c, n in self.removed],
            "changed": [
                {"code": c.code, "name": c.name, "fields": {k: v.as_dict() for k, v in c.fields.items()}}
                for c in self.changed
            ],
        }


def _entries(values: dict[str, Any], key: str) -> list[str]:
    if key == "fees":
        return [Fee(f["name"], f["standard"], f["basis"]).entry() for f in values.get(key, [])]
    return list(values.get(key, []))


def compare_values(a: dict[str, Any], b: dict[str, Any]) -> dict[str, FieldChange]:
    """Field changes between two items given as Item.as_dict(); extra columns are fields too."""
    out: dict[str, FieldChange] = {}
    for key in dict.fromkeys([*FIELDS, *a, *b]):
        old, new = a.get(key, ""), b.get(key, "")
        if key in LIST_FIELDS:
            old, new = a.get(key, []), b.get(key, [])
        if old == new:
            continue
        if key in LIST_FIELDS:
            ea, eb = _entries(a, key), _entries(b, key)
            out[key] = FieldChange(
                old, new, added=[e for e in eb if e not in ea], removed=[e for e in ea if e not in eb]
            )
        else:
            out[key] = FieldChange(old, new)
    return out


def compare_items(a: Item, b: Item) -> dict[str, FieldChange]:
    return compare_values(a.as_dict(), b.as_dict())


# --- two sheets: one pass over both, in step, parsing only the rows whose text differs --------------


def _sheet_rows(src) -> Iterator[tuple[str, list[str], Any, Any]]:
    """(code, the row's cells in a common order, row, keys) of each item row of a sheet, building no item.

    The common order is FORMAT.md's field order, then extra columns by header, so that sheets with
    their columns in other orders still compare; a sheet already in that order gives its cells as
    they are. A row whose code or name is empty goes through the item builder, which reports it.
    """
    order: list[int] | None = None
    identity = False
    for row, keys, filled in src.item_rows():
        if order is None:
            known = [keys.index(k) if k in keys else -1 for k in FIELDS]
            extra = sorted((h, i) for i, (k, h) in enumerate(zip(keys, src.headers)) if k is None)
            order = known + [i for _, i in extra]
            identity = order == list(range(len(keys)))
            ci, ni, width = keys.index("code"), keys.index("name"), len(keys)
        cells = row.cells
        if not filled:
            if ni >= len(cells) or ci >= len(cells) or is_empty_word(cells[ci]) or is_empty_word(cells[ni]):
                src._row_item(row, keys)  # reports the problem
                continue
        code = cells[ci].strip()
        if not identity:
            n = len(cells)
            cells = [cells[i] if 0 <= i < n else "" for i in order] + cells[width:]
        yield code, cells, row, keys


def diff_sheets(a: Side, b: Side) -> DiffResult:
    """Both files read once, side by side: rows in the same order match at once, the rest wait in a buffer.

    Only rows whose cell text differs are built into items and compared field by field; nothing but the
    rows waiting for their partner is held, so memory stays small when the two sheets keep one order.
    """
    from .sheet import Source

    r = DiffResult(a.spec, b.spec)
    sa, sb = Source(a.path, **a.options), Source(b.path, **b.options)
    changed: list[tuple[int, Changed]] = []

    def match(x: tuple, y: tuple) -> None:
        ia, ib = sa._row_item(x[2], x[3]), sb._row_item(y[2], y[3])
        if ia is not None and ib is not None:
            fields = compare_items(ia, ib)
            if fields:
                changed.append((y[2].number, Changed(ib.code, ib.name, fields)))

    class Reader:
        """One side: its rows, the codes seen, and its rows still waiting for the other side's."""

        def __init__(self, src, first: bool):
            self.src, self.rows, self.first = src, _sheet_rows(src), first
            self.seen: set[str] = set()
            self.waiting: dict[str, tuple] = {}
            self.done = False

        def step(self, other: Reader) -> None:
            x = next(self.rows, None)
            if x is None:
                self.done = True
            elif x[0] in self.seen:
                self.src.problem(x[2].number, getattr(self.src, "code_column", None), f"duplicate code {x[0]!r}")
            else:
                self.seen.add(x[0])
                y = other.waiting.pop(x[0], None)
                if y is None:
                    self.waiting[x[0]] = x
                elif x[1] != y[1]:
                    match(*((x, y) if self.first else (y, x)))

    ra, rb = Reader(sa, True), Reader(sb, False)
    while not (ra.done and rb.done):
        if not ra.done:
            ra.step(rb)
        if not rb.done:
            rb.step(ra)
    wait_a, wait_b = ra.waiting, rb.waiting
    problems = sa.problems + sb.problems
    if problems:
        raise BadInput(problems)

    def name(x: tuple) -> str:
        keys = x[3]
        return x[2].cells[keys.index("name")].strip()

    r.removed = [(x[0], name(x)) for x in wait_a.values()]
    r.added = [(y[0], name(y)) for y in wait_b.values()]
    r.changed = [c for _, c in sorted(changed, key=lambda t: t[0])]
    return r


def diff(a: Side, b: Side) -> DiffResult:
    if a.kind == "file" and b.kind == "file" and "json" not in (a.path.suffix.lower()[1:5], b.path.suffix.lower()[1:5]):
        return diff_sheets(a, b)
    r = DiffResult(a.spec, b.spec)
    if a.kind != "file" and b.kind != "file" and a.store is b.store:
        r.added, r.removed, changed = a.store.changed_codes(a.key(), b.key())
    else:
        ha, hb = a.hashes(), b.hashes()
        r.added = [(c, v[1]) for c, v in hb.items() if c not in ha]
        r.removed = [(c, v[1]) for c, v in ha.items() if c not in hb]
        changed = [c for c, v in hb.items() if c in ha and ha[c][0] != v[0]]
        del ha, hb
    want = set(changed)
    va, vb = a.values(want), b.values(want)
    for code in changed:
        fields = compare_values(va[code], vb[code])
        if fields:
            r.changed.append(Changed(code, vb[code]["name"], fields))
    return r
