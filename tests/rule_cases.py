"""The rule harness's data: the case files tests/rules/<rule-id>.toml, the clean item and the base
reference they are written against, and the "every rule fires" catalogue built from them.

tests/test_rules.py runs each case through the library; tests/test_audit_cli.py runs the catalogue of
every rule's first must-fire case through `itemclean audit`. A new rule adds its case file and nothing here.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from conftest import write_reference

from itemclean.model import FIELDS

AS_OF = dt.date(2026, 12, 1)
LAW = "中华人民共和国行政许可法"

# a clean item (no rule fires on it): the cell text of each field, keyed as a case file keys it
CLEAN = {
    "code": "A001",
    "name": "食品经营许可",
    "department": "临川县市场监督管理局",
    "category": "行政许可",
    "basis": f"《{LAW}》第十二条",
    "materials": "申请书\n营业执照复印件",
    "procedure": "受理、审查、决定",
    "statutory": "20个工作日",
    "promised": "10个工作日",
    "fees": "",
}
COLUMN = {"statutory": "statutory_limit", "promised": "promised_limit"}  # a case's key → the FIELDS key


def row(fields: dict) -> list[str]:
    """The CSV row (in FIELDS order) of the clean item with the given fields changed."""
    cells = {COLUMN.get(k, k): v for k, v in {**CLEAN, **fields}.items()}
    return [cells.get(k, "") for k in FIELDS]


# --- reference TOML ----------------------------------------------------------------------------


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (int, float, Decimal)):
        return str(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def instrument(title, level="law", *, aliases=(), effective=dt.date(2004, 7, 1), repealed=None) -> str:
    lines = [
        "[[instrument]]",
        f"title = {toml_value(title)}",
        f"aliases = {toml_value(list(aliases))}",
        f"level = {toml_value(level)}",
    ]
    if effective is not None:
        lines.append(f"effective = {toml_value(effective)}")
    if repealed is not None:
        lines.append(f"repealed = {toml_value(repealed)}")
    return "\n".join(lines) + "\n"


def fee(name, standard=None, *, aliases=()) -> str:
    lines = [
        "[[fee]]",
        f"name = {toml_value(name)}",
        f"aliases = {toml_value(list(aliases))}",
        'department = "自然资源"',
        'basis = "发改价格规〔2016〕2559号"',
    ]
    if standard is not None:
        lines.append(f"standard = {toml_value(standard)}")
    return "\n".join(lines) + "\n"


def catalogue(name, level, *fees: str) -> str:
    return f"[catalogue]\nname = {toml_value(name)}\nlevel = {toml_value(level)}\n\n" + "\n".join(fees)


def cancelled(name, by="国发〔2016〕9号", code=None) -> str:
    lines = ["[[cancelled]]", f"name = {toml_value(name)}", f"by = {toml_value(by)}"]
    if code is not None:
        lines.append(f"code = {toml_value(code)}")
    return "\n".join(lines) + "\n"


BASE_INSTRUMENTS = [
    instrument(LAW, "law", aliases=["行政许可法"]),
    instrument("中华人民共和国食品安全法", "law", aliases=["食品安全法"], effective=dt.date(2009, 6, 1)),
    instrument("城市市容和环境卫生管理条例", "administrative_regulation", effective=dt.date(1992, 8, 1)),
    instrument("江岭省实施〈中华人民共和国水土保持法〉办法", "local_regulation", effective=dt.date(2012, 3, 1)),
    instrument("某部门管理办法", "departmental_rule", effective=dt.date(2010, 1, 1)),
    instrument("云溪市某某管理规定", "local_rule", effective=dt.date(2015, 1, 1)),
    instrument("临川县某某工作通知", "normative_document", effective=dt.date(2020, 1, 1)),
]

BASE_FEES = catalogue(
    "全国行政事业性收费目录清单",
    "national",
    fee("不动产登记费", "80元/件", aliases=["房屋登记费"]),
    fee("土地复垦费"),
    fee("档案查询费", "20元/次"),
)


# --- the case files: tests/rules/<rule-id>.toml -------------------------------------------------
#
# One file per rule: `[[fire]]` cases (must fire, with the findings expected) and `[[no-fire]]` cases
# (must not fire). A case gives the fields of one item (`item = {...}`, the keys of CLEAN below, the
# clean item's otherwise) or of several (`items = [...]`), optionally `as_of` (a TOML date) and
# `lang`; `[reference]` (for the file, or in one case) adds raw TOML to the harness's reference:
# `instruments`, `fees` (a whole catalogue file), `cancelled` and `policy`. Each expected finding
# names any of code, entry, field, severity, message and `contains` (words the message holds).

CASES_DIR = Path(__file__).parent / "rules"
FINDING_KEYS = {"code", "entry", "field", "severity", "message", "contains"}
CASE_KEYS = {"why", "item", "items", "as_of", "lang", "reference", "findings"}
REFERENCE_KEYS = {"instruments", "fees", "cancelled", "policy"}


@dataclass(frozen=True)
class Case:
    rule: str
    kind: str  # "fire" or "no-fire"
    n: int
    why: str
    items: tuple[dict, ...]
    reference: dict
    findings: tuple[dict, ...] = ()
    as_of: dt.date = AS_OF
    lang: str = "zh"

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.kind}:{self.n}"


def load_cases(path: Path) -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(data) <= {"reference", "fire", "no-fire"}, (path.name, set(data))
    shared = data.get("reference", {})
    cases = []
    for kind in ("fire", "no-fire"):
        for n, c in enumerate(data.get(kind, []), 1):
            assert set(c) <= CASE_KEYS and ("item" in c) != ("items" in c), (path.name, kind, n)
            reference = {**shared, **c.get("reference", {})}
            assert set(reference) <= REFERENCE_KEYS, (path.name, kind, n)
            findings = tuple(c.get("findings", ()))
            assert all(set(f) <= FINDING_KEYS for f in findings), (path.name, kind, n)
            assert (kind == "fire") == bool(findings), f"{path.name}: a fire case lists its findings, no other"
            cases.append(
                Case(
                    rule=path.stem,
                    kind=kind,
                    n=n,
                    why=c.get("why", ""),
                    items=tuple(c["items"]) if "items" in c else (c["item"],),
                    reference=reference,
                    findings=findings,
                    as_of=c.get("as_of", AS_OF),
                    lang=c.get("lang", "zh"),
                )
            )
    return cases


CASES = [c for path in sorted(CASES_DIR.glob("*.toml")) for c in load_cases(path)]


# --- every rule at once --------------------------------------------------------------------------


def case_rules() -> list[str]:
    """The rule ids that have a case file, in file-name order."""
    return [path.stem for path in sorted(CASES_DIR.glob("*.toml"))]


def first_fires(order) -> list[Case]:
    """The first must-fire case of each rule's case file, in the given order of rule ids."""
    return [next(c for c in CASES if c.rule == rid and c.kind == "fire") for rid in order]


def defective_fields(order) -> list[dict]:
    """The items of the first must-fire case of every rule, each under a code of its own (D1, D2, …)."""
    fields = [f for c in first_fires(order) for f in c.items]
    return [{**f, "code": f"D{n}"} for n, f in enumerate(fields, 1)]


def write_defective_reference(d: Path, order) -> Path:
    """The base reference with the additions those cases need, put together, written into d."""
    parts: dict[str, list[str]] = {}
    for c in first_fires(order):
        for key, text in c.reference.items():
            if text not in parts.setdefault(key, []):
                parts[key].append(text)
    return write_reference(
        d,
        instruments="\n".join([*BASE_INSTRUMENTS, *parts.get("instruments", [])]),
        fees=BASE_FEES,
        cancelled="\n".join(parts.get("cancelled", [])),
        policy="\n".join(parts["policy"]) if "policy" in parts else None,
        extra={f"fees-extra{i}.toml": text for i, text in enumerate(parts.get("fees", []))},
    )
