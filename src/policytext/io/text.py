"""Plain-text loader: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK; CR, LF or CRLF."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import UnreadableDocument
from ..types import Paragraph, RawDocument, Source, make_record

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes of a Chinese text file; returns (text, encoding).

    A BOM decides; otherwise strict UTF-8, then GB18030 (a superset of GBK and GB2312).

    >>> decode_text("党建".encode("gb18030"))
    ('党建', 'gb18030')
    >>> decode_text(codecs.BOM_UTF8 + "党建".encode())
    ('党建', 'utf-8-sig')
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:1000]:
        # UTF-16 without a BOM: decide by where the zero bytes sit.
        enc = "utf-16-le" if data[1:200:2].count(0) > data[0:200:2].count(0) else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8, UTF-16 or GB18030 text (bad byte at {exc.start})") from exc


#: Line ends: CRLF (Windows), CR (old Mac), LF (Unix), and the vertical tab, form feed and
#: Unicode line/paragraph separators that text copied out of Word or a PDF carries. Written to open
#: with a character class (a CR then takes the LF after it), which lets the regex engine skip
#: through a line in one step instead of trying the pattern at every character.
LINE_END = re.compile(r"[\r\n\x0b\x0c\u2028\u2029](?:(?<=\r)\n)?")
_OTHER_LINE_ENDS = ("\r", "\x0b", "\x0c", "\u2028", "\u2029")


def split_lines(text: str) -> list[str]:
    r"""Split on CRLF, CR or LF, the way Windows, old Mac and Unix editors end lines.

    >>> split_lines("一、总体要求\r\n（一）指导思想\r二、任务\x0c三、保障")
    ['一、总体要求', '（一）指导思想', '二、任务', '三、保障']
    """
    if not any(end in text for end in _OTHER_LINE_ENDS):
        return text.split("\n")  # the usual case: str.split (and str's search for one character) beat a regex
    return LINE_END.split(text)


def paragraphs_from_lines(lines: list[str]) -> tuple[Paragraph, ...]:
    r"""One paragraph per line, trailing spaces and stray BOMs removed, offsets into the joined text.

    >>> [(p.text, p.start) for p in paragraphs_from_lines(["标题  ", "\ufeff正文"])]
    [('标题', 0), ('正文', 3)]
    """
    out, pos = [], 0
    for line in lines:
        line = line.rstrip().replace("\ufeff", "")
        out.append(make_record(Paragraph, dict(_PLAIN, text=line, start=pos)))  # a file has thousands of lines
        pos += len(line) + 1
    return tuple(out)


#: The fields of a paragraph of plain text other than its text and offset.
_PLAIN = dict(style="", heading_level=None, list_level=None, auto_marker="", source=Source.BODY)


def load_text(path: Path) -> RawDocument:
    """Read a .txt or .md file; one paragraph per line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        text, _ = decode_text(data)
    except ValueError as exc:
        raise UnreadableDocument(path, str(exc)) from exc
    if not text.strip():
        raise UnreadableDocument(path, "empty file (no text)")
    if "\x00" in text:
        raise UnreadableDocument(path, "binary content, not text")
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    return RawDocument(doc=path.stem, path=str(path), format=fmt, paragraphs=paragraphs_from_lines(split_lines(text)))
