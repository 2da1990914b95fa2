"""Shared fixtures (the shipped dataset, a scratch copy of the data folder to break on purpose) and the marker rules."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from techrift.data import Dataset, load_dataset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(ROOT / "data")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (with seeds/ beside it, as the seed paths expect); returns the data folder."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path / "data"


# --------------------------------------------------------------------------- markers that tell the truth
# e2e: starts Chromium (every test under tests/e2e does; tests/e2e/conftest.py marks them).
# slow: starts a server or any other process. The inner loop, `-m "not e2e and not slow"`, runs neither; a test that
# is not marked slow and starts a process fails and says so, so the marker cannot drift from what the test does.


@pytest.hookimpl(trylast=True)  # after tests/e2e/conftest.py has marked its tests
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = [
        item.nodeid
        for item in items
        if "browser" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("e2e")
    ]
    if unmarked:
        raise pytest.UsageError("these tests start Chromium but are not marked e2e: " + ", ".join(unmarked))


class _NoProcess(subprocess.Popen):
    """Stands in for subprocess.Popen while a test not marked slow runs."""

    test = ""

    def __new__(cls, args: Any, *rest: Any, **options: Any) -> _NoProcess:
        raise RuntimeError(f"{cls.test} starts a process ({args!r}): mark it @pytest.mark.slow")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    if item.get_closest_marker("slow"):
        return (yield)
    _NoProcess.test = item.nodeid
    started = subprocess.Popen
    subprocess.Popen = _NoProcess  # type: ignore[misc]
    try:
        return (yield)
    finally:
        subprocess.Popen = started  # type: ignore[misc]
