"""The tables, created with sqlite-utils so that their shape is declared once, here."""

from __future__ import annotations

import sqlite3

from ..errors import BadInput
from ..messages import t

SCHEMA_VERSION = 7

TABLES: dict[str, dict] = {
    "catalogs": dict(columns={"id": int, "name": str, "created_at": str, "layout": str}, pk="id", not_null={"name"}),
    "items": dict(
        columns={
            "id": int,
            "catalog_id": int,
            "code": str,
            "position": int,
            "name": str,
            "name_norm": str,
            "department": str,
            "category": str,
            "procedure": str,
            "statutory_text": str,
            "statutory_days": int,
            "promised_text": str,
            "promised_days": int,
            "notes": str,
            "extra": str,
            "raw": str,
            "hash": str,
            "hkey": int,
            "updated_at": str,
            # the last decision id when an import last changed the item: older decisions need re-review
            "import_mark": int,
        },
        pk="id",
        not_null={"catalog_id", "code", "name"},
    ),
    "citations": dict(
        columns={"item_id": int, "pos": int, "text": str, "instrument": str, "instrument_norm": str, "article": str},
        pk=("item_id", "pos"),
    ),
    "materials": dict(columns={"item_id": int, "pos": int, "text": str, "norm": str}, pk=("item_id", "pos")),
    "fees": dict(
        columns={
            "item_id": int,
            "pos": int,
            "name": str,
            "name_norm": str,
            "standard": str,
            "basis": str,
            "kind": str,
            "low": str,
            "high": str,
            "unit": str,
        },
        pk=("item_id", "pos"),
    ),
    "imports": dict(
        columns={
            "id": int,
            "catalog_id": int,
            "files": str,
            "at": str,
            "reviewer": str,
            "added": int,
            "updated": int,
            "unchanged": int,
            "removed": int,
            "sections": str,
        },
        pk="id",
    ),
    # Findings of the latest audit of each catalogue's draft; replaced whole by the next audit.
    "findings": dict(
        columns={
            "id": int,
            "catalog_id": int,
            "code": str,
            "rule": str,
            "severity": str,
            "field": str,
            "entry": str,
            "message": str,
            "suggestion": str,
            "as_of": str,
            # its place among the item's findings: the rule's place in the registry, then the hit's
            "seq": int,
            # the finding as the audit's JSON writes it, up to whether it is resolved (made once, when stored)
            "line": str,
        },
        pk="id",
    ),
    # What the stored findings were computed from, item by item (the content hash's key; the normalised
    # name, and for an item sharing it with others the position, which the duplicate-name findings depend
    # on), and for the whole catalogue (the fingerprint of the reference, policy, audit date, rules and
    # language): an audit redoes what differs.
    "audit_items": dict(
        columns={"catalog_id": int, "code": str, "hkey": int, "name_norm": str, "position": int},
        pk=("catalog_id", "code"),
    ),
    "audit_state": dict(columns={"catalog_id": int, "fingerprint": str}, pk="catalog_id"),
    "audits": dict(
        columns={"id": int, "catalog_id": int, "at": str, "as_of": str, "rules": str, "items": int, "findings": int},
        pk="id",
    ),
    # The append-only decision log: nothing is updated or deleted, undo is an entry of its own.
    "decisions": dict(
        columns={
            "id": int,
            "catalog_id": int,
            "code": str,
            "action": str,
            "target": str,
            "fee": str,
            "rule": str,
            "field": str,
            "old": str,
            "new": str,
            "reason": str,
            "reviewer": str,
            "at": str,
            "item_hash": str,
            "undoes": int,
            # the decision on the item's status that this one replaced (keep after another's abolish)
            "replaces": int,
            # the hash chain of the log (store/chain.py): the entry before's hash, and this one's
            "prev_hash": str,
            "hash": str,
        },
        pk="id",
        not_null={"catalog_id", "code", "action"},
    ),
    "versions": dict(
        columns={
            "id": int,
            "catalog_id": int,
            "label": str,
            "reviewer": str,
            "at": str,
            "items": int,
            "hash": str,
            "prev_hash": str,
            "decision_id": int,
            # what the version froze besides its items (scheme 2, see store/chain.py): the columns
            # [[key or null, header], …] and the title it is published under, and the log's head hash
            "scheme": int,
            "columns": str,
            "title": str,
            "log_hash": str,
        },
        pk="id",
    ),
    # Charges that a version no longer carries compared with the draft as imported (removed-fees report).
    "version_fees": dict(
        columns={
            "version_id": int,
            "code": str,
            "item": str,
            "department": str,
            "fee": str,
            "standard": str,
            "basis": str,
            "reason": str,
        }
    ),
    # Frozen items of each approved version: the item as published (removed fees left out).
    "version_items": dict(
        columns={"version_id": int, "position": int, "code": str, "hash": str, "hkey": int, "data": str},
        pk=("version_id", "code"),
    ),
}

