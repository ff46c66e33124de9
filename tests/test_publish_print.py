"""The publication page's print layout and procedure flows, through `itemclean export --format html`."""

from __future__ import annotations

import json
import re
from html import escape as escape_html

import pytest
from conftest import REALDATA, SAMPLE

from itemclean.publish_print import flow_svg, steps

SICHUAN = REALDATA / "sichuan-guangan-511602-items.csv"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("申请—受理—审查—决定—送达", ["申请", "受理", "审查", "决定", "送达"]),
        ("受理→审查→决定", ["受理", "审查", "决定"]),
        ("受理－审核－审批－办结", ["受理", "审核", "审批", "办结"]),
        ("申请->受理->决定", ["申请", "受理", "决定"]),
        ("1.申请 2.受理 3.审查（含现场核查） 4.决定", ["申请", "受理", "审查（含现场核查）", "决定"]),
        ("网上申请；受理；作出决定", ["网上申请", "受理", "作出决定"]),
        ("申请\n受理\n决定", ["申请", "受理", "决定"]),
        ("申请人提交材料，窗口受理后当场或限时审查，符合条件的予以登记并发证", []),
        ("即时备案", []),
    ],
)
def test_procedure_steps(text, expected):
    assert steps(text) == expected


def test_flow_is_a_box_per_step_and_an_arrow_between():
    svg = flow_svg("申请—受理—审查—决定—送达")
    assert svg.count("<rect") == 5 and svg.count("<path") == 4
    assert 'aria-label="申请→受理→审查→决定→送达"' in svg and "<script" not in svg
    assert flow_svg("窗口受理后当场审查") == ""
    assert flow_svg('"申请<表>"—受理').count("&quot;申请&lt;表") == 2  # escaped in the label and in the box


def _print_rows(page: str) -> list[str]:
    table = page[page.index('<div class="print-only">') :]
    return re.findall(r'<tr><td class="n">(\d+)</td>', table)


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shipped sample is missing")
def test_sample_page_has_cards_for_the_screen_and_a_numbered_table_for_print(cli, tmp_path):
    assert cli("import", SAMPLE).exit_code == 0
    page_path = tmp_path / "目录.html"
    assert cli("export", "--draft", "--format", "html", "-o", page_path, "--lang", "zh").exit_code == 0
    page = page_path.read_text(encoding="utf-8")
    assert page.count("<article") == 178
    assert _print_rows(page) == [str(n) for n in range(1, 179)]
    assert page.count('<table class="compact">') == 23  # one per department, its name in the repeated header
    assert '@bottom-center { content: "第 " counter(page) " 页"' in page
    assert "不收费" in page and "未列收费" not in page
    flows = page.count('<svg class="flow"')
    procedures = [i["procedure"] for i in json.loads(cli("export", "--draft", "--format", "json").stdout)]
    assert flows == sum(1 for p in procedures if steps(p)) > 100


@pytest.mark.skipif(not REALDATA.exists(), reason="../shared/realdata is not beside the checkout")
def test_county_list_says_fees_not_listed_and_shows_its_own_columns(cli, tmp_path):
    assert cli("import", SICHUAN, "--map", "code=item_code").exit_code == 0
    page = cli("export", "--draft", "--format", "html", "--lang", "zh").stdout
    assert "未列收费" in page and "不收费" not in page
    table = page[page.index('<div class="print-only">') :]
    assert "<th>main_item</th>" in table and "<th>设定依据</th>" not in table  # no item gives a basis
    assert len(_print_rows(page)) == 1135
    assert "<dt>main_item</dt>" in page
    md = cli("export", "--draft", "--format", "md", "--lang", "zh").stdout
    assert "- 收费：未列收费" in md and "不收费" not in md


def test_the_page_in_english_has_no_chinese_but_the_data(cli, tmp_path):
    """--lang en: every word of the page around the items' own text is English (the page follows the language)."""
    assert cli("import", SAMPLE).exit_code == 0
    page = cli("export", "--draft", "--format", "html").stdout
    md = cli("export", "--draft", "--format", "md").stdout
    items = json.loads(cli("export", "--draft", "--format", "json").stdout)
    data = {str(v) for i in items for v in i.values() if isinstance(v, str)}
    data |= {m for i in items for m in i["materials"]} | {b for i in items for b in i["basis"]}
    data |= {f"{f['name']} {f['standard']}" for i in items for f in i["fees"]}
    data |= {f[k] for i in items for f in i["fees"] for k in ("name", "standard", "basis") if f.get(k)}
    assert page.startswith('<!doctype html>\n<html lang="en">') and '"Page " counter(page) ""' in page
    for text in (page, md):
        for cell in sorted(data, key=len, reverse=True):
            text = text.replace(escape_html(cell), "").replace(cell, "")
        assert not re.findall(r"[\u4e00-\u9fff]+", re.sub(r"<svg.*?</svg>", "", text, flags=re.S))
    assert "- Legal basis: " in md and "statutory " in md and "working draft (not approved), 178 items." in md
