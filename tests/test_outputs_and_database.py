"""`-o` never replaces a database, a folder, a device or a pipe; a database is opened without harm.

A foreign or newer database is refused without a byte written; read commands work on a read-only
database; a held lock, a read-only file and a damaged file are messages with exit 2, not tracebacks.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import header_line

from itemclean import store as store_module
from itemclean.model import FIELDS
from itemclean.store import Store

CSV = (
    header_line([k for k in FIELDS[:10] if k != "category"])
    + "0001,取水许可,县水利局,《中华人民共和国水法》第七条,申请书,受理、决定,20个工作日,10个工作日,无\r\n"
    "0002,林木采伐许可,县林业局,《中华人民共和国森林法》第五十六条,申请书,受理、决定,20个工作日,8个工作日,无\r\n"
)


@pytest.fixture
def loaded(cli, tmp_path):
    src = tmp_path / "c.csv"
    src.write_text(CSV, encoding="utf-8")
    assert cli("import", src).exit_code == 0
    return cli


def digest(*paths: Path) -> list[str | None]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None for p in paths]


OUTPUT_COMMANDS = [
    ("export", "--draft"),
    ("export", "--draft", "-f", "xlsx"),
    ("export", "--draft", "-f", "md"),
    ("export", "--what", "decisions"),
    ("export", "--what", "decisions", "-f", "xlsx"),
    ("audit",),
    ("audit", "-f", "json"),
    ("diff", "c", "c"),
    ("diff", "c", "c", "-f", "csv"),
]


@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_output_never_replaces_the_database_or_its_wal_and_shm(loaded, command, suffix):
    holder = sqlite3.connect(loaded.db)  # an open reader keeps the -wal and -shm files in place
    holder.execute("SELECT count(*) FROM items").fetchone()
    files = [loaded.db, Path(f"{loaded.db}-wal"), Path(f"{loaded.db}-shm")]
    assert all(p.exists() for p in files)
    before = digest(*files[:2])
    r = loaded(*command, "-o", f"{loaded.db}{suffix}")
    assert r.exit_code == 2, r.output
    assert "-o never" in r.output and str(loaded.db) in r.output
    assert digest(*files[:2]) == before
    holder.close()
    with Store(loaded.db) as s:
        assert s.codes(s.catalog(None).id) == ["0001", "0002"]


def test_output_refuses_a_database_by_its_content_whatever_its_name(loaded, tmp_path):
    other = tmp_path / "archive.csv"
    shutil.copy(loaded.db, other)
    before = digest(other)
    r = loaded("export", "--draft", "-o", other)
    assert r.exit_code == 2 and "is a database" in r.output
    assert digest(other) == before


def test_output_refuses_the_wal_file_of_a_database_not_open_now(loaded):
    wal = Path(f"{loaded.db}-wal")
    assert not wal.exists()
    r = loaded("export", "--draft", "-o", wal)
    assert r.exit_code == 2 and "-wal/-shm" in r.output
    assert not wal.exists()


@pytest.mark.parametrize("command", OUTPUT_COMMANDS[:1] + OUTPUT_COMMANDS[3:4] + OUTPUT_COMMANDS[5:], ids=" ".join)
def test_output_refuses_a_folder(loaded, tmp_path, command):
    folder = tmp_path / "out"
    folder.mkdir()
    r = loaded(*command, "-o", folder)
    assert r.exit_code == 2 and "is a folder" in r.output
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_output_refuses_a_missing_folder(loaded, tmp_path):
    r = loaded("export", "--draft", "-o", tmp_path / "nowhere" / "out.csv")
    assert r.exit_code == 2 and "no such folder" in r.output
    assert not (tmp_path / "nowhere").exists()


def test_output_refuses_a_fifo(loaded, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = loaded("export", "--draft", "-o", fifo)  # writing would block for ever with nobody reading
    assert r.exit_code == 2 and "device or a pipe" in r.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_output_refuses_a_device_but_standard_output_and_dev_null_work(loaded):
    r = loaded("export", "--draft", "-o", "/dev/zero")
    assert r.exit_code == 2 and "device or a pipe" in r.output
    assert loaded("export", "--draft", "-o", os.devnull).exit_code == 0
    r = loaded("export", "--draft", "-o", "-")
    assert r.exit_code == 0 and "取水许可" in r.stdout


def test_output_name_longer_than_255_bytes_is_refused(loaded, tmp_path):
    r = loaded("export", "--draft", "-o", tmp_path / ("长" * 90 + ".csv"))
    assert r.exit_code == 2 and "longer than 255 bytes" in r.output


def test_partial_files_of_a_killed_run_are_removed_by_the_next(loaded, tmp_path):
    target = tmp_path / "out.csv"
    dead = 2**22 + 7  # above Linux's largest process id: no process runs with it
    stale = [tmp_path / f".out.csv.{dead}.part", tmp_path / ".out.csv.part"]
    for p in stale:
        p.write_text("half an export")
    kept = tmp_path / f".out.csv.{os.getppid()}.part"  # a run still going (the parent process runs)
    kept.write_text("in progress")
    assert loaded("export", "--draft", "-o", target).exit_code == 0
    assert "取水许可" in target.read_text(encoding="utf-8-sig")
    assert not any(p.exists() for p in stale) and kept.exists()
    assert sorted(p.name for p in tmp_path.glob(".out.csv*")) == [kept.name]


def test_output_replaces_a_file_whole_and_leaves_no_partial_file(loaded, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    assert loaded("export", "--draft", "-f", "json", "-o", target).exit_code == 0
    assert target.read_text().startswith("[") and list(tmp_path.glob(".*.part")) == []


# --- opening a database --------------------------------------------------------------------------


def test_foreign_sqlite_file_is_refused_without_a_byte_written(cli):
    conn = sqlite3.connect(cli.db)
    conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    before = digest(cli.db)
    for command in (("versions",), ("catalogs",), ("import", str(Path(__file__))), ("decide", "x", "--keep")):
        r = cli(*command)
        assert r.exit_code == 2, command
        assert "another program" in r.output and "orders" in r.output
        assert digest(cli.db) == before
    assert sorted(os.listdir(cli.db.parent)) == [cli.db.name]


def test_newer_schema_is_refused_without_a_byte_written(loaded):
    conn = sqlite3.connect(loaded.db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = digest(loaded.db)
    for command in (("versions",), ("verify",), ("decide", "0001", "--keep")):
        r = loaded(*command)
        assert r.exit_code == 2 and "newer itemclean" in r.output and "99" in r.output
    assert digest(loaded.db) == before


def test_damaged_database_is_a_message(loaded, tmp_path):
    data = loaded.db.read_bytes()
    loaded.db.write_bytes(data[:4096] + bytes(range(256)) * 32 + data[4096 + 8192 :])
    for command in (("versions",), ("export", "--draft"), ("log",)):
        r = loaded(*command)
        assert r.exit_code == 2, r.output
        assert str(loaded.db) in r.output and "Traceback" not in r.output


def test_a_lock_held_too_long_is_a_message(loaded, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(loaded.db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        r = loaded("decide", "0001", "--keep")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.exit_code == 2 and "busy" in r.output and "try again" in r.output


def test_reviewer_is_never_read_as_markup(loaded):
    r = loaded("decide", "0001", "--keep", reviewer="[bold]x[/bold]")
    assert r.exit_code == 0 and "by [bold]x[/bold]" in r.stdout


# --- a read-only database: run as a user without write access --------------------------------------


PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)
ENV = {**os.environ, "ITEMCLEAN_LANG": "en", "COLUMNS": "200", "PYTHONPATH": PACKAGE_ROOT}


def _as_reader() -> list[str] | None:
    """How to run a command without the right to write the test's files (root ignores file modes);
    None where that user cannot run itemclean at all (its Python lives in a folder only root reads)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import itemclean.cli"], capture_output=True, env=ENV)
    return prefix if probe.returncode == 0 else None


