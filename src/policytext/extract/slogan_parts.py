"""The parts of a formula where the document defines it (SPEC.md: SLOGAN.components).

Documents define a formula in a handful of shapes; each is one strategy. :func:`strategy_plan`
picks those that fit the formula's shape, in this order, and each is tried over every mention of
the formula (the first that fits wins):

``def.digits``
    “1233”: the formulas that follow, one per digit (一条主线、两个抓手、三个平台、三项机制).
``def.spread``
    the parts of a formula of several numerals, each group naming its head, right after it
    (两不愁三保障 → 不愁吃、不愁穿和义务教育、基本医疗、住房安全有保障; 三清一改 → 清理A、清理B、
    清理C，改变D), or a tight list opening with a one-character head (“三亮” → 亮身份、亮承诺、亮实绩).
``def.labels``
    each numeral defined in turn: “1”即A，“N”即B / “四级”为省、市、县、乡，“三类”指… / “2345”：“2”指….
``def.chain``
    the levels of an N级 formula joined by dashes, before it or before the next N级 (县—镇—村“三级
    联动”; 镇党委—村党组织—村民小组党小组三级组织体系), or as many level characters (县乡村三级).
``def.colon``
    a list right after it: “三个提升”：A、B、C / 两个目标：… (continued on the next lines) /
    两个覆盖（A、B） / “3年目标”，即A，B，C / “三资”即A、B、C的… (a list that stops mid-clause).
``def.terms``
    1+N with a list whose parts open with its terms: “1+N”体系，即1个平台和N个分平台.
``def.before``
    a list right before it: A、B、C等“三员” / “A、B、C”这“三有” / A和B的“双联系” /
    A和B深度融合（以下简称“两化融合”） / 自治、法治、德治相结合的“三治融合”.
``def.enum``
    一是…二是…三是… right after it.
``def.headings``
    the next run of N numbered headings that name its head (五大体系 → 构建…体系 five times;
    “三个强化” → （一）强化… （二）强化… （三）强化…).
``def.harvest``
    N phrases in a row after it that end in its head (两单制 → 细化任务清单，压实责任清单;
    一网两平台 → 建好政务外网，用好服务平台和监管平台; 三个一批 → 签约一批、开工一批、投产一批).

Every strategy except ``def.colon`` must find exactly as many parts as the formula names, which is
what keeps a list that merely stands near a formula from being taken for its definition. A formula
the lexicon knows tries def.spread (short parts only), def.colon and an explicit list before it.

Speed: each strategy opens with a cheap test of the text next to the mention (a cue character, a
closing quotation mark, 一是 within reach, enough occurrences of the head), made inline in
:func:`run_plan` for the commonest, so that most mentions cost no more than that test; the
heavier work runs for real candidates only.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..lexicons import slogan_rules
from ..outline import match_marker
from ..types import Item

_RULES = slogan_rules()
#: Longest first, so that 建立健全 goes before 建立.
_LEAD = tuple(sorted(_RULES["lead"], key=len, reverse=True))
_LEAD_AT = re.compile("|".join(map(re.escape, _LEAD)))
_SUFFIX = _RULES["suffix"]
_LINK = tuple(_RULES["link"])
_MEASURES = "".join(_RULES["measure"])
_OPEN, _CLOSE = "“（(《【「『", "”）)》】」』"
_BRACKET = re.compile(f"[{re.escape(_OPEN + _CLOSE)}]")
_ROUND_OPEN, _ROUND_CLOSE = re.compile("[（(]"), re.compile("[）)]")
_PUNCT = " \t\u3000，,。；;：:、.．\"'"

#: The cue that a definition follows the formula (and the few characters of a noun between:
#: “三清一改”村庄清洁行动，即…). A bare 即 must follow the formula itself (“三资”即资金、…), so that
#: 立即, 随即 are not cues; 即将, 即可 never are.
_CUE = re.compile(
    r"[”」』\"]?([\u4e00-\u9fff]{0,8}?)"
    r"(：|:|（|\(|，即[：:]?|,即|即(?![将使便可时刻])[：:]?|，就是|，是指|是指|，分别是|，包括|，主要包括)"
)
#: How every cue begins (a comma and its next character for the longer ones): where none stands
#: within a quotation mark and eight characters of noun, _CUE cannot match.
_CUE_HINT = re.compile("[：:（(即是]|[，,][即就是分包主]")
#: A label line: 一条主线：… / 两个抓手：… (a new definition, not a continuation of the last one).
_LABEL = re.compile(rf"[\s\u3000]*[一二两三四五六七八九十双\d]+[{_MEASURES}]?[\u4e00-\u9fff]{{0,6}}[：:]")
#: 一是 / 第一， at the start of a clause.
_ENUM = re.compile(r"(?:(?<=[。；;：:，,\n\s])|^)(?:([一二三四五六七八九十]{1,3})是|第([一二三四五六七八九十]{1,3})[，,、])")
#: _ENUM without its look-behind and written to open with a character class, which lets the engine
#: skip to the next numeral or 第; the character before is checked in Python (:func:`_enum_matches`).
_ENUM_BARE = re.compile(
    r"[一二三四五六七八九十第](?:(?<=[一二三四五六七八九十])[一二三四五六七八九十]{0,2}是"
    r"|(?<=第)([一二三四五六七八九十]{1,3})[，,、])"
)
_SENTENCE_END = re.compile("[。；;]")
_ENUM_TITLE_END = re.compile(r"[，,；;。：:\n]")
_ENUM_VALUES = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
#: Characters that end a phrase when looking back from a head (一网两平台: …服务平台和监管平台).
_PHRASE_DELIMS = "、，,；;：:。“”\"（）()和及与\n \u3000"
_PHRASE_DELIM = re.compile("[" + re.escape(_PHRASE_DELIMS) + "]")
_CONNECTOR_END = re.compile(r"(?:等|这一|这|之)$")
#: A list named by the formula that follows: 资金、资产、资源（以下简称“三资”）/ A、B、C，即“三X”.
_NAMING_END = re.compile(r"[（(，,]?\s*(?:以下简称|以下称|简称|下称|统称|合称|即)$")
_CLAUSE_ENDS = tuple("。；;：:！？!?\n，,")
_CLAUSE_END = re.compile("[" + "".join(_CLAUSE_ENDS) + "]")
_LIST_MARK = re.compile("[、和及与]")
#: What must stand just before a known formula for a list before it to define it: a closing
#: quotation mark (“A、B、C”这“三X”) or a naming word (简称, 即).
_QUOTED_LIST_NEAR = re.compile("[”」』称即]")
#: What may end the text before a formula other than the last part of a list: a closing quotation
#: mark, 等/这/之 or a naming word.
_BEFORE_END_MARK = re.compile("[”」』称即等这之]")
#: A predicate of a whole list that ends its last part: 自治、法治、德治相结合.
_JOINT_END = re.compile("(?:" + "|".join(map(re.escape, _RULES["joint"])) + ")$")
_LONGEST = 24  # no formula mention is longer than this


@dataclass(frozen=True)
class Found:
    """Components found in the text, and the id of the strategy that found them."""

    components: list[str]
    rule: str


class _Marker(NamedTuple):
    start: int  # of the line
    end: int  # of the line
    family: object  # (parent, level) of the items, or the marker's family read from the line
    number: int
    title_start: int


class Context:
    """A document's text and what the strategies share: mention spans and numbered headings.

    The headings come from the document's outline items when it has them (``items``), else
    from the lines that start with an outline marker, read with the outline's own rules.
    """

    def __init__(self, text: str, mention_spans: list[tuple[int, int]], items: Sequence[Item] = ()):
        self.text = text
        self.spans = sorted(mention_spans)
        self._starts = [s for s, _ in self.spans]
        self._items = [it for it in items if it.kind == "heading"]

    def _near(self, a: int, b: int) -> list[tuple[int, int]]:
        # Formulas are short: a span that reaches [a, b) starts at most _LONGEST before it.
        lo = bisect.bisect_left(self._starts, a - _LONGEST)
        hi = bisect.bisect_left(self._starts, b)
        return self.spans[lo:hi]

    def inside_mention(self, a: int, b: int) -> bool:
        """Whether ``text[a:b]`` lies inside a mention of some formula."""
        starts = self._starts
        for k in range(bisect.bisect_left(starts, a - _LONGEST), bisect.bisect_right(starts, a)):
            if b <= self.spans[k][1]:  # (a span starting after ``a`` cannot hold it)
                return True
        return False

    def overlaps_mention(self, a: int, b: int) -> bool:
        """Whether some formula is mentioned in ``text[a:b]``."""
        return any(a < e for _, e in self._near(a, b))

    @functools.cached_property
    def markers(self) -> list[_Marker]:
        """Numbered headings in order; siblings share a ``family``."""
        if self._items:
            return [self.marker(k) for k in range(len(self._items))]
        out = []
        pos = 0
        for line in self.text.split("\n"):
            lead = len(line) - len(line.lstrip(" \t\u3000#*"))
            m = match_marker(line, lead) if lead < len(line) else None
            if m:
                out.append(_Marker(pos, pos + len(line), m.family, m.number, pos + m.end))
            pos += len(line) + 1
        return out

    @functools.cached_property
    def _made(self) -> list[_Marker | None]:
        return [None] * len(self._marker_starts)

    def marker(self, k: int) -> _Marker:
        """The ``k``-th of :attr:`markers`, made when first asked for (most documents need a few)."""
        mk = self._made[k]
        if mk is None:
            if not self._items:
                return self.markers[k]
            text, it = self.text, self._items[k]
            line_end = text.find("\n", it.start)
            title = it.start + len(it.marker) if text.startswith(it.marker, it.start) else it.start
            line_end = len(text) if line_end < 0 else line_end
            mk = self._made[k] = _Marker(self._marker_starts[k], line_end, (it.parent, it.level), it.number, title)
        return mk

    @functools.cached_property
    def _titles(self) -> list[str | None]:
        return [None] * len(self._marker_starts)

    def title(self, k: int) -> str:
        """The first sentence of the ``k``-th heading's line (where def.headings looks for a head)."""
        found = self._titles[k]
        if found is None:
            mk = self.marker(k)
            stop = _SENTENCE_END.search(self.text, mk.title_start, mk.end)
            found = self._titles[k] = self.text[mk.title_start : stop.start() if stop else mk.end]
        return found

    def enumeration_near(self, pos: int) -> bool:
        """Whether 一是 or 第一 starts within 600 characters after ``pos`` (def.enum's first test)."""
        return self.text.find("一是", pos, pos + 602) >= 0 or self.text.find("第一", pos, pos + 602) >= 0

    @functools.cached_property
    def _marker_starts(self) -> list[int]:
        if self._items:  # the start of each heading's line, without making the markers
            return [self.text.rfind("\n", 0, it.start) + 1 for it in self._items]
        return [mk.start for mk in self.markers]

    def next_marker_line(self, pos: int) -> int:
        """Start of the first marker line after ``pos`` (the end of the text when there is none)."""
        i = bisect.bisect_right(self._marker_starts, pos)
        return self._marker_starts[i] if i < len(self._marker_starts) else len(self.text)


