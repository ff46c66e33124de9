"""The reference directory (FORMAT.md §3): instruments, fee catalogues, cancelled items, policy.

Every file is checked before any rule runs; a mistake is reported with its file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .errors import BadInput, Problem
from .memo import Memo
from .model import FeeStandard
from .normalize import norm_name, norm_title, squash
from .parsing import parse_standard

LEVELS = (
    "law",
    "administrative_regulation",
    "state_council_decision",
    "local_regulation",
    "provincial_rule",
    "departmental_rule",
    "local_rule",
    "normative_document",
)
SETTING_LEVELS = frozenset(LEVELS[:5])
TITLES_KEPT = 1 << 14  # titles whose instrument Reference.instrument keeps
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

    @cached_property
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
        return self._named[title] if title else None

    @cached_property
    def _named(self) -> Memo:
        """The instrument of each title looked up lately (the rules look up each citation's several times,
        and a catalogue cites few instruments): the tables are not changed once read."""
        return Memo(self._instrument_of, TITLES_KEPT)

    def _instrument_of(self, title: str) -> Instrument | None:
        return self.instruments.get(norm_title(title))

    def cancelled(self, name: str, code: str) -> Cancelled | None:
        """The cancelled item (cancelled.toml) whose name is the item's, normalised, or whose code is its code."""
        c = name[:1]
        # a CJK ideograph first is the first of the normalised name too: most names need not be normalised
        if not "\u4e00" <= c <= "\u9fff" or c in self._cancelled_leads:
            found = self.cancelled_names.get(norm_name(name))
            if found is not None:
                return found
        return self.cancelled_codes.get(code.strip())

    @cached_property
    def _cancelled_leads(self) -> frozenset[str]:
        return frozenset(n[:1] for n in self.cancelled_names)

    def catalogue_fees(self, name: str) -> list[CatalogueFee]:
        return self.fees.get(norm_name(name), [])

    @property
    def instrument_count(self) -> int:
        return len({id(i) for i in self.instruments.values()})


# --- locating a mistake ------------------------------------------------------------------------


def _key_re(part: str) -> str:
    """A TOML key as written: bare, or in double or single quotes."""
    e = re.escape(part)
    return rf"""(?:{e}|"{e}"|'{e}')"""


class _Locator:
    """Lines of the Nth `[[table]]` and of a key inside it, since tomllib gives no positions.

    A table is named by its dotted path (`rules.basis-missing`) or by a tuple of its parts, for keys
    that hold a dot; quoted keys (`[rules."basis-missing"]`) are found as well as bare ones.
    """

    def __init__(self, path: Path, text: str):
        self.path, self.lines = path, text.splitlines()

    def line(self, table: str | tuple[str, ...], index: int | None = None, key: str | None = None) -> int | None:
        parts = tuple(table.split(".")) if isinstance(table, str) else table
        dotted = r"\s*\.\s*".join(_key_re(p) for p in parts)
        # the Nth [[table]]; or the first header of the table or of a table under it ([a] or [a.b], [[a]])
        header = re.compile(
            r"^\s*\[\[\s*" + dotted + r"\s*\]\]" if index is not None else r"^\s*\[\[?\s*" + dotted + r"\s*[\].]"
        )
        seen, start = -1, None
        for n, line in enumerate(self.lines, 1):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    start = n
                    break
        if start is None:
            return self._dotted(parts, key)
        if key is None:
            return start
        keyre = re.compile(r"^\s*" + _key_re(key) + r"\s*=")
        for n in range(start + 1, len(self.lines) + 1):
            line = self.lines[n - 1]
            if re.match(r"^\s*\[", line):
                break
            if keyre.match(line):
                return n
        return start

    def _dotted(self, parts: tuple[str, ...], key: str | None) -> int | None:
        """A table written as dotted keys (`[rules]` then `basis-missing.enabled = false`), or a plain key."""
        last = _key_re(parts[-1])
        first = None
        for n, line in enumerate(self.lines, 1):
            if key is not None and re.match(r"^\s*" + last + r"\s*\.\s*" + _key_re(key) + r"\s*=", line):
                return n
            if first is None and re.match(r"^\s*" + last + r"\s*[.=]", line):
                first = n
        return first

    def problem(
        self, message: str, table: str | tuple[str, ...], index: int | None = None, key: str | None = None
    ) -> Problem:
        return Problem(str(self.path), self.line(table, index, key), None, message)


