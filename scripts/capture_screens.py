"""Text captures (and one SVG screenshot per language) of the review screen for the tutorial.

    python scripts/capture_screens.py

runs the review screen on the shipped sample, imported and audited as the tutorial does it, presses the keys a
reviewer would, and writes each screen as text between the markers `<!-- screen: NAME -->` and
`<!-- /screen -->` of docs/zh/tutorial.md and docs/en/tutorial.md, and docs/screens/review-{zh,en}.svg.
Decisions are stamped with one fixed time, so that running it again changes nothing unless the screens did.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
import sys
import tempfile
from pathlib import Path

from rich.console import Console

import itemclean.review
import itemclean.versions
from itemclean import review
from itemclean.audit import audit_draft
from itemclean.importing import import_files
from itemclean.paths import default_reference, sample_catalogue
from itemclean.rules import load_reference
from itemclean.store import Store
from itemclean.tui.app import ReviewApp

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 12, 2)
SIZE = (120, 34)
FIXED_NOW = "2026-12-02T09:30:00+08:00"
REVIEWER = "张三"

# name → the keys pressed from the table, freshly opened
SCREENS = {
    "main": [],
    "filter": ["slash", *"sev:error", "enter"],
    "item": ["slash", *"0101002", "escape", "enter"],
    "abolish": ["slash", *"0403001", "escape", "A"],
    "approve": ["V"],
    "help": ["question_mark"],
}


def prepare(db: Path, ref) -> None:
    """The sample imported and audited, with the tutorial's first decisions (abolished items, a fee removed)."""
    with Store(db) as s:
        r = import_files(s, [sample_catalogue()], catalog="临川县", reviewer=REVIEWER)
        cat = s.catalog(r.catalog)
        audit_draft(s, cat, ref, AS_OF)
        review.decide(s, cat, ["1503001", "1603001"], "abolish", reviewer=REVIEWER, reason="无设定依据，予以废止")
        review.decide_fee(s, cat, "0801005", "河道采砂管理费", reviewer=REVIEWER, reason="自定收费，予以取消")


def text_of(app: ReviewApp) -> str:
    """The screen as plain text, as Textual's own screenshot renders it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, color_system=None)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()).rstrip() + "\n"


async def settle(pilot) -> None:
    """Let the keys take effect and the background work finish; an action waiting on its dialog stays pending."""
    await pilot.pause()
    busy = [w for w in pilot.app.workers if w.group != "item-action" and not w.is_finished]
    if busy:
        await pilot.app.workers.wait_for_complete(busy)
    await pilot.pause()


async def capture(db: Path, ref, lang: str, svg: Path) -> dict[str, str]:
    out = {}
    for name, keys in SCREENS.items():
        app = ReviewApp(
            db=db, catalog=None, reference=ref, reviewer=REVIEWER, as_of=AS_OF, lang=lang, poll_seconds=None
        )
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            for key in keys:
                await pilot.press(key)
            await settle(pilot)
            out[name] = text_of(app)
            if name == "main":
                app.save_screenshot(filename=svg.name, path=str(svg.parent))
    return out


def splice(page: Path, screens: dict[str, str]) -> None:
    text = page.read_text(encoding="utf-8")
    for name, screen in screens.items():
        block = f"<!-- screen: {name} -->\n```text\n{screen}```\n<!-- /screen -->"
        text = re.sub(rf"<!-- screen: {name} -->.*?<!-- /screen -->", lambda _m, b=block: b, text, flags=re.S)
    page.write_text(text, encoding="utf-8")


def main() -> int:
    itemclean.review.now = lambda: FIXED_NOW  # type: ignore[assignment]
    itemclean.versions.now = lambda: FIXED_NOW  # type: ignore[assignment]
    ref = load_reference(default_reference())
    (ROOT / "docs" / "screens").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "linchuan.db"
        prepare(db, ref)
        for lang in ("zh", "en"):
            svg = ROOT / "docs" / "screens" / f"review-{lang}.svg"
            screens = asyncio.run(capture(db, ref, lang, svg))
            splice(ROOT / "docs" / lang / "tutorial.md", screens)
            print(f"captured {len(screens)} screens into docs/{lang}/tutorial.md and {svg.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
