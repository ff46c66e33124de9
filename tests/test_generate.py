"""Tests of bench/generate.py, run as a program the way benchmarks and diff tests use it."""

import csv
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from conftest import header

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "generate.py"
HEADERS = header()  # the Chinese header of every field
N = 3000


def run(*args, env=None):
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, env=full_env, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def by_code(rows):
    return {row[0]: row for row in rows}


def summary_counts(stderr):
    line = stderr.strip().splitlines()
    assert len(line) == 1, stderr
    found = dict(re.findall(r"(changed|added|removed)=(\d+)", line[0]))
    assert set(found) == {"changed", "added", "removed"}, stderr
    return {k: int(v) for k, v in found.items()}


def read_truth(path):
    truth = {"changed": [], "added": [], "removed": []}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        kind, code = line.split(",", 1)
        truth[kind].append(code)
    return truth


@pytest.fixture(scope="module")
def v1(tmp_path_factory):
    path = tmp_path_factory.mktemp("gen") / "v1.csv"
    run("--n", N, "--seed", 1, "-o", path)
    return path


@pytest.fixture(scope="module")
def v2(tmp_path_factory, v1):
    d = tmp_path_factory.mktemp("gen2")
    path, truth = d / "v2.csv", d / "truth.txt"
    proc = run(
        "--from",
        v1,
        "--seed",
        2,
        "--change",
        0.05,
        "--add",
        0.02,
        "--remove",
        0.03,
        "-o",
        path,
        "--changed-codes",
        truth,
    )
    return path, truth, proc.stderr


# -- first mode -------------------------------------------------------------------------------


def test_same_seed_same_bytes(tmp_path, v1):
    again = tmp_path / "again.csv"
    run("--n", N, "--seed", 1, "-o", again)
    assert again.read_bytes() == v1.read_bytes()


