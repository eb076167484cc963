"""Quantitative targets: numbers that state a goal, quota, threshold, share or frequency (SPEC.md: TARGET).

Two steps, as price-parser splits ``Price.fromstring`` into ``extract_price_text`` and ``parse_number``:

* :func:`~policytext.extract.quantities.find_quantities` scans plain text once with one compiled regex and
  parses every quantity expression it finds (``不少于10天``, ``1%至2%``, ``三分之一``, ``××名左右``) into a
  :class:`~policytext.extract.quantities.Quantity` (both importable from here too);
* :func:`extract_targets` keeps the quantities of a :class:`~policytext.types.Document` that are targets,
  reading the context of each: dates, ordinals, formulas (四个意识, “5个1”), counts that name a programme
  (十件民生实事, 八项行动), titles of laws and plans,
  results of past years (工作回顾, 去年…增长7.5%; 同比… outside a plan) are dropped; comparators that govern a whole clause
  (至少每月召开一次), the period (每年, 年底前) and, where the clause makes them plain, the indicator and the
  responsible body are read.

Units, comparator words and period patterns are data: ``lexicons/units.tsv``, ``comparators.tsv``,
``periods.tsv``. :func:`explain` tells why a quantity was or was not kept, for tests and debugging.

Speed: the text is scanned once for quantities (sections that review past work are skipped), and once
each for quotes, titles and level-1 headings; everything else is read around a quantity only, when a rule
first needs it, and kept on a :class:`_Context` for the next quantity: the bounds of its sentence and
clause, the tense of a sentence, its periods. The quantities of a region are all found before any is
judged, and all are judged before any target is read: batches run faster than interleaved work.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from .. import lexicons
from ..numerals import DIGITS, to_int
from ..outline import match_marker
from ..types import Document, Slogan, Target, make_record
from .quantities import (
    Quantity,
    canonical_unit,
    comparators,
    find_quantities,
    match_end,
    not_followed_by,
    parse_match,
    parse_quantity,
    quantity_spans,
    scan_quantities,
    trie_pattern,
    unit_row,
)
from .table_targets import table_targets

if TYPE_CHECKING:  # pandas is imported by targets_by_indicator only
    import pandas as pd

__all__ = ["Quantity", "explain", "extract_targets", "find_quantities", "parse_quantity", "targets_by_indicator"]


# --- the context of a document -----------------------------------------------------------------

# A tab ends both: it separates the cells of a table row (io gives a row as tab-separated cells).
_SENTENCE_END = re.compile(r"[。！？；;!?\n\t]")
_CLAUSE_END = re.compile(r"[。！？；;!?\n\t，,：:]")
_SHORT_QUOTE = re.compile(r"“[^“”\n]{1,16}”|\"[^\"\n]{1,16}\"|「[^「」\n]{1,16}」|‘[^‘’\n]{1,16}’|『[^『』\n]{1,16}』")
_TITLE = re.compile(r"《[^《》\n]{1,100}》|〈[^〈〉\n]{1,60}〉")
# Both in one scan. Every branch opens with a literal, which lets the regex engine skip to those characters
# (a group around the title branches would cost it that); a title is told by its first character.
_QUOTE_OR_TITLE = re.compile(f"{_TITLE.pattern}|{_SHORT_QUOTE.pattern}")
#: Words in front of a number that make it an ordinal or a calendar item: 第三轮, 周五, 初一 (not 每周1次).
_ORDINAL_BEFORE = re.compile(r"(?:第|(?<!每)周|星期|初|礼拜)[ \t]*$")
#: The characters a match of _ORDINAL_BEFORE can end with ("$" also matches before a final newline):
#: the regex is tried only after one of them.
_ORDINAL_LAST = frozenset("第周期初拜 \t\n")
#: Sessions of congresses and plenums: 十二届六次全会, 市十六届人大三次会议.
_SESSION_AFTER = re.compile(r"(?:全会|全委|全体会议|会议|代表大会|党代会)")
#: A Chinese numeral + measure word + two-character abstract head standing alone is a formula:
#: 两个维护, 一条主线, 四个着力. Heads ending in a concrete noun (两个支部, 三个站点) are counts.
_FORMULA_SHAPE = re.compile(r"[\u4e00-\u9fff]{2}(?=[，,。；;、”\"」）)：:\s和与及一二两三四五六七八九十]|$)")
_CONCRETE_HEAD_END = set("点站村所室馆园区校厂场队组库店户家人员部委办院会群处厅")
_FORMULA_UNITS = {"个", "项", "条", "大", "支", "种"}
_SCORE_AFTER = re.compile(r"[扣加减得][0-9０-９一二三四五六七八九十.]+分")
#: Deltas against last year: 比上年增加1000亿元, 较去年下降3%.
_DELTA_BEFORE = re.compile(r"(?:比|较|同比)(?:上年|去年|上一年)?[^，,。；;、\n]{0,8}(?:增加|增长|减少|下降|提高|降低|上升|压减|压缩|多|少)[了]?$")
#: A Chinese count right before a programme noun names the programme (十件民生实事, 八项行动, 十大工程).
_PROGRAMME_UNITS = {"件", "项", "大", "个"}
_PROGRAMME_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:实事|工程|行动|攻坚|战役|计划)")
#: Units after which 一 is no count: 一起 (together), 一批 (a number of: 培育一批龙头企业).
_VAGUE_ONE = {"起", "批"}
#: What may stand between a level and the change of it that follows (4.06万亿元，比上年…).
_DELTA_JOIN = re.compile(r"[，,、（(\s]*")
_IDIOM_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}[一双两][\u4e00-\u9fff]")
_RANK_BEFORE = re.compile(r"[前后][ \t]*$")
_CONDITION_BEFORE = re.compile(r"连续[ \t]*$")
_PHASE_BEFORE = re.compile(r"[港场区线馆站厂园校院电路道心学]$")
_FORMULA_PAIR = re.compile(r"[一二两三四五六七八九十][个项条种大]")
_PHASE_AFTER = re.compile(r"等|工程|项目|扩建|改造|建设|、")
_STATUS = re.compile(r"共有|现有|总数为|总计")
_BASELINE_AFTER = re.compile(r"[^，,。；;\n]{0,8}?基础上")
_FORECAST = re.compile(r"预计|预测|估计")
_EVERY_ONE = re.compile(r"每[ \t]*$")
#: Words that negate a comparator into a condition: 转化率未达到100%的扣3分 (3分 is no "at least").
_NEGATIONS = ("未", "没有", "没")
#: Verbs before a duration that make it the time an action takes: 用一个月时间, 利用两周时间, 花三天时间.
_SPEND_BEFORE = re.compile(r"(?:用|花|经过)[ \t]*$")
#: Period ids (periods.tsv) too loose to make 一个/一次 a count: 今年, 全年, 上半年 (and none).
_NOT_RECURRING = {"", "full_year", "half_year"}

#: Level-1 headings, numbered (二、…) or not (a short line of its own).
_NUMBERED_HEADING = re.compile(r"[ \t　]*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分[ 　]*)")
#: Lines that may be level-1 headings: numbered and short, or short with no punctuation. Searched in
#: "\n" + text: the newline in front lets the regex engine jump from line to line (see _sections).
_HEADING_LINE = re.compile(
    r"(?m)\n(?P<line>[ \t　]*(?:(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)[^\n]{0,58}"
    r"|[^\n。，；,;]{1,32})$)"
)
_PAST_HEADING = re.compile(r"回顾|成就|成绩|成效|过去|一年来|五年来|总结")
_FUTURE_HEADING = re.compile(r"目标|任务|安排|考虑|打算|计划|思路|要求|重点工作|部署|展望|建议|取向|举措")
#: Sentences that report results rather than set goals. Every alternative opens with a literal character
#: (a lookbehind comes after it: 去(?<![比较于]去) is 去 not after 比, 较 or 于), which lets the regex engine
#: skip the other positions of a sentence at once; so [一…0-9]+年来 is spelled out digit by digit.
_PAST_SENTENCE = re.compile(
    r"过去|去(?<![比较于]去)年|上(?<![比较于]上)年(?!度)|上(?<![比较于]上)一年|一年来|以来|这[一二三四五六七八九十两]年|刚才"
    + "".join(f"|{d}[一二三四五六七八九十两0-9]*年来" for d in "一二三四五六七八九十两0123456789")
)
#: A paragraph opening on a span of years (这五年，, 近3年来，, 过去一年): what it reports is past. A
#: year (2025年，) is no span: whether it is past is the plan year's to say (past_sentence).
_PAST_OPENING = re.compile(
    r"[ \t　—]*(?:回顾)?(?:过去|这|近)?(?:[一二三四五六七八九十两]+|[0-9]{1,2})年(?:来|以来|中|间)?[，,]"
    r"|[ \t　—]*(?:过去|去年|一年来|五年来)"
)
#: Words that only rules use: a clause with them sets a norm even when it says 累计 (累计不少于3个月).
_NORMATIVE = re.compile(r"不少于|不低于|不超过|不高于|不多于|至少|最多|控制在|一般|原则上")
#: Weaker signs of a result, read in the number's own clause only (累计达8000处 may be a goal).
_PAST_CLAUSE = re.compile(r"累计|已经|已[建完实达有成经开投形获累]|超额完成|提前完成|了(?<![为除]了)(?![解如却结然])")
_FUTURE_SENTENCE = re.compile(
    r"今年(?!以来)|明年|力争|确保|预期(?!寿命)|拟|争取|计划|目标(?:是|为)|要(?<![主重需纲概只]要)(?![求点素闻])|将(?![军士])"
    r"|到(?:20[0-9]{2}|二〇[〇一二三四五六七八九]{2})年"
)
#: Titles of documents that plan (工作要点, 工作计划, 实施方案): a 同比 in them compares a goal with last year.
_PLAN_TITLE = re.compile(r"要点|计划|方案|安排|打算|实施意见|工作思路")
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2}|19[0-9]{2}|二〇[〇一二三四五六七八九]{2}|一九[〇一二三四五六七八九]{2})年")

_BODY_SUFFIXES = ("党委", "党组", "党工委", "工委", "党支部", "支部", "总支", "委员会", "常委", "政府", "办公室", "公司", "小组",
                  "领导干部", "书记", "中心", "单位", "部门", "局", "委", "办", "部", "厅")
#: Words after a body that make it the doer of a target's clause (市委常委每年…, 各支部要…).
_BODY_DOES = ("每", "要", "应", "须", "必须", "至少", "一般", "负责", "牵头", "年内", "原则上", "在", "对", "按", "将", "于",
              "定期", "统一", "全年", "分别")
_BODY = re.compile(
    r"(?:[（(]?[一二三四五六七八九十0-9]{1,2}[）)、.．]\s*)?"
    rf"(?P<body>(?:各级|各)?[\u4e00-\u9fff（）()、]{{0,12}}?(?:{'|'.join(_BODY_SUFFIXES)}))"
    rf"(?=(?:{'|'.join(_BODY_DOES)}))"
)
#: What every match of _BODY holds: the last character of a suffix before the first of a word after it.
#: Most clauses have none, and a search for it costs a fraction of trying _BODY.
_BODY_HINT = re.compile(
    f"[{''.join(sorted({w[-1] for w in _BODY_SUFFIXES}))}](?=[{''.join(sorted({w[0] for w in _BODY_DOES}))}])"
)
_IND_TRAIL_WORDS = (
    r"(?:均|都|要|应|须|必须|应当|一般|原则上|分别|累计|总数的|的|为|是|占|达|达到|均达到|不低于|不少于|不超过|至少"
    r"|控制在|保持在|稳定在|提高到|提升到|降低到|下降到|增加到|增长到|在|按照|按|以)"
)
# Words trailing an indicator, to the end: W+$ written WW*$, which opens with literals (see _PAST_SENTENCE).
_IND_TRAIL = re.compile(f"{_IND_TRAIL_WORDS}{_IND_TRAIL_WORDS}*$")
_IND_LEAD = re.compile(
    r"^(?:推动|推进|实现|确保|力争|使|让|促进|保持|全面|进一步|努力|争取|其中|并|且|和|及|同时|一般|占|全年|今年|到|在|向|对)+"
)
_MARKER = re.compile(r"^[（(]?[0-9０-９一二三四五六七八九十]{1,3}[)）.．、]")
_ASIDE = re.compile(r"[（(][^（）()]{0,12}[）)]")
_IND_STOP = re.compile(r"[，,。；;、（(：:的\n“”\"]")


@functools.cache
def _period_pattern() -> re.Pattern[str]:
    rows = lexicons.target_periods()
    starts = {ch for row in rows for ch in row["starts"]} | set(" \t　")
    guard = "(?=[" + "".join(sorted(re.escape(c) for c in starts)) + "])"  # skip other positions fast
    return re.compile(guard + "(?:" + "|".join(f"(?P<{row['id']}>{row['pattern']})" for row in rows) + ")")


@functools.cache
def _clause_comparators() -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:
    comps = comparators()
    rows = {w: r for w, r in comps["before"].items() if int(r["reach"] or 0) > 0} | comps["clause"]
    return re.compile(trie_pattern(rows)), rows


def _plan_year(doc: Document) -> int | None:
    """The year a document plans for: Document.year, else the first year in its title or opening."""
    if doc.year:
        return doc.year
    m = _YEAR.search(doc.title or "") or _YEAR.search(doc.text[:300])
    return to_int(m.group(1)) if m else None


_ONES = [b"\x01" * n for n in range(128)]  # the bytes a span of n characters sets (quotes and titles are short)


class _Spans:
    """Spans of a text (sections, quotes, titles, slogans; they may overlap), asked whether they hold a
    position: one byte a character, so that the question costs an index, not a search."""

    def __init__(self, spans: Iterable[tuple[int, int]], size: int, mask: bytearray | None = None):
        """``mask``: start from these positions set (a copy of another _Spans' mask) and add ``spans``."""
        self.mask = mask if mask is not None else bytearray(size + 1)
        for s, e in spans:
            if e > s:
                self.mask[s:e] = _ONES[e - s] if e - s < len(_ONES) else b"\x01" * (e - s)

    def __contains__(self, pos: int) -> bool:
        return self.mask[pos] == 1


class _Context:
    """Everything about a document that judging a quantity needs, each part computed once when first needed."""

    def __init__(self, doc: Document, slogans: Sequence[Slogan] | None):
        text = doc.text
        self.doc = doc
        self.text = text
        self.quotes: list[tuple[int, int]] = []
        self.titles: list[tuple[int, int]] = []
        for m in _QUOTE_OR_TITLE.finditer(text):
            (self.titles if text[m.start()] in "《〈" else self.quotes).append(m.span())
        n = len(text)
        self.quoted = _Spans(self.quotes, n)
        self._reversed: str | None = None  # the text backwards, made when first needed (see _between)
        # The last sentence and clause asked for (every position from the start of one to its end character
        # lies in it, and the quantities of a sentence are judged one after another), and those of each
        # position asked for (the targets are read after all are judged).
        self._sentence = self._clause = (-1, -2)
        self._sentences: dict[int, tuple[int, int]] = {}
        self._clauses: dict[int, tuple[int, int]] = {}
        self._periods: dict[int, list[tuple[int, int, str, str]]] = {}
        sl = list(doc.slogans if slogans is None else slogans)
        self.slogan_spans = [(s.start, s.end) for s in sl]
        self.slogan_texts: dict[str, list[str]] = {}  # by first character: a number is checked against a few
        for t in {s.text for s in sl if s.text}:
            self.slogan_texts.setdefault(t[0], []).append(t)
        self.plan_year = _plan_year(doc)
        self.plan_doc = bool(_PLAN_TITLE.search(doc.title or "") or _PLAN_TITLE.search(text, 0, 200))
        self.past_sections, future = self._sections()
        self.past, self.future = _Spans(self.past_sections, n), _Spans(future, n)
        self.formula_keys: set[str] = set()
        self._clause_comparators: dict[int, str] = {}
        self._tenses: dict[int, str] = {}
        self.bodies: dict[tuple[int, int], str] = {}  # body found at a clause or sentence start
        self.last_target: Quantity | None = None  # the latest quantity kept, for 比上年增加… after it
        # Set when only quantities outside past sections, titles, quotes and slogans are judged (_judge
        # passes over the others unparsed): the tests of those places are then known to fail.
        self.screened = False

    @functools.cached_property
    def titled(self) -> _Spans:
        return _Spans(self.titles, len(self.text))

    @functools.cached_property
    def slogans(self) -> _Spans:
        return _Spans(self.slogan_spans, len(self.text))

    def not_targets(self) -> bytearray:
        """A byte per character, set where no quantity can be a target whatever else holds: inside titles,
        short quotes and slogans (:func:`_reject_reason` says why)."""
        return _Spans(itertools.chain(self.titles, self.slogan_spans), len(self.text), bytearray(self.quoted.mask)).mask

    # sentences and clauses ---------------------------------------------------------------------
    def sentence(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence around ``pos``."""
        span = self._sentence
        if not span[0] <= pos <= span[1]:
            span = self._sentences.get(pos)
            if span is None:
                span = self._sentences[pos] = self._between(_SENTENCE_END, pos)
            self._sentence = span
        return span

    def clause(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the clause around ``pos``."""
        span = self._clause
        if not span[0] <= pos <= span[1]:
            span = self._clauses.get(pos)
            if span is None:
                span = self._clauses[pos] = self._between(_CLAUSE_END, pos)
            self._clause = span
        return span

    def _between(self, end_char: re.Pattern[str], pos: int) -> tuple[int, int]:
        """From after the end character before ``pos`` (or the text's start) to the next (or the text's end).

        The end character before ``pos`` is the next one in the reversed text: regexes only search forward.
        """
        text, n = self.text, len(self.text)
        if self._reversed is None:
            self._reversed = text[::-1]
        before = end_char.search(self._reversed, n - pos)
        after = end_char.search(text, pos)
        return n - before.start() if before else 0, after.start() if after else n

    # sections -----------------------------------------------------------------------------------
    def _sections(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Spans of level-1 sections that review past work (2023年工作回顾, “十四五”时期发展成就) and
        of those that plan (2024年政府工作任务); a mixed or neutral heading opens neither."""
        spans: dict[str, list[tuple[int, int]]] = {"past": [], "future": []}
        state, opened = "", 0
        for m in _HEADING_LINE.finditer("\n" + self.text):
            start, line = m.start(), m.group("line")  # m.start() is the line's offset in self.text
            stripped = line.strip(" \t　")
            numbered = _NUMBERED_HEADING.match(line)
            if numbered and "。" not in stripped[:-1]:
                title = line[numbered.end():]
            elif len(stripped) <= 32 and not numbered and (
                _PAST_HEADING.search(stripped) or _FUTURE_HEADING.search(stripped)
            ) and not match_marker(stripped):
                title = stripped
            else:
                continue
            past, future = bool(_PAST_HEADING.search(title)), bool(_FUTURE_HEADING.search(title))
            years = [to_int(y) or 0 for y in _YEAR.findall(title)]
            if self.plan_year and years and not past and not future:
                past, future = max(years) < self.plan_year, max(years) >= self.plan_year
            new = "past" if past and not future else "future" if future and not past else ""
            if state:
                spans[state].append((opened, start))
            state, opened = new, start
        if state:
            spans[state].append((opened, len(self.text)))
        return spans["past"], spans["future"]

    def _sentence_tense(self, s: int, e: int) -> str:
        """"future" when the sentence sets a goal, "past" when it plainly reports one, else ""."""
        tense = self._tenses.get(s)
        if tense is None:
            text = self.text
            if _FUTURE_SENTENCE.search(text, s, e):
                tense = "future"
            elif _PAST_SENTENCE.search(text, s, e) or _PAST_OPENING.match(text, text.rfind("\n", 0, s + 1) + 1):
                tense = "past"  # also a paragraph that opens with 这五年, 过去一年, 一年来
            else:
                tense = ""
            self._tenses[s] = tense
        return tense

    def past_sentence(self, pos: int, bounded: bool = False) -> bool:
        """The sentence reports a result (去年…增长7.5%, 已建成…) and sets no goal. A change that a
        comparator bounds (同比下降20%以上) is a goal: results are stated plainly."""
        s, e = self.sentence(pos)
        tense = self._sentence_tense(s, e)
        if tense:
            return tense == "past"
        cs, ce = self.clause(pos)
        if (
            pos not in self.future
            and (
                _PAST_CLAUSE.search(self.text, cs, ce)
                or (not self.plan_doc and not bounded and self.text.find("同比", cs, ce) >= 0)
            )
            and not _NORMATIVE.search(self.text, cs, ce)
        ):
            return True  # 同比增长8% reports a result, unless the document plans (工作计划: 同比下降10% is a goal)
        if self.plan_year:
            text = self.text
            m = _YEAR.match(text[s:e].lstrip(" \t　—"))
            if not m:
                # a sentence of a paragraph that opens on a year (2026年，…；新增…36处；…。): the year is
                # its own until the paragraph's first 。
                line = text.rfind("\n", 0, s + 1) + 1
                if line < s and text.find("。", line, s) < 0:
                    m = _YEAR.match(text[line:e].lstrip(" \t　—"))
            if m and (to_int(m.group(1)) or 0) < self.plan_year:
                return True
        return False

    # slots ----------------------------------------------------------------------------------------
    def periods_in(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """Period expressions of the sentence at ``start``, found once per sentence when first needed."""
        found = self._periods.get(start)
        if found is None:
            found = [(m.start(), m.end(), m.group(0), m.lastgroup or "") for m in _period_pattern().finditer(self.text, start, end)]
            self._periods[start] = found
        return found

    def period(self, q: Quantity) -> tuple[str, str]:
        """The nearest period before the number in its sentence, or a 1次/年 right after: (text, id)."""
        s, e = self.sentence(q.number_start)
        best = ("", "")
        for _, pe, ptext, pid in self.periods_in(s, e):
            if pe <= q.number_start:
                best = (ptext.strip(" \t　"), pid)
        if best[0]:
            return best
        m = _period_pattern().match(self.text, q.unit_end)
        if m and m.group(0).startswith("/"):
            return m.group(0), m.lastgroup or ""
        return "", ""

    def clause_comparator(self, q: Quantity) -> str:
        """A comparator word earlier in the clause that governs the number (至少每月召开一次)."""
        found = self._clause_comparators.get(q.start)
        if found is None:
            found = self._clause_comparators[q.start] = self._clause_comparator(q)
        return found

    def _clause_comparator(self, q: Quantity) -> str:
        cs, _ = self.clause(q.number_start)
        head = self.text[cs:q.start]
        pattern, rows = _clause_comparators()
        best = ""
        for m in pattern.finditer(head):
            if len(head) - m.end() <= int(rows[m.group(0)]["reach"]) and not head.endswith(_NEGATIONS, 0, m.start()):
                best = rows[m.group(0)]["comparator"]
        return best


# --- judging a quantity ----------------------------------------------------------------------------


def _ordinal_at(text: str, ns: int) -> bool:
    """A word before the number makes it an ordinal or a calendar item (第三轮, 周五)."""
    return text[ns - 1 : ns] in _ORDINAL_LAST and bool(_ORDINAL_BEFORE.search(text, max(0, ns - 3), ns))


def _plainly_not_a_target(m: re.Match[str], rate: re.Match[str] | None, text: str) -> bool:
    """What :func:`_reject_reason` would say of a scanner match that the match itself tells, before it is
    parsed: an ordinal (第三轮) or a year (2024年) is no target whatever else holds. (explain() parses
    them all, to say why.)"""
    if _ordinal_at(text, m.start()):
        return True
    return rate is None and m.end("n1") - m.start() == 4 and m.group("unit") == "年"  # (-1 when no n1)


def _reject_reason(q: Quantity, ctx: _Context) -> str:
    """Why a quantity is not a target ("" when it is one)."""
    text = ctx.text
    ns, unit, numeral = q.number_start, q.unit, q.numeral  # (locals: read again and again)
    requires = unit_row(unit).get("requires", "")
    before = text[max(0, ns - 12):ns]
    after = text[q.unit_end:q.unit_end + 12]
    chinese = numeral[:1] in DIGITS or numeral[:1] == "十"
    screened = ctx.screened
    if not screened and ns in ctx.past:
        return "past_section"
    if not screened and ns in ctx.titled:
        return "title"
    if requires == "never" and not (unit == "岁" and "寿命" in before[-6:]):  # 人均预期寿命达到80.5岁: a goal
        return "age_or_anniversary"
    if _ordinal_at(text, ns):
        return "ordinal"
    if unit == "次" and (before.endswith("届") or ("届" in before[-8:] and _SESSION_AFTER.match(after))):
        return "session"  # 十二届六次全会, 市十六届人大三次会议
    if numeral == "二" and q.kind in ("count", "frequency"):
        return "ordinal"  # 二轮延包, 二道河, 二次开发: a count would say 两
    if unit in ("位", "名") and _RANK_BEFORE.search(before):
        return "ranking"  # 跻身全球城市前五位
    if chinese and unit == "期" and (_PHASE_BEFORE.search(before) or _PHASE_AFTER.match(after)):
        return "phase"  # 白龙港三期, 西湖大学三期等, 核电三期项目: names of project phases
    if chinese and unit == "元" and len(numeral) == 1 and not q.comparator:
        return "name"  # 三元 (a company), not 3 yuan
    if "连续" in before and _CONDITION_BEFORE.search(before):  # (a test of a word first: much cheaper)
        return "condition"  # 连续两次评估较差的: a trigger, not a goal
    if unit == "年":
        v = q.value or 0
        if 1900 <= v <= 2100 or (q.value_max and 1900 <= q.value_max <= 2100) or len(numeral) == 4:
            return "date"
    if chinese and q.form == "number" and all(ch in DIGITS for ch in numeral) and len(numeral) > 1:
        return "not_a_count"  # 七一, 五一, 一二: positional digits outside dates
    nfb = not_followed_by(unit)
    if nfb and q.end == q.unit_end and nfb.match(after) and not (after[:1] == "的" and q.start < ns):
        return "part_of_word"  # (不低于10年的使用权: a word before the number makes it a span, 的 no matter)
    # formulas and slogans
    if not screened and ns in ctx.slogans:
        return "slogan"
    for s in ctx.slogan_texts.get(text[ns], ()):
        if text.startswith(s, ns):
            return "slogan"
    if not screened and ns in ctx.quoted:
        return "quoted_formula"
    if _formula_key(q, text) in ctx.formula_keys:
        return "quoted_formula"
    every = "每" in before and bool(_EVERY_ONE.search(before))
    if chinese and unit in _FORMULA_UNITS and not every:
        m = _FORMULA_SHAPE.match(text, q.unit_end)
        paired = bool(m) and _FORMULA_PAIR.match(text, m.end())
        if m and q.end == q.unit_end and (paired or m.group(0)[-1] not in _CONCRETE_HEAD_END) and not q.comparator:
            return "formula"  # 两个维护, 一条主线; 两个市场两种资源
    # comparator-dependent rules
    cs, ce = ctx.clause(ns)
    comparator = q.comparator or ctx.clause_comparator(q)
    if requires == "comparator" and (not comparator or q.form == "approx_range"):
        return "year_count"  # 三年行动, 三五年: spans of years are not targets unless bounded
    if q.kind == "duration" and not comparator and text.startswith("时间", q.end) and _SPEND_BEFORE.search(before):
        return "time_frame"  # 用一个月时间集中开展…: how long an action takes, not a level to reach
    if chinese and q.value and q.value >= 2 and q.value == _enumerated(text, cs, ns):
        return "apposition"  # 稳增长、防风险、保民生三项…: counts the phrases just listed
    if numeral == "一" and (_IDIOM_AFTER.match(text, q.unit_end) or (unit in _VAGUE_ONE and not q.comparator)):
        return "idiom"  # 一人一档, 一村一品, 一名党员一面旗帜; 一起 (together), 培育一批 (a number of)
    if chinese and unit in _PROGRAMME_UNITS and q.end == q.unit_end and not comparator and _PROGRAMME_AFTER.match(
        text, q.unit_end
    ):
        return "programme_name"  # 办好十件民生实事, 实施十大工程, 八项行动: the count names the programme
    if every:
        # 每一个基层党组织 is "every"; 每两个月, 每100名党员 are a period or the base of a rate
        return "every_one" if numeral == "一" else "rate_base"
    if requires == "context" and numeral == "一" and not comparator:
        if ctx.period(q)[1] in _NOT_RECURRING and "每" not in text[cs:ns]:
            return "article_one"  # 一个地方, 进行一次全面排查
    if unit != "分" and _SCORE_AFTER.search(text, q.end, ce):
        return "scoring_condition"  # 每发现一次扣1分
    prev = ctx.last_target
    if (
        prev is not None
        and ("比" in before or "较" in before)
        and ns - prev.end <= 30
        and (delta := _DELTA_BEFORE.search(before))
        and _DELTA_JOIN.fullmatch(text, prev.end, ns - len(before) + delta.start())
    ):
        # 赤字规模4.06万亿元，比上年增加1800亿元: the change of the level just named, not a goal of its own
        # (比上年减少15%以上 alone, or 审核率100%，纠错率同比下降5% with a new subject, is a goal)
        return "delta"
    if _STATUS.search(text, cs, ns):
        return "status"  # 全县共有党员1236名: a state of affairs, not a goal
    if _BASELINE_AFTER.match(text, q.end) and text.find("在", cs, ns) >= 0:
        return "baseline"  # 在去年新增3.8万户的基础上: the level a goal starts from
    if _FORECAST.search(text, ctx.sentence(ns)[0], ns):
        return "forecast"  # 预计今年高校毕业生超过1170万人: a forecast, not a goal
    if ctx.past_sentence(ns, bounded=comparator in (">=", "<=")):
        return "past_sentence"
    return ""


_ENUM_SEP = re.compile(r"[、和及与]|”“|」「")
_STARTS_WITH_NUMBER = re.compile(r"[0-9０-９×X]")
_WORD_BREAK = re.compile(r"[、\s]")


def _ends_with_word(head: str) -> bool:
    """Whether ``head`` ends (before a final newline, as ``$`` reads) with a Chinese character or a closing
    quote: a str test, as a regex with the class [\\u4e00-\\u9fff] costs a millisecond to compile."""
    last = head[-2:-1] if head.endswith("\n") else head[-1:]
    return bool(last) and ("\u4e00" <= last <= "\u9fff" or last in "”」")


def _enumerated(text: str, start: int, end: int) -> int:
    """How many items the clause lists right before a number (产业、科技、服务业三支 → 3); 0 if none."""
    head = text[start:end]
    if not _ends_with_word(head):
        return 0
    n = len(_ENUM_SEP.findall(head))
    return n + 1 if n else 0


def _indicator(q: Quantity, ctx: _Context) -> str:
    """What is counted: the noun phrase after a count (2次组织生活会), else the subject before (覆盖率达到)."""
    text = ctx.text
    cs, ce = ctx.clause(q.number_start)

    def after_phrase() -> str:
        tail = text[q.end:ce].lstrip("的 \t")
        m = _IND_STOP.search(tail)
        tail = tail[: m.start()] if m else tail
        return tail[:16] if not _STARTS_WITH_NUMBER.match(tail) else ""

    def before_phrase() -> str:
        start = cs
        for _, pe, _, _ in ctx.periods_in(*ctx.sentence(q.number_start)):
            if cs <= pe <= q.start:
                start = pe  # what follows the last period word (每年谈心谈话 → 谈心谈话)
        head = _ASIDE.sub("", text[start:q.start])
        pattern, _ = _clause_comparators()
        parts = pattern.split(head)
        head = parts[-1] if parts[-1].strip() else (parts[-2] if len(parts) > 1 else "")
        head = _MARKER.sub("", _WORD_BREAK.split(head)[-1])
        head = _IND_TRAIL.sub("", head)
        head = _IND_LEAD.sub("", head)
        if len(head) > 6:  # 县委常委到联系点调研 → 联系点调研: what is done, not who goes where
            cut = max(map(head.rfind, "到在向对为给与和"))
            if 0 <= cut < len(head) - 2:
                head = head[cut + 1:]
        return head[-16:] if len(head) >= 2 else ""

    if q.kind in ("count", "frequency", "measure"):
        return after_phrase() or before_phrase()
    return before_phrase() or after_phrase()


def _body(q: Quantity, ctx: _Context) -> str:
    """The body a clause or sentence opens with, when it is made responsible (市委常委每年…)."""
    for s, _ in (ctx.clause(q.number_start), ctx.sentence(q.number_start)):
        key = (s, min(q.start, s + 24))
        found = ctx.bodies.get(key)
        if found is None:
            m = _BODY.match(ctx.text, *key) if _BODY_HINT.search(ctx.text, *key) else None
            found = ctx.bodies[key] = m.group("body") if m else ""
        if found:
            return found
    return ""


def _judge(
    doc: Document, slogans: Sequence[Slogan] | None, *, targets_only: bool = False
) -> Iterator[tuple[Quantity, str, _Context]]:
    """Every quantity of the document with the reason it is not a target ("" when it is one).

    With ``targets_only`` the quantities that cannot be targets whatever their words are not even
    parsed: the sections that review past work are not scanned (they hold no targets, and in a
    government work report they hold most of the numbers), and titles, quotes and slogans are passed
    over (see :meth:`_Context.not_targets`). The targets are the same.
    """
    ctx = _Context(doc, slogans)
    text = ctx.text
    regions = [(0, len(text))]
    skip = None
    if targets_only:
        skip = ctx.not_targets()
        ctx.screened = True
        regions, pos = [], 0
        for s, e in ctx.past_sections:
            regions.append((pos, s))
            pos = e
        regions.append((pos, len(text)))
    # All quantities first, then the judging: alternating regex scans with the judging of each quantity
    # is ~10% slower (the CPU caches keep less of either).
    matches = [found for s, e in regions for found in scan_quantities(text, s, e)]
    # A formula quoted anywhere (“3个层级”) is a formula at every mention, before the quote too.
    skipped = [(s, e) for s, e in ctx.quotes if s in ctx.past] if targets_only and ctx.past_sections else []
    ctx.formula_keys = _formula_keys(ctx, matches, skipped)
    for m, rate in matches:
        if skip is not None and (skip[m.start()] or _plainly_not_a_target(m, rate, text)):
            continue
        q = parse_match(m, text, rate)
        if q is None:
            continue
        reason = _reject_reason(q, ctx)
        if not reason:
            ctx.last_target = q
        yield q, reason, ctx


def _formula_key(q: Quantity, text: str) -> str:
    """The numeral, the unit and two characters of head: how a quoted formula is recognised unquoted."""
    return text[q.number_start:q.unit_end + 2]


def _formula_keys(
    ctx: _Context, matches: list[tuple[re.Match[str], re.Match[str] | None]], skipped: list[tuple[int, int]]
) -> set[str]:
    """The formula keys of the quotes of a text: those of the scanner ``matches`` that start inside a
    quote (no match crosses a quotation mark, so these are the matches of each quote scanned alone),
    and those of the ``skipped`` quotes the matches do not cover, scanned apart."""
    text, quoted = ctx.text, ctx.quoted.mask
    keys = {text[m.start():match_end(m, rate) + 2] for m, rate in matches if quoted[m.start()]}
    return keys | _quoted_formula_keys(text, skipped) if skipped else keys


def _quoted_formula_keys(text: str, quotes: list[tuple[int, int]]) -> set[str]:
    """The formula keys of the quantities inside ``quotes``, found in one scan of the quotes put end to end.

    No quantity runs across a quotation mark, so scanning the quotes joined finds what scanning each
    quote finds, with one regex call instead of one per quote. Offsets are mapped back to the text (a key
    may run past its quote).
    """
    joined = "".join(text[s:e] for s, e in quotes)
    starts = list(itertools.accumulate((e - s for s, e in quotes), initial=0))  # of each quote in joined
    keys = set()
    for number_start, unit_end in quantity_spans(joined):
        i = bisect.bisect_right(starts, number_start) - 1
        shift = quotes[i][0] - starts[i]
        keys.add(text[number_start + shift:unit_end + shift + 2])
    return keys


def extract_targets(doc: Document, *, slogans: Sequence[Slogan] | None = None) -> Iterator[Target]:
    """Yield the quantitative targets of a document in text order.

    Args:
        doc: a processed document; its ``slogans`` (filled by the pipeline before targets run) mark
            numerals that belong to formulas. Its ``items`` give each target's path.
        slogans: slogans to use instead of ``doc.slogans``.

    Yields:
        Target records with value, unit, comparator, period, placeholder, indicator, body, offsets and
        the id of the rule that fired (``targets.<form>``, ``+clause`` when the comparator governed
        from earlier in the clause).

    Example:
        >>> from policytext.types import Document
        >>> d = Document(doc="x", path="", format="text", text="县委常委每年到联系点开展工作不少于15天。")
        >>> [(t.text, t.value, t.unit, t.comparator, t.period, t.body) for t in extract_targets(d)]
        [('不少于15天', 15.0, '天', '>=', '每年', '县委常委')]
    """
    kept = [(q, ctx) for q, reason, ctx in _judge(doc, slogans, targets_only=True) if not reason]
    found = []
    for q, ctx in kept:  # judged first, then read: both run faster in a batch of their own
        comparator, rule = q.comparator, f"targets.{q.form}"
        if not comparator:
            comparator = ctx.clause_comparator(q)
            if comparator:
                rule += "+clause"
        found.append(make_record(Target, dict(
            doc=doc.doc, text=q.text, value=q.value, value_max=q.value_max, unit=canonical_unit(q.unit),
            comparator=comparator or "=", period=ctx.period(q)[0], placeholder=q.placeholder,
            path=doc.path_at(q.start), start=q.start, end=q.end, indicator=_indicator(q, ctx),
            body=_body(q, ctx), rule=rule,
        )))
    # bare numbers in indicator tables (指标 | 2025年 | 2026年), which the scanner passes by
    table = list(table_targets(doc))
    yield from sorted(found + table, key=lambda t: t.start) if table else found


def explain(doc: Document | str, *, slogans: Sequence[Slogan] | None = None) -> list[tuple[str, str]]:
    """Each quantity of a document or text with the reason it is not a target ("" when it is one).

    >>> explain("第三轮巡察，每年开展2次")
    [('三轮', 'ordinal'), ('2次', '')]
    >>> explain("增强“四个意识”")
    [('四个', 'quoted_formula')]
    """
    if isinstance(doc, str):
        doc = Document(doc="", path="", format="text", text=doc)
    return [(q.text, reason) for q, reason, _ in _judge(doc, slogans)]


def targets_by_indicator(docs: Iterable[Document]) -> pd.DataFrame:
    """Targets of many documents side by side: one row per (indicator, unit), one column per document.

    A cell holds the document's value (the largest when it states several); targets with no indicator
    are left out. Compare ``policytext targets`` for the long form.
    """
    import pandas as pd

    rows = [
        {"indicator": t.indicator, "unit": t.unit, "doc": d.doc, "value": t.value}
        for d in docs
        for t in d.targets
        if t.indicator and t.value is not None
    ]
    if not rows:
        return pd.DataFrame(columns=["indicator", "unit"]).set_index(["indicator", "unit"])
    df = pd.DataFrame(rows)
    return df.pivot_table(index=["indicator", "unit"], columns="doc", values="value", aggfunc="max")
