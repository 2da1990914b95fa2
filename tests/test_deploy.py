"""The container recipe ships what the app needs at run time (no Docker engine here to build it: checked statically)."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ignored(path: str, patterns: list[str]) -> bool:
    return any(
        fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.split("/")[0], pattern.rstrip("/"))
        for pattern in patterns
    )


def test_runtime_files_reach_the_image() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    needed = [
        "dashboard.py",
        "pyproject.toml",
        ".streamlit/config.toml",
        "techrift/ui/shell.py",
        "data/events.csv",
        "data/countries.geojson",
        *(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")),
        *(f"seeds/{p.name}" for p in (ROOT / "seeds").iterdir()),
    ]
    assert [path for path in needed if _ignored(path, patterns)] == []
    assert all((ROOT / path).exists() for path in needed)
    assert _ignored(".venv", patterns) and _ignored(".git", patterns)  # and nothing local leaks in


def test_image_validates_the_data_and_serves_the_dashboard_offline() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "python -m techrift validate" in dockerfile  # a broken dataset never becomes an image
    command = re.search(r"^CMD (.+)$", dockerfile, re.MULTILINE).group(1)
    assert '"dashboard.py"' in command and "gatherUsageStats" not in command  # usage stats stay off via config.toml
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.MULTILINE)
    assert "/_stcore/health" in dockerfile
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert "gatherUsageStats = false" in config


def test_no_full_garbage_collection_after_every_run() -> None:
    # Streamlit's default collects after every run: ~110 ms of every filter change here (docs/performance.md).
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False
