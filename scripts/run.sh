#!/usr/bin/env bash
# The main job on the project's own sample corpus: install, ingest corpora/ into a DuckDB store,
# cluster the tasks across units and write the comparative report to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
PT=.venv/bin/policytext
rm -f out/corpus.duckdb
$PT ingest corpora --db out/corpus.duckdb --units corpora/units.csv
$PT cluster --db out/corpus.duckdb
$PT report --db out/corpus.duckdb --by unit -o out/report.html
$PT report --db out/corpus.duckdb --by unit -o out/report.xlsx
echo "report: $(pwd)/out/report.html"
