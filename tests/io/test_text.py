"""The plain-text loader: encodings, line ends, BOMs, offsets, and files it must refuse."""

from __future__ import annotations

import codecs

import pytest

from policytext.errors import UnreadableDocument
from policytext.io import load
from policytext.io.text import decode_text, load_text, paragraphs_from_lines, split_lines

TEXT = "某县2021年党建工作要点\n一、总体要求\n（一）指导思想。坚持党的全面领导。\n"
LINES = ["某县2021年党建工作要点", "一、总体要求", "（一）指导思想。坚持党的全面领导。", ""]

# (how the file is written, expected encoding)
ENCODINGS = [
    ("utf-8", TEXT.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    ("gbk", TEXT.encode("gbk"), "gb18030"),
    ("gb18030", TEXT.encode("gb18030"), "gb18030"),
    ("utf-16 with BOM", TEXT.encode("utf-16"), "utf-16"),
    ("utf-16-be with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ("utf-16-le without BOM", "Plan 2021\n一、总体要求".encode("utf-16-le"), "utf-16-le"),
]


@pytest.mark.parametrize("name,data,encoding", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_decode_text(name, data, encoding):
    text, enc = decode_text(data)
    assert enc == encoding
    assert "一、总体要求" in text and "\ufeff" not in text


LINE_ENDS = [
    ("LF", "a\nb\nc"),
    ("CRLF", "a\r\nb\r\nc"),
    ("CR", "a\rb\rc"),
    ("mixed", "a\r\nb\nc"),
    ("form feed", "a\x0cb\nc"),
    ("line separator", "a\u2028b\u2029c"),
]


@pytest.mark.parametrize("name,text", LINE_ENDS, ids=[e[0] for e in LINE_ENDS])
def test_split_lines(name, text):
    assert split_lines(text) == ["a", "b", "c"]


def test_paragraph_offsets_point_into_the_joined_text():
    paras = paragraphs_from_lines(["标题\u3000 ", "", "\ufeff一、总体要求", "正文"])
    text = "\n".join(p.text for p in paras)
    assert [p.text for p in paras] == ["标题", "", "一、总体要求", "正文"]
    for p in paras:
        assert text[p.start : p.end] == p.text


@pytest.mark.parametrize("name,data,_enc", ENCODINGS[:5], ids=[e[0] for e in ENCODINGS[:5]])
def test_load_text_every_encoding_gives_the_same_document(tmp_path, name, data, _enc):
    path = tmp_path / "某县要点.txt"
    path.write_bytes(data)
    raw = load(path)
    assert raw.format == "text" and raw.doc == "某县要点"
    assert [p.text for p in raw.paragraphs] == LINES
    assert raw.text == "\n".join(LINES)


def test_load_text_crlf_and_bom_give_the_same_offsets_as_lf(tmp_path):
    lf = tmp_path / "lf.txt"
    crlf = tmp_path / "crlf.txt"
    lf.write_bytes(TEXT.encode())
    crlf.write_bytes(codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode())
    a, b = load(lf), load(crlf)
    assert a.text == b.text
    assert [p.start for p in a.paragraphs] == [p.start for p in b.paragraphs]


def test_markdown_suffix_sets_the_format(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# 某社区活动方案\n\n## 一、活动背景\n", encoding="utf-8")
    assert load_text(path).format == "markdown"


@pytest.mark.parametrize(
    "data,cause",
    [(b"", "empty"), (b"  \r\n \n", "empty"), ("\x00\x01二进制".encode(), "binary")],
    ids=["empty", "blank", "binary"],
)
def test_files_it_refuses(tmp_path, data, cause):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument, match=cause):
        load(path)


def test_split_lines_splits_as_the_line_end_pattern_with_or_without_rare_ends() -> None:
    """split_lines takes str.split when only LF ends lines: the same lines as LINE_END gives."""
    import random

    from policytext.io.text import LINE_END

    rng = random.Random(2)
    for _ in range(2000):
        ends = rng.choice(["\n", "\n\r", "\n\r\x0b\x0c\u2028\u2029"])
        text = "".join(rng.choice("党建a " + ends) for _ in range(rng.randint(0, 20)))
        assert split_lines(text) == LINE_END.split(text), repr(text)


def test_paragraphs_of_lines_equal_the_constructed_ones() -> None:
    from policytext.types import Paragraph

    made = paragraphs_from_lines(["一、总体要求 ", "\ufeff（一）目标"])
    assert made == (Paragraph(text="一、总体要求", start=0), Paragraph(text="（一）目标", start=7))
