"""Title, issuing unit and year of a document, read from its first lines, its body and its end.

The three fields are looked for where a reader looks for them:

- *title*: the first line that is not a notice added by a website or database (本文为…投稿…,
  【法宝引证码】, 来源：, 原文链接), a letterhead or routing line (某县人民政府文件, 某政办发〔2023〕12号,
  签发人, 密级, 特急, ★), an ``附件1`` line or a Markdown front matter; a title broken over lines is
  joined (``在第18期…培训班、`` / ``…开班典礼上的致辞``; ``某县人民政府办公室`` / ``关于印发…的通知``;
  an open ``《`` or ``（``; a period ``（2023—2025年）`` or a status ``（试行）`` on a line of its own).
  A government work report that has lost its title line is titled 政府工作报告.
- *unit* (as written, ``×市``, ``县直机关``, ``公司``, ``XX局``): from the title (``×市2020年…``,
  ``2020年县直机关党建…``, ``某州人民政府办公室关于印发…``), else the notice header, the letterhead
  (``某县人民政府文件``), the opening lines of a government work report (``在某区第十届人民代表大会…``,
  ``我代表某县人民政府``), the signature above a date (under the title, after a notice, at the end),
  the first lines of the body (``2020年，公司党建工作…``), the speaker's own unit (``我谨代表某校…``),
  and last the level the text speaks of (全市, 我县) named as the text names it (XX市, 某市委 → 某市).
  Two issuers (``中共某市委办公室 某市人民政府办公室``) give the place they share (某市).
- *year*: from the title (2020年, 二〇二〇年, 2020年度; the first year of a span 2023—2025年 or of a
  five-year plan “十四五”), else a date line under the title, else the year of the plan in the body
  (2022年工作任务), else the date signed, else the first year of the body that is not a deadline.

Unit names are recognised by their suffix (省 市 县 区 … 局 委 公司 机关), from
``lexicons/unit_levels.tsv`` and ``lexicons/issuer_suffixes.tsv``. Everything is regular expressions
over the first ~60 and the last ~15 lines, so that metadata costs nothing next to the extractors.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .lexicons import unit_name_suffixes
from .numerals import chinese_to_int
from .outline import match_marker
from .types import Item, RawDocument, Source

__all__ = ["Metadata", "extract_metadata", "find_title", "find_year", "find_unit"]


@dataclass(frozen=True)
class Metadata:
    """What :func:`extract_metadata` finds; "" / None where nothing was found."""

    title: str = ""
    unit: str = ""
    year: int | None = None


_Y4 = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})"
_CN_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"

#: Organ words that alone name no unit (政府工作报告 is no report of a unit called 政府).
BARE_ORGANS = frozenset({"政府", "人民政府", "委员会", "党组", "办公厅", "协会"})
#: Lines added by websites, databases and authors, never a title: 本文为…投稿, 来源：…
NOISE_LINE = re.compile(
    r"本文系|仅供(?:学习)?参考|请勿(?:照搬|转载)|版权(?:所有|归)|转载|【法宝引证码】|法宝引证码|原文链接|https?://|www\.|"
    r"^(?:来源|时间|作者|发布(?:时间|日期|机构)|发文(?:字号|机关)|浏览(?:次数)?|点击(?:数)?|字号|分享|打印|关闭|首页|"
    r"责任编辑|编辑)[:：]?|^[>»›]$|^【字体|^[大中小】]$|^政府信息公开$|摄$|记者|^[·•\-—=*#_\s]*$|^目\s*录$"
)
#: The letterhead and routing lines of an official document (GB/T 9704 版头), never a title:
#: 某县人民政府文件, 签发人：…, 密级 and 紧急程度 (秘密★1年, 特急), 份号 (000123), 公开属性.
LETTERHEAD = re.compile(
    r"^(?:[^，。；：:、“”《》]{2,40}?)文件$|签发人|★|^(?:密级|紧急程度|缓急|份号|保密期限)[:：]?|"
    r"^(?:特急|加急|特提|平急|急件|绝密|机密|秘密|内部|内部资料|主动公开|依申请公开|不予公开)$|"
    r"^[（(](?:此件)?(?:公开发布|主动公开|不予公开|依申请公开|不公开)[）)]$|^\d{4,8}$"
)
#: A letterhead that names the issuers: 中共某县委 某县人民政府文件.
LETTERHEAD_ISSUER = re.compile(r"^([^，。；：:、“”《》]{2,40}?)文件$")
#: An attachment label on a line of its own: 附件 / 附件1 / 附件2：
ATTACHMENT_LABEL = re.compile(r"附件\s*[\d一二三四五六七八九十]*\s*[:：]?$")
#: An attachment label before a title on the same line: 附件1：某县…方案
ATTACHMENT_PREFIX = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[:：]\s*(?=\S)")
#: A document number: 某府办发〔2021〕12号, 某发〔2022〕第3号.
DOC_NUMBER = re.compile(r"[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*第?\s*\d+\s*号")
#: A document number in brackets after a title on the same line: …的通知（某政发〔2023〕12号）.
DOC_NUMBER_TAIL = re.compile(r"\s*[（(][^\s（）()]{0,12}[〔［\[【]\s*\d{4}\s*[〕］\]】]\s*第?\s*\d+\s*号[）)]\s*$")
#: A subtitle or date line under a title: ——2016年2月19日在…, （2022年10月16日）, 2026年1月27日在…
SUBTITLE = re.compile(rf"[—–\-－]{{1,2}}|[（(]\s*{_Y4}\s*年|{_Y4}年\d{{1,2}}月")
#: A line that completes the title above it: a period （2023—2025年）, a status （试行）.
TITLE_TAIL_LINE = re.compile(
    r"[（(]\s*(?:[^（）()]{0,12}[—–\-－~～至到][^（）()]{0,12}年度?|试行|暂行|征求意见稿|送审稿|讨论稿|"
    rf"修订稿?|{_Y4}\s*年\s*(?:修订|修正|版))\s*[）)]"
)
#: A salutation that opens a speech or report: 同志们： 各位代表：
SALUTATION = re.compile(r".{1,12}[:：]$")
#: Characters a title line never holds: sentence punctuation inside the line.
SENTENCE = re.compile(r"[。；;！!？?]")
#: The start of a notice's own title after its issuers: 关于印发…, 印发…, 转发…
NOTICE_START = re.compile(r"(?:关于|印发|转发)")
#: Title lines from Markdown (# 标题, % 标题 of pandoc) and from YAML front matter (title: 标题).
MD_HEADING = re.compile(r"^(?:#{1,6}|%)\s*")
FRONT_MATTER_TITLE = re.compile(r"^title\s*:\s*[\"']?(.+?)[\"']?\s*$", re.I)
#: A year written in Arabic or Chinese digits, followed by 年 (2020年, 二〇二〇年, 2020年度).
YEAR = re.compile(rf"(?<!\d)({_Y4})(?:\s*[—–\-－~～至到]\s*{_Y4})?\s*年")
#: A five-year plan: “十四五” (2021—2025), 十三五规划; the n-th plan starts in 1966 + 5 (n - 3).
FIVE_YEAR_PLAN = re.compile(r"[“\"]十([一二三四五六七八九]?)五[”\"]|十([一二三四五六七八九])五(?=规划|时期|期间|发展)")
#: A date on a line of its own: the date a document is signed (2023年3月1日, 二〇二三年三月).
DATE_LINE = re.compile(rf"^[（(]?\s*({_Y4})\s*年\s*{_CN_NUM}\s*月(?:\s*{_CN_NUM}\s*日)?\s*(?:印发)?[）)]?$")
#: Where a unit name in a title ends: the first word of the title's subject.
TOPIC_START = re.compile(
    r"(?:人民政府工作|政府工作|党建|党的|党风|党员|党组织|基层|机关|全面|深化|推进|开展|实施|贯彻|落实|加强|关于|"
    r"工作|年|第|“|《|\d{4}|[〇○零一二三四五六七八九]{4})"
)
#: The issuer of a notice: 某县人民政府办公室关于印发…, 某局印发《…》的通知.
NOTICE_ISSUER = re.compile(r"^(.{2,60}?)(?:关于|印发|转发)")
#: Government work reports, in order of trust: the congress the report is given to, the
#: speaker's office, the government or body the speaker represents.
REPORT_PLACE = (
    re.compile(r"在([^\s，。、；：“”（）()]{2,20}?)第[一二三四五六七八九十\d]{1,4}届人民代表大会"),
    re.compile(r"(?:^|\n)([^\s，。、；：“”（）()]{2,12}?[省市县区州旗盟])(?:人民政府)?[副代]?(?:省长|市长|县长|区长|旗长|州长|盟长)"),
    re.compile(r"我代表([^\s，。、；：“”（）()]{2,20}?)(?:人民政府|政府)"),
    re.compile(r"我代表(国务院)"),
    re.compile(r"我代表([^\s，。、；：“”（）()]{2,20}?)(?:，)?向大会"),
)
#: What only a government work report says: the speaker reports for a government to a congress.
REPORT_CUE = re.compile(r"我代表[^。\n]{0,24}?(?:人民政府|政府|国务院)[^。\n]{0,8}?向大会|向大会报告政府工作")
#: The speaker's own unit in a speech: 我谨代表某学院党委，向… (a name of three characters or more).
SPEAKER_UNIT = re.compile(r"我谨?代表([^\s，。、；：“”（）()全我本各]{3,20}?)(?:，|向|对)")
#: Years of a plan or task list (2022年工作任务, 2021年度工作要点): preferred to the year reviewed.
PLAN_YEAR = re.compile(
    rf"(?<!\d)({_Y4})\s*年度?(?:的)?(?:工作任务|工作安排|重点工作|工作要点|工作计划|"
    r"主要任务|主要目标|总体要求|经济社会发展|发展主要预期目标|党建工作要点)"
)
#: A body that opens with the organ's Party group or committee: 局党组…, 公司党委…, 厅机关….
ORGAN_LEAD = re.compile(r"(局|厅|公司|集团|中心|学校|医院|院)(?:党组|党委|机关|领导班子)")
#: Words before a year that make it a deadline (到2025年底), not the year the document is for.
DEADLINE_BEFORE = re.compile(r"(?:到|至|截至|截止|于)$")
#: 全市 / 我县 / 本局 / 全公司: the level of unit a text speaks of.
LEVEL_WORD = re.compile(r"(?:全|我|本)(省|市|县|区|州|盟|旗|镇|乡|公司|集团|系统|机关|街道)|(?:我|本)(局|委|厅)")
#: 全 / 我 / 本 before a bare level (全镇, 我县): the unit is that level of the speaker.
LEVEL_PREFIX = re.compile(r"^(?:全|我|本)(?=(?:省|市|县|区|州|盟|旗|镇|乡|局|公司|系统)$)")
#: A placeholder name of a unit: XX市, ××县, 某区, X局.
PLACEHOLDER_NAME = r"(?:[XxＸ×]{1,3}|某{1,2})"
#: Endings of a place name, the part two issuers share (中共某市委办公室, 某市人民政府办公室 → 某市).
PLACE_ENDS = ("自治区", "自治州", "自治县", "街道", "新区", "省", "市", "县", "区", "州", "旗", "盟", "镇", "乡")
#: The Party prefix of an organ's name, not part of the place: 中共某县委.
PARTY_PREFIX = re.compile(r"^(?:中共|中国共产党)")
#: Characters that never open a place name: 在全市, 关于, level words (全市, 我县), the level itself (市委).
NOT_PLACE_START = "在关为对全我本各该省市县区州旗盟镇乡村局委厅"
#: What a place name is written in: characters, or a placeholder (XX市, ××县).
PLACE_CHARS = re.compile(r"[\u4e00-\u9fffXxＸ×]+")
#: Words after a place name that show it is one: 某市委, 某市人民政府, 在某市第十届…, 某市2020年….
PLACE_CONTEXT = r"(?=委|人民政府|政府|人大|政协|党委|党工委|办事处|第[一二三四五六七八九十]{1,3}届|\d{4}年|党建|直属|直机关)"
PLACE_LEFT = r"(?:^|(?<=[\s，。、；：:“”《》（）()])|(?<=中共)|(?<=在))"


def unit_suffixes() -> tuple[str, ...]:
    """Endings of unit names, longest first (lexicons/unit_levels.tsv and issuer_suffixes.tsv)."""
    return unit_name_suffixes()


def _ends_as_unit(name: str) -> bool:
    return name.endswith(unit_suffixes())


def _clean(line: str) -> str:
    return line.strip().strip("\ufeff#*").strip()


def _spaced_out(line: str) -> str:
    """政 府 工 作 报 告 → 政府工作报告 (titles spaced out for layout), other lines unchanged."""
    parts = line.split()
    if len(parts) >= 3 and all(len(p) == 1 for p in parts):
        return "".join(parts)
    return line


# --------------------------------------------------------------------------------------------
# Title
# --------------------------------------------------------------------------------------------


def _is_noise(line: str) -> bool:
    return bool(
        NOISE_LINE.search(line) or ATTACHMENT_LABEL.fullmatch(line) or DOC_NUMBER.search(line)
        or LETTERHEAD.search(line)
    )


def _title_like(line: str) -> bool:
    return (
        0 < len(line) <= (150 if _looks_complete(line) else 80) and not SENTENCE.search(line.rstrip("。"))
        and not (line.endswith("。") and "，" in line)  # 为…，制定本方案。 is the body's first sentence
        and not SUBTITLE.match(line) and not SALUTATION.fullmatch(line) and not _is_noise(line)
    )


def _looks_complete(line: str) -> bool:
    """A title that already ends in a genre word (…工作要点, …的通知, …的讲话)."""
    return bool(re.search(
        r"(?:方案|办法|细则|要点|计划|意见|规划|规定|通知|报告|决定|讲话|致辞|总结|安排|纲要|通报|函|批复)[》”]?"
        r"(?:[（(][^（）()]{1,16}[）)])?$", line))


def _unbalanced(text: str) -> bool:
    """An open 《, （ or “ that the line does not close: the title goes on on the next line."""
    return any(text.count(a) > text.count(b) for a, b in ("《》", "（）", "()", "“”"))


def _cut_subtitle(line: str) -> str:
    """政府工作报告——2021年3月1日在… → 政府工作报告; a dash inside brackets (（2023—2025年）) stays."""
    depth = 0
    for i, ch in enumerate(line):
        if ch in "（(《“":
            depth += 1
        elif ch in "）)》”":
            depth -= 1
        elif ch in "—–" and depth <= 0 and i > 0 and not line[i - 1].isdigit():
            return line[:i].rstrip()
    return line


def _issuer_names(line: str) -> list[str]:
    """中共某市委办公室 某市人民政府办公室 → the two names; [] when the line is not issuers alone."""
    names = [n for n in re.split(r"[\s\u3000、]+", line) if n]
    ok = names and all(_ends_as_unit(n) and not SENTENCE.search(n) and len(n) <= 30 for n in names)
    return names if ok else []


def _prepare(line: str) -> str:
    """A line as a title candidate: Markdown and attachment labels off, a bracketed 文号 after it off."""
    line = line.strip()
    if len(line) > 160:
        return line  # a paragraph, never a title: spare the regular expressions
    if line.startswith(("#", "%")):
        line = MD_HEADING.sub("", line)
    line = _clean(line)
    if line.startswith("附件"):
        line = ATTACHMENT_PREFIX.sub("", line)
    line = _spaced_out(line)
    if not line.rstrip().endswith(("号）", "号)")):
        return line  # (the tests spare most lines a search of the whole line)
    stripped = DOC_NUMBER_TAIL.sub("", line)
    return stripped if len(stripped) >= 6 else line


def _joins(title: str, nxt: str, after: str) -> bool:
    """Whether ``nxt`` carries on the title ``title`` (``after`` is the line below ``nxt``)."""
    if nxt == title or _is_noise(nxt) or match_marker(nxt):
        return False
    if TITLE_TAIL_LINE.fullmatch(nxt):
        return True
    if not _title_like(nxt):
        return False
    if _unbalanced(title) or title[-1] in "、，,的和与及暨之在":
        return True
    if _looks_complete(title):
        return False
    if NOTICE_START.match(nxt) and _issuer_names(title):
        return True  # 某县人民政府办公室 / 关于印发…的通知
    if _issuer_names(nxt):
        return False  # the issuer under the title: 某社区党委 / 2021年3月
    if _issuer_names(title):
        return False  # the issuer above a title is a header: 中共某县委办公室 / 2024年工作要点
    return len(nxt) <= 40 and (
        _looks_complete(nxt) or bool(after) and bool(SUBTITLE.match(after) or SALUTATION.fullmatch(after))
    )


def _front_matter(lines: list[str]) -> tuple[int, str]:
    """Where the text starts after a YAML front matter (---/---) and the title it gives, if any."""
    if not lines or lines[0].strip() != "---":
        return 0, ""
    for i in range(1, min(len(lines), 40)):
        if lines[i].strip() in ("---", "..."):
            titles = [m.group(1) for line in lines[1:i] if (m := FRONT_MATTER_TITLE.match(line.strip()))]
            return i + 1, titles[0] if titles else ""
    return 0, ""


def find_title(lines: list[str]) -> tuple[str, int]:
    """The title and the index of its last line in ``lines``; ("", -1) when there is none.

    >>> find_title(["本文为网友投稿，仅供交流参考，请勿转载。", "某县2021年党建工作要点", "", "2021年，全县…。"])
    ('某县2021年党建工作要点', 1)
    >>> find_title(["在全县第一期培训班、", "第二期骨干班开班仪式上的讲话", "同志们："])
    ('在全县第一期培训班、第二期骨干班开班仪式上的讲话', 1)
    >>> find_title(["某县人民政府文件", "某政发〔2023〕5号", "某县人民政府", "关于印发某县某方案的通知"])
    ('某县人民政府关于印发某县某方案的通知', 3)
    >>> find_title(["中共某县委办公室", "2024年全县党的建设工作要点", "", "2024年，全县…。"])
    ('2024年全县党的建设工作要点', 1)
    """
    start, front_title = _front_matter(lines)
    if front_title:
        return front_title, start - 1
    nonblank = [(i, line) for i, line in enumerate(lines[start : start + 60], start) if line.strip()][:30]
    nonblank = [(i, _prepare(line)) for i, line in nonblank]
    nonblank = [(i, text) for i, text in nonblank if text]
    issuer: tuple[str, int] = ("", -1)  # an issuer's name alone (a letterhead without 文件): a last resort
    for k, (i, line) in enumerate(nonblank[:25]):
        if _is_noise(line):
            continue
        if not _title_like(line) or match_marker(line):
            return issuer
        title, last = _cut_subtitle(line), i
        if title != line:
            return title, last  # the subtitle was on the title's line
        for n in range(k + 1, min(k + 4, len(nonblank))):
            j, nxt = nonblank[n]
            after = nonblank[n + 1][1] if n + 1 < len(nonblank) else ""
            if not _joins(title, nxt, after):
                break
            title, last = title + _cut_subtitle(nxt), j
        if last == i and _issuer_names(title) and not issuer[0]:
            issuer = (title, last)
            continue
        return title, last
    return issuer


def _report_title(text: str) -> str:
    """政府工作报告 for a government work report whose title line is missing."""
    return "政府工作报告" if REPORT_CUE.search(text[:3000]) else ""


# --------------------------------------------------------------------------------------------
# Year
# --------------------------------------------------------------------------------------------


def _year_value(text: str) -> int | None:
    value = int(text) if text.isdigit() else chinese_to_int(text.replace("○", "〇"))
    return value if value is not None and 1949 <= value <= 2100 else None


def _years(text: str) -> list[tuple[int, bool]]:
    """The years written in ``text`` (the first of a span), each with whether it is a deadline or a
    bound (到2025年, 2000年底前建成的小区): a year the document is not for."""
    return [
        (year, bool(DEADLINE_BEFORE.search(text[max(0, m.start() - 2) : m.start()]))
         or text.startswith(_BOUND_AFTER, m.end()))
        for m in YEAR.finditer(text) if (year := _year_value(m.group(1)))
    ]


_BOUND_AFTER = ("底前", "底以前", "以前", "之前")


def _five_year_plan(text: str) -> int | None:
    """The first year of the five-year plan a title names: “十四五” → 2021, “十三五” → 2016."""
    m = FIVE_YEAR_PLAN.search(text)
    if not m:
        return None
    digit = m.group(1) if m.group(1) is not None else m.group(2)
    n = 10 + (chinese_to_int(digit) or 0) if digit else 10
    return 1966 + 5 * (n - 3)


def find_year(title: str, head: list[str], body: str, signed: int | None = None) -> int | None:
    """The year the document is for (see the module docstring for the order of the places).

    ``signed`` is the year of the date the document is signed, when known.

    >>> find_year("二〇二〇年党建工作要点", [], "2019年…")
    2020
    >>> find_year("政府工作报告", ["——2016年2月19日在某区第十届人民代表大会第五次会议上"], "")
    2016
    >>> find_year("某省数字化转型实施方案（2023—2025年）", [], "到2025年底…"), find_year("某市“十四五”规划", [], "")
    (2023, 2021)
    """
    in_title = _years(title)
    plain = [y for y, deadline in in_title if not deadline]
    if plain:
        return plain[0]
    plan = _five_year_plan(title)
    if plan:
        return plan
    for text in head:
        for year, _ in _years(text):
            return year
    if in_title:
        return in_title[0][0]  # only a deadline in the title (到2025年…): better than nothing
    body = body[:6000]
    for m in PLAN_YEAR.finditer(body):
        year = _year_value(m.group(1))
        if year:
            return year
    if signed:
        return signed
    years = _years(body)
    plain = [y for y, deadline in years if not deadline]  # not 到2025年 (a target)
    return (plain or [y for y, _ in years] or [None])[0]


# --------------------------------------------------------------------------------------------
# Unit
# --------------------------------------------------------------------------------------------


def unit_at_start(text: str) -> str:
    """A unit name that opens ``text`` and is followed by the subject (党建, 政府工作, 年 …).

    全县 / 我局 come back bare (县, 局): the level the text speaks of, to be named by the caller.

    >>> unit_at_start("县直机关党建工作要点"), unit_at_start("北京市政府工作报告"), unit_at_start("党建工作要点")
    ('县直机关', '北京市', '')
    >>> unit_at_start("全县党建工作要点"), unit_at_start("加强全县基层党建的意见")
    ('县', '')
    """
    text = text.lstrip("，, \u3000\t")
    for end in range(1, min(len(text), 21)):
        head = text[:end]
        if (
            TOPIC_START.match(text, end) and _ends_as_unit(head) and head not in BARE_ORGANS
            and not head.startswith(("在", "为", "关于")) and not re.search(r"\d月|在|[—\s]", head)
        ):
            return _level_or_name(head)
    return ""


def _level_or_name(name: str) -> str:
    """全县 → 县 (a level, named later), 加强全县 → "" (no unit), any other name unchanged."""
    level = LEVEL_WORD.search(name)
    if level and level.end() == len(name):
        return LEVEL_PREFIX.sub("", name) if level.start() == 0 else ""
    return name


def _places(name: str) -> list[str]:
    """The place names a unit name opens with: 中共某市委办公室 → [某市]; 某省某市人民政府 → [某省, 某省某市]."""
    name = PARTY_PREFIX.sub("", name)
    if not name or name[0] in NOT_PLACE_START:
        return []
    out = []
    for i in range(2, min(len(name), 12) + 1):
        if not PLACE_CHARS.fullmatch(name[:i]):
            break  # 2023年全县…: a place name is written in characters (or XX, ××) only
        if name[:i].endswith(PLACE_ENDS) and name[i - 2] not in "全我本各该":
            out.append(name[:i])
    return out


def _title_places(title: str) -> list[str]:
    """The places a title opens with, the outer first (某县优化…方案 → 某县; 泖川区菡坪街道…办法 → 泖川区,
    泖川区菡坪街道), to name a bare level; [] when unsure.

    Only names of three characters or more (or 某县, X市) count, and not when the place word runs on
    into 村 镇 城 (数字乡村, 特色小镇 are no places).
    """
    places = [p for p in _places(title) if title[len(p) : len(p) + 1] not in ("村", "镇", "城")]
    return [p for p in places if len(p) >= 3 or re.match(PLACEHOLDER_NAME, p)]


def _issuer_unit(names: list[str]) -> str:
    """One unit for one or more issuers: the name itself, or the place two issuers share."""
    if len(names) <= 1:
        return names[0] if names else ""
    common = set(_places(names[0])).intersection(*(_places(n) for n in names[1:]))
    return max(common, key=len) if common else names[0]


def _unit_from_title(title: str) -> str:
    notice = NOTICE_ISSUER.match(title.strip())
    if notice:
        names = _issuer_names(notice.group(1))
        if names and names[0] not in BARE_ORGANS:
            return _issuer_unit(names)
    title = re.sub(r"\s", "", title)
    m = YEAR.search(title)
    if m:
        pre = re.split(r"[《“（(]|关于|印发", title[: m.start()])[-1].lstrip("在")
        if pre and len(pre) <= 20 and _ends_as_unit(pre) and _level_or_name(pre):
            return _level_or_name(pre)
        unit = unit_at_start(title[m.end():].lstrip("度"))
        if unit:
            return unit
    names = _issuer_names(title)  # a title that is only the issuer's name (某县人民政府)
    if names and names[0] not in BARE_ORGANS:
        return _issuer_unit(names)
    return unit_at_start(title) or _unit_of_meeting(title)


def _unit_of_meeting(title: str, *, anywhere: bool = False) -> str:
    """在某集团有限公司三届五次职代会上的工作报告 → 某集团有限公司: the unit whose meeting a speech or
    report was given at, when the title (or, ``anywhere``, a line such as a closing note) names one
    (not 全市, 全县: a level is no unit)."""
    m = (MEETING_TITLE.search if anywhere else MEETING_TITLE.match)(title)
    if not m:
        return ""
    head = title[m.start(1) : m.end()]
    cut = MEETING_WORD.search(head)
    head = head[: cut.start()] if cut else head
    for end in range(len(head), 1, -1):
        name = head[:end]
        if _ends_as_unit(name) and name[0] not in NOT_PLACE_START and name not in BARE_ORGANS:
            return name
    return ""


#: 在X…会上的讲话/报告: X holds the unit that met (a meeting word or a session number ends it).
MEETING_TITLE = re.compile(
    r"在(.{2,40}?)(?:第?[一二三四五六七八九十\d]+届|\d{4}年|职代会|职工代表大会|[^，。]{0,16}?(?:会议|大会|座谈会|培训班))"
    r"[^，。]*?上的(?:讲话|报告|工作报告|致辞|发言|总结讲话)"
)


def _unit_from_header(top: list[str], title: str) -> str:
    """Issuers named alone above the title (中共某县纪律检查委员会　某县监察委员会 / 2025年工作要点): they
    issue the document, rather than the office that signs it at the end."""
    for line in top[:3]:
        if not title or line in title:
            return ""
        names = _issuer_names(line)
        if names and names[0] not in BARE_ORGANS:
            return _issuer_unit(names)
    return ""


#: Where the name of the unit that met ends: a session, a year, the meeting itself.
MEETING_WORD = re.compile(r"第?[一二三四五六七八九十\d]+届|\d{4}年|职代会|职工代表大会|会议|大会|座谈会|培训班")


def _unit_from_letterhead(lines: list[str]) -> str:
    """中共某县委 某县人民政府文件 → the issuers' shared place; 某局文件 → 某局."""
    for line in lines[:8]:
        m = LETTERHEAD_ISSUER.match(_spaced_out(line))
        if m:
            names = _issuer_names(m.group(1)) or _issuer_names(re.sub(r"\s", "", m.group(1)))
            if names:
                return _issuer_unit(names)
    return ""


