"""Text normalisation shared by parsing, rules and diff (FORMAT.md §1 empty words, §4 names)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .messages import t

_WS = re.compile(r"\s+")
# A run of dashes, any mix of the five dash characters FORMAT.md lists (after NFKC `－` is `-`).
_DASH_RUN = re.compile(r"^[-—–―]+$")
# The empty words of FORMAT.md §1, normalised (NFKC turns `（空）` into `(空)` and `／` into `/`).
EMPTY_WORDS = frozenset(unicodedata.normalize("NFKC", w) for w in ("无", "暂无", "没有", "空", "（空）", "/", "／"))
NO_CHARGE_WORDS = frozenset(("免费", "不收费", "免收", "不收取"))

# C0 and C1 controls but tab and line breaks: `\x9b` is a terminal's escape (CSI) as `\x1b[` is.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def squash(text: str) -> str:
    """NFKC and no white space at all: the comparison form of FORMAT.md §4, without the title-mark rule."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


# First characters of the normalised empty and no-charge words (and `》`, as `《》` normalises to nothing).
_EMPTY_START = frozenset("无暂没空(/-—–―》")
_NO_CHARGE_START = frozenset("免不")


@lru_cache(maxsize=4096)
def _lead_of(ch: str) -> str:
    """The first character ch normalises to; a space for white space."""
    n = unicodedata.normalize("NFKC", ch)
    return n[:1] if n.strip() else " "


def _stable(c: str) -> bool:
    """A CJK ideograph, or an ASCII letter or digit: a character NFKC leaves as it is."""
    return "\u4e00" <= c <= "\u9fff" or (c.isascii() and c.isalnum())


def lead(text: str) -> str:
    """The first character of the text normalised as names are, white space and `《` passed over."""
    for ch in text:
        if ch == "《" or ch == " ":
            continue
        c = ch if _stable(ch) else _lead_of(ch)
        if c != " " and c != "《":
            return c
    return ""


def may_start(text: str, starts: frozenset[str] | str) -> bool:
    """False when the text, normalised as names are, surely does not begin with one of `starts`.

    Every text whose normalised form is one of a set of words leads with one of their first
    characters, so that a test of one character answers almost every cell at once."""
    c = text[:1]
    if c and c not in starts and _stable(c):
        return False
    c = lead(text)
    return not c or c in starts


def is_empty_word(text: str) -> bool:
    """True when the whole text, normalised as names are (FORMAT.md §4: NFKC, no white space, an
    enclosing 《》 dropped), is blank or one of FORMAT.md §1's empty words: `《无》` and `　无` too."""
    if not text:
        return True
    c = text[1] if text[0] == "《" and len(text) > 1 else text[0]  # the quick answer for almost every cell:
    if c not in _EMPTY_START and ("\u4e00" <= c <= "\u9fff" or (c.isalnum() and c.isascii())):
        return False  # a CJK ideograph or an ASCII letter or digit first (NFKC leaves them as they are)
    if not may_start(text, _EMPTY_START):
        return False
    s = norm_name(text)
    return s == "" or s in EMPTY_WORDS or bool(_DASH_RUN.match(s))


def is_no_charge_word(text: str) -> bool:
    """Empty words plus the no-charge words, which count as empty in the fees column."""
    if is_empty_word(text):
        return True
    return may_start(text, _NO_CHARGE_START) and norm_name(text) in NO_CHARGE_WORDS


def _strip_outer_marks(s: str) -> str:
    if len(s) >= 2 and s[0] == "《" and s[-1] == "》":
        depth = 0
        for i, ch in enumerate(s):
            if ch == "《":
                depth += 1
            elif ch == "》":
                depth -= 1
                if depth == 0 and i != len(s) - 1:
                    return s  # the first mark closes before the end: `《A》和《B》` keeps its marks
        return s[1:-1]
    return s


@lru_cache(maxsize=1 << 16)
def norm_name(text: str) -> str:
    """Item, fee and material names as compared (FORMAT.md §4)."""
    return _strip_outer_marks(squash(text))


@lru_cache(maxsize=1 << 14)
def norm_title(text: str) -> str:
    """Instrument titles as compared: inner 《》 and 〈〉 compare equal, only in titles."""
    s = norm_name(text)
    return s.replace("〈", "《").replace("〉", "》")


def has_control(text: str) -> bool:
    return bool(_CONTROL.search(text))


def visible(text: str) -> str:
    """Control characters made visible (`\\x07`), so that a terminal shows data and never obeys it."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


# What no code may hold: C0/C1 controls (NUL, ESC …), format characters (a BOM, zero-width spaces,
# bidirectional overrides) and surrogates. A code holding one looks like another and no command can name it.
_CODE_BAD = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def code_problem(code: str) -> str | None:
    """Why a code cannot be one (a control or invisible character, shown as its escape), or None."""
    m = _CODE_BAD.search(code)
    if m is None:
        return None
    return t("code-invisible", code=visible(code), point=f"{ord(m.group()):04X}", at=m.start() + 1)


# Markdown: what in data could become markup (HTML, links, emphasis, code, tables, entities) is
# backslash-escaped, and every kind of line break becomes br, so that data never starts a line of its own.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>&|~!#]")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")


def md_text(value: object, br: str = " ") -> str:
    """Data as Markdown text: never markup, never a heading or list of its own, controls made visible."""
    text = visible(_LINE_BREAK.sub("\n", "" if value is None else str(value)))
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(), text).replace("\n", br)


# CSV: a spreadsheet reads a cell that starts with = + - @ (or a tab or CR) as a formula. Guarded cells get
# a leading ', as Excel's own text prefix; so do cells that already start with ' before one of those, so
# that import, which takes one ' off such a cell, gives back exactly what was exported.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")


def csv_guard(cell: str) -> str:
    return "'" + cell if _FORMULA.match(cell) else cell


def csv_unguard(cell: str) -> str:
    return cell[1:] if _GUARDED.match(cell) else cell
