"""Chinese names in the order Chinese readers sort them: by pinyin (tone numbers break ties), through
pypinyin. Imported only when a list is sorted by name, since loading pypinyin's dictionary takes a
third of a second; `itemclean review` starts without it."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=1 << 15)
def _syllable(ch: str) -> str:
    """One character's reading with its tone as a digit (`ju3`); any other character as itself."""
    got = lazy_pinyin(ch, style=Style.TONE3, neutral_tone_with_five=True, errors="default")
    return got[0] if got else ch


@lru_cache(maxsize=1 << 17)
def name_key(name: str | None) -> str:
    """A text that sorts as the name's pinyin, syllable by syllable: 公 (gong1) < 互 (hu4) < 举 (ju3);
    a name that is another's beginning comes first."""
    return " ".join(_syllable(ch) for ch in name or "")