def test_independent_of_hash_seed(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    run("--n", 500, "--seed", 7, "-o", a, env={"PYTHONHASHSEED": "1"})
    run("--n", 500, "--seed", 7, "-o", b, env={"PYTHONHASHSEED": "12345"})
    assert a.read_bytes() == b.read_bytes()


def test_other_seed_other_output(tmp_path, v1):
    other = tmp_path / "other.csv"
    run("--n", N, "--seed", 2, "-o", other)
    assert other.read_bytes() != v1.read_bytes()


def test_repeated_names_gather_in_groups_with_repeat_from(tmp_path, v1):
    """--repeat-names P --repeat-from K: about P of the items take the name of one of the first K items."""
    path = tmp_path / "groups.csv"
    run("--n", N, "--seed", 1, "--repeat-names", 0.1, "--repeat-from", 3, "-o", path)
    _, rows = read_rows(path)
    names = Counter(unicodedata.normalize("NFKC", r[1]).strip() for r in rows)
    groups = sorted(k for k in names.values() if k > 1)
    assert len(groups) <= 3 and 0.07 * N < sum(groups) - len(groups) < 0.13 * N
    assert {unicodedata.normalize("NFKC", r[1]).strip() for r in rows[:3]} >= {n for n, k in names.items() if k > 1}
    run("--n", N, "--seed", 1, "--repeat-names", 0.01, "-o", tmp_path / "default.csv")
    assert (tmp_path / "default.csv").read_bytes() == v1.read_bytes()  # the defaults, written out


def test_bom_header_and_row_count(v1):
    raw = v1.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, rows = read_rows(v1)
    assert header == HEADERS
    assert len(rows) == N
    assert all(len(row) == len(HEADERS) for row in rows)


def test_codes_unique_with_leading_zeros(v1):
    _, rows = read_rows(v1)
    codes = [row[0] for row in rows]
    assert len(set(codes)) == N
    assert all(re.fullmatch(r"0\d{11}", c) for c in codes), codes[:5]
    # The codes are written as text, leading zeros and all.
    text = v1.read_text(encoding="utf-8-sig")
    assert all(("\n" + c + ",") in text for c in codes[:50])


def test_stdout_matches_file(tmp_path):
    path = tmp_path / "f.csv"
    run("--n", 200, "--seed", 3, "-o", path)
    proc = subprocess.run([sys.executable, str(SCRIPT), "--n", "200", "--seed", "3"], capture_output=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout == path.read_bytes()


def test_zero_items_is_header_only(tmp_path):
    path = tmp_path / "empty.csv"
    run("--n", 0, "-o", path)
    header, rows = read_rows(path)
    assert header == HEADERS and rows == []


def _norm(s):
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", s))


def test_content_looks_like_a_catalogue(v1):
    _, rows = read_rows(v1)
    names = Counter(_norm(row[1]) for row in rows)
    repeated = sum(c for c in names.values() if c > 1)
    # About 1% of names repeat an earlier one (each repeat involves two items).
    assert 0 < repeated <= 0.05 * N
    departments = Counter(row[2] for row in rows if row[2])
    assert 35 <= len(departments) <= 45
    categories = Counter(row[3] for row in rows)
    assert categories.most_common(1)[0][0] == "行政许可"
    assert sum(1 for row in rows if "《" in row[4]) > 0.8 * N
    assert any(re.search(r"《[^》]+》第[一二三四五六七八九十百]+条", row[4]) for row in rows)
    assert any(row[4].startswith(("依据", "1.依据", "（一）依据")) for row in rows)
    assert any("（一）" in row[4] for row in rows)
    assert any("\n" in row[5] for row in rows)
    assert any(row[7] == "即办" or row[8] == "即办" for row in rows)
    assert any(re.fullmatch(r"[一二三四五六七八九十]+个工作日", row[7]) for row in rows)
    assert any(row[7] in ("视情况而定", "按规定", "5-7个工作日", "2.5个工作日") for row in rows)
    assert any(re.fullmatch(r".+\|\d+元/件\|.+〔\d{4}〕\d+号", e) for row in rows for e in row[9].split("\n"))
    assert any(re.search(r"\d+-\d+元", row[9]) for row in rows)


def test_defect_rates_are_realistic(v1):
    _, rows = read_rows(v1)
    empty = {"", "无", "暂无", "——", "/"}
    catch_all = ("其他材料", "其它材料", "其他相关材料", "其它有关材料", "认为需要的", "等材料")
    rates = {
        "basis-missing": sum(row[4].strip() in empty for row in rows),
        "materials-missing": sum(row[5].strip() in empty for row in rows),
        "materials-catch-all": sum(any(p in row[5] for p in catch_all) for row in rows),
        "department-missing": sum(not row[2] for row in rows),
        "procedure-missing": sum(row[6].strip() in empty for row in rows),
        "statutory-empty": sum(row[7].strip() in empty for row in rows),
        "fees-charged": sum(row[9].strip() not in empty | {"不收费", "免费"} for row in rows),
    }
    for kind, count in rates.items():
        assert 0 < count <= 0.25 * N, (kind, count)


# -- second mode ------------------------------------------------------------------------------


def test_second_mode_counts_agree_with_truth_and_files(v1, v2):
    path, truth_path, stderr = v2
    counts = summary_counts(stderr)
    truth = read_truth(truth_path)
    assert {k: len(v) for k, v in truth.items()} == counts

    h1, rows1 = read_rows(v1)
    h2, rows2 = read_rows(path)
    assert h1 == h2
    old, new = by_code(rows1), by_code(rows2)
    assert len(new) == len(rows2), "codes of the second version are unique"

    removed = set(old) - set(new)
    added = set(new) - set(old)
    changed = {c for c in set(old) & set(new) if old[c] != new[c]}
    assert removed == set(truth["removed"])
    assert added == set(truth["added"])
    assert changed == set(truth["changed"])
    assert len(truth["removed"]) == len(removed)  # each code reported once
    assert len(truth["changed"]) == len(changed)
    assert len(truth["added"]) == len(added)

    assert counts["added"] == round(N * 0.02)
    # Rates near the requested probabilities (binomial, N = 3000: generous bounds).
    assert 0.02 * N < counts["removed"] < 0.04 * N
    assert 0.035 * N < counts["changed"] < 0.065 * N


def test_second_mode_keeps_order_and_appends_new_items(v1, v2):
    path, truth_path, _ = v2
    _, rows1 = read_rows(v1)
    _, rows2 = read_rows(path)
    truth = read_truth(truth_path)
    removed = set(truth["removed"])
    kept = [row[0] for row in rows1 if row[0] not in removed]
    assert [row[0] for row in rows2[: len(kept)]] == kept
    assert [row[0] for row in rows2[len(kept) :]] == truth["added"]


def test_second_mode_changes_are_small(v1, v2):
    path, truth_path, _ = v2
    _, rows1 = read_rows(v1)
    _, rows2 = read_rows(path)
    old, new = by_code(rows1), by_code(rows2)
    allowed = {1, 4, 5, 7, 8, 9}  # name, basis, materials, limits, fees
    for code in read_truth(truth_path)["changed"]:
        diff = {i for i, (a, b) in enumerate(zip(old[code], new[code])) if a != b}
        assert diff and diff <= allowed, (code, diff)
        assert len(diff) <= 2, (code, diff)


def test_second_mode_codes_and_leading_zeros(v1, v2):
    path, truth_path, _ = v2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    _, rows2 = read_rows(path)
    for row in rows2:
        assert re.fullmatch(r"0\d{11}", row[0]), row[0]
        assert len(row) == len(HEADERS)
    _, rows1 = read_rows(v1)
    old_codes = {row[0] for row in rows1}
    assert not old_codes & set(read_truth(truth_path)["added"])


def test_second_mode_deterministic(tmp_path, v1, v2):
    path, truth_path, stderr = v2
    again, truth_again = tmp_path / "v2.csv", tmp_path / "truth.txt"
    proc = run(
        "--from",
        v1,
        "--seed",
        2,
        "--change",
        0.05,
        "--add",
        0.02,
        "--remove",
        0.03,
        "-o",
        again,
        "--changed-codes",
        truth_again,
        env={"PYTHONHASHSEED": "99"},
    )
    assert again.read_bytes() == path.read_bytes()
    assert truth_again.read_bytes() == truth_path.read_bytes()
    assert proc.stderr == stderr


def test_chained_versions_add_new_codes(tmp_path, v2):
    path, _, _ = v2
    v3, truth3 = tmp_path / "v3.csv", tmp_path / "truth3.txt"
    proc = run(
        "--from",
        path,
        "--seed",
        3,
        "--change",
        0.01,
        "--add",
        0.05,
        "--remove",
        0.01,
        "-o",
        v3,
        "--changed-codes",
        truth3,
    )
    _, rows2 = read_rows(path)
    _, rows3 = read_rows(v3)
    codes2 = {row[0] for row in rows2}
    codes3 = [row[0] for row in rows3]
    assert len(set(codes3)) == len(codes3)
    added = read_truth(truth3)["added"]
    assert len(added) == round(len(rows2) * 0.05) == summary_counts(proc.stderr)["added"]
    assert not codes2 & set(added)


def test_second_mode_with_nothing_to_do_copies_values(tmp_path, v1):
    out = tmp_path / "same.csv"
    proc = run("--from", v1, "--seed", 5, "-o", out)
    assert summary_counts(proc.stderr) == {"changed": 0, "added": 0, "removed": 0}
    assert read_rows(out) == read_rows(v1)


def test_second_mode_reads_other_header_names(tmp_path):
    src = tmp_path / "src.csv"
    with open(src, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["编码", "名称", "实施部门", "材料", "额外字段"])
        for i in range(200):
            w.writerow([f"A{i:05d}", f"测试事项{i}", "县市场监督管理局", "1.申请书\n2.营业执照复印件", "x"])
    out, truth = tmp_path / "out.csv", tmp_path / "truth.txt"
    run("--from", src, "--seed", 1, "--change", 0.3, "--add", 0.1, "--remove", 0.1, "-o", out, "--changed-codes", truth)
    header, rows = read_rows(out)
    assert header == ["编码", "名称", "实施部门", "材料", "额外字段"]
    assert all(len(row) == 5 for row in rows)
    t = read_truth(truth)
    assert len(t["added"]) == 20
    codes = [row[0] for row in rows]
    assert len(set(codes)) == len(codes)
    assert all(row[4] == "x" for row in rows if row[0] not in t["added"])


def test_usage_errors(tmp_path):
    for args in (
        ["--n", "5", "--from", "x.csv"],
        [],
        ["--n", "5", "--change", "0.1"],
        ["--n", "-1"],
        ["--from", "x.csv", "--change", "2"],
        ["--from", "x.csv", "--repeat-from", "3"],
        ["--n", "5", "--repeat-names", "1.5"],
    ):
        proc = subprocess.run(
            [sys.executable, str(SCRIPT), *args, "-o", str(tmp_path / "o.csv")],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 2, (args, proc.stderr)
