"""The server loads the data and the pages' libraries when it starts, not when the first visitor arrives."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from streamlit.web.server.app_discovery import discover_asgi_app

from techrift import bench, loadtest, startup, ui
from techrift.data import DATA_DIR_ENV, DataError

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "pandera", "pydeck", "techrift.ui", "techrift.home")  # Streamlit itself imports Plotly


def test_streamlit_run_serves_the_app_that_dashboard_defines() -> None:
    found = discover_asgi_app(ROOT / "dashboard.py")
    assert found.is_asgi_app and found.import_string == "dashboard:app"


def test_importing_the_entry_point_loads_nothing_heavy() -> None:
    # The server imports dashboard.py before it listens: the data and the chart libraries are left to the lifespan.
    code = (f"import sys, dashboard; from techrift import startup; print(type(dashboard.app).__name__, "
            f"dashboard.app._user_lifespan is startup.lifespan, [m for m in {HEAVY!r} if m in sys.modules])")
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    assert shown.stdout.split(None, 2) == ["App", "True", "[]\n"]


@pytest.fixture
def empty_cache():
    ui._cached_dataset.clear()
    yield
    ui._cached_dataset.clear()


def test_preload_leaves_the_dataset_in_the_shared_cache(empty_cache, monkeypatch: pytest.MonkeyPatch) -> None:
    startup.preload()
    assert all(name in sys.modules for name in startup.PAGE_MODULES)

    def no_second_load(*_args):
        raise AssertionError("loaded again")

    monkeypatch.setattr(ui, "load_dataset", no_second_load)
    assert len(ui.cached_dataset().events) > 0


def test_preload_leaves_bad_data_to_the_first_page(empty_cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))  # no tables at all
    startup.preload()  # does not raise
    with pytest.raises(DataError):  # nothing cached: the page loads again and lists the problems
        ui.cached_dataset()


def _run_in_own_loop(coroutine_function) -> None:
    # Its own thread: Playwright's sync API (the browser tests) leaves an event loop running in this one.
    failures: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(coroutine_function())
        except BaseException as failure:
            failures.append(failure)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    if failures:
        raise failures[0]


def test_the_lifespan_does_not_wait_for_the_preload(monkeypatch: pytest.MonkeyPatch) -> None:
    release, done = threading.Event(), threading.Event()

    def slow_preload() -> None:
        release.wait(30)
        done.set()

    monkeypatch.setattr(startup, "preload", slow_preload)

    async def serve() -> None:
        async with startup.lifespan(None):
            assert not done.is_set()  # the server is up while the preload still runs
            release.set()

    _run_in_own_loop(serve)
    assert done.wait(30)


def test_a_failing_preload_is_logged_not_raised(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(startup, "preload", broken)
    with caplog.at_level(logging.ERROR, logger=startup.__name__):
        startup.start_preload().join(30)
    assert "disk gone" in caplog.text


def test_a_fresh_server_has_loaded_the_data_before_anyone_connects() -> None:
    with bench.served() as server:
        deadline, counts = time.monotonic() + 60, []
        while time.monotonic() < deadline and not counts:
            counts = loadtest.cache_counts(loadtest.fetch_metrics(server.url) or [])
            time.sleep(0.1)
        metrics = loadtest.fetch_metrics(server.url) or []
    assert counts == [loadtest.LoaderCounts("techrift.ui._cached_dataset", computed=1, from_cache=0)]
    assert loadtest.gauge(metrics, "active_sessions") in (0, None)
