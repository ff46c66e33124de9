"""The hashes that make the log and the versions tamper-evident.

Each decision's hash covers the hash of the catalogue's entry before it and every column of its own; each
version's hash covers the version before it, its whole record (label, reviewer, time, title, columns,
the head of the decision log), every byte stored of every item in its order, and the removed charges.
So an entry altered, removed, inserted or back-dated, and any stored byte of a version changed, no longer
matches. What a chain cannot show is a rewrite of everything after some point with the hashes computed
again: that is what the SHA-256 printed on the published page is for, an anchor outside the database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence

# The columns of a decision that its hash covers, in this order (catalog_id and id are its place).
DECISION_FIELDS = (
    "id",
    "catalog_id",
    "code",
    "action",
    "target",
    "fee",
    "rule",
    "field",
    "old",
    "new",
    "reason",
    "reviewer",
    "at",
    "item_hash",
    "undoes",
    "replaces",
)

VERSION_SCHEME = 2  # versions of scheme 1 hashed only (code, item hash) pairs; verify reads both


def _digest(parts: Iterable[object]) -> str:
    return hashlib.sha256(json.dumps(list(parts), ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def decision_hash(prev: str, values: Sequence[object]) -> str:
    """The hash of one log entry: the previous entry's hash and the entry's DECISION_FIELDS values."""
    return _digest([prev, *values])


def data_hash(data: str | bytes) -> str:
    """The hash of an item of a version exactly as stored (its fields and its cell text; bytes: in UTF-8)."""
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode()).hexdigest()


def version_hash(
    prev: str,
    record: dict[str, object],
    items: Iterable[tuple[int, str, str]],
    removed: Iterable[Sequence[object]],
) -> str:
    """SHA-256 over the version before, the record, (position, code, data hash) of every item, and the
    removed charges, each on a line of its own."""
    return version_hash_of_lines(prev, record, (item_line(*it) for it in items), removed)


def item_line(position: int, code: str, digest: str) -> bytes:
    """An item's line of a version's hash."""
    return f"{position}\t{code}\t{digest}\n".encode()


def version_hash_of_lines(
    prev: str, record: dict[str, object], lines: Iterable[bytes], removed: Iterable[Sequence[object]]
) -> str:
    """version_hash, the items' lines already made (item_line): approval makes them as it stores the items."""
    h = hashlib.sha256(f"itemclean version {VERSION_SCHEME}\n{prev}\n".encode())
    h.update((json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode())
    for line in lines:
        h.update(line)
    h.update(b"removed charges\n")
    for row in removed:
        h.update((json.dumps(list(row), ensure_ascii=False) + "\n").encode())
    return h.hexdigest()
