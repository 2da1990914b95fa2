"""The benchmark's pure parts: percentiles, targets, what counts as leaving the machine, the report."""

from __future__ import annotations

from benchmarks import bench


def test_percentile_is_nearest_rank() -> None:
    values = list(range(1, 21))
    assert bench.percentile(values, 0.5) == 10
    assert bench.percentile(values, 0.95) == 19
    assert bench.percentile([7.0], 0.95) == 7.0


def test_targets_by_data_size() -> None:
    assert bench.target_ms(1) == 250
    assert bench.target_ms(100) == 1000
    assert bench.target_ms(1000) == 1000


def test_only_loopback_and_non_network_urls_are_local() -> None:
    assert bench.is_local("http://127.0.0.1:8501/_stcore/health")
    assert bench.is_local("ws://localhost:8501/_stcore/stream")
    assert bench.is_local("http://[::1]:8501/")
    assert bench.is_local("data:application/json,{}") and bench.is_local("blob:http://127.0.0.1:8501/x")
    assert not bench.is_local("https://basemaps.cartocdn.com/gl/positron-gl-style/style.json")
    assert not bench.is_local("http://127.0.0.1.example.com/")


def test_report_states_each_target() -> None:
    fast = [bench.Change(redrawn=100 + n, script=80, server_cpu=50) for n in range(15)]
    slow = [bench.Change(redrawn=1500, script=1200, server_cpu=1100) for _ in range(7)]
    shipped = bench.ScaleRun(
        1,
        {"events": 41, "places": 25, "quotes": 64},
        first_load=2.5,
        changes={"timeline": fast, "funding": fast},
        first_changes={"timeline": bench.Change(redrawn=480, script=300, server_cpu=160)},
        rss_one=200,
        rss_many=219,
        sessions=20,
    )
    large = bench.ScaleRun(
        1000,
        {"events": 41_000, "places": 25_000, "quotes": 64_000},
        first_load=300,
        changes={"timeline": slow},
        notes=["/map: TimeoutError"],
    )
    cold = bench.ColdStart(app_page=[3.0, 3.2, 3.1], hello_page=[2.5, 2.6, 2.4], app_chart=[4.0], hello_chart=[3.0])
    text = bench.report(cold, [shipped, large])
    assert "| first page drawn (`/` vs `/`) | 3.10 s | 2.50 s | 1.24× | ≤ 1.2× |" in text
    assert "| /timeline | 107 ms | 114 ms | 80 ms | 50 ms | 15 | met | 480 ms (160 ms) |" in text
    assert "| /funding | 107 ms | 114 ms | 80 ms | 50 ms | 15 | met | — |" in text
    assert "missed on /, /timeline, /map?view=world" in text
    assert "| 1× | 200 MB | 219 MB (N = 20) | 1.0 MB | met |" in text
    assert "- 1000×: /map: TimeoutError" in text
