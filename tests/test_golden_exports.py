"""Every output of every command, for the shipped sample and a generated catalogue, in Chinese and English,
is the same bytes as recorded in tests/data/golden_exports.json (SHA-256 of each file).

The clock is fixed (decisions, import and approval times) and every audit date is given, so each output is
a function of its inputs. What stays time-dependent is normalised before hashing, and only that, in every
output but an approved version's catalogue (whose bytes are fixed whole): a workbook carries the time it
was written in docProps/core.xml, so it is hashed entry by entry with those two times masked; and the day
of writing (the cleanup report's, a draft page's 生成于, a feedback sheet's) is replaced by DAY.

Recording again (only when an output is meant to change): ITEMCLEAN_GOLDEN_WRITE=1 pytest this file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import Cli

from itemclean.paths import default_reference, sample_catalogue
from itemclean.rules import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden_exports.json"
AS_OF = ("--as-of", "2026-12-01")
CLOCK = "2026-12-01T09:30:00+08:00"
TABLES = ("csv", "json", "jsonl", "xlsx", "md", "html")
REPORTS = ("removed-fees", "findings", "decisions")


@pytest.fixture
def fixed_clock(monkeypatch):
    """Every `now()` the workflow stamps a decision, an import or an approval with gives CLOCK."""
    from itemclean import feedback, importing, review, store, versions  # every module stamping times

    for module in (feedback, importing, review, store, versions):
        monkeypatch.setattr(module, "now", lambda: CLOCK)
    assert review.now() == versions.now() == importing.now() == feedback.now() == CLOCK


def lenient_reference(tmp: Path) -> Path:
    """The shipped reference with every rule a warning, so that both catalogues can be approved."""
    ref = tmp / "reference"
    shutil.copytree(default_reference(), ref, ignore=shutil.ignore_patterns("samples", "policy.toml"))
    (ref / "policy.toml").write_text(
        "".join(f'[rules.{rid}]\nseverity = "warning"\n\n' for rid in REGISTRY), encoding="utf-8"
    )
    return ref


class RefCli(Cli):
    """The command line with the lenient reference."""

    def __init__(self, db: Path, ref: Path, lang: str):
        super().__init__(db, lang=lang)
        self.ref = ref

    def __call__(self, *args, **kw):
        return super().__call__("--reference", self.ref, *args, **kw)


def source(kind: str, tmp: Path) -> Path:
    if kind == "sample":
        return sample_catalogue()
    out = tmp / "generated.csv"
    script = ROOT / "bench" / "generate.py"
    subprocess.run([sys.executable, str(script), "--n", "300", "--seed", "11", "-o", str(out)], check=True)
    return out


def digest(name: str, data: bytes) -> str:
    if name.startswith("catalogue-v1"):  # an approved version's: its bytes, forever
        return hashlib.sha256(data).hexdigest()
    today = dt.date.today().isoformat().encode()
    if name.endswith(".xlsx"):
        h = hashlib.sha256()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                body = z.read(info).replace(today, b"DAY")
                if info.filename == "docProps/core.xml":
                    body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rb"\1T\3", body)
                h.update(info.filename.encode() + b"\0" + hashlib.sha256(body).digest())
        return "xlsx:" + h.hexdigest()
    return hashlib.sha256(data.replace(today, b"DAY")).hexdigest()


def prepare(cli: Cli, sheet: Path) -> None:
    """Import, a decision of each kind, everything else kept, approved as V1; the draft then moves on."""
    assert cli("import", sheet, "--catalog", "c").exit_code == 0
    cli("audit", *AS_OF, "--format", "json", "-o", os.devnull)
    items = json.loads(cli("export", "--draft", "--format", "json").stdout)
    codes = [i["code"] for i in items]
    with_fee = next(i for i in items if i["fees"])
    decisions = [
        ("decide", codes[0], "--abolish", "--reason", "无设定依据"),
        ("decide", codes[1], "--merge-into", codes[2], "--reason", "合并"),
        ("edit", codes[3], "--set", "promised_limit=3个工作日", "--reason", "压缩时限"),
        ("decide", with_fee["code"], "--remove-fee", with_fee["fees"][0]["name"], "--reason", "自定收费"),
        ("decide", "--all-undecided", "--keep"),
    ]
    for args in decisions:
        r = cli(*args)
        assert r.exit_code == 0, r.output
    r = cli("approve", "--label", "V1", *AS_OF)
    assert r.exit_code == 0, r.output
    # the draft after approval: one more decision, so that draft and version differ
    assert cli("decide", codes[4], "--abolish", "--reason", "改革取消").exit_code == 0


def outputs() -> dict[str, tuple[str, ...]]:
    """file name → the command line writing it (with -o that file)."""
    runs: dict[str, tuple[str, ...]] = {}
    for fmt in TABLES:
        runs[f"catalogue-v1.{fmt}"] = ("export", "--version", "V1", "--format", fmt)
        runs[f"catalogue-draft.{fmt}"] = ("export", "--draft", "--format", fmt)
        for what in REPORTS:
            runs[f"{what}.{fmt}"] = ("export", "--what", what, "--version", "V1", "--format", fmt)
        runs[f"results-v1.{fmt}"] = ("export", "--what", "results", "--version", "V1", "--format", fmt)
        runs[f"results-draft.{fmt}"] = ("export", "--what", "results", "--draft", "--format", fmt)
    runs["catalogue-v1-en-headers.csv"] = ("export", "--version", "V1", "--headers", "en")
    runs["catalogue-v1-zh-headers.xlsx"] = ("export", "--version", "V1", "--headers", "zh", "--format", "xlsx")
    runs["catalogue-v1-unguarded.csv"] = ("export", "--version", "V1", "--no-guard-formulas")
    runs["catalogue-v1-gb18030.csv"] = ("export", "--version", "V1", "--encoding", "gb18030")
    runs["catalogue-v1-titled.html"] = ("export", "--version", "V1", "--format", "html", "--title", "公布目录")
    runs["findings-utf8.csv"] = ("export", "--what", "findings", "--encoding", "utf-8")
    runs["feedback.xlsx"] = ("export", "--what", "feedback")
    for fmt in ("md", "html", "json", "xlsx"):
        runs[f"report-v1.{fmt}"] = ("report", "--version", "V1", "--format", fmt)
    for fmt in ("json", "sarif", "text"):
        runs[f"audit.{fmt}"] = ("audit", *AS_OF, "--format", fmt)
    for fmt in ("json", "md", "csv", "text"):
        runs[f"diff-v1-draft.{fmt}"] = ("diff", "c@V1", "c", "--format", fmt)
        runs[f"diff-v1-draft-raw.{fmt}"] = ("diff", "c@V1", "c", "--raw", "--format", fmt)
    return runs


@pytest.mark.parametrize("kind", ["sample", "generated"])
def test_every_output_is_the_recorded_bytes(kind, tmp_path, fixed_clock):
    ref = lenient_reference(tmp_path)
    db = tmp_path / "t.db"
    prepare(RefCli(db, ref, "zh"), source(kind, tmp_path))
    got: dict[str, str] = {}
    for lang in ("zh", "en"):
        cli = RefCli(db, ref, lang)
        out = tmp_path / lang
        out.mkdir()
        for name, args in outputs().items():
            r = cli(*args, "-o", out / name)
            assert r.exit_code in (0, 1), (name, r.output)
            got[f"{kind}/{lang}/{name}"] = digest(name, (out / name).read_bytes())
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}
    if os.environ.get("ITEMCLEAN_GOLDEN_WRITE"):
        recorded = {k: v for k, v in recorded.items() if not k.startswith(kind + "/")} | got
        GOLDEN.write_text(json.dumps(dict(sorted(recorded.items())), indent=1) + "\n", encoding="utf-8")
    mine = {k: v for k, v in recorded.items() if k.startswith(kind + "/")}
    assert got == mine
