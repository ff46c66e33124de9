"""The department round through the command line: feedback sheets out, filled sheets back, results and figures."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import REALDATA, SAMPLE, SAMPLE_XLSX, Cli
from openpyxl import load_workbook

from itemclean.parsing import parse_limit
from itemclean.store import Store

AS_OF = "2026-12-02"
ABOLISH = {"basis-missing", "basis-cannot-set", "item-cancelled"}
FEE_RULES = {"fee-no-basis", "fee-not-in-catalogue", "fee-above-standard"}
TITLE = "linchuan-county 行政许可事项清理审核意见反馈表（{}）"
# the sheet's columns, as a department sees them
COL = {"no": 1, "code": 2, "row": 3, "name": 4, "basis": 7, "materials": 8, "promised_limit": 11}
COL |= {"findings": 14, "answer": 16, "explanation": 17}

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="the shipped sample is missing")


def _sheet_rows(ws) -> dict[str, int]:
    """code → the row of its item (the 现行 row; the 更正 row is the next)."""
    return {
        ws.cell(r, COL["code"]).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, COL["row"]).value == "现行"
    }


def _file_of(folder: Path, department: str) -> Path:
    (path,) = [p for p in folder.iterdir() if p.name.endswith(f"-{department}.xlsx")]
    return path


@pytest.fixture
def cli(tmp_path) -> Cli:
    """The department round runs in Chinese, as the offices fill in the sheets."""
    return Cli(tmp_path / "t.db", lang="zh")


@pytest.fixture
def reviewed_sample(cli, tmp_path):
    """The sample imported and audited, its feedback sheets written, then decided as an office would."""
    assert cli("import", SAMPLE).exit_code == 0
    findings = json.loads(cli("audit", "--as-of", AS_OF, "--format", "json").stdout)["findings"]
    draft = json.loads(cli("export", "--draft", "--format", "json").stdout)
    out = tmp_path / "feedback"
    r = cli("export", "--what", "feedback", "-o", out)
    assert r.exit_code == 0, r.output
    errors = [f for f in findings if f["severity"] == "error"]
    abolished = {f["code"] for f in errors if f["rule"] in ABOLISH}
    plan = tmp_path / "plan.csv"
    removals = set()
    with plan.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "decision", "reason", "fee", "rule"])
        for code in sorted(abolished):
            w.writerow([code, "取消", "无合法设定依据", "", ""])
        done = set()
        for f in errors:
            key = (f["code"], f["rule"], f.get("entry"))
            if f["code"] in abolished or key in done:
                continue
            done.add(key)
            if f["rule"] in FEE_RULES:
                if (f["code"], f["entry"]) not in removals:  # a charge is flagged once, whatever rules found it
                    w.writerow([f["code"], "remove-fee", "自定收费，予以取消", f["entry"], ""])
                removals.add((f["code"], f["entry"]))
            else:
                w.writerow([f["code"], "override", "已责成部门修改", "", f["rule"]])
    assert cli("decide", "--from", plan).exit_code == 0
    assert cli("decide", "--all-undecided", "--keep").exit_code == 0
    return {"draft": draft, "findings": findings, "abolished": abolished, "removals": removals, "folder": out}


def test_feedback_sheets_are_print_ready(cli, reviewed_sample):
    draft, folder = reviewed_sample["draft"], reviewed_sample["folder"]
    departments = {i["department"] for i in draft}
    files = sorted(folder.iterdir())
    assert len(files) == len(departments)
    dept = "县交通运输局"
    ws = load_workbook(_file_of(folder, dept)).active
    assert ws["A1"].value == TITLE.format(dept)
    assert [ws.cell(3, c).value for c in (1, 2, 3, 4, 14, 15, 16, 17)] == [
        "序号",
        "事项编码",
        "栏目",
        "事项名称",
        "审核意见",
        "修改建议",
        "部门意见",
        "说明",
    ]
    mine = [i for i in draft if i["department"] == dept]
    rows = _sheet_rows(ws)
    assert list(rows) == [i["code"] for i in mine]
    first = rows[mine[0]["code"]]
    assert ws.cell(first + 1, COL["row"]).value == "更正"
    assert ws.cell(first + 1, COL["promised_limit"]).value is None  # empty for the department
    assert ws.cell(first, COL["promised_limit"]).value == mine[0]["promised_limit"]
    # findings in words, from the audit
    item_findings = [f for f in reviewed_sample["findings"] if f["code"] == mine[1]["code"]]
    assert all(f["message"] in ws.cell(rows[mine[1]["code"]], COL["findings"]).value for f in item_findings)
    # print: landscape, fit to one page wide, the header row on every page, frozen header, codes not wrapped
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    assert ws.freeze_panes == "D4"
    code_cell = ws.cell(first, COL["code"])
    assert not code_cell.alignment.wrap_text
    assert ws.column_dimensions["B"].width >= max(len(i["code"]) for i in mine)
    assert ws.cell(first, COL["basis"]).alignment.wrap_text


def test_one_workbook_with_a_sheet_per_department_and_one_department(cli, reviewed_sample, tmp_path):
    departments = list(dict.fromkeys(i["department"] or "未明确实施机关" for i in reviewed_sample["draft"]))
    book = tmp_path / "all.xlsx"
    r = cli("export", "--what", "feedback", "-o", book)
    assert r.exit_code == 0 and f"已写出{len(reviewed_sample['draft'])}个事项的反馈表" in r.output
    wb = load_workbook(book)
    assert [ws["A1"].value for ws in wb.worksheets] == [TITLE.format(d) for d in departments]
    one = tmp_path / "one"
    assert cli("export", "--what", "feedback", "--department", departments[2], "-o", one).exit_code == 0
    assert [p.name for p in one.iterdir()] == [f"linchuan-county-审核意见反馈表-{departments[2]}.xlsx"]
    r = cli("export", "--what", "feedback", "--department", "县不存在局", "-o", one)
    assert r.exit_code == 2 and "县不存在局" in r.output
    r = cli("export", "--what", "feedback")
    assert r.exit_code == 2 and "-o" in r.output


def _filled(folder: Path, department: str, fill) -> Path:
    path = _file_of(folder, department)
    wb = load_workbook(path)
    fill(wb.active)
    wb.save(path)
    return path


def _kept_in(reviewed_sample, department: str, n: int, *, having: str | None = None) -> list[dict]:
    """n items of the department that the plan kept (optionally: with a finding of rule `having`)."""
    rules = {}
    for f in reviewed_sample["findings"]:
        rules.setdefault(f["code"], set()).add(f["rule"])
    items = [
        i
        for i in reviewed_sample["draft"]
        if i["department"] == department
        and i["code"] not in reviewed_sample["abolished"]
        and (having is None or having in rules.get(i["code"], ()))
    ]
    return items[:n]


def test_round_from_feedback_to_results_and_report(cli, reviewed_sample, tmp_path):
    draft, folder, abolished = reviewed_sample["draft"], reviewed_sample["folder"], reviewed_sample["abolished"]
    by_code = {i["code"]: i for i in draft}
    catch_all = [f for f in reviewed_sample["findings"] if f["rule"] == "materials-catch-all"]
    dept_b = next(by_code[f["code"]]["department"] for f in catch_all if f["code"] not in abolished)
    dept_a = next(i["department"] for i in draft if i["department"] != dept_b and i["code"] not in abolished)
    a1, a2 = _kept_in(reviewed_sample, dept_a, 2)
    (b2,) = _kept_in(reviewed_sample, dept_b, 1, having="materials-catch-all")
    b1 = next(i for i in _kept_in(reviewed_sample, dept_b, 5) if i["code"] != b2["code"])

    # department A: agrees on a1 and shortens its promise; partly agrees on a2 and gives a new basis
    def fill_a(ws):
        rows = _sheet_rows(ws)
        ws.cell(rows[a1["code"]], COL["answer"], "同意")
        ws.cell(rows[a1["code"]], COL["explanation"], "承诺时限可再压缩")
        ws.cell(rows[a1["code"]] + 1, COL["promised_limit"], "1个工作日")
        ws.cell(rows[a2["code"]], COL["answer"], "部分同意")
        ws.cell(rows[a2["code"]] + 1, COL["basis"], "《中华人民共和国行政许可法》第十二条")
        ws.cell(rows[a2["code"]], COL["name"], "部门改了现行名称")  # not a correction row: ignored
        ws.cell(rows[a2["code"]], COL["findings"], "部门改了审核意见")  # ignored

    path_a = _filled(folder, dept_a, fill_a)
    # department B: disagrees on b1; corrects b2's materials, leaving out the catch-all clauses
    caught = {f["entry"] for f in catch_all if f["code"] == b2["code"]}

    def fill_b(ws):
        rows = _sheet_rows(ws)
        ws.cell(rows[b1["code"]], COL["answer"], "不同意")
        ws.cell(rows[b1["code"]], COL["explanation"], "该事项有法律依据，应予保留")
        ws.cell(rows[b2["code"]] + 1, COL["materials"], "\n".join(m for m in b2["materials"] if m not in caught))

    path_b = _filled(folder, dept_b, fill_b)

    r = cli("import", "--feedback", path_a, path_b)
    assert r.exit_code == 0, r.output
    assert "3条部门意见，3处更正待审核，4个事项待复核" in r.output
    log = json.loads(cli("log", a1["code"], "--format", "json").stdout)
    note = next(d for d in log if d["action"] == "note")
    assert note["reviewer"] == dept_a and note["reason"] == "同意：承诺时限可再压缩"
    with Store(cli.db) as store:
        proposed = [d for d in store.decisions(store.catalog(None).id, a1["code"]) if d.action == "propose"]
    assert [d.detail for d in proposed] == [f"promised_limit: '{a1['promised_limit']}' → '1个工作日'"]
    log_a2 = json.loads(cli("log", a2["code"], "--format", "json").stdout)
    assert [d["field"] for d in log_a2 if d["action"] == "propose"] == ["basis"]  # the name change is ignored
    results = {x["code"]: x for x in json.loads(cli("export", "--what", "results", "--format", "json").stdout)}
    assert {c for c, x in results.items() if x["action"] == "needs-review"} == {
        a1["code"],
        a2["code"],
        b1["code"],
        b2["code"],
    }
    assert cli("approve", "--label", "2026", "--as-of", AS_OF).exit_code == 1

    # the office accepts the basis and the materials, rejects the promise, and decides the rest again
    assert cli("decide", a2["code"], "--accept-edit", "设定依据").exit_code == 0, "accept by Chinese header"
    assert cli("decide", b2["code"], "--accept-edit", "materials").exit_code == 0
    r = cli("decide", a1["code"], "--reject-edit", "promised_limit", "--reason", "承诺时限过短，无法保证")
    assert r.exit_code == 0, r.output
    r = cli("decide", a1["code"], "--reject-edit", "promised_limit")
    assert r.exit_code == 2 and "没有待审核" in r.output  # settled already
    assert cli("show", a2["code"]).output.count("《中华人民共和国行政许可法》第十二条") == 1
    assert cli("decide", a1["code"], b1["code"], "--keep").exit_code == 0
    merged = next(i for i in draft if i["code"] not in abolished and i["department"] not in (dept_a, dept_b))
    into = next(i for i in draft if i["code"] not in abolished and i["code"] != merged["code"])
    assert cli("decide", merged["code"], "--merge-into", into["code"], "--reason", "职能相近").exit_code == 0
    r = cli("approve", "--label", "2026", "--as-of", AS_OF, reviewer="审核组长")
    assert r.exit_code == 0, r.output

    # the results: one row per item, grouped by department
    rows = json.loads(cli("export", "--what", "results", "--format", "json").stdout)
    assert len(rows) == len(draft)
    order = [x["department"] for x in rows]
    assert order == sorted(order, key=list(dict.fromkeys(order)).index)  # each department's rows together
    results = {x["code"]: x for x in rows}
    assert results[a2["code"]]["outcome"] == "调整：设定依据"
    assert results[b2["code"]]["outcome"] == "调整：申请材料"
    assert results[a1["code"]]["outcome"] == "保留" and results[a1["code"]]["reviewer"] == "reviewer-a"
    assert results[merged["code"]]["outcome"] == f"合并至{into['code']}"
    some_abolished = sorted(abolished)[0]
    assert results[some_abolished]["outcome"] == "取消" and results[some_abolished]["reason"] == "无合法设定依据"
    code, fee = sorted(reviewed_sample["removals"])[0]
    if code not in (a2["code"], b2["code"]):
        assert results[code]["outcome"].startswith("取消收费：") and fee in results[code]["outcome"]
    for fmt in ("csv", "jsonl", "xlsx", "md", "html"):
        target = tmp_path / f"results.{fmt}"
        assert cli("export", "--what", "results", "--format", fmt, "-o", target).exit_code == 0
    page = (tmp_path / "results.html").read_text(encoding="utf-8")
    assert page.count("<h2>") == len({i["department"] for i in draft}) and "合并至" in page
    assert "<script" not in page
    head = (tmp_path / "results.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert head.startswith("实施机关,事项编码,事项名称,处理结果")

    # the figures, against counts made here
    published = json.loads(cli("export", "--format", "json").stdout)
    removed = json.loads(cli("export", "--what", "removed-fees", "--format", "json").stdout)
    rep = json.loads(cli("report", "--format", "json").stdout)
    t = rep["totals"]
    n_abolished = len(abolished)
    assert (t["before"], t["abolished"], t["merged"], t["amended"]) == (len(draft), n_abolished, 1, 2)
    assert t["kept"] == len(draft) - n_abolished - 1 - 2
    assert t["after"] == len(published) == len(draft) - n_abolished - 1
    fees_taken = sum(len(by_code[c]["fees"]) for c in abolished | {merged["code"]})
    flagged = {(c, f) for c, f in reviewed_sample["removals"] if c != merged["code"]}
    assert t["fees_cancelled"] == fees_taken + len(flagged) == len(removed)
    pcts = []
    for i in published:
        stat, prom = parse_limit(i["statutory_limit"]).days, parse_limit(i["promised_limit"]).days
        if stat and prom is not None:
            pcts.append(max(stat - prom, 0) * 100 / stat)
    assert t["limit_items"] == len(pcts)
    assert t["compression"] == round(sum(pcts) / len(pcts), 1)
    assert t["at_least_half"] == sum(p >= 50 for p in pcts)
    assert t["catch_all_removed"] == len(caught)
    assert t["bases_replaced"] == len(a2["basis"])
    dept_rows = {d["department"]: d for d in rep["by_department"]}
    assert sum(d["before"] for d in dept_rows.values()) == len(draft)
    assert dept_rows[dept_a]["before"] == sum(1 for i in draft if i["department"] == dept_a)
    assert dept_rows[dept_a]["bases_replaced"] == len(a2["basis"])
    cats = {c["category"]: c for c in rep["by_category"]}
    assert cats["行政许可"]["before"] == sum(1 for i in draft if i["category"] == "行政许可")
    assert rep["summary"].startswith(
        f"本次共清理行政许可事项{len(draft)}项，取消{n_abolished}项，合并1项，调整2项，保留{t['kept']}项"
    )
    assert f"取消收费{len(removed)}项" in rep["summary"] and f"承诺时限平均压缩{t['compression']:g}%" in rep["summary"]
    assert rep["version"] == "2026"

    html_path = tmp_path / "report.html"
    assert cli("report", "--format", "html", "-o", html_path).exit_code == 0
    page = html_path.read_text(encoding="utf-8")
    assert page.count("<svg") == 3 and "<script" not in page and "http" not in page
    assert rep["summary"] in page
    md = cli("report").stdout
    assert md.startswith("# linchuan-county 行政许可事项清理情况统计") and rep["summary"] in md
    xlsx_path = tmp_path / "report.xlsx"
    assert cli("report", "--format", "xlsx", "-o", xlsx_path).exit_code == 0
    wb = load_workbook(xlsx_path)
    assert wb.worksheets[0]["A3"].value == rep["summary"]
    assert len(wb.worksheets) == 4
    en = json.loads(cli("--lang", "en", "report", "--format", "json").stdout)
    assert en["totals"] == rep["totals"] and en["summary"].startswith(f"The cleanup reviewed {len(draft)}")

    # a late answer after the approval sends the item back to review in the draft, not in the version
    late = tmp_path / "late"
    assert cli("export", "--what", "feedback", "--department", dept_a, "-o", late).exit_code == 0
    path_late = _filled(late, dept_a, lambda ws: ws.cell(_sheet_rows(ws)[a1["code"]], COL["answer"], "同意"))
    assert cli("import", "--feedback", path_late).exit_code == 0
    now = {x["code"]: x for x in json.loads(cli("export", "--what", "results", "--format", "json", "--draft").stdout)}
    assert now[a1["code"]]["action"] == "needs-review"
    then = {x["code"]: x for x in json.loads(cli("export", "--what", "results", "--format", "json").stdout)}
    assert then[a1["code"]]["action"] == "keep"
    assert json.loads(cli("report", "--format", "json").stdout)["totals"] == t
    assert json.loads(cli("report", "--format", "json", "--version", "2026").stdout)["totals"] == t
    r = cli("report", "--version", "2099")
    assert r.exit_code == 2 and "2099" in r.output


def _log_size(cli) -> int:
    return len(json.loads(cli("log", "--format", "json").stdout))


def test_a_sheet_not_ours_is_bad_input(cli, reviewed_sample, tmp_path):
    before = _log_size(cli)
    r = cli("import", "--feedback", SAMPLE_XLSX)
    assert r.exit_code == 2
    assert "linchuan-county.xlsx:1:1: 不是本系统导出的审核意见反馈表" in r.output
    r = cli("--lang", "en", "import", "--feedback", SAMPLE_XLSX)
    assert r.exit_code == 2 and "linchuan-county.xlsx:1:1: not a feedback sheet exported by itemclean" in r.output
    r = cli("import", "--feedback", tmp_path / "nowhere.xlsx")
    assert r.exit_code == 2 and "nowhere.xlsx: 文件不存在" in r.output
    text = tmp_path / "notes.txt"
    text.write_text("部门意见：同意", encoding="utf-8")
    r = cli("import", "--feedback", text)
    assert r.exit_code == 2 and f"{text}: 不是本系统导出的审核意见反馈表" in r.output
    assert _log_size(cli) == before


def test_a_feedback_sheet_imported_without_the_flag_says_it_wants_the_flag(cli, reviewed_sample, tmp_path):
    """A department's sheet given to a plain import: the first line says why it fails and nothing is read."""
    sheet = _file_of(reviewed_sample["folder"], "县交通运输局")
    draft = cli("export", "--draft", "--format", "json").stdout
    before = _log_size(cli)
    r = cli("import", sheet)
    assert r.exit_code == 2
    assert r.output.splitlines()[0] == f"{sheet}: 这是部门填写的反馈表，导入时请加 --feedback"
    r = cli("--lang", "en", "import", "--dry-run", SAMPLE, sheet)
    assert r.exit_code == 2
    assert r.output.splitlines()[0] == f"{sheet}: this is a department's feedback sheet: import it with --feedback"
    assert _log_size(cli) == before and cli("export", "--draft", "--format", "json").stdout == draft
    bad = tmp_path / "broken.xlsx"  # a catalogue with a row problem: no word about feedback sheets
    bad.write_bytes(SAMPLE_XLSX.read_bytes()[:-100])
    r = cli("import", bad)
    assert r.exit_code == 2 and "--feedback" not in r.output


