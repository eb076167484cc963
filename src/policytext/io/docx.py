"""Word (.docx) loader: body paragraphs and tables in document order, list numbers drawn as Word does.

The package is read with :mod:`zipfile` and lxml directly rather than through python-docx:
it is ~4× faster to import (a cold ``policytext extract`` must stay under 0.8 s), and we
need things python-docx does not give anyway — tracked changes, content controls, merged
cells and the list numbers Word draws (python-docx never renders numbering).

What the reader sees:

* the body only: headers, footers, footnotes and comments live in other parts and are not read;
* tracked changes accepted: ``w:ins``/``w:moveTo`` kept, ``w:del``/``w:moveFrom`` dropped, a
  deleted paragraph mark joins the paragraph to the next one;
* paragraphs inside content controls (``w:sdt``) and custom XML in place;
* automatic list numbers put in front of the text exactly as drawn (``（二）`` + text; the tab
  or space Word draws after the number by ``w:suff`` is not put in the text);
* soft line breaks (``w:br``) start a new paragraph record, so no text contains a newline;
* table rows as paragraphs (cells joined by tab, ``source=TABLE``) and as :class:`Table` rows
  with merged cells repeated into every grid cell they cover;
* table-of-contents paragraphs (TOC styles) are left out: they repeat the headings.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnreadableDocument
from ..types import Paragraph, RawDocument, Source, Table
from ._common import MAX_FILE_BYTES, ole_cause, open_package, parse_xml, read_part, sniff_format
from .numbering import NumberingCounter, NumberingDefinitions

__all__ = ["load_docx"]

_MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_MATH_BLOCKS = {
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath",
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMathPara",
}
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TOC_NAME = re.compile(r"^(?:toc|目录)\s*[1-9]$", re.IGNORECASE)
_SPACES = re.compile(r"[\t\n\r]+")


# ---------------------------------------------------------------------------------------------
# Package structure


def _relationships(zf, part: str, path: Path) -> dict[str, str]:
    """Relationship type suffix (``officeDocument``, ``styles`` …) → part name, for one part."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    data = read_part(zf, rels_name, path)
    out: dict[str, str] = {}
    if not data:
        return out
    root = parse_xml(data, rels_name, path)
    for rel in root.iter("{*}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if not target or kind in out:
            continue
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[kind] = target
    return out


def _namespace(root) -> str:
    tag = root.tag
    return tag[: tag.index("}") + 1] if isinstance(tag, str) and tag.startswith("{") else ""


# ---------------------------------------------------------------------------------------------
# Styles

# The WordprocessingML namespace, transitional and strict, as declared on a part's root element.
_W_PREFIX = re.compile(
    rb'xmlns:([A-Za-z_][\w.-]*)=["\'](?:http://schemas\.openxmlformats\.org/wordprocessingml/2006/main'
    rb'|http://purl\.oclc\.org/ooxml/wordprocessingml/main)["\']'
)


def _slim_styles(data: bytes) -> bytes:
    """styles.xml without its table and character styles.

    Only paragraph styles matter to the reader, and Word's default template stores ~100 table styles
    (~90% of a 350 KB part): cutting them out as bytes before parsing makes loading a DOCX about a
    third faster. A part this does not recognise is returned unchanged; if the cut part fails to
    parse, the caller parses the whole one (see :func:`_parse_styles`).
    """
    m = _W_PREFIX.search(data, 0, 4096)
    if not m:
        return data
    head, close_tag = _style_head(m.group(1))
    keep: list[bytes] = []
    done = 0
    for found in head.finditer(data):
        start, end = found.span()
        if start < done:
            continue  # inside a style already cut (never in a well-formed part)
        if not found.group().endswith(b"/>"):
            close = data.find(close_tag, end)
            if close < 0:
                return data
            end = close + len(close_tag)
        keep.append(data[done:start])
        done = end
    if not keep:
        return data
    keep.append(data[done:])
    return b"".join(keep)


@functools.cache
def _style_head(prefix: bytes) -> tuple[re.Pattern[bytes], bytes]:
    """The start tag of a table or character style for a namespace prefix, and the style's end tag.

    The pattern opens with a literal (``<w:style``), which the regex engine finds fast.
    """
    w = re.escape(prefix)
    head = re.compile(rb"<" + w + rb":style\s[^<>]*?\b" + w + rb":type=[\"'](?:table|character)[\"'][^<>]*>")
    return head, b"</" + prefix + b":style>"


def _parse_styles(data: bytes, name: str, path: Path):
    """The styles part parsed, table and character styles left out when that can be done safely."""
    slim = _slim_styles(data)
    if slim is not data:
        try:
            return parse_xml(slim, name, path)
        except UnreadableDocument:
            pass  # an unusual part the cut did not suit: parse it whole, which reports real faults
    return parse_xml(data, name, path)


@dataclass
class _Style:
    name: str
    based_on: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


class _Styles:
    """Paragraph styles with ``w:basedOn`` inheritance of numbering and outline level."""

    def __init__(self, root, w: str):
        self.styles: dict[str, _Style] = {}
        self.default = ""
        if root is None:
            return
        for st in root.iter(w + "style"):
            if st.get(w + "type", "paragraph") != "paragraph":
                continue
            sid = st.get(w + "styleId", "")
            name_el, based = st.find(w + "name"), st.find(w + "basedOn")
            name = name_el.get(w + "val", sid) if name_el is not None else sid
            if name.isascii() and name.islower():
                name = name.title()  # Word's built-in names are stored in lower case: "heading 1"
            style = _Style(name=name, based_on=based.get(w + "val", "") if based is not None else "")
            ppr = st.find(w + "pPr")
            if ppr is not None:
                style.num_id, style.ilvl = _num_pr(ppr, w)
                style.outline = _outline(ppr, w)
            self.styles[sid] = style
            if st.get(w + "default") in ("1", "true", "on") and not self.default:
                self.default = sid
        self._cache: dict[str, tuple] = {}

    def chain(self, sid: str) -> list[_Style]:
        out, seen = [], set()
        while sid and sid in self.styles and sid not in seen and len(out) < 32:
            seen.add(sid)
            out.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return out

    def name(self, sid: str) -> str:
        st = self.styles.get(sid)
        return st.name if st else sid

    def resolved(self, sid: str) -> tuple[str | None, int | None, int | None]:
        """(numId, ilvl, heading level) a style gives, each looked up along ``w:basedOn``."""
        if sid in self._cache:
            return self._cache[sid]
        num_id = ilvl = outline = None
        heading = None
        for st in self.chain(sid):
            if num_id is None and st.num_id is not None:
                num_id = st.num_id
            if ilvl is None and st.ilvl is not None:
                ilvl = st.ilvl
            if outline is None and st.outline is not None:
                outline = st.outline
            if heading is None:
                m = _HEADING_NAME.match(st.name)
                if m:
                    heading = int(m.group(1))
        level = (outline + 1 if outline < 9 else None) if outline is not None else heading
        self._cache[sid] = (num_id, ilvl, level)
        return self._cache[sid]


def _num_pr(ppr, w: str) -> tuple[str | None, int | None]:
    num_pr = ppr.find(w + "numPr")
    if num_pr is None:
        return None, None
    nid, lvl = num_pr.find(w + "numId"), num_pr.find(w + "ilvl")
    num_id = nid.get(w + "val") if nid is not None else None
    ilvl = None
    if lvl is not None:
        m = re.match(r"\d+", lvl.get(w + "val", "") or "")
        ilvl = int(m.group()) if m else None
    return num_id, ilvl


def _outline(ppr, w: str) -> int | None:
    el = ppr.find(w + "outlineLvl")
    if el is None:
        return None
    m = re.match(r"\d+", el.get(w + "val", "") or "")
    return int(m.group()) if m else None


def _toggle_on(el, w: str) -> bool:
    return el is not None and el.get(w + "val", "true").lower() not in ("0", "false", "off")


# ---------------------------------------------------------------------------------------------
# Body


class _BodyReader:
    """Walks the body once, in document order, counting list numbers as it goes."""

    def __init__(self, w: str, styles: _Styles, numbering: NumberingDefinitions):
        self.w = w
        self.styles = styles
        self.counter = NumberingCounter(numbering)
        self.numbering = numbering
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []
        self.pos = 0
        self.carry = ""  # text of a paragraph whose mark was deleted, joined to the next one
        # Wrappers whose runs are shown; w:del and w:moveFrom (and anything unknown) are skipped.
        self._run_containers = {
            w + t for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")
        }

    # -- output

    def _emit(self, text: str, **kw) -> None:
        self.paragraphs.append(Paragraph(text=text, start=self.pos, **kw))
        self.pos += len(text) + 1

    # -- block level

    def blocks(self, container) -> None:
        w = self.w
        for child in container:
            tag = child.tag
            if tag == w + "p":
                self.paragraph(child)
            elif tag == w + "tbl":
                self.table(child)
            elif tag == w + "sdt":
                content = child.find(w + "sdtContent")
                if content is not None:
                    self.blocks(content)
            elif tag in (w + "customXml", w + "ins", w + "moveTo"):
                self.blocks(child)

    def _paragraph_parts(self, p) -> tuple[list[str], str, str, int | None, int | None, bool]:
        """(lines, marker, style id, heading level, list level, mark deleted) of one ``w:p``."""
        w = self.w
        lines: list[list[str]] = [[]]
        self.runs(p, lines)
        texts = ["".join(parts) for parts in lines]
        ppr = p.find(w + "pPr")
        sid, p_num, p_ilvl, p_outline, mark_deleted = "", None, None, None, False
        if ppr is not None:
            ps = ppr.find(w + "pStyle")
            sid = ps.get(w + "val", "") if ps is not None else ""
            p_num, p_ilvl = _num_pr(ppr, w)
            p_outline = _outline(ppr, w)
            rpr = ppr.find(w + "rPr")
            if rpr is not None:
                mark_deleted = rpr.find(w + "del") is not None or rpr.find(w + "moveFrom") is not None
        sid = sid or self.styles.default
        s_num, s_ilvl, heading = self.styles.resolved(sid)
        if p_outline is not None:
            heading = p_outline + 1 if p_outline < 9 else None
        marker, list_level = "", None
        if not mark_deleted:
            num_id = p_num if p_num is not None else s_num
            if num_id is not None and num_id.strip() not in ("", "0"):
                ilvl = p_ilvl if p_ilvl is not None else s_ilvl
                if ilvl is None:
                    ilvl = self._linked_level(num_id, sid)
                marker = self.counter.marker(num_id, ilvl)
                if marker:
                    list_level = ilvl + 1
        return texts, marker, sid, heading, list_level, mark_deleted

    def _linked_level(self, num_id: str, sid: str) -> int:
        """The level whose ``w:pStyle`` names the paragraph's style or a style it is based on."""
        for style_id in [sid] + [st.based_on for st in self.styles.chain(sid) if st.based_on]:
            found = self.numbering.level_for_style(num_id, style_id)
            if found is not None:
                return found
        return 0

    def paragraph(self, p) -> None:
        texts, marker, sid, heading, list_level, mark_deleted = self._paragraph_parts(p)
        if mark_deleted:
            self.carry += "".join(texts)
            return
        texts[0] = self.carry + texts[0]
        self.carry = ""
        name = self.styles.name(sid) if sid else ""
        if _TOC_NAME.match(name) or _TOC_NAME.match(sid):
            return
        first = (marker + texts[0]).rstrip()
        self._emit(first, style=name, heading_level=heading, list_level=list_level, auto_marker=marker)
        for line in texts[1:]:
            self._emit(line.rstrip(), style=name)

    def cell_text(self, tc) -> str:
        """Text of a table cell: its paragraphs (with list numbers) and nested tables, one per line."""
        w = self.w
        out: list[str] = []

        def walk(container) -> None:
            for child in container:
                tag = child.tag
                if tag == w + "p":
                    texts, marker, *_rest, mark_deleted = self._paragraph_parts(child)
                    text = "\n".join(t.rstrip() for t in texts)
                    if mark_deleted:
                        self.carry += text
                        continue
                    out.append((self.carry + marker + text).strip())
                    self.carry = ""
                elif tag == w + "tbl":
                    for row in self._rows(child)[0]:
                        out.append(" ".join(c for c in row if c))
                elif tag == w + "sdt":
                    content = child.find(w + "sdtContent")
                    if content is not None:
                        walk(content)
                elif tag in (w + "customXml", w + "ins", w + "moveTo"):
                    walk(child)

        walk(tc)
        self.carry = ""
        return "\n".join(out).strip()

    def _children(self, el, tag: str):
        """Children named ``tag``, looking through content controls and custom XML wrappers."""
        w = self.w
        for child in el:
            if child.tag == w + tag:
                yield child
            elif child.tag == w + "sdt":
                content = child.find(w + "sdtContent")
                if content is not None:
                    yield from self._children(content, tag)
            elif child.tag in (w + "customXml", w + "ins", w + "moveTo"):
                yield from self._children(child, tag)

    def _rows(self, tbl) -> tuple[list[list[str]], list[list[str]]]:
        """(grid rows with merged cells repeated, the distinct cell texts of each row)."""
        w = self.w
        grid: list[list[str]] = []
        distinct: list[list[str]] = []
        for tr in self._children(tbl, "tr"):
            trpr = tr.find(w + "trPr")
            before = 0
            if trpr is not None:
                gb = trpr.find(w + "gridBefore")
                if gb is not None:
                    m = re.match(r"\d+", gb.get(w + "val", "") or "")
                    before = min(int(m.group()), 64) if m else 0
            cells = [""] * before
            texts: list[str] = []
            above = grid[-1] if grid else []
            for tc in self._children(tr, "tc"):
                span, vmerge = 1, None
                tcpr = tc.find(w + "tcPr")
                if tcpr is not None:
                    gs = tcpr.find(w + "gridSpan")
                    if gs is not None:
                        m = re.match(r"\d+", gs.get(w + "val", "") or "")
                        span = max(1, min(int(m.group()), 64)) if m else 1
                    vm = tcpr.find(w + "vMerge")
                    if vm is not None:
                        vmerge = vm.get(w + "val", "continue")
                    elif tcpr.find(w + "hMerge") is not None and tcpr.find(w + "hMerge").get(w + "val") != "restart":
                        vmerge = "hcontinue"
                text = self.cell_text(tc)
                col = len(cells)
                if vmerge == "continue" and col < len(above):
                    text = above[col]  # a vertically merged cell: repeat the value above
                if vmerge == "hcontinue" and cells:
                    text = cells[-1]  # legacy horizontal merge: one cell in the row text
                else:
                    texts.append(text)
                cells.extend([text] * span)
            grid.append(cells)
            distinct.append(texts)
        width = max((len(r) for r in grid), default=0)
        for r in grid:
            r.extend([""] * (width - len(r)))
        return grid, distinct

    def table(self, tbl) -> None:
        grid, distinct = self._rows(tbl)
        if not grid:
            return
        start = self.pos
        for texts in distinct:
            self._emit("\t".join(_SPACES.sub(" ", t) for t in texts), source=Source.TABLE)
        self.tables.append(Table(rows=tuple(tuple(r) for r in grid), start=start))

    # -- run level

    def runs(self, el, lines: list[list[str]]) -> None:
        """Collect the visible text under a paragraph-level element; a soft break opens a new line."""
        w = self.w
        for child in el:
            tag = child.tag
            if tag == w + "r":
                self.run(child, lines)
            elif tag in self._run_containers:
                self.runs(child, lines)
            elif tag == w + "sdt":
                content = child.find(w + "sdtContent")
                if content is not None:
                    self.runs(content, lines)
            elif tag in _MATH_BLOCKS:
                lines[-1].append("".join(t.text or "" for t in child.iter(_MATH_T)))

    def run(self, r, lines: list[list[str]]) -> None:
        w = self.w
        rpr = r.find(w + "rPr")
        if rpr is not None and _toggle_on(rpr.find(w + "vanish"), w):
            return
        for c in r:
            tag = c.tag
            if tag == w + "t":
                lines[-1].append(c.text or "")
            elif tag in (w + "tab", w + "ptab"):
                lines[-1].append("\t")
            elif tag == w + "br":
                if c.get(w + "type", "textWrapping") == "textWrapping":
                    lines.append([])
            elif tag == w + "cr":
                lines.append([])
            elif tag == w + "noBreakHyphen":
                lines[-1].append("-")
            elif tag == w + "ruby":
                base = c.find(w + "rubyBase")
                if base is not None:
                    self.runs(base, lines)


# ---------------------------------------------------------------------------------------------
# Entry point


def _check_file(path: Path) -> None:
    """Refuse what is not a readable .docx before opening it, with a cause a user can act on."""
    if not path.exists():
        raise UnreadableDocument(path, "no such file")
    if path.is_dir():
        raise UnreadableDocument(path, "is a directory, not a document")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise UnreadableDocument(path, "empty file")
    if size > MAX_FILE_BYTES:
        raise UnreadableDocument(path, f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
    kind = sniff_format(head)
    if kind == "ole":
        raise UnreadableDocument(path, ole_cause(path))
    if kind != "zip":
        what = "a PDF" if kind == "pdf" else "text or HTML" if head.lstrip()[:1] in (b"<", b"{") else "not a zip"
        raise UnreadableDocument(path, f"not a Word .docx package ({what})")


def _not_word_cause(names: set[str]) -> str:
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook, not a Word document"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint file, not a Word document"
    return "zip package without a Word document part (word/document.xml)"


def load_docx(path: str | Path) -> RawDocument:
    """Read a .docx file into the common document model.

    Raises:
        UnreadableDocument: missing, empty, not a zip, truncated, encrypted, not Word,
            malformed or unsafe XML, or a zip bomb.

    Example: ``load_docx("要点.docx").paragraphs[3].auto_marker`` is ``"（一）"`` when Word numbered it.
    """
    path = Path(path)
    _check_file(path)
    with open_package(path) as zf:
        names = set(zf.namelist())
        main = _relationships(zf, "", path).get("officeDocument", "word/document.xml")
        if main not in names:
            main = "word/document.xml"
        data = read_part(zf, main, path)
        if data is None:
            raise UnreadableDocument(path, _not_word_cause(names))
        root = parse_xml(data, main, path)
        w = _namespace(root)
        if not root.tag.endswith("}document"):
            raise UnreadableDocument(path, f"{main} is not a WordprocessingML document")
        rels = _relationships(zf, main, path)
        folder = posixpath.dirname(main)
        styles_name = rels.get("styles", posixpath.join(folder, "styles.xml"))
        numbering_name = rels.get("numbering", posixpath.join(folder, "numbering.xml"))
        styles_data = read_part(zf, styles_name, path)
        numbering_data = read_part(zf, numbering_name, path)
        styles_root = _parse_styles(styles_data, styles_name, path) if styles_data else None
        numbering_root = parse_xml(numbering_data, numbering_name, path) if numbering_data else None

    styles = _Styles(styles_root, _namespace(styles_root) if styles_root is not None else w)
    if numbering_root is not None:
        numbering = NumberingDefinitions.from_xml(numbering_root, _namespace(numbering_root))
    else:
        numbering = NumberingDefinitions()
    numbering.style_num_ids = {sid: st.num_id for sid, st in styles.styles.items() if st.num_id}
    body = root.find(w + "body")
    reader = _BodyReader(w, styles, numbering)
    if body is not None:
        try:
            reader.blocks(body)
        except RecursionError:
            raise UnreadableDocument(path, "the document body is nested too deeply") from None
    if not any(p.text.strip() for p in reader.paragraphs):
        raise UnreadableDocument(path, "no text in the document body (images only, or an empty document)")
    return RawDocument(
        doc=path.stem,
        path=str(path),
        format="docx",
        paragraphs=tuple(reader.paragraphs),
        tables=tuple(reader.tables),
    )
