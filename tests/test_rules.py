"""Each audit rule of RULES.md, where it must fire and where it must not.

The tables of cases are the case files tests/rules/<rule-id>.toml, run by `test_rule_case` below; the
tests here are those that do not fit a table (several rules at once, the registry, exact thresholds).

Items are built from cell text with the real parsers; the reference is TOML written into a temporary
directory and read with load_reference, so that every case goes through the real loader.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest
from conftest import write_reference
from rule_cases import (
    AS_OF,
    BASE_FEES,
    BASE_INSTRUMENTS,
    CASES,
    CLEAN,
    LAW,
    cancelled,
    case_rules,
    catalogue,
    defective_fields,
    fee,
    instrument,
    write_defective_reference,
)

from itemclean.audit import run_rules
from itemclean.model import Item
from itemclean.parsing import parse_basis, parse_fees, parse_limit, split_list
from itemclean.rules import REGISTRY, load_reference

MESSAGES = {rid: r.texts for rid, r in REGISTRY.items()}  # rule id → language → (template, suggestion)

RULE_IDS = case_rules()  # every rule has its case file: test_the_registry_holds_the_rules_of_the_case_files

# The rules of RULES.md's tables, in their order, with their default severity.
RULES_MD = {
    "basis-missing": "error",
    "basis-cannot-set": "error",
    "basis-repealed": "error",
    "basis-unknown": "warning",
    "basis-no-article": "info",
    "basis-provincial-rule-expired": "warning",
    "materials-missing": "error",
    "materials-catch-all": "error",
    "materials-duplicate": "warning",
    "fee-no-basis": "error",
    "fee-not-in-catalogue": "error",
    "fee-floating": "warning",
    "fee-above-standard": "error",
    "limit-missing": "warning",
    "limit-unparsed": "warning",
    "limit-promise-missing": "warning",
    "limit-promise-exceeds-statutory": "error",
    "limit-promise-not-reduced": "warning",
    "department-missing": "error",
    "procedure-missing": "warning",
    "item-cancelled": "error",
    "item-duplicate-name": "warning",
}


# --- building a reference and items ------------------------------------------------------------


def make_ref(tmp_path, *, instruments=(), fees=None, extra_fees=(), cancel=(), policy=None, base=True):
    """A reference directory under tmp_path, loaded with the real loader."""
    return load_reference(
        write_reference(
            tmp_path / "reference",
            instruments="\n".join([*(BASE_INSTRUMENTS if base else []), *instruments]),
            fees=BASE_FEES if fees is None else fees,
            cancelled="\n".join(cancel),
            policy=policy,
            extra={f"fees-extra{i}.toml": text for i, text in enumerate(extra_fees)},
        )
    )


@pytest.fixture
def ref(tmp_path):
    return make_ref(tmp_path)


def item(**fields) -> Item:
    """A clean item (no rule fires on it, rule_cases.CLEAN) unless a field is given otherwise."""
    f = {**CLEAN, **fields}
    return Item(
        code=f["code"],
        name=f["name"],
        department=f["department"],
        category=f["category"],
        basis=parse_basis(f["basis"]),
        materials=split_list(f["materials"]),
        procedure=f["procedure"],
        statutory_limit=parse_limit(f["statutory"]),
        promised_limit=parse_limit(f["promised"]),
        fees=parse_fees(f["fees"]),
    )


def audit(items, ref, as_of=AS_OF, lang="zh", only=None):
    if isinstance(items, Item):
        items = [items]
    findings, _, _ = run_rules(items, ref, as_of, lang=lang, only=only)
    return findings


def fired(rule_id, it, ref, as_of=AS_OF, lang="zh"):
    """The findings of one rule (run alone) on one item or a list of items."""
    assert rule_id in REGISTRY
    return audit(it, ref, as_of, lang, only=[rule_id])


def fires(rule_id, it, ref, as_of=AS_OF) -> bool:
    return bool(fired(rule_id, it, ref, as_of))


# --- the rule set ------------------------------------------------------------------------------


def test_the_registry_holds_the_rules_of_the_case_files():
    assert sorted(REGISTRY) == RULE_IDS


def test_the_registry_holds_the_rules_of_rules_md_in_its_order():
    assert [rid for rid in REGISTRY if rid in RULES_MD] == list(RULES_MD)


def test_default_severities_are_those_of_rules_md():
    for rid, severity in RULES_MD.items():
        assert REGISTRY[rid].severity == severity, rid


def test_a_clean_item_fires_no_rule(ref):
    assert audit(item(), ref) == []


def test_every_rule_id_has_chinese_and_english_text():
    assert set(MESSAGES) == set(RULE_IDS)
    for rid in RULE_IDS:
        for lang in ("zh", "en"):
            message, suggestion = MESSAGES[rid][lang]
            assert message.strip() and suggestion.strip(), (rid, lang)
        assert MESSAGES[rid]["zh"] != MESSAGES[rid]["en"]
        assert re.search(r"[\u4e00-\u9fff]", MESSAGES[rid]["zh"][0]), rid


def test_findings_carry_the_contract_fields(ref):
    f = fired("basis-unknown", item(basis="《不存在的条例》第三条"), ref)[0]
    d = f.as_dict()
    assert {k: d[k] for k in ("code", "rule", "severity", "field")} == {
        "code": "A001",
        "rule": "basis-unknown",
        "severity": "warning",
        "field": "basis",
    }
    assert "《不存在的条例》第三条" in d["message"]
    assert d["suggestion"] == MESSAGES["basis-unknown"]["zh"][1]


# --- basis-cannot-set --------------------------------------------------------------------------


def test_basis_cannot_set_names_each_instrument_once(ref):
    found = fired("basis-cannot-set", item(basis="《某部门管理办法》第五条；《某部门管理办法》第六条"), ref)
    assert found[0].message.count("某部门管理办法") == 1


def test_basis_cannot_set_does_not_fire_with_one_unknown_citation(ref):
    assert not fires("basis-cannot-set", item(basis="《某部门管理办法》第五条；《不存在的条例》第一条"), ref)
    # a citation without 《》 is unknown too
    assert not fires("basis-cannot-set", item(basis="《某部门管理办法》第五条；行政许可法第十二条"), ref)


def test_a_repealed_law_still_counts_as_a_setting_level(tmp_path):
    ref = make_ref(tmp_path, instruments=[instrument("中华人民共和国旧法", "law", repealed=dt.date(2020, 1, 1))])
    it = item(basis="《中华人民共和国旧法》第三条；《某部门管理办法》第五条")
    assert not fires("basis-cannot-set", it, ref)
    assert [f.entry for f in fired("basis-repealed", it, ref)] == ["《中华人民共和国旧法》第三条"]


def test_a_provincial_rule_is_a_setting_level_for_cannot_set(tmp_path):
    ref = make_ref(
        tmp_path, instruments=[instrument("江岭省某某管理办法", "provincial_rule", effective=dt.date(2010, 1, 1))]
    )
    assert not fires("basis-cannot-set", item(basis="《江岭省某某管理办法》第三条"), ref)


# --- basis-repealed ----------------------------------------------------------------------------


def repealed_ref(tmp_path, day):
    return make_ref(tmp_path, instruments=[instrument("中华人民共和国旧法", "law", aliases=["旧法"], repealed=day)])


def test_basis_repealed_fires_on_the_repeal_date(tmp_path):
    ref = repealed_ref(tmp_path, AS_OF)
    found = fired("basis-repealed", item(basis="《中华人民共和国旧法》第三条"), ref)
    assert len(found) == 1
    assert found[0].severity == "error" and found[0].entry == "《中华人民共和国旧法》第三条"
    assert "2026-12-01" in found[0].message and "《中华人民共和国旧法》第三条" in found[0].message


def test_basis_repealed_fires_after_the_repeal_date(tmp_path):
    assert fires("basis-repealed", item(basis="《旧法》第三条"), repealed_ref(tmp_path, dt.date(2005, 1, 1)))


def test_basis_repealed_does_not_fire_the_day_before_the_repeal(tmp_path):
    ref = repealed_ref(tmp_path, AS_OF + dt.timedelta(days=1))
    assert not fires("basis-repealed", item(basis="《中华人民共和国旧法》第三条"), ref)
    assert fires("basis-repealed", item(basis="《中华人民共和国旧法》第三条"), ref, AS_OF + dt.timedelta(days=1))


def test_basis_repealed_gives_one_finding_per_citation(tmp_path):
    ref = repealed_ref(tmp_path, dt.date(2020, 1, 1))
    it = item(basis=f"《中华人民共和国旧法》第三条；《{LAW}》第十二条；《旧法》第五条")
    assert [f.entry for f in fired("basis-repealed", it, ref)] == ["《中华人民共和国旧法》第三条", "《旧法》第五条"]


def test_basis_repealed_ignores_unknown_and_in_force_instruments(ref):
    assert not fires("basis-repealed", item(basis=f"《不存在的法》第一条；《{LAW}》第十二条"), ref)


# --- basis-unknown -----------------------------------------------------------------------------


def test_inner_angle_marks_and_book_title_marks_compare_equal(tmp_path):
    ref = make_ref(
        tmp_path,
        instruments=[
            instrument("江岭省实施《中华人民共和国森林法》办法", "local_regulation", effective=dt.date(2001, 1, 1))
        ],
    )
    for title in (
        "江岭省实施〈中华人民共和国水土保持法〉办法",
        "江岭省实施《中华人民共和国水土保持法》办法",
        "江岭省实施〈中华人民共和国森林法〉办法",
        "江岭省实施《中华人民共和国森林法》办法",
    ):
        assert not fires("basis-unknown", item(basis=f"《{title}》第八条"), ref), title
    assert fires("basis-unknown", item(basis="《江岭省实施〈中华人民共和国草原法〉办法》第八条"), ref)


def test_basis_unknown_gives_one_finding_per_unknown_citation(ref):
    it = item(basis=f"《不存在的条例》第一条、《{LAW}》第十二条、《另一个不存在的办法》第二条；无依据")
    assert [f.entry for f in fired("basis-unknown", it, ref)] == [
        "《不存在的条例》第一条、",
        "《另一个不存在的办法》第二条",
        "无依据",
    ]


def test_a_certificate_in_book_title_marks_is_an_unknown_citation(ref):
    found = fired("basis-unknown", item(basis="《道路运输条例》规定的《道路运输经营许可证》"), ref)
    assert [f.entry for f in found] == ["《道路运输条例》规定的", "《道路运输经营许可证》"]


# --- basis-no-article --------------------------------------------------------------------------


def test_basis_no_article_gives_one_finding_per_citation(ref):
    it = item(basis=f"《{LAW}》和《食品安全法》第三十五条；《城市市容和环境卫生管理条例》")
    assert [f.entry for f in fired("basis-no-article", it, ref)] == [f"《{LAW}》和", "《城市市容和环境卫生管理条例》"]


# --- basis-provincial-rule-expired -------------------------------------------------------------


def provincial_ref(tmp_path, *rules, more=()):
    insts = [instrument(title, "provincial_rule", effective=eff, repealed=rep) for title, eff, rep in rules]
    return make_ref(tmp_path, instruments=[*insts, *more])


def test_provincial_rule_exactly_one_year_old_does_not_fire(tmp_path):
    ref = provincial_ref(tmp_path, ("江岭省甲管理办法", dt.date(2025, 12, 1), None))
    assert not fires("basis-provincial-rule-expired", item(basis="《江岭省甲管理办法》第三条"), ref)


def test_provincial_rule_one_day_older_fires(tmp_path):
    ref = provincial_ref(tmp_path, ("江岭省甲管理办法", dt.date(2025, 11, 30), None))
    found = fired("basis-provincial-rule-expired", item(basis="《江岭省甲管理办法》第三条"), ref)
    assert len(found) == 1 and found[0].severity == "warning"
    assert "江岭省甲管理办法" in found[0].message and "2025-11-30" in found[0].message


def test_provincial_rule_on_29_february(tmp_path):
    leap = dt.date(2028, 2, 29)
    young = provincial_ref(tmp_path, ("江岭省甲管理办法", dt.date(2027, 2, 28), None))
    assert not fires("basis-provincial-rule-expired", item(basis="《江岭省甲管理办法》第三条"), young, leap)
    old = make_ref(
        tmp_path, instruments=[instrument("江岭省甲管理办法", "provincial_rule", effective=dt.date(2027, 2, 27))]
    )
    assert fires("basis-provincial-rule-expired", item(basis="《江岭省甲管理办法》第三条"), old, leap)


def test_provincial_rule_effective_on_29_february_is_a_year_old_on_28_february(tmp_path):
    ref = provincial_ref(tmp_path, ("江岭省甲管理办法", dt.date(2024, 2, 29), None))
    it = item(basis="《江岭省甲管理办法》第三条")
    assert not fires("basis-provincial-rule-expired", it, ref, dt.date(2025, 2, 28))
    assert fires("basis-provincial-rule-expired", it, ref, dt.date(2025, 3, 1))


def test_provincial_rule_without_effective_date_never_counts(tmp_path):
    ref = provincial_ref(tmp_path, ("江岭省乙管理办法", None, None), ("江岭省甲管理办法", dt.date(2001, 1, 1), None))
    assert not fires("basis-provincial-rule-expired", item(basis="《江岭省乙管理办法》第三条"), ref)
    assert not fires(
        "basis-provincial-rule-expired", item(basis="《江岭省乙管理办法》第三条；《江岭省甲管理办法》第二条"), ref
    )


@pytest.mark.parametrize(
    "other",
    [
        f"《{LAW}》第十二条",
        "《城市市容和环境卫生管理条例》第十一条",
        "《江岭省实施〈中华人民共和国水土保持法〉办法》第八条",
    ],
)
def test_provincial_rule_with_another_setting_instrument_does_not_fire(tmp_path, other):
    ref = provincial_ref(tmp_path, ("江岭省甲管理办法", dt.date(2001, 1, 1), None))
    assert not fires("basis-provincial-rule-expired", item(basis=f"《江岭省甲管理办法》第三条；{other}"), ref)


def test_provincial_rule_with_non_setting_and_unknown_instruments_fires(tmp_path):
    ref = provincial_ref(tmp_path, ("江岭省甲管理办法", dt.date(2001, 1, 1), None))
    it = item(basis="《江岭省甲管理办法》第三条；《某部门管理办法》第五条；《不存在的条例》；临川县文件")
    assert len(fired("basis-provincial-rule-expired", it, ref)) == 1


def test_provincial_rule_expired_needs_every_provincial_rule_old(tmp_path):
    ref = provincial_ref(
        tmp_path, ("江岭省甲管理办法", dt.date(2001, 1, 1), None), ("江岭省乙管理办法", dt.date(2026, 6, 1), None)
    )
    assert not fires("basis-provincial-rule-expired", item(basis="《江岭省甲管理办法》；《江岭省乙管理办法》"), ref)
    assert fires("basis-provincial-rule-expired", item(basis="《江岭省甲管理办法》；《江岭省甲管理办法》第二条"), ref)
    twice = item(basis="《江岭省甲管理办法》；《江岭省甲管理办法》")
    assert len(fired("basis-provincial-rule-expired", twice, ref)) == 1


@pytest.mark.parametrize("category", ["行政确认", "非行政许可审批", ""])
def test_provincial_rule_expired_only_concerns_permits(tmp_path, category):
    ref = provincial_ref(tmp_path, ("江岭省甲管理办法", dt.date(2001, 1, 1), None))
    assert not fires("basis-provincial-rule-expired", item(category=category, basis="《江岭省甲管理办法》第三条"), ref)


def test_provincial_rule_expired_looks_only_at_instruments_in_force(tmp_path):
    ref = provincial_ref(
        tmp_path,
        ("江岭省甲管理办法", dt.date(2001, 1, 1), None),
        ("江岭省丙管理办法", dt.date(2001, 1, 1), AS_OF),
        more=[
            instrument("中华人民共和国旧法", "law", repealed=dt.date(2020, 1, 1)),
            instrument("中华人民共和国新法", "law", effective=dt.date(2027, 1, 1)),
        ],
    )
    # a repealed provincial rule is not in force: no setting instrument in force, nothing to report here
    assert not fires("basis-provincial-rule-expired", item(basis="《江岭省丙管理办法》第三条"), ref)
    # a repealed law or a law not yet in force leaves the provincial rule the only setting one in force
    assert fires("basis-provincial-rule-expired", item(basis="《江岭省甲管理办法》；《中华人民共和国旧法》"), ref)
    assert fires("basis-provincial-rule-expired", item(basis="《江岭省甲管理办法》；《中华人民共和国新法》"), ref)


def test_provincial_rule_not_yet_in_force_does_not_count(tmp_path):
    ref = provincial_ref(tmp_path, ("江岭省甲管理办法", dt.date(2027, 1, 1), None))
    assert not fires("basis-provincial-rule-expired", item(basis="《江岭省甲管理办法》第三条"), ref)


# --- materials-catch-all -----------------------------------------------------------------------

DEFAULT_PHRASES = [
    "其他材料",
    "其它材料",
    "其他相关材料",
    "其它相关材料",
    "其他有关材料",
    "其它有关材料",
    "要求的其他",
    "要求的其它",
    "认为需要的",
    "等材料",
]


@pytest.mark.parametrize("phrase", DEFAULT_PHRASES)
def test_materials_catch_all_fires_for_each_default_phrase(ref, phrase):
    material = f"审批机关{phrase}证明"
    found = fired("materials-catch-all", item(materials=f"申请书；{material}"), ref)
    assert [(f.severity, f.entry) for f in found] == [("error", material)]
    assert material in found[0].message


@pytest.mark.parametrize(
    "material", ["其 他 材 料", "其他\u3000相关材料", "法律法规要求的 其他 文件", "身份证、户口簿等 材料"]
)
def test_materials_catch_all_compares_normalised_text(ref, material):
    assert fires("materials-catch-all", item(materials=material), ref)


@pytest.mark.parametrize("material", ["申请书", "其他", "相关材料", "营业执照等", "其他人员名单"])
def test_materials_catch_all_does_not_fire_on_ordinary_materials(ref, material):
    assert not fires("materials-catch-all", item(materials=material), ref)


def test_materials_catch_all_gives_one_finding_per_material(ref):
    it = item(materials="申请书；其他材料；其他相关材料；营业执照")
    assert [f.entry for f in fired("materials-catch-all", it, ref)] == ["其他材料", "其他相关材料"]


def test_materials_catch_all_policy_phrases_replace_the_default(tmp_path):
    ref = make_ref(
        tmp_path,
        policy="""
        [rules.materials-catch-all]
        phrases = ["另附 说明", "ＸＹＺ"]
        """,
    )
    assert not fires("materials-catch-all", item(materials="其他材料"), ref)
    assert fires("materials-catch-all", item(materials="另附说明一份"), ref)
    assert fires("materials-catch-all", item(materials="XYZ证明"), ref)  # NFKC on both sides


def test_materials_catch_all_with_an_empty_phrase_list_never_fires(tmp_path):
    ref = make_ref(tmp_path, policy="[rules.materials-catch-all]\nphrases = []\n")
    assert not fires("materials-catch-all", item(materials="其他材料；等材料"), ref)


# --- materials-duplicate -----------------------------------------------------------------------


def test_materials_duplicate_gives_one_finding_per_repeat(ref):
    found = fired("materials-duplicate", item(materials="申请书；营业执照；申请书；申请书"), ref)
    assert [(f.severity, f.entry) for f in found] == [("warning", "申请书"), ("warning", "申请书")]


@pytest.mark.parametrize(
    "a,b",
    [
        ("营业执照复印件", "营业执照 复印件"),
        ("申请表", "《申请表》"),
        ("ＡＢＣ证明", "ABC证明"),
        ("身份证", "\u3000身份证"),
    ],
)
def test_materials_duplicate_compares_normalised_names(ref, a, b):
    assert [f.entry for f in fired("materials-duplicate", item(materials=f"{a}\n{b}"), ref)] == [b.strip()]


def test_materials_duplicate_does_not_fire_on_distinct_materials(ref):
    assert not fires("materials-duplicate", item(materials="申请书；申请书复印件；身份证"), ref)


# --- fees: no charge fires none of them ---------------------------------------------------------

FEE_RULES = ["fee-no-basis", "fee-not-in-catalogue", "fee-floating", "fee-above-standard"]


@pytest.mark.parametrize("standard", ["免费", "不收费", "免收", "不收取", "0", "0元", "0元/次", "0.00元"])
def test_a_free_fee_fires_none_of_the_fee_rules(ref, standard):
    it = item(fees=f"自定收费项目|{standard}|")
    assert it.fees, "the entry is a fee whose standard is free"
    found = [f for f in audit(it, ref) if f.rule in FEE_RULES]
    assert found == []


# --- fee-no-basis ------------------------------------------------------------------------------


def test_fee_no_basis_gives_one_finding_per_fee(ref):
    it = item(fees="档案查询费|20元/次|\n不动产登记费|80元/件|有依据\n土地复垦费")
    assert [f.entry for f in fired("fee-no-basis", it, ref)] == ["档案查询费", "土地复垦费"]


# --- fee-not-in-catalogue ----------------------------------------------------------------------


def test_fee_not_in_catalogue_fires_for_a_locally_set_charge(ref):
    found = fired("fee-not-in-catalogue", item(fees="资料工本费|10元/份|县文件"), ref)
    assert [(f.severity, f.entry) for f in found] == [("error", "资料工本费")]


@pytest.mark.parametrize("name", ["不动产登记费", "房屋登记费", "不动产 登记费", "《不动产登记费》", "土地复垦费"])
def test_fee_not_in_catalogue_matches_names_and_aliases(ref, name):
    assert not fires("fee-not-in-catalogue", item(fees=f"{name}|80元/件|依据"), ref)


def test_fee_not_in_catalogue_reads_every_fee_catalogue(tmp_path):
    ref = make_ref(
        tmp_path,
        extra_fees=[
            catalogue(
                "江岭省行政事业性收费目录清单",
                "provincial",
                fee("城市道路占用费", "10～30元/平方米·月", aliases=["占道费"]),
            )
        ],
    )
    assert not fires("fee-not-in-catalogue", item(fees="占道费|20元/平方米·月|岭价费〔2016〕88号"), ref)
    assert not fires("fee-not-in-catalogue", item(fees="档案查询费|20元/次|依据"), ref)
    assert fires("fee-not-in-catalogue", item(fees="资料工本费|10元/份|依据"), ref)


# --- fee-above-standard ------------------------------------------------------------------------


def above(ref, standard, name="不动产登记费"):
    return fired("fee-above-standard", item(fees=f"{name}|{standard}|依据"), ref)


def test_fee_above_standard_fires_above_the_standard(ref):
    found = above(ref, "90元/件")
    assert [(f.severity, f.entry) for f in found] == [("error", "不动产登记费")]
    assert "90元/件" in found[0].message and "80元/件" in found[0].message


@pytest.mark.parametrize("standard", ["80元/件", "80/件", "80 元/ 件", "79.5元/件", "50-80元/件", "80.00元/件"])
def test_fee_above_standard_does_not_fire_at_or_below_the_standard(ref, standard):
    assert not above(ref, standard)


def test_fee_above_standard_compares_the_upper_end_of_a_range(ref):
    assert above(ref, "50-90元/件")
    assert above(ref, "80.01元/件")


@pytest.mark.parametrize("standard", ["100元", "100元/次", "100"])
def test_fee_above_standard_does_not_compare_another_unit(ref, standard):
    assert not above(ref, standard)


def test_fee_above_standard_matches_by_alias(ref):
    assert above(ref, "90元/件", name="房屋登记费")


def test_fee_above_standard_ignores_a_catalogue_entry_without_standard(ref):
    assert not above(ref, "100000元", name="土地复垦费")


def test_fee_above_standard_ignores_a_text_standard(ref):
    assert not above(ref, "按规定标准收取")


@pytest.mark.parametrize("catalogue_standard", ["0元", "0", "免费"])
def test_a_catalogue_standard_of_zero_allows_nothing_above_zero(tmp_path, catalogue_standard):
    ref = make_ref(
        tmp_path, fees=catalogue("全国行政事业性收费目录清单", "national", fee("证书费", catalogue_standard))
    )
    assert above(ref, "1元", name="证书费")
    assert above(ref, "0.01", name="证书费")
    assert not above(ref, "0元", name="证书费")  # free: no fee rule at all


def test_fee_above_standard_must_exceed_every_matching_standard(tmp_path):
    ref = make_ref(
        tmp_path,
        extra_fees=[
            catalogue(
                "江岭省行政事业性收费目录清单",
                "provincial",
                fee("不动产登记费", "100元/件"),
                fee("不动产登记费", "5元/平方米"),
            )
        ],
    )
    assert not above(ref, "90元/件")
    found = above(ref, "120元/件")
    assert len(found) == 1 and "100元/件" in found[0].message


def test_fee_above_standard_against_a_catalogue_range(tmp_path):
    ref = make_ref(
        tmp_path,
        fees=catalogue(
            "江岭省行政事业性收费目录清单", "provincial", fee("防空地下室易地建设费", "1200～2000元/平方米")
        ),
    )
    assert not above(ref, "2000元/平方米", name="防空地下室易地建设费")
    assert above(ref, "2100元/平方米", name="防空地下室易地建设费")
    assert above(ref, "1500-2500元/平方米", name="防空地下室易地建设费")


def test_fee_above_standard_does_not_fire_outside_the_catalogue(ref):
    assert not above(ref, "100000元", name="资料工本费")


# --- limit-promise-not-reduced -----------------------------------------------------------------


def not_reduced(ref, statutory, promised):
    return fired("limit-promise-not-reduced", item(statutory=str(statutory), promised=str(promised)), ref)


def test_limit_promise_not_reduced_at_exactly_half_does_not_fire(ref):
    assert not not_reduced(ref, 20, 10)


def test_limit_promise_not_reduced_just_above_half_fires(ref):
    found = not_reduced(ref, 20, 11)
    assert [(f.severity, f.field) for f in found] == [("warning", "promised_limit")]
    assert "50%" in found[0].message


@pytest.mark.parametrize(
    "statutory,promised,expected",
    [
        (20, 20, True),
        (20, 21, False),
        (20, 9, False),
        (0, 0, False),
        (1, 1, True),
        (1, 0, False),
        (3, 2, True),
        (20, "", False),
        ("", 5, False),
    ],
)
def test_limit_promise_not_reduced_default_threshold(ref, statutory, promised, expected):
    assert bool(not_reduced(ref, statutory, promised)) is expected


def test_limit_promise_not_reduced_with_policy_threshold_is_exact(tmp_path):
    ref = make_ref(tmp_path, policy="[rules.limit-promise-not-reduced]\nmin_reduction = 0.3\n")
    assert not not_reduced(ref, 10, 7)  # 7 > 10 × 0.7 = 7.0 is false
    assert not_reduced(ref, 10, 8)
    found = not_reduced(ref, 10, 8)
    assert "30%" in found[0].message


def test_limit_promise_not_reduced_threshold_where_floats_go_wrong(tmp_path):
    # in binary floats 10 × (1 − 0.9) is 0.9999999999999998, so 1 would look above it
    ref = make_ref(tmp_path, policy="[rules.limit-promise-not-reduced]\nmin_reduction = 0.9\n")
    assert not not_reduced(ref, 10, 1)
    assert not_reduced(ref, 10, 2)


@pytest.mark.parametrize(
    "value,statutory,promised,expected",
    [
        ("0", 20, 20, False),
        ("0", 20, 19, False),
        ("1", 20, 1, True),
        ("1", 20, 0, False),
        ("0.25", 20, 15, False),
        ("0.25", 20, 16, True),
    ],
)
def test_limit_promise_not_reduced_threshold_ends(tmp_path, value, statutory, promised, expected):
    ref = make_ref(tmp_path, policy=f"[rules.limit-promise-not-reduced]\nmin_reduction = {value}\n")
    assert bool(not_reduced(ref, statutory, promised)) is expected


# --- item-cancelled ----------------------------------------------------------------------------


@pytest.fixture
def cancel_ref(tmp_path):
    return make_ref(
        tmp_path,
        cancel=[cancelled("户外广告登记"), cancelled("某某ＡＢＣ资格认定", code="LC-009", by="国发〔2015〕11号")],
    )


@pytest.mark.parametrize(
    "name",
    [
        "户外广告登记",
        "户外广告 登记",
        "户外广告\u3000登记",
        "《户外广告登记》",
        " 户外广告登记 ",
        "某某ABC资格认定",
        "某某 ＡＢＣ 资格认定",
    ],
)
def test_item_cancelled_fires_by_normalised_name(cancel_ref, name):
    found = fired("item-cancelled", item(code="X1", name=name), cancel_ref)
    assert [(f.severity, f.field) for f in found] == [("error", "name")]


def test_item_cancelled_message_names_the_decision(cancel_ref):
    found = fired("item-cancelled", item(name="户外广告登记"), cancel_ref)
    assert "国发〔2016〕9号" in found[0].message


def test_item_cancelled_without_a_decision_still_reads(tmp_path):
    ref = make_ref(tmp_path, cancel=['[[cancelled]]\nname = "户外广告登记"\n'])
    zh = fired("item-cancelled", item(name="户外广告登记"), ref)[0].message
    en = fired("item-cancelled", item(name="户外广告登记"), ref, lang="en")[0].message
    assert "（）" not in zh and "()" not in en


def test_item_cancelled_fires_by_code(cancel_ref):
    found = fired("item-cancelled", item(code="LC-009", name="全然不同的名称"), cancel_ref)
    assert len(found) == 1 and "国发〔2015〕11号" in found[0].message


def test_item_cancelled_fires_once_when_name_and_code_both_match(cancel_ref):
    assert len(fired("item-cancelled", item(code="LC-009", name="某某ABC资格认定"), cancel_ref)) == 1


@pytest.mark.parametrize(
    "code,name", [("X1", "户外广告登记（变更）"), ("X1", "户外广告"), ("LC-0091", "某审批"), ("", "某审批")]
)
def test_item_cancelled_does_not_fire_otherwise(cancel_ref, code, name):
    assert not fires("item-cancelled", item(code=code or "X1", name=name), cancel_ref)


def test_an_entry_without_code_matches_no_code(tmp_path):
    ref = make_ref(tmp_path, cancel=[cancelled("户外广告登记", code="")])
    assert not fires("item-cancelled", item(code="", name="某审批"), ref)


# --- item-duplicate-name -----------------------------------------------------------------------


def test_item_duplicate_name_fires_on_each_of_the_items(ref):
    items = [
        item(code="A1", name="食品经营许可"),
        item(code="A2", name="药品经营许可"),
        item(code="A3", name="食品经营 许可"),
        item(code="A4", name="《食品经营许可》"),
    ]
    found = fired("item-duplicate-name", items, ref)
    assert [(f.code, f.severity, f.field) for f in found] == [
        ("A1", "warning", "name"),
        ("A3", "warning", "name"),
        ("A4", "warning", "name"),
    ]
    assert "A3" in found[0].message and "A4" in found[0].message and "A1" not in found[0].message


@pytest.mark.parametrize(
    "lang,first,last",
    [
        ("zh", "与 A02、A03 等 41 项同名", "与 A01、A02 等 41 项同名"),
        ("en", "the same name as A02, A03 and 39 more (41 items)", "the same name as A01, A02 and 39 more (41 items)"),
    ],
)
def test_item_duplicate_name_names_a_few_others_and_counts_them(ref, lang, first, last):
    items = [item(code=f"A{i:02d}", name="食品经营许可") for i in range(1, 43)]
    found = fired("item-duplicate-name", items, ref, lang=lang)
    assert len(found) == 42
    assert (found[0].message, found[-1].message) == (first, last)
    assert found[1].message.startswith("与 A01、A03 等" if lang == "zh" else "the same name as A01, A03 and")


@pytest.mark.parametrize(
    "lang,message", [("zh", "与 A2、A3 同名"), ("en", "the same name as A2, A3")], ids=["zh", "en"]
)
def test_item_duplicate_name_in_a_group_of_three_names_both_others(ref, lang, message):
    items = [item(code=f"A{i}", name="食品经营许可") for i in (1, 2, 3)]
    assert fired("item-duplicate-name", items, ref, lang=lang)[0].message == message


def test_item_duplicate_name_does_not_fire_on_distinct_names(ref):
    items = [item(code="A1", name="食品经营许可"), item(code="A2", name="食品经营许可（延续）")]
    assert not fired("item-duplicate-name", items, ref)


def test_item_duplicate_name_findings_stay_in_catalogue_order(ref):
    items = [item(code="A1", name="甲", department=""), item(code="A2", name="甲", department="")]
    found = audit(items, ref)
    assert [(f.code, f.rule) for f in found] == [
        ("A1", "department-missing"),
        ("A1", "item-duplicate-name"),
        ("A2", "department-missing"),
        ("A2", "item-duplicate-name"),
    ]


# --- all rules together ------------------------------------------------------------------------


def defective_catalogue() -> list[Item]:
    """The items of the first must-fire case of every rule (in the registry's order), D1, D2, …"""
    return [item(**f) for f in defective_fields(REGISTRY)]


def full_ref(tmp_path):
    """The reference those cases need, their additions put together."""
    return load_reference(write_defective_reference(tmp_path / "reference", REGISTRY))


def test_every_rule_fires_somewhere_on_a_defective_catalogue(tmp_path):
    found = audit(defective_catalogue(), full_ref(tmp_path))
    assert {f.rule for f in found} == set(RULE_IDS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_message_formats_in_both_languages(tmp_path, lang):
    found = audit(defective_catalogue(), full_ref(tmp_path), lang=lang)
    for f in found:
        message, suggestion = MESSAGES[f.rule][lang]
        assert f.suggestion == suggestion
        assert "{" not in f.message and "}" not in f.message
        fixed = re.split(r"\{[a-z]+\}", message)
        assert all(part in f.message for part in fixed), (f.rule, f.message)


def test_findings_are_in_catalogue_order_then_rule_order(tmp_path):
    found = audit(defective_catalogue(), full_ref(tmp_path))
    codes = [f.code for f in found]
    assert codes == sorted(codes, key=lambda c: int(c[1:]))
    for code in set(codes):
        rules = [list(REGISTRY).index(f.rule) for f in found if f.code == code]
        assert rules == sorted(rules)


def case_ref(tmp_path, reference: dict):
    return make_ref(
        tmp_path,
        instruments=[reference.get("instruments", "")],
        extra_fees=[reference["fees"]] if "fees" in reference else (),
        cancel=[reference.get("cancelled", "")],
        policy=reference.get("policy"),
    )


def test_every_registered_rule_has_a_case_file_with_fire_and_no_fire_cases():
    kinds = {(c.rule, c.kind) for c in CASES}
    assert {c.rule for c in CASES} == set(REGISTRY)
    for rid in REGISTRY:
        assert (rid, "fire") in kinds and (rid, "no-fire") in kinds, rid


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_rule_case(tmp_path, case):
    found = fired(case.rule, [item(**f) for f in case.items], case_ref(tmp_path, case.reference), case.as_of, case.lang)
    assert all(f.rule == case.rule for f in found)
    got = [f.as_dict() for f in found]
    assert len(got) == len(case.findings), (case.why, [g["message"] for g in got])
    for g, want in zip(got, case.findings):
        for key, value in want.items():
            if key == "contains":
                assert all(word in g["message"] for word in value), (case.why, g["message"], value)
            else:
                assert g[key] == value, (case.why, key, g)


def test_the_shipped_policy_repeats_no_default():
    """A default written into policy.toml would hide a change of the default: the file holds only changes."""
    data = tomllib.loads((Path(__file__).parents[1] / "itemclean" / "catalogs" / "policy.toml").read_text("utf-8"))
    for rid, table in data["rules"].items():
        r = REGISTRY[rid]
        defaults = {"enabled": True, "severity": r.severity, **{k: p.default for k, p in r.params.items()}}
        for key, value in table.items():
            value = r.params[key].convert(value) if key in r.params else value
            assert value != defaults[key], f"[rules.{rid}] {key} repeats the default"
