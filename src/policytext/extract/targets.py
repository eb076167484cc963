"""Quantitative targets: numbers that state a goal, quota, threshold, share or frequency (SPEC.md: TARGET).

Two steps, as price-parser splits ``Price.fromstring`` into ``extract_price_text`` and ``parse_number``:

* :func:`find_quantities` scans plain text once with one compiled regex and parses every quantity
  expression it finds (``不少于10天``, ``1%至2%``, ``三分之一``, ``××名左右``) into a :class:`Quantity`;
* :func:`extract_targets` keeps the quantities of a :class:`~policytext.types.Document` that are targets,
  reading the context of each: dates, ordinals, formulas (四个意识, “5个1”), titles of laws and plans,
  results of past years (工作回顾, 去年…增长7.5%) are dropped; comparators that govern a whole clause
  (至少每月召开一次), the period (每年, 年底前) and, where the clause makes them plain, the indicator and the
  responsible body are read.

Units, comparator words and period patterns are data: ``lexicons/units.tsv``, ``comparators.tsv``,
``periods.tsv``. :func:`explain` tells why a quantity was or was not kept, for tests and debugging.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import lexicons
from ..numerals import ARABIC_NUMBER, CHINESE_NUMBER, DIGITS, chinese_range, parse_number, to_int
from ..types import Document, Slogan, Target

if TYPE_CHECKING:  # pandas is imported by targets_by_indicator only
    import pandas as pd

__all__ = ["Quantity", "explain", "extract_targets", "find_quantities", "parse_quantity", "targets_by_indicator"]


@dataclass(frozen=True)
class Quantity:
    """A quantity expression as written, parsed, before its context is judged.

    Attributes:
        text: the expression, adjacent comparator words included: ``不少于10天``, ``×户（左右）``.
        value: the number (a fraction as a percentage); None for a placeholder.
        value_max: the upper bound of a range, else None.
        unit: the unit as written (``%`` for fractions and 百分之…).
        comparator: from the adjacent words only: ``>=``, ``<=``, ``~``, ``range`` or ``""`` when none.
        placeholder: the number is redacted (××, X).
        start, end: offsets of ``text``.
        number_start: offset of the number itself (after any comparator word).
        unit_end: offset just after the unit (before any trailing comparator word).
        numeral: the number as written (``一``, ``10``, ``××``).
        kind: the unit's kind from units.tsv (count, frequency, duration, money, percent, points, measure).
        form: which pattern matched: number, range, approx_range, percent, fraction, per_mille, placeholder.
    """

    text: str
    value: float | None
    value_max: float | None
    unit: str
    comparator: str
    placeholder: bool
    start: int
    end: int
    number_start: int
    unit_end: int
    numeral: str
    kind: str
    form: str


# --- the scanner -------------------------------------------------------------------------------

#: Placeholder numbers in redacted documents: ××名, X个, XX万元. Not after a Latin letter (APPX).
_PLACEHOLDER = r"(?<![A-Za-zＡ-Ｚａ-ｚ×╳])[×XＸ╳]{1,3}"
#: Range separators: 1%至2%, 3—5个, 10-15天, 3到5个, 三至五年.
_SEP = r"(?:至|到|~|～|-|－|——|—|–)"
#: A number may not continue an Arabic number, a word in Latin letters (C919, 5G) or a Chinese numeral.
_ARABIC = f"(?<![0-9０-９.．A-Za-zＡ-Ｚａ-ｚ])(?:{ARABIC_NUMBER})"
_CHINESE = f"(?<![〇零一二两三四五六七八九十百千万亿])(?:{CHINESE_NUMBER})"
_NUM = f"(?:{_ARABIC}|{_CHINESE})"
_MAGNITUDES = ("万亿", "亿", "万")


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def _units() -> dict[str, dict[str, str]]:
    """Every unit string the scanner accepts (magnitude prefixes spelled out) → its units.tsv row."""
    out: dict[str, dict[str, str]] = {}
    for row in lexicons.target_units():
        out.setdefault(row["unit"], row)
        if row["magnitude"] == "yes":
            for m in _MAGNITUDES:
                out.setdefault(m + row["unit"], row)
    return out


@functools.cache
def _not_followed_by() -> dict[str, re.Pattern[str]]:
    """The compiled not_followed_by patterns of units.tsv, by unit string."""
    return {u: re.compile(row["not_followed_by"]) for u, row in _units().items() if row["not_followed_by"]}


@functools.cache
def _comparators() -> dict[str, dict[str, dict[str, str]]]:
    """comparators.tsv by position: {"before": {word: row}, "after": …, "middle": …, "clause": …}."""
    out: dict[str, dict[str, dict[str, str]]] = {"before": {}, "after": {}, "middle": {}, "clause": {}}
    for row in lexicons.target_comparators():
        out[row["position"]][row["word"]] = row
    return out


@functools.cache
def _scanner() -> re.Pattern[str]:
    """The one regex that finds every quantity expression; built once from the lexicons."""
    comps = _comparators()
    unit = _alternation(_units())
    after = _alternation(comps["after"])
    middle = _alternation(comps["middle"])
    # Every match starts with a digit, a numeral, a placeholder or 百分之/千分之; the lookahead lets the
    # regex engine skip every other position at once (several times faster than trying each branch).
    # Comparator words in front are read afterwards, in a short window (see _pre and _quantity).
    guard = "(?=[0-9０-９一二两三四五六七八九十×XＸ╳百千])"
    return re.compile(
        guard + r"(?:"
        rf"(?P<frac>{_NUM}分之{_NUM})"
        rf"|(?P<pct>百分之{_NUM}(?:{_SEP}(?:百分之)?{_NUM})?)"
        rf"|(?P<pm>千分之{_NUM})"
        rf"|(?P<ph>{_PLACEHOLDER})(?P<phmid>{middle})?[ \t]?(?P<phunit>{unit})"
        rf"|(?P<n1>{_NUM})(?:(?P<u1>{unit})?(?P<sep>{_SEP})(?P<n2>{_NUM}))?(?P<mid>{middle})?[ \t]?(?P<unit>{unit})"
        r")"
        r"(?P<per>/[万亿百千]?[\u4e00-\u9fff]{1,2}(?=[^\u4e00-\u9fff]|以|左|及))?"
        rf"(?P<post>{after}|[（(](?:{after})[)）])?"
    )


@functools.cache
def _pre() -> tuple[re.Pattern[str], int]:
    """A comparator word right in front of a number (不少于10天), searched in a short window before it."""
    words = _comparators()["before"]
    return re.compile(f"(?:{_alternation(words)})[ \t]?$"), max(map(len, words)) + 1


def _comparator_of(word: str | None, position: str) -> str:
    if not word:
        return ""
    row = _comparators()[position].get(word.strip("（()）"))
    return row["comparator"] if row else ""


def _quantity(m: re.Match[str], text: str) -> Quantity | None:
    """Parse one scanner match; None when the number does not parse."""
    g = m.groupdict()
    post = g["post"]
    start, end = m.start(), m.end()
    pre_pattern, width = _pre()
    pm = pre_pattern.search(text, max(0, start - width), start)
    pre = pm.group(0).rstrip(" \t") if pm else None
    if pm:
        start = pm.start()
    value: float | None
    value_max: float | None = None
    placeholder = False
    comparator = ""
    if g["frac"]:
        numeral, unit, form = g["frac"], "%", "fraction"
        value = parse_number(numeral)
        number_start, unit_end = m.start("frac"), m.end("frac")
    elif g["pct"]:
        numeral, unit, form = g["pct"], "%", "percent"
        parts = re.split(_SEP + "(?:百分之)?", numeral[3:], maxsplit=1)
        value = parse_number(parts[0])
        if len(parts) == 2:
            value_max, form = parse_number(parts[1]), "range"
        number_start, unit_end = m.start("pct"), m.end("pct")
    elif g["pm"]:
        numeral, unit, form = g["pm"], "‰", "per_mille"
        value = parse_number(numeral)
        number_start, unit_end = m.start("pm"), m.end("pm")
    elif g["ph"]:
        numeral, unit, form = g["ph"], g["phunit"], "placeholder"
        value, placeholder = None, True
        number_start, unit_end = m.start("ph"), m.end("phunit")
        comparator = _comparator_of(g["phmid"], "middle")
    else:
        numeral, unit = g["n1"], g["unit"]
        number_start, unit_end = m.start("n1"), m.end("unit")
        if g["u1"] and _canonical_unit(g["u1"]) != _canonical_unit(unit):
            return None  # 3个至5人: not one range
        value, form = parse_number(numeral), "number"
        pair = chinese_range(numeral)
        if pair:
            value, value_max, form = float(pair[0]), float(pair[1]), "approx_range"
        if g["n2"]:
            value_max, form = parse_number(g["n2"]), "range"
        comparator = _comparator_of(g["mid"], "middle")
    if value is None and not placeholder:
        return None
    if value_max is not None:
        comparator = "range"
    # 控制在5%左右 is about 5%: a word after the unit says more than one before it.
    comparator = _comparator_of(post, "after") or _comparator_of(pre, "before") or comparator
    row = _units().get(unit)
    if g["per"] and g["per"][1:] not in _TIME_WORDS:
        unit, unit_end = unit + g["per"], m.end("per")  # 58万元/人, 0.6人/百亿元
    kind = row["kind"] if row else "percent"
    return Quantity(
        text=text[start:end], value=value, value_max=value_max, unit=unit, comparator=comparator,
        placeholder=placeholder, start=start, end=end, number_start=number_start, unit_end=unit_end,
        numeral=numeral, kind=kind, form=form,
    )


_TIME_WORDS = {"年", "季度", "季", "月", "周", "天", "日", "学期"}


def _canonical_unit(unit: str) -> str:
    return {"％": "%"}.get(unit, unit)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> Iterator[Quantity]:
    """Every quantity expression of a text, parsed, with no judgement of its context.

    Args:
        text: plain text.
        start, end: scan only this part of it (offsets stay those of ``text``).

    Yields:
        Quantity records in text order.

    Example:
        >>> [(q.text, q.value, q.unit, q.comparator) for q in find_quantities("每年不少于10天，占比1%至2%")]
        [('不少于10天', 10.0, '天', '>='), ('1%至2%', 1.0, '%', 'range')]
    """
    for m in _scanner().finditer(text, start, len(text) if end is None else end):
        q = _quantity(m, text)
        if q is not None:
            yield q


def parse_quantity(text: str) -> Quantity | None:
    """Parse one quantity expression (the whole string); None when it is not one.

    >>> q = parse_quantity("不少于三分之一"); (q.value // 1, q.unit, q.comparator)
    (33.0, '%', '>=')
    >>> parse_quantity("××名左右").placeholder, parse_quantity("二〇二〇年") is None
    (True, False)
    """
    text = text.strip()
    for q in find_quantities(text):
        return q if (q.start, q.end) == (0, len(text)) else None
    return None


# --- the context of a document -----------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？；;!?\n]")
_CLAUSE_END = re.compile(r"[。！？；;!?\n，,：:]")
_SHORT_QUOTE = re.compile(r"“[^“”\n]{1,16}”|\"[^\"\n]{1,16}\"|「[^「」\n]{1,16}」|‘[^‘’\n]{1,16}’|『[^『』\n]{1,16}』")
_TITLE = re.compile(r"《[^《》\n]{1,100}》|〈[^〈〉\n]{1,60}〉")
#: Words in front of a number that make it an ordinal or a calendar item: 第三轮, 周五, 初一.
_ORDINAL_BEFORE = re.compile(r"(?:第|周|星期|初|礼拜)[ \t]*$")
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
_IDIOM_AFTER = re.compile(r"[\u4e00-\u9fff]{0,2}[一双两][\u4e00-\u9fff]")
_RANK_BEFORE = re.compile(r"前[ \t]*$")
_CONDITION_BEFORE = re.compile(r"连续[ \t]*$")
_PHASE_BEFORE = re.compile(r"[港场区线馆站厂园校院电路道心学]$")
_FORMULA_PAIR = re.compile(r"[一二两三四五六七八九十][个项条种大]")
_PHASE_AFTER = re.compile(r"等|工程|项目|扩建|改造|建设|、")
_STATUS = re.compile(r"共有|现有|总数为|总计")
_FORECAST = re.compile(r"预计|预测|估计")
_EVERY_ONE = re.compile(r"每[ \t]*$")
#: Period ids (periods.tsv) too loose to make 一个/一次 a count: 今年, 全年, 上半年 (and none).
_NOT_RECURRING = {"", "full_year", "half_year"}

#: Level-1 headings, numbered (二、…) or not (a short line of its own).
_NUMBERED_HEADING = re.compile(r"[ \t　]*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分[ 　]*)")
#: Lines that may be level-1 headings: numbered and short, or short with no punctuation.
_HEADING_LINE = re.compile(
    r"(?m)^[ \t　]*(?:(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)[^\n]{0,58}|[^\n。，；,;]{1,32})$"
)
_PAST_HEADING = re.compile(r"回顾|成就|成绩|成效|过去|一年来|五年来|总结")
_FUTURE_HEADING = re.compile(r"目标|任务|安排|考虑|打算|计划|思路|要求|重点工作|部署|展望|建议|取向|举措")
#: Sentences that report results rather than set goals.
_PAST_SENTENCE = re.compile(
    r"过去|(?<![比较])去年|(?<![比较])上年(?!度)|(?<![比较])上一年|一年来|[一二三四五六七八九十两0-9]+年来|以来|这[一二三四五六七八九十两]年|刚才"
)
_PAST_OPENING = re.compile(
    r"[ \t　—]*(?:回顾)?(?:过去|这|近)?[一二三四五六七八九十两0-9]+年(?:来|以来|中|间)?[，,]|[ \t　—]*(?:过去|去年|一年来|五年来)"
)
#: Words that only rules use: a clause with them sets a norm even when it says 累计 (累计不少于3个月).
_NORMATIVE = re.compile(r"不少于|不低于|不超过|不高于|不多于|至少|最多|控制在|一般|原则上")
#: Weaker signs of a result, read in the number's own clause only (累计达8000处 may be a goal).
_PAST_CLAUSE = re.compile(r"累计|已经|已[建完实达有成经开投形获累]|超额完成|提前完成|同比|(?<![为除])了(?![解如却结然])")
_FUTURE_SENTENCE = re.compile(
    r"今年(?!以来)|明年|力争|确保|预期|拟|争取|计划|目标(?:是|为)|(?<![主重需纲概只])要(?![求点素闻])|将(?![军士])"
    r"|到(?:20[0-9]{2}|二〇[〇一二三四五六七八九]{2})年"
)
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2}|19[0-9]{2}|二〇[〇一二三四五六七八九]{2}|一九[〇一二三四五六七八九]{2})年")

_BODY_SUFFIX = (
    r"(?:党委|党组|党工委|工委|党支部|支部|总支|委员会|常委|政府|办公室|公司|小组|领导干部|书记|中心|单位|部门"
    r"|局|委|办|部|厅)"
)
_BODY = re.compile(
    r"(?:[（(]?[一二三四五六七八九十0-9]{1,2}[）)、.．]\s*)?"
    rf"(?P<body>(?:各级|各)?[\u4e00-\u9fff（）()、]{{0,12}}?{_BODY_SUFFIX})"
    r"(?=每|要|应|须|必须|至少|一般|负责|牵头|年内|原则上|在|对|按|将|于|定期|统一|全年|分别)"
)
_IND_TRAIL = re.compile(
    r"(?:均|都|要|应|须|必须|应当|一般|原则上|分别|累计|总数的|的|为|是|占|达|达到|均达到|不低于|不少于|不超过|至少"
    r"|控制在|保持在|稳定在|提高到|提升到|降低到|下降到|增加到|增长到|在|按照|按|以)+$"
)
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
    comps = _comparators()
    rows = {w: r for w, r in comps["before"].items() if int(r["reach"] or 0) > 0} | comps["clause"]
    return re.compile(_alternation(rows)), rows


def _plan_year(doc: Document) -> int | None:
    """The year a document plans for: Document.year, else the first year in its title or opening."""
    if doc.year:
        return doc.year
    m = _YEAR.search(doc.title or "") or _YEAR.search(doc.text[:300])
    return to_int(m.group(1)) if m else None


class _Context:
    """Everything about a document that judging a quantity needs, computed once."""

    def __init__(self, doc: Document, slogans: Sequence[Slogan] | None):
        text = doc.text
        self.doc = doc
        self.text = text
        self.sentence_ends: list[int] = []  # filled region by region by index()
        self.clause_ends: list[int] = []
        self.quotes = [(m.start(), m.end()) for m in _SHORT_QUOTE.finditer(text)]
        self.titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
        self._periods: dict[int, list[tuple[int, int, str, str]]] = {}
        sl = list(doc.slogans if slogans is None else slogans)
        self.slogan_spans = sorted((s.start, s.end) for s in sl if s.end > s.start)
        self.slogan_texts = {s.text for s in sl if s.text}
        self.plan_year = _plan_year(doc)
        self.past_sections, self.future_sections = self._sections()
        self.formula_keys: set[str] = set()
        self._clause_comparators: dict[int, str] = {}
        self._tenses: dict[int, str] = {}
        self.bodies: dict[tuple[int, int], str] = {}  # body found at a clause or sentence start
        self.last_target: Quantity | None = None  # the latest quantity kept, for 比上年增加… after it

    # spans -------------------------------------------------------------------------------------
    @staticmethod
    def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
        """Whether ``pos`` lies inside one of the sorted ``spans`` (a few may nest: 《…〈…〉…》)."""
        i = bisect.bisect_right(spans, (pos, 10**12)) - 1
        for s, e in spans[max(0, i - 2): i + 1]:
            if s <= pos < e:
                return True
        return False

    def _span(self, ends: list[int], pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(ends, pos)
        start = ends[i - 1] + 1 if i > 0 else 0
        end = ends[i] if i < len(ends) else len(self.text)
        return start, end

    def index(self, start: int, end: int) -> None:
        """Find the sentence and clause ends of ``text[start:end]`` (regions come in text order).

        A region starts at a line start (or 0), so the newline before it bounds its first sentence.
        """
        lo = max(0, start - 1)
        self.sentence_ends.extend(map(re.Match.start, _SENTENCE_END.finditer(self.text, lo, end)))
        self.clause_ends.extend(map(re.Match.start, _CLAUSE_END.finditer(self.text, lo, end)))

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._span(self.sentence_ends, pos)

    def clause(self, pos: int) -> tuple[int, int]:
        return self._span(self.clause_ends, pos)

    # sections -----------------------------------------------------------------------------------
    def _sections(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Spans of level-1 sections that review past work (2023年工作回顾, “十四五”时期发展成就) and
        of those that plan (2024年政府工作任务); a mixed or neutral heading opens neither."""
        spans: dict[str, list[tuple[int, int]]] = {"past": [], "future": []}
        state, opened = "", 0
        for m in _HEADING_LINE.finditer(self.text):
            start, stripped = m.start(), m.group(0).strip(" \t　")
            numbered = _NUMBERED_HEADING.match(m.group(0))
            if numbered and "。" not in stripped[:-1]:
                title = m.group(0)[numbered.end():]
            elif len(stripped) <= 32 and not numbered and (
                _PAST_HEADING.search(stripped) or _FUTURE_HEADING.search(stripped)
            ):
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

    def in_past_section(self, pos: int) -> bool:
        return self._inside(self.past_sections, pos)

    def in_future_section(self, pos: int) -> bool:
        return self._inside(self.future_sections, pos)

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

    def past_sentence(self, pos: int) -> bool:
        """The sentence reports a result (去年…增长7.5%, 已建成…) and sets no goal."""
        s, e = self.sentence(pos)
        tense = self._sentence_tense(s, e)
        if tense:
            return tense == "past"
        sent = self.text[s:e]
        cs, ce = self.clause(pos)
        if (
            not self.in_future_section(pos)
            and _PAST_CLAUSE.search(self.text, cs, ce)
            and not _NORMATIVE.search(self.text, cs, ce)
        ):
            return True
        if self.plan_year:
            m = _YEAR.match(sent.lstrip(" \t　—"))
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
            if len(head) - m.end() <= int(rows[m.group(0)]["reach"]):
                best = rows[m.group(0)]["comparator"]
        return best


# --- judging a quantity ----------------------------------------------------------------------------


def _reject_reason(q: Quantity, ctx: _Context) -> str:
    """Why a quantity is not a target ("" when it is one)."""
    text = ctx.text
    unit_row = _units().get(q.unit, {})
    requires = unit_row.get("requires", "")
    before = text[max(0, q.number_start - 12):q.number_start]
    after = text[q.unit_end:q.unit_end + 12]
    chinese = q.numeral[:1] in DIGITS or q.numeral[:1] == "十"
    if ctx.in_past_section(q.number_start):
        return "past_section"
    if ctx._inside(ctx.titles, q.number_start):
        return "title"
    if requires == "never":
        return "age_or_anniversary"
    if _ORDINAL_BEFORE.search(text, max(0, q.number_start - 3), q.number_start):
        return "ordinal"
    if q.unit == "次" and (before.endswith("届") or ("届" in before[-8:] and _SESSION_AFTER.match(after))):
        return "session"  # 十二届六次全会, 市十六届人大三次会议
    if q.numeral == "二" and q.kind in ("count", "frequency"):
        return "ordinal"  # 二轮延包, 二道河, 二次开发: a count would say 两
    if q.unit in ("位", "名") and _RANK_BEFORE.search(before):
        return "ranking"  # 跻身全球城市前五位
    if chinese and q.unit == "期" and (_PHASE_BEFORE.search(before) or _PHASE_AFTER.match(after)):
        return "phase"  # 白龙港三期, 西湖大学三期等, 核电三期项目: names of project phases
    if chinese and q.unit == "元" and len(q.numeral) == 1 and not q.comparator:
        return "name"  # 三元 (a company), not 3 yuan
    if _CONDITION_BEFORE.search(before):
        return "condition"  # 连续两次评估较差的: a trigger, not a goal
    if q.unit == "年":
        v = q.value or 0
        if 1900 <= v <= 2100 or (q.value_max and 1900 <= q.value_max <= 2100) or len(q.numeral) == 4:
            return "date"
    if chinese and q.form == "number" and all(ch in DIGITS for ch in q.numeral) and len(q.numeral) > 1:
        return "not_a_count"  # 七一, 五一, 一二: positional digits outside dates
    nfb = _not_followed_by().get(q.unit)
    if nfb and q.end == q.unit_end and nfb.match(after):
        return "part_of_word"
    # formulas and slogans
    if ctx._inside(ctx.slogan_spans, q.number_start):
        return "slogan"
    for s in ctx.slogan_texts:
        if text.startswith(s, q.number_start):
            return "slogan"
    if ctx._inside(ctx.quotes, q.number_start):
        return "quoted_formula"
    if _formula_key(q, text) in ctx.formula_keys:
        return "quoted_formula"
    if chinese and q.unit in _FORMULA_UNITS and not _EVERY_ONE.search(before):
        m = _FORMULA_SHAPE.match(text, q.unit_end)
        paired = bool(m) and _FORMULA_PAIR.match(text, m.end())
        if m and q.end == q.unit_end and (paired or m.group(0)[-1] not in _CONCRETE_HEAD_END) and not q.comparator:
            return "formula"  # 两个维护, 一条主线; 两个市场两种资源
    # comparator-dependent rules
    cs, ce = ctx.clause(q.number_start)
    comparator = q.comparator or ctx.clause_comparator(q)
    if requires == "comparator" and (not comparator or q.form == "approx_range"):
        return "year_count"  # 三年行动, 三五年: spans of years are not targets unless bounded
    if chinese and q.value and q.value >= 2 and q.value == _enumerated(text, cs, q.number_start):
        return "apposition"  # 稳增长、防风险、保民生三项…: counts the phrases just listed
    if q.numeral == "一" and _IDIOM_AFTER.match(text, q.unit_end):
        return "idiom"  # 一人一档, 一村一品, 一名党员一面旗帜
    if _EVERY_ONE.search(before):
        # 每一个基层党组织 is "every"; 每两个月, 每100名党员 are a period or the base of a rate
        return "every_one" if q.numeral == "一" else "rate_base"
    if requires == "context" and q.numeral == "一" and not comparator:
        if ctx.period(q)[1] in _NOT_RECURRING and "每" not in text[cs:q.number_start]:
            return "article_one"  # 一个地方, 进行一次全面排查
    if q.unit != "分" and _SCORE_AFTER.search(text, q.end, ce):
        return "scoring_condition"  # 每发现一次扣1分
    prev = ctx.last_target
    if (
        _DELTA_BEFORE.search(before)
        and prev is not None
        and q.number_start - prev.end <= 30
        and not _SENTENCE_END.search(text, prev.end, q.number_start)
    ):
        return "delta"  # 赤字规模4.06万亿元，比上年增加1800亿元: the change, not the level (比上年减少15%以上 alone is a goal)
    if _STATUS.search(text, cs, q.number_start):
        return "status"  # 全县共有党员1236名: a state of affairs, not a goal
    if _FORECAST.search(text, ctx.sentence(q.number_start)[0], q.number_start):
        return "forecast"  # 预计今年高校毕业生超过1170万人: a forecast, not a goal
    if ctx.past_sentence(q.number_start):
        return "past_sentence"
    return ""


_ENUM_SEP = re.compile(r"[、和及与]|”“|」「")
_ENUM_LAST = re.compile(r"[\u4e00-\u9fff”」]$")
_STARTS_WITH_NUMBER = re.compile(r"[0-9０-９×X]")
_WORD_BREAK = re.compile(r"[、\s]")


def _enumerated(text: str, start: int, end: int) -> int:
    """How many items the clause lists right before a number (产业、科技、服务业三支 → 3); 0 if none."""
    head = text[start:end]
    if not head or not _ENUM_LAST.search(head):
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
            cut = max(head.rfind(ch) for ch in "到在向对为给与和")
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
            m = _BODY.match(ctx.text, *key)
            found = ctx.bodies[key] = m.group("body") if m else ""
        if found:
            return found
    return ""


def _judge(
    doc: Document, slogans: Sequence[Slogan] | None, *, skip_past: bool = False
) -> Iterator[tuple[Quantity, str, _Context]]:
    """Every quantity of the document with the reason it is not a target ("" when it is one).

    With ``skip_past`` the sections that review past work are not scanned at all (they hold no targets,
    and in a government work report they hold most of the numbers).
    """
    ctx = _Context(doc, slogans)
    text = ctx.text
    # A formula quoted anywhere (“3个层级”) is a formula at every mention, before the quote too.
    ctx.formula_keys = {_formula_key(q, text) for s, e in ctx.quotes for q in find_quantities(text, s, e)}
    spans = [(0, len(text))]
    if skip_past:
        spans, pos = [], 0
        for s, e in ctx.past_sections:
            spans.append((pos, s))
            pos = e
        spans.append((pos, len(text)))
    for s, e in spans:
        ctx.index(s, e)
        for q in find_quantities(text, s, e):
            reason = _reject_reason(q, ctx)
            if not reason:
                ctx.last_target = q
            yield q, reason, ctx


def _formula_key(q: Quantity, text: str) -> str:
    """The numeral, the unit and two characters of head: how a quoted formula is recognised unquoted."""
    return text[q.number_start:q.unit_end + 2]


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
    for q, reason, ctx in _judge(doc, slogans, skip_past=True):
        if reason:
            continue
        comparator, rule = q.comparator, f"targets.{q.form}"
        if not comparator:
            comparator = ctx.clause_comparator(q)
            if comparator:
                rule += "+clause"
        yield Target(
            doc=doc.doc, text=q.text, value=q.value, value_max=q.value_max, unit=_canonical_unit(q.unit),
            comparator=comparator or "=", period=ctx.period(q)[0], placeholder=q.placeholder,
            path=doc.path_at(q.start), start=q.start, end=q.end, indicator=_indicator(q, ctx),
            body=_body(q, ctx), rule=rule,
        )


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
