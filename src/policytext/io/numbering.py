"""Word automatic list numbering: the marker Word draws for each numbered paragraph.

Word stores list numbers nowhere in the text: ``numbering.xml`` holds templates
(``w:abstractNum`` with one ``w:lvl`` per level: start value, ``w:numFmt``, ``w:lvlText``
such as ``%1、`` or ``（%2）``) and list instances (``w:num``, which point to a template and
may override start values). A reader that only takes the runs of a paragraph loses 一、 and
（二）, so this module replays Word's counting over the paragraphs in document order.

Counting follows what Word does, which is not always what LibreOffice does:

* counters belong to the template: every ``w:num`` of one ``w:abstractNum`` continues the
  same count, unless it carries a ``w:lvlOverride/w:startOverride`` (applied on its first use);
* a level restarts when a higher level is used, unless ``w:lvlRestart`` says otherwise
  (``0``: never; ``n``: only when a level ``<= n`` is used);
* ``%N`` draws level N in that level's own format, or in decimal under ``w:isLgl``.

Number formats follow ECMA-376 Part 1 §17.18.59, with the values Word 16 draws where the
standard is silent (see ``tests/io/test_numbering.py`` for the reference table).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ._common import first_children

_DIGITS_IDEO = "〇一二三四五六七八九"
_DIGITS_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_DIGITS_LEGAL_TRAD = "零壹貳參肆伍陸柒捌玖"
_DIGITS_JA_LEGAL = "〇壱弐参四伍六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}

#: Glyphs of Symbol/Wingdings bullets (private-use code points F0xx) as Unicode.
_BULLET_GLYPHS = {0xB7: "•", 0xA7: "▪", 0x6C: "●", 0x6E: "■", 0x71: "❑", 0x76: "❖", 0xD8: "➢",
                  0xFC: "✓", 0xA8: "◆", 0x75: "◆", 0x6F: "□", 0x9F: "•"}


def _grouped(n: int, digits: str, units: str, myriad: str, *, zero: str, drop_one: str, drop_one_lead: str) -> str:
    """A counting numeral below 10**8: digits with 十百千 and 万, as the counting formats draw it.

    Args:
        digits: the ten digit characters, zero first.
        units: the characters for 10, 100, 1000.
        myriad: the character for 10**4.
        zero: what stands for a gap of zeros (二百〇一); "" writes nothing (Japanese).
        drop_one: units before which a 1 is never written (Japanese 百, 千, 十).
        drop_one_lead: units before which a leading 1 is dropped (Chinese 十: 十一, but 一百一十).
    """

    def section(v: int, lead: bool) -> str:
        out, gap = [], False
        for power in (3, 2, 1, 0):
            d = (v // 10**power) % 10
            if d == 0:
                gap = gap or bool(out)
                continue
            if gap and zero:
                out.append(zero)
            gap = False
            unit = units[power - 1] if power else ""
            if d == 1 and unit and (unit in drop_one or (lead and not out and unit in drop_one_lead)):
                out.append(unit)
            else:
                out.append(digits[d] + unit)
        return "".join(out)

    if n == 0:
        return digits[0]
    high, low = divmod(n, 10_000)
    text = section(high, True) + myriad if high else ""
    if low:
        if high and low < 1000 and zero:
            text += zero
        text += section(low, not high)
    return text


def _chinese_counting(n: int) -> str:
    """chineseCounting: 一…九十九 in counting form, then digit by digit with ○ (101 → 一○一)."""
    if n < 100:
        return _grouped(n, _DIGITS_IDEO, "十百千", "万", zero="〇", drop_one="", drop_one_lead="十")
    return "".join(_DIGITS_IDEO[int(d)] for d in str(n)).replace("〇", "○")


def _letters(n: int, upper: bool) -> str:
    """A…Z, then AA…ZZ, AAA…: Word repeats the letter, it does not count in base 26."""
    if n < 1:
        return str(n)
    ch = chr((ord("A") if upper else ord("a")) + (n - 1) % 26)
    return ch * ((n - 1) // 26 + 1)


def _roman(n: int, upper: bool) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        count, n = divmod(n, value)
        out.append(sym * count)
    text = "".join(out)
    return text if upper else text.lower()


def _cardinal(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" " + _cardinal(rest) if rest else "")
    return str(n)


def _ordinal_text(n: int) -> str:
    words = _cardinal(n)
    if words.isdigit():
        return words
    head, sep, last = words.rpartition("-") if "-" in words else words.rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _table(n: int, chars: str | list[str]) -> str:
    """The n-th glyph of a fixed set; decimal beyond it (Word's fallback)."""
    return chars[n - 1] if 1 <= n <= len(chars) else str(n)


_CIRCLED = [chr(0x2460 + i) for i in range(20)]
_PAREN = [chr(0x2474 + i) for i in range(20)]
_FULLSTOP = [chr(0x2488 + i) for i in range(20)]
_IDEO_CIRCLED = [chr(0x3220 + i) for i in range(10)]  # ㈠…㈩, the glyphs §17.18.59 lists
_SEXAGENARY = [_STEMS[i % 10] + _BRANCHES[i % 12] for i in range(60)]
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


#: Formats drawn in groups of ten thousand: digits, 十百千-like units, the myriad, zero, the units
#: whose leading 一 is dropped everywhere, and the ones dropped at the start only.
_GROUPED: dict[str, tuple[str, str, str, str, str, str]] = {
    "chineseCountingThousand": (_DIGITS_IDEO, "十百千", "万", "〇", "", "十"),
    "taiwaneseCountingThousand": (_DIGITS_IDEO, "十百千", "萬", "〇", "", "十"),
    "chineseLegalSimplified": (_DIGITS_LEGAL, "拾佰仟", "万", "零", "", ""),
    "ideographLegalTraditional": (_DIGITS_LEGAL_TRAD, "拾佰仟", "萬", "零", "", ""),
    "japaneseCounting": (_DIGITS_IDEO, "十百千", "万", "", "十百千", ""),
    "japaneseLegal": (_DIGITS_JA_LEGAL, "拾百阡", "萬", "", "", ""),
}


def format_number(n: int, fmt: str) -> str:
    """Draw counter value ``n`` in the ``w:numFmt`` format ``fmt``, as Word does.

    Unknown formats draw decimal, as Word does for formats it cannot show.

    >>> [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 101)]
    ['一', '十', '十一', '二十', '一○一']
    >>> [format_number(n, "chineseCountingThousand") for n in (10, 101, 110, 1000000)]
    ['十', '一百〇一', '一百一十', '']
    >>> format_number(11, "ideographTraditional"), format_number(21, "decimalEnclosedCircle")
    ('11', '21')
    >>> format_number(28, "upperLetter"), format_number(14, "lowerRoman"), format_number(101, "japaneseCounting")
    ('BB', 'xiv', '百一')
    """
    if fmt in ("decimal", "", "decimalHalfWidth", "numberInDash") or n < 0:
        text = str(n)
        return f"- {text} -" if fmt == "numberInDash" and n >= 0 else text
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULLWIDTH)
    if fmt in ("chineseCounting", "taiwaneseCounting"):
        return _chinese_counting(n)
    if fmt in _GROUPED:
        if n >= 1_000_000:  # Word draws nothing from a million on (reference/word-numbering.md)
            return ""
        digits, small, myriad, zero, drop_one, drop_one_lead = _GROUPED[fmt]
        return _grouped(n, digits, small, myriad, zero=zero, drop_one=drop_one, drop_one_lead=drop_one_lead)
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join(_DIGITS_IDEO[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _table(n, _STEMS)
    if fmt == "ideographZodiac":
        return _table(n, _BRANCHES)
    if fmt == "ideographZodiacTraditional":
        return _table(n, _SEXAGENARY)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _table(n, _CIRCLED)
    if fmt == "decimalEnclosedParen":
        return _table(n, _PAREN)
    if fmt == "decimalEnclosedFullstop":
        return _table(n, _FULLSTOP)
    if fmt == "ideographEnclosedCircle":
        return _table(n, _IDEO_CIRCLED)
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n, fmt == "upperLetter")
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n, fmt == "upperRoman")
    if fmt == "ordinal":
        return _ordinal(n)
    if fmt == "cardinalText":
        return _cardinal(n).capitalize()
    if fmt == "ordinalText":
        return _ordinal_text(n).capitalize()
    return str(n)


