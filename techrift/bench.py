"""Benchmark in a real browser: `python -m techrift.bench` prints Markdown tables, everything measured in one run.

- cold start: launch to first page / first chart painted, for this app and for `streamlit hello`, interleaved;
- interaction: filter change (a country toggled in the sidebar) to the page redrawn, median and p95 per page, and
  each page's first change (a view not seen before, which no cache answers);
- scale: first load, script run and filter-to-redrawn at the shipped data and synthetic data N times larger;
- memory: the server's resident memory with 1 and with 20 open sessions.

Loopback only (the browser's requests to other hosts are aborted), every wait has a time limit. The helpers that
serve the app and drive Chromium are shared with the browser tests (tests/e2e).
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from techrift import synthetic
from techrift.data import DATA_DIR_ENV, PROJECT_ROOT

# --------------------------------------------------------------------------- the app on loopback, Chromium on it

CHROMIUM = os.environ.get("TECHRIFT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # deck.gl needs WebGL: software rendering in headless Chromium.
    "--use-gl=angle",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
VIEWPORT = {"width": 1400, "height": 2000}
EXCEPTION = '[data-testid="stException"]'
PLOTLY_DRAWN = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
DECK_DRAWN = '[data-testid="stDeckGlJsonChart"] canvas'

# The script has run to the end, the main area holds at least one element and none is still a placeholder
# (elements are drawn a little after the run ends).
_RUN_FINISHED = (
    "document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
    ' && document.querySelectorAll(\'[data-testid="stMain"] [data-testid="stElementContainer"]\').length > 0'
    " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
)
# Screenshots of pages that could not be measured (git-ignored, like the browser tests' screenshots).
ARTIFACTS = PROJECT_ROOT / "artifacts" / "bench"
# This app's own navigation is drawn (not Streamlit's listing of the pages/ folder).
APP_NAVIGATION = "[...document.querySelectorAll('[data-testid=\"stSidebarNav\"] a')].some(a => /Overview|Tổng quan/.test(a.innerText))"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(command: Sequence[str], port: int) -> list[str]:
    """`streamlit <command>` headless on loopback, no usage statistics, no file watcher."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        *command,
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]


