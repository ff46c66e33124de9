"""Kill -9 at random moments of import, decide --from, approve and export, and check that each run left the
database exactly as it was before or as it is after, and no partial output file.

    python3 bench/fault_runs.py [--items 50000] [--runs 20] [--seed 1]

Each kind of run starts from a copy of one prepared database; the command is killed at a random moment
between its start and the time a whole run takes, then the database is checked: SQLite's integrity
check, `itemclean verify`, and the state the command writes (items, log entries, versions, the output
file) equal to the state before it or to the state after an unkilled run. Prints one line per kind and
exits 1 when any run left something in between.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from common import OUT, ROOT

from itemclean.paths import default_reference

ITEMCLEAN = [sys.executable, "-m", "itemclean"]


def itemclean(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    r = subprocess.run([*ITEMCLEAN, "--db", str(db), "--reviewer", "fault", *args], capture_output=True, cwd=ROOT)
    if check and r.returncode not in (0, 1):
        raise SystemExit(f"itemclean {' '.join(args)} failed: {r.stderr.decode(errors='replace')[-500:]}")
    return r


def state(db: Path, out: Path | None) -> tuple:
    """What the runs write, in a form to compare: the items, the log, the versions, the output file (a
    version's export carries its approval time, not the time of the export: the same bytes every run)."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        digest = hashlib.sha256()
        for code, h in con.execute("SELECT code, hash FROM items ORDER BY code"):
            digest.update(f"{code}\t{h}\n".encode())
        items = digest.hexdigest()
        # entries and versions carry the time they were written: compared by what they hold, not their hash
        log = con.execute("SELECT count(*), group_concat(code || action, ',') FROM decisions").fetchone()
        versions = con.execute("SELECT count(*), group_concat(label || ':' || items, ',') FROM versions").fetchone()
    finally:
        con.close()
    output = None
    if out is not None:
        output = hashlib.sha256(out.read_bytes()).hexdigest() if out.exists() else "absent"
    return items, log, versions, output


def kill_at(cmd: list[str], seconds: float) -> bool:
    """Run cmd and kill it with SIGKILL after `seconds`; True when it was killed before it ended."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        p.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
        return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    work = OUT / "faults"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    first, second = work / "a.csv", work / "b.csv"
    gen = [sys.executable, str(ROOT / "bench" / "generate.py")]
    subprocess.run([*gen, "--n", str(a.items), "-o", str(first)], check=True)
    subprocess.run([*gen, "--from", str(first), "--change", "0.05", "--seed", "2", "-o", str(second)], check=True)
    ref = work / "ref"  # every rule a warning, so that a generated catalogue can be approved
    shutil.copytree(default_reference(), ref)
    rules = subprocess.run([*ITEMCLEAN, "rules", "--format", "json"], capture_output=True, check=True, cwd=ROOT)
    ids = [r["rule"] for r in json.loads(rules.stdout)]
    (ref / "policy.toml").write_text("".join(f'[rules.{i}]\nseverity = "warning"\n\n' for i in ids), encoding="utf-8")
    base = work / "base.db"
    itemclean(base, "import", str(first))
    with sqlite3.connect(base) as con:
        codes = [r[0] for r in con.execute("SELECT code FROM items ORDER BY position")]
    plan = work / "plan.csv"
    plan.write_text("code,decision,reason\n" + "".join(f"{c},keep,\n" for c in codes[: a.items // 2]), encoding="utf-8")
    approved = work / "approved.db"  # every item decided: what approve starts from
    shutil.copy(base, approved)
    itemclean(approved, "--reference", str(ref), "decide", "--all-undecided", "--keep")
    exported = work / "exported.db"
    shutil.copy(approved, exported)
    itemclean(exported, "--reference", str(ref), "approve", "--label", "v1")

    kinds = {
        "import": (base, ["import", str(second)], None),
        "decide --from": (base, ["decide", "--from", str(plan)], None),
        "approve": (approved, ["--reference", str(ref), "approve", "--label", "v2"], None),
        "export": (exported, ["export", "--version", "v1", "--format", "xlsx", "-o", "OUT"], "out.xlsx"),
    }
    failed = 0
    for kind, (start, args, out_name) in kinds.items():
        trial = work / "trial.db"
        out = work / out_name if out_name else None
        args = [str(out) if x == "OUT" else x for x in args]
        shutil.copy(start, trial)
        before = state(trial, out)
        t0 = time.perf_counter()
        itemclean(trial, *args)
        whole = time.perf_counter() - t0
        after = state(trial, out)
        killed = partial = as_before = as_after = 0
        for _ in range(a.runs):
            shutil.copy(start, trial)
            for suffix in ("-wal", "-shm"):
                Path(f"{trial}{suffix}").unlink(missing_ok=True)
            if out is not None:
                out.unlink(missing_ok=True)
            killed += kill_at([*ITEMCLEAN, "--db", str(trial), "--reviewer", "fault", *args], rnd.uniform(0.05, whole))
            got = state(trial, out)
            bad = got not in (before, after)
            as_before += got == before
            as_after += got == after
            if out is not None:  # a killed export may leave a part file: the next run to the file clears it
                itemclean(trial, *args)
                bad |= state(trial, out) != after
                bad |= any(p.name.startswith(f".{out.name}.") for p in work.iterdir())
            if bad:
                partial += 1
        verify = itemclean(trial, "verify", check=False).returncode
        failed += partial + (verify != 0)
        print(
            f"{kind:<14} {a.runs} runs, {killed} killed (a whole run {whole:.1f} s): {as_before} as before, "
            f"{as_after} as after, {partial} in between; verify {'ok' if verify == 0 else 'FAILED'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