@pytest.fixture
def read_only_db(loaded):
    folder = Path(tempfile.mkdtemp(prefix="itemclean-ro-"))
    db = folder / "archive.db"
    shutil.copy(loaded.db, db)
    db.chmod(0o444)
    folder.chmod(0o555)
    yield db
    folder.chmod(0o755)
    shutil.rmtree(folder)


READ_COMMANDS = [
    ("verify",),
    ("versions",),
    ("log",),
    ("catalogs",),
    ("show", "0001"),
    ("export", "--draft", "-f", "json"),
    ("export", "--what", "decisions"),
    ("diff", "c", "c"),
    ("audit", "--as-of", "2026-01-01"),
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_read_commands_work_on_a_read_only_database(read_only_db, command):
    prefix = _as_reader()
    if prefix is None:
        pytest.skip("root without a user that can run itemclean: cannot take away the right to write")
    r = subprocess.run(
        [*prefix, sys.executable, "-m", "itemclean", "--db", str(read_only_db), "--catalog", "c", *command],
        capture_output=True,
        text=True,
        cwd=read_only_db.parent,
        env=ENV,
        timeout=60,
    )
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr
    assert os.listdir(read_only_db.parent) == [read_only_db.name]


def test_a_write_command_on_a_read_only_database_says_so(read_only_db):
    prefix = _as_reader()
    if prefix is None:
        pytest.skip("root without a user that can run itemclean: cannot take away the right to write")
    r = subprocess.run(
        [*prefix, sys.executable, "-m", "itemclean", "--db", str(read_only_db), "decide", "0001", "--keep"],
        capture_output=True,
        text=True,
        cwd=read_only_db.parent,
        env={**ENV, "ITEMCLEAN_LANG": "en"},
        timeout=60,
    )
    assert r.returncode == 2 and "read-only" in r.stderr and "Traceback" not in r.stderr
