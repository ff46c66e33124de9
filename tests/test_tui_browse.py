"""The review screen's queries (store/browse.py) agree with the review workflow's own state."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_tui_data import AS_OF, REVIEWER, ROWS, make_db, write_catalogue

from itemclean import review
from itemclean.errors import BadInput, Refused
from itemclean.normalize import norm_name
from itemclean.store import Store
from itemclean.store.browse import BrowseQuery


def expected(store: Store, cat) -> dict[str, dict]:
    """What the table should show per code, computed with review.states() and review.is_resolved()."""
    states = review.states(store, cat.id)
    out = {}
    findings = store.findings_of(cat.id)
    for item in store.iter_items(cat.id):
        s = states.get(item.code, review.ItemState())
        mine = [f for f in findings if f.code == item.code]
        out[item.code] = {
            "status": s.label,
            "errors": sum(f.severity == "error" for f in mine),
            "open_errors": sum(f.severity == "error" and not review.is_resolved(f, s) for f in mine),
            "warnings": sum(f.severity == "warning" for f in mine),
            "fees": len(item.fees),
            "fees_flagged": len(s.removed_fees),
            "seen": store.item_version(cat.id, item.code),
            "todo": not s.decided,
        }
    return out


def actual(store: Store, cat) -> dict[str, dict]:
    ids = store.browse_ids(cat.id, BrowseQuery())
    todo = store.browse_todo(cat.id)
    with_errors = store.browse_with_errors(cat.id)
    out = {}
    for r in store.browse_rows(cat.id, ids):
        out[r.code] = {
            "status": r.status,
            "errors": r.errors,
            "open_errors": r.open_errors,
            "warnings": r.warnings,
            "fees": r.fees,
            "fees_flagged": r.fees_flagged,
            "seen": r.seen,
            "todo": r.id in todo,
        }
        assert (r.id in with_errors) == (r.open_errors > 0), r.code
    return out


def check(store: Store, cat) -> None:
    exp = expected(store, cat)
    assert actual(store, cat) == exp
    assert store.browse_statuses(cat.id) == {c: v["status"] for c, v in exp.items()}
    summary = store.browse_summary(cat.id)
    assert summary.total == len(exp)
    for label in summary.statuses:
        assert summary.statuses[label] == sum(v["status"] == label for v in exp.values()), label
    assert summary.decided == sum(not v["todo"] for v in exp.values())


@pytest.fixture
def db(tmp_path):
    path, ref = make_db(tmp_path)
    with Store(path) as store:
        yield store, store.catalog(None), ref, tmp_path


def test_status_in_sql_equals_review_states_with_undo_reimport_and_merge(db):
    store, cat, ref, tmp = db
    kw = {"reviewer": REVIEWER}
    review.decide(store, cat, ["0101001", "0101002"], "keep", **kw)
    review.decide(store, cat, ["0101003"], "abolish", reason="已取消", **kw)
    review.undo(store, cat, "0101003", **kw)  # undone: undecided again
    review.decide(store, cat, ["0201004"], "merge", target="0201003", reason="同名合并", **kw)
    review.decide(store, cat, ["0201003"], "keep", **kw)
    review.decide(store, cat, ["0201003"], "amend", reason="改", **kw)
    review.undo(store, cat, "0201003", **kw)  # back to keep
    review.decide_fee(store, cat, "0201001", "工本费", reason="自定收费", **kw)
    review.decide_fee(store, cat, "0201001", "城市道路挖掘修复费", reason="x", **kw)
    review.decide_fee(store, cat, "0201001", "城市道路挖掘修复费", remove=False, **kw)  # flag taken back
    review.override(store, cat, "0201001", "materials-catch-all", reason="已责成修改", **kw)
    review.decide(store, cat, ["0201001"], "keep", **kw)
    review.override(store, cat, "0201002", "limit-promise-exceeds-statutory", reason="x", **kw)
    review.undo(store, cat, "0201002", **kw)  # the override undone
    review.edit(store, cat, "0301002", {"promised_limit": "5个工作日"}, reason="补充", reference=ref, as_of=AS_OF, **kw)
    review.decide(store, cat, ["0401001", "0401002", "0601001"], "keep", **kw)
    check(store, cat)

    # a re-import that changes two decided items: they need re-review; an unchanged one stays decided
    from itemclean.importing import import_files

    rows = [list(r) for r in ROWS]
    for r in rows:
        if r[0] in ("0101001", "0401001"):
            r[8] = "3个工作日"
    import_files(
        store, [write_catalogue(tmp / "v2.csv", [tuple(r) for r in rows])], catalog=cat.name, reviewer=REVIEWER
    )
    statuses = store.browse_statuses(cat.id)
    assert statuses["0101001"] == statuses["0401001"] == "needs-review"
    assert statuses["0101002"] == "keep" and statuses["0201004"] == "merge"
    check(store, cat)
    review.decide(store, cat, ["0101001"], "keep", **kw)  # decided again
    assert store.browse_statuses(cat.id)["0101001"] == "keep"
    check(store, cat)


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["keep", "abolish", "amend", "merge", "remove-fee", "keep-fee", "override", "undo"]),
        st.sampled_from([r[0] for r in ROWS[:8]]),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_any_sequence_of_decisions_shows_as_review_states(db, actions):
    store, cat, ref, tmp = db
    kw = {"reviewer": REVIEWER}
    # each example starts from the same draft: the log is append-only, so use a fresh catalogue per example
    name = f"c{len(store.catalogs())}"
    from itemclean.importing import import_files

    import_files(store, [write_catalogue(tmp / "c.csv")], catalog=name, reviewer=REVIEWER)
    cat = store.catalog(name)
    from itemclean.audit import audit_draft

    audit_draft(store, cat, ref, AS_OF)
    for action, code in actions:
        item = store.get_item(cat.id, code)
        try:
            if action in ("keep", "abolish", "amend"):
                review.decide(store, cat, [code], action, reason="r", **kw)
            elif action == "merge":
                review.decide(
                    store, cat, [code], "merge", target="0101001" if code != "0101001" else "0101002", reason="r", **kw
                )
            elif action in ("remove-fee", "keep-fee") and item.fees:
                review.decide_fee(store, cat, code, item.fees[0].name, remove=action == "remove-fee", reason="r", **kw)
            elif action == "override":
                f = store.findings_of(cat.id, code)
                if f:
                    review.override(store, cat, code, f[0].rule, reason="r", **kw)
            elif action == "undo":
                review.undo(store, cat, code, **kw)
        except (BadInput, Refused):
            pass  # nothing to undo, or a charge flagged for removal already
        store._sync_status(cat.id)  # incremental updates must agree with a full rebuild too
    check(store, cat)
    fresh = Store(store.path)
    try:
        assert fresh.browse_statuses(cat.id) == store.browse_statuses(cat.id)
    finally:
        fresh.close()


def codes(store, cat, **q):
    ids = store.browse_ids(cat.id, BrowseQuery(**q))
    return [r.code for r in store.browse_rows(cat.id, ids)]


def test_filters_match_code_name_department_and_the_key_filters(db):
    store, cat, ref, _ = db
    assert codes(store, cat) == [r[0] for r in ROWS]
    assert codes(store, cat, words=("消防",)) == ["0201003", "0201004"]
    assert codes(store, cat, words=("0401",)) == ["0401001", "0401002"]
    assert codes(store, cat, words=("住房", "燃气")) == ["0201002"]
    assert codes(store, cat, words=("road",)) == ["0401001"]  # case-blind
    assert codes(store, cat, words=("ＲＯＡＤ",)) == ["0401001"]  # full-width, as normalised
    assert codes(store, cat, words=("100%",)) == []  # % and _ are literal
    assert codes(store, cat, words=("[bold]",)) == ["0101004"]
    assert codes(store, cat, departments=("自然资源",)) == ["0301001", "0301002"]
    assert codes(store, cat, rules=("fee-not",)) == ["0201001"]
    assert set(codes(store, cat, rules=("fee",))) == {"0201001", "0301001"}
    assert codes(store, cat, rules=("basis-missing",), severities=("error",)) == ["0101003"]
    assert set(codes(store, cat, severities=("err",))) == {
        f.code for f in store.findings_of(cat.id) if f.severity == "error"
    }
    review.decide(store, cat, ["0101001"], "keep", reviewer=REVIEWER)
    review.decide(store, cat, ["0101003"], "abolish", reason="r", reviewer=REVIEWER)
    assert codes(store, cat, statuses=("keep",)) == ["0101001"]
    assert codes(store, cat, statuses=("ab",)) == ["0101003"]  # a prefix
    assert codes(store, cat, statuses=("decided",)) == ["0101001", "0101003"]
    assert len(codes(store, cat, statuses=("todo",))) == len(ROWS) - 2
    assert codes(store, cat, statuses=("nonsense",)) == []
    assert codes(store, cat, statuses=("keep", "abolish"), words=("广告",)) == ["0101003"]


def test_sorting_by_every_column(db):
    store, cat, _, _ = db
    assert codes(store, cat, sort="code", descending=True) == sorted((r[0] for r in ROWS), reverse=True)
    by_dept = codes(store, cat, sort="department")
    assert by_dept[0] == "0401002"  # the empty department first
    errors = codes(store, cat, sort="errors", descending=True)
    counts = {r.code: r.errors for r in store.browse_rows(cat.id, store.browse_ids(cat.id, BrowseQuery()))}
    assert [counts[c] for c in errors] == sorted(counts.values(), reverse=True)
    review.decide(store, cat, ["0801001"], "abolish", reason="r", reviewer=REVIEWER)
    assert codes(store, cat, sort="status", descending=True)[0] == "0801001"
    for key in ("position", "name", "category", "warnings", "fees"):
        assert sorted(codes(store, cat, sort=key)) == sorted(r[0] for r in ROWS)


def test_summary_counts_findings_by_severity(db):
    store, cat, _, _ = db
    s = store.browse_summary(cat.id)
    found = store.findings_of(cat.id)
    assert s.severities == {sev: sum(f.severity == sev for f in found) for sev in ("error", "warning", "info")}
    assert s.total == len(ROWS) and s.decided == 0


def test_rows_of_a_page_only_and_in_the_order_asked(db):
    store, cat, _, _ = db
    ids = store.browse_ids(cat.id, BrowseQuery())
    page = [ids[5], ids[2], 10**9]  # an unknown id is left out
    assert [r.id for r in store.browse_rows(cat.id, page)] == [ids[5], ids[2]]
    assert store.browse_rows(cat.id, []) == []


def test_seen_is_what_review_compares(db):
    store, cat, _, _ = db
    row = store.browse_rows(cat.id, store.browse_ids(cat.id, BrowseQuery(words=("0101001",))))[0]
    assert row.seen == store.item_version(cat.id, "0101001")
    review.decide(store, cat, ["0101001"], "keep", reviewer="另一人")
    from itemclean.errors import Refused

    with pytest.raises(Refused):
        review.decide(store, cat, ["0101001"], "abolish", reason="r", reviewer=REVIEWER, expect=row.seen)


def test_fee_names_compare_as_review_does(db):
    store, cat, _, _ = db
    review.decide_fee(store, cat, "0201001", " 工本费 ", reason="r", reviewer=REVIEWER)
    s = review.state_of(store, cat.id, "0201001")
    assert norm_name("工本费") in s.removed_fees
    check(store, cat)


def test_typing_on_narrows_the_last_result_and_gives_what_a_fresh_query_gives(db):
    store, cat, _, _ = db
    fresh = Store(store.path)
    try:
        review.decide(store, cat, ["0101001", "0201001"], "keep", reviewer=REVIEWER)
        review.decide(store, cat, ["0101003"], "abolish", reason="r", reviewer=REVIEWER)
        typing = [
            "县",
            "县住",
            "县住房",
            "县住房 燃",
            "县住房 燃气",
            "0",
            "02",
            "020",
            "R",
            "Ro",
            "ROAD",
            "Ｒｏａｄ 道路",
            "消",
            "消防",
            "消防验收",
            "消",
            "",
            "许可",
            "许可证",
        ]
        for line in (
            "rule:fee sev:error",
            "dept:县住房 status:undecided",
            "status:keep,abolish 0",
            "cat:行政许可 s:d 01",
            "r:basis-m",
        ):
            typing += [line[:n] for n in range(1, len(line) + 1)] + [line[:n] for n in range(len(line), 0, -1)]
        from itemclean.tui.query import parse

        for typed in typing:
            q = parse(typed)
            fresh.__dict__.pop("_browse_last", None)  # always computed afresh
            fresh.__dict__.pop("_browse_cache", None)
            assert store.browse_ids(cat.id, q) == fresh.browse_ids(cat.id, q), typed
        # a write in between: the next query reads afresh, and sees it
        store.browse_ids(cat.id, BrowseQuery(words=("许",)))
        review.edit(store, cat, "0701001", {"name": "公章刻制许可（新）"}, reviewer=REVIEWER)  # matched no 许 before
        ids = store.browse_ids(cat.id, BrowseQuery(words=("许可（新",)))
        assert [r.code for r in store.browse_rows(cat.id, ids)] == ["0701001"]
    finally:
        fresh.close()


def test_a_cached_result_is_read_again_after_another_connection_writes(db):
    store, cat, _, _ = db
    q = BrowseQuery(words=("刻制",))
    assert [r.code for r in store.browse_rows(cat.id, store.browse_ids(cat.id, q))] == ["0701001"]
    store.browse_ids(cat.id, BrowseQuery(words=("刻",)))
    with Store(store.path) as other:
        review.edit(other, other.catalog(None), "0601001", {"name": "印章刻制许可"}, reviewer="乙")
    assert [r.code for r in store.browse_rows(cat.id, store.browse_ids(cat.id, q))] == ["0601001", "0701001"]
