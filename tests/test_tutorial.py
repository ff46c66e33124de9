"""The tutorial's commands, run as its reader types them: every line of its ```sh blocks, in order, in a fresh
directory holding the shipped sample and the docs, with the exit status the tutorial announces."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from itemclean.cli import app
from itemclean.store import Store

TUTORIALS = sorted((ROOT / "docs").glob("*/tutorial.md"))
STATUS = re.compile(r"#.*(?:退出状态|exit status)\s*(\d)")
SCREEN = re.compile(r"<!-- screen: (\w+) -->\n```text\n(.*?)```\n<!-- /screen -->", re.S)


def blocks(page: Path) -> list[tuple[str, list[str]]]:
    """The page's ```sh blocks ("sh", their command lines) and the ```text blocks marked `<!-- output -->`
    ("output", their lines): what the commands print, checked against the last ```sh block before them."""
    out: list[tuple[str, list[str]]] = []
    kind, body, marked = None, [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        fence = line.strip()
        if kind is None and fence.startswith("```"):
            kind = "sh" if fence == "```sh" else "output" if fence == "```text" and marked else "other"
            body, marked = [], False
        elif kind is not None and fence == "```":
            if kind != "other":
                out.append((kind, body))
            kind = None
        elif kind is not None:
            body.append(line)
        elif fence:
            marked = fence == "<!-- output -->"
    return out


def shell_lines(page: Path) -> list[str]:
    """The lines of the page's ```sh blocks, without blank lines and comments."""
    return [x.strip() for kind, body in blocks(page) if kind == "sh" for x in body if x.strip() and x[:1] != "#"]


def run_tutorial(page: Path, workdir: Path, monkeypatch) -> list[tuple[str, int]]:
    """Runs the page's commands in workdir and checks the output it shows; returns (line, exit status) of each."""
    monkeypatch.chdir(workdir)
    env = {"ITEMCLEAN_DB": None, "ITEMCLEAN_REVIEWER": None, "ITEMCLEAN_LANG": None, "ITEMCLEAN_REFERENCE": None}
    env["COLUMNS"] = "200"
    ran, printed = [], ""
    for kind, body in blocks(page):
        if kind == "output":
            # white space aside: a line the terminal's width wrapped is still the line shown
            flat = "".join(printed.split())
            for line in body:
                if "…" not in line and line.strip():
                    assert "".join(line.split()) in flat, f"{page.name}: shown {line!r}, not printed:\n{printed}"
            continue
        printed = ""
        for line in (x.strip() for x in body):
            if not line or line.startswith("#"):
                continue
            words = shlex.split(line, comments=True)
            if words[0] == "export":
                env.update(w.split("=", 1) for w in words[1:])
                continue
            assert words[0] == "itemclean", f"{page.name}: a ```sh line that is not an itemclean command: {line}"
            if words[1:2] == ["review"]:
                continue  # the terminal interface: tests/test_tui_*.py drive it
            m = STATUS.search(line)
            expected = int(m.group(1)) if m else 0
            r = CliRunner().invoke(app, words[1:], env=env)
            if r.exception is not None and not isinstance(r.exception, SystemExit):
                raise r.exception
            assert r.exit_code == expected, f"{page.name}: `{line}` exited {r.exit_code}, not {expected}:\n{r.output}"
            ran.append((line, r.exit_code))
            printed += r.output
    return ran


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A directory like the project's, with the docs and their examples."""
    (tmp_path / "docs").symlink_to(ROOT / "docs")
    return tmp_path


def test_there_is_a_tutorial_in_chinese_and_in_english():
    assert [p.parent.name for p in TUTORIALS] == ["en", "zh"]


@pytest.mark.parametrize("page", TUTORIALS, ids=lambda p: p.parent.name)
def test_the_tutorial_runs_from_import_to_diff(page, workdir, monkeypatch):
    ran = run_tutorial(page, workdir, monkeypatch)
    commands = [shlex.split(line)[1] for line, _ in ran]
    for step in ("sample", "import", "audit", "decide", "edit", "approve", "export", "diff", "verify", "log", "report"):
        assert step in commands, f"the tutorial never runs itemclean {step}"
    assert ("itemclean approve --label 2026 --as-of 2026-12-02", 0) in ran
    with Store(workdir / "linchuan.db") as s:
        cat = s.catalog(None)
        assert cat.name == "临川县"
        [version] = s.versions(cat.id)
        assert (version.label, version.items, version.reviewer) == ("2026", 165, "张三")
    for line, _ in ran:
        words = shlex.split(line, comments=True)
        if "-o" in words:
            out = workdir / words[words.index("-o") + 1]
            assert out.is_file() and out.stat().st_size > 0, f"`{line}` wrote nothing"


def test_a_failing_command_fails_the_tutorial(workdir, tmp_path, monkeypatch):
    page = tmp_path / "tutorial.md"
    page.write_text("```sh\nitemclean audit --as-of 2026-12-02 no-such-file.csv\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="exited 2, not 0"):
        run_tutorial(page, workdir, monkeypatch)


def test_only_itemclean_commands_may_stand_in_a_sh_block(workdir, tmp_path, monkeypatch):
    page = tmp_path / "tutorial.md"
    page.write_text("```sh\nrm -rf catalogs\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="not an itemclean command"):
        run_tutorial(page, workdir, monkeypatch)


@pytest.mark.parametrize("page", TUTORIALS, ids=lambda p: p.parent.name)
def test_the_review_screen_is_shown(page):
    """The captures made by scripts/capture_screens.py stand in the page, one per marker."""
    screens = dict(SCREEN.findall(page.read_text(encoding="utf-8")))
    assert set(screens) == {"main", "filter", "item", "abolish", "approve", "help"}
    assert all("临川县" in screens[name] for name in ("main", "filter", "approve"))
    assert "0101002" in screens["item"] and "basis-repealed" in screens["item"]


def test_the_output_shown_must_be_what_is_printed(workdir, tmp_path, monkeypatch):
    page = tmp_path / "tutorial.md"
    page.write_text(
        "```sh\nitemclean reference check\n```\n\n<!-- output -->\n```text\n  已取消事项 15 项\n```\n",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="已取消事项 15 项"):
        run_tutorial(page, workdir, monkeypatch)
    page.write_text(page.read_text(encoding="utf-8").replace("15", "14"), encoding="utf-8")
    assert run_tutorial(page, workdir, monkeypatch) == [("itemclean reference check", 0)]


def test_every_tutorial_shows_checked_output():
    for page in TUTORIALS:
        assert sum(kind == "output" for kind, _ in blocks(page)) >= 8, page
