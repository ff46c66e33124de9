"""The publication page's print layout: a compact numbered table per department, the department's name in
the header row that repeats on every printed page, page numbers; and each procedure drawn as a flow of steps
(权力运行流程图) in inline SVG. The screen keeps the item cards."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import escape

from .messages import t, template
from .model import Item
from .writers import Spilled

PRINT_CSS = """
.print-only { display: none; }
svg.flow { display: block; margin: .2rem 0; max-width: 100%; height: auto; }
svg.flow text { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 12px; fill: #1f2328; }
svg.flow rect { fill: #f6f8fa; stroke: #59636e; }
svg.flow path { fill: none; stroke: #59636e; }
@page { size: A4 landscape; margin: 12mm 10mm 14mm;
        @bottom-center { content: PAGE_NUMBER; font-size: 9pt; color: #59636e; } }
@media print {
  .screen-only, header nav { display: none; }
  .print-only { display: block; }
  header { margin-bottom: .5rem; padding-bottom: .25rem; }
  h1 { font-size: 15pt; }
  table.compact { border-collapse: collapse; font-size: 8pt; line-height: 1.3; margin-bottom: 4mm; width: 100%; }
  table.compact th, table.compact td { border: .5pt solid #808080; padding: .6mm 1mm; }
  table.compact thead th.dept { background: none; border: none; border-bottom: 1pt solid #9a1b1b;
                                font-size: 10pt; padding: 0 0 1mm; text-align: left; }
  table.compact thead { display: table-header-group; }
  table.compact tr { break-inside: avoid; page-break-inside: avoid; }
  table.compact th { white-space: nowrap; }
  table.compact td.fee { min-width: 4.5em; }
  table.compact td.n, table.compact td.lim { text-align: right; white-space: nowrap; }
  table.compact td.code { font-family: ui-monospace, monospace; font-size: 7pt; word-break: break-all; }
  footer { margin-top: 4mm; }
}
"""

STEP_SPLIT = re.compile(r"\s*(?:→|->|—+|－+|-{1,2}|>|＞|、|；|;)\s*")
NUMBERED = re.compile(r"(?:^|\s+)[(（]?\d{1,2}[.、．)）]\s*")  # 1.申请 2.受理 …
STEP_W, STEP_GAP, STEP_H = 14, 18, 26  # px per character, px between steps, box height


def steps(procedure: str) -> list[str]:
    """The steps of a procedure written as `申请—受理—审查—决定—送达` (→, —, －, -, >, 、); [] when it is prose."""
    text = procedure.strip()
    if "\n" in text:
        parts = [p.strip() for p in text.splitlines()]
    elif len(NUMBERED.findall(text)) >= 2:
        parts = NUMBERED.split(text)
    else:
        parts = STEP_SPLIT.split(text)
    parts = [re.sub(r"^[\d①-⑳]+[.、．)]?\s*", "", p) for p in parts if p.strip()]
    if len(parts) < 2 or any(len(p) > 16 for p in parts):
        return []
    return parts


def flow_svg(procedure: str, *, per_row: int = 6) -> str:
    """The steps as boxes joined by arrows, wrapping after per_row steps; '' when the text has no steps."""
    parts = steps(procedure)
    if not parts:
        return ""
    rows = [parts[i : i + per_row] for i in range(0, len(parts), per_row)]
    width = max(sum(len(p) * STEP_W + 16 for p in row) + STEP_GAP * (len(row) - 1) for row in rows) + 2
    height = len(rows) * (STEP_H + 12)
    out = []
    for r, row in enumerate(rows):
        x, y = 1.0, 1 + r * (STEP_H + 12)
        for n, p in enumerate(row):
            w = len(p) * STEP_W + 16
            out.append(f'<rect x="{x:.0f}" y="{y}" width="{w}" height="{STEP_H}" rx="4"/>')
            out.append(f'<text x="{x + w / 2:.0f}" y="{y + 17}" text-anchor="middle">{escape(p)}</text>')
            x += w
            if n < len(row) - 1 or r < len(rows) - 1:
                mid = y + STEP_H / 2
                out.append(f'<path d="M{x + 2:.0f} {mid} h{STEP_GAP - 6} m-5 -4 l5 4 l-5 4"/>')
            x += STEP_GAP
    label = escape("→".join(parts))
    return (
        f'<svg class="flow" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}" role="img" aria-label="{label}">' + "".join(out) + "</svg>"
    )


def print_css(lang: str) -> str:
    """The print styles, with the page numbers in the page's language."""
    before, _, after = template("pub-page", lang).partition("{n}")
    return PRINT_CSS.replace("PAGE_NUMBER", f'"{before}" counter(page) "{after}"')


def _limits(item: Item, limit, lang: str) -> str:
    return t("pub-limits", lang, statutory=limit(item.statutory_limit), promised=limit(item.promised_limit))


def fees_text(item: Item, fees_listed: bool, lang: str) -> str:
    """The charges in words; 未列收费 when the source had no fees column, 不收费 when it listed none."""
    if item.fees:
        return t("pub-sep", lang).join(f"{f.name} {f.standard}".strip() for f in item.fees)
    return t("pub-no-fee", lang) if fees_listed else t("pub-fees-unlisted", lang)


class ByDepartment(Spilled):
    """A catalogue's items grouped by department (writers.Spilled), with what the print tables need to know
    of them all: the extra columns filled, and whether any item has a category, a basis, a time limit."""

    def __init__(self, items: Iterable[Item], no_department: str):
        self._extras: dict[str, dict[str, None]] = {}
        self.any_category = self.any_basis = self.any_limit = False
        super().__init__(items, lambda item: item.department or no_department)

    def seen(self, dept: str, item: Item) -> None:
        self._extras.setdefault(dept, {}).update((k, None) for k, v in item.extra.items() if v)
        self.any_category = self.any_category or bool(item.category)
        self.any_basis = self.any_basis or bool(item.basis)
        self.any_limit = self.any_limit or not (
            item.statutory_limit.state == "empty" and item.promised_limit.state == "empty"
        )

    @property
    def total(self) -> int:
        return len(self)

    @property
    def extras(self) -> list[str]:
        """The extra columns any item fills, in the order the grouped items first fill them."""
        return list(dict.fromkeys(k for keys in self._extras.values() for k in keys))


def print_tables(grouped: ByDepartment, *, fees_listed: bool, limit, lang: str = "zh") -> Iterator[str]:
    """One compact table per department, numbered through the catalogue (序号)."""
    e = escape
    columns = [
        ("name", t("pub-name", lang), lambda i: e(i.name), ""),
        ("code", t("pub-code", lang), lambda i: e(i.code), "code"),
        ("category", t("pub-category", lang), lambda i: e(i.category), ""),
        ("basis", t("pub-basis", lang), lambda i: "<br>".join(e(c.text) for c in i.basis), ""),
        ("limits", t("pub-limits-head", lang), lambda i: e(_limits(i, limit, lang)), "lim"),
        ("fees", t("pub-fees", lang), lambda i: e(fees_text(i, fees_listed, lang)), "fee"),
    ] + [("", h, lambda i, h=h: e(i.extra.get(h, "")), "") for h in grouped.extras]
    # a column that no item fills is left out (the 广安 list, for one, gives no basis and no time limits)
    filled = {"category": grouped.any_category, "basis": grouped.any_basis, "limits": grouped.any_limit}
    columns = [c[1:] for c in columns if filled.get(c[0], True)]
    heads = [t("pub-number", lang)] + [h for h, _, _ in columns]
    n = 0
    yield '<div class="print-only">\n'
    for dept, count in grouped.groups:
        yield (
            f'<table class="compact"><thead><tr><th class="dept" colspan="{len(heads)}">{e(dept)}'
            f"{e(t('pub-dept-count', lang, count=count))}</th></tr><tr>"
            + "".join(f"<th>{e(h)}</th>" for h in heads)
            + "</tr></thead><tbody>\n"
        )
        for item in grouped.items(dept):
            n += 1
            cells = "".join(
                f'<td class="{cls}">{cell(item)}</td>' if cls else f"<td>{cell(item)}</td>" for _, cell, cls in columns
            )
            yield f'<tr><td class="n">{n}</td>{cells}</tr>\n'
        yield "</tbody></table>\n"
    yield "</div>\n"