def _limit_memory(limit_bytes: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    return limit


def _start(
    command: Sequence[str], port: int, env: dict[str, str] | None, log: Any, memory_limit_gb: float | None = None
) -> subprocess.Popen:
    limit = _limit_memory(int(memory_limit_gb * 2**30)) if memory_limit_gb else None
    return subprocess.Popen(
        streamlit_command(command, port),
        cwd=PROJECT_ROOT,
        env=os.environ | (env or {}),
        stdout=subprocess.DEVNULL,
        stderr=log,
        preexec_fn=limit,
    )


def wait_healthy(port: int, process: subprocess.Popen, log: Any, timeout: float = 60) -> None:
    """Poll /_stcore/health until the server answers ok."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"streamlit exited: {log.read().decode(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError("streamlit did not become healthy")


def stop(process: subprocess.Popen) -> None:
    """End a server this process started."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


@dataclass
class Server:
    """A running Streamlit server and when it was launched."""

    process: subprocess.Popen
    url: str
    launched: float
    log: Any  # the server's stderr (Streamlit's log), a file shared with the process

    def log_text(self) -> str:
        """What the server has logged so far."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")  # reading to the end leaves the offset where the server writes

    def rss_mb(self) -> float:
        """Resident memory of the server process, from /proc."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (user + system), from /proc."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def served(
    command: Sequence[str] = ("run", "dashboard.py"),
    env: dict[str, str] | None = None,
    timeout: float = 60,
    memory_limit_gb: float | None = None,
) -> Iterator[Server]:
    """A Streamlit server on a free loopback port for the duration of the block (its log in a temporary file)."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        launched = time.perf_counter()
        process = _start(command, port, env, log, memory_limit_gb)
        try:
            wait_healthy(port, process, log, timeout)
            yield Server(process, f"http://127.0.0.1:{port}", launched, log)
        finally:
            stop(process)


def is_local(url: str) -> bool:
    """Whether a URL stays on this machine (or is not a network URL at all)."""
    parsed = urlparse(url)
    return parsed.scheme not in ("http", "https", "ws", "wss") or parsed.hostname in LOCAL_HOSTS


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless, software WebGL."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_for_app(page: Any, timeout: float = 30_000, ready: str = APP_NAVIGATION) -> None:
    """Until the script has run to the end (and `ready`, a JS condition, holds), then let charts paint."""
    page.wait_for_function(f"() => ({_RUN_FINISHED}) && ({ready})", timeout=timeout)
    page.wait_for_function(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))",
        timeout=timeout,
    )


# --------------------------------------------------------------------------- measuring in the page

# The app's websocket messages, as they arrive: a run shows there even when the page never shows it as running (a fast
# run's "running" and "not running" can be drawn in one render). Installed before the page's own scripts, on every
# browser context (`new_context`; the browser tests' conftest).
MESSAGE_TAP = """(() => {
  const Native = window.WebSocket;
  const received = window.__appMessages = window.__appMessages || [];
  window.WebSocket = class extends Native {
    constructor(...args) { super(...args); this.addEventListener('message', () => received.push(performance.now())); }
  };
})();"""
# Timestamps, in the page's clock: the user's action, each script state change, each app message, the main area's last
# painted DOM change.
_RECORDER = """() => {
  window.__appMessages = window.__appMessages || [];
  window.__appMessages.length = 0;
  if (window.__bench) { Object.assign(window.__bench, {action: null, states: []}); return; }
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const bench = window.__bench = {action: null, states: [], last: 0};
  // Not painted: a canvas's children (fallback content; the data grid keeps an accessible copy there, added ~300 ms
  // after it draws), aria-* attributes. The canvas itself is the target when that copy is added or replaced.
  const element = node => node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  const painted = mutation => !element(mutation.target)?.closest('canvas') && !mutation.attributeName?.startsWith('aria-');
  new MutationObserver(mutations => { if (mutations.some(painted)) bench.last = performance.now(); })
    .observe(main, {subtree: true, childList: true, attributes: true, characterData: true});
  // Every transition, even two in one batch (a fast run flips running -> notRunning before the observer is called):
  // a record's new value is the next record's old value, the last one's is the attribute now.
  new MutationObserver(records => {
    const now = performance.now();
    records.forEach((record, i) => bench.states.push(
      [now, i + 1 < records.length ? records[i + 1].oldValue : app.dataset.testScriptState]));
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state'], attributeOldValue: true});
  // The action is the first input event: a list option is picked on the press, so a fast run can start (and be
  // recorded) before the 'click' that ends the same press.
  for (const kind of ['pointerdown', 'mousedown', 'click', 'keydown']) {
    document.addEventListener(kind, () => { if (bench.action === null) bench.action = performance.now(); }, true);
  }
  // The run the action caused, from either sign of it: the script state's transitions, the app's messages.
  bench.run = () => {
    if (bench.action === null) return null;
    const messages = window.__appMessages.filter(at => at >= bench.action);
    const running = bench.states.find(([at, state]) => at >= bench.action && state === 'running');
    if (!running && !messages.length) return null;
    const start = Math.min(running ? running[0] : Infinity, messages.length ? messages[0] : Infinity);
    const stopped = running && bench.states.find(([at, state]) => at >= running[0] && state === 'notRunning');
    const finished = running ? stopped !== undefined : app.dataset.testScriptState === 'notRunning';
    const end = Math.max(stopped ? stopped[0] : -Infinity, messages.length ? messages[messages.length - 1] : -Infinity);
    return {start, end, finished, messages: messages.length};
  };
}"""
# Settled: a run started after the action has finished and neither the main area nor the messages changed for `quiet` ms.
_SETTLED = """([quiet]) => {
  const bench = window.__bench, run = bench.run();
  return run !== null && run.finished && performance.now() - Math.max(bench.last, run.end) > quiet;
}"""
_TIMINGS = """() => {
  const bench = window.__bench, run = bench.run();
  return {redrawn: Math.max(bench.last, run.end) - bench.action, script: run.end - run.start};
}"""


# What the recorder saw, relative to the action: for a change whose wait timed out.
_WHAT_WAS_SEEN = """() => {
  const bench = window.__bench;
  if (!bench) return 'no recorder in the page';
  const since = at => bench.action === null ? Math.round(at) : Math.round(at - bench.action);
  const state = document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState;
  const messages = window.__appMessages.filter(at => bench.action !== null && at >= bench.action);
  return `action ${bench.action === null ? 'not seen' : 'seen'}; script states after it (ms, state): `
    + `${JSON.stringify(bench.states.map(([at, s]) => [since(at), s]))}; `
    + `app messages after it: ${messages.length}${messages.length ? ` (last at ${since(messages[messages.length - 1])} ms)` : ''}; `
    + `script state now: ${state}; main area last changed at ${bench.last ? since(bench.last) : 'never'} ms`;
}"""


def what_was_seen(page: Any) -> str:
    """For a change that never settled: whether the action, a run and a repaint were seen, in the page's own words."""
    try:
        return page.evaluate(_WHAT_WAS_SEEN)
    except Exception as err:  # a closed or crashed page
        return f"page state not readable ({type(err).__name__})"


@dataclass(frozen=True)
class Change:
    """One filter change and what it cost, in milliseconds."""

    redrawn: float  # from the user's action to the last change of the page
    script: float  # the script's run as the browser saw it (running -> not running, deltas handled)
    server_cpu: float = 0.0  # CPU the server spent on the change (the rerun and sending it)


def _countries(page: Any) -> Any:
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Countries")


def toggle_country(page: Any, country: str, timeout: float = 120_000) -> Change:
    """Pick `country` in the sidebar's Countries if it is not picked, else remove it; time it to the page redrawn."""
    countries = _countries(page)
    remove = countries.get_by_role("button", name=f"Remove {country}", exact=True)
    option = page.get_by_role("option", name=country, exact=True)
    picked = remove.count() > 0
    if not picked:
        countries.locator("input").click()
        option.wait_for(timeout=timeout)
    change = settle_after(page, remove.click if picked else option.click, timeout)
    page.keyboard.press("Escape")  # close the list
    if page.locator(EXCEPTION).count():
        raise RuntimeError(f"exception shown at {page.url}")
    return change


def settle_after(page: Any, action: Callable[[], Any], timeout: float = 120_000) -> Change:
    """Do `action`, wait until the rerun it caused has finished and the page is still; time it."""
    page.evaluate(_RECORDER)
    action()
    page.wait_for_function(_SETTLED, arg=[300], timeout=timeout, polling=50)
    timings = page.evaluate(_TIMINGS)
    return Change(timings["redrawn"], timings["script"])


def open_page(page: Any, url: str, timeout: float = 120_000) -> None:
    """Go to a page of the app and wait until it is drawn."""
    page.goto(url, timeout=timeout)
    wait_for_app(page, timeout)


def block_outside(context: Any) -> None:
    """Abort every browser request that would leave this machine."""
    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())


def new_context(browser: Any) -> Any:
    """A browser context for measuring: the benchmark's viewport, nothing leaves the machine, the app's messages tapped."""
    context = browser.new_context(viewport=VIEWPORT)
    block_outside(context)
    context.add_init_script(MESSAGE_TAP)
    return context


# --------------------------------------------------------------------------- the measurements

# Page path (with a view's query) -> the country whose toggling changes what that page draws.
PAGES = {
    "": "Russia",  # the overview's figures ignore the filters: this times a rerun that draws the same page
    "timeline": "United Kingdom",
    "map?view=world": "United States",
    "funding": "United States",
    "compare": "China",
    "sources": "Russia",  # as the overview
    "briefing": "United States",
}
HELLO_FIRST_CHART = ('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg', "/plotting_demo")
APP_FIRST_CHART = (PLOTLY_DRAWN, "/timeline")
ANY_ELEMENT = "true"


def _time_to_paint(browser: Any, command: Sequence[str], path: str, selector: str | None, ready: str) -> float:
    """Seconds from launching a server to `path` drawn in a fresh browser context (`selector` shown, if given)."""
    context = new_context(browser)
    try:
        with served(command) as server:
            page = context.new_page()
            page.goto(server.url + path, timeout=120_000)
            if selector:
                page.wait_for_selector(selector, timeout=120_000)
            else:
                wait_for_app(page, 120_000, ready)
            return time.perf_counter() - server.launched
    finally:
        context.close()


@dataclass
class ColdStart:
    """Launch-to-paint times, seconds, one per round."""

    app_page: list[float] = field(default_factory=list)
    hello_page: list[float] = field(default_factory=list)
    app_chart: list[float] = field(default_factory=list)
    hello_chart: list[float] = field(default_factory=list)


def cold_start(browser: Any, rounds: int) -> ColdStart:
    """The app and `streamlit hello`, interleaved so that both see the same machine noise."""
    result = ColdStart()
    app, hello = ("run", "dashboard.py"), ("hello",)
    for _ in range(rounds):
        result.app_page.append(_time_to_paint(browser, app, "/", None, APP_NAVIGATION))
        result.hello_page.append(_time_to_paint(browser, hello, "/", None, ANY_ELEMENT))
        result.app_chart.append(_time_to_paint(browser, app, APP_FIRST_CHART[1], APP_FIRST_CHART[0], ANY_ELEMENT))
        result.hello_chart.append(
            _time_to_paint(browser, hello, HELLO_FIRST_CHART[1], HELLO_FIRST_CHART[0], ANY_ELEMENT)
        )
    return result


@dataclass
class ScaleRun:
    """Everything measured on one server over one dataset."""

    factor: int
    rows: dict[str, int]
    first_load: float = 0.0  # seconds, launch to the overview drawn (includes loading and checking the data)
    changes: dict[str, list[Change]] = field(default_factory=dict)
    # Each page's first change: a view that page had not shown, so nothing cached answers it (one sample).
    first_changes: dict[str, Change] = field(default_factory=dict)
    rss_one: float | None = None
    rss_many: float | None = None
    sessions: int = 0
    notes: list[str] = field(default_factory=list)


def _measure_pages(
    context: Any, server: Server, run: ScaleRun, repeats: int, page_budget: float, timeout: float
) -> None:
    """Filter changes on every page, each in a fresh tab; a page whose changes are slow gets fewer, so that it stays within its budget."""
    for path, country in PAGES.items():
        # A fresh tab per page: a page that timed out must not interrupt the next one's navigation.
        page = context.new_page()
        try:
            open_page(page, f"{server.url}/{path}", timeout)
            # Warm-up, not counted with the rest: the first change shows a view not seen before, the second the
            # page's first view again; from then on every change shows a view seen before (caches answer it).
            run.first_changes[path] = _timed_change(page, server, country, timeout)
            warm = toggle_country(page, country, timeout)
            count = max(1, min(repeats, int(page_budget * 1000 / max(warm.redrawn, 1))))
            run.changes[path] = [_timed_change(page, server, country, timeout) for _ in range(count)]
        except Exception as err:  # a page too slow or too big at this scale: say so, keep what it showed, go on
            shot = ARTIFACTS / f"not-measured-{run.factor}x-{path.split('?')[0] or 'overview'}.png"
            try:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shot))
            except Exception:
                shot = None
            run.notes.append(
                f"/{path}: {type(err).__name__}: {str(err).splitlines()[0][:160]} ({what_was_seen(page)}"
                + (f"; screenshot {shot.relative_to(PROJECT_ROOT)})" if shot else ")")
            )
        finally:
            page.close()


