"""The outcome of each item of a reviewed catalogue (清理结果): kept, abolished, merged, amended, charges cancelled.

The results list is one row per item of the draft, read from the effective decision log (up to an approved
version's last decision when a version is named), grouped by department.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from typing import IO

from .messages import language, say
from .model import FIELDS, HEADERS, Fee, Item
from .normalize import norm_name
from .review import ItemState
from .states import along, item_states
from .store import Catalog, Store
from .store.decisions import Decision
from .versions import resolve_version
from .writers import Spilled

COLUMNS = ("department", "code", "name", "outcome", "action", "target", "fields", "fees", "reason", "reviewer")


@dataclass
class Reviewed:
    """The catalogue as reviewed: its draft items, each with the state and the edits the log gives it."""

    catalog: Catalog
    label: str | None
    items: Iterable[tuple[Item, ItemState | None, list[Decision]]]  # gone through once per use (DraftItems)


def reviewed(store: Store, cat: Catalog, version: str | None = None) -> Reviewed:
    """The draft and the log; with a version, the log as it stood when the version was approved."""
    upto, label = None, None
    if version is not None:
        v = resolve_version(store, cat, version)
        label = v.label
        upto = store.conn.execute("SELECT decision_id FROM versions WHERE id = ?", (v.id,)).fetchone()[0]
    return Reviewed(cat, label, DraftItems(store, cat.id, upto))


class DraftItems:
    """A catalogue's draft items, each with its state and its effective edit entries (oldest first), read from
    the store each time they are gone through, never all held; with upto, the log up to that entry (an item
    sent back to review after a version was approved was not in review then)."""

    def __init__(self, store: Store, catalog_id: int, upto: int | None = None):
        self.store, self.catalog_id, self.upto = store, catalog_id, upto

    def __iter__(self) -> Iterator[tuple[Item, ItemState | None, list[Decision]]]:
        items = self.store.iter_items(self.catalog_id)
        for item, s, log in along(items, item_states(self.store, self.catalog_id, self.upto)):
            yield item, s, [d for d in log if d.action == "edit"]


@dataclass
class Outcome:
    department: str
    code: str
    name: str
    action: str  # keep | abolish | merge | amend | undecided | needs-review
    target: str = ""
    fields: list[str] = field(default_factory=list)  # keys of the amended fields
    fees: list[Fee] = field(default_factory=list)  # the charges cancelled
    reason: str = ""
    reviewer: str = ""

    def words(self, lang: str | None = None) -> str:
        """保留, 取消, 合并至 X, 调整：栏目, 取消收费：收费项目, joined."""
        sep = say("sep", lang)
        parts = []
        if self.action in ("keep", "abolish", "undecided", "needs-review"):
            parts.append(say(f"out-{self.action}", lang))
        elif self.action == "merge":
            parts.append(say("out-merge", lang, target=self.target))
        elif self.action == "amend":
            names = sep.join(field_name(k, lang) for k in self.fields)
            parts.append(say("out-amend", lang, fields=names) if names else say("out-amend-bare", lang))
        if self.fees and self.action in ("keep", "amend"):
            if self.action == "keep":
                parts = []
            parts.append(say("out-fees", lang, fees=sep.join(f.name for f in self.fees)))
        return say("clause-sep", lang).join(parts)

    def record(self, lang: str | None = None) -> dict[str, object]:
        return {
            "department": self.department,
            "code": self.code,
            "name": self.name,
            "outcome": self.words(lang),
            "action": self.action,
            "target": self.target,
            "fields": list(self.fields),
            "fees": [f.as_dict() for f in self.fees],
            "reason": self.reason,
            "reviewer": self.reviewer,
        }


def field_name(key: str, lang: str | None) -> str:
    return HEADERS[key][0] if language(lang) == "zh" else key


def field_names(keys, lang: str | None) -> str:
    """Fields named for a reader, joined; an extra column keeps its own name."""
    return say("sep", lang).join(field_name(k, lang) if k in HEADERS else k for k in keys)


def cancelled_fees(item: Item, s: ItemState) -> list[Fee]:
    """The charges the approved catalogue no longer carries: all of an item taken out, else those flagged."""
    if s.status in ("abolish", "merge"):
        return list(item.fees)
    return [f for f in item.fees if norm_name(f.name) in s.removed_fees]


def outcome(
    item: Item, s: ItemState | None, edits: list[Decision], lang: str | None = None, placeholders: bool = True
) -> Outcome:
    """An item's outcome; with placeholders, no department is a word for people (JSON keeps it empty)."""
    department = item.department or (say("no-department", lang) if placeholders else "")
    if s is None or s.status is None:
        return Outcome(department, item.code, item.name, "undecided")
    action = "needs-review" if s.stale else s.status
    changed = {d.field for d in edits}
    fields = [k for k in FIELDS if k in changed]
    return Outcome(
        department,
        item.code,
        item.name,
        action,
        target=s.target or "",
        fields=fields if s.status == "amend" else [],
        fees=cancelled_fees(item, s),
        reason=s.reason,
        reviewer=s.reviewer,
    )


