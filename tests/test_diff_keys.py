"""`diff` on real sheets keyed otherwise than by one code column, rows it cannot key, nested JSON, and a
draft compared with an approved version as it would publish now (issue 14, Build 6 and 7)."""

from __future__ import annotations

import asyncio
import json

import pytest
from conftest import REALDATA, SAMPLE
from test_diff import _lenient_reference

UK = REALDATA / "uk-licence-finder"
SICHUAN_JSON = REALDATA / "sichuan-guangan-511602-items.json"
SICHUAN_CSV = REALDATA / "sichuan-guangan-511602-items.csv"
UK_MAPS = ["--map", "code=legal ref nr", "--map", "name=Formality_name", "--map", "basis=Legislation"]
LICENCES = [UK / "licences-2012-05-08.csv", UK / "licences-2019-08-22.csv"]
NURSING = {"name": "Nursing agency registration (Wales)"}

needs_realdata = pytest.mark.skipif(not REALDATA.exists(), reason="../shared/realdata is not beside the checkout")


def problem_lines(r) -> list[str]:
    return [line for line in r.stderr.splitlines() if line.strip()]


@needs_realdata
def test_a_row_without_a_code_is_reported_and_the_rest_compared(cli):
    """Both UK versions end with a row that has no code: it was exit 2 on that row alone."""
    old, new = UK / "revised_codes-2012-08-14a.csv", UK / "revised_codes.csv"
    r = cli("diff", old, new, "--format", "json", *UK_MAPS)
    assert r.exit_code == 1, r.output
    assert f"{old}:711:1: 事项编码 (code) is empty" in r.stderr
    assert f"{new}:711:1: 事项编码 (code) is empty" in r.stderr
    d = json.loads(r.stdout)
    assert d["added"] == [] and d["removed"] == []
    assert len(d["changed"]) == 709 and all(set(c["fields"]) == {"name"} for c in d["changed"])
    assert [(p["file"], p["row"]) for p in d["problems"]] == [(str(old), 711), (str(new), 711)]


@needs_realdata
def test_repeated_codes_are_left_out_and_their_list_capped(cli):
    """Keyed by LICENCE_OID, 21,554 rows of the licence lists repeat a code: it printed a line each."""
    cli.lang = "zh"  # the count of what is left out, in Chinese
    args = ["diff", *LICENCES, "--map", "code=LICENCE_OID", "--map", "name=LICENCE"]
    r = cli(*args)
    assert r.exit_code == 1
    lines = problem_lines(r)
    assert len(lines) == 52  # 50 problems, "and N more", the count left out
    assert lines[0] == f"{LICENCES[0]}:4: 编码 '1074535453' 与第 2 行重复：这些行未参与比较"
    assert lines[50] == "……另有 21504 项"
    assert "21554 行无法按键比较" in lines[51]
    assert "- 1074535400  Nursing agency registration (Wales)" in r.stdout  # the one unique licence removed
    assert "新增 0 项，移除 1 项，变更 0 项" in r.stdout
    en = cli("--lang", "en", *args)
    assert "… and 21504 more" in en.stderr
    d = json.loads(cli(*args, "--format", "json").stdout)
    assert len(d["problems"]) == 21554 and all("行重复" in p["message"] for p in d["problems"])
    assert d["removed"] == [{"code": "1074535400", **NURSING}]


@needs_realdata
def test_key_columns_key_a_sheet_with_no_single_code_column(cli):
    r = cli("diff", *LICENCES, "--key", "SECTOR_OID,BUSINESSACT_ID,LICENCE_OID", "--map", "name=LICENCE", "-f", "json")
    assert r.exit_code == 1 and r.stderr == ""
    d = json.loads(r.stdout)
    assert d == {
        "a": str(LICENCES[0]),
        "b": str(LICENCES[1]),
        "added": [],
        "removed": [{"code": "1000352|175|1074535400", **NURSING}],
        "changed": [],
        "problems": [],
    }
    same = cli(
        "diff", LICENCES[0], LICENCES[0], "--key", "SECTOR_OID,BUSINESSACT_ID,LICENCE_OID", "--map", "name=LICENCE"
    )
    assert same.exit_code == 0 and "0 added, 0 removed, 0 changed" in same.stdout


@needs_realdata
def test_key_naming_no_column_or_a_catalogue_is_bad_input(cli):
    r = cli("diff", *LICENCES, "--key", "LICENCE_OID,NOPE", "--map", "name=LICENCE")
    assert r.exit_code == 2
    assert f"{LICENCES[0]}:1: --key: no column 'NOPE'" in r.stderr and "Traceback" not in r.output
    cli("import", SAMPLE)
    r = cli("diff", "linchuan-county", SAMPLE, "--key", "事项编码")
    assert r.exit_code == 2 and "--key keys files" in r.stderr


