"""Title, issuing unit and year: tables of first lines → expected value, and whole documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policytext.io import load
from policytext.io.text import paragraphs_from_lines
from policytext.metadata import Metadata, extract_metadata, find_title, find_year, unit_at_start
from policytext.outline import parse_outline
from policytext.types import Paragraph, RawDocument

OUTLINE_DATA = Path(__file__).resolve().parent / "data" / "outline"
DOCUMENTS = sorted(p for p in OUTLINE_DATA.glob("*") if p.suffix in (".txt", ".md"))


def meta(lines: list[str]) -> Metadata:
    raw = RawDocument("t", "t.txt", "text", paragraphs_from_lines(lines))
    return extract_metadata(raw, parse_outline(raw))


def ids(value) -> str:
    """The raw text of a row in pytest's output."""
    return str(value)[:24]


# (lines at the top of a file, expected title)
TITLES = [
    (["本文为网友投稿，仅供交流参考，请勿转载。", "某县2021年党建工作要点", "", "2021年，全县…。"], "某县2021年党建工作要点"),
    (["附件1", "", "某区2021年党员教育培训计划", "一、培训目标"], "某区2021年党员教育培训计划"),
    (["    【法宝引证码】 CLI.12.000000", "原文链接：https://example.org/a.html", "某市关于印发某办法的通知"],
     "某市关于印发某办法的通知"),
    (["# 某社区主题活动方案", "", "## 一、活动背景"], "某社区主题活动方案"),
    (["某县2021年", "党建工作要点", "", "2021年，全县党建工作…。"], "某县2021年党建工作要点"),
    (["在全镇第一期培训班、", "第二期骨干班开班仪式上的讲话", "同志们："], "在全镇第一期培训班、第二期骨干班开班仪式上的讲话"),
    (["政 府 工 作 报 告", "——2021年1月18日在某县第十七届人民代表大会第五次会议上"], "政府工作报告"),
    (["政府工作报告——2021年3月5日在某市第十届人民代表大会第三次会议上"], "政府工作报告"),
    (["2026年某省政府工作报告", "来源：某某日报", "时间：2026-02-02"], "2026年某省政府工作报告"),
    (["各位代表：", "现在，我代表县人民政府向大会报告工作。"], ""),
    (["某县2021年党建工作要点", "某县2021年党建工作要点"], "某县2021年党建工作要点"),
    (["附件1：某区2021年党员教育培训计划", "一、培训目标"], "某区2021年党员教育培训计划"),
    (["一、总体要求", "坚持…。"], ""),
    (["为加强基层党建工作，制定本方案。", "一、总体要求"], ""),
    # letterhead, 文号, 签发人, 密级 and 紧急程度 lines are never the title; issuers + 关于… join
    (["中共某市委办公室文件", "", "某办发〔2023〕12号", "签发人：张某", "★", "特急", "中共某市委办公室 某市人民政府办公室",
      "关于印发《某市乡村振兴实施方案》的通知", "各县（市、区）：", "现将…印发给你们。"],
     "中共某市委办公室 某市人民政府办公室关于印发《某市乡村振兴实施方案》的通知"),
    (["某 县 人 民 政 府 文 件", "某政发〔2023〕第5号", "关于加强秸秆禁烧工作的通知", "各乡镇人民政府："], "关于加强秸秆禁烧工作的通知"),
    (["中共某县委办公室", "某办发〔2023〕2号", "关于做好春节期间走访慰问工作的通知", "各乡镇党委："],
     "关于做好春节期间走访慰问工作的通知"),
    # a period in brackets is part of the title, on the title's line or on its own line
    (["某省推进中小企业数字化转型实施方案（2023—2025年）", "", "为加快…，制定本方案。"], "某省推进中小企业数字化转型实施方案（2023—2025年）"),
    (["某县优化营商环境实施方案", "（2023-2025年）", "为进一步…，制定本方案。"], "某县优化营商环境实施方案（2023-2025年）"),
    (["某市机关党建工作考核办法", "（试行）", "第一条 为…，制定本办法。"], "某市机关党建工作考核办法（试行）"),
    # an open 《 carries the title on; a 文号 in brackets after the title is not part of it
    (["关于印发《某县2023年乡村振兴", "重点工作任务》的通知", "各乡镇党委："], "关于印发《某县2023年乡村振兴重点工作任务》的通知"),
    (["某县人民政府关于加强安全生产工作的意见（某政发〔2023〕5号）", "各乡镇人民政府："], "某县人民政府关于加强安全生产工作的意见"),
    # the issuer and date under a title are not part of it
    (["某社区“学党史、办实事”主题活动", "某社区党委", "2021年3月", "一、活动目标"], "某社区“学党史、办实事”主题活动"),
    # YAML front matter of a Markdown file
    (["---", "title: 某社区2024年志愿服务活动方案", "author: 某社区党委", "---", "", "## 一、活动目标"], "某社区2024年志愿服务活动方案"),
]