# --------------------------------------------------------------------------------------------
# Small text helpers.
# --------------------------------------------------------------------------------------------


@functools.cache
def _separators(seps: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(seps)}]")


def split_top(s: str, seps: str) -> list[str]:
    """Split at separators that stand outside quotation marks and brackets.

    >>> split_top("开展“不忘初心、牢记使命”学习，完善制度", "、，")
    ['开展“不忘初心、牢记使命”学习', '完善制度']
    """
    if not _BRACKET.search(s):
        return _separators(seps).split(s)  # nothing to stay inside: every separator splits
    parts, depth, last = [], 0, 0
    for m in _separators(seps + _OPEN + _CLOSE).finditer(s):
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append(s[last : m.start()])
            last = m.end()
    parts.append(s[last:])
    return parts


def _has_top(s: str, chars: str) -> bool:
    """Whether ``s`` holds one of ``chars`` outside quotation marks and brackets."""
    return bool(chars) and len(split_top(s, chars)) > 1


def clean(part: str) -> str:
    """A component without the punctuation, 即 and trailing 等 around it."""
    part = part.strip(_PUNCT)
    if part.startswith("即"):
        part = part[1:]
    if part.endswith("等") and len(part) > 2:
        part = part[:-1]
    return part.strip(_PUNCT)


def strip_lead(part: str, head: str = "", *, short_rest: int = 1) -> str:
    """Drop the verbs and adverbs that open a clause (在点 → 点; 扎实开展联系服务A → A), keeping ``head``.

    A one-character word (在, 将) is dropped only when ``short_rest`` characters or more are left
    (or just the head), so that a phrase such as 在建清单 can keep its 在.

    >>> strip_lead("进一步压实任务清单"), strip_lead("进一步提高认识", "进一步"), strip_lead("在建清单", short_rest=4)
    ('任务清单', '进一步提高认识', '在建清单')
    """
    while True:
        m = _LEAD_AT.match(part)
        if not m:
            return part
        rest = part[m.end() :]
        if not rest or (head and head not in rest) or (m.end() == 1 and len(rest) < short_rest and rest != head):
            return part
        part = rest


def _parallel_prefix(parts: list[str], n: int) -> list[str] | None:
    """The first ``n`` parts when they start alike and the next does not (即2021年…，2022年…，2023年…，并…)."""
    if n < 2 or len(parts) <= n:
        return None

    def sig(p: str) -> str:
        return "D" if p[:1].isdigit() else p[:1]

    first = {sig(p) for p in parts[:n]}
    return parts[:n] if len(first) == 1 and sig(parts[n]) not in first else None


# --------------------------------------------------------------------------------------------
# def.colon: a list right after the formula.
# --------------------------------------------------------------------------------------------


def _body_after(text: str, cue: re.Match[str]) -> tuple[str, bool]:
    """The text a cue introduces, and whether it ran to the end of its line (so may go on)."""
    start = cue.end()
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if cue.group(2) in "（(":
        close = _ROUND_CLOSE.search(text, start, line_end)
        if not close:
            return "", False
        if not _ROUND_OPEN.search(text, start, close.start()):
            return text[start : close.start()], False  # no bracket inside: the first ）closes it
        depth = 1
        for i in range(start, line_end):
            if text[i] in "（(":
                depth += 1
            elif text[i] in "）)":
                depth -= 1
                if depth == 0:
                    return text[start:i], False
        return "", False
    dot = text.find("。", start, line_end)
    if not _BRACKET.search(text, start, line_end if dot < 0 else dot):
        return (text[start:line_end], True) if dot < 0 else (text[start:dot], False)  # nothing quoted before 。
    stop = start
    depth = 0
    while stop < line_end:
        ch = text[stop]
        depth += ch in _OPEN
        depth -= ch in _CLOSE and depth > 0
        if ch == "。" and depth == 0:
            return text[start:stop], False
        stop += 1
    return text[start:line_end], True


#: Words that open the text a colon introduces without being part of it: “两重”：是指….
_BODY_OPENING = re.compile(r"^\s*(?:是指|就是|指的是|分别是|分别为|即|指)[：:]?")
#: The end of a last item that runs into the label of the list: …一次规范提升的“五个一”活动.
_INTO_LABEL = re.compile(r"的[“「][^”」]{1,10}[”」][\u4e00-\u9fff]{0,6}$")


#: Separators from the weakest to the strongest, with those a part may not hold when split by them:
#: a list split at 、 whose parts hold ， was cut at the wrong level.
_SEPARATORS = (("、", "，,；;"), ("，,", "；;"), ("；;", ""), ("、，,", "；;"), ("，,；;", ""))
_PURE = 3  # the first three split at one level of punctuation; the others mix levels


def _split_exact(body: str, expected: int, seps_extra: str = "", levels: slice = slice(None)) -> list[str] | None:
    for seps, stronger in _SEPARATORS[levels]:
        if sum(map(body.count, seps + seps_extra)) + 1 < expected:
            continue  # too few separators for as many parts
        parts = [p for p in (clean(x) for x in split_top(body, seps + seps_extra)) if p]
        prefix = _parallel_prefix(parts, expected)
        parts = _trim_last(prefix, "") if prefix else parts
        if len(parts) == expected and all(len(p) <= 50 and not _has_top(p, stronger) for p in parts):
            # A–E的“五个一”活动: the last item of a list that closes into a label ends before it.
            return [clean(_INTO_LABEL.sub("", p)) or p for p in parts]
    return None


