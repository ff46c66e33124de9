"""The state of each item, derived from the append-only decision log every time: what the log says is
what the tool does. The audit reads it (is a finding resolved?), the review writes through review.py."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import groupby
from operator import itemgetter
from typing import Any

from .model import Item
from .normalize import norm_name
from .store import Store
from .store.decisions import Decision

STATUS_ACTIONS = ("keep", "abolish", "amend", "merge")


@dataclass
class ItemState:
    status: str | None = None  # keep | abolish | amend | merge, None while undecided
    target: str | None = None
    reason: str = ""
    reviewer: str = ""
    at: str = ""
    decision_id: int = 0
    stale: bool = False  # changed by a re-import after it was decided: needs re-review
    removed_fees: dict[str, str] = field(default_factory=dict)  # normalised fee name → reason
    fee_removals: dict[str, Decision] = field(default_factory=dict)  # normalised fee name → its removal
    overrides: dict[str, str] = field(default_factory=dict)  # rule id → reason

    @property
    def label(self) -> str:
        if self.status is None:
            return "undecided"
        return "needs-review" if self.stale else self.status

    @property
    def decided(self) -> bool:
        return self.status is not None and not self.stale

    @property
    def kept(self) -> bool:
        return self.status in ("keep", "amend")


def fold(decisions: list[Decision], marks: dict[str, int]) -> dict[str, ItemState]:
    """The state of each item from its effective decisions, oldest first."""
    states: dict[str, ItemState] = {}
    for d in decisions:
        s = states.setdefault(d.code, ItemState())
        if d.action in STATUS_ACTIONS:
            s.status, s.target, s.reason, s.reviewer, s.at, s.decision_id = (
                d.action,
                d.target,
                d.reason,
                d.reviewer,
                d.at,
                d.id,
            )
        elif d.action == "remove-fee":
            s.removed_fees[norm_name(d.fee or "")] = d.reason
            s.fee_removals[norm_name(d.fee or "")] = d
        elif d.action == "keep-fee":
            s.removed_fees.pop(norm_name(d.fee or ""), None)
            s.fee_removals.pop(norm_name(d.fee or ""), None)
        elif d.action == "override":
            s.overrides[d.rule or ""] = d.reason
    for code, s in states.items():
        s.stale = s.status is not None and s.decision_id <= marks.get(code, 0)
    return states


def states(store: Store, catalog_id: int) -> dict[str, ItemState]:
    return fold(store.decisions(catalog_id, effective=True), store.import_marks(catalog_id))


def item_states(
    store: Store, catalog_id: int, upto: int | None = None
) -> Iterator[tuple[str, ItemState | None, list[Decision]]]:
    """Each item in catalogue order with its state and its effective decisions, folded an item at a time from
    the log as it is read (a province's log is never held): what states() gives the item, None when the log
    does not name it. With upto, the log as it stood at that entry (an import mark after it does not count)."""
    for code, rows in groupby(store.item_logs(catalog_id, upto), key=itemgetter(0)):
        rows = list(rows)
        log = [d for _, _, d in rows if d is not None]
        if not log:
            yield code, None, []
            continue
        mark = rows[0][1]
        marks = {code: mark} if mark and (upto is None or mark <= upto) else {}
        yield code, fold(log, marks)[code], log


def along(
    things: Iterable[Any], states: Iterator[tuple[str, ItemState | None, list[Decision]]]
) -> Iterator[tuple[Any, ItemState | None, list[Decision]]]:
    """Things of the catalogue's items (items, findings: each with a code, in catalogue order, an item's
    together) beside their item's state and decisions, read from item_states() in step."""
    at = next(states, None)
    for x in things:
        while at is not None and at[0] != x.code:
            at = next(states, None)
        yield (x, at[1], at[2]) if at is not None else (x, None, [])


def state_of(store: Store, catalog_id: int, code: str) -> ItemState:
    marks = {}
    row = store.conn.execute(
        "SELECT import_mark FROM items WHERE catalog_id = ? AND code = ?", (catalog_id, code)
    ).fetchone()
    if row and row[0]:
        marks[code] = row[0]
    return fold(store.decisions(catalog_id, code, effective=True), marks).get(code, ItemState())


def is_resolved(finding, s: ItemState | None) -> bool:
    """RULES.md: abolished or merged item, fee flagged for removal, or an override with a reason."""
    if s is None:
        return False
    if s.status in ("abolish", "merge") and not s.stale:
        return True
    if finding.rule in s.overrides:
        return True
    return finding.field == "fees" and norm_name(finding.entry) in s.removed_fees


def resolution(store: Store, catalog_id: int, findings: list) -> list[bool]:
    st = states(store, catalog_id)
    return [is_resolved(f, st.get(f.code)) for f in findings]


def published(item: Item, s: ItemState) -> Item:
    """The item as the approved catalogue carries it: without the fees flagged for removal."""
    if not s.removed_fees:
        return item
    fees = [f for f in item.fees if norm_name(f.name) not in s.removed_fees]
    raw = {k: v for k, v in item.raw.items() if k != "fees"}
    return replace(item, fees=fees, raw=raw)


def publishes(s: ItemState | None) -> bool:
    """Whether approval carries the item: not when it was abolished or merged into another."""
    return s is None or s.status not in ("abolish", "merge")
