"""How a diff is written: text (Rich), Markdown for a review memo, CSV, and JSON (the contract of CLI.md)."""

from __future__ import annotations

import csv
import itertools
import json
from typing import IO, Any

from rich.console import Console
from rich.text import Text

from .diff import DiffResult
from .normalize import csv_guard, md_text, visible


def _show(v: Any) -> str:
    if isinstance(v, list):
        return "; ".join(x if isinstance(x, str) else "|".join(x.values()) for x in v)
    return str(v)


def diff_text(r: DiffResult, console: Console) -> None:
    for code, name in r.added:
        console.print(Text("+ ", "green").append(visible(code), "bold").append("  " + visible(name)), soft_wrap=True)
    for code, name in r.removed:
        console.print(Text("- ", "red").append(visible(code), "bold").append("  " + visible(name)), soft_wrap=True)
    for c in r.changed:
        head = Text("~ ", "yellow").append(visible(c.code), "bold").append("  " + visible(c.name))
        console.print(head, soft_wrap=True)
        for key, ch in c.fields.items():
            if ch.added is not None:
                for e in ch.removed:
                    console.print(Text(f"    {key}  ", "dim").append("- " + visible(e), "red"), soft_wrap=True)
                for e in ch.added:
                    console.print(Text(f"    {key}  ", "dim").append("+ " + visible(e), "green"), soft_wrap=True)
                if not ch.added and not ch.removed:
                    console.print(Text(f"    {key}  ", "dim").append("(order changed)", "yellow"), soft_wrap=True)
            else:
                line = Text(f"    {key}  ", "dim").append(visible(_show(ch.old)), "red strike")
                console.print(line.append(" → ").append(visible(_show(ch.new)), "green"), soft_wrap=True)
    console.print(
        Text(f"{r.a} → {r.b}: {len(r.added)} added, {len(r.removed)} removed, {len(r.changed)} changed"), soft_wrap=True
    )


def _md(v: Any) -> str:
    return md_text(_show(v), "<br>")


def diff_md(r: DiffResult, out: IO) -> None:
    out.write(f"# {md_text(r.a)} → {md_text(r.b)}\n\n")
    out.write(f"{len(r.added)} added, {len(r.removed)} removed, {len(r.changed)} changed.\n\n")
    for title, rows in (("Added", r.added), ("Removed", r.removed)):
        if rows:
            out.write(f"## {title}\n\n| code | name |\n|---|---|\n")
            out.writelines(f"| {_md(code)} | {_md(name)} |\n" for code, name in rows)
            out.write("\n")
    if r.changed:
        out.write("## Changed\n\n| code | name | field | old | new |\n|---|---|---|---|---|\n")
        for c in r.changed:
            for key, ch in c.fields.items():
                if ch.added is not None:
                    old, new = "; ".join(ch.removed), "; ".join(ch.added)
                else:
                    old, new = ch.old, ch.new
                out.write(f"| {_md(c.code)} | {_md(c.name)} | {key} | {_md(old)} | {_md(new)} |\n")
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
