"""Machine formats do not change with the language (CLI.md): every JSON and JSONL output, run with --lang zh
and with --lang en on the same database, has the same keys in the same places and the same values, except the
few texts written for people, named here; and a yes/no is a JSON boolean everywhere."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator

import pytest
from conftest import SAMPLE, Cli

AS_OF = "2026-12-02"
CJK = re.compile(r"[\u3400-\u9fff]")
YES_NO = {"yes", "no", "true", "false", "y", "n", "是", "否"}

# The outputs, each with the paths of its values that are written for people and so follow the language.
FINDING_TEXTS = {".findings[].message", ".findings[].suggestion"}
OUTPUTS: dict[str, tuple[tuple[str, ...], int, set[str]]] = {
    "audit json": (("audit", "--as-of", AS_OF, "--format", "json"), 0, FINDING_TEXTS),
    "audit sarif": (
        ("audit", "--as-of", AS_OF, "--format", "sarif"),
        0,
        {
            ".runs[].results[].message.text",
            ".runs[].results[].properties.suggestion",
        },
    ),
    "audit a file": (("audit", SAMPLE, "--as-of", AS_OF, "--format", "json"), 1, FINDING_TEXTS),
    "diff json": (("diff", SAMPLE, "linchuan-county", "--format", "json"), 1, set()),
    "diff of a version": (("diff", "linchuan-county@2026", "linchuan-county", "--format", "json"), 1, set()),
    "log json": (("log", "--format", "json"), 0, set()),
    "versions json": (("versions", "--format", "json"), 0, set()),
    "catalogs json": (("catalogs", "--format", "json"), 0, set()),
    "rules json": (("rules", "--format", "json"), 0, {"[].suggestion", "[].explanation"}),
    "show json": (("show", "0101001", "--format", "json"), 0, set()),
    "report json": (("report", "--format", "json"), 0, {".summary"}),
    "a refusal as json": (("show", "NO-SUCH", "--format", "json"), 2, {".problems[].message"}),
}
for what in ("catalogue", "removed-fees", "findings", "decisions", "results"):
    for fmt in ("json", "jsonl"):
        texts = {"[].outcome"} if what == "results" else set()
        OUTPUTS[f"export {what} {fmt}"] = (("export", "--what", what, "--format", fmt), 0, texts)
        OUTPUTS[f"export {what} {fmt} of the version"] = (
            ("export", "--what", what, "--version", "2026", "--format", fmt),
            0,
            texts,
        )


@pytest.fixture(scope="module")
def decided(tmp_path_factory):
    """The sample imported, audited, decided (abolish, merge, amend, a fee removed, the rest kept), approved,
    and then an item's name changed in the draft."""
    tmp = tmp_path_factory.mktemp("machine")
    cli = Cli(tmp / "t.db")
    assert cli("import", SAMPLE).exit_code == 0
    findings = json.loads(cli("audit", "--as-of", AS_OF, "--format", "json").stdout)["findings"]
    errors = sorted({f["code"] for f in findings if f["severity"] == "error"})
    plan = tmp / "plan.csv"
    with plan.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["code", "decision", "reason"], *([c, "abolish", "无合法依据"] for c in errors)])
    assert cli("decide", "--from", plan).exit_code == 0
    assert cli("decide", "0101001", "--merge-into", "0101003", "--reason", "同一事项").exit_code == 0
    assert cli("edit", "0101004", "--set", "promised_limit=5").exit_code == 0
    assert cli("decide", "--all-undecided", "--keep").exit_code == 0
    assert cli("approve", "--label", "2026", "--as-of", AS_OF).exit_code == 0, cli("approve").output
    assert cli("edit", "0101005", "--set", "name=改过的名称").exit_code == 0
    return cli, tmp


def run(cli: Cli, args: tuple[str, ...], lang: str, status: int | None, monkeypatch) -> object:
    cli.lang = lang
    r = cli(*args)
    assert status is None or r.exit_code == status, (lang, args, r.output)
    if "jsonl" in args:
        return [json.loads(line) for line in r.stdout.splitlines()]
    return json.loads(r.stdout)


def leaves(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every value in a JSON document with its path (`.key`, `[]` for a list's entries), keys in order."""
    if isinstance(value, dict):
        yield path, "{" + ",".join(value) + "}"
        for k, v in value.items():
            yield from leaves(v, f"{path}.{k}")
    elif isinstance(value, list):
        yield path, f"[{len(value)}]"
        for v in value:
            yield from leaves(v, f"{path}[]")
    else:
        yield path, value


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_a_json_output_is_the_same_in_chinese_and_english_but_for_its_texts(decided, name, monkeypatch):
    cli, tmp = decided
    monkeypatch.chdir(tmp)
    args, status, texts = OUTPUTS[name]
    zh, en = (list(leaves(run(cli, args, lang, status, monkeypatch))) for lang in ("zh", "en"))
    assert [p for p, _ in zh] == [p for p, _ in en]  # the same keys, in the same order, the same lengths
    assert len(zh) > 3, zh
    differ = {p for (p, a), (_, b) in zip(zh, en) if a != b}
    assert differ <= texts, f"values that change with the language: {sorted(differ - texts)}"
    assert differ == texts, f"texts that do not change: {sorted(texts - differ)}"  # the list is not stale
    for p, v in zh + en:
        assert not (isinstance(v, str) and v.strip().lower() in YES_NO), f"{p}: {v!r} is not a JSON boolean"
    for p, v in zh:
        assert p not in texts or not isinstance(v, str) or not v or CJK.search(v), (p, v)  # the texts are Chinese


def test_a_key_that_holds_a_boolean_holds_one_in_every_output(decided, monkeypatch):
    cli, tmp = decided
    monkeypatch.chdir(tmp)
    kinds: dict[str, set[str]] = {}
    for args, status, _ in OUTPUTS.values():
        for p, v in leaves(run(cli, args, "zh", status, monkeypatch)):
            kinds.setdefault(p.rsplit(".", 1)[-1], set()).add(type(v).__name__)
    booleans = {k: v for k, v in kinds.items() if "bool" in v}
    assert {"resolved", "enabled"} <= set(booleans)
    assert all(v <= {"bool", "NoneType"} for v in booleans.values()), booleans
