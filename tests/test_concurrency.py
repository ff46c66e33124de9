"""Two reviewers on one database at once: nothing lost, nothing overwritten, stale decisions refused."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from itemclean import review
from itemclean.errors import Refused
from itemclean.store import Store

N = 60

WORKER = textwrap.dedent("""
    import sys
    from itemclean import review
    from itemclean.store import Store

    db, who, parity = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Store(db) as s:
        cat = s.catalog(None)
        codes = [c for i, c in enumerate(s.codes(cat.id)) if i % 2 == parity]
        for round_ in range(3):
            for code in codes:
                action = "keep" if round_ != 1 else "amend"
                review.decide(s, cat, [code], action, reviewer=who, reason=f"round {round_}")
                review.decide_fee(s, cat, code, "档案查询费", remove=round_ == 1, reviewer=who, reason="x")
""")


@pytest.fixture
def db(cli, tmp_path):
    p = tmp_path / "c.csv"
    rows = "".join(f"{i:04d},事项{i},县水利局,档案查询费|20元/次|依据\r\n" for i in range(N))
    p.write_text("事项编码,事项名称,实施机关,收费项目\r\n" + rows, encoding="utf-8-sig")
    assert cli("import", p).exit_code == 0
    return cli.db


def test_two_processes_deciding_at_once_lose_nothing(db, tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(WORKER, encoding="utf-8")
    procs = [
        subprocess.Popen([sys.executable, str(script), str(db), who, str(parity)], stderr=subprocess.PIPE)
        for who, parity in (("甲", 0), ("乙", 1))
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    with Store(db) as s:
        cat = s.catalog(None)
        log = s.decisions(cat.id)
        states = review.states(s, cat.id)
    assert len(log) == N * 3 * 2  # every decision of both reviewers is in the log
    assert {d.reviewer for d in log} == {"甲", "乙"}
    assert len({d.id for d in log}) == len(log)
    assert all(st.status == "keep" and not st.removed_fees for st in states.values())
    assert len(states) == N


def test_second_tui_sees_a_refusal_not_a_blind_overwrite(db):
    with Store(db) as first, Store(db) as second:
        cat = first.catalog(None)
        seen_by_second = second.item_version(cat.id, "0001")
        review.decide(first, cat, ["0001"], "abolish", reviewer="甲", reason="无依据")
        with pytest.raises(Refused) as e:
            review.decide(second, cat, ["0001"], "keep", reviewer="乙", expect=seen_by_second)
        assert "0001" in str(e.value) and "甲" in str(e.value)
        assert review.state_of(second, cat.id, "0001").status == "abolish"


def test_database_is_in_wal_mode_with_a_busy_timeout(db):
    with Store(db) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_a_cli_decision_while_another_connection_reads(db, cli):
    with Store(db) as reader:
        reader.conn.execute("BEGIN")
        reader.conn.execute("SELECT count(*) FROM items").fetchone()
        assert cli("decide", "0002", "--keep").exit_code == 0  # WAL: readers never block the writer
        reader.conn.execute("COMMIT")
    r = cli("log", "0002", "--format", "json")
    assert [d["action"] for d in json.loads(r.stdout)] == ["keep"]