def _unit_from_report(lines: list[str]) -> str:
    """The place of a government work report (lines joined: subtitles break across lines)."""
    text = "\n".join(lines)
    joined = re.sub(r"\n(?=[^\n]{0,30}人民代表大会)", "", text)
    for pattern in REPORT_PLACE:
        for m in pattern.finditer(joined):
            if m.group(1) == "国务院" or _ends_as_unit(m.group(1)):
                return m.group(1)
    return ""


def _unit_from_body(lines: list[str]) -> str:
    """2020年×市党建工作… / 2020年，公司党建工作… / 局党组… in the first lines of the body."""
    for line in lines:
        lead = ORGAN_LEAD.match(line)
        if lead:
            return lead.group(1)
        for m in YEAR.finditer(line):
            unit = unit_at_start(line[m.end():].lstrip("度"))
            if unit:
                return unit
    return ""


def _signatures(lines: list[str]) -> list[tuple[list[str], int]]:
    """Each signature in ``lines``: the unit names on the lines just above a date line, and its year."""
    out = []
    for k, line in enumerate(lines):
        m = DATE_LINE.match(line)
        if not m:
            continue
        names: list[str] = []
        for above in reversed(lines[max(0, k - 3) : k]):
            found = _issuer_names(above)
            if not found or above in BARE_ORGANS:
                break
            names[:0] = found
        out.append((names, _year_value(m.group(1)) or 0))
    return out


