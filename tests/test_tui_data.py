"""A small catalogue and reference directory for the review screen's tests, written out by the tests
themselves so that the snapshots depend on nothing else in the repository.

Imported by the other test_tui_* modules; its own test checks that the audit finds what they expect.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from itemclean.model import FIELDS, HEADERS

AS_OF = dt.date(2026, 12, 2)
REVIEWER = "审核员甲"
SIZE = (130, 38)
FIXED_NOW = "2026-12-02T09:30:00+08:00"

HEADER = [HEADERS[k][0] for k in FIELDS]  # the Chinese header of every field

STD_MATERIALS = "1.申请书\n2.营业执照复印件"
STEPS = "申请→受理→审查→决定→送达"

# (code, name, department, category, basis, materials, procedure, statutory, promised, fees, notes)
ROWS = [
    (
        "0101001",
        "食品生产许可",
        "县市场监督管理局",
        "行政许可",
        "《中华人民共和国食品安全法》第三十五条",
        STD_MATERIALS,
        STEPS,
        "20个工作日",
        "10个工作日",
        "不收费",
        "",
    ),
    (
        "0101002",
        "食品经营许可",
        "县市场监督管理局",
        "行政许可",
        "《中华人民共和国食品卫生法》第二十七条",
        STD_MATERIALS,
        STEPS,
        "20个工作日",
        "10个工作日",
        "",
        "",
    ),
    (
        "0101003",
        "户外广告登记",
        "县市场监督管理局",
        "行政许可",
        "",
        STD_MATERIALS,
        STEPS,
        "10个工作日",
        "5个工作日",
        "",
        "依据已失效",
    ),
    (
        "0101004",
        "[bold]特种设备[/bold]使用登记",
        "县市场监督管理局",
        "行政许可",
        "《中华人民共和国特种设备安全法》第三十三条",
        STD_MATERIALS,
        "申请\x1b[31m受理\x07审查",
        "15个工作日",
        "5个工作日",
        "",
        "名称含方括号",
    ),
    (
        "0201001",
        "城市道路挖掘批准",
        "县住房和城乡建设局",
        "行政许可",
        "《城市道路管理条例》第三十条",
        "1.挖掘申请表\n2.施工方案\n3.其他材料",
        STEPS,
        "20个工作日",
        "8个工作日",
        "城市道路挖掘修复费|30元/平方米|江价费〔2019〕12号\n工本费|10元/本|",
        "",
    ),
    (
        "0201002",
        "燃气经营许可证核发",
        "县住房和城乡建设局",
        "行政许可",
        "《城镇燃气管理条例》第十五条",
        STD_MATERIALS,
        STEPS,
        "20个工作日",
        "25个工作日",
        "",
        "",
    ),
    (
        "0201003",
        "建设工程消防验收",
        "县住房和城乡建设局",
        "行政许可",
        "《中华人民共和国消防法》第十三条",
        STD_MATERIALS,
        STEPS,
        "15个工作日",
        "12个工作日",
        "",
        "",
    ),
    (
        "0201004",
        "建设工程消防验收",
        "县住房和城乡建设局",
        "行政许可",
        "《中华人民共和国消防法》第十三条",
        STD_MATERIALS,
        STEPS,
        "15个工作日",
        "7个工作日",
        "",
        "与0201003同名",
    ),
    (
        "0301001",
        "临时用地审批",
        "县自然资源局",
        "行政许可",
        "《江岭省土地管理办法》第二十条",
        STD_MATERIALS,
        STEPS,
        "20个工作日",
        "10个工作日",
        "土地复垦费|50-100元/亩|江价费〔2020〕3号",
        "",
    ),
    (
        "0301002",
        "乡村建设规划许可证核发",
        "县自然资源局",
        "行政许可",
        "《某县规划管理规定》",
        STD_MATERIALS,
        "",
        "视情况而定",
        "",
        "",
        "",
    ),
    (
        "0401001",
        "Road passenger transport licence 道路旅客运输经营许可",
        "县交通运输局",
        "行政许可",
        "《中华人民共和国道路运输条例》第十条",
        STD_MATERIALS,
        STEPS,
        "20个工作日",
        "5个工作日",
        "",
        "",
    ),
    (
        "0401002",
        "出租汽车经营许可",
        "",
        "行政许可",
        "《中华人民共和国道路运输条例》第十条",
        STD_MATERIALS,
        STEPS,
        "20个工作日",
        "5个工作日",
        "",
        "",
    ),
    (
        "0501001",
        "放射诊疗许可",
        "县卫生健康委员会",
        "行政许可",
        "《放射诊疗管理规定》第十六条",
        "",
        STEPS,
        "20个工作日",
        "10个工作日",
        "",
        "",
    ),
    (
        "0601001",
        "民办学校办学许可",
        "县教育局",
        "行政许可",
        "《中华人民共和国民办教育促进法》第十二条",
        STD_MATERIALS,
        STEPS,
        "即办",
        "即办",
        "",
        "",
    ),
    (
        "0701001",
        "公章刻制备案",
        "县公安局",
        "行政确认",
        "《印铸刻字业暨信章刻制管理办法》",
        STD_MATERIALS,
        STEPS,
        "5个工作日",
        "1个工作日",
        "",
        "",
    ),
    (
        "0801001",
        "烟花爆竹零售许可",
        "县应急管理局",
        "行政许可",
        "《烟花爆竹安全管理条例》第十六条",
        STD_MATERIALS,
        STEPS,
        "20个工作日",
        "10个工作日",
        "",
        "",
    ),
]

INSTRUMENTS = """
[[instrument]]
title = "中华人民共和国食品安全法"
aliases = ["食品安全法"]
level = "law"
effective = 2009-06-01

