"""Corpus ingest throughput and memory over many documents (not a test).

    .venv/bin/python benchmarks/ingest_bench.py [--docs 2000] [--jobs N] [--batch 32] [SOURCES...]

Makes ``--docs`` distinct text documents by cycling over the source texts (default: ../shared/corpora
seeds and external when present, else the project's corpora/) and appending a numbered line to each
copy, so every file has its own content hash; then ingests them into a fresh DuckDB store and prints
documents per second, the writer's resident memory at 10 %, 50 % and 100 % of the run (flat when
results are streamed), the peak RSS of the writer and of the largest worker, and the store's size.
The 10,000-document run: ``--docs 10000``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _sources(args: list[str]) -> list[Path]:
    """Text documents to copy (DOCX cannot take an appended line without rewriting the package)."""
    from policytext.io.text import decode_text

    if args:
        dirs = [Path(a) for a in args]
    elif (ROOT.parent / "shared" / "corpora").is_dir():
        dirs = [ROOT.parent / "shared" / "corpora" / "seeds", ROOT.parent / "shared" / "corpora" / "external"]
    else:
        dirs = [ROOT / "corpora"]
    out = []
    for d in dirs:
        for p in sorted(d.rglob("*")) if d.is_dir() else [d]:
            if p.suffix.lower() in (".txt", ".md") and p.name.upper() != "README.MD":
                try:
                    decode_text(p.read_bytes())
                    out.append(p)
                except ValueError:
                    pass
    return out


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="*")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--memory-limit", default="", help="DuckDB memory_limit for the writer, e.g. 256MB")
    ap.add_argument("--keep", action="store_true", help="keep the generated files and the store")
    args = ap.parse_args()

    from policytext.io.text import decode_text
    from policytext.store import Corpus

    sources = _sources(args.sources)
    if not sources:
        sys.exit("no source text documents")
    work = Path(tempfile.mkdtemp(prefix="ingest_bench_"))
    docs = work / "docs"
    docs.mkdir()
    texts = [decode_text(p.read_bytes())[0] for p in sources]
    for i in range(args.docs):
        src = sources[i % len(sources)]
        (docs / f"{i:05d}_{src.stem}.txt").write_text(texts[i % len(texts)] + f"\n（副本{i}）\n", encoding="utf-8")
    chars = sum(len(texts[i % len(texts)]) for i in range(args.docs))
    print(f"{args.docs} documents ({chars / 1e6:.1f} M characters) from {len(sources)} sources in {docs}")

    marks = {int(args.docs * f): f for f in (0.1, 0.5, 1.0)}
    seen = 0
    rss: list[tuple[float, float]] = []

    def progress(path: str, what: str) -> None:
        nonlocal seen
        seen += 1
        if seen in marks:
            rss.append((marks[seen], _rss_mb()))

    t0 = time.perf_counter()
    with Corpus(work / "bench.duckdb") as corpus:
        if args.memory_limit:
            corpus.con.execute(f"SET memory_limit = '{args.memory_limit}'")
        stats = corpus.ingest([docs], jobs=args.jobs, batch=args.batch, on_result=progress)
        n_items = corpus.con.execute("SELECT count(*) FROM items").fetchone()[0]
    elapsed = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in work.glob("bench.duckdb*"))
    print(f"ingest: {stats} in {elapsed:.1f} s = {args.docs / elapsed:.1f} docs/s "
          f"({chars / elapsed / 1e6:.2f} M chars/s), jobs={args.jobs}, batch={args.batch}")
    if stats.failures:
        print(f"first failure: {stats.failures[0].path}: {stats.failures[0].cause}")
    print(f"items stored: {n_items}; store size {size / 2**20:.1f} MB")
    print("writer RSS: " + ", ".join(f"{int(f * 100)}% {mb:.0f} MB" for f, mb in rss))
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: writer {peak_self:.0f} MB, largest worker {peak_child:.0f} MB")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
