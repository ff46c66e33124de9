"""The review workflow: decisions, fee removals, overrides, edits and undo, as the CLI and TUI call them.

State is derived from the append-only log every time, so what the log says is what the tool does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .audit import placed, reaudit_items, run_rules
from .errors import BadInput, Problem, Refused
from .messages import t
from .model import FIELDS, Item
from .normalize import is_empty_word, norm_name
from .parsing import parse_basis, parse_fees, parse_limit, split_list
from .paths import default_reference
from .readers import read_csv_rows
from .rules import REGISTRY, load_reference
from .states import STATUS_ACTIONS, ItemState, fold, is_resolved, published, resolution, state_of, states
from .store import Catalog, Store, now
from .store.decisions import Decision

FEE_ACTIONS = ("remove-fee", "keep-fee")
EDITABLE = tuple(k for k in FIELDS if k != "code")


# --- writing decisions -------------------------------------------------------------------------

Seen = tuple[str, int]  # (item hash, last decision id) as the reviewer loaded the item


def _check(store: Store, cat: Catalog, code: str, expect: Seen | None) -> tuple[str, int]:
    current = store.item_version(cat.id, code)
    if current is None:
        raise BadInput(t("no-item", catalog=cat.name, code=code))
    if expect is not None and tuple(expect) != current:
        last = store.decisions(cat.id, code)
        who = t("last-decision", action=last[-1].action, reviewer=last[-1].reviewer, at=last[-1].at) if last else ""
        raise Refused(t("item-changed", code=code, who=who))
    return current


def merge_target_refusal(store: Store, cat: Catalog, target: str) -> str | None:
    """Why nothing can be merged into target, or None: an item itself abolished or merged (the published
    catalogue would carry neither item, and the merge would lose what it merges)."""
    gone = state_of(store, cat.id, target)
    if gone.status not in ("abolish", "merge"):
        return None
    key = "merge-target-abolished" if gone.status == "abolish" else "merge-target-merged"
    return t(key, code=target, into=gone.target or "", reason=gone.reason)


def decide(
    store: Store,
    cat: Catalog,
    codes: list[str],
    action: str,
    *,
    reviewer: str,
    reason: str = "",
    target: str | None = None,
    expect: Seen | None = None,
) -> list[int]:
    """Keep, abolish, amend or merge items; all of them or none."""
    if action not in STATUS_ACTIONS:
        raise BadInput(t("unknown-decision-of", action=action, known=", ".join(STATUS_ACTIONS)))
    if action == "merge":
        if not target:
            raise BadInput(t("merge-needs-target"))
        if target in codes:
            raise BadInput(t("merge-into-itself", target=target))
    if action in ("abolish", "merge", "amend") and not reason.strip():
        raise BadInput(t("needs-reason-option", action=action))
    at, ids = now(), []
    with store.write():
        if action == "merge" and store.item_version(cat.id, target) is None:
            raise BadInput(t("no-merge-target", catalog=cat.name, code=target))
        if action == "merge" and (why := merge_target_refusal(store, cat, target)):
            raise BadInput(why)
        if expect is None and len(codes) > 1:  # a batch: one statement for all, no lookup per item
            missing = store.missing_codes(cat.id, codes)
            if missing:
                shown = ", ".join(repr(c) for c in missing[:10]) + (" …" if len(missing) > 10 else "")
                raise BadInput(t("no-items", catalog=cat.name, codes=shown))
            replaces = store.status_ids(cat.id, codes)
            return store.append_decisions(
                cat.id, codes, action, reviewer=reviewer, at=at, reason=reason, target=target, replaces=replaces
            )
        for code in codes:
            h, _ = _check(store, cat, code, expect)
            before = state_of(store, cat.id, code)
            ids.append(
                store.append_decision(
                    cat.id,
                    code,
                    action,
                    reviewer=reviewer,
                    at=at,
                    reason=reason,
                    target=target,
                    item_hash=h,
                    replaces=before.decision_id if before.status is not None else None,
                )
            )
    return ids


def never_decided(store: Store, cat: Catalog) -> tuple[list[str], list[str]]:
    """(codes of items no one has decided, codes of items waiting for re-review), in catalogue order.

    What a bulk decision may act on is the first list only: an item waiting for re-review was decided
    by someone, and replacing that decision is a decision of its own, item by item."""
    return store.undecided_codes(cat.id)


def decide_fee(
    store: Store,
    cat: Catalog,
    code: str,
    fee: str,
    *,
    remove: bool = True,
    reviewer: str,
    reason: str = "",
    expect: Seen | None = None,
) -> int:
    item = store.get_item(cat.id, code)
    if item is None:
        raise BadInput(t("no-item", catalog=cat.name, code=code))
    names = {norm_name(f.name): f.name for f in item.fees}
    if norm_name(fee) not in names:
        listed = "; ".join(names.values()) or t("none")
        raise BadInput(t("no-fee", code=code, fee=fee, listed=listed))
    if remove and not reason.strip():
        raise BadInput(t("fee-needs-reason"))
    with store.write():
        h, _ = _check(store, cat, code, expect)
        first = state_of(store, cat.id, code).fee_removals.get(norm_name(fee)) if remove else None
        if first is not None:
            raise Refused(
                t(
                    "fee-flagged",
                    code=code,
                    fee=names[norm_name(fee)],
                    reviewer=first.reviewer,
                    on=first.at[:10],
                    id=first.id,
                    reason=first.reason,
                )
            )
        return store.append_decision(
            cat.id,
            code,
            "remove-fee" if remove else "keep-fee",
            reviewer=reviewer,
            at=now(),
            reason=reason,
            fee=names[norm_name(fee)],
            item_hash=h,
        )


def override(
    store: Store, cat: Catalog, code: str, rule: str, *, reviewer: str, reason: str, expect: Seen | None = None
) -> int:

    if rule not in REGISTRY:
        raise BadInput(t("unknown-rule", rule=rule))
    if not reason.strip():
        raise BadInput(t("override-needs-reason"))
    with store.write():
        h, _ = _check(store, cat, code, expect)
        return store.append_decision(
            cat.id, code, "override", reviewer=reviewer, at=now(), reason=reason, rule=rule, item_hash=h
        )


def undo(
    store: Store, cat: Catalog, code: str, *, reviewer: str, reason: str = "", expect: Seen | None = None
) -> Decision:
    """Reverse the item's latest effective entry with a new entry; an edit's old value comes back."""
    with store.write():
        _check(store, cat, code, expect)
        live = store.decisions(cat.id, code, effective=True)
        if not live:
            raise BadInput(t("nothing-to-undo", code=code))
        last = live[-1]
        at = now()
        if last.action == "edit":
            item = store.get_item(cat.id, code)
            restored = with_field(item, last.field or "", last.old or "")
            store.replace_item(cat.id, restored, at)
            reaudit(store, cat, restored)
        h = store.item_version(cat.id, code)[0]
        store.append_decision(
            cat.id,
            code,
            "undo",
            reviewer=reviewer,
            at=at,
            reason=reason,
            undoes=last.id,
            field=last.field,
            old=last.new,
            new=last.old,
            item_hash=h,
        )
    return last


# --- edits -------------------------------------------------------------------------------------


def with_field(item: Item, key: str, text: str) -> Item:
    """The item with one field set from cell text in FORMAT.md syntax."""

    if key not in EDITABLE:
        raise BadInput(t("cannot-edit", key=key, fields=", ".join(EDITABLE)))
    raw = {k: v for k, v in item.raw.items() if k != key}
    parsed: dict = {
        "basis": parse_basis,
        "materials": split_list,
        "fees": parse_fees,
        "statutory_limit": parse_limit,
        "promised_limit": parse_limit,
    }
    if key in parsed:
        value = parsed[key](text)
        if key == "fees" and any(not f.name for f in value):
            raise BadInput(t("fee-needs-name"))
    else:
        value = "" if is_empty_word(text) else text.strip()
        if key == "name" and not value:
            raise BadInput(t("name-empty"))
    new = replace(item, raw=raw, **{key: value})
    if new.canonical_cell(key) != text:
        new.raw[key] = text
    return new


def edit(
    store: Store,
    cat: Catalog,
    code: str,
    changes: dict[str, str],
    *,
    reviewer: str,
    reason: str = "",
    reference=None,
    as_of: dt.date | None = None,
    expect: Seen | None = None,
) -> Item:
    """Amend fields of the draft: each change logged with its old and new text, then the item re-audited."""
    with store.write():
        _check(store, cat, code, expect)
        item = store.get_item(cat.id, code)
        at = now()
        for key, text in changes.items():
            old = item.cell(key)
            if old == text:
                continue
            item = with_field(item, key, text)
            store.replace_item(cat.id, item, at)
            store.append_decision(
                cat.id,
                code,
                "edit",
                reviewer=reviewer,
                at=at,
                reason=reason,
                field=key,
                old=old,
                new=text,
                item_hash=item.content_hash,
            )
        if state_of(store, cat.id, code).status != "amend":
            store.append_decision(
                cat.id,
                code,
                "amend",
                reviewer=reviewer,
                at=at,
                reason=reason or "edited: " + ", ".join(changes),
                item_hash=item.content_hash,
            )
        reaudit(store, cat, item, reference=reference, as_of=as_of)
    return item


def reaudit(store: Store, cat: Catalog, item: Item, *, reference=None, as_of: dt.date | None = None) -> None:
    """Replace one item's findings at once after an edit: the item alone, and the duplicate-name groups of
    its names before and after, when the stored findings follow this reference and date; else its findings
    of every rule but the catalogue-wide ones (the next audit does the rest)."""

    if reference is None:
        reference = load_reference(default_reference())
    as_of = as_of or dt.date.fromisoformat(store.audited(cat.id) or dt.date.today().isoformat())
    if reaudit_items(store, cat, reference, as_of, [item.code]):
        return
    wide = [rid for rid, r in REGISTRY.items() if r.scope == "catalogue"]  # one item alone cannot tell
    found, _, _ = run_rules([item], reference, as_of, only=None)
    found = [f for f in found if f.rule not in wide]
    store.replace_item_findings(cat.id, item.code, list(placed(found)), as_of.isoformat(), keep=wide)


# --- batch decisions from a file ---------------------------------------------------------------

DECISION_WORDS = {
    "keep": "keep",
    "保留": "keep",
    "abolish": "abolish",
    "废止": "abolish",
    "取消": "abolish",
    "amend": "amend",
    "修改": "amend",
    "merge": "merge",
    "合并": "merge",
    "remove-fee": "remove-fee",
    "取消收费": "remove-fee",
    "keep-fee": "keep-fee",
    "override": "override",
}


def decide_from_file(store: Store, cat: Catalog, path: Path, *, reviewer: str) -> int:
    """CSV columns code, decision, reason and optionally target, fee, rule: all rows or none."""

    if not path.is_file():
        raise BadInput(Problem(str(path), None, None, t("no-such-file")))
    rows = read_csv_rows(path)  # an unclosed quote, a bare CR, bytes that do not decode: refused where they are
    if not rows:
        raise BadInput(Problem(str(path), None, None, t("empty-file")))
    aliases = {
        "code": ("code", "事项编码", "编码"),
        "decision": ("decision", "决定", "处理意见"),
        "reason": ("reason", "理由", "原因"),
        "target": ("target", "merge_into", "合并至"),
        "fee": ("fee", "收费项目"),
        "rule": ("rule", "规则"),
    }
    head = [h.strip().lstrip("\ufeff").casefold() for h in rows[0]]
    cols = {k: next((i for i, h in enumerate(head) if h in names), None) for k, names in aliases.items()}
    problems = [Problem(str(path), 1, None, t("no-column", column=k)) for k in ("code", "decision") if cols[k] is None]
    if problems:
        raise BadInput(problems)
    known = set(store.codes(cat.id))
    plan = []
    for n, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        get = {k: (row[i].strip() if i is not None and i < len(row) else "") for k, i in cols.items()}
        action = DECISION_WORDS.get(get["decision"].casefold())
        where = cols["decision"] + 1
        if get["code"] not in known:
            problems.append(Problem(str(path), n, cols["code"] + 1, t("no-item-code", code=get["code"])))
        elif action is None:
            problems.append(Problem(str(path), n, where, t("unknown-decision", decision=get["decision"])))
        elif action == "merge" and get["target"] not in known:
            problems.append(Problem(str(path), n, where, t("merge-target-unknown", target=get["target"])))
        elif action in ("abolish", "merge", "amend", "override", "remove-fee") and not get["reason"]:
            problems.append(Problem(str(path), n, where, t("needs-reason", action=action)))
        elif action in FEE_ACTIONS and not get["fee"]:
            problems.append(Problem(str(path), n, where, t("needs-fee", action=action)))
        elif action == "override" and not get["rule"]:
            problems.append(Problem(str(path), n, where, t("needs-rule")))
        else:
            plan.append((n, action, get))
    if problems:
        raise BadInput(problems)
    with store.write():
        for n, action, g in plan:
            try:
                if action in STATUS_ACTIONS:
                    decide(
                        store,
                        cat,
                        [g["code"]],
                        action,
                        reviewer=reviewer,
                        reason=g["reason"],
                        target=g["target"] or None,
                    )
                elif action in FEE_ACTIONS:
                    decide_fee(
                        store,
                        cat,
                        g["code"],
                        g["fee"],
                        remove=action == "remove-fee",
                        reviewer=reviewer,
                        reason=g["reason"],
                    )
                else:
                    override(store, cat, g["code"], g["rule"], reviewer=reviewer, reason=g["reason"])
            except (BadInput, Refused) as e:
                problems.append(Problem(str(path), n, None, str(e)))
        if problems:
            raise BadInput(problems)
    return len(plan)


# --- approval ----------------------------------------------------------------------------------


@dataclass
class Blocker:
    code: str
    name: str
    why: str  # in the language of the process (messages.t)
    undecided: bool = False


def blockers(store: Store, cat: Catalog, findings: list, st: dict[str, ItemState]) -> list[Blocker]:
    """What stops approval: undecided items, and kept items with an unresolved error finding."""
    out = []
    errors: dict[str, list] = {}
    for f in findings:
        if f.severity == "error" and not is_resolved(f, st.get(f.code)):
            errors.setdefault(f.code, []).append(f)
    for code, name in store.conn.execute(
        "SELECT code, name FROM items WHERE catalog_id = ? ORDER BY position", (cat.id,)
    ):
        s = st.get(code)
        if s is None or s.status is None:
            out.append(Blocker(code, name, t("undecided"), undecided=True))
        elif s.stale:
            out.append(Blocker(code, name, t("needs-re-review")))
        elif s.kept and code in errors:
            out.append(Blocker(code, name, t("unresolved-errors", rules=", ".join(f.rule for f in errors[code]))))
    return out


def stored_blockers(store: Store, cat: Catalog) -> Iterator[Blocker]:
    """The same as blockers, from the stored findings and the log in SQL, streamed (a province's)."""
    for code, name, why, rules in store.approval_blockers(cat.id):
        if why == "undecided":
            yield Blocker(code, name, t("undecided"), undecided=True)
        elif why == "stale":
            yield Blocker(code, name, t("needs-re-review"))
        else:
            yield Blocker(code, name, t("unresolved-errors", rules=rules))


__all__ = [  # the decisions' states are the review's vocabulary too: callers find them here
    "EDITABLE",
    "FEE_ACTIONS",
    "STATUS_ACTIONS",
    "Blocker",
    "ItemState",
    "blockers",
    "stored_blockers",
    "decide",
    "decide_fee",
    "decide_from_file",
    "edit",
    "fold",
    "is_resolved",
    "never_decided",
    "override",
    "published",
    "reaudit",
    "resolution",
    "state_of",
    "states",
    "undo",
    "with_field",
]
