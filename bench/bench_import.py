"""Import and audit of generated catalogues, timed in the same run as `sqlite-utils insert --csv`.

    python bench/bench_import.py            # 10,000 and 100,000 items
    python bench/bench_import.py 100000     # one size

Prints, per size: itemclean import, itemclean audit (of the file and of the draft), and sqlite-utils
insert of the same file, with peak memory, and the ratios the issues ask for.
"""

from __future__ import annotations

import sys

from common import OUT, fresh, generated, itemclean, run, sqlite_utils


def bench(n: int) -> None:
    src = generated(n)
    db, su = fresh(OUT / f"bench-import-{n}.db"), fresh(OUT / f"bench-su-{n}.db")
    print(f"\n== {n:,} items ({src.stat().st_size / 1e6:.1f} MB CSV) ==")
    ins = run("sqlite-utils insert --csv", sqlite_utils() + ["insert", str(su), "items", str(src), "--csv"])
    imp = run("itemclean import", itemclean("--db", str(db), "import", str(src)))
    again = run("itemclean import (same file again)", itemclean("--db", str(db), "import", str(src)))
    aud_file = run(
        "itemclean audit FILE --format json",
        itemclean("audit", str(src), "--format", "json", "--as-of", "2026-12-01", "-o", str(OUT / "audit.json")),
        ok=(0, 1),
    )
    aud_db = run(
        "itemclean audit (draft) --format json",
        itemclean(
            "--db", str(db), "audit", "--format", "json", "--as-of", "2026-12-01", "-o", str(OUT / "audit-db.json")
        ),
        ok=(0, 1),
    )
    for r in (ins, imp, again, aud_file, aud_db):
        print(r.line())
    print(f"import / sqlite-utils insert:       {imp.seconds / ins.seconds:5.2f}x  (issue 2: at most 2x)")
    print(f"audit FILE / sqlite-utils insert:   {aud_file.seconds / ins.seconds:5.2f}x  (issue 3: at most 1x)")
    print(f"audit draft / sqlite-utils insert:  {aud_db.seconds / ins.seconds:5.2f}x")
    fresh(db)
    fresh(su)


if __name__ == "__main__":
    sizes = [int(x) for x in sys.argv[1:]] or [10_000, 100_000]
    for n in sizes:
        bench(n)
