"""Reads for the review screen: a filtered, sorted list of item ids, then pages of rows by id.

The list of ids is one indexed query per keystroke; the per-row figures (decision status, finding
counts, fees flagged for removal) are computed only for the rows of the page being fetched.

Decision status follows review.fold exactly: an item's status is its latest *effective* keep /
abolish / amend / merge decision (effective: not an undo entry, and not undone by one), and it
needs re-review when that decision is not newer than the item's import mark.
"""

from __future__ import annotations

import json
import sqlite3
import time
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..normalize import squash

if TYPE_CHECKING:
    from . import Store

STATUSES = ("undecided", "needs-review", "keep", "amend", "abolish", "merge")
SEVERITIES = ("error", "warning", "info")

# The sort keys of the table, in the order the columns are shown.
SORT_KEYS = ("position", "code", "name", "department", "category", "status", "errors", "warnings", "fees")

_STATUS_ACTIONS = "('keep', 'abolish', 'amend', 'merge')"

# Not undone: undo entries always carry the code of the entry they reverse, so the lookup stays
# on the (catalog_id, code, id) index.
_NOT_UNDONE = (
    "NOT EXISTS (SELECT 1 FROM decisions u WHERE u.catalog_id = {d}.catalog_id "
    "AND u.code = {d}.code AND u.undoes = {d}.id)"
)


# Latest effective status decision per code, for the whole catalogue (status filter and sort, the
# header's counts): read from a connection-local table that _sync_status keeps current.
_STATUS_CTE = "st AS (SELECT code, sid, action FROM temp.browse_status WHERE catalog_id = :cat)"


def _status_label(sid: str, action: str, mark: str = "coalesce(i.import_mark, 0)") -> str:
    """The SQL of an item's status (STATUSES) from the id and action of its latest effective status decision
    and the last decision id when an import changed it (mark)."""
    return f"CASE WHEN {sid} IS NULL THEN 'undecided' WHEN {sid} <= {mark} THEN 'needs-review' ELSE {action} END"


_STATUS_EXPR = _status_label("st.sid", "st.action")

# One code's latest effective status decision, from the log itself (with max(), SQLite takes the bare column
# action from the row of the greatest id: the action of that decision).
_STATUS_OF = (
    f"SELECT d.catalog_id, d.code, max(d.id), d.action FROM decisions d WHERE {{where}} "
    f"AND d.action IN {_STATUS_ACTIONS} AND {_NOT_UNDONE.format(d='d')} GROUP BY d.code"
)

# The same for one item (page rows): a correlated subquery on the item's own decisions.
_SID_ONE = (
    f"(SELECT max(d.id) FROM decisions d WHERE d.catalog_id = i.catalog_id AND d.code = i.code "
    f"AND d.action IN {_STATUS_ACTIONS} AND {_NOT_UNDONE.format(d='d')})"
)

# The same label for one item without the table (a connection that has not folded the log yet): for the first
# matches of a status filter, or those among a few earlier matches, the log is read item by item.
_STATUS_ONE = (
    f"(SELECT {_status_label('s.sid', '(SELECT sd.action FROM decisions sd WHERE sd.id = s.sid)')} "
    f"FROM (SELECT {_SID_ONE} AS sid) s)"
)

# Fees flagged for removal: the fee's latest effective remove-fee / keep-fee entry is remove-fee.
_FLAGGED_ONE = f"""(SELECT count(*) FROM decisions d WHERE d.catalog_id = i.catalog_id AND d.code = i.code
    AND d.action = 'remove-fee' AND {_NOT_UNDONE.format(d="d")}
    AND NOT EXISTS (SELECT 1 FROM decisions d2 WHERE d2.catalog_id = d.catalog_id AND d2.code = d.code
        AND d2.fee = d.fee AND d2.id > d.id AND d2.action IN ('remove-fee', 'keep-fee')
        AND {_NOT_UNDONE.format(d="d2")}))"""

