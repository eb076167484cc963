"""How a name found in the text is labelled: the normalised name compared across documents, its
level (中央 … 村, 单位) and kind (party, government, role …), and whether a bare place names its
government (各县, 乡镇（街道）) rather than the place.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .body_names import Candidate

__all__ = ["name_kind", "name_level", "normalise_name", "place_names_government"]

_PLACE_CHARS = set("省市县区乡镇村")
_DROPPED = re.compile(r"[\s“”‘’\"'「」]+")  # spaces and quotation marks
_QUANTIFIER = re.compile(r"各级|各|全(?:国|省|市|县|区|旗|州|镇|乡)|其他|其它|每个|每名|每位|所有|辖区")


def place_names_government(c: Candidate, text: str) -> bool:
    """A bare place names its government only as 各县, 县（市）区, 乡镇（街道）, 县区 or 中央.

    Not as 市, 县, 社区 or 自治区 alone (社区建设, 自治区成立70周年), nor as 县级, 省级新区.
    """
    places = [t for t in c.tokens if t.term.category == "place"]
    if any(t.text.endswith("级") for t in places):
        return False
    if any(t.term.authority for t in places):
        return True  # 中央
    if c.scope_end > c.start and text[c.start : c.scope_end] in ("各", "各级"):
        return True
    if any(t.term.category == "bracket" for t in c.tokens):
        return True
    return len(places) == 1 and len(places[0].text) > 1 and set(places[0].text) <= _PLACE_CHARS


@functools.lru_cache(maxsize=8192)  # the same names recur across a corpus
def normalise_name(text: str) -> str:
    """The name used to compare bodies across documents.

    Brackets become ASCII, spaces and quotation marks go, and a leading quantifier (各, 各级, 全市,
    其他, 每个) is dropped when a name or a one-character place is left (各村 → 村, not 各地 → 地).

    >>> normalise_name("各级党委（党组）书记")
    '党委(党组)书记'
    >>> normalise_name("全县各乡镇（街道）党（工）委")
    '乡镇(街道)党(工)委'
    >>> normalise_name("各村"), normalise_name("各地")
    ('村', '各地')
    >>> normalise_name("村（社区）“两委”班子")
    '村(社区)两委班子'
    """
    s = _DROPPED.sub("", unicodedata.normalize("NFKC", text))
    while True:
        m = _QUANTIFIER.match(s)
        if not m or (len(s) - m.end() < 2 and s[m.end():] not in _PLACE_CHARS):
            break  # 各地 stays whole; 各村 is every 村 as 各乡镇 is every 乡镇
        s = s[m.end():]
    return s




def name_level(c: Candidate | None) -> str:
    """The level of a name: of its first place (县委组织部 → 县), else of its last term that has one."""
    if c is None:
        return ""
    for t in c.tokens:
        if t.term.category == "place" and t.term.level:
            return t.term.level
    for t in reversed(c.tokens):
        if t.term.level:
            return t.term.level
    return ""


def name_kind(c: Candidate | None) -> str:
    """The kind of a name (party, government, role, enterprise, mass, other), from its last organ."""
    if c is None:
        return ""
    toks = [t for t in c.tokens if t.term.category not in ("bracket", "scope")]
    if c.shape == "place":
        return "party" if toks and toks[-1].text == "中央" else "government"
    return _kind(toks)


def _kind(toks: list) -> str:
    for j in range(len(toks) - 1, -1, -1):
        t = toks[j]
        if t.term.category == "role":
            return "role"
        if t.term.category == "suffix":
            prev = toks[j - 1] if j else None
            if t.text == "委" and prev is not None and prev.term.category == "place":
                return "party"  # 市委, 县（市、区）委
            if prev is not None and prev.term.kind and t.text in ("委", "部", "办"):
                return prev.term.kind
            return t.term.kind or "government"
        if t.term.category == "head":
            prev = toks[j - 1] if j else None
            if t.term.generic and prev is not None and prev.term.category == "stem" and prev.term.kind:
                return prev.term.kind  # 组织部门 is a Party department
            if t.term.kind in ("", "other") and prev is not None and prev.term.category in ("head", "suffix"):
                owner = _kind(toks[:j])
                if owner not in ("other", "role"):
                    return owner  # 政府办公室, 县委办公室, 纪委办公室: a unit of the organ named right before it
            return t.term.kind or "other"
        if t.term.category == "stem":
            return t.term.kind or "other"
    return "other"
