"""Shared pieces of the benchmarks: generated inputs, and timing a command with its peak memory."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"


@dataclass
class Run:
    label: str
    seconds: float
    peak_mb: float
    returncode: int
    cpu: float = 0.0  # user and system seconds of the command and its children, steadier than wall time
    failed: str = ""  # why the command did not finish as it should (exit status, or stopped at the memory cap)

    def line(self) -> str:
        return f"{self.label:<52} {self.seconds:8.2f} s {self.peak_mb:9.1f} MB peak"


def _tree_rss_kb(pid: int) -> int:
    """The resident memory of a process and all its descendants (a pool's processes), from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):  # gone meanwhile
            continue
    return total


def run(
    label: str,
    cmd: list[str],
    *,
    ok: tuple[int, ...] = (0,),
    env: dict | None = None,
    stdout=subprocess.DEVNULL,
    cap_mb: int | None = None,
    check: bool = True,
) -> Run:
    """Wall time, CPU time and peak RSS of one command with its children (os.wait4 gives the child's own
    rusage, its own children's included; the sum of a pool's processes is sampled). cap_mb limits its
    address space, so that a command that grows without bound fails
    with a memory error instead of taking the machine; with check False a failure is returned, not raised."""

    def limit() -> None:
        if cap_mb:
            resource.setrlimit(resource.RLIMIT_AS, (cap_mb << 20, cap_mb << 20))

    start = time.perf_counter()
    p = subprocess.Popen(
        cmd, stdout=stdout, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, cwd=ROOT, preexec_fn=limit
    )
    err = bytearray()
    drain = threading.Thread(target=lambda: err.extend(p.stderr.read()), daemon=True)
    drain.start()  # a command that writes much to stderr must not block on a full pipe
    # ru_maxrss is the largest single process; a command with a pool holds several at once: their sum,
    # sampled every 20 ms, counts as its peak when larger
    tree, done = [0], threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            tree[0] = max(tree[0], _tree_rss_kb(p.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    drain.join()
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    r = Run(label, seconds, max(usage.ru_maxrss, tree[0]) / 1024, code, usage.ru_utime + usage.ru_stime)
    if code not in ok:
        tail = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
        r.failed = (
            f"exit {code}" + (" (memory cap)" if "MemoryError" in tail[0] or code < 0 else "") + f": {tail[0][:120]}"
        )
        if check:
            sys.stderr.write(err.decode(errors="replace")[-2000:])
            raise SystemExit(f"{label}: exit {code}: {' '.join(cmd)}")
    return r


def generated(n: int, seed: int = 1, *options: str) -> Path:
    """A generated catalogue of n items (more generate.py options after the seed), made once and kept in bench/out/."""
    OUT.mkdir(exist_ok=True)
    path = OUT / ("-".join([f"items-{n}-s{seed}", *(o.lstrip("-") for o in options)]) + ".csv")
    if not path.exists():
        tmp = path.with_suffix(".part")
        subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), "--n", str(n), "--seed", str(seed), *options, "-o", str(tmp)],
            check=True,
        )
        tmp.replace(path)
    return path


def second_version(base: Path, change: float = 0.01, seed: int = 2) -> Path:
    path = base.with_name(base.stem + f"-v2-c{change}.csv")
    if not path.exists():
        tmp = path.with_suffix(".part")
        subprocess.run(
            [
                sys.executable,
                str(BENCH / "generate.py"),
                "--from",
                str(base),
                "--seed",
                str(seed),
                "--change",
                str(change),
                "--add",
                str(change / 2),
                "--remove",
                str(change / 2),
                "-o",
                str(tmp),
            ],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        tmp.replace(path)
    return path


def fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def itemclean(*args: str) -> list[str]:
    return [sys.executable, "-m", "itemclean", *args]


def tool(name: str) -> list[str]:
    """A command installed beside this Python (the bench extra), or else on PATH."""
    here = Path(sys.executable).parent / name
    exe = str(here) if here.exists() else shutil.which(name)
    if exe is None:
        raise SystemExit(f"{name} is not installed (pip install -e '.[bench]')")
    return [exe]


def sqlite_utils() -> list[str]:
    return tool("sqlite-utils")


def english_copy(path: Path) -> Path:
    """The same file with English headers and no BOM, which csv-diff needs for `--key code`."""
    out = path.with_name(path.stem + "-en.csv")
    if not out.exists():
        keys = [
            "code",
            "name",
            "department",
            "category",
            "basis",
            "materials",
            "procedure",
            "statutory_limit",
            "promised_limit",
            "fees",
            "notes",
        ]
        with path.open("rb") as src, out.with_suffix(".part").open("wb") as dst:
            src.readline()
            dst.write((",".join(keys) + "\r\n").encode())
            shutil.copyfileobj(src, dst, 1 << 20)
        out.with_suffix(".part").replace(out)
    return out


def lenient_reference() -> Path:
    """The shipped reference with every rule a warning, so that generated catalogues can be approved."""
    sys.path.insert(0, str(ROOT))
    from itemclean.paths import default_reference
    from itemclean.rules import REGISTRY

    ref = OUT / "reference-lenient"
    ref.mkdir(parents=True, exist_ok=True)
    for f in default_reference().glob("*.toml"):
        if f.name != "policy.toml":
            shutil.copy(f, ref / f.name)
    (ref / "policy.toml").write_text(
        "".join(f'[rules.{rid}]\nseverity = "warning"\n\n' for rid in REGISTRY), encoding="utf-8"
    )
    return ref
