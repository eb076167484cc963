"""Roles of bodies: the words around a list of names that make it responsible (SPEC.md, BODY).

*lead* when the list opens a clause and a verb follows (市委组织部要…, 党支部认真落实…), when a verb of
responsibility follows anywhere (…履行…, …牵头…), after 由/让/交 (由×牵头; an official after 由 whatever
verb follows: 由班子成员挂点帮扶); *support* with
配合/协助/参与 or after 会同; *mention* where it issues or decides (…印发, …决策部署, 在…领导下).
Generic names (单位, 部门, 企业) need a modal verb (要, 应当, 必须).

:class:`Relevance` turns these rules around into a cheap test that
:func:`~policytext.extract.body_names.find_names` runs before it builds a name.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

from .body_lexicon import INTRODUCER_MARK, Lexicon, Term, lexicon, trie_regex
from .body_names import LIST_SEPARATORS, Alone, Candidate, Run, Single

__all__ = ["ALIAS", "LIST_END", "Found", "Relevance", "clause_start", "group_role", "modal_in_clause", "word_after"]


@dataclass(slots=True)
class Found:
    """A body with its role, before it becomes a :class:`~policytext.types.Body`."""

    start: int
    end: int
    text: str
    name: str
    role: str
    rule: str
    candidate: Candidate | None = field(default=None, repr=False)
    path: str = ""  # set where the context gives a better path than the offset (a table row's task)

# Characters before a name at which a clause (and so a subject) may begin.
_BOUNDARY = set("，,。；;：:！!？?\n\t 　、（(.．）)】*＊-#|•·")
# Prepositions before a name that make it the object, not the doer (对县委负责, 向县委报告).
_OBJECT_MARKERS = set("对向给为与和的")
_ENUMERATION = re.compile(r"[一二三四五六七八九十]是$|(?:其次|同时|另外|此外|特别是|尤其是|并)$")
_ENUMERATION_LAST = frozenset("是次时外此并")  # the last characters of its matches
# Mentions: a body that issues, decides or leads.
_MENTION_AFTER = re.compile(
    r"(?:的)?(?:重大)?(?:决策部署|部署要求)|(?:各次|各)?(?:全会|会议)精神|"
    r"(?:印发|下发|出台|发布|颁布|转发|制发|关于)"
)
_LEADERSHIP = re.compile(
    r"的?(?:统一|坚强|正确|有力)?(?:领导|监督|支持|指导|关心)(?:[和、与](?:领导|监督|支持|指导|关心))*下"
)
# What may end a list: 发展改革、人社、财政等部门.
LIST_END = re.compile(r"等(?:部门|单位|机构|组织|方面)?")
# An alias the document defines: 县委组织部（以下简称组织部）, （简称“两新”组织）.
ALIAS = re.compile(r"[（(](?:以下|下文)?(?:简称|统称|称)[“\"「]?([\u4e00-\u9fff]{2,12})[”\"」]?[）)]")
# A bracket right after a name: a role mark (（牵头）), an alias, or a note to skip.
_BRACKET_AFTER = re.compile(r"[（(]([^（）()\n。]{1,24})[）)]")
_LEAD_MARKS = {"牵头", "主责", "负责", "牵头单位", "牵头部门", "主办"}
_SUPPORT_MARKS = {"配合", "参与", "协办", "协助", "配合单位", "配合部门"}
# A clause that names a duty: 是/为/作为…第一责任人, 是…责任主体.
_DUTY = re.compile(r"(?:是|为|作为|担任)[^，,。；;\n]{0,16}?(?:责任人|责任主体|第一责任)")
# "X对…负责" closing a clause: X answers for something (项目单位对申报材料的真实性负责), a duty
# even of a class of bodies, as a modal verb would be.
_ANSWERS_FOR = re.compile(r"对[^，,。；;\n]{1,40}?负责(?=[，,。；;\n]|$)")
# The rest of a clause that ends in "…的 noun": the name sits inside a noun phrase
# (拧紧党政机关带头过紧日子的制度螺栓), so it is not the doer.
_NOUN_PHRASE_END = re.compile(r"[^，,。；;\n]*的[^，,。；;\n的]{1,8}(?:[，,。；;\n]|$)")
# The rest of a clause that ends in the name of an arrangement: the name is inside it (实行县级领导包联重点
# 项目制度, 重大项目省级领导包保机制), not the doer of the clause.
_MECHANISM_END = re.compile(r"[^，,。；;\n]*(?:制度|机制|办法|模式)(?:[，,。；;\n]|$)")
_REQUIREMENT = re.compile(r"的?(?:有关)?(?:要求|部署|安排|规定)")
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")
_AUTHORITY_AFTER = re.compile(r"的?(?:对|关于|决策|部署|要求|精神|领导)")
# What a higher authority opening a clause says or decides, which others carry out.
_AUTHORITY_SAYS = re.compile(r"(?:明确|反复|多次|郑重|专门)?(?:提出|强调|指出|作出)|对[^，,。；;\n]{1,16}?作出")
# Characters after a name that join it to a phrase, not to a verb (由书记的…, 由书记和…).
_NOT_A_VERB = frozenset("的和与及或等、之")


def _in_title(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a 《title》 on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    return text.rfind("《", line_start, pos) > text.rfind("》", line_start, pos)


def clause_start(text: str, pos: int, lex: Lexicon) -> str:
    """How a clause opens before ``pos``: "boundary", "introducer" (由, 让, 交 …) or ""."""
    if pos == 0 or text[pos - 1] in _BOUNDARY:
        return "boundary"
    before = text[max(0, pos - 3) : pos]
    if before[-1] in _ENUMERATION_LAST and _ENUMERATION.search(before):
        return "boundary"
    introducers = lex.words["introducer"]
    if before[-1:] in introducers or before[-2:] in introducers or before[-3:] in introducers:
        return "introducer"
    return ""


def _word_after(text: str, pos: int, lex: Lexicon) -> tuple[str, str]:
    """The first function word after ``pos`` and its category (modal, strong, support, verb …).

    Markdown emphasis and a colon before it are skipped: ``**团委**：负责…``.
    """
    while pos < len(text) and text[pos] in "*＊：: ":
        pos += 1
    match = lex.word_at[text[pos : pos + 1]]
    m = match(text, pos) if match is not None else None
    if not m:
        return "", ""
    w = m.group()
    return w, lex.word_category.get(w, "")


word_after = _word_after  # for the unknown names of policytext.extract.bodies


# A list member the lexicon does not know (市文明办), up to the next member or a verb of responsibility.
_MEMBER_VERBS = ("要", "应当", "应", "必须", "负责", "牵头", "配合", "协助", "参与")
_UNKNOWN_MEMBER = re.compile(
    r"(?:[、和及]|以及)((?:(?![等的])[\u4e00-\u9fff（）()]){2,12}?)"
    rf"(?=[、和及]|以及|{'|'.join(_MEMBER_VERBS)})"
)
# Three members (a separator of up to two characters and up to 12 characters each) reach this far;
# the verb that ends them starts with one of these characters.
_MEMBERS_REACH = 3 * 14 + 1
_MEMBER_VERB_START = re.compile("[" + "".join(sorted({w[0] for w in _MEMBER_VERBS})) + "]")


def _skip_unknown_members(text: str, pos: int, lex: Lexicon) -> int | None:
    """Past up to three list members the lexicon does not know, to a modal verb or a verb of
    responsibility (not a weak verb: a member's own characters may look like one)."""
    if not _MEMBER_VERB_START.search(text, pos, pos + _MEMBERS_REACH):
        return None  # no verb within reach (most lists): a quick test before the members are read
    for _ in range(3):
        m = _UNKNOWN_MEMBER.match(text, pos)
        if not m:
            return None
        pos = m.end()
        word, cat = _word_after(text, pos, lex)
        if cat in ("modal", "strong", "support"):
            return pos
    return None


def modal_in_clause(text: str, pos: int, lex: Lexicon, reach: int = 24) -> bool:
    """A modal verb (要, 应当, 必须) later in the same clause."""
    end = _CLAUSE_END.search(text, pos, pos + reach)
    stop = end.start() if end else min(len(text), pos + reach)
    if not lex.modal_re.search(text, pos, stop + 2):
        return False  # no modal verb at all where one would be read (most clauses)
    word_at = lex.word_at
    i = pos
    while i < stop:
        match = word_at[text[i]]
        m = match(text, i) if match is not None else None
        if m and m.end() <= stop + 2:
            w = m.group()
            if w in lex.words["modal"]:
                return True
            i = m.end()
        else:
            i += 1
    return False


def group_role(text: str, group: list[Candidate], after: int, lex: Lexicon) -> tuple[str, str] | None:
    """The role of a list of names from the words around it, with the id of the rule, or None.

    A new way to give a role must be let through by :class:`Relevance` too (its triggers), or the
    names it would apply to are never built: tests/extract/test_bodies.py compares both ways.
    """
    start = group[0].start
    opener = clause_start(text, start, lex)
    before = text[max(0, start - 2) : start]
    bracket = _BRACKET_AFTER.match(text, after) if text.startswith(("（", "("), after) else None
    if bracket:  # 县委组织部（牵头）, 县委组织部（以下简称组织部）负责…
        mark = bracket.group(1)
        if mark in _LEAD_MARKS:
            return "lead", "mark.lead"
        if mark in _SUPPORT_MARKS:
            return "support", "mark.support"
        after = bracket.end()
    head_text = text[after : after + 16]
    # mentions: who issues, decides, leads, requires
    first = _mention_first()
    if first is None or head_text[:1] in first:
        if _MENTION_AFTER.match(head_text) and not all(c.generic for c in group):
            return "mention", "mention.issue"  # (a class of bodies issues nothing: 用人单位发布的岗位信息)
        if _LEADERSHIP.match(head_text):
            return "mention", "mention.leadership"
        if (before.endswith("根据") or before.endswith("按照")) and _REQUIREMENT.match(head_text):
            return "mention", "mention.requirement"
    if _in_title(text, start):
        return None
    word, cat = _word_after(text, after, lex)
    if not cat and text.startswith(("、", "和", "及"), after):
        # a list whose later members are not in the lexicon: 市委宣传部、市文明办负责…
        skipped = _skip_unknown_members(text, after, lex)
        if skipped is not None:
            after = skipped
            word, cat = _word_after(text, after, lex)
    if opener and text.startswith("对", after) and _ANSWERS_FOR.match(text, after):
        return "lead", f"{opener}.answers"
    # a class of bodies (单位, 有关部门, 企业) is responsible only where a modal verb says so:
    # 各单位每年初要建立…, not 支持企业牵头… (a policy for enterprises)
    if all(c.generic for c in group) and not modal_in_clause(text, after, lex):
        return None
    if before.endswith(tuple(lex.words["partner"])):
        return "support", "partner"  # 会同有关部门
    if opener and cat == "support":
        return "support", "subject.support"
    if opener and all(c.authority for c in group) and _AUTHORITY_SAYS.match(text, after):
        return "mention", "mention.says"  # 省委明确提出…, 党中央对今年工作作出了全面部署: it decides, others do
    if opener and cat in ("modal", "strong", "verb"):
        return "lead", f"{opener}.{cat}"
    if (
        not opener
        and cat == "strong"
        and (not before or before[-1] not in _OBJECT_MARKERS)
        and not before.endswith(("根据", "按照", "依据"))
        and not _NOUN_PHRASE_END.match(text, after)
        and not _MECHANISM_END.match(text, after)
    ):
        return "lead", "inline.strong"
    if opener and _DUTY.match(text, after):
        return "lead", "subject.duty"  # 党支部书记是本支部党建工作第一责任人
    if (
        opener == "introducer"
        and before.endswith(INTRODUCER_MARK)
        and group[-1].tokens[-1].term.category == "role"
        and "\u4e00" <= text[after : after + 1] <= "\u9fff"
        and text[after] not in _NOT_A_VERB
    ):
        return "lead", "introducer.role"  # 由班子成员挂点帮扶: an official after 由 does what follows
    if len(group) > 1 and all(c.authority for c in group) and _AUTHORITY_AFTER.match(head_text):
        return "mention", "mention.authorities"
    return None


# --- which runs of terms can give a body ------------------------------------------------------
# Most names in a text are not made responsible; building them costs more than finding them. A
# list of names gets a role (group_role) only where one of the words below follows it (a verb or a
# modal verb only where the list opens a clause), where 会同/协同 comes before it, or inside a
# labelled note or a table. Runs of terms joined by list separators (A、B和C) are tested together,
# before their names are built, and skipped when none of this holds: the result is the same, as
# each test here is looser than the rule it stands for. A separator inside such a list, or after
# its last run (the list goes on with members the lexicon does not know: 县委、市文明办负责),
# counts only through what a list of unknown members leads to (_skip_unknown_members). A run in
# no list is tested alone (Relevance.singles, Relevance.runs), where a separator after it would
# have made it a list. After 等 and after a bracket, the words that follow them decide, as in
# group_role (_TriggerAt._past); a table counts only in its columns of bodies (bodies._table_cells).
_SEPARATOR_AFTER = r"[（(等、和及与或]|以及|，各"
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_LIST_SEPARATORS = tuple(LIST_SEPARATORS)


_MARKS = "[*＊：: ]*"  # skipped by _word_after
_MARK_CHARS = frozenset("*＊：: ")


class _Part(NamedTuple):
    """An alternative of the triggers (:func:`_trigger_parts`)."""

    group: str
    pattern: str
    words: dict[str, list[str]] | None  # by first character, the words of a pattern that is _MARKS and a trie of them
    first: frozenset[str] | None  # the characters a match can start with (None: not told)


@functools.cache
def _trigger_parts() -> tuple[_Part, ...]:
    """What may follow a list that gets a role, as alternatives in the order they are tried. Group
    ``any`` matches what gives a role wherever the list stands (``sep``: the list separators, in
    :func:`_triggers` ``any`` too), ``strong`` a verb of responsibility (a role wherever the list
    stands, but a class of bodies needs a modal verb too); the rest (group "": verbs, modal verbs,
    是…责任人) gives one only where the list opens a clause."""
    lex = lexicon()
    # a list gets a role from a word of these categories only (_word_after reads the longest word)
    acts = lex.words["modal"] | lex.words["verb"] | lex.words["support"] | lex.words["strong"]
    parts = (
        *(("sep", p, None) for p in _SEPARATOR_AFTER.split("|")),
        *(("any", p.pattern, None) for p in (_MENTION_AFTER, _LEADERSHIP, _REQUIREMENT)),
        ("strong", f"{_MARKS}(?:{trie_regex(lex.words['strong'])})", lex.words["strong"]),
        ("", f"{_MARKS}(?:{trie_regex(acts)})", acts),
        *(("", p, None) for p in ("是", "为", "作为", "担任", "的?(?:对|关于|决策|部署|要求|精神|领导)")),
    )
    return tuple(_Part(g, p, _by_first(w) if w else None, _first_chars(re.compile(p))) for g, p, w in parts)


def _by_first(words: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for w in sorted(words):
        out.setdefault(w[0], []).append(w)
    return out


def _trigger_pattern(parts: list[tuple[str, str]]) -> str:
    """One pattern of the alternatives ``parts`` (group, pattern), each group a named group."""
    out: list[str] = []
    for group, members in itertools.groupby(parts, key=lambda part: "any" if part[0] == "sep" else part[0]):
        alts = "|".join(p for _, p in members)
        out.append(f"(?P<{group}>{alts})" if group else alts)
    return "|".join(out)


@functools.cache
def _triggers() -> tuple[re.Pattern, re.Pattern]:
    """The triggers as one pattern, and the same without the list separators."""
    parts = [(part.group, part.pattern) for part in _trigger_parts()]
    return re.compile(_trigger_pattern(parts)), re.compile(_trigger_pattern([x for x in parts if x[0] != "sep"]))


class _TriggerAt(dict):
    """The trigger test at a position, by the character there: the match function of a pattern of
    only the alternatives (and trie words) that can start with it, or None when none can.

    The regex engine tries every alternative of a pattern in turn, even those that cannot start
    with the character at hand: a pattern per character is several times faster. It gives the
    same matches, as a pattern of fewer alternatives in the same order does where the others fail.
    """

    def __init__(self, plain: bool) -> None:
        super().__init__()
        self.plain = plain

    def __missing__(self, ch: str) -> Callable[[str, int], re.Match | None] | None:
        parts = []
        for group, pattern, words, first in _trigger_parts():
            if group == "sep" and self.plain:
                continue
            if words is not None and ch and ch not in _MARK_CHARS:
                if ch in words:  # _MARKS matches nothing here
                    parts.append((group, f"{_MARKS}(?:{trie_regex(words[ch])})"))
            elif first is None or ch in first:
                parts.append((group, pattern))
        if not self.plain and ch in _LOOK_PAST and [group for group, _ in parts] == ["sep"]:
            fn = self._past  # what follows 等 or a bracket decides, as in group_role
        else:
            fn = _compiled(_trigger_pattern(parts)).match if parts else None
        self[ch] = fn
        return fn

    def _past(self, text: str, pos: int) -> re.Match | _Sure | None:
        """The trigger after 等 (等部门: the list goes on to the word after it) or after a bracket
        of a role mark (牵头), an alias or a note, which ``group_role`` reads past.

        A bracket no word of a role can follow, and a 等 that ends a single name, give no role;
        an alias is read for every name it follows (bodies._aliases)."""
        if text[pos] == "等":
            after = LIST_END.match(text, pos).end()
        elif ALIAS.match(text, pos):
            return _SURE
        else:
            bracket = _BRACKET_AFTER.match(text, pos)
            if bracket is None:
                return None
            if bracket.group(1) in _LEAD_MARKS or bracket.group(1) in _SUPPORT_MARKS:
                return _SURE
            after = bracket.end()
        trigger = self[text[after : after + 1]]
        return trigger(text, after) if trigger is not None else None


class _Sure(NamedTuple):
    """A trigger that gives a role wherever the list stands, as a match of group ``any`` does."""

    lastgroup: str = "any"


_SURE = _Sure()
# The characters the list separators of the triggers start with that group_role reads past.
_LOOK_PAST = frozenset("等（(")


@functools.cache
def _compiled(pattern: str) -> re.Pattern:
    """A pattern of :class:`_TriggerAt`, compiled once (most are the same with and without the list
    separators)."""
    return re.compile(pattern)


def _first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when that is not simple to
    tell (a class of all characters, an empty match). Testing one character against this set is
    several times cheaper than trying the pattern."""
    try:  # the parser re itself uses (private: without it, no set)
        from re import _constants as sre
        from re import _parser
    except ImportError:
        return None

    def sequence(items: list) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in items:
            chars, empty = item(op, av)
            if chars is None:
                return None, False
            out |= chars
            if not empty:
                return out, False
        return out, True

    def item(op: object, av: object) -> tuple[set[str] | None, bool]:
        if op is sre.LITERAL:
            return {chr(av)}, False
        if op is sre.IN:
            chars = set()
            for o, a in av:
                if o is sre.LITERAL:
                    chars.add(chr(a))
                elif o is sre.RANGE and a[1] - a[0] < 256:
                    chars.update(map(chr, range(a[0], a[1] + 1)))
                else:
                    return None, False
            return chars, False
        if op is sre.SUBPATTERN:
            return sequence(av[3].data)
        if op is sre.BRANCH:
            chars, empty = set(), False
            for alt in av[1]:
                c, e = sequence(alt.data)
                if c is None:
                    return None, False
                chars |= c
                empty |= e
            return chars, empty
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            chars, empty = sequence(av[2].data)
            return chars, empty or av[0] == 0
        return None, False

    try:
        chars, empty = sequence(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # noqa: BLE001 - only an optimisation: without the set every position is tried
        return None
    return None if chars is None or empty else frozenset(chars)


@functools.cache
def _mention_first() -> frozenset[str] | None:
    """The characters a mention (_MENTION_AFTER, _LEADERSHIP, _REQUIREMENT) can start with."""
    chars = [_first_chars(p) for p in (_MENTION_AFTER, _LEADERSHIP, _REQUIREMENT)]
    return None if None in chars else frozenset().union(*chars)


@functools.cache
def _trigger_first() -> frozenset[str] | None:
    """The first characters of the triggers."""
    return _first_chars(_triggers()[0])


@functools.cache
def _trigger_at(plain: bool = False) -> _TriggerAt:
    return _TriggerAt(plain)


def _meeting(spans: list[tuple[int, int]], starts: Sequence[int], ends: Sequence[int]) -> set[int]:
    """The indices of the items (in text order, none inside another: their ``starts`` and
    ``ends``) that meet a span as :meth:`Relevance._listed` tells (lo <= end and hi >= start),
    found span by span: there are few spans and thousands of items."""
    out: set[int] = set()
    for lo, hi in spans:
        out.update(range(bisect.bisect_left(ends, lo), bisect.bisect_right(starts, hi)))
    return out


class Relevance:
    """The ``keep`` test of :func:`~policytext.extract.body_names.find_names` for one text."""

    def __init__(self, text: str, lex: Lexicon, listed: list[tuple[int, int]]) -> None:
        """``listed``: spans whose names are read whatever follows them (labelled notes, the cells
        of table columns of bodies)."""
        self.text, self.lex = text, lex
        self.trigger_at, self.plain_at = _trigger_at(), _trigger_at(True)
        self.first = _trigger_first()
        # spans whose names are read whatever follows them: ``listed``, and names that start after
        # 会同/协同 (the end p of the word is in [start, end) of a name: as a span (p + 1, p), it
        # meets the name as a span does, lo <= end and hi >= start)
        marks = lex.marks(text)
        spans = [(p + len(w) + 1, p + len(w)) for w in lex.words["partner"] for p in marks.get(w, ())]
        # names right after 由 (an official there is the doer whatever follows: group_role)
        self.after_introducer: set[int] = set()
        p = text.find(INTRODUCER_MARK)
        while p >= 0:  # a few hundred per text: str.find is cheaper than a pass of the automaton
            self.after_introducer.add(p + 1)
            p = text.find(INTRODUCER_MARK, p + 1)
        spans += listed
        spans.sort()
        self.spans = spans
        self.span_starts = [lo for lo, _ in spans]
        self.span_ends = list(accumulate((hi for _, hi in spans), max))
        self.any_listed = bool(spans)

    def near(self, starts: Sequence[int], ends: Sequence[int]) -> set[int]:
        """The terms (by index) in a labelled note, a table or after 会同 (:meth:`_listed`), and
        those right after 由: a run of one of them may be kept whatever follows it."""
        out = _meeting(self.spans, starts, ends)
        for p in self.after_introducer:
            k = bisect.bisect_left(starts, p)
            if k < len(starts) and starts[k] == p:
                out.add(k)
        return out

    def singles(self, runs: list[Single], terms: Sequence[Term]) -> list[bool]:
        """``self([run])`` for each run of one term in no list, without making the runs; a class of
        bodies (单位, 企业) needs a modal verb in the clause unless it is mentioned."""
        text, trigger_at, lex = self.text, self.trigger_at, self.lex
        out = []
        for start, end, i, _ in runs:
            trigger = trigger_at[text[end : end + 1]]
            m = trigger(text, end) if trigger is not None else None
            out.append(m is not None and (
                m.lastgroup == "any"
                or (
                    (m.lastgroup == "strong" or bool(clause_start(text, start, lex)))
                    and not (terms[i].generic and not modal_in_clause(text, m.start(), lex))
                )
            ))
        for k in self._listed_runs(runs):
            out[k] = True
        # a role right after 由 (group_role: introducer.role); the runs are in text order
        for k in self._after_introducer(runs):
            out[k] = out[k] or terms[runs[k][2]].category == "role"
        return out

    def _after_introducer(self, runs: Sequence[tuple]) -> list[int]:
        """The indices of the runs (in text order) that start right after 由."""
        if not self.after_introducer:
            return []
        starts = list(map(_FIRST, runs))
        out = []
        for p in self.after_introducer:
            k = bisect.bisect_left(starts, p)
            if k < len(starts) and starts[k] == p:
                out.append(k)
        return out

    def _listed_runs(self, runs: Sequence[tuple]) -> Iterable[int]:
        """The indices of the runs (in text order, each starting with its start and end) that
        :meth:`_listed` holds."""
        return _meeting(self.spans, list(map(_FIRST, runs)), list(map(_SECOND, runs))) if self.any_listed else ()

    def runs(self, runs: list[Alone]) -> list[bool]:
        """``self([run])`` for each longer run in no list, without making the runs."""
        text, trigger_at, lex = self.text, self.trigger_at, self.lex
        out = []
        for start, _, ends, inner, _, _ in runs:
            at_start = kept = False
            for e in ends:
                trigger = trigger_at[text[e : e + 1]]
                if trigger is not None and (m := trigger(text, e)):
                    if m.lastgroup:  # any, strong
                        kept = True
                        break
                    at_start = True
            out.append(kept or (at_start and (inner or bool(clause_start(text, start, lex)))))
        for k in self._listed_runs(runs):
            out[k] = True
        for k in self._after_introducer(runs):
            out[k] = True
        return out

    def _listed(self, start: int, end: int) -> bool:
        """Whether a span of text is in a labelled note or a table, or comes after 会同/协同."""
        k = bisect.bisect_right(self.span_starts, end)  # a span starting before `end` …
        return k > 0 and self.span_ends[k - 1] >= start  # … that reaches `start`

    def __call__(self, runs: Sequence[Run]) -> bool:
        """Whether runs joined by list separators may hold a body (see the comment above)."""
        text, lex = self.text, self.lex
        trigger_at, plain_at = self.trigger_at, self.plain_at
        at_start = False
        last = len(runs) - 1
        for k, run in enumerate(runs):
            for e in run.ends:
                ch = text[e : e + 1]
                trigger = trigger_at[ch]
                if trigger is None:
                    continue  # no trigger starts here (nor a separator, nor a list of unknown members)
                if e == run.end and (k < last or text.startswith(_LIST_SEPARATORS, e)):
                    # the separator to the next run, or to members the lexicon does not know (the
                    # list goes on there): what a list of unknown members leads to, or a word
                    # after it when the names on both sides are not one list after all
                    if _skip_unknown_members(text, e, lex) is not None:
                        return True
                    plain = plain_at[ch]
                    m = plain(text, e) if plain is not None else None
                else:
                    m = trigger(text, e)
                if m:
                    if m.lastgroup:  # any, strong
                        return True
                    at_start = True
        # the other words need the list to open a clause: at one of its runs (after 、 it does) or
        # inside one
        if at_start and any(run.inner or clause_start(text, run.start, lex) for run in runs):
            return True
        return self._listed(runs[0].start, runs[-1].end) or runs[0].start in self.after_introducer
