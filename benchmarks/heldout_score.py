"""Score `policytext extract` on the held-out documents (not a test; the floors are in tests/test_heldout.py).

    .venv/bin/python benchmarks/heldout_score.py [--errors] [--json] [--pred PRED.json] [--data DIR]

Runs ``policytext extract tests/data/heldout/* --format json`` in a fresh process, then scores the
output against the hand-made gold beside each document with ``tests/heldout_scoring.py`` (SPEC.md's
matching rules): per document and in total, P/R/F1 for items, slogans, targets and bodies, recall and
precision of slogan components, and whether title, unit and year are right. ``--errors`` lists every
miss (FN) and false find (FP), grouped by the extractor that owns it. When ``../shared/eval/score.py``
exists, the totals are also computed by it and compared (they must be the same numbers).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.heldout_scoring import KINDS, Result, gold_name, load_gold, load_pred, score  # noqa: E402

DATA = ROOT / "tests" / "data" / "heldout"
SHARED_SCORER = ROOT.parent / "shared" / "eval" / "score.py"
OWNERS = {"items": "outline", "slogan": "slogans", "compon": "slogans", "target": "targets", "body": "bodies"}


def documents(data: Path) -> list[Path]:
    """The held-out documents: every file beside a gold ``NAME.json`` that is not JSON."""
    names = {p.stem for p in data.glob("*.json")}
    return sorted(p for p in data.iterdir() if p.suffix != ".json" and p.stem in names)


def extract(files: list[Path]) -> str:
    """The JSON that ``policytext extract FILES --format json`` prints, run in a fresh process."""
    exe = ROOT / ".venv" / "bin" / "policytext"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "policytext"]
    done = subprocess.run([*cmd, "extract", *map(str, files), "--format", "json"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"policytext extract failed with exit code {done.returncode}")
    return done.stdout


def shared_scores(data: Path, pred_text: str) -> dict | None:
    """The totals of ``../shared/eval/score.py --json`` on the same files, or None when it is absent."""
    if not SHARED_SCORER.exists():
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        f.write(pred_text)
    try:
        done = subprocess.run([sys.executable, str(SHARED_SCORER), str(data), f.name, "--json"],
                              capture_output=True, text=True, check=True)
    finally:
        Path(f.name).unlink()
    return json.loads(done.stdout)


def differences(ours: dict, theirs: dict) -> list[str]:
    """Fields where our totals and score.py's totals differ."""
    out = []
    for section in (*KINDS, "targets_value_only", "components", "meta"):
        for key, value in theirs.get(section, {}).items():
            if ours.get(section, {}).get(key) != value:
                out.append(f"{section}.{key}: ours {ours.get(section, {}).get(key)} score.py {value}")
    return out


def _prf(t) -> str:
    return f"{t.precision:5.2f} {t.recall:5.2f} {t.f1:5.2f}" if t.tp + t.fp + t.fn else "    -     -     -"


def report(result: Result, gold: dict, preds: list[dict]) -> str:
    """Per-document and total table, plus the title / unit / year found."""
    lines = ["P R F1 per document (- when there is nothing to find and nothing was found)", ""]
    head = f"{'document':<22}" + "".join(f"{k:^18}" for k in KINDS) + f"{'compon. R':>10}  title unit year"
    lines += [head, "-" * len(head)]
    rows = list(result.per_doc.items()) + [("TOTAL", result.total)]
    for name, s in rows:
        c = s.components
        comp = f"{c.hit / c.gold:10.2f}" if c.gold else f"{'-':>10}"
        meta = "  ".join("  ok" if s.meta.get(k) else "  --" for k in ("title", "unit", "year")) if s.meta else ""
        lines.append(f"{name:<22}" + "".join(f" {_prf(s.tallies[k])}" for k in KINDS) + comp + "  " + meta)
    lines.append("")
    lines.append(f"{'':<20}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    for k in KINDS:
        t = result.total.tallies[k]
        lines.append(f"{k:<20}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}{t.tp:>6}{t.fp:>6}{t.fn:>6}")
    vo = result.total.targets_value_only
    lines.append(f"{'targets (value only)':<20}{vo.precision:>7.3f}{vo.recall:>7.3f}{vo.f1:>7.3f}")
    c = result.total.components.as_dict()
    lines.append(f"{'slogan components':<20}{c['precision']:>7.3f}{c['recall']:>7.3f}{'':>7}  of {c['gold']} gold parts")
    m = result.meta
    lines.append(f"title / unit / year right in {m['title']:.0%} / {m['unit']:.0%} / {m['year']:.0%} of documents")
    for p in preds:
        g = gold.get(gold_name(str(p.get("doc")), gold) or "")
        if g:
            lines.append(f"  {p['doc']}: title {p.get('title')!r} (gold {g['title']!r}); unit {p.get('unit')!r} "
                         f"(gold {g['unit']!r}); year {p.get('year')} (gold {g['year']})")
    if result.missing:
        lines.append(f"documents without output: {', '.join(result.missing)}")
    return "\n".join(lines)


def grouped_errors(result: Result, gold: dict, preds: list[dict]) -> str:
    """Every FN / FP line, and every wrong title / unit / year, grouped by the extractor that owns it."""
    groups: dict[str, list[str]] = {}
    for e in result.total.errors():
        groups.setdefault(OWNERS.get(e.split()[0], "other"), []).append(e)
    for p in preds:
        doc = str(p.get("doc"))
        g = gold.get(gold_name(doc, gold) or "")
        s = result.per_doc.get(doc)
        for field in ("title", "unit", "year"):
            if g and s and not s.meta.get(field):
                groups.setdefault("metadata", []).append(f"meta    {field} {doc} got {p.get(field)!r}, gold {g.get(field)!r}")
    out = []
    for owner in ("outline", "metadata", "slogans", "targets", "bodies", "other"):
        if owner in groups:
            out.append(f"== {owner} ({len(groups[owner])})")
            out += groups[owner]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder of documents and gold NAME.json")
    ap.add_argument("--pred", type=Path, help="score this extraction JSON instead of running policytext")
    ap.add_argument("--errors", action="store_true", help="list every miss and false find by extractor")
    ap.add_argument("--json", action="store_true", help="print the totals (and per-document F1) as JSON")
    args = ap.parse_args(argv)

    gold = load_gold(args.data)
    pred_text = args.pred.read_text(encoding="utf-8") if args.pred else extract(documents(args.data))
    preds = load_pred(pred_text)
    result = score(gold, preds)
    theirs = shared_scores(args.data, pred_text)
    if args.json:
        out = result.as_dict()
        out["per_doc"] = {d: {k: s.tallies[k].as_dict() for k in KINDS} | {"meta": s.meta} for d, s in result.per_doc.items()}
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(report(result, gold, preds))
    if theirs is not None:
        diff = differences(result.as_dict(), theirs)
        print("cross-check with ../shared/eval/score.py: " + ("same numbers" if not diff else "DIFFERENT"), file=sys.stderr)
        for d in diff:
            print("  " + d, file=sys.stderr)
    if args.errors:
        print(grouped_errors(result, gold, preds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
