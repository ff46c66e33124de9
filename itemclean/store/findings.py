"""Findings of the latest audit of each draft, kept for the review screen and for reports."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING

from ..model import Finding
from ..normalize import norm_name
from .decisions import EFFECTIVE as _EFFECTIVE

if TYPE_CHECKING:
    from . import Store

_COLS = ("code", "rule", "severity", "field", "entry", "message", "suggestion")

_STATUS = "('keep', 'abolish', 'amend', 'merge')"
# what resolves a stored finding f of item i (states.is_resolved), each part used when the log has any:
# the item abolished or merged (and not changed by an import since: s is its latest status decision),
# an override of the finding's rule, the removal of the fee it is about
_RESOLVED_BY = {
    "res_status": "CASE WHEN s.action IN ('abolish', 'merge') THEN s.sid > coalesce(i.import_mark, 0) ELSE 0 END",
    "res_override": "EXISTS (SELECT 1 FROM temp.res_override o WHERE o.code = f.code AND o.rule = f.rule)",
    "res_fee": """CASE WHEN f.field = 'fees' AND f.code IN (SELECT code FROM temp.res_fee)
        THEN EXISTS (SELECT 1 FROM temp.res_fee r WHERE r.code = f.code AND r.norm = norm_name(f.entry))
        ELSE 0 END""",
}


def _json_line(value) -> str:
    """The SQL of a finding's line in the audit's JSON up to its "resolved" (audit_output.finding_line: keys,
    order and spacing), value(column) being the SQL of each column's value."""
    return " || ".join(
        [
            f"""'{{"code": ' || json_quote({value("code")})""",
            f"""', "rule": ' || json_quote({value("rule")})""",
            f"""', "severity": ' || json_quote({value("severity")})""",
            f"""', "field": ' || json_quote({value("field")})""",
            f"""', "message": ' || json_quote({value("message")})""",
            f"""', "suggestion": ' || json_quote({value("suggestion")})""",
            f"""CASE WHEN {value("entry")} <> '' THEN ', "entry": ' || json_quote({value("entry")}) ELSE '' END""",
        ]
    )


_ROW = ("catalog_id", "code", "rule", "severity", "field", "entry", "message", "suggestion", "as_of", "seq")
# A stored finding keeps its line (made as it is stored, once), which holds its message and suggestion: their
# own columns stay empty (half the bytes to write), but for a text with a NUL, which json_extract would cut
# short. One stored before the line was has them, and its line made.
_TEXTS = ("message", "suggestion")
_INSERT = "INSERT INTO findings ({}, line) VALUES ({}, {})".format(
    ", ".join(_ROW),
    ", ".join(
        f"CASE WHEN instr(?{n}, char(0)) THEN ?{n} END" if c in _TEXTS else f"?{n}" for n, c in enumerate(_ROW, 1)
    ),
    _json_line(lambda c: f"?{_ROW.index(c) + 1}"),
)
_JSON_LINE = f"coalesce(f.line, {_json_line(lambda c: f'f.{c}')})"
# the columns of a Finding (_COLS), message and suggestion read back from the line when not in their own
FINDING_COLS = ", ".join(
    f"""coalesce(f.{c}, json_extract(f.line || '}}', '$.{c}'))""" if c in _TEXTS else f"f.{c}" for c in _COLS
)


# each item of a catalogue (?) with its latest effective status decision s and that decision's entry d, as
# approval publishes them (after _resolution has made temp.res_status)
PUBLISH_FROM = """FROM items i LEFT JOIN temp.res_status s ON s.code = i.code LEFT JOIN decisions d ON d.id = s.sid
    WHERE i.catalog_id = ?"""