def _first_clause_list(body: str, expected: int, noun: str = "") -> list[str] | None:
    """A list that ends with the first clause: 即A、B、C，发展… / 即A、B、C的监督管理，….

    The last part loses a trailing 的-phrase the others do not have (资源的监督管理 → 资源), or
    the noun the formula qualifies (“四强”党支部，即A、B、C、D的党支部不少于15个 → D).
    """
    if expected < 2:
        return None
    first = split_top(body, "，,；;\n")[0]
    parts = [p for p in (clean(x) for x in split_top(first, "、")) if p]
    if len(parts) == expected - 1:
        parts[-1:] = _split_last_and(parts[-1])
    if len(parts) != expected:
        return None
    parts = _trim_last(parts, noun)
    return parts if all(0 < len(p) <= 40 for p in parts) else None


def _parallel_parts(parts: list[str]) -> bool:
    """Whether the parts end in the same two characters (问题清单、任务清单、责任清单), or open with the
    same two (最严谨的标准、最严格的监管、最严厉的处罚): the members of one list."""
    if not all(len(p) >= 3 for p in parts):
        return False
    return len({p[-2:] for p in parts}) == 1 or len({p[:2] for p in parts}) == 1


def _trim_last(parts: list[str], noun: str) -> list[str]:
    """Cut the 的-phrase that a list which stops mid-clause leaves on its last part."""
    last, cut = parts[-1], parts[-1].rfind("的")
    if noun and f"的{noun}" in last:
        return [*parts[:-1], last[: last.index(f"的{noun}")]]
    if cut > 0 and not any("的" in p for p in parts[:-1]) and len(last) - cut - 1 <= 5:
        return [*parts[:-1], last[:cut]]
    return parts


#: The class noun after a formula, before the role the sentence gives it: “四型”党支部为抓手 → 党支部.
_CLASS_NOUN = re.compile(r"(.+?)(?:作为|为)")


def _drop_class_noun(parts: list[str], after: str) -> list[str]:
    """The last part without the class noun the formula is followed by, when the others lack it too:
    以创建“四型”党支部为抓手，即学习型、服务型、创新型、清廉型党支部 → 清廉型."""
    m = _CLASS_NOUN.match(after)
    noun = m.group(1) if m else after
    last = parts[-1]
    if len(parts) < 2 or not noun or len(last) <= len(noun) + 1 or not last.endswith(noun):
        return parts
    if any(p.endswith(noun) for p in parts[:-1]):
        return parts
    return [*parts[:-1], last[: -len(noun)]]


def _split_last_and(last: str) -> list[str]:
    """The last item of a list split at its 和/及/与 (组织覆盖和工作覆盖), when it has one."""
    cut = max(last.rfind(w) for w in ("和", "及", "与"))
    return [last[:cut], last[cut + 1 :]] if 0 < cut < len(last) - 1 else [last]


def definition_after(text: str, pos: int, expected: int | None, *, exact: bool = False) -> list[str] | None:
    """The parts listed right after a formula that ends at ``pos``, or None.

    With ``exact`` the list must have ``expected`` parts; otherwise a colon or bracket list of
    2–12 short parts is accepted too (the caller flags the count mismatch).

    >>> t = "两个目标：党员素质明显提高\\n基层组织全面进步\\n三个抓手：抓学习、抓制度、抓阵地"
    >>> definition_after(t, 4, 2)
    ['党员素质明显提高', '基层组织全面进步']
    >>> definition_after("“3年目标”，即2021年打基础、建机制，2022年见成效，2023年创品牌，逐步推开。", 5, 3)
    ['2021年打基础、建机制', '2022年见成效', '2023年创品牌']
    """
    if not _CUE_HINT.search(text, pos, pos + 11):
        return None  # no cue can start within reach
    cue = _CUE.match(text, pos)
    if not cue or any(c in cue.group(1) for c in "和与及、") or (cue.group(1) and cue.group(2)[0] == "即"):
        return None
    body, open_end = _body_after(text, cue)
    body = _BODY_OPENING.sub("", body, count=1)  # “两重”：是指A和B
    if not body.strip() or "一是" in body[:12]:
        return None  # “三项任务”：一是…；二是…  is an enumeration (def.enum)
    if expected is not None:
        # A list in the first clause wins over clauses split at mixed levels of punctuation, and over
        # clauses when its parts end alike (“三张清单”：问题清单、任务清单、责任清单，每季度对账一次，…).
        found = _split_exact(body, expected, levels=slice(None, _PURE))
        first = _first_clause_list(body, expected, cue.group(1))
        if first and (not found or _parallel_parts(first)):
            found = first
        found = found or _split_exact(body, expected, levels=slice(_PURE, None))
        if found and cue.group(2).lstrip("，,")[:1] == "即":
            found = _trim_last(found, "")  # “两单”即A、B的动态管理: the list runs on into its sentence
        if found:
            found = _drop_class_noun(found, cue.group(1))
            return _align_first(found) if cue.group(2) not in "：:（(" and expected > 2 else found
        if open_end and cue.group(2) in "：:":  # 两个目标：A⏎B — the list goes on over the next lines
            for extra in text[cue.end() : cue.end() + 2000].split("\n")[1:expected]:
                if not extra.strip() or _LABEL.match(extra) or match_marker(extra.lstrip(" \t\u3000")):
                    break
                body += "\n" + extra
                found = _split_exact(body, expected, "\n")
                if found:
                    return found
    if exact or cue.group(2) not in "：:（(":
        return None
    parts = [p for p in (clean(x) for x in split_top(body, "、")) if p]
    if 2 <= len(parts) <= 12 and all(len(p) <= 20 and not _has_top(p, "，,；;") for p in parts):
        return parts
    return None


# --------------------------------------------------------------------------------------------
# def.before: a list right before the formula.
# --------------------------------------------------------------------------------------------


def _align_first(items: list[str]) -> list[str]:
    """Cut what opens the first item but not the others (即每月开展一次集中学习 → 一次集中学习)."""
    rest = items[1:]
    prefix = ""
    if len(rest) >= 2:
        prefix = rest[0]
        for r in rest[1:]:
            while prefix and not r.startswith(prefix):
                prefix = prefix[:-1]
        if not prefix:
            firsts = [r[0] for r in rest if r]
            top = max(set(firsts), key=firsts.count)
            prefix = top if firsts.count(top) * 2 > len(firsts) else ""
    first = items[0]
    cut = first.find(prefix, 1) if prefix else -1
    if cut > 0:
        first = first[cut:]
    elif len({len(x) for x in items}) > 1:
        # 组建党员先锋队、青年突击队 → 党员先锋队; 落实集体所有权、稳定农户承包权 stay; a verb the others
        # open with too stays (坚持人民至上、坚持自信自立…)
        stripped = strip_lead(first)
        lead = first[: len(first) - len(stripped)]
        if not (lead and any(r.startswith(lead) for r in rest)):
            first = stripped
    return [first, *rest]


