"""The numbering renderer: number formats against Word's reference values, and Word's counting rules."""

from __future__ import annotations

import pytest

from policytext.io.numbering import (
    AbstractNum,
    Level,
    Num,
    NumberingCounter,
    NumberingDefinitions,
    bullet_text,
    format_number,
)

# What Word draws (ECMA-376-1 §17.18.59, and Word 16 where the standard is silent), as listed in
# shared/reference/word-numbering.md: numFmt, value, expected.
REFERENCE = [
    ("chineseCounting", 1, "一"), ("chineseCounting", 10, "十"), ("chineseCounting", 11, "十一"),
    ("chineseCounting", 101, "一○一"),
    ("chineseCountingThousand", 1, "一"), ("chineseCountingThousand", 10, "十"),
    ("chineseCountingThousand", 11, "十一"), ("chineseCountingThousand", 101, "一百〇一"),
    ("chineseCountingThousand", 1_000_000, ""),
    ("chineseLegalSimplified", 1, "壹"), ("chineseLegalSimplified", 10, "壹拾"),
    ("chineseLegalSimplified", 11, "壹拾壹"), ("chineseLegalSimplified", 101, "壹佰零壹"),
    ("chineseLegalSimplified", 1_000_000, ""),
    ("japaneseCounting", 1, "一"), ("japaneseCounting", 10, "十"), ("japaneseCounting", 11, "十一"),
    ("japaneseCounting", 101, "百一"), ("japaneseCounting", 1_000_000, ""),
    ("ideographDigital", 1, "一"), ("ideographDigital", 10, "一〇"), ("ideographDigital", 11, "一一"),
    ("ideographDigital", 101, "一〇一"),
    ("decimalFullWidth", 1, "１"), ("decimalFullWidth", 10, "１０"), ("decimalFullWidth", 11, "１１"),
    ("decimalFullWidth", 101, "１０１"),
    ("ideographTraditional", 1, "甲"), ("ideographTraditional", 10, "癸"), ("ideographTraditional", 11, "11"),
    ("ideographTraditional", 101, "101"),
    ("ideographZodiac", 1, "子"), ("ideographZodiac", 10, "酉"), ("ideographZodiac", 11, "戌"),
    ("ideographZodiac", 13, "13"), ("ideographZodiac", 101, "101"),
    ("decimalEnclosedCircle", 1, "①"), ("decimalEnclosedCircle", 10, "⑩"), ("decimalEnclosedCircle", 11, "⑪"),
    ("decimalEnclosedCircle", 20, "⑳"), ("decimalEnclosedCircle", 21, "21"), ("decimalEnclosedCircle", 101, "101"),
]

# Further values that follow from the same rules (counting forms, Western formats).
MORE = [
    ("decimal", 7, "7"), ("decimal", 0, "0"),
    ("chineseCounting", 20, "二十"), ("chineseCounting", 99, "九十九"), ("chineseCounting", 100, "一○○"),
    ("chineseCountingThousand", 15, "十五"), ("chineseCountingThousand", 110, "一百一十"),
    ("chineseCountingThousand", 1005, "一千〇五"), ("chineseCountingThousand", 10010, "一万〇一十"),
    ("chineseCountingThousand", 100000, "十万"),
    ("chineseLegalSimplified", 20, "贰拾"), ("chineseLegalSimplified", 110, "壹佰壹拾"),
    ("japaneseCounting", 110, "百十"), ("japaneseCounting", 1000, "千"), ("japaneseCounting", 10000, "一万"),
    ("upperLetter", 1, "A"), ("upperLetter", 26, "Z"), ("upperLetter", 27, "AA"), ("upperLetter", 53, "AAA"),
    ("lowerLetter", 2, "b"), ("lowerLetter", 28, "bb"),
    ("upperRoman", 4, "IV"), ("upperRoman", 1994, "MCMXCIV"), ("lowerRoman", 9, "ix"), ("lowerRoman", 40, "xl"),
    ("decimalZero", 3, "03"), ("decimalZero", 12, "12"),
    ("decimalEnclosedParen", 3, "⑶"), ("decimalEnclosedFullstop", 2, "⒉"), ("ideographEnclosedCircle", 1, "㈠"),
    ("ordinal", 1, "1st"), ("ordinal", 12, "12th"), ("ordinal", 23, "23rd"),
    ("cardinalText", 21, "Twenty-one"), ("ordinalText", 3, "Third"), ("ordinalText", 20, "Twentieth"),
    ("none", 5, ""), ("someFutureFormat", 5, "5"),
]


@pytest.mark.parametrize("fmt,value,expected", REFERENCE + MORE)
def test_format_number(fmt, value, expected):
    assert format_number(value, fmt) == expected


def test_bullet_glyphs_from_symbol_fonts_become_unicode():
    assert bullet_text("\uf0b7") == "•"
    assert bullet_text("\uf0d8") == "➢"
    assert bullet_text("–") == "–"
    assert bullet_text("") == "•"


def _defs(levels: dict[int, Level], nums: dict[str, Num] | None = None) -> NumberingDefinitions:
    defs = NumberingDefinitions()
    defs.abstracts["a"] = AbstractNum("a", levels)
    defs.nums.update(nums or {"1": Num("1", "a")})
    return defs


OUTLINE = {
    0: Level(fmt="chineseCounting", text="%1、"),
    1: Level(fmt="chineseCounting", text="（%2）"),
    2: Level(fmt="decimal", text="%3."),
}


