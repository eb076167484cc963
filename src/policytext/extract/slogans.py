"""Numeric formulas (提法): 四个意识, 三大攻坚战, 三会一课, “12234”, 5+1 — found and linked to their parts.

A formula and an ordinary count look alike (四个意识 / 四个街道), so a numeral is taken for a
formula only on the cues a reader uses:

* quotation marks around a numeral and a short head (“两新”, “四个突出”, “5+1”, “1项工程”), or
  around a label that opens with its field and ends in a programme (“民生十大工程”, taken whole);
* a known formula of the lexicon (lexicons/slogans.tsv), quoted or not (中央八项规定精神);
* a definition that follows (三项任务：A、B、C / 一条主线：… / 两个覆盖（…）) with as many parts
  as the numeral says;
* a head that no count has: 三大攻坚战 (N大), 五个必须 (个 + a verb or adverb, slogan_rules.tsv);
* Arabic formulas: 5+1, 1+N; a run such as 1个中心、2个平台、3项机制的工作思路.

Dates (七一, 九二), plan periods (十三五), ordinals (第三轮, 十九届), times (四点半) and idioms with 一
(一盘棋, 一刀切) are refused by shape. A quoted number of three or more digits is kept only when the
text defines it or a plan noun follows it (“8337”发展思路, “141”基层治理体系); service lines and
products are not formulas (“96178”直通车, “12345”热线, “301”快贷). Parts are linked by
:mod:`policytext.extract.slogan_parts`.

Speed: the text is scanned by few patterns that open with a literal or a character class (one
pass finds both the lexicon's forms and the numeral-and-measure cues), quotations without a
numeral are never looked at, and what a formula's text implies for its parts is cached across
documents (:func:`_formula`).

Other extractors skip the numerals inside formulas (三会一课 is never a target of 3):
:func:`slogan_spans` gives every mention's span.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..lexicons import load_slogan_lexicon, slogan_rules
from ..numerals import chinese_to_int
from ..types import Document, Slogan, make_record
from . import slogan_parts

if TYPE_CHECKING:  # pandas is imported when the matrix is built
    import pandas as pd

__all__ = [
    "FormulaShape",
    "SloganLexicon",
    "extract_slogans",
    "is_inside_slogan",
    "parse_formula",
    "slogan_lexicon",
    "slogan_matrix",
    "slogan_spans",
]

# --------------------------------------------------------------------------------------------
# Patterns, compiled once.
# --------------------------------------------------------------------------------------------

_RULES = slogan_rules()
_MEASURES = _RULES["measure"]
#: Longest first, so that 小时 is tried before 时.
_COUNT_WORDS = tuple(sorted(_RULES["count"], key=len, reverse=True))
#: Measures that 一 may take in a formula (一条主线, 一个中心); 一盘棋, 一刀切, 一张网 are idioms.
_ONE_MEASURES = "个条项种类支套"
_HEADS = tuple(_RULES["head"])
#: Heads that name a programme: 工程, 行动, 体系 … (slogan_rules.tsv ``big`` and ``frame``).
_PROGRAMMES = tuple(w for w in _RULES["big"] + _RULES["frame"] if w not in {"工作", "专项"})
_BLOCK = tuple(_RULES["block"])

#: A Chinese numeral as formulas write it: 双, 十, 十一…十九, 一…九, 二十…: value checked afterwards.
NUM_CN = "(?:双|十[一二三四五六七八九]?|[一二两三四五六七八九](?:十[一二三四五六七八九]?)?)"
_NUM_CHARS = "一二两三四五六七八九十双百千万零〇"
#: The scanning patterns below start with a character class, which lets the engine skip to the next
#: numeral fast; what may not stand before a numeral (第, another numeral) is checked in Python.
_NOT_BEFORE = _NUM_CHARS + "第0123456789０１２３４５６７８９.+＋"
_CJK = "\u4e00-\u9fff"
_PART = re.compile(rf"({NUM_CN})([^一二两三四五六七八九十双]*)")
_ARABIC_PLUS = re.compile(r"(\d{1,3})((?:[+×][\dNnXx]{1,3})+)([" + _CJK + r"]{0,6})")
_ARABIC_HEAD = re.compile(r"(\d{1,3})([" + _CJK + r"]{1,6}?)(\d{1,3}[万千百]?)?([" + _CJK + r"]{0,5})")
_DIGITS = re.compile(r"\d{3,8}")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")

#: Quoted text: “…” 「…」 『…』 and ASCII "…", within a paragraph; a second opening mark restarts.
_QUOTED = re.compile('“[^“”\n]*”|「[^「」\n]*」|『[^『』\n]*』|"[^"\n]*"')
#: The same for a text with curly quotation marks only (most texts): a literal start is found faster.
_CURLY_QUOTED = re.compile('“[^“”\n]*”')
_CURLY_QUOTED_NUMERAL = re.compile('“[^“”\n一二两三四五六七八九十双0-9０-９]*[一二两三四五六七八九十双0-9０-９][^“”\n]*”')
_CLOSING = re.compile("[”」』]")
_HAS_NUMERAL = re.compile("[一二两三四五六七八九十双0-9０-９]")
#: What may follow a quoted number that is a telephone number, not a formula (“12345”热线).
_PHONE_AFTER = re.compile(r"[”\"」』]?(?:政务服务)?(?:便民)?(?:服务)?(?:热线|电话|专线|短信|报警|急救|平台热线)")
#: Numbers shaped like service lines: 110, 119, 120, 122; 123xx (12345, 12315); 95xxx, 96xxx.
_PHONE_LIKE = re.compile(r"11[0249]|12[02]|123\d\d|9[56]\d{3,4}")
#: The noun phrase right after a quoted number, up to the first punctuation, 等 or 的 (18 at most).
_NOUN_AFTER = re.compile(rf"[”\"」』]?((?:(?![等的])[{_CJK}]){{1,18}})")
#: Nouns that make a quoted number the label of a plan (“8337”发展思路, “33618”制造业集群体系).
_LABEL_NOUN = re.compile("|".join(_PROGRAMMES))

#: N个 + a head no count has (增强四个意识, 做到五个必须, 两个毫不动摇).
_ABSTRACT = re.compile(
    rf"({NUM_CN})个("
    + "|".join(sorted(map(re.escape, _RULES["head"]), key=len, reverse=True))
    + rf")([{_CJK}]{{0,2}}?)(?=[^{_CJK}]|的|和|与|及|等|为|上|中|$)"
)
#: N大 + a head that names a programme, up to a boundary: 实施六大工程, 构建七大体系, 八大提升行动.
_BIG = re.compile(
    rf"({NUM_CN})大([{_CJK}]{{0,3}}?(?:"
    + "|".join(sorted(map(re.escape, _RULES["big"]), key=len, reverse=True))
    + rf"))(?=[^{_CJK}]|的|和|与|及|等|为|上|中|建设|$)"
)
#: A numeral, a measure and a head right before a definition cue (三项任务：…, 一条主线：…).
_DEFINED = re.compile(
    rf"({NUM_CN})([{''.join(_MEASURES)}])([{_CJK}]{{1,6}}?)"
    r"(?=[”」』\"]?(?:[：:（(]|，即|,即|，就是))"
)
#: A definition cue close enough after a numeral and measure for _DEFINED to be worth trying.
_DEFINITION_NEAR = re.compile("[：:（(即就]")
#: Where the three patterns above may start: a numeral and a measure word, followed by what one of
#: them needs (个 and a head, 大 and a programme within three characters, or a definition cue
#: within nine). Every start inside a run of numerals reaches the same measure word, so the matches
#: are those of the bare numeral-and-measure pattern that pass the test, and most counts
#: (8个社区, 三个阶段) are never seen in Python.
_MEASURED = re.compile(
    rf"[一二两三四五六七八九十双][一二三四五六七八九十]{{0,2}}(?=[{''.join(_MEASURES)}])(?="
    + "个(?:" + "|".join(sorted(map(re.escape, _RULES["head"]), key=len, reverse=True)) + ")"
    + rf"|大[{_CJK}]{{0,3}}?(?:" + "|".join(sorted(map(re.escape, _RULES["big"]), key=len, reverse=True)) + ")"
    + r"|[\s\S]{0,8}?[：:（(即就])"
)
#: A formula at the end of a clause inside a longer quotation (“抓住一条主线，建好三大平台”).
_CLAUSE_END = re.compile(rf"({NUM_CN})([{''.join(_MEASURES)}])([{_CJK}]{{1,4}})$")
#: 5+1, 1+N, 1+2+4+N written anywhere; not arithmetic (1+1>2).
_PLUS_ANYWHERE = re.compile(
    r"([0-9０-９]{1,2}(?:[+＋](?:\d{1,2}|[NnXx](?![A-Za-z])))+)(?![\d.%A-Za-z=＝>＞<＜+＋])"
)
#: One element of a run of Arabic formulas: 1项工程, 3个层级, 3年目标.
_RUN_ELEMENT = rf"[0-9０-９]{{1,2}}[{''.join(_MEASURES)}年]?[{_CJK}]{{2,3}}?(?=、|的|[^{_CJK}]|$)"
_RUN = re.compile(rf"{_RUN_ELEMENT}(?:、{_RUN_ELEMENT}){{2,}}")
_RUN_JOINT = re.compile(rf"、[0-9０-９]{{1,2}}[{''.join(_MEASURES)}年]?[{_CJK}]{{2,3}}?、[0-9０-９]")
#: …which counts as a run of formulas when a trigger opens it or 的 + a frame closes it.
_RUN_TRIGGER = re.compile(rf"(?:{'|'.join(_RULES['trigger'])})$")
_RUN_FRAME = re.compile(rf"的(?:{'|'.join(_RULES['frame'])})")
_PAIR_SEP = re.compile("[、，]")
_BRACKETED = re.compile(r"[（(].*?[）)]")
_SPLIT_CLAUSES = re.compile(r"[，,；;：:。！？!?\s]+")
_COUNT_AT = re.compile("|".join(map(re.escape, _COUNT_WORDS)))
#: After a measure word only whole words count (三个阶段), not characters (五张名片, 三个年).
_COUNT_AFTER_MEASURE = re.compile("|".join(re.escape(w) for w in _COUNT_WORDS if len(w) > 1))


# --------------------------------------------------------------------------------------------
# The shape of a formula: its numeral, its parts and how many components it names.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormulaShape:
    """What the text of a formula says about itself.

    Attributes:
        number: the leading numeral's value (四个突出 → 4, 12234 → 12234, 5+1 → 5).
        parts: (value, head) for each numeral of a Chinese formula: 三会一课 → ((3, "会"), (1, "课"));
            a measure word stays in the head: 四个意识 → ((4, "个意识"),).
        expected: how many components the formula names, None when the text does not say (1+N):
            四个突出 → 4, 三会一课 → 4, 5+1 → 6, 12234 → 5, 双一流 → 2.
        head: the head of a one-part formula without its measure word (四个突出 → 突出), else "".
    """

    number: int | None
    parts: tuple[tuple[int, str], ...] = ()
    expected: int | None = None
    head: str = ""


def _count_word_at(s: str) -> bool:
    return _COUNT_AT.match(s) is not None


def _chinese_shape(s: str) -> FormulaShape | None:
    if s.startswith(_BLOCK) or any(c in s for c in "·•、，, "):
        return None  # 四川, 八闽, 三甲, 双向开放: names and grades; a list is not one formula
    parts: list[tuple[int, str]] = []
    pos = 0
    first = re.match(NUM_CN, s)
    rest = s[first.end() + 1 :] if first else ""
    if first and s[first.end() : first.end() + 1] in _MEASURES and (
        rest.startswith(_HEADS) or (len(rest) == 2 and rest[0] == "一" and rest[1] not in _NUM_CHARS)
    ):
        pos = len(s)  # 三个进一步, 三个一批 (签约一批、开工一批…): the 一 of the head is not a second numeral
        value = chinese_to_int(first.group())
        if value is None or value > 20:  # 十四个坚持 is a formula; 二十个坚持 would be rare
            return None
        parts.append((value, s[first.end() :]))
    while pos < len(s):
        m = _PART.match(s, pos)
        if not m:
            return None
        value = chinese_to_int(m.group(1))
        if value is None or value > 10:  # 十三五, 十九届, 二十大: periods and ordinals, not formulas
            return None
        parts.append((value, m.group(2)))
        pos = m.end()
    if not parts:
        return None
    (value, head), numeral = parts[0], s[0]
    if not head and not (numeral == "双" and len(parts) > 1):
        return None  # 七一, 九二共识, 十一: dates
    measure = head[0] if head and head[0] in _MEASURES else ""
    if _count_word_at(head) or (measure and _COUNT_AFTER_MEASURE.match(head, 1)):
        return None  # 2次, 四点半, 一线, 十佳, 十年禁渔, 三个阶段
    if value == 1 and len(parts) == 1 and (not head or head[0] not in _ONE_MEASURES or len(head) < 2):
        return None  # 一盘棋, 一揽子, 一张网, 一件事: idioms
    if measure and len(head) == 1 and len(parts) == 1:
        return None  # 三大, 两个: a numeral and a measure name nothing
    if len(parts) > 1 and not parts[-1][1] and not measure:
        return None  # 一对一
    if (measure and len(parts) > 1 and len(head) == 1 and (parts[1][0] == 1 or not parts[-1][1])) or not head:
        expected = value  # 四个三, 五个一工程, 两个一百年, 双一流 (but 四级三类 → 7)
    elif len(parts) > 1:
        expected = sum(v for v, _ in parts)  # 三会一课 → 4, 两不愁三保障 → 5
    else:
        expected = value
    one_head = head[len(measure):] if len(parts) == 1 else ""
    return FormulaShape(number=chinese_to_int(numeral), parts=tuple(parts), expected=expected, head=one_head)


def _arabic_shape(s: str, *, quoted: bool) -> FormulaShape | None:
    m = _ARABIC_PLUS.fullmatch(s)
    if m:
        terms = re.split(r"[+×]", m.group(1) + m.group(2))
        known = [int(t) for t in terms if t.isdigit()]
        expected = sum(known) if "×" not in s and len(known) == len(terms) and sum(known) <= 30 else None
        return FormulaShape(number=int(m.group(1)), expected=expected)
    if not quoted:
        return None
    if _DIGITS.fullmatch(s.rstrip("XxNn")):
        if _YEAR_LIKE.fullmatch(s):
            return None  # “2030”
        digits = s.rstrip("XxNn")
        expected = len(s) if "0" not in s and digits == s else None  # 12234: one component per digit
        return FormulaShape(number=int(digits), expected=expected)
    m = _ARABIC_HEAD.fullmatch(s)
    if not m or _YEAR_LIKE.fullmatch(m.group(1)):
        return None  # “2035行动”, “2024年度先进集体”
    rest = s[len(m.group(1)) :]
    if _count_word_at(rest) and not (rest.startswith("年") and len(rest) >= 3):
        return None  # “5连冠”, “10分钟生活圈”, “3小时交通圈”
    value = int(m.group(1))
    if value > 20 and (rest[0] not in _MEASURES or rest.startswith("项目")):
        return None  # “30桥12隧”: a count of concrete things; “117项目”: a project's name
    head = rest[1:] if rest[0] in _MEASURES or rest[0] == "年" else rest
    return FormulaShape(
        number=value, parts=((value, rest),), expected=value if value <= 20 else None, head=head
    )


@functools.lru_cache(maxsize=4096)
def parse_formula(text: str, *, quoted: bool = True) -> FormulaShape | None:
    """The shape of a formula, or None when the text is not one (a count, a date, a period).

    ``quoted`` says whether the text stood in quotation marks: a few shapes (“12234”, “3年目标”,
    “30条”) are formulas only there.

    >>> parse_formula("四个突出").expected, parse_formula("三会一课").expected, parse_formula("5+1").number
    (4, 4, 5)
    >>> parse_formula("12234").expected, parse_formula("双推双评三全程").number, parse_formula("5个1").expected
    (5, 2, 5)
    >>> [parse_formula(t) for t in ("七一", "十三五", "四点半学校", "一盘棋", "2035行动", "5连冠")]
    [None, None, None, None, None, None]
    """
    s = unicodedata.normalize("NFKC", text).strip()
    if not s or len(s) > 10:
        return None
    if s[0].isdigit():
        return _arabic_shape(s, quoted=quoted)
    if s[0] in _NUM_CHARS:
        return _chinese_shape(s)
    return _prefixed_shape(s) if quoted else None


#: Words that make a numeral after them a count or a rank, not a formula (近三年, 前十大, 每两个).
_PREFIX_STOP = tuple("第前后近每约共逾超这那各该")


def _prefixed_shape(s: str) -> FormulaShape | None:
    """A quoted label that opens with its field: “民生十大工程”, “支点建设七大战略” (the shape of 十大工程)."""
    i = next((k for k, c in enumerate(s[:6]) if c in _NUM_CHARS), -1)
    if i < 2 or not all("\u4e00" <= c <= "\u9fff" for c in s[:i]) or s[:i].endswith(_PREFIX_STOP):
        return None
    shape = _chinese_shape(s[i:])
    if shape is None or len(shape.parts) != 1 or shape.parts[0][1][:1] not in "大项个条" or len(shape.head) < 2:
        return None
    return shape if shape.head.endswith(_PROGRAMMES) else None  # not “全国十大考古新发现”: a ranking


# --------------------------------------------------------------------------------------------
# The lexicon of known formulas.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LexiconEntry:
    slogan: str
    number: int | None
    components: tuple[str, ...]
    unquoted: bool


class SloganLexicon:
    """Known formulas by surface form, and one compiled pattern (``scan``) that finds those matched
    without quotes together with the numeral-and-measure cues of :func:`_unquoted_mentions`."""

    def __init__(self, rows: Iterable[dict[str, str]]):
        self.entries: dict[str, LexiconEntry] = {}
        for row in rows:
            comps = tuple(c.strip() for c in row.get("components", "").split(" | ") if c.strip())
            number = row.get("number", "")
            entry = LexiconEntry(
                row["slogan"], int(number) if number.isdigit() else None, comps, row.get("match") == "any"
            )
            for form in [row["slogan"], *(v.strip() for v in row.get("variants", "").split(" | "))]:
                if form:
                    self.entries[form] = entry
        self.scan = _numeral_scan([f for f, e in self.entries.items() if e.unquoted])

    def get(self, text: str) -> LexiconEntry | None:
        return self.entries.get(text)


_NUMERAL_CLASS = "[一二两三四五六七八九十双]"


def _numeral_scan(forms: list[str]) -> re.Pattern[str]:
    """One pass that finds where the lexicon's forms (longest first) and ``_MEASURED`` each match.

    It consumes the first character only and looks ahead for either (groups L and M or M2 end
    where that one's match ends), so every position where one of them matches is seen, and their
    own runs of matches (each left to right, without overlaps) are rebuilt from it in
    :func:`_unquoted_mentions` at the cost of one scan of the text instead of two.
    """
    by_first: dict[str, list[str]] = {}
    for form in forms:
        by_first.setdefault(form[0], []).append(form[1:])
    known = "|".join(f"(?<={re.escape(c)}){_trie_pattern(rests)}" for c, rests in by_first.items()) or "(?!)"
    assert _MEASURED.pattern.startswith(_NUMERAL_CLASS)
    measured = f"(?<={_NUMERAL_CLASS})" + _MEASURED.pattern[len(_NUMERAL_CLASS) :]
    first = "".join(sorted(set(_NUMERAL_CLASS[1:-1]) | set(by_first)))
    return re.compile(
        f"[{re.escape(first)}](?:(?=(?P<L>{known}))(?=(?P<M>{measured}))?|(?=(?P<M2>{measured})))"
    )


def _trie_pattern(words: Iterable[str]) -> str:
    """One pattern for many words, sharing their common beginnings: 两(?:个(?:维护|确立)|学一做).

    It finds what the alternation of the words longest first finds (a shorter word is tried only
    where no longer one matches), with far less backtracking at every numeral of the text.

    >>> _trie_pattern(["两个维护", "两个确立", "两学一做", "四风"])
    '(?:两(?:个(?:确立|维护)|学一做)|四风)'
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not ends else "(?:" + "|".join(alts) + ")"
        return body + ("?" if ends else "")

    return build(trie)


@functools.cache
def slogan_lexicon(extra: Path | None = None) -> SloganLexicon:
    """The packaged lexicon, extended by a researcher's TSV of the same columns when given."""
    return SloganLexicon(load_slogan_lexicon(extra))


# --------------------------------------------------------------------------------------------
# Mentions.
# --------------------------------------------------------------------------------------------


class Mention(NamedTuple):
    """One occurrence of a formula in the text; ``rule`` is the id of the cue that found it."""

    start: int
    end: int
    text: str
    quoted: bool
    rule: str


def quote_spans(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Paired quotation marks as (open, close) offsets, and the offsets of closing marks without a mate.

    >>> quote_spans("做到“两个维护”，建立三级联动”机制")
    ([(2, 7)], [15])
    """
    other_marks = "「" in text or "『" in text or '"' in text
    pairs = [m.span() for m in (_QUOTED if other_marks else _CURLY_QUOTED).finditer(text)]
    closing = text.count("”") + text.count("」") + text.count("』")
    if closing == sum(text[b - 1] != '"' for _, b in pairs):
        return [(a, b - 1) for a, b in pairs], []  # every closing mark has its opening one
    closes = {b - 1 for _, b in pairs}
    stray = [m.start() for m in _CLOSING.finditer(text) if m.start() not in closes]
    return [(a, b - 1) for a, b in pairs], stray


def _numeral_quotes(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """:func:`quote_spans`, with only the pairs that hold a numeral (most quotations hold none), each
    as the span of the quotation marks and what they hold (a closing mark at ``end - 1``).

    In a text with curly marks only, one pattern finds just those pairs: it starts at the same
    opening marks as ``_CURLY_QUOTED`` and, where it fails, no other opening mark lies before the
    closing one, so the pairs it finds are the same.
    """
    if "「" in text or "『" in text or '"' in text:
        pairs, stray = quote_spans(text)
        return [(a, b + 1) for a, b in pairs if _HAS_NUMERAL.search(text, a + 1, b)], stray
    closing = text.count("”") + text.count("」") + text.count("』")
    stray = [] if closing == len(_CURLY_QUOTED.findall(text)) else _stray_closing(text)
    return [m.span() for m in _CURLY_QUOTED_NUMERAL.finditer(text)], stray


def _stray_closing(text: str) -> list[int]:
    """The closing marks of a text with curly opening marks only that close no pair.

    A ” closes a pair when the nearest “, ” or line break before it is a “ (``_CURLY_QUOTED`` takes
    every “ as the start of a pair that ends at the next ”); 」 and 』 never do here.
    """
    out = []
    i = text.find("”")
    while i >= 0:
        if text.rfind("“", 0, i) <= max(text.rfind("”", 0, i), text.rfind("\n", 0, i)):
            out.append(i)
        i = text.find("”", i + 1)
    for mark in "」』":
        i = text.find(mark)
        while i >= 0:
            out.append(i)
            i = text.find(mark, i + 1)
    return sorted(out)


def _quoted_mentions(text: str, pairs: list[tuple[int, int]], lexicon: SloganLexicon) -> Iterator[Mention]:
    entries = lexicon.entries
    for a, end in pairs:
        b = end - 1  # the closing mark
        content = text[a + 1 : b]  # (holds a numeral: _numeral_quotes gives no other pairs)
        s = content.strip()
        start = a + 1 + content.index(s) if s else a + 1
        if s in entries or parse_formula(s):
            if s[:1].isdigit() and _PHONE_AFTER.match(text, b):
                continue  # “12345”热线
            yield Mention(start, start + len(s), s, True, "slogan.quoted")
            continue
        if len(s) <= 3:
            continue
        if _listed_before(text, a, s):
            yield Mention(start, start + len(s), s, True, "slogan.listed_before")
            continue
        pieces = [_BRACKETED.sub("", p) for p in _PAIR_SEP.split(s) if p] if "、" in s or "，" in s else ()
        if (
            len(pieces) > 1
            and all(1 < len(p) <= 6 and p[0] in _NUM_CHARS for p in pieces)
            and parse_formula(pieces[0])
        ):
            yield Mention(start, start + len(s), s, True, "slogan.quoted_pair")  # “一镇一特、一村一品”
            continue
        if not _SPLIT_CLAUSES.search(s):
            continue  # “建设一条街”: one clause, a name with a numeral inside
        pos = 0  # clauses lie between the separators
        for sep in _SPLIT_CLAUSES.finditer(s + "，"):
            clause, c0 = s[pos : sep.start()], pos
            pos = sep.end()
            m = _CLAUSE_END.search(clause)
            if m and m.start() <= 4 and len(m.group(3)) >= 2 and parse_formula(m.group(), quoted=False):
                yield Mention(start + c0 + m.start(), start + c0 + m.end(), m.group(), False, "slogan.quote_clause")


#: A quoted count of a word that names no set alone (“四个环节”, “三个阶段”): a formula only where
#: its parts are listed right before it (A、B、C、D“四个环节”).
_COUNTED = re.compile(r"([一二两三四五六七八九十])[个项大条种类]([\u4e00-\u9fff]{2,4})")


def _listed_before(text: str, quote: int, s: str) -> list[str] | None:
    """The parts listed right before the quotation mark at ``quote`` of a quoted count ``s``."""
    m = _COUNTED.fullmatch(s)
    if not m or not "\u4e00" <= text[quote - 1 : quote] <= "\u9fff":  # a list's last part ends in a character
        return None
    n = chinese_to_int(m.group(1))
    if not n or n < 2 or text.count("、", max(0, quote - 80), quote) < n - 2:
        return None
    return slogan_parts.definition_before(slogan_parts.Context(text, []), quote + 1, n)


def _stray_close_mentions(text: str, stray: list[int]) -> Iterator[Mention]:
    """A closing mark whose opening one is missing: …建立三级联动”机制."""
    for i in stray:
        for k in range(8, 2, -1):
            s = text[max(0, i - k) : i]
            if len(s) == k and (i - k == 0 or text[i - k - 1] not in _NUM_CHARS) and s[0] in _NUM_CHARS:
                if len(s) > 1 and s[1] in _MEASURES and parse_formula(s, quoted=False):
                    yield Mention(i - k, i, s, False, "slogan.stray_quote")
                    break


def _runs(text: str) -> Iterator[re.Match[str]]:
    """Runs of Arabic formulas, found from their rare 、+digit joints rather than from every digit."""
    end = 0
    for hint in _RUN_JOINT.finditer(text):
        if hint.start() < end:
            continue
        m = _RUN.search(text, max(end, hint.start() - 8), hint.end() + 40)
        if m and m.start() <= hint.start():
            end = m.end()
            yield m


def _plus_formulas(text: str) -> Iterator[re.Match[str]]:
    """What ``_PLUS_ANYWHERE.finditer`` finds, tried only where a plus sign stands.

    A match opens with one or two digits right before its first plus sign, so it can only start
    one or two characters before a plus sign; the engine need not look at every digit of the text.
    """
    pluses = []
    for sign in "+＋":
        i = text.find(sign)
        while i >= 0:
            pluses.append(i)
            i = text.find(sign, i + 1)
    pluses.sort()
    end = 0
    for i in pluses:
        if i < end:
            continue
        for start in (i - 2, i - 1):
            m = _PLUS_ANYWHERE.match(text, start) if start >= end else None
            if m:
                end = m.end()
                yield m
                break


def _free(text: str, pos: int) -> bool:
    """Whether a numeral at ``pos`` starts a number (not 第三…, 十三… or 2.5…)."""
    return pos == 0 or text[pos - 1] not in _NOT_BEFORE


def _numeral_matches(text: str, scan: re.Pattern[str]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans the lexicon's forms and ``_MEASURED`` would each find (left to right, without
    overlaps), rebuilt from one pass of ``SloganLexicon.scan`` (see :func:`_numeral_scan`)."""
    known, measured = [], []
    known_end = measured_end = 0
    for s in scan.finditer(text):
        pos = s.start()
        end = s.end("L")
        if end >= 0 and pos >= known_end:
            known_end = end
            known.append((pos, end))
        end = s.end("M") if s.start("M") >= 0 else s.end("M2")
        if end >= 0 and pos >= measured_end:
            measured_end = end
            measured.append((pos, end))
    return known, measured


def _unquoted_mentions(text: str, lexicon: SloganLexicon) -> Iterator[Mention]:
    known, measured = _numeral_matches(text, lexicon.scan)
    for pos, end in known:
        if not pos or text[pos - 1] not in _NOT_BEFORE:  # (_free, inline: the loop is hot)
            yield Mention(pos, end, text[pos:end], False, "slogan.lexicon")
    for pos, end in measured:  # a numeral and a measure word: try the three cues there
        if pos and text[pos - 1] in _NOT_BEFORE:
            continue  # not a free numeral: 第三个, 十三五
        measure = text[end]
        m = _ABSTRACT.match(text, pos) if measure == "个" else _BIG.match(text, pos) if measure == "大" else None
        shape = parse_formula(m.group(), quoted=False) if m else None
        if shape and shape.number and shape.number >= 2:  # 一个覆盖城乡的网络: an article, not a formula
            yield Mention(m.start(), m.end(), m.group(), False, "slogan.abstract_head" if measure == "个" else "slogan.big")
            continue
        if not _DEFINITION_NEAR.search(text, end, end + 9):
            continue
        m = _DEFINED.match(text, pos)
        shape = parse_formula(m.group(), quoted=False) if m else None
        if shape and shape.expected and slogan_parts.definition_after(text, m.end(), shape.expected, exact=True):
            yield Mention(m.start(), m.end(), m.group(), False, "slogan.defined")
    for m in _plus_formulas(text):
        before = text[m.start() - 1 : m.start()]
        if _free(text, m.start()) and not (before.isascii() and before.isalpha()):
            if int(re.match(r"\d+", m.group()).group()) <= 20:
                yield Mention(m.start(), m.end(), m.group(), False, "slogan.arabic_plus")
    for m in _runs(text):
        if not _free(text, m.start()):
            continue
        if not (_RUN_TRIGGER.search(text, max(0, m.start() - 4), m.start()) or _RUN_FRAME.match(text, m.end())):
            continue
        pos = m.start()
        for element in m.group().split("、"):
            if parse_formula(element, quoted=True):
                yield Mention(pos, pos + len(element), element, False, "slogan.arabic_run")
            pos += len(element) + 1


def find_mentions(text: str, *, lexicon: SloganLexicon | None = None) -> list[Mention]:
    """Every cue-confirmed mention of a formula, in document order, overlapping duplicates dropped.

    >>> [m.text for m in find_mentions("增强“四个意识”，执行中央八项规定，新建8个社区服务站。")]
    ['四个意识', '八项规定']
    """
    lexicon = lexicon or slogan_lexicon()
    pairs, stray = _numeral_quotes(text)
    found = [
        *_quoted_mentions(text, pairs, lexicon),
        *_stray_close_mentions(text, stray),
        *_unquoted_mentions(text, lexicon),
    ]
    # Earliest first, then the longest, then a quoted one (three stable sorts on C-level keys).
    found.sort(key=_QUOTED_KEY, reverse=True)
    found.sort(key=_END_KEY, reverse=True)
    found.sort(key=_START_KEY)
    out: list[Mention] = []
    end = -1
    for m in found:
        if m.start < end:
            continue  # the same span seen by two cues, or a shorter formula inside a longer one
        out.append(m)
        end = m.end
    return out


_START_KEY, _END_KEY, _QUOTED_KEY = operator.itemgetter(0), operator.itemgetter(1), operator.itemgetter(3)


# --------------------------------------------------------------------------------------------
# Records.
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def extract_slogans(doc: Document, *, lexicon: SloganLexicon | str | Path | None = None) -> Iterator[Slogan]:
    """Yield one :class:`~policytext.types.Slogan` per distinct formula of a document, in order of first mention.

    Args:
        doc: a processed document (its items give each slogan's path; without items the path is "0").
        lexicon: a :class:`SloganLexicon`, or the path of a TSV with the columns of
            lexicons/slogans.tsv that extends the packaged one; None for the packaged lexicon.

    Yields:
        Slogans with the first mention's offsets, the number of mentions and the components,
        from the document's own definition where there is one (components_source "document"),
        else from the lexicon ("lexicon").

    Example:
        >>> from policytext.types import Document
        >>> d = Document(doc="d", path="", format="text", text="全力推进“四个提升”：提升组织力、提升服务力、提升战斗力、提升凝聚力。")
        >>> s = next(extract_slogans(d))
        >>> s.text, s.number, len(s.components), s.components_source
        ('四个提升', 4, 4, 'document')
    """
    if lexicon is None or isinstance(lexicon, (str, Path)):
        lexicon = slogan_lexicon(Path(lexicon) if lexicon is not None else None)
    text = doc.text
    mentions = find_mentions(text, lexicon=lexicon)
    by_text: dict[str, list[Mention]] = {}
    for m in mentions:
        by_text.setdefault(_norm(m.text), []).append(m)
    # Once a formula is known, every occurrence of its text is a mention of it (also unquoted ones).
    occurrences = _all_occurrences(text, {key: group[0].text for key, group in by_text.items()})
    context = slogan_parts.Context(text, [span for spans in occurrences.values() for span in spans], doc.items)
    numbered: list[tuple[int, int, str, int | None]] = []  # for “1233”: made when such a formula comes
    entries = lexicon.entries
    for key, group in by_text.items():
        first = group[0]
        entry = entries.get(first.text) or entries.get(key)
        shape, digits, terms, labels, plan = _formula(first.text, key, entry is not None)
        number = shape.number if shape else (entry.number if entry else None)
        found = None
        if shape:
            if digits and not numbered:
                numbered = [(m.start, m.end, m.text, _number_of(m.text)) for m in mentions]
            found = slogan_parts.run_plan(
                context, occurrences[key], plan, shape.expected, shape.parts, shape.head,
                digits, numbered, entry is not None, labels, terms,
            )
            if not found and (pairs := _paired_count(shape)):
                found = _paired_parts(context, occurrences[key], shape, pairs, entry is not None)
        elif first.rule == "slogan.listed_before":
            parts = _listed_before(text, first.start - 1, first.text)
            found = slogan_parts.Found(parts, "def.before") if parts else None
            number = chinese_to_int(first.text[0])
        if not found and len(key) >= 3 and key.rstrip("XxNn").isdigit() and not _number_label(text, key, occurrences[key]):
            continue  # “96178”直通车, “301”快贷: a hotline or a product, unless the text defines it
        components: tuple[str, ...] = ()
        source, mismatch, rule = "", False, first.rule
        if found:
            components, source, rule = tuple(found.components), "document", f"{rule};{found.rule}"
            mismatch = (
                shape is not None and shape.expected is not None
                and len(components) not in (shape.expected, _paired_count(shape))
            )
        elif entry and entry.components:
            components, source = entry.components, "lexicon"
        yield make_record(Slogan, dict(
            doc=doc.doc,
            text=first.text,
            number=number,
            quoted=first.quoted,
            components=components,
            components_source=source,
            path=doc.path_at(first.start),
            start=first.start,
            end=first.end,
            mentions=len(occurrences[key]),
            canonical=entry.slogan if entry else "",
            count_mismatch=mismatch,
            rule=rule,
        ))


def _paired_count(shape: FormulaShape) -> int:
    """How many parts a formula of equal groups has when each part pairs them: 三联三促 is three
    联…促… phrases (联系基层促作风…), not six; 0 when the groups differ (三会一课) or a head is no
    single character. (三严三实 names six parts: its list has six, so it is read first.)"""
    parts = shape.parts
    if len(parts) < 2 or len({n for n, _ in parts}) != 1 or not all(len(h) == 1 for _, h in parts):
        return 0
    return parts[0][0]


def _paired_parts(
    ctx: slogan_parts.Context, spans: list[tuple[int, int]], shape: FormulaShape, pairs: int, known: bool
) -> slogan_parts.Found | None:
    """The parts of a formula of equal groups listed as pairs: each part holds every group's
    character in order (以“三联三促”为抓手，即联系基层促作风、联系群众促服务、联系企业促发展)."""
    found = slogan_parts.find_components(ctx, spans, pairs, shape.parts, shape.head, explicit_only=known)
    if not found or len(found.components) != pairs:
        return None
    heads = [h for _, h in shape.parts]
    for part in found.components:
        pos = 0
        for h in heads:
            pos = part.find(h, pos) + 1
            if not pos:
                return None
    return found


@functools.lru_cache(maxsize=4096)
def _formula(
    text: str, key: str, known: bool
) -> tuple[FormulaShape | None, str, tuple[str, ...], tuple[tuple[str, int | None], ...], tuple[str, ...]]:
    """What a formula's text says for linking its parts: its shape, digits (“1233”), terms (1+N),
    labels and the strategies to try (the same for every document)."""
    shape = parse_formula(text) or parse_formula(key, quoted=False)
    if not shape:
        return None, "", (), (), ()
    digits = key if key.isdigit() and "0" not in key else ""
    plus = ("+" in key or "＋" in key) and _PLUS_ANYWHERE.fullmatch(key)
    terms = tuple(re.split("[+＋]", key)) if plus else ()
    labels = _labels(key, shape, digits, terms) if not known else ()  # (known formulas: no labels)
    plan = slogan_parts.strategy_plan(
        shape.parts, shape.head, shape.expected, known, bool(digits), bool(labels), bool(terms)
    )
    return shape, digits, terms, labels, plan


def _number_of(text: str) -> int | None:
    shape = parse_formula(text)
    return shape.number if shape else None


def _number_label(text: str, key: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a quoted number that nothing defines still names a set: a plan noun follows it."""
    if _PHONE_LIKE.fullmatch(key):
        return False
    for _, b in spans:
        m = _NOUN_AFTER.match(text, b)
        if m and _LABEL_NOUN.search(m.group(1)):
            return True
    return False


def _labels(key: str, shape: FormulaShape, digits: str, terms: tuple[str, ...]) -> tuple[tuple[str, int | None], ...]:
    """What a document may define one by one: the digits of 1233, the terms of 1+N, the numerals
    of 四级三类 with their heads (“四级”为…，“三类”指…), each with the number of parts it names."""
    if digits:
        return tuple((d, None) for d in digits)
    if terms:
        return tuple((t, None) for t in terms)
    if len(shape.parts) > 1:
        return tuple((m.group(), value) for m, (value, _) in zip(_PART.finditer(key), shape.parts, strict=False))
    return ()


_escape = functools.lru_cache(maxsize=4096)(re.escape)


def _all_occurrences(text: str, forms: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    """Every occurrence of each formula, except those inside a longer one (五平台 in 两号五平台).

    A formula that occurs only inside longer ones keeps those occurrences.
    """
    if not forms:
        return {}
    by_form = {form: key for key, form in forms.items()}
    by_first: dict[str, list[str]] = {}  # the forms longest first, grouped by their first character
    for form in sorted(by_form, key=len, reverse=True):
        by_first.setdefault(form[0], []).append(_escape(form[1:]))
    pattern = re.compile("|".join(_escape(c) + (f"(?:{'|'.join(r)})" if len(r) > 1 else r[0]) for c, r in by_first.items()))
    out: dict[str, list[tuple[int, int]]] = {key: [] for key in forms}
    for m in pattern.finditer(text):
        out[by_form[m.group()]].append(m.span())
    for key, spans in out.items():
        if not spans:
            form = forms[key]
            spans.extend((m.start(), m.start() + len(form)) for m in re.finditer(re.escape(form), text))
    return out


# --------------------------------------------------------------------------------------------
# For other extractors and tables.
# --------------------------------------------------------------------------------------------


def slogan_spans(doc: Document) -> list[tuple[int, int]]:
    """The (start, end) of every mention of every formula of ``doc``, sorted and merged.

    Uses ``doc.slogans`` when the pipeline has filled it, else extracts them. The targets
    extractor skips numbers inside these spans (三会一课 is not a target of 3).

    >>> from policytext.types import Document
    >>> slogan_spans(Document(doc="d", path="", format="text", text="落实“三会一课”，坚持三会一课制度"))
    [(3, 7), (11, 15)]
    """
    slogans = doc.slogans or list(extract_slogans(doc))
    found = _all_occurrences(doc.text, {s.text: s.text for s in slogans})
    spans = sorted(span for spans in found.values() for span in spans)
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def is_inside_slogan(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls inside one of ``spans`` (as given by :func:`slogan_spans`).

    >>> is_inside_slogan([(3, 7), (11, 15)], 4), is_inside_slogan([(3, 7), (11, 15)], 8)
    (True, False)
    """
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def slogan_matrix(docs: Iterable[Document], *, by: str = "unit") -> pd.DataFrame:
    """Formula × unit: how often each unit's documents mention each formula (0 where never).

    Rows are formulas (the lexicon's canonical form where known), columns are the documents'
    ``unit`` (or another Document attribute named by ``by``; the document id when it is empty).
    """
    import pandas as pd

    counts: dict[tuple[str, str], int] = {}
    for d in docs:
        column = str(getattr(d, by, "") or d.doc)
        for s in d.slogans:
            key = (s.canonical or s.text, column)
            counts[key] = counts.get(key, 0) + s.mentions
    if not counts:
        return pd.DataFrame()
    series = pd.Series(counts)
    frame = series.unstack(fill_value=0)
    frame.index.name, frame.columns.name = "slogan", by
    order = frame.sum(axis=1).sort_values(ascending=False, kind="stable").index
    return frame.loc[order]
