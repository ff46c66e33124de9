"""The audit of a generated catalogue whose repeated names gather in large groups.

    python bench/bench_audit.py            # 100,000 items, 10% of them in 10 groups of one name
    python bench/bench_audit.py 20000      # another size

Prints the best of three runs (by CPU time, user and system) of `itemclean audit FILE --format json`
with every rule, and with item-duplicate-name alone, and the time of that rule's own work in this
process (its check and its findings), so that the cost of a group of k items with one name shows.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
import time

from common import OUT, ROOT, generated, itemclean, run

GROUPS = ("--repeat-names", "0.1", "--repeat-from", "10")


def best(label: str, args: list[str]) -> str:
    r = min((run(label, itemclean(*args), ok=(0, 1)) for _ in range(3)), key=lambda r: r.cpu)
    return f"{r.line()} {r.cpu:8.2f} s CPU"


def bench(n: int) -> None:
    src = generated(n, 1, *GROUPS)
    print(f"\n== {n:,} items, names repeated in groups ({' '.join(GROUPS)}), best of 3 ==")
    common = ["audit", str(src), "--format", "json", "--as-of", "2026-12-01", "-o", str(OUT / "audit-groups.json")]
    print(best("itemclean audit FILE --format json", common))
    print(best("  the same, --rule item-duplicate-name", [*common, "--rule", "item-duplicate-name"]))
    print(f"  item-duplicate-name alone, in process: {rule_seconds(src):8.2f} s")
    print(f"  JSON written: {(OUT / 'audit-groups.json').stat().st_size / 1e6:.1f} MB (the last run's)")


def rule_seconds(src) -> float:
    """item-duplicate-name's check and its findings, on the (code, normalised name) the audit gives it."""
    sys.path.insert(0, str(ROOT))
    from itemclean.normalize import norm_name
    from itemclean.paths import default_reference
    from itemclean.rules import REGISTRY, Context, load_reference

    with src.open(encoding="utf-8-sig", newline="") as f:
        names = [(r[0], norm_name(r[1])) for r in list(csv.reader(f))[1:]]
    ctx = Context(reference=load_reference(default_reference()), as_of=dt.date(2026, 12, 1))
    rule = REGISTRY["item-duplicate-name"]
    times = []
    for _ in range(3):
        start = time.perf_counter()
        found = [rule.finding(code, hit, rule.severity, ctx.lang) for code, hit in rule.check(names, ctx, rule)]
        times.append(time.perf_counter() - start)
    print(f"  item-duplicate-name: {len(found):,} findings")
    return min(times)


if __name__ == "__main__":
    for n in [int(x) for x in sys.argv[1:]] or [100_000]:
        bench(n)