def definition_before(ctx: Context, start: int, expected: int | None, *, quoted_only: bool = False) -> list[str] | None:
    """The parts listed right before a formula that starts at ``start``, or None.

    >>> definition_before(Context("加强宣传员、组织员、联络员等“三员”队伍", []), 14, 3)
    ['宣传员', '组织员', '联络员']
    """
    if not expected or expected < 2:
        return None
    text = ctx.text
    j = start - 1 if start and text[start - 1] in "“「『\"" else start
    if quoted_only and not _QUOTED_LIST_NEAR.search(text, max(0, j - 16), j):
        return None  # neither a closing quotation mark nor 简称/即 stands close enough
    if not quoted_only and not _BEFORE_END_MARK.search(text, max(0, j - 8), j):
        # No quoted list, 等 or 简称 ends the text before it: only a list in its clause can define it
        # (the test made below, made here first because most mentions fail it).
        lo = max(0, j - 240)
        clause_end = _CLAUSE_END.search(text[max(lo, j - 40) : j][::-1]) or _CLAUSE_END.search(text[lo:j][::-1])
        seg_start = j - clause_end.start() if clause_end else lo
        if not _LIST_MARK.search(text, seg_start, j) or text.count("、", seg_start, j) < expected - 2:
            return None
    pre = text[max(0, j - 240) : j]
    tail6 = pre[-6:]
    naming = _NAMING_END.search(pre, max(0, len(pre) - 6)) if "称" in tail6 or "即" in tail6 else None
    connector = _CONNECTOR_END.search(pre, max(0, len(pre) - 2)) or naming
    closed = connector is not None  # A、B、C等“三X”: 等 closes the list
    pre = pre[: connector.start()] if connector else pre
    if not pre or pre[-1] in "、，,和与及":
        return None  # the formula is itself one item of a list
    tail = pre[-7:]
    de = tail.rfind("的")
    close = len(pre) - 1 if pre[-1] in "”」』" else -1
    if close < 0 and de >= 1 and tail[de - 1] in "”」』" and _is_cjk(tail[de + 1 :]):
        close = len(pre) - len(tail) + de - 1
    if close < 0 and (quoted_only and not naming or not _LIST_MARK.search(pre, max(0, len(pre) - 120))):
        return None  # no list, and no quoted list, stands right before it (or only a list named so may)
    if close >= 0:  # “A、B、C”这“三有” / “A、B，C”的党建“三X”
        opening = max(pre.rfind(c, 0, close) for c in "“「『")
        if opening < 0:
            return None
        seg_start = j - len(pre) + opening + 1
        items = [clean(x) for x in split_top(pre[opening + 1 : close], "、，,；;")]
    elif quoted_only and not naming:
        return None  # only an explicit list defines a formula the lexicon knows
    else:
        clause_end = _CLAUSE_END.search(pre[-40:][::-1]) or _CLAUSE_END.search(pre[::-1])  # from the back
        seg = pre[len(pre) - clause_end.start() :] if clause_end else pre
        if not _LIST_MARK.search(seg) or seg.count("、") < expected - 2:
            return None  # no list, or too short a one even if its last part splits at 和
        seg_start = j - len(seg)
        items = [clean(x) for x in split_top(seg, "、")]
        if not expected - 1 <= len(items) <= expected:
            return None
        if len(items) == expected - 1:
            items[-1:] = _split_last_and(items[-1])
        if len(items) != expected or ctx.overlaps_mention(seg_start, j):
            return None  # (both tested again below; here before the trimming, which costs more)
        if len(items) > 1:
            items = _trim_before(items, closed, ctx.text[start : start + _LONGEST])
    if ctx.overlaps_mention(seg_start, j):
        return None  # 学习“五位一体”、“四个全面”与“三大攻坚战”: a list of formulas
    items = [clean(x) for x in items]
    if len(items) != expected or not all(0 < len(x) <= 40 and _balanced(x) for x in items):
        return None
    if any(c.isdigit() for x in items for c in x):
        return None  # 5所学校入选“双高计划”: counts, not parts
    if all(x in _LEAD for x in items) or items[-1].endswith(_LINK):
        return None  # 坚持和落实“两个毫不动摇” / 案件数、涉案金额实现“双下降”: verbs, a predicate
    return _align_first(items)


def _trim_before(items: list[str], closed: bool, after: str) -> list[str]:
    """Cut what a list standing before its formula carries around its parts.

    The last part loses the 的 that ties the list to the formula (…德治相结合的“三治融合”), a
    predicate of the whole list (相结合, 深度融合: slogan_rules.tsv ``joint``), the verb that takes the
    formula (…、物业服务企业建立“三方联动”机制: a ``lead`` word) and, when the other
    parts share a last character that the formula abbreviates (信息化和工业化深度融合 → “两化融合”),
    what follows that character; the first part loses a 的-modifier the others do not have
    (党组织领导的自治、法治、德治).
    """
    items = list(items)
    last = items[-1]
    if not closed and "的" in last:
        with_de = sum("的" in x for x in items[1:-1])
        cut = last.rfind("的")
        if with_de * 2 < max(1, len(items) - 2) and len(last) - cut - 1 <= 5:
            last = last[:cut]
    joint = _JOINT_END.search(last)
    if joint and joint.start() > 0 and not any(c in last for c in "和与及") and not any(map(_JOINT_END.search, items[:-1])):
        last = last[: joint.start()]
    verb = next((w for w in _LEAD if len(w) > 1 and last.endswith(w) and len(last) - len(w) >= 2), "")
    if verb and not any(x.endswith(verb) for x in items[:-1]):
        last = last[: -len(verb)]  # the verb that takes the formula: …、物业服务企业建立“三方联动”机制
    ends = {x[-1] for x in items[:-1] if x}
    if len(ends) == 1:
        end = ends.pop()
        cut = last.find(end, 0, len(last) - 1)
        formula = after.split("”", 1)[0]
        if cut > 0 and end in formula and len(last) - cut - 1 >= 2:
            last = last[: cut + 1]
    items[-1] = last
    first, de = items[0], items[0].rfind("的")
    sizes = [len(x) for x in items[1:]]
    if de > 1 and first[de - 1] != "党" and not any("的" in x for x in items[1:]):
        if min(sizes) - 1 <= len(first) - de - 1 <= max(sizes) + 1:  # 党的建设 stays
            items[0] = first[de + 1 :]
    return items


def _is_cjk(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in s)


def _balanced(s: str) -> bool:
    if not _BRACKET.search(s):
        return True
    return all(s.count(o) == s.count(c) for o, c in zip(_OPEN, _CLOSE, strict=True) if o != c)


# --------------------------------------------------------------------------------------------
# def.enum, def.headings, def.harvest.
# --------------------------------------------------------------------------------------------


def definition_enum(ctx: Context, pos: int, expected: int | None) -> list[str] | None:
    """一是…二是…三是… after a formula, before the next numbered heading, as many as it names."""
    if not expected or expected < 2:
        return None
    if ctx.text.find("一是", pos, pos + 602) < 0 and ctx.text.find("第一", pos, pos + 602) < 0:
        return None  # the enumeration must begin within 600 characters
    end = min(ctx.next_marker_line(pos), pos + 3000)
    first = min((i for i in (ctx.text.find("一是", pos, end), ctx.text.find("第一", pos, end)) if i >= 0), default=-1)
    if first < 0 or first - pos > 600:
        return None
    window = ctx.text[pos:end]
    titles: list[str] = []
    for start, end, numeral in _enum_matches(window):
        value = _ENUM_VALUES.get(numeral)
        if value != len(titles) + 1:
            if titles:
                break
            continue
        if not titles and not _introduces(ctx, pos, pos + start):
            return None
        stop = _ENUM_TITLE_END.search(window, end)
        titles.append(clean(window[end : stop.start() if stop else len(window)]))
    return titles if len(titles) == expected and all(titles) else None


