"""Field-by-field comparison of two catalogues, keyed by item code.

Both sides are compared by content hash first; only the items whose hashes differ are opened.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BadInput, Problem
from .messages import t
from .model import FIELDS, LIST_FIELDS, Fee, Item
from .normalize import _EMPTY_START, is_empty_word
from .plain_csv import NotPlain, plain_encoding, plain_rows
from .readers import SheetRow, csv_row
from .sheet import HEADER_SCAN_ROWS, Source, header_key
from .states import published, publishes, states

KEY_JOIN = "|"  # between the values of several --key columns


def key_columns(spec: str | None) -> list[str]:
    """`--key COLUMN[,COLUMN]`: the headers (or field keys) whose values, joined, key a row."""
    cols = [c.strip() for c in (spec or "").split(",") if c.strip()]
    if spec is not None and not cols:
        raise BadInput(t("key-takes"))
    return cols


def source_options(options: dict[str, Any], key: list[str]) -> dict[str, Any]:
    """The reader's options for a keyed diff: a first key column that names no field is read as the code,
    so that a sheet with no code column still has its header found."""
    if not key or "code" in options.get("aliases", {}) or header_key(key[0]) is not None:
        return options
    return {**options, "aliases": {**options.get("aliases", {}), "code": key[0]}}


@dataclass
class Side:
    """One side of a diff: a file, a draft (CATALOG) or an approved version (CATALOG@LABEL).

    A draft is compared as it would publish now when `published` (abolished and merged items out, fees
    flagged for removal out: states.publishes and review.published, as approval does), else as
    imported. A file's rows that cannot be keyed (no code, a code repeated) are collected in `problems`
    and left out of the comparison.
    """

    spec: str
    kind: str  # file | draft | version
    store: Any = None
    catalog_id: int | None = None
    version_id: int | None = None
    path: Path | None = None
    options: dict[str, Any] = field(default_factory=dict)
    key: list[str] = field(default_factory=list)  # --key columns; empty: the code
    published: bool = False
    problems: list[Problem] = field(default_factory=list)
    keyed: int = 0  # rows that could be keyed (repeated codes left out)

    def store_key(self) -> tuple[str, int]:
        return ("version", self.version_id) if self.kind == "version" else ("draft", self.catalog_id)

    def hashes(self) -> dict[str, tuple[str, str]]:
        """code → (content hash, name), in catalogue order."""
        if self.kind == "file":
            return self._file_hashes()
        if self.kind == "draft" and self.published:
            return self._published_hashes()
        if self.kind == "draft":
            sql = "SELECT code, hash, name FROM items WHERE catalog_id = ? ORDER BY position"
            return {c: (h, n) for c, h, n in self.store.conn.execute(sql, (self.catalog_id,))}
        sql = (
            "SELECT code, hash, json_extract(data, '$.item.name') FROM version_items WHERE version_id = ? "
            "ORDER BY position"
        )
        return {c: (h, n) for c, h, n in self.store.conn.execute(sql, (self.version_id,))}

    def _published_hashes(self) -> dict[str, tuple[str, str]]:
        """The stored hashes of the items approval would carry; only an item losing a fee is read and
        hashed again (review.published leaves every other item as it is)."""
        st = states(self.store, self.catalog_id)
        sql = "SELECT code, hash, name FROM items WHERE catalog_id = ? ORDER BY position"
        found = {c: (h, n) for c, h, n in self.store.conn.execute(sql, (self.catalog_id,)) if publishes(st.get(c))}
        losing = [c for c in found if st.get(c) and st[c].removed_fees]
        for item in self.store.iter_items(self.catalog_id, losing):
            found[item.code] = (published(item, st[item.code]).content_hash, item.name)
        return found

    def row_key(self, item: Item) -> str:
        if not self.key:
            return item.code
        values = item.as_dict()
        aliases = self.options.get("aliases", {})
        parts = []
        for col in self.key:
            v = values.get(header_key(col, aliases) or col, "")
            parts.append(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
        return KEY_JOIN.join(p.strip() for p in parts)

    def file_items(self) -> Iterator[tuple[int, str, Item]]:
        """(row, key, item) of each row of the file that builds an item; problems go to a fresh Source."""
        src = Source(self.path, **source_options(self.options, self.key))
        self.source = src
        for row, item in src.items():
            yield row, self.row_key(item), item

    def _file_hashes(self) -> dict[str, tuple[str, str]]:
        found: dict[str, tuple[str, str]] = {}
        first: dict[str, int] = {}
        repeated: set[str] = set()
        for row, key, item in self.file_items():
            if not key:
                self.source.problem(row, None, t("key-empty", key=", ".join(self.key)))
            elif key in first:
                self.source.problem(row, None, repeated_message(key, first[key]))
                repeated.add(key)
            else:
                first[key] = row
                found[key] = (item.content_hash, item.name)
        self.problems = self.source.problems
        for key in repeated:
            del found[key]
        self.keyed = len(found)
        return found

    def values(self, codes: set[str]) -> dict[str, dict[str, Any]]:
        """code → the item's fields in interchange form (Item.as_dict), for the codes asked for."""
        if not codes:
            return {}
        if self.kind == "file":
            return {k: i.as_dict() for _, k, i in self.file_items() if k in codes}
        if self.kind == "draft" and self.published:
            st = states(self.store, self.catalog_id)
            items = self.store.iter_items(self.catalog_id, list(codes))
            return {i.code: published(i, st[i.code]).as_dict() if i.code in st else i.as_dict() for i in items}
        if self.kind == "draft":
            return {i.code: i.as_dict() for i in self.store.iter_items(self.catalog_id, list(codes))}
        return {d["item"]["code"]: d["item"] for d in self.store.version_data(self.version_id, list(codes))}


