"""Score extractions against gold files by the matching rules of SPEC.md, per document and in total.

Used by ``tests/test_heldout.py`` and ``benchmarks/heldout_score.py`` on the held-out documents in
``tests/data/heldout``. It is our own implementation of SPEC's rules, so that the floors can be checked
where ``../shared`` (and its ``eval/score.py``) is absent; when it is present, the tests check that both
give the same numbers. Standard library only.

Rules (SPEC.md, "Scoring"):

- items: same level and number, titles equal after removing punctuation and spaces, or similar
  (difflib ratio) at least 0.85; one to one, gold in document order takes its most similar free item;
- slogans: the same text after NFKC and removing quotation marks, counted once per document;
- components: per gold slogan with components, the share of its parts found among the parts the
  extraction gives for the same slogan (same normalisation as titles, similarity at least 0.85);
- targets: equal (value within 0.01, unit, comparator), matched one to one (a leading 万/亿/千/百 of
  the unit moves into the value);
- bodies: the same ``name`` after NFKC with a leading 各/各级 dropped, counted once per document;
- title / unit / year: the share of documents where each is right.

A gold entry with ``"optional": true`` is neither rewarded nor punished; ``alts`` are other forms
that also count as a match.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

KINDS = ("items", "slogans", "targets", "bodies")
SIMILAR = 0.85

# punctuation and spaces ignored when comparing titles and slogan parts
_TITLE_NOISE = re.compile(r"[\s\"'“”‘’「」『』《》〈〉()（）\[\]【】,，.。:：;；!！?？、·…—\-]+")
_QUOTES = re.compile(r"[\"'“”‘’「」『』]")
_MAGNITUDE = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}


def nfkc(text: str | None) -> str:
    """NFKC form of ``text`` ('' for None): full-width digits and brackets become ASCII."""
    return unicodedata.normalize("NFKC", text or "")


def norm_title(text: str | None) -> str:
    """A title or slogan part without punctuation and spaces.

    >>> norm_title("以“1项工程”为重点， 筑牢基础")
    '以1项工程为重点筑牢基础'
    """
    return _TITLE_NOISE.sub("", nfkc(text))


def norm_slogan(text: str | None) -> str:
    """A slogan without quotation marks and spaces.

    >>> norm_slogan("“三会一课”")
    '三会一课'
    """
    return re.sub(r"\s+", "", _QUOTES.sub("", nfkc(text)))


def norm_body(text: str | None) -> str:
    """A body name in NFKC with a leading 各级/各 dropped (not when that would leave one character).

    >>> norm_body("各级党委（党组）")
    '党委(党组)'
    >>> norm_body("各地")
    '各地'
    """
    s = re.sub(r"\s+", "", nfkc(text))
    for prefix in ("各级", "各"):
        if s.startswith(prefix) and len(s) > len(prefix) + 1:
            return s[len(prefix):]
    return s


def target_key(target: dict) -> tuple[float | None, str, str]:
    """(value, unit, comparator) of a target, with a magnitude prefix of the unit moved into the value.

    >>> target_key({"value": 3, "unit": "万家", "comparator": ">="})
    (30000.0, '家', '>=')
    >>> target_key({"value": None, "unit": "名"})
    (None, '名', '=')
    """
    value = target.get("value")
    unit = nfkc(target.get("unit")).strip()
    if len(unit) > 1 and unit[0] in _MAGNITUDE:
        value = None if value is None else float(value) * _MAGNITUDE[unit[0]]
        unit = unit[1:]
    value = None if value is None else round(float(value), 2)
    return value, unit, (target.get("comparator") or "=").strip()


def _similar(a: str, b: str) -> float:
    return 1.0 if a == b else SequenceMatcher(None, a, b).ratio()


@dataclass
class Tally:
    """True positives, false positives and false negatives, with a line per error."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.errors.extend(other.errors)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def score_items(doc: str, gold: list[dict], pred: list[dict]) -> Tally:
    """One-to-one matching on (level, number) and title; gold in order takes its most similar free item."""
    out = Tally()
    free: dict[tuple, list[int]] = {}
    for i, p in enumerate(pred):
        free.setdefault((p.get("level"), p.get("number")), []).append(i)
    used: set[int] = set()
    for g in gold:
        want = norm_title(g.get("title"))
        best, best_sim = None, 0.0
        for i in free.get((g.get("level"), g.get("number")), []):
            if i not in used:
                sim = _similar(norm_title(pred[i].get("title")), want)
                if sim > best_sim:
                    best, best_sim = i, sim
        matched = best is not None and best_sim >= SIMILAR
        if matched:
            used.add(best)
        if g.get("optional"):
            continue
        if matched:
            out.tp += 1
        else:
            out.fn += 1
            out.errors.append(f"items   FN {doc} L{g.get('level')} #{g.get('number')} {g.get('marker', '')}{g.get('title', '')[:40]}")
    for i, p in enumerate(pred):
        if i not in used:
            out.fp += 1
            out.errors.append(f"items   FP {doc} L{p.get('level')} #{p.get('number')} {p.get('marker', '')}{str(p.get('title', ''))[:40]}")
    return out


