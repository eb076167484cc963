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
from typing import Any

from ..errors import UnreadableDocument
from ..types import Paragraph, RawDocument, Source, Table
from ._common import (
    MAX_FILE_BYTES,
    first_children,
    ole_cause,
    open_package,
    parse_xml,
    read_part,
    sniff_format,
)
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
# Element names


class _Names:
    """Clark names (``{namespace}local``) of the elements and attributes the reader looks at.

    Made once per namespace (transitional or strict), so the loops compare tags with ready strings
    instead of building ``w + "p"`` at every comparison.
    """

    __slots__ = (
        "p", "r", "t", "tbl", "tr", "tc", "sdt", "sdt_content", "ppr", "rpr", "trpr", "tcpr", "pstyle", "num_pr",
        "num_id", "ilvl", "outline", "deleted", "move_from", "vanish", "val", "type", "tab", "ptab", "br", "cr",
        "no_break_hyphen", "ruby", "ruby_base", "grid_before", "grid_span", "vmerge", "hmerge", "style", "style_id",
        "name", "based_on", "default", "block_wrappers", "run_containers",
    )

    def __init__(self, w: str):
        self.p, self.r, self.t, self.tbl, self.tr, self.tc = (w + t for t in ("p", "r", "t", "tbl", "tr", "tc"))
        self.sdt, self.sdt_content = w + "sdt", w + "sdtContent"
        self.ppr, self.rpr, self.trpr, self.tcpr = w + "pPr", w + "rPr", w + "trPr", w + "tcPr"
        self.pstyle, self.num_pr, self.num_id, self.ilvl = w + "pStyle", w + "numPr", w + "numId", w + "ilvl"
        self.outline, self.deleted, self.move_from = w + "outlineLvl", w + "del", w + "moveFrom"
        self.vanish, self.val, self.type = w + "vanish", w + "val", w + "type"
        self.tab, self.ptab, self.br, self.cr = w + "tab", w + "ptab", w + "br", w + "cr"
        self.no_break_hyphen, self.ruby, self.ruby_base = w + "noBreakHyphen", w + "ruby", w + "rubyBase"
        self.grid_before, self.grid_span = w + "gridBefore", w + "gridSpan"
        self.vmerge, self.hmerge = w + "vMerge", w + "hMerge"
        self.style, self.style_id, self.name, self.based_on, self.default = (
            w + t for t in ("style", "styleId", "name", "basedOn", "default")
        )
        #: Wrappers of blocks (paragraphs, tables, rows, cells) read through.
        self.block_wrappers = frozenset((w + "customXml", w + "ins", w + "moveTo"))
        #: Wrappers of runs whose text is shown; w:del and w:moveFrom (and anything unknown) are skipped.
        self.run_containers = frozenset(
            w + t for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")
        )


_names = functools.lru_cache(maxsize=8)(_Names)
_DIGITS = re.compile(r"\d+")
_OFF = ("0", "false", "off")


def _leading_int(text: str) -> int | None:
    """The number a decimal attribute starts with (``"2"``, ``"2 "``), None when it has none."""
    if text.isdecimal():  # the same characters as \d, so int() reads what the pattern would match
        return int(text)
    m = _DIGITS.match(text)
    return int(m.group()) if m else None


def _num_pr(num_pr, n: _Names) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a ``w:numPr``; each None when absent."""
    nid = lvl = None
    for child in num_pr:
        tag = child.tag
        if tag == n.num_id:
            if nid is None:
                nid = child
        elif tag == n.ilvl and lvl is None:
            lvl = child
    num_id = nid.get(n.val) if nid is not None else None
    return num_id, _leading_int(lvl.get(n.val, "") or "") if lvl is not None else None


def _first(el, tag: str):
    """The first child named ``tag``: what ``el.find(tag)`` gives, without lxml's path parser."""
    for child in el:
        if child.tag == tag:
            return child
    return None


# ---------------------------------------------------------------------------------------------
# Styles