def _timed_change(page: Any, server: Server, country: str, timeout: float) -> Change:
    cpu_before = server.cpu_seconds()
    change = toggle_country(page, country, timeout)
    return replace(change, server_cpu=(server.cpu_seconds() - cpu_before) * 1000)


def _measure_memory(browser: Any, page: Any, server: Server, run: ScaleRun, sessions: int, timeout: float) -> None:
    """Server memory with this one session on the timeline, then with `sessions` sessions there."""
    open_page(page, f"{server.url}/timeline", timeout)
    time.sleep(2)
    run.rss_one = server.rss_mb()
    contexts = []
    try:
        for _ in range(sessions - 1):
            context = new_context(browser)
            contexts.append(context)
            open_page(context.new_page(), f"{server.url}/timeline", timeout)
        time.sleep(2)
        run.rss_many, run.sessions = server.rss_mb(), sessions
    except Exception as err:
        run.notes.append(f"memory with {sessions} sessions: {type(err).__name__}: {str(err).splitlines()[0][:160]}")
    finally:
        for context in contexts:
            context.close()


@dataclass(frozen=True)
class Limits:
    """How long and how big the benchmark may get."""

    repeats: int = 15  # filter changes per page
    page_budget: float = 120  # seconds of filter changes per page at most (at least one change is measured)
    timeout: float = 600  # seconds for any one wait
    memory_limit_gb: float = 12  # the server's address space; past it the server fails instead of the machine


