"""Write the Word fixtures of tests/io: small real .docx (and .doc) files with made-up text.

    .venv/bin/python tests/data/docx/make_fixtures.py

The generated files are committed, so the tests do not depend on running this script. Most
packages are written as raw WordprocessingML with zipfile, which gives full control over
numbering.xml, tracked changes and broken input; ``tables.docx`` is built with python-docx so
the reader also meets python-docx's own output. Zip entries carry a fixed date, so running the
script again gives the same bytes. ``legacy.doc`` needs LibreOffice and is skipped without it.

All text is invented for fictional units (某县, 示范区, 某公司).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
DATE = (2021, 1, 1, 0, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

# ---------------------------------------------------------------------------------------------
# Raw package building


def run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text: str = "", style: str = "", num: str | None = None, ilvl: int | None = None,
         ppr: str = "", body: str = "") -> str:
    """One ``w:p``; ``body`` replaces the single run made from ``text``."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None or ilvl is not None:
        props += "<w:numPr>"
        props += f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        props += f'<w:numId w:val="{num}"/>' if num is not None else ""
        props += "</w:numPr>"
    props += ppr
    content = body if body else (run(text) if text else "")
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{content}</w:p>"


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:suff w:val="nothing"/><w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/></w:lvl>')


def abstract(aid: int, levels: list[str]) -> str:
    return (f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>'
            + "".join(levels) + "</w:abstractNum>")


def num(nid: int, aid: int, overrides: dict[int, int] | None = None, extra: str = "") -> str:
    ov = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                 for k, v in (overrides or {}).items())
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{ov}{extra}</w:num>'


def style(sid: str, name: str, based_on: str = "", ppr: str = "", default: bool = False) -> str:
    default_attr = ' w:default="1"' if default else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    props = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return (f'<w:style w:type="paragraph" w:styleId="{sid}"{default_attr}>'
            f'<w:name w:val="{name}"/>{based}{props}</w:style>')


BASE_STYLES = [
    style("Normal", "Normal", default=True),
    style("Title", "Title", "Normal"),
    style("Heading1", "heading 1", "Normal", '<w:outlineLvl w:val="0"/>'),
    style("Heading2", "heading 2", "Normal", '<w:outlineLvl w:val="1"/>'),
    style("TOC1", "toc 1", "Normal"),
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>',
]


def styles_xml(extra: list[str] | None = None, base: list[str] | None = None) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}>'
            + "".join((BASE_STYLES if base is None else base) + (extra or [])) + "</w:styles>")


def numbering_xml(abstracts: list[str], nums: list[str]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>'
            + "".join(abstracts) + "".join(nums) + "</w:numbering>")


def document_xml(body: list[str], sect: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>'
            + "".join(body) + f"<w:sectPr>{sect}</w:sectPr></w:body></w:document>")


CONTENT_TYPES = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "word/header1.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "word/footer1.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "word/comments.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
}
REL_TYPES = {"styles.xml": "styles", "numbering.xml": "numbering", "header1.xml": "header",
             "footer1.xml": "footer", "comments.xml": "comments"}