class FindingsMixin:
    def _insert_findings(self: Store, catalog_id: int, findings: Iterable[tuple[Finding, int]], as_of: str) -> None:
        """Findings, each with its place among its item's (audit.placed)."""
        self.add_finding_rows(
            (catalog_id, f.code, f.rule, f.severity, f.field, f.entry, f.message, f.suggestion, as_of, seq)
            for f, seq in findings
        )

    def add_finding_rows(self: Store, rows: Iterable[tuple]) -> None:
        """Findings as stored: (catalog_id, code, rule, severity, field, entry, message, suggestion, as_of, seq)."""
        self.conn.executemany(_INSERT, rows)

    def id_ranges(self: Store, catalog_id: int, size: int) -> list[tuple[int, int]]:
        """The draft's items in shares of size, each as the range of ids lo ≤ id < hi it covers."""
        starts = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM items "
                "WHERE catalog_id = ?) WHERE n % ? = 0",
                (catalog_id, size),
            )
        ]
        if not starts:
            return []
        end = self.conn.execute("SELECT max(id) + 1 FROM items WHERE catalog_id = ?", (catalog_id,)).fetchone()[0]
        return list(zip(starts, starts[1:] + [end]))

    def replace_findings(
        self: Store, catalog_id: int, findings: Iterable[tuple[Finding, int]], rules: list[str], as_of: str
    ) -> None:
        """The findings of the rules just run replace theirs of the last audit; one transaction. The stored
        findings no longer follow one fingerprint: the next audit recomputes them all."""
        with self.write():
            self.conn.execute("DELETE FROM audit_state WHERE catalog_id = ?", (catalog_id,))
            marks = ",".join("?" * len(rules))
            self.conn.execute(f"DELETE FROM findings WHERE catalog_id = ? AND rule IN ({marks})", (catalog_id, *rules))
            self._insert_findings(catalog_id, findings, as_of)
            self._record_audit(catalog_id, as_of, rules)

    def _record_audit(self: Store, catalog_id: int, as_of: str, rules: list[str]) -> int:
        """The audit in the list of audits, with its counts; returns the catalogue's number of findings."""
        n = self.conn.execute("SELECT count(*) FROM findings WHERE catalog_id = ?", (catalog_id,)).fetchone()[0]
        self.conn.execute(
            "INSERT INTO audits (catalog_id, at, as_of, rules, items, findings) VALUES "
            "(?, datetime('now'), ?, ?, (SELECT count(*) FROM items WHERE catalog_id = ?), ?)",
            (catalog_id, as_of, ",".join(rules), catalog_id, n),
        )
        return n

    def replace_item_findings(
        self: Store,
        catalog_id: int,
        code: str,
        findings: list[tuple[Finding, int]],
        as_of: str,
        *,
        keep: Collection[str] = (),
    ) -> None:
        """After an edit: the item's findings of every rule but those of `keep` (the catalogue-wide ones). The
        next audit recomputes the item all the same (these may follow another reference, date or language)."""
        with self.write():
            self.conn.execute(
                "UPDATE audit_items SET hkey = NULL WHERE catalog_id = ? AND code = ?", (catalog_id, code)
            )
            self.conn.execute(
                "DELETE FROM findings WHERE catalog_id = ? AND code = ?"
                f" AND rule NOT IN ({', '.join('?' * len(keep))})",
                (catalog_id, code, *keep),
            )
            self._insert_findings(catalog_id, findings, as_of)

    def findings_of(self: Store, catalog_id: int, code: str | None = None) -> list[Finding]:
        """The stored findings of one item, or of the catalogue in catalogue order."""
        cols = FINDING_COLS
        if code is None:
            sql = f"""SELECT {cols} FROM items i CROSS JOIN findings f ON f.catalog_id = i.catalog_id
                AND f.code = i.code WHERE i.catalog_id = ? ORDER BY i.position, f.seq, f.id"""
            params: tuple = (catalog_id,)
        else:
            sql = f"SELECT {cols} FROM findings f WHERE f.catalog_id = ? AND f.code = ? ORDER BY f.seq, f.id"
            params = (catalog_id, code)
        return [
            Finding(code=r[0], rule=r[1], severity=r[2], field=r[3], entry=r[4] or "", message=r[5], suggestion=r[6])
            for r in self.conn.execute(sql, params)
        ]

    def audited(self: Store, catalog_id: int) -> str | None:
        row = self.conn.execute(
            "SELECT as_of FROM audits WHERE catalog_id = ? ORDER BY id DESC LIMIT 1", (catalog_id,)
        ).fetchone()
        return row[0] if row else None

    # --- the incremental audit (audit.audit_draft) -------------------------------------------------

    def audit_fingerprint(self: Store, catalog_id: int) -> str | None:
        """The fingerprint the stored findings follow; None when they follow none (never audited, or
        audited in part with --rule)."""
        row = self.conn.execute("SELECT fingerprint FROM audit_state WHERE catalog_id = ?", (catalog_id,)).fetchone()
        return row[0] if row else None

    def start_audit(
        self: Store, catalog_id: int, fingerprint: str, catalogue_rules: list[str], *, full: bool, codes=None
    ) -> bool:
        """Find what an audit must redo; the caller holds the transaction. Returns whether that is everything
        (asked for, or the fingerprint changed: the stored findings are then dropped).

        After it, temp.audit_dirty holds the codes whose item rules run again (their findings of those
        rules are dropped), and temp.audit_groups the normalised names whose catalogue-wide findings are
        redone: the names, before and after, of items changed, added or removed, and of items in groups
        of one name that moved. Items removed lose their findings. codes: look at these items only (an
        edit), not for removals. Each comparison reads an index, not the items."""
        c = self.conn
        p: dict = {"cat": catalog_id}
        for table in ("audit_dirty (code TEXT PRIMARY KEY)", "audit_groups (name_norm TEXT PRIMARY KEY)"):
            c.execute(f"DROP TABLE IF EXISTS temp.{table.split(' ')[0]}")
            c.execute(f"CREATE TEMP TABLE {table}")
        if full or self.audit_fingerprint(catalog_id) != fingerprint:
            c.execute("DELETE FROM findings WHERE catalog_id = :cat", p)
            c.execute("DELETE FROM audit_items WHERE catalog_id = :cat", p)
            c.execute(
                "INSERT INTO temp.audit_groups SELECT name_norm FROM items WHERE catalog_id = :cat "
                "GROUP BY name_norm HAVING count(*) > 1",
                p,
            )
            return True
        only_a = ""
        if codes is not None:
            self.pick(codes)
            only_a = "AND a.code IN (SELECT code FROM temp.pick)"
            c.execute(
                "INSERT INTO temp.audit_dirty SELECT i.code FROM temp.pick p CROSS JOIN items i "
                "ON i.catalog_id = :cat AND i.code = p.code LEFT JOIN audit_items a "
                "ON a.catalog_id = i.catalog_id AND a.code = i.code WHERE a.hkey IS NOT i.hkey",
                p,
            )
        else:  # the two covering indexes of (code, hkey) merged in code order: no lookup per item
            c.execute(
                "INSERT INTO temp.audit_dirty SELECT code FROM (SELECT code, hkey FROM items WHERE catalog_id = :cat "
                "EXCEPT SELECT code, hkey FROM audit_items WHERE catalog_id = :cat ORDER BY code, hkey)",
                p,
            )
        groups = "INSERT OR IGNORE INTO temp.audit_groups SELECT {} WHERE {} IS NOT NULL"
        dirty = "temp.audit_dirty d CROSS JOIN {t} ON {a}.catalog_id = :cat AND {a}.code = d.code"
        c.execute(groups.format(f"i.name_norm FROM {dirty.format(t='items i', a='i')}", "i.name_norm"), p)
        c.execute(groups.format(f"a.name_norm FROM {dirty.format(t='audit_items a', a='a')}", "a.name_norm"), p)
        c.execute(
            "INSERT OR IGNORE INTO temp.audit_groups SELECT a.name_norm FROM audit_items a CROSS JOIN items i "
            "ON i.catalog_id = a.catalog_id AND i.code = a.code WHERE a.catalog_id = :cat "
            f"AND a.position IS NOT NULL AND a.position != i.position {only_a}",
            p,
        )
        if codes is None and self._audited_gone(catalog_id):
            c.execute("DROP TABLE IF EXISTS temp.audit_gone")
            c.execute(
                "CREATE TEMP TABLE audit_gone AS SELECT a.code, a.name_norm FROM audit_items a "
                "WHERE a.catalog_id = :cat AND NOT EXISTS "
                "(SELECT 1 FROM items i WHERE i.catalog_id = a.catalog_id AND i.code = a.code)",
                p,
            )
            c.execute(groups.format("name_norm FROM temp.audit_gone", "name_norm"), p)
            for table in ("findings", "audit_items"):
                c.execute(
                    f"DELETE FROM {table} WHERE catalog_id = :cat AND code IN (SELECT code FROM temp.audit_gone)", p
                )
        marks = ",".join("?" * len(catalogue_rules))
        c.execute(
            f"DELETE FROM findings WHERE catalog_id = ? AND code IN (SELECT code FROM temp.audit_dirty) "
            f"AND rule NOT IN ({marks})",
            (catalog_id, *catalogue_rules),
        )
        return False

    def _audited_gone(self: Store, catalog_id: int) -> bool:
        """Whether an item audited may no longer be in the draft: there are more audited items than the draft
        has items that may have been audited before (less those start_audit found changed that were never
        audited, and those without a content hash). Counted on indexes, cheaper than looking for them."""
        p = {"cat": catalog_id}
        return self.conn.execute(
            "SELECT (SELECT count(*) FROM audit_items WHERE catalog_id = :cat) > "
            "(SELECT count(hkey) FROM items WHERE catalog_id = :cat) - "
            "(SELECT count(*) FROM temp.audit_dirty d "
            "WHERE NOT EXISTS (SELECT 1 FROM audit_items a WHERE a.catalog_id = :cat AND a.code = d.code))",
            p,
        ).fetchone()[0]

    def changed_since_audit(self: Store, catalog_id: int) -> bool:
        """Whether an item was added, changed or removed, or one sharing its name with others moved, since
        the stored findings were computed."""
        p = (catalog_id,)
        return any(
            self.conn.execute(sql, p).fetchone()
            for sql in (
                "SELECT 1 FROM items i LEFT JOIN audit_items a ON a.catalog_id = i.catalog_id AND a.code = i.code "
                "WHERE i.catalog_id = ? AND a.hkey IS NOT i.hkey LIMIT 1",
                "SELECT 1 FROM audit_items a WHERE a.catalog_id = ? AND NOT EXISTS "
                "(SELECT 1 FROM items i WHERE i.catalog_id = a.catalog_id AND i.code = a.code) LIMIT 1",
                "SELECT 1 FROM audit_items a CROSS JOIN items i ON i.catalog_id = a.catalog_id AND i.code = a.code "
                "WHERE a.catalog_id = ? AND a.position IS NOT NULL AND a.position != i.position LIMIT 1",
            )
        )

    def audit_dirty(self: Store) -> list[str]:
        """The codes start_audit found changed."""
        return [r[0] for r in self.conn.execute("SELECT code FROM temp.audit_dirty")]

    def audit_groups(self: Store, catalog_id: int, catalogue_rules: list[str]) -> list[tuple[str, str, int]]:
        """(code, normalised name, position), in catalogue order, of the items of the groups start_audit
        marked that hold more than one item; the stored catalogue-wide findings of those groups are dropped."""
        p = {"cat": catalog_id}
        members = (
            "SELECT i.code FROM temp.audit_groups g CROSS JOIN items i "
            "ON i.catalog_id = :cat AND i.name_norm = g.name_norm"
        )
        rules = ", ".join(f":r{n}" for n in range(len(catalogue_rules)))
        p.update({f"r{n}": r for n, r in enumerate(catalogue_rules)})
        self.conn.execute(
            f"DELETE FROM findings WHERE catalog_id = :cat AND rule IN ({rules}) AND code IN ({members})", p
        )
        return self.conn.execute(
            """SELECT i.code, i.name_norm, i.position FROM temp.audit_groups g CROSS JOIN items i
            ON i.catalog_id = :cat AND i.name_norm = g.name_norm
            WHERE (SELECT count(*) FROM items x WHERE x.catalog_id = :cat AND x.name_norm = g.name_norm) > 1
            ORDER BY i.position""",
            p,
        ).fetchall()

    def add_findings(self: Store, catalog_id: int, findings: Iterable[tuple[Finding, int]], as_of: str) -> None:
        self._insert_findings(catalog_id, findings, as_of)

    def record_audited(self: Store, catalog_id: int, span: tuple[int, int] | None = None) -> None:
        """When every item is audited again (start_audit cleared them): record what each item's findings follow,
        which the audit's transaction does not change (the items stay as they are). The items are read by
        the range of their ids (span: lo ≤ id < hi, when the caller knows it): through an index of the
        catalogue's, each item's row would be looked up in another order, and a large draft's pages read
        again and again."""
        lo, hi = (
            span
            or self.conn.execute(
                "SELECT min(id), max(id) + 1 FROM items WHERE catalog_id = ?", (catalog_id,)
            ).fetchone()
        )
        if lo is None:
            return
        self.conn.execute(
            "INSERT INTO audit_items (catalog_id, code, hkey, name_norm, position) SELECT catalog_id, code, hkey, "
            "name_norm, NULL FROM items NOT INDEXED WHERE catalog_id = ? AND id >= ? AND id < ?",
            (catalog_id, lo, hi),
        )

    def finish_audit(
        self: Store,
        catalog_id: int,
        fingerprint: str,
        rules: list[str],
        as_of: str,
        grouped: list[tuple[str, str, int]],
        *,
        everything: bool,
        some: bool = False,
        recorded: bool = False,
    ) -> int:
        """Record what the stored findings now follow, item by item and as a whole, and the audit; returns
        the catalogue's number of findings. grouped: what audit_groups gave. some: only some items were
        looked at (an edit): no audit is recorded. recorded: record_audited was called already."""
        c = self.conn
        p = {"cat": catalog_id, "fp": fingerprint}
        if everything:
            if not recorded:
                self.record_audited(catalog_id)
        else:
            c.execute(
                "INSERT OR REPLACE INTO audit_items (catalog_id, code, hkey, name_norm, position) "
                "SELECT :cat, i.code, i.hkey, i.name_norm, NULL FROM temp.audit_dirty d "
                "CROSS JOIN items i ON i.catalog_id = :cat AND i.code = d.code",
                p,
            )
            c.execute(
                "UPDATE audit_items SET position = NULL WHERE catalog_id = :cat AND code IN (SELECT i.code FROM "
                "temp.audit_groups g CROSS JOIN items i ON i.catalog_id = :cat AND i.name_norm = g.name_norm)",
                p,
            )
        c.executemany(
            "UPDATE audit_items SET position = ? WHERE catalog_id = ? AND code = ?",
            ((pos, catalog_id, code) for code, _, pos in grouped),
        )
        if some:
            return 0
        c.execute("INSERT OR REPLACE INTO audit_state (catalog_id, fingerprint) VALUES (:cat, :fp)", p)
        return self._record_audit(catalog_id, as_of, rules)

    # --- findings with their resolution, and what blocks approval, from the log in SQL ----------------

    def _resolution(self: Store, catalog_id: int) -> str:
        """Connection-local tables of what the log says now (states.fold, in SQL): each item's latest
        effective status decision, the rules overridden, the fees flagged for removal. Returns the SQL
        expression of whether a finding f of item i (with its status s) is resolved. Made again only when
        something was written since (approval reads them three times in one transaction)."""
        c = self.conn
        key = (catalog_id, c.total_changes, c.execute("PRAGMA data_version").fetchone()[0])
        cached = getattr(self, "_resolved_sql", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        c.create_function("norm_name", 1, lambda s: norm_name(s or ""), deterministic=True)
        p = {"cat": catalog_id}
        eff = _EFFECTIVE.format(d="d")
        parts: list[str] = []
        for table, sql in (
            (
                "res_status (code TEXT PRIMARY KEY, sid INTEGER, action TEXT)",
                f"SELECT d.code, max(d.id), d.action FROM decisions d WHERE d.catalog_id = :cat "
                f"AND d.action IN {_STATUS} AND {eff} GROUP BY d.code",
            ),
            (
                "res_override (code TEXT, rule TEXT, PRIMARY KEY (code, rule))",
                f"SELECT DISTINCT d.code, d.rule FROM decisions d WHERE d.catalog_id = :cat "
                f"AND d.action = 'override' AND {eff}",
            ),
            (
                "res_fee (code TEXT, norm TEXT, PRIMARY KEY (code, norm))",
                f"""SELECT code, norm FROM (SELECT d.code, norm_name(d.fee) AS norm, d.action, max(d.id)
                FROM decisions d WHERE d.catalog_id = :cat AND d.action IN ('remove-fee', 'keep-fee') AND {eff}
                GROUP BY d.code, norm) WHERE action = 'remove-fee'""",
            ),
        ):
            name = table.split(" ", 1)[0]
            c.execute(f"DROP TABLE IF EXISTS temp.{name}")
            c.execute(f"CREATE TEMP TABLE {table}")
            if c.execute(f"INSERT INTO temp.{name} {sql}", p).rowcount:
                parts.append(_RESOLVED_BY[name])
        expr = "(" + " OR ".join(parts) + ")" if parts else "0"
        self._resolved_sql = ((catalog_id, c.total_changes, key[2]), expr)
        return expr

    def resolved_findings(self: Store, catalog_id: int) -> Iterator[tuple]:
        """(code, rule, severity, field, entry, message, suggestion, resolved) of every stored finding, in
        catalogue order, streamed (a cursor: the log is read when this is called)."""
        resolved = self._resolution(catalog_id)
        return self.conn.execute(
            f"""SELECT {FINDING_COLS}, {resolved} FROM items i CROSS JOIN findings f
            ON f.catalog_id = i.catalog_id AND f.code = i.code LEFT JOIN temp.res_status s ON s.code = i.code
            WHERE i.catalog_id = ? ORDER BY i.position, f.seq, f.id""",
            (catalog_id,),
        )

    def finding_lines(self: Store, catalog_id: int) -> Iterator[tuple[bytes]]:
        """(line,) of every stored finding, in catalogue order, streamed: the finding as the audit's JSON writes
        it (audit_output.finding_line), in UTF-8, kept as the finding was stored or made by SQLite, whose
        json_quote escapes as Python's json does: a province's audit writes millions. (An item's id after its
        position orders the findings as the indexes hold them: no sort.)"""
        resolved = self._resolution(catalog_id)
        return self.conn.execute(
            f"""SELECT CAST({_JSON_LINE} || CASE WHEN {resolved} THEN ', "resolved": true}}' ELSE
            ', "resolved": false}}' END AS BLOB) FROM items i
            CROSS JOIN findings f ON f.catalog_id = i.catalog_id AND f.code = i.code
            LEFT JOIN temp.res_status s ON s.code = i.code
            WHERE i.catalog_id = ? ORDER BY i.position, i.id, f.seq, f.id""",
            (catalog_id,),
        )

    def finding_counts(self: Store, catalog_id: int, exact: bool = False) -> list[tuple[str, str, int, int]]:
        """(rule, severity, resolved, findings) of the stored findings: all of them counted on an index, less
        those resolved, which only items with a resolving decision can have. exact: counted through the
        draft's items instead, finding by finding (what finding_lines reads: the same unless a finding has
        no item, which an audit does not leave)."""
        resolved = self._resolution(catalog_id)
        join = """FROM items i CROSS JOIN findings f ON f.catalog_id = i.catalog_id AND f.code = i.code
            LEFT JOIN temp.res_status s ON s.code = i.code WHERE i.catalog_id = ?"""
        if exact:
            return self.conn.execute(
                f"SELECT f.rule, f.severity, {resolved}, count(*) {join} GROUP BY 1, 2, 3", (catalog_id,)
            ).fetchall()
        counts = {
            (rule, severity): [n, 0]
            for rule, severity, n in self.conn.execute(
                "SELECT rule, severity, count(*) FROM findings WHERE catalog_id = ? GROUP BY rule, severity",
                (catalog_id,),
            )
        }
        if resolved != "0":
            candidates = """SELECT code FROM temp.res_status WHERE action IN ('abolish', 'merge')
                UNION SELECT code FROM temp.res_override UNION SELECT code FROM temp.res_fee"""
            for rule, severity, n in self.conn.execute(
                f"SELECT f.rule, f.severity, count(*) {join} AND i.code IN ({candidates}) AND {resolved} "
                "GROUP BY f.rule, f.severity",
                (catalog_id,),
            ):
                counts[(rule, severity)][1] += n
        out = []
        for (rule, severity), (n, ok) in counts.items():
            out += [(rule, severity, 0, n - ok)] if n > ok else []
            out += [(rule, severity, 1, ok)] if ok else []
        return out

    def items_with_findings(self: Store, catalog_id: int) -> int:
        """The draft's items that have a stored finding: two indexes merged in code order, no lookup per item."""
        return self.conn.execute(
            "SELECT count(*) FROM (SELECT code FROM findings WHERE catalog_id = ?1 "
            "INTERSECT SELECT code FROM items WHERE catalog_id = ?1 ORDER BY 1)",
            (catalog_id,),
        ).fetchone()[0]

    def unresolved_errors(self: Store, catalog_id: int) -> int:
        resolved = self._resolution(catalog_id)
        return self.conn.execute(
            f"""SELECT count(*) FROM items i CROSS JOIN findings f ON f.catalog_id = i.catalog_id AND f.code = i.code
            LEFT JOIN temp.res_status s ON s.code = i.code
            WHERE i.catalog_id = ? AND f.severity = 'error' AND NOT {resolved}""",
            (catalog_id,),
        ).fetchone()[0]

    def approval_blockers(self: Store, catalog_id: int) -> Iterator[tuple[str, str, str, str | None]]:
        """(code, name, why, rules) of each item that blocks approval, in catalogue order, streamed: why is
        "undecided", "stale" (changed by an import since its decision) or "errors" (kept with error
        findings nothing resolves; rules lists their rules in order)."""
        resolved = self._resolution(catalog_id)
        return self.conn.execute(
            f"""SELECT code, name, why, rules FROM (SELECT i.position, i.code, i.name,
                CASE WHEN s.sid IS NULL THEN 'undecided' WHEN s.sid <= coalesce(i.import_mark, 0) THEN 'stale'
                     WHEN s.action IN ('keep', 'amend') THEN 'errors' END AS why,
                CASE WHEN s.action IN ('keep', 'amend') AND s.sid > coalesce(i.import_mark, 0) THEN
                    (SELECT group_concat(rule, ', ') FROM (SELECT f.rule FROM findings f
                     WHERE f.catalog_id = i.catalog_id AND f.code = i.code AND f.severity = 'error'
                     AND NOT {resolved} ORDER BY f.seq, f.id)) END AS rules
                FROM items i LEFT JOIN temp.res_status s ON s.code = i.code WHERE i.catalog_id = ?)
            WHERE why IN ('undecided', 'stale') OR rules IS NOT NULL ORDER BY position""",
            (catalog_id,),
        )

    def publish_states(self: Store, catalog_id: int) -> Iterator[tuple[str, str | None, str]]:
        """(code, status, reason) of every item in catalogue order: its latest effective status decision."""
        self._resolution(catalog_id)
        return self.conn.execute(
            f"SELECT i.code, s.action, coalesce(d.reason, '') {PUBLISH_FROM} ORDER BY i.position",
            (catalog_id,),
        )

    def status_ids(self: Store, catalog_id: int, codes: list[str]) -> dict[str, int]:
        """code → id of its latest effective status decision, for the codes given that have one."""
        self._resolution(catalog_id)
        sub = self.pick(codes)
        return dict(self.conn.execute(f"SELECT code, sid FROM temp.res_status WHERE code IN {sub}"))

    def undecided_codes(self: Store, catalog_id: int) -> tuple[list[str], list[str]]:
        """(codes of the items with no status decision, codes of those changed by an import since theirs),
        in catalogue order."""
        self._resolution(catalog_id)
        fresh: list[str] = []
        stale: list[str] = []
        for code, is_stale in self.conn.execute(
            """SELECT i.code, s.sid IS NOT NULL FROM items i LEFT JOIN temp.res_status s ON s.code = i.code
            WHERE i.catalog_id = ? AND (s.sid IS NULL OR s.sid <= coalesce(i.import_mark, 0)) ORDER BY i.position""",
            (catalog_id,),
        ):
            (stale if is_stale else fresh).append(code)
        return fresh, stale

    def fee_removals(self: Store, catalog_id: int) -> dict[str, dict[str, str]]:
        """code → normalised fee name → reason, of the fees flagged for removal now (few: one per decision)."""
        self._resolution(catalog_id)
        out: dict[str, dict[str, str]] = {}
        for code, norm, reason in self.conn.execute(
            f"""SELECT r.code, r.norm, (SELECT d.reason FROM decisions d WHERE d.catalog_id = ? AND d.code = r.code
                AND d.action = 'remove-fee' AND norm_name(d.fee) = r.norm AND {_EFFECTIVE.format(d="d")}
                ORDER BY d.id DESC LIMIT 1) FROM temp.res_fee r""",
            (catalog_id,),
        ):
            out.setdefault(code, {})[norm] = reason or ""
        return out