def _forms(entry: dict, key: str, norm) -> set[str]:
    return {norm(entry.get(key))} | {norm(a) for a in entry.get("alts", [])}


def score_types(doc: str, kind: str, gold: list[dict], pred_texts: Iterable[str], norm, key: str) -> Tally:
    """Type-level matching per document: each distinct normalised form counts once."""
    out = Tally()
    pred = {norm(t) for t in pred_texts} - {""}
    claimed: set[str] = set()
    for g in gold:
        hit = pred & _forms(g, key, norm)
        claimed |= hit
        if g.get("optional"):
            continue
        if hit:
            out.tp += 1
        else:
            out.fn += 1
            out.errors.append(f"{kind:<8}FN {doc} {g.get(key)}")
    for form in sorted(pred - claimed):
        out.fp += 1
        out.errors.append(f"{kind:<8}FP {doc} {form}")
    return out


@dataclass
class Components:
    """Slogan components: gold parts found (recall) and predicted parts that are right (precision)."""

    gold: int = 0
    hit: int = 0
    pred: int = 0
    pred_hit: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Components) -> None:
        self.gold += other.gold
        self.hit += other.hit
        self.pred += other.pred
        self.pred_hit += other.pred_hit
        self.errors.extend(other.errors)

    def as_dict(self) -> dict:
        return {"recall": round(self.hit / self.gold, 4) if self.gold else 0.0,
                "precision": round(self.pred_hit / self.pred, 4) if self.pred else 0.0, "gold": self.gold}


def score_components(doc: str, gold: list[dict], pred: list[dict]) -> Components:
    """For every required gold slogan with parts, compare them with the parts predicted for that slogan."""
    out = Components()
    parts_of: dict[str, list[str]] = {}
    for p in pred:
        if p.get("components"):
            parts_of[norm_slogan(p.get("text"))] = [norm_title(c) for c in p["components"]]
    for g in gold:
        want = [norm_title(c) for c in g.get("components") or []]
        if g.get("optional") or not want:
            continue
        forms = [norm_slogan(g.get("text"))] + [norm_slogan(a) for a in g.get("alts", [])]
        found = next((parts_of[f] for f in forms if f in parts_of), [])
        hits = sum(any(_similar(c, q) >= SIMILAR for q in found) for c in want)
        out.gold += len(want)
        out.hit += hits
        out.pred += len(found)
        out.pred_hit += sum(any(_similar(c, q) >= SIMILAR for c in want) for q in found)
        if hits < len(want):
            out.errors.append(f"compon  {doc} {g.get('text')}: found {hits}/{len(want)}")
    return out


def score_targets(doc: str, gold: list[dict], pred: list[dict], key=target_key) -> Tally:
    """Multiset matching on ``key``; a prediction matching an optional gold target is not a false find."""
    out = Tally()
    required = Counter(key(t) for t in gold if not t.get("optional"))
    optional = Counter(key(t) for t in gold if t.get("optional"))
    found = Counter(key(t) for t in pred)
    for k in sorted(set(required) | set(found), key=repr):
        tp = min(found[k], required[k])
        fn = required[k] - tp
        fp = max(0, found[k] - required[k] - optional[k])
        out.tp += tp
        out.fn += fn
        out.fp += fp
        out.errors += [f"target  FN {doc} {k}"] * fn + [f"target  FP {doc} {k}"] * fp
    return out


