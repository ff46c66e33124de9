"""What a large audit looks up once rather than once an item (the instrument of a title, the cancelled items
by their first characters, the catch-all phrase of a material, each rule's message texts) gives the findings
it gave when looked up each time: here at and past the bounds of what is kept, and against the findings of
one rule at a time."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, Cli
from rule_cases import AS_OF, cancelled
from test_rules import fired, item, make_ref

from itemclean import audit_pool, reference
from itemclean.audit import run_rules, selected_rules
from itemclean.paths import default_reference
from itemclean.rules import Context, load_reference, materials
from itemclean.store import Store


@pytest.mark.parametrize(
    "listed,name",
    [
        ("⼾外广告登记", "戶外广告登记"),  # a Kangxi radical in the list: its normal form starts with 戶
        ("戶外广告登记", "⼾外广告登记"),  # and in the item's name
        ("ＡＢＣ资格认定", "ABC资格认定"),
        ("《某某条例》规定的审批", "《某某条例》规定的审批"),  # the marks stay: they do not enclose it all
        ("户外广告登记", "\u3000户外广告登记"),
    ],
)
def test_a_cancelled_name_is_found_whatever_its_first_character(tmp_path, listed, name):
    ref = make_ref(tmp_path, cancel=[cancelled(listed)])
    assert [f.rule for f in fired("item-cancelled", item(code="X1", name=name), ref)] == ["item-cancelled"]


def test_a_name_of_another_first_character_is_no_cancelled_item_but_its_code_may_be(tmp_path):
    ref = make_ref(tmp_path, cancel=[cancelled("户外广告登记", code="LC-1")])
    assert not fired("item-cancelled", item(code="X1", name="外户广告登记"), ref)
    assert len(fired("item-cancelled", item(code=" LC-1 ", name="外户广告登记"), ref)) == 1


def test_instruments_are_found_past_the_titles_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(reference, "TITLES_KEPT", 2)
    ref = make_ref(tmp_path)
    titles = ["行政许可法", "中华人民共和国食品安全法", "《某部门管理办法》", "没有这部法", "食品安全法"]
    want = [ref.instruments.get(reference.norm_title(t)) for t in titles]
    for _ in range(3):
        assert [ref.instrument(t) for t in titles] == want
        assert len(ref._named) <= 2
    assert want[0].title == "中华人民共和国行政许可法" and want[3] is None


def test_catch_all_phrases_are_found_past_the_materials_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(materials, "MATERIALS_KEPT", 1)
    ref = make_ref(tmp_path)
    it = item(materials="申请书\n其他相关材料\n营业执照\n其它材料\n其他相关材料")
    for _ in range(2):
        found = fired("materials-catch-all", it, ref)
        assert [(f.entry, f.message) for f in found] == [
            ("其他相关材料", "申请材料含兜底条款（其他相关材料）：其他相关材料"),
            ("其它材料", "申请材料含兜底条款（其它材料）：其它材料"),
            ("其他相关材料", "申请材料含兜底条款（其他相关材料）：其他相关材料"),
        ]


def test_each_audit_prepares_the_phrases_of_its_own_policy(tmp_path):
    mine = make_ref(tmp_path / "mine", policy='[rules.materials-catch-all]\nphrases = ["自备材料"]\n')
    default = make_ref(tmp_path / "default")
    it = item(materials="自备材料\n其他材料")
    for _ in range(2):
        assert [f.entry for f in fired("materials-catch-all", it, mine)] == ["自备材料"]
        assert [f.entry for f in fired("materials-catch-all", it, default)] == ["其他材料"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rows_of_a_share_are_the_findings_of_the_rules(tmp_path, lang):
    """item_rows (what a pool process sends back) holds what run_rules finds, item by item in rule order,
    with each finding's place among its item's."""
    cli = Cli(tmp_path / "a.db")
    assert cli("import", SAMPLE).exit_code == 0
    ref = load_reference(default_reference())
    per_item = [(r, s) for r, s in selected_rules(ref) if r.scope == "item"]
    with Store(cli.db) as s:
        cat = s.catalog(None)
        lo, hi = s.id_ranges(cat.id, 10**6)[0]
        items = list(s.iter_items(cat.id, ids=(lo, hi), cells=False))
        ctx = Context(reference=ref, as_of=AS_OF, lang=lang)
        rows = list(audit_pool.item_rows(items, per_item, ctx, cat.id, AS_OF.isoformat()))
    found, _, _ = run_rules(items, ref, AS_OF, lang=lang)
    found = [f for f in found if f.rule != "item-duplicate-name"]
    assert len(rows) == len(found) > 50
    assert {r[0] for r in rows} == {cat.id} and {r[8] for r in rows} == {AS_OF.isoformat()}
    assert [r[1:8] for r in rows] == [
        (f.code, f.rule, f.severity, f.field, f.entry, f.message, f.suggestion) for f in found
    ]
    places = audit_pool.first_places()
    for row, before in zip(rows, [None, *rows]):
        same = before is not None and before[1:3] == row[1:3]  # the same rule's next finding of the item
        assert row[9] == (before[9] + 1 if same else places[row[2]])
