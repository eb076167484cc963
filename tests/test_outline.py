"""The outline parser: marker table, titles, numbering sequences, whole documents.

Rows are sentences written for fictional units (某县, 某区); whole documents are in
tests/data/outline/, each with its expected outline beside it as JSON.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from policytext.io import load
from policytext.io.text import paragraphs_from_lines
from policytext.outline import heading_title, inline_title, match_marker, parse_outline
from policytext.types import Document, Paragraph, RawDocument, Source

OUTLINE_DATA = Path(__file__).resolve().parent / "data" / "outline"
DOCUMENTS = sorted(p for p in OUTLINE_DATA.glob("*") if p.suffix in (".txt", ".md"))


def raw_from(lines: list[str], fmt: str = "text") -> RawDocument:
    return RawDocument("t", "t.txt", fmt, paragraphs_from_lines(lines))


def outline(lines: list[str], fmt: str = "text") -> list[tuple[str, int, str, int, str]]:
    return [(it.path, it.level, it.marker, it.number, it.title) for it in parse_outline(raw_from(lines, fmt))]


def ids(value) -> str:
    """The raw text of a row in pytest's output."""
    return str(value)[:24]


# --------------------------------------------------------------------------------------------
# Markers at a line start: (line, (family, marker, number)) or (line, None)
# --------------------------------------------------------------------------------------------

MARKERS_DEV = [
    ("一、总体要求", ("cn_comma", "一、", 1)),
    ("十二、加强组织领导", ("cn_comma", "十二、", 12)),
    ("三．工作步骤", ("cn_comma", "三．", 3)),
    ("（一）指导思想", ("cn_paren", "（一）", 1)),
    ("(十五)全面强化阵地保障。", ("cn_paren", "(十五)", 15)),
    ("1.强化党的政治领导。", ("arabic", "1.", 1)),
    ("12．严格党费管理。", ("arabic", "12．", 12)),
    ("3、开展结对帮扶", ("arabic", "3、", 3)),
    ("1. 政治建设（20分）。", ("arabic", "1.", 1)),
    ("（1）实施光纤网络升级工程。", ("arabic_paren", "（1）", 1)),
    ("(2)推进5G网络向乡镇延伸", ("arabic_paren", "(2)", 2)),
    ("3）组建志愿服务队", ("arabic_half_paren", "3）", 3)),
    ("①优先覆盖中心村", ("circled", "①", 1)),
    ("⑫同步推进", ("circled", "⑫", 12)),
    ("⑵建立台账", ("arabic_paren", "⑵", 2)),
    ("第一章　总则", ("chapter", "第一章", 1)),
    ("第三部分 保障措施", ("chapter", "第三部分", 3)),
    ("第十二条　本办法自印发之日起施行。", ("article", "第十二条", 12)),
    ("1.2 工作目标", ("dotted1", "1.2", 2)),
    ("二、2021年工作安排", ("cn_comma", "二、", 2)),
    # a full bracket is a marker whatever follows, a digit too (not so 1、2月份 or 1.5万)
    ("（1）12315投诉举报热线工单按时办结率达到100%", ("arabic_paren", "（1）", 1)),
]

NOT_MARKERS = [
    ("2020年，全县党建工作要坚持…", None),
    ("1%的党员参加轮训", None),
    ("1+1＞2的合力", None),
    ("5个乡镇先行开展评选", None),
    ("12345热线受理的问题", None),
    ("3月份：组织年轻干部集中培训。", None),
    ("第1季度：完成摸底调研。", None),
    ("一个中心：以党建引领发展", None),
    ("1.5万名学生参加课后服务", None),
    ("1、2月份集中开展摸底", None),
    ("一、二级指标由考核办确定", None),
    ("第一书记要驻村开展工作", None),
    ("第一阶段（3月—4月）：动员部署", None),
    ("2020.5.1起施行", None),
]


@pytest.mark.parametrize("line,expected", MARKERS_DEV + NOT_MARKERS, ids=ids)
def test_match_marker(line, expected):
    m = match_marker(line)
    assert (None if m is None else (m.family, m.marker, m.number)) == expected


# --------------------------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------------------------