def bullet_text(lvl_text: str) -> str:
    """A bullet's glyph as Unicode: Symbol/Wingdings private-use code points become • ▪ ➢ …"""
    out = []
    for ch in lvl_text:
        code = ord(ch)
        if 0xF000 <= code <= 0xF0FF:
            out.append(_BULLET_GLYPHS.get(code - 0xF000, "•"))
        elif 0xE000 <= code <= 0xF8FF:
            out.append("•")
        else:
            out.append(ch)
    return "".join(out).strip() or "•"


# ---------------------------------------------------------------------------------------------
# Definitions read from numbering.xml


@dataclass(frozen=True)
class Level:
    """One ``w:lvl``: how a level counts and what it draws."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # w:lvlText; None when absent (Word draws nothing)
    restart: int | None = None  # w:lvlRestart; None when absent
    is_lgl: bool = False
    style: str = ""  # w:pStyle back-link to the paragraph style that uses this level
    suffix: str = "tab"  # w:suff: tab, space or nothing (never put into the text)


@dataclass
class AbstractNum:
    """A ``w:abstractNum`` template; ``num_style_link`` points through a style to another one."""

    id: str
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str = ""
    style_link: str = ""


@dataclass
class Num:
    """A ``w:num`` list instance: a template plus per-level start overrides or level overrides."""

    id: str
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_INT = re.compile(r"\s*-?\d+")
_NAMES = ("val", "lvl", "ilvl", "lvlText", "numFmt", "start", "lvlRestart", "isLgl", "pStyle", "suff",
          "abstractNum", "abstractNumId", "numStyleLink", "styleLink", "num", "numId", "lvlOverride", "startOverride")


@functools.lru_cache(maxsize=8)
def _names(w: str) -> dict[str, str]:
    """Local name → Clark name (``{namespace}local``) of what this module reads, once per namespace."""
    return {local: w + local for local in _NAMES}


def _int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    if value.isdecimal():  # the common case; the same characters as \d, read the same by int()
        return int(value)
    m = _INT.match(value)
    return int(m.group()) if m else default


def _on(el, w: str) -> bool:
    """A toggle element (``<w:isLgl/>``) is on unless its val says 0/false/off."""
    if el is None:
        return False
    return el.get(w + "val", "true").lower() not in ("0", "false", "off")


def parse_level(lvl, w: str) -> Level:
    """Read one ``w:lvl`` element (``w`` is ``{namespace}`` of WordprocessingML)."""
    q = _names(w)
    found = first_children(
        lvl, q["lvlText"], q["numFmt"], q["start"], q["lvlRestart"], q["isLgl"], q["pStyle"], q["suff"]
    )

    def val(tag: str) -> str | None:
        el = found.get(q[tag])
        return None if el is None else el.get(q["val"])

    text = val("lvlText")
    if text is None and q["lvlText"] in found:
        text = ""
    fmt = val("numFmt")
    if fmt is None:  # Word 2010 wraps custom formats in mc:AlternateContent; take its fallback
        el = lvl.find(f"{_MC}AlternateContent/{_MC}Fallback/{w}numFmt")
        fmt = el.get(q["val"]) if el is not None else None
    return Level(
        start=_int(val("start"), 1) or 0,
        fmt=fmt or "decimal",
        text=text,
        restart=_int(val("lvlRestart")),
        is_lgl=_on(found.get(q["isLgl"]), w),
        style=val("pStyle") or "",
        suffix=val("suff") or "tab",
    )


@dataclass
class NumberingDefinitions:
    """Everything in ``numbering.xml``, keyed by id.

    :meth:`from_xml` reads a template's levels when a list first uses it: Word's files carry a
    dozen templates and a document numbers with one or two.
    """

    abstracts: dict[str, AbstractNum] = field(default_factory=dict)
    nums: dict[str, Num] = field(default_factory=dict)
    #: style id → numId of the style's own numPr (filled by the docx reader, for numStyleLink)
    style_num_ids: dict[str, str] = field(default_factory=dict)
    #: template id → its ``w:abstractNum`` element, until its levels are read
    _unread: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _w: str = field(default="", repr=False, compare=False)

    @classmethod
    def from_xml(cls, root, w: str) -> NumberingDefinitions:
        """Parse the root element of ``numbering.xml`` (the templates' levels on first use)."""
        q = _names(w)
        defs = cls(_w=w)
        for an in root.iter(q["abstractNum"]):
            aid = an.get(q["abstractNumId"], "")
            links = first_children(an, q["numStyleLink"], q["styleLink"])
            link, slink = links.get(q["numStyleLink"]), links.get(q["styleLink"])
            defs.abstracts[aid] = AbstractNum(
                aid, {},
                num_style_link=link.get(q["val"], "") if link is not None else "",
                style_link=slink.get(q["val"], "") if slink is not None else "",
            )
            defs._unread[aid] = an
        for num in root.iter(q["num"]):
            nid = num.get(q["numId"], "")
            ref = first_children(num, q["abstractNumId"]).get(q["abstractNumId"])
            entry = Num(nid, ref.get(q["val"], "") if ref is not None else "")
            for ov in num:
                if ov.tag != q["lvlOverride"]:
                    continue
                ilvl = _int(ov.get(q["ilvl"]), 0) or 0
                parts = first_children(ov, q["startOverride"], q["lvl"])
                so, lvl = parts.get(q["startOverride"]), parts.get(q["lvl"])
                if so is not None:
                    entry.start_overrides[ilvl] = _int(so.get(q["val"]), 0) or 0
                if lvl is not None:
                    entry.level_overrides[ilvl] = parse_level(lvl, w)
            defs.nums[nid] = entry
        return defs

    def _abstract(self, aid: str) -> AbstractNum | None:
        """A template by id, its levels read from its element the first time it is asked for."""
        abstract = self.abstracts.get(aid)
        if abstract is not None and aid in self._unread:
            q = _names(self._w)
            for lvl in self._unread.pop(aid):
                if lvl.tag != q["lvl"]:
                    continue
                ilvl = _int(lvl.get(q["ilvl"]), 0)
                if ilvl is not None and 0 <= ilvl <= 8:
                    abstract.levels[ilvl] = parse_level(lvl, self._w)
        return abstract

    def abstract_of(self, num_id: str) -> AbstractNum | None:
        """The template a list instance counts in, following ``w:numStyleLink`` (bounded)."""
        num = self.nums.get(num_id)
        seen: set[str] = set()
        while num is not None and num.id not in seen:
            seen.add(num.id)
            abstract = self._abstract(num.abstract_id)
            if abstract is None:
                return None
            if not abstract.num_style_link:
                return abstract
            num = self.nums.get(self.style_num_ids.get(abstract.num_style_link, ""))
            if num is None:
                return abstract
        return None

    def level(self, num_id: str, ilvl: int) -> Level | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        if ilvl in num.level_overrides:
            return num.level_overrides[ilvl]
        abstract = self.abstract_of(num_id)
        return abstract.levels.get(ilvl) if abstract else None

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose ``w:pStyle`` points back to ``style_id``."""
        abstract = self.abstract_of(num_id)
        if abstract is None:
            return None
        for ilvl, lvl in sorted(abstract.levels.items()):
            if lvl.style == style_id:
                return ilvl
        return None


_PLACEHOLDER = re.compile(r"%([1-9])")


class NumberingCounter:
    """Replays Word's counters over paragraphs in document order.

    The definitions must not change once counting has begun: each list's template and levels are
    looked up once, on its first paragraph, because a document numbers many paragraphs of few lists.

    Example:
        >>> defs = NumberingDefinitions()
        >>> defs.abstracts["0"] = AbstractNum("0", {0: Level(fmt="chineseCounting", text="%1、"),
        ...                                          1: Level(fmt="chineseCounting", text="（%2）")})
        >>> defs.nums["1"] = Num("1", "0")
        >>> c = NumberingCounter(defs)
        >>> [c.marker("1", i) for i in (0, 1, 1, 0, 1)]
        ['一、', '（一）', '（二）', '二、', '（一）']
    """

    def __init__(self, defs: NumberingDefinitions):
        self.defs = defs
        self._values: dict[str, list[int | None]] = {}
        self._applied: set[tuple[str, int]] = set()
        self._lists: dict[str, _List | None] = {}

    def _list(self, num_id: str) -> _List | None:
        """A list's instance, template, levels and the levels each level restarts, found once per list."""
        try:
            return self._lists[num_id]
        except KeyError:
            pass
        num = self.defs.nums.get(num_id)
        abstract = self.defs.abstract_of(num_id)
        found = None
        if num is not None and abstract is not None:
            levels = tuple(self.defs.level(num_id, k) for k in range(9))
            restarts = tuple(
                tuple(deeper for deeper in range(ilvl + 1, 9) if _restarts(levels[deeper], ilvl)) for ilvl in range(9)
            )
            found = _List(num, abstract, levels, restarts)
        self._lists[num_id] = found
        return found

    def marker(self, num_id: str, ilvl: int) -> str:
        """Count one paragraph of list ``num_id`` at level ``ilvl``; return what Word draws ("" if nothing)."""
        found = self._list(num_id)
        if found is None or not 0 <= ilvl <= 8:
            return ""
        num, abstract, levels, restarts = found
        lvl = levels[ilvl]
        if lvl is None:
            return ""
        values = self._values.setdefault(abstract.id, [None] * 9)
        if ilvl in num.start_overrides and (num_id, ilvl) not in self._applied:
            self._applied.add((num_id, ilvl))
            values[ilvl] = num.start_overrides[ilvl]
        elif values[ilvl] is None:
            values[ilvl] = lvl.start
        else:
            values[ilvl] += 1  # type: ignore[operator]
        for deeper in restarts[ilvl]:
            values[deeper] = None
        return self.render(num, abstract, lvl, values)

    def render(self, num: Num, abstract: AbstractNum, lvl: Level, values: list[int | None]) -> str:
        if lvl.fmt == "bullet":
            return bullet_text(lvl.text or "")
        if not lvl.text:
            return ""
        found = self._list(num.id)
        levels = found.levels if found is not None else (None,) * 9
        parts = _template(lvl.text)
        out = [parts[0]]
        for i in range(1, len(parts), 2):  # odd items are the level numbers of %1…%9
            k = parts[i] - 1  # type: ignore[operator]
            level_k = levels[k]
            value = values[k]
            if value is None:
                value = level_k.start if level_k is not None else 1
            out.append(format_number(value, "decimal" if lvl.is_lgl else (level_k.fmt if level_k else "decimal")))
            out.append(parts[i + 1])
        return "".join(out)  # type: ignore[arg-type]


class _List(NamedTuple):
    num: Num
    abstract: AbstractNum
    levels: tuple[Level | None, ...]  # what NumberingDefinitions.level gives for 0…8
    restarts: tuple[tuple[int, ...], ...]  # the deeper levels a use of each level restarts


def _restarts(deeper: Level | None, ilvl: int) -> bool:
    """Whether using level ``ilvl`` restarts a deeper level: by default yes; ``w:lvlRestart`` 0 never, n below n."""
    restart = deeper.restart if deeper is not None else None
    return restart is None or (restart != 0 and ilvl < restart)


@functools.lru_cache(maxsize=256)
def _template(text: str) -> tuple[str | int, ...]:
    """A ``w:lvlText`` split at its placeholders: text, level number, text, … (``"（%2）"`` → ``("（", 2, "）")``)."""
    parts = _PLACEHOLDER.split(text)
    return tuple(int(part) if i % 2 else part for i, part in enumerate(parts))
