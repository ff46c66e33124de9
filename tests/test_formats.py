"""The registry of output formats (itemclean/formats): each command's --format choices, help and refusals
come from it, a workbook's cells are text in every kind of output, and a new format is one new module."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import openpyxl
import pytest

from itemclean import formats
from itemclean.formats import COMMANDS, help_text, names

ITEMS = [
    {"code": "0001", "name": "取水许可", "department": "县水利局", "fees": "审图费|100元/件|县政府文件"},
    {"code": "0002", "name": "=1+1", "department": "县林业局"},
]


@pytest.fixture
def loaded(cli, tmp_path):
    src = tmp_path / "c.json"
    src.write_text(json.dumps(ITEMS, ensure_ascii=False), encoding="utf-8")
    assert cli("import", src).exit_code == 0
    assert cli("decide", "0001", "--keep", "--remove-fee", "审图费", "--reason", "=cmd|' /C calc'!A0").exit_code == 0
    assert cli("decide", "0002", "--abolish", "--reason", "@SUM(A1)").exit_code == 0
    return cli


def test_the_registry_holds_every_format_and_what_each_writes():
    assert list(formats.FORMATS) == ["text", "csv", "json", "jsonl", "xlsx", "md", "html", "sarif"]
    assert names("audit") == ["text", "json", "sarif"]
    assert names("diff") == ["text", "csv", "json", "md"]
    assert names("cleanup") == ["json", "xlsx", "md", "html"]
    assert names("catalogue") == names("report") == names("results") == ["csv", "json", "jsonl", "xlsx", "md", "html"]
    assert [f for f in formats.FORMATS if formats.for_machines(f)] == ["json", "jsonl"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_command_s_format_help_lists_the_formats_it_writes(command, lang):
    env = {**os.environ, "ITEMCLEAN_LANG": lang, "COLUMNS": "200"}
    r = subprocess.run([sys.executable, "-m", "itemclean", command, "--help"], capture_output=True, text=True, env=env)
    assert r.returncode == 0
    assert help_text(COMMANDS[command], lang) in " ".join(r.stdout.split())


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--format", "pdf"),
        ("export", "--format", "sarif"),  # a format that writes no catalogue
        ("export", "--what", "results", "--format", "text"),
        ("report", "--format", "csv"),
        ("report", "--format", "pdf"),
        ("audit", "--format", "md"),
        ("diff", "a.csv", "b.csv", "--format", "html"),
    ],
)
def test_a_format_the_command_cannot_write_is_refused_with_exit_2_and_nothing_written(loaded, tmp_path, args):
    out = tmp_path / "out.any"
    r = loaded(*args, "-o", out)
    assert r.exit_code == 2
    command = args[0]
    assert f"--format takes {', '.join(names(*COMMANDS[command]))}; got '{args[-1]}'" in r.output
    assert "Traceback" not in r.output
    assert not out.exists()


def test_the_library_refuses_an_unknown_format_too(loaded):
    from itemclean.errors import BadInput
    from itemclean.exporting import export
    from itemclean.store import Store

    with Store(loaded.db) as store, pytest.raises(BadInput, match="got 'pdf'"):
        export(store, None, fmt="pdf", what="findings")


@pytest.mark.parametrize("args", [("export", "--what", "results"), ("report",)])
def test_workbooks_of_results_and_of_the_report_hold_text_never_formulas(loaded, tmp_path, args):
    out = tmp_path / "o.xlsx"
    assert loaded(*args, "--format", "xlsx", "-o", out).exit_code == 0
    wb = openpyxl.load_workbook(out)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(c.value.startswith(("=", "@")) for c in cells)
    assert {c.data_type for c in cells} == {"s"}


def test_a_report_cell_longer_than_a_workbook_holds_is_refused_naming_the_item(loaded, tmp_path):
    assert loaded("decide", "0001", "--keep", "--reason", "长" * 40_000).exit_code == 0
    out = tmp_path / "o.xlsx"
    r = loaded("export", "--what", "decisions", "--format", "xlsx", "-o", out)
    assert r.exit_code == 2
    assert "32767" in r.output.replace(",", "")
    assert not out.exists()


def test_a_new_format_is_one_module(loaded, tmp_path, monkeypatch):
    """A module in the package with NAME, ORDER and a function per kind: the registry, the command line's
    choices and export all take it, with nothing else touched."""
    (tmp_path / "tsv.py").write_text(
        "NAME, ORDER = 'tsv', 9\n\n"
        "def report(job):\n"
        "    with open(job.target, 'w', encoding='utf-8') as f:\n"
        "        f.writelines('\\t'.join(map(str, r)) + '\\n' for r in [job.heads, *job.shown])\n"
        "    return len(job.rows)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(formats, "__path__", [*formats.__path__, str(tmp_path)])
    monkeypatch.setattr(formats, "FORMATS", formats._discover())
    monkeypatch.delitem(sys.modules, "itemclean.formats.tsv", raising=False)
    assert names("report")[-1] == "tsv" and "tsv" not in names("catalogue") and not formats.for_machines("tsv")
    out = tmp_path / "d.tsv"
    r = loaded("export", "--what", "decisions", "--format", "tsv", "-o", out)
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").splitlines()[0].split("\t")[:2] == ["id", "code"]
    assert loaded("export", "--format", "tsv").exit_code == 2  # it writes no catalogue
