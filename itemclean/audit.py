"""The audit: run the registered rules over a catalogue's items, from a file or from the draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BadInput
from .messages import language, t
from .model import Item
from .normalize import norm_name
from .reference import Reference
from .rules import REGISTRY, Context, Finding, Rule
from .sheet import Source
from .states import resolution


@dataclass
class AuditReport:
    catalog: str
    as_of: dt.date
    rules: list[str]
    findings: list[Finding]
    items: int
    source: str = ""  # the file audited, or "" for a draft
    rows: dict[str, int] = field(default_factory=dict)  # item code → row of the file, for SARIF
    resolved: list[bool] = field(default_factory=list)  # per finding, by the decisions of the draft
    severities: dict[str, str] = field(default_factory=dict)  # rule id → severity under the policy in force

    @property
    def unresolved_errors(self) -> int:
        res = self.resolved or [False] * len(self.findings)
        return sum(1 for f, r in zip(self.findings, res) if f.severity == "error" and not r)


def parse_date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadInput(t("as-of-takes", got=text)) from None


def selected_rules(ref: Reference, only: list[str] | None = None) -> list[tuple[Rule, str]]:
    """(rule, severity) to run: the policy's enabled rules, or exactly those named with --rule."""
    if only:
        unknown = [r for r in only if r not in REGISTRY]
        if unknown:
            raise BadInput(t("unknown-rules", rules=", ".join(unknown)))
    out = []
    for rid, rule in REGISTRY.items():
        p = ref.policy.get(rid)
        if only is not None and only:
            if rid not in only:
                continue
        elif p is not None and p.enabled is False:
            continue
        out.append((rule, (p.severity if p and p.severity else rule.severity)))
    return out


def _severities(ref: Reference, only: list[str] | None) -> dict[str, str]:
    return {r.id: severity for r, severity in selected_rules(ref, only)}


def run_rules(
    items: Iterable[Item], ref: Reference, as_of: dt.date, *, lang: str | None = None, only: list[str] | None = None
) -> tuple[list[Finding], int, list[str]]:
    """Findings in catalogue order, then rule order; returns (findings, item count, rule ids run)."""
    lang = language(lang)
    ctx = Context(reference=ref, as_of=as_of, lang=lang)
    chosen = selected_rules(ref, only)
    per_item = [(r, s) for r, s in chosen if r.scope == "item"]
    per_catalogue = [(r, s) for r, s in chosen if r.scope == "catalogue"]
    findings: list[list[Finding]] = []
    index: dict[str, int] = {}
    names: list[tuple[str, str]] = []
    for item in items:
        found = [
            rule.finding(item.code, hit, sev, lang) for rule, sev in per_item for hit in rule.check(item, ctx, rule)
        ]
        index[item.code] = len(findings)
        findings.append(found)
        names.append((item.code, norm_name(item.name)))
    for rule, sev in per_catalogue:
        for code, hit in rule.check(names, ctx, rule):
            findings[index[code]].append(rule.finding(code, hit, sev, lang))
    order = {r.id: i for i, (r, _) in enumerate(chosen)}
    flat = [f for group in findings for f in sorted(group, key=lambda f: order[f.rule])]
    return flat, len(names), [r.id for r, _ in chosen]


def audit_file(
    path: Path,
    ref: Reference,
    as_of: dt.date,
    *,
    lang: str | None = None,
    only: list[str] | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    aliases: dict[str, str] | None = None,
) -> AuditReport:
    """Audit a file straight from disk; no database is read or written. Bad rows are bad input."""

    src = Source(path, encoding=encoding, sheet=sheet, aliases=aliases or {})
    rows: dict[str, int] = {}
    dupes: list = []

    def items() -> Iterable[Item]:
        for row, item in src.items():
            if item.code in rows:
                dupes.append((row, item.code))
            rows.setdefault(item.code, row)
            yield item

    findings, n, ids = run_rules(items(), ref, as_of, lang=lang, only=only)
    col = next((i for i, (k, _) in enumerate(src.layout, 1) if k == "code"), None)
    for row, code in dupes:
        src.problem(row, col, f"duplicate code {code!r}: already at {path}:{rows[code]}")
    if src.problems:
        raise BadInput(src.problems)
    return AuditReport(
        catalog=path.stem,
        as_of=as_of,
        rules=ids,
        findings=findings,
        items=n,
        source=str(path),
        rows=rows,
        severities=_severities(ref, only),
    )


def audit_draft(
    store,
    cat,
    ref: Reference,
    as_of: dt.date,
    *,
    lang: str | None = None,
    only: list[str] | None = None,
    save: bool = True,
) -> AuditReport:
    """Audit the draft and store its findings for the review screen (replacing the last audit's)."""
    findings, n, ids = run_rules(store.iter_items(cat.id), ref, as_of, lang=lang, only=only)
    if save:
        store.replace_findings(cat.id, findings, ids, as_of.isoformat())
    report = AuditReport(
        catalog=cat.name, as_of=as_of, rules=ids, findings=findings, items=n, severities=_severities(ref, only)
    )

    report.resolved = resolution(store, cat.id, findings)
    return report