def _unit_from_signature(top: list[str], tail: list[str]) -> str:
    """The signer above a date: the covering notice's (top lines) first, else the end's."""
    for names, _ in [*_signatures(top), *_signatures(tail)]:
        if names:
            return _issuer_unit(names)
    return ""


def _unit_from_speaker(text: str) -> str:
    """我谨代表某学院分党校，向… : the speaker's own unit, named (not 市委, 县人民政府)."""
    for m in SPEAKER_UNIT.finditer(text[:3000]):
        name = m.group(1)
        if _ends_as_unit(name) and name[0] not in NOT_PLACE_START and name not in BARE_ORGANS:
            return name
    return ""


def _named(bare: str, text: str, hints: list[str]) -> str:
    """XX局 for 局, ×市 for 市, 某市 for 市: the name the text gives a bare unit.

    Looked for as a placeholder (XX局), in the names of issuers and signers (``hints``), before a year
    at the start of a line (某局2020年…), and last as the place most often named before an organ
    (某市委, 某市人民政府, 在某市第十届…).
    """
    m = re.search(rf"{PLACEHOLDER_NAME}{re.escape(bare)}", text)
    if m:
        return m.group(0)
    for hint in hints:
        for place in reversed(_places(hint)):
            if place.endswith(bare):
                return place
    m = re.search(rf"^\s*(?:附(?:件|表)?[\d]*[:：])?\s*([^\s，。、：:（）()“”在{NOT_PLACE_START}]"
                  rf"[^\s，。、：:（）()“”]{{0,11}}?{re.escape(bare)}){_Y4}年", text, re.M)
    if m:
        return m.group(1)
    if len(bare) == 1 and bare in PLACE_ENDS:
        return _named_place(text, bare) or bare
    return bare


