"""The header of the main screen: the catalogue, progress (decided / total) and findings by severity."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from ..store.browse import STATUSES, BrowseSummary
from .flow import Flow
from .labels import SEVERITY_STYLES, STATUS_STYLES, severity_name, status_name, word
from .text import shown

BAR = 24


def progress_bar(done: int, total: int, width: int = BAR) -> Text:
    filled = round(width * done / total) if total else 0
    return Text("━" * filled, "green") + Text("━" * (width - filled), "grey37")


class SummaryBar(Static):
    DEFAULT_CSS = """
    SummaryBar {
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    """

    def show(
        self, catalog: str, summary: BrowseSummary, *, as_of: str, reviewer: str, lang: str, versions: int = 0
    ) -> None:
        total, done = summary.total, summary.decided
        pct = f"{100 * done / total:.0f}%" if total and summary.counted else "–"
        versions_text = (
            word("approved_versions", lang, n=versions, s="s" if versions != 1 else "")
            if versions
            else word("not_approved", lang)
        )
        title = [
            Text(shown(catalog), "bold"),
            Text(word("draft", lang), "dim"),
            Text(versions_text, "dim"),
            Text(f"{word('audit_as_of', lang)} {as_of}", "dim"),
            Text.assemble((f"{word('reviewer', lang)} ", "dim"), shown(reviewer)),
        ]
        counts = [
            Text.assemble(
                (f"{word('decided', lang)} ", ""),
                (f"{done:,}" if summary.counted else word("counting", lang), "bold"),
                f" / {total:,} ",
                progress_bar(done, total),
                f" {pct}",
            )
        ]
        for s in STATUSES if summary.counted else ():
            n = summary.statuses.get(s, 0)
            if n or s == "undecided":
                counts.append(Text(f"{status_name(s, lang)} {n:,}", STATUS_STYLES[s]))
        for sev, count in summary.severities.items():
            counts.append(Text(f"{severity_name(sev, lang)} {count:,}", SEVERITY_STYLES[sev]))
        # each piece whole: at a narrow terminal the lines wrap between pieces, never inside one
        self.update(Group(Flow(title, sep="  ", sep_style=""), Flow(counts)))
