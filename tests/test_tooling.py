"""The tooling agrees with itself: one ruff version, and CI runs the README's test command."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_pre_commit_runs_the_ruff_that_the_test_command_installs() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    pinned = next(requirement.split("==")[1] for requirement in extras["test"] if requirement.startswith("ruff=="))
    config = (ROOT / ".pre-commit-config.yaml").read_text()
    assert re.search(r"astral-sh/ruff-pre-commit\n\s+rev: v(\S+)", config).group(1) == pinned


def test_ci_runs_the_test_command_and_the_readme_names_it() -> None:
    run = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert run[-1] == "exec ./test"
    assert "./test" in (ROOT / "README.md").read_text()