def _named_place(text: str, level: str = "") -> str:
    """The place the text most often names before an organ (某市委, 某县人民政府, 在某区第十届…)."""
    ends = re.escape(level) if level else "|".join(PLACE_ENDS)
    named = Counter(re.findall(
        rf"{PLACE_LEFT}(?!中共|中国共产党)([^\s，。、；：:“”《》（）()\d{NOT_PLACE_START}是的了][^\s，。、；：:“”《》（）()\d全我本各]{{0,5}}?"
        rf"(?:{ends})){PLACE_CONTEXT}", text[:20000], re.M))
    return named.most_common(1)[0][0] if named else ""


def _unit_from_level(text: str) -> str:
    """The level the text speaks of (全市, 我县), named by a placeholder where the text has one."""
    levels = Counter(m.group(1) or m.group(2) for m in LEVEL_WORD.finditer(text))
    if not levels:
        return ""
    level = levels.most_common(1)[0][0]
    named = Counter(re.findall(rf"{PLACEHOLDER_NAME}{level}", text))
    return named.most_common(1)[0][0] if named else level


def _edge_lines(text: str) -> tuple[list[str], list[str]]:
    """The first 60 and the last 15 non-blank lines of ``text``, cleaned."""
    top = [c for line in text.split("\n", 60)[:60] if (c := _clean(line))]
    tail = [c for line in text.rsplit("\n", 15)[-15:] if (c := _clean(line))]
    return top, tail


