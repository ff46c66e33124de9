"""What is wrong with a sheet's row is said in the user's language: Chinese by default, English on request."""

from __future__ import annotations

import json

import pytest
from conftest import Cli


@pytest.fixture
def bad(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "事项编码,事项名称,实施机关,法定时限\n001,,县局,\n0\x012,名称,县局,\n003,名称三,县局,5000\n", encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "zh",
            [
                "bad.csv:2:2: 事项名称 (name)为空",
                "事项编码“0\\x012”的第2个字符是不可见字符 U+0001，请删去",
                "法定时限 (statutory_limit)为5000个工作日：时限应在0至3650个工作日之间",
            ],
        ),
        (
            "en",
            [
                "bad.csv:2:2: 事项名称 (name) is empty",
                "the code '0\\x012' holds the invisible character U+0001",
                "法定时限 (statutory_limit) of 5000 working days: a time limit is from 0 to 3650 days",
            ],
        ),
    ],
)
def test_a_sheets_problems_in_the_users_language(tmp_path, bad, lang, words):
    r = Cli(tmp_path / "t.db", lang=lang)("import", bad)
    assert r.exit_code == 2
    for w in words:
        assert w in r.stderr


def test_a_json_items_problems_in_chinese(tmp_path):
    path = tmp_path / "items.json"
    path.write_text(
        json.dumps(
            [{"code": "001", "name": "甲", "materials": [1]}, {"code": "002", "name": "乙", "fees": "x", "notes": []}]
        ),
        encoding="utf-8",
    )
    r = Cli(tmp_path / "t.db", lang="zh")("import", path)
    assert r.exit_code == 2
    assert "申请材料 (materials)应为字符串数组" in r.stderr
    assert "备注 (notes)应为文字" in r.stderr
