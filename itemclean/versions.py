"""Approval and verification of versions: the draft frozen as the published catalogue (目录管理)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from .audit import audit_draft, fingerprint, run_rules, selected_rules
from .errors import BadInput, Refused
from .messages import language, t
from .model import Item, default_title, layout_columns
from .normalize import norm_name
from .review import Blocker, blockers, stored_blockers
from .serialise import item_from_data
from .states import ItemState, published, publishes, states
from .store import Catalog, Store, now
from .store.items import hash_key
from .store.versions import Version, VersionRow, chain_hash, version_row


@dataclass
class Approval:
    version: Version | None
    blockers: list[Blocker]


def approve(
    store: Store,
    cat: Catalog,
    label: str,
    *,
    reviewer: str,
    reference,
    as_of: dt.date | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> Version:
    """Re-audit (what changed since the last audit), refuse with the blockers while any remain, else freeze
    the draft as version `label`: its items, the columns and title it is published with, and the charges
    it removes. The blockers are found in SQL and the items written as they are read: memory stays flat."""

    if not label.strip():
        raise BadInput(t("needs-label"))
    as_of = as_of or dt.date.today()
    with store.write():
        audit_draft(store, cat, reference, as_of, lang=lang)
        shown, count = [], 0
        for b in stored_blockers(store, cat):
            count += 1
            if len(shown) < SHOWN_BLOCKERS:
                shown.append(f"  {b.code}  {b.name}: {b.why}")
        if count:
            more = "\n " + t("and-more", n=count - SHOWN_BLOCKERS) if count > SHOWN_BLOCKERS else ""
            raise Refused(t("approval-refused", n=count) + "\n" + "\n".join(shown) + more)
        removed: list[tuple] = []
        return store.create_version(
            cat,
            label.strip(),
            reviewer,
            now(),
            published_rows(store, cat.id, removed),
            removed,
            columns=layout_columns(cat.layout, store.used_fields(cat.id)),
            title=(title or "").strip() or default_title(cat.name),
        )


SHOWN_BLOCKERS = 200  # blockers listed when approval is refused; all are counted


def published_items(
    store: Store, catalog_id: int, st: dict[str, ItemState] | None, removed: list[tuple] | None = None
) -> Iterator[Item]:
    """The items as approval publishes them, streamed: abolished and merged items out, fees flagged for
    removal out (review.published). Each charge left out is added to `removed`, when given, as
    (code, name, department, fee name, standard, basis, reason). An undecided item, which approval
    refuses, is published as it stands: this is also what the draft would publish now. st: the states
    of the items (states.states); None reads each item's beside it from the log, in SQL (now)."""
    return _publish(store.iter_items(catalog_id), _states(store, catalog_id, st), removed)


def published_rows(store: Store, catalog_id: int, removed: list[tuple]) -> Iterator[VersionRow]:
    """What published_items gives (the log read now), each item as a version stores it, streamed: made by
    SQLite (store.version_rows), but the items it leaves to Python, which are published here, in step.
    The log is read before this returns, not as the rows are taken: writing the version's record first
    would make the store read it again."""
    fees = store.fee_removals(catalog_id)
    rows, by_python = store.version_rows(catalog_id)
    return _rows(rows, by_python, fees, removed)


def _rows(rows: Iterator[tuple], by_python: Iterator[Item], fees: dict, removed: list[tuple]) -> Iterator[VersionRow]:
    for code, status, reason, h, key, data in rows:
        if data is not None:
            yield code, h, key, data
        elif (item := _published(next(by_python), _state(code, status, reason, fees), removed)) is not None:
            yield version_row(item)


def _publish(items: Iterator[Item], st: Iterator[ItemState], removed: list[tuple] | None) -> Iterator[Item]:
    for item, s in zip(items, st):
        if (out := _published(item, s, removed)) is not None:
            yield out


