"""`itemclean review`: the Textual application. It owns one Store connection for the screens, and opens
another inside each background thread (audit, approval, diff), since SQLite connections stay in their
thread."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from ..audit import audit_draft, audited_in_another_language
from ..errors import BadInput, Refused
from ..messages import set_language, t
from ..store import Store
from ..store.browse import BrowseQuery
from ..versions import approve, check_approval
from . import keys
from .actions import ItemActions
from .approve_dialog import ApproveDialog
from .background import Background, Failed, Job
from .detail_screen import DetailScreen
from .diff_screen import DiffScreen
from .help_screen import HelpScreen
from .item_list import Extras, ItemList, Jumps
from .main_screen import MainScreen
from .palette import Palette

if TYPE_CHECKING:
    from ..reference import Reference


@dataclass
class Filled:
    query: BrowseQuery
    ids: list[int]
    stamp: tuple[int, int]


FILL_AFTER = 0.3  # seconds without a keystroke before the rest of a long list is read ...
FILL_SOON = 0.05  # ... or when the first matches do not fill a screen (after the screen shows them)


class Read(Message):
    """A background read is done (posted from the background thread)."""

    def __init__(self, result: object) -> None:
        super().__init__()
        self.result = result


def is_work_screen(screen: Screen) -> bool:
    """The table and the item screen, where the catalogue-wide actions apply (not dialogs, help, diff)."""
    return isinstance(screen, ItemActions)


class ReviewApp(App[None]):
    TITLE = "itemclean review"
    BINDINGS = keys.bindings(keys.APP)
    MODES = {"review": MainScreen}
    DEFAULT_MODE = "review"

    def __init__(
        self,
        *,
        db: str | Path,
        catalog: str | None,
        reference: Reference,
        reviewer: str,
        as_of: dt.date | None = None,
        lang: str = "zh",
        poll_seconds: float | None = 3.0,
    ) -> None:
        super().__init__()
        self.poll_seconds = poll_seconds  # how often to look for other reviewers' writes (None: never)
        self.db = Path(db)
        self.reference = reference
        self.reviewer = reviewer
        self.as_of = as_of or dt.date.today()
        self.lang = "en" if (lang or "").startswith("en") else "zh"
        set_language(self.lang)  # the workflow's refusals, shown in notifications, speak the screen's language
        self.store = Store(self.db, create=False)
        self.cat = self.store.catalog(catalog)
        self.items = ItemList(self.store, self.cat.id)
        self.items.on_partial = self.fill_items
        # a large catalogue's reads over all of it, on a thread of its own (started once the app runs)
        self.background: Background | None = None
        self._filling: Job | None = None  # the whole list being read there
        self._jumps_out = 0  # the same for the jump lists
        self._jump: tuple[str, Callable[[], None]] | None = None  # waiting for the background (jump_when_read)
        self._jumping = False
        self._fill_timer: Timer | None = None
        self._unmounted_fill: tuple[BrowseQuery, tuple[int, int]] | None = None  # wanted before the app runs
        self.items.load()
        self.version_count = len(self.store.versions(self.cat.id))

    def on_mount(self) -> None:
        if self.items.deferred:
            self.background = Background(self.db, lambda result: self.post_message(Read(result)))
            self.items.extras_wanted()
            self.read_extras()
        if self._unmounted_fill is not None:
            self.fill_items(*self._unmounted_fill)
        if self.background is not None:
            # what lives as long as the screen (modules, the reference, the widgets) is left out of the
            # collector's full passes, which would otherwise hold up a keystroke now and then (~50 ms each)
            gc.freeze()
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.poll)
        if self.reference is not None:
            day = audited_in_another_language(self.store, self.cat, self.reference, self.lang)
            if day is not None:  # findings written in the other language: the same audit again, in this one
                self.notify(t("n-auditing-language", self.lang), timeout=3)
                self.run_audit(day)

    def on_unmount(self) -> None:
        if self.background is not None:
            self.background.stop()
            gc.unfreeze()
        self.store.close()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.background is not None:
            self.background.typed()  # before the key is handled: background reads pause at once
        await super().on_event(event)

    # --- a large catalogue: the whole list and the header's counts, read in the background ---------

    def _stop_filling(self) -> None:
        """Stop the background reading of a list no longer wanted: a keystroke never waits for it."""
        if self._filling is not None:
            self._filling.cancel()
            self._filling = None

    def fill_items(self, query: BrowseQuery, stamp: tuple[int, int]) -> None:
        """Read the rest of the list once the reviewer pauses; each keystroke stops the reading it makes stale."""
        if not self.is_running:
            self._unmounted_fill = (query, stamp)
            return
        self._stop_filling()
        if self._fill_timer is not None:
            self._fill_timer.stop()
        delay = FILL_AFTER if self.items.screen_full() else FILL_SOON
        self._fill_timer = self.set_timer(delay, partial(self._fill, query, stamp))

    def _fill(self, query: BrowseQuery, stamp: tuple[int, int]) -> None:
        """The whole list, read in the background; the result is taken in on_read."""
        if self.background is None or self.items.query != query:  # gone, or already another list wanted
            return
        self._stop_filling()
        cat = self.cat.id
        self._filling = self.background.submit(lambda store: Filled(query, store.browse_ids(cat, query), stamp))

    def read_extras(self) -> None:
        if self.background is not None:
            self._jumps_out += 1  # first: a jump may wait for them
            self.background.submit(self.items.read_jumps)
            self.background.submit(self.items.read_extras)

    def jump_when_read(self, kind: str, jump: Callable[[], None]) -> bool:
        """A jump (next undecided, next error) needs the jump lists and the whole list: rather than fold the
        log on this thread, it is done once the background has read them, which then no longer waits for
        the keys to stop. False when there is no background (the caller answers at once)."""
        if self.background is None or self._jumping:
            return False
        self._jump = (kind, jump)
        self.background.hurried = True
        if self._jumps_out == 0 and not self.items.jump_known(kind):
            self.items.extras_wanted()
            self.read_extras()
        return True  # an incomplete list is being read already (fill_items)

    @property
    def jump_waiting(self) -> bool:
        """A jump waits for the background's reads."""
        return self._jump is not None

    def _jump_if_read(self) -> None:
        """A waiting jump is done once what it needs is read (or, should the jump lists not come, here)."""
        if self._jump is None or self.background is None:
            return
        kind, jump = self._jump
        if not self.items.jump_ready(kind) and (self.items.jump_known(kind) or self._jumps_out):
            return
        self._jump, self.background.hurried, self._jumping = None, False, True
        try:
            jump()
        finally:
            self._jumping = False

    def on_read(self, message: Read) -> None:
        result = message.result
        if isinstance(result, Failed):
            raise result.error
        if isinstance(result, Filled):
            if self.items.filled(result.query, result.ids, result.stamp):
                self.main.reload_rows()
        elif isinstance(result, Extras):
            if not self.items.take_extras(result):  # this screen wrote meanwhile: the counts again
                self.items.extras_wanted()
                self.read_extras()
            self.main.extras_read()
        elif isinstance(result, Jumps):
            self._jumps_out -= 1
            self.items.take_jumps(result)
        self._jump_if_read()

    def poll(self) -> None:
        """Another reviewer wrote meanwhile: show it (rows, counts and the item shown are read again)."""
        if self.items.changed_elsewhere():
            self.action_reload(quiet=True)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry item codes, fee names and refusals: never read them as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    # --- moving between screens ------------------------------------------------------------------

    def on_main_screen_open_item(self, event: MainScreen.OpenItem) -> None:
        self.push_screen(DetailScreen(event.index))

    def on_detail_screen_moved(self, event: DetailScreen.Moved) -> None:
        """The item screen moved to another item: the table's cursor follows it."""
        self.main.go(event.index)

    def on_diff_screen_open(self, event: DiffScreen.Open) -> None:
        self.goto(event.code)

    def goto(self, code: str) -> None:
        """Show the item with this code (clearing the filter when it hides the item)."""
        item_id = self.store.browse_index(self.cat.id, code)
        if item_id is None:
            self.notify(t("n-no-such-item", self.lang, code=code), severity="error")
            return
        while not isinstance(self.screen, MainScreen):
            self.pop_screen()
        if self.items.index_of(item_id) is None:
            self.main.show_all()
        index = self.items.index_of(item_id)
        if index is not None:
            self.main.go(index)
            self.push_screen(DetailScreen(index))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("audit", "approve", "diff", "reload"):
            return is_work_screen(self.screen)
        return True

    def action_help(self) -> None:

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_diff(self) -> None:

        self.push_screen(DiffScreen())

    def action_reload(self, quiet: bool = False) -> None:
        self.items.changed_elsewhere()
        self.items.reload()
        if self.items.deferred:  # what was read in the background may no longer hold
            self.items.extras_wanted()
            self.read_extras()
        self.version_count = len(self.store.versions(self.cat.id))
        for s in self.screen_stack:
            if is_work_screen(s):
                s.reload()
        if not quiet:
            self.notify(t("n-reloaded", self.lang), timeout=2)

    # --- the audit -------------------------------------------------------------------------------

    def action_audit(self) -> None:
        self.notify(t("n-auditing", self.lang), timeout=2)
        self.run_audit()

    @work(thread=True, exclusive=True, group="audit")
    def run_audit(self, as_of: dt.date | None = None) -> None:
        try:
            with Store(self.db) as store:
                cat = store.catalog(self.cat.name)
                report = audit_draft(store, cat, self.reference, as_of or self.as_of, lang=self.lang)
                found, unresolved = len(report.findings), report.unresolved_errors  # read from the store
        except (BadInput, Refused) as e:
            self.call_from_thread(self.notify, str(e), title=t("n-audit-failed", self.lang), severity="error")
            return
        self.call_from_thread(self._audited, found, unresolved, as_of or self.as_of)

    def _audited(self, findings: int, unresolved: int, as_of: dt.date) -> None:
        self.action_reload()
        self.notify(
            t("n-audited", self.lang, as_of=as_of, findings=f"{findings:,}", unresolved=f"{unresolved:,}"),
            timeout=5,
        )

    # --- approval --------------------------------------------------------------------------------

    def _check(self):

        with Store(self.db) as store:
            cat = store.catalog(self.cat.name)
            return check_approval(store, cat, reference=self.reference, as_of=self.as_of, lang=self.lang)

    def _approve(self, label: str) -> str:

        with Store(self.db) as store:
            v = approve(
                store,
                store.catalog(self.cat.name),
                label,
                reviewer=self.reviewer,
                reference=self.reference,
                as_of=self.as_of,
                lang=self.lang,
            )
        return t("approved", self.lang, label=v.label, items=f"{v.items:,}", hash=f"{v.hash[:16]}…")

    def action_approve(self) -> None:

        self.push_screen(ApproveDialog(self._check, self._approve, short=self.items.short_code), self._approved)

    def _approved(self, code: str | None) -> None:
        self.action_reload()
        if code:
            self.goto(code)

    # --- the command palette ---------------------------------------------------------------------

    def action_command_palette(self) -> None:
        """The palette of our commands, its prompt in the screen's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette", placeholder=t("palette-placeholder", self.lang)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the screen that the palette offers, in the screen's language; Textual's own commands
        (theme, key panel, screenshot) are left out: their names and what they open are English."""
        tables: list[list[keys.Key]] = []
        if isinstance(screen, MainScreen):
            tables = [keys.ITEM, keys.MAIN]
        elif isinstance(screen, DetailScreen):
            tables = [keys.ITEM, keys.DETAIL]
        elif isinstance(screen, DiffScreen):
            tables = [keys.DIFF]
        for table in tables:
            yield from (self._command(k, partial(screen.run_action, k.action)) for k in table if k.palette)
        if is_work_screen(screen):
            yield from (
                self._command(k, partial(self.run_action, k.action.removeprefix("app."))) for k in keys.APP if k.palette
            )
        yield self._command(keys.QUIT, self.exit)

    def _command(self, k: keys.Key, run) -> SystemCommand:
        title = t("key:" + k.description, self.lang)
        return SystemCommand(title[:1].upper() + title[1:], t("palette-key", self.lang, keys=k.shown_keys), run)
