"""The reviewer's actions on one item, shared by the table and the item screen.

Every write goes through itemclean.review (decide, decide_fee, override, undo, edit), exactly as
`itemclean decide` and `itemclean edit` do, with expect= set to the item's version as it was shown,
so that an item another reviewer changed meanwhile is refused instead of overwritten.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work

from .. import review
from ..errors import BadInput, Refused
from ..feedback import proposals, settle_edit
from ..normalize import norm_name
from ..results import field_name
from ..rules import REGISTRY
from . import keys
from .choice_dialog import ChoiceDialog
from .decision_dialog import DecisionDialog
from .edit_dialog import EditDialog
from .labels import SEVERITY_STYLES, say, severity_name, word
from .text import literal

if TYPE_CHECKING:
    from ..store.browse import BrowseRow
    from .app import ReviewApp

ABOLISH_RULES = frozenset(rid for rid, r in REGISTRY.items() if r.abolish)  # their messages are abolish reasons


@dataclass
class Subject:
    """The item an action is about, and its version as the reviewer saw it."""

    item_id: int
    code: str
    name: str
    seen: tuple[str, int] | None
    row: BrowseRow | None = None


class ItemActions:
    """Mixed into a Screen that defines subject(), written(), current_index() and go(index)."""

    ITEM_BINDINGS = keys.bindings(keys.ITEM)
    app: ReviewApp

    # --- what the screen provides (the main and the item screen define these methods) ---------------
    subject: Callable[[], Subject | None]  # the item the keys act on
    written: Callable[..., None]  # (subject, *, findings=False): refresh after a write
    current_index: Callable[[], int]
    go: Callable[[int], None]

    # --- plumbing --------------------------------------------------------------------------------

    def _write(
        self, s: Subject, fn: Callable[[], Any], done: str | Callable[[Any], str], *, findings: bool = False
    ) -> bool:
        app = self.app
        try:
            result = fn()
        except Refused as e:
            app.notify(str(e), title=say(self, "n-refused"), severity="error", timeout=10)
            self.written(s)  # show what the other reviewer did
            return False
        except BadInput as e:
            app.notify(str(e), title=say(self, "n-not-recorded"), severity="error", timeout=8)
            return False
        except sqlite3.Error as e:  # e.g. the database stayed locked by another writer past the timeout
            app.notify(say(self, "n-db-error", e=e), title=say(self, "n-database"), severity="error", timeout=10)
            return False
        app.notify(done(result) if callable(done) else done, timeout=3)
        self.written(s, findings=findings)
        return True

    def _about(self, s: Subject) -> Text:
        """The item, and its open error findings, for the dialog that decides it."""
        a = self.app
        t = Text.assemble(literal(s.code, "bold"), "  ", literal(s.name))
        errors = self._open_errors(s)
        for f in errors[:4]:
            t.append("\n").append(severity_name("error", a.lang) + "  ", "bold red").append(literal(f.message))
        if len(errors) > 4:
            t.append("\n" + say(self, "and-more", n=len(errors) - 4).strip(), "dim")
        return t

    def _open_errors(self, s: Subject) -> list:
        a = self.app
        state = review.state_of(a.store, a.cat.id, s.code)
        return [
            f
            for f in a.store.findings_of(a.cat.id, s.code)
            if f.severity == "error" and not review.is_resolved(f, state)
        ]

    def _merge_target_problem(self, s: Subject, target: str) -> str | None:
        """Why the item cannot be merged into target, or None (checked before the dialog closes)."""
        a = self.app
        if target == s.code:
            return word("self_target", a.lang, code=target)
        if a.store.browse_index(a.cat.id, target) is None:
            return word("no_target", a.lang, code=target)
        return review.merge_target_refusal(a.store, a.cat, target)

    def _need(self) -> Subject | None:
        s = self.subject()
        if s is None:
            self.app.notify(say(self, "n-no-item-here"), severity="warning")
        return s

    # --- decisions -------------------------------------------------------------------------------

    @work(exclusive=True, group="item-action")
    async def action_keep(self) -> None:
        s = self._need()
        if s is None:
            return
        a = self.app
        errors = len(self._open_errors(s))
        if errors:  # as the bulk keep does: a kept item with unresolved errors blocks approval
            answer = await a.push_screen_wait(
                DecisionDialog(
                    word("keep_title", a.lang, code=s.code),
                    Text.assemble(self._about(s), "\n", (word("keep_errors", a.lang, n=errors), "yellow")),
                    reason_required=False,
                )
            )
            if answer is None:
                return
        self._write(
            s,
            lambda: review.decide(a.store, a.cat, [s.code], "keep", reviewer=a.reviewer, expect=s.seen),
            say(self, "n-kept", code=s.code),
        )

    @work(exclusive=True, group="item-action")
    async def action_abolish(self) -> None:
        s = self._need()
        if s is None:
            return
        a = self.app
        found = [f for f in a.store.findings_of(a.cat.id, s.code) if f.rule in ABOLISH_RULES]
        answer = await a.push_screen_wait(
            DecisionDialog(
                say(self, "d-abolish", code=s.code),
                self._about(s),
                reason=found[0].message if found else "",
                hint=Text(say(self, "d-abolish-hint"), "dim") if found else None,
            )
        )
        if answer is not None:
            self._write(
                s,
                lambda: review.decide(
                    a.store, a.cat, [s.code], "abolish", reviewer=a.reviewer, reason=answer.reason, expect=s.seen
                ),
                say(self, "n-abolished", code=s.code),
            )

    @work(exclusive=True, group="item-action")
    async def action_amend(self) -> None:
        s = self._need()
        if s is None:
            return
        a = self.app
        answer = await a.push_screen_wait(
            DecisionDialog(
                say(self, "d-amend", code=s.code),
                self._about(s),
                hint=Text(say(self, "d-amend-hint"), "dim"),
            )
        )
        if answer is not None:
            self._write(
                s,
                lambda: review.decide(
                    a.store, a.cat, [s.code], "amend", reviewer=a.reviewer, reason=answer.reason, expect=s.seen
                ),
                say(self, "n-amended", code=s.code),
            )

    @work(exclusive=True, group="item-action")
    async def action_merge(self) -> None:
        s = self._need()
        if s is None:
            return
        a = self.app
        answer = await a.push_screen_wait(
            DecisionDialog(
                say(self, "d-merge", code=s.code),
                self._about(s),
                ask_target=True,
                targets=lambda typed: [
                    (code, Text.assemble(literal(a.items.short_code(code), "bold"), "  ", literal(name)))
                    for code, name in a.store.browse_targets(
                        a.cat.id, typed, name_norm=norm_name(s.name), exclude=s.code
                    )
                    if review.merge_target_refusal(a.store, a.cat, code) is None  # not an abolished or merged item
                ],
                check_target=lambda target: self._merge_target_problem(s, target),
            )
        )
        if answer is not None:
            self._write(
                s,
                lambda: review.decide(
                    a.store,
                    a.cat,
                    [s.code],
                    "merge",
                    reviewer=a.reviewer,
                    reason=answer.reason,
                    target=answer.target,
                    expect=s.seen,
                ),
                say(self, "n-merged", code=s.code, target=answer.target),
            )

    @work(exclusive=True, group="item-action")
    async def action_fee(self) -> None:
        s = self._need()
        if s is None:
            return
        a = self.app
        item = a.store.get_item(a.cat.id, s.code)
        if item is None or not item.fees:
            a.notify(say(self, "n-no-fees", code=s.code), severity="warning")
            return
        state = review.state_of(a.store, a.cat.id, s.code)
        found = {norm_name(f.entry): f for f in a.store.findings_of(a.cat.id, s.code) if f.field == "fees"}
        choices = []
        for f in item.fees:
            t = Text.assemble(literal(f.name, "bold"), "  ", literal(f.standard or "—"))
            if norm_name(f.name) in state.removed_fees:
                t.append(say(self, "c-flagged"), "magenta")
            elif norm_name(f.name) in found:
                t.append("  ").append(literal(found[norm_name(f.name)].message, "red"))
            choices.append(t)

        if len(item.fees) == 1:
            pick = 0
        else:
            pick = await a.push_screen_wait(
                ChoiceDialog(say(self, "d-which-fee", code=s.code), choices, self._about(s))
            )
            if pick is None:
                return
        fee = item.fees[pick]
        if norm_name(fee.name) in state.removed_fees:
            self._write(
                s,
                lambda: review.decide_fee(
                    a.store, a.cat, s.code, fee.name, remove=False, reviewer=a.reviewer, expect=s.seen
                ),
                say(self, "n-fee-kept", code=s.code, fee=fee.name),
            )
            return
        hint = found.get(norm_name(fee.name))
        answer = await a.push_screen_wait(
            DecisionDialog(
                say(self, "d-flag-fee", fee=fee.name),
                Text.assemble(self._about(s), "\n", choices[pick]),
                reason=hint.message if hint else "",
            )
        )
        if answer is not None:
            self._write(
                s,
                lambda: review.decide_fee(
                    a.store,
                    a.cat,
                    s.code,
                    fee.name,
                    remove=True,
                    reviewer=a.reviewer,
                    reason=answer.reason,
                    expect=s.seen,
                ),
                say(self, "n-fee-flagged", code=s.code, fee=fee.name),
            )

    @work(exclusive=True, group="item-action")
    async def action_override(self) -> None:
        s = self._need()
        if s is None:
            return
        a = self.app
        state = review.state_of(a.store, a.cat.id, s.code)
        open_ = [f for f in a.store.findings_of(a.cat.id, s.code) if not review.is_resolved(f, state)]
        rules: dict[str, list] = {}
        for f in open_:
            rules.setdefault(f.rule, []).append(f)
        if not rules:
            a.notify(say(self, "n-nothing-to-override", code=s.code), severity="warning")
            return

        order = list(rules)
        choices = [
            Text.assemble(
                (severity_name(fs[0].severity, a.lang), SEVERITY_STYLES.get(fs[0].severity, "")),
                "  ",
                (r, "bold"),
                "  ",
                literal(fs[0].message),
                (say(self, "and-more", n=len(fs) - 1) if len(fs) > 1 else "", "dim"),
            )
            for r, fs in rules.items()
        ]
        pick = (
            0
            if len(order) == 1
            else await a.push_screen_wait(
                ChoiceDialog(say(self, "d-which-finding", code=s.code), choices, self._about(s))
            )
        )
        if pick is None:
            return
        rule = order[pick]
        answer = await a.push_screen_wait(
            DecisionDialog(
                say(self, "d-override", rule=rule),
                Text.assemble(self._about(s), "\n", choices[pick]),
                hint=Text(say(self, "d-override-hint"), "dim"),
            )
        )
        if answer is not None:
            self._write(
                s,
                lambda: review.override(
                    a.store, a.cat, s.code, rule, reviewer=a.reviewer, reason=answer.reason, expect=s.seen
                ),
                say(self, "n-overridden", code=s.code, rule=rule),
            )

    @work(exclusive=True, group="item-action")
    async def action_edit(self) -> None:
        s = self._need()
        if s is None:
            return
        a = self.app
        item = a.store.get_item(a.cat.id, s.code)
        if item is None:
            return

        change = await a.push_screen_wait(EditDialog(item))
        if change is not None:
            self._write(
                s,
                lambda: review.edit(
                    a.store,
                    a.cat,
                    s.code,
                    {change.field: change.text},
                    reviewer=a.reviewer,
                    reason=change.reason,
                    reference=a.reference,
                    as_of=a.as_of,
                    expect=s.seen,
                ),
                say(self, "n-field-changed", code=s.code, field=field_name(change.field, a.lang)),
                findings=True,
            )

    @work(exclusive=True, group="item-action")
    async def action_proposals(self) -> None:
        s = self._need()
        if s is None:
            return
        a = self.app
        waiting = proposals(a.store.decisions(a.cat.id, s.code, effective=True)).get(s.code, {})
        if not waiting:
            a.notify(say(self, "n-no-proposal", code=s.code), severity="warning")
            return

        order = list(waiting)
        choices = [
            Text.assemble(
                (key, "bold"),
                "  ",
                literal(p.old or "—"),
                " → ",
                literal(p.new or "—", "green"),
                "  ",
                literal(f"({p.reviewer})", "dim"),
            )
            for key, p in waiting.items()
        ]
        pick = (
            0
            if len(order) == 1
            else await a.push_screen_wait(ChoiceDialog(say(self, "d-proposals", code=s.code), choices, self._about(s)))
        )
        if pick is None:
            return
        key = order[pick]
        verdict = await a.push_screen_wait(
            ChoiceDialog(
                say(self, "d-proposal", key=key, code=s.code),
                [Text(say(self, "c-accept")), Text(say(self, "c-reject"))],
                choices[pick],
            )
        )
        if verdict is None:
            return
        self._write(
            s,
            lambda: settle_edit(
                a.store, a.cat, s.code, key, accept=verdict == 0, reviewer=a.reviewer, reference=a.reference
            ),
            say(self, "n-accepted" if verdict == 0 else "n-rejected", code=s.code, key=key),
            findings=True,
        )

    def action_undo(self) -> None:
        s = self._need()
        if s is None:
            return
        a = self.app
        self._write(
            s,
            lambda: review.undo(a.store, a.cat, s.code, reviewer=a.reviewer, expect=s.seen),
            lambda d: say(
                self, "n-undid", code=s.code, action=d.action, what=d.fee or d.rule or d.field or "", id=d.id
            ),
            findings=True,
        )

    # --- jumps -----------------------------------------------------------------------------------

    def jump_start(self, step: int) -> int:
        """Where a search for the next (step 1) or previous (step -1) item starts."""
        return self.current_index()

    def _jump(self, kind: str, step: int) -> None:
        items = self.app.items
        if not items.jump_ready(kind) and self.app.jump_when_read(kind, lambda: self._jump(kind, step)):
            return  # done once the background has read what it needs; the screen answers other keys meanwhile
        index, wrapped = items.find(kind, self.jump_start(step), step)
        if index is None:
            self.app.notify(say(self, f"n-no-{kind}"), timeout=3)
            return
        if wrapped:
            self.app.notify(say(self, f"n-wrapped-{kind}-{'first' if step > 0 else 'last'}"), timeout=2)
        self.go(index)

    def action_next_todo(self) -> None:
        self._jump("todo", 1)

    def action_prev_todo(self) -> None:
        self._jump("todo", -1)

    def action_next_error(self) -> None:
        self._jump("errors", 1)

    def action_prev_error(self) -> None:
        self._jump("errors", -1)