HEADING_TITLES = [
    ("加强领导，压实责任。各单位要明确分管领导。", "加强领导，压实责任"),
    ("聚焦“一个目标”：建设全市基层党建示范县", "聚焦“一个目标”：建设全市基层党建示范县"),
    ("**集中学习**。每月组织1次。", "集中学习"),
    ("总则　　第一条　为了规范管理", "总则"),
    ("提升党员服务意识；", "提升党员服务意识"),
    ("政治建设（20分）。", "政治建设（20分）"),
]


@pytest.mark.parametrize("text,expected", HEADING_TITLES, ids=ids)
def test_heading_title(text, expected):
    assert heading_title(text) == expected


INLINE_TITLES = [
    ("筹建党建展馆，展示工作成果。", "筹建党建展馆"),
    ("抓好薄弱村转化。今年要逐村制定方案…", "抓好薄弱村转化"),
    ("培育10个示范村；探索村企联建。", "培育10个示范村"),
    ("坚持“政府引导，市场运作”，营造良好环境。", "坚持“政府引导，市场运作”"),
]


@pytest.mark.parametrize("text,expected", INLINE_TITLES, ids=ids)
def test_inline_title(text, expected):
    assert inline_title(text) == expected


# --------------------------------------------------------------------------------------------
# Levels and numbering sequences
# --------------------------------------------------------------------------------------------


def test_level_comes_from_nesting_not_from_marker_kind():
    """1. is level 2 under 一、 in one document and level 3 under （一） in another."""
    a = outline(["某县要点", "一、总体要求", "1.加强学习。"])
    b = outline(["某县要点", "一、总体要求", "（一）指导思想", "1.加强学习。"])
    assert a[-1][:2] == ("1.1", 2)
    assert b[-1][:2] == ("1.1.1", 3)


def test_numbering_that_continues_across_parents():
    lines = ["某市要点", "一、学习", "（一）读原著。", "二、组织", "（二）建支部。", "（三）育队伍。"]
    assert outline(lines) == [
        ("1", 1, "一、", 1, "学习"),
        ("1.1", 2, "（一）", 1, "读原著"),
        ("2", 1, "二、", 2, "组织"),
        ("2.1", 2, "（二）", 2, "建支部"),
        ("2.2", 2, "（三）", 3, "育队伍"),
    ]


def test_numbering_that_restarts_under_each_parent():
    lines = ["某市要点", "一、学习", "（一）读原著。", "（二）悟原理。", "二、组织", "（一）建支部。"]
    assert [r[0] for r in outline(lines)] == ["1", "1.1", "1.2", "2", "2.1"]


def test_a_number_that_jumps_back_is_not_a_marker():
    lines = ["某区方案", "一、任务", "1.建台账。", "2.抓整改。", "3.抓督查。", "2.按月报送进展情况，各单位要指定专人负责，不得迟报漏报。", "二、要求"]
    got = outline(lines)
    assert [r[3] for r in got if r[2].endswith(".")] == [1, 2, 3]
    assert len(got) == 5


def test_a_gap_confirmed_by_the_next_marker_is_kept():
    """（三） after （一） is doubtful, kept when （四） follows."""
    lines = ["某区方案", "一、任务", "（一）建台账，按月报送各单位进展情况并由专人负责审核汇总。",
             "（三）抓整改，对照问题清单逐项销号并形成长效机制和制度成果。", "（四）抓督查。"]
    assert [r[3] for r in outline(lines)] == [1, 1, 3, 4]


def test_a_long_line_with_a_gap_and_no_confirmation_is_text():
    lines = ["某区方案", "一、任务", "1.建台账。", "3.对照问题清单逐项销号，各单位要在规定时限内完成整改并报送书面材料。", "二、要求"]
    assert [r[2] for r in outline(lines)] == ["一、", "1.", "二、"]


def test_a_restart_without_a_new_parent_needs_a_second_item():
    lines = ["某区方案", "一、任务", "1.建台账。", "2.抓整改。", "1.全区共有村（社区）42个，各村要对照清单逐项整改，按月报送。", "二、要求"]
    assert [r[2] for r in outline(lines)] == ["一、", "1.", "2.", "二、"]


