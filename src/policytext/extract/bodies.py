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
   verb (要, 应当, 必须). 党员, 群众 and 干部 alone are never bodies. The rules on the words
   around a list are in :mod:`policytext.extract.body_roles`; this module reads lists, labelled
   notes, tables and aliases. Names that no rule could make responsible are not even built (the
   ``keep`` test of :func:`~policytext.extract.body_names.find_names`): most names in a text are
   not, and building them cost more than finding them.

Names the lexicon does not know (镇经济发展办, 教务处, 安全管理部) are read where the slot alone makes
a body responsible: before a cue (…牵头, …要), after 会同 or 依托, in a note or a table cell, next to a
found body in a 、-list (:mod:`policytext.extract.body_unknown`). One body is kept per place: one found inside a
longer one is dropped (理论学习中心组 inside 各部门党组（党委）理论学习中心组).

The normalised ``name`` unifies brackets, drops a leading 各/各级/全市/其他 and follows aliases the
document defines (市委组织部（以下简称组织部） → 组织部 is named 市委组织部).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from ..types import Body, Document, make_record
from .body_lexicon import HEADING_WORDS
from .body_names import (
    LIST_SEPARATORS,
    Candidate,
    find_names,
    lexicon,
    name_kind,
    name_level,
    name_tokens,
    normalise_name,
    place_names_government,
)
from .body_roles import ALIAS, LIST_END, Found, Relevance, group_role, modal_in_clause
from .body_unknown import slot_members, suffix_bodies
from .table_tasks import header_field
from .text_tables import table_rows

__all__ = ["Found", "extract_bodies", "find_bodies", "lexicon", "name_tokens", "normalise_name"]

_ROLE_RANK = {"lead": 0, "support": 1, "mention": 2}

# Proper place names at the start of an issuing unit (呼伦贝尔市, 阿坝州, 海拉尔区).
_UNIT_PLACE = re.compile(r"[\u4e00-\u9fff]{2,7}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|地区|县|区|旗|镇|乡|街道)")
# Labels of lists of bodies in notes and tables: （牵头单位：…；配合单位：…） 责任单位：…
# Two patterns, each opening with a group of literals: the regex engine then skips, in C, every
# character no label starts with (one pattern with both forms behind a lookahead tries them all).
_NOTE_LABEL = re.compile(
    r"(牵头|主责|主办|责任|负责|实施|承办|配合|协办|协助|参与)(?:单位|部门|科室|处室|领导|人)\s*[:：]\s*"
)
_LABEL_LAST = frozenset("位门室导人")  # the last characters of a _NOTE_LABEL before its colon
_NOTE_HEADING = re.compile(rf"({'|'.join(HEADING_WORDS)})\s*(?:[:：]\s*|\n)")  # 一、考核对象⏎各乡镇党委、…
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
            if gap in LIST_SEPARATORS or gap == "":
                group.append(cands[j])
                j += 1
            else:
                break
        after = group[-1].end
        m = LIST_END.match(text, after) if text.startswith("等", after) else None
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


def _label_matches(text: str) -> list[re.Match]:
    """``_NOTE_LABEL.finditer(text)``, tried only before colons (a label ends in one; a scan of the
    whole text costs several times more). A label is two characters and a one- or two-character
    noun before the spaces before its colon, so it can start at two places only."""
    starts: set[int] = set()
    for colon in ("：", ":"):
        p = text.find(colon)
        while p >= 0:
            q = p
            while q > 0 and text[q - 1].isspace():  # \s as the regex reads it
                q -= 1
            if text[q - 1 : q] in _LABEL_LAST:
                starts.update((q - 3, q - 4))
            p = text.find(colon, p + 1)
    out: list[re.Match] = []
    pos = 0
    for start in sorted(s for s in starts if s >= 0):
        if start >= pos and (m := _NOTE_LABEL.match(text, start)):  # leftmost first, as finditer
            out.append(m)
            pos = m.end()
    return out


