"""Helpers shared by the loaders: format sniffing and size limits."""

from __future__ import annotations

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
