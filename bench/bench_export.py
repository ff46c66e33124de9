"""Peak memory and time of `itemclean export` in every format, of the catalogue and of each report, at N items.

    python bench/bench_export.py              # 100,000 items
    python bench/bench_export.py 1000000

The catalogue is generated, imported, kept whole and approved as version A (every rule a warning, as in
bench_all.py); then each export runs in a process of its own and its peak RSS is printed.
"""

from __future__ import annotations

import sys

from bench_all import AS_OF, keep_everything
from common import OUT, fresh, generated, itemclean, lenient_reference, run

CATALOGUE = ("csv", "json", "jsonl", "xlsx", "md", "html")
REPORTS = {
    "removed-fees": ("csv", "json", "jsonl", "xlsx", "md", "html"),
    "findings": ("csv", "json", "jsonl", "xlsx", "md", "html"),
    "decisions": ("csv", "json", "jsonl", "xlsx", "md", "html"),
    "results": ("csv", "json", "jsonl", "xlsx", "md", "html"),
}


def bench(n: int, only: list[str]) -> None:
    ref = lenient_reference()
    db = OUT / f"bench-export-{n}.db"
    cli = ["--db", str(db), "--reference", str(ref)]
    if not db.exists():
        fresh(db)
        run("import", itemclean(*cli, "import", str(generated(n)), "--catalog", "bench"))
        run("audit", itemclean(*cli, "audit", *AS_OF, "--format", "json", "-o", "/dev/null"), ok=(0, 1))
        keep_everything(db, ref)
        run("approve", itemclean(*cli, "approve", "--label", "A", *AS_OF))
    print(f"\n== export at {n:,} items ==")
    jobs = [("catalogue", f, ["--version", "A"]) for f in CATALOGUE]
    jobs += [("catalogue", f, ["--draft"]) for f in CATALOGUE]
    jobs += [(what, f, ["--version", "A"]) for what, fmts in REPORTS.items() for f in fmts]
    for what, fmt, extra in jobs:
        label = f"{what} {' '.join(extra)} --format {fmt}"
        if only and not any(o in label for o in only):
            continue
        target = OUT / f"export-{n}.{fmt}"
        r = run(label, itemclean(*cli, "export", "--what", what, "--format", fmt, *extra, "-o", str(target)))
        print(r.line(), flush=True)
        target.unlink(missing_ok=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    sizes = [int(a) for a in args if a.isdigit()] or [100_000]
    for n in sizes:
        bench(n, [a for a in args if not a.isdigit()])
