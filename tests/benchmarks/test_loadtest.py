"""The load test: its pure parts (bounds, plans, widget changes, counters, percentiles) and a short real run."""

from __future__ import annotations

import asyncio
import itertools
from concurrent.futures import ThreadPoolExecutor

import pytest
from streamlit.proto.Element_pb2 import Element

from benchmarks import bench, loadtest
from tests.e2e import server as app_server


def run_alone(coroutine):
    """asyncio.run in a thread of its own: pytest-playwright keeps an event loop running in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_only_loopback_servers_can_be_targeted() -> None:
    assert loadtest.loopback_base_url("http://127.0.0.1:8501/") == "http://127.0.0.1:8501"
    assert loadtest.loopback_base_url("ws://localhost:9000/app") == "http://localhost:9000/app"
    assert loadtest.loopback_base_url("http://[::1]:8501") == "http://[::1]:8501"
    for outside in ("http://example.org:8501", "http://10.0.0.5:8501", "ftp://127.0.0.1", "127.0.0.1:8501"):
        with pytest.raises(ValueError):
            loadtest.loopback_base_url(outside)
    assert loadtest.stream_url("http://127.0.0.1:8501/app") == "ws://127.0.0.1:8501/app/_stcore/stream"


def test_sessions_and_duration_are_bounded(capsys: pytest.CaptureFixture[str]) -> None:
    assert loadtest.parse_args([]).sessions == 50 and loadtest.parse_args([]).seconds == 60
    for too_much in (
        ["--sessions", "201"],
        ["--sessions", "0"],
        ["--seconds", "1801"],
        ["--url", "http://example.org"],
        ["--pid", "1"],
    ):
        with pytest.raises(SystemExit):
            loadtest.parse_args(too_much)
    assert "not this machine" in capsys.readouterr().err


def test_action_plans_are_reproducible_and_start_with_a_deep_link() -> None:
    first = list(itertools.islice(loadtest.action_plan(7), 40))
    assert first == list(itertools.islice(loadtest.action_plan(7), 40))
    assert first[0].kind == "open" and first[0].page in loadtest.PAGES
    assert all(action.kind in ("page", "filter") for action in first[1:])
    assert {action.kind for action in first[1:]} == {"page", "filter"}
    switches = [action for action in first if action.kind == "page"]
    assert all(before.page != after.page for before, after in itertools.pairwise([first[0], *switches]))


def test_every_deep_link_becomes_the_query_a_browser_sends() -> None:
    for page, links in loadtest.DEEP_LINKS.items():
        for link in links:
            assert loadtest._query(link) == link.replace(" ", "+"), (page, link)
    assert loadtest._query("country=United Kingdom,United States") == "country=United+Kingdom,United+States"


@pytest.mark.slow  # waits on the sessions' connection timeouts against a closed port
def test_a_fault_in_the_load_test_ends_the_run_with_an_error_instead_of_hanging(monkeypatch) -> None:
    def broken_plan(seed: int):
        raise TypeError("a bug in the plan")
        yield

    monkeypatch.setattr(loadtest, "action_plan", broken_plan)
    settings = loadtest.Settings(sessions=3, seconds=5, ramp=0)

    async def bounded() -> None:
        async with asyncio.timeout(10):
            await loadtest.run_load(settings, "http://127.0.0.1:9", None)

    with pytest.raises(RuntimeError, match="3 of 3 sessions crashed") as raised:
        run_alone(bounded())
    assert isinstance(raised.value.__cause__, TypeError)


def _multiselect(options: list[str], chosen: list[str]) -> Element:
    element = Element()
    element.multiselect.id = "$$ID-abc-global_companies"
    element.multiselect.options.extend(options)
    element.multiselect.raw_values.extend(chosen)
    element.multiselect.set_value = True
    return element


def _slider(low: int, high: int) -> Element:
    element = Element()
    element.slider.id = "$$ID-def-global_years"
    element.slider.min, element.slider.max = low, high
    element.slider.default.extend([low, high])
    return element


def test_a_filter_change_toggles_one_option_or_picks_another_year_range() -> None:
    companies = _multiselect(["AWS", "Huawei", "Nvidia"], ["Huawei"])
    current = loadtest.widget_state_of(companies)
    assert list(current.string_array_value.data) == ["Huawei"]
    assert list(loadtest.changed_widget_state(companies, current, 0).string_array_value.data) == ["Huawei", "AWS"]
    assert list(loadtest.changed_widget_state(companies, current, 1).string_array_value.data) == []
    years = _slider(2012, 2025)
    current = loadtest.widget_state_of(years)
    for choice in range(200):
        low, high = loadtest.changed_widget_state(years, current, choice).double_array_value.data
        assert 2012 <= low <= high <= 2025 and [low, high] != [2012, 2025]
    assert loadtest.filter_widget_name("$$ID-abc-global_companies") == "companies"
    assert loadtest.filter_widget_name("$$ID-abc-flow") is None


def test_loader_counts_come_from_the_servers_metrics() -> None:
    text = "\n".join(
        [
            "# TYPE cache_lookups_total counter",
            'cache_lookups_total{cache_type="st_cache_resource",cache="techrift.ui._cached_dataset",result="miss"} 1',
            'cache_lookups_total{cache_type="st_cache_resource",cache="techrift.ui._cached_dataset",result="hit"} 412',
            'cache_lookups_total{cache_type="st_session_state",cache="x,y",result="hit"} 9',
            "active_sessions 50",
        ]
    )
    samples = app_server.parse_metrics(text)
    assert app_server.gauge(samples, "active_sessions") == 50
    assert app_server.cache_counts(samples) == [app_server.LoaderCounts("techrift.ui._cached_dataset", 1, 412)]
    assert "Data loaded once per process: yes" in loadtest.loader_line(app_server.cache_counts(samples), 500)
    twice = [app_server.LoaderCounts("techrift.ui._cached_dataset", 2, 10)]
    assert "Data loaded once per process: NO" in loadtest.loader_line(twice, 12)


def test_a_call_that_waited_for_another_threads_load_counts_as_answered_from_the_cache() -> None:
    # The startup preload computes the dataset; the first visitor's call misses, waits for it, and takes its value.
    labels = 'cache_type="st_cache_resource",cache="techrift.ui._cached_dataset"'
    text = "\n".join(
        [
            f'cache_lookups_total{{{labels},result="miss"}} 2',
            f'cache_lookups_total{{{labels},result="hit"}} 30',
            f'cache_compute_duration_seconds_count{{{labels},trigger="miss"}} 1',
            f'cache_compute_duration_seconds_bucket{{{labels},le="0.25",trigger="miss"}} 1',
        ]
    )
    assert app_server.cache_counts(app_server.parse_metrics(text)) == [
        app_server.LoaderCounts("techrift.ui._cached_dataset", 1, 31)
    ]


def test_summary_counts_errors_and_takes_percentiles() -> None:
    results = [loadtest.ActionResult(0, "filter", "map", i, latency=i / 100) for i in range(1, 101)]
    results.append(loadtest.ActionResult(1, "page", "funding", 0, latency=5.0, error="timeout"))
    summary = loadtest.summarize(results)
    assert (summary.count, summary.errors, summary.max) == (101, 1, 5.0)
    assert summary.p50 == bench.percentile([r.latency for r in results], 0.5)
    assert summary.p50 < summary.p95 <= summary.p99 <= summary.max
    table = loadtest.latency_table(results, elapsed=10)
    assert "| all actions | 101 | 1 |" in table and "| on /map | 100 | 0 |" in table


@pytest.mark.slow  # a server, no browser
def test_a_short_load_against_a_real_server_has_no_errors_and_loads_the_data_once() -> None:
    settings = loadtest.Settings(sessions=4, seconds=12, think=0.5, timeout=60, ramp=1)
    with app_server.served() as server:
        run = run_alone(loadtest.run_load(settings, server.url, server.process.pid))
    assert len(run.results) >= 4 * 3
    assert [result.error for result in run.results if result.error] == []
    assert {result.kind for result in run.results} == {"open", "page", "filter"}
    assert run.sessions_seen == 4
    loaders = [count for count in run.loader_counts or [] if "dataset" in count.cache]
    assert [count.computed for count in loaders] == [1]  # one load for the process, every other run from the cache
    assert loaders[0].from_cache >= len(run.results) - 1
    assert run.memory.one_session and run.memory.all_open and run.memory.peak >= run.memory.one_session
