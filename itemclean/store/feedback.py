"""The department round's one write of its own: items sent back to review after a department answered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Store


class FeedbackMixin:
    def department_rows(self: Store, catalog_id: int) -> Iterator[tuple[str, str, str | None]]:
        """Each item's code, department and extra columns (JSON, None when it has none), in catalogue order."""
        sql = "SELECT code, coalesce(department, ''), extra FROM items WHERE catalog_id = ? ORDER BY position"
        yield from self.conn.cursor().execute(sql, (catalog_id,))

    def send_to_review(self: Store, catalog_id: int, codes: list[str]) -> None:
        """Mark the items as a re-import does: a decision taken before now needs to be taken again."""
        self.conn.executemany(
            "UPDATE items SET import_mark = (SELECT coalesce(max(id), 0) FROM decisions WHERE catalog_id = ?) "
            "WHERE catalog_id = ? AND code = ?",
            ((catalog_id, catalog_id, c) for c in codes),
        )
