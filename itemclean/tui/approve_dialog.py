"""Approval: first what blocks it (undecided items, kept items with unresolved errors), then a label."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..errors import BadInput, Refused
from ..review import Blocker
from .dialog import Dialog
from .labels import say
from .text import literal

SHOWN = 500


class ApproveDialog(Dialog[str | None]):
    """Dismissed with the code of a blocker to go and fix, or None."""

    def __init__(
        self,
        check: Callable[[], list[Blocker]],
        approve: Callable[[str], str],
        default_label: str = "",
        short: Callable[[str], str] = str,
    ) -> None:
        """short: a code as the table shows it (long codes shortened, so that each blocker takes one line)."""
        super().__init__()
        self.check_fn, self.approve_fn, self.default_label = check, approve, default_label
        self.short = short
        self.blockers: list[Blocker] | None = None
        self.approved: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            yield Label(say(self, "approve-title"), id="dialog-title")
            yield Static(Text(say(self, "approve-about"), "dim"))
            yield Static(Text(say(self, "approve-checking"), "yellow"), id="approve-status")
            yield OptionList(id="blockers")
            yield Label(say(self, "version-label"), id="label-label")
            yield Input(value=self.default_label, placeholder=say(self, "label-placeholder"), id="label")
            yield Label("", id="dialog-error")
            with Horizontal(id="dialog-buttons"):
                yield Button(say(self, "approve"), variant="primary", id="ok", disabled=True)
                yield Button(say(self, "close"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#blockers").display = False
        self.query_one("#label", Input).disabled = True
        self.run_check()

    @work(thread=True, exclusive=True, group="approve")
    def run_check(self) -> None:
        try:
            blockers = self.check_fn()
        except (BadInput, Refused) as e:
            self.app.call_from_thread(self._error, str(e))
            return
        self.app.call_from_thread(self._show, blockers)

    def _show(self, blockers: list[Blocker]) -> None:
        # what needs more than a decision first: errors on kept items, items changed by a re-import
        blockers = sorted(blockers, key=lambda b: b.undecided)
        self.blockers = blockers
        status = self.query_one("#approve-status", Static)
        label = self.query_one("#label", Input)
        if blockers:
            undecided = sum(1 for b in blockers if b.undecided)
            status.update(
                Text.assemble(
                    (say(self, "n-block", n=f"{len(blockers):,}"), "bold red"),
                    say(self, "n-block-detail", undecided=f"{undecided:,}", other=f"{len(blockers) - undecided:,}"),
                )
            )
            ol = self.query_one("#blockers", OptionList)
            ol.clear_options()
            ol.add_options(
                [
                    Option(
                        Text.assemble(
                            literal(self.short(b.code), "bold"),
                            "  ",
                            literal(b.name),
                            "  ",
                            literal(b.why, "dim" if b.undecided else "red"),
                        ),
                        id=str(n),
                    )
                    for n, b in enumerate(blockers[:SHOWN])
                ]
            )
            if len(blockers) > SHOWN:
                ol.add_option(Option(Text(say(self, "and-more", n=f"{len(blockers) - SHOWN:,}"), "dim"), disabled=True))
            ol.display = True
            ol.highlighted = 0
            ol.focus()
            label.disabled = True
            label.display = self.query_one("#label-label").display = False
            self.query_one("#ok", Button).disabled = True
        else:
            status.update(Text(say(self, "nothing-blocks"), "green"))
            self.query_one("#blockers").display = False
            label.display = self.query_one("#label-label").display = True
            label.disabled = False
            self.query_one("#ok", Button).disabled = False
            label.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.blockers and event.option.id is not None:
            self.dismiss(self.blockers[int(event.option.id)].code)

    def action_submit(self) -> None:
        if self.approved is not None:
            self.dismiss(None)
            return
        label = self.query_one("#label", Input).value.strip()
        if not label:
            self._error(say(self, "give-label"))
            return
        self.query_one("#approve-status", Static).update(Text(say(self, "approving"), "yellow"))
        self.query_one("#ok", Button).disabled = True
        self.run_approve(label)

    @work(thread=True, exclusive=True, group="approve")
    def run_approve(self, label: str) -> None:
        try:
            message = self.approve_fn(label)
        except Refused as e:
            self.app.call_from_thread(self._refused, str(e))
            return
        except BadInput as e:
            self.app.call_from_thread(self._error, str(e))
            return
        self.app.call_from_thread(self._done, message)

    def _done(self, message: str) -> None:
        self.approved = message
        self.query_one("#approve-status", Static).update(literal(message, "bold green"))
        self.query_one("#label", Input).disabled = True
        ok = self.query_one("#ok", Button)
        ok.label = say(self, "done")
        ok.disabled = False
        ok.focus()

    def _refused(self, message: str) -> None:
        self._error(message.splitlines()[0] if message else say(self, "refused"))
        self.run_check()

    def _error(self, message: str) -> None:
        self.query_one("#dialog-error", Label).update(literal(message, "bold red"))
        self.query_one("#ok", Button).disabled = self.blockers is None or bool(self.blockers)
        if self.blockers == []:
            self.query_one("#label", Input).disabled = False
            self.query_one("#label", Input).focus()
