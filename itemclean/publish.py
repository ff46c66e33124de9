"""The published catalogue: a self-contained, printable HTML page and a Markdown document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import IO

from .messages import t
from .model import Item
from .normalize import md_text
from .publish_print import ByDepartment, fees_text, flow_svg, print_css, print_tables
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


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def limit_in(lang: str):
    """How a time limit reads on the page, in its language."""

    def limit(lim) -> str:
        if lim.state == "empty":
            return "—"
        if lim.days == 0:
            return t("pub-immediate", lang)
        return t("pub-days", lang, days=lim.days) if lim.days is not None else lim.text

    return limit


def _item_html(item: Item, fees_listed: bool = True, lang: str = "zh") -> str:
    limit = limit_in(lang)
    none = f'<span class="none">{_e(t("pub-none", lang))}</span>'
    rows = [(t("pub-category", lang), _e(item.category) or '<span class="none">—</span>')]
    basis = "".join(f"<li>{_e(c.text)}</li>" for c in item.basis)
    rows.append((t("pub-basis", lang), f"<ol>{basis}</ol>" if basis else none))
    mats = "".join(f"<li>{_e(m)}</li>" for m in item.materials)
    rows.append((t("pub-materials", lang), f"<ol>{mats}</ol>" if mats else none))
    if item.procedure:
        rows.append((t("pub-procedure", lang), _e(item.procedure) + flow_svg(item.procedure)))
    limits = t("pub-limits", lang, statutory=limit(item.statutory_limit), promised=limit(item.promised_limit))
    rows.append((t("pub-limits-head", lang), _e(limits)))
    if item.fees:
        fee_rows = "".join(
            f"<tr><td>{_e(f.name)}</td><td>{_e(f.standard or '—')}</td><td>{_e(f.basis or '—')}</td></tr>"
            for f in item.fees
        )
        heads = "".join(
            f"<th>{_e(h)}</th>"
            for h in (t("pub-fee-name", lang), t("pub-fee-standard", lang), t("pub-fee-basis", lang))
        )
        rows.append((t("pub-fees", lang), f"<table><tr>{heads}</tr>{fee_rows}</table>"))
    else:
        rows.append((t("pub-fees", lang), fees_text(item, fees_listed, lang)))
    if item.notes:
        rows.append((t("pub-notes", lang), _e(item.notes)))
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
    with ByDepartment(src.items(), t("pub-no-department", lang)) as grouped:
        _html(
            grouped,
            src,
            out,
            reference=reference,
            meta=meta,
            title=title,
            approved=approved,
            listed=fees_listed,
            lang=lang,
        )
        return grouped.total


def _state(src: CatalogueSource, lang: str) -> str:
    return t("pub-version", lang, label=src.label) if src.label else t("pub-draft", lang)


def _html(
    grouped: ByDepartment, src: CatalogueSource, out: IO, *, reference, meta, title, approved, listed, lang
) -> None:
    groups, total = grouped.groups, grouped.total
    title = title or t("pub-title", lang, catalog=src.catalog)
    # a version's page names the day it was approved, so that it is the same page on any later day
    made = t("pub-approved-on", lang, day=approved[:10]) if approved else t("pub-made-on", lang, day=dt.date.today())
    counts = t("pub-counts", lang, state=_state(src, lang), total=total, departments=len(groups), made=made)
    out.write(
        f'<!doctype html>\n<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}{print_css(lang)}</style></head><body>\n"
    )
    out.write(f'<header><h1>{_e(title)}</h1><div class="meta">{_e(counts)}</div></header>\n<nav><ol>')
    out.writelines(
        f'<li><a href="#dept-{n}">{_e(dept)}</a>{_e(t("pub-dept-count", lang, count=count))}</li>'
        for n, (dept, count) in enumerate(groups, 1)
    )
    out.write('</ol></nav>\n<div class="screen-only">\n')
    for n, (dept, count) in enumerate(groups, 1):
        out.write(f'<section><h2 id="dept-{n}">{_e(dept)}{_e(t("pub-dept-count", lang, count=count))}</h2>\n')
        out.writelines(_item_html(item, listed, lang) for item in grouped.items(dept))
        out.write("</section>\n")
    out.write("</div>\n")
    out.writelines(print_tables(grouped, fees_listed=listed, limit=limit_in(lang), lang=lang))
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
    with ByDepartment(src.items(), t("pub-no-department", lang)) as grouped:
        total = grouped.total
        out.write(f"# {_md(title or t('pub-title', lang, catalog=src.catalog))}\n\n")
        state = t("pub-version", lang, label=_md(src.label)) if src.label else t("pub-draft", lang)
        out.write(t("pub-md-counts", lang, state=state, total=total) + f"{_md(meta)}\n\n")
        n = 0
        for dept, count in grouped.groups:
            out.write(f"## {_md(dept)}{t('pub-dept-count', lang, count=count)}\n\n")
            for item in grouped.items(dept):
                n += 1
                _item_md(out, n, item, fees_listed, lang)
    return total


def _item_md(out: IO, n: int, item: Item, fees_listed: bool, lang: str = "zh") -> None:
    limit, sep, none = limit_in(lang), t("pub-sep", lang), t("pub-none", lang)

    def line(label: str, value: str) -> None:
        out.write(t("pub-md-line", lang, label=label, value=value) + "\n")

    out.write(f"### {t('pub-md-item', lang, n=n, name=_md(item.name), code=_md(item.code))}\n\n")
    if item.category:
        line(t("pub-category", lang), _md(item.category))
    line(t("pub-basis", lang), sep.join(_md(c.text) for c in item.basis) or none)
    line(t("pub-materials", lang), sep.join(_md(m) for m in item.materials) or none)
    line(
        t("pub-limits-head", lang),
        t("pub-md-limits", lang, statutory=limit(item.statutory_limit), promised=limit(item.promised_limit)),
    )
    fees = sep.join(
        _md(
            t("pub-md-fee", lang, name=f.name, standard=f.standard, basis=f.basis)
            if f.basis
            else f"{f.name} {f.standard}"
        )
        for f in item.fees
    )
    line(t("pub-fees", lang), fees or fees_text(item, fees_listed, lang))
    out.write("\n")


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
