"""The server loads the data and the pages' libraries when it starts, not when the first visitor arrives."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from streamlit.web.server.app_discovery import discover_asgi_app

from techrift import startup
from techrift.data import DATA_DIR_ENV, DataError
from techrift.ui import live_data, shell
from tests.e2e import server as app_server

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "pandera", "pydeck", "techrift.ui", "techrift.ui.home")  # Streamlit itself imports Plotly


def test_streamlit_run_serves_the_app_that_dashboard_defines() -> None:
    found = discover_asgi_app(ROOT / "dashboard.py")
    assert found.is_asgi_app and found.import_string == "dashboard:app"


@pytest.mark.slow
def test_importing_the_entry_point_loads_nothing_heavy() -> None:
    # The server imports dashboard.py before it listens: the data and the chart libraries are left to the lifespan.
    code = (
        f"import sys, dashboard; from techrift import startup; print(type(dashboard.app).__name__, "
        f"dashboard.app._user_lifespan is startup.lifespan, [m for m in {HEAVY!r} if m in sys.modules])"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    assert shown.stdout.split(None, 2) == ["App", "True", "[]\n"]


@pytest.fixture
def empty_cache():
    shell._cached_dataset.clear()
    yield
    shell._cached_dataset.clear()


def test_preload_leaves_the_dataset_in_the_shared_cache(empty_cache, monkeypatch: pytest.MonkeyPatch) -> None:
    startup.preload()
    assert all(name in sys.modules for name in startup.PAGE_MODULES)

    def no_second_load(*_args):
        raise AssertionError("loaded again")

    monkeypatch.setattr(live_data, "load_dataset", no_second_load)
    assert len(shell.cached_dataset().events) > 0


def test_preload_leaves_bad_data_to_the_first_page(
    empty_cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))  # no tables at all
    startup.preload()  # does not raise
    with pytest.raises(DataError):  # nothing cached: the page loads again and lists the problems
        shell.cached_dataset()


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


def test_a_failing_preload_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(startup, "preload", broken)
    with caplog.at_level(logging.ERROR, logger=startup.__name__):
        startup.start_preload().join(30)
    assert "disk gone" in caplog.text


@pytest.mark.slow
def test_a_fresh_server_has_loaded_the_data_before_anyone_connects() -> None:
    with app_server.served() as server:
        counts = app_server.wait_for_startup_load(server.url, timeout=60)
        metrics = app_server.fetch_metrics(server.url) or []
    assert counts == [app_server.LoaderCounts("techrift.ui.shell._cached_dataset", computed=1, from_cache=0)]
    assert app_server.gauge(metrics, "active_sessions") in (0, None)


@pytest.mark.slow
def test_after_the_preload_a_first_timeline_chart_loads_no_more_of_plotly() -> None:
    code = """
import logging, sys
logging.disable(logging.WARNING)
import streamlit
from techrift import startup
from techrift.ui import shell
from techrift.charts import timeline
from techrift.pivot import pivot_events
startup.preload()
before = set(sys.modules)
dataset = shell.cached_dataset()
pivot = pivot_events(dataset.events, dataset.places)
timeline.pivot_figure(pivot[pivot["start"].notna()], dataset, "en").to_json()
print(sorted(name for name in set(sys.modules) - before if name.startswith(("plotly", "_plotly_utils", "narwhals"))))
"""
    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    assert shown.stdout.strip() == "[]"


def test_prepare_streamlit_settles_what_a_first_run_would(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit import delta_generator, env_util
    from streamlit.runtime.pages_manager import PagesManager

    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)  # restored afterwards
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)

    def stack_walked() -> bool:
        raise AssertionError("walked the call stack")

    monkeypatch.setattr(env_util, "is_repl", stack_walked)
    startup.prepare_streamlit()
    PagesManager(str(ROOT / "dashboard.py"))  # beside a pages/ folder: would otherwise switch to old-style pages
    assert PagesManager.uses_pages_directory is False
    delta_generator._maybe_print_use_warning()  # the first element's check: nothing left to do


def test_only_the_preload_threads_no_context_warning_is_filtered() -> None:
    def record(thread: str, message: str) -> logging.LogRecord:
        made = logging.LogRecord("streamlit", logging.WARNING, __file__, 1, message, (), None)
        made.threadName = thread
        return made

    quiet = startup._QUIET_PRELOAD
    assert not quiet.filter(record(startup.PRELOAD_THREAD, "Thread 'techrift-preload': missing ScriptRunContext!"))
    assert quiet.filter(record("ScriptRunner.scriptThread", "Thread 'x': missing ScriptRunContext!"))
    assert quiet.filter(record(startup.PRELOAD_THREAD, "something else went wrong"))


@pytest.mark.slow
def test_a_server_start_logs_no_warning_about_the_preload_thread() -> None:
    # The preload calls Streamlit outside a script run; Streamlit's warning about that must not reach the console.
    with app_server.served() as server:
        app_server.wait_for_startup_load(server.url, timeout=60)
        log = server.log_text()
    assert "missing ScriptRunContext" not in log and "preloading failed" not in log


LARGE_BLOCK_AFTER_A_LARGER_ONE = """
import ctypes, sys
from techrift import startup

class MallocInfo(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]

libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = MallocInfo
if sys.argv[1] == "kept":
    assert startup.keep_large_blocks_mapped()
first = bytearray(8 << 20)
del first  # by default glibc now raises its threshold to 8 MiB
second = bytearray(4 << 20)
print("mapped" if libc.mallinfo2().hblkhd >= 4 << 20 else "from the heap")
"""


@pytest.mark.slow
def test_a_large_block_is_mapped_on_its_own_once_the_threshold_is_kept() -> None:
    def where(mode: str) -> str:
        shown = subprocess.run(
            [sys.executable, "-c", LARGE_BLOCK_AFTER_A_LARGER_ONE, mode],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return shown.stdout.strip()

    assert where("default") == "from the heap"  # kept in glibc's heap once freed
    assert where("kept") == "mapped"  # given back to the system once freed


def test_the_lifespan_keeps_large_blocks_mapped(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(startup, "keep_large_blocks_mapped", lambda: calls.append(1) or True)
    monkeypatch.setattr(startup, "preload", lambda: None)

    async def serve() -> None:
        async with startup.lifespan(None):
            pass

    _run_in_own_loop(serve)
    assert calls == [1]