def _published(item: Item, s: ItemState, removed: list[tuple] | None) -> Item | None:
    """The item as its state publishes it, or None when it is not published; the charges that go are added
    to removed (all of an item not published)."""
    if not publishes(s):
        if removed is not None:
            removed.extend(
                (item.code, item.name, item.department, f.name, f.standard, f.basis, s.reason or s.status)
                for f in item.fees
            )
        return None
    if removed is not None:
        removed.extend(
            (item.code, item.name, item.department, f.name, f.standard, f.basis, s.removed_fees[norm_name(f.name)])
            for f in item.fees
            if norm_name(f.name) in s.removed_fees
        )
    return published(item, s)


def _state(code: str, status: str | None, reason: str, fees: dict[str, dict[str, str]]) -> ItemState:
    return ItemState(status=status, reason=reason, removed_fees=fees.get(code, {}))


def _states(store: Store, catalog_id: int, st: dict[str, ItemState] | None) -> Iterator[ItemState]:
    """The state of each item in catalogue order, as far as publishing needs it (the log is read now)."""
    if st is not None:
        return (st.get(code) or ItemState() for code in store.codes(catalog_id))
    fees = store.fee_removals(catalog_id)
    return (_state(code, status, reason, fees) for code, status, reason in store.publish_states(catalog_id))


def check_approval(
    store: Store, cat: Catalog, *, reference, as_of: dt.date | None = None, lang: str | None = None
) -> list[Blocker]:
    """What would block approval now, without writing findings: from the stored findings when they are
    those of this reference and date and no item changed since, else by running the rules."""
    as_of = as_of or dt.date.today()
    chosen = selected_rules(reference)
    if store.audit_fingerprint(cat.id) == fingerprint(reference, as_of, language(lang), chosen) and (
        not store.changed_since_audit(cat.id)
    ):
        return list(stored_blockers(store, cat))
    findings, _, _ = run_rules(store.iter_items(cat.id), reference, as_of)
    return blockers(store, cat, findings, states(store, cat.id))


@dataclass
class VerifyResult:
    label: str
    ok: bool
    problem: str = ""


def verify(store: Store, cat: Catalog) -> list[VerifyResult]:
    """SQLite's integrity check, the decision log's chain, then every version: each item against its hash,
    the whole frozen record, and the link to the version before. Names what no longer matches."""
    damaged = store.integrity_problems()
    if damaged:  # nothing read from a damaged file can be trusted: say so and stop
        return [VerifyResult("database", False, t("file-damaged", what="; ".join(damaged[:5])))]
    out = []
    log = store.verify_log(cat.id)
    out.append(VerifyResult("log", not log, log))
    prev = ""
    for v in store.versions(cat.id):
        problems = []
        lines = []  # (code, hash) of every item: only a version of the first scheme is hashed over them
        for code, stored, key, data in store.version_hash_lines(v.id):
            actual = item_from_data(json.loads(data)).content_hash
            if actual != stored or key != hash_key(actual):
                problems.append(t("item-hash", code=code))
            if v.scheme < 2:
                lines.append((code, actual))
        if v.prev_hash != prev:
            problems.append(t("link-broken"))
        if v.scheme >= 2:
            if store.frozen_hash(v, cat.name) != v.hash:
                problems.append(t("frozen-hash"))
            if v.log_id and store.log_entry_hash(v.log_id) != v.log_hash:
                problems.append(t("log-entry-changed", id=v.log_id))
        elif chain_hash(v.prev_hash, v.label, lines) != v.hash:
            problems.append(t("content-hash"))
        out.append(VerifyResult(v.label, not problems, "; ".join(problems)))
        prev = v.hash
    return out


def resolve_version(store: Store, cat: Catalog, label: str) -> Version:
    v = store.version(cat.id, label)
    if v is None:
        raise BadInput(t("no-version", catalog=cat.name, label=label))
    return v


__all__ = ["Approval", "Refused", "approve", "check_approval", "published_items", "publishes", "verify"]
