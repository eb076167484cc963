"""Every command is documented in the README and has a help text with an example (as sqlite-utils does)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from policytext.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)


def test_there_are_commands() -> None:
    assert {"extract", "slogans", "targets", "bodies"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_a_readme_section(name: str) -> None:
    assert re.search(rf"^### {name}$", README, re.M), f"README.md has no '### {name}' section"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_summary_and_example(name: str) -> None:
    cmd = typer.main.get_command(app).commands[name]
    assert cmd.help and cmd.help.strip().splitlines()[0], f"{name} has no help"
    assert "Example: policytext " + name in cmd.help


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in README and "bash scripts/test.sh" in ci
