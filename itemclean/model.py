"""Domain objects: an item of the catalogue and the parsed parts of its cells."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

# The field keys of FORMAT.md §1, in the order of its table.
FIELDS: tuple[str, ...] = (
    "code",
    "name",
    "department",
    "category",
    "basis",
    "materials",
    "procedure",
    "statutory_limit",
    "promised_limit",
    "fees",
    "notes",
)
LIST_FIELDS = ("basis", "materials", "fees")
REQUIRED = ("code", "name")

# Chinese headers accepted for each key (FORMAT.md §1); the first is what itemclean writes.
HEADERS: dict[str, tuple[str, ...]] = {
    "code": ("事项编码", "编码", "项目编码"),
    "name": ("事项名称", "项目名称", "名称"),
    "department": ("实施机关", "实施部门", "承办部门", "主管部门"),
    "category": ("事项类型", "事项类别", "类别"),
    "basis": ("设定依据", "设立依据", "法律依据", "依据"),
    "materials": ("申请材料", "申报材料", "材料"),
    "procedure": ("办理流程", "审批程序", "办理程序", "程序"),
    "statutory_limit": ("法定时限", "法定期限"),
    "promised_limit": ("承诺时限", "承诺期限"),
    "fees": ("收费项目", "收费", "收费标准"),
    "notes": ("备注",),
}


Layout = list[tuple[str | None, str]]  # a catalogue's columns: (field key, or None for an extra one; header)


def default_title(catalog: str) -> str:
    """The title a catalogue is published under unless one is given."""
    return f"{catalog} 行政许可事项目录"


def layout_columns(layout: Layout, used: set[str] | None = None, headers: str = "source") -> Layout:
    """Columns to write: the catalogue's own (as imported), then any field it lacked that items now use."""
    cols = list(layout) or [(k, HEADERS[k][0]) for k in FIELDS]
    have = {k for k, _ in cols if k}
    for k in FIELDS:
        if k not in have and (k in ("code", "name") or (used and k in used)):
            # after the last column of a field that comes before it (extra columns stay where they are)
            before = [i for i, (c, _) in enumerate(cols) if c and FIELDS.index(c) < FIELDS.index(k)]
            cols.insert(before[-1] + 1 if before else 0, (k, HEADERS[k][0]))
            have.add(k)
    if headers == "en":
        cols = [(k, k if k else h) for k, h in cols]
    elif headers == "zh":
        cols = [(k, HEADERS[k][0] if k else h) for k, h in cols]
    return cols


@dataclass(frozen=True)
class Citation:
    """One basis entry: the instrument named in 《》 (None without one) and its first article."""

    text: str
    instrument: str | None
    article: str | None


StandardKind = Literal["none", "free", "amount", "range", "text"]


@dataclass(frozen=True)
class FeeStandard:
    kind: StandardKind
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Fee:
    name: str
    standard: str = ""
    basis: str = ""
    # the standard as read, where the parser or the store already knows it (parsing.standard_of)
    known: FeeStandard | None = field(default=None, compare=False, repr=False)

    def entry(self) -> str:
        """The `名称|标准|依据` form, as short as it can be written."""
        if self.basis:
            return f"{self.name}|{self.standard}|{self.basis}"
        return f"{self.name}|{self.standard}" if self.standard else self.name

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "standard": self.standard, "basis": self.basis}


LimitState = Literal["empty", "days", "unparsed"]


@dataclass(frozen=True)
class Limit:
    """A time limit: its text, and its length in working days when the text can be read."""

    text: str
    days: int | None
    state: LimitState

    @property
    def known(self) -> bool:
        return self.days is not None


@dataclass
class Item:
    code: str
    name: str
    department: str = ""
    category: str = ""
    basis: list[Citation] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    procedure: str = ""
    statutory_limit: Limit = Limit("", None, "empty")
    promised_limit: Limit = Limit("", None, "empty")
    fees: list[Fee] = field(default_factory=list)
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    # Cell text as read, for the fields whose text differs from their canonical form (see cell()).
    raw: dict[str, str] = field(default_factory=dict)

    def value(self, key: str) -> Any:
        """The field in its interchange form (FORMAT.md §2): lists as lists, limits as text."""
        if key == "basis":
            return [c.text for c in self.basis]
        if key == "fees":
            return [f.as_dict() for f in self.fees]
        if key in ("statutory_limit", "promised_limit"):
            return getattr(self, key).text
        if key in FIELDS:
            return getattr(self, key)
        return self.extra.get(key, "")

    def canonical_cell(self, key: str) -> str:
        if key == "basis":
            return "\n".join(c.text for c in self.basis)
        if key == "materials":
            return "\n".join(self.materials)
        if key == "fees":
            return "\n".join(f.entry() for f in self.fees)
        v = self.value(key)
        return v if isinstance(v, str) else str(v)

    def cell(self, key: str) -> str:
        """The cell text to write: as read when the item came from a sheet, else canonical."""
        return self.raw.get(key, self.canonical_cell(key))

    def as_dict(self) -> dict[str, Any]:
        d = {k: self.value(k) for k in FIELDS}
        d.update(self.extra)
        return d

    @property
    def content_hash(self) -> str:
        """SHA-256 of the normalised fields: equal items hash equal whatever file they came from."""
        payload = _HASH_JSON.encode(
            [
                self.code,
                self.name,
                self.department,
                self.category,
                [c.text for c in self.basis],
                self.materials,
                self.procedure,
                self.statutory_limit.text,
                self.promised_limit.text,
                [[f.name, f.standard, f.basis] for f in self.fees],
                self.notes,
                sorted(self.extra.items()),
            ]
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_HASH_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # one encoder for every content hash


@dataclass(frozen=True)
class Finding:
    """What the audit found on an item: the rule, its severity, the field and, for a rule about entries,
    the entry; in the words of the message table."""

    code: str
    rule: str
    severity: str
    field: str
    message: str
    suggestion: str
    entry: str = ""  # the citation, material or fee the finding is about, for rules about entries

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "field": self.field,
            "message": self.message,
            "suggestion": self.suggestion,
            "entry": self.entry,
        }
