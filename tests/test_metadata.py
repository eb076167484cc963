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
]


@pytest.mark.parametrize("title,head,body,expected", YEARS, ids=ids)
def test_find_year(title, head, body, expected):
    assert find_year(title, head, body) == expected


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