# Error findings not resolved by an override of their rule or by the removal of the fee they are about
# (abolish / merge resolve every finding; the caller applies that from the status).
_OPEN_ERRORS_ONE = f"""(SELECT count(*) FROM findings f WHERE f.catalog_id = i.catalog_id AND f.code = i.code
    AND f.severity = 'error'
    AND NOT EXISTS (SELECT 1 FROM decisions o WHERE o.catalog_id = f.catalog_id AND o.code = f.code
        AND o.action = 'override' AND o.rule = f.rule AND {_NOT_UNDONE.format(d="o")})
    AND NOT (f.field = 'fees' AND EXISTS (SELECT 1 FROM decisions r WHERE r.catalog_id = f.catalog_id
        AND r.code = f.code AND r.action = 'remove-fee' AND r.fee = f.entry AND {_NOT_UNDONE.format(d="r")}
        AND NOT EXISTS (SELECT 1 FROM decisions r2 WHERE r2.catalog_id = r.catalog_id AND r2.code = r.code
            AND r2.fee = r.fee AND r2.id > r.id AND r2.action IN ('remove-fee', 'keep-fee')
            AND {_NOT_UNDONE.format(d="r2")}))))"""


@dataclass(frozen=True)
class BrowseQuery:
    """What the table shows: free-text words (all must match code, name or department), and filters.

    Each filter is a tuple of alternatives (any may match); different filters must all match.
    Rules match by prefix, departments and categories by substring, statuses exactly (see STATUSES;
    "todo" stands for undecided and needs-review, "decided" for the four decisions).
    """

    words: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    sort: str = "position"
    descending: bool = False


@dataclass
class BrowseRow:
    id: int
    code: str
    name: str
    department: str
    category: str
    status: str
    errors: int
    open_errors: int
    warnings: int
    infos: int
    fees: int
    fees_flagged: int
    seen: tuple[str, int]  # (item hash, last decision id): what review.decide(expect=...) compares


@dataclass
class BrowseSummary:
    total: int
    statuses: dict[str, int] = field(default_factory=dict)  # label → count (every label present)
    severities: dict[str, int] = field(default_factory=dict)  # severity → findings (of items not abolished or merged)
    counted: bool = True  # False: statuses not counted yet (a large catalogue counts them in the background)

    @property
    def decided(self) -> int:
        return sum(n for s, n in self.statuses.items() if s not in ("undecided", "needs-review"))


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


NARROW_MAX = 60_000  # beyond this many previous matches a fresh scan is as fast
CACHED_QUERIES = 32  # recent results kept per connection, while the database does not change ...
CACHED_IDS = 1_000_000  # ... and at most this many ids in all (8 bytes each)

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


WORDS_INLINE = 32  # more filter words than this are matched from one JSON list (SQLite's expression depth)