def _meta_right(gold: dict, pred: dict) -> dict[str, bool]:
    titles = {norm_title(t) for t in [gold.get("title", "")] + gold.get("title_alts", [])}
    gu, pu = norm_body(gold.get("unit")), norm_body(pred.get("unit"))
    return {
        "title": norm_title(pred.get("title")) in titles,
        "unit": bool(gu and pu and (gu in pu or pu in gu)) or (not gu and not pu),
        "year": pred.get("year") == gold.get("year"),
    }


@dataclass
class DocScore:
    """All tallies of one document (or of all documents, in ``Result.total``)."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    targets_value_only: Tally = field(default_factory=Tally)
    components: Components = field(default_factory=Components)
    meta: dict[str, bool] = field(default_factory=dict)

    def add(self, other: DocScore) -> None:
        for k in KINDS:
            self.tallies[k].add(other.tallies[k])
        self.targets_value_only.add(other.targets_value_only)
        self.components.add(other.components)

    def errors(self) -> list[str]:
        out = [e for k in KINDS for e in self.tallies[k].errors]
        return out + self.components.errors


@dataclass
class Result:
    """Per-document scores, the total, and the share of documents with title / unit / year right."""

    per_doc: dict[str, DocScore]
    total: DocScore
    meta: dict[str, float]
    missing: list[str]
    unmatched: list[str]

    def as_dict(self) -> dict:
        """The totals in the shape ``score.py --json`` prints (plus nothing else)."""
        out = {k: self.total.tallies[k].as_dict() for k in KINDS}
        vo = self.total.targets_value_only.as_dict()
        out["targets_value_only"] = {k: vo[k] for k in ("precision", "recall", "f1")}
        out["components"] = self.total.components.as_dict()
        out["meta"] = {k: round(v, 4) for k, v in self.meta.items()}
        out["documents_scored"] = len(self.per_doc)
        out["documents_missing"] = self.missing
        return out


def gold_name(pred_doc: str, gold: dict[str, dict]) -> str | None:
    """The gold document a predicted ``doc`` belongs to: NAME, or NAME.variant."""
    if pred_doc in gold:
        return pred_doc
    return next((name for name in gold if pred_doc.startswith(name + ".")), None)


def score_document(name: str, gold: dict, pred: dict) -> DocScore:
    """Score one predicted document object against its gold object."""
    out = DocScore()
    out.tallies["items"] = score_items(name, gold.get("items", []), pred.get("items", []))
    out.tallies["slogans"] = score_types(
        name, "slogan", gold.get("slogans", []), (s.get("text", "") for s in pred.get("slogans", [])), norm_slogan, "text"
    )
    out.components = score_components(name, gold.get("slogans", []), pred.get("slogans", []))
    out.tallies["targets"] = score_targets(name, gold.get("targets", []), pred.get("targets", []))
    out.targets_value_only = score_targets(name, gold.get("targets", []), pred.get("targets", []), key=lambda t: target_key(t)[0])
    out.tallies["bodies"] = score_types(
        name, "body", gold.get("bodies", []),
        (b.get("name") or b.get("text", "") for b in pred.get("bodies", [])), norm_body, "name",
    )
    out.meta = _meta_right(gold, pred)
    return out


def score(gold: dict[str, dict], preds: list[dict]) -> Result:
    """Score predicted document objects against gold objects keyed by document name."""
    per_doc: dict[str, DocScore] = {}
    total = DocScore()
    right = Counter()
    unmatched = []
    for p in preds:
        name = gold_name(str(p.get("doc", "")), gold)
        if name is None:
            unmatched.append(str(p.get("doc")))
            continue
        s = score_document(str(p.get("doc")), gold[name], p)
        per_doc[str(p.get("doc"))] = s
        total.add(s)
        right.update(k for k, ok in s.meta.items() if ok)
    meta = {k: (right[k] / len(preds) if preds else 0.0) for k in ("title", "unit", "year")}
    scored = {gold_name(d, gold) for d in per_doc}
    return Result(per_doc, total, meta, sorted(set(gold) - scored), unmatched)


def load_gold(folder: Path) -> dict[str, dict]:
    """Every ``NAME.json`` of ``folder``, keyed by NAME."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.json"))}


def load_pred(text: str) -> list[dict]:
    """Documents from ``policytext extract --format json`` (object or list) or ``--format jsonl`` output."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = [json.loads(line) for line in text.splitlines() if line.strip()]
    return data if isinstance(data, list) else [data]
