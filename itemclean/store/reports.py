"""The rows of the reports that export writes (the decision log, the findings), read as they are written:
a province's log and findings do not fit in memory at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import Finding
from .findings import FINDING_COLS

if TYPE_CHECKING:
    from . import Store

DECISION_ROW = ("id", "code", "action", "target", "fee", "rule", "field", "old", "new", "reason", "reviewer", "at")


class ReportsMixin:
    def count_of(self: Store, table: str, catalog_id: int) -> int:
        """How many decisions or findings a catalogue has."""
        if table not in ("decisions", "findings"):
            raise ValueError(table)
        return self.conn.execute(f"SELECT count(*) FROM {table} WHERE catalog_id = ?", (catalog_id,)).fetchone()[0]

    def decision_rows(self: Store, catalog_id: int) -> Iterator[tuple]:
        """The log in order, each entry as its columns (DECISION_ROW, then undoes)."""
        cols = ", ".join(DECISION_ROW)
        sql = f"SELECT {cols}, undoes FROM decisions WHERE catalog_id = ? ORDER BY id"
        yield from self.conn.cursor().execute(sql, (catalog_id,))

    def iter_findings(self: Store, catalog_id: int) -> Iterator[Finding]:
        """The findings of the last audit in catalogue order, then rule order (as the audit reports them: an
        incremental audit stores them in the order things changed)."""
        sql = f"""SELECT {FINDING_COLS}
            FROM items i CROSS JOIN findings f ON f.catalog_id = i.catalog_id AND f.code = i.code
            WHERE i.catalog_id = ? ORDER BY i.position, f.seq, f.id"""
        for r in self.conn.cursor().execute(sql, (catalog_id,)):
            yield Finding(
                code=r[0], rule=r[1], severity=r[2], field=r[3], entry=r[4] or "", message=r[5], suggestion=r[6]
            )
