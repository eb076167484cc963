"""The command line starts light: ``policytext --help`` and ``policytext extract`` import no heavy library.

pandas, numpy, scikit-learn, spaCy, jieba and DuckDB take a second or more to import together; extraction
does not need them, so a cold ``policytext extract one.docx`` stays well under the 0.8 s bar. Each check
runs in a fresh interpreter and reads ``sys.modules`` when it exits. No timing is asserted (it depends on
the machine): ``benchmarks/extract_bench.py`` measures the cold start.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
HEAVY = ("pandas", "numpy", "sklearn", "spacy", "jieba", "duckdb")

#: Runs the command line with the given arguments; at exit, prints the heavy modules it imported to stderr.
_WRAPPER = f"""
import atexit, sys
HEAVY = {set(HEAVY)!r}
atexit.register(lambda: print("HEAVY=" + repr(sorted({{m.split(".")[0] for m in sys.modules}} & HEAVY)), file=sys.stderr))
sys.argv = ["policytext", *sys.argv[1:]]
from policytext.cli import main
main()
"""


def _python(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def _heavy_at_exit(*cli_args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    proc = _python("-c", _WRAPPER, *cli_args)
    lines = [line for line in proc.stderr.splitlines() if line.startswith("HEAVY=")]
    assert lines, proc.stderr
    return proc, ast.literal_eval(lines[-1][len("HEAVY="):])


def test_importing_the_cli_imports_no_heavy_library() -> None:
    code = (
        "import policytext.cli, sys; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}))"
    )
    proc = _python("-c", code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_help_imports_no_heavy_library() -> None:
    proc, heavy = _heavy_at_exit("--help")
    assert proc.returncode == 0, proc.stderr
    assert "extract" in proc.stdout
    assert heavy == []


@pytest.mark.parametrize("name", ["docx/outline.docx", "corpus/county_2022.txt"])
def test_extract_to_json_imports_no_heavy_library(name: str) -> None:
    proc, heavy = _heavy_at_exit("extract", str(DATA / name), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)  # one file: one JSON object
    assert doc["items"] and "targets" in doc  # the document was really processed
    assert heavy == []
