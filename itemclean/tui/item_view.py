"""What the item screen shows, as rich renderables: every field, each citation's instrument with its
level and dates, materials, limits, fees against the fee catalogues, findings, and the decision log.

Every piece of data goes through literal(): item text is shown as written, never read as markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..model import Item, Limit
from ..normalize import norm_name
from ..parsing import standard_of
from ..reference import SETTING_LEVELS, Reference
from ..review import ItemState, is_resolved
from ..rules import Finding
from ..store.decisions import Decision
from .labels import SEVERITY_STYLES, STATUS_STYLES, level_name, severity_name, status_name, word
from .text import literal, shown


@dataclass
class ItemFacts:
    """Everything the item screen shows, read once when the item is loaded."""

    item: Item
    state: ItemState
    findings: list[Finding]
    decisions: list[Decision]
    seen: tuple[str, int] | None


def section(title: str, body: RenderableType | None, count: int | None = None) -> Group:
    head = Text(title, style="bold underline")
    if count is not None:
        head.append(f"  {count}", style="dim")
    return Group(Text(""), head, body if body is not None else Text("—", style="dim"))


def _table(*columns: str, ratios: tuple[int | None, ...] = ()) -> Table:
    t = Table(box=None, padding=(0, 1), show_edge=False, header_style="dim", expand=True, pad_edge=False)
    for n, c in enumerate(columns):
        ratio = ratios[n] if n < len(ratios) else None
        t.add_column(c, ratio=ratio, overflow="fold", no_wrap=ratio is None)
    return t


def title_of(f: ItemFacts, lang: str) -> Text:
    s = f.state
    t = Text.assemble(literal(f.item.code, "bold"), "  ", literal(f.item.name, "bold"))
    t.append("\n")
    t.append(f" {status_name(s.label, lang)} ", style="reverse " + STATUS_STYLES.get(s.label, ""))
    if s.status:
        if s.stale:
            t.append(f" {status_name(s.status, lang)}", style="bold")
        if s.target:
            t.append(" → ").append(literal(s.target, "bold"))
        t.append(f"  {word('by', lang)} ", style="dim").append(literal(s.reviewer)).append(
            f"  {s.at[:19]}", style="dim"
        )
        if s.reason:
            t.append("  ").append(literal(s.reason, "italic"))
        if s.stale:
            t.append("  " + word("stale", lang), style="yellow")
    return t


def fields_section(item: Item, lang: str) -> Group:
    t = _table("", "", ratios=(None, 1))
    t.show_header = False
    rows = [
        (word("department", lang), item.department),
        (word("category", lang), item.category),
        (word("procedure", lang), item.procedure),
        (word("notes", lang), item.notes),
    ]
    rows += list(item.extra.items())
    for k, v in rows:
        t.add_row(literal(k, "dim"), literal(v) if v else Text("—", "dim"))
    return section(word("fields", lang), t)


def _date(d: dt.date | None, unknown: str) -> Text:
    return Text(d.isoformat()) if d else Text(unknown, "dim")


def basis_section(item: Item, ref: Reference, as_of: dt.date, lang: str) -> Group:
    unknown = word("unknown", lang)
    if not item.basis:
        return section(word("basis", lang), Text(word("no_basis_cited", lang), "bold red"), 0)
    t = _table(
        "#",
        word("basis", lang),
        word("level", lang),
        word("effective", lang),
        word("repealed", lang),
        word("in_force", lang),
        ratios=(None, 1),
    )
    for n, c in enumerate(item.basis, 1):
        inst = ref.instrument(c.instrument)
        cite = literal(c.text)
        if c.instrument is None:
            cite.append("  " + word("no_marks", lang), "yellow")
        elif not c.article:
            cite.append("  " + word("no_article", lang), "dim")
        if inst is None:
            t.add_row(
                str(n),
                cite,
                Text(unknown, "yellow"),
                Text(unknown, "dim"),
                Text(unknown, "dim"),
                Text(word("not_in_registry", lang) if c.instrument else unknown, "yellow"),
            )
            continue
        level = Text(level_name(inst.level, lang), "green" if inst.level in SETTING_LEVELS else "yellow")
        if inst.repealed_by(as_of):
            state = Text(word("repealed_on", lang, date=inst.repealed.isoformat()), "bold red")
        elif inst.effective and inst.effective > as_of:
            state = Text(word("not_yet", lang), "yellow")
        else:
            state = Text(word("in_force_now", lang), "green")
        repealed = (
            Text(inst.repealed.isoformat(), "red" if inst.repealed_by(as_of) else "")
            if inst.repealed
            else Text("—", "dim")
        )
        t.add_row(str(n), cite, level, _date(inst.effective, unknown), repealed, state)
    return section(word("basis", lang), t, len(item.basis))


def materials_section(item: Item, lang: str) -> Group:
    if not item.materials:
        return section(word("materials", lang), Text(word("no_materials", lang), "bold red"), 0)
    t = _table("#", word("materials", lang), ratios=(None, 1))
    t.show_header = False
    seen: set[str] = set()
    for n, m in enumerate(item.materials, 1):
        text = literal(m)
        if norm_name(m) in seen:
            text.append("  " + word("repeats", lang), "yellow")
        seen.add(norm_name(m))
        t.add_row(Text(f"{n}.", "dim"), text)
    return section(word("materials", lang), t, len(item.materials))


def _limit(lim: Limit, lang: str) -> Text:
    if not lim.text:
        return Text(word("empty", lang), "dim")
    t = literal(lim.text)
    if lim.known:
        if lim.text.strip() not in (f"{lim.days}个工作日", "即办"):  # say it only when the text does not
            said = (
                word("immediate", lang)
                if not lim.days
                else word("one_day", lang)
                if lim.days == 1
                else word("days", lang, n=lim.days)
            )
            t.append("  " + said, "dim")
    else:
        t.append("  " + word("not_understood", lang), "yellow")
    return t


def limits_section(item: Item, lang: str) -> Group:
    t = _table("", "", ratios=(None, 1))
    t.show_header = False
    t.add_row(Text(word("statutory_limit", lang), "dim"), _limit(item.statutory_limit, lang))
    t.add_row(Text(word("promised_limit", lang), "dim"), _limit(item.promised_limit, lang))
    s, p = item.statutory_limit.days, item.promised_limit.days
    if s and p is not None:
        cut = 100 * (s - p) / s
        style = "red" if p > s else ("yellow" if cut < 50 else "green")
        t.add_row(
            Text("", "dim"), Text(word("shorter", lang, pct=f"{cut:.0f}") if p <= s else word("longer", lang), style)
        )
    return section(word("limits", lang), t)


def fees_section(item: Item, state: ItemState, ref: Reference, lang: str) -> Group:
    if not item.fees:
        return section(word("fee_list", lang), Text(word("none", lang), "dim"), 0)
    t = _table(
        word("fee_list", lang),
        word("standard", lang),
        word("fee_basis", lang),
        word("catalogue", lang),
        word("catalogue_standard", lang),
        word("flagged", lang),
        ratios=(2, None, 2, 3, None, 2),
    )
    for f in item.fees:
        matches = ref.catalogue_fees(f.name)
        std = literal(f.standard) if f.standard else Text("—", "dim")
        if standard_of(f).kind == "range":
            std.append(word("floating", lang), "yellow")
        elif standard_of(f).kind == "free":
            std.append(word("free", lang), "dim")
        if matches:
            cat = Text("\n".join(shown(m.catalogue) for m in matches), "green")
            cat_std = Text("\n".join(shown(m.standard) or "—" for m in matches))
        else:
            cat = Text(
                word("not_in_catalogue", lang) if standard_of(f).kind != "free" else "—",
                "bold red" if standard_of(f).kind != "free" else "dim",
            )
            cat_std = Text("—", "dim")
        flag = state.removed_fees.get(norm_name(f.name))
        removal = (
            Text(word("to_remove", lang), "bold magenta").append(literal(flag))
            if flag is not None
            else Text(word("kept_fee", lang), "dim")
        )
        basis = literal(f.basis) if f.basis else Text(word("no_fee_basis", lang), "red")
        t.add_row(literal(f.name, "bold"), std, basis, cat, cat_std, removal)
    return section(word("fee_list", lang), t, len(item.fees))


def resolution(f: Finding, state: ItemState, lang: str) -> Text:
    if not is_resolved(f, state):
        return Text(word("open", lang), "bold red" if f.severity == "error" else "dim")
    if state.status in ("abolish", "merge") and not state.stale:
        return Text(word("resolved_by", lang, how=status_name(state.status, lang)), "green")
    if f.rule in state.overrides:
        return Text(word("overridden", lang), "green").append(literal(state.overrides[f.rule]))
    return Text(word("resolved_by", lang, how=word("fee_flagged", lang)), "green")


def findings_section(findings: list[Finding], state: ItemState, lang: str) -> Group:
    if not findings:
        return section(word("findings", lang), Text(word("no_findings", lang), "green"), 0)
    t = _table(
        "", word("rule", lang), word("finding", lang), word("suggestion", lang), "", ratios=(None, None, 3, 2, 2)
    )
    for f in findings:
        t.add_row(
            Text(severity_name(f.severity, lang), SEVERITY_STYLES.get(f.severity, "")),
            Text(f.rule, "dim"),
            literal(f.message),
            literal(f.suggestion, "italic"),
            resolution(f, state, lang),
        )
    return section(word("findings", lang), t, len(findings))


def history_section(decisions: list[Decision], lang: str) -> Group:
    if not decisions:
        return section(word("history", lang), Text(word("no_decisions", lang), "dim"), 0)
    undone = {d.undoes for d in decisions if d.undoes}
    t = _table(
        "#",
        word("at", lang),
        word("reviewer", lang),
        word("action", lang),
        word("detail", lang),
        word("reason", lang),
        ratios=(None, None, None, None, 2, 2),
    )
    for d in decisions:
        detail = d.detail
        style = "dim strike" if d.id in undone else ""
        t.add_row(
            Text(str(d.id), "dim"),
            Text(d.at[:19], "dim"),
            literal(d.reviewer, style),
            Text(d.action, style or "bold"),
            literal(detail, style),
            literal(d.reason, style),
        )
    return section(word("history", lang), t, len(decisions))


def item_sections(f: ItemFacts, ref: Reference, as_of: dt.date, lang: str) -> list[RenderableType]:
    return [
        fields_section(f.item, lang),
        basis_section(f.item, ref, as_of, lang),
        materials_section(f.item, lang),
        limits_section(f.item, lang),
        fees_section(f.item, f.state, ref, lang),
        findings_section(f.findings, f.state, lang),
        history_section(f.decisions, lang),
    ]