def repeated_message(key: str, first: int) -> str:
    return t("code-repeats-row", key=key, first=first)


def resolve_side(spec: str, store_factory, options: dict[str, Any] | None = None, key: list[str] | None = None) -> Side:
    """A path that exists is a file; otherwise CATALOG or CATALOG@LABEL of the database."""
    p = Path(spec)
    if p.is_file():
        return Side(spec, "file", path=p, options=options or {}, key=key or [])
    name, _, label = spec.partition("@")
    if not name or (spec.endswith((".csv", ".xlsx", ".json", ".jsonl")) and not p.exists()):
        raise BadInput(t("no-side", spec=spec))
    if key:
        raise BadInput(t("key-files", spec=spec))
    store = store_factory()
    cat = store.catalog(name)
    if not label:
        return Side(spec, "draft", store=store, catalog_id=cat.id)
    v = store.version(cat.id, label)
    if v is None:
        labels = ", ".join(x.label for x in store.versions(cat.id)) or t("none-yet")
        raise BadInput(t("side-no-version", spec=spec, catalog=cat.name, label=label, labels=labels))
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
    problems: list[Problem] = field(default_factory=list)  # rows left out: no key, a key repeated

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
            "problems": [problem_dict(p) for p in self.problems],
        }


def problem_dict(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "row": p.row, "column": p.column, "message": p.message}


def _comparable(sides: list[tuple[list[Problem], int]]) -> list[Problem]:
    """Every side's problems; bad input (exit 2) when a side with problems has no row left to compare."""
    problems = [p for ps, _ in sides for p in ps]
    if any(ps and not keyed for ps, keyed in sides):
        raise BadInput(problems)
    return problems


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


def _key_indices(src, keys: list[str | None], key: list[str], header_row: int) -> list[int]:
    """The columns of `key` (by header, or by the field a header names) in a sheet."""
    out = []
    for col in key:
        field_key = header_key(col, src.aliases)
        hits = [i for i, h in enumerate(src.headers) if h == col] or [
            i for i, k in enumerate(keys) if k and k == field_key
        ]
        if not hits:
            raise BadInput(
                Problem(src.name, header_row, None, t("key-no-column", col=col, columns=", ".join(src.headers)))
            )
        out.append(hits[0])
    return out


def _common_order(src, keys: list[str | None]) -> list[int] | None:
    """The columns of a sheet in the common order (FORMAT.md's field order, then extra columns by header);
    None when the sheet is in that order already."""
    known = [keys.index(k) if k in keys else -1 for k in FIELDS]
    extra = sorted((h, i) for i, (k, h) in enumerate(zip(keys, src.headers)) if k is None)
    order = known + [i for _, i in extra]
    return None if order == list(range(len(keys))) else order


def _in_order(cells: list[str], order: list[int], width: int) -> list[str]:
    n = len(cells)
    return [cells[i] if 0 <= i < n else "" for i in order] + cells[width:]


def _row_key(cells: list[str], kis: list[int]) -> str:
    return KEY_JOIN.join(cells[i].strip() if i < len(cells) else "" for i in kis)


