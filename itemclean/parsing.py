"""Parsers for the cell syntaxes of FORMAT.md §1: lists, citations, fee entries and time limits.

Every parser keeps the text it was given; a value it cannot read is kept and marked, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from .model import Citation, Fee, FeeStandard, Limit
from .normalize import NO_CHARGE_WORDS, is_empty_word, is_no_charge_word, may_start, norm_name, squash

_SEPARATORS = re.compile(r"\r\n|\r|\n|；|;")

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千"

# The list markers of FORMAT.md §1, and no others; white space may stand inside them (`1 .`, `（ 1 ）`).
_MARKERS = re.compile(
    r"""^(?:
        [0-9０-９]+\s*[.．](?![0-9０-９])     # 1.  1．  1 .  (not the decimal 1.5米)
      | [0-9０-９]+\s*[、)）]                 # 1、 1) 1）
      | [(（]\s*[0-9０-９]+\s*[)）]           # (1) （1） （ 1 ）
      | [\u2460-\u2473]                      # ① … ⑳
      | [\u2474-\u2487]                      # ⑴ … ⒇
      | [一二三四五六七八九十百零〇]+\s*、     # 一、 二 、
      | [(（]\s*[一二三四五六七八九十百零〇]+\s*[)）]   # (一) （一） （ 一 ）
    )""",
    re.VERBOSE,
)


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral such as 二十, 十五, 一百零五, 两; None when it is not one."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    total, digit, last_unit = 0, None, 10_000
    for i, ch in enumerate(text):
        if ch in _CN_DIGITS:
            if digit is not None:
                return None  # two digits in a row (二三) is no numeral
            if _CN_DIGITS[ch] == 0 and len(text) > 1:
                # 零 only marks a skipped place, between a unit and a digit: 一百零五, 一千零一十
                following = text[i + 1] if i + 1 < len(text) else ""
                if not total or not _CN_DIGITS.get(following):
                    return None
                continue
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def number(text: str) -> int | None:
    """An Arabic (half- or full-width) or Chinese whole number."""
    s = unicodedata.normalize("NFKC", text)
    if s.isascii() and s.isdigit():
        return int(s)
    return chinese_number(s)


@lru_cache(maxsize=1 << 14)  # a list's entries recur across items (`（1）申请书`): each is read once
def strip_marker(entry: str) -> str:
    """The entry without its leading list markers (`一、1.` has two) and outer white space."""
    entry = entry.strip()
    while m := _MARKERS.match(entry):
        entry = entry[m.end() :].strip()
    return entry


def split_list(cell: str) -> list[str]:
    """Entries of a list cell: split on line breaks, `；` and `;`, markers stripped, blanks dropped.

    A cell that is wholly an empty word (`无`, or `1.无` once its marker is stripped) has no entries;
    an entry `无` inside a longer list stays. Deciding on the entries, not on the cell with its line
    breaks squashed away, keeps this idempotent: a list written back one entry a line reads the same.
    """
    entries = [e for e in (strip_marker(part) for part in _SEPARATORS.split(cell)) if e]
    return [] if all(is_empty_word(e) for e in entries) else entries


# --- citations ---------------------------------------------------------------------------------

_MARKS = re.compile("[《》]")


def _title_pairs(text: str) -> dict[int, int]:
    """Matched book-title marks: index of each `《` that has a matching `》`, to that `》`'s index."""
    if "《" not in text:
        return {}
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for m in _MARKS.finditer(text):
        i = m.start()
        if text[i] == "《":
            stack.append(i)
        elif stack:
            pairs[stack.pop()] = i
    return pairs


def split_citations(entry: str) -> list[str]:
    """Split an entry before each `《` outside any `《》`, except the first (FORMAT.md §1)."""
    pairs = _title_pairs(entry)
    if len(pairs) <= 1 and entry.count("《") <= 1:
        return [entry.strip()] if entry.strip() else []
    cuts: list[int] = []
    inside_until = -1
    for m in _MARKS.finditer(entry):
        i = m.start()
        if entry[i] != "《" or i <= inside_until:
            continue
        cuts.append(i)
        inside_until = pairs.get(i, i)
    pieces = [entry[a:b] for a, b in zip([0] + cuts[1:], cuts[1:] + [len(entry)])] if cuts else [entry]
    return [p.strip() for p in pieces if p.strip()]


_ARTICLE = re.compile(r"第\s*([0-9０-９]+|[" + CN_NUMERAL + r"]+)\s*条")


def parse_citation(text: str) -> Citation:
    pairs = _title_pairs(text)
    if not pairs:
        return Citation(text=text, instrument=None, article=None)
    start = min(pairs)
    end = pairs[start]
    m = _ARTICLE.search(text, end + 1)
    return Citation(text=text, instrument=text[start + 1 : end], article=m.group(0) if m else None)


