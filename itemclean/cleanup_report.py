"""The cleanup's figures (清理情况统计): by department and by category, with the summary a county pastes into its
work report, in Markdown, HTML (with inline SVG charts, no script), JSON (stable English keys) and XLSX.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from html import escape
from typing import IO, Any

from .messages import language, say
from .model import Item
from .normalize import norm_name
from .parsing import split_list
from .results import PAGE_CSS, Reviewed, cancelled_fees
from .review import ItemState
from .rules.materials import CATCH_ALL, _catch_all
from .store.decisions import Decision
from .writers import Mapped, Spilled, write_json_array

COUNTS = (
    "before",
    "after",
    "abolished",
    "merged",
    "amended",
    "kept",
    "undecided",
    "fees_cancelled",
    "limit_items",
    "compression",
    "at_least_half",
    "catch_all_removed",
    "bases_replaced",
)


@dataclass
class Figures:
    """The counts of one group of items (a department, a category, or all of them)."""

    before: int = 0
    after: int = 0
    abolished: int = 0
    merged: int = 0
    amended: int = 0
    kept: int = 0  # kept unchanged
    undecided: int = 0  # undecided or back to review
    fees_cancelled: int = 0
    fee_items: int = 0  # items that lost a charge
    limit_items: int = 0  # kept items whose statutory and promised limits are both known, statutory > 0
    compression_sum: float = 0.0
    at_least_half: int = 0
    catch_all_removed: int = 0
    bases_replaced: int = 0

    @property
    def compression(self) -> float:
        """Average compression of the promised limit against the statutory one, in per cent, one decimal."""
        return round(self.compression_sum / self.limit_items, 1) if self.limit_items else 0.0

    def add(self, item: Item, s: ItemState | None, edits: list[Decision]) -> None:
        self.before += 1
        status = None if s is None or s.stale else s.status
        if status is None:
            self.undecided += 1
            return
        key = {"abolish": "abolished", "merge": "merged", "amend": "amended", "keep": "kept"}[status]
        setattr(self, key, getattr(self, key) + 1)
        fees = cancelled_fees(item, s)
        self.fees_cancelled += len(fees)
        self.fee_items += bool(fees)
        if status not in ("keep", "amend"):
            return
        self.after += 1
        stat, prom = item.statutory_limit.days, item.promised_limit.days
        if stat and prom is not None:
            pct = max(stat - prom, 0) * 100 / stat
            self.limit_items += 1
            self.compression_sum += pct
            self.at_least_half += pct >= 50
        self.catch_all_removed += removed_catch_alls(item, edits)
        self.bases_replaced += replaced_bases(item, edits)

    def as_dict(self) -> dict[str, object]:
        d = {k: v for k, v in asdict(self).items() if k != "compression_sum"}
        d["compression"] = self.compression
        return d


def _first_old(edits: list[Decision], key: str) -> str | None:
    return next((d.old for d in edits if d.field == key), None)


def removed_catch_alls(item: Item, edits: list[Decision]) -> int:
    """Catch-all material clauses the item had before its first materials edit and has no longer."""
    before = _first_old(edits, "materials")
    if before is None:
        return 0
    pattern, _ = _catch_all(tuple(CATCH_ALL))

    def catch_alls(entries: list[str]) -> set[str]:
        return {norm_name(m) for m in entries if pattern.search(norm_name(m))}

    return len(catch_alls(split_list(before)) - catch_alls(item.materials))


def replaced_bases(item: Item, edits: list[Decision]) -> int:
    """Citations the item had before its first basis edit and cites no longer."""
    before = _first_old(edits, "basis")
    if before is None:
        return 0
    now = {c.text for c in item.basis}
    return len([t for t in split_list(before) if t not in now])


@dataclass
class Report:
    catalog: str
    version: str | None
    generated: str
    totals: Figures
    by_department: dict[str, Figures] = field(default_factory=dict)
    by_category: dict[str, Figures] = field(default_factory=dict)
    fees: Any = field(default_factory=list)  # of dict[str, str]; a writers.Spilled when made by figures()

    def summary(self, lang: str | None = None) -> str:
        t = self.totals
        text = say(
            "summary",
            lang,
            before=t.before,
            abolished=t.abolished,
            merged=t.merged,
            amended=t.amended,
            kept=t.kept,
            after=t.after,
            fees=t.fees_cancelled,
            fee_items=t.fee_items,
            compression=f"{t.compression:g}",
            half=t.at_least_half,
            catch_all=t.catch_all_removed,
            bases=t.bases_replaced,
        )
        return text + (say("summary-undecided", lang, n=t.undecided) if t.undecided else "")

    def as_json(self, lang: str | None = None) -> dict[str, object]:
        return {
            "catalog": self.catalog,
            "version": self.version,
            "generated": self.generated,
            "summary": self.summary(lang),
            "totals": self.totals.as_dict(),
            "by_department": [{"department": k, **v.as_dict()} for k, v in self.by_department.items()],
            "by_category": [{"category": k, **v.as_dict()} for k, v in self.by_category.items()],
            "fees_cancelled": list(self.fees),
        }

    def write_json(self, out: IO, lang: str | None = None) -> None:
        """What json.dumps(self.as_json(lang), ensure_ascii=False, indent=1) writes, the charges (its last key) one
        at a time."""
        fees, self.fees = self.fees, []
        try:
            head = json.dumps(self.as_json(lang), ensure_ascii=False, indent=1)
        finally:
            self.fees = fees
        out.write(head[: -len("[]\n}")])
        write_json_array(fees, out, depth=1, end="\n}\n")


def figures(r: Reviewed, lang: str | None = None, placeholders: bool = True) -> Report:
    """The figures; with placeholders, an item of no department or category is grouped under a word for people
    (JSON keeps the empty value: it does not change with the language). The charges cancelled are kept in a
    temporary file as the items go by, not in memory (close the report's fees, or use them in a with block)."""
    rep = Report(r.catalog.name, r.label, dt.date.today().isoformat(), Figures())
    rep.fees = Spilled(_counted(rep, r, lang, placeholders), lambda _: None)
    return rep


def _counted(rep: Report, r: Reviewed, lang: str | None, placeholders: bool) -> Iterator[dict[str, str]]:
    """Each item counted into the report's figures, yielding the charges it cancels."""
    for item, s, edits in r.items:
        dept = item.department or (say("no-department", lang) if placeholders else "")
        cat = item.category or (say("none", lang) if placeholders else "")
        for fig in (
            rep.totals,
            rep.by_department.setdefault(dept, Figures()),
            rep.by_category.setdefault(cat, Figures()),
        ):
            fig.add(item, s, edits)
        if s is not None and s.status is not None and not s.stale:
            reason = s.reason if s.status in ("abolish", "merge") else ""
            for f in cancelled_fees(item, s):
                why = reason or s.removed_fees.get(norm_name(f.name), "")
                yield {
                    "code": item.code,
                    "item": item.name,
                    "department": dept,
                    "fee": f.name,
                    "standard": f.standard,
                    "basis": f.basis,
                    "reason": why,
                }


# --- writers -----------------------------------------------------------------------------------

TABLE_COLS = COUNTS  # the columns of the by-department and by-category tables


def _row(fig: Figures) -> list[object]:
    d = fig.as_dict()
    return [d[c] for c in TABLE_COLS]


def _title(rep: Report, lang: str) -> tuple[str, str]:
    state = say("report-version", lang, label=rep.version) if rep.version else say("report-draft", lang)
    return say("report-title", lang, catalog=rep.catalog), f"{state} · {rep.generated}"


def _md(v: object) -> str:
    return str(v).replace("|", "\\|").replace("\n", " ")


def _md_table(out: IO, head: list[str], rows: list[list[object]]) -> None:
    out.write("| " + " | ".join(head) + " |\n|" + "---|" * len(head) + "\n")
    out.writelines("| " + " | ".join(_md(v) for v in r) + " |\n" for r in rows)
    out.write("\n")


def _groups(rep: Report, lang: str) -> list[tuple[str, str, dict[str, Figures]]]:
    return [
        (say("h-by-department", lang), say("col-department", lang), rep.by_department),
        (say("h-by-category", lang), say("col-category", lang), rep.by_category),
    ]


def _fee_rows(rep: Report, lang: str) -> tuple[list[str], Mapped]:
    keys = ("department", "code", "item", "fee", "standard", "basis", "reason")
    names = ("department", "code", "name", "fee", "standard", "basis", "reason")
    return [say(f"col-{n}", lang) for n in names], Mapped(rep.fees, lambda f: [f[k] for k in keys])


def _report_md(out: IO, rep: Report, lang: str) -> None:
    title, meta = _title(rep, lang)
    out.write(f"# {title}\n\n{meta}\n\n## {say('h-summary', lang)}\n\n{rep.summary(lang)}\n\n")
    head = [say(f"col-{c}", lang) for c in TABLE_COLS]
    for h, first, groups in _groups(rep, lang):
        out.write(f"## {h}\n\n")
        rows = [[k, *_row(v)] for k, v in groups.items()]
        _md_table(out, [first, *head], rows + [[say("total", lang), *_row(rep.totals)]])
    out.write(f"## {say('h-fees', lang)}\n\n")
    fee_head, fee_rows = _fee_rows(rep, lang)
    if fee_rows:
        _md_table(out, fee_head, fee_rows)
    else:
        out.write(say("none", lang) + "\n")


REPORT_CSS = (
    PAGE_CSS
    + """
.summary { font-size: 1.05rem; text-indent: 2em; }
th { word-break: keep-all; font-size: .8rem; }
td:first-child { min-width: 8em; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; border-top: 2px solid #59636e; }
figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
svg text { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 12px; fill: #1f2328; }
svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
"""
)

# outcome → (figure key, colour); the colours stay apart in grey print too
SEGMENTS = (
    ("kept", "#2f5d8a"),
    ("amended", "#7fa7cf"),
    ("merged", "#e0a458"),
    ("abolished", "#9a1b1b"),
    ("undecided", "#c8c8c8"),
)
LABEL_W, BAR_W, ROW_H = 210, 560, 24


def _short(text: str, n: int = 14) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _legend(items: list[tuple[str, str]], y: int) -> str:
    out, x = [], LABEL_W
    for name, colour in items:
        out.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 16}" y="{y + 11}">{escape(name)}</text>')
        x += 24 + 13 * len(name) + 10
    return "".join(out)


