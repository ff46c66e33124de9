"""The published catalogue: a self-contained, printable HTML page and a Markdown document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import IO

from .messages import t
from .model import Item, default_title
from .normalize import md_text
from .publish_print import PRINT_CSS, ByDepartment, fees_text, flow_svg, print_tables
from .store.versions import CatalogueSource

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #9a1b1b; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; color: var(--ink);
       margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; line-height: 1.65; }
header { border-bottom: 3px double var(--accent); margin-bottom: 1.5rem; padding-bottom: .75rem; text-align: center; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; letter-spacing: .08em; }
.meta { color: var(--muted); font-size: .9rem; }
nav { columns: 2; font-size: .95rem; margin: 1rem 0 2rem; }
nav a { color: var(--ink); text-decoration: none; }
nav a:hover { text-decoration: underline; }
h2 { border-left: 6px solid var(--accent); font-size: 1.35rem; margin: 2.5rem 0 1rem; padding-left: .6rem; }
article { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1.1rem; padding: .8rem 1rem;
          break-inside: avoid; page-break-inside: avoid; }
article h3 { font-size: 1.1rem; margin: 0 0 .4rem; }
.code { color: var(--muted); font-family: ui-monospace, monospace; font-size: .85rem; font-weight: normal;
        margin-left: .5rem; }
dl { display: grid; grid-template-columns: 7em 1fr; gap: .25rem .75rem; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; white-space: pre-wrap; }
ol, ul { margin: 0; padding-left: 1.4em; }
table { border-collapse: collapse; font-size: .92rem; width: 100%; }
th, td { border: 1px solid var(--line); padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.none { color: var(--muted); }
footer { border-top: 1px solid var(--line); color: var(--muted); font-size: .8rem; margin-top: 3rem;
         padding-top: .5rem; word-break: break-all; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  h2 { break-before: page; page-break-before: always; }
  h2:first-of-type { break-before: auto; page-break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
"""


NO_DEPARTMENT = "（未明确实施机关）"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _limit(lim) -> str:
    if lim.state == "empty":
        return "—"
    if lim.days == 0:
        return "即办"
    return f"{lim.days}个工作日" if lim.days is not None else lim.text


def _item_html(item: Item, fees_listed: bool = True) -> str:
    rows = [("事项类型", _e(item.category) or '<span class="none">—</span>')]
    basis = "".join(f"<li>{_e(c.text)}</li>" for c in item.basis)
    rows.append(("设定依据", f"<ol>{basis}</ol>" if basis else '<span class="none">无</span>'))
    mats = "".join(f"<li>{_e(m)}</li>" for m in item.materials)
    rows.append(("申请材料", f"<ol>{mats}</ol>" if mats else '<span class="none">无</span>'))
    if item.procedure:
        rows.append(("办理流程", _e(item.procedure) + flow_svg(item.procedure)))
    rows.append(("办理时限", f"法定 {_e(_limit(item.statutory_limit))}；承诺 {_e(_limit(item.promised_limit))}"))
    if item.fees:
        fee_rows = "".join(
            f"<tr><td>{_e(f.name)}</td><td>{_e(f.standard or '—')}</td><td>{_e(f.basis or '—')}</td></tr>"
            for f in item.fees
        )
        rows.append(("收费", f"<table><tr><th>收费项目</th><th>标准</th><th>依据</th></tr>{fee_rows}</table>"))
    else:
        rows.append(("收费", fees_text(item, fees_listed)))
    if item.notes:
        rows.append(("备注", _e(item.notes)))
    rows += [(_e(k), _e(v)) for k, v in item.extra.items() if v]
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'<article id="item-{_e(item.code)}"><h3>{_e(item.name)}<span class="code">{_e(item.code)}</span></h3>'
        f"<dl>{body}</dl></article>\n"
    )


def write_html(
    src: CatalogueSource,
    out: IO,
    *,
    lang: str = "zh",
    reference: Path | None = None,
    meta: str = "",
    title: str | None = None,
    approved: str | None = None,
    fees_listed: bool = True,
) -> int:
    with ByDepartment(src.items(), NO_DEPARTMENT) as grouped:
        _html(grouped, src, out, reference=reference, meta=meta, title=title, approved=approved, listed=fees_listed)
        return grouped.total