def test_nothing_to_compare_is_exit_2(cli, tmp_path):
    empty_codes = tmp_path / "no-codes.csv"
    empty_codes.write_text("事项编码,事项名称,实施机关\r\n,取水许可,县水利局\r\n,采砂许可,县水利局\r\n", "utf-8")
    r = cli("diff", SAMPLE, empty_codes)
    assert r.exit_code == 2
    assert f"{empty_codes}:2:1: 事项编码 (code) is empty" in r.stderr and f"{empty_codes}:3:1" in r.stderr


@needs_realdata
def test_nested_json_is_one_message_for_import_and_diff(cli):
    """The 广安 list as published: departments, each with its items nested. It gave 68 "code is empty" lines."""
    for args in (("import", SICHUAN_JSON), ("diff", SICHUAN_JSON, SICHUAN_CSV, "--map", "code=item_code")):
        r = cli(*args)
        assert r.exit_code == 2
        assert problem_lines(r) == [
            f"{SICHUAN_JSON}: not a list of flat items: entry 1 has no code or name and nests "
            "'items'; itemclean reads an array of flat item objects, one per item"
        ]


@needs_realdata
def test_bad_input_lists_are_capped_and_whole_in_json(cli):
    """Read by their LGSL_ID, most UK formalities repeat a code: import lists the first 50."""
    cli.lang = "zh"  # the count of what is left out, in Chinese
    args = ["--map", "code=LGSL_ID", "--map", "name=Formality_name"]
    r = cli("import", UK / "revised_codes.csv", *args)
    assert r.exit_code == 2
    lines = problem_lines(r)
    assert len(lines) == 51 and lines[-1].startswith("……另有 ") and lines[-1].endswith(" 项")
    more = int(lines[-1].removeprefix("……另有 ").removesuffix(" 项"))
    r = cli("audit", UK / "revised_codes.csv", *args, "--format", "json")
    assert r.exit_code == 2
    problems = json.loads(r.stdout)["problems"]
    assert len(problems) == 50 + more
    assert {"file", "row", "column", "message"} == set(problems[0])
    r = cli("import", UK / "revised_codes.csv", *args)  # in the same process: text again, nothing on stdout
    assert r.exit_code == 2 and r.stdout == "" and len(problem_lines(r)) == 51


# --- a draft against an approved version: what it would publish now -----------------------------


@pytest.fixture
def approved_then_decided(cli, tmp_path):
    """The sample approved as 2026 with every item kept, then an abolish, a merge and a charge removed."""
    ref = _lenient_reference(tmp_path)
    cli("import", SAMPLE)
    cli("decide", "--all-undecided", "--keep")
    r = cli("--reference", ref, "approve", "--label", "2026", "--as-of", "2026-12-01")
    assert r.exit_code == 0, r.output
    cli("decide", "0301006", "--abolish", "--reason", "已取消")
    cli("decide", "0801003", "--merge-into", "0801001", "--reason", "合并")
    cli("decide", "0401011", "--remove-fee", "从业资格证工本费", "--reason", "自定收费")
    return ref


def test_a_version_against_the_draft_as_it_would_publish(cli, approved_then_decided):
    r = cli("diff", "linchuan-county@2026", "linchuan-county", "--format", "json")
    assert r.exit_code == 1, r.output
    d = json.loads(r.stdout)
    assert [x["code"] for x in d["removed"]] == ["0301006", "0801003"]
    assert d["added"] == []
    (fees,) = d["changed"]
    assert fees["code"] == "0401011" and list(fees["fields"]) == ["fees"]
    assert fees["fields"]["fees"]["new"] == [] and fees["fields"]["fees"]["removed"]
    raw = cli("diff", "linchuan-county@2026", "linchuan-county", "--raw")
    assert raw.exit_code == 0 and "0 added, 0 removed, 0 changed" in raw.stdout  # as imported: nothing moved


async def _diff_screen_result(app, side_b: str | None = None):
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await app.workers.wait_for_complete()
        if side_b is not None:
            app.screen.query_one("#side-b").value = side_b
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.pause()
        return app.screen.result


def test_the_compare_screen_shows_the_draft_as_it_would_publish(cli, approved_then_decided):
    from itemclean.rules import load_reference
    from itemclean.tui.app import ReviewApp
    from itemclean.tui.diff_screen import RAW

    def app():
        ref = load_reference(approved_then_decided)
        return ReviewApp(db=cli.db, catalog=None, reference=ref, reviewer="reviewer-a", as_of=None, lang="zh")

    r = asyncio.run(_diff_screen_result(app()))
    assert [c for c, _ in r.removed] == ["0301006", "0801003"] and [c.code for c in r.changed] == ["0401011"]
    r = asyncio.run(_diff_screen_result(app(), RAW))
    assert not (r.added or r.removed or r.changed)
