"""Title, issuing unit and year of a document, read from its first lines, its body and its end.

The three fields are looked for where a reader looks for them:

- *title*: the first line that is not a notice added by a website or database (本文为…投稿…,
  【法宝引证码】, 来源：, 原文链接), an ``附件1`` line or a document number; a title broken over two lines
  (``在第18期…培训班、`` / ``…开班典礼上的致辞``) is joined.
- *unit* (as written, ``×市``, ``县直机关``, ``公司``, ``XX局``): from the title (``×市2020年…``,
  ``2020年县直机关党建…``, ``某州人民政府办公室关于印发…``), else the notice header, the opening
  lines of a government work report (``在某区第十届人民代表大会…``, ``我代表某县人民政府``), the
  first lines of the body (``2020年，公司党建工作…``), the signature at the end, and last the level
  the text speaks of (全市, 我县) with a placeholder name (XX市) where the text has one.
- *year*: from the title (2020年, 二〇二〇年, 2020年度), else a date line under the title, else the
  first year of the body.

Unit names are recognised by their suffix (省 市 县 区 … 局 委 公司 机关), from
``lexicons/unit_levels.tsv`` and ``lexicons/issuer_suffixes.tsv``.
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


#: Organ words that alone name no unit (政府工作报告 is no report of a unit called 政府).
BARE_ORGANS = frozenset({"政府", "人民政府", "委员会", "党组", "办公厅", "协会"})
#: Lines added by websites, databases and authors, never a title: 本文为…投稿, 来源：…
NOISE_LINE = re.compile(
    r"本文系|仅供(?:学习)?参考|请勿(?:照搬|转载)|版权(?:所有|归)|转载|【法宝引证码】|法宝引证码|原文链接|https?://|www\.|"
    r"^(?:来源|时间|作者|发布(?:时间|日期|机构)|发文(?:字号|机关)|浏览(?:次数)?|点击(?:数)?|字号|分享|打印|关闭|首页|"
    r"责任编辑|编辑)[:：]?|^[>»›]$|^【字体|^[大中小】]$|^政府信息公开$|摄$|记者|^[·•\-—=*#_\s]*$"
)
#: An attachment label on a line of its own: 附件 / 附件1 / 附件2：
ATTACHMENT_LABEL = re.compile(r"附件\s*[\d一二三四五六七八九十]*\s*[:：]?$")
#: An attachment label before a title on the same line: 附件1：某县…方案
ATTACHMENT_PREFIX = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[:：]\s*(?=\S)")
#: A document number: 某府办发〔2021〕12号, 某发〔2022〕3号.
DOC_NUMBER = re.compile(r"[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d+\s*号")
#: A subtitle or date line under a title: ——2016年2月19日在…, （2022年10月16日）, 2026年1月27日在…
SUBTITLE = re.compile(r"[—–\-－]{1,2}|[（(]\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年|(?:\d{4}|[〇○零一二三四五六七八九]{4})年\d{1,2}月")
#: A subtitle run into the title line: 政府工作报告——2021年3月1日在…
SUBTITLE_TAIL = re.compile(r"(?<=\S)[—–]{1,2}.*$")
#: A salutation that opens a speech or report: 同志们： 各位代表：
SALUTATION = re.compile(r".{1,12}[:：]$")
#: Characters a title line never holds: sentence punctuation inside the line.
SENTENCE = re.compile(r"[。；;！!？?]")
#: A year written in Arabic or Chinese digits, followed by 年 (2020年, 二〇二〇年, 2020年度).
YEAR = re.compile(
    r"(?<!\d)(\d{4}|[〇○零一二三四五六七八九]{4})(?:\s*[—–\-－~～至到]\s*(?:\d{4}|[〇○零一二三四五六七八九]{4}))?\s*年"
)
#: Where a unit name in a title ends: the first word of the title's subject.
TOPIC_START = re.compile(
    r"(?:人民政府工作|政府工作|党建|党的|党风|党员|党组织|基层|机关|全面|深化|推进|开展|实施|贯彻|落实|加强|关于|"
    r"工作|年|第|“|《|\d{4}|[〇○零一二三四五六七八九]{4})"
)
#: The issuer of a notice: 某县人民政府办公室关于印发…, 某局印发《…》的通知.
NOTICE_ISSUER = re.compile(r"^(.{2,40}?)(?:关于|印发|转发)")
#: Government work reports, in order of trust: the congress the report is given to, the
#: speaker's office, the government or body the speaker represents.
REPORT_PLACE = (
    re.compile(r"在([^\s，。、；：“”（）()]{2,20}?)第[一二三四五六七八九十\d]{1,4}届人民代表大会"),
    re.compile(r"(?:^|\n)([^\s，。、；：“”（）()]{2,12}?[省市县区州旗盟])(?:人民政府)?[副代]?(?:省长|市长|县长|区长|旗长|州长|盟长)"),
    re.compile(r"我代表([^\s，。、；：“”（）()]{2,20}?)(?:人民政府|政府)"),
    re.compile(r"我代表(国务院)"),
    re.compile(r"我代表([^\s，。、；：“”（）()]{2,20}?)(?:，)?向大会"),
)
#: Years of a plan or task list (2022年工作任务, 2021年度工作要点): preferred to the year reviewed.
PLAN_YEAR = re.compile(
    r"(?<!\d)(\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?(?:的)?(?:工作任务|工作安排|重点工作|工作要点|工作计划|"
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


def unit_suffixes() -> tuple[str, ...]:
    """Endings of unit names, longest first (lexicons/unit_levels.tsv and issuer_suffixes.tsv)."""
    return unit_name_suffixes()


def _ends_as_unit(name: str) -> bool:
    return any(name.endswith(s) for s in unit_suffixes())


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
    return bool(NOISE_LINE.search(line) or ATTACHMENT_LABEL.fullmatch(line) or DOC_NUMBER.search(line))


def _title_like(line: str) -> bool:
    return (
        0 < len(line) <= 80 and not SENTENCE.search(line.rstrip("。")) and not SUBTITLE.match(line)
        and not SALUTATION.fullmatch(line) and not _is_noise(line)
    )


def find_title(lines: list[str]) -> tuple[str, int]:
    """The title and the index of its last line in ``lines``; ("", -1) when there is none.

    >>> find_title(["本文为网友投稿，仅供交流参考，请勿转载。", "某县2021年党建工作要点", "", "2021年，全县…。"])
    ('某县2021年党建工作要点', 1)
    >>> find_title(["在全县第一期培训班、", "第二期骨干班开班仪式上的讲话", "同志们："])
    ('在全县第一期培训班、第二期骨干班开班仪式上的讲话', 1)
    """
    nonblank = [(i, ATTACHMENT_PREFIX.sub("", _clean(line))) for i, line in enumerate(lines[:60]) if _clean(line)]
    for k, (i, line) in enumerate(nonblank[:25]):
        if _is_noise(line):
            continue
        if not _title_like(line) or match_marker(line):
            return "", -1
        title, last = _spaced_out(SUBTITLE_TAIL.sub("", line)), i
        if k + 1 < len(nonblank):
            j, nxt = nonblank[k + 1]
            after = nonblank[k + 2][1] if k + 2 < len(nonblank) else ""
            if nxt != line and _title_like(nxt) and not _is_noise(nxt) and (
                line[-1] in "、，,的和与及暨之在"
                or len(nxt) <= 40 and not _looks_complete(line)
                and (_looks_complete(nxt) or after and (SUBTITLE.match(after) or SALUTATION.fullmatch(after)))
            ):
                title, last = title + _spaced_out(nxt), j
        return title, last
    return "", -1


def _looks_complete(line: str) -> bool:
    """A title that already ends in a genre word (…工作要点, …的通知, …的讲话)."""
    return bool(re.search(r"(?:方案|办法|细则|要点|计划|意见|规划|规定|通知|报告|决定|讲话|致辞|总结|安排|纲要)[》”]?$", line))


# --------------------------------------------------------------------------------------------
# Year
# --------------------------------------------------------------------------------------------


def _year_value(text: str) -> int | None:
    value = int(text) if text.isdigit() else chinese_to_int(text.replace("○", "〇"))
    return value if value is not None and 1949 <= value <= 2100 else None


def find_year(title: str, head: list[str], body: str) -> int | None:
    """The year the document is for: in the title, else a date line under it, else the body's first.

    >>> find_year("二〇二〇年党建工作要点", [], "2019年…")
    2020
    >>> find_year("政府工作报告", ["——2016年2月19日在某区第十届人民代表大会第五次会议上"], "")
    2016
    """
    for text in [title, *head]:
        for m in YEAR.finditer(text):
            year = _year_value(m.group(1))
            if year:
                return year
    body = body[:6000]
    for m in PLAN_YEAR.finditer(body):
        year = _year_value(m.group(1))
        if year:
            return year
    years = [(y, body[max(0, m.start() - 2) : m.start()]) for m in YEAR.finditer(body) if (y := _year_value(m.group(1)))]
    plain = [y for y, before in years if not DEADLINE_BEFORE.search(before)]  # not 到2025年 (a target)
    return (plain or [y for y, _ in years] or [None])[0]


# --------------------------------------------------------------------------------------------
# Unit
# --------------------------------------------------------------------------------------------


def unit_at_start(text: str) -> str:
    """A unit name that opens ``text`` and is followed by the subject (党建, 政府工作, 年 …).

    >>> unit_at_start("县直机关党建工作要点"), unit_at_start("北京市政府工作报告"), unit_at_start("党建工作要点")
    ('县直机关', '北京市', '')
    """
    text = text.lstrip("，, \u3000\t")
    for end in range(1, min(len(text), 21)):
        head = text[:end]
        if (
            TOPIC_START.match(text, end) and _ends_as_unit(head) and head not in BARE_ORGANS
            and not head.startswith(("在", "为", "关于")) and not re.search(r"\d月|在|[—\s]", head)
        ):
            return head
    return ""


def _unit_from_title(title: str) -> str:
    title = re.sub(r"\s", "", title)
    notice = NOTICE_ISSUER.match(title)
    if notice and _ends_as_unit(notice.group(1)):
        return notice.group(1)
    m = YEAR.search(title)
    if m:
        pre = re.split(r"[《“]|关于|印发", title[: m.start()])[-1].lstrip("在")
        if pre and len(pre) <= 20 and _ends_as_unit(pre):
            return LEVEL_PREFIX.sub("", pre)
        return unit_at_start(title[m.end():].lstrip("度"))
    return unit_at_start(title)


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


def _unit_from_signature(lines: list[str]) -> str:
    """A line that is a unit name alone, just above a date line, near the end."""
    tail = [_clean(line) for line in lines[-12:] if _clean(line)]
    for a, b in zip(tail, tail[1:], strict=False):
        if len(a) <= 30 and _ends_as_unit(a) and not SENTENCE.search(a) and "，" not in a and YEAR.match(b):
            return a
    return ""


def _named(bare: str, text: str) -> str:
    """XX局 for 局, ×市 for 市: the placeholder or titled name the text gives a bare unit."""
    m = re.search(rf"{PLACEHOLDER_NAME}{re.escape(bare)}", text)
    if m:
        return m.group(0)
    m = re.search(rf"^\s*(?:附(?:件|表)?[\d]*[:：])?\s*([^\s，。、：:（）()“”]{{1,12}}?{re.escape(bare)})"
                  rf"(?:\d{{4}}|[〇○零一二三四五六七八九]{{4}})年", text, re.M)
    return m.group(1) if m else bare


def _unit_from_level(text: str) -> str:
    """The level the text speaks of (全市, 我县), named by a placeholder where the text has one."""
    levels = Counter(m.group(1) or m.group(2) for m in LEVEL_WORD.finditer(text))
    if not levels:
        return ""
    level = levels.most_common(1)[0][0]
    named = Counter(re.findall(rf"{PLACEHOLDER_NAME}{level}", text))
    return named.most_common(1)[0][0] if named else level


def find_unit(title: str, head: list[str], body_lines: list[str], text: str) -> str:
    """The issuing unit as written (see the module docstring for where it is looked for)."""
    unit = _unit_from_title(title)
    if not unit:
        for line in head:
            if NOTICE_ISSUER.match(_clean(line)) and "通知" in line:
                unit = _unit_from_title(_clean(line))
                if unit:
                    break
    unit = unit or _unit_from_report(head + body_lines[:6]) or _unit_from_body(body_lines[:3])
    unit = unit or _unit_from_signature(text.splitlines()) or _unit_from_level(text)
    if unit and len(unit) <= 2 and unit in unit_suffixes():
        unit = _named(unit, text)
    return unit


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
    first_item = items[0].start if items else len(raw.text)
    head = [_clean(p.text) for p in paras[last + 1 :] if p.start < first_item and _clean(p.text)][:12]
    body_lines = [line for line in head if not SUBTITLE.match(line) and not SALUTATION.fullmatch(line)]
    body = "\n".join(lines[last + 1 :])
    year = find_year(title, [line for line in head[:4] if SUBTITLE.match(line)], body)
    unit = find_unit(title, head, body_lines, raw.text)
    return Metadata(title=title, unit=unit, year=year)
