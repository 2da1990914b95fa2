"""Fault test: `python -m benchmarks.failover` runs load-test sessions through nginx in front of 2 replicas, kills one
replica mid-run (SIGKILL), restarts it later, and prints Markdown.

Each session is a load-test client (benchmarks/loadtest.py: Streamlit's websocket protocol) that acts as a browser
does when its socket closes: it reconnects at once through nginx and reruns the URL in its address bar (page and
query), which is how a viewer gets the view back. As in a browser, the address bar follows what the server says: an
action cut short by the replica's death changes it only as far as the server got (see BrowserTab). Reported: errors
of the sessions on the survivor (target 0) and on the killed replica (at most the action in flight when it died), the
reconnect time (socket closed -> view drawn again on the survivor), whether each moved session got the same page and
query back (and, for any that did not, what it had, sent and got), latency before the kill, while one replica serves
all, and after the restart, and how many new sessions the restarted replica took. Loopback only; bounded in time.
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
    # The whole run: the kill at 1/3 of it, the restart at 1/2, new sessions at 3/4. The kill waits (at most
    # `timeout`) until every session has drawn its first view, and the rest of the schedule moves with it: a kill
    # during the first views, which take long on a loaded machine, would test the start, not a viewer's failover.
    seconds: float = 60
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


View = tuple[str, frozenset[tuple[str, str]]]  # a URL's page and its query parameters (order does not matter)


@dataclass(frozen=True)
class Reconnect:
    session: int
    closed_at: float  # when the session saw its socket closed (or an action fail)
    seconds: float  # from then to its view drawn again
    same_view: bool  # the page and the query it had before
    replica: str | None  # where it reconnected to (the last upstream nginx tried)
    error: str | None = None
    # What tells the causes of a lost view apart (printed by `lost_views`):
    in_flight: str = ""  # the action whose run the closed socket cut short ("" if the session was idle)
    before: View = ("", frozenset())  # the address bar when the socket closed
    reopened: View = ("", frozenset())  # the URL sent on reconnecting
    after: View = ("", frozenset())  # the address bar once the survivor drew the view


@dataclass
class Run:
    settings: Settings
    killed: str = ""
    killed_at: float = 0.0
    restarted_at: float = 0.0
    first_replica: dict[int, str | None] = field(default_factory=dict)
    first_drawn: set[int] = field(default_factory=set)  # sessions whose first view was drawn
    stop_at: float = 0.0  # when sessions stop acting (moved with the kill)
    done: list[Done] = field(default_factory=list)
    reconnects: list[Reconnect] = field(default_factory=list)
    new_sessions: list[str | None] = field(default_factory=list)  # the replica each new session landed on


def view_of(page: str, query: str) -> View:
    return page, frozenset(parse_qsl(query))


def last_upstream(replica: str | None) -> str | None:
    """The replica that answered: nginx's $upstream_addr lists every upstream it tried ("dead:port, alive:port")."""
    return replica.rsplit(",", 1)[-1].strip() if replica else replica


class BrowserTab(SessionClient):
    """A load-test session that also knows which action a closed socket cut short.

    Its `page` and `query` are the browser's address bar: a link shows there at once, a page switch when the server
    names the new page, a query when the app writes it back (benchmarks/loadtest.py). Streamlit's frontend reruns its
    current page and query when it reconnects, so that is the URL reopened.
    """

    def __init__(self, base_url: str, timeout: float):
        super().__init__(base_url, timeout)
        self.in_flight = ""  # the action being run, while it runs

    async def perform(self, action: Action) -> int:
        self.in_flight = f"{action.kind} /{action.page}"
        warnings = await super().perform(action)
        self.in_flight = ""
        return warnings

    @property
    def view(self) -> View:
        return view_of(self.page, self.query)


async def _reopen(client: BrowserTab, run: Run, index: int, clock: float, closed_at: float) -> None:
    """What a browser does when its socket closes: connect again and rerun the URL in its address bar."""
    before, in_flight = client.view, client.in_flight
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
    run.reconnects.append(
        Reconnect(
            index,
            closed_at,
            now - closed_at,
            client.view == before,
            last_upstream(client.replica),
            error,
            in_flight,
            before,
            view_of(page, query),
            client.view,
        )
    )


async def _session(index: int, run: Run, base_url: str, clock: float) -> None:
    settings = run.settings
    pauses = random.Random(f"{settings.seed}-failover-{index}")
    client = BrowserTab(base_url, settings.timeout)
    try:
        for action in action_plan(settings.seed * 100_003 + index):
            now = time.perf_counter() - clock
            if now >= run.stop_at:
                break
            if not client.connected:
                action = Action("open", client.page, client.query) if client.page or client.query else action
            replica = last_upstream(client.replica)
            try:
                async with asyncio.timeout(settings.timeout):
                    if not client.connected:
                        await client.connect()
                        run.first_replica.setdefault(index, last_upstream(client.replica))
                    replica = last_upstream(client.replica)
                    await client.perform(action)
                run.done.append(Done(index, replica, now, time.perf_counter() - clock - now))
                run.first_drawn.add(index)
            except Exception as err:
                failed_at = time.perf_counter() - clock
                run.done.append(Done(index, replica, now, failed_at - now, f"{type(err).__name__}: {str(err)[:100]}"))
                await _reopen(client, run, index, clock, failed_at)
                continue
            pause = settings.think * pauses.uniform(0.5, 1.5)
            closed = await _pause_or_closed(client, max(0.0, min(pause, run.stop_at - (time.perf_counter() - clock))))
            if closed:
                await _reopen(client, run, index, clock, time.perf_counter() - clock)
    finally:
        await client.close()