def _notes(text: str) -> list[tuple[str, int, int]]:
    """Labelled lists of bodies: (label, start, end) of each list after its label."""
    found = [(m.start(), m.end(), m.group(1)) for m in _label_matches(text)]
    # the bodies a scheme applies to (考核对象) are responsible for it
    marks = lexicon().marks(text)
    if any(w in marks for w in HEADING_WORDS):  # a heading word is rare: the regex only runs then
        found += [(m.start(), m.end(), "主责") for m in _NOTE_HEADING.finditer(text)]
    out, pos = [], 0
    for start, end, label in sorted(found):
        if start >= pos:  # as one pattern would: leftmost first, none inside another
            out.append((label, end, _note_end(text, end)))
            pos = end
    return out


def _note_bodies(text: str, cands: list[Candidate], notes: list[tuple[str, int, int]]) -> Iterator[Found]:
    """Bodies in labelled lists: （牵头单位：A；配合单位：B、C）, 责任单位：A、B."""
    starts = [c.start for c in cands]
    for label, lo, end in notes:
        i = bisect.bisect_left(starts, lo)
        members = []
        while i < len(cands) and cands[i].end <= end:
            members.append(cands[i])
            i += 1
        members = _share_head(text, members, end) if members else members
        members = [c for c in members if c.shape == "body" or (c.shape == "place" and place_names_government(c, text))]
        unknown = slot_members(text, lo, end, members)
        first = min([c.start for c in members] + [a for a, _ in unknown], default=lo)
        for c in members:
            role, rule = _note_role(label, c.start == first)
            yield _found(text, c, role, rule)
        for a, b in unknown:
            role, rule = _note_role(label, a == first)
            yield Found(a, b, text[a:b], normalise_name(text[a:b]), role, rule)


def _note_role(label: str, first: bool) -> tuple[str, str]:
    """The role a note's label gives a member (责任单位: the first leads, the others support)."""
    if label in ("牵头", "主责", "主办", "负责"):
        return "lead", "note.lead"
    if label in ("责任", "实施", "承办") and first:
        return "lead", "note.lead"
    if label in ("责任", "实施", "承办"):
        return "support", "note.support"
    return "support", "note.support"


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


def _table_cells(doc: Document | None, text: str) -> list[tuple[int, int, str, str]]:
    """The cells of the 牵头单位 / 配合单位 columns of task-breakdown tables: (start, end, role,
    path) each, in text order.

    When the pipeline has already read the table (``doc.table_tasks``), a row's cells take the
    outline path of the task the row was matched to.
    """
    paths: dict[str, str] = {}
    if doc is not None:
        paths = {re.sub(r"\W", "", t.task): t.path for t in doc.table_tasks if t.path and t.task}
    out: list[tuple[int, int, str, str]] = []
    columns: dict[int, str] = {}
    task_col: int | None = None
    for cells in table_rows(text):
        if not cells:
            columns, task_col = {}, None
            continue
        fields = [header_field(c) for _, c in cells]
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
            if i < len(cells):
                lo, cell = cells[i]
                out.append((lo, lo + len(cell), field_name, path))
    return out


def _table_bodies(text: str, cands: list[Candidate], cells: list[tuple[int, int, str, str]]) -> Iterator[Found]:
    """Bodies in the 牵头单位 / 配合单位 columns of a task-breakdown table (``cells``: see
    :func:`_table_cells`)."""
    starts = [c.start for c in cands]
    for lo, hi, field_name, path in cells:
        j = bisect.bisect_left(starts, lo)
        members = []
        while j < len(cands) and cands[j].end <= hi:
            members.append(cands[j])
            j += 1
        members = _share_head(text, members, hi) if members else []
        members = [c for c in members if c.shape == "body" or (c.shape == "place" and place_names_government(c, text))]
        for c in members:
            f = _found(text, c, field_name, f"table.{field_name}")
            f.path = path
            yield f
        for a, b in slot_members(text, lo, hi, members):  # every member of the cell is a body
            yield Found(a, b, text[a:b], normalise_name(text[a:b]), field_name, f"table.{field_name}", path=path)


def _unit_places(unit: str) -> list[str]:
    """Proper place names in the issuing unit (呼伦贝尔市海拉尔区 → 呼伦贝尔市, 海拉尔区)."""
    return [m.group() for m in _UNIT_PLACE.finditer(unit or "") if not re.match(r"[XＸx×某]", m.group())]


