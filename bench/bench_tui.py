"""The review screen on a generated catalogue of 100,000 items, driven by a Textual Pilot.

    python bench/bench_tui.py              # 100,000 items
    python bench/bench_tui.py 20000        # another size

Prepares a temporary database (bench/generate.py --n N --seed 1, imported with importing.import_files
and audited), then measures in a fresh process, so that its peak memory is the review screen's alone:

- start → first screen of rows: from constructing ReviewApp (opening the database, the first query)
  to the first paint of the table's rows; and the same from a cold process, imports included;
- filter keystroke → table updated: one key pressed in the filter bar until the table's lines of the
  new result are painted (median and max over the keystrokes of a few typed filters). On a large
  catalogue that is the first screen of matches; the whole list (its count, the scroll bar) is read
  once the keys pause, and filter_complete says whether it was in when the key was measured;
- a few other keys at that scale (page down, end, a status filter, next undecided: until the cursor moved or
  the screen said there is none, which on a large catalogue may wait for the background's reads);
- on a large catalogue, how long after the last key the background's reads are all in: the whole list of
  the filter shown, the header's counts (background_s), and how long they paused for the keys (paused_s);
- peak RSS of the measuring process (resource.getrusage).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

AS_OF = dt.date(2026, 12, 1)
SIZE = (160, 45)
# What a reviewer types: words, a code prefix, filters; then deletes it (each key is one measurement).
TYPED = ["市场监督", "BS" * 4, "0100", "BS" * 4, "许可证", "BS" * 3, "rule:fee", "BS" * 8, "dept:县公安", "BS" * 8]


def keystrokes() -> list[str]:
    out = []
    for chunk in TYPED:
        if chunk.startswith("BS"):
            out += ["backspace"] * (len(chunk) // 2)
        else:
            out += list(chunk)
    return out


def prepare(n: int, db: Path) -> dict:
    from common import generated

    from itemclean.audit import audit_draft
    from itemclean.importing import import_files
    from itemclean.paths import default_reference
    from itemclean.rules import load_reference
    from itemclean.store import Store

    src = generated(n)
    t = time.perf_counter()
    with Store(db) as store:
        r = import_files(store, [src], reviewer="bench")
        t_import = time.perf_counter() - t
        t = time.perf_counter()
        report = audit_draft(store, store.catalog(r.catalog), load_reference(default_reference()), AS_OF)
        t_audit = time.perf_counter() - t
    return {"source": str(src), "import_s": t_import, "audit_s": t_audit, "findings": len(report.findings)}


async def measure(db: Path, t_process: float, reference: Path | None = None) -> dict:
    from itemclean.paths import default_reference
    from itemclean.rules import load_reference
    from itemclean.tui.app import ReviewApp
    from itemclean.tui.item_table import ItemTable

    ref = load_reference(reference or default_reference())
    t_imported = time.perf_counter()
    t0 = time.perf_counter()
    app = ReviewApp(db=db, catalog=None, reference=ref, reviewer="bench", as_of=AS_OF, lang="zh")
    out: dict = {"items": app.items.summary.total}
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ItemTable)
        while table.first_row_painted is None:
            await asyncio.sleep(0.001)
        out["first_rows_s"] = table.first_row_painted - t0
        out["first_rows_cold_s"] = table.first_row_painted - t_process
        out["imports_s"] = t_imported - t_process

        async def timed(*keys: str) -> float:
            before = table.generation
            start = time.perf_counter()
            await pilot.press(*keys)
            while table.painted_generation == before or table.painted_generation != table.generation:
                await asyncio.sleep(0.0005)
            return table.painted_at - start

        shown: dict[str, float | None] = {}  # ms until the table painted the answer (None: the cursor stayed)

        async def moved(key: str, label: str = "") -> float:
            """ms from the key until Pilot finds the app idle (with a background thread at work, that waits
            for it too); shown[key]: until the table painted the moved cursor (None: a notification said why
            it stayed, as a jump with nowhere to go does)."""
            start, cursor, notes = time.perf_counter(), table.cursor, len(app._notifications)
            await pilot.press(key)
            while app.jump_waiting:  # a jump answered once the background has read what it needs
                await asyncio.sleep(0.001)
            end = time.perf_counter() + 1
            while (table.cursor == cursor or table.line_painted_at < start) and time.perf_counter() < end:
                if table.cursor == cursor and len(app._notifications) > notes:
                    break
                await asyncio.sleep(0.0005)
            shown[label or key] = round((table.line_painted_at - start) * 1000, 1) if table.cursor != cursor else None
            await pilot.pause()
            return time.perf_counter() - start

        await pilot.press("slash")
        lat, counts, whole = [], [], []
        for k in keystrokes():
            lat.append(await timed(k))
            counts.append(len(app.items))
            whole.append(app.items.complete)  # False: the first matches only, the rest read after a pause
        out["filter_ms"] = [round(x * 1000, 1) for x in lat]
        out["filter_matches"] = counts
        out["filter_complete"] = whole
        await pilot.press("escape")
        out["page_down_ms"] = round(await moved("pagedown") * 1000, 1)
        out["end_ms"] = round(await moved("G") * 1000, 1)
        out["home_ms"] = round(await moved("g") * 1000, 1)
        await pilot.press("slash", *"status:undecide")
        await pilot.pause()
        out["status_filter_ms"] = round(await timed("d") * 1000, 1)
        for _ in range(16):
            await pilot.press("backspace")
        await pilot.pause()
        await pilot.press("escape")
        out["next_undecided_ms"] = round(await moved("n") * 1000, 1)
        start = time.perf_counter()
        await pilot.press("K")
        await pilot.pause()
        out["keep_ms"] = round((time.perf_counter() - start) * 1000, 1)
        await pilot.press("escape")
        start = time.perf_counter()
        while app.background is not None and not (
            app.items.complete and app.items.summary.counted and app.items.chars is not None
        ):
            if time.perf_counter() - start > 600:
                break
            await asyncio.sleep(0.005)
        out["background_s"] = round(time.perf_counter() - start, 2)
        out["background_in"] = app.items.complete and app.items.summary.counted
        out["paused_s"] = round(app.background.paused, 2) if app.background is not None else 0.0
        out["next_undecided_after_ms"] = round(await moved("n", "n again") * 1000, 1)  # the jump lists in by now
    out["painted_ms"] = shown
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--measure":
        t_process = time.perf_counter()
        ref = Path(sys.argv[3]) if len(sys.argv) > 3 else None  # bench_all.py's reference, every rule a warning
        print(json.dumps(asyncio.run(measure(Path(sys.argv[2]), t_process, ref))))
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench-tui.db"
        prep = prepare(n, db)
        print(f"== the review screen, {n:,} generated items ==")
        print(
            f"source {prep['source']}: import {prep['import_s']:.1f} s, audit {prep['audit_s']:.1f} s, "
            f"{prep['findings']:,} findings"
        )
        p = subprocess.run([sys.executable, __file__, "--measure", str(db)], capture_output=True, text=True)
        if p.returncode:
            sys.stderr.write(p.stderr[-4000:])
            raise SystemExit(p.returncode)
        r = json.loads(p.stdout.strip().splitlines()[-1])
    f = r["filter_ms"]
    print(f"items in the table:                           {r['items']:,}")
    print(f"start → first screen of rows (app created):   {r['first_rows_s'] * 1000:7.0f} ms   (target 1500 ms)")
    print(
        f"  the same from a new process, imports incl.: {r['first_rows_cold_s'] * 1000:7.0f} ms "
        f"(imports {r['imports_s'] * 1000:.0f} ms)"
    )
    print(
        f"filter keystroke → table updated, {len(f)} keys:   median {statistics.median(f):6.1f} ms, "
        f"max {max(f):6.1f} ms   (target 150 ms)"
    )
    print(f"  per key (ms): {' '.join(str(x) for x in f)}")
    matches = (f"{x}{'' if whole else '+'}" for x, whole in zip(r["filter_matches"], r["filter_complete"]))
    print(f"  matches:      {' '.join(matches)}")
    print(
        f"page down {r['page_down_ms']} ms · end {r['end_ms']} ms · home {r['home_ms']} ms · "
        f"last key of status:undecided {r['status_filter_ms']} ms · next undecided {r['next_undecided_ms']} ms · "
        f"keep {r['keep_ms']} ms"
    )
    if r["paused_s"]:
        print(
            f"background reads all in {r['background_s']} s after the last key "
            f"({'complete' if r['background_in'] else 'NOT complete'}; paused {r['paused_s']} s for keys); "
            f"next undecided then {r['next_undecided_after_ms']} ms"
        )
    print(f"  the same keys until the table painted the moved cursor (ms): {r['painted_ms']}")
    print(f"peak RSS of the review process:               {r['peak_rss_mb']:7.0f} MB   (target 500 MB)")
    print(f"command: {Path(sys.executable).name} bench/bench_tui.py {n if n != 100_000 else ''}".rstrip())


if __name__ == "__main__":
    main()