def find_unit(
    title: str, head: list[str], body_lines: list[str], text: str, edges: tuple[list[str], list[str]] | None = None
) -> str:
    """The issuing unit as written (see the module docstring for where it is looked for).

    ``edges`` are the first and last lines of ``text`` (:func:`_edge_lines`) when already at hand.
    """
    top, tail = edges or _edge_lines(text)
    unit = _unit_from_title(title)
    if not unit:
        for line in head:
            if NOTICE_ISSUER.match(_clean(line)) and "通知" in line:
                unit = _unit_from_title(_clean(line))
                if unit:
                    break
    unit = unit or _unit_from_letterhead(top) or _unit_from_report(head + body_lines[:6])
    unit = unit or _unit_from_header(top, title)
    unit = unit or _unit_from_signature(top, tail) or _unit_from_body(body_lines[:3])
    unit = unit or _unit_from_speaker(text) or _unit_from_level(text) or _named_place(text)
    if unit and len(unit) <= 2 and unit in unit_suffixes():
        hints = [n for names, _ in [*_signatures(top), *_signatures(tail)] for n in names] + _title_places(title)
        hints += [m.group(1) for line in top[:8] if (m := LETTERHEAD_ISSUER.match(_spaced_out(line)))]
        hints += [u for line in tail if (u := _unit_of_meeting(line, anywhere=True))]  # （根据在某县…会议上的讲话整理）
        unit = _named(unit, text, hints)
    return unit