def _enum_matches(window: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, numeral) of what ``_ENUM.finditer(window)`` finds (一是 → 一, 第三， → 三).

    A bare match counts where a clause boundary precedes it. No match of _ENUM can start inside a
    refused bare match, whose characters are numerals, 是, 第 and a closing ，or 、, none of which
    is a boundary before a match inside it.
    """
    for m in _ENUM_BARE.finditer(window):
        i = m.start()
        if i == 0 or window[i - 1] in "。；;：:，,\n" or window[i - 1].isspace():
            yield i, m.end(), m.group(1) or window[i : m.end() - 1]


def _introduces(ctx: Context, pos: int, enum_start: int) -> bool:
    """Whether a formula ending at ``pos`` introduces an enumeration starting at ``enum_start``.

    It does when nothing but its own sentence stands between (…要做到“三个强化”：一是…), or
    when it stands in a heading's title and the enumeration in that heading's text.
    """
    between = ctx.text[pos:enum_start]
    if "。" not in between.rstrip("。；; \n"):
        return enum_start - pos <= 200
    if enum_start - pos > 600:
        return False
    line_start = ctx.text.rfind("\n", 0, pos) + 1
    starts = ctx._marker_starts
    i = bisect.bisect_left(starts, line_start)
    while i < len(starts) and starts[i] == line_start:  # a heading on the formula's own line
        if "。" not in ctx.text[ctx.marker(i).title_start : pos]:
            return True
        i += 1
    return False


def definition_headings(ctx: Context, pos: int, head: str, expected: int | None) -> list[str] | None:
    """The next run of ``expected`` sibling headings whose titles name ``head`` (构建…体系 ×7).

    Only the first run of each family of headings counts, and it must begin within a few
    thousand characters of the formula.
    """
    if not expected or expected < 2 or len(head) < 2:
        return None
    reach = ctx.text.find("\n", pos + 4000)  # the end of the last line a run may begin on
    if ctx.text.find(head, pos, len(ctx.text) if reach < 0 else reach) < 0:
        return None  # no heading a run could begin with names the head
    runs: dict[object, list[_Marker]] = {}
    done: set[object] = set()
    starts = ctx._marker_starts
    for k in range(bisect.bisect_right(starts, pos), len(starts)):
        mk = ctx.marker(k)
        if mk.start <= pos or mk.family in done:
            continue
        run = runs.get(mk.family)
        if run is None and mk.start - pos > 4000:
            if not runs:
                break
            continue
        if head in ctx.title(k) and (not run or mk.number == run[-1].number + 1):
            runs.setdefault(mk.family, []).append(mk)
        elif run:
            if len(run) == expected:
                return _heading_parts(ctx, run, head)
            done.add(mk.family)
            del runs[mk.family]
    return next((_heading_parts(ctx, run, head) for run in runs.values() if len(run) == expected), None)


def _heading_parts(ctx: Context, run: list[_Marker], head: str) -> list[str]:
    parts = []
    for mk in run:
        clauses = re.split(r"[，,；;：:。]", ctx.text[mk.title_start : mk.end])
        clause = next(c for c in clauses if head in c)
        parts.append(strip_lead(clean(clause), head))
    return parts


def _phrases(ctx: Context, lo: int, hi: int, head: str) -> list[tuple[int, int, str]]:
    """Phrases in ``text[lo:hi]`` that end in ``head``: (start, end, phrase without its opening verb)."""
    out = []
    text = ctx.text
    i = text.find(head, lo, hi)
    while i >= 0:
        end = i + len(head)
        floor = max(lo, i - 16)
        delim = _PHRASE_DELIM.search(text[floor:i][::-1])  # the last delimiter before the head
        s = i - delim.start() if delim else floor
        if s == 0 or text[s - 1] == "\n":
            marker = match_marker(text, s)
            s = marker.end if marker and marker.end <= i else s
        if end - s > len(head) and not ctx.inside_mention(i, end):
            phrase = strip_lead(text[s:end], head, short_rest=4)
            if len(phrase) > len(head):
                out.append((s, end, phrase))
        i = text.find(head, end, hi)
    return out


def _runs(ctx: Context, phrases: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    runs: list[list[tuple[int, int, str]]] = []
    for p in phrases:
        gap = ctx.text[runs[-1][-1][1] : p[0]] if runs else "x"
        if runs and gap and all(c in _PHRASE_DELIMS or c == "等" for c in gap):
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


@functools.lru_cache(maxsize=1024)
def _harvest_heads(parts: tuple[tuple[int, str], ...]) -> tuple[tuple[int, tuple[str, ...]], ...] | None:
    """For each part, its value and the heads its phrases may end in (两单制 → 单制, 单), or None
    when a part has none to look for (双一流, 四个三) or a single one-character part (一课)."""
    out = []
    for value, raw_head in parts:
        head = raw_head.lstrip(_MEASURES) if len(raw_head) > 1 else raw_head
        if not head or head[0].isdigit() or (value == 1 and len(head) < 2):
            return None
        out.append((value, (head, head[:-1]) if len(head) > 1 and head[-1] in _SUFFIX else (head,)))
    return tuple(out)


def definition_harvest(ctx: Context, pos: int, parts: tuple[tuple[int, str], ...]) -> list[str] | None:
    """For each part (value, head), ``value`` phrases in a row after the formula that end in the head."""
    wanted = _harvest_heads(parts)
    if wanted is None:
        return None
    line_end = ctx.text.find("\n", pos)
    next_end = ctx.text.find("\n", line_end + 1) if line_end >= 0 else -1
    hi = min(len(ctx.text) if next_end < 0 else next_end, pos + 600)
    out: list[str] = []
    lo = pos
    for value, heads in wanted:
        if ctx.text.count(heads[-1], lo, hi) < value:
            return None  # too few phrases end in the head to make the list
        for h in heads:
            run = next((r for r in _runs(ctx, _phrases(ctx, lo, hi, h)) if len(r) == value), None)
            if run and (value > 1 or not _followed_by_more(ctx, run, h, hi)):
                out.extend(p[2] for p in run)
                lo = run[-1][1]
                break
        else:
            return None
    return out


def _followed_by_more(ctx: Context, run: list[tuple[int, int, str]], head: str, hi: int) -> bool:
    rest = _phrases(ctx, run[-1][1], hi, head)
    return bool(rest) and bool(_runs(ctx, run + rest[:1])[0][len(run) :])


def definition_digits(
    pos: int, digits: str, mentions: list[tuple[int, int, str, int | None]]
) -> list[str] | None:
    """“1233”: the next formulas, one per digit, whose numerals are the digits in order."""
    following = [m for m in mentions if pos <= m[0] < pos + 800]
    seen: list[tuple[int, int, str, int | None]] = []
    for m in following:
        if not seen or m[0] >= seen[-1][1]:
            seen.append(m)
        if len(seen) == len(digits):
            break
    if len(seen) == len(digits) and all(str(m[3]) == d for m, d in zip(seen, digits, strict=True)):
        return [m[2] for m in seen]
    return None


#: A count in a part of a list: a number and a measure word (建设3条…示范带, 建好1个…平台).
_COUNT_IN_PART = re.compile(f"([0-9]+)[{_MEASURES}条类支个项名家所座批]")


def definition_counted(text: str, pos: int, digits: str) -> list[str] | None:
    """“3461”工程。…：建设3条…、培育4类…、建强6支…、建好1个…: a list, in the sentence after a mention or
    the next one, whose parts hold the formula's digits in order, each as the count of its part.

    >>> definition_counted("“321”工程。主要内容是：建设3条示范带、培育2类品牌、建好1个平台，年内完成。", 4, "321")
    ['建设3条示范带', '培育2类品牌', '建好1个平台']
    """
    end = text.find("。", pos)
    end = text.find("。", end + 1) if 0 <= end < pos + 12 else end  # (the mention's own short sentence)
    hi = min(len(text), pos + 400) if end < 0 else min(end, pos + 400)
    for clause in _CLAUSE_END.split(text[pos:hi]):
        parts = [clean(x) for x in split_top(clause, "、")]
        if len(parts) != len(digits):
            continue
        counts = [_COUNT_IN_PART.search(p) for p in parts]
        if all(c and c.group(1) == d for c, d in zip(counts, digits, strict=True)):
            return parts
    return None


# --------------------------------------------------------------------------------------------
# def.spread, def.labels, def.chain.
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _heads(parts: tuple[tuple[int, str], ...]) -> tuple[tuple[int, str], ...] | None:
    """(value, head without its measure word) for each part, or None when a part has no head."""
    out = []
    for value, raw in parts:
        head = raw.lstrip(_MEASURES) if len(raw) > 1 else raw
        if not head or head[0].isdigit() or value > 5:
            return None
        out.append((value, head))
    return tuple(out)


@functools.lru_cache(maxsize=1024)
def _spread_plan(
    parts: tuple[tuple[int, str], ...],
) -> tuple[tuple[tuple[int, str], ...], int, tuple[tuple[str, int], ...]] | None:
    """def.spread's heads, number of parts and how often each head must occur, or None."""
    heads = _heads(parts)
    if not heads or (len(heads) < 2 and len(heads[0][1]) > 1):
        return None
    needs = tuple((h, 1 if len(h) > 1 and v > 1 and len(heads) > 1 else v) for v, h in heads)
    return heads, sum(v for v, _ in heads), needs


_SPREAD_SEPS = (re.compile(r"[、，,；;：:。\n]"), re.compile(r"[、，,；;：:。\n和及与]"))


def _names(item: str, head: str) -> bool:
    """Whether a part names ``head``: anywhere for a word (不愁, 保障); at either end for a single
    character (清理…, 改变…, 景村融合), which inside a phrase is too often another word's."""
    if len(head) > 1:
        return head in item
    return item.startswith(head) or head in item[-2:]


