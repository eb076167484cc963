#!/usr/bin/env python3
"""Build the policytext sample corpus from the UTF-8 sources in ``corpora/src/``.

Every document here is fictional, written for this project (see ``corpora/README.md``). A source
holds the text with its outline markers typed in (``一、`` ``（一）`` ``1.``); this script turns it
into the format named in :data:`DOCS`, because real corpora mix formats and a reader must cope:

* ``literal``  Word file, markers typed into the paragraph text;
* ``autonum``  Word file, markers taken out of the text and drawn by Word list numbering
  (one multi-level ``w:abstractNum``; ``w:numPr`` on each outline paragraph; a run that carries
  on under a new higher heading gets its own ``w:num`` with ``w:startOverride``);
* ``table``    a ``literal`` Word file plus a landscape section with the attachment table
  (from ``src/STEM.table.tsv``; ``^`` merges a cell with the one above via ``w:vMerge``);
* ``gb18030``  plain text in GB18030 with CRLF line ends, as saved by Chinese Windows;
* ``markdown`` the Markdown source as it is.

It also writes ``units.csv`` (one row per document, for the comparative report).

Usage, from the repository root::

    .venv/bin/python corpora/build_corpus.py           # (re)write the files in corpora/
    .venv/bin/python corpora/build_corpus.py --check   # exit 1 if they differ from the sources

Output is deterministic: fixed document properties and zip timestamps, no random ids.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from lxml import etree

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_TIME = dt.datetime(2023, 3, 1, 9, 0, 0, tzinfo=dt.timezone.utc)
ZIP_TIME = (2023, 3, 1, 9, 0, 0)

# Fonts named the way Chinese official templates name them (GB/T 9704); a reader without them
# falls back to any CJK font, which is all a renderer needs here.
FONT_BODY = "仿宋_GB2312"
FONT_H1 = "黑体"
FONT_H2 = "楷体_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_LATIN = "Times New Roman"


@dataclass(frozen=True)
class Spec:
    """One document of the corpus: its file stem, output kind and the facts for units.csv."""

    stem: str
    kind: str  # literal | autonum | table | gb18030 | markdown
    unit: str
    level: str  # 县 | 局 | 公司
    year: int
    genre: str
    region: str = "青岚市"
    signature_lines: int = 0  # trailing lines set flush right (issuer and date)


DOCS: tuple[Spec, ...] = (
    Spec("桐溪县2023年党建工作要点", "autonum", "桐溪县", "县", 2023, "工作要点"),
    Spec("桐溪县2022年党建工作要点", "literal", "桐溪县", "县", 2022, "工作要点"),
    Spec("云岫县2023年党建工作要点", "autonum", "云岫县", "县", 2023, "工作要点"),
    Spec("梧川县2023年党建工作要点", "gb18030", "梧川县", "县", 2023, "工作要点"),
    Spec("鹿鸣县2023年党建工作要点", "literal", "鹿鸣县", "县", 2023, "工作要点"),
    Spec("青岚市交通运输局2023年党建工作计划", "autonum", "青岚市交通运输局", "局", 2023, "工作计划",
         signature_lines=2),
    Spec("青岚城发集团2023年党建工作要点", "table", "青岚城市发展集团有限公司", "公司", 2023, "工作要点"),
    Spec("鹿鸣县直机关2023年模范机关创建活动方案", "markdown", "鹿鸣县直机关工委", "县", 2023, "活动方案"),
)

SUFFIX = {"literal": ".docx", "autonum": ".docx", "table": ".docx", "gb18030": ".txt", "markdown": ".md"}

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Outline markers of the sources, outermost first; the index is the Word list level (w:ilvl).
MARKERS = (
    re.compile(r"^([一二三四五六七八九十]+)、"),
    re.compile(r"^（([一二三四五六七八九十]+)）"),
    re.compile(r"^(\d+)[.．]"),
)


def cn_to_int(s: str) -> int:
    """Value of a Chinese numeral up to 99, enough for outline markers.

    >>> [cn_to_int(x) for x in ("三", "十", "十六", "二十", "二十四")]
    [3, 10, 16, 20, 24]
    """
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return _CN_DIGITS[s]
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def split_marker(line: str) -> tuple[int, int, str] | None:
    """(list level, number, text without the marker) for an outline line, else None."""
    for ilvl, rx in enumerate(MARKERS):
        m = rx.match(line)
        if m:
            return ilvl, cn_to_int(m.group(1)), line[m.end():]
    return None


def read_source(spec: Spec) -> list[str]:
    ext = ".md.in" if spec.kind == "markdown" else ".txt.in"
    return (SRC / f"{spec.stem}{ext}").read_text(encoding="utf-8").rstrip("\n").split("\n")


# --------------------------------------------------------------------------- styles and page


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _el(tag: str, **attrs: str) -> etree._Element:
    e = etree.Element(_w(tag))
    for k, v in attrs.items():
        e.set(_w(k), v)
    return e


def _rfonts(east_asia: str) -> etree._Element:
    return _el("rFonts", ascii=FONT_LATIN, hAnsi=FONT_LATIN, cs=FONT_LATIN, eastAsia=east_asia, hint="eastAsia")


def _rpr(east_asia: str, size_pt: float, *, bold: bool = False) -> etree._Element:
    rpr = _el("rPr")
    rpr.append(_rfonts(east_asia))
    rpr.append(_el("b", val="1" if bold else "0"))
    rpr.append(_el("bCs", val="1" if bold else "0"))
    rpr.append(_el("color", val="000000"))
    half = str(int(size_pt * 2))
    rpr.append(_el("sz", val=half))
    rpr.append(_el("szCs", val=half))
    return rpr


def _ppr(*, jc: str = "both", first_line: bool = True, keep_next: bool = False, line_twips: int = 560,
         outline: int | None = None) -> etree._Element:
    ppr = _el("pPr")
    if keep_next:
        ppr.append(_el("keepNext"))
    ppr.append(_el("spacing", before="0", after="0", line=str(line_twips), lineRule="exact"))
    if first_line:
        ppr.append(_el("ind", firstLineChars="200", firstLine="640"))
    else:
        ppr.append(_el("ind", firstLineChars="0", firstLine="0"))
    ppr.append(_el("jc", val=jc))
    if outline is not None:
        ppr.append(_el("outlineLvl", val=str(outline)))
    return ppr


def _restyle(style_el: etree._Element, ppr: etree._Element, rpr: etree._Element) -> None:
    """Replace a style's paragraph and run properties (the template's are English defaults)."""
    for tag in ("pPr", "rPr"):
        for old in style_el.findall(_w(tag)):
            style_el.remove(old)
    style_el.append(ppr)
    style_el.append(rpr)


def setup_styles(doc) -> None:
    """Official-document look: 三号仿宋 body, 黑体/楷体 headings, 小标宋 title, 28 pt exact lines."""
    styles = doc.styles
    defaults = styles.element.find(_w("docDefaults"))
    rpr_default = defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}")
    for old in list(rpr_default):
        rpr_default.remove(old)
    rpr_default.append(_rfonts(FONT_BODY))
    rpr_default.append(_el("sz", val="32"))
    rpr_default.append(_el("szCs", val="32"))
    rpr_default.append(_el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    ppr_default = defaults.find(f"{_w('pPrDefault')}/{_w('pPr')}")
    for old in list(ppr_default):
        ppr_default.remove(old)
    ppr_default.append(_el("spacing", before="0", after="0", line="560", lineRule="exact"))

    _restyle(styles["Normal"].element, _ppr(), _rpr(FONT_BODY, 16))
    _restyle(styles["Title"].element, _ppr(jc="center", first_line=False, line_twips=720), _rpr(FONT_TITLE, 22))
    _restyle(styles["Heading 1"].element, _ppr(keep_next=True, outline=0), _rpr(FONT_H1, 16))
    _restyle(styles["Heading 2"].element, _ppr(outline=1), _rpr(FONT_H2, 16))
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    _restyle(table_text.element, _ppr(jc="center", first_line=False, line_twips=320), _rpr(FONT_BODY, 11))


def setup_page(section, *, landscape: bool = False) -> None:
    """A4 with the margins of GB/T 9704 (top 37 mm, left 28 mm)."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = Mm(297), Mm(210)
    section.page_width, section.page_height = (long_side, short_side) if landscape else (short_side, long_side)
    if landscape:
        section.top_margin = section.bottom_margin = Mm(25)
        section.left_margin = section.right_margin = Mm(25)
    else:
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)


