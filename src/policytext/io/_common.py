"""Helpers shared by the loaders: format sniffing, size limits, safe zip and XML reading."""

from __future__ import annotations

import functools
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from ..errors import UnreadableDocument

#: Files above this are refused before they are read (a work-point document is < 5 MB).
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Uncompressed size limit of one part of a zip package (guards against zip bombs).
MAX_PART_BYTES = 100 * 1024 * 1024
#: Uncompressed size limit of all parts read from one package.
MAX_PACKAGE_BYTES = 300 * 1024 * 1024
#: Compression ratio above which a part is taken for a zip bomb.
MAX_COMPRESSION_RATIO = 200

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(head: bytes) -> str:
    """Kind of a file from its first bytes: "zip", "ole", "pdf" or "text".

    >>> sniff_format(b"PK\\x03\\x04rest"), sniff_format(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1"), sniff_format(b"abc")
    ('zip', 'ole', 'text')
    """
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    return "text"

#: Parts (files) a package may hold; Word files have a few dozen.
MAX_ZIP_ENTRIES = 10_000
#: The compression-ratio check applies to parts bigger than this (small XML compresses well).
RATIO_CHECK_BYTES = 1024 * 1024

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def open_package(path: Path) -> zipfile.ZipFile:
    """Open a zip package after checking its directory for zip bombs and encryption.

    Only the central directory is read here; the sizes it declares bound every later read,
    because :func:`read_part` never returns more than the declared size.

    Raises:
        UnreadableDocument: not a zip, truncated, encrypted, or too big when unpacked.
    """
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument(path, f"corrupt or truncated zip package ({exc})") from exc
    except (OSError, ValueError, EOFError) as exc:
        raise UnreadableDocument(path, f"cannot read the zip package ({exc})") from exc
    try:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise UnreadableDocument(path, f"zip package with {len(infos)} parts (limit {MAX_ZIP_ENTRIES})")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise UnreadableDocument(path, f"encrypted zip part {info.filename}: password-protected package")
            if info.file_size > MAX_PART_BYTES:
                raise UnreadableDocument(
                    path, f"zip bomb? part {info.filename} unpacks to {info.file_size} bytes (limit {MAX_PART_BYTES})"
                )
            if info.file_size > RATIO_CHECK_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                raise UnreadableDocument(
                    path,
                    f"zip bomb? part {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1 "
                    f"(limit {MAX_COMPRESSION_RATIO}:1)",
                )
            total += info.file_size
        if total > MAX_PACKAGE_BYTES:
            raise UnreadableDocument(path, f"zip bomb? package unpacks to {total} bytes (limit {MAX_PACKAGE_BYTES})")
    except BaseException:
        zf.close()
        raise
    return zf


def read_part(zf: zipfile.ZipFile, name: str, path: Path) -> bytes | None:
    """The bytes of one part, None when the package has no such part.

    Raises:
        UnreadableDocument: the part is corrupt (bad CRC, truncated data, bad compression).
    """
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    try:
        with zf.open(info) as fh:
            data = fh.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise UnreadableDocument(path, f"corrupt part {name} in the zip package ({exc})") from exc
    if len(data) > MAX_PART_BYTES:  # pragma: no cover - ZipExtFile stops at the declared size
        raise UnreadableDocument(path, f"part {name} is larger than {MAX_PART_BYTES} bytes")
    return data


def first_children(el, *tags: str) -> dict[str, Any]:
    """The first child named by each Clark name in ``tags`` that ``el`` has: what ``el.find`` gives each.

    One plain pass over the children: lxml runs ``find`` through its Python path parser and sets up
    a matcher for every ``iterchildren(tag)`` call (~1 µs each), and the readers ask most elements
    for several children.
    """
    found: dict[str, Any] = {}
    for child in el:
        tag = child.tag
        if tag in tags and tag not in found:
            found[tag] = child
    return found


@functools.cache
def _xml_parser():
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True, collect_ids=False,
    )


def parse_xml(data: bytes, name: str, path: Path):
    """Parse one XML part safely: no DTD at all, so no entity expansion and no external entities.

    Office never writes a DTD into a part, so a part that declares one is refused outright
    (billion laughs, XXE) rather than parsed with the declarations ignored.

    Raises:
        UnreadableDocument: the part declares a DTD or entities, or is not well-formed XML.
    """
    from lxml import etree

    # "!" is rare in a part and found at memchr speed: most parts skip the pattern searches.
    if b"!" in data and (_DOCTYPE.search(data, 0, 4096) or (b"<!" in data and _DOCTYPE.search(data))):
        raise UnreadableDocument(path, f"{name} declares a DTD or entities: refused as unsafe XML")
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(path, f"malformed XML in {name} ({exc.msg or exc})") from exc
    if root is None:
        raise UnreadableDocument(path, f"{name} is empty")
    return root


def ole_cause(path: Path) -> str:
    """Why an OLE compound file is not a readable .docx: encrypted OOXML or a legacy binary file.

    A password-protected .docx is an OLE container with the streams ``EncryptionInfo`` and
    ``EncryptedPackage``; their names are stored UTF-16 in the directory sectors.
    """
    needle = "EncryptedPackage".encode("utf-16-le")
    found, tail = False, b""
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                if needle in tail + chunk:
                    found = True
                    break
                tail = chunk[-len(needle):]
    except OSError:
        pass
    if found:
        return "password-protected (encrypted) Word file: remove the password in Word and save it again"
    return "a legacy Word 97-2003 (.doc) file with a .docx name: rename it to .doc"


def read_head(path: Path, size: int = 4096) -> bytes:
    """First bytes of a file after the checks every loader shares: it exists, is a file, not empty, not huge.

    Raises:
        UnreadableDocument: the file is missing, a folder, empty, too large or unreadable.
    """
    from ..errors import UnreadableDocument

    if not path.exists():
        raise UnreadableDocument(path, "no such file")
    if path.is_dir():
        raise UnreadableDocument(path, "is a directory, not a document")
    try:
        length = path.stat().st_size
        if length == 0:
            raise UnreadableDocument(path, "empty file")
        if length > MAX_FILE_BYTES:
            raise UnreadableDocument(path, f"file too large ({length} bytes; limit {MAX_FILE_BYTES})")
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot read: {exc.strerror or exc}") from exc