def outcomes(r: Reviewed, lang: str | None = None, placeholders: bool = True) -> Spilled:
    """One per item, grouped by department (in the order they first appear), catalogue order inside; kept in a
    temporary file, not in memory (close it, or use it in a with block)."""
    made = (outcome(item, s, edits, lang, placeholders) for item, s, edits in r.items)
    return Spilled(made, lambda o: o.department)


def grouped(rows: Spilled) -> Iterator[tuple[str, int, Iterator[Outcome]]]:
    """Each department, its number of outcomes and the outcomes."""
    for dept, n in rows.groups:
        yield dept, n, rows.items(dept)


# --- writers -----------------------------------------------------------------------------------


def _flat(o: Outcome, lang: str) -> list[str]:
    rec = o.record(lang)
    sep = say("sep", lang)
    rec["fields"] = sep.join(field_name(k, lang) for k in o.fields)
    rec["fees"] = sep.join(f.name for f in o.fees)
    return [str(rec[c]) for c in COLUMNS]


def column_names(lang: str) -> list[str]:
    return [say(f"col-{c}", lang) for c in COLUMNS]


def _md(v: object) -> str:
    return str(v).replace("|", "\\|").replace("\n", " ")


def _results_md(out: IO, rows: Spilled, title: str, lang: str) -> None:
    out.write(f"# {title}\n")
    cols = [say(f"col-{c}", lang) for c in ("code", "name", "outcome", "reason", "reviewer")]
    for dept, count, group in grouped(rows):
        out.write(f"\n## {_md(dept)}{say('items-n-paren', lang, n=count)}\n\n")
        out.write("| " + " | ".join(["#", *cols]) + " |\n|" + "---|" * (len(cols) + 1) + "\n")
        out.writelines(
            f"| {n} | {_md(o.code)} | {_md(o.name)} | {_md(o.words(lang))} | {_md(o.reason)} | {_md(o.reviewer)} |\n"
            for n, o in enumerate(group, 1)
        )


# The page of the results list and of the cleanup report: print-friendly, no script, no network.
PAGE_CSS = """
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; color: #1f2328; margin: 0 auto;
       max-width: 72rem; padding: 2rem 1.5rem 4rem; line-height: 1.6; }
header { border-bottom: 3px double #9a1b1b; margin-bottom: 1.5rem; text-align: center; }
h1 { font-size: 1.8rem; letter-spacing: .06em; margin: 0 0 .3rem; }
.meta { color: #59636e; font-size: .9rem; padding-bottom: .6rem; }
h2 { border-left: 6px solid #9a1b1b; font-size: 1.25rem; margin: 2rem 0 .8rem; padding-left: .6rem; }
table { border-collapse: collapse; font-size: .88rem; width: 100%; }
th, td { border: 1px solid #b8c0c8; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f0f2f4; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
@media print { body { max-width: none; padding: 0; font-size: 10pt; } h2 { break-after: avoid; } }
"""
RESULTS_CSS = (
    PAGE_CSS
    + """
td.code { font-family: ui-monospace, monospace; font-size: .8rem; white-space: nowrap; }
td.n { text-align: right; width: 2.5em; }
.abolish, .merge { color: #9a1b1b; }
"""
)


def _results_html(out: IO, rows: Spilled, title: str, label: str | None, lang: str) -> None:
    e = escape
    state = say("report-version", lang, label=label) if label else say("report-draft", lang)
    cols = [say(f"col-{c}", lang) for c in ("code", "name", "outcome", "reason", "reviewer")]
    out.write(
        f'<!doctype html>\n<html lang="{"zh-CN" if language(lang) == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(title)}</title>'
        f"<style>{RESULTS_CSS}</style></head><body>\n<header><h1>{e(title)}</h1>"
        f'<div class="meta">{e(state)} · {e(say("items-n", lang, n=len(rows)))}</div></header>\n'
    )
    head = "".join(f"<th>{e(c)}</th>" for c in ["#", *cols])
    for dept, count, group in grouped(rows):
        out.write(f"<section><h2>{e(dept)}{e(say('items-n-paren', lang, n=count))}</h2>\n")
        out.write(f"<table><thead><tr>{head}</tr></thead><tbody>\n")
        out.writelines(
            f'<tr><td class="n">{n}</td><td class="code">{e(o.code)}</td><td>{e(o.name)}</td>'
            f'<td class="{e(o.action)}">{e(o.words(lang))}</td><td>{e(o.reason)}</td><td>{e(o.reviewer)}</td></tr>\n'
            for n, o in enumerate(group, 1)
        )
        out.write("</tbody></table></section>\n")
    out.write("</body></html>\n")
