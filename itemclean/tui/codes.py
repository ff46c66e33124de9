"""Short forms of long item codes for the table, that still tell every item of the catalogue apart.

A long code such as `511A0138000000-511602000000-000-115113010833722043-1-00` is made of parts
joined by `-`: the item's base code, the area, a sequence, the department's credit code and two
serials. Most parts repeat across a county's list. The short form keeps the first part and then,
among the codes that share it, only the parts where they differ, in order, until the code is told
apart from all of them: `511A0138000000…`, `Z-000147…`, `511A01…-115113010833722043…`. Skipped
parts show as `…`. The whole code is on the item screen and in the table's status line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

LONG = 16  # codes up to this many characters are shown whole


def _shown(parts: list[str], keep: list[int]) -> str:
    out, last = "", -1
    for i in keep:
        if out:
            out += "-" if i == last + 1 else "…"
        out += parts[i]
        last = i
    return out + ("…" if last < len(parts) - 1 else "")


def short_codes(codes: Iterable[str], long: int = LONG) -> dict[str, str]:
    """code → its short form, for the codes longer than `long` whose short form is shorter."""
    groups: dict[str, list[list[str]]] = defaultdict(list)
    for code in codes:
        if len(code) > long:
            parts = code.split("-")
            groups[parts[0]].append(parts)
    out: dict[str, str] = {}
    for group in groups.values():
        _split(group, [0], 1, out)
    return out


def _split(group: list[list[str]], keep: list[int], start: int, out: dict[str, str]) -> None:
    """Tell the codes of group (alike in the parts kept) apart by the first part where they differ."""
    if len(group) == 1:
        parts = group[0]
        short, code = _shown(parts, keep), "-".join(parts)
        if len(short) < len(code):
            out[code] = short
        return
    width = max(len(p) for p in group)
    i = next(i for i in range(start, width) if len({_at(p, i) for p in group}) > 1)
    by: dict[str | None, list[list[str]]] = defaultdict(list)
    for p in group:
        by[_at(p, i)].append(p)
    for value, sub in by.items():
        if value is None:  # this code ends where the others go on: shown whole
            _split(sub, list(range(len(sub[0]))), width, out)
        else:
            _split(sub, [*keep, i], i + 1, out)


def _at(parts: list[str], i: int) -> str | None:
    return parts[i] if i < len(parts) else None
