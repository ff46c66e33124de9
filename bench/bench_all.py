"""Every command of a cleanup at N generated items, in one run beside `sqlite-utils insert --csv` and csv-diff.

    python bench/bench_all.py              # 100,000 items
    python bench/bench_all.py 100000 1000000

Prints each step's wall time, CPU time and peak memory, then the ratios the targets are stated in:
import, a full audit of a fresh import, the audit after one decision, approve and export against
`sqlite-utils insert` of the same file; the diff of two stored versions and of two files against csv-diff.
Every rule is a warning (bench/out/reference-lenient) so that a generated catalogue can be approved.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

from common import OUT, ROOT, Run, english_copy, fresh, generated, itemclean, lenient_reference, run, second_version

AS_OF = ("--as-of", "2026-12-01")


def keep_everything(db, ref) -> None:
    """Keep every item: the undecided ones in bulk, those waiting for re-review each by name."""
    run(
        "decide --all-undecided",
        itemclean("--db", str(db), "--reference", str(ref), "decide", "--all-undecided", "--keep"),
    )
    # in a process of its own: a child forked from a large parent would count the parent's memory as its own
    script = "import sys; from itemclean.review import never_decided; from itemclean.store import Store\n"
    script += f"with Store({str(db)!r}) as s: print('\\n'.join(never_decided(s, s.catalog(None))[1]))"
    got = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    waiting = got.stdout.split()
    for start in range(0, len(waiting), 5000):
        codes = waiting[start : start + 5000]
        run("decide CODE…", itemclean("--db", str(db), "--reference", str(ref), "decide", *codes, "--keep"))


def bench(n: int) -> None:
    a = english_copy(generated(n))
    b = english_copy(second_version(generated(n)))
    ref = lenient_reference()
    db, su = fresh(OUT / f"bench-all-{n}.db"), fresh(OUT / f"bench-all-su-{n}.db")
    print(f"\n== {n:,} items ({a.stat().st_size / 1e6:.1f} MB CSV); B changes 1%, adds 0.5%, removes 0.5% ==")
    cli = ["--db", str(db), "--reference", str(ref)]
    steps: list[Run] = []

    def step(label: str, args: list[str], ok=(0,)) -> Run:
        r = run(label, args, ok=ok)
        steps.append(r)
        return r

    ins = step(
        "sqlite-utils insert --csv",
        [shutil.which("sqlite-utils") or "sqlite-utils", "insert", str(su), "items", str(a), "--csv"],
    )
    imp = step("itemclean import", itemclean(*cli, "import", str(a), "--catalog", "bench"))
    audit = step(
        "itemclean audit (fresh import)",
        itemclean(*cli, "audit", *AS_OF, "--format", "json", "-o", str(OUT / "all-audit.json")),
        ok=(0, 1),
    )
    with sqlite3.connect(db) as con:
        code = con.execute("SELECT code FROM items ORDER BY position LIMIT 1").fetchone()[0]
    step("itemclean decide (one item)", itemclean(*cli, "decide", code, "--abolish", "--reason", "bench"))
    again = step(
        "itemclean audit (after one decision)",
        itemclean(*cli, "audit", *AS_OF, "--format", "json", "-o", str(OUT / "all-audit2.json")),
        ok=(0, 1),
    )
    keep_everything(db, ref)
    approve = step("itemclean approve A", itemclean(*cli, "approve", "--label", "A", *AS_OF))
    export = step(
        "itemclean export A --format xlsx",
        itemclean(*cli, "export", "--version", "A", "--format", "xlsx", "-o", str(OUT / "all-a.xlsx")),
    )
    step(
        "itemclean export A --format csv",
        itemclean(*cli, "export", "--version", "A", "--format", "csv", "-o", str(OUT / "all-a.csv")),
    )
    step("itemclean import B --prune", itemclean(*cli, "import", str(b), "--prune"))
    keep_everything(db, ref)
    step("itemclean approve B", itemclean(*cli, "approve", "--label", "B", *AS_OF))
    step("itemclean verify", itemclean(*cli, "verify"))
    theirs = step(
        "csv-diff A.csv B.csv --key code",
        [shutil.which("csv-diff") or "csv-diff", str(a), str(b), "--key", "code"],
        ok=(0, 1),
    )
    stored = step(
        "itemclean diff @A @B",
        itemclean(*cli, "diff", "bench@A", "bench@B", "--format", "json", "-o", str(OUT / "all-diff.json")),
        ok=(1,),
    )
    files = step(
        "itemclean diff A.csv B.csv",
        itemclean("diff", str(a), str(b), "--format", "json", "-o", str(OUT / "all-diff-files.json")),
        ok=(1,),
    )
    for r in steps:
        print(f"{r.line()} {r.cpu:7.2f} s CPU")
    print(f"import / sqlite-utils insert:              {imp.seconds / ins.seconds:5.2f}x")
    print(f"audit of a fresh import / insert:          {audit.seconds / ins.seconds:5.2f}x")
    print(f"audit after one decision / insert:         {again.seconds / ins.seconds:5.2f}x")
    print(f"approve / insert:                          {approve.seconds / ins.seconds:5.2f}x")
    print(f"export xlsx / insert:                      {export.seconds / ins.seconds:5.2f}x")
    print(f"diff of two versions: {theirs.seconds / stored.seconds:5.1f}x faster than csv-diff")
    print(
        f"diff of two files:    {theirs.seconds / files.seconds:5.2f}x csv-diff's speed, "
        f"{files.peak_mb / theirs.peak_mb:4.2f} of its peak memory"
    )
    print(f"peak memory of any itemclean step: {max(r.peak_mb for r in steps if 'itemclean' in r.label):.0f} MB")
    fresh(db)
    fresh(su)


if __name__ == "__main__":
    for size in [int(x) for x in sys.argv[1:]] or [100_000]:
        bench(size)