def show_value(v: Any) -> str:
    """A value as the TOML file wrote it, for messages."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(show_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "a table"
    return repr(v)


def _load(path: Path) -> tuple[dict[str, Any], _Locator]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BadInput(Problem(str(path), None, None, f"not UTF-8 text (byte {e.start})")) from None
    except OSError as e:
        raise BadInput(Problem(str(path), None, None, f"cannot read: {e.strerror}")) from None
    try:
        # Decimal, not binary floats: a threshold such as 0.3 is compared exactly as written (RULES.md)
        data = tomllib.loads(text, parse_float=Decimal)
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


def _names(v: Any) -> bool:
    """A list of non-blank strings (aliases)."""
    return _strlist(v) and all(x.strip() for x in v)


def _tables(data: dict[str, Any], name: str, loc: _Locator, problems: list[Problem]) -> list[Any]:
    """The array of tables `[[name]]` of a file; a single `[name]` or a plain value is a mistake."""
    v = data.get(name, [])
    if isinstance(v, list):
        return v
    problems.append(loc.problem(f"{name} must be an array of tables, each headed [[{name}]]", name))
    return []


def _unknown_tables(
    data: dict[str, Any], known: tuple[str, ...], loc: _Locator, problems: list[Problem], what: str
) -> None:
    for key in data:
        if key not in known:
            problems.append(loc.problem(f"unknown table or key {key!r} (expected {what})", key))


def _date(v: Any) -> bool:
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


def _check_table(
    loc: _Locator, table: str, i: int, entry: Any, spec: dict[str, tuple[Any, str, bool]], problems: list[Problem]
) -> bool:
    if not isinstance(entry, dict):
        problems.append(loc.problem(f"[[{table}]] number {i + 1} is not a table", table, i))
        return False
    ok = True
    for key in entry:
        if key not in spec:
            problems.append(
                loc.problem(f"unknown key {key!r} in [[{table}]] (allowed: {', '.join(spec)})", table, i, key)
            )
            ok = False
    for key, (check, what, required) in spec.items():
        if key not in entry:
            if required:
                problems.append(loc.problem(f"[[{table}]] number {i + 1} has no {key}", table, i))
                ok = False
        elif not check(entry[key]):
            problems.append(loc.problem(f"{key} must be {what}, not {show_value(entry[key])}", table, i, key))
            ok = False
    return ok


# --- the files ---------------------------------------------------------------------------------


def _instruments(ref: Reference, path: Path, problems: list[Problem]) -> None:
    data, loc = _load(path)
    spec = {
        "title": (lambda v: _str(v) and norm_title(v) != "", "a non-empty string", True),
        "aliases": (lambda v: _strlist(v) and all(norm_title(x) for x in v), "a list of non-empty strings", False),
        "level": (lambda v: _str(v) and v in LEVELS, "one of " + ", ".join(LEVELS), True),
        "effective": (_date, "a TOML date such as 2004-07-01 (no quotes)", False),
        "repealed": (_date, "a TOML date such as 2004-07-01 (no quotes)", False),
    }
    for i, e in enumerate(_tables(data, "instrument", loc, problems)):
        if not _check_table(loc, "instrument", i, e, spec, problems):
            continue
        inst = Instrument(
            title=e["title"],
            level=e["level"],
            aliases=tuple(e.get("aliases", ())),
            effective=e.get("effective"),
            repealed=e.get("repealed"),
        )
        if inst.effective is not None and inst.repealed is not None and inst.repealed < inst.effective:
            problems.append(
                loc.problem(
                    f"repealed ({inst.repealed}) is before effective ({inst.effective})", "instrument", i, "repealed"
                )
            )
        for n, name in enumerate((inst.title, *inst.aliases)):
            key = norm_title(name)
            other = ref.instruments.get(key)
            if other is not None and other is not inst:
                problems.append(
                    loc.problem(f"{name!r} already names {other.title!r}", "instrument", i, "aliases" if n else "title")
                )
                continue
            ref.instruments[key] = inst
    _unknown_tables(data, ("instrument",), loc, problems, "[[instrument]]")


def _standard_ok(v: Any) -> bool:
    return _str(v) and (v.strip() == "" or parse_standard(v).kind in ("amount", "range", "free"))


def _fees(ref: Reference, path: Path, problems: list[Problem]) -> None:
    data, loc = _load(path)
    _unknown_tables(data, ("catalogue", "fee"), loc, problems, "[catalogue] and [[fee]]")
    cat = data.get("catalogue")
    if (
        not isinstance(cat, dict)
        or not _str(cat.get("name"))
        or not cat["name"].strip()
        or cat.get("level") not in ("national", "provincial")
    ):
        problems.append(
            loc.problem('needs a [catalogue] table with name and level = "national" or "provincial"', "catalogue")
        )
        return
    for key in cat:
        if key not in ("name", "level"):
            problems.append(
                loc.problem(f"unknown key {key!r} in [catalogue] (allowed: name, level)", "catalogue", None, key)
            )
    spec = {
        "name": (lambda v: _str(v) and v.strip() != "", "a non-empty string", True),
        "aliases": (_names, "a list of non-empty strings", False),
        "department": (_str, "a string", False),
        "standard": (_standard_ok, 'a fee standard such as "80元/件", "50-100元" or "免费"', False),
        "basis": (_str, "a string", False),
    }
    count = 0
    for i, e in enumerate(_tables(data, "fee", loc, problems)):
        if not _check_table(loc, "fee", i, e, spec, problems):
            continue
        fee = CatalogueFee(
            name=e["name"],
            catalogue=cat["name"],
            level=cat["level"],
            standard=e.get("standard", ""),
            basis=e.get("basis", ""),
            department=e.get("department", ""),
            aliases=tuple(e.get("aliases", ())),
        )
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
    _unknown_tables(data, ("cancelled",), loc, problems, "[[cancelled]]")
    for i, e in enumerate(_tables(data, "cancelled", loc, problems)):
        if not _check_table(loc, "cancelled", i, e, spec, problems):
            continue
        c = Cancelled(name=e["name"], by=e.get("by", ""), code=e.get("code", "").strip())
        ref.cancelled_names[norm_name(c.name)] = c
        if c.code:
            ref.cancelled_codes[c.code] = c


class RuleSchema(Protocol):
    """What policy.toml may say of each rule, as the rules layer knows it (this layer is below the rules)."""

    def unknown_rule(self, rid: str) -> str | None:
        """None, or why `[rules.<rid>]` names no rule."""

    def setting(self, rid: str, key: str, value: Any) -> tuple[Any, str | None]:
        """A parameter of a known rule: (the value the rule uses, None), or (None, what is wrong)."""


def _policy(ref: Reference, path: Path, problems: list[Problem], schema: RuleSchema) -> None:
    data, loc = _load(path)
    for key in data:
        if key != "rules":
            problems.append(loc.problem(f"unknown table {key!r} (policy.toml holds [rules.<id>] tables)", key))
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        problems.append(loc.problem("rules must be tables [rules.<id>]", "rules"))
        return
    for rid, table in rules.items():
        where = ("rules", rid)
        unknown = schema.unknown_rule(rid)
        if unknown:
            problems.append(loc.problem(unknown, where))
            continue
        if not isinstance(table, dict):
            problems.append(loc.problem(f"[rules.{rid}] must be a table, not {show_value(table)}", where))
            continue
        rp = RulePolicy()
        for k, v in table.items():
            if k == "enabled":
                if isinstance(v, bool):
                    rp.enabled = v
                else:
                    problems.append(loc.problem(f"enabled must be true or false, not {show_value(v)}", where, None, k))
            elif k == "severity":
                if _str(v) and v in SEVERITIES:
                    rp.severity = v
                else:
                    problems.append(
                        loc.problem(f"severity must be error, warning or info, not {show_value(v)}", where, None, k)
                    )
            else:
                value, wrong = schema.setting(rid, k, v)
                if wrong:
                    problems.append(loc.problem(wrong, where, None, k))
                else:
                    rp.params[k] = value
        ref.policy[rid] = rp


def load_reference(directory: Path, schema: RuleSchema) -> Reference:
    """Read and check a whole reference directory; every mistake in it is reported at once.

    policy.toml is checked against `schema`, the rules' ids and parameters (`rules.load_reference`
    passes the registry's)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise BadInput(Problem(str(directory), None, None, "no such reference directory"))
    ref = Reference(directory)
    problems: list[Problem] = []

    def read(reader, path: Path, *args: Any) -> None:
        try:
            reader(ref, path, problems, *args)
        except BadInput as e:  # a file that cannot be read at all; the others are still checked
            problems.extend(e.problems)

    instruments = directory / "instruments.toml"
    if not instruments.is_file():
        problems.append(Problem(str(directory), None, None, "a reference directory needs instruments.toml"))
    else:
        read(_instruments, instruments)
    for path in sorted(directory.glob("fees*.toml")):
        read(_fees, path)
    if (directory / "cancelled.toml").is_file():
        read(_cancelled, directory / "cancelled.toml")
    if (directory / "policy.toml").is_file():
        read(_policy, directory / "policy.toml", schema)
    if problems:
        raise BadInput(problems)
    return ref


def same_unit(a: str | None, b: str | None) -> bool:
    return squash(a or "") == squash(b or "")
