"""A processed document as a spaCy Doc: span groups, entities and displaCy."""

from __future__ import annotations

import pytest

from policytext.io.text import paragraphs_from_lines, split_lines
from policytext.pipeline import process_raw
from policytext.types import Body, Document, RawDocument

spacy = pytest.importorskip("spacy")

from policytext.spacy_doc import SPAN_KEYS, blank_nlp, to_spacy  # noqa: E402

TEXT = """某县2024年机关党建工作要点
一、加强政治建设
（一）强化理论武装。县直机关工委要牵头组织“四个意识”专题学习，每季度不少于1次，各党支部要认真落实。
（二）压实责任。机关党委负责督促检查，办公室配合，党支部书记每年至少讲2次党课。"""


@pytest.fixture(scope="module")
def doc() -> Document:
    raw = RawDocument(doc="plan", path="plan.txt", format="txt", paragraphs=paragraphs_from_lines(split_lines(TEXT)))
    return process_raw(raw)


@pytest.fixture(scope="module", params=["jieba", "char"])
def nlp(request):
    if request.param == "jieba":
        pytest.importorskip("jieba")
    return blank_nlp(request.param)


def test_span_groups_hold_every_record(doc, nlp):
    sdoc = to_spacy(doc, nlp)
    assert sdoc.text == doc.text  # offsets agree
    assert set(SPAN_KEYS) <= set(sdoc.spans)
    for key in SPAN_KEYS:
        assert len(sdoc.spans[key]) == len(getattr(doc, key)), key
    assert len(doc.bodies) >= 4  # the sample names bodies; the extractor must have found them
    for body, span in zip(doc.bodies, sdoc.spans["bodies"], strict=True):
        # alignment_mode="expand": the span covers the name, widened to token boundaries at most
        assert span.start_char <= body.start and span.end_char >= body.end
        assert body.text in span.text
        assert span.label_ == body.role and span.kb_id_ == body.name


def test_entities_are_the_bodies_without_overlaps(doc, nlp):
    sdoc = to_spacy(doc, nlp)
    ents = list(sdoc.ents)
    assert ents, "bodies should become entities"
    assert all(e.label_ in ("ORG", "ROLE") for e in ents)
    assert all(a.end <= b.start for a, b in zip(ents, ents[1:], strict=False))
    roles = {e.kb_id_: e.label_ for e in ents}
    assert roles.get("党支部书记") == "ROLE" and roles.get("机关党委") == "ORG"


def test_displacy_renders_the_bodies(doc, nlp):
    from spacy import displacy

    html = displacy.render(to_spacy(doc, nlp), style="span", options={"spans_key": "bodies"}, page=False)
    assert "机关党委" in html and "lead" in html


def test_user_data_and_item_labels(doc, nlp):
    sdoc = to_spacy(doc, nlp)
    assert sdoc.user_data["policytext"]["doc"] == "plan"
    assert [s.label_ for s in sdoc.spans["items"]] == [it.path for it in doc.items]


def test_records_outside_the_text_are_dropped():
    d = Document(doc="d", path="", format="txt", text="党支部要落实。",
                 bodies=[Body("d", "党支部", "党支部", "lead", "0", 0, 3), Body("d", "x", "x", "lead", "0", 5, 99)])
    sdoc = to_spacy(d, blank_nlp("char"))
    assert [s.text for s in sdoc.spans["bodies"]] == ["党支部"]
