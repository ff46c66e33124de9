"""Import, export to every format, import again: the items come back field by field."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from conftest import header
from conftest import write_rows as write_csv
from typer.testing import CliRunner

from itemclean.cli import app
from itemclean.parsing import standard_of
from itemclean.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "catalogs" / "samples"
FORMATS = ("csv", "json", "jsonl", "xlsx")

HEADER = [*header(), "联系电话", "办理地点"]  # every field, and two columns of their own

# (row kind, cells): "item" rows are the catalogue; the others are skipped on import.
FIXTURE: list[tuple[str, list[str]]] = [
    ("title", ["江岭省临川县行政许可事项目录"]),
    ("title", ["临川县人民政府办公室\u3000更新日期：2026年11月20日"]),
    ("blank", []),
    ("header", HEADER),
    ("section", ["一、行政许可（18项）"]),
    (
        "item",
        [
            "0101001",
            "食品生产许可",
            "县市场监督管理局",
            "行政许可",
            "1.《中华人民共和国食品安全法》第三十五条\n2.《食品生产许可管理办法》第二条",
            "1.食品生产许可申请书\n2.营业执照复印件\n3.食品生产主要设备、设施清单",
            "1.申请 2.受理 3.审查 4.决定",
            "20个工作日",
            "10个工作日",
            "不收费",
            "“证照分离”改革事项",
            "0794-8201234",
            "县政务服务中心一楼",
        ],
    ),
    (
        "item",
        [
            "0101002",
            "食品经营许可",
            "县市场监督管理局",
            "行政许可",
            "《中华人民共和国食品安全法》第三十五条、《江岭省食品安全条例》第十二条",
            "食品经营许可申请书；营业执照复印件；无",
            "受理、审查、决定",
            "二十个工作日",
            "即办",
            "无",
            "",
            "",
            "县政务服务中心一楼",
        ],
    ),
    (
        "item",
        [
            "0101003",
            "特种设备使用登记",
            "县市场监督管理局",
            "行政许可",
            "《中华人民共和国特种设备安全法》第三十三条",
            "（1）特种设备使用登记表\n（2）特种设备产品合格证\n（3）特种设备监督检验证明",
            "申请→受理→审查→决定→送达",
            "15日",
            "5天",
            "",
            "",
            "",
            "",
        ],
    ),
    (
        "item",
        [
            "0101004",
            "计量标准器具核准",
            "县市场监督管理局",
            "行政许可",
            "《中华人民共和国计量法》第六条",
            "①计量标准考核（复查）申请书\r\n②计量标准技术报告",
            "受理—审核—审批—办结",
            "20",
            "15",
            "计量标准考核费|300元/项|发改价格〔2015〕1号",
            "",
            "",
            "",
        ],
    ),
    ("section", ["", "", "县水利局"]),
    (
        "item",
        [
            "0201001",
            "取水许可",
            "县水利局",
            "行政许可",
            "依据《中华人民共和国水法》第七条和《取水许可和水资源费征收管理条例》第二条",
            "1、取水申请书\n2、建设项目水资源论证报告书\n3、与第三者利害关系的相关说明",
            "受理、审查、决定",
            "45个工作日",
            "20个工作日",
            "1.水资源费|0.1元/立方米|发改价格〔2013〕29号\n2.不收费",
            "",
            "0794-8205678",
            "",
        ],
    ),
    (
        "item",
        [
            "0201002",
            "水土保持方案审批",
            "县水利局",
            "行政许可",
            "《江岭省实施〈中华人民共和国水土保持法〉办法》第十条；《江岭省实施《水土保持法》办法》第十一条",
            "水土保持方案报告书\n技术评审意见",
            "受理、技术评审、审查、决定",
            "二十日",
            "十五日",
            "免费",
            "",
            "",
            "",
        ],
    ),
    (
        "item",
        [
            "0201003",
            "河道管理范围内建设项目工程建设方案审批",
            "县水利局",
            "行政许可",
            "《中华人民共和国防洪法》第二十七条第一款",
            "申请书\n/\n建设项目所依据的文件",
            "受理、审查、决定",
            "视情况而定",
            "",
            "",
            "需现场踏勘",
            "",
            "",
        ],
    ),
    (
        "item",
        [
            "0201004",
            "河道采砂许可",
            "县水利局",
            "行政许可",
            "《中华人民共和国水法》第三十九条",
            "——",
            "受理、审查、决定",
            "5-7个工作日",
            "1.5",
            "河道采砂管理费|50-100元/吨|\n砂石资源费|50～100元|",
            "浮动收费",
            "",
            "",
        ],
    ),
    ("blank", ["", "", "", ""]),
    ("section", ["二、其他行政权力（4项）"]),
    (
        "item",
        [
            "0301001",
            "建设工程规划许可",
            "县自然资源局",
            "其他行政权力",
            "城乡规划法第四十条",
            "建设工程规划许可证申请表\n使用土地的有关证明文件",
            "受理、审查、决定",
            "两个工作日",
            "0",
            "证书工本费｜10元｜｜",
            "无",
            "",
            "",
        ],
    ),
    (
        "item",
        [
            "0301002",
            "不动产登记",
            "县自然资源局",
            "公共服务",
            "《不动产登记暂行条例》第十四条",
            "不动产登记申请书;申请人身份证明;不动产权属来源证明材料",
            "申请、受理、审核、登簿、发证",
            "30个工作日",
            "５个工作日",
            "不动产登记费|80元/件|发改价格规〔2016〕2559号",
            "",
            "",
            "",
        ],
    ),
    (
        "item",
        [
            "0301003",
            "乡村建设规划许可",
            "县自然资源局",
            "行政许可",
            "",
            "1.申请书\n2.高度1.5米以上的围墙设计图",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ),
    (
        "item",
        [
            "0301004",
            "临时用地审批",
            "县自然资源局",
            "行政许可",
            "国土资源部令第64号",
            "申请书",
            "受理、审查、决定",
            "——",
            "无",
            "土地复垦费|按规定标准收取|",
            "",
            "",
            "",
        ],
    ),
    ("section", ["三、公共服务"]),
    (
        "item",
        [
            "0401001",
            "档案查询",
            "县档案馆",
            "公共服务",
            "《中华人民共和国档案法》第二十七条",
            "身份证明",
            "即办",
            "即办",
            "即办",
            "档案查询费|20元/次|\n复印费|0.5元/页|",
            "",
            "",
            "",
        ],
    ),
    (
        "item",
        [
            "0401002",
            " 婚姻登记（涉外） ",
            "县民政局",
            "行政确认",
            "《婚姻登记条例》第四条",
            "（一）本人的户口簿、身份证；（二）本人无配偶以及与对方当事人没有直系血亲的签字声明",
            "当场办理",
            "即办",
            "即办",
            "0元",
            "含“内地居民”, 港澳台居民",
            "",
            "",
        ],
    ),
    (
        "item",
        [
            "0401003",
            "出具社会保险参保证明",
            "县人力资源和社会保障局",
            "公共服务",
            "",
            "身份证",
            "即办",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ),
    (
        "item",
        [
            "0401004",
            "残疾人证办理",
            "县残疾人联合会",
            "公共服务",
            "《残疾人证管理办法》第五条",
            "1.申请表 2.照片",
            "受理、评定、发证",
            "三十个工作日",
            "十个工作日",
            "残疾评定费|0|",
            "",
            "",
            "",
        ],
    ),
    (
        "item",
        [
            "0401005",
            "企业投资项目备案",
            "县发展和改革局",
            "其他行政权力",
            "《企业投资项目核准和备案管理条例》第十三条",
            "项目备案信息表",
            "网上备案",
            "即办",
            "即办",
            "",
            "告知性备案",
            "",
            "线上办理",
        ],
    ),
    (
        "item",
        [
            "000001",
            "测试编码前导零",
            "县政务服务管理局",
            "公共服务",
            "《A》《B》（国发〔2016〕72号）",
            "申请书",
            "",
            "1",
            "1",
            "",
            "",
            "",
            "",
        ],
    ),
]


def fixture_rows() -> list[list[str]]:
    return [cells for _, cells in FIXTURE]


def item_rows() -> list[list[str]]:
    return [cells for kind, cells in FIXTURE if kind == "item"]


def run(*args: str):
    r = CliRunner().invoke(app, list(args), env={"COLUMNS": "400", "ITEMCLEAN_LANG": "en"})
    assert r.exit_code == 0, r.output
    return r


def snapshot(db: Path) -> list[dict]:
    """Every item, field by field, with what the parsers made of its cells."""
    with Store(db) as s:
        out = []
        for item in s.iter_items(s.catalog(None).id):
            d = item.as_dict()
            d["_citations"] = [(c.instrument, c.article) for c in item.basis]
            d["_limits"] = [(x.days, x.state) for x in (item.statutory_limit, item.promised_limit)]
            d["_fees"] = [standard_of(f) for f in item.fees]
            out.append(d)
        return out


def import_file(db: Path, path: Path, *extra: str):
    return run("--db", str(db), "import", str(path), *extra)


def export(db: Path, fmt: str, target: Path) -> Path:
    run("--db", str(db), "export", "--draft", "--format", fmt, "-o", str(target))
    return target


@pytest.fixture
def source(tmp_path) -> Path:
    return write_csv(tmp_path / "catalogue.csv", fixture_rows())


@pytest.fixture
def imported(tmp_path, source) -> Path:
    db = tmp_path / "a.db"
    r = import_file(db, source)
    assert f"added {len(item_rows())}," in r.output
    return db


def test_fixture_imports_as_written(imported):
    items = {d["code"]: d for d in snapshot(imported)}
    assert list(items) == [cells[0] for cells in item_rows()]
    assert items["0101001"]["materials"] == ["食品生产许可申请书", "营业执照复印件", "食品生产主要设备、设施清单"]
    assert items["0101001"]["fees"] == []
    assert items["0101002"]["materials"] == ["食品经营许可申请书", "营业执照复印件", "无"]
    assert items["0101002"]["_citations"] == [
        ("中华人民共和国食品安全法", "第三十五条"),
        ("江岭省食品安全条例", "第十二条"),
    ]
    assert items["0101002"]["_limits"] == [(20, "days"), (0, "days")]
    assert items["0101004"]["materials"] == ["计量标准考核（复查）申请书", "计量标准技术报告"]
    assert items["0201001"]["fees"] == [
        {"name": "水资源费", "standard": "0.1元/立方米", "basis": "发改价格〔2013〕29号"}
    ]
    assert items["0201002"]["_citations"] == [
        ("江岭省实施〈中华人民共和国水土保持法〉办法", "第十条"),
        ("江岭省实施《水土保持法》办法", "第十一条"),
    ]
    assert items["0201003"]["materials"] == ["申请书", "/", "建设项目所依据的文件"]
    assert items["0201003"]["_limits"] == [(None, "unparsed"), (None, "empty")]
    assert items["0201004"]["materials"] == []
    assert [f.kind for f in items["0201004"]["_fees"]] == ["range", "range"]
    assert items["0301001"]["notes"] == ""
    assert items["0301001"]["_citations"] == [(None, None)]
    assert items["0301003"]["materials"] == ["申请书", "高度1.5米以上的围墙设计图"]
    assert items["0401002"]["name"] == "婚姻登记（涉外）"
    assert items["0401002"]["fees"] == []  # `0元` alone is no charge
    assert items["0101001"]["联系电话"] == "0794-8201234" and "联系电话" not in items["0101002"]
    assert items["000001"]["_citations"] == [("A", None), ("B", None)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip(tmp_path, imported, fmt):
    out = export(imported, fmt, tmp_path / f"out.{fmt}")
    again = tmp_path / "b.db"
    import_file(again, out)
    assert snapshot(again) == snapshot(imported)


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_twice_is_stable(tmp_path, imported, fmt):
    first = export(imported, fmt, tmp_path / f"one.{fmt}")
    db = tmp_path / "b.db"
    import_file(db, first)
    second = export(db, fmt, tmp_path / f"two.{fmt}")
    if fmt != "xlsx":
        assert second.read_bytes() == first.read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
def test_reimport_of_own_export_changes_nothing(tmp_path, imported, fmt):
    out = export(imported, fmt, tmp_path / f"out.{fmt}")
    r = import_file(imported, out)
    assert f"added 0, updated 0, unchanged {len(item_rows())}" in r.output


def test_csv_export_has_bom_and_crlf(tmp_path, imported):
    data = export(imported, "csv", tmp_path / "out.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    outside_quotes = re.sub(rb'"(?:[^"]|"")*"', b"", data)
    assert outside_quotes.count(b"\r\n") == len(item_rows()) + 1
    assert re.search(rb"(?<!\r)\n", outside_quotes) is None


def test_csv_export_to_stdout_is_the_same(tmp_path, imported):
    data = export(imported, "csv", tmp_path / "out.csv").read_bytes()
    r = CliRunner().invoke(app, ["--db", str(imported), "export", "--draft", "--format", "csv"])
    assert r.stdout_bytes == data


def test_csv_to_csv_reproduces_the_cells(tmp_path, imported):
    assert "\r\n" in item_rows()[3][5]  # a CRLF inside a cell stays one too
    text = export(imported, "csv", tmp_path / "out.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == HEADER
    assert rows[1:] == item_rows()


@pytest.mark.parametrize("fmt", ["json", "jsonl", "xlsx"])
def test_other_formats_then_csv_gives_canonical_cells(tmp_path, imported, fmt):
    """From a format without cell text (JSON) the CSV cells are canonical: markers gone, one entry a line."""
    db = tmp_path / "b.db"
    import_file(db, export(imported, fmt, tmp_path / f"out.{fmt}"))
    rows = list(
        csv.reader(io.StringIO(export(db, "csv", tmp_path / "out.csv").read_bytes().decode("utf-8-sig"), newline=""))
    )
    assert rows[0] == HEADER  # fields in their FORMAT.md order, then the extra columns
    by_code = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert set(by_code) == {cells[0] for cells in item_rows()}
    if fmt != "xlsx":
        assert by_code["0101001"]["申请材料"] == "食品生产许可申请书\n营业执照复印件\n食品生产主要设备、设施清单"
        assert by_code["0201001"]["收费项目"] == "水资源费|0.1元/立方米|发改价格〔2013〕29号"
    else:
        assert by_code["0101001"]["申请材料"] == item_rows()[0][5]


# --- the shipped sample catalogue ----------------------------------------------------------------

sample_csv = SAMPLES / "linchuan-county.csv"
sample_xlsx = SAMPLES / "linchuan-county.xlsx"
needs_sample = pytest.mark.skipif(not sample_csv.exists(), reason="no catalogs/samples/linchuan-county.csv")


@needs_sample
def test_sample_from_csv_gb18030_and_xlsx_is_the_same(tmp_path):
    from_csv = tmp_path / "csv.db"
    import_file(from_csv, sample_csv)
    expected = snapshot(from_csv)
    assert len(expected) > 20

    gb = tmp_path / "linchuan-county-gb18030.csv"
    gb.write_bytes(sample_csv.read_bytes().decode("utf-8-sig").encode("gb18030"))
    from_gb = tmp_path / "gb.db"
    import_file(from_gb, gb)
    assert snapshot(from_gb) == expected

    if sample_xlsx.exists():
        from_xlsx = tmp_path / "xlsx.db"
        import_file(from_xlsx, sample_xlsx)
        assert snapshot(from_xlsx) == expected


@needs_sample
@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_round_trip(tmp_path, fmt):
    db = tmp_path / "a.db"
    import_file(db, sample_csv)
    again = tmp_path / "b.db"
    import_file(again, export(db, fmt, tmp_path / f"out.{fmt}"))
    assert snapshot(again) == snapshot(db)


@needs_sample
def test_sample_csv_to_csv_reproduces_item_rows(tmp_path):
    db = tmp_path / "a.db"
    r = import_file(db, sample_csv)
    rows = list(csv.reader(io.StringIO(sample_csv.read_bytes().decode("utf-8-sig"), newline="")))
    out = list(
        csv.reader(io.StringIO(export(db, "csv", tmp_path / "out.csv").read_bytes().decode("utf-8-sig"), newline=""))
    )
    codes = {d["code"] for d in snapshot(db)}
    width = len(out[0])
    assert [r[:width] for r in rows if r and r[0] in codes] == out[1:]
    assert "section heading" in r.output


@needs_sample
def test_sample_xlsx_readable_as_written(tmp_path):
    if not sample_xlsx.exists():
        pytest.skip("no catalogs/samples/linchuan-county.xlsx")
    wb = openpyxl.load_workbook(sample_xlsx, read_only=True)
    assert wb.sheetnames
    wb.close()


def test_xlsx_export_refuses_a_cell_excel_cannot_hold(tmp_path):
    db = tmp_path / "a.db"
    write_csv(tmp_path / "h.csv", [["code", "name", "procedure"], ["001", "甲", "短"], ["002", "乙", "长" * 40_000]])
    import_file(db, tmp_path / "h.csv")
    target = tmp_path / "out.xlsx"
    r = CliRunner().invoke(
        app, ["--db", str(db), "export", "--draft", "--format", "xlsx", "-o", str(target)], env={"COLUMNS": "400"}
    )
    assert r.exit_code == 2
    assert "002" in r.output and "procedure" in r.output and "32767" in r.output
    assert not target.exists() and list(tmp_path.glob(".*.part")) == []
    export(db, "csv", tmp_path / "out.csv")  # CSV holds it


# --- real data nobody here wrote -----------------------------------------------------------------

realdata_csv = ROOT.parent / "shared" / "realdata" / "sichuan-guangan-511602-items.csv"


@pytest.mark.skipif(not realdata_csv.exists(), reason="no real data")
@pytest.mark.parametrize("fmt", FORMATS)
def test_real_catalogue_round_trip(tmp_path, fmt):
    """A county list with its own headers (item_code, department, …), read through --map."""
    db = tmp_path / "a.db"
    r = import_file(db, realdata_csv, "--map", "code=item_code")
    assert "added 1135," in r.output
    items = snapshot(db)
    assert items[0]["department"] == "区经信局" and "dept_code" in items[0]
    again = tmp_path / "b.db"
    # the sheet formats keep the file's own headers, so reading them back takes the same --map
    import_file(again, export(db, fmt, tmp_path / f"out.{fmt}"), "--map", "code=item_code")
    assert snapshot(again) == items
