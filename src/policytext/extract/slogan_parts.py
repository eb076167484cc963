"""The parts of a formula where the document defines it (SPEC.md: SLOGAN.components).

Documents define a formula in a handful of shapes; each is one strategy, tried in this order over
every mention of the formula (the first that fits wins):

``def.colon``
    a list right after it: “三个提升”：A、B、C / 两个目标：… (continued on the next lines) /
    两个覆盖（A、B） / “3年目标”，即A，B，C / “5+2”工作法，即…
``def.digits``
    “1233”: the formulas that follow, one per digit (一条主线、两个抓手、三个平台、三项机制).
``def.before``
    a list right before it: A、B、C等“三员” / “A、B、C”这“三有” / A和B的“双联系”.
``def.enum``
    一是…二是…三是… right after it.
``def.headings``
    the next run of N numbered headings that name its head (五大体系 → 构建…体系 five times;
    “三个强化” → （一）强化… （二）强化… （三）强化…).
``def.harvest``
    N phrases in a row after it that end in its head (两单制 → 细化任务清单，压实责任清单;
    一网两平台 → 建好政务外网，用好服务平台和监管平台).

Every strategy except ``def.colon`` must find exactly as many parts as the formula names, which is
what keeps a list that merely stands near a formula from being taken for its definition.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

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
_PUNCT = " \t\u3000，,。；;：:、.．\"'"

#: The cue that a definition follows the formula (and the few characters of a noun between).
_CUE = re.compile(
    r"[”」』\"]?([\u4e00-\u9fff]{0,5}?)"
    r"(：|:|（|\(|，即[：:]?|,即|即[：:]|，就是|，是指|是指|，分别是|，包括|，主要包括)"
)
#: A label line: 一条主线：… / 两个抓手：… (a new definition, not a continuation of the last one).
_LABEL = re.compile(rf"[\s\u3000]*[一二两三四五六七八九十双\d]+[{_MEASURES}]?[\u4e00-\u9fff]{{0,6}}[：:]")
#: 一是 / 第一， at the start of a clause.
_ENUM = re.compile(r"(?:(?<=[。；;：:，,\n\s])|^)(?:([一二三四五六七八九十]{1,3})是|第([一二三四五六七八九十]{1,3})[，,、])")
_ENUM_VALUES = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
#: Characters that end a phrase when looking back from a head (一网两平台: …服务平台和监管平台).
_PHRASE_DELIMS = "、，,；;：:。“”\"（）()和及与\n \u3000"
_CONNECTOR_END = re.compile(r"(?:等|这一|这|之)$")
#: A list named by the formula that follows: 资金、资产、资源（以下简称“三资”）/ A、B、C，即“三X”.
_NAMING_END = re.compile(r"[（(，,]?\s*(?:以下简称|以下称|简称|下称|统称|合称|即)$")
_CLAUSE_ENDS = tuple("。；;：:！？!?\n，,")
_LONGEST = 24  # no formula mention is longer than this


@dataclass(frozen=True)
class Found:
    """Components found in the text, and the id of the strategy that found them."""

    components: list[str]
    rule: str


@dataclass(frozen=True)
class _Marker:
    start: int  # of the line
    end: int  # of the line
    family: str
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
        return any(s <= a and b <= e for s, e in self._near(a, b))

    def overlaps_mention(self, a: int, b: int) -> bool:
        """Whether some formula is mentioned in ``text[a:b]``."""
        return any(a < e for _, e in self._near(a, b))

    @functools.cached_property
    def markers(self) -> list[_Marker]:
        """Numbered headings in order; siblings share a ``family``."""
        text = self.text
        if self._items:
            out = []
            for it in self._items:
                line_end = text.find("\n", it.start)
                line_end = len(text) if line_end < 0 else line_end
                line_start = text.rfind("\n", 0, it.start) + 1
                title = it.start + len(it.marker) if text.startswith(it.marker, it.start) else it.start
                out.append(_Marker(line_start, line_end, f"{it.parent}|{it.level}", it.number, title))
            return out
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
    def _marker_starts(self) -> list[int]:
        return [mk.start for mk in self.markers]

    def next_marker_line(self, pos: int) -> int:
        """Start of the first marker line after ``pos`` (the end of the text when there is none)."""
        i = bisect.bisect_right(self._marker_starts, pos)
        return self._marker_starts[i] if i < len(self._marker_starts) else len(self.text)


# --------------------------------------------------------------------------------------------
# Small text helpers.
# --------------------------------------------------------------------------------------------


def split_top(s: str, seps: str) -> list[str]:
    """Split at separators that stand outside quotation marks and brackets.

    >>> split_top("开展“不忘初心、牢记使命”学习，完善制度", "、，")
    ['开展“不忘初心、牢记使命”学习', '完善制度']
    """
    parts, depth, cur = [], 0, []
    for ch in s:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
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
        depth = 1
        for i in range(start, line_end):
            if text[i] in "（(":
                depth += 1
            elif text[i] in "）)":
                depth -= 1
                if depth == 0:
                    return text[start:i], False
        return "", False
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


#: The end of a last item that runs into the label of the list: …一次规范提升的“五个一”活动.
_INTO_LABEL = re.compile(r"的[“「][^”」]{1,10}[”」][\u4e00-\u9fff]{0,6}$")


#: Separators from the weakest to the strongest, with those a part may not hold when split by them:
#: a list split at 、 whose parts hold ， was cut at the wrong level.
_SEPARATORS = (("、", "，,；;"), ("，,", "；;"), ("；;", ""), ("、，,", "；;"), ("，,；;", ""))


def _split_exact(body: str, expected: int, seps_extra: str = "") -> list[str] | None:
    for seps, stronger in _SEPARATORS:
        parts = [p for p in (clean(x) for x in split_top(body, seps + seps_extra)) if p]
        parts = _parallel_prefix(parts, expected) or parts
        if len(parts) == expected and all(len(p) <= 50 and not _has_top(p, stronger) for p in parts):
            # A–E的“五个一”活动: the last item of a list that closes into a label ends before it.
            return [clean(_INTO_LABEL.sub("", p)) or p for p in parts]
    return None


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
    cue = _CUE.match(text, pos)
    if not cue or any(c in cue.group(1) for c in "和与及、"):
        return None
    body, open_end = _body_after(text, cue)
    if not body.strip() or "一是" in body[:12]:
        return None  # “三项任务”：一是…；二是…  is an enumeration (def.enum)
    if expected is not None:
        found = _split_exact(body, expected)
        if found:
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
    first = first[cut:] if cut > 0 else strip_lead(first)
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
    pre = text[max(0, j - 240) : j]
    naming = _NAMING_END.search(pre, max(0, len(pre) - 6))
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
    if close < 0 and not any(c in pre[-120:] for c in "、和及与"):
        return None  # no list, and no quoted list, stands right before it
    if close >= 0:  # “A、B、C”这“三有” / “A、B，C”的党建“三X”
        opening = max(pre.rfind(c, 0, close) for c in "“「『")
        if opening < 0:
            return None
        seg_start = j - len(pre) + opening + 1
        items = [clean(x) for x in split_top(pre[opening + 1 : close], "、，,；;")]
    elif quoted_only and not naming:
        return None  # only an explicit list defines a formula the lexicon knows
    else:
        seg = pre[max(map(pre.rfind, _CLAUSE_ENDS)) + 1 :]
        if not any(c in seg for c in "、和及与"):
            return None
        seg_start = j - len(seg)
        items = [clean(x) for x in split_top(seg, "、")]
        if len(items) == expected - 1:
            last = items[-1]
            cut = max(last.rfind(w) for w in ("和", "及", "与"))
            if cut > 0:
                items[-1:] = [last[:cut], last[cut + 1 :]]
        last = items[-1]
        if not closed and "的" in last:
            with_de = sum("的" in x for x in items[:-1])
            cut = last.rfind("的")
            if with_de * 2 < len(items) - 1 and len(last) - cut - 1 <= 5:
                items[-1] = last[:cut]
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


def _is_cjk(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in s)


def _balanced(s: str) -> bool:
    return all(s.count(o) == s.count(c) for o, c in zip(_OPEN, _CLOSE, strict=True) if o != c)


# --------------------------------------------------------------------------------------------
# def.enum, def.headings, def.harvest.
# --------------------------------------------------------------------------------------------


def definition_enum(ctx: Context, pos: int, expected: int | None) -> list[str] | None:
    """一是…二是…三是… after a formula, before the next numbered heading, as many as it names."""
    if not expected or expected < 2:
        return None
    end = min(ctx.next_marker_line(pos), pos + 3000)
    first = min((i for i in (ctx.text.find("一是", pos, end), ctx.text.find("第一", pos, end)) if i >= 0), default=-1)
    if first < 0 or first - pos > 600:
        return None
    window = ctx.text[pos:end]
    titles: list[str] = []
    for m in _ENUM.finditer(window):
        value = _ENUM_VALUES.get(m.group(1) or m.group(2))
        if value != len(titles) + 1:
            if titles:
                break
            continue
        if not titles and not _introduces(ctx, pos, pos + m.start()):
            return None
        rest = window[m.end() :]
        titles.append(clean(re.split(r"[，,；;。：:\n]", rest, maxsplit=1)[0]))
    return titles if len(titles) == expected and all(titles) else None


def _introduces(ctx: Context, pos: int, enum_start: int) -> bool:
    """Whether a formula ending at ``pos`` introduces an enumeration starting at ``enum_start``.

    It does when nothing but its own sentence stands between (…要做到“三个强化”：一是…), or
    when it stands in a heading's title and the enumeration in that heading's text.
    """
    between = ctx.text[pos:enum_start]
    if "。" not in between.rstrip("。；; \n"):
        return enum_start - pos <= 200
    line_start = ctx.text.rfind("\n", 0, pos) + 1
    in_title = any(mk.start == line_start and "。" not in ctx.text[mk.title_start : pos] for mk in ctx.markers)
    return in_title and enum_start - pos <= 600


def definition_headings(ctx: Context, pos: int, head: str, expected: int | None) -> list[str] | None:
    """The next run of ``expected`` sibling headings whose titles name ``head`` (构建…体系 ×7).

    Only the first run of each family of headings counts, and it must begin within a few
    thousand characters of the formula.
    """
    if not expected or expected < 2 or len(head) < 2:
        return None
    runs: dict[str, list[_Marker]] = {}
    done: set[str] = set()
    for mk in ctx.markers:
        if mk.start <= pos or mk.family in done:
            continue
        run = runs.get(mk.family)
        if run is None and mk.start - pos > 4000:
            if not runs:
                break
            continue
        title = re.split(r"[。；;]", ctx.text[mk.title_start : mk.end], maxsplit=1)[0]
        if head in title and (not run or mk.number == run[-1].number + 1):
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
        s = i
        while s > max(lo, i - 16) and text[s - 1] not in _PHRASE_DELIMS:
            s -= 1
        if s == 0 or text[s - 1] == "\n":
            marker = match_marker(text, s)
            s = marker.end if marker and marker.end <= i else s
        if not ctx.inside_mention(i, end) and end - s > len(head):
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


def definition_harvest(ctx: Context, pos: int, parts: tuple[tuple[int, str], ...]) -> list[str] | None:
    """For each part (value, head), ``value`` phrases in a row after the formula that end in the head."""
    line_end = ctx.text.find("\n", pos)
    next_end = ctx.text.find("\n", line_end + 1) if line_end >= 0 else -1
    hi = min(len(ctx.text) if next_end < 0 else next_end, pos + 600)
    out: list[str] = []
    lo = pos
    for value, raw_head in parts:
        head = raw_head.lstrip(_MEASURES) if len(raw_head) > 1 else raw_head
        if not head or head[0].isdigit():
            return None  # 双一流, 四个三: the parts have no head to look for
        heads = [head] + ([head[:-1]] if len(head) > 1 and head[-1] in _SUFFIX else [])
        if value == 1 and len(head) < 2:
            return None
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
) -> Found | None:
    """Try each strategy over every mention (``spans``) of one formula; the first that fits wins.

    ``digits`` (“1233”) tries def.digits first and nothing but def.colon after it; ``explicit_only``
    (a formula the lexicon knows) tries def.colon and a quoted list right before it only, since a
    list that merely stands near 四个意识 or 一带一路 is far more often something else than a new
    definition of it.
    """
    text = ctx.text
    strategies: list[tuple[str, object]] = []
    if digits:
        strategies.append(("def.digits", lambda a, b: definition_digits(b, digits, mentions)))
    strategies.append(("def.colon", lambda a, b: definition_after(text, b, expected)))
    if explicit_only:
        strategies.append(("def.before", lambda a, b: definition_before(ctx, a, expected, quoted_only=True)))
    if not digits and not explicit_only:
        strategies += [
            ("def.before", lambda a, b: definition_before(ctx, a, expected)),
            ("def.enum", lambda a, b: definition_enum(ctx, b, expected)),
            ("def.headings", lambda a, b: definition_headings(ctx, b, head, expected) if head else None),
            ("def.harvest", lambda a, b: definition_harvest(ctx, b, parts) if parts else None),
        ]
    for rule, strategy in strategies:
        for a, b in spans:
            found = strategy(a, b)
            if found:
                return Found(found, rule)
    return None
