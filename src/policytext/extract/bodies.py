"""Responsible bodies (责任主体): the organisations and officials a document makes responsible.

A body is found in two steps, both on the plain text with compiled regexes (no segmenter):

1. **Names** (:mod:`policytext.extract.body_names`). The text is cut into terms of
   ``lexicons/bodies.tsv`` (places, stems, heads, roles …) and ``lexicons/bodies.jsonl`` (whole
   names such as 党中央, province names). Adjacent terms make a run; a run that ends in a head or a
   role is a name: 市|教育|局|党组, 县|（市、区）|委|常委, 乡镇|（街道）|党（工）委, 各级|党支部|（总支）|书记.
   Names joined by 、 和 及 form a list, and a list of department stems takes its head from the
   last member (组织、民政部门 → 组织部门, 民政部门).
2. **Responsibility.** A name is kept only where the text makes the body act (SPEC.md, BODY):
   *lead* when it starts a clause and a verb follows (市委组织部要…, 党支部认真落实…), when a verb of
   responsibility follows anywhere (…履行…, …牵头…), after 由/让/交 (由×牵头), or first in a
   牵头单位 list; *support* with 配合/协助/参与 or later in a 责任单位 list; *mention* where it
   issues or decides (…印发, …决策部署, 在…领导下). Generic names (单位, 部门, 企业) need a modal
   verb (要, 应当, 必须). 党员, 群众 and 干部 alone are never bodies.

The normalised ``name`` unifies brackets, drops a leading 各/各级/全市/其他 and follows aliases the
document defines (市委组织部（以下简称组织部） → 组织部 is named 市委组织部).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..types import Body, Document
from .body_names import (
    Candidate,
    Lexicon,
    find_names,
    lexicon,
    name_kind,
    name_level,
    name_tokens,
    normalise_name,
    place_names_government,
)

__all__ = ["Found", "extract_bodies", "find_bodies", "lexicon", "name_tokens", "normalise_name"]

_ROLE_RANK = {"lead": 0, "support": 1, "mention": 2}

# Proper place names at the start of an issuing unit (呼伦贝尔市, 阿坝州, 海拉尔区).
_UNIT_PLACE = re.compile(r"[\u4e00-\u9fff]{2,7}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|地区|县|区|旗|镇|乡|街道)")
# An alias the document defines: 县委组织部（以下简称组织部）, （简称“两新”组织）.
_ALIAS = re.compile(r"[（(](?:以下|下文)?(?:简称|统称|称)[“\"「]?([\u4e00-\u9fff]{2,12})[”\"」]?[）)]")
# Labels of lists of bodies in notes and tables: （牵头单位：…；配合单位：…） 责任单位：…
_NOTE = re.compile(
    r"(?=[牵主责负实承配协参考])(?:"
    r"(牵头|主责|主办|责任|负责|实施|承办|配合|协办|协助|参与)(?:单位|部门|科室|处室|领导|人)\s*[:：]\s*"
    r"|(考核对象|考评对象|责任主体|实施主体)\s*(?:[:：]\s*|\n))"  # 一、考核对象⏎各乡镇党委、…
)
# What joins members of a list: 组织部门、宣传部门和统战部门.
_LIST_SEPARATORS = ("、", "和", "及", "以及", "与", "或", "，各")
# What may end a list: 发展改革、人社、财政等部门.
_LIST_END = re.compile(r"等(?:部门|单位|机构|组织|方面)?")
# Characters before a name at which a clause (and so a subject) may begin.
_BOUNDARY = set("，,。；;：:！!？?\n\t 　、（(.．）)】*＊-#|•·")
# Prepositions before a name that make it the object, not the doer (对县委负责, 向县委报告).
_OBJECT_MARKERS = set("对向给为与和的")
_ENUMERATION = re.compile(r"[一二三四五六七八九十]是$|(?:其次|同时|另外|此外|特别是|尤其是|并)$")
# Mentions: a body that issues, decides or leads.
_MENTION_AFTER = re.compile(
    r"(?:的)?(?:重大)?(?:决策部署|部署要求)|(?:各次|各)?(?:全会|会议)精神|"
    r"(?:印发|下发|出台|发布|颁布|转发|制发|关于)"
)
_LEADERSHIP = re.compile(
    r"的?(?:统一|坚强|正确|有力)?(?:领导|监督|支持|指导|关心)(?:[和、与](?:领导|监督|支持|指导|关心))*下"
)
# A bracket right after a name: a role mark (（牵头）), an alias, or a note to skip.
_BRACKET_AFTER = re.compile(r"[（(]([^（）()\n。]{1,24})[）)]")
_LEAD_MARKS = {"牵头", "主责", "负责", "牵头单位", "牵头部门", "主办"}
_SUPPORT_MARKS = {"配合", "参与", "协办", "协助", "配合单位", "配合部门"}
# A clause that names a duty: 是/为/作为…第一责任人, 是…责任主体.
_DUTY = re.compile(r"(?:是|为|作为|担任)[^，,。；;\n]{0,16}?(?:责任人|责任主体|第一责任)")
# The rest of a clause that ends in "…的 noun": the name sits inside a noun phrase
# (拧紧党政机关带头过紧日子的制度螺栓), so it is not the doer.
_NOUN_PHRASE_END = re.compile(r"[^，,。；;\n]*的[^，,。；;\n的]{1,8}(?:[，,。；;\n]|$)")
_REQUIREMENT = re.compile(r"的?(?:有关)?(?:要求|部署|安排|规定)")
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n]")


def _in_title(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a 《title》 on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return before.rfind("《") > before.rfind("》")


def _clause_start(text: str, pos: int, lex: Lexicon) -> str:
    """How a clause opens before ``pos``: "boundary", "introducer" (由, 让, 交 …) or ""."""
    if pos == 0 or text[pos - 1] in _BOUNDARY:
        return "boundary"
    before = text[max(0, pos - 3) : pos]
    if _ENUMERATION.search(before):
        return "boundary"
    for n in (3, 2, 1):
        if before[-n:] in lex.words["introducer"]:
            return "introducer"
    return ""


def _word_after(text: str, pos: int, lex: Lexicon) -> tuple[str, str]:
    """The first function word after ``pos`` and its category (modal, strong, support, verb …).

    Markdown emphasis and a colon before it are skipped: ``**团委**：负责…``.
    """
    while pos < len(text) and text[pos] in "*＊：: ":
        pos += 1
    m = lex.word_re.match(text, pos)
    if not m:
        return "", ""
    w = m.group()
    for cat in ("nonverb", "support", "strong", "modal", "verb", "issue", "introducer"):
        if w in lex.words[cat]:
            return w, cat
    return w, ""


# A list member the lexicon does not know (市文明办), up to the next member or a verb of responsibility.
_UNKNOWN_MEMBER = re.compile(
    r"(?:[、和及]|以及)((?:(?![等的])[\u4e00-\u9fff（）()]){2,12}?)"
    r"(?=[、和及]|以及|要|应当|应|必须|负责|牵头|配合|协助|参与)"
)


def _skip_unknown_members(text: str, pos: int, lex: Lexicon) -> int | None:
    """Past up to three list members the lexicon does not know, to a modal verb or a verb of
    responsibility (not a weak verb: a member's own characters may look like one)."""
    for _ in range(3):
        m = _UNKNOWN_MEMBER.match(text, pos)
        if not m:
            return None
        pos = m.end()
        word, cat = _word_after(text, pos, lex)
        if cat in ("modal", "strong", "support"):
            return pos
    return None


def _modal_in_clause(text: str, pos: int, lex: Lexicon, reach: int = 24) -> bool:
    """A modal verb (要, 应当, 必须) later in the same clause."""
    end = _CLAUSE_END.search(text, pos, pos + reach)
    stop = end.start() if end else min(len(text), pos + reach)
    i = pos
    while i < stop:
        m = lex.word_re.match(text, i)
        if m and m.end() <= stop + 2:
            w = m.group()
            if w in lex.words["modal"]:
                return True
            i = m.end()
        else:
            i += 1
    return False


@dataclass
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


def _groups(text: str, cands: list[Candidate]) -> list[tuple[list[Candidate], int]]:
    """Lists of names joined by 、 和 及; each with the offset where the text after the list begins."""
    out: list[tuple[list[Candidate], int]] = []
    i = 0
    while i < len(cands):
        group = [cands[i]]
        j = i + 1
        while j < len(cands):
            gap = text[group[-1].end : cands[j].start]
            # adjacent names are a list too: 县委县政府, 各地区各部门
            if gap in _LIST_SEPARATORS or gap == "":
                group.append(cands[j])
                j += 1
            else:
                break
        after = group[-1].end
        m = _LIST_END.match(text, after)
        if m and len(group) > 1 or (m and m.group() != "等"):
            after = m.end()
        out.append((group, after))
        i = j
    return out


def _share_head(text: str, group: list[Candidate], after: int) -> list[Candidate]:
    """Resolve bare stems in a list: 组织、民政部门 → 组织部门; 发展改革、人社等部门 → 发展改革, 人社."""
    _share_organ(text, group)
    stems = [c for c in group if c.shape == "stem"]
    if not stems:
        return group
    tail = text[group[-1].end : after]
    if tail.startswith("等") and len(tail) > 1:  # 发展改革、人社、财政等部门: each stem names its department
        for c in stems:
            c.shape = "body"
        return group
    last = group[-1]
    if last.shape == "body":
        content = [t for t in last.tokens if t.term.category != "scope"]
        heads = [t for t in content if t.term.category in ("head", "suffix")]
        if len(heads) == 1 and content[-1] is heads[0] and all(
            t.term.category in ("stem", "mod") for t in content[:-1]
        ):
            for c in stems:
                c.shape = "body"
                c.tokens = c.tokens + [heads[0]]
                c.name_text = text[c.start : c.end] + heads[0].text
            return group
    return [c for c in group if c.shape != "stem"]


def _share_organ(text: str, group: list[Candidate]) -> None:
    """Bare places in a list take the organ of the last member: 各市（州）、县（市、区）人民政府要… names
    市（州）人民政府 too. Not a class (各县（市）区、市直有关单位: 有关单位 is no organ of the 县区), and
    not after 市直/县级 (organs under a level, not the level's own)."""
    last = group[-1]
    if len(group) < 2 or last.shape != "body":
        return
    toks = [t for t in last.tokens if t.term.category != "scope"]
    k = 0
    while k < len(toks) and toks[k].term.category in ("place", "bracket"):
        k += 1
    organ = toks[k:]
    if (
        k == 0
        or not organ
        or toks[0].text.endswith(("直", "级"))
        or any(t.term.generic for t in organ)
    ):
        return
    tail = text[organ[0].start : last.end]
    for c in group[:-1]:
        if c.shape == "place" and not c.authority:  # 中央 stays 中央 in 中央和省市县委
            c.shape = "body"
            c.tokens = c.tokens + organ
            c.name_text = text[c.start : c.end] + tail


def _group_role(text: str, group: list[Candidate], after: int, lex: Lexicon) -> tuple[str, str] | None:
    """The role of a list of names from the words around it, with the id of the rule, or None."""
    start = group[0].start
    opener = _clause_start(text, start, lex)
    before = text[max(0, start - 2) : start]
    bracket = _BRACKET_AFTER.match(text, after)
    if bracket:  # 县委组织部（牵头）, 县委组织部（以下简称组织部）负责…
        mark = bracket.group(1)
        if mark in _LEAD_MARKS:
            return "lead", "mark.lead"
        if mark in _SUPPORT_MARKS:
            return "support", "mark.support"
        after = bracket.end()
    head_text = text[after : after + 16]
    # mentions: who issues, decides, leads, requires
    if _MENTION_AFTER.match(head_text):
        return "mention", "mention.issue"
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
    # a class of bodies (单位, 有关部门, 企业) is responsible only where a modal verb says so:
    # 各单位每年初要建立…, not 支持企业牵头… (a policy for enterprises)
    if all(c.generic for c in group) and not _modal_in_clause(text, after, lex):
        return None
    if any(before.endswith(w) for w in lex.words["partner"]):
        return "support", "partner"  # 会同有关部门
    if opener and cat == "support":
        return "support", "subject.support"
    if opener and cat in ("modal", "strong", "verb"):
        return "lead", f"{opener}.{cat}"
    if (
        not opener
        and cat == "strong"
        and (not before or before[-1] not in _OBJECT_MARKERS)
        and not before.endswith(("根据", "按照", "依据"))
        and not _NOUN_PHRASE_END.match(text, after)
    ):
        return "lead", "inline.strong"
    if opener and _DUTY.match(text, after):
        return "lead", "subject.duty"  # 党支部书记是本支部党建工作第一责任人
    if len(group) > 1 and all(c.authority for c in group) and re.match(r"的?(?:对|关于|决策|部署|要求|精神|领导)", head_text):
        return "mention", "mention.authorities"
    return None


def _note_end(text: str, pos: int) -> int:
    """Where a labelled list ends: at ；。 or a line end, or at the ） that closes the note (not one
    that closes a bracket inside a name, as in 县直各部门党组（党委）)."""
    depth = 0
    for i in range(pos, min(len(text), pos + 300)):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                return i
            depth -= 1
        elif ch in "；;。\n":
            return i
    return min(len(text), pos + 300)


def _note_bodies(text: str, cands: list[Candidate]) -> Iterator[Found]:
    """Bodies in labelled lists: （牵头单位：A；配合单位：B、C）, 责任单位：A、B."""
    starts = [c.start for c in cands]
    for m in _NOTE.finditer(text):
        label = m.group(1) or "主责"  # the bodies a scheme applies to are responsible for it
        end = _note_end(text, m.end())
        i = bisect.bisect_left(starts, m.end())
        members = []
        while i < len(cands) and cands[i].end <= end:
            members.append(cands[i])
            i += 1
        members = _share_head(text, members, end) if members else members
        members = [c for c in members if c.shape == "body" or (c.shape == "place" and place_names_government(c, text))]
        for n, c in enumerate(members):
            if label in ("牵头", "主责", "主办", "负责"):
                role, rule = "lead", "note.lead"
            elif label in ("责任", "实施", "承办"):
                role, rule = ("lead", "note.lead") if n == 0 else ("support", "note.support")
            else:
                role, rule = "support", "note.support"
            yield _found(text, c, role, rule)


def _found(text: str, c: Candidate, role: str, rule: str) -> Found:
    raw = text[c.start : c.end]
    name_src = c.name_text or raw
    # drop an explanatory list of sub-types after a head: 直属党组织（党委、总支、支部） → 直属党组织
    last = c.tokens[-1]
    if last.term.category == "bracket" and "、" in last.text and len(c.tokens) > 1 and c.tokens[-2].term.category == "head":
        name_src = name_src[: len(name_src) - len(last.text)]
    # a whole name from bodies.jsonl carries its pattern id, as an EntityRuler match does
    pattern_id = next((t.term.rule for t in c.tokens if "/" in t.term.rule), "")
    return Found(c.start, c.end, raw, normalise_name(name_src), role, f"{rule}+{pattern_id}" if pattern_id else rule, c)


def _table_rows(text: str) -> Iterator[list[tuple[int, str]]]:
    """Rows of tables in the text as (offset, cell) lists: tab-separated lines (Word tables are read
    that way) and Markdown rows (``| 1 | 任务 | 牵头单位 |``); an empty list ends a table."""
    pos = 0
    for line in text.split("\n"):
        cells: list[tuple[int, str]] = []
        if "\t" in line:
            off = pos
            for cell in line.split("\t"):
                cells.append((off, cell))
                off += len(cell) + 1
        elif line.lstrip().startswith("|") and line.count("|") >= 3:
            off = pos
            for cell in line.split("|"):
                cells.append((off, cell))
                off += len(cell) + 1
        yield cells
        pos += len(line) + 1


def _table_bodies(doc: Document | None, text: str, cands: list[Candidate]) -> Iterator[Found]:
    """Bodies in the 牵头单位 / 配合单位 columns of a task-breakdown table.

    When the pipeline has already read the table (``doc.table_tasks``), a row's bodies take the
    outline path of the task the row was matched to.
    """
    from .table_tasks import header_fields

    paths: dict[str, str] = {}
    if doc is not None:
        paths = {re.sub(r"\W", "", t.task): t.path for t in doc.table_tasks if t.path and t.task}
    columns: dict[int, str] = {}
    task_col: int | None = None
    starts = [c.start for c in cands]
    for cells in _table_rows(text):
        if not cells:
            columns, task_col = {}, None
            continue
        fields = header_fields([c for _, c in cells])
        if any(f in ("lead", "support", "responsible") for f in fields) and sum(f is not None for f in fields) >= 2:
            # 责任单位 is the lead column when there is no 牵头单位 column, else the support
            resp = "support" if "lead" in fields else "lead"
            columns = {i: (resp if f == "responsible" else f) for i, f in enumerate(fields)
                       if f in ("lead", "support", "responsible")}
            task_col = fields.index("task") if "task" in fields else None
            continue
        if not columns:
            continue
        path = ""
        if task_col is not None and task_col < len(cells):
            path = paths.get(re.sub(r"\W", "", cells[task_col][1]), "")
        for i, field_name in columns.items():
            if i >= len(cells):
                continue
            lo, cell = cells[i]
            hi = lo + len(cell)
            j = bisect.bisect_left(starts, lo)
            members = []
            while j < len(cands) and cands[j].end <= hi:
                members.append(cands[j])
                j += 1
            for c in _share_head(text, members, hi) if members else []:
                if c.shape == "body" or (c.shape == "place" and place_names_government(c, text)):
                    f = _found(text, c, field_name, f"table.{field_name}")
                    f.path = path
                    yield f


def _unit_places(unit: str) -> list[str]:
    """Proper place names in the issuing unit (呼伦贝尔市海拉尔区 → 呼伦贝尔市, 海拉尔区)."""
    return [m.group() for m in _UNIT_PLACE.finditer(unit or "") if not re.match(r"[XＸx×某]", m.group())]


def _aliases(text: str, cands: list[Candidate]) -> dict[str, str]:
    """Short names the text defines for a body: 县委组织部（以下简称组织部） → {组织部: 县委组织部}."""
    out: dict[str, str] = {}
    by_end = {c.end: c for c in cands if c.shape == "body"}
    for m in _ALIAS.finditer(text):
        c = by_end.get(m.start())
        if c is None:
            continue
        before = text[c.start - 1] if c.start else ""
        if before and before in "、和及与的":
            continue  # the name is part of a longer list or phrase; the alias names all of it
        out[normalise_name(m.group(1))] = normalise_name(text[c.start : c.end])
    return out


def find_bodies(text: str, *, places: Iterable[str] = (), doc: Document | None = None) -> list[Found]:
    """Every responsible body in ``text`` with its role, in text order (one per span).

    Args:
        text: plain text.
        places: proper place names of the issuing unit, read as places.
        doc: the document, for its table paragraphs.

    >>> [(f.name, f.role) for f in find_bodies("各县（市、区）委常委要带头联系基层，市教育局配合。")]
    [('县(市、区)委常委', 'lead'), ('市教育局', 'support')]
    """
    lex = lexicon()
    cands = find_names(text, places=places, lex=lex)
    found: list[Found] = []
    found.extend(_note_bodies(text, cands))
    if ("\t" in text or "|" in text) and ("牵头" in text or "配合" in text or "责任" in text):
        found.extend(_table_bodies(doc, text, cands))
    for group, after in _groups(text, cands):
        group = _share_head(text, group, after)
        group = [c for c in group if c.shape == "body" or (c.shape == "place" and place_names_government(c, text))]
        if not group:
            continue
        decided = _group_role(text, group, after, lex)
        if decided is None:
            continue
        role, rule = decided
        for c in group:
            if c.shape == "place" and role != "mention" and not place_names_government(c, text):
                continue
            if role != "mention" and c.generic and len(group) > 1 and not _modal_in_clause(text, after, lex):
                continue
            found.append(_found(text, c, role, rule))
    aliases = _aliases(text, cands)
    best: dict[tuple[int, int], Found] = {}
    for f in found:
        if f.name in aliases:
            f.name = aliases[f.name]
        key = (f.start, f.end)
        if key not in best or _ROLE_RANK[f.role] < _ROLE_RANK[best[key].role]:
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.start, f.end))


def extract_bodies(doc: Document) -> Iterator[Body]:
    """Yield the responsible bodies of a document in text order (SPEC.md, BODY).

    Args:
        doc: a processed document; ``doc.path_at`` places each body in the outline.

    Yields:
        :class:`~policytext.types.Body` records with ``rule`` naming the context rule that fired.

    Example:
        >>> from policytext.types import Document
        >>> d = Document(doc="d", path="", format="txt", text="（三）党支部要认真落实“三会一课”制度。")
        >>> [(b.name, b.role, b.kind, b.level) for b in extract_bodies(d)]
        [('党支部', 'lead', 'party', '单位')]
    """
    for f in find_bodies(doc.text, places=_unit_places(doc.unit), doc=doc):
        yield Body(
            doc=doc.doc, text=f.text, name=f.name, role=f.role, path=f.path or doc.path_at(f.start),
            start=f.start, end=f.end, level=name_level(f.candidate), kind=name_kind(f.candidate), rule=f.rule,
        )