def parse_basis(cell: str) -> list[Citation]:
    return [c for entry in split_list(cell) for c in _entry_citations(entry)]


@lru_cache(maxsize=1 << 14)  # the same instruments and articles are cited by many items
def _entry_citations(entry: str) -> tuple[Citation, ...]:
    return tuple(parse_citation(p) for p in split_citations(entry))


# --- fees --------------------------------------------------------------------------------------

_AMOUNT = r"(\d+(?:\.\d+)?)"
_UNIT = r"(?:/(.+))?"
_SINGLE = re.compile(rf"^{_AMOUNT}(元)?{_UNIT}$")
# The joiners of a range, after NFKC (which makes `－` `-` and `～` `~`): - ~ 〜 — – 至.
_RANGE = re.compile(rf"^{_AMOUNT}元?[-~〜—–至]{_AMOUNT}(元)?{_UNIT}$")


def parse_standard(text: str) -> FeeStandard:
    """A fee standard (FORMAT.md §1 fee entry): amount, range, no charge, or text no rule compares.

    White space is ignored; an empty word (`无`, `——`) is no standard; a bare amount is in yuan."""
    if is_empty_word(text):
        return FeeStandard("none")
    if norm_name(text) in NO_CHARGE_WORDS:
        return FeeStandard("free")
    s = squash(text)
    m = _SINGLE.match(s)
    if m:
        amount = Decimal(m.group(1))
        if amount == 0:
            return FeeStandard("free", amount, amount, m.group(3))
        return FeeStandard("amount", amount, amount, m.group(3))
    m = _RANGE.match(s)
    if m:
        return FeeStandard("range", Decimal(m.group(1)), Decimal(m.group(2)), m.group(4))
    return FeeStandard("text")


def is_no_fee(text: str) -> bool:
    """In the fees column, text that counts as empty: an empty word, a no-charge word or an amount of 0."""
    if is_no_charge_word(text):
        return True
    return may_start(text, "0") and parse_standard(norm_name(text)).kind == "free"


def fee_of(name: str, standard: str = "", basis: str = "") -> Fee | None:
    """A fee from its parts; None when it is only a word that counts as empty in the fees column
    (`免费|`, `0元`). A standard or basis that is an empty word (`无`, `——`, `/`) is missing."""
    name, standard, basis = name.strip(), standard.strip(), basis.strip()
    standard = "" if is_empty_word(standard) else standard
    basis = "" if is_empty_word(basis) else basis
    if not standard and not basis and is_no_fee(name):
        return None
    return Fee(name=name, standard=standard, basis=basis, known=parse_standard(standard))


def standard_of(fee: Fee) -> FeeStandard:
    """The fee's standard as an amount, a range, no charge or text (FORMAT.md §1 fee entry)."""
    return fee.known if fee.known is not None else parse_standard(fee.standard)


def parse_fee_entry(entry: str) -> Fee | None:
    """`名称|标准|依据`, split on `|` or `｜`; None for an entry that is only an empty or no-charge word
    or an amount of 0, in a column also headed 收费标准."""
    parts = re.split(r"[|｜]", strip_marker(entry), maxsplit=2)
    return fee_of(*parts)


def parse_fees(cell: str) -> list[Fee]:
    return list(_cell_fees(cell))


@lru_cache(maxsize=1 << 12)  # few fees cells differ (`不收费`, the same fee of many items)
def _cell_fees(cell: str) -> tuple[Fee, ...]:
    fees = (parse_fee_entry(e) for e in _SEPARATORS.split(cell))
    return tuple(f for f in fees if f is not None)


def is_empty_fees(cell: str) -> bool:
    """A fees cell that lists no fee counts as empty, for a row's heading and blank tests too."""
    return not parse_fees(cell)


# --- time limits -------------------------------------------------------------------------------

_LIMIT = re.compile(r"^([0-9]+|[" + CN_NUMERAL + r"]+)(个工作日|工作日|日|天)?$")


def parse_limit(value: str | int | None) -> Limit:
    """即办, N个工作日 / N工作日 / N日 / N天 / N (working days); other text is kept as unparsed."""
    if value is None:
        return Limit("", None, "empty")
    if isinstance(value, int) and not isinstance(value, bool):
        return Limit(str(value), value, "days") if value >= 0 else Limit(str(value), None, "unparsed")
    return _text_limit(str(value))


@lru_cache(maxsize=1 << 12)  # few limits differ (`20个工作日`)
def _text_limit(value: str) -> Limit:
    text = value.strip()
    if is_empty_word(text):
        return Limit(text, None, "empty")
    s = squash(text)
    if s == "即办":
        return Limit(text, 0, "days")
    m = _LIMIT.match(s)
    if m:
        days = number(m.group(1))
        if days is not None:
            return Limit(text, days, "days")
    return Limit(text, None, "unparsed")
