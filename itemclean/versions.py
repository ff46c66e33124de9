"""Approval and verification of versions: the draft frozen as the published catalogue (目录管理)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from .audit import audit_draft, run_rules
from .errors import BadInput, Refused
from .messages import t
from .model import Item, default_title, layout_columns
from .normalize import norm_name
from .review import Blocker, blockers
from .serialise import item_from_data
from .states import ItemState, published, states
from .store import Catalog, Store, now
from .store.items import hash_key
from .store.versions import Version, chain_hash


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
    """Re-audit, refuse with the blockers while any remain, else freeze the draft as version `label`:
    its items, the columns and title it is published with, and the charges it removes."""

    if not label.strip():
        raise BadInput(t("needs-label"))
    as_of = as_of or dt.date.today()
    with store.write():
        report = audit_draft(store, cat, reference, as_of, lang=lang)
        st = states(store, cat.id)
        blocking = blockers(store, cat, report.findings, st)
        if blocking:
            lines = [f"  {b.code}  {b.name}: {b.why}" for b in blocking[:200]]
            more = "\n " + t("and-more", n=len(blocking) - 200) if len(blocking) > 200 else ""
            raise Refused(t("approval-refused", n=len(blocking)) + "\n" + "\n".join(lines) + more)
        removed: list[tuple] = []
        return store.create_version(
            cat,
            label.strip(),
            reviewer,
            now(),
            published_items(store, cat.id, st, removed),
            removed,
            columns=layout_columns(cat.layout, store.used_fields(cat.id)),
            title=(title or "").strip() or default_title(cat.name),
        )


def publishes(s: ItemState | None) -> bool:
    """Whether approval carries the item: not when it was abolished or merged into another."""
    return s is None or s.status not in ("abolish", "merge")


def published_items(
    store: Store, catalog_id: int, st: dict[str, ItemState], removed: list[tuple] | None = None
) -> Iterator[Item]:
    """The items as approval publishes them, streamed: abolished and merged items out, fees flagged for
    removal out (review.published). Each charge left out is added to `removed`, when given, as
    (code, name, department, fee name, standard, basis, reason). An undecided item, which approval
    refuses, is published as it stands: this is also what the draft would publish now."""
    for item in store.iter_items(catalog_id):
        s = st.get(item.code) or ItemState()
        if not publishes(s):
            if removed is not None:
                removed.extend(
                    (item.code, item.name, item.department, f.name, f.standard, f.basis, s.reason or s.status)
                    for f in item.fees
                )
            continue
        if removed is not None:
            removed.extend(
                (item.code, item.name, item.department, f.name, f.standard, f.basis, s.removed_fees[norm_name(f.name)])
                for f in item.fees
                if norm_name(f.name) in s.removed_fees
            )
        yield published(item, s)


def check_approval(store: Store, cat: Catalog, *, reference, as_of: dt.date | None = None) -> list[Blocker]:
    """What would block approval now, without writing findings."""

    findings, _, _ = run_rules(store.iter_items(cat.id), reference, as_of or dt.date.today())
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
        lines = []
        for code, stored, key, data in store.version_hash_lines(v.id):
            actual = item_from_data(json.loads(data)).content_hash
            if actual != stored or key != hash_key(actual):
                problems.append(t("item-hash", code=code))
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