def test_four_and_more_levels():
    lines = ["某省方案", "一、任务", "（一）建网络", "1.提速。", "（1）光纤改造。", "①覆盖中心村。", "②覆盖园区。"]
    got = outline(lines)
    assert [(r[0], r[1]) for r in got][-2:] == [("1.1.1.1.1", 5), ("1.1.1.1.2", 5)]


def test_a_numbered_preface_does_not_make_the_sections_its_children():
    """A family that ranks higher (一、) after a deeper one (1.) is not nested under it."""
    lines = ["某县通知", "1.请于3月底前报送。", "2.联系人：张某。", "一、总体要求", "（一）指导思想"]
    got = outline(lines)
    assert [r[1] for r in got] == [1, 1, 1, 2]


def test_headings_without_a_full_stop_and_leading_spaces():
    lines = ["某局计划", "    一、指导思想", "\u3000\u3000二、主要工作", "\t（一）加强政治建设", " 1.强化理论学习"]
    assert [(r[0], r[4]) for r in outline(lines)] == [
        ("1", "指导思想"), ("2", "主要工作"), ("2.1", "加强政治建设"), ("2.1.1", "强化理论学习")]


def test_regulation_chapters_and_articles_on_one_line():
    lines = ["某县管理办法", "第一章　总则　　第一条　为了规范管理，制定本办法。", "第二条　本办法适用于全县。",
             "第二章　附则", "第三条　本办法自印发之日起施行。"]
    got = outline(lines)
    assert [(r[0], r[2]) for r in got] == [
        ("1", "第一章"), ("1.1", "第一条"), ("1.2", "第二条"), ("2", "第二章"), ("2.1", "第三条")]
    assert got[0][4] == "总则"


# --------------------------------------------------------------------------------------------
# Inline enumerations
# --------------------------------------------------------------------------------------------

INLINE_CASES = [
    # (paragraph under one heading, expected (marker, title) of its inline items)
    ("具体而言，一是抓整顿。要对照标准。二是强激励，落实报酬。三是壮经济。",
     [("一是", "抓整顿"), ("二是", "强激励"), ("三是", "壮经济")]),
    ("要做到：一要思想到位；二要责任到位；三要措施到位。",
     [("一要", "思想到位"), ("二要", "责任到位"), ("三要", "措施到位")]),
    ("第一，要认清形势。第二，要压实责任。", [("第一，", "要认清形势"), ("第二，", "要压实责任")]),
    ("主要包括：（1）建立台账；（2）定期通报。", [("（1）", "建立台账"), ("（2）", "定期通报")]),
    ("重点抓好：①理论学习，②实践锻炼。", [("①", "理论学习"), ("②", "实践锻炼")]),
    # Not enumerations: a lone 一是, words that contain 一是/一要, a sequence that does not start at one.
    ("这一是非问题必须讲清楚，统一思想。", []),
    ("唯一要求是守住底线。", []),
    ("一是加强学习。", []),
    ("二是加强学习，三是狠抓落实。", []),
]


@pytest.mark.parametrize("paragraph,expected", INLINE_CASES, ids=ids)
def test_inline_enumerations(paragraph, expected):
    items = parse_outline(raw_from(["某县要点", "一、工作任务", paragraph]))
    inline = [(it.marker, it.title) for it in items if it.kind == "inline"]
    assert inline == expected
    assert all(it.level == 2 and it.parent == "1" for it in items if it.kind == "inline")


def test_inline_items_over_several_paragraphs_and_their_text():
    lines = ["某区报告", "一、工作回顾", "主要做了以下工作：", "一是抓项目，新开工12个。", "二是优环境。", "各位代表，成绩来之不易。"]
    items = parse_outline(raw_from(lines))
    head, first, second = items
    assert (first.path, first.title, second.path) == ("1.1", "抓项目", "1.2")
    assert "新开工12个" in first.text and "一是" not in head.text
    assert "成绩来之不易" in head.text and "成绩来之不易" not in second.text


