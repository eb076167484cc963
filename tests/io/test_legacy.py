"""Legacy .doc/.wps files through LibreOffice (real conversions skip when it is not installed)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from policytext.errors import MissingDependency, UnreadableDocument
from policytext.io import legacy, load
from policytext.io.docx import load_docx
from policytext.io.legacy import find_soffice, load_legacy

DOCX = Path(__file__).resolve().parent.parent / "data" / "docx"

requires_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


@requires_soffice
def test_doc_reads_like_its_docx_source():
    raw = load(DOCX / "legacy.doc")
    assert (raw.doc, raw.format, raw.path) == ("legacy", "doc", str(DOCX / "legacy.doc"))
    source = load_docx(DOCX / "outline.docx")
    assert [p.text for p in raw.paragraphs] == [p.text for p in source.paragraphs]
    assert [p.auto_marker for p in raw.paragraphs] == [p.auto_marker for p in source.paragraphs]


@requires_soffice
def test_wps_keeps_its_name_and_format(tmp_path):
    wps = tmp_path / "某县 2021年 要点.wps"
    shutil.copyfile(DOCX / "legacy.doc", wps)
    raw = load(wps)
    assert (raw.doc, raw.format) == ("某县 2021年 要点", "wps")
    assert raw.text.startswith("某县2021年机关党建工作要点\n")


@requires_soffice
def test_shared_doc_variants_equal_the_seed(shared_dir):
    for f in sorted((shared_dir / "corpora" / "docx").glob("*.doc")):
        raw = load_legacy(f)
        seed = (shared_dir / "corpora" / "seeds" / f"{f.stem}.txt").read_text(encoding="utf-8")
        assert [x.strip() for x in raw.text.splitlines() if x.strip()] == [
            x.strip() for x in seed.splitlines() if x.strip()
        ]


def test_without_libreoffice_says_how_to_install(monkeypatch):
    monkeypatch.delenv("POLICYTEXT_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", "")
    with pytest.raises(MissingDependency) as info:
        load(DOCX / "legacy.doc")
    assert "apt-get install libreoffice-writer" in str(info.value)


def _fake_soffice(tmp_path: Path, script: str) -> Path:
    exe = tmp_path / "fake-soffice"
    exe.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return exe


@pytest.mark.skipif(os.name != "posix", reason="shell script stand-in for soffice")
def test_conversion_failure_is_unreadable(monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYTEXT_SOFFICE", str(_fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")))
    with pytest.raises(UnreadableDocument, match="could not convert it.*could not be loaded"):
        load_legacy(DOCX / "legacy.doc")


@pytest.mark.skipif(os.name != "posix", reason="shell script stand-in for soffice")
def test_conversion_timeout_ends_the_process(monkeypatch, tmp_path):
    marker = tmp_path / "still-running"
    monkeypatch.setenv("POLICYTEXT_SOFFICE", str(_fake_soffice(tmp_path, f"sleep 30; touch '{marker}'")))
    with pytest.raises(UnreadableDocument, match="within"):
        legacy.convert_to_docx(DOCX / "legacy.doc", tmp_path, timeout=0.5)
    assert not marker.exists()


def test_private_profile_and_timeout_are_passed(monkeypatch, tmp_path):
    log = tmp_path / "args.txt"
    monkeypatch.setenv("POLICYTEXT_SOFFICE", str(_fake_soffice(tmp_path, f'printf "%s\\n" "$@" > "{log}"; exit 1')))
    with pytest.raises(UnreadableDocument):
        load_legacy(DOCX / "legacy.doc")
    args = log.read_text(encoding="utf-8").splitlines()
    assert "--headless" in args and "--convert-to" in args
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert "policytext-lo-" in profile


def test_encrypted_file_named_doc_is_refused_before_conversion(tmp_path):
    doc = tmp_path / "加密.doc"
    shutil.copyfile(DOCX / "bad_encrypted.docx", doc)
    with pytest.raises(UnreadableDocument, match="password-protected"):
        load_legacy(doc)


@pytest.mark.parametrize("content,cause", [(None, "no such file"), (b"", "empty file")])
def test_missing_or_empty_doc(tmp_path, content, cause):
    doc = tmp_path / "x.doc"
    if content is not None:
        doc.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=cause):
        load_legacy(doc)