@pytest.mark.parametrize("lines,expected", TITLES, ids=ids)
def test_find_title(lines, expected):
    assert find_title(lines)[0] == expected


# (title, first lines of the body, expected unit)
UNITS = [
    ("×市2021年党建工作要点", [], "×市"),
    ("2021年县直机关党建工作要点", [], "县直机关"),
    ("某区民政局2021年工作计划", [], "某区民政局"),
    ("中共某县委2021年党建工作要点", [], "中共某县委"),
    ("2026年某自治区政府工作报告", [], "某自治区"),
    ("某县人民政府办公室关于印发某县乡村振兴实施方案的通知", [], "某县人民政府办公室"),
    ("二〇二一年党建工作要点", ["2021年某市党建工作，坚持以人民为中心。"], "某市"),
    ("2021年度党建工作要点", ["2021年，公司党建工作要围绕生产经营中心任务展开。"], "公司"),
    ("局2021年党建工作计划", ["为加强党的建设，制定本计划。", "附：XX局2021年党建工作计划表"], "XX局"),
    ("政府工作报告", ["——2021年1月18日在某县第十七届人民代表大会第五次会议上", "各位代表："], "某县"),
    ("政府工作报告", ["各位代表：", "现在，我代表某旗人民政府，向大会报告工作。"], "某旗"),
    ("在2021年党建工作推进会上的讲话", ["同志们：", "全市党建工作取得新成效，XX市基层党建走在前列。", "全市上下要…。"], "XX市"),
    ("党建工作要点", ["一、总体要求"], ""),
    ("关于印发《某县2021年党建工作要点》的通知", [], "某县"),
    ("2021年党建工作计划", ["局党组坚持把党的建设摆在首位。"], "局"),
    # two issuers: the place they share
    ("中共某市委　某市人民政府关于做好2023年乡村振兴重点工作的实施意见", [], "某市"),
    ("中共某市委办公室 某市人民政府办公室关于印发某方案的通知", [], "某市"),
    ("某县教育局 某县财政局关于印发某办法的通知", [], "某县"),
    # a place at the head of a title with no topic word after it names the level the text speaks of
    ("青溪县优化营商环境实施方案（2023—2025年）", ["为进一步优化全县营商环境，制定本方案。", "一、总体目标"], "青溪县"),
    # a speech at a meeting of the whole city: the city as the text names it (speaker's line, organs)
    ("在全市2024年党建工作会议上的讲话", ["中共青溪市委书记　王某某", "同志们：", "全市党建工作取得新成效。"], "青溪市"),
    ("在全市2024年党建工作会议上的讲话", ["同志们：", "一年来，青溪市委坚持…，全市上下…。"], "青溪市"),
    ("在全县安全生产工作会议上的讲话", ["同志们：", "全县安全生产形势总体平稳。"], "县"),
    # a speech at a county meeting: the county named in the closing note, not the 是县委 of a sentence
    ("在全县项目建设推进会议上的讲话", ["县委书记　某某", "同志们：", "今天的会议，是县委、县政府研究决定召开的。",
                                  "（根据2025年2月20日在青漪县项目建设推进会议上的讲话录音整理）"], "青漪县"),
    # two issuers named alone above the title, not the office that signs at the end
    ("中共某县纪律检查委员会　某县监察委员会", ["2025年工作要点", "一、强化政治监督", "中共某县纪委办公室", "2025年2月18日"], "某县"),
    # the unit whose meeting a report was given at, named in the title
    ("在某港务集团有限公司四届二次职代会上的工作报告", ["总经理　某某", "各位代表：", "过去一年，公司…。"], "某港务集团有限公司"),
    # the speaker's own unit, named
    ("在第五期入党积极分子培训班开班典礼上的致辞", ["同学们：", "我谨代表某学院分党校，向全体学员表示祝贺！"], "某学院分党校"),
    # 全县 in a title is a level, named by the signer or the organs the text names; 加强全县 is no name
    ("2023年全县党建工作要点", ["一、总体要求", "全县各级党组织要…。", "中共青溪县委组织部", "2023年2月1日"], "青溪县"),
    ("加强全县基层党建工作的实施意见", ["一、总体要求", "全县各级党组织要在青溪县委领导下…。"], "青溪县"),
    ("2023年度党建工作考核细则", ["一、考核对象", "区直各部门（单位）在青溪区委领导下…。"], "青溪区"),
    # a speech at a township meeting: the town named before its Party committee in the byline
    ("在全镇2026年工作会议上的讲话", ["青漪镇党委书记　某某", "同志们：", "今天，我们召开全镇工作会议。", "全镇上下要鼓足干劲。"], "青漪镇"),
    # a street's own rules: the street is the title's second place, not its district
    ("青溪区柳汀街道社区治理办法", ["第一条　为加强本街道社区治理，制定本办法。", "第二条　本街道各社区适用本办法。"], "青溪区柳汀街道"),
    # a procuratorate's own points: the organ is the unit, not its county
    ("某县人民检察院2026年检察工作要点", ["一、总体要求", "全院干警要…。"], "某县人民检察院"),
    # a letterhead names the issuer when the title does not
    ("某县人民政府文件", ["某政发〔2023〕1号", "关于加强秸秆禁烧工作的通知", "各乡镇人民政府："], "某县人民政府"),
]