def test_two_enumerations_in_one_paragraph():
    lines = ["某区报告", "一、工作安排", "抓发展：一是稳投资，二是促消费。抓民生：一是保就业，二是强社保。"]
    got = [(it.path, it.marker, it.title, it.text) for it in parse_outline(raw_from(lines)) if it.kind == "inline"]
    assert got == [("1.1", "一是", "稳投资", "稳投资，"), ("1.2", "二是", "促消费", "促消费。抓民生："),
                   ("1.3", "一是", "保就业", "保就业，"), ("1.4", "二是", "强社保", "强社保。")]


def test_only_inline_enumerations_make_level_one():
    lines = ["在某镇培训班上的讲话", "同志们：", "第一，要加强学习。第二，要联系实际。"]
    assert [(r[1], r[2]) for r in outline(lines)] == [(1, "第一，"), (1, "第二，")]


def test_inline_markers_in_markdown_bold():
    lines = ["# 某社区工作计划", "## 一、强化组织", "网格全覆盖。**一是**配强支部书记；**二是**建立中心户。"]
    got = [(r[1], r[2], r[4]) for r in outline(lines, "markdown") if r[2].endswith("是")]
    assert got == [(2, "一是", "配强支部书记"), (2, "二是", "建立中心户")]


def test_ordinal_opening_a_paragraph_is_titled_like_a_heading():
    """第一，… that opens a paragraph heads a part of a speech: its title runs to the first 。;
    inside a paragraph it is an inline item, titled to the first ，."""
    lines = ["在某镇工作会议上的讲话", "同志们：",
             "　　第一，提高政治站位，增强责任感。今年要抓好两件事：一是抓学习，常态化开展；二是抓落实。",
             "　　第二，压实工作责任，确保落地见效。", "　　最后讲两点：第一，守纪律，讲规矩；第二，重实效。"]
    got = [(r[0], r[2], r[4]) for r in outline(lines)]
    assert got[:4] == [("1", "第一，", "提高政治站位，增强责任感"), ("1.1", "一是", "抓学习"), ("1.2", "二是", "抓落实"),
                       ("2", "第二，", "压实工作责任，确保落地见效")]
    assert [title for _, marker, title in got[4:] if marker == "第一，"] == ["守纪律"]


# --------------------------------------------------------------------------------------------
# Lines that are not outline lines
# --------------------------------------------------------------------------------------------


def test_table_of_contents_with_page_numbers_is_skipped():
    lines = ["某区计划", "目  录", "一、指导思想……………1", "二、工作目标……………3", "", "一、指导思想", "正文。", "二、工作目标", "正文。"]
    items = parse_outline(raw_from(lines))
    assert [it.path for it in items] == ["1", "2"]
    assert items[0].start == raw_from(lines).text.index("一、指导思想\n正文")


def test_table_of_contents_that_repeats_the_headings_is_skipped():
    lines = ["某区计划", "一、指导思想", "二、工作目标", "", "一、指导思想", "坚持以人民为中心。", "二、工作目标", "达到95%。"]
    items = parse_outline(raw_from(lines))
    assert [(it.path, it.title) for it in items] == [("1", "指导思想"), ("2", "工作目标")]
    assert "人民为中心" in items[0].text


def test_markdown_table_of_contents_numbered_otherwise_than_the_headings():
    lines = ["# 某社区活动方案", "## 目录", "1. 活动背景", "2. 活动安排", "", "## 一、活动背景", "正文。",
             "## 二、活动安排", "### （一）学习阶段"]
    assert [(r[0], r[2]) for r in outline(lines, fmt="markdown")] == [("1", "一、"), ("2", "二、"), ("2.1", "（一）")]


def test_two_documents_of_one_template_are_not_a_table_of_contents():
    lines = ["某县关于印发两个方案的通知", "附件1", "某县甲方案", "一、总体要求", "（一）指导思想", "坚持…。",
             "附件2", "某县乙方案", "一、总体要求", "（一）指导思想", "坚持…。"]
    assert [r[0] for r in outline(lines)] == ["1", "1.1", "2", "2.1"]


def test_table_paragraphs_are_skipped():
    paras = list(paragraphs_from_lines(["某公司要点", "一、工作主题"]))
    paras.append(Paragraph("1.\t强化学习\t党委办公室", source=Source.TABLE, start=paras[-1].end + 1))
    items = parse_outline(RawDocument("t", "t.docx", "docx", tuple(paras)))
    assert [it.marker for it in items] == ["一、"]


