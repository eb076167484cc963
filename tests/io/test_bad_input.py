"""Broken, hostile and wrongly named Word files: each gives UnreadableDocument with a clear cause."""

from __future__ import annotations

import shutil
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from policytext.errors import UnreadableDocument
from policytext.io import _common, load
from policytext.io._common import open_package, parse_xml
from policytext.io.docx import load_docx

DOCX = Path(__file__).resolve().parent.parent / "data" / "docx"

CASES = [
    ("bad_empty.docx", "empty file"),
    ("bad_not_zip.docx", "not a zip"),
    ("bad_truncated.docx", "truncated"),
    ("bad_encrypted.docx", "password-protected"),
    ("bad_legacy_renamed.docx", "legacy Word 97-2003"),
    ("bad_billion_laughs.docx", "declares a DTD"),
    ("bad_xxe.docx", "declares a DTD"),
    ("bad_malformed_xml.docx", "malformed XML"),
    ("bad_zip_bomb.docx", "zip bomb"),
    ("bad_excel.docx", "Excel workbook"),
    ("bad_no_text.docx", "no text"),
]


@pytest.mark.parametrize("name,cause", CASES)
@pytest.mark.parametrize("loader", [load, load_docx], ids=["load", "load_docx"])
def test_bad_file_gives_a_clear_cause(loader, name, cause):
    with pytest.raises(UnreadableDocument) as info:
        loader(DOCX / name)
    assert cause in info.value.cause
    assert info.value.path.endswith(name)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("loader", [load, load_docx], ids=["load", "load_docx"])
def test_missing_file(loader, tmp_path):
    with pytest.raises(UnreadableDocument, match="no such file"):
        loader(tmp_path / "不存在.docx")


def test_zip_bomb_is_refused_without_unpacking():
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableDocument):
            load_docx(DOCX / "bad_zip_bomb.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024  # the part unpacks to 64 MB


def test_part_size_limit(monkeypatch):
    monkeypatch.setattr(_common, "MAX_PART_BYTES", 1000)
    with pytest.raises(UnreadableDocument, match="unpacks to"):
        open_package(DOCX / "tables.docx")


def test_package_size_limit(monkeypatch):
    monkeypatch.setattr(_common, "MAX_PACKAGE_BYTES", 5000)
    with pytest.raises(UnreadableDocument, match="package unpacks"):
        open_package(DOCX / "tables.docx")


def test_external_entity_never_reads_a_local_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容XYZ", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY s SYSTEM "{secret.as_uri()}">]><d>&s;</d>').encode()
    with pytest.raises(UnreadableDocument) as info:
        parse_xml(xml, "word/document.xml", tmp_path / "x.docx")
    assert "机密内容" not in str(info.value)


def test_doctype_after_a_long_prolog_is_still_refused(tmp_path):
    xml = b'<?xml version="1.0"?>' + b" " * 10000 + b'<!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'
    with pytest.raises(UnreadableDocument, match="DTD"):
        parse_xml(xml, "word/styles.xml", tmp_path / "x.docx")


def test_unsafe_styles_part_is_refused_too(tmp_path):
    src = DOCX / "outline.docx"
    dst = tmp_path / "styles_xxe.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + data[data.index(b"<w:styles"):]
            zout.writestr(item, data)
    with pytest.raises(UnreadableDocument, match="word/styles.xml declares a DTD"):
        load_docx(dst)


def test_corrupt_part_data(tmp_path):
    dst = tmp_path / "crc.docx"
    data = bytearray((DOCX / "outline.docx").read_bytes())
    with zipfile.ZipFile(DOCX / "outline.docx") as zf:
        info = zf.getinfo("word/document.xml")
    offset = info.header_offset + 30 + len(info.filename) + len(info.extra) + 20
    data[offset : offset + 40] = bytes(40)  # damage the compressed body of word/document.xml
    dst.write_bytes(bytes(data))
    with pytest.raises(UnreadableDocument, match="corrupt"):
        load_docx(dst)


def test_directory_and_wrong_extension(tmp_path):
    with pytest.raises(UnreadableDocument, match="directory"):
        load_docx(tmp_path)
    shutil.copyfile(DOCX / "outline.docx", tmp_path / "outline.txt")
    with pytest.raises(UnreadableDocument, match="binary zip"):
        load(tmp_path / "outline.txt")


def test_deeply_nested_body_is_refused(tmp_path):
    src = DOCX / "outline.docx"
    dst = tmp_path / "deep.docx"
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    nested = "<w:sdt><w:sdtContent>" * 5000 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 5000
    document = f"<w:document {w}><w:body>{nested}</w:body></w:document>".encode()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, document if item.filename == "word/document.xml" else zin.read(item.filename))
    with pytest.raises(UnreadableDocument, match="deep"):
        load_docx(dst)
