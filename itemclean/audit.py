"""The audit: run the registered rules over a catalogue's items, from a file or from the draft."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from itertools import repeat
from pathlib import Path

from . import __version__, audit_pool
from . import rules as rules_package
from .errors import BadInput
from .messages import language, t
from .model import Item
from .normalize import norm_name
from .reference import Reference
from .rules import REGISTRY, Context, Finding, Rule
from .sheet import Source
from .states import resolution
from .store.items import chunks


class StoredFindings(Sequence):
    """The findings of a draft's audit as the database holds them, read each time they are gone through
    (a province's findings need not fit in memory), with whether the decision log resolves each."""

    def __init__(self, store, catalog_id: int, count: int):
        self.store, self.catalog_id, self.count = store, catalog_id, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i):  # Sequence asks for it; a report is read in order, not by place
        return list(self)[i]

    def __iter__(self) -> Iterator[Finding]:
        for r in self.rows():
            yield Finding(
                code=r[0], rule=r[1], severity=r[2], field=r[3], entry=r[4] or "", message=r[5], suggestion=r[6]
            )

    def rows(self) -> Iterator[tuple]:
        return self.store.resolved_findings(self.catalog_id)


Row = tuple  # (code, rule, severity, field, entry, message, suggestion, resolved): a finding as written


@dataclass
class AuditReport:
    catalog: str
    as_of: dt.date
    rules: list[str]
    findings: Sequence[Finding]  # a list, or the stored findings of a draft (StoredFindings)
    items: int
    source: str = ""  # the file audited, or "" for a draft
    rows: dict[str, int] = field(default_factory=dict)  # item code → row of the file, for SARIF
    resolved: list[bool] = field(default_factory=list)  # per finding, by the decisions of the draft
    severities: dict[str, str] = field(default_factory=dict)  # rule id → severity under the policy in force

    unresolved: int | None = None  # counted by a writer that went through the findings

    def counted(self, unresolved: int) -> None:
        """A writer went through every finding: the unresolved errors need not be counted again."""
        self.unresolved = unresolved

    @property
    def unresolved_errors(self) -> int:
        if self.unresolved is not None:
            return self.unresolved
        if isinstance(self.findings, StoredFindings):
            return self.findings.store.unresolved_errors(self.findings.catalog_id)
        res = self.resolved or [False] * len(self.findings)
        return sum(1 for f, r in zip(self.findings, res) if f.severity == "error" and not r)

    def finding_rows(self) -> Iterator[Row]:
        """Each finding as written, with whether it is resolved, in order; streamed from a draft's store."""
        if isinstance(self.findings, StoredFindings):
            return self.findings.rows()
        res = self.resolved or repeat(False)
        return (
            (f.code, f.rule, f.severity, f.field, f.entry, f.message, f.suggestion, ok)
            for f, ok in zip(self.findings, res)
        )


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


def placed(findings: Iterable[Finding]) -> Iterator[tuple[Finding, int]]:
    """Each finding with its place among its item's, as stored: its rule's place in the registry (the
    order of RULES.md), then its own among that rule's findings of the item."""
    places = audit_pool.first_places()
    seen: dict[tuple[str, str], int] = {}
    for f in findings:
        k = seen.get((f.code, f.rule), 0)
        seen[(f.code, f.rule)] = k + 1
        yield f, places[f.rule] + k


RULES_SOURCE = Path(rules_package.__file__).parent


def fingerprint(ref: Reference, as_of: dt.date, lang: str, chosen: list[tuple[Rule, str]]) -> str:
    """What every stored finding of a draft depends on besides its item: this itemclean and its rules
    (their code and message templates), the rules run and their severities, the reference directory as
    read (policy included), the audit date and the language the messages are written in. Another
    fingerprint: the audit starts over."""
    h = hashlib.sha256(f"{__version__}\n{lang}\n{as_of.isoformat()}\n".encode())
    for source in sorted(RULES_SOURCE.glob("*.py")):  # the rules' code, so that a change of it counts
        h.update(source.read_bytes())
    for rid, r in REGISTRY.items():
        h.update(f"{rid}\n{r.scope}\n{sorted(r.params)}\n{_canonical(getattr(r, 'texts', None))}\n".encode())
    h.update(repr([(r.id, severity) for r, severity in chosen]).encode())
    h.update(_canonical(replace(ref, directory=Path())).encode())
    return h.hexdigest()


def _canonical(value: object) -> str:
    """A text of a value that is the same in every process: mappings in key order (a reference's tables
    are filled from sets, whose order changes with each process's string hashing)."""
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{k!r}: {_canonical(v)}" for k, v in sorted(value.items(), key=lambda kv: repr(kv[0])))
            + "}"
        )
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_canonical(v) for v in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(_canonical(v) for v in value)) + "}"
    if is_dataclass(value) and not isinstance(value, type):
        return f"{type(value).__name__}({_canonical([getattr(value, f.name) for f in fields(value)])})"
    return repr(value)


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