# The WordprocessingML namespace, transitional and strict, and its declaration on a part's root element.
_W_URI = re.compile(
    rb"http://schemas\.openxmlformats\.org/wordprocessingml/2006/main|http://purl\.oclc\.org/ooxml/wordprocessingml/main"
)
_W_PREFIX = re.compile(rb'xmlns:([A-Za-z_][\w.-]*)=["\'](?:' + _W_URI.pattern + rb')["\']')
# What may stand before the root element for the part to be cut: an optional BOM and XML declaration.
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^<>]*\?>\s*)?")
_ROOT_NAME = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_XMLNS = re.compile(rb"xmlns")


def _paragraph_styles(data: bytes) -> bytes:
    """styles.xml cut down to its root element and the styles that may be paragraph styles.

    Only paragraph styles matter to the reader, and Word's default template stores ~100 table styles,
    ~270 latent-style entries and the document defaults (~95% of a 350 KB part): cutting all that out
    as bytes before parsing makes loading a DOCX markedly faster. A style is left out only when its
    start tag says ``type="table"`` or ``"character"``. The cut is exact for well-formed XML; a part
    it could misread is returned unchanged: no WordprocessingML prefix, a prolog beyond the XML
    declaration, the namespace bound twice, comments, CDATA, processing instructions or namespace
    declarations after the root's start tag, or a style without its end. If the cut part fails to
    parse, the caller parses the whole one (see :func:`_parse_styles`).
    """
    m = _W_PREFIX.search(data, 0, 4096)
    if not m:
        return data
    root_open = data.rfind(b"<", 0, m.start())
    root_end = data.find(b">", m.end())
    root = _ROOT_NAME.match(data, root_open) if root_open >= 0 else None
    if root is None or root_end < 0 or _PROLOG.fullmatch(data, 0, root_open) is None:
        return data
    if len(_W_URI.findall(data, root_open, root_end)) != 1 or _hides_markup(data, root_end):
        return data  # WordprocessingML bound twice (styles may use either binding), or markup to misread
    start_tag, other_type, close_tag = _style_tags(m.group(1))
    keep = [data[: root_end + 1]]
    done = 0
    for found in start_tag.finditer(data, root_end):
        start = found.start()
        if start < done or other_type.match(data, start):
            continue  # inside a style kept whole, or a table or character style
        tag_end = data.find(b">", found.end())
        if tag_end < 0:
            return data
        done = tag_end + 1
        if data[tag_end - 1 : tag_end] != b"/":
            close = data.find(close_tag, done)
            if close < 0:
                return data
            done = close + len(close_tag)
        keep.append(data[start:done])
    keep.append(b"</" + root.group(1) + b">")
    return b"".join(keep)


def _hides_markup(data: bytes, pos: int) -> bool:
    """Whether ``data`` has, from ``pos`` on, markup a byte-level cut could misread.

    Comments, CDATA and processing instructions (``<!``, ``<?``) may hold text that looks like a style;
    a namespace declaration may bind another prefix to WordprocessingML. Word writes none of them
    in styles.xml. ``!`` and ``?`` are rare, so looking for them alone is fast.
    """
    for mark in (b"!", b"?"):
        i = data.find(mark, pos)
        while i >= 0:
            if data[i - 1 : i] == b"<":
                return True
            i = data.find(mark, i + 1)
    return _XMLNS.search(data, pos) is not None


@functools.lru_cache(maxsize=8)
def _style_tags(prefix: bytes) -> tuple[re.Pattern[bytes], re.Pattern[bytes], bytes]:
    """For a namespace prefix: a style's start tag, the start tag of a table or character style, its end tag.

    Both patterns open with a literal (``<w:style``), which the regex engine finds fast.
    """
    w = re.escape(prefix)
    start = re.compile(rb"<" + w + rb":style(?![\w.:\x80-\xff-])")
    other = re.compile(rb"<" + w + rb":style\s[^<>]*?\b" + w + rb":type=[\"'](?:table|character)[\"'][^<>]*>")
    return start, other, b"</" + prefix + b":style>"


