"""Text reuse across documents: near-duplicate sentences that different documents share.

Units copy from each other and from higher levels: a county's work points repeat a sentence of the
city's, with its own name put in. Sentences are compared by the Jaccard similarity of their
character 3-gram sets (shingles), which tolerates a changed name or number. Candidates come from
MinHash signatures with locality-sensitive hashing (20 bands of 3 rows), so the work grows with the
number of sentences rather than its square; each candidate pair is then checked exactly.

In Python: ``Corpus("corpus.duckdb").reuse(threshold=0.7)``; the report shows the pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .store import Corpus

#: Sentence ends: full stops, question and exclamation marks, semicolons and line breaks.
SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
#: A list marker at the start of a sentence (一、 （二） 3. 第四， ⑤) is not part of what is reused.
LEADING_MARKER = re.compile(r"^(?:[（(][一二三四五六七八九十百零\d]+[)）]|[一二三四五六七八九十百零\d]+[、.．]"
                            r"|第[一二三四五六七八九十]+[，、]|[①-⑳])\s*")
#: What is dropped before comparing: spaces, punctuation, quotation marks, list markers' brackets.
_NOISE = re.compile(r"[\s\W_]+")
BANDS, ROWS = 20, 3
#: A bucket with more sentences than this is formulaic boilerplate; its pairs are not listed.
MAX_BUCKET = 200


@dataclass(frozen=True)
class Sentence:
    doc: str
    start: int
    text: str
    key: str  # normalised text (no spaces or punctuation)


def sentences(doc: str, text: str, *, min_chars: int = 15) -> Iterator[Sentence]:
    """Sentences of a text with their offsets, those with fewer than ``min_chars`` characters left out.

    >>> [s.text for s in sentences("d", "一、总体要求\\n（二）严格落实三会一课制度，每月开展一次主题党日活动。好。", min_chars=10)]
    ['严格落实三会一课制度，每月开展一次主题党日活动']
    """
    pos = 0
    for m in [*SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        raw = text[pos:end]
        stripped = raw.strip()
        marker = LEADING_MARKER.match(stripped)
        if marker:
            stripped = stripped[marker.end():]
        key = _NOISE.sub("", stripped)
        if len(key) >= min_chars:
            yield Sentence(doc, pos + raw.index(stripped), stripped, key)
        if m:
            pos = m.end()


def shingles(key: str) -> set[int]:
    """Character 3-grams of a normalised sentence as integers (three 21-bit code points).

    >>> sorted(shingles("三会一课")) == sorted({(ord(a) << 42) | (ord(b) << 21) | ord(c) for a, b, c in ["三会一", "会一课"]})
    True
    """
    return {(ord(key[i]) << 42) | (ord(key[i + 1]) << 21) | ord(key[i + 2]) for i in range(len(key) - 2)}


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def minhash(sets: list[set[int]], *, seed: int = 0) -> np.ndarray:
    """(len(sets), BANDS * ROWS) MinHash signatures (uint32), from random multiply-add hashes mod 2**64."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n_hash = BANDS * ROWS
    a = rng.integers(1, 2**63, size=n_hash, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=n_hash, dtype=np.uint64)
    sig = np.empty((len(sets), n_hash), dtype=np.uint32)
    chunk = 5000
    for lo in range(0, len(sets), chunk):
        part = sets[lo:lo + chunk]
        flat = np.fromiter((x for s in part for x in s), dtype=np.uint64)
        offsets = np.cumsum([0] + [len(s) for s in part[:-1]])
        with np.errstate(over="ignore"):
            for h in range(n_hash):
                hashed = (flat * a[h] + b[h]) >> np.uint64(32)
                sig[lo:lo + len(part), h] = np.minimum.reduceat(hashed, offsets)
    return sig


def candidate_pairs(sig: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Pairs (i, j), i < j, of sentences of different documents that share a band of their signatures."""
    import numpy as np

    found: list[np.ndarray] = []
    mix = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D], dtype=np.uint64)
    for band in range(BANDS):
        rows = sig[:, band * ROWS:(band + 1) * ROWS].astype(np.uint64)
        with np.errstate(over="ignore"):
            keys = (rows * mix[:ROWS]).sum(1) ^ (rows[:, 0] << np.uint64(32))
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        bounds = np.flatnonzero(np.diff(sorted_keys)) + 1
        for group in np.split(order, bounds):
            if 2 <= len(group) <= MAX_BUCKET:
                i, j = np.triu_indices(len(group), 1)
                pairs = np.stack([group[i], group[j]], 1)
                pairs = pairs[docs[pairs[:, 0]] != docs[pairs[:, 1]]]
                if len(pairs):
                    found.append(np.sort(pairs, 1))
    if not found:
        return np.zeros((0, 2), dtype=int)
    return np.unique(np.concatenate(found), axis=0)


COLUMNS = ["doc_a", "doc_b", "unit_a", "unit_b", "sentence_a", "sentence_b", "similarity", "start_a", "start_b"]


def find_reuse(texts: Iterable[tuple[str, str, str]], *, threshold: float = 0.7, min_chars: int = 15,
               across_units: bool = False) -> pd.DataFrame:
    """Near-duplicate sentences of different documents.

    Args:
        texts: (doc, unit, text) of each document.
        threshold: least Jaccard similarity of the two sentences' 3-gram sets.
        min_chars: shorter sentences (without punctuation) are ignored.
        across_units: keep only pairs of documents of different units.

    Returns:
        One row per pair (columns ``COLUMNS``), the most similar first.
    """
    import numpy as np
    import pandas as pd

    sents: list[Sentence] = []
    unit_of: dict[str, str] = {}
    for doc, unit, text in texts:
        unit_of[doc] = unit
        sents.extend(sentences(doc, text or "", min_chars=min_chars))
    if len(sents) < 2:
        return pd.DataFrame(columns=COLUMNS)
    sets = [shingles(s.key) for s in sents]
    doc_ids = {d: i for i, d in enumerate(unit_of)}
    docs = np.array([doc_ids[s.doc] for s in sents])
    rows = []
    for i, j in candidate_pairs(minhash(sets), docs):
        a, b = sents[i], sents[j]
        if across_units and unit_of[a.doc] == unit_of[b.doc]:
            continue
        sim = jaccard(sets[i], sets[j])
        if sim >= threshold:
            if (a.doc, a.start) > (b.doc, b.start):
                a, b = b, a
            rows.append((a.doc, b.doc, unit_of[a.doc], unit_of[b.doc], a.text, b.text, round(sim, 4), a.start, b.start))
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.sort_values(["similarity", "doc_a", "doc_b", "start_a", "start_b"],
                           ascending=[False, True, True, True, True], ignore_index=True)


def reuse_corpus(corpus: Corpus, *, threshold: float = 0.7, min_chars: int = 15) -> pd.DataFrame:
    """Find the reuse among all stored documents and store it in the ``reuse`` table (replacing it)."""
    rows = corpus.con.execute(
        "SELECT d.doc, coalesce(nullif(d.unit, ''), d.doc), t.text FROM documents d JOIN texts t USING (doc) "
        "ORDER BY d.doc").fetchall()
    pairs = find_reuse(rows, threshold=threshold, min_chars=min_chars)
    con = corpus.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM reuse")
        corpus._insert("reuse", pairs)
        corpus.set_state("reuse", f"{corpus.fingerprint()}:{threshold}:{min_chars}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return pairs
