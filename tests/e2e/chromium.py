"""Debian's Chromium on the app: how to launch it, when a page is drawn, and when a rerun has settled (timed).

Shared by the browser tests (tests/e2e) and the benchmark (benchmarks/bench.py), which times with the same recorder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

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
PLOTLY_CHART = ".techrift-plotly"  # the chart node made by the app's chart element (techrift/ui/plotly_chart.py)
CHART_ELEMENT = ".stBidiComponent"  # the element's container, there before its script runs (every one is a chart)
PLOTLY_DRAWN = f"{PLOTLY_CHART} .js-plotly-plot .main-svg"
DECK_DRAWN = '[data-testid="stDeckGlJsonChart"] canvas'

# The script has run to the end, the main area holds at least one element and none is still a placeholder
# (elements are drawn a little after the run ends).
_RUN_FINISHED = (
    "document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
    ' && document.querySelectorAll(\'[data-testid="stMain"] [data-testid="stElementContainer"]\').length > 0'
    " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
)
# This app's own navigation is drawn (not Streamlit's listing of the pages/ folder).
APP_NAVIGATION = "[...document.querySelectorAll('[data-testid=\"stSidebarNav\"] a')].some(a => /Overview|Tổng quan/.test(a.innerText))"


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


# --------------------------------------------------------------------------- waiting for a rerun, and timing it

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
RECORDER = """() => {
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
SETTLED = """([quiet]) => {
  const bench = window.__bench, run = bench.run();
  return run !== null && run.finished && performance.now() - Math.max(bench.last, run.end) > quiet;
}"""
TIMINGS = """() => {
  const bench = window.__bench, run = bench.run();
  return {redrawn: Math.max(bench.last, run.end) - bench.action, script: run.end - run.start};
}"""


# What the recorder saw, relative to the action: for a change whose wait timed out.
WHAT_WAS_SEEN = """() => {
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
        return page.evaluate(WHAT_WAS_SEEN)
    except Exception as err:  # a closed or crashed page
        return f"page state not readable ({type(err).__name__})"


@dataclass(frozen=True)
class Change:
    """One filter change and what it cost, in milliseconds."""

    redrawn: float  # from the user's action to the last change of the page
    script: float  # the script's run as the browser saw it (running -> not running, deltas handled)
    server_cpu: float = 0.0  # CPU the server spent on the change (the rerun and sending it)


def settle_after(page: Any, action: Callable[[], Any], timeout: float = 120_000) -> Change:
    """Do `action`, wait until the rerun it caused has finished and the page is still; time it."""
    page.evaluate(RECORDER)
    action()
    page.wait_for_function(SETTLED, arg=[300], timeout=timeout, polling=50)
    timings = page.evaluate(TIMINGS)
    return Change(timings["redrawn"], timings["script"])