def write_package(path: Path, parts: dict[str, str | bytes]) -> None:
    """Write a .docx with the given word/ parts plus content types and relationships."""
    overrides = "".join(f'<Override PartName="/{name}" ContentType="{CONTENT_TYPES[name]}"/>'
                        for name in parts if name in CONTENT_TYPES)
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + overrides + "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL_BASE}officeDocument" Target="word/document.xml"/>'
            "</Relationships>"),
    }
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_BASE}{REL_TYPES[name[5:]]}" Target="{name[5:]}"/>'
        for i, name in enumerate(sorted(parts), start=10) if name[5:] in REL_TYPES
    )
    files["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
    files.update(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


# ---------------------------------------------------------------------------------------------
# numbering_formats.docx: every numFmt at the boundaries of its character set

#: numFmt → values drawn by the fixture, in order (one w:num with a startOverride per group).
FORMAT_GROUPS = [(1,), (10, 11), (20, 21), (101,)]
FORMATS = [
    "decimal", "chineseCounting", "chineseCountingThousand", "ideographTraditional", "decimalFullWidth",
    "decimalEnclosedCircle", "chineseLegalSimplified", "ideographDigital", "japaneseCounting",
    "upperLetter", "lowerLetter", "upperRoman", "lowerRoman", "ideographZodiac", "decimalZero",
    "decimalEnclosedParen",
]


def numbering_formats(path: Path) -> None:
    abstracts, nums, body = [], [], [para("某县示范区各类编号格式样张", "Title")]
    nid = 1
    for aid, fmt in enumerate(FORMATS, start=1):
        abstracts.append(abstract(aid, [level(0, fmt, "%1、")]))
        body.append(para(f"格式 {fmt}"))
        for group in FORMAT_GROUPS:
            nums.append(num(nid, aid, {0: group[0]}))
            for _ in group:
                body.append(para("示范区编号样例条目", num=str(nid), ilvl=0))
            nid += 1
    write_package(path, {
        "word/document.xml": document_xml(body),
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering_xml(abstracts, nums),
    })


# ---------------------------------------------------------------------------------------------
# restart_continue.docx: restarts, lvlRestart, continuing instances, overrides, numId 0, isLgl


def restart_continue(path: Path) -> None:
    multi = abstract(1, [
        level(0, "chineseCounting", "%1、"),
        level(1, "chineseCounting", "（%2）"),
        level(2, "decimal", "%3.", extra='<w:lvlRestart w:val="1"/>'),
        level(3, "decimal", "（%4）"),
        level(4, "decimal", "%1.%2.%5", extra="<w:isLgl/>"),
    ])
    chapters = abstract(2, [
        level(0, "chineseCountingThousand", "第%1章"),
        level(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>'),
    ])
    western = abstract(3, [
        level(0, "upperRoman", "%1."),
        level(1, "upperLetter", "%2)"),
        level(2, "lowerLetter", "(%3)"),
        level(3, "lowerRoman", "%4.", start=3),
        level(4, "none", ""),
        level(5, "bullet", "\uf0b7"),
    ])
    override_lvl = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/>'
                    + level(0, "decimalEnclosedCircle", "%1") + "</w:lvlOverride>")
    numbering = numbering_xml(
        [multi, chapters, western],
        [num(1, 1), num(2, 1), num(3, 1, {0: 1}), num(4, 2), num(5, 3), num(6, 3, extra=override_lvl)],
    )
    t = "某县推进基层治理的一项工作"
    body = [
        para("某县2021年基层治理工作要点", "Title"),
        para(t, num="1", ilvl=0),  # 一、
        para(t, num="1", ilvl=1),  # （一）
        para(t, num="1", ilvl=2),  # 1.
        para(t, num="1", ilvl=3),  # （1）
        para(t, num="1", ilvl=3),  # （2）
        para(t, num="1", ilvl=2),  # 2.
        para(t, num="1", ilvl=3),  # （1） restarted by level 2
        para(t, num="1", ilvl=1),  # （二）
        para(t, num="1", ilvl=2),  # 3.  lvlRestart=1: level 1 does not restart it
        para(t, num="1", ilvl=4),  # 1.2.1 isLgl draws 一 and 二 as 1 and 2
        para(t, num="1", ilvl=0),  # 二、
        para(t, num="1", ilvl=1),  # （一） restarted by level 0
        para(t, num="1", ilvl=2),  # 1.  restarted by level 0
        para(t, num="2", ilvl=0),  # 三、 another w:num of the same abstractNum continues
        para(t, num="3", ilvl=0),  # 一、 startOverride restarts
        para(t, num="3", ilvl=1),  # （一）
        para("这一段用 numId 0 关掉了编号", num="0", ilvl=0),
        para(t, num="3", ilvl=0),  # 二、
        para(t, num="4", ilvl=0),  # 第一章
        para(t, num="4", ilvl=1),  # 1.
        para(t, num="4", ilvl=1),  # 2.
        para(t, num="4", ilvl=0),  # 第二章
        para(t, num="4", ilvl=1),  # 3.  lvlRestart=0 never restarts
        para(t, num="5", ilvl=0),  # I.
        para(t, num="5", ilvl=1),  # A)
        para(t, num="5", ilvl=2),  # (a)
        para(t, num="5", ilvl=3),  # iii.  start 3
        para(t, num="5", ilvl=3),  # iv.
        para(t, num="5", ilvl=4),  # none: no marker
        para(t, num="5", ilvl=5),  # bullet
        para(t, num="5", ilvl=0),  # II.
        para(t, num="5", ilvl=1),  # A)
        para(t, num="6", ilvl=0),  # ⑤  a w:lvl inside lvlOverride replaces the format
        para(t, num="99", ilvl=0),  # an undefined list: no marker
    ]
    write_package(path, {
        "word/document.xml": document_xml(body),
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering,
    })


# ---------------------------------------------------------------------------------------------
# style_numbering.docx: numbers that come from paragraph styles


def style_numbering(path: Path) -> None:
    styles = styles_xml(base=[
        style("Normal", "Normal", default=True),
        style("Title", "Title", "Normal"),
        style("Heading1", "heading 1", "Normal",
              '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr><w:outlineLvl w:val="0"/>'),
        # numId comes from Heading1 through basedOn; only the level is set here
        style("Heading2", "heading 2", "Heading1", '<w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/>'),
        # numId without ilvl: the level is found through the lvl/pStyle back-link
        style("ItemNumber", "Item Number", "Normal", '<w:numPr><w:numId w:val="5"/></w:numPr>'),
        style("ItemNumberBold", "Item Number Bold", "ItemNumber"),
        style("PlainHeading", "Plain Heading", "Heading1", '<w:numPr><w:numId w:val="0"/></w:numPr>'),
        style("Subsection", "小节标题", "Normal", '<w:outlineLvl w:val="2"/>'),
    ])
    numbering = numbering_xml([abstract(3, [
        level(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>'),
        level(1, "chineseCounting", "（%2）", extra='<w:lvlRestart w:val="0"/><w:pStyle w:val="Heading2"/>'),
        level(2, "decimal", "%3.", extra='<w:pStyle w:val="ItemNumber"/>'),
    ])], [num(5, 3)])
    body = [
        para("示范区2021年党建工作计划", "Title"),
        para("加强政治建设", "Heading1"),  # 一、
        para("抓好理论学习", "Heading2"),  # （一）
        para("每月组织一次集中学习。", "ItemNumber"),  # 1.
        para("每季度开展一次专题研讨。", "ItemNumber"),  # 2.
        para("落实意识形态责任制", "Heading2"),  # （二）
        para("每半年分析一次意识形态形势。", "ItemNumberBold"),  # 1. (inherits numbering)
        para("加强组织建设", "Heading1"),  # 二、
        para("规范组织生活", "Heading2"),  # （三） lvlRestart 0
        para("按时召开支部委员会。", "ItemNumber"),  # 1.
        para("附则", "PlainHeading"),  # numId 0 in the style: no number, still a heading
        para("本计划由示范区党工委负责解释", "Heading1", num="0"),  # numId 0 on the paragraph
        para("推进情况", "Subsection"),  # heading level 3 from the style's outlineLvl
        para("工作落实情况说明", ppr='<w:outlineLvl w:val="1"/>'),  # heading level 2 from the paragraph
        para("直接编号的段落", num="5", ilvl=1),  # （四） own numPr on a Normal paragraph
    ]
    write_package(path, {
        "word/document.xml": document_xml(body),
        "word/styles.xml": styles,
        "word/numbering.xml": numbering,
    })


# ---------------------------------------------------------------------------------------------
# tracked_changes.docx: revisions, content controls, headers/footers/comments, breaks, TOC


def tracked_changes(path: Path) -> None:
    ins = '<w:ins w:id="1" w:author="审核人" w:date="2021-01-05T00:00:00Z">{}</w:ins>'
    dele = '<w:del w:id="2" w:author="审核人" w:date="2021-01-05T00:00:00Z"><w:r><w:delText>{}</w:delText></w:r></w:del>'
    body = [
        para("某公司2021年安全生产工作要点", "Title"),
        para("目录", "Normal"),
        para("", "TOC1", body=run("一、压实安全责任") + "<w:r><w:tab/></w:r>" + run("1")),
        para(body=run("全年开展") + ins.format(run("四次")) + dele.format("两次") + run("安全检查。")),
        para(body=run("隐患整改")
             + '<w:moveFrom w:id="3" w:author="审核人"><w:r><w:t>旧位置文字</w:t></w:r></w:moveFrom>'
             + run("实行台账管理")
             + '<w:moveTo w:id="4" w:author="审核人"><w:r><w:t>，限期销号</w:t></w:r></w:moveTo>'
             + run("。")),
        # a deleted paragraph mark: this paragraph joins the next one
        para(ppr='<w:rPr><w:del w:id="5" w:author="审核人" w:date="2021-01-05T00:00:00Z"/></w:rPr>',
             body=run("班组长每日巡查，")),
        para("发现问题立即上报。"),
        # a paragraph deleted entirely: its text and its mark are gone
        para(ppr='<w:rPr><w:del w:id="6" w:author="审核人" w:date="2021-01-05T00:00:00Z"/></w:rPr>',
             body=dele.format("这一整段已被删除。")),
        '<w:sdt><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent>'
        + para("内容控件中的第一段。") + para("内容控件中的第二段。") + "</w:sdtContent></w:sdt>",
        para(body=run("请登录")
             + '<w:hyperlink r:id="rId99"><w:r><w:t>公司安全平台</w:t></w:r></w:hyperlink>'
             + '<w:sdt><w:sdtContent><w:r><w:t>填报</w:t></w:r></w:sdtContent></w:sdt>'
             + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>'
             + run("数据")
             + '<w:commentRangeStart w:id="0"/><w:r><w:t>。</w:t></w:r><w:commentRangeEnd w:id="0"/>'
             + '<w:r><w:commentReference w:id="0"/></w:r>'),
        para(body=run("第一行") + "<w:r><w:br/></w:r>" + run("第二行") + '<w:r><w:br w:type="page"/></w:r>'),
        para(body=run("编号") + "<w:r><w:tab/></w:r>" + run("内容")
             + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>'
             + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
             + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2021年1月</w:t></w:r>'
             + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
        '<w:sdt><w:sdtContent><w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>'
        '<w:tr><w:tc>' + para("检查项目") + '</w:tc><w:tc>' + para("责任人") + '</w:tc></w:tr>'
        '<w:tr><w:tc>' + para(body=run("消防") + ins.format(run("设施"))) + '</w:tc><w:tc>'
        + para("安全员") + '</w:tc></w:tr></w:tbl></w:sdtContent></w:sdt>',
        para("全文完。"),
    ]
    sect = '<w:headerReference w:type="default" r:id="rId12"/><w:footerReference w:type="default" r:id="rId11"/>'
    header = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {NS}>'
              + para("某公司安全生产委员会办公室文件") + "</w:hdr>")
    footer = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {NS}>'
              + para("第 1 页 共 1 页") + "</w:ftr>")
    comments = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NS}>'
                '<w:comment w:id="0" w:author="审核人">' + para("批注：请核实数据来源。") + "</w:comment></w:comments>")
    write_package(path, {
        "word/document.xml": document_xml(body, sect),
        "word/styles.xml": styles_xml(),
        "word/comments.xml": comments,
        "word/footer1.xml": footer,
        "word/header1.xml": header,
    })