@pytest.mark.parametrize("title,body,expected", UNITS, ids=ids)
def test_unit(title, body, expected):
    assert meta([title, *body]).unit == expected


def test_word_title_style_decides_the_title():
    paras = list(paragraphs_from_lines(["本文为网友投稿，仅供交流参考", "某县2021年", "党建工作要点", "一、总体要求"]))
    paras[1] = Paragraph("某县2021年", style="Title", start=paras[1].start)
    paras[2] = Paragraph("党建工作要点", style="Title", start=paras[2].start)
    raw = RawDocument("t", "t.docx", "docx", tuple(paras))
    got = extract_metadata(raw, parse_outline(raw))
    assert (got.title, got.unit, got.year) == ("某县2021年党建工作要点", "某县", 2021)


def test_unit_from_the_signature():
    lines = ["关于做好春节期间安全工作的通知", "各村、各单位：", "现就有关事项通知如下。", "一、加强值班值守",
             "二、开展隐患排查", "某镇人民政府", "2021年1月20日"]
    assert meta(lines).unit == "某镇人民政府"


def test_unit_at_start_takes_the_shortest_name_before_the_subject():
    assert unit_at_start("北京市政府工作报告") == "北京市"
    assert unit_at_start("某市机关党建工作考核办法") == "某市"
    assert unit_at_start("政府工作报告") == ""