def _aliases(text: str, cands: list[Candidate]) -> dict[str, str]:
    """Short names the text defines for a body: 县委组织部（以下简称组织部） → {组织部: 县委组织部}."""
    out: dict[str, str] = {}
    if "称" not in text:
        return out  # no alias (简称, 统称, 称)
    by_end = {c.end: c for c in cands if c.shape == "body"}
    for m in ALIAS.finditer(text):
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
    tables = ("\t" in text or "|" in text) and ("牵头" in text or "配合" in text or "责任" in text)
    cells = _table_cells(doc, text) if tables else []
    notes = _notes(text)
    # the names in labelled notes and in table cells of bodies are read whatever follows them
    spans = [(lo, hi) for _, lo, hi in notes] + [(lo, hi) for lo, hi, _, _ in cells]
    cands = find_names(text, places=places, lex=lex, keep=Relevance(text, lex, spans))
    found: list[Found] = []
    found.extend(_note_bodies(text, cands, notes))
    found.extend(_table_bodies(text, cands, cells))
    for group, after in _groups(text, cands):
        if len(group) > 1 or group[0].shape != "body":  # (one body alone is the list: most are)
            group = _share_head(text, group, after)
            group = [c for c in group if c.shape == "body" or (c.shape == "place" and place_names_government(c, text))]
            if not group:
                continue
        decided = group_role(text, group, after, lex)
        if decided is None:
            continue
        role, rule = decided
        for c in group:
            if c.shape == "place" and role != "mention" and not place_names_government(c, text):
                continue
            if role != "mention" and c.generic and len(group) > 1 and not modal_in_clause(text, after, lex):
                continue
            found.append(_found(text, c, role, rule))
    extra = suffix_bodies(text, found, lex)
    if extra:
        # a longer unknown name replaces a lexicon name it ends with (特种设备安全监察科 ⊃ 监察科)
        found = [f for f in found if not any(x.start < f.start and f.end == x.end for x in extra)]
        found.extend(extra)
    aliases = _aliases(text, cands)
    best: dict[tuple[int, int], Found] = {}
    for f in found:
        if f.name in aliases:
            f.name = aliases[f.name]
        key = (f.start, f.end)
        if key not in best or _ROLE_RANK[f.role] < _ROLE_RANK[best[key].role]:
            best[key] = f
    return _outermost(sorted(best.values(), key=lambda f: (f.start, -f.end)))


def _outermost(found: list[Found]) -> list[Found]:
    """Drop a body whose span lies inside another found at the same place: 理论学习中心组 inside
    各部门党组（党委）理论学习中心组 is the same body, read again by a rule that saw only its end.
    ``found`` is sorted by start, longest first."""
    out: list[Found] = []
    reach = -1
    for f in found:
        if f.end <= reach:
            continue
        out.append(f)
        reach = f.end
    return out


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
    places = _unit_places(doc.unit)
    for f in find_bodies(doc.text, places=places, doc=doc):
        level, kind = _labels(f, places)
        yield make_record(Body, dict(
            doc=doc.doc, text=f.text, name=f.name, role=f.role, path=f.path or doc.path_at(f.start),
            start=f.start, end=f.end, level=level, kind=kind, rule=f.rule,
        ))


def _labels(f: Found, places: Iterable[str]) -> tuple[str, str]:
    """The level and kind of a body. A name the lexicon does not hold whole (县绩效办, 驻局纪检组) is
    read as the terms it has: a place gives the level; the kind comes only from an organ word whose
    owner is read too (派出所, 环保部), not from a lone 部 or 办 after words unknown (法务部: a company's?)."""
    if f.candidate is not None:
        return name_level(f.candidate), name_kind(f.candidate)
    tokens = name_tokens(f.text, places=places)
    if not tokens:
        return "", ""
    c = Candidate(0, len(f.text), tokens, "body", 0)
    last = tokens[-1]
    owner_unknown = last.term.category == "suffix" and (len(tokens) == 1 or tokens[-2].end != last.start)
    return name_level(c), "" if last.end != len(f.text) or owner_unknown else name_kind(c)