def test_table_rows_saved_as_text_are_skipped():
    lines = ["某县要点", "一、工作任务", "序号\t任务\t牵头单位", "1.\t加强理论学习\t县委宣传部", "2.\t建强支部\t县委组织部"]
    assert [r[2] for r in outline(lines)] == ["一、"]


def test_word_numbering_is_trusted():
    """A marker drawn by Word numbering stays an item even where its number looks odd."""
    lines = ["某局要点", "一、主要工作", "3.强化学习。"]
    paras = list(paragraphs_from_lines(lines))
    paras[2] = Paragraph("3.强化学习。", auto_marker="3.", start=paras[2].start)
    items = parse_outline(RawDocument("t", "t.docx", "docx", tuple(paras)))
    assert [(it.marker, it.number) for it in items] == [("一、", 1), ("3.", 3)]


def test_word_heading_style_without_a_number():
    paras = list(paragraphs_from_lines(["某局要点", "指导思想", "正文。", "主要工作", "正文。"]))
    paras[0] = Paragraph("某局要点", style="Title", start=0)
    for i in (1, 3):
        paras[i] = Paragraph(paras[i].text, style="Heading 1", heading_level=1, start=paras[i].start)
    items = parse_outline(RawDocument("t", "t.docx", "docx", tuple(paras)))
    assert [(it.path, it.number, it.title) for it in items] == [("1", 1, "指导思想"), ("2", 2, "主要工作")]


def test_markdown_headings_with_and_without_numbers():
    lines = ["# 某社区活动方案", "", "## 活动背景", "正文。", "## 活动安排", "### 第一阶段", "1. 集中学习。", "2. 专题党课。"]
    got = outline(lines, fmt="markdown")
    assert [(r[0], r[1], r[2], r[4]) for r in got] == [
        ("1", 1, "##", "活动背景"), ("2", 1, "##", "活动安排"), ("2.1", 2, "###", "第一阶段"),
        ("2.1.1", 3, "1.", "集中学习"), ("2.1.2", 3, "2.", "专题党课")]


def test_two_documents_after_a_title_line_restart_the_numbering():
    """Without 附件 lines: the second document's title line starts a new outline; paths continue."""
    lines = ["某县关于印发两个文件的通知", "某县2021年党建工作要点", "一、政治建设", "二、组织建设",
             "某县2021年党员培训计划", "一、培训目标", "（一）全员轮训。"]
    assert [(r[0], r[1], r[2]) for r in outline(lines)] == [
        ("1", 1, "一、"), ("2", 1, "二、"), ("3", 1, "一、"), ("3.1", 2, "（一）")]


def test_an_unnumbered_subheading_does_not_start_a_new_document():
    """保障措施 without a number, then （一） again: a second run under the same parent, not level 1."""
    lines = ["某县要点", "一、总体要求", "（一）指导思想。", "（二）目标。", "保障措施", "（一）加强领导。", "（二）强化保障。"]
    assert [(r[0], r[1], r[3]) for r in outline(lines)] == [
        ("1", 1, 1), ("1.1", 2, 1), ("1.2", 2, 2), ("1.3", 2, 1), ("1.4", 2, 2)]


# --------------------------------------------------------------------------------------------
# Offsets, texts, tasks
# --------------------------------------------------------------------------------------------


def test_offsets_texts_and_path_at():
    lines = ["某县要点", "前言。", "一、学习", "（一）读原著。一是精读，二是研讨。", "（二）悟原理。", "二、组织"]
    raw = raw_from(lines)
    items = parse_outline(raw)
    doc = Document("t", "t.txt", "text", raw.text, items=items)
    for it in items:
        assert raw.text.startswith(it.marker, it.start)
        assert it.start < it.end <= len(raw.text)
        assert doc.path_at(it.start) == it.path
    assert doc.path_at(raw.text.index("前言")) == "0"
    assert doc.path_at(raw.text.index("研讨")) == "1.1.2"
    by_path = {it.path: it for it in items}
    assert by_path["1.1"].text == "读原著。"
    assert [it.path for it in items if it.is_task] == ["1.1.1", "1.1.2", "1.2", "2"]
    assert by_path["1.1.1"].parent == "1.1" and by_path["1"].parent == ""