# (title, date lines under it, body, expected year)
YEARS = [
    ("二〇二〇年党建工作要点", [], "2019年…", 2020),
    ("某县2021年度党建工作要点", [], "", 2021),
    ("某市2021—2025年人才发展规划", [], "", 2021),
    ("政府工作报告", ["——2016年2月19日在某区第十届人民代表大会第五次会议上"], "一、2015年工作回顾", 2016),
    ("政府工作报告", [], "一、2021年工作回顾\n二、2022年工作任务", 2022),
    ("党建工作要点", [], "今年是建党100周年，2021年全县党建工作要…", 2021),
    ("党建工作要点", [], "没有年份。", None),
    ("某省营商环境实施方案", [], "到2023年底，主要指标达到全国先进水平。2022年6月底前完成…", 2022),
    # a span: its first year, the year the plan is issued for
    ("某省数字化转型实施方案（2023—2025年）", [], "到2025年底，累计推动…", 2023),
    ("某县三年行动方案（2024-2026年）", [], "", 2024),
    ("某市“十四五”农业农村现代化规划", [], "“十三五”期间，2020年…", 2021),
    ("某县十三五规划纲要", [], "", 2016),
    # a deadline in the title counts only when nothing else gives the year
    ("关于到2025年基本实现某目标的意见", ["（2022年3月1日）"], "", 2022),
    ("关于到2025年基本实现某目标的意见", [], "", 2025),
    # a bound in the body (建成于2000年底前的小区) is no year the document is for
    ("某市专项资金管理办法", [], "第四条　重点支持2000年底前建成的小区。第二十二条　本办法自2025年5月1日起施行。", 2025),
]


@pytest.mark.parametrize("title,head,body,expected", YEARS, ids=ids)
def test_find_year(title, head, body, expected):
    assert find_year(title, head, body) == expected


def test_year_from_the_date_signed_before_the_years_the_body_looks_back_on():
    lines = ["关于做好春季森林防火工作的通知", "各乡镇、县直各单位：", "去年全县发生森林火情3起，2022年共投入…。", "一、压实责任",
             "二、加强巡查", "某县林业局", "2023年3月1日"]
    assert (meta(lines).unit, meta(lines).year) == ("某县林业局", 2023)