def _any(alternatives: list[str]) -> str:
    """alternatives joined by OR as a balanced tree, so that thousands of them stay under SQLite's
    limit on the depth of an expression (1,000)."""
    if len(alternatives) <= 16:
        return "(" + " OR ".join(alternatives) + ")"
    step = -(-len(alternatives) // 16)
    return _any([_any(alternatives[i : i + step]) for i in range(0, len(alternatives), step)])


def _word_conditions(words: tuple[str, ...], p: dict[str, object]) -> list[str]:
    """Each word in the code, the normalised name or the department (LIKE: case-blind for ASCII)."""

    words = tuple(dict.fromkeys(words))
    if len(words) > WORDS_INLINE:  # one condition over a JSON list: no limit on expression depth or parameters
        p["wj"] = json.dumps([[_like(w), _like(squash(w))] for w in words], ensure_ascii=False)
        like = "LIKE json_extract(w.value, '$[{}]') ESCAPE '\\'"
        return [
            f"NOT EXISTS (SELECT 1 FROM json_each(:wj) w WHERE NOT (i.code {like.format(1)} "
            f"OR i.name_norm {like.format(1)} OR i.department {like.format(0)}))"
        ]
    out = []
    for n, w in enumerate(words):
        p[f"w{n}"] = _like(w)
        p[f"wn{n}"] = _like(squash(w))
        out.append(
            f"(i.code LIKE :wn{n} ESCAPE '\\' OR i.name_norm LIKE :wn{n} ESCAPE '\\' "
            f"OR i.department LIKE :w{n} ESCAPE '\\')"
        )
    return out


@dataclass
class BrowseChars:
    """The characters of a draft's codes and normalised names, and of its departments, ASCII folded as LIKE
    folds it: a filter word with a character in neither set matches no item, and is answered without
    reading the items. Sets holding more characters than the items do stay true (an edit adds its own)."""

    named: set[str]
    departed: set[str]

    def add(self, code: str, name: str, department: str) -> None:
        self.named.update((code + squash(name)).translate(_ASCII_LOWER))
        self.departed.update(department.translate(_ASCII_LOWER))

    def excludes(self, words: Iterable[str]) -> bool:
        """Whether some word surely matches nothing (every word must match, see _word_conditions)."""
        return any(
            not set(squash(w).translate(_ASCII_LOWER)) <= self.named
            and not set(w.translate(_ASCII_LOWER)) <= self.departed
            for w in words
        )


def _inside(a: str, b: str) -> bool:
    """Every text LIKE %b% is LIKE %a% (ASCII case folded, as LIKE folds it)."""
    return a.translate(_ASCII_LOWER) in b.translate(_ASCII_LOWER)


def _narrower(old: tuple[str, ...], new: tuple[str, ...], implies) -> bool:
    """A filter of alternatives: new admits nothing old does not (no filter admits everything)."""
    if not old:
        return True
    return bool(new) and all(any(implies(a, b) for a in old) for b in new)


def _narrows(old: BrowseQuery, new: BrowseQuery) -> bool:
    """True when every match of new is a match of old, as a reviewer typing on makes it: words and
    department or category texts that grow, rule ids and statuses typed further, more words."""

    if (old.sort, old.descending) != (new.sort, new.descending) or len(new.words) < len(old.words):
        return False
    for a, b in zip(old.words, new.words):  # the department is compared raw, code and name normalised
        if not (_inside(a, b) and _inside(squash(a), squash(b))):
            return False
    prefix = lambda a, b: b.lower().startswith(a.lower())  # noqa: E731
    return (
        _narrower(old.departments, new.departments, _inside)
        and _narrower(old.categories, new.categories, _inside)
        and _narrower(old.rules, new.rules, prefix)
        and _narrower(old.severities, new.severities, prefix)
        and (not old.statuses or bool(new.statuses) and expand_statuses(new.statuses) <= expand_statuses(old.statuses))
    )


def expand_statuses(values: Iterable[str]) -> set[str]:
    """Status words as typed (prefixes allowed) → the labels they stand for."""
    out: set[str] = set()
    for v in values:
        v = v.strip().lower()
        if not v:
            continue
        got = {s for s in STATUSES if s.startswith(v)}
        if "todo".startswith(v):
            got |= {"undecided", "needs-review"}
        if "decided".startswith(v) and v != "d":
            got |= {"keep", "amend", "abolish", "merge"}
        out |= got or {v}  # an unknown word matches nothing, as a user would expect
    return out


class BrowseMixin:
    # --- decision status of every item -----------------------------------------------------------

    def _sync_status(self: Store, catalog_id: int) -> None:
        """Bring temp.browse_status up to the log: built once per connection and catalogue, then only
        the codes with entries newer than the last sync are recomputed (the log is append-only and its
        ids only grow, so nothing older can change)."""
        c = self.conn
        c.execute(
            "CREATE TEMP TABLE IF NOT EXISTS browse_status (catalog_id INTEGER, code TEXT, sid INTEGER, "
            "action TEXT, PRIMARY KEY (catalog_id, code)) WITHOUT ROWID"
        )
        c.execute("CREATE TEMP TABLE IF NOT EXISTS browse_synced (catalog_id INTEGER PRIMARY KEY, last INTEGER)")
        top = c.execute("SELECT coalesce(max(id), 0) FROM decisions").fetchone()[0]
        row = c.execute("SELECT last FROM temp.browse_synced WHERE catalog_id = ?", (catalog_id,)).fetchone()
        if row is not None and row[0] == top:
            return
        own = not c.in_transaction
        if own:
            c.execute("BEGIN")
        try:
            if row is None:
                c.execute("DELETE FROM temp.browse_status WHERE catalog_id = ?", (catalog_id,))
                c.execute(
                    "INSERT INTO temp.browse_status "
                    + _STATUS_OF.format(where="+d.catalog_id = :cat AND d.id <= :top"),
                    {"cat": catalog_id, "top": top},
                )
            else:
                c.execute("DROP TABLE IF EXISTS temp.browse_touched")
                c.execute("CREATE TEMP TABLE browse_touched (code TEXT PRIMARY KEY) WITHOUT ROWID")
                c.execute(
                    "INSERT OR IGNORE INTO temp.browse_touched SELECT code FROM decisions "
                    "WHERE id > :last AND id <= :top AND catalog_id = :cat",
                    {"cat": catalog_id, "last": row[0], "top": top},
                )
                c.execute(
                    "DELETE FROM temp.browse_status WHERE catalog_id = ? AND code IN "
                    "(SELECT code FROM temp.browse_touched)",
                    (catalog_id,),
                )
                c.execute(
                    "INSERT INTO temp.browse_status "
                    + _STATUS_OF.format(
                        where="d.catalog_id = :cat AND d.code IN (SELECT code FROM temp.browse_touched) "
                        "AND d.id <= :top"
                    ),
                    {"cat": catalog_id, "top": top},
                )
                c.execute("DROP TABLE temp.browse_touched")
            c.execute("INSERT OR REPLACE INTO temp.browse_synced VALUES (?, ?)", (catalog_id, top))
        except BaseException:
            if own:
                c.execute("ROLLBACK")
            raise
        if own:
            c.execute("COMMIT")

    def _status_folded(self: Store, catalog_id: int) -> bool:
        """Whether this connection has folded the catalogue's log into temp.browse_status (bringing it up to
        date is then cheap: see _sync_status)."""
        try:
            return bool(
                self.conn.execute("SELECT 1 FROM temp.browse_synced WHERE catalog_id = ?", (catalog_id,)).fetchone()
            )
        except sqlite3.OperationalError:  # no such table: nothing folded on this connection yet
            return False

    # --- the list of ids -----------------------------------------------------------------------

    def browse_ids(self: Store, catalog_id: int, q: BrowseQuery) -> list[int]:
        """Item ids matching q, in q's order (catalogue order breaks ties).

        While a reviewer types on (see _narrows), the new matches are a subset of the last ones: then only
        those are read again, in their order; an earlier query (after Backspace) is answered from a small
        cache. Either only while the database has not changed since."""
        stamp = self.browse_stamp()
        cache = self.__dict__.setdefault("_browse_cache", OrderedDict())
        hit = cache.get((catalog_id, q))
        if hit is not None and hit[0] == stamp:  # back to an earlier query (Backspace), nothing written since
            cache.move_to_end((catalog_id, q))
            ids = hit[1].tolist()
            self._browse_last = (catalog_id, stamp, q, ids)
            return ids
        last = getattr(self, "_browse_last", None)
        if last is not None and last[:2] == (catalog_id, stamp) and _narrows(last[2], q) and len(last[3]) <= NARROW_MAX:
            sql, p = self._browse_sql(catalog_id, q, among=True)
            ids = [r[0] for r in self.conn.execute(sql, {**p, "prev": json.dumps(last[3])})]
        else:
            sql, p = self._browse_sql(catalog_id, q)
            ids = [r[0] for r in self.conn.execute(sql, p)]
        self._browse_last = (catalog_id, stamp, q, ids)
        self._remember(catalog_id, q, stamp, ids)
        return ids

    def browse_chars(self: Store, catalog_id: int) -> BrowseChars:
        """The characters the draft's codes, normalised names and departments hold (a pass over them)."""
        chars = BrowseChars(set(), set())
        rows = self.conn.execute("SELECT code, name_norm, department FROM items WHERE catalog_id = ?", (catalog_id,))
        while chunk := rows.fetchmany(2_000):  # small steps: a thread reading this holds the GIL briefly
            chars.named.update("".join(c + (n or "") for c, n, _ in chunk).translate(_ASCII_LOWER))
            chars.departed.update("".join(d or "" for _, _, d in chunk).translate(_ASCII_LOWER))
        return chars

    def browse_stamp(self: Store) -> tuple[int, int]:
        """What changes whenever this connection or another writes: a remembered result holds while it is the same."""
        return (self.conn.total_changes, self.browse_data_version())

    def browse_head(self: Store, catalog_id: int, q: BrowseQuery, limit: int, budget: float) -> tuple[list[int], bool]:
        """The first ids matching q, in q's order, found within budget seconds: (ids, True) when they are all
        of them, (at most limit of the first ids, False) when there are more or the time ran out first. A
        remembered or narrowed result (see browse_ids) is read whole."""
        stamp = self.browse_stamp()
        cache = self.__dict__.get("_browse_cache", {})
        last = getattr(self, "_browse_last", None)
        hit = cache.get((catalog_id, q))
        if (hit is not None and hit[0] == stamp) or (
            last is not None and last[:2] == (catalog_id, stamp) and _narrows(last[2], q) and len(last[3]) <= NARROW_MAX
        ):
            return self.browse_ids(catalog_id, q), True
        sql, p = self._browse_sql(catalog_id, q, first=True)
        deadline = time.perf_counter() + budget
        self.conn.set_progress_handler(lambda: time.perf_counter() > deadline, 10_000)
        ids: list[int] = []
        try:
            for (i,) in self.conn.execute(sql + " LIMIT :limit", {**p, "limit": limit + 1}):
                ids.append(i)
        except sqlite3.OperationalError as e:  # the time ran out (interrupted): what was found so far
            if "interrupted" not in str(e):
                raise
            return ids[:limit], False
        finally:
            self.conn.set_progress_handler(None, 0)
        if len(ids) > limit:
            return ids[:limit], False
        self._browse_last = (catalog_id, stamp, q, ids)
        self._remember(catalog_id, q, stamp, ids)
        return ids, True

    def browse_remember(self: Store, catalog_id: int, q: BrowseQuery, ids: list[int], stamp: tuple[int, int]) -> bool:
        """Keep q's whole result, read on another connection while the database was at stamp, as browse_ids
        would have kept it; False (nothing kept) when the database has changed since."""
        if stamp != self.browse_stamp():
            return False
        self._browse_last = (catalog_id, stamp, q, ids)
        self._remember(catalog_id, q, stamp, ids)
        return True

    def _remember(self: Store, catalog_id: int, q: BrowseQuery, stamp: tuple[int, int], ids: list[int]) -> None:
        cache = self.__dict__.setdefault("_browse_cache", OrderedDict())
        cache[(catalog_id, q)] = (stamp, array("q", ids))
        while len(cache) > CACHED_QUERIES or sum(len(v[1]) for v in cache.values()) > CACHED_IDS:
            cache.popitem(last=False)

    def _browse_sql(
        self: Store, catalog_id: int, q: BrowseQuery, *, among: bool = False, first: bool = False
    ) -> tuple[str, dict]:
        """(SQL, parameters) for q; among, only the items of the json_each(:prev) list, in its order; first,
        planned for reading only the first rows of the result."""
        source = "json_each(:prev) j CROSS JOIN items i ON i.id = j.value" if among else "items i"
        where = ["i.catalog_id = :cat"]
        p: dict[str, object] = {"cat": catalog_id}
        where += _word_conditions(q.words, p)
        for col, values, tag in (("department", q.departments, "d"), ("category", q.categories, "c")):
            if values:
                alts = []
                for n, v in enumerate(values):
                    p[f"{tag}{n}"] = _like(v)
                    alts.append(f"i.{col} LIKE :{tag}{n} ESCAPE '\\'")
                where.append(_any(alts))
        if q.rules or q.severities:
            # Rules by prefix as a range on the (catalog_id, rule) index; severities alone read the
            # findings in table order, which beats the index when most findings are of this catalogue.
            cond = ["f.catalog_id = :cat" if q.rules else "+f.catalog_id = :cat"]
            if q.rules:
                alts = []
                for n, v in enumerate(q.rules):
                    p[f"r{n}"] = v.lower()
                    p[f"rz{n}"] = v.lower() + "\uffff"
                    alts.append(f"(f.rule >= :r{n} AND f.rule < :rz{n})")
                cond.append(_any(alts))
            if q.severities:
                sevs = sorted({s for v in q.severities for s in SEVERITIES if v and s.startswith(v.lower())})
                if not sevs:
                    sevs = ["-"]
                for n, s in enumerate(sevs):
                    p[f"s{n}"] = s
                cond.append(f"f.severity IN ({', '.join(f':s{n}' for n in range(len(sevs)))})")
            if first:  # the first matches in order: each item's own findings (+rule: by its code), until enough
                own = " AND ".join(cond[1:]).replace("f.rule", "+f.rule")
                where.append(
                    f"EXISTS (SELECT 1 FROM findings f WHERE f.catalog_id = i.catalog_id AND f.code = i.code AND {own})"
                )
            else:  # the ids of the items with such findings: SQLite then reads just those items, by id
                where.append(
                    "i.id IN (SELECT i2.id FROM findings f CROSS JOIN items i2 ON i2.catalog_id = :cat "
                    f"AND i2.code = f.code WHERE {' AND '.join(cond)})"
                )
        ctes, joins = [], []
        status = _STATUS_EXPR
        if q.statuses or q.sort == "status":
            if (first or among) and not self._status_folded(catalog_id):
                status = _STATUS_ONE  # a few rows: not worth folding the whole log first
            else:
                self._sync_status(catalog_id)
                ctes.append(_STATUS_CTE)
                joins.append("LEFT JOIN st ON st.code = i.code")
        if q.statuses:
            labels = sorted(expand_statuses(q.statuses))
            for n, s in enumerate(labels):
                p[f"st{n}"] = s
            where.append(f"({status}) IN ({', '.join(f':st{n}' for n in range(len(labels)))})")
        direction = "DESC" if q.descending else "ASC"
        if q.sort == "name":
            self._pinyin_ready()
        order = {
            "position": f"i.position {direction}",
            "code": f"i.code {direction}, i.position",
            "name": f"pinyin_key(i.name_norm) {direction}, i.position",
            "department": f"i.department {direction}, i.position",
            "category": f"i.category {direction}, i.position",
            "status": f"instr('undecided needs-review keep amend abolish merge', {status}) {direction}, i.position",
        }.get(q.sort)
        if order is None and q.sort in ("errors", "warnings"):
            ctes.append(
                "fc AS (SELECT code, sum(severity = 'error') AS e, sum(severity = 'warning') AS w "
                "FROM findings WHERE +catalog_id = :cat GROUP BY code)"
            )
            joins.append("LEFT JOIN fc ON fc.code = i.code")
            col = "fc.e" if q.sort == "errors" else "fc.w"
            order = f"coalesce({col}, 0) {direction}, i.position"
        if order is None and q.sort == "fees":
            order = (
                f"{_FLAGGED_ONE} {direction}, (SELECT count(*) FROM fees x WHERE x.item_id = i.id) "
                f"{direction}, i.position"
            )
        if order is None:
            raise ValueError(f"unknown sort key {q.sort!r}: one of {', '.join(SORT_KEYS)}")
        if among:
            order = "j.key"
        return (
            ("WITH " + ", ".join(ctes) + " ") if ctes else ""
        ) + f"SELECT i.id FROM {source} {' '.join(joins)} WHERE {' AND '.join(where)} ORDER BY {order}", p

    def _pinyin_ready(self: Store) -> None:
        """SQL's pinyin_key(name): the name's sort key by pinyin (store/pinyin.py, loaded on first use)."""
        if not getattr(self, "_pinyin", False):
            from .pinyin import name_key

            self.conn.create_function("pinyin_key", 1, name_key, deterministic=True)
            self._pinyin = True

    # --- pages of rows -------------------------------------------------------------------------

    def browse_rows(self: Store, catalog_id: int, ids: Sequence[int]) -> list[BrowseRow]:
        """The table's rows for these item ids (one page), in the order given; unknown ids are left out."""
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        # +catalog_id: the rows are found by id, never by passing over the catalogue's index
        status = _status_label("x.sid", "(SELECT sd.action FROM decisions sd WHERE sd.id = x.sid)", "x.mark")
        sql = f"""SELECT x.*, {status} FROM (
            SELECT i.id, i.code, i.name, coalesce(i.department, ''), coalesce(i.category, ''), i.hash,
                coalesce(i.import_mark, 0) AS mark,
                (SELECT coalesce(max(d.id), 0) FROM decisions d WHERE d.catalog_id = i.catalog_id
                    AND d.code = i.code) AS last,
                {_SID_ONE} AS sid,
                (SELECT count(*) FROM findings f WHERE f.catalog_id = i.catalog_id AND f.code = i.code
                    AND f.severity = 'error'),
                {_OPEN_ERRORS_ONE},
                (SELECT count(*) FROM findings f WHERE f.catalog_id = i.catalog_id AND f.code = i.code
                    AND f.severity = 'warning'),
                (SELECT count(*) FROM findings f WHERE f.catalog_id = i.catalog_id AND f.code = i.code
                    AND f.severity = 'info'),
                (SELECT count(*) FROM fees x WHERE x.item_id = i.id),
                {_FLAGGED_ONE}
            FROM items i WHERE +i.catalog_id = ? AND i.id IN ({marks})) x"""
        got = {}
        for r in self.conn.execute(sql, (catalog_id, *ids)):
            (iid, code, name, dept, cat, h, _, last, _, err, open_err, warn, info, fees, flagged, status) = r
            if status in ("abolish", "merge"):
                open_err = 0
            got[iid] = BrowseRow(
                iid, code, name, dept, cat, status, err, open_err, warn, info, fees, flagged, (h, last)
            )
        return [got[i] for i in ids if i in got]

    def browse_statuses(self: Store, catalog_id: int) -> dict[str, str]:
        """code → status label for every item, in one query (for tests and reports)."""
        self._sync_status(catalog_id)
        sql = (
            f"WITH {_STATUS_CTE} SELECT i.code, {_STATUS_EXPR} FROM items i LEFT JOIN st ON st.code = i.code "
            "WHERE +i.catalog_id = :cat ORDER BY i.position"
        )
        return dict(self.conn.execute(sql, {"cat": catalog_id}))

    def browse_todo(self: Store, catalog_id: int) -> set[int]:
        """Ids of the items that need a decision: undecided, or changed by a re-import since decided."""
        self._sync_status(catalog_id)
        # +catalog_id: one pass over the items in table order beats many lookups through an index
        sql = f"""WITH {_STATUS_CTE} SELECT i.id FROM items i LEFT JOIN st ON st.code = i.code
            WHERE +i.catalog_id = :cat AND (st.sid IS NULL OR st.sid <= coalesce(i.import_mark, 0))"""
        return {r[0] for r in self.conn.execute(sql, {"cat": catalog_id})}

    def browse_with_errors(self: Store, catalog_id: int) -> set[int]:
        """Ids of the items with an error finding that nothing resolves yet (not abolished or merged,
        no override of its rule, its fee not flagged for removal)."""
        self._sync_status(catalog_id)
        # Only an item with decisions can have its errors resolved, so the costly test runs for those alone.
        sql = f"""WITH {_STATUS_CTE} SELECT i.id FROM items i LEFT JOIN st ON st.code = i.code
            WHERE +i.catalog_id = :cat
            AND i.code IN (SELECT code FROM findings WHERE +catalog_id = :cat AND severity = 'error')
            AND (i.code NOT IN (SELECT code FROM decisions WHERE catalog_id = :cat)
                 OR (({_STATUS_EXPR}) NOT IN ('abolish', 'merge') AND {_OPEN_ERRORS_ONE} > 0))"""
        return {r[0] for r in self.conn.execute(sql, {"cat": catalog_id})}

    def browse_summary(
        self: Store, catalog_id: int, *, severities: bool = True, statuses: bool = True
    ) -> BrowseSummary:
        """Item count, items by status label, findings by severity: for the header of the review screen.
        Without severities, those counts are left out (they pass over every finding: see browse_severities);
        without statuses, those too (they pass over the whole decision log)."""
        total = self.browse_count(catalog_id)
        if not statuses:
            return BrowseSummary(total, {}, self.browse_severities(catalog_id) if severities else {}, counted=False)
        self._sync_status(catalog_id)
        # the smaller side drives the join: early in a review few items are decided, and each of those is
        # found by its code; once many are, one pass over the items looks each up in the status table
        decided = self.conn.execute(
            "SELECT count(*) FROM temp.browse_status WHERE catalog_id = ?", (catalog_id,)
        ).fetchone()[0]
        join = (
            "st CROSS JOIN items i ON i.catalog_id = :cat AND i.code = st.code"
            if decided * 4 < total
            else "items i CROSS JOIN st ON st.code = i.code WHERE +i.catalog_id = :cat"
        )
        sql = f"WITH {_STATUS_CTE} SELECT {_STATUS_EXPR} AS label, count(*) FROM {join} GROUP BY label"
        statuses = dict.fromkeys(STATUSES, 0)
        for label, n in self.conn.execute(sql, {"cat": catalog_id}):
            statuses[label] = n
        statuses["undecided"] = total - sum(n for s, n in statuses.items() if s != "undecided")
        return BrowseSummary(total, statuses, self.browse_severities(catalog_id) if severities else {})

    def browse_severities(self: Store, catalog_id: int) -> dict[str, int]:
        """Findings by severity, of the items not abolished or merged."""
        self._sync_status(catalog_id)
        # the findings of abolished and merged items no longer count: those items leave the catalogue
        sev = dict.fromkeys(SEVERITIES, 0)
        # NOT INDEXED: one pass over the table; an index of the findings would cost a look-up in it for each
        sql = f"""WITH {_STATUS_CTE} SELECT f.severity, count(*) FROM findings f NOT INDEXED
            JOIN items i ON i.catalog_id = f.catalog_id AND i.code = f.code LEFT JOIN st ON st.code = i.code
            WHERE +f.catalog_id = :cat AND ({_STATUS_EXPR}) NOT IN ('abolish', 'merge') GROUP BY f.severity"""
        for s, n in self.conn.execute(sql, {"cat": catalog_id}):
            sev[s] = n
        return sev

    def browse_data_version(self: Store) -> int:
        """A number that changes whenever another connection commits a write (PRAGMA data_version)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def browse_index(self: Store, catalog_id: int, code: str) -> int | None:
        """The id of the item with this code, or None."""
        row = self.conn.execute("SELECT id FROM items WHERE catalog_id = ? AND code = ?", (catalog_id, code)).fetchone()
        return row[0] if row else None

    def browse_count(self: Store, catalog_id: int) -> int:
        """How many items the catalogue has."""
        return self.conn.execute("SELECT count(*) FROM items WHERE catalog_id = ?", (catalog_id,)).fetchone()[0]

    def browse_code_width(self: Store, catalog_id: int) -> int:
        """The longest code of the catalogue, in characters (codes are ASCII in practice)."""
        row = self.conn.execute("SELECT max(length(code)) FROM items WHERE catalog_id = ?", (catalog_id,)).fetchone()
        return row[0] or 0

    def browse_long_codes(self: Store, catalog_id: int, longer_than: int) -> list[str]:
        """The codes of the catalogue longer than this many characters (the table shows them shortened)."""
        sql = "SELECT code FROM items WHERE catalog_id = ? AND length(code) > ?"
        return [r[0] for r in self.conn.execute(sql, (catalog_id, longer_than))]

    def browse_targets(
        self: Store, catalog_id: int, typed: str, *, name_norm: str, exclude: str, limit: int = 8
    ) -> list[tuple[str, str]]:
        """(code, name) of the items a merge may go into, as a reviewer types a code or a name: the items
        of the same normalised name first, then codes that begin with what is typed, then the rest."""

        p = {"cat": catalog_id, "ex": exclude, "nn": name_norm, "lim": limit}
        where, first = "i.name_norm = :nn", ""
        if typed.strip():
            p["tl"] = _like(squash(typed))
            p["tp"] = p["tl"][1:]
            where = "(i.code LIKE :tp ESCAPE '\\' OR i.name_norm LIKE :tl ESCAPE '\\')"
            first = "i.code LIKE :tp ESCAPE '\\' DESC, "
        sql = f"""SELECT i.code, i.name FROM items i WHERE i.catalog_id = :cat AND i.code != :ex AND {where}
            ORDER BY i.name_norm = :nn DESC, {first}i.position LIMIT :lim"""
        return [tuple(r) for r in self.conn.execute(sql, p)]

    def browse_departments(self: Store, catalog_id: int) -> list[tuple[str, int]]:
        """(department, item count), most items first: for completing `dept:` in the filter bar."""
        return [
            tuple(r)
            for r in self.conn.execute(
                "SELECT department, count(*) AS n FROM items WHERE catalog_id = ? AND coalesce(department, '') != '' "
                "GROUP BY department ORDER BY n DESC, department",
                (catalog_id,),
            )
        ]

    def browse_rules(self: Store, catalog_id: int) -> list[tuple[str, int]]:
        """(rule id, findings) of the latest audit: for completing `rule:` in the filter bar."""
        return [
            tuple(r)
            for r in self.conn.execute(
                "SELECT rule, count(*) AS n FROM findings WHERE catalog_id = ? GROUP BY rule ORDER BY n DESC, rule",
                (catalog_id,),
            )
        ]


__all__ = [
    "SEVERITIES",
    "SORT_KEYS",
    "STATUSES",
    "BrowseMixin",
    "BrowseQuery",
    "BrowseRow",
    "BrowseSummary",
    "expand_statuses",
]