# --------------------------------------------------------------------------- list numbering

# (numFmt, lvlText, font) for w:ilvl 0..8 of the outline list.
LEVELS = (
    ("chineseCounting", "%1、", FONT_H1),
    ("chineseCounting", "（%2）", FONT_H2),
    ("decimal", "%3.", FONT_BODY),
    ("decimal", "（%4）", FONT_BODY),
    ("decimal", "%5)", FONT_BODY),
    ("decimal", "%6)", FONT_BODY),
    ("decimal", "%7)", FONT_BODY),
    ("decimal", "%8)", FONT_BODY),
    ("decimal", "%9)", FONT_BODY),
)


class OutlineNumbering:
    """Word list numbering for the outline markers of one document.

    All outline paragraphs share one multi-level ``w:abstractNum`` and, where Word would number
    them the same without help, one base ``w:num``. A run of siblings that does not start where
    Word would start it (（三） carrying on under 二、 after （一）（二） under 一、, or 4. carrying on
    under （二）) gets a ``w:num`` of its own with ``w:lvlOverride/w:startOverride``: what Word
    writes for "Set Numbering Value", and what LibreOffice also honours.
    """

    def __init__(self, doc) -> None:
        self.root = doc.part.numbering_part.element
        abstract_ids = [int(e.get(_w("abstractNumId"))) for e in self.root.findall(_w("abstractNum"))]
        self.abstract_id = max(abstract_ids, default=-1) + 1
        self.next_num_id = max((int(e.get(_w("numId"))) for e in self.root.findall(_w("num"))), default=0) + 1
        self._add_abstract()
        self.base = self._add_num()
        self.open_runs: dict[int, tuple[int, int]] = {}  # ilvl -> (numId, last number) of the current run
        self.history: list[tuple[int, int]] = []  # (ilvl, numId) of every numbered paragraph so far

    def _add_abstract(self) -> None:
        a = _el("abstractNum", abstractNumId=str(self.abstract_id))
        a.append(_el("nsid", val=f"5A17{self.abstract_id:04X}"))
        a.append(_el("multiLevelType", val="multilevel"))
        a.append(_el("tmpl", val=f"7C3E{self.abstract_id:04X}"))
        for ilvl, (fmt, text, font) in enumerate(LEVELS):
            lvl = _el("lvl", ilvl=str(ilvl))
            lvl.append(_el("start", val="1"))
            lvl.append(_el("numFmt", val=fmt))
            lvl.append(_el("suff", val="nothing"))
            lvl.append(_el("lvlText", val=text))
            lvl.append(_el("lvlJc", val="left"))
            ppr = _el("pPr")
            ppr.append(_el("ind", left="0", firstLineChars="200", firstLine="640"))
            lvl.append(ppr)
            rpr = _el("rPr")
            rpr.append(_rfonts(font))
            lvl.append(rpr)
            a.append(lvl)
        first_num = self.root.find(_w("num"))
        if first_num is not None:
            first_num.addprevious(a)
        else:
            self.root.append(a)

    def _add_num(self, override: tuple[int, int] | None = None) -> int:
        num_id = self.next_num_id
        self.next_num_id += 1
        num = _el("num", numId=str(num_id))
        num.append(_el("abstractNumId", val=str(self.abstract_id)))
        if override is not None:
            ilvl, start = override
            lo = _el("lvlOverride", ilvl=str(ilvl))
            lo.append(_el("startOverride", val=str(start)))
            num.append(lo)
        self.root.append(num)
        return num_id

    def number(self, ilvl: int, value: int) -> int:
        """The numId that makes Word draw ``value`` at level ``ilvl`` for the next paragraph."""
        run = self.open_runs.get(ilvl)
        if run is not None:
            num_id, last = run
            if value != last + 1:
                raise ValueError(f"level {ilvl}: {value} follows {last}; fix the source numbering")
        else:
            parent = next((n for lv, n in reversed(self.history) if lv < ilvl), self.base)
            # Word restarts a level after a higher one of the same w:num; anything else needs a start value.
            num_id = self.base if value == 1 and parent == self.base else self._add_num((ilvl, value))
        self.open_runs[ilvl] = (num_id, value)
        for deeper in [lv for lv in self.open_runs if lv > ilvl]:
            del self.open_runs[deeper]
        self.history.append((ilvl, num_id))
        return num_id


