"""Where the shipped reference directory and the sample catalogue live (inside the package, so that an
installed copy finds them as well as a checkout does), and where an output file may go."""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import stat
from importlib.resources import files
from pathlib import Path

from .errors import BadInput, Problem
from .messages import t

SAMPLE_NAME = "linchuan-county"


def _shipped(name: str) -> Path:
    return Path(str(files("itemclean").joinpath(name)))


SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
NAME_MAX = 255  # bytes of one file name on every file system itemclean is used on


def default_reference() -> Path:
    env = os.environ.get("ITEMCLEAN_REFERENCE")
    return Path(env) if env else _shipped("catalogs")


def sample_catalogue(suffix: str = ".csv") -> Path:
    """The shipped sample county catalogue (.csv or .xlsx); `itemclean sample` writes it out."""
    return _shipped("samples") / f"{SAMPLE_NAME}{suffix}"


def _refuse(path: Path, message: str) -> BadInput:
    return BadInput(Problem(str(path), None, None, message))


def _head(path: Path, n: int = 16) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(n)
    except OSError as e:
        raise _refuse(path, t("o-unreadable", why=e.strerror))


def is_database_file(path: Path) -> bool:
    """A SQLite database, or the write-ahead log or shared memory of one (`x.db-wal`, `x.db-shm`)."""
    head = _head(path)
    if head.startswith(SQLITE_MAGIC) or head[:4] in WAL_MAGIC:
        return True
    return _beside_database(path)


def _beside_database(path: Path) -> bool:
    for suffix in ("-wal", "-shm", "-journal"):
        if path.name.endswith(suffix):
            main = path.with_name(path.name.removesuffix(suffix))
            if main.is_file() and _head(main).startswith(SQLITE_MAGIC):
                return True
    return False


def output_path(target: str | Path) -> Path:
    """The file `-o` names, checked: a new or existing regular file, never a database (or its -wal/-shm),
    a folder, a device or a pipe. /dev/null is the one device allowed: writing to it changes nothing."""
    path = Path(target)
    if len(os.fsencode(path.name)) > NAME_MAX:
        raise _refuse(path, t("o-long-name", n=NAME_MAX))
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise _refuse(path, t("o-cannot-write", why=e.strerror))
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise _refuse(path, t("o-folder"))
        if not stat.S_ISREG(st.st_mode):
            if os.path.exists(os.devnull) and os.path.samefile(path, os.devnull):
                return path
            raise _refuse(path, t("o-device"))
        if is_database_file(path):
            raise _refuse(path, t("o-database"))
    elif _beside_database(path):
        raise _refuse(path, "is the -wal/-shm file of a database; -o never writes it: choose another file")
    parent = path.parent
    if not parent.is_dir():
        raise _refuse(path, t("o-no-folder", folder=str(parent)))
    return path


def _part_prefix(path: Path) -> str:
    """Hidden name of the partial files of path: `.out.csv.`, or a digest when that would be too long."""
    prefix = f".{path.name}."
    if len(os.fsencode(prefix)) + 16 > NAME_MAX:
        prefix = f".{hashlib.sha256(os.fsencode(path.name)).hexdigest()[:16]}."
    return prefix


def part_file(path: Path) -> Path:
    """The temporary file an output is written to before it is renamed onto path.

    Its name holds the writer's process id; partial files of processes that no longer run (a killed export)
    are removed here, so the next run to the same file cleans up after a killed one.
    """
    prefix = _part_prefix(path)
    base = str(path.parent / prefix)
    for old in glob.glob(glob.escape(base) + "*part"):
        rest = old[len(base) :]
        pid = rest.removesuffix(".part")
        # `.out.csv.part` is the name from before process ids
        if rest == "part" or pid == str(os.getpid()) or (pid.isdigit() and not _running(int(pid))):
            Path(old).unlink(missing_ok=True)
    return path.with_name(f"{prefix}{os.getpid()}.part")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError as e:
        return e.errno == errno.EPERM
    return True
