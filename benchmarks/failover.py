"""Fault test: `python -m benchmarks.failover` runs load-test sessions through nginx in front of 2 replicas, kills one
replica mid-run (SIGKILL), restarts it later, and prints Markdown.

Each session is a load-test client (benchmarks/loadtest.py: Streamlit's websocket protocol) that acts as a browser
does when its socket closes: it reconnects at once through nginx and reopens its URL (page and query), which is how
a viewer gets the view back. Reported: errors of the sessions on the survivor (target 0) and on the killed replica
(at most the action in flight when it died), the reconnect time (socket closed -> view drawn again on the survivor),
whether each moved session got the same page and query back, latency before the kill, while one replica serves all,
and after the restart, and how many new sessions the restarted replica took. Loopback only; bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from benchmarks import bench
from benchmarks.loadtest import Action, SessionClient, action_plan, machine_line, markdown_table
from deploy import replicas
from deploy.replicas import Cluster


@dataclass(frozen=True)
class Settings:
    sessions: int = 30
    seconds: float = 60  # the whole run; the kill at 1/3 of it, the restart at 1/2, new sessions at 3/4
    think: float = 2.0
    timeout: float = 60
    new_sessions: int = 10
    seed: int = 0


@dataclass(frozen=True)
class Done:
    session: int
    replica: str | None  # the replica that ran it
    started: float
    latency: float
    error: str | None = None


@dataclass(frozen=True)
class Reconnect:
    session: int
    closed_at: float  # when the session saw its socket closed (or an action fail)
    seconds: float  # from then to its view drawn again
    same_view: bool  # the page and the query it had before
    replica: str | None  # where it reconnected to
    error: str | None = None


@dataclass
class Run:
    settings: Settings
    killed: str = ""
    killed_at: float = 0.0
    restarted_at: float = 0.0
    first_replica: dict[int, str | None] = field(default_factory=dict)
    done: list[Done] = field(default_factory=list)
    reconnects: list[Reconnect] = field(default_factory=list)
    new_sessions: list[str | None] = field(default_factory=list)  # the replica each new session landed on


def _view(client: SessionClient) -> tuple[str, frozenset]:
    return client.page, frozenset(parse_qsl(client.query))


async def _reopen(client: SessionClient, run: Run, index: int, clock: float, closed_at: float) -> None:
    """What a browser does when its socket closes: connect again and rerun its URL."""
    before = _view(client)
    page, query = client.page, client.query
    await client.close()
    try:
        async with asyncio.timeout(run.settings.timeout):
            await client.connect()
            await client.perform(Action("open", page, query))
        error = None
    except Exception as err:  # counted, and the next action tries again
        error = f"{type(err).__name__}: {str(err)[:100]}"
        await client.close()
    now = time.perf_counter() - clock
    run.reconnects.append(Reconnect(index, closed_at, now - closed_at, _view(client) == before, client.replica, error))


async def _session(index: int, run: Run, base_url: str, clock: float, stop_at: float) -> None:
    settings = run.settings
    pauses = random.Random(f"{settings.seed}-failover-{index}")
    client = SessionClient(base_url, settings.timeout)
    try:
        for action in action_plan(settings.seed * 100_003 + index):
            now = time.perf_counter() - clock
            if now >= stop_at:
                break
            if not client.connected:
                action = Action("open", client.page, client.query) if client.page or client.query else action
            replica = client.replica
            try:
                async with asyncio.timeout(settings.timeout):
                    if not client.connected:
                        await client.connect()
                        run.first_replica.setdefault(index, client.replica)
                    replica = client.replica
                    await client.perform(action)
                run.done.append(Done(index, replica, now, time.perf_counter() - clock - now))
            except Exception as err:
                failed_at = time.perf_counter() - clock
                run.done.append(Done(index, replica, now, failed_at - now, f"{type(err).__name__}: {str(err)[:100]}"))
                await _reopen(client, run, index, clock, failed_at)
                continue
            pause = settings.think * pauses.uniform(0.5, 1.5)
            closed = await _pause_or_closed(client, max(0.0, min(pause, stop_at - (time.perf_counter() - clock))))
            if closed:
                await _reopen(client, run, index, clock, time.perf_counter() - clock)
    finally:
        await client.close()


async def _pause_or_closed(client: SessionClient, seconds: float) -> bool:
    """Sleep `seconds`, or less if the socket closes meanwhile (a browser notices at once); whether it closed."""
    socket = client._socket
    if socket is None:
        await asyncio.sleep(seconds)
        return False
    closed = asyncio.create_task(socket.wait_closed())
    done, _ = await asyncio.wait([closed], timeout=seconds)
    if not done:
        closed.cancel()
        return False
    return True


async def _new_session(base_url: str, timeout: float) -> str | None:
    client = SessionClient(base_url, timeout)
    try:
        await client.connect()
        await client.perform(Action("open", "timeline", ""))
        return client.replica
    finally:
        await client.close()


async def run_failover(settings: Settings, cluster: Cluster) -> Run:
    run = Run(settings)
    clock = time.perf_counter()
    stop_at = settings.seconds
    tasks = []
    for index in range(settings.sessions):
        tasks.append(asyncio.create_task(_session(index, run, cluster.url, clock, stop_at)))
        await asyncio.sleep(3.0 / settings.sessions)  # all open within 3 s
    await asyncio.sleep(max(0.0, settings.seconds / 3 - (time.perf_counter() - clock)))
    run.killed = cluster.replicas[0].address
    run.killed_at = time.perf_counter() - clock
    cluster.kill(0)
    await asyncio.sleep(max(0.0, settings.seconds / 2 - (time.perf_counter() - clock)))
    await asyncio.to_thread(cluster.restart, 0)
    run.restarted_at = time.perf_counter() - clock
    await asyncio.sleep(max(0.0, settings.seconds * 3 / 4 - (time.perf_counter() - clock)))
    for _ in range(settings.new_sessions):
        run.new_sessions.append(await _new_session(cluster.url, settings.timeout))
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    crashed = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    if crashed:
        raise RuntimeError(f"{len(crashed)} sessions crashed (a fault of the test itself)") from crashed[0]
    return run


# --------------------------------------------------------------------------- the figures


@dataclass(frozen=True)
class Figures:
    on_survivor: int  # sessions that started on the survivor
    on_killed: int
    survivor_errors: int
    killed_errors: int  # failed actions of the sessions that started on the killed replica
    moved: int  # sessions of the killed replica that got their view back on the survivor
    same_view: int
    reconnect_p50: float
    reconnect_max: float
    new_on_restarted: int


def figures(run: Run) -> Figures:
    killed = {index for index, replica in run.first_replica.items() if replica == run.killed}
    survivors = set(run.first_replica) - killed
    moves = [r for r in run.reconnects if r.session in killed and r.error is None and r.replica != run.killed]
    first_moves = {r.session: r for r in sorted(moves, key=lambda r: r.closed_at, reverse=True)}
    seconds = [r.seconds for r in first_moves.values()] or [0.0]
    return Figures(
        on_survivor=len(survivors),
        on_killed=len(killed),
        survivor_errors=sum(d.error is not None for d in run.done if d.session in survivors)
        + sum(r.error is not None for r in run.reconnects if r.session in survivors),
        killed_errors=sum(d.error is not None for d in run.done if d.session in killed)
        + sum(r.error is not None for r in run.reconnects if r.session in killed),
        moved=len(first_moves),
        same_view=sum(r.same_view for r in first_moves.values()),
        reconnect_p50=bench.percentile(seconds, 0.5),
        reconnect_max=max(seconds),
        new_on_restarted=sum(replica == run.killed for replica in run.new_sessions),
    )


def _latency_row(name: str, done: Sequence[Done]) -> list[object]:
    ok = [d.latency for d in done if d.error is None]
    if not ok:
        return [name, len(done), sum(d.error is not None for d in done), "–", "–"]
    return [
        name,
        len(done),
        sum(d.error is not None for d in done),
        f"{bench.percentile(ok, 0.5) * 1000:,.0f} ms",
        f"{bench.percentile(ok, 0.95) * 1000:,.0f} ms",
    ]


def report(run: Run) -> str:
    f = figures(run)
    s = run.settings
    before = [d for d in run.done if d.started < run.killed_at]
    alone = [d for d in run.done if run.killed_at <= d.started < run.restarted_at]
    after = [d for d in run.done if d.started >= run.restarted_at]
    lines = [
        f"{s.sessions} sessions through nginx to 2 replicas, {s.seconds:g} s, pause {s.think:g} s (0.5×–1.5×); "
        f"replica {run.killed} killed (SIGKILL) at {run.killed_at:.1f} s, restarted and healthy at "
        f"{run.restarted_at:.1f} s.",
        f"- Sessions on the survivor: {f.on_survivor}, errors: **{f.survivor_errors}** (target 0).",
        f"- Sessions on the killed replica: {f.on_killed}; failed actions among them: {f.killed_errors} "
        "(the action in flight when it died); reconnected through nginx to the survivor with their view: "
        f"{f.moved} of {f.on_killed}, the same page and query: {f.same_view}.",
        f"- Reconnect time (socket closed → view drawn again on the survivor): p50 {f.reconnect_p50 * 1000:,.0f} ms, "
        f"max {f.reconnect_max * 1000:,.0f} ms.",
        f"- New sessions after the restart: {len(run.new_sessions)}, on the restarted replica: {f.new_on_restarted}.",
        "",
        markdown_table(
            ["actions", "count", "errors", "p50", "p95"],
            [
                _latency_row("before the kill (2 replicas)", before),
                _latency_row("after the kill (1 replica)", alone),
                _latency_row("after the restart (2 replicas)", after),
            ],
        ),
    ]
    return "\n".join(lines)


def passed(run: Run) -> bool:
    f = figures(run)
    return (
        f.on_killed > 0
        and f.on_survivor > 0
        and f.survivor_errors == 0
        and f.moved == f.on_killed
        and f.same_view == f.moved
        and f.new_on_restarted > 0
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.failover", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30, choices=range(2, 201), metavar="2..200")
    parser.add_argument("--seconds", type=float, default=60, help="whole run, 20..600 (default 60)")
    parser.add_argument("--think", type=float, default=2.0)
    args = parser.parse_args(argv)
    if not 20 <= args.seconds <= 600:
        parser.error("--seconds must be between 20 and 600")
    settings = Settings(args.sessions, args.seconds, args.think)
    with replicas.cluster(2) as cluster:
        run = asyncio.run(run_failover(settings, cluster))
    print(machine_line())
    print(report(run))
    ok = passed(run)
    print(f"\nResult: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