def _parse_styles(data: bytes, name: str, path: Path):
    """The styles part parsed, cut to its paragraph styles when that can be done safely."""
    cut = _paragraph_styles(data)
    if cut is not data:
        try:
            return parse_xml(cut, name, path)
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
    """Paragraph styles with ``w:basedOn`` inheritance of numbering and outline level.

    A document uses a few of the dozens of styles its template defines, so a style's element is
    read only when a paragraph (or a ``w:basedOn`` chain) first asks for it.
    """

    def __init__(self, root, w: str):
        self.default = ""
        self._elements: dict[str, Any] = {}  # style id → its w:style element (the last of an id wins)
        self._read: dict[str, _Style] = {}
        self._cache: dict[str, tuple[str | None, int | None, int | None]] = {}
        self._n = n = _names(w)
        if root is None:
            return
        for st in root.iter(n.style):
            if st.get(n.type, "paragraph") != "paragraph":
                continue
            sid = st.get(n.style_id, "")
            self._elements[sid] = st
            if not self.default and st.get(n.default) in ("1", "true", "on"):
                self.default = sid

    def style(self, sid: str) -> _Style | None:
        """The style of an id, None when the part defines none."""
        found = self._read.get(sid)
        if found is None:
            st = self._elements.get(sid)
            if st is None:
                return None
            found = self._read[sid] = self._style(st, sid)
        return found

    def _style(self, st, sid: str) -> _Style:
        n = self._n
        parts = first_children(st, n.name, n.based_on, n.ppr)
        name_el, based, ppr = parts.get(n.name), parts.get(n.based_on), parts.get(n.ppr)
        name = name_el.get(n.val, sid) if name_el is not None else sid
        if name.isascii() and name.islower():
            name = name.title()  # Word's built-in names are stored in lower case: "heading 1"
        style = _Style(name=name, based_on=based.get(n.val, "") if based is not None else "")
        if ppr is not None:
            props = first_children(ppr, n.num_pr, n.outline)
            num_pr, outline = props.get(n.num_pr), props.get(n.outline)
            if num_pr is not None:
                style.num_id, style.ilvl = _num_pr(num_pr, n)
            if outline is not None:
                style.outline = _leading_int(outline.get(n.val, "") or "")
        return style

    def num_ids(self) -> dict[str, str]:
        """Style id → the numId of the style's own ``w:numPr``, for styles that have one."""
        return {sid: st.num_id for sid in self._elements if (st := self.style(sid)) and st.num_id}

    def chain(self, sid: str) -> list[_Style]:
        out, seen = [], set()
        while sid and sid in self._elements and sid not in seen and len(out) < 32:
            seen.add(sid)
            st = self.style(sid)
            out.append(st)
            sid = st.based_on
        return out

    def name(self, sid: str) -> str:
        st = self.style(sid)
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


# ---------------------------------------------------------------------------------------------
# Body


