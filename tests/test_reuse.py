"""Text reuse: near-duplicate sentences shared between documents of different units."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytext.reuse import COLUMNS, find_reuse, jaccard, sentences, shingles
from policytext.store import Corpus

# Sentences written for these tests: the second document copies one sentence of the first with its
# own name put in, rewrites another, and has one of its own.
DOC_A = ("某县党建工作要点\n"
         "一、全面加强基层党组织建设，推动党支部标准化规范化建设全面达标。\n"
         "二、县委组织部每季度对各乡镇党委落实党建工作责任制情况开展一次专项督查。\n"
         "三、加强村级党群服务中心建设，提升服务群众的能力和水平。\n")
DOC_B = ("某区党建工作计划\n"
         "一、区委组织部每季度对各街道党工委落实党建工作责任制情况开展一次专项督查。\n"
         "二、全面加强基层党组织建设，推动党支部标准化规范化建设全面达标。\n"
         "三、培育一批特色鲜明的党建品牌，打造园区党建示范带。\n")


def test_sentences_have_offsets_into_the_text() -> None:
    found = list(sentences("a", DOC_A))
    assert found and all(DOC_A[s.start:s.start + len(s.text)] == s.text for s in found)
    assert not any(s.text == "某县党建工作要点" for s in found)  # shorter than min_chars


def test_jaccard_of_shingles() -> None:
    assert jaccard(shingles("三会一课制度"), shingles("三会一课制度")) == 1.0
    assert jaccard(shingles("三会一课制度"), shingles("主题党日活动")) == 0.0


def test_find_reuse_pairs_copied_and_lightly_edited_sentences() -> None:
    pairs = find_reuse([("a", "某县", DOC_A), ("b", "某区", DOC_B)], threshold=0.5)
    assert list(pairs.columns) == COLUMNS
    assert len(pairs) == 2
    exact, edited = pairs.iloc[0], pairs.iloc[1]
    assert exact["similarity"] == 1.0 and exact["sentence_a"] == exact["sentence_b"]
    assert 0.5 <= edited["similarity"] < 1.0
    assert "县委组织部" in edited["sentence_a"] and "区委组织部" in edited["sentence_b"]
    assert (exact["unit_a"], exact["unit_b"]) == ("某县", "某区")
    assert DOC_B[edited["start_b"]:].startswith(edited["sentence_b"])


@pytest.mark.parametrize(("threshold", "expected"), [(0.5, 2), (0.99, 1)])
def test_threshold(threshold: float, expected: int) -> None:
    assert len(find_reuse([("a", "某县", DOC_A), ("b", "某区", DOC_B)], threshold=threshold)) == expected


def test_same_unit_pairs_can_be_left_out() -> None:
    texts = [("a", "某县", DOC_A), ("b", "某县", DOC_B)]
    assert len(find_reuse(texts, threshold=0.5)) == 2
    assert find_reuse(texts, threshold=0.5, across_units=True).empty


def test_no_pairs_within_one_document() -> None:
    doc = DOC_A + DOC_A.splitlines()[1] + "\n"
    assert find_reuse([("a", "某县", doc)]).empty


def test_reuse_corpus_stores_the_pairs(tmp_path: Path) -> None:
    for name, text in (("a", DOC_A), ("b", DOC_B)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        c.ingest([tmp_path / "a.txt", tmp_path / "b.txt"], jobs=1)
        pairs = c.reuse(threshold=0.5)
        stored = c.table("reuse")
    assert len(stored) == len(pairs) == 2
    assert set(stored["doc_a"]) | set(stored["doc_b"]) == {"a", "b"}


def test_stored_reuse_knows_which_documents_it_was_computed_from(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DOC_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DOC_B, encoding="utf-8")
    with Corpus(tmp_path / "c.duckdb") as c:
        c.ingest([tmp_path / "a.txt"], jobs=1)
        c.reuse()
        assert c.get_state("reuse").startswith(c.fingerprint() + ":")
        c.ingest([tmp_path / "b.txt"], jobs=1)
        assert not c.get_state("reuse").startswith(c.fingerprint() + ":")  # stale: the report recomputes it
