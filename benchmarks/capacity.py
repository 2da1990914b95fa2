"""How many sessions replicas hold: `python -m benchmarks.capacity` runs load-test sessions (benchmarks/loadtest.py)
through nginx in front of N replicas (deploy/replicas.py) at rising session counts, for each pause given, and stops a
pause's climb at the first count whose p95 latency passes the target. Prints Markdown.

Each count runs on a fresh cluster whose replicas have loaded their data, for a bounded time; the counts, pauses and
duration are bounded so that a run ends in minutes. Loopback only. The result is the machine's, at the time: say how
loaded it was beside any figure taken from it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.loadtest import Settings, machine_line, markdown_table, summarize
from benchmarks.proxyload import measure


@dataclass(frozen=True)
class Step:
    think: float
    sessions: int
    actions: int
    errors: int
    p50: float
    p95: float
    load: float  # the machine's 1-minute load average after the run (other work included)


def climb(think: float, counts: Sequence[int], seconds: float, replicas: int, target: float) -> list[Step]:
    """Run each count in turn; stop after the first whose p95 is over `target` or that had errors."""
    steps = []
    for sessions in counts:
        run = measure(Settings(sessions=sessions, seconds=seconds, think=think, ramp=min(5.0, seconds / 4)), replicas)
        summary = summarize(run.results)
        steps.append(Step(think, sessions, summary.count, summary.errors, summary.p50, summary.p95, os.getloadavg()[0]))
        if summary.p95 >= target or summary.errors:
            break
    return steps


def held(steps: Sequence[Step], target: float) -> int:
    """The most sessions that met the target (0 if none did)."""
    return max((s.sessions for s in steps if s.p95 < target and not s.errors), default=0)


def table(steps: Sequence[Step]) -> str:
    rows = [
        [
            f"{s.think:g} s",
            s.sessions,
            s.actions,
            s.errors,
            f"{s.p50 * 1000:,.0f} ms",
            f"{s.p95 * 1000:,.0f} ms",
            f"{s.load:.1f}",
        ]
        for s in steps
    ]
    return markdown_table(["pause", "sessions", "actions", "errors", "p50", "p95", "load average after"], rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.capacity", description=__doc__.split("\n\n")[0])
    parser.add_argument("--think", type=float, nargs="+", default=[2.0, 5.0], help="pauses to try (default 2 5)")
    parser.add_argument("--sessions", type=int, nargs="+", default=[5, 10, 20, 40], help="counts, rising")
    parser.add_argument("--seconds", type=float, default=30, help="seconds of actions per count, 10..300")
    parser.add_argument("--replicas", type=int, default=2, choices=range(1, 5), metavar="1..4")
    parser.add_argument("--target", type=float, default=1.0, help="p95 latency target, seconds (default 1)")
    args = parser.parse_args(argv)
    if not 10 <= args.seconds <= 300 or not all(1 <= n <= 200 for n in args.sessions) or len(args.sessions) > 8:
        parser.error("--seconds 10..300, at most 8 --sessions counts of 1..200")
    started = time.perf_counter()
    steps = [
        step for think in args.think for step in climb(think, args.sessions, args.seconds, args.replicas, args.target)
    ]
    print(machine_line())
    print(
        f"{args.replicas} replicas behind nginx, {args.seconds:g} s of actions per count; took "
        f"{time.perf_counter() - started:.0f} s.\n"
    )
    print(table(steps))
    for think in args.think:
        mine = [s for s in steps if s.think == think]
        print(
            f"\nPause {think:g} s: p95 under {args.target:g} s up to {held(mine, args.target)} sessions of those tried."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