# ---------------------------------------------------------------------------------------------
# tables.docx (python-docx): merged cells, nested table, task-breakdown attachment


def tables(path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("某县2021年城乡环境整治工作方案", style="Title")
    d.add_paragraph("一、工作目标", style="Heading 1")
    d.add_paragraph("全县村庄清洁行动覆盖率达到100%。")

    t = d.add_table(rows=4, cols=4)
    t.style = "Table Grid"
    for c, text in enumerate(["类别", "内容", "地点", "责任单位"]):
        t.cell(0, c).text = text
    t.cell(1, 0).text = "道路"
    t.cell(1, 1).merge(t.cell(1, 2)).text = "主干道两侧垃圾清运"  # gridSpan 2
    t.cell(1, 3).merge(t.cell(3, 3)).text = "县住建局"  # vMerge over rows 1-3
    for r, (a, b, c) in enumerate([("水域", "河道漂浮物清理", "城关镇"), ("村庄", "房前屋后整治", "各乡镇")], start=2):
        t.cell(r, 0).text, t.cell(r, 1).text, t.cell(r, 2).text = a, b, c
    nested = t.cell(3, 2).add_table(rows=1, cols=2)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "东片区", "西片区"

    d.add_paragraph("二、任务分工", style="Heading 1")
    d.add_paragraph("附件：重点任务分解表")
    header = ["序号", "工作任务", "具体举措", "牵头单位（部门）", "协办单位", "时间节点"]
    rows = [
        ["一、村庄清洁"] * 6,
        ["1", "开展村庄清洁行动", "清理村内塘沟、垃圾和畜禽粪污。", "县农业农村局",
         "县住建局、各乡镇（街道）", "2021年6月底前"],
        ["2", "推进厕所革命", "完成农村户厕改造任务。", "县卫健委", "县财政局\n县住建局", "2021年10月底前"],
        ["二、河道治理"] * 6,
        ["3", "落实河长制", "每月巡河不少于一次。", "县水利局", "县（市、区）河长办；各乡镇等", "全年"],
        ["4", "整治入河排污口", "排查登记并分类整治。", "县生态环境分局", "", "2021年12月底前"],
    ]
    tt = d.add_table(rows=1 + len(rows), cols=len(header))
    tt.style = "Table Grid"
    for c, text in enumerate(header):
        tt.cell(0, c).text = text
    for r, values in enumerate(rows, start=1):
        if len(set(values)) == 1:
            tt.cell(r, 0).merge(tt.cell(r, len(header) - 1)).text = values[0]
            continue
        for c, text in enumerate(values):
            if r == 6 and c == 3:
                continue  # 牵头单位 of row 4 is merged with row 3 below
            tt.cell(r, c).text = text
    tt.cell(5, 3).merge(tt.cell(6, 3))

    d.add_paragraph("附件2：责任清单")
    combined = d.add_table(rows=3, cols=3)
    for r, values in enumerate([
        ["编号", "重点工作", "责任单位"],
        ["1", "建立长效保洁机制", "县城管局（牵头）、县财政局、各乡镇"],
        ["2", "开展考核评比", "牵头单位：县委督查室；配合单位：县农业农村局、县住建局"],
    ]):
        for c, text in enumerate(values):
            combined.cell(r, c).text = text
    d.add_paragraph("以上任务请各单位按时完成。")
    body = d.element.body
    # A numbered paragraph inside a cell: Word numbering counts in table cells too.
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {NS} w:abstractNumId="40">'
        + level(0, "decimal", "%1.") + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="40"><w:abstractNumId w:val="40"/></w:num>'))
    cell_p = combined.cell(1, 0).paragraphs[0]._p
    ppr = cell_p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {NS}><w:ilvl w:val="0"/><w:numId w:val="40"/></w:numPr>'))
    for r in cell_p.findall(f"{{{W_NS}}}r"):
        cell_p.remove(r)  # the number is drawn by Word instead of typed
    assert body is not None
    save_docx(d, path, "policytext tests")


def add_grid_table(d, header: list[str], rows: list, *, skip_empty: bool = False, first_col: int = 0):
    """A python-docx table in the "Table Grid" style: the header row, then one row per item of ``rows``
    (from column ``first_col`` on; an empty cell left untouched with ``skip_empty``). Returns the table."""
    t = d.add_table(rows=1 + len(rows), cols=len(header))
    t.style = "Table Grid"
    for c, text in enumerate(header):
        t.cell(0, c).text = text
    for r, values in enumerate(rows, start=1):
        for c, text in enumerate(values[first_col:], start=first_col):
            if text or not skip_empty:
                t.cell(r, c).text = text
    return t


def add_list_template(document, abstract_xml: str, num_id: int) -> None:
    """Add a list template (w:abstractNum) and its instance (w:num ``num_id``) to a python-docx document's
    numbering part; the abstractNum goes before the first w:num, as the schema orders them."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    abstract = parse_xml(abstract_xml)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def save_docx(d, path: Path, author: str) -> None:
    """Save a python-docx document reproducibly: fixed author, dates and zip order (see _normalise_zip)."""
    d.core_properties.author = author
    tmp = path.with_suffix(".tmp.docx")
    d.save(tmp)
    _normalise_zip(tmp, path)
    tmp.unlink()


def _normalise_zip(src: Path, dst: Path) -> None:
    """Rewrite a zip with fixed dates (and fixed core properties) so the output is reproducible."""
    import re

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<",
                              rb"<dcterms:\1\2>2021-01-01T00:00:00Z<", data)
            info = zipfile.ZipInfo(item.filename, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


# ---------------------------------------------------------------------------------------------
# outline.docx: a small literal + automatic outline, the source of legacy.doc


def outline(path: Path) -> None:
    numbering = numbering_xml([abstract(1, [
        level(0, "chineseCounting", "%1、"),
        level(1, "chineseCounting", "（%2）"),
        level(2, "decimal", "%3."),
    ])], [num(1, 1)])
    body = [
        para("某县2021年机关党建工作要点", "Title"),
        para("2021年，县直机关党建工作以提升组织力为重点，推动各项任务落地见效。"),
        para("强化政治建设", "Heading1", num="1", ilvl=0),
        para("抓好理论武装。每月至少组织一次集中学习。", "Heading2", num="1", ilvl=1),
        para("落实“三会一课”制度。", num="1", ilvl=2),
        para("开展主题党日活动。", num="1", ilvl=2),
        para("夯实基层基础", "Heading1", num="1", ilvl=0),
        para("推进支部标准化建设。年底前达标率不低于90%。", "Heading2", num="1", ilvl=1),
    ]
    write_package(path, {
        "word/document.xml": document_xml(body),
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering,
    })


# ---------------------------------------------------------------------------------------------
# Bad input


def ole_file(path: Path, streams: dict[str, bytes]) -> None:
    """A minimal compound file (CFB v3) holding the given streams, each >= 4096 bytes."""
    sector = 512
    free, end, fatsect, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fatsect, end]  # sector 0: FAT, sector 1: directory
    starts, data = [], b""
    for payload in streams.values():
        assert len(payload) >= 4096 and len(payload) % sector == 0
        first = len(fat)
        count = len(payload) // sector
        starts.append(first)
        fat.extend(list(range(first + 1, first + count)) + [end])
        data += payload
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, left=nostream, right=nostream, child=nostream, start=0, size=0) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBB3I", len(raw), kind, 1, left, right, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    names = list(streams)
    dirs = entry("Root Entry", 5, child=1, start=end)
    for i, name in enumerate(names, start=1):
        dirs += entry(name, 2, right=i + 1 if i < len(names) else nostream, start=starts[i - 1],
                      size=len(streams[name]))
    dirs = dirs.ljust(sector, b"\0")
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    assert len(header) == sector
    path.write_bytes(header + struct.pack("<128I", *fat) + dirs + data)


def bad_inputs(folder: Path) -> None:
    good = (folder / "outline.docx").read_bytes()
    (folder / "bad_empty.docx").write_bytes(b"")
    (folder / "bad_not_zip.docx").write_text("这不是一个Word文件，只是一段文字。\n", encoding="utf-8")
    (folder / "bad_truncated.docx").write_bytes(good[: len(good) // 2])

    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>')
    ole_file(folder / "bad_encrypted.docx", {
        "EncryptionInfo": info.ljust(4096, b"\0"),
        "EncryptedPackage": struct.pack("<Q", 8000) + bytes((i * 37 + 11) % 256 for i in range(8192 - 8)),
    })

    def with_document(name: str, document: bytes) -> None:
        with zipfile.ZipFile(folder / "outline.docx") as zin, \
                zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = document if item.filename == "word/document.xml" else zin.read(item.filename)
                info = zipfile.ZipInfo(item.filename, DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(info, data)

    laughs = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    with_document("bad_billion_laughs.docx", (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "哈">' + laughs + "]>"
        f'<w:document {NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>').encode())
    with_document("bad_xxe.docx", (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
        f'<w:document {NS}><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>').encode())
    with_document("bad_malformed_xml.docx", f'<w:document {NS}><w:body><w:p><w:r><w:t>未闭合'.encode())
    # 64 MB of spaces inside the body: ~1000:1 compression, refused from the zip directory alone
    with zipfile.ZipFile(folder / "bad_zip_bomb.docx", "w", zipfile.ZIP_DEFLATED) as zout:
        for name in ("[Content_Types].xml", "_rels/.rels"):
            with zipfile.ZipFile(folder / "outline.docx") as zin:
                zout.writestr(zipfile.ZipInfo(name, DATE), zin.read(name))
        info = zipfile.ZipInfo("word/document.xml", DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        with zout.open(info, "w") as fh:
            fh.write(f'<w:document {NS}><w:body><w:p><w:r><w:t>'.encode())
            block = b" " * (1 << 20)
            for _ in range(64):
                fh.write(block)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    with zipfile.ZipFile(folder / "bad_excel.docx", "w") as zout:
        zout.writestr(zipfile.ZipInfo("[Content_Types].xml", DATE), "<Types/>")
        zout.writestr(zipfile.ZipInfo("xl/workbook.xml", DATE), "<workbook/>")
    write_package(folder / "bad_no_text.docx", {
        "word/document.xml": document_xml([para(), para()]),
        "word/styles.xml": styles_xml(),
    })


def legacy(folder: Path) -> None:
    """legacy.doc: outline.docx saved by LibreOffice as Word 97; also renamed to .docx."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("no LibreOffice: legacy.doc not rebuilt", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "legacy.docx"
        shutil.copyfile(folder / "outline.docx", src)
        subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
             "--convert-to", "doc:MS Word 97", "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=180,
        )
        shutil.copyfile(Path(tmp) / "legacy.doc", folder / "legacy.doc")
    shutil.copyfile(folder / "legacy.doc", folder / "bad_legacy_renamed.docx")


def main() -> None:
    numbering_formats(HERE / "numbering_formats.docx")
    restart_continue(HERE / "restart_continue.docx")
    style_numbering(HERE / "style_numbering.docx")
    tracked_changes(HERE / "tracked_changes.docx")
    tables(HERE / "tables.docx")
    outline(HERE / "outline.docx")
    bad_inputs(HERE)
    if "--no-legacy" not in sys.argv:
        legacy(HERE)
    for p in sorted(HERE.glob("*.do*")):
        print(f"{p.stat().st_size:>8}  {p.name}")


if __name__ == "__main__":
    main()
