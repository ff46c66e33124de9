"""The reports read the decision log an item at a time (states.item_states), never the whole log folded at once:
what they fold equals the fold of the whole log, item by item, on a log with replacements, undos, merges,
edits, fee removals taken back, overrides and a re-import; and no report asks the store for the whole log."""

from __future__ import annotations

import io
import json

import pytest
from conftest import header_line

from itemclean.model import FIELDS
from itemclean.states import fold, item_states
from itemclean.store import Store

HEADER = header_line(FIELDS[:10])
ROWS = [
    "0001,取水许可,县水利局,行政许可,《中华人民共和国水法》第七条,申请书,受理、审查、决定,20个工作日,10个工作日,无",
    "0002,林木采伐许可,县林业局,行政许可,《中华人民共和国森林法》第五十六条,申请书,受理、决定,20个工作日,8个工作日,"
    '"审图费|100元/件|县政府文件\n档案查询费|20元/次|"',
    '0003,网吧审批,县文化广电和旅游局,行政许可,,"申请书\n其他材料",受理,15个工作日,5个工作日,无',
    "0004,种子生产许可,县农业农村局,行政许可,《中华人民共和国种子法》第三十一条,申请书,受理、决定,20个工作日,10个工作日,无",
    "0005,采砂许可,县水利局,行政许可,《中华人民共和国水法》第三十九条,申请书,受理、决定,20个工作日,10个工作日,无",
]


@pytest.fixture
def logged(cli, tmp_path):
    """A log of every kind of entry, then a re-import that changes a decided item."""
    sheet = tmp_path / "c.csv"
    sheet.write_text(HEADER + "\r\n".join(ROWS) + "\r\n", encoding="utf-8-sig")
    rule = "basis-missing"
    steps = [
        ("import", sheet),
        ("audit", "--as-of", "2026-12-01", "-o", "-"),
        ("decide", "0001", "--keep"),
        ("decide", "0001", "--abolish", "--reason", "无设定依据", "--reviewer", "李四"),  # replaces the keep
        ("decide", "0002", "--merge-into", "0004", "--reason", "合并"),
        ("decide", "0002", "--undo"),  # the merge undone
        ("decide", "0002", "--remove-fee", "审图费", "--reason", "自定收费"),
        ("decide", "0002", "--remove-fee", "档案查询费", "--reason", "自定收费"),
        ("decide", "0002", "--keep-fee", "档案查询费"),
        ("decide", "0002", "--keep"),
        ("decide", "0003", "--override", rule, "--reason", "已核实"),
        ("edit", "0003", "--set", "promised_limit=3个工作日", "--reason", "压缩时限"),
        ("decide", "0003", "--amend", "--reason", "压缩时限"),
        ("decide", "0004", "--keep"),
    ]
    for args in steps:
        reviewer = ()
        if "--reviewer" in args:
            i = args.index("--reviewer")
            args, reviewer = args[:i] + args[i + 2 :], args[i + 1]
        r = cli(*args, reviewer=reviewer or None)
        assert r.exit_code in (0, 1), (args, r.output)
    changed = sheet.read_text(encoding="utf-8-sig").replace("种子生产许可", "种子生产经营许可")
    sheet.write_text(changed, encoding="utf-8-sig")
    assert cli("import", sheet).exit_code == 0  # 0004, decided, goes back to review
    assert cli("decide", "0005", "--abolish", "--reason", "改革取消").exit_code == 0
    return cli


def whole_fold(store: Store, catalog_id: int, upto: int | None) -> tuple[dict, dict]:
    """What the reports folded before: the whole effective log up to an entry, and every import mark then."""
    log = [d for d in store.decisions(catalog_id, effective=True) if upto is None or d.id <= upto]
    marks = {c: m for c, m in store.import_marks(catalog_id).items() if upto is None or m <= upto}
    return fold(log, marks), {c: [d for d in log if d.code == c] for c in {d.code for d in log}}


def test_item_states_equal_the_fold_of_the_whole_log_at_every_entry(logged):
    with Store(logged.db) as s:
        cat = s.catalog(None)
        last = s.log_head(cat.id)[0]
        for upto in [None, *range(0, last + 1)]:
            whole, logs = whole_fold(s, cat.id, upto)
            got = list(item_states(s, cat.id, upto))
            assert [c for c, _, _ in got] == s.codes(cat.id)
            for code, state, log in got:
                assert state == whole.get(code), (upto, code)
                assert log == logs.get(code, []), (upto, code)
        final = {c: st for c, st, _ in item_states(s, cat.id)}
    # the log holds what the comparison is meant to cover
    assert final["0001"].status == "abolish" and final["0001"].reviewer == "李四"
    assert final["0002"].status == "keep" and set(final["0002"].removed_fees) == {"审图费"}
    assert final["0003"].status == "amend" and final["0003"].overrides
    assert final["0004"].stale and final["0004"].label == "needs-review"
    assert final["0005"].status == "abolish"


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--what", "findings", "--format", "json"),
        ("export", "--what", "results", "--draft", "--format", "json"),
        ("export", "--what", "results", "--draft", "--format", "xlsx", "-o", "{tmp}/r.xlsx"),
        ("report", "--format", "json"),
    ],
)
def test_reports_never_read_the_whole_log(logged, monkeypatch, tmp_path, args):
    """The whole log is what does not fit in memory for a province: the reports read it an item at a time."""
    whole = Store.decisions

    def one_item_only(self, catalog_id, code=None, *, effective=False):
        assert code is not None, "the whole log was read"
        return whole(self, catalog_id, code, effective=effective)

    monkeypatch.setattr(Store, "decisions", one_item_only)
    r = logged(*(a.format(tmp=tmp_path) for a in args))
    assert r.exit_code == 0, r.output
    if args[-1] == "json":
        assert json.loads(r.stdout)


def test_findings_export_resolves_by_each_items_state(logged):
    rows = json.loads(logged("export", "--what", "findings", "--format", "json").stdout)
    got = {(r["code"], r["rule"], r["entry"]): r["resolved"] for r in rows}
    fees = {k: v for k, v in got.items() if k[0] == "0002"}
    assert fees and all(v == (k[2] == "审图费") for k, v in fees.items())  # removed; the other taken back
    assert got[("0003", "basis-missing", "")] is True  # overridden
    assert got[("0003", "materials-catch-all", "其他材料")] is False


@pytest.mark.parametrize("fees", ["some", "none"])
def test_report_json_written_a_charge_at_a_time_is_the_whole_document(logged, fees):
    """The charges cancelled stream from a temporary file: the JSON is what dumping the report whole gives."""
    from itemclean.cleanup_report import figures
    from itemclean.results import reviewed

    with Store(logged.db) as s:
        rep = figures(reviewed(s, s.catalog(None)), "en", placeholders=False)
        with rep.fees:
            if fees == "none":
                rep.fees = []
            out = io.StringIO()
            rep.write_json(out, "en")
            whole = json.dumps(rep.as_json("en"), ensure_ascii=False, indent=1) + "\n"
    assert out.getvalue() == whole
    assert [f["fee"] for f in json.loads(whole)["fees_cancelled"]] == ([] if fees == "none" else ["审图费"])