def test_a_changed_header_is_bad_input(cli, reviewed_sample):
    folder = reviewed_sample["folder"]
    path = _filled(folder, "县交通运输局", lambda ws: ws.cell(3, COL["answer"], "意见"))
    r = cli("import", "--feedback", path)
    assert r.exit_code == 2 and f"{path}:3:16: " in r.output and "部门意见" in r.output


def test_a_sheet_of_another_catalogue_is_bad_input(cli, reviewed_sample):
    folder = reviewed_sample["folder"]
    path = _filled(
        folder, "县交通运输局", lambda ws: ws.cell(1, 1, "别的县 行政许可事项清理审核意见反馈表（县交通运输局）")
    )
    r = cli("import", "--feedback", path)
    assert r.exit_code == 2 and f"{path}:1:1: " in r.output and "别的县" in r.output


def test_a_wrong_row_word_and_an_unknown_code_are_bad_input(cli, reviewed_sample):
    folder = reviewed_sample["folder"]

    def spoil(ws):
        ws.cell(4, COL["code"], "9999999")
        ws.cell(7, COL["row"], "改正")

    path = _filled(folder, "县交通运输局", spoil)
    r = cli("import", "--feedback", path)
    assert r.exit_code == 2
    assert f"{path}:4:2: 目录中没有编码为 9999999 的事项" in r.output
    assert f"{path}:7:3: 栏目应为“现行”或“更正”，实为“改正”" in r.output