def definition_spread(
    ctx: Context, pos: int, parts: tuple[tuple[int, str], ...], *, short: bool = False
) -> list[str] | None:
    """Parts in a row after a formula of several numerals, each group naming its head.

    两不愁三保障 → 不愁吃、不愁穿和义务教育、基本医疗、住房安全有保障 (a head may close its group
    only); 三清一改 → 清理A、清理B、清理C，改变D; 双融双促 → 推动A融合、B融合，促进C、促进D.
    The piece right after the formula (the rest of its own clause) is never a part; a formula of
    one character (三亮) must be followed by its list within its next three pieces. ``short`` asks
    for parts of at most ten characters, as definitions of a known formula have.
    """
    plan = _spread_plan(parts)
    if plan is None:
        return None  # one head of a word (四个意识) is def.harvest's; one character (三亮) is this one's
    heads, total, needs = plan
    text = ctx.text
    line_end = text.find("\n", pos)
    hi = min(len(text) if line_end < 0 else line_end, pos + 160)
    for head, need in needs:  # every part holds its head, or (a word) the last part of its group
        if text.count(head, pos, hi) < need:
            return None
    window = text[pos:hi]
    # The last piece of every group holds its head (in each shape above): only the starts where
    # they all do are tried, and only the pieces looked at are cleaned.
    ends, at = [], -1
    for value, head in heads:
        at += value
        ends.append((at, head))
    for seps in _SPREAD_SEPS:
        pieces = seps.split(window)
        marks = ["", *seps.findall(window)]  # the separator before each piece
        starts: list[int] | range = range(1, len(pieces) - total + 1)
        for end, head in ends:
            holds = [head in x for x in pieces]
            if len(heads) == 1:  # right after the formula, parts that all hold the head and open with it
                starts = [i for i in starts[:3] if all(holds[i : i + total])]
                starts = [i for i in starts if all(clean(x).startswith(head) for x in pieces[i + 1 : i + total])]
            else:
                starts = [i for i in starts if holds[i + end]]
        if not starts:
            continue
        cleaned = _Cleaned(pieces, quotes=len(heads) > 1)
        if len(heads) == 1:
            found = next((f for i in starts if (f := _one_head_at(pieces, marks, cleaned, i, *heads[0]))), None)
        else:
            found = None
            for i in starts:
                found = _spread_at(pieces, marks, cleaned, i, heads)
                if found and (not short or all(len(x) <= 10 for x in found)):
                    break
                found = None
        if found:
            return found
    return None


class _Cleaned:
    """``clean`` of each piece (without quotation marks around it too, with ``quotes``), made when asked."""

    def __init__(self, pieces: list[str], *, quotes: bool):
        self.pieces, self.quotes, self.done = pieces, quotes, {}

    def __getitem__(self, k: slice) -> list[str]:
        return [self.one(i) for i in range(*k.indices(len(self.pieces)))]

    def one(self, i: int) -> str:
        if i not in self.done:
            x = clean(self.pieces[i])
            self.done[i] = x.strip("“”「」『』") if self.quotes else x
        return self.done[i]


def _spread_at(
    pieces: list[str], marks: list[str], cleaned: _Cleaned, i: int, heads: tuple[tuple[int, str], ...]
) -> list[str] | None:
    out: list[str] = []
    k = i
    for n, (value, head) in enumerate(heads):
        if any(sep in "。\n" for sep in marks[k + (1 if k == i else 0) : k + value]):
            return None  # a list does not run over the end of a sentence
        items = cleaned[k : k + value]
        if len(items) < value or not all(0 < len(x) <= 30 for x in items):
            return None
        if all(_names(x, head) for x in items):
            if len(items) > 1 and all(x.startswith(head) for x in items[1:]) and not items[0].startswith(head):
                items[0] = items[0][items[0].find(head) :]  # 持续巩固不愁吃、不愁穿 → 不愁吃
            elif len(items) == 1 or len({len(x) for x in items}) > 1:
                items[0] = strip_lead(items[0], head)
            if n == len(heads) - 1 and k + value < len(pieces):
                if marks[k + value] not in "。\n" and head in pieces[k + value]:
                    return None  # the list goes on: it is longer than the formula says
        elif (
            value > 1
            and len(head) > 1
            and 0 <= len(items[-1]) - items[-1].rfind(head) - len(head) <= 2
            and not any(head in x or len(x) > 8 for x in items[:-1])
        ):
            last = items[-1]
            items[-1] = last[: last.rfind(head) + len(head)]  # …住房安全有保障成果 → …住房安全有保障
        else:
            return None
        out.extend(items)
        k += value
    return out


def _one_head_at(
    pieces: list[str], marks: list[str], cleaned: _Cleaned, i: int, value: int, head: str
) -> list[str] | None:
    """三亮 → 党员亮身份、亮承诺、亮实绩: a tight list whose parts all open with the one-character head."""
    if any(sep not in "、，," for sep in marks[i + 1 : i + value]):
        return None
    items = cleaned[i : i + value]
    if not all(x.startswith(head) and len(x) <= 12 for x in items[1:]):
        return None
    at = items[0].find(head)
    if at < 0 or at > 3:
        return None
    if i + value < len(pieces) and marks[i + value] in "、，," and pieces[i + value].startswith(head):
        return None  # the list goes on
    return [items[0][at:], *items[1:]]


_LABEL_CUE = r"(?:是指|指的是|就是|即|为|指|是)[：:]?"
_LABEL_QUOTE = re.compile('[“"「]')


_LABEL_CUE_AT = re.compile(_LABEL_CUE)


def _find_label(text: str, label: str, lo: int, hi: int) -> tuple[int, int] | None:
    """(start, end) of the first “label” + cue in ``text[lo:hi]``: “1”即, “四级”为 (found with str.find,
    as a pattern per label would be compiled for every formula)."""
    i = text.find(label, lo + 1, hi)
    while i >= 0:
        close = i + len(label)
        if close < hi and text[i - 1] in '“"「' and text[close] in '”"」':
            cue = _LABEL_CUE_AT.match(text, close + 1, hi)
            if cue:
                return i - 1, cue.end()
        i = text.find(label, i + 1, hi)
    return None


_LABEL_BODY_END = re.compile(r"[，,；;。\n]")


def definition_labels(ctx: Context, pos: int, labels: Sequence[tuple[str, int | None]]) -> list[str] | None:
    """Each numeral of a formula defined in turn: “1”即A，“N”即B / “四级”为省、市、县、乡，“三类”指….

    ``labels`` gives each label with the number of parts its text must split into (None: one part,
    as for the terms of 1+N).
    """
    text = ctx.text
    if not _LABEL_QUOTE.search(text, pos, pos + 81):
        return None  # the first label must stand within 80 characters
    line_end = text.find("\n", pos)
    hi = min(len(text) if line_end < 0 else line_end, pos + 600)
    out: list[str] = []
    at = pos
    for label, value in labels:
        found = _find_label(text, label, at, hi)
        if found is None or found[0] - at > (80 if at == pos else 6):
            return None
        end = _LABEL_BODY_END.search(text, found[1], hi)
        body = clean(text[found[1] : end.start() if end else hi])
        if value is None or value == 1:
            pieces = [body]
        else:
            pieces = [p for p in (clean(x) for x in split_top(body, "、")) if p]
            if len(pieces) == value - 1:
                pieces[-1:] = _split_last_and(pieces[-1])
            if len(pieces) != value:
                return None
        if not all(0 < len(x) <= 40 for x in pieces):
            return None
        out.extend(pieces)
        at = end.end() if end else hi
    return out


_TERM_CN = {"1": "一", "2": "两二", "3": "三", "4": "四", "5": "五", "6": "六", "7": "七", "8": "八", "9": "九"}