[[instrument]]
title = "中华人民共和国食品卫生法"
level = "law"
effective = 1995-10-30
repealed = 2009-06-01

[[instrument]]
title = "中华人民共和国特种设备安全法"
level = "law"
effective = 2014-01-01

[[instrument]]
title = "城市道路管理条例"
level = "administrative_regulation"
effective = 1996-10-01

[[instrument]]
title = "城镇燃气管理条例"
level = "administrative_regulation"
effective = 2011-03-01

[[instrument]]
title = "中华人民共和国消防法"
level = "law"
effective = 2009-05-01

[[instrument]]
title = "江岭省土地管理办法"
level = "provincial_rule"
effective = 2018-03-01

[[instrument]]
title = "中华人民共和国道路运输条例"
level = "administrative_regulation"
effective = 2004-07-01

[[instrument]]
title = "放射诊疗管理规定"
level = "departmental_rule"
effective = 2006-03-01

[[instrument]]
title = "中华人民共和国民办教育促进法"
level = "law"

[[instrument]]
title = "烟花爆竹安全管理条例"
level = "administrative_regulation"
effective = 2006-01-21
"""

FEES = """
[catalogue]
name = "江岭省行政事业性收费目录清单"
level = "provincial"

[[fee]]
name = "城市道路挖掘修复费"
department = "住房城乡建设"
standard = "30元/平方米"
basis = "江价费〔2019〕12号"

[[fee]]
name = "土地复垦费"
department = "自然资源"
standard = "80元/亩"
basis = "江价费〔2020〕3号"
"""

CANCELLED = """
[[cancelled]]
name = "户外广告登记"
by = "国发〔2017〕46号"
"""


def write_reference(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "instruments.toml").write_text(INSTRUMENTS, encoding="utf-8")
    (directory / "fees-test.toml").write_text(FEES, encoding="utf-8")
    (directory / "cancelled.toml").write_text(CANCELLED, encoding="utf-8")
    return directory


def write_catalogue(path: Path, rows=ROWS) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["临川县行政许可事项目录（测试）"] + [""] * 10)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def make_db(tmp: Path, rows=ROWS, name: str = "临川县") -> tuple[Path, object]:
    """A database holding the catalogue, imported and audited as of AS_OF; returns (db, reference)."""
    from itemclean.audit import audit_draft
    from itemclean.importing import import_files
    from itemclean.rules import load_reference
    from itemclean.store import Store

    ref = load_reference(write_reference(tmp / "ref"))
    src = write_catalogue(tmp / f"{name}.csv", rows)
    db = tmp / "review.db"
    with Store(db) as store:
        r = import_files(store, [src], reviewer=REVIEWER)
        audit_draft(store, store.catalog(r.catalog), ref, AS_OF, lang="zh")
    return db, ref


def make_app(db: Path, ref, *, lang: str = "zh", reviewer: str = REVIEWER, poll_seconds: float | None = None):
    """The review app on db; it looks for other reviewers' writes only when a test asks it to."""
    from itemclean.tui.app import ReviewApp

    return ReviewApp(
        db=db, catalog=None, reference=ref, reviewer=reviewer, as_of=AS_OF, lang=lang, poll_seconds=poll_seconds
    )


def fixed_clock(monkeypatch) -> None:
    """Decisions and versions stamped with one fixed time, so that screens showing them are reproducible."""
    import itemclean.review
    import itemclean.versions

    monkeypatch.setattr(itemclean.review, "now", lambda: FIXED_NOW)
    monkeypatch.setattr(itemclean.versions, "now", lambda: FIXED_NOW)


def test_the_catalogue_has_the_findings_the_screens_show(tmp_path):
    from itemclean.store import Store

    db, _ = make_db(tmp_path)
    with Store(db) as store:
        cat = store.catalog(None)
        rules = {(f.code, f.rule) for f in store.findings_of(cat.id)}
    for expected in [
        ("0101002", "basis-repealed"),
        ("0101003", "basis-missing"),
        ("0101003", "item-cancelled"),
        ("0201001", "fee-not-in-catalogue"),
        ("0201001", "fee-no-basis"),
        ("0201001", "materials-catch-all"),
        ("0201002", "limit-promise-exceeds-statutory"),
        ("0201003", "item-duplicate-name"),
        ("0301001", "fee-above-standard"),
        ("0301001", "fee-floating"),
        ("0301002", "basis-unknown"),
        ("0301002", "limit-unparsed"),
        ("0401002", "department-missing"),
        ("0501001", "materials-missing"),
    ]:
        assert expected in rules