# --------------------------------------------------------------------------------------------
# Whole documents in tests/data/outline/
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_documents(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["items"]
    raw = load(path)
    items = parse_outline(raw)
    got = [{"path": it.path, "level": it.level, "marker": it.marker, "number": it.number,
            "title": it.title, "kind": it.kind} for it in items]
    assert got == expected
    paths = [it.path for it in items]
    assert len(set(paths)) == len(paths)
    by_path = {it.path: it for it in items}
    for it in items:
        assert raw.text.startswith(it.marker, it.start) or it.rule == "outline.markdown"
        if it.parent:
            assert by_path[it.parent].level == it.level - 1


# --------------------------------------------------------------------------------------------
# Against ../shared (skipped when absent)
# --------------------------------------------------------------------------------------------


def _f1(gold: list[dict], pred: list) -> float:
    def key(title: str) -> str:
        return "".join(ch for ch in title if ch.isalnum())

    g = {(x["level"], x["number"], key(x["title"])) for x in gold if not x.get("optional")}
    p = {(x.level, x.number, key(x.title)) for x in pred}
    tp = len(g & p)
    return 2 * tp / (len(g) + len(p)) if g or p else 1.0


def test_seeds_against_gold(shared_dir):
    for seed in sorted((shared_dir / "corpora" / "seeds").glob("*.txt")):
        gold = json.loads((shared_dir / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))
        assert _f1(gold["items"], parse_outline(load(seed))) >= 0.98, seed.name


def test_external_documents_give_consistent_outlines_quickly(shared_dir):
    files = sorted((shared_dir / "corpora" / "external").glob("*.txt"))
    raws = [load(f) for f in files]
    t0 = time.perf_counter()
    outlines = [parse_outline(raw) for raw in raws]
    elapsed = time.perf_counter() - t0
    assert elapsed < 0.05 * len(raws) + 0.5
    for raw, items in zip(raws, outlines, strict=True):
        by_path = {it.path: it for it in items}
        assert len(by_path) == len(items), raw.doc
        for it in items:
            assert it.level == (by_path[it.parent].level + 1 if it.parent else 1), (raw.doc, it.path)


def test_an_unnumbered_heading_among_numbered_ones_is_no_item() -> None:
    """Word headings of a level that is numbered (一、 drawn by numbering.xml): one whose number is
    switched off (总体思路) is a section of its own, not a level-1 item that pushes the others down."""
    from policytext.types import Paragraph, RawDocument

    paras = [Paragraph("某大学2026年工作计划", style="Title"), Paragraph("总体思路", style="Heading 1", heading_level=1),
             Paragraph("今年工作的总体思路是……"),
             Paragraph("一、加强政治建设", style="Heading 1", heading_level=1, list_level=1, auto_marker="一、"),
             Paragraph("（一）完善制度", style="Heading 2", heading_level=2, list_level=2, auto_marker="（一）"),
             Paragraph("二、建强组织", style="Heading 1", heading_level=1, list_level=1, auto_marker="二、")]
    pos = 0
    placed = []
    for p in paras:
        placed.append(Paragraph(p.text, p.style, p.heading_level, p.list_level, p.auto_marker, p.source, pos))
        pos += len(p.text) + 1
    items = parse_outline(RawDocument(doc="d", path="", format="docx", paragraphs=tuple(placed)))
    assert [(it.level, it.marker) for it in items] == [(1, "一、"), (2, "（一）"), (1, "二、")]


def test_a_markdown_attachment_heading_is_no_item() -> None:
    from policytext.io.text import paragraphs_from_lines, split_lines
    from policytext.types import RawDocument

    text = "# 实施方案\n\n## 一、总体要求\n\n（一）目标\n\n## 附件\n\n| 序号 | 任务 |"
    raw = RawDocument(doc="d", path="", format="markdown", paragraphs=paragraphs_from_lines(split_lines(text)))
    assert [it.title for it in parse_outline(raw)] == ["总体要求", "目标"]