def scale_run(browser: Any, factor: int, sessions: int, limits: Limits) -> ScaleRun:
    """First load, memory with 1 and `sessions` sessions, then filter changes on every page, on data `factor` times the shipped size."""
    timeout = limits.timeout * 1000
    with tempfile.TemporaryDirectory(prefix=f"techrift-bench-{factor}x-") as folder:
        data_dir = PROJECT_ROOT / "data" if factor == 1 else synthetic.write_scaled(factor, Path(folder))
        run = ScaleRun(factor, synthetic.row_counts(data_dir))
        context = new_context(browser)
        try:
            with served(env={DATA_DIR_ENV: str(data_dir)}, memory_limit_gb=limits.memory_limit_gb) as server:
                page = context.new_page()
                page.goto(server.url, timeout=timeout)
                wait_for_app(page, timeout)
                run.first_load = time.perf_counter() - server.launched
                if sessions:  # first, so that what other pages leave behind does not count
                    _measure_memory(browser, page, server, run, sessions, timeout)
                page.close()
                _measure_pages(context, server, run, limits.repeats, limits.page_budget, timeout)
        except Exception as err:
            run.notes.append(f"{type(err).__name__}: {str(err).splitlines()[0][:160]}")
        finally:
            context.close()
        return run


# --------------------------------------------------------------------------- the report


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _ms(value: float) -> str:
    return f"{value:,.0f} ms"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} MB"


