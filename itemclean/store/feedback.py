"""The department round's one write of its own: items sent back to review after a department answered."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Store


class FeedbackMixin:
    def send_to_review(self: Store, catalog_id: int, codes: list[str]) -> None:
        """Mark the items as a re-import does: a decision taken before now needs to be taken again."""
        self.conn.executemany(
            "UPDATE items SET import_mark = (SELECT coalesce(max(id), 0) FROM decisions WHERE catalog_id = ?) "
            "WHERE catalog_id = ? AND code = ?",
            ((catalog_id, catalog_id, c) for c in codes),
        )
