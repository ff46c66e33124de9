"""Findings of the latest audit of each draft, kept for the review screen and for reports."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from ..model import Finding

if TYPE_CHECKING:
    from . import Store

_COLS = ("code", "rule", "severity", "field", "entry", "message", "suggestion")


class FindingsMixin:
    def _insert_findings(self: Store, catalog_id: int, findings: Iterable[Finding], as_of: str) -> None:
        self.conn.executemany(
            "INSERT INTO findings (catalog_id, code, rule, severity, field, entry, message, suggestion, as_of)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (
                (catalog_id, f.code, f.rule, f.severity, f.field, f.entry, f.message, f.suggestion, as_of)
                for f in findings
            ),
        )

    def replace_findings(
        self: Store, catalog_id: int, findings: Iterable[Finding], rules: list[str], as_of: str
    ) -> None:
        """The findings of the rules just run replace theirs of the last audit; one transaction."""
        with self.write():
            marks = ",".join("?" * len(rules))
            self.conn.execute(f"DELETE FROM findings WHERE catalog_id = ? AND rule IN ({marks})", (catalog_id, *rules))
            self._insert_findings(catalog_id, findings, as_of)
            n = self.conn.execute("SELECT count(*) FROM findings WHERE catalog_id = ?", (catalog_id,)).fetchone()[0]
            self.conn.execute(
                "INSERT INTO audits (catalog_id, at, as_of, rules, items, findings) VALUES "
                "(?, datetime('now'), ?, ?, (SELECT count(*) FROM items WHERE catalog_id = ?), ?)",
                (catalog_id, as_of, ",".join(rules), catalog_id, n),
            )

    def replace_item_findings(
        self: Store, catalog_id: int, code: str, findings: list[Finding], as_of: str, *, keep: Collection[str] = ()
    ) -> None:
        """After an edit: the item's findings of every rule but those of `keep` (the catalogue-wide ones)."""
        keep = list(keep)
        with self.write():
            self.conn.execute(
                "DELETE FROM findings WHERE catalog_id = ? AND code = ?"
                f" AND rule NOT IN ({', '.join('?' * len(keep))})",
                (catalog_id, code, *keep),
            )
            self._insert_findings(catalog_id, findings, as_of)

    def findings_of(self: Store, catalog_id: int, code: str | None = None) -> list[Finding]:
        sql = f"SELECT {', '.join(_COLS)} FROM findings WHERE catalog_id = ?"
        params: tuple = (catalog_id,)
        if code is not None:
            sql += " AND code = ?"
            params += (code,)
        return [
            Finding(code=r[0], rule=r[1], severity=r[2], field=r[3], entry=r[4] or "", message=r[5], suggestion=r[6])
            for r in self.conn.execute(sql + " ORDER BY id", params)
        ]

    def audited(self: Store, catalog_id: int) -> str | None:
        row = self.conn.execute(
            "SELECT as_of FROM audits WHERE catalog_id = ? ORDER BY id DESC LIMIT 1", (catalog_id,)
        ).fetchone()
        return row[0] if row else None