def _page_name(path: str) -> str:
    return "/" + path


def cold_start_table(result: ColdStart) -> str:
    rows = [
        f"| launch to … (median of {len(result.app_page)}) | TechRift | streamlit hello | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for what, app, hello in (
        ("first page drawn (`/` vs `/`)", result.app_page, result.hello_page),
        ("first chart painted (`/timeline` vs `/plotting_demo`)", result.app_chart, result.hello_chart),
    ):
        ratio = statistics.median(app) / statistics.median(hello)
        rows.append(
            f"| {what} | {statistics.median(app):.2f} s | {statistics.median(hello):.2f} s | {ratio:.2f}× | ≤ 1.2× |"
        )
    return "\n".join(rows)


def _median(changes: Sequence[Change], measure: str) -> float:
    return statistics.median(getattr(change, measure) for change in changes)


# Median filter-to-redrawn targets by data size; sizes in between are held to the larger size's target.
TARGETS_MS = {1: 250, 1000: 1000}


def target_ms(factor: int) -> float:
    return next((target for size, target in sorted(TARGETS_MS.items()) if factor <= size), max(TARGETS_MS.values()))


def interaction_table(run: ScaleRun) -> str:
    target = target_ms(run.factor)
    rows = [
        f"| page | filter → redrawn, median | p95 | run as the browser saw it, median | server CPU per change, median | n | "
        f"target: median < {target:,.0f} ms | first change, a view not seen before (server CPU) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for path, changes in run.changes.items():
        redrawn = [change.redrawn for change in changes]
        verdict = "met" if statistics.median(redrawn) < target else "missed"
        first = run.first_changes.get(path)
        rows.append(
            f"| {_page_name(path)} | {_ms(statistics.median(redrawn))} | {_ms(percentile(redrawn, 0.95))} | "
            f"{_ms(_median(changes, 'script'))} | {_ms(_median(changes, 'server_cpu'))} | {len(changes)} | {verdict} | "
            + (f"{_ms(first.redrawn)} ({_ms(first.server_cpu)}) |" if first else "— |")
        )
    return "\n".join(rows)


def scale_table(runs: Sequence[ScaleRun]) -> str:
    paths = list(PAGES)
    rows = [
        "| data | events / places / quotes | first page (load + check) | "
        + " | ".join(_page_name(p) for p in paths)
        + " | target |",
        "|" + "---|" * (4 + len(paths)),
    ]
    for run in runs:
        cells, missed = [], []
        for path in paths:
            changes = run.changes.get(path)
            if not changes:
                cells.append("not measured")
                missed.append(_page_name(path))
                continue
            cells.append(f"{_ms(_median(changes, 'redrawn'))} (CPU {_ms(_median(changes, 'server_cpu'))})")
            if _median(changes, "redrawn") >= target_ms(run.factor):
                missed.append(_page_name(path))
        verdict = f"< {target_ms(run.factor):,.0f} ms: " + (f"missed on {', '.join(missed)}" if missed else "met")
        rows.append(
            f"| {run.factor}× | {run.rows['events']:,} / {run.rows['places']:,} / {run.rows['quotes']:,} | "
            f"{run.first_load:.1f} s | " + " | ".join(cells) + f" | {verdict} |"
        )
    return "\n".join(rows)


def memory_table(runs: Sequence[ScaleRun]) -> str:
    rows = ["| data | RSS, 1 session | RSS, N sessions | per extra session | target < 5 MB |", "|---|---|---|---|---|"]
    for run in runs:
        if run.rss_one is None or run.rss_many is None:
            continue
        per_session = (run.rss_many - run.rss_one) / (run.sessions - 1)
        rows.append(
            f"| {run.factor}× | {_mb(run.rss_one)} | {_mb(run.rss_many)} (N = {run.sessions}) | {per_session:.1f} MB | "
            f"{'met' if per_session < 5 else 'missed'} |"
        )
    return "\n".join(rows)


def report(cold: ColdStart | None, runs: Sequence[ScaleRun]) -> str:
    """All results as Markdown."""
    parts = []
    if cold:
        parts += ["### Cold start", cold_start_table(cold)]
    if runs:
        parts += [
            f"### Filter change to page redrawn ({runs[0].factor}× data)",
            interaction_table(runs[0]),
            "### Scale: median filter → redrawn per page (server CPU per change)",
            scale_table(runs),
            "### Server memory",
            memory_table(runs),
        ]
    notes = [f"- {run.factor}×: {note}" for run in runs for note in run.notes]
    if notes:
        parts += ["### Not measured", *notes]
    return "\n\n".join(parts)


def machine_line() -> str:
    cpus = os.cpu_count()
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "?"
    )
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    return f"Machine: {cpus} CPUs, {int(memory) // 1024 // 1024 if memory.isdigit() else '?'} GiB, {chromium}, Python {sys.version.split()[0]}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m techrift.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scales", default="1,100,1000", help="data sizes as multiples of the shipped data (default 1,100,1000)"
    )
    parser.add_argument("--repeats", type=int, default=15, help="filter changes per page (default 15)")
    parser.add_argument(
        "--page-budget", type=float, default=120, help="seconds of filter changes per page at most (default 120)"
    )
    parser.add_argument(
        "--sessions", type=int, default=20, help="open sessions for the memory figure (default 20, 0 skips)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="cold-start rounds (default 3, 0 skips)")
    parser.add_argument("--timeout", type=float, default=600, help="limit for any one wait, seconds (default 600)")
    parser.add_argument(
        "--memory-limit-gb", type=float, default=12, help="the server's address-space limit (default 12)"
    )
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    limits = Limits(args.repeats, args.page_budget, args.timeout, args.memory_limit_gb)
    factors = [int(part) for part in args.scales.split(",") if part.strip()]
    started = time.perf_counter()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            cold = cold_start(browser, args.rounds) if args.rounds else None
            runs = [scale_run(browser, factor, args.sessions, limits) for factor in factors]
        finally:
            browser.close()
    print(machine_line())
    print(f"Benchmark took {time.perf_counter() - started:.0f} s.\n")
    print(report(cold, runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
