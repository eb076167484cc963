"""Numbered-outline segmentation: 一、 （一） 1. （1） ① 第一条 and inline 一是/二是 enumerations.

The parser works in three passes, all plain regular expressions over the lines of the text:

1. *Candidates*: every line that starts with an outline marker (after leading spaces, full-width
   spaces, Markdown ``#`` and ``**``) becomes a candidate with a marker *family* (``一、`` and
   ``一.`` are one family, ``（一）`` and ``(一)`` another) and an integer number. Lines of a table
   of contents, table paragraphs and lines such as ``1、2月份：…`` are left out.
2. *Levels*: the candidates are walked with a stack of open families. A family already on the
   stack gives a sibling, a new family a child of the innermost open item; the first family seen is
   level 1. Each family carries the number it expects next, and a candidate that breaks the
   sequence (``3.`` after ``1.``, a number that jumps back without a change of parent) is kept
   only when the next marker of its family confirms it; otherwise it is text, not a marker.
3. *Inline enumerations*: inside the text of each item, runs of ``一是…二是…``, ``一要…二要…``,
   ``第一，…第二，…``, ``（1）…（2）…`` or ``①…②…`` that count up from one become items one level below.

A file that holds several documents (a notice followed by the documents it issues, or attachments
with outlines of their own) restarts the numbering: when the outermost family starts again at one
after an ``附件`` line or a title line, the levels start afresh and the paths continue, so that the
second document's ``一、`` is level 1, number 1, with the next free top-level path (``"4"`` after
three sections of the first document).

Offsets: an item's ``start`` is the offset of its marker in ``RawDocument.text``; a heading item
ends where the next heading item begins, so the inline items of a heading lie inside its span and
:meth:`~policytext.types.Document.path_at` finds the innermost item of any offset.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .numerals import to_int as _to_int
from .types import Item, Paragraph, RawDocument, Source

__all__ = ["parse_outline", "match_marker", "MarkerMatch"]

# --------------------------------------------------------------------------------------------
# Marker patterns. Each is matched at the first non-space character of a line.
# --------------------------------------------------------------------------------------------

#: Chinese numeral characters used in outline markers (一 … 十, 百 for long regulations, 〇/零).
_CN = "一二三四五六七八九十百零〇"

#: 第一章 / 第二节 / 第三部分 / 第一篇 / 第一编: divisions of regulations and long plans.
CHAPTER = re.compile(rf"第([{_CN}]{{1,4}}|\d{{1,3}})(章|节|部分|篇|编)(?=[\s：:、.．]|$)")
#: 第一条 (followed by a space, as regulations write it): the articles of a regulation.
ARTICLE = re.compile(rf"第([{_CN}]{{1,5}}|\d{{1,3}})条(?=[\s：:]|$)")
#: 一、 一. 一． (GB/T 9704 first level): the section headings of a plan or report.
CN_COMMA = re.compile(rf"([{_CN}]{{1,3}})[^\S\n]*(?:、|[.．](?![\d{_CN}]))")
#: （一） (一): the second level of official documents; half-width brackets are the same family.
CN_PAREN = re.compile(rf"[（(][^\S\n]*([{_CN}]{{1,3}})[^\S\n]*[）)]")
#: 1.1 / 1.2.3 followed by a space: decimal outline numbers (Markdown, technical plans).
DOTTED = re.compile(r"(\d{1,2}(?:[.．]\d{1,2}){1,3})[.．]?(?=[^\S\n])")
#: 1. 1． 1、 (third level); not 1.5 (a decimal) and not 2020. (a year).
ARABIC = re.compile(r"(\d{1,3})[^\S\n]*([.．、])(?![\d.．])")
#: （1） (1): the fourth level.
ARABIC_PAREN = re.compile(r"[（(][^\S\n]*(\d{1,3})[^\S\n]*[）)]")
#: 1） 1): a closing bracket only, common in lists typed by hand.
ARABIC_HALF_PAREN = re.compile(r"(\d{1,3})[）)]")
#: ① … ⑳ ㉑ … ㊿: circled numbers, the fifth level.
CIRCLED = re.compile("([\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])")
#: ⑴ … ⒇: parenthesised digits as one character.
PAREN_DIGIT = re.compile("([\u2474-\u2487])")
#: ⒈ … ⒛: digits with a full stop as one character.
PERIOD_DIGIT = re.compile("([\u2488-\u249b])")

#: (rule id, family, pattern) in the order they are tried; the family names a marker kind whose
#: items are siblings of each other. 1. and 1、 share a family: documents mix them by mistake.
HEADING_MARKERS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("outline.chapter", "chapter", CHAPTER),
    ("outline.article", "article", ARTICLE),
    ("outline.cn_comma", "cn_comma", CN_COMMA),
    ("outline.cn_paren", "cn_paren", CN_PAREN),
    ("outline.dotted", "dotted", DOTTED),
    ("outline.arabic", "arabic", ARABIC),
    ("outline.arabic_paren", "arabic_paren", ARABIC_PAREN),
    ("outline.arabic_half_paren", "arabic_half_paren", ARABIC_HALF_PAREN),
    ("outline.circled", "circled", CIRCLED),
    ("outline.paren_digit", "arabic_paren", PAREN_DIGIT),
    ("outline.period_digit", "arabic", PERIOD_DIGIT),
)

#: Characters a heading marker can start with (digits are tested apart, full-width ones included).
MARKER_START = frozenset(_CN + "第（(" + "".join(chr(c) for c in range(0x2460, 0x249C))
                         + "".join(chr(c) for c in (*range(0x3251, 0x3260), *range(0x32B1, 0x32C0))))

#: The usual order of levels in official documents (GB/T 9704: 一、 > （一） > 1. > （1）), used only
#: to place a family that turns up after a deeper one (a numbered preface before the first 一、).
FAMILY_RANK = {
    "chapter": 0, "article": 1, "cn_comma": 2, "cn_paren": 3, "arabic": 4,
    "arabic_paren": 5, "arabic_half_paren": 6, "circled": 7,
}
#: Families that open a document of their own when they start again at one after a title line.
MAJOR_FAMILIES = frozenset({"chapter", "cn_comma"})

# --------------------------------------------------------------------------------------------
# Inline enumerations: matched anywhere in an item's text after a boundary.
# --------------------------------------------------------------------------------------------

#: What may stand before an inline marker: line start, sentence or clause punctuation, a space.
_BOUNDARY = r"(?<![^\n。；;：:，,！!？?\s”\"）)*])"  # * : Markdown bold (。**一是**…)
#: 一是 … 十是: the enumeration of speeches and government work reports.
INLINE_SHI = rf"(?P<shi>[{_CN}]{{1,3}})是(?!否|非)"
#: 一要 … 三要: enumerated demands (一要提高认识，二要…); not 一要求, 一要素.
INLINE_YAO = rf"(?P<yao>[{_CN}]{{1,3}})要(?![求素点件])"
#: 第一，… 第二，…: ordinal enumerations (not 第一条 / 第一书记, which take no comma).
INLINE_ORDINAL = rf"第(?P<ordinal>[{_CN}]{{1,3}})[，,、：:]"
#: （1）… （2）… inside a paragraph (at a line start they are headings).
INLINE_PAREN = r"[（(](?P<iparen>\d{1,2})[）)]"
#: ①… ②… inside a paragraph.
INLINE_CIRCLED = "(?P<icircled>[\u2460-\u2473])"

#: family → (rule id, only inside a line): the inline families tried in every item's text.
INLINE_FAMILIES: dict[str, tuple[str, bool]] = {
    "shi": ("outline.inline_shi", False),
    "yao": ("outline.inline_yao", False),
    "ordinal": ("outline.inline_ordinal", False),
    "iparen": ("outline.inline_paren", True),
    "icircled": ("outline.inline_circled", True),
}
#: All inline families in one pattern, so that the text is scanned once; the named group that
#: matched tells the family. The lookahead names every character a marker can start with: the regex
#: engine skips all other positions at once (it halves the time of the scan).
INLINE_MARKER = re.compile(
    f"(?=[{_CN}第（(\u2460-\u2473])" + _BOUNDARY
    + "(?:" + "|".join((INLINE_SHI, INLINE_YAO, INLINE_ORDINAL, INLINE_PAREN, INLINE_CIRCLED)) + ")"
)

# --------------------------------------------------------------------------------------------
# Lines that are not outline lines.
# --------------------------------------------------------------------------------------------

#: Leading spaces (ASCII, full-width, no-break, BOM) and Markdown bold/quote marks before a marker.
LEADING = re.compile(r"[\s\ufeff]*(?:(?:\*\*|__|>)[^\S\n]*)*")
#: A Markdown ATX heading: # … ######, then a space.
MD_HEADING = re.compile(r"(#{1,6})[ \t]+")
#: A table-of-contents heading line: 目录, 目 录, 目次, Contents, [TOC].
TOC_HEADING = re.compile(r"[\s#*]*(?:目[\s]*录|目[\s]*次|contents|\[toc\])[\s*:：]*$", re.I)
#: A table-of-contents entry: dot leaders or a tab before a page number, or a Markdown anchor link.
TOC_ENTRY = re.compile(r"(?:[.。·…‥．\-—_]{3,}[\s]*\d{1,3}|\t+\d{1,3}|[\s]{2,}\d{1,3})[\s]*$|\]\(#")
#: Parts of a TOC line that its heading in the body does not have: anchor, page number, marks.
TOC_ANCHOR = re.compile(r"\]\(#[^)]*\)")
TOC_PAGE = re.compile(r"(?:[.。·…‥．\-—_]{3,}|\t+|\s{2,})\s*\d{1,3}\s*$")
TOC_NOISE = re.compile(r"[\s#*\[\]\-+]")
#: TOC entries are short lines; longer lines are not compared.
TOC_LINE_MAX = 100
#: What may follow a numeric marker only in a schedule or a count (1、2月份：…, 3.、…): a digit.
NOT_A_TITLE_START = re.compile(r"[\d０-９%％]")
#: A year at the start of a title (1. 2021年完成…), which the digit rule above lets through.
YEAR_START = re.compile(r"\d{4}年")
#: An enumeration of ordinals that begins a line (一、二级…) rather than a heading.
CN_LIST_START = re.compile(rf"[{_CN}]{{1,3}}(?:[、，]|[级类等档批](?!部|委))")
#: An attachment line (附件 / 附件1 / 附件2：… / 附：… / 名词解释), which starts a document of its own.
ATTACHMENT = re.compile(
    r"(?:附件|附表|附录)\s*[\d一二三四五六七八九十]*\s*(?:[:：\s].{0,60})?$|附\s*[:：].{0,60}$|(?:名词解释|注释|释义)\s*[:：]?$"
)
#: A title line: short, no sentence punctuation, ending in the name of a document genre.
TITLE_LINE = re.compile(
    r"[^。；;，,：:！!？?]{4,60}(?:方案|办法|细则|要点|计划|意见|规划|规定|规则|通知|报告|决定|纲要|条例|"
    r"指引|指南|讲话|致辞)[》”\s]*$"
)
#: A run of two or more spaces ends a title typed on the same line as its body (第一章　总则　　第一条…).
TITLE_GAP = re.compile(r"[^\S\n]{2,}")
#: An article marker after such a gap, on the line of a chapter heading.
EMBEDDED_ARTICLE = re.compile(rf"[^\S\n]{{2,}}(第(?:[{_CN}]{{1,5}}|\d{{1,3}})条)(?=[\s])")
#: Where an inline title ends: the first ，；。 (SPEC.md ITEM), or a line end.
INLINE_TITLE_END = re.compile(r"[，,；;。\n]")
#: Quotation marks, inside which an inline title does not end.
_OPEN_QUOTES, _CLOSE_QUOTES = "“‘「『《", "”’」』》\""

#: A line with this many tabs is a row of a table saved as text (序号\t任务\t牵头单位), not a heading.
TABLE_ROW_TABS = 2
#: A heading whose number repeats or skips one is still taken when its title is this short.
SHORT_TITLE = 30
#: How many later candidates a doubtful marker may look at for its confirming successor.
LOOKAHEAD = 40


@dataclass(frozen=True)
class MarkerMatch:
    """A marker found at the start of a line.

    Attributes:
        rule: id of the pattern that matched (``outline.cn_paren``).
        family: the marker kind whose items are siblings (``cn_paren``).
        marker: the marker as written (``（一）``).
        number: its integer value.
        start: offset of the marker in the line.
        end: offset just after the marker (and the spaces after it).
    """

    rule: str
    family: str
    marker: str
    number: int
    start: int
    end: int


def match_marker(line: str, pos: int = 0) -> MarkerMatch | None:
    """The outline marker at ``pos`` of a line, or None when the line does not start with one.

    Numbers that are not markers are refused: a year (2020年), a decimal (1.5亿元), a count (5个),
    a schedule (1、2月份) or a list of ordinals (一、二级).

    >>> m = match_marker("（十五）全面强化阵地保障。")
    >>> (m.family, m.marker, m.number)
    ('cn_paren', '（十五）', 15)
    >>> match_marker("12.严格落实制度").marker, match_marker("2020年，全县…") is None
    ('12.', True)
    >>> match_marker("1.5亿元用于…") is None, match_marker("1、2月份：完成摸底") is None
    (True, True)
    """
    if pos >= len(line) or not (line[pos] in MARKER_START or line[pos].isdigit()):
        return None  # most lines: no pattern can match, and this check is cheap
    for rule, family, pattern in HEADING_MARKERS:
        m = pattern.match(line, pos)
        if not m:
            continue
        number = _marker_number(m.group(1), family)
        if number is None or number == 0:
            return None
        end = m.end()
        while end < len(line) and line[end].isspace():
            end += 1
        rest = line[end:]
        if family in ("arabic", "arabic_half_paren") and NOT_A_TITLE_START.match(rest) and not YEAR_START.match(rest):
            return None  # (a full bracket is a marker whatever follows: （1）12315热线…)
        if family == "cn_comma" and CN_LIST_START.match(rest):
            return None
        if family == "dotted":
            family = f"dotted{m.group(1).count('.') + m.group(1).count('．')}"
        return MarkerMatch(rule, family, line[pos:m.end()], number, pos, end)
    return None


def _marker_number(text: str, family: str) -> int | None:
    if family == "dotted":
        text = re.split(r"[.．]", text)[-1]
    return to_int(text)


@functools.lru_cache(maxsize=512)
def to_int(text: str) -> int | None:
    """:func:`policytext.numerals.to_int`, cached: the same few markers recur in every document."""
    return _to_int(text)


# --------------------------------------------------------------------------------------------
# Pass 1: candidates
# --------------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    """A line-start marker not yet known to be a real one."""

    para: int
    start: int  # offset of the marker in the document text
    body: int  # offset of the text after the marker
    line_end: int
    match: MarkerMatch
    family: str
    auto: bool = False
    break_before: str = ""  # the kind of break line (附件, title) since the previous candidate
    level: int = 0
    title: str = ""


@dataclass
class _Node:
    """An accepted item while the outline is being built."""

    start: int
    body: int
    end: int
    level: int
    marker: str
    number: int
    title: str
    kind: str
    rule: str
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    path: str = ""


def _line_offsets(raw: RawDocument) -> list[int]:
    offsets, pos = [], 0
    for p in raw.paragraphs:
        offsets.append(pos)
        pos += len(p.text) + 1
    return offsets


def _toc_lines(lines: list[str]) -> set[int]:
    """Indices of table-of-contents lines: a 目录 heading and the entries after it."""
    out: set[int] = set()
    later: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        key = _toc_key(line)
        if key:
            later.setdefault(key, []).append(i)
    for i, line in enumerate(lines):
        if len(line) <= TOC_LINE_MAX and _may_be_toc_entry(line) and TOC_ENTRY.search(line) and (
                match_marker(line, LEADING.match(line).end()) or "](#" in line):
            out.add(i)
        if not TOC_HEADING.match(line):
            continue
        out.add(i)
        for j in range(i + 1, len(lines)):
            text = lines[j].strip()
            key = _toc_key(text)
            if not text or (_may_be_toc_entry(text) and TOC_ENTRY.search(text)) or text.startswith(("- [", "* [", "+ [")):
                out.add(j)
            elif key and any(k > j for k in later.get(key, [])):
                out.add(j)  # an entry that repeats a heading found further down
            else:
                break
    # The first run of marker lines, with no text between them and each repeated further down:
    # a table of contents without a heading (it stands before the body, so only the first run).
    run: list[int] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or i in out:
            continue
        key = _toc_key(stripped)
        if match_marker(stripped, 0) and any(k > i for k in later.get(key, [])):
            run.append(i)
        elif run or match_marker(stripped, 0):
            break
    families = [match_marker(lines[i].strip(), 0).family for i in run]
    if (
        len(run) >= 2 and len(set(families)) < len(families)  # 一、 二、 …, not one heading and its first child
        and all(min(k for k in later[_toc_key(lines[i].strip())] if k > i) > run[-1] for i in run)
    ):
        out.update(run)
    return out


def _ends_with_digit(line: str) -> bool:
    """Whether a digit ends the line, spaces aside: TOC_PAGE needs one, and this test is much cheaper."""
    return line.rstrip()[-1:].isdigit()  # isdigit() takes every character \d does, and a few more


def _may_be_toc_entry(line: str) -> bool:
    """Whether TOC_ENTRY can match the line at all (a page number at its end or an anchor link)."""
    return "](#" in line or _ends_with_digit(line)


def _toc_key(line: str) -> str:
    """A line reduced for comparing a TOC entry with the heading it repeats ("" for long lines)."""
    if len(line) > TOC_LINE_MAX:
        return ""
    if "](#" in line:
        line = TOC_ANCHOR.sub("", line)
    if _ends_with_digit(line):
        line = TOC_PAGE.sub("", line)
    line = TOC_NOISE.sub("", line)
    m = match_marker(line)
    return line[m.end :] if m else line  # 1. 活动背景 in the TOC, ## 一、活动背景 in the body


def _break_kind(line: str) -> str:
    """"attachment" for an 附件 line, "title" for a document title line, else "".

    After such a line the numbering may start afresh: a new document in the same file.
    """
    text = line.strip().strip("#*").strip()
    if not text or len(text) > 70:
        return ""
    if ATTACHMENT.match(text):
        return "attachment"
    return "title" if TITLE_LINE.fullmatch(text) else ""


def _candidates(raw: RawDocument, offsets: list[int]) -> list[_Candidate]:
    lines = [p.text for p in raw.paragraphs]
    skip = _toc_lines(lines)
    markdown = raw.format == "markdown"
    out: list[_Candidate] = []
    pending_break = ""
    md_counters: dict[int, int] = {}
    first_line = next((i for i, line in enumerate(lines) if line.strip()), -1)
    # Heading levels whose headings are numbered: an unnumbered heading there is a section of its own
    # (总体思路 before 一、…, its number switched off), not an item of the outline.
    numbered_levels = {p.heading_level for p in raw.paragraphs
                       if p.heading_level and (p.auto_marker or match_marker(p.text, LEADING.match(p.text).end()))}
    for i, para in enumerate(raw.paragraphs):
        line = para.text
        if para.source == Source.TABLE or i in skip or line.count("\t") >= TABLE_ROW_TABS:
            continue
        pos = LEADING.match(line).end()
        md = MD_HEADING.match(line, pos) if markdown or line.startswith("#") else None
        if md:
            pos = LEADING.match(line, md.end()).end()
            md_counters = {k: v for k, v in md_counters.items() if k <= len(md.group(1))}
        m = match_marker(line, pos)
        if m is None and para.auto_marker:
            m = match_marker(para.auto_marker + " ", 0)
            if m is not None:
                m = MarkerMatch(m.rule, m.family, para.auto_marker, m.number, pos, pos)
        if md and m is None and _break_kind(line) == "attachment":
            md = None  # ## 附件: an attachment follows, no item (the break is read below)
        if m is None and i != first_line and (  # the first is the title
            md or (_is_unnumbered_heading(para) and para.heading_level not in numbered_levels)
        ):
            level = len(md.group(1)) if md else para.heading_level or 1
            md_counters = {k: v for k, v in md_counters.items() if k <= level}
            md_counters[level] = md_counters.get(level, 0) + 1
            marker = md.group(1) if md else ""
            m = MarkerMatch("outline.markdown" if md else "outline.style", f"md{level}", marker,
                            md_counters[level], pos, pos)
        if m is None:
            pending_break = _break_kind(line) or pending_break
            continue
        family = m.family
        if md and not family.startswith("md"):
            family = f"{family}@h{len(md.group(1))}"
        elif markdown and not md and family in ("arabic", "arabic_paren", "arabic_half_paren", "circled"):
            family = f"{family}@{(len(line) - len(line.lstrip())) // 2}"  # nested lists by indent
        start = offsets[i] + m.start
        out.append(_Candidate(i, start, offsets[i] + m.end, offsets[i] + len(line), m, family,
                              auto=bool(para.auto_marker), break_before=pending_break,
                              title=heading_title(line[m.end :])))
        pending_break = ""
        if m.family == "chapter":  # 第一章　总则　　第一条 …: the article on the chapter's line
            e = EMBEDDED_ARTICLE.search(line, m.end)
            if e:
                a = match_marker(line, e.start(1))
                if a is not None:
                    out.append(_Candidate(i, offsets[i] + a.start, offsets[i] + a.end, offsets[i] + len(line),
                                          a, a.family, title=heading_title(line[a.end :])))
    return out


def _is_unnumbered_heading(para: Paragraph) -> bool:
    """A Word heading paragraph with no number (an item unless it is the document's first line)."""
    text = para.text.strip()
    return (
        bool(para.heading_level) and 0 < len(text) <= 40
        and not any(ch in text for ch in "。；;") and para.style.lower() not in ("title", "subtitle")
    )


# --------------------------------------------------------------------------------------------
# Pass 2: levels
# --------------------------------------------------------------------------------------------


@dataclass
class _Open:
    family: str
    last: int


def _confirmed(cands: list[_Candidate], i: int, family: str, number: int, parents: set[str]) -> bool:
    """Whether the next marker of ``family`` (before a marker of a parent family) is number + 1."""
    for c in cands[i + 1 : i + 1 + LOOKAHEAD]:
        if c.family == family:
            return c.match.number == number + 1
        if c.family in parents:
            return False
    return False


def _assign_levels(cands: list[_Candidate]) -> list[_Candidate]:
    """Keep the candidates that fit the numbering, each with its level (see module docstring)."""
    stack: list[_Open] = []
    seen: dict[str, int] = {}
    kept: list[_Candidate] = []
    for i, c in enumerate(cands):
        n, fam = c.match.number, c.family
        auto_numbered = fam.startswith("md")
        if n == 1 and stack and (
            c.break_before == "attachment"
            or c.break_before == "title" and (fam == stack[0].family or fam in MAJOR_FAMILIES)
        ):
            stack, seen = [], {}  # a new document in the same file: levels start again
        k = next((j for j, o in enumerate(stack) if o.family == fam), None)
        if k is not None:
            parents = {o.family for o in stack[:k]}
            last = stack[k].last
            if c.auto or auto_numbered or n == last + 1:
                ok = True
            elif n == 1 and k == 0 and _confirmed(cands, i, fam, n, parents):
                stack, seen, k = [], {}, None  # the outermost numbering restarts: a new document
                ok = True
            elif n in (last, last + 2) and 0 < len(c.title) <= SHORT_TITLE:
                ok = True  # a typo in the numbering (（二） twice, （三） left out) of a heading line
            else:  # a number that jumps, or a restart inside one parent: needs confirmation
                ok = _confirmed(cands, i, fam, n, parents)
            if not ok:
                continue
            if k is not None:
                del stack[k + 1 :]
                stack[k].last = n
        if k is None:
            prev = seen.get(fam)
            ok = c.auto or auto_numbered or n == 1 or (prev is not None and n == prev + 1)
            if not ok:
                ok = _confirmed(cands, i, fam, n, {o.family for o in stack})
            if not ok:
                continue
            rank = FAMILY_RANK.get(fam)
            while stack and rank is not None and FAMILY_RANK.get(stack[-1].family, -1) > rank and prev is None:
                stack.pop()  # a higher-ranked family after a deeper one: it is not their child
            stack.append(_Open(fam, n))
        seen[fam] = n
        c.level = len(stack) if k is None else k + 1
        kept.append(c)
    return kept


# --------------------------------------------------------------------------------------------
# Titles and inline enumerations
# --------------------------------------------------------------------------------------------


def heading_title(text: str) -> str:
    """The title of a heading: up to the first 。 (or ！？), a wide gap, or the end of the line.

    >>> heading_title("加强组织领导。各单位要…")
    '加强组织领导'
    >>> heading_title("总则　　第一条 为了规范…")
    '总则'
    >>> heading_title("总　　则")
    '总　　则'
    """
    line = text.split("\n", 1)[0]
    cut = len(line)
    for ch in "。！？":
        j = line.find(ch)
        if 0 <= j < cut:
            cut = j
    gap = TITLE_GAP.search(line, 1)
    if gap and gap.start() < cut and line[: gap.start()].strip():
        after = line[gap.end() : cut]
        if len(after) >= 8 or match_marker(after):  # body text after the gap, not 总　　则 spaced out
            cut = gap.start()
    return line[:cut].replace("**", "").strip().rstrip("；;，,、").strip()


def inline_title(text: str) -> str:
    """The lead phrase of an inline item: up to the first ，；。 outside quotation marks.

    >>> inline_title("建立“一人一档，一事一议”制度，每季度通报。")
    '建立“一人一档，一事一议”制度'
    """
    text = text.lstrip("*")  # the end of Markdown bold around the marker: **一是**…
    depth = 0
    for j, ch in enumerate(text):
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif depth == 0 and INLINE_TITLE_END.match(ch):
            return text[:j].strip()
        elif ch == "。" or ch == "\n":
            return text[:j].strip()
    return text.strip()


def _opens_paragraph(text: str, pos: int) -> bool:
    """Whether only spaces stand before ``pos`` on its line. 第一，… opening a paragraph (a speech's
    parts) is a heading: its title runs to the first 。, not to the first ，as an inline 一是… does."""
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip(" \t\u3000")


def _inline_chains(text: str, lo: int, hi: int, families: frozenset[str]) -> list[tuple[str, str, list[re.Match[str]]]]:
    """Runs of inline markers in text[lo:hi] that count 1, 2, 3 …, at least two long."""
    current: dict[str, list[re.Match[str]]] = {}
    found: list[tuple[str, str, list[re.Match[str]]]] = []
    for m in INLINE_MARKER.finditer(text, lo, hi):
        family = m.lastgroup or ""
        if family not in families:
            continue
        rule, inside_only = INLINE_FAMILIES[family]
        if inside_only and not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip():
            continue  # at a line start it was a heading candidate
        n = to_int(m.group(family))
        run = current.get(family, [])
        if n == 1:
            if len(run) >= 2:
                found.append((rule, family, run))
            current[family] = [m]
        elif run and n is not None and n == to_int(run[-1].group(family)) + 1:
            run.append(m)
    for family, run in current.items():
        if len(run) >= 2:
            found.append((INLINE_FAMILIES[family][0], family, run))
    found.sort(key=lambda c: c[2][0].start())
    return found


def _add_inline(text: str, parent: _Node, lo: int, hi: int, families: frozenset[str], depth: int = 0) -> None:
    """Attach the inline enumerations of text[lo:hi] to ``parent``.

    A run's last item ends with its paragraph, or where the next run of its family starts; a run
    that starts inside an item of an earlier run (（1）（2） inside 三是…) is that item's child.
    """
    if lo >= hi or depth > 1:
        return
    chains = _inline_chains(text, lo, hi, families)
    next_of_family: dict[int, int] = {}
    last_start: dict[str, int] = {}
    for index in range(len(chains) - 1, -1, -1):
        family = chains[index][1]
        next_of_family[index] = last_start.get(family, hi)
        last_start[family] = chains[index][2][0].start()
    taken_end = lo  # runs are in text order and do not overlap once nested ones are skipped
    for index, (rule, family, run) in enumerate(chains):
        if run[0].start() < taken_end:
            continue  # inside an item of an earlier run: found again by the recursion below
        nodes = []
        for j, m in enumerate(run):
            if j + 1 < len(run):
                end = run[j + 1].start()
            else:
                nl = text.find("\n", m.end())
                end = min(hi, next_of_family[index], nl if nl >= 0 else len(text))
            title = (heading_title if family == "ordinal" and _opens_paragraph(text, m.start()) else inline_title)(
                text[m.end() : end]
            )
            nodes.append(_Node(m.start(), m.end(), end, parent.level + 1, m.group(0), to_int(m.group(family)) or 0,
                               title, "inline", rule, parent))
        taken_end = nodes[-1].end
        for node in nodes:
            _add_inline(text, node, node.body, node.end, families - {family}, depth + 1)
        parent.children.extend(nodes)
    parent.children.sort(key=lambda n: n.start)


# --------------------------------------------------------------------------------------------
# The entry point
# --------------------------------------------------------------------------------------------


def parse_outline(raw: RawDocument) -> list[Item]:
    """Segment a document into its numbered outline, headings and inline enumerations.

    Args:
        raw: a loaded document; paragraphs from tables are skipped, a paragraph's ``auto_marker``
            (drawn by Word numbering) is trusted even where the numbering looks odd.

    Returns:
        The items in document order, with paths, levels, titles, own text and offsets.

    Example:
        >>> from policytext.io.text import paragraphs_from_lines
        >>> lines = ["某县2021年工作要点", "一、总体要求", "（一）指导思想。坚持…", "二、重点任务",
        ...          "（二）抓好学习。一是读原著，二是悟原理。"]
        >>> raw = RawDocument("d", "d.txt", "text", paragraphs_from_lines(lines))
        >>> [(i.path, i.level, i.marker, i.title) for i in parse_outline(raw)][-3:]
        [('2.1', 2, '（二）', '抓好学习'), ('2.1.1', 3, '一是', '读原著'), ('2.1.2', 3, '二是', '悟原理')]
    """
    text = raw.text
    offsets = _line_offsets(raw)
    kept = _assign_levels(_candidates(raw, offsets))

    root = _Node(0, 0, len(text), 0, "", 0, "", "root", "")
    stack: list[_Node] = [root]
    headings: list[_Node] = []
    for c in kept:
        while len(stack) > c.level:
            stack.pop()
        while len(stack) < c.level:  # a level skipped by the document: hang it on the nearest
            stack.append(stack[-1])
        parent = stack[-1]
        node = _Node(c.start, c.body, len(text), c.level, c.match.marker, c.match.number, c.title,
                     "heading", c.match.rule, None if parent is root else parent)
        parent.children.append(node)
        stack.append(node)
        headings.append(node)
    for a, b in zip(headings, headings[1:], strict=False):
        a.end = b.start

    families = frozenset(INLINE_FAMILIES)
    for node in headings:
        _add_inline(text, node, node.body, node.end, families)
    if not headings:  # a text with only inline enumerations (a short speech): they are level 1
        _add_inline(text, root, text.find("\n") + 1, len(text), families)

    items: list[Item] = []
    _emit(root, "", text, raw.doc, items)
    items.sort(key=lambda it: it.start)
    return items


def _own_text(node: _Node, text: str) -> str:
    """The item's text from after its marker to its end, its inline children cut out."""
    pieces, pos = [], node.body
    for child in node.children:
        if child.kind == "inline" and node.body <= child.start < node.end:
            pieces.append(text[pos : child.start])
            pos = max(pos, child.end)
    pieces.append(text[pos : node.end])
    return "".join(pieces).strip()


def _emit(node: _Node, path: str, text: str, doc: str, out: list[Item]) -> None:
    for index, child in enumerate(node.children, 1):
        child.path = f"{path}.{index}" if path else str(index)
        out.append(Item(
            doc=doc, path=child.path, level=child.level, marker=child.marker, number=child.number,
            title=child.title, text=_own_text(child, text), start=child.start, end=child.end,
            parent=path, kind=child.kind, rule=child.rule, is_task=not child.children,
        ))
        _emit(child, child.path, text, doc, out)
