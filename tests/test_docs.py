"""Documentation unit tests: every command and option of `python -m geo` is in the README."""

import argparse
import re
from pathlib import Path

import pytest

from geo.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices.items())


@pytest.mark.parametrize("name,parser", _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_command_and_its_options_are_documented(name, parser):
    assert re.search(rf"python -m geo {re.escape(name)}\b", README), f"README has no section for `{name}`"
    for action in parser._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in README, f"README does not mention {option} of `{name}`"


def test_readme_gives_exactly_two_setup_commands_and_ci_runs_the_test_one():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make app" in README and "make test" in README
    assert re.search(r"^make test$", ci, re.M)
