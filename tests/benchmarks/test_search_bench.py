"""The benchmark's search part runs (not timed: the figures are docs/performance.md's) on the fixture data made
larger, finds what each of its queries is there to find, and is part of the benchmark's report."""

from __future__ import annotations

from benchmarks import bench, searchbench
from tests.data_folders import FIXTURE_DATA

FACTOR = 3


def test_the_search_part_runs_each_query_on_scaled_data() -> None:
    run = searchbench.search_run(FACTOR, FIXTURE_DATA, repeats=1)
    found = {q.query: q.found for q in run.queries}
    assert [q.query for q in run.queries] == [query for _, query in searchbench.QUERIES]
    # Every copy of a record is found: the counts are FACTOR times those of the data as shipped to the tests.
    once = searchbench.search_run(1, FIXTURE_DATA, repeats=1)
    for query_time in once.queries:
        if query_time.query != "xyzzyplugh":
            assert query_time.found > 0, query_time
    sources = {q.query: q for q in once.queries}
    assert found["xyzzyplugh"] == 0 and found["Skoltech"] == FACTOR * sources["Skoltech"].found
    assert run.records > once.records
    assert all(q.ms >= 0 for q in run.queries) and run.build_ms > 0


def test_the_search_part_is_in_the_report() -> None:
    run = searchbench.search_run(1, FIXTURE_DATA, repeats=1)
    text = bench.report(None, [], [run])
    assert "### Search (1× data)" in text
    for label, query in searchbench.QUERIES:
        assert f"| {label} | `{query}` |" in text