def _sheet_rows(src, key: list[str]) -> Iterator[tuple[str, list[str], int, Any, list[str | None]]]:
    """(key, the row's cells in a common order, row number, row, header keys) of each item row of a sheet,
    building no item.

    The common order is FORMAT.md's field order, then extra columns by header, so that sheets with
    their columns in other orders still compare; a sheet already in that order gives its cells as
    they are. A row whose code or name is empty goes through the item builder, which reports it; so does
    a row whose --key columns are all empty.
    """
    order: list[int] | None = None
    started = False
    for row, keys, filled in src.item_rows():
        if not started:
            started = True
            order = _common_order(src, keys)
            ci, ni, width = keys.index("code"), keys.index("name"), len(keys)
            kis = _key_indices(src, keys, key, row.number - 1) if key else [ci]
        cells = row.cells
        if not filled:
            if ni >= len(cells) or ci >= len(cells) or is_empty_word(cells[ci]) or is_empty_word(cells[ni]):
                src._row_item(row, keys)  # reports the problem
                continue
        code = _row_key(cells, kis)
        if not code.strip(KEY_JOIN):
            src.problem(row.number, None, t("key-empty", key=", ".join(key)))
            continue
        yield code, cells if order is None else _in_order(cells, order, width), row.number, row, keys


class _FirstCharacters(dict):
    """A cell's first character → whether is_empty_word's quick answer, "not empty", follows from it alone
    (a CJK ideograph, or an ASCII letter or digit, that starts no empty word): the plain reader's test."""

    def __missing__(self, c: str) -> bool:
        sure = c not in _EMPTY_START and ("\u4e00" <= c <= "\u9fff" or (c.isalnum() and c.isascii()))
        self[c] = sure
        return sure


_SURELY_FILLED = _FirstCharacters()


def _plain_sheet_rows(src, key: list[str]) -> Iterator[tuple[str, list[str], int, Any, list[str | None]]]:
    """What _sheet_rows gives of a plain CSV file (plain_csv), with less work a row; the row is its list of
    cells. The header is looked for as Source.item_rows looks; a sheet without one raises NotPlain, for the
    careful reader to report."""
    rows = enumerate(plain_rows(src.path), 1)
    for number, cells in rows:
        if number > HEADER_SCAN_ROWS:
            break
        keys = src._header(csv_row(number, cells))
        if keys is not None:
            break
    else:
        raise NotPlain
    if keys is None:
        raise NotPlain
    order = _common_order(src, keys)
    ci, ni, width = keys.index("code"), keys.index("name"), len(keys)
    kis = None if key else [ci]  # --key columns are looked for at the first row that holds anything
    least, sure = max(ci, ni), _SURELY_FILLED
    for number, cells in rows:
        if len(cells) <= least or not (
            (sure[cells[ci][:1]] or not is_empty_word(cells[ci]))
            and (sure[cells[ni][:1]] or not is_empty_word(cells[ni]))
        ):  # no item: a blank row, a section's heading, or a row without its code or name (reported)
            row = csv_row(number, cells)
            kind = src.row_kind(row, keys)
            if kind is False:
                if kis is None:
                    kis = _key_indices(src, keys, key, number - 1)
                src._row_item(row, keys)
            else:
                src.set_aside(kind)
            continue
        if kis is None:
            kis = _key_indices(src, keys, key, number - 1)
        code = _row_key(cells, kis) if key else cells[ci].strip()
        if not code.strip(KEY_JOIN):
            src.problem(number, None, t("key-empty", key=", ".join(key)))
            continue
        yield code, cells if order is None else _in_order(cells, order, width), number, cells, keys


def _side_rows(src, key: list[str], plain: bool) -> Iterator[tuple[str, list[str], int, Any, list[str | None]]]:
    if plain and src.kind == "csv" and plain_encoding(src.path, src.encoding):
        return _plain_sheet_rows(src, key)
    return _sheet_rows(src, key)


def _as_row(number: int, row: Any) -> SheetRow:
    return row if isinstance(row, SheetRow) else csv_row(number, row)


def diff_sheets(a: Side, b: Side) -> DiffResult:
    """Both files read once, side by side: rows in the same order match at once, the rest wait in a buffer.

    Only rows whose cell text differs are built into items and compared field by field; nothing but the
    rows waiting for their partner is held, so memory stays small when the two sheets keep one order.
    Rows that cannot be keyed are reported and left out; a key that repeats leaves out all its rows.
    A plain CSV file is read the quick way (plain_csv); where one is not plain, both are read again the
    careful way, which reports what is wrong.
    """
    try:
        return _diff_sheets(a, b, plain=True)
    except NotPlain:
        return _diff_sheets(a, b, plain=False)


