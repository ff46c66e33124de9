"""Approval and verification of versions: the draft frozen as the published catalogue (目录管理)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import BadInput, Refused
from .model import Fee, Item
from .normalize import norm_name
from .parsing import parse_citation, parse_limit
from .review import Blocker, ItemState, blockers, published, states
from .store import Catalog, Store, now
from .store.items import hash_key
from .store.versions import Version, chain_hash


def item_data(item: Item) -> dict[str, Any]:
    """What a version stores of an item: its fields, and the cell text it was read with."""
    d: dict[str, Any] = {"item": item.as_dict()}
    if item.extra:
        d["extra"] = list(item.extra)
    if item.raw:
        d["raw"] = item.raw
    return d


def item_from_data(d: dict[str, Any]) -> Item:
    f = dict(d["item"])
    extra_keys = d.get("extra", [])
    return Item(
        code=f["code"],
        name=f["name"],
        department=f["department"],
        category=f["category"],
        basis=[parse_citation(t) for t in f["basis"]],
        materials=list(f["materials"]),
        procedure=f["procedure"],
        statutory_limit=parse_limit(f["statutory_limit"]),
        promised_limit=parse_limit(f["promised_limit"]),
        fees=[Fee(x["name"], x["standard"], x["basis"]) for x in f["fees"]],
        notes=f["notes"],
        extra={k: f[k] for k in extra_keys},
        raw=dict(d.get("raw", {})),
    )


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
) -> Version:
    """Re-audit, refuse with the blockers while any remain, else freeze the draft as version `label`."""
    from .audit import audit_draft

    if not label.strip():
        raise BadInput("approve needs a --label")
    as_of = as_of or dt.date.today()
    with store.write():
        report = audit_draft(store, cat, reference, as_of, lang=lang)
        st = states(store, cat.id)
        blocking = blockers(store, cat, report.findings, st)
        if blocking:
            lines = [f"  {b.code}  {b.name}: {b.why}" for b in blocking[:200]]
            more = f"\n  … and {len(blocking) - 200} more" if len(blocking) > 200 else ""
            raise Refused(f"approval refused: {len(blocking)} item(s) block it\n" + "\n".join(lines) + more)
        removed: list[tuple] = []
        kept = published_items(store, cat.id, st, removed)
        return store.create_version(cat.id, label.strip(), reviewer, now(), kept, removed)


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
    from .audit import run_rules

    findings, _, _ = run_rules(store.iter_items(cat.id), reference, as_of or dt.date.today())
    return blockers(store, cat, findings, states(store, cat.id))


@dataclass
class VerifyResult:
    label: str
    ok: bool
    problem: str = ""


def verify(store: Store, cat: Catalog) -> list[VerifyResult]:
    """Recompute every item hash and the chain; name each version that no longer matches."""
    out = []
    prev = ""
    for v in store.versions(cat.id):
        problems = []
        lines = []
        for code, stored, key, data in store.version_hash_lines(v.id):
            actual = item_from_data(json.loads(data)).content_hash
            if actual != stored or key != hash_key(actual):
                problems.append(f"item {code} does not match its hash")
            lines.append((code, actual))
        if v.prev_hash != prev:
            problems.append("its link to the previous version is broken")
        if chain_hash(v.prev_hash, v.label, lines) != v.hash:
            problems.append("its content hash does not match")
        out.append(VerifyResult(v.label, not problems, "; ".join(problems)))
        prev = v.hash
    return out


def resolve_version(store: Store, cat: Catalog, label: str) -> Version:
    v = store.version(cat.id, label)
    if v is None:
        raise BadInput(f"{cat.name}: no approved version {label!r}")
    return v


__all__ = [
    "Approval",
    "Refused",
    "approve",
    "check_approval",
    "item_data",
    "item_from_data",
    "published_items",
    "publishes",
    "verify",
]