def definition_terms(text: str, pos: int, terms: Sequence[str]) -> list[str] | None:
    """A list after 1+N whose parts open with its terms, or with a verb and its terms: “1+N”体系，即1个
    平台和N个分平台; “1+3+N”体系，即建强1个核心、健全3项机制、培育N个品牌.

    >>> definition_terms("“1+3+N”体系，即建强1个核心、健全3项机制、培育N个品牌。", 7, ("1", "3", "N"))
    ['建强1个核心', '健全3项机制', '培育N个品牌']
    """
    cue = _CUE.match(text, pos)
    if not cue or (cue.group(1) and cue.group(2)[0] == "即"):
        return None
    body, _ = _body_after(text, cue)
    body = _BODY_OPENING.sub("", body, count=1)
    first = split_top(body, "，,；;")[0]
    parts = [p for p in (clean(x) for x in split_top(first, "、和及与")) if p]
    if len(parts) != len(terms):
        return None
    for part, term in zip(parts, terms, strict=True):
        opens = (term, *_TERM_CN.get(term, "")) if term.isdigit() else (term, term.upper(), "若干", "多")
        at = min((i for i in map(part.find, opens) if i >= 0), default=-1)
        if not 0 <= at <= _TERM_VERB or not _is_cjk(part[:at]) or len(part) > 40:
            return None  # (a verb before the term: 建强1个…; at most a four-character one, 建立健全)
    return parts


_TERM_VERB = 4


#: What may stand between a formula and the end of the sentence that names it: a plan noun (工程, 行动).
#: The end of the sentence, or the clause, that names the formula: “双培养”工程。 / “双培养”机制，
_NAMING_TAIL = re.compile(r"[”」』\"]?[\u4e00-\u9fff]{0,6}?[。；;，,]")


def definition_next(text: str, pos: int, expected: int | None, head: str) -> list[str] | None:
    """The parts of a formula named at the end of a sentence (often a heading: （三）实施“双培养”工程。)
    or of a clause (建立“双培养”机制，把…、把…) listed in the first clause after it, each holding the
    formula's head.

    >>> definition_next("（三）实施“双培养”工程。把党员培养成骨干、把骨干培养成党员，年内…", 9, 2, "培养")
    ['把党员培养成骨干', '把骨干培养成党员']
    """
    if not expected or expected < 2 or not head:
        return None
    tail = _NAMING_TAIL.match(text, pos)
    if not tail:
        return None
    end = _CLAUSE_END.search(text, tail.end(), tail.end() + 120)
    clause = text[tail.end() : end.start() if end else tail.end() + 120]
    parts = [clean(x) for x in split_top(clause, "、")]
    if len(parts) != expected or not all(head in x and 0 < len(x) <= 30 for x in parts):
        return None
    return parts


_LEVELS = "省市州盟县区旗乡镇街村组"
_DASHES = "—－–-"


def definition_chain(ctx: Context, start: int, end: int, formula: str, value: int | None) -> list[str] | None:
    """县—乡—村“三级联动” / 省市县乡村五级 / 街道、社区、网格三级: the levels of an N级 formula, before it
    or before N级 nearby (a list joined by 、 only before N级 nearby, not before the formula itself).

    >>> t = "深化“三级网格”建设。按照街道、社区、网格三级架构设置网格党组织。"
    >>> definition_chain(Context(t, []), 3, 7, "三级网格", 3)
    ['街道', '社区', '网格']
    """
    if not value or value < 2:
        return None
    text = ctx.text
    level = formula[: formula.index("级") + 1]  # 三级
    spots = [start - 1 if start and text[start - 1] in "“「『\"" else start]
    line_end = text.find("\n", end)
    hi = min(len(text) if line_end < 0 else line_end, end + 200)
    i = text.find(level, end, hi)
    while i >= 0:
        spots.append(i)
        i = text.find(level, i + len(level), hi)
    for p in spots:
        k = p
        while k > max(0, p - 80) and (_is_cjk(text[k - 1]) or text[k - 1] in _DASHES + "（）()、"):
            k -= 1
        chain = text[k:p]
        if "、" in chain:  # 按照街道、社区、网格三级架构
            parts = [clean(x) for x in chain.split("、")]
            if len(parts) == value and all(parts) and p != spots[0]:
                parts[0] = strip_lead(parts[0])
                if all(len(x) <= 8 for x in parts):
                    return parts
            chain = chain[chain.rfind("、") + 1 :]
        if any(d in chain for d in _DASHES):
            parts = [x for x in re.split(f"[{_DASHES}]+", chain)]
            if len(parts) != value or not all(parts):
                continue
            first = strip_lead(parts[0])
            longest = max(map(len, parts[1:]))
            parts[0] = first[-longest:] if len(first) > longest + 2 else first
            return parts if all(len(x) <= 12 for x in parts) else None
        tail = text[max(0, p - value) : p]
        if len(tail) == value and all(c in _LEVELS for c in tail) and (p - value == 0 or text[p - value - 1] not in _LEVELS):
            return list(tail)
    return None


def find_components(
    ctx: Context,
    spans: list[tuple[int, int]],
    expected: int | None,
    parts: tuple[tuple[int, str], ...],
    head: str,
    *,
    digits: str = "",
    mentions: list[tuple[int, int, str, int | None]] = (),
    explicit_only: bool = False,
    labels: Sequence[tuple[str, int | None]] = (),
    terms: Sequence[str] = (),
    plan: tuple[str, ...] | None = None,
) -> Found | None:
    """Try each strategy over every mention (``spans``) of one formula; the first that fits wins.

    ``digits`` (“1233”) tries def.digits first and nothing but def.colon and def.labels after it;
    ``explicit_only`` (a formula the lexicon knows) tries def.colon, a quoted list right before
    it and def.spread only, since a list that merely stands near 四个意识 or 一带一路 is far more
    often something else than a new definition of it. ``labels`` are the numerals of the formula
    with their heads or terms (“四级”, “三类”; “1”, “N”) for def.labels, ``terms`` those of 1+N.
    ``plan`` is :func:`strategy_plan` of the same, when the caller has it already.
    """
    if plan is None:
        plan = strategy_plan(parts, head, expected, explicit_only, bool(digits), bool(labels), bool(terms))
    return run_plan(ctx, spans, plan, expected, parts, head, digits, mentions, explicit_only, labels, terms)


def run_plan(
    ctx: Context,
    spans: list[tuple[int, int]],
    plan: tuple[str, ...],
    expected: int | None,
    parts: tuple[tuple[int, str], ...],
    head: str,
    digits: str,
    mentions: list[tuple[int, int, str, int | None]],
    explicit_only: bool,
    labels: Sequence[tuple[str, int | None]],
    terms: Sequence[str],
) -> Found | None:
    """:func:`find_components` with its plan made, all arguments given in order (the caller in
    :mod:`policytext.extract.slogans` runs it once per formula of every document)."""
    text = ctx.text
    for rule in plan:
        for a, b in spans:
            # The cheap first test of each strategy is made here, so that most mentions cost no call.
            if rule == "def.colon":
                if not _CUE_HINT.search(text, b, b + 11):
                    continue
                found = definition_after(text, b, expected)
            elif rule == "def.before":
                j = a - 1 if a and text[a - 1] in "“「『\"" else a
                if explicit_only and not _QUOTED_LIST_NEAR.search(text, max(0, j - 16), j):
                    continue
                found = definition_before(ctx, a, expected, quoted_only=explicit_only)
            elif rule == "def.spread":
                found = definition_spread(ctx, b, parts, short=explicit_only)
            elif rule == "def.enum":
                if not ctx.enumeration_near(b):
                    continue
                found = definition_enum(ctx, b, expected)
            elif rule == "def.harvest":
                found = definition_harvest(ctx, b, parts)
            elif rule == "def.headings":
                found = definition_headings(ctx, b, head, expected)
            elif rule == "def.labels":
                found = definition_labels(ctx, b, labels)
            elif rule == "def.digits":
                found = definition_digits(b, digits, mentions) or definition_counted(text, b, digits)
            elif rule == "def.roles":
                found = definition_roles(text, b, parts, ctx)
            elif rule == "def.chain":
                found = definition_chain(ctx, a, b, text[a:b], parts[0][0])
            elif rule == "def.next":
                found = definition_next(text, b, expected, head)
            else:  # def.terms
                found = definition_terms(text, b, terms)
            if found:
                return Found(tidy_parts(found, parts, _class_after(text, b)), rule)
    return None


_ROLE = "以(?P<x>[^，,。；;\n以]{{1,30}}?)为(?:[一二两三四五六七八九十]|\\d)?{head}"


