"""Shared fixtures and the marker rules.

Tests of the code run on the small fixture dataset in tests/fixtures/ (tests/fixtures/README.md says what it covers):
`dataset` is that data, and every page run under AppTest reads it ($TECHRIFT_DATA_DIR is set to it for each test).
Only the tests marked `shipped_data` (tests/test_shipped_data.py) read the shipped data: data/, or the folder
$TECHRIFT_DATA_DIR names when pytest starts (so that the shipped-data checks can be run against another copy)."""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from techrift.data import Dataset

# Streamlit, pandas and the data modules are imported where a test process needs them, not at the top: under xdist
# the controlling process loads this file too, and runs no test.
E2E = Path(__file__).resolve().parent / "e2e"


def _runs_tests(config: pytest.Config) -> bool:
    """Whether this process runs tests: not the controller of `-n 2`'s workers."""
    return hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None)


# --------------------------------------------------------------------------- AppTest: scan the installed packages once
# Every AppTest makes its own component registry and fills it by reading the metadata of every installed package for
# Streamlit component manifests: most of the time of a page run under AppTest, the same answer every time. The
# packages do not change while the tests run, so the scan is made once per process; each registry still registers
# what it found (techrift's own chart component among it).
def _scan_manifests_once() -> None:
    from streamlit.components.v2 import manifest_scanner

    manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "shipped_data: checks the shipped data (data/ or $TECHRIFT_DATA_DIR); every other test reads the fixture",
    )
    if _runs_tests(config):
        _scan_manifests_once()


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The fixture dataset (tests/fixtures/data)."""
    from data_folders import FIXTURE_DATA

    from techrift.data import load_dataset

    return load_dataset(FIXTURE_DATA)


@pytest.fixture(scope="session")
def shipped_dataset() -> Dataset:
    """The shipped dataset: only tests/test_shipped_data.py reads it."""
    from data_folders import SHIPPED_DATA

    from techrift.data import load_dataset

    return load_dataset(SHIPPED_DATA)


@pytest.fixture(scope="module", autouse=True)
def _pages_read_the_fixture_data(request: pytest.FixtureRequest) -> Iterator[None]:
    """Pages (and anything else that reads the configured data folder) read the fixture data, or the shipped data in
    the shipped-data checks. Module-scoped and autouse, so it is set before a module's own shared fixtures run
    pages. The browser tests' server is started once for the session with the environment pytest started with (the
    shipped data): they are left alone."""
    if E2E in request.path.parents:
        yield
        return
    from data_folders import FIXTURE_DATA, SHIPPED_DATA

    from techrift.data import DATA_DIR_ENV

    shipped = request.node.get_closest_marker("shipped_data") is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(SHIPPED_DATA if shipped else FIXTURE_DATA))
        yield


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture data, to break on purpose; returns the data folder."""
    from data_folders import FIXTURE_DATA, copy_data

    return copy_data(FIXTURE_DATA, tmp_path)


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