def _html(grouped: ByDepartment, src: CatalogueSource, out: IO, *, reference, meta, title, approved, listed) -> None:
    groups, total = grouped.groups, grouped.total
    state = f"版本 {_e(src.label)}" if src.label else "工作稿（未批准）"
    title = title or default_title(src.catalog)
    # a version's page names the day it was approved, so that it is the same page on any later day
    made = f"批准于 {approved[:10]}" if approved else f"生成于 {dt.date.today().isoformat()}"
    out.write(
        f'<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}{PRINT_CSS}</style></head><body>\n"
    )
    out.write(
        f'<header><h1>{_e(title)}</h1><div class="meta">{state} · 共 {total} 项 · '
        f"{len(groups)} 个实施机关 · {made}</div></header>\n<nav><ol>"
    )
    out.writelines(
        f'<li><a href="#dept-{n}">{_e(dept)}</a>（{count}项）</li>' for n, (dept, count) in enumerate(groups, 1)
    )
    out.write('</ol></nav>\n<div class="screen-only">\n')
    for n, (dept, count) in enumerate(groups, 1):
        out.write(f'<section><h2 id="dept-{n}">{_e(dept)}（{count}项）</h2>\n')
        out.writelines(_item_html(item, listed) for item in grouped.items(dept))
        out.write("</section>\n")
    out.write("</div>\n")
    out.writelines(print_tables(grouped, fees_listed=listed, limit=_limit))
    out.write(f"<footer>{_e(meta or src.title)}</footer></body></html>\n")


def _md(text: object) -> str:
    return md_text(text)


def write_markdown(
    src: CatalogueSource,
    out: IO,
    *,
    lang: str = "zh",
    meta: str = "",
    title: str | None = None,
    fees_listed: bool = True,
) -> int:
    with ByDepartment(src.items(), NO_DEPARTMENT) as grouped:
        total = grouped.total
        out.write(f"# {_md(title or default_title(src.catalog))}\n\n")
        out.write(f"{'版本 ' + _md(src.label) if src.label else '工作稿（未批准）'}，共 {total} 项。{_md(meta)}\n\n")
        n = 0
        for dept, count in grouped.groups:
            out.write(f"## {_md(dept)}（{count}项）\n\n")
            for item in grouped.items(dept):
                n += 1
                _item_md(out, n, item, fees_listed)
    return total


def _item_md(out: IO, n: int, item: Item, fees_listed: bool) -> None:
    out.write(f"### {n}. {_md(item.name)}（{_md(item.code)}）\n\n")
    if item.category:
        out.write(f"- 事项类型：{_md(item.category)}\n")
    out.write("- 设定依据：" + ("；".join(_md(c.text) for c in item.basis) or "无") + "\n")
    out.write("- 申请材料：" + ("；".join(_md(m) for m in item.materials) or "无") + "\n")
    out.write(f"- 办理时限：法定 {_limit(item.statutory_limit)}，承诺 {_limit(item.promised_limit)}\n")
    fees = "；".join(
        _md(f"{f.name} {f.standard}（{f.basis}）" if f.basis else f"{f.name} {f.standard}") for f in item.fees
    )
    out.write(f"- 收费：{fees or fees_text(item, fees_listed)}\n\n")


def report_html(out: IO, title: str, cols: Iterable[str], rows: Iterable[tuple], *, lang: str = "zh") -> None:
    """A report's rows (an iterable with a length) as one printable page, in the user's language."""
    head = "".join(f"<th>{_e(c)}</th>" for c in cols)
    out.write(
        f'<!doctype html>\n<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body><header><h1>{_e(title)}</h1>"
        f'<div class="meta">{_e(t("report-rows", lang, n=len(rows)))}'
        f"</div></header><table><tr>{head}</tr>"
    )
    out.writelines("<tr>" + "".join(f"<td>{_e('' if v is None else v)}</td>" for v in r) + "</tr>\n" for r in rows)
    out.write("</table></body></html>\n")


__all__ = ["report_html", "write_html", "write_markdown"]