def _diff_sheets(a: Side, b: Side, plain: bool) -> DiffResult:
    r = DiffResult(a.spec, b.spec)
    sa, sb = Source(a.path, **source_options(a.options, a.key)), Source(b.path, **source_options(b.options, b.key))
    changed: list[tuple[int, Changed]] = []

    def match(x: tuple, y: tuple) -> None:
        ia, ib = sa._row_item(_as_row(x[2], x[3]), x[4]), sb._row_item(_as_row(y[2], y[3]), y[4])
        if ia is not None and ib is not None:
            fields = compare_items(ia, ib)
            if fields:
                changed.append((y[2], Changed(y[0], ib.name, fields)))

    class Reader:
        """One side: its rows, the keys seen (with their first row), and its rows still waiting."""

        def __init__(self, side: Side, src):
            self.src, self.rows = src, _side_rows(src, side.key, plain)
            self.seen: dict[str, int] = {}
            self.repeated: set[str] = set()
            self.waiting: dict[str, tuple] = {}

        def repeats(self, x: tuple | None) -> bool:
            """A row whose key the side has had: reported, and True; False at the side's end (None)."""
            if x is None:
                return False
            self.src.problem(x[2], None, repeated_message(x[0], self.seen[x[0]]))
            self.repeated.add(x[0])
            return True

    ra, rb = Reader(a, sa), Reader(b, sb)
    rows_a, rows_b = ra.rows, rb.rows
    seen_a, seen_b, waiting_a, waiting_b = ra.seen, rb.seen, ra.waiting, rb.waiting
    a_live = b_live = True
    # in turn, one row of each side: matched with the other side's row waiting under its key, or left waiting
    # (the two halves are one step, written out twice: a call a row would cost a tenth of the whole)
    while a_live or b_live:
        if a_live:
            x = next(rows_a, None)
            if x is None or (k := x[0]) in seen_a:
                a_live = ra.repeats(x)
            else:
                seen_a[k] = x[2]
                w = waiting_b.pop(k, None)
                if w is None:
                    waiting_a[k] = x
                elif x[1] != w[1]:
                    match(x, w)
        if b_live:
            y = next(rows_b, None)
            if y is None or (k := y[0]) in seen_b:
                b_live = rb.repeats(y)
            else:
                seen_b[k] = y[2]
                w = waiting_a.pop(k, None)
                if w is None:
                    waiting_b[k] = y
                elif y[1] != w[1]:
                    match(w, y)
    out = ra.repeated | rb.repeated
    r.problems = _comparable(
        [(sa.problems, len(ra.seen.keys() - ra.repeated)), (sb.problems, len(rb.seen.keys() - rb.repeated))]
    )

    def name(x: tuple) -> str:
        return _as_row(x[2], x[3]).cells[x[4].index("name")].strip()

    r.removed = [(x[0], name(x)) for x in ra.waiting.values() if x[0] not in out]
    r.added = [(y[0], name(y)) for y in rb.waiting.values() if y[0] not in out]
    r.changed = [c for _, c in sorted(changed, key=lambda t: t[0]) if c.code not in out]
    return r


def diff(a: Side, b: Side) -> DiffResult:
    if a.kind == "file" and b.kind == "file" and "json" not in (a.path.suffix.lower()[1:5], b.path.suffix.lower()[1:5]):
        return diff_sheets(a, b)
    r = DiffResult(a.spec, b.spec)
    stored = a.kind != "file" and b.kind != "file" and a.store is b.store and not (a.published or b.published)
    if stored:
        r.added, r.removed, changed = a.store.changed_codes(a.store_key(), b.store_key())
    else:
        ha, hb = a.hashes(), b.hashes()
        r.added = [(c, v[1]) for c, v in hb.items() if c not in ha]
        r.removed = [(c, v[1]) for c, v in ha.items() if c not in hb]
        changed = [c for c, v in hb.items() if c in ha and ha[c][0] != v[0]]
        del ha, hb
        r.problems = _comparable([(s.problems, s.keyed) for s in (a, b) if s.kind == "file"])
    want = set(changed)
    va, vb = a.values(want), b.values(want)
    for code in vb if stored else changed:  # a stored side's values come in its catalogue order
        fields = compare_values(va[code], vb[code])
        if fields:
            r.changed.append(Changed(code, vb[code]["name"], fields))
    return r
