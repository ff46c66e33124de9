"""Every command of a cleanup at N generated items, in one run beside `sqlite-utils insert --csv` and csv-diff.

    python bench/bench_all.py                   # 100,000 items
    python bench/bench_all.py 100000 1000000    # both sizes of issue 17, one after the other

Per size: import; a full audit of the fresh import; the audit after one decision; approve; export in every
format; a second version imported with --prune and approved; verify; the diff of the two stored versions
and of the two files; the review screen (first screen of rows, filter keystrokes), measured in a process of
its own by bench_tui.py. Below 1,000,000 items the short steps (the audit after one decision, each time after
a new item's decision, csv-diff and both diffs) run three times and keep the run of median wall time, since
one run of a fraction of a second moves by half with the machine's noise; so do sqlite-utils insert, the
import and the audit of the fresh import, in three rounds of the three (see compared_steps), so that the
yardstick and the steps compared with it share the machine's slow and quick minutes. Prints each step's
wall time, CPU time (its child processes included) and peak memory, then the ratios of the issue's "Done
when" with their targets, and flags every itemclean step over 500 MB at 1,000,000 items. Each itemclean step runs
under a memory cap (--cap-mb, default 6000): a step that grows past it fails with a memory error, is
reported, and the steps that need it are skipped.
Every rule is a warning (bench/out/reference-lenient) so that a generated catalogue can be approved.
The inputs are generated once and kept in bench/out/ (1,000,000 items: about 450 MB per CSV file, and
the database grows to several GB). On a quiet 2-core machine with the inputs already generated, the whole
run of both sizes took 16 minutes from start to end, of which the steps of 100,000 items took 2.0 and those
of 1,000,000 items 14.1 (the XLSX export 3.5); under load from other work it took about three times as long.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from common import (
    OUT,
    ROOT,
    Run,
    english_copy,
    fresh,
    generated,
    itemclean,
    lenient_reference,
    run,
    second_version,
    sqlite_utils,
    tool,
)

AS_OF = ("--as-of", "2026-12-01")
FORMATS = ("csv", "json", "jsonl", "xlsx", "md", "html")
LIMIT_MB = 500  # issue 17: every command at 1,000,000 items under this peak
LARGE = 1_000_000
REPEAT = 3  # runs of each short step below LARGE (the diffs, the audit after a decision): the median is kept
FAMILIES = ("insert", "audit", "approve", "export", "csv-diff", "diff-files", "tui")  # for --skip


class Bench:
    """The steps of one size, run in order; a step whose inputs failed is skipped and says so."""

    def __init__(self, n: int, cap_mb: int, skip: set[str] = frozenset()):
        self.n, self.cap_mb, self.skip = n, cap_mb, skip
        self.steps: list[Run] = []
        self.skipped: list[str] = []
        self.frozen: list[str] = []  # versions frozen without approve, which failed

    def step(
        self,
        label: str,
        args: list[str],
        ok=(0,),
        needs: bool = True,
        capped: bool = True,
        family: str = "",
        times: int = 1,
        **kw,
    ) -> Run | None:
        """The step run times over (a short step, whose one run the machine's noise can double), kept as the
        run of median wall time; a run that fails is kept at once."""
        if family in self.skip:
            self.skipped.append(f"{label}: --skip {family}")
            return None
        if not needs:
            self.skipped.append(f"{label}: a step it needs failed or was skipped")
            return None
        runs = []
        for _ in range(times):
            runs.append(self.measure(label, args, ok=ok, capped=capped, **kw))
            if runs[-1].failed:
                return self.record([runs[-1]])
        return self.record(runs)

    def measure(self, label: str, args: list[str], ok=(0,), capped: bool = True, **kw) -> Run:
        print(f"  {label} …", end="", flush=True)
        r = run(label, args, ok=ok, cap_mb=self.cap_mb if capped else None, check=False, **kw)
        print(f" {r.seconds:.1f} s, {r.peak_mb:.0f} MB" + (f"  FAILED {r.failed}" if r.failed else ""), flush=True)
        return r

    def record(self, runs: list[Run]) -> Run | None:
        """The run of median wall time among runs (the one run, or the failed one), added to the steps."""
        r = sorted(runs, key=lambda x: x.seconds)[len(runs) // 2]
        if len(runs) > 1:
            r = replace(r, label=f"{r.label} ×{len(runs)}, median")
        self.steps.append(r)
        return None if r.failed else r


def compared_steps(b: Bench, a: Path, su: Path, cli: list[str]) -> tuple[Run | None, Run | None, Run | None]:
    """sqlite-utils insert, the import and the audit of the fresh import: the yardstick and the two steps
    whose ratio to it is a target, in rounds (three below 1,000,000 items), each round inserting into a new
    database, importing into a new one and auditing what it imported. So the three are measured in the
    same minutes, whatever the machine's speed does meanwhile; the run of median wall time of each is kept,
    and a run that fails at once. The database is left as the last round's audit left it."""
    db = Path(cli[1])
    steps = [
        ("insert", "sqlite-utils insert --csv", sqlite_utils() + ["insert", str(su), "items", str(a), "--csv"], su),
        ("import", "itemclean import", itemclean(*cli, "import", str(a), "--catalog", "bench"), db),
        (
            "audit",
            "itemclean audit (fresh import)",
            itemclean(*cli, "audit", *AS_OF, "--format", "json", "-o", str(OUT / "all-audit.json")),
            None,
        ),
    ]
    runs: dict[str, list[Run]] = {family: [] for family, *_ in steps}
    for _ in range(REPEAT if b.n < LARGE else 1):
        for family, label, args, new in steps:
            done = runs[family]
            if family in b.skip or (done and done[-1].failed):
                continue
            if family == "audit" and (not runs["import"] or runs["import"][-1].failed):
                continue  # audits the import of its own round
            if new is not None:
                fresh(new)
            ok = (0, 1) if family == "audit" else (0,)
            done.append(b.measure(label, args, ok=ok, capped=family != "insert"))
    kept = []
    for family, label, *_ in steps:
        done = runs[family]
        if not done:
            why = f"--skip {family}" if family in b.skip else "a step it needs failed or was skipped"
            b.skipped.append(f"{label}: {why}")
            kept.append(None)
        else:
            kept.append(b.record(done[-1:] if done[-1].failed else done))
    return kept[0], kept[1], kept[2]


def after_one_decision(b: Bench, cli: list[str], codes: list[str], needs: bool) -> tuple[Run | None, Run | None]:
    """An item decided, then the audit, once per code (a new item each time): the median decision and audit."""
    if "audit" in b.skip or not needs or not codes:
        b.skipped.append("audit after one decision: " + ("--skip audit" if "audit" in b.skip else "no audit before"))
        return None, None
    decisions, audits = [], []
    for code in codes:
        d = b.measure("itemclean decide (one item)", itemclean(*cli, "decide", code, "--abolish", "--reason", "bench"))
        decisions.append(d)
        if d.failed:
            break
        out = OUT / "all-audit2.json"
        audits.append(
            b.measure(
                "itemclean audit (after one decision)",
                itemclean(*cli, "audit", *AS_OF, "--format", "json", "-o", str(out)),
                ok=(0, 1),
            )
        )
        if audits[-1].failed:
            break
    failed = decisions[-1].failed or (audits and audits[-1].failed)
    d = b.record(decisions[-1:] if failed else decisions)
    return d, (b.record(audits[-1:] if failed else audits) if audits else None)


def keep_everything(b: Bench, db: Path, ref: Path) -> bool:
    """Keep every item: the undecided ones in bulk, those waiting for re-review each by name (not timed)."""
    cli = ["--db", str(db), "--reference", str(ref)]
    if run("decide --all-undecided", itemclean(*cli, "decide", "--all-undecided", "--keep"), check=False).failed:
        return False
    # in a process of its own: a child forked from a large parent would count the parent's memory as its own
    script = "import sys; from itemclean.review import never_decided; from itemclean.store import Store\n"
    script += f"with Store({str(db)!r}) as s: print('\\n'.join(never_decided(s, s.catalog(None))[1]))"
    got = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    if got.returncode:
        return False
    waiting = got.stdout.split()
    for start in range(0, len(waiting), 5000):
        codes = waiting[start : start + 5000]
        if run("decide CODE…", itemclean(*cli, "decide", *codes, "--keep"), check=False).failed:
            return False
    return True


FREEZE = """
import sys
from itemclean.model import default_title, layout_columns
from itemclean.states import states
from itemclean.store import Store, now
from itemclean.versions import published_items
with Store(sys.argv[1]) as s:
    cat = s.catalog(None)
    with s.write():
        removed = []
        items = published_items(s, cat.id, states(s, cat.id), removed)
        columns = layout_columns(cat.layout, s.used_fields(cat.id))
        title = default_title(cat.name)
        s.create_version(cat, sys.argv[2], "bench", now(), items, removed, columns=columns, title=title)
"""


def frozen(b: Bench, approved: Run | None, db: Path, label: str) -> bool:
    """Whether version label exists: approved, or else (approve failed or was skipped) frozen through the
    library without the audit, untimed, so that the steps after approval are still measured."""
    if approved is not None:
        return True
    got = subprocess.run([sys.executable, "-c", FREEZE, str(db), label], capture_output=True, text=True, cwd=ROOT)
    if got.returncode == 0:
        b.frozen.append(label)
    return got.returncode == 0


def review_screen(b: Bench, db: Path, ref: Path, ready: bool) -> dict | None:
    """bench_tui.py --measure on the bench's database: first screen and filter keystrokes, in its own process."""
    out = OUT / f"all-tui-{b.n}.json"
    with out.open("w") as f:
        r = b.step(
            "review screen (first screen, filter keys)",
            [sys.executable, str(Path(__file__).with_name("bench_tui.py")), "--measure", str(db), str(ref)],
            needs=ready,
            stdout=f,
            family="tui",
        )
    if r is None:
        return None
    return json.loads(out.read_text().strip().splitlines()[-1])


def bench(n: int, cap_mb: int, skip: set[str]) -> None:
    t_start = time.perf_counter()
    a = english_copy(generated(n))
    b_csv = english_copy(second_version(generated(n)))
    ref = lenient_reference()
    db, su = fresh(OUT / f"bench-all-{n}.db"), fresh(OUT / f"bench-all-su-{n}.db")
    print(f"\n== {n:,} items ({a.stat().st_size / 1e6:.1f} MB CSV); B changes 1%, adds 0.5%, removes 0.5% ==")
    cli = ["--db", str(db), "--reference", str(ref)]
    b = Bench(n, cap_mb, skip)
    ins, imp, audit = compared_steps(b, a, su, cli)
    codes: list[str] = []
    if imp is not None:
        with sqlite3.connect(db) as con:
            rounds = REPEAT if n < LARGE else 1
            codes = [r[0] for r in con.execute("SELECT code FROM items ORDER BY position LIMIT ?", (rounds,))]
    _, again = after_one_decision(b, cli, codes, audit is not None)
    kept = again is not None and "approve" not in skip and keep_everything(b, db, ref)
    approve = b.step(
        "itemclean approve A", itemclean(*cli, "approve", "--label", "A", *AS_OF), needs=kept, family="approve"
    )
    has_a = imp is not None and frozen(b, approve, db, "A")
    for fmt in FORMATS:
        b.step(
            f"itemclean export A --format {fmt}",
            itemclean(*cli, "export", "--version", "A", "--format", fmt, "-o", str(OUT / f"all-a.{fmt}")),
            needs=has_a,
            family="export",
        )
    imp_b = b.step("itemclean import B --prune", itemclean(*cli, "import", str(b_csv), "--prune"), needs=has_a)
    kept_b = imp_b is not None and approve is not None and keep_everything(b, db, ref)  # else approve B fails too
    approve_b = b.step(
        "itemclean approve B", itemclean(*cli, "approve", "--label", "B", *AS_OF), needs=kept_b, family="approve"
    )
    has_b = imp_b is not None and frozen(b, approve_b, db, "B")
    b.step("itemclean verify", itemclean(*cli, "verify"), needs=has_b)
    theirs = b.step(
        "csv-diff A.csv B.csv --key code",
        tool("csv-diff") + [str(a), str(b_csv), "--key", "code"],
        ok=(0, 1),
        capped=False,
        family="csv-diff",
        times=REPEAT if n < LARGE else 1,
    )
    stored = b.step(
        "itemclean diff @A @B",
        itemclean(*cli, "diff", "bench@A", "bench@B", "--format", "json", "-o", str(OUT / "all-diff.json")),
        ok=(1,),
        needs=has_b,
        times=REPEAT if n < LARGE else 1,
    )
    files = b.step(
        "itemclean diff A.csv B.csv",
        itemclean("diff", str(a), str(b_csv), "--format", "json", "-o", str(OUT / "all-diff-files.json")),
        ok=(1,),
        family="diff-files",
        times=REPEAT if n < LARGE else 1,
    )
    tui = review_screen(b, db, ref, has_b)
    total = time.perf_counter() - t_start

    print(f"\n-- {n:,} items: wall, peak memory, CPU (children included) --")
    for r in b.steps:
        flag = "  OVER 500 MB" if n >= LARGE and "itemclean" in r.label and r.peak_mb > LIMIT_MB else ""
        fail = f"  FAILED {r.failed}" if r.failed else ""
        print(f"{r.line()} {r.cpu:8.2f} s CPU{flag}{fail}")
    for label in b.skipped:
        print(f"skipped: {label}")
    for label in b.frozen:
        print(f"version {label} frozen through the library without approve (untimed), for the steps after it")
    if tui:
        f = tui["filter_ms"]
        print(
            f"review screen: first screen {tui['first_rows_s'] * 1000:.0f} ms (new process: "
            f"{tui['first_rows_cold_s'] * 1000:.0f} ms); filter keystroke median {statistics.median(f):.0f} ms, "
            f"max {max(f):.0f} ms over {len(f)} keys; peak {tui['peak_rss_mb']:.0f} MB"
        )

    print(f"\n-- {n:,} items: the issue's targets --")

    def ratio(text: str, mine: Run | None, base: Run | None, target: float, faster: bool = False) -> None:
        if mine is None or base is None:
            print(f"{text:<44}   n/a  (a step failed or was skipped)")
            return
        x = base.seconds / mine.seconds if faster else mine.seconds / base.seconds
        good = x >= target if faster else x <= target
        sign = "≥" if faster else "≤"
        verdict(text, f"{x:6.2f}x", f"{sign} {target}x", good)

    def verdict(text: str, value: str, target: str, good: bool) -> None:
        print(f"{text:<44} {value} (target {target}) {'ok' if good else 'MISSED'}")

    if n < LARGE:
        ratio("import / sqlite-utils insert", imp, ins, 1)
        ratio("audit of a fresh import / insert", audit, ins, 0.5)
        ratio("audit after one decision / insert", again, ins, 0.1)
        ratio("approve / insert", approve, ins, 1)
        ratio("diff of two versions: csv-diff time / ours", stored, theirs, 5, faster=True)
        ratio("diff of two files: csv-diff time / ours", files, theirs, 1, faster=True)
        if files and theirs:
            x = files.peak_mb / theirs.peak_mb
            verdict("diff of two files: memory / csv-diff's", f"{x:6.2f} ", "≤ 0.25", x <= 0.25)
    else:
        if imp and ins:  # the issue sets no time for the import at this size, only its memory
            print(f"{'import / sqlite-utils insert':<44} {imp.seconds / ins.seconds:6.2f}x (no target at this size)")
        ratio("audit / sqlite-utils insert", audit, ins, 1)
        ratio("approve / insert", approve, ins, 1)
    if tui:
        first, worst = tui["first_rows_s"], max(tui["filter_ms"])
        verdict("review screen: first screen", f"{first * 1000:6.0f} ms", "< 1000 ms", first < 1)
        verdict("review screen: slowest filter keystroke", f"{worst:6.0f} ms", "< 100 ms", worst < 100)
    mine = [r for r in b.steps if "itemclean" in r.label or "review" in r.label]
    if mine:
        top = max(mine, key=lambda r: r.peak_mb)
        print(f"{'peak memory of any itemclean step':<44} {top.peak_mb:6.0f} MB ({top.label})")
    if n >= LARGE:
        over = [r.label for r in mine if r.peak_mb > LIMIT_MB]
        print(f"steps over {LIMIT_MB} MB at {n:,} items: {', '.join(over) if over else 'none'}")
    print(f"this size took {total / 60:.1f} min in all (inputs generated before, or now)")
    fresh(db)
    fresh(su)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sizes", nargs="*", type=int, default=[100_000])
    p.add_argument("--cap-mb", type=int, default=6000, help="address-space cap of each itemclean step (MB)")
    p.add_argument(
        "--skip",
        default="",
        help=f"leave out steps, comma-separated: {', '.join(FAMILIES)} (versions are then frozen without approve)",
    )
    a = p.parse_args()
    # an installed tool runs from compiled modules; with PYTHONDONTWRITEBYTECODE set, every step would
    # otherwise compile the modules changed since their last bytecode (tens of milliseconds a command)
    compileall.compile_dir(ROOT / "itemclean", quiet=1)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    print(f"itemclean {commit.stdout.strip() or '?'}; {os.cpu_count()} cores; started {time.strftime('%H:%M:%S')}")
    for size in a.sizes:
        print(f"load average before {size:,} items: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        bench(size, a.cap_mb, set(filter(None, a.skip.split(","))))


if __name__ == "__main__":
    main()