def audited_in_another_language(store, cat, ref: Reference, lang: str) -> dt.date | None:
    """The date of the draft's last audit when that audit differs from one in `lang` by its language alone:
    the review screen then writes the findings again in its own language (their texts are stored)."""
    stored, day = store.audit_fingerprint(cat.id), store.audited(cat.id)
    if stored is None or day is None:
        return None
    as_of, chosen = dt.date.fromisoformat(day), selected_rules(ref)
    other = "zh" if language(lang) == "en" else "en"
    if fingerprint(ref, as_of, language(lang), chosen) != stored and fingerprint(ref, as_of, other, chosen) == stored:
        return as_of
    return None


def audit_draft(
    store,
    cat,
    ref: Reference,
    as_of: dt.date,
    *,
    lang: str | None = None,
    only: list[str] | None = None,
    save: bool = True,
    full: bool = False,
) -> AuditReport:
    """Audit the draft and store its findings for the review screen.

    The stored findings are kept item by item against the item's content hash and the audit's
    fingerprint: only items changed since are audited again (and the duplicate-name groups they were or
    are in); full: all of them. The report reads the stored findings. With only (--rule), or on a
    database that cannot be written, the rules run over every item in memory (only's findings replace
    theirs, and the next audit starts over)."""
    lang = language(lang)
    if only or not save:
        findings, n, ids = run_rules(store.iter_items(cat.id), ref, as_of, lang=lang, only=only)
        if save:
            store.replace_findings(cat.id, placed(findings), ids, as_of.isoformat())
        report = AuditReport(
            catalog=cat.name, as_of=as_of, rules=ids, findings=findings, items=n, severities=_severities(ref, only)
        )
        report.resolved = resolution(store, cat.id, findings)
        return report
    chosen = selected_rules(ref)
    pool = not store.conn.in_transaction and store.path.is_file()  # the items as committed are the items
    with store.write():
        count = refresh(store, cat.id, ref, as_of, lang, chosen, full=full, pool=pool)
    return AuditReport(
        catalog=cat.name,
        as_of=as_of,
        rules=[r.id for r, _ in chosen],
        findings=StoredFindings(store, cat.id, count),
        items=store.count_items(cat.id),
        severities=_severities(ref, None),
    )


def refresh(
    store,
    catalog_id: int,
    ref: Reference,
    as_of: dt.date,
    lang: str,
    chosen: list[tuple[Rule, str]],
    *,
    full: bool = False,
    codes: list[str] | None = None,
    pool: bool = False,
) -> int:
    """Bring the stored findings up to date (see audit_draft); the caller holds the transaction. codes:
    look at these items only (after an edit). pool: many items may be audited on all cores (audit_pool),
    which read the items as last committed, so the transaction must not have changed one. Returns the
    number of findings stored."""
    ctx = Context(reference=ref, as_of=as_of, lang=lang)
    per_item = [(r, s) for r, s in chosen if r.scope == "item"]
    per_catalogue = [(r, s) for r, s in chosen if r.scope == "catalogue"]
    wide = [r.id for r, _ in per_catalogue] or [""]
    fp, day = fingerprint(ref, as_of, lang, chosen), as_of.isoformat()
    everything = store.start_audit(catalog_id, fp, wide, full=full, codes=codes)
    dirty = None if everything else store.audit_dirty()

    def catalogue_wide() -> list[tuple[str, str, int]]:
        """The catalogue-wide rules' findings, of the groups start_audit marked: they read the names alone."""
        grouped = store.audit_groups(catalog_id, wide)
        names = [(code, name) for code, name, _ in grouped]
        for rule, sev in per_catalogue:
            found = (rule.finding(code, hit, sev, lang) for code, hit in rule.check(names, ctx, rule))
            store.add_findings(catalog_id, placed(found), day)
        return grouped

    grouped, recorded = None, False
    if dirty is None or dirty:
        many = store.count_items(catalog_id) if dirty is None else len(dirty)
        shares = (
            [(ids, None) for ids in store.id_ranges(catalog_id, audit_pool.CHUNK)]
            if dirty is None
            else [(None, share) for share in chunks(dirty, audit_pool.CHUNK)]
        )
        if pool and audit_pool.pooled(many):
            for rows in audit_pool.pooled_rows(store, catalog_id, ref, ctx, per_item, day, shares):
                store.add_finding_rows(rows)
                if grouped is None:  # done while the pool's processes work, not after them
                    grouped = catalogue_wide()
                    if everything:
                        store.record_audited(catalog_id, (shares[0][0][0], shares[-1][0][1]))
                        recorded = True
        else:
            for ids, share in shares:
                store.add_finding_rows(audit_pool.share_rows(store, catalog_id, ids, share, per_item, ctx, day))
    if grouped is None:
        grouped = catalogue_wide()
    ids = [r.id for r, _ in chosen]
    return store.finish_audit(
        catalog_id, fp, ids, day, grouped, everything=everything, some=codes is not None, recorded=recorded
    )


def reaudit_items(store, cat, ref: Reference, as_of: dt.date, codes: list[str], *, lang: str | None = None) -> bool:
    """After an edit: audit these items again, and the duplicate-name groups they were and are in, when the
    stored findings follow this reference, date and language. False when they do not (nothing done)."""
    lang = language(lang)
    chosen = selected_rules(ref)
    if store.audit_fingerprint(cat.id) != fingerprint(ref, as_of, lang, chosen):
        return False
    with store.write():
        refresh(store, cat.id, ref, as_of, lang, chosen, codes=codes)
    return True