# Whole documents written for these tests (fictional units): (name, lines, (title, unit, year)).
WHOLE = [
    ("county_gwr", ["政府工作报告", "——2024年1月15日在青溪县第十七届人民代表大会第四次会议上", "县长　李某某", "",
                    "各位代表：", "现在，我代表县人民政府，向大会报告工作，请予审议。", "一、2023年工作回顾",
                    "过去一年，全县地区生产总值增长6%。", "二、2024年工作安排", "（一）推动产业升级。"],
     ("政府工作报告", "青溪县", 2024)),
    ("city_gwr_named", ["青溪市2024年政府工作报告", "——2024年1月15日在青溪市第十七届人民代表大会第四次会议上",
                        "青溪市市长　李某某", "各位代表：", "一、2023年工作回顾", "二、2024年工作安排"],
     ("青溪市2024年政府工作报告", "青溪市", 2024)),
    ("gwr_wrapped_subtitle", ["政 府 工 作 报 告", "——2024年1月15日在青溪市第十七届", "人民代表大会第四次会议上",
                              "各位代表：", "一、2023年工作回顾", "二、2024年工作安排"],
     ("政府工作报告", "青溪市", 2024)),
    ("gwr_without_title_line", ["——2024年1月15日在青溪县第十七届人民代表大会第四次会议上", "各位代表：",
                                "现在，我代表青溪县人民政府向大会报告工作，请予审议。", "一、2023年工作回顾"],
     ("政府工作报告", "青溪县", 2024)),
    ("speech", ["在全市2024年党建工作会议上的讲话", "（2024年2月20日）", "中共青溪市委书记　王某某", "", "同志们：",
                "今天召开全市党建工作会议。", "一、充分肯定成绩", "过去一年，全市各级党组织…。", "二、明确重点任务"],
     ("在全市2024年党建工作会议上的讲话", "青溪市", 2024)),
    ("notice_signed", ["关于做好2023年春季森林防火工作的通知", "某林发〔2023〕3号", "各乡镇、县直各单位：",
                       "为切实做好今年春季森林防火工作，现就有关事项通知如下。", "一、提高认识", "（一）压实责任。",
                       "二、加强巡查", "附件：1．森林防火责任表", "　　　2．值班安排表", "", "青溪县林业局", "2023年3月1日"],
     ("关于做好2023年春季森林防火工作的通知", "青溪县林业局", 2023)),
    ("notice_two_issuers", ["中共青溪县委办公室文件", "青办发〔2024〕8号", "中共青溪县委办公室　青溪县人民政府办公室",
                            "关于印发《青溪县村级后备力量培养方案》《青溪县强村富民三年行动方案（2024—2026年）》的通知",
                            "各乡镇党委、人民政府：", "现将两个方案印发给你们，请认真贯彻落实。",
                            "附件：1．青溪县村级后备力量培养方案", "2．青溪县强村富民三年行动方案（2024—2026年）",
                            "中共青溪县委办公室", "青溪县人民政府办公室", "2024年3月8日", "附件1", "青溪县村级后备力量培养方案",
                            "一、目标任务", "到2026年，每村储备后备力量不少于2名。", "附件2",
                            "青溪县强村富民三年行动方案（2024—2026年）", "一、目标任务", "到2026年底，全县村集体收入全部达到10万元。"],
     ("中共青溪县委办公室　青溪县人民政府办公室关于印发《青溪县村级后备力量培养方案》"
      "《青溪县强村富民三年行动方案（2024—2026年）》的通知", "青溪县", 2024)),
    ("plan_period_line", ["青溪县优化营商环境实施方案", "（2023—2025年）", "", "为进一步优化营商环境，结合我县实际，制定本方案。",
                          "一、总体目标", "到2025年，全县营商环境明显改善。"],
     ("青溪县优化营商环境实施方案（2023—2025年）", "青溪县", 2023)),
]


@pytest.mark.parametrize("lines,expected", [w[1:] for w in WHOLE], ids=[w[0] for w in WHOLE])
def test_whole_documents(lines, expected):
    got = meta(lines)
    assert (got.title, got.unit, got.year) == expected


def test_markdown_heading_is_the_title(tmp_path):
    md = tmp_path / "plan.md"
    md.write_text("# 某社区2024年“邻里守望”主题活动方案\n\n某社区党委\n\n2024年3月\n\n## 目录\n\n"
                  "[一、活动目标\t1](#_Toc1)\n\n## 一、活动目标\n\n以…为目标。\n\n## 二、活动内容\n\n1. **开展走访。**…\n",
                  encoding="utf-8")
    raw = load(md)
    got = extract_metadata(raw, parse_outline(raw))
    assert (got.title, got.unit, got.year) == ("某社区2024年“邻里守望”主题活动方案", "某社区", 2024)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_documents(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    raw = load(path)
    got = extract_metadata(raw, parse_outline(raw))
    assert (got.title, got.unit, got.year) == (expected["title"], expected["unit"], expected["year"])


def test_seeds_against_gold(shared_dir):
    """Title, unit and year of every seed as the gold has them (unit: one name contains the other)."""
    for seed in sorted((shared_dir / "corpora" / "seeds").glob("*.txt")):
        gold = json.loads((shared_dir / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))
        raw = load(seed)
        got = extract_metadata(raw, parse_outline(raw))
        assert "".join(ch for ch in got.title if ch.isalnum()) == "".join(ch for ch in gold["title"] if ch.isalnum())
        assert got.unit and (got.unit in gold["unit"] or gold["unit"] in got.unit), seed.name
        assert got.year == gold["year"], seed.name
