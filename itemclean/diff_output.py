"""How a diff is written: text (Rich), Markdown for a review memo, CSV, and JSON (the contract of CLI.md)."""

from __future__ import annotations

import csv
import itertools
import json
from typing import IO, Any

from rich.console import Console
from rich.text import Text

from .diff import DiffResult
from .messages import current_language, t
from .model import HEADERS
from .normalize import csv_guard, md_text, visible


def _show(v: Any) -> str:
    if isinstance(v, list):
        return "; ".join(x if isinstance(x, str) else "|".join(x.values()) for x in v)
    return str(v)


def _field(key: str) -> str:
    """A field's name as the reader sees it: its Chinese header in zh, its key in en."""
    return HEADERS.get(key, (key,))[0] if current_language() == "zh" else key


def _counts(r: DiffResult) -> str:
    return t("diff-counts", added=len(r.added), removed=len(r.removed), changed=len(r.changed))


def diff_text(r: DiffResult, console: Console) -> None:
    for code, name in r.added:
        console.print(Text("+ ", "green").append(visible(code), "bold").append("  " + visible(name)), soft_wrap=True)
    for code, name in r.removed:
        console.print(Text("- ", "red").append(visible(code), "bold").append("  " + visible(name)), soft_wrap=True)
    for c in r.changed:
        head = Text("~ ", "yellow").append(visible(c.code), "bold").append("  " + visible(c.name))
        console.print(head, soft_wrap=True)
        for key, ch in c.fields.items():
            key = _field(key)
            if ch.added is not None:
                for e in ch.removed:
                    console.print(Text(f"    {key}  ", "dim").append("- " + visible(e), "red"), soft_wrap=True)
                for e in ch.added:
                    console.print(Text(f"    {key}  ", "dim").append("+ " + visible(e), "green"), soft_wrap=True)
                if not ch.added and not ch.removed:
                    console.print(Text(f"    {key}  ", "dim").append(t("order-changed"), "yellow"), soft_wrap=True)
            else:
                line = Text(f"    {key}  ", "dim").append(visible(_show(ch.old)), "red strike")
                console.print(line.append(" → ").append(visible(_show(ch.new)), "green"), soft_wrap=True)
    console.print(Text(f"{r.a} → {r.b}: {_counts(r)}"), soft_wrap=True)


def _md(v: Any) -> str:
    return md_text(_show(v), "<br>")


def diff_md(r: DiffResult, out: IO) -> None:
    out.write(f"# {md_text(r.a)} → {md_text(r.b)}\n\n")
    out.write(_counts(r) + t("full-stop") + "\n\n")
    code, name, field, old, new = (t("md-" + k) for k in ("code", "name", "field", "old", "new"))
    for title, rows in ((t("md-added"), r.added), (t("md-removed"), r.removed)):
        if rows:
            out.write(f"## {title}\n\n| {code} | {name} |\n|---|---|\n")
            out.writelines(f"| {_md(c)} | {_md(n)} |\n" for c, n in rows)
            out.write("\n")
    if r.changed:
        out.write(f"## {t('md-changed')}\n\n| {code} | {name} | {field} | {old} | {new} |\n|---|---|---|---|---|\n")
        for c in r.changed:
            for key, ch in c.fields.items():
                if ch.added is not None:
                    was, now = "; ".join(ch.removed), "; ".join(ch.added)
                else:
                    was, now = ch.old, ch.new
                out.write(f"| {_md(c.code)} | {_md(c.name)} | {_field(key)} | {_md(was)} | {_md(now)} |\n")
        out.write("\n")


def diff_csv(r: DiffResult, out: IO) -> None:
    """Every cell a spreadsheet would take for a formula is guarded with a leading ' (see csv_guard)."""
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["change", "code", "name", "field", "old", "new"])
    rows = itertools.chain(
        (["added", code, name, "", "", ""] for code, name in r.added),
        (["removed", code, name, "", "", ""] for code, name in r.removed),
        (["changed", c.code, c.name, k, _show(ch.old), _show(ch.new)] for c in r.changed for k, ch in c.fields.items()),
    )
    w.writerows([csv_guard(x) for x in row] for row in rows)


def write_diff_json(r: DiffResult, out: IO) -> None:
    """{"a", "b", "added", "removed", "changed", "problems"}, an entry per line (a large diff stays quick to
    write); "problems" lists every row left out of the comparison, with file, row, column and message."""
    d = r.as_dict()
    out.write("{\n")
    out.write(f' "a": {json.dumps(d["a"], ensure_ascii=False)},\n "b": {json.dumps(d["b"], ensure_ascii=False)}')
    for key in ("added", "removed", "changed", "problems"):
        entries = ",\n  ".join(json.dumps(e, ensure_ascii=False) for e in d[key])
        out.write(f',\n "{key}": [\n  {entries}\n ]' if entries else f',\n "{key}": []')
    out.write("\n}\n")
