"""The .docx loader on the fixtures of tests/data/docx (built by make_fixtures.py) and on ../shared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policytext.io import load
from policytext.io.docx import load_docx
from policytext.io.numbering import format_number
from policytext.types import Source

DOCX = Path(__file__).resolve().parent.parent / "data" / "docx"


def body(raw) -> list[str]:
    return [p.text for p in raw.paragraphs if p.source is Source.BODY]


def markers(raw) -> list[str]:
    return [p.auto_marker for p in raw.paragraphs if p.source is Source.BODY]


# --- the document model ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["restart_continue", "style_numbering", "tracked_changes", "tables", "outline"])
def test_offsets_point_into_the_text(name):
    raw = load_docx(DOCX / f"{name}.docx")
    text = raw.text
    assert raw.format == "docx" and raw.doc == name
    for p in raw.paragraphs:
        assert text[p.start : p.end] == p.text
        assert "\n" not in p.text
    for t in raw.tables:
        assert any(p.start == t.start and p.source is Source.TABLE for p in raw.paragraphs)


def test_load_dispatches_docx_to_this_loader():
    assert load(DOCX / "outline.docx") == load_docx(DOCX / "outline.docx")


# --- numbering ------------------------------------------------------------------------------


def test_every_number_format_is_drawn_in_the_text():
    from tests.data.docx.make_fixtures import FORMAT_GROUPS, FORMATS

    raw = load_docx(DOCX / "numbering_formats.docx")
    numbered = [p for p in raw.paragraphs if p.list_level is not None or p.text.startswith("示范区编号")]
    values = [v for group in FORMAT_GROUPS for v in group]
    assert len(numbered) == len(FORMATS) * len(values)
    for i, fmt in enumerate(FORMATS):
        chunk = numbered[i * len(values) : (i + 1) * len(values)]
        for p, value in zip(chunk, values, strict=True):
            drawn = format_number(value, fmt)
            assert p.auto_marker == (drawn + "、" if drawn else "")
            assert p.text == p.auto_marker + "示范区编号样例条目"


@pytest.mark.parametrize("fmt,value,expected", [
    ("chineseCounting", 101, "一○一、"), ("chineseCountingThousand", 101, "一百〇一、"),
    ("ideographTraditional", 11, "11、"), ("decimalEnclosedCircle", 21, "21、"),
    ("chineseLegalSimplified", 11, "壹拾壹、"), ("japaneseCounting", 101, "百一、"),
    ("ideographDigital", 10, "一〇、"), ("decimalFullWidth", 11, "１１、"),
])
def test_reference_values_come_out_of_a_real_document(fmt, value, expected):
    from tests.data.docx.make_fixtures import FORMAT_GROUPS, FORMATS

    raw = load_docx(DOCX / "numbering_formats.docx")
    values = [v for group in FORMAT_GROUPS for v in group]
    numbered = [p for p in raw.paragraphs if p.text.endswith("示范区编号样例条目")]
    p = numbered[FORMATS.index(fmt) * len(values) + values.index(value)]
    assert p.auto_marker == expected


def test_restart_continue_and_override():
    raw = load_docx(DOCX / "restart_continue.docx")
    got = markers(raw)[1:]
    assert got == [
        "一、", "（一）", "1.", "（1）", "（2）", "2.", "（1）", "（二）", "3.", "1.2.1",
        "二、", "（一）", "1.",
        "三、",  # a second w:num of the same abstractNum continues
        "一、", "（一）",  # a w:num with startOverride starts again
        "",  # numId 0
        "二、",
        "第一章", "1.", "2.", "第二章", "3.",  # lvlRestart 0: never restarted
        "I.", "A)", "(a)", "iii.", "iv.", "", "•", "II.", "A)",
        "⑤",  # a w:lvl inside w:lvlOverride
        "",  # a numId that numbering.xml does not define
    ]


def test_marker_is_followed_directly_by_the_text_and_levels_are_set():
    raw = load_docx(DOCX / "restart_continue.docx")
    first, second, third = raw.paragraphs[1:4]
    assert first.text == "一、某县推进基层治理的一项工作"  # w:suff is not put into the text
    assert (first.list_level, second.list_level, third.list_level) == (1, 2, 3)
    off = next(p for p in raw.paragraphs if "numId 0" in p.text)
    assert off.list_level is None and off.auto_marker == ""


def test_numbering_from_styles():
    raw = load_docx(DOCX / "style_numbering.docx")
    got = [(p.auto_marker, p.heading_level, p.style) for p in raw.paragraphs[1:]]
    assert got == [
        ("一、", 1, "Heading 1"),
        ("（一）", 2, "Heading 2"),  # numId inherited from Heading 1 through basedOn
        ("1.", None, "Item Number"),  # ilvl found through the lvl/pStyle back-link
        ("2.", None, "Item Number"),
        ("（二）", 2, "Heading 2"),
        ("1.", None, "Item Number Bold"),  # numbering inherited from Item Number
        ("二、", 1, "Heading 1"),
        ("（三）", 2, "Heading 2"),  # lvlRestart 0 continues across 二、
        ("1.", None, "Item Number"),
        ("", 1, "Plain Heading"),  # numId 0 in the style switches it off
        ("", 1, "Heading 1"),  # numId 0 on the paragraph switches it off
        ("", 3, "小节标题"),  # outline level from the style
        ("", 2, "Normal"),  # outline level from the paragraph
        ("（四）", None, "Normal"),  # the paragraph's own numPr
    ]


# --- what counts as body text -----------------------------------------------------------------


def test_tracked_changes_accepted_and_other_parts_left_out():
    raw = load_docx(DOCX / "tracked_changes.docx")
    text = raw.text
    assert "全年开展四次安全检查。" in body(raw)  # w:ins kept, w:del dropped
    assert "两次" not in text
    assert "隐患整改实行台账管理，限期销号。" in body(raw)  # moveTo kept, moveFrom dropped
    assert "旧位置文字" not in text
    assert "班组长每日巡查，发现问题立即上报。" in body(raw)  # deleted paragraph mark joins
    assert "这一整段已被删除" not in text
    for outside in ("安全生产委员会办公室文件", "第 1 页", "批注", "请核实数据来源"):
        assert outside not in text  # header, footer, comment


def test_content_controls_links_fields_and_hidden_text():
    lines = body(load_docx(DOCX / "tracked_changes.docx"))
    assert ["内容控件中的第一段。", "内容控件中的第二段。"] == [x for x in lines if x.startswith("内容控件")]
    assert "请登录公司安全平台填报数据。" in lines  # hyperlink and inline sdt kept, vanish dropped
    assert "编号\t内容32021年1月" in lines  # field results kept, field codes dropped


def test_soft_break_starts_a_new_paragraph_and_toc_is_skipped():
    raw = load_docx(DOCX / "tracked_changes.docx")
    lines = body(raw)
    i = lines.index("第一行")
    assert lines[i + 1] == "第二行"
    assert not any("压实安全责任" in x for x in lines)  # the TOC entry
    assert "目录" in lines


def test_table_inside_content_control_in_order():
    raw = load_docx(DOCX / "tracked_changes.docx")
    rows = [p.text for p in raw.paragraphs if p.source is Source.TABLE]
    assert rows == ["检查项目\t责任人", "消防设施\t安全员"]
    texts = [p.text for p in raw.paragraphs]
    assert texts.index("消防设施\t安全员") + 1 == texts.index("全文完。")


# --- tables ---------------------------------------------------------------------------------


def test_merged_cells_repeat_into_every_grid_cell():
    raw = load_docx(DOCX / "tables.docx")
    rows = raw.tables[0].rows
    assert rows[0] == ("类别", "内容", "地点", "责任单位")
    assert rows[1] == ("道路", "主干道两侧垃圾清运", "主干道两侧垃圾清运", "县住建局")  # gridSpan
    assert [r[3] for r in rows[1:]] == ["县住建局"] * 3  # vMerge over three rows
    assert rows[3][2] == "各乡镇\n东片区 西片区"  # a nested table stays inside its cell


def test_table_rows_are_paragraphs_in_place():
    raw = load_docx(DOCX / "tables.docx")
    texts = [p.text for p in raw.paragraphs]
    i = texts.index("全县村庄清洁行动覆盖率达到100%。")
    assert texts[i + 1] == "类别\t内容\t地点\t责任单位"
    assert texts[i + 2] == "道路\t主干道两侧垃圾清运\t县住建局"  # a spanning cell once in the text
    assert texts[i + 3] == "水域\t河道漂浮物清理\t城关镇\t县住建局"
    assert texts[i + 5] == "二、任务分工"
    assert all(p.source is Source.TABLE for p in raw.paragraphs[i + 1 : i + 5])


def test_numbering_in_table_cells_is_drawn():
    raw = load_docx(DOCX / "tables.docx")
    assert raw.tables[2].rows[1][0] == "1."


def test_vertical_merge_in_task_table():
    raw = load_docx(DOCX / "tables.docx")
    rows = raw.tables[1].rows
    assert rows[0][3] == "牵头单位（部门）"
    leads = [r[3] for r in rows if r[0] in ("3", "4")]
    assert leads == ["县水利局", "县水利局"]
    assert rows[1] == ("一、村庄清洁",) * 6


# --- ../shared corpora ------------------------------------------------------------------------


def _seed_lines(shared: Path, stem: str) -> list[str]:
    text = (shared / "corpora" / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("variant", ["literal", "autonum", "stylenum", "table"])
def test_shared_docx_text_equals_the_seed(shared_dir, variant):
    files = sorted((shared_dir / "corpora" / "docx").glob(f"*.{variant}.docx"))
    if not files:
        pytest.skip(f"no {variant} files")
    for f in files:
        raw = load_docx(f)
        lines = [t.strip() for t in body(raw) if t.strip()]
        assert lines == _seed_lines(shared_dir, f.name.split(".")[0]), f.name


def test_shared_autonum_markers_are_word_numbering(shared_dir):
    for f in sorted((shared_dir / "corpora" / "docx").glob("*.autonum.docx")):
        raw = load_docx(f)
        drawn = [p for p in raw.paragraphs if p.auto_marker]
        assert drawn, f.name
        assert all(p.text.startswith(p.auto_marker) and p.list_level for p in drawn)
        assert all(re.fullmatch(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.", p.auto_marker) for p in drawn)


def test_shared_table_variant_rows(shared_dir):
    for f in sorted((shared_dir / "corpora" / "docx").glob("*.table.docx")):
        raw = load_docx(f)
        assert raw.tables, f.name
        header = raw.tables[-1].rows[0]
        assert "牵头单位" in header and "完成时限" in header
        assert all(len(r) == len(header) for r in raw.tables[-1].rows)


# --- the styles part is read without what the reader never looks at ------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _styles_part(prefix: str = "w", extra: str = "") -> bytes:
    p = prefix
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{p}:styles xmlns:{p}="{_W_NS}">'
        f'<{p}:docDefaults><{p}:rPrDefault><{p}:rPr><{p}:sz {p}:val="22"/></{p}:rPr></{p}:rPrDefault></{p}:docDefaults>'
        f'<{p}:latentStyles {p}:count="2"><{p}:lsdException {p}:name="Normal"/>'
        f'<{p}:lsdException {p}:name="heading 1"/></{p}:latentStyles>'
        f'<{p}:style {p}:type="paragraph" {p}:styleId="Heading1"><{p}:name {p}:val="heading 1"/></{p}:style>'
        f'<{p}:style {p}:type="table" {p}:styleId="Grid"><{p}:name {p}:val="Table Grid"/>'
        f'<{p}:tblPr/></{p}:style>{extra}'
        f"<{p}:style {p}:type='character' {p}:styleId='Strong'/>"
        f'<{p}:style {p}:styleId="Plain"/>'
        f'<{p}:style {p}:type="paragraph" {p}:styleId="Body" {p}:default="1"><{p}:basedOn {p}:val="Heading1"/>'
        f"</{p}:style></{p}:styles>"
    ).encode()


@pytest.mark.parametrize("prefix", ["w", "ns0"])
def test_styles_part_is_cut_to_its_paragraph_styles(prefix):
    from lxml import etree

    from policytext.io.docx import _paragraph_styles

    cut = _paragraph_styles(_styles_part(prefix))
    root = etree.fromstring(cut)
    assert [el.tag.split("}")[1] for el in root] == ["style", "style", "style"]  # no defaults, no latent styles
    styles = root.findall(f"{{{_W_NS}}}style")
    assert [s.get(f"{{{_W_NS}}}styleId") for s in styles] == ["Heading1", "Plain", "Body"]  # no type: paragraph
    assert styles[2].find(f"{{{_W_NS}}}basedOn") is not None


@pytest.mark.parametrize(
    "part",
    [
        b'<?xml version="1.0"?><styles xmlns="urn:other"><style type="table"/></styles>',  # not WordprocessingML
        _styles_part(extra="<!-- <w:style w:styleId='Old'/> -->"),  # a comment could hide a style
        _styles_part(extra="<?pi <w:style w:styleId='Old'/>?>"),
        _styles_part(extra=f'<x:style xmlns:x="{_W_NS}" x:styleId="Other"/>'),  # a second prefix for the namespace
        _styles_part().replace(b"<w:styles ", f'<w:styles xmlns="{_W_NS}" '.encode()),
        _styles_part().replace(b"?><w:styles", b"?><!-- a prolog comment --><w:styles"),
        _styles_part().replace(b"</w:style></w:styles>", b"</w:styles>"),  # a paragraph style without its end
    ],
    ids=["foreign", "comment", "pi", "inner-binding", "default-binding", "prolog", "cut-off"],
)
def test_styles_part_it_could_misread_is_left_whole(part):
    from policytext.io.docx import _paragraph_styles

    assert _paragraph_styles(part) is part


def test_docx_reads_the_same_with_and_without_the_cut_styles_part(monkeypatch, tmp_path):
    docx = pytest.importorskip("docx")  # python-docx's default template holds ~100 table styles
    import io
    import zipfile

    from policytext.io.docx import _paragraph_styles

    document = docx.Document()
    document.add_heading("示范区工作要点", level=1)
    document.add_paragraph("一、总体要求", style="List Number")
    document.add_paragraph("示范区各部门要按时完成任务。")
    table = document.add_table(rows=1, cols=2)
    table.style = "Light Grid Accent 1"
    table.rows[0].cells[0].text = "牵头单位"
    buf = io.BytesIO()
    document.save(buf)
    path = tmp_path / "slim.docx"
    path.write_bytes(buf.getvalue())
    part = zipfile.ZipFile(path).read("word/styles.xml")
    assert len(_paragraph_styles(part)) < len(part) / 10

    cut = load_docx(path)
    monkeypatch.setattr("policytext.io.docx._paragraph_styles", lambda data: data)
    whole = load_docx(path)
    assert cut == whole
    assert [p.style for p in cut.paragraphs][:2] == ["Heading 1", "List Number"]


def _rewrite(src: Path, dst: Path, parts: dict[str, bytes | None], compression: int | None = None) -> Path:
    """A copy of a package with some parts replaced (None: left out)."""
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = parts.get(item.filename, zin.read(item.filename))
            if data is not None:
                zout.writestr(item.filename, data, compress_type=item.compress_type if compression is None else compression)
    return dst


def test_package_without_styles_part_reads_with_style_ids(tmp_path):
    path = _rewrite(DOCX / "style_numbering.docx", tmp_path / "bare.docx", {"word/styles.xml": None})
    raw, whole = load_docx(path), load_docx(DOCX / "style_numbering.docx")
    assert len(raw.paragraphs) == len(whole.paragraphs)
    # numbering and levels that came from styles are gone; the text and the ids of the styles stay
    assert [p.text for p in raw.paragraphs[:-1]] == [p.text[len(p.auto_marker) :] for p in whole.paragraphs[:-1]]
    assert raw.paragraphs[1].style == "Heading1" and raw.paragraphs[1].heading_level is None
    assert raw.paragraphs[-1].auto_marker == "（一）"  # the paragraph's own numPr still counts


# --- a corrupt part is reported -----------------------------------------------------------------


def test_bad_crc_of_a_stored_part_is_still_reported(tmp_path):
    import zipfile

    from policytext.errors import UnreadableDocument

    path = _rewrite(DOCX / "outline.docx", tmp_path / "stored.docx", {}, zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    at = data.index(b"<w:t", start)
    data[at + 1 : at + 4] = b"w:x"  # still well-formed length, wrong CRC
    path.write_bytes(bytes(data))
    with pytest.raises(UnreadableDocument, match="corrupt part word/document.xml.*CRC"):
        load_docx(path)