def definition_roles(
    text: str, pos: int, parts: tuple[tuple[int, str], ...], ctx: Context | None = None
) -> list[str] | None:
    """“一体两翼”，即以A为一体、以B和C为两翼: each group of a formula named by the role it gives its
    parts (以…为), in order, within the sentence after the formula.

    With ``ctx``, a single part may hold its group's character instead (“一网三员”，即以一张综合治理网格
    为底座), and a later group may be a run of phrases that end in its character (…，推动自治、法治、
    德治融合发展 for 一核三治), once a group before it was found by its role.

    >>> definition_roles("“一体两翼”战略，即以燃气主业为一体、以能源服务和智慧燃气为两翼，稳步推进。", 6, ((1, "体"), (2, "翼")))
    ['燃气主业', '能源服务', '智慧燃气']
    """
    end = _SENTENCE_END.search(text, pos, pos + 200)
    hi = end.start() if end else min(len(text), pos + 200)
    if text.find("以", pos, hi) < 0:
        return None
    out: list[str] = []
    at = pos
    for count, head in parts:
        m = re.compile(_ROLE.format(head=re.escape(head[0]))).search(text, at, hi)
        if ctx is not None and (not m or (out and m.start() - at > 2)):
            found = _role_holding(text, at, hi, head[0]) if count == 1 and not out else None
            if found is None and out:
                found = _phrase_run(ctx, at, hi, head, count)
            if found is None:
                return None
            pieces, at = found
            out.extend(pieces)
            continue
        if not m or (out and m.start() - at > 2):
            return None
        pieces = [p for p in (clean(x) for x in split_top(m.group("x"), "、")) if p]
        if len(pieces) == count - 1:
            pieces[-1:] = _split_last_and(pieces[-1])
        if len(pieces) != count:
            return None
        out.extend(pieces)
        at = m.end()
    return out


#: 以…为 with the role's noun: 以一张综合治理网格为底座 (the part is what 以 governs).
_ROLE_ANY = re.compile(r"以(?P<x>[^，,。；;\n以、]{2,20}?)为[\u4e00-\u9fff]{1,3}(?=[，,、；;。])")


#: What may stand between a formula and its 以…为: its class noun and 即 (“一网三员”基层治理模式，即).
_BEFORE_ROLE = re.compile(r"[”」』\"]?[\u4e00-\u9fff]{0,8}[，,]?即?[：:]?")


def _role_holding(text: str, lo: int, hi: int, char: str) -> tuple[list[str], int] | None:
    """The first 以X为… of the sentence when X holds the group's character: ([X], end)."""
    m = _ROLE_ANY.search(text, lo, hi)
    if not m or not _BEFORE_ROLE.fullmatch(text, lo, m.start()) or char not in m.group("x"):
        return None
    return [m.group("x")], m.end()


def _phrase_run(ctx: Context, lo: int, hi: int, head: str, count: int) -> tuple[list[str], int] | None:
    """``count`` phrases in a row ending in ``head`` (网格员、调解员、安全员) after ``lo``: (phrases, end)."""
    run = next((r for r in _runs(ctx, _phrases(ctx, lo, hi, head)) if len(r) == count), None)
    if run is None:
        return None
    pieces = [p[2] for p in run]
    first, longest = pieces[0], max(map(len, pieces[1:]), default=0)
    if count > 1 and len(first) > longest + 2:
        # the first phrase keeps what opens its clause (每个网格配齐网格员): cut after its last verb
        cut = max((m.end() for m in _LEAD_AT.finditer(first)), default=0)
        if head in first[cut:] and len(first) - cut > len(head):
            pieces[0] = first[cut:]
    return pieces, run[-1][1]


_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


def _class_after(text: str, end: int) -> str:
    """The two-character noun right after a formula's mention (“两主一特”产业 → 产业), or ""."""
    if end < len(text) and text[end] in "”」』\"":
        end += 1
    noun = text[end : end + 2]
    return noun if len(noun) == 2 and _is_cjk(noun) else ""


# A count and a measure word closing a part: 装备制造两大主导产业 (the parts of 两主 named with their class).
_CLASS_AFTER = re.compile(r"(?P<n>[一二两三四五六七八九十]|\d{1,2})[大个项类种条支][\u4e00-\u9fff]{1,6}$")
_COUNTS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


# A part named with the role it plays in the formula: 以居民需求为中心 (一心), 党建引领为核心 (一核).
_AS_ROLE = re.compile(r"以?([\u4e00-\u9fff“”]{2,}?)为([\u4e00-\u9fff]{1,3})")


def tidy_parts(found: list[str], parts: tuple[tuple[int, str], ...], noun: str = "") -> list[str]:
    """Cut from the parts of a formula the words that belong to the formula, not to its parts.

    * a class named with one of the formula's counts: 新材料、装备制造两大主导产业 (两主) → 装备制造;
    * in a formula of several groups followed by a class noun (“两主一特”产业), that noun with the
      group's character in front: 富硒食品特色产业 (一特) → 富硒食品;
    * the predicate of an N+noun+verb formula that the list's last part carries: 先进制造业和现代服务业
      深度融合 (两业融合) → 现代服务业, 组织链、人才链、产业链同构共建 (三链同构) → 产业链;
    * the role a part plays in a formula of several groups: 以居民需求为中心 (一心三联) → 居民需求.

    >>> tidy_parts(["新材料", "装备制造两大主导产业", "富硒食品特色产业"], ((2, "主"), (1, "特")), "产业")
    ['新材料', '装备制造', '富硒食品']
    >>> tidy_parts(["先进制造业", "现代服务业深度融合"], ((2, "业融合"),))
    ['先进制造业', '现代服务业']
    """
    counts = {n for n, _ in parts}
    groups = {h[0] for _, h in parts if h} if len(parts) > 1 else set()
    out = []
    for part in found:
        m = _CLASS_AFTER.search(part)
        if m and m.start() >= 2 and (_COUNTS.get(m.group("n")) or int(m.group("n") if m.group("n").isdigit() else 0)) in counts:
            part = part[: m.start()]
        k = len(noun) + 2
        if groups and noun and part.endswith(noun) and len(part) - k >= 2 and part[-k] in groups:
            part = part[:-k]
        role = _AS_ROLE.fullmatch(part) if groups else None
        if role and any(g in role.group(2) for g in groups):
            part = role.group(1)  # 以党建引领为核心 (一核) → 党建引领
        out.append(part)
    if len(parts) == 1 and len(parts[0][1]) >= 3 and len(out) >= 2:
        noun, verb = parts[0][1][0], parts[0][1][1:]  # 两业融合: 业, 融合
        last = out[-1]
        at = last.rfind(verb)  # the predicate, and at most two characters after it (产业链同构共建)
        cut = last.rfind(noun, 0, at) if at > 0 else -1
        if len(last) - at - len(verb) <= 2 and cut >= 1 and at - cut - 1 <= 2 and all(
            p.endswith(noun) for p in out[:-1]
        ):
            out[-1] = last[: cut + 1]
    return out


@functools.lru_cache(maxsize=4096)
def strategy_plan(
    parts: tuple[tuple[int, str], ...], head: str, expected: int | None, explicit_only: bool,
    digits: bool, labels: bool, terms: bool,
) -> tuple[str, ...]:
    """The strategies :func:`find_components` tries for a formula of this shape, in order (those
    that cannot fit it left out)."""
    heads = _heads(parts) if parts else None
    several = (len(parts) > 1 or (len(head) == 1 and not explicit_only)) and not digits
    several = several and heads is not None and (len(heads) > 1 or len(heads[0][1]) == 1)
    labels = labels and not explicit_only
    chain = bool(parts) and parts[0][1].startswith("级") and not explicit_only
    listed = expected is not None and expected >= 2  # def.before, def.enum and def.headings need a count
    headed = listed and len(head) >= 2
    harvest = bool(parts) and _harvest_heads(parts) is not None
    plan = ["def.digits"] if digits else []
    roles = len(parts) > 1 and all(h for _, h in parts) and not digits
    plan += ["def.spread"] * several + ["def.labels"] * labels + ["def.chain"] * chain + ["def.roles"] * roles
    plan += ["def.colon"]
    plan += ["def.terms"] * terms
    if explicit_only:
        plan += ["def.before"] * listed  # a quoted list, or one named so (以下简称)
    elif not digits:
        plan += ["def.before"] * listed + ["def.enum"] * listed + ["def.headings"] * headed + ["def.harvest"] * harvest
        plan += ["def.next"] * (listed and len(parts) == 1 and bool(head))
    return tuple(plan)
