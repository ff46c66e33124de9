"""Reports a review office files beside the catalogue: removed charges, findings, the decision log."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import IO

from .errors import BadInput
from .normalize import csv_guard, md_text
from .publish import report_html
from .states import resolution
from .store import Catalog, Store
from .writers import output, text_cell

REMOVED_FEES = ("code", "item", "department", "fee", "standard", "basis", "reason")
FINDINGS = ("code", "rule", "severity", "field", "entry", "message", "suggestion", "resolved")
DECISIONS = (
    "id",
    "code",
    "action",
    "target",
    "fee",
    "rule",
    "field",
    "old",
    "new",
    "reason",
    "reviewer",
    "at",
    "undoes",
)
TITLES = {"removed-fees": "取消的收费项目", "findings": "审核发现", "decisions": "决定记录"}


def rows_for(store: Store, cat: Catalog, what: str, version: str | None) -> tuple[tuple[str, ...], list[tuple]]:
    if what == "removed-fees":
        v = store.version(cat.id, version)
        if v is None:
            raise BadInput(
                f"{cat.name}: no approved version{' ' + repr(version) if version else ''}: "
                "the removed charges are those of an approved catalogue"
            )
        return REMOVED_FEES, store.removed_fees(v.id)
    if what == "findings":
        findings = store.findings_of(cat.id)
        res = resolution(store, cat.id, findings)
        return FINDINGS, [
            (f.code, f.rule, f.severity, f.field, f.entry, f.message, f.suggestion, "yes" if ok else "no")
            for f, ok in zip(findings, res)
        ]
    ds = store.decisions(cat.id)
    return DECISIONS, [
        (d.id, d.code, d.action, d.target, d.fee, d.rule, d.field, d.old, d.new, d.reason, d.reviewer, d.at, d.undoes)
        for d in ds
    ]


def _md_cell(v: object) -> str:
    return md_text(v, "<br>")


def export_report(
    store: Store,
    cat: Catalog,
    *,
    what: str,
    fmt: str,
    version: str | None,
    target: str | Path | None,
    encoding: str = "utf-8-sig",
    lang: str = "zh",
    reference: Path | None = None,
    guard: bool = True,
) -> int:
    """guard: CSV cells that a spreadsheet would take for formulas get a leading ' (csv_guard)."""
    cols, rows = rows_for(store, cat, what, version)
    records = [dict(zip(cols, r)) for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(cols)
        g = csv_guard if guard else str
        w.writerows([["" if v is None else g(v) if isinstance(v, str) else v for v in r] for r in rows])
        with output(target, binary=True) as f:
            f.write(buf.getvalue().encode(encoding))
    elif fmt in ("json", "jsonl"):
        with output(target) as f:
            if fmt == "json":
                f.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
            else:
                f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif fmt == "md":
        with output(target) as f:
            _markdown(f, f"{cat.name} · {TITLES[what]}", cols, rows)
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet(TITLES[what])
        ws.append([text_cell(ws, c) for c in cols])
        for r in rows:
            ws.append([text_cell(ws, "" if v is None else str(v)) for v in r])
        with output(target, binary=True) as f:
            wb.save(f)
    else:
        with output(target) as f:
            report_html(f, f"{cat.name} · {TITLES[what]}", cols, rows)
    return len(rows)


def _markdown(out: IO, title: str, cols: tuple[str, ...], rows: list[tuple]) -> None:
    out.write(f"# {md_text(title)}\n\n| {' | '.join(cols)} |\n|{'---|' * len(cols)}\n")
    out.writelines("| " + " | ".join(_md_cell(v) for v in r) + " |\n" for r in rows)
