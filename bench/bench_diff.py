"""Diff of two catalogues of N generated items differing in 1% of items, beside csv-diff, in one run.

    python bench/bench_diff.py                 # 100,000 and 1,000,000 items
    python bench/bench_diff.py 100000          # one size

For each size: the two versions are imported and approved as two stored versions, then timed are
`itemclean diff CAT@A CAT@B` (stored versions, by hash), `itemclean diff A.csv B.csv` (two files) and
`csv-diff A.csv B.csv --key code`, each with its peak memory: the fastest of three runs of each,
taken in turn. The preparation is not timed.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys

from common import OUT, ROOT, english_copy, fresh, generated, itemclean, lenient_reference, run, second_version

sys.path.insert(0, str(ROOT))
from itemclean.review import never_decided  # noqa: E402
from itemclean.store import Store  # noqa: E402

ROUNDS = 3


def prepare(db, ref, a, b) -> None:
    steps = [
        ("import", str(a), "--catalog", "bench"),
        ("decide", "--all-undecided", "--keep", "--catalog", "bench"),
        ("approve", "--label", "A", "--catalog", "bench", "--as-of", "2026-12-01"),
        ("import", str(b), "--prune", "--catalog", "bench"),
        ("decide", "--all-undecided", "--keep", "--catalog", "bench"),
        ("approve", "--label", "B", "--catalog", "bench", "--as-of", "2026-12-01"),
    ]
    for step in steps:
        if step[:2] == ("approve", "--label") and step[2] == "B":  # items B changed wait for their own decision
            with Store(db) as store:
                waiting = never_decided(store, store.catalog("bench"))[1]
            if waiting:
                run("decide", itemclean("--db", str(db), "--reference", str(ref), "decide", *waiting, "--keep"))
        r = run(" ".join(step[:1]), itemclean("--db", str(db), "--reference", str(ref), *step))
        print(f"  (prepared: {step[0]} {step[1]} in {r.seconds:.1f} s)")


def best(measure, times: int = ROUNDS):
    """The fastest of a few runs of the same command (the first also warms the page cache)."""
    return min((measure() for _ in range(times)), key=lambda r: r.seconds)


def prepared(db) -> bool:
    """A database of an earlier run holding both versions is used again (delete bench/out/ to rebuild)."""
    if not db.exists():
        return False
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM versions WHERE label IN ('A', 'B')").fetchone()[0] == 2
    except sqlite3.Error:
        return False
    finally:
        con.close()


def bench(n: int) -> None:
    a = english_copy(generated(n))
    b = english_copy(second_version(generated(n)))
    db = OUT / f"bench-diff-{n}.db"
    print(f"\n== {n:,} items, 1% changed, 0.5% added, 0.5% removed ==")
    if not prepared(db):
        prepare(fresh(db), lenient_reference(), a, b)
    csvdiff = shutil.which("csv-diff")
    if csvdiff is None:
        raise SystemExit("csv-diff is not installed (pip install -e '.[bench]')")
    theirs = best(lambda: run("csv-diff A.csv B.csv --key code", [csvdiff, str(a), str(b), "--key", "code"], ok=(0, 1)))
    stored = best(
        lambda: run(
            "itemclean diff bench@A bench@B",
            itemclean(
                "--db", str(db), "diff", "bench@A", "bench@B", "--format", "json", "-o", str(OUT / "diff-stored.json")
            ),
            ok=(1,),
        )
    )
    files = best(
        lambda: run(
            "itemclean diff A.csv B.csv",
            itemclean("diff", str(a), str(b), "--format", "json", "-o", str(OUT / "diff-files.json")),
            ok=(1,),
        )
    )
    for r in (theirs, stored, files):
        print(r.line())
    print(
        f"stored versions: {theirs.seconds / stored.seconds:5.1f}x faster than csv-diff "
        f"(issue 7: at least {'3' if n <= 100_000 else '5'}x)"
    )
    print(
        f"two files:       {theirs.seconds / files.seconds:5.2f}x csv-diff's speed (at least 1x), "
        f"{files.peak_mb / theirs.peak_mb:4.2f} of its peak memory (at most 0.25)"
    )


if __name__ == "__main__":
    for n in [int(x) for x in sys.argv[1:]] or [100_000, 1_000_000]:
        bench(n)
