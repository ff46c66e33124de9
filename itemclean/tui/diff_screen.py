"""The diff screen: two sides (the draft or any approved version), the items added, removed and
changed between them, and the field changes of the one under the cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Select, Static

from ..diff import DiffResult, Side, diff
from ..messages import t
from ..model import HEADERS
from ..results import field_name, field_names
from ..store import Store
from . import keys
from .codes import short_codes
from .flow import Flow
from .key_bar import KeyBar
from .labels import say
from .text import literal, one_line, shown
from .virtual_table import Cell, Column, VirtualTable

if TYPE_CHECKING:
    from .app import ReviewApp

DRAFT = "draft"  # against a version: as it would publish now (abolished, merged items and removed fees out)
RAW = "raw"  # the draft as imported
KINDS = {"added": ("ds-added", "green"), "removed": ("ds-removed", "red"), "changed": ("ds-changed", "yellow")}


class DiffTable(VirtualTable):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            [
                Column("kind", "", width=9),
                Column("code", say(self, "ds-code"), width=14),
                Column("name", say(self, "ds-name"), weight=3),
                Column("fields", say(self, "ds-fields"), weight=2),
            ],
            id=id,
        )
        self.entries: list[tuple[str, str, str, Any]] = []  # (kind, code, name, Changed | None)
        self.short: dict[str, str] = {}  # long codes shortened, still told apart

    @property
    def row_count(self) -> int:
        return len(self.entries)

    def row_cells(self, index: int) -> list[Cell] | None:
        kind, code, name, ch = self.entries[index]
        label, style = KINDS[kind]
        lang = self.app.lang
        fields = field_names(ch.fields, lang) if ch else ""
        return [
            (say(self, label), style),
            (one_line(self.short.get(code, code)), "bold"),
            (one_line(name), ""),
            (fields, "dim"),
        ]

    def show(self, r: DiffResult | None) -> None:
        self.entries = []
        if r is not None:
            self.entries += [("added", c, n, None) for c, n in r.added]
            self.entries += [("removed", c, n, None) for c, n in r.removed]
            self.entries += [("changed", c.code, c.name, c) for c in r.changed]
        self.short = short_codes(code for _, code, _, _ in self.entries)
        self.columns[1].width = max(6, min(max((len(self.short.get(e[1], e[1])) for e in self.entries), default=0), 16))
        self._widths_for = -1
        self.cursor = 0
        self.data_changed(keep_cursor=False)


def _value(v: Any) -> str:
    if isinstance(v, list):
        return "; ".join(_value(x) for x in v)
    if isinstance(v, dict):
        return "|".join(str(x) for x in v.values())
    return str(v)


def change_view(entry: tuple[str, str, str, Any] | None, a: str, b: str, lang: str) -> Group:
    if entry is None:
        return Group(Text(t("ds-none", lang), "dim"))
    kind, code, name, ch = entry
    label, style = KINDS[kind]
    head = Text.assemble((t(label, lang), "bold " + style), "  ", literal(code, "bold"), "  ", literal(name))
    if ch is None:
        where = b if kind == "added" else a
        return Group(head, Text(""), Text(t("ds-only-in", lang, where=where), "dim"))
    out: list[Any] = [head, Text("")]
    for key, fc in ch.fields.items():
        title = field_name(key, lang) if key in HEADERS else shown(key)
        out.append(Text(title, "bold underline"))
        if fc.added is not None:
            for e in fc.removed:
                out.append(Text("  - ", "red").append(literal(e, "red")))
            for e in fc.added:
                out.append(Text("  + ", "green").append(literal(e, "green")))
            if not fc.added and not fc.removed:
                out.append(Text(t("ds-reordered", lang), "yellow"))
        else:
            out.append(Text("  - ", "red").append(literal(_value(fc.old), "red strike")))
            out.append(Text("  + ", "green").append(literal(_value(fc.new), "green")))
        out.append(Text(""))
    return Group(*out)


class DiffScreen(Screen):
    CSS_PATH = "diff_screen.tcss"
    BINDINGS = keys.bindings(keys.DIFF)
    app: ReviewApp

    class Open(Message):
        """Enter on an item still in the draft: the app shows it on the item screen."""

        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    def __init__(self) -> None:
        super().__init__()
        self.result: DiffResult | None = None

    def compose(self) -> ComposeResult:
        a = self.app
        versions = a.store.versions(a.cat.id)
        options = [(Text(say(self, "ds-draft")), DRAFT), (Text(say(self, "ds-raw")), RAW)] + [
            (Text(say(self, "ds-version", label=shown(v.label), items=f"{v.items:,}", at=v.at[:10])), str(v.id))
            for v in versions
        ]
        with Horizontal(id="diff-sides"):
            yield Label("A")
            yield Select(options, value=str(versions[-1].id) if versions else DRAFT, allow_blank=False, id="side-a")
            yield Label("→ B")
            yield Select(options, value=DRAFT, allow_blank=False, id="side-b")
        yield Static(id="diff-counts")
        with Horizontal(id="diff-body"):
            yield DiffTable(id="diff-list")
            with VerticalScroll(id="diff-detail"):
                yield Static(id="diff-change")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.app.store.versions(self.app.cat.id):
            self.query_one("#diff-counts", Static).update(Text(say(self, "ds-no-version"), "yellow"))
        self.recompute()
        self.query_one(DiffTable).focus()

    def _side(self, value: str, other: str, store) -> Side:
        """A side of the comparison; the draft against a version is what it would publish now, as the
        command line's diff compares it (RAW: as imported)."""
        a = self.app
        if value in (DRAFT, RAW):
            published = value == DRAFT and other not in (DRAFT, RAW)
            spec = a.cat.name if value == DRAFT else say(self, "ds-as-imported", catalog=a.cat.name)
            return Side(spec, "draft", store=store, catalog_id=a.cat.id, published=published)
        v = next(v for v in store.versions(a.cat.id) if str(v.id) == value)
        return Side(f"{a.cat.name}@{v.label}", "version", store=store, catalog_id=a.cat.id, version_id=v.id)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.recompute()
        self.query_one(DiffTable).focus()

    def recompute(self) -> None:
        va = str(self.query_one("#side-a", Select).value)
        vb = str(self.query_one("#side-b", Select).value)
        self.query_one("#diff-change", Static).update(Text(say(self, "ds-comparing"), "dim"))
        self.compute(va, vb)

    @work(thread=True, exclusive=True, group="diff")
    def compute(self, va: str, vb: str) -> None:

        with Store(self.app.db) as store:
            r = diff(self._side(va, vb, store), self._side(vb, va, store))
        self.app.call_from_thread(self.show, r)

    def show(self, r: DiffResult) -> None:
        self.result = r
        table = self.query_one(DiffTable)
        table.show(r)
        counts = [
            Text.assemble(literal(r.a, "bold"), " → ", literal(r.b, "bold"), ":"),
            Text(say(self, "ds-n-added", n=f"{len(r.added):,}"), "green"),
            Text(say(self, "ds-n-removed", n=f"{len(r.removed):,}"), "red"),
            Text(say(self, "ds-n-changed", n=f"{len(r.changed):,}"), "yellow"),
        ]
        if not self.app.store.versions(self.app.cat.id):
            counts.append(Text(say(self, "ds-no-version-yet").strip(), "dim"))
        self.query_one("#diff-counts", Static).update(Flow(counts, sep="  ", sep_style=""))  # wraps between pieces
        self._detail(0)

    def _detail(self, index: int) -> None:
        t = self.query_one(DiffTable)
        entry = t.entries[index] if 0 <= index < len(t.entries) else None
        r = self.result
        self.query_one("#diff-change", Static).update(
            change_view(entry, r.a if r else "A", r.b if r else "B", self.app.lang)
        )

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        self._detail(event.index)

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        """Enter on an item still in the draft opens it on the item screen."""
        kind, code, _, _ = self.query_one(DiffTable).entries[event.index]
        if self.app.store.browse_index(self.app.cat.id, code) is None:
            self.app.notify(say(self, "ds-not-in-draft", code=code))
            return
        self.post_message(self.Open(code))

    def action_close(self) -> None:
        self.dismiss()

    def action_pick_a(self) -> None:
        s = self.query_one("#side-a", Select)
        s.focus()
        s.action_show_overlay()

    def action_pick_b(self) -> None:
        s = self.query_one("#side-b", Select)
        s.focus()
        s.action_show_overlay()