def outcome_svg(groups: dict[str, Figures], lang: str) -> str:
    """Stacked bars: each group's items before the cleanup, split by what became of them."""
    top = max((g.before for g in groups.values()), default=0) or 1
    h = 30 + ROW_H * len(groups) + 10
    parts = [_legend([(say(f"col-{k}", lang), c) for k, c in SEGMENTS], 4)]
    for n, (name, g) in enumerate(groups.items()):
        y = 30 + n * ROW_H
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end"><title>{escape(name)}</title>')
        parts.append(f"{escape(_short(name))}</text>")
        x = float(LABEL_W)
        for key, colour in SEGMENTS:
            v = getattr(g, key)
            if not v:
                continue
            w = BAR_W * v / top
            parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW_H - 7}" fill="{colour}"/>')
            if w >= 18:
                ink = "#ffffff" if key in ("kept", "abolished") else "#1f2328"
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 16}" text-anchor="middle" style="fill:{ink}">{v}</text>'
                )
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 16}">{g.before} → {g.after}</text>')
    return _svg(parts, h)


def compression_svg(groups: dict[str, Figures], lang: str) -> str:
    """Bars of each group's average compression of the promised time limit, with the 50% line."""
    rows = {k: g for k, g in groups.items() if g.limit_items}
    h = 30 + ROW_H * len(rows) + 10
    fifty = LABEL_W + BAR_W * 0.5
    parts = [
        f'<line x1="{fifty}" y1="20" x2="{fifty}" y2="{h - 6}" stroke="#9a1b1b" stroke-dasharray="4 3"/>',
        f'<text x="{fifty + 4}" y="14">{escape(say("legend-50", lang))}</text>',
    ]
    for n, (name, g) in enumerate(rows.items()):
        y = 30 + n * ROW_H
        w = BAR_W * g.compression / 100
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end">{escape(_short(name))}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{y + 3}" width="{w:.1f}" height="{ROW_H - 7}" fill="#2f5d8a"/>')
        parts.append(f'<text x="{LABEL_W + w + 6:.1f}" y="{y + 16}">{g.compression:g}%（{g.limit_items}）</text>')
    return _svg(parts, h)