class _BodyReader:
    """Walks the body once, in document order, counting list numbers as it goes.

    Args:
        root: the parsed ``word/document.xml``; only used to learn which rare elements occur at all
            (hidden text, deleted paragraph marks), so that paragraphs need not look for them.
    """

    def __init__(self, w: str, styles: _Styles, numbering: NumberingDefinitions, root=None):
        self.n = n = _names(w)
        self.styles = styles
        self.counter = NumberingCounter(numbering)
        self.numbering = numbering
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []
        self.pos = 0
        self.carry = ""  # text of a paragraph whose mark was deleted, joined to the next one
        self._style_names: dict[str, tuple[str, bool]] = {}  # style id → (name, is a TOC style)
        rare = {el.tag for el in root.iter(n.vanish, n.deleted, n.move_from)} if root is not None else None
        self._has_vanish = rare is None or n.vanish in rare
        self._has_deleted = rare is None or n.deleted in rare or n.move_from in rare

    # -- output

    def _emit(self, text: str, **kw) -> None:
        self.paragraphs.append(Paragraph(text=text, start=self.pos, **kw))
        self.pos += len(text) + 1

    # -- block level

    def blocks(self, container) -> None:
        n = self.n
        for child in container:
            tag = child.tag
            if tag == n.p:
                self.paragraph(child)
            elif tag == n.tbl:
                self.table(child)
            elif tag == n.sdt:
                content = _first(child, n.sdt_content)
                if content is not None:
                    self.blocks(content)
            elif tag in n.block_wrappers:
                self.blocks(child)

    def _paragraph_parts(self, p) -> tuple[list[str], str, str, int | None, int | None, bool]:
        """(lines, marker, style id, heading level, list level, mark deleted) of one ``w:p``."""
        n = self.n
        lines: list[list[str]] = [[]]
        ppr = self.runs(p, lines)
        texts = ["".join(lines[0])] if len(lines) == 1 else ["".join(parts) for parts in lines]
        sid, p_num, p_ilvl, p_outline, mark_deleted = "", None, None, None, False
        if ppr is not None:
            pstyle = num_pr = outline = rpr = None
            for child in ppr:  # the first of each, as find() would give
                tag = child.tag
                if tag == n.pstyle:
                    if pstyle is None:
                        pstyle = child
                elif tag == n.num_pr:
                    if num_pr is None:
                        num_pr = child
                elif tag == n.rpr:
                    if rpr is None:
                        rpr = child
                elif tag == n.outline and outline is None:
                    outline = child
            sid = pstyle.get(n.val, "") if pstyle is not None else ""
            if num_pr is not None:
                p_num, p_ilvl = _num_pr(num_pr, n)
            if outline is not None:
                p_outline = _leading_int(outline.get(n.val, "") or "")
            if rpr is not None and self._has_deleted:
                mark_deleted = any(c.tag == n.deleted or c.tag == n.move_from for c in rpr)
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

    def _style_name(self, sid: str) -> tuple[str, bool]:
        """(style name, whether it is a table-of-contents style), once per style id."""
        found = self._style_names.get(sid)
        if found is None:
            name = self.styles.name(sid) if sid else ""
            found = self._style_names[sid] = (name, bool(_TOC_NAME.match(name) or _TOC_NAME.match(sid)))
        return found

    def paragraph(self, p) -> None:
        texts, marker, sid, heading, list_level, mark_deleted = self._paragraph_parts(p)
        if mark_deleted:
            self.carry += "".join(texts)
            return
        texts[0] = self.carry + texts[0]
        self.carry = ""
        name, toc = self._style_name(sid)
        if toc:
            return
        first = (marker + texts[0]).rstrip()
        self.paragraphs.append(Paragraph(
            text=first, style=name, heading_level=heading, list_level=list_level, auto_marker=marker, start=self.pos
        ))
        self.pos += len(first) + 1
        for line in texts[1:]:
            self._emit(line.rstrip(), style=name)

    def cell_text(self, tc) -> str:
        """Text of a table cell: its paragraphs (with list numbers) and nested tables, one per line."""
        out: list[str] = []
        self._cell_blocks(tc, out)
        self.carry = ""
        return "\n".join(out).strip()

    def _cell_blocks(self, container, out: list[str]) -> None:
        n = self.n
        for child in container:
            tag = child.tag
            if tag == n.p:
                texts, marker, *_rest, mark_deleted = self._paragraph_parts(child)
                text = texts[0].rstrip() if len(texts) == 1 else "\n".join(t.rstrip() for t in texts)
                if mark_deleted:
                    self.carry += text
                    continue
                out.append((self.carry + marker + text).strip())
                self.carry = ""
            elif tag == n.tbl:
                for row in self._rows(child)[0]:
                    out.append(" ".join(c for c in row if c))
            elif tag == n.sdt:
                content = _first(child, n.sdt_content)
                if content is not None:
                    self._cell_blocks(content, out)
            elif tag in n.block_wrappers:
                self._cell_blocks(child, out)

    def _children(self, el, tag: str) -> list:
        """Children named ``tag``, looking through content controls and custom XML wrappers."""
        n = self.n
        found = []
        for child in el:
            child_tag = child.tag
            if child_tag == tag:
                found.append(child)
            elif child_tag == n.sdt:
                content = _first(child, n.sdt_content)
                if content is not None:
                    found.extend(self._children(content, tag))
            elif child_tag in n.block_wrappers:
                found.extend(self._children(child, tag))
        return found

    def _rows(self, tbl) -> tuple[list[list[str]], list[list[str]]]:
        """(grid rows with merged cells repeated, the distinct cell texts of each row)."""
        n = self.n
        grid: list[list[str]] = []
        distinct: list[list[str]] = []
        for tr in self._children(tbl, n.tr):
            trpr = _first(tr, n.trpr)
            before = 0
            if trpr is not None:
                gb = _first(trpr, n.grid_before)
                if gb is not None:
                    value = _leading_int(gb.get(n.val, "") or "")
                    before = min(value, 64) if value is not None else 0
            cells = [""] * before
            texts: list[str] = []
            above = grid[-1] if grid else []
            for tc in self._children(tr, n.tc):
                span, vmerge = 1, None
                tcpr = _first(tc, n.tcpr)
                if tcpr is not None:
                    merge = first_children(tcpr, n.grid_span, n.vmerge, n.hmerge)
                    gs, vm, hm = merge.get(n.grid_span), merge.get(n.vmerge), merge.get(n.hmerge)
                    if gs is not None:
                        value = _leading_int(gs.get(n.val, "") or "")
                        span = max(1, min(value, 64)) if value is not None else 1
                    if vm is not None:
                        vmerge = vm.get(n.val, "continue")
                    elif hm is not None and hm.get(n.val) != "restart":
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

    def runs(self, el, lines: list[list[str]]):
        """Collect the visible text under a paragraph-level element; a soft break opens a new line.

        Returns the element's first ``w:pPr`` child (None if it has none), which a paragraph's
        own pass over its children finds on the way.
        """
        n = self.n
        ppr = None
        for child in el:
            tag = child.tag
            if tag == n.r:
                self.run(child, lines)
            elif tag == n.ppr:
                if ppr is None:
                    ppr = child
            elif tag in n.run_containers:
                self.runs(child, lines)
            elif tag == n.sdt:
                content = _first(child, n.sdt_content)
                if content is not None:
                    self.runs(content, lines)
            elif tag in _MATH_BLOCKS:
                lines[-1].append("".join(t.text or "" for t in child.iter(_MATH_T)))
        return ppr

    def run(self, r, lines: list[list[str]]) -> None:
        n = self.n
        if self._has_vanish:
            rpr = _first(r, n.rpr)
            if rpr is not None:
                vanish = _first(rpr, n.vanish)
                if vanish is not None and vanish.get(n.val, "true").lower() not in _OFF:
                    return
        line = lines[-1]
        for c in r:
            tag = c.tag
            if tag == n.t:
                line.append(c.text or "")
            elif tag == n.rpr:
                continue
            elif tag == n.tab or tag == n.ptab:
                line.append("\t")
            elif tag == n.br:
                if c.get(n.type, "textWrapping") == "textWrapping":
                    line = []
                    lines.append(line)
            elif tag == n.cr:
                line = []
                lines.append(line)
            elif tag == n.no_break_hyphen:
                line.append("-")
            elif tag == n.ruby:
                base = _first(c, n.ruby_base)
                if base is not None:
                    self.runs(base, lines)
                    line = lines[-1]


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
    if any(a.num_style_link for a in numbering.abstracts.values()):  # the only reader of style_num_ids
        numbering.style_num_ids = styles.num_ids()
    body = _first(root, w + "body")
    reader = _BodyReader(w, styles, numbering, root)
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