def test_an_unreadable_correction_leaves_all_files_unread(cli, reviewed_sample):
    folder = reviewed_sample["folder"]
    before = _log_size(cli)
    good = _filled(folder, "县交通运输局", lambda ws: ws.cell(4, COL["answer"], "同意"))

    def spoil(ws):
        ws.cell(4, COL["answer"], "同意")
        ws.cell(5, 12, "|5元")  # a fee entry without a name

    bad = _filled(folder, "县公安局", spoil)
    r = cli("import", "--feedback", good, bad)
    assert r.exit_code == 2 and f"{bad}:5:12: 更正内容无法读取" in r.output
    assert _log_size(cli) == before


def test_an_empty_answer_changes_nothing_and_english_sheets_read_back(cli, reviewed_sample, tmp_path):
    before = _log_size(cli)
    path = _file_of(reviewed_sample["folder"], "县交通运输局")
    r = cli("import", "--feedback", path)
    assert r.exit_code == 0 and "0条部门意见，0处更正待审核，0个事项待复核" in r.output
    assert _log_size(cli) == before
    en = tmp_path / "en"
    assert cli("--lang", "en", "export", "--what", "feedback", "--department", "县交通运输局", "-o", en).exit_code == 0
    (path,) = en.iterdir()
    wb = load_workbook(path)
    ws = wb.active
    assert ws["A1"].value == "linchuan-county — review feedback on administrative-permit items (县交通运输局)"
    ws.cell(4, COL["answer"], "agree")
    wb.save(path)
    r = cli("--lang", "en", "import", "--feedback", path)
    assert r.exit_code == 0 and "1 answer(s)" in r.output


