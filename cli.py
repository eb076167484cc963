"""Run the policytext command line from a checkout: ``python cli.py extract FILE``."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
from policytext.cli import main  # noqa: E402

main()