def _svg(parts: list[str], h: int) -> str:
    w = LABEL_W + BAR_W + 120
    return f'<svg viewBox="0 0 {w} {h}" width="100%" role="img">' + "".join(parts) + "</svg>"


def _html_table(first: str, groups: dict[str, Figures], total: Figures, lang: str) -> str:
    head = "".join(f"<th>{escape(say(f'col-{c}', lang))}</th>" for c in TABLE_COLS)
    rows = [(k, v, "") for k, v in groups.items()] + [(say("total", lang), total, ' class="total"')]
    body = "".join(
        f"<tr{cls}><td>{escape(k)}</td>" + "".join(f'<td class="num">{v}</td>' for v in _row(fig)) + "</tr>\n"
        for k, fig, cls in rows
    )
    return f"<table><thead><tr><th>{escape(first)}</th>{head}</tr></thead><tbody>\n{body}</tbody></table>\n"


def _report_html(out: IO, rep: Report, lang: str) -> None:
    title, meta = _title(rep, lang)
    e = escape
    out.write(
        f'<!doctype html>\n<html lang="{"zh-CN" if language(lang) == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{e(title)}</title>'
        f"<style>{REPORT_CSS}</style></head><body>\n<header><h1>{e(title)}</h1>"
        f'<div class="meta">{e(meta)}</div></header>\n'
        f'<h2>{e(say("h-summary", lang))}</h2>\n<p class="summary">{e(rep.summary(lang))}</p>\n'
        f"<h2>{e(say('h-outcomes', lang))}</h2>\n<figure>{outcome_svg(rep.by_department, lang)}</figure>\n"
        f"<h2>{e(say('h-limits', lang))}</h2>\n"
    )
    if rep.totals.limit_items:
        out.write(f"<figure>{compression_svg(rep.by_department, lang)}</figure>\n")
    else:
        out.write(f"<p>{e(say('none', lang))}</p>\n")
    for h, first, groups in _groups(rep, lang):
        out.write(f"<h2>{e(h)}</h2>\n")
        if groups is rep.by_category:
            out.write(f"<figure>{outcome_svg(groups, lang)}</figure>\n")
        out.write(_html_table(first, groups, rep.totals, lang))
    fee_head, fee_rows = _fee_rows(rep, lang)
    out.write(f"<h2>{e(say('h-fees', lang))}</h2>\n")
    if fee_rows:
        out.write("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in fee_head) + "</tr></thead><tbody>\n")
        out.writelines("<tr>" + "".join(f"<td>{e(v)}</td>" for v in r) + "</tr>\n" for r in fee_rows)
        out.write("</tbody></table>\n")
    else:
        out.write(f"<p>{e(say('none', lang))}</p>\n")
    out.write("</body></html>\n")
