"""How an audit is written: text (Rich), JSON (the contract of RULES.md) and SARIF."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__
from .audit import AuditReport
from .messages import SEVERITY_NAMES, language
from .messages import t as tr
from .normalize import visible
from .rules import REGISTRY

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _t(value: object, style: str = "") -> Text:
    return Text(visible(str(value)), style=style)


# --- audit -------------------------------------------------------------------------------------


def audit_json(r: AuditReport) -> dict[str, Any]:
    res = r.resolved or [False] * len(r.findings)
    findings = []
    for f, ok in zip(r.findings, res):
        d = {k: v for k, v in f.as_dict().items() if k != "entry" or v}
        d["resolved"] = ok
        if r.rows.get(f.code):
            d["row"] = r.rows[f.code]
        findings.append(d)
    return {
        "catalog": r.catalog,
        "source": r.source or None,
        "as_of": r.as_of.isoformat(),
        "items": r.items,
        "rules": r.rules,
        "findings": findings,
        "summary": summary(r),
    }


def summary(r: AuditReport) -> dict[str, Any]:
    res = r.resolved or [False] * len(r.findings)
    by_sev = Counter(f.severity for f in r.findings)
    return {
        "findings": len(r.findings),
        "by_severity": {s: by_sev.get(s, 0) for s in ("error", "warning", "info")},
        "by_rule": dict(Counter(f.rule for f in r.findings)),
        "items_with_findings": len({f.code for f in r.findings}),
        "unresolved_errors": sum(1 for f, ok in zip(r.findings, res) if f.severity == "error" and not ok),
    }


def _uri(source: str) -> str:
    """A file name as a SARIF artifact URI: file:// for an absolute path, else a relative reference."""
    path = Path(source)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())


def audit_sarif(r: AuditReport) -> dict[str, Any]:
    """SARIF 2.1.0: one run, a rule descriptor per rule run, a result per finding."""
    level = {"error": "error", "warning": "warning", "info": "note"}
    index = {rid: n for n, rid in enumerate(r.rules)}
    rules = []
    for rid in r.rules:
        severity = r.severities.get(rid, REGISTRY[rid].severity)
        zh, en = REGISTRY[rid].texts["zh"][1], REGISTRY[rid].texts["en"][1]
        rules.append(
            {
                "id": rid,
                "shortDescription": {"text": rid},
                "help": {"text": f"{zh} / {en}"},
                "defaultConfiguration": {"level": level[severity]},
            }
        )
    results = []
    res = r.resolved or [False] * len(r.findings)
    for f, ok in zip(r.findings, res):
        loc: dict[str, Any] = {"logicalLocations": [{"name": f.code, "kind": "item"}]}
        if r.source:
            region = {"startLine": r.rows[f.code]} if r.rows.get(f.code) else {}
            loc["physicalLocation"] = {
                "artifactLocation": {"uri": _uri(r.source)},
                **({"region": region} if region else {}),
            }
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": level[f.severity],
            "message": {"text": f"{f.message} — {f.suggestion}"},
            "locations": [loc],
            "properties": {"code": f.code, "field": f.field, "suggestion": f.suggestion, "severity": f.severity},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.entry:
            result["properties"]["entry"] = f.entry
        if ok:
            result["suppressions"] = [{"kind": "external", "justification": "resolved by a reviewer's decision"}]
        results.append(result)
    return {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [
            {"tool": {"driver": {"name": "itemclean", "version": __version__, "rules": rules}}, "results": results}
        ],
    }


def audit_text(r: AuditReport, console: Console, lang: str | None = None) -> None:
    lang = language(lang)
    sev_name = SEVERITY_NAMES[lang]
    res = r.resolved or [False] * len(r.findings)
    current = None
    for f, ok in zip(r.findings, res):
        if f.code != current:
            current = f.code
            console.print(_t(f.code, "bold"), soft_wrap=True)
        line = Text("  ")
        line.append(f"{sev_name[f.severity]:<4}", SEVERITY_STYLE[f.severity] + (" dim" if ok else ""))
        line.append(f" {f.rule}  ", "dim")
        line.append(visible(f.message))
        line.append(f"  → {visible(f.suggestion)}", "green")
        if ok:
            line.append("  (resolved)" if lang == "en" else "  （已处理）", "dim")
        console.print(line, soft_wrap=True)
    s = summary(r)
    # a Text title: the catalogue's name is data, never Rich markup (`[/x]` would not even render)
    title = f"Summary  {r.catalog}  as of {r.as_of}" if lang == "en" else f"汇总  {r.catalog}  审核日期 {r.as_of}"
    t = Table(title=_t(title), show_lines=False)
    t.add_column(tr("col-rule", lang))
    for sev in ("error", "warning", "info"):
        t.add_column(sev_name[sev], justify="right")
    by = Counter((f.rule, f.severity) for f in r.findings)
    for rid in r.rules:
        counts = [by.get((rid, sev), 0) for sev in ("error", "warning", "info")]
        if any(counts):
            t.add_row(rid, *[str(c) if c else "" for c in counts])
    t.add_row(
        Text(tr("total", lang), style="bold"), *[str(s["by_severity"][sev]) for sev in ("error", "warning", "info")]
    )
    console.print(t)
    if lang == "en":
        tail = (
            f"{r.items} items, {s['items_with_findings']} with findings; {s['unresolved_errors']} unresolved error(s)"
        )
    else:
        tail = f"共{r.items}项事项，{s['items_with_findings']}项有问题；未处理的错误{s['unresolved_errors']}个"
    console.print(Text(tail))


# --- diff --------------------------------------------------------------------------------------


def write_audit_json(r: AuditReport, out: IO) -> None:
    """The same object as audit_json, streamed a finding per line (a province's audit is large)."""
    head = audit_json(AuditReport(r.catalog, r.as_of, r.rules, [], r.items, r.source, {}, []))
    res = r.resolved or [False] * len(r.findings)
    out.write("{\n")
    for key in ("catalog", "source", "as_of", "items", "rules"):
        out.write(f" {json.dumps(key)}: {json.dumps(head[key], ensure_ascii=False)},\n")
    out.write(' "findings": [')
    for n, (f, ok) in enumerate(zip(r.findings, res)):
        d = f.as_dict()
        if not d["entry"]:
            del d["entry"]
        d["resolved"] = ok
        if r.rows.get(f.code):
            d["row"] = r.rows[f.code]
        out.write(("\n  " if n == 0 else ",\n  ") + json.dumps(d, ensure_ascii=False))
    out.write("\n ],\n" if r.findings else "],\n")
    out.write(f' "summary": {json.dumps(summary(r), ensure_ascii=False)}\n}}\n')