def test_lower_levels_restart_under_a_new_higher_item():
    c = NumberingCounter(_defs(OUTLINE))
    got = [c.marker("1", i) for i in (0, 1, 2, 2, 1, 2, 0, 1, 2)]
    assert got == ["一、", "（一）", "1.", "2.", "（二）", "1.", "二、", "（一）", "1."]


def test_lvl_restart_zero_continues_across_higher_items():
    levels = dict(OUTLINE)
    levels[1] = Level(fmt="chineseCounting", text="（%2）", restart=0)
    c = NumberingCounter(_defs(levels))
    assert [c.marker("1", i) for i in (0, 1, 1, 0, 1)] == ["一、", "（一）", "（二）", "二、", "（三）"]


def test_lvl_restart_names_the_level_that_restarts():
    levels = dict(OUTLINE)
    levels[2] = Level(fmt="decimal", text="%3.", restart=1)  # only level 0 (一、) restarts it
    c = NumberingCounter(_defs(levels))
    got = [c.marker("1", i) for i in (0, 1, 2, 1, 2, 0, 2)]
    assert got == ["一、", "（一）", "1.", "（二）", "2.", "二、", "1."]


def test_instances_of_one_template_continue_and_start_override_restarts():
    nums = {"1": Num("1", "a"), "2": Num("2", "a"), "3": Num("3", "a", start_overrides={0: 1})}
    c = NumberingCounter(_defs(OUTLINE, nums))
    assert [c.marker(n, 0) for n in ("1", "1", "2", "3", "3")] == ["一、", "二、", "三、", "一、", "二、"]


def test_start_override_applies_once_per_instance():
    nums = {"1": Num("1", "a"), "2": Num("2", "a", start_overrides={1: 5})}
    c = NumberingCounter(_defs(OUTLINE, nums))
    got = [c.marker(n, i) for n, i in (("1", 0), ("2", 1), ("2", 1), ("1", 1))]
    assert got == ["一、", "（五）", "（六）", "（七）"]


def test_level_start_value():
    c = NumberingCounter(_defs({0: Level(fmt="decimal", text="%1)", start=4)}))
    assert [c.marker("1", 0) for _ in range(2)] == ["4)", "5)"]


def test_is_lgl_draws_every_level_in_decimal():
    levels = dict(OUTLINE)
    levels[1] = Level(fmt="chineseCounting", text="%1.%2", is_lgl=True)
    c = NumberingCounter(_defs(levels))
    assert [c.marker("1", i) for i in (0, 0, 1)] == ["一、", "二、", "2.1"]


def test_unused_higher_level_shows_its_start_value():
    levels = dict(OUTLINE)
    levels[1] = Level(fmt="decimal", text="%1.%2", is_lgl=True)
    c = NumberingCounter(_defs(levels))
    assert c.marker("1", 1) == "1.1"


def test_unknown_list_or_level_draws_nothing():
    c = NumberingCounter(_defs(OUTLINE))
    assert c.marker("42", 0) == ""
    assert c.marker("1", 7) == ""


def test_level_override_replaces_the_format_for_that_instance():
    nums = {"1": Num("1", "a"), "2": Num("2", "a", level_overrides={0: Level(fmt="upperLetter", text="%1.")})}
    c = NumberingCounter(_defs(OUTLINE, nums))
    assert [c.marker("1", 0), c.marker("2", 0)] == ["一、", "B."]


def test_num_style_link_follows_to_the_real_template():
    defs = _defs(OUTLINE)
    defs.abstracts["link"] = AbstractNum("link", {}, num_style_link="OutlineList")
    defs.nums["7"] = Num("7", "link")
    defs.style_num_ids = {"OutlineList": "1"}
    c = NumberingCounter(defs)
    assert [c.marker("7", 0), c.marker("1", 0)] == ["一、", "二、"]


def test_parse_level_reads_the_fallback_of_a_custom_format():
    from lxml import etree

    from policytext.io.numbering import parse_level

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    xml = (
        f'<w:lvl xmlns:w="{w}" xmlns:mc="{mc}" w:ilvl="1"><w:start w:val="3"/><mc:AlternateContent>'
        '<mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/></mc:Choice>'
        '<mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>'
        '<w:lvlRestart w:val="0"/><w:isLgl/><w:pStyle w:val="Heading2"/><w:lvlText w:val="%2."/></w:lvl>'
    )
    lvl = parse_level(etree.fromstring(xml), f"{{{w}}}")
    assert (lvl.start, lvl.fmt, lvl.text, lvl.restart, lvl.is_lgl, lvl.style) == (3, "decimalZero", "%2.", 0, True, "Heading2")


def test_templates_are_read_on_first_use_to_the_same_levels():
    import zipfile
    from pathlib import Path

    from lxml import etree

    from policytext.io.numbering import parse_level

    docx = Path(__file__).resolve().parent.parent / "data" / "docx" / "numbering_formats.docx"
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/numbering.xml"))
    w = root.tag[: root.tag.index("}") + 1]
    defs = NumberingDefinitions.from_xml(root, w)
    assert defs.abstracts and all(not a.levels for a in defs.abstracts.values())  # nothing read yet
    num_id, num = next(iter(defs.nums.items()))
    assert defs.level(num_id, 0) is not None  # first use reads that template only
    assert len([a for a in defs.abstracts.values() if a.levels]) == 1
    for an in root.iter(w + "abstractNum"):
        expected = {int(lvl.get(w + "ilvl")): parse_level(lvl, w) for lvl in an.findall(w + "lvl")}
        assert defs._abstract(an.get(w + "abstractNumId")).levels == expected
