"""Load test through nginx: `python -m benchmarks.proxyload` runs the same load-test sessions (benchmarks/loadtest.py)
against nginx in front of 1 replica, then in front of 2 (deploy/replicas.py), in one run, and prints both as Markdown.

Same settings, seed and machine for both; each cluster is started fresh and its replicas have loaded their data
before the sessions start. Memory is not measured here (benchmarks.loadtest measures one server's). Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import replace

from benchmarks.loadtest import LoadRun, Settings, latency_table, machine_line, markdown_table, run_load, summarize
from deploy import replicas
from tests.e2e.server import wait_for_startup_load


def measure(settings: Settings, count: int) -> LoadRun:
    with replicas.cluster(count) as cluster:
        for replica in cluster.replicas:
            wait_for_startup_load(replica.url)
        return asyncio.run(run_load(replace(settings, url=cluster.url), cluster.url, None))


def comparison(runs: Sequence[tuple[int, LoadRun]]) -> str:
    rows = []
    for count, run in runs:
        s = summarize(run.results)
        rate = s.count / run.elapsed if run.elapsed else 0.0
        rows.append(
            [
                f"{count} replica{'s' if count > 1 else ''}",
                s.count,
                s.errors,
                f"{rate:.2f}",
                f"{s.p50 * 1000:,.0f} ms",
                f"{s.p95 * 1000:,.0f} ms",
                f"{s.p99 * 1000:,.0f} ms",
                f"{s.max * 1000:,.0f} ms",
            ]
        )
    return markdown_table(["behind nginx", "actions", "errors", "actions/s", "p50", "p95", "p99", "max"], rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.proxyload", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=100, choices=range(1, 201), metavar="1..200")
    parser.add_argument("--seconds", type=float, default=60, help="seconds of actions per run, 10..600 (default 60)")
    parser.add_argument("--think", type=float, default=5.0, help="mean pause between a session's actions (default 5)")
    args = parser.parse_args(argv)
    if not 10 <= args.seconds <= 600:
        parser.error("--seconds must be between 10 and 600")
    settings = Settings(sessions=args.sessions, seconds=args.seconds, think=args.think)
    started = time.perf_counter()
    runs = [(count, measure(settings, count)) for count in (1, 2)]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(machine_line())
    print(f"Commit {commit}; took {time.perf_counter() - started:.0f} s.")
    print(
        f"\n{settings.sessions} sessions, {settings.seconds:g} s of actions, pause {settings.think:g} s (0.5×–1.5×), "
        f"seed {settings.seed}, all through nginx:\n"
    )
    print(comparison(runs))
    for count, run in runs:
        print(f"\n### {count} replica(s), by kind and page\n")
        print(latency_table(run.results, run.elapsed))
    return 0 if all(not any(r.error for r in run.results) for _, run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
