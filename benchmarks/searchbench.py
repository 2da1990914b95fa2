"""The benchmark's search part: the search (techrift/search.py) on data N times the shipped data (benchmarks/synthetic.py).

It times building the index, the sidebar filters' kept ids, and one query per kind of match, each with the snippets
of the results a page lists (what a search costs the server). No browser: `python -m benchmarks.searchbench` prints
the table alone; `python -m benchmarks.bench` adds it to its report.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from benchmarks import synthetic
from techrift import filters as flt
from techrift import search
from techrift.data import PROJECT_ROOT, load_dataset
from techrift.records import records

T = TypeVar("T")
# One query per kind of match: (what it exercises, the query).
QUERIES: tuple[tuple[str, str], ...] = (
    ("a name", "Skoltech"),
    ("a model number as a word", "H20"),
    ("a word's start", "skol"),
    ("Vietnamese without its diacritics", "hop tac"),
    ("Cyrillic", "Сколковский"),
    ("every word of two", "Huawei Skoltech"),
    ("a common word", "Huawei"),
    ("no match", "xyzzyplugh"),
)


@dataclass(frozen=True)
class QueryTime:
    label: str
    query: str
    found: int  # records found (before the filters)
    ms: float  # median of the repeats: the search and the snippets of the listed results, wall time
    cpu_ms: float  # the same, the process's CPU time (the machine is shared: what the search itself costs)


@dataclass(frozen=True)
class SearchRun:
    factor: int
    records: int
    build_ms: float  # the index, once per dataset (CPU time)
    filters_ms: float  # the ids the default filters keep, once per (dataset, filters) (CPU time)
    queries: tuple[QueryTime, ...]


def _timed(make: Callable[[], T]) -> tuple[T, float]:
    """The value, and the process's CPU milliseconds it took."""
    started = time.process_time()
    value = make()
    return value, (time.process_time() - started) * 1000


def search_run(factor: int, source: Path | None = None, repeats: int = 5) -> SearchRun:
    """Time the search on the data of `source` (the shipped data by default) made `factor` times larger."""
    with tempfile.TemporaryDirectory(prefix="techrift-search-") as folder:
        dataset = load_dataset(synthetic.write_scaled(factor, Path(folder), source or PROJECT_ROOT / "data"))
        all_records = records(dataset)
        index, build_ms = _timed(lambda: search.index_for(dataset))
        options = flt.options_for(dataset)
        visible, filters_ms = _timed(lambda: search.visible_ids(dataset, flt.default_filters(options), options))
        queries = []
        for label, query in QUERIES:
            wall, cpu = [], []
            for _ in range(repeats):
                started, started_cpu = time.perf_counter(), time.process_time()
                results = search.search_index(index, query, visible)
                search.listed(index, results, "en")
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            found = results.shown + results.hidden_total
            queries.append(QueryTime(label, query, found, statistics.median(wall), statistics.median(cpu)))
        return SearchRun(factor, len(all_records), build_ms, filters_ms, tuple(queries))


def search_table(run: SearchRun) -> str:
    """The run as Markdown: the one-off costs, then each query's median time."""
    rows = [
        f"{run.records} records ({run.factor}× data): index built in {run.build_ms:.0f} ms of CPU, "
        f"the filters' kept ids in {run.filters_ms:.0f} ms (once per dataset / per filters).",
        "",
        "| match | query | records found | search + listed snippets, median CPU | wall |",
        "|---|---|---:|---:|---:|",
    ]
    rows += [f"| {q.label} | `{q.query}` | {q.found} | {q.cpu_ms:.1f} ms | {q.ms:.1f} ms |" for q in run.queries]
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.searchbench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,1000", help="data sizes as multiples of the shipped data")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each query (default 5)")
    args = parser.parse_args(argv)
    for factor in (int(part) for part in args.scales.split(",") if part.strip()):
        print(f"### Search ({factor}× data)\n\n{search_table(search_run(factor, repeats=args.repeats))}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
