"""Benchmark in a real browser: `python -m benchmarks.bench` prints Markdown tables, everything measured in one run.

- cold start: launch to first page / first chart painted, for this app and for `streamlit hello`, interleaved;
- interaction: filter change (a country toggled in the sidebar) to the page redrawn, median and p95 per page, and
  each page's first change (a view not seen before, which no cache answers);
- scale: first load, script run and filter-to-redrawn at the shipped data and synthetic data N times larger;
- memory: the server's resident memory with 1 and with 20 open sessions;
- search: the index and one query per kind of match, at synthetic data N times larger (benchmarks/searchbench.py).

Loopback only (the browser's requests to other hosts are aborted), every wait has a time limit. Serving the app and
driving Chromium are the browser tests' helpers (tests/e2e/server.py, tests/e2e/chromium.py), so both time the same way.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from benchmarks import searchbench, synthetic
from techrift.data import DATA_DIR_ENV, PROJECT_ROOT
from tests.e2e.chromium import (
    APP_NAVIGATION,
    CHART_ELEMENT,
    CHROMIUM,
    EXCEPTION,
    MESSAGE_TAP,
    PLOTLY_CHART,
    PLOTLY_DRAWN,
    VIEWPORT,
    Change,
    is_local,
    launch_chromium,
    settle_after,
    wait_for_app,
    what_was_seen,
)
from tests.e2e.server import Server, served

# --------------------------------------------------------------------------- the page, for measuring

# Screenshots of pages that could not be measured (git-ignored, like the browser tests' screenshots).
ARTIFACTS = PROJECT_ROOT / "artifacts" / "bench"


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


# Every chart element of the page has painted its figure. The element draws after the run ends (it loads plotly.js
# first, which the browser takes 0.7 s to evaluate): without this, a page's first filter change also timed the first
# chart's drawing (about 1 s on Briefing). Each element's container is there before its script has made the chart's
# node, so the containers are counted, not the nodes.
CHARTS_PAINTED = (
    f"[...document.querySelectorAll('{CHART_ELEMENT}')].every(e => e.querySelector('{PLOTLY_CHART}[data-drawn]'))"
)


def open_page(page: Any, url: str, timeout: float = 120_000) -> None:
    """Go to a page of the app and wait until it is drawn, its charts painted."""
    page.goto(url, timeout=timeout)
    wait_for_app(page, timeout, ready=f"({APP_NAVIGATION}) && ({CHARTS_PAINTED})")


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


def report(cold: ColdStart | None, runs: Sequence[ScaleRun], searches: Sequence[searchbench.SearchRun] = ()) -> str:
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
    for search_run in searches:
        parts += [f"### Search ({search_run.factor}× data)", searchbench.search_table(search_run)]
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
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
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
    parser.add_argument(
        "--search-scales", default="1000", help="data sizes for the search part (default 1000, empty skips)"
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
    searches = [searchbench.search_run(int(part)) for part in args.search_scales.split(",") if part.strip()]
    print(machine_line())
    print(f"Benchmark took {time.perf_counter() - started:.0f} s.\n")
    print(report(cold, runs, searches))
    return 0


if __name__ == "__main__":
    sys.exit(main())
