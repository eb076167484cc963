"""A processed document as a spaCy ``Doc``, for display (displaCy) and for work that goes on in spaCy.

The extractors work on the plain text with character offsets (see STYLE.md: rules on spaCy tokens
break where Chinese segmentation disagrees with them). This module turns their records into span
groups on a ``Doc`` made by a blank Chinese pipeline:

* ``doc.spans["items"]``: outline items, labelled with their path (``2.3``);
* ``doc.spans["slogans"]``: numeric formulas, labelled ``SLOGAN``;
* ``doc.spans["targets"]``: quantitative targets, labelled with their comparator and unit (``>= 天``);
* ``doc.spans["bodies"]``: responsible bodies, labelled with their role (``lead``, ``support``,
  ``mention``) and carrying the normalised name as ``kb_id_``;
* ``doc.ents``: the bodies again, as ``ORG`` (organisations) or ``ROLE`` (officials), overlaps removed.

Offsets become token spans with ``alignment_mode="expand"``: a name that starts or ends inside a
segmenter token takes the whole token.

Example:
    >>> from policytext import process  # doctest: +SKIP
    >>> from policytext.spacy_doc import to_spacy  # doctest: +SKIP
    >>> sdoc = to_spacy(process("要点.docx"))  # doctest: +SKIP
    >>> from spacy import displacy  # doctest: +SKIP
    >>> displacy.render(sdoc, style="span", options={"spans_key": "bodies"})  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .types import Document

if TYPE_CHECKING:  # spaCy is imported only by the functions that use it
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["blank_nlp", "to_spacy", "SPAN_KEYS"]

#: The span groups :func:`to_spacy` fills, in this order.
SPAN_KEYS = ("items", "slogans", "targets", "bodies")


@functools.cache
def blank_nlp(segmenter: str = "jieba") -> Language:
    """A blank Chinese spaCy pipeline (tokenizer only), made once per segmenter.

    Args:
        segmenter: ``"jieba"`` (word segmentation, the default) or ``"char"`` (one token per
            character, needs nothing else). When jieba cannot be loaded the pipeline falls back to
            ``"char"`` with a warning, so that display still works.

    Raises:
        ImportError: spaCy is not installed (``pip install spacy``).
    """
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise ImportError("policytext.spacy_doc needs spaCy: pip install 'spacy>=3.7,<4'") from exc
    try:
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    except ImportError as exc:
        if segmenter == "char":
            raise
        warnings.warn(f"spaCy's {segmenter} segmenter is unavailable ({exc}); using characters", stacklevel=2)
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})


def _spans(sdoc: Doc, records: Iterable[Any], label, kb_id=None) -> list[Span]:
    """Char offsets of records → spans, widened to token boundaries; records that fall outside go."""
    out = []
    for rec in records:
        start, end = rec.start, rec.end
        if not 0 <= start < end <= len(sdoc.text):
            continue
        span = sdoc.char_span(start, end, label=label(rec), alignment_mode="expand",
                              kb_id=kb_id(rec) if kb_id else 0)
        if span is not None and len(span):
            out.append(span)
    return out


def to_spacy(doc: Document, nlp: Language | None = None) -> Doc:
    """The document as a spaCy ``Doc`` with span groups ``items``, ``slogans``, ``targets``, ``bodies``.

    Args:
        doc: a processed document (:func:`policytext.process`).
        nlp: a spaCy pipeline whose tokenizer segments the text; default :func:`blank_nlp` (jieba).
            Only ``nlp.make_doc`` is used: no pipeline components run.

    Returns:
        A ``Doc`` over ``doc.text`` (same characters, so offsets agree) with the span groups of
        :data:`SPAN_KEYS`, ``doc.ents`` from the bodies, and ``user_data["policytext"]`` holding
        the document id, unit, title and year.

    Example:
        >>> from policytext.types import Body, Document
        >>> d = Document(doc="d", path="", format="txt", text="县委组织部要牵头做好培训。",
        ...              bodies=[Body("d", "县委组织部", "县委组织部", "lead", "0", 0, 5, "县", "party")])
        >>> sdoc = to_spacy(d, blank_nlp("char"))
        >>> [(s.text, s.label_, s.kb_id_) for s in sdoc.spans["bodies"]], [e.label_ for e in sdoc.ents]
        ([('县委组织部', 'lead', '县委组织部')], ['ORG'])
    """
    from spacy.util import filter_spans

    nlp = nlp or blank_nlp()
    sdoc = nlp.make_doc(doc.text)
    sdoc.spans["items"] = _spans(sdoc, doc.items, lambda it: it.path)
    sdoc.spans["slogans"] = _spans(sdoc, doc.slogans, lambda s: "SLOGAN")
    sdoc.spans["targets"] = _spans(sdoc, doc.targets, lambda t: f"{t.comparator} {t.unit}".strip() or "TARGET")
    sdoc.spans["bodies"] = _spans(sdoc, doc.bodies, lambda b: b.role, lambda b: b.name)
    ents = _spans(sdoc, doc.bodies, lambda b: "ROLE" if b.kind == "role" else "ORG", lambda b: b.name)
    sdoc.ents = filter_spans(ents)  # the longest of overlapping names wins
    sdoc.user_data["policytext"] = {"doc": doc.doc, "unit": doc.unit, "title": doc.title, "year": doc.year}
    return sdoc
