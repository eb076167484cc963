#!/usr/bin/env bash
# Install policytext with its test tools into .venv, then lint and run the whole test suite
# (doctests and notebooks included). Tests that need ../shared, LibreOffice or Chromium skip
# with a reason when those are absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check src tests benchmarks cli.py
.venv/bin/python -m pytest "$@"
