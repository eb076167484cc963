"""The pipeline's wiring: the collector is held during an extraction and given back as it was."""

from __future__ import annotations

import gc

import pytest

from policytext import pipeline
from policytext.io.text import paragraphs_from_lines, split_lines
from policytext.types import RawDocument


def _raw(text: str) -> RawDocument:
    return RawDocument(doc="d", path="", format="text", paragraphs=paragraphs_from_lines(split_lines(text)))


def test_the_collector_is_held_during_extraction_and_enabled_after() -> None:
    seen = []
    original = pipeline._extract

    def spy(raw, sha256):
        seen.append(gc.isenabled())
        return original(raw, sha256)

    assert gc.isenabled()
    pipeline._extract = spy
    try:
        doc = pipeline.process_raw(_raw("一、总体要求\n（一）每年开展不少于2次。"))
    finally:
        pipeline._extract = original
    assert seen == [False] and gc.isenabled()
    assert [t.text for t in doc.targets] == ["不少于2次"]


def test_a_disabled_collector_stays_disabled_and_an_error_gives_it_back() -> None:
    gc.disable()
    try:
        pipeline.process_raw(_raw("一、要求"))
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(AttributeError):
        pipeline.process_raw(None)  # type: ignore[arg-type]
    assert gc.isenabled()