INDEXES: list[tuple[str, list[str], bool]] = [
    ("catalogs", ["name"], True),
    ("items", ["catalog_id", "code"], True),
    ("items", ["catalog_id", "position"], False),
    ("items", ["catalog_id", "name_norm"], False),
    ("items", ["catalog_id", "department"], False),
    ("citations", ["instrument_norm"], False),
    ("fees", ["name_norm"], False),
    ("findings", ["catalog_id", "code", "seq"], False),  # an item's findings, in their order
    ("audit_items", ["catalog_id", "code", "hkey"], False),  # compared with items' index of the same
    ("audit_items", ["catalog_id", "position"], False),  # the items in groups of one name
    # a rule's findings (filters); counted by rule and severity from the index alone (an audit's summary)
    ("findings", ["catalog_id", "rule", "severity"], False),
    ("decisions", ["catalog_id", "code", "id"], False),
    ("decisions", ["catalog_id", "id"], False),  # the log's head, which every new entry chains to
    ("decisions", ["undoes"], False),
    ("versions", ["catalog_id", "label"], True),
    ("version_fees", ["version_id"], False),
    ("version_items", ["version_id", "position"], False),
    # covering indexes: a diff reads (code, hash key) of two sides from the index alone
    ("version_items", ["version_id", "code", "hkey"], False),
    ("items", ["catalog_id", "code", "hkey"], False),
]


def set_indexes_aside(conn: sqlite3.Connection, where: str) -> list[str]:
    """Drop the indexes sqlite_master's rows where (SQL) picks and return their SQL: a table filled in bulk is
    quicker to index once the rows are in than row by row. Run the SQL in the same transaction."""
    rows = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND {where} ORDER BY rowid"
    ).fetchall()
    for name, _ in rows:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


RETIRED_INDEXES = ("idx_findings_catalog_id_rule",)  # schema 6's, replaced by (catalog_id, rule, severity)


READ_ONLY_OLD = (
    "holds no catalogue yet, or was written by an older itemclean and needs upgrading; "
    "open it once where it can be written"
)


def check(conn: sqlite3.Connection, path: object) -> int:
    """The schema version of an itemclean database; anything else is refused before a byte is written."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise BadInput(t("newer-schema", path=path, version=version, ours=SCHEMA_VERSION))
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    if version == 0 and tables:
        shown = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
        raise BadInput(t("foreign-database", path=path, tables=shown))
    return version


def create(conn: sqlite3.Connection) -> None:
    """Tables and indexes, through sqlite-utils (imported here only: opening a database needs none of it)."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    for name, spec in TABLES.items():
        db[name].create(spec["columns"], pk=spec.get("pk"), not_null=spec.get("not_null"), if_not_exists=True)
        have = db[name].columns_dict
        for column, kind in spec["columns"].items():  # a database of an earlier schema gains the new columns
            if column not in have:
                db[name].add_column(column, kind)
    for table, cols, unique in INDEXES:
        db[table].create_index(cols, unique=unique, if_not_exists=True)
    for name in RETIRED_INDEXES:  # a database of an earlier schema loses the indexes replaced
        db.execute(f'DROP INDEX IF EXISTS "{name}"')
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