def _opening(lines: list[str], size: int) -> str:
    """The lines joined by newlines, as far as the first ``size`` characters need (find_year reads no more)."""
    n, end = 0, 0
    while end < len(lines) and n <= size:
        n += len(lines[end]) + 1
        end += 1
    return "\n".join(lines[:end])


def extract_metadata(raw: RawDocument, items: list[Item]) -> Metadata:
    """Title, unit and year of a loaded document (``items`` mark where the body's outline begins).

    Example:
        >>> from policytext.io.text import paragraphs_from_lines
        >>> lines = ["某县2021年党建工作要点", "", "2021年，全县党建工作要…。", "一、总体要求"]
        >>> extract_metadata(RawDocument("d", "d.txt", "text", paragraphs_from_lines(lines)), [])
        Metadata(title='某县2021年党建工作要点', unit='某县', year=2021)
    """
    paras = [p for p in raw.paragraphs if p.source != Source.TABLE]
    lines = [p.text for p in paras]
    styled = [i for i, p in enumerate(paras[:30]) if p.style.lower() == "title" and p.text.strip()]
    if styled:  # a Word title style says where the title is; consecutive title paragraphs join
        run = [i for i in styled if i - styled[0] == styled.index(i)]
        title, last = "".join(_clean(paras[i].text) for i in run), run[-1]
    else:
        title, last = find_title(lines)
        if not title:
            title = _report_title(raw.text)
    first_item = items[0].start if items else len(raw.text)
    head: list[str] = []  # up to 12 non-blank lines between the title and the first item
    for p in paras[last + 1 :]:
        if p.start >= first_item or len(head) == 12:
            break  # paragraphs come in text order
        if line := _clean(p.text):
            head.append(line)
    body_lines = [line for line in head if not SUBTITLE.match(line) and not SALUTATION.fullmatch(line)]
    body = _opening(lines[last + 1 :], 6000)
    top, tail = _edge_lines(raw.text)
    signed = next((year for _, year in [*_signatures(top), *_signatures(tail)] if year), None)
    year = find_year(title, [line for line in head[:4] if SUBTITLE.match(line)], body, signed)
    unit = find_unit(title, head, body_lines, raw.text, (top, tail))
    return Metadata(title=title, unit=unit, year=year)
