"""How an audit is written: text (Rich), JSON (the contract of RULES.md) and SARIF."""

from __future__ import annotations

import json
import queue
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__
from .audit import AuditReport, StoredFindings
from .messages import SEVERITY_NAMES, language
from .messages import t as tr
from .normalize import visible
from .rules import REGISTRY

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _t(value: object, style: str = "") -> Text:
    return Text(visible(str(value)), style=style)


# --- audit -------------------------------------------------------------------------------------


def _head(r: AuditReport) -> dict[str, Any]:
    """The keys of the audit's JSON object before its findings."""
    return {
        "catalog": r.catalog,
        "source": r.source or None,
        "as_of": r.as_of.isoformat(),
        "items": r.items,
        "rules": r.rules,
    }


class Tally:
    """The summary of an audit, counted as its findings go by (they are read once, in catalogue order: an
    item's findings follow one another)."""

    def __init__(self) -> None:
        self.counts: dict[tuple, int] = {}  # (rule, severity, resolved) → findings, in order of first appearance
        self.items = 0
        self.last: str | None = None

    def add(self, row: tuple) -> None:
        key = (row[1], row[2], row[7])
        self.counts[key] = self.counts.get(key, 0) + 1
        if row[0] != self.last:
            self.items += 1
            self.last = row[0]

    @property
    def findings(self) -> int:
        return sum(self.counts.values())

    @property
    def unresolved(self) -> int:
        return sum(n for (_, severity, ok), n in self.counts.items() if severity == "error" and not ok)

    @property
    def by_pair(self) -> Counter:
        """(rule, severity) → findings, for the text's table."""
        out: Counter = Counter()
        for (rule, severity, _), n in self.counts.items():
            out[(rule, severity)] += n
        return out

    def summary(self, rules: Iterable[str] = ()) -> dict[str, Any]:
        """by_rule in the order of rules (those run: RULES.md's), any other after them."""
        by_severity: Counter = Counter()
        by_rule: dict[str, int] = {rid: 0 for rid in rules}
        for (rule, severity, _), n in self.counts.items():
            by_severity[severity] += n
            by_rule[rule] = by_rule.get(rule, 0) + n
        by_rule = {rule: n for rule, n in by_rule.items() if n}
        return {
            "findings": self.findings,
            "by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "by_rule": by_rule,
            "items_with_findings": self.items,
            "unresolved_errors": self.unresolved,
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
    for code, rule, severity, field, entry, message, suggestion, ok in r.finding_rows():
        loc: dict[str, Any] = {"logicalLocations": [{"name": code, "kind": "item"}]}
        if r.source:
            region = {"startLine": r.rows[code]} if r.rows.get(code) else {}
            loc["physicalLocation"] = {
                "artifactLocation": {"uri": _uri(r.source)},
                **({"region": region} if region else {}),
            }
        result: dict[str, Any] = {
            "ruleId": rule,
            "level": level[severity],
            "message": {"text": f"{message} — {suggestion}"},
            "locations": [loc],
            "properties": {"code": code, "field": field, "suggestion": suggestion, "severity": severity},
        }
        if rule in index:
            result["ruleIndex"] = index[rule]
        if entry:
            result["properties"]["entry"] = entry
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
    current = None
    tally = Tally()
    for row in r.finding_rows():
        tally.add(row)
        code, rule, severity, _, _, message, suggestion, ok = row
        if code != current:
            current = code
            console.print(_t(code, "bold"), soft_wrap=True)
        line = Text("  ")
        line.append(f"{sev_name[severity]:<4}", SEVERITY_STYLE[severity] + (" dim" if ok else ""))
        line.append(f" {rule}  ", "dim")
        line.append(visible(message))
        line.append(f"  → {visible(suggestion)}", "green")
        if ok:
            line.append("  (resolved)" if lang == "en" else "  （已处理）", "dim")
        console.print(line, soft_wrap=True)
    r.counted(tally.unresolved)
    s = tally.summary(r.rules)
    # a Text title: the catalogue's name is data, never Rich markup (`[/x]` would not even render)
    title = f"Summary  {r.catalog}  as of {r.as_of}" if lang == "en" else f"汇总  {r.catalog}  审核日期 {r.as_of}"
    t = Table(title=_t(title), show_lines=False)
    t.add_column(tr("col-rule", lang))
    for sev in ("error", "warning", "info"):
        t.add_column(sev_name[sev], justify="right")
    by = tally.by_pair
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


def finding_line(row: tuple, place: int | None) -> str:
    """One finding of the audit's JSON list as json.dumps writes it (same keys, order and spacing), built
    from its strings directly: a province's audit writes millions."""
    code, rule, severity, field, entry, message, suggestion, ok = row
    e = encode_basestring
    line = (
        f'{{"code": {e(code)}, "rule": {e(rule)}, "severity": {e(severity)}, "field": {e(field)}, '
        f'"message": {e(message)}, "suggestion": {e(suggestion)}'
    )
    if entry:
        line += f', "entry": {e(entry)}'
    line += ', "resolved": true' if ok else ', "resolved": false'
    return line + (f', "row": {place}}}' if place else "}")


def write_audit_json(r: AuditReport, out: IO) -> None:
    """The audit as one JSON object (head, findings, summary), a finding per line: a province's audit is large."""
    out.write("{\n")
    for key, value in _head(r).items():
        out.write(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
    out.write(' "findings": [')
    if isinstance(r.findings, StoredFindings) and not r.rows:
        tally = _write_stored(r.findings, out)
    else:
        tally = Tally()
        lines: list[str] = []
        sep = "\n  "  # before the first finding; a comma before each of the others
        for row in r.finding_rows():
            tally.add(row)
            lines.append(finding_line(row, r.rows.get(row[0])))
            if len(lines) == 2000:
                out.write(sep + ",\n  ".join(lines))
                sep = ",\n  "
                lines.clear()
        if lines:
            out.write(sep + ",\n  ".join(lines))
    out.write("\n ],\n" if tally.counts else "],\n")
    r.counted(tally.unresolved)
    out.write(f' "summary": {json.dumps(tally.summary(r.rules), ensure_ascii=False)}\n}}\n')


BATCH = 2000  # findings a piece of the list holds
AHEAD = 8  # pieces made before they are written, at most


def _write_stored(found: StoredFindings, out: IO) -> Tally:
    """A draft's findings as the database writes their lines, in bytes; each piece is written by a thread of
    its own while the next is made (SQLite and the writes run without the GIL). The summary is counted by
    SQLite, in the same snapshot; counted again finding by finding should the two not add up."""
    raw = getattr(out, "buffer", None)
    if raw is None:  # a stream of text alone

        def write(b: bytes) -> None:
            out.write(b.decode())

    else:
        out.flush()  # what was written as text goes first
        write = raw.write
    written = [0]

    def pieces(lines) -> Iterator[bytes]:
        sep = b"\n  "  # before the first finding; a comma before each of the others
        while rows := lines.fetchmany(BATCH):
            yield sep + b",\n  ".join([r[0] for r in rows])
            sep = b",\n  "
            written[0] += len(rows)

    tally = Tally()
    store, cat = found.store, found.catalog_id
    with store.snapshot():  # the lines, the counts and the items counted all of one state
        _write_behind(pieces(store.finding_lines(cat)), write)
        counts = store.finding_counts(cat)
        if sum(n for *_, n in counts) != written[0]:
            counts = store.finding_counts(cat, exact=True)
        tally.items = store.items_with_findings(cat) if written[0] else 0
    tally.counts = {(rule, severity, ok): n for rule, severity, ok, n in counts}
    return tally


def _write_behind(pieces: Iterable[bytes], write) -> None:
    """Each piece written by a thread of its own, in order, while the next are made (at most AHEAD ahead)."""
    ready: queue.Queue = queue.Queue(AHEAD)
    failed: list[BaseException] = []

    def drain() -> None:
        while (piece := ready.get()) is not None:
            if not failed:
                try:
                    write(piece)
                except BaseException as e:  # said by the making thread; the rest is taken and dropped
                    failed.append(e)

    writer = threading.Thread(target=drain, daemon=True)
    writer.start()
    try:
        for piece in pieces:
            if failed:
                break
            ready.put(piece)
    finally:
        ready.put(None)
        writer.join()
    if failed:
        raise failed[0]
