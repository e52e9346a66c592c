"""README.md stays true: every command is documented and the quick start names the real ones."""

from __future__ import annotations

import re
from pathlib import Path

from teipress.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    for name in main.commands:
        assert f"`teipress {name}" in README, f"teipress {name} is missing from README.md"


def test_quick_start_has_exactly_two_commands() -> None:
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    assert commands[0].endswith("teipress build")
    assert re.search(r"pip install -e '\.\[test\]' && pytest$", commands[1])


def test_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert block.strip().splitlines()[1] in ci
