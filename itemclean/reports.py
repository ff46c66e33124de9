"""Reports a review office files beside the catalogue: removed charges, findings, the decision log."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO

from .errors import BadInput
from .messages import t
from .normalize import md_text
from .states import along, is_resolved, item_states
from .store import Catalog, Store
from .writers import Counted, Mapped

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


def headers(cols: tuple[str, ...], lang: str | None) -> list[str]:
    """A report's column headers for a reader (CSV, XLSX, Markdown, HTML); JSON keeps the keys."""
    return [t("report-" + c, lang) for c in cols]


def cells(row: tuple, lang: str | None) -> list:
    """A row for a reader: a yes/no as 是/否 (yes/no in English), a missing value as empty."""
    return [t("yes" if v else "no", lang) if isinstance(v, bool) else "" if v is None else v for v in row]


def rows_for(store: Store, cat: Catalog, what: str, version: str | None) -> tuple[tuple[str, ...], Mapped]:
    """The report's keys and its rows, each made as it is read."""
    if what == "removed-fees":
        v = store.version(cat.id, version)
        if v is None:
            raise BadInput(t("removed-fees-need-version", catalog=cat.name, label=f" {version!r}" if version else ""))
        return REMOVED_FEES, Counted(store.count_removed_fees(v.id), lambda: store.removed_fee_rows(v.id))
    if what == "findings":

        def findings() -> Iterator[tuple]:  # each finding beside its item's state, read in step
            for f, s, _ in along(store.iter_findings(cat.id), item_states(store, cat.id)):
                ok = is_resolved(f, s)
                yield (f.code, f.rule, f.severity, f.field, f.entry, f.message, f.suggestion, bool(ok))

        return FINDINGS, Counted(store.count_of("findings", cat.id), findings)
    return DECISIONS, Counted(store.count_of("decisions", cat.id), lambda: store.decision_rows(cat.id))


def _md_cell(v: object) -> str:
    return md_text(v, "<br>")


def _markdown(out: IO, title: str, cols: list[str], rows: Iterable[list]) -> None:
    out.write(f"# {md_text(title)}\n\n| {' | '.join(cols)} |\n|{'---|' * len(cols)}\n")
    out.writelines("| " + " | ".join(_md_cell(v) for v in r) + " |\n" for r in rows)