async def _pause_or_closed(client: BrowserTab, seconds: float) -> bool:
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
        return last_upstream(client.replica)
    finally:
        await client.close()


async def run_failover(settings: Settings, cluster: Cluster) -> Run:
    run = Run(settings, stop_at=settings.seconds)
    clock = time.perf_counter()
    tasks = []

    def since(moment: float) -> float:
        return max(0.0, moment - (time.perf_counter() - clock))

    for index in range(settings.sessions):
        tasks.append(asyncio.create_task(_session(index, run, cluster.url, clock)))
        await asyncio.sleep(3.0 / settings.sessions)  # all open within 3 s
    await asyncio.sleep(since(settings.seconds / 3))
    waited_until = time.perf_counter() - clock + settings.timeout
    while len(run.first_drawn) < settings.sessions and time.perf_counter() - clock < waited_until:
        await asyncio.sleep(0.1)
    run.killed = cluster.replicas[0].address
    run.killed_at = time.perf_counter() - clock
    late = run.killed_at - settings.seconds / 3
    run.stop_at = settings.seconds + late
    cluster.kill(0)
    await asyncio.sleep(since(settings.seconds / 2 + late))
    # The restart waits (at most `timeout`) until every session of the killed replica has reconnected: a session
    # reconnecting after it may land on the restarted replica (the client has no cookie), which tests the restart.
    waited_until = time.perf_counter() - clock + settings.timeout
    while len(first_moves(run)) < len(_killed_sessions(run)) and time.perf_counter() - clock < waited_until:
        await asyncio.sleep(0.1)
    late = max(late, time.perf_counter() - clock - settings.seconds / 2)
    run.stop_at = settings.seconds + late
    await asyncio.to_thread(cluster.restart, 0)
    run.restarted_at = time.perf_counter() - clock
    await asyncio.sleep(since(settings.seconds * 3 / 4 + late))
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


def _killed_sessions(run: Run) -> set[int]:
    return {index for index, replica in run.first_replica.items() if replica == run.killed}


def first_moves(run: Run) -> dict[int, Reconnect]:
    """Each session of the killed replica: its first reconnect that drew a view on the survivor."""
    killed = _killed_sessions(run)
    moves = [r for r in run.reconnects if r.session in killed and r.error is None and r.replica != run.killed]
    return {r.session: r for r in sorted(moves, key=lambda r: r.closed_at, reverse=True)}


def _params(view: View) -> str:
    return "&".join(f"{key}={value}" for key, value in sorted(view[1]))


def why_lost(move: Reconnect) -> str:
    """Which part lost the view of a session that came back without it."""
    if move.reopened != move.before:
        return "the client reopened another URL than its address bar showed"
    if move.after[0] != move.reopened[0]:
        return "the first run after the reconnect drew another page than the URL asked for"
    if move.after[1] != move.reopened[1]:
        return "the page came back with another query than the URL it was opened with"
    return "counted as lost although the view is the same (a fault of the counting)"


def lost_views(run: Run) -> list[str]:
    """One line per moved session that came back without its view: what it had, sent, got, and why."""
    lines = []
    for move in first_moves(run).values():
        if not move.same_view:
            lines.append(
                f"session {move.session} (closed at {move.closed_at:.1f} s, "
                f"{'during ' + move.in_flight if move.in_flight else 'idle'}): had /{move.before[0]}?{_params(move.before)}, "
                f"reopened /{move.reopened[0]}?{_params(move.reopened)}, got /{move.after[0]}?{_params(move.after)}: "
                f"{why_lost(move)}"
            )
    return lines


def not_moved(run: Run) -> list[str]:
    """One line per session of the killed replica that never drew its view on the survivor: its reconnects."""
    moved = first_moves(run)
    lines = []
    for session in sorted(_killed_sessions(run) - set(moved)):
        tries = [
            f"at {r.closed_at:.1f} s to {r.replica} ({r.error or 'view drawn'})"
            for r in run.reconnects
            if r.session == session
        ]
        lines.append(f"session {session}: reconnects {'; '.join(tries) or 'none'}")
    return lines


def figures(run: Run) -> Figures:
    killed = {index for index, replica in run.first_replica.items() if replica == run.killed}
    survivors = set(run.first_replica) - killed
    moves = first_moves(run)
    seconds = [r.seconds for r in moves.values()] or [0.0]
    return Figures(
        on_survivor=len(survivors),
        on_killed=len(killed),
        survivor_errors=sum(d.error is not None for d in run.done if d.session in survivors)
        + sum(r.error is not None for r in run.reconnects if r.session in survivors),
        killed_errors=sum(d.error is not None for d in run.done if d.session in killed)
        + sum(r.error is not None for r in run.reconnects if r.session in killed),
        moved=len(moves),
        same_view=sum(r.same_view for r in moves.values()),
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
        *[f"- Lost view: {line}" for line in lost_views(run)],
        *[f"- Not moved: {line}" for line in not_moved(run)],
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
