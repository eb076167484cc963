"""Extraction throughput, peak memory and cold start, measured in one run (not a test).

    .venv/bin/python benchmarks/extract_bench.py [--repeat 3] [FILES_OR_DIRS...]

Default input: ../shared/corpora (seeds + external) when present, else the project's corpora/.
Prints, for the same texts: the outline alone, each extractor, the whole pipeline (from
already-loaded documents and from files), and jieba segmentation — and the ratio
pipeline speed / jieba speed (the bar is ≥ 5×). Cold start runs ``policytext extract`` on one DOCX
in a fresh process.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _inputs(args: list[str]) -> list[Path]:
    from policytext.pipeline import expand_paths

    if args:
        return expand_paths(args)
    shared = ROOT.parent / "shared" / "corpora"
    if shared.is_dir():
        return expand_paths([shared / "seeds", shared / "external", shared / "docx"])
    return expand_paths([ROOT / "corpora"])


def _timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def cold_start(docx: Path, runs: int = 5) -> list[float]:
    exe = ROOT / ".venv" / "bin" / "policytext"
    cmd = [str(exe)] if exe.exists() else [sys.executable, str(ROOT / "cli.py")]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([*cmd, "extract", str(docx), "--format", "json"], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3, help="take the best of N runs")
    ns = ap.parse_args()

    from policytext.extract.bodies import extract_bodies
    from policytext.extract.slogans import extract_slogans
    from policytext.extract.targets import extract_targets
    from policytext.io import load
    from policytext.metadata import extract_metadata
    from policytext.outline import parse_outline
    from policytext.pipeline import process, process_raw
    from policytext.types import Document

    files = _inputs(ns.paths)
    # .doc/.wps go through LibreOffice (a process start and a conversion, ~1 s a file): timed apart,
    # so that the throughput figures measure our own reading and extraction.
    legacy = [f for f in files if f.suffix.lower() in (".doc", ".wps")]
    files = [f for f in files if f not in legacy]
    raws, readable, failed = [], [], 0
    for f in files:
        try:
            raws.append(load(f))
            readable.append(f)
        except Exception:  # noqa: BLE001 - a benchmark counts failures, it does not stop on them
            failed += 1
    texts = [r.text for r in raws]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    chars = sum(len(t) for t in texts)
    print(f"input: {len(raws)} documents ({failed} unreadable), {chars:,} chars, {mb:.2f} MB UTF-8")

    docs = []
    for r in raws:
        items = parse_outline(r)
        m = extract_metadata(r, items)
        docs.append(Document(doc=r.doc, path=r.path, format=r.format, text=r.text, unit=m.unit,
                             title=m.title, year=m.year, items=items, paragraphs=r.paragraphs))
    for d in docs:
        d.slogans = list(extract_slogans(d))

    rows = {}
    rows["outline alone"] = _timed(lambda: [parse_outline(r) for r in raws], ns.repeat)
    rows["slogans"] = _timed(lambda: [list(extract_slogans(d)) for d in docs], ns.repeat)
    rows["targets"] = _timed(lambda: [list(extract_targets(d)) for d in docs], ns.repeat)
    rows["bodies"] = _timed(lambda: [list(extract_bodies(d)) for d in docs], ns.repeat)
    rows["pipeline (loaded docs)"] = _timed(lambda: [process_raw(r) for r in raws], ns.repeat)
    rows["pipeline (from files)"] = _timed(lambda: [process(f) for f in readable], ns.repeat)

    import jieba

    jieba.setLogLevel(60)
    t0 = time.perf_counter()
    jieba.initialize()
    jieba_init = time.perf_counter() - t0
    rows["jieba segmentation"] = _timed(lambda: [jieba.lcut(t) for t in texts], ns.repeat)

    print(f"{'step':<26}{'seconds':>9}{'MB/s':>9}{'docs/s':>9}")
    for name, sec in rows.items():
        print(f"{name:<26}{sec:>9.3f}{mb / sec:>9.2f}{len(raws) / sec:>9.1f}")
    print(f"jieba dictionary load (once): {jieba_init:.3f} s")
    outline = rows["outline alone"]
    print(f"each extractor against the outline alone ({outline * 1000:.0f} ms; "
          "bar: throughput within 20% of the outline's, i.e. at most 125% of its time):")
    for name in ("slogans", "targets", "bodies"):
        sec = rows[name]
        print(f"  {name:<8}{sec * 1000:8.0f} ms = {100 * sec / outline:4.0f}% of the outline time, "
              f"throughput {100 * outline / sec:3.0f}% of the outline's")
    jieba_sec = rows["jieba segmentation"]
    for name in ("pipeline (loaded docs)", "pipeline (from files)"):
        sec = rows[name]
        print(f"{name}: {sec * 1000:.0f} ms = {100 * sec / jieba_sec:.0f}% of jieba's {jieba_sec * 1000:.0f} ms, "
              f"{jieba_sec / sec:.1f}x as fast as jieba segmentation of the same text (bar: 5x)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak:.0f} MB")

    if legacy:
        t0 = time.perf_counter()
        converted = sum(1 for f in legacy if _loads(f))
        per_file = (time.perf_counter() - t0) / len(legacy)
        print(f"legacy .doc/.wps through LibreOffice: {converted}/{len(legacy)} converted, {per_file:.2f} s per file")
    docx = next((f for f in readable if f.suffix == ".docx"), None)
    if docx is None:
        docx = next(iter(sorted((ROOT / "corpora").glob("*.docx"))), None)
    if docx is not None:
        times = cold_start(docx)
        print(f"cold start `policytext extract {docx.name} --format json`: median {statistics.median(times):.3f} s, "
              f"min {min(times):.3f} s over {len(times)} runs (bar: 0.8 s)")


def _loads(path: Path) -> bool:
    from policytext.io import load

    try:
        load(path)
        return True
    except Exception:  # noqa: BLE001 - LibreOffice may be absent; the benchmark reports it
        return False


if __name__ == "__main__":
    main()
