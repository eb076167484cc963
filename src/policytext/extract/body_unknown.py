"""Names of bodies the lexicon does not know, read where their slot makes them responsible.

登记注册科, 综合执法支队, 镇经济发展办, 安全管理部, 市大数据工作推进小组办公室: no lexicon lists every
section and office of every unit. :mod:`policytext.extract.bodies` reads the names the lexicon knows;
this module adds a span of characters that ends in an organisation suffix where the words around it
make it a body — before 牵头/负责/配合 or a modal verb, after 会同 or 依托, as a member of a labelled
note or a table column of bodies, or next to a found body in a 、-list.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

from .. import lexicons
from .body_labels import normalise_name
from .body_lexicon import VIA_MARK, Lexicon
from .body_names import Candidate
from .body_roles import Found, word_after

__all__ = ["slot_members", "suffix_bodies"]


# A section or institution the lexicon does not know (登记注册科, 综合执法支队, 镇经济发展办, 安全管理部,
# 市大数据工作推进小组办公室), read only where a slot makes it responsible: it opens a clause (or
# follows 由) and 牵头, 负责, 配合 or a modal verb follows it directly, or it is in a list (、 和 及) that
# such a cue ends; it follows 会同/协同 and a verb follows it; it is a member of a labelled note or a
# table column of bodies; it follows a found body in a 、-list. The slot decides, not the lexicon.
# A service line's number in front of a name: 12309检察服务中心, 12345政务服务便民热线中心.
_HOTLINE = r"[0-9]{3,6}"
_HOTLINE_DIGITS = re.compile(_HOTLINE + "$")
_ORG_LONG = r"(?:支队|大队|中队|中心|机构|办公室|集团|公司|(?:领导|工作|推进|协调|专项|督导)小组)"
_SUFFIX_NAME = re.compile(
    rf"(?:{_HOTLINE})?(?:[\u4e00-\u9fff]{{2,14}}?(?:{_ORG_LONG}|[科股处室所站院队组办部局委])"
    rf"|[\u4e00-\u9fff]{{1,14}}?{_ORG_LONG})"
)
_SUFFIX_CUE = re.compile(
    r"(牵头(?![人单部])|负责(?![人同])|配合(?![单部])|协助(?![单部])|应当|必须|要(?![求点素件])"
    r"|(?:对[\u4e00-\u9fff]{2,8}?)?每(?:年|半年|季度|月|周)(?=[至要应须组开召举对进完][\u4e00-\u9fff]))"
)  # 法规股每季度组织…, 监督站对在建工程每季度开展…: how often it acts
# Words that end in an organisation suffix but are not bodies (干部, 全部, 督办, 大局, 西部, 学习小组).
_SUFFIX_NOT = re.compile(
    r"(?:场所|住所|厕所|之处|好处|网站|站点|学科|活动室|会议室|团队|队伍|(?:^|[^导作进调项])小组|之所|的"
    r"|干部|[全内外局总东西南北中头顶底尾]部|[大格布结开当]局|[督举主承协代帮创开兴包交查法合首好难么]办)$"
    r"|[的是在对为将把和与]|会同|协同|(?<!重)要(?!素)"  # (not across a verb: 街道综治中心要会同派出所)
)
# The last characters of _SUFFIX_NAME: a name before a cue ends in one.
_SUFFIX_LAST = frozenset("队心构科股处室所站院组办部局委团司")
_BEFORE_CUE = re.compile(f"[{''.join(sorted(_SUFFIX_LAST))}](?={_SUFFIX_CUE.pattern})")
_SUFFIX_OPEN = set("，,。；;：:！!？?\n\t 　）).．")  # (. after an item number: 1.法规股牵头…)
# A member of a labelled note or a table column (社会事务办, 教务处, 镇人社服务所): the slot makes it
# a body whatever its stem, so more endings count (…会, …馆, …公司); a quoted formula may be inside.
_SLOT_NAME = re.compile(
    rf"(?:各级|各)?[\u4e00-\u9fff“”]{{1,16}}?(?:{_ORG_LONG}|[科股处室所站院队组办部局委会馆校厅])"
)
# The conjunctions a name may hold (规划发展与信息化处, 宣传和统战部), taken out before _SUFFIX_NOT.
_JOINED = re.compile("[和与]")
# Coordinating bodies a plan works through: 依托市…工作领导小组，建立…机制.
_VIA_NAME = re.compile(
    r"依托([\u4e00-\u9fff]{2,18}?(?:领导小组|工作小组|推进小组|工作专班|联席会议|指挥部|委员会))(?=[，,])"
)


@functools.cache
def _openers() -> re.Pattern[str]:
    """Words that open a clause before its subject: of enumeration (一是, 同时, 此外) and periods that
    name no number (年内, 全年, 上半年, 年底前: the rows of periods.tsv of those ids)."""
    periods = [row["pattern"] for row in lexicons.target_periods()
               if row["id"] in ("within_year", "year_end", "half_year", "full_year")]
    return re.compile("(?:[一二三四五六七八九十]是|其次|同时|另外|此外|特别是|尤其是|" + "|".join(periods) + ")+")


def _after_openers(text: str, s: int, e: int) -> int:
    """Where a name that the clause start ``s`` opens begins: after its opening words, if a name is left."""
    m = _openers().match(text, s, e)
    return m.end() if m and e - m.end() >= 2 else s


def _is_unknown_name(name: str) -> bool:
    return bool(_SUFFIX_NAME.fullmatch(name)) and not _SUFFIX_NOT.search(name)


def suffix_bodies(text: str, found: list[Found], lex: Lexicon) -> list[Found]:
    """Unknown names ending in an organisation suffix, licensed by a cue of responsibility."""
    spans = sorted((f.start, f.end) for f in found)
    ends = {s: e for s, e in spans}
    out: list[Found] = []
    found_ends = {e: s for s, e in spans}
    # the cues right after a suffix character or a known name (most cues follow neither: the
    # regex finds the first kind in one pass, and a known name is looked up where it ends)
    cues = {m.end() for m in _BEFORE_CUE.finditer(text)}
    cues.update(e for e in found_ends if _SUFFIX_CUE.match(text, e))
    for pos in sorted(cues):
        m = _SUFFIX_CUE.match(text, pos)
        known = found_ends.get(m.start())
        if known is not None and m.group(1)[0] in "每对":
            continue  # how often a known name acts: the lexicon's names have their own rules
        if known is None:
            if text[m.start() - 1 : m.start()] not in _SUFFIX_LAST:
                continue  # what comes right before the cue is neither a known name nor an unknown one
        elif known == 0 or text[known - 1] in _SUFFIX_OPEN or text[known - 1] == "由":
            continue  # a known name opens the clause: nothing unknown before it
        cue = m.group(1)
        members: list[tuple[int, int]] = []
        pos = m.start()
        # walk back over members joined by 、 和 及 to the clause start
        while True:
            lo = max(0, pos - 17)
            seg = text[lo:pos]
            j = len(seg)
            while j > 0 and "\u4e00" <= seg[j - 1] <= "\u9fff" and seg[j - 1] not in "、":
                j -= 1
            start = lo + j
            if start == lo and lo > 0 and "\u4e00" <= text[lo - 1] <= "\u9fff":
                members = []
                break  # longer than a name
            digits = _HOTLINE_DIGITS.search(text, max(0, start - 6), start)
            if digits and (digits.start() == 0 or not text[digits.start() - 1].isalnum()):
                start = digits.start()  # 12309检察服务中心
            members.append((start, pos))
            if start > 0 and text[start - 1] == "、":
                pos = start - 1
                continue
            break
        if not members:
            continue
        s0 = members[-1][0]
        opener = s0 == 0 or text[s0 - 1] in _SUFFIX_OPEN
        if not opener:
            continue
        role = "support" if cue in ("配合", "协助") else "lead"
        # the doer follows 由 (本办法由县委组织部负责解释) and the words that open a clause before its
        # subject (年内区医院要…, 同时镇综治办负责…)
        members = [(s + text[s:e].rfind("由") + 1, e) for s, e in members]
        members = [(_after_openers(text, s, e), e) for s, e in members]
        for s, e in members:
            if ends.get(s) == e:
                continue  # the lexicon has it
            if not _is_unknown_name(text[s:e]):
                members = []
                break
        for s, e in members:
            if ends.get(s) != e:
                out.append(Found(s, e, text[s:e], normalise_name(text[s:e]), role, f"suffix.{role}"))
    starts = {s for s, _ in spans}
    out.extend(_partner_bodies(text, starts, lex))
    if VIA_MARK in lex.marks(text):
        out.extend(Found(m.start(1), m.end(1), m.group(1), normalise_name(m.group(1)), "lead", "suffix.via")
                   for m in _VIA_NAME.finditer(text) if m.start(1) not in starts)
    out.extend(_list_bodies(text, found, starts, [s for s, _ in spans], lex))
    return out


def _starts_inside(order: list[int], a: int, b: int) -> bool:
    """Whether a found body starts strictly inside ``(a, b)`` (``order``: the starts, sorted)."""
    k = bisect.bisect_right(order, a)
    return k < len(order) and order[k] < b


def _partner_bodies(text: str, starts: set[int], lex: Lexicon) -> Iterator[Found]:
    """An unknown name after 会同 that a verb follows: 营销部要会同调度中心做好… (support). Not after
    协同 or 联合, which also make nouns (联合实验室, 协同创新中心)."""
    for p in lex.marks(text).get("会同", ()):
        q = p + 2
        if q in starts:
            continue  # a known name
        for e in range(q + 2, min(len(text), q + 17)):
            if not "\u4e00" <= text[e - 1] <= "\u9fff":
                break
            if text[e - 1] in _SUFFIX_LAST and _is_unknown_name(text[q:e]):
                if word_after(text, e, lex)[1] in ("verb", "modal", "strong") or text[e : e + 1] in "、等":
                    yield Found(q, e, text[q:e], text[q:e], "support", "suffix.partner")
                break


def _list_bodies(
    text: str, found: list[Found], starts: set[int], order: list[int], lex: Lexicon
) -> Iterator[Found]:
    """Unknown members after a found body in a 、-list take its role: 市工业和信息化局、市地方金融管理局、
    …等部门配合. A member ends at the next 、, at 等, or before a verb of responsibility."""
    for f in found:
        if f.role == "mention":
            continue
        if text[f.start - 1 : f.start] == "、" and text[f.start - 2 : f.start - 1] in _SUFFIX_LAST:
            yield from _list_before(text, f, starts, order)  # an unknown name may end before the 、
        if text[f.end : f.end + 1] != "、":
            continue
        q = f.end + 1
        while q not in starts:
            end = 0
            for e in range(q + 2, min(len(text), q + 17)):
                ch = text[e - 1]
                if not "\u4e00" <= ch <= "\u9fff":
                    break
                if ch in _SUFFIX_LAST and (text[e : e + 1] in "、等" or word_after(text, e, lex)[1] in ("modal", "strong", "support")):
                    end = e
                    break
            if not end or not _SUFFIX_NAME.fullmatch(text[q:end]) or _SUFFIX_NOT.search(text[q:end].replace("和", "")):
                break
            if _starts_inside(order, q, end):
                break  # a known name inside: the piece is a phrase (同步报国家发展改革委)
            yield Found(q, end, text[q:end], text[q:end], f.role, f"list.{f.role}")
            if text[end : end + 1] != "、":
                break
            q = end + 1


def _list_before(text: str, f: Found, starts: set[int], order: list[int]) -> list[Found]:
    """Unknown members before a found body in a 、-list that opens a clause (…，X、Y、市财政局配合),
    all of them names, or none."""
    out: list[Found] = []
    end = f.start - 1
    while True:
        a = end
        while a > 0 and end - a < 17 and "\u4e00" <= text[a - 1] <= "\u9fff":
            a -= 1
        if text[a] == "由":
            a += 1
        name = text[a:end]
        if _starts_inside(order, a, end):
            return []  # a known name inside: the piece is a phrase (同步报国家发展改革委、财政部备案)
        if a not in starts:
            if not _SUFFIX_NAME.fullmatch(name) or _SUFFIX_NOT.search(name.replace("和", "")):
                return []
            out.append(Found(a, end, name, name, f.role, f"list.{f.role}"))
        before = text[a - 1 : a]
        if before == "、":
            end = a - 1
            continue
        return out if a == 0 or before in _SUFFIX_OPEN or before == "由" else []


# What separates the members of a note (、, or a comma: 责任单位：A（牵头），B，C), and a role mark after one.
_MEMBER_SPLIT = re.compile("[、，,]")
_ROLE_MARK_END = re.compile(r"[（(](?:牵头|配合|主责|主办|协办|负责)[）)]$")


def slot_members(text: str, lo: int, hi: int, cands: list[Candidate]) -> list[tuple[int, int]]:
    """The members of a labelled note or a table cell (``text[lo:hi]``, split at 、) that no name of
    the lexicon spans whole but that end in an organisation noun: 社会事务办, 各二级党组织."""
    out = []
    pos = lo
    for piece in _MEMBER_SPLIT.split(text[lo:hi]):
        a, b = pos, pos + len(piece)
        pos = b + 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        mark = _ROLE_MARK_END.search(text, a, b)
        if mark:
            b = mark.start()  # 厅公共服务处（牵头）: the mark is the note's, not the name's
        # a name may hold 和/与 (规划发展与信息化处): the slot's members are split at 、 only
        if b - a < 2 or not _SLOT_NAME.fullmatch(text, a, b) or _SUFFIX_NOT.search(_JOINED.sub("", text[a:b])):
            continue
        if any(c.start == a and c.end == b for c in cands):
            continue  # the lexicon has it
        if _JOINED.search(text, a, b) and any(a < c.start < b for c in cands):
            continue  # known names joined by 和/与 (市卫健委与市医保局): each is a member itself
        out.append((a, b))
    return out
