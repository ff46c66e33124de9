"""The reference directory (FORMAT.md §3): instruments, fee catalogues, cancelled items, policy.

Every file is checked before any rule runs; a mistake is reported with its file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .errors import BadInput, Problem
from .model import FeeStandard
from .normalize import norm_name, norm_title, squash
from .parsing import parse_standard

LEVELS = ("law", "administrative_regulation", "state_council_decision", "local_regulation", "provincial_rule",
          "departmental_rule", "local_rule", "normative_document")
SETTING_LEVELS = frozenset(LEVELS[:5])
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Instrument:
    title: str
    level: str
    aliases: tuple[str, ...] = ()
    effective: dt.date | None = None
    repealed: dt.date | None = None

    def in_force(self, on: dt.date) -> bool:
        return (self.effective is None or self.effective <= on) and not self.repealed_by(on)

    def repealed_by(self, on: dt.date) -> bool:
        return self.repealed is not None and self.repealed <= on


@dataclass(frozen=True)
class CatalogueFee:
    name: str
    catalogue: str
    level: str
    standard: str = ""
    basis: str = ""
    department: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def parsed(self) -> FeeStandard:
        return parse_standard(self.standard)


@dataclass(frozen=True)
class Cancelled:
    name: str
    by: str = ""
    code: str = ""


@dataclass
class RulePolicy:
    enabled: bool | None = None
    severity: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Reference:
    directory: Path
    instruments: dict[str, Instrument] = field(default_factory=dict)  # normalised title or alias → instrument
    fees: dict[str, list[CatalogueFee]] = field(default_factory=dict)  # normalised name or alias → entries
    catalogues: list[tuple[str, str, int]] = field(default_factory=list)  # (name, level, fee count)
    cancelled_names: dict[str, Cancelled] = field(default_factory=dict)
    cancelled_codes: dict[str, Cancelled] = field(default_factory=dict)
    policy: dict[str, RulePolicy] = field(default_factory=dict)

    def instrument(self, title: str | None) -> Instrument | None:
        return self.instruments.get(norm_title(title)) if title else None

    def catalogue_fees(self, name: str) -> list[CatalogueFee]:
        return self.fees.get(norm_name(name), [])

    @property
    def instrument_count(self) -> int:
        return len({id(i) for i in self.instruments.values()})


# --- locating a mistake ------------------------------------------------------------------------

class _Locator:
    """Lines of the Nth `[[table]]` and of a key inside it, since tomllib gives no positions."""

    def __init__(self, path: Path, text: str):
        self.path, self.lines = path, text.splitlines()

    def line(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        header = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]" if index is not None
                            else r"^\s*\[\s*" + re.escape(table) + r"\s*\]")
        seen, start = -1, None
        for n, line in enumerate(self.lines, 1):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    start = n
                    break
        if start is None:
            return None
        if key is None:
            return start
        keyre = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
        for n in range(start + 1, len(self.lines) + 1):
            line = self.lines[n - 1]
            if re.match(r"^\s*\[", line):
                break
            if keyre.match(line) or re.match(r'^\s*"' + re.escape(key) + r'"\s*=', line):
                return n
        return start

    def problem(self, message: str, table: str, index: int | None = None, key: str | None = None) -> Problem:
        return Problem(str(self.path), self.line(table, index, key), None, message)


def _load(path: Path) -> tuple[dict[str, Any], _Locator]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BadInput(Problem(str(path), None, None, f"not UTF-8 text (byte {e.start})")) from None
    except OSError as e:
        raise BadInput(Problem(str(path), None, None, f"cannot read: {e.strerror}")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e))
        row, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        raise BadInput(Problem(str(path), row, col, f"TOML syntax error: {msg}")) from None
    return data, _Locator(path, text)


def _str(v: Any) -> bool:
    return isinstance(v, str)


def _strlist(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _date(v: Any) -> bool:
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


def _check_table(loc: _Locator, table: str, i: int, entry: Any, spec: dict[str, tuple[Any, str, bool]],
                 problems: list[Problem]) -> bool:
    if not isinstance(entry, dict):
        problems.append(loc.problem(f"[[{table}]] number {i + 1} is not a table", table, i))
        return False
    ok = True
    for key in entry:
        if key not in spec:
            problems.append(loc.problem(f"unknown key {key!r} in [[{table}]] (allowed: {', '.join(spec)})",
                                        table, i, key))
            ok = False
    for key, (check, what, required) in spec.items():
        if key not in entry:
            if required:
                problems.append(loc.problem(f"[[{table}]] number {i + 1} has no {key}", table, i))
                ok = False
        elif not check(entry[key]):
            problems.append(loc.problem(f"{key} must be {what}, not {entry[key]!r}", table, i, key))
            ok = False
    return ok


# --- the files ---------------------------------------------------------------------------------

def _instruments(ref: Reference, path: Path, problems: list[Problem]) -> None:
    data, loc = _load(path)
    spec = {
        "title": (lambda v: _str(v) and v.strip() != "", "a non-empty string", True),
        "aliases": (_strlist, "a list of strings", False),
        "level": (lambda v: v in LEVELS, "one of " + ", ".join(LEVELS), True),
        "effective": (_date, "a TOML date such as 2004-07-01 (no quotes)", False),
        "repealed": (_date, "a TOML date such as 2004-07-01 (no quotes)", False),
    }
    for i, e in enumerate(data.get("instrument", [])):
        if not _check_table(loc, "instrument", i, e, spec, problems):
            continue
        inst = Instrument(title=e["title"], level=e["level"], aliases=tuple(e.get("aliases", ())),
                          effective=e.get("effective"), repealed=e.get("repealed"))
        for name in (inst.title, *inst.aliases):
            key = norm_title(name)
            other = ref.instruments.get(key)
            if other is not None and other is not inst:
                problems.append(loc.problem(f"{name!r} already names {other.title!r}", "instrument", i, "title"))
            ref.instruments[key] = inst
    for key in data:
        if key != "instrument":
            problems.append(loc.problem(f"unknown table {key!r} (expected [[instrument]])", key))


def _standard_ok(v: Any) -> bool:
    return _str(v) and (v.strip() == "" or parse_standard(v).kind in ("amount", "range", "free"))


def _fees(ref: Reference, path: Path, problems: list[Problem]) -> None:
    data, loc = _load(path)
    cat = data.get("catalogue")
    if not isinstance(cat, dict) or not _str(cat.get("name")) or cat.get("level") not in ("national", "provincial"):
        problems.append(loc.problem("needs a [catalogue] table with name and level = \"national\" or "
                                    "\"provincial\"", "catalogue"))
        return
    spec = {
        "name": (lambda v: _str(v) and v.strip() != "", "a non-empty string", True),
        "aliases": (_strlist, "a list of strings", False),
        "department": (_str, "a string", False),
        "standard": (_standard_ok, "a fee standard such as \"80元/件\", \"50-100元\" or \"免费\"", False),
        "basis": (_str, "a string", False),
    }
    count = 0
    for i, e in enumerate(data.get("fee", [])):
        if not _check_table(loc, "fee", i, e, spec, problems):
            continue
        fee = CatalogueFee(name=e["name"], catalogue=cat["name"], level=cat["level"],
                           standard=e.get("standard", ""), basis=e.get("basis", ""),
                           department=e.get("department", ""), aliases=tuple(e.get("aliases", ())))
        for name in {norm_name(n) for n in (fee.name, *fee.aliases)}:
            ref.fees.setdefault(name, []).append(fee)
        count += 1
    ref.catalogues.append((cat["name"], cat["level"], count))


def _cancelled(ref: Reference, path: Path, problems: list[Problem]) -> None:
    data, loc = _load(path)
    spec = {
        "name": (lambda v: _str(v) and v.strip() != "", "a non-empty string", True),
        "code": (_str, "a string", False),
        "by": (_str, "a string", False),
    }
    for i, e in enumerate(data.get("cancelled", [])):
        if not _check_table(loc, "cancelled", i, e, spec, problems):
            continue
        c = Cancelled(name=e["name"], by=e.get("by", ""), code=e.get("code", "").strip())
        ref.cancelled_names[norm_name(c.name)] = c
        if c.code:
            ref.cancelled_codes[c.code] = c


def _min_reduction(v: Any) -> bool:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    try:
        return Decimal(str(v)) >= 0 and Decimal(str(v)) <= 1
    except InvalidOperation:
        return False


RULE_PARAMS: dict[str, dict[str, tuple[Any, str]]] = {
    "limit-promise-not-reduced": {"min_reduction": (_min_reduction, "a number from 0 to 1")},
    "materials-catch-all": {"phrases": (_strlist, "a list of strings")},
}


def _policy(ref: Reference, path: Path, problems: list[Problem], rule_ids: set[str]) -> None:
    data, loc = _load(path)
    for key in data:
        if key != "rules":
            problems.append(loc.problem(f"unknown table {key!r} (policy.toml holds [rules.<id>] tables)", key))
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        problems.append(loc.problem("rules must be tables [rules.<id>]", "rules"))
        return
    for rid, table in rules.items():
        where = f"rules.{rid}"
        if rid not in rule_ids:
            problems.append(loc.problem(f"unknown rule id {rid!r}", where))
            continue
        if not isinstance(table, dict):
            problems.append(loc.problem(f"[{where}] must be a table", where))
            continue
        rp = RulePolicy()
        for k, v in table.items():
            if k == "enabled":
                if isinstance(v, bool):
                    rp.enabled = v
                else:
                    problems.append(loc.problem(f"enabled must be true or false, not {v!r}", where, None, k))
            elif k == "severity":
                if v in SEVERITIES:
                    rp.severity = v
                else:
                    problems.append(loc.problem(f"severity must be error, warning or info, not {v!r}",
                                                where, None, k))
            elif k in RULE_PARAMS.get(rid, {}):
                check, what = RULE_PARAMS[rid][k]
                if check(v):
                    rp.params[k] = Decimal(str(v)) if k == "min_reduction" else list(v)
                else:
                    problems.append(loc.problem(f"{k} must be {what}, not {v!r}", where, None, k))
            else:
                allowed = ["enabled", "severity", *RULE_PARAMS.get(rid, {})]
                problems.append(loc.problem(f"unknown key {k!r} for rule {rid} (allowed: {', '.join(allowed)})",
                                            where, None, k))
        ref.policy[rid] = rp


def load_reference(directory: Path, rule_ids: set[str] | None = None) -> Reference:
    """Read and check a whole reference directory; every mistake in it is reported at once."""
    if rule_ids is None:
        from .rules import REGISTRY

        rule_ids = set(REGISTRY)
    directory = Path(directory)
    if not directory.is_dir():
        raise BadInput(Problem(str(directory), None, None, "no such reference directory"))
    ref = Reference(directory)
    problems: list[Problem] = []
    instruments = directory / "instruments.toml"
    if not instruments.is_file():
        problems.append(Problem(str(directory), None, None, "a reference directory needs instruments.toml"))
    else:
        _instruments(ref, instruments, problems)
    for path in sorted(directory.glob("fees*.toml")):
        _fees(ref, path, problems)
    if (directory / "cancelled.toml").is_file():
        _cancelled(ref, directory / "cancelled.toml", problems)
    if (directory / "policy.toml").is_file():
        _policy(ref, directory / "policy.toml", problems, rule_ids)
    if problems:
        raise BadInput(problems)
    return ref


def same_unit(a: str | None, b: str | None) -> bool:
    return squash(a or "") == squash(b or "")