@pytest.mark.skipif(not REALDATA.exists(), reason="../shared/realdata is not beside the checkout")
def test_county_list_round_trip(cli, tmp_path):
    """The 广安 list: its own columns travel in the sheet, a department adds a basis, the office accepts it."""
    source = REALDATA / "sichuan-guangan-511602-items.csv"
    assert cli("import", source, "--map", "code=item_code").exit_code == 0
    cli("audit", "--as-of", AS_OF)
    with source.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    dept = "区交通运输局"
    mine = [r for r in rows if r["department"] == dept]
    out = tmp_path / "fb"
    assert cli("export", "--what", "feedback", "--department", dept, "-o", out).exit_code == 0
    (path,) = out.iterdir()
    wb = load_workbook(path)
    ws = wb.active
    heads = [c.value for c in ws[3]]
    assert heads[13:17] == ["main_item", "task_type", "area_code", "dept_code"]
    first = mine[0]
    assert ws.cell(4, 2).value == first["item_code"] and ws.cell(4, 17).value == first["dept_code"]
    assert not ws.cell(4, 17).alignment.wrap_text  # a code column
    ws.cell(4, 20, "部分同意")  # 部门意见, after the four extra columns
    ws.cell(5, COL["basis"], "《中华人民共和国道路运输条例》第十条")
    wb.save(path)
    r = cli("import", "--feedback", path)
    assert r.exit_code == 0 and "1条部门意见，1处更正待审核，1个事项待复核" in r.output, r.output
    assert cli("decide", first["item_code"], "--accept-edit", "basis").exit_code == 0
    rep = json.loads(cli("report", "--format", "json").stdout)
    assert rep["totals"]["before"] == len(rows) and rep["totals"]["amended"] == 1
    assert rep["totals"]["undecided"] == len(rows) - 1
    by_dept = {d["department"]: d for d in rep["by_department"]}
    assert by_dept[dept]["before"] == len(mine) and by_dept[dept]["amended"] == 1
    assert set(by_dept) == {r["department"] for r in rows}
    results = json.loads(cli("export", "--what", "results", "--format", "json").stdout)
    assert {x["code"]: x["outcome"] for x in results}[first["item_code"]] == "调整：设定依据"


def test_a_correction_row_without_its_item_row_is_bad_input(cli, reviewed_sample):
    path = _filled(reviewed_sample["folder"], "县交通运输局", lambda ws: ws.cell(4, COL["row"], "更正"))
    r = cli("import", "--feedback", path)
    assert r.exit_code == 2 and f"{path}:4:3: “更正”行前没有该事项的“现行”行" in r.output