def set_num_pr(paragraph, ilvl: int, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = _el("numPr")
    num_pr.append(_el("ilvl", val=str(ilvl)))
    num_pr.append(_el("numId", val=str(num_id)))
    style = ppr.find(_w("pStyle"))
    if style is not None:
        style.addnext(num_pr)
    else:
        ppr.insert(0, num_pr)


# --------------------------------------------------------------------------- building a Word file


def _add_run(paragraph, text: str, east_asia: str | None = None) -> None:
    run = paragraph.add_run(text)
    if east_asia:
        rpr = run._r.get_or_add_rPr()
        rpr.insert(0, _rfonts(east_asia))


def add_outline_line(doc, line: str, numbering: OutlineNumbering | None) -> None:
    """One source line as a paragraph: 一、 → Heading 1, （一） → Heading 2, the rest Normal."""
    marked = split_marker(line)
    if marked is None:
        doc.add_paragraph(line, style="Normal")
        return
    ilvl, value, rest = marked
    text = rest if numbering is not None else line
    style = {0: "Heading 1", 1: "Heading 2"}.get(ilvl, "Normal")
    p = doc.add_paragraph(style=style)
    if numbering is not None:
        set_num_pr(p, ilvl, numbering.number(ilvl, value))
    lead, sep, body = text.partition("。")
    if ilvl == 1 and sep and body:
        # A （一） item that runs on after its lead sentence: lead in 楷体, the rest in body type.
        _add_run(p, lead + sep)
        _add_run(p, body, FONT_BODY)
    else:
        _add_run(p, text)


def add_attachment_table(doc, spec: Spec, caption: str) -> None:
    """A landscape section with the task-breakdown table announced by the last line of the text."""
    rows = [r.split("\t") for r in (SRC / f"{spec.stem}.table.tsv").read_text(encoding="utf-8").splitlines()
            if r and not r.startswith("#")]
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    setup_page(section, landscape=True)
    label = doc.add_paragraph(style="Normal")
    label.paragraph_format.first_line_indent = Pt(0)
    _add_run(label, "附件", FONT_H1)
    title = doc.add_paragraph(style="Normal")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    _add_run(title, caption, FONT_TITLE)

    widths = (Mm(12), Mm(48), Mm(93), Mm(34), Mm(36), Mm(24))  # 247 mm of landscape A4
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for c, width in enumerate(widths):
        table.columns[c].width = width
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.width = widths[c]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.style = doc.styles["Table Text"]
            if c in (1, 2) and r > 0:
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
            if value != "^":
                _add_run(p, value, FONT_H1 if r == 0 else None)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == "^":
                table.cell(r - 1, c).merge(table.cell(r, c))  # python-docx writes w:vMerge restart/continue
    for r, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(_el("cantSplit"))  # a task row is not broken across pages
        if r == 0:
            tr_pr.append(_el("tblHeader"))  # the header row repeats on each page
    doc.add_paragraph(style="Normal")


def build_docx(spec: Spec, lines: list[str]) -> bytes:
    doc = Document()
    setup_styles(doc)
    setup_page(doc.sections[0])
    numbering = OutlineNumbering(doc) if spec.kind == "autonum" else None
    title, body = lines[0], lines[1:]
    doc.add_paragraph(title, style="Title")
    signature_from = len(body) - spec.signature_lines
    attachment = None
    for i, line in enumerate(body):
        if i >= signature_from:
            p = doc.add_paragraph(line, style="Normal")
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.first_line_indent = Pt(0)
        elif line.startswith("附件："):
            attachment = line.partition("：")[2]
            doc.add_paragraph(line, style="Normal")
        else:
            add_outline_line(doc, line, numbering)
    if spec.kind == "table":
        if attachment is None:
            raise ValueError(f"{spec.stem}: a table document needs an 附件： line naming the table")
        add_attachment_table(doc, spec, attachment)

    props = doc.core_properties
    props.title = title
    props.author = props.last_modified_by = "policytext sample corpus"
    props.comments = "Fictional text written for the policytext project."
    props.created = props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a .docx package with fixed timestamps so the same source gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- the corpus


def build_one(spec: Spec) -> bytes:
    lines = read_source(spec)
    if spec.kind in ("literal", "autonum", "table"):
        return build_docx(spec, lines)
    if spec.kind == "gb18030":
        return ("\r\n".join(lines) + "\r\n").encode("gb18030")
    if spec.kind == "markdown":
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unknown kind {spec.kind!r}")


def units_csv() -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["doc", "unit", "level", "region", "year", "genre", "file"])
    for s in DOCS:
        w.writerow([s.stem, s.unit, s.level, s.region, s.year, s.genre, s.stem + SUFFIX[s.kind]])
    return buf.getvalue().encode("utf-8")


def outputs() -> dict[str, bytes]:
    files = {s.stem + SUFFIX[s.kind]: build_one(s) for s in DOCS}
    files["units.csv"] = units_csv()
    return files


def _same(name: str, a: bytes, b: bytes) -> bool:
    """Byte equality; for .docx the members' contents (zlib builds may compress differently)."""
    if not name.endswith(".docx"):
        return a == b
    with zipfile.ZipFile(io.BytesIO(a)) as za, zipfile.ZipFile(io.BytesIO(b)) as zb:
        if za.namelist() != zb.namelist():
            return False
        return all(za.read(n) == zb.read(n) for n in za.namelist())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the files in corpora/ instead of writing")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: corpora/)")
    args = ap.parse_args(argv)
    files = outputs()
    if args.check:
        stale = [n for n, data in files.items()
                 if not (args.out / n).is_file() or not _same(n, (args.out / n).read_bytes(), data)]
        for n in stale:
            print(f"out of date: {args.out / n}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name} ({len(data)} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
