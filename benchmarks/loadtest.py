"""Load test: `python -m benchmarks.loadtest` holds N sessions against one server for a fixed time and prints Markdown.

Each session speaks Streamlit's own websocket protocol (`/_stcore/stream`, the BackMsg / ForwardMsg protobufs the
browser exchanges) instead of driving a browser, so that 50 of them fit on a small machine. A session opens a deep
link, then switches pages and changes the sidebar filters as a user does, pausing between actions. Each action is
timed from sending the rerun to the server's "script finished"; an action fails when the run shows an exception,
asks for a page that does not exist, the socket fails, or it takes longer than the time limit.

Also measured: the server's resident memory (its process tree) idle, with one session, at the peak, with every
session open and idle, and after they close; and, from the server's own /_stcore/metrics counters, how often the
cached dataset loader actually ran. Loopback only; the number of sessions and the duration are bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import random
import resource
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.Common_pb2 import DoubleArray, StringArray
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.Navigation_pb2 import Navigation
from streamlit.proto.WidgetStates_pb2 import WidgetState

from benchmarks import bench
from tests.e2e.server import LoaderCounts, cache_counts, fetch_metrics, gauge, served, wait_for_startup_load

MAX_SESSIONS = 200
MAX_SECONDS = 1800
STREAM_PATH = "_stcore/stream"

# The app's pages by URL path ("" is the overview), each with deep links a user might be sent.
DEEP_LINKS: dict[str, tuple[str, ...]] = {
    "": ("", "lang=vi"),
    "timeline": ("", "years=2018-2020", "country=United Kingdom,United States", "kind=tie_cut"),
    "map": ("", "view=world", "years=2019-2021&country=Russia"),
    "funding": ("", "log=1", "group=payer&company=Huawei"),
    "compare": ("", "a=AWS&b=Nvidia", "a=IBM&b=Microsoft"),
    "sources": ("", "source=nature-2019"),
    "briefing": ("", "step=3", "step=5&lang=vi"),
}
PAGES = tuple(DEEP_LINKS)
# The sidebar filters, by the widget keys techrift.ui gives them; Streamlit ends a keyed widget's id with "-<key>".
FILTER_WIDGETS = {"years": "global_years", "companies": "global_companies", "countries": "global_countries"}
# What a user does after opening a link: mostly changes filters, often moves to another page.
ACTION_WEIGHTS = {"filter": 0.6, "page": 0.4}


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    """How many sessions, for how long, how fast, against which server."""

    sessions: int = 50
    seconds: float = 60
    think: float = 5.0  # mean pause between a session's actions; each pause is drawn from 0.5×..1.5× this
    timeout: float = 120  # an action taking longer counts as an error
    ramp: float = 5.0  # sessions after the first join spread over this many seconds
    seed: int = 0
    url: str | None = None  # an already running server on loopback; None starts one
    pid: int | None = None  # that server's process id, for its memory (found from the port when not given)


def _bounded(kind: type, low: float, high: float, name: str) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} must be between {low:g} and {high:g}, got {text}")
        return value

    return parse


def loopback_base_url(url: str) -> str:
    """The http base URL of a server on this machine; ValueError for any other host or scheme."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https", "ws", "wss") or not parsed.hostname:
        raise ValueError(f"not an http(s) or ws(s) URL: {url!r}")
    if not _is_loopback(parsed.hostname):
        raise ValueError(f"{parsed.hostname!r} is not this machine: the load test only targets loopback")
    scheme = {"ws": "http", "wss": "https"}.get(parsed.scheme, parsed.scheme)
    return urlunparse((scheme, parsed.netloc, parsed.path.rstrip("/"), "", "", ""))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def stream_url(base_url: str) -> str:
    """The websocket endpoint of the server at `base_url` (keeping a base path, if the server has one)."""
    parsed = urlparse(base_url)
    scheme = "wss" if parsed.scheme == "https" else "ws"
    return urlunparse((scheme, parsed.netloc, f"{parsed.path.rstrip('/')}/{STREAM_PATH}", "", "", ""))


def parse_args(argv: Sequence[str] | None = None) -> Settings:
    """Command-line options, checked against the bounds."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadtest", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sessions",
        type=_bounded(int, 1, MAX_SESSIONS, "--sessions"),
        default=50,
        help=f"concurrent sessions (default 50, at most {MAX_SESSIONS})",
    )
    parser.add_argument(
        "--seconds",
        type=_bounded(float, 1, MAX_SECONDS, "--seconds"),
        default=60,
        help=f"how long sessions keep acting (default 60, at most {MAX_SECONDS})",
    )
    parser.add_argument(
        "--think",
        type=_bounded(float, 0, 600, "--think"),
        default=5.0,
        help="mean pause between a session's actions, seconds (default 5; each pause 0.5×-1.5×)",
    )
    parser.add_argument(
        "--timeout",
        type=_bounded(float, 1, 600, "--timeout"),
        default=120,
        help="an action slower than this counts as an error, seconds (default 120)",
    )
    parser.add_argument(
        "--ramp",
        type=_bounded(float, 0, 600, "--ramp"),
        default=5.0,
        help="seconds over which sessions join after the first (default 5)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the sessions' action plans (default 0)")
    parser.add_argument("--url", help="target a server already running on loopback (default: start one)")
    parser.add_argument("--pid", type=int, help="with --url: the server's process id, for its memory")
    args = parser.parse_args(argv)
    url = None
    if args.url is not None:
        try:
            url = loopback_base_url(args.url)
        except ValueError as err:
            parser.error(str(err))
    elif args.pid is not None:
        parser.error("--pid goes with --url")
    return Settings(args.sessions, args.seconds, args.think, args.timeout, args.ramp, args.seed, url, args.pid)


# --------------------------------------------------------------------------- what a session does


@dataclass(frozen=True)
class Action:
    """One user action: open a deep link, switch to a page, or change a sidebar filter."""

    kind: str  # "open" | "page" | "filter"
    page: str = ""  # url path of the page opened or switched to
    query: str = ""  # the deep link's query string ("open")
    widget: str = ""  # which filter ("filter"): a key of FILTER_WIDGETS
    choice: int = 0  # which option to toggle or which year range to pick, resolved against the widget's options


def _query(text: str) -> str:
    """A deep link's query as the browser sends it (percent-encoded, commas kept)."""
    pairs = [tuple(part.split("=", 1)) for part in text.split("&") if part]
    return urlencode(pairs, safe=",")


def action_plan(seed: int) -> Iterator[Action]:
    """A session's endless, reproducible sequence of actions: a deep link first, then page switches and filter changes."""
    rng = random.Random(seed)
    page = rng.choice(PAGES)
    yield Action("open", page, _query(rng.choice(DEEP_LINKS[page])))
    kinds, weights = list(ACTION_WEIGHTS), list(ACTION_WEIGHTS.values())
    while True:
        if rng.choices(kinds, weights)[0] == "page":
            page = rng.choice([other for other in PAGES if other != page])
            yield Action("page", page)
        else:
            yield Action("filter", page, widget=rng.choice(list(FILTER_WIDGETS)), choice=rng.randrange(1_000_000))


def widget_state_of(element: Element) -> WidgetState:
    """The value a browser holds for a filter widget as the server drew it (its set value, else its default)."""
    kind = element.WhichOneof("type")
    if kind == "multiselect":
        widget = element.multiselect
        values = list(widget.raw_values) if widget.set_value else [widget.options[i] for i in widget.default]
        return WidgetState(id=widget.id, string_array_value=StringArray(data=values))
    if kind == "slider":
        widget = element.slider
        values = list(widget.value) if widget.set_value else list(widget.default)
        return WidgetState(id=widget.id, double_array_value=DoubleArray(data=values))
    raise ValueError(f"not a filter widget: {kind}")


def changed_widget_state(element: Element, current: WidgetState, choice: int) -> WidgetState:
    """The value after a user's change: toggle one option of a multiselect, or pick another range on a slider."""
    kind = element.WhichOneof("type")
    if kind == "multiselect":
        options = list(element.multiselect.options)
        if not options:
            raise ValueError(f"{element.multiselect.id}: no options to pick")
        option = options[choice % len(options)]
        picked = list(current.string_array_value.data)
        picked = [value for value in picked if value != option] if option in picked else [*picked, option]
        return WidgetState(id=current.id, string_array_value=StringArray(data=picked))
    if kind == "slider":
        low, high = int(element.slider.min), int(element.slider.max)
        span = high - low
        if span < 1:
            raise ValueError(f"{element.slider.id}: a range of one value cannot change")
        width = choice % (span + 1)
        start = low + (choice // (span + 1)) % (span - width + 1)
        chosen = [float(start), float(start + width)]
        if chosen == list(current.double_array_value.data):
            chosen = [float(low), float(high)] if chosen != [low, high] else [float(low + 1), float(high)]
        return WidgetState(id=current.id, double_array_value=DoubleArray(data=chosen))
    raise ValueError(f"not a filter widget: {kind}")


def filter_widget_name(widget_id: str) -> str | None:
    """Which sidebar filter a widget id belongs to, if any."""
    return next((name for name, key in FILTER_WIDGETS.items() if widget_id.endswith(f"-{key}")), None)


def rerun_message(
    query: str,
    *,
    page_name: str = "",
    page_script_hash: str = "",
    widget_states: Iterable[WidgetState] = (),
    url: str = "",
) -> BackMsg:
    """The BackMsg a browser sends to run the script: by page name on a first load, by page hash afterwards."""
    message = BackMsg()
    rerun = message.rerun_script
    rerun.query_string = query
    rerun.page_name = page_name
    rerun.page_script_hash = page_script_hash
    rerun.widget_states.widgets.extend(widget_states)
    rerun.context_info.CopyFrom(
        ContextInfo(timezone="UTC", timezone_offset=0, locale="en-US", url=url, is_embedded=False, color_scheme="light")
    )
    return message


# --------------------------------------------------------------------------- one session over the websocket


@dataclass(frozen=True)
class ActionResult:
    """One action and what it cost."""

    session: int
    kind: str
    page: str
    started: float  # seconds since the load began
    latency: float  # seconds from sending the rerun to the script finished (or to the failure)
    error: str | None = None
    warnings: int = 0  # warning elements shown (deprecations and the like): not errors, but worth knowing


class RunFailed(Exception):
    """The run ended, but not as a user would want: an exception shown, a page not found, a compile error."""


class SessionClient:
    """One browser tab's worth of protocol: a websocket, the page it is on, its URL query and filter values."""

    def __init__(self, base_url: str, timeout: float):
        self.base_url = base_url
        self.timeout = timeout
        self.page = ""
        self.query = ""
        self._socket = None
        self.replica: str | None = None  # behind deploy/replicas.py's nginx: the replica that took the websocket
        self._page_hashes: dict[str, str] = {}
        self._page_of_hash: dict[str, str] = {}
        self._filters: dict[str, Element] = {}  # the filter widgets as drawn in the last run, by filter name
        self._values: dict[str, WidgetState] = {}  # what this "browser" holds for each widget, by widget id

    @property
    def connected(self) -> bool:
        return self._socket is not None

    async def connect(self) -> None:
        from websockets.asyncio.client import connect
        from websockets.typing import Subprotocol

        # The browser sends "streamlit" then its XSRF token (a placeholder without a cookie), see getSessionTokens.
        self._socket = await connect(
            stream_url(self.base_url),
            subprotocols=[Subprotocol("streamlit"), Subprotocol("PLACEHOLDER_AUTH_TOKEN")],
            max_size=None,
            proxy=None,
            open_timeout=self.timeout,
            close_timeout=5,
        )
        self.replica = self._socket.response.headers.get("X-Techrift-Replica") if self._socket.response else None
        self._filters.clear()
        self._values.clear()

    async def close(self) -> None:
        socket, self._socket = self._socket, None
        if socket is not None:
            try:
                await socket.close()
            except Exception:  # closing a broken socket: nothing left to do
                pass

    def _message_for(self, action: Action) -> BackMsg:
        if action.kind == "open":
            return rerun_message(action.query, page_name=action.page, url=self._url(action.page, action.query))
        if action.kind == "page":
            # A click on a navigation link: the new page by hash, no query (the app writes its filters back).
            return rerun_message(
                "",
                page_script_hash=self._page_hashes[action.page],
                widget_states=self._values.values(),
                url=self._url(action.page, ""),
            )
        element = self._filters.get(action.widget)
        if element is None:
            raise RunFailed(f"filter {action.widget!r} not drawn on /{self.page}")
        widget_id = widget_state_of(element).id
        changed = changed_widget_state(element, self._values[widget_id], action.choice)
        states = {**self._values, widget_id: changed}
        return rerun_message(
            self.query,
            page_script_hash=self._page_hashes.get(self.page, ""),
            widget_states=states.values(),
            url=self._url(self.page, self.query),
        )

    def _url(self, page: str, query: str) -> str:
        return f"{self.base_url}/{page}" + (f"?{query}" if query else "")

    async def perform(self, action: Action) -> int:
        """Do one action and wait for its run to finish; the number of warnings shown. RunFailed if it went wrong."""
        message = self._message_for(action)
        if action.kind == "open":
            self.page, self.query = action.page, action.query  # a browser's address bar shows a link at once
        # A page switch changes `page` when the server's navigation names the new page, and `query` when the app
        # writes it back: until then, as in a browser's address bar, they are what was drawn last.
        await self._socket.send(message.SerializeToString())
        return await self._until_finished()

    async def _until_finished(self) -> int:
        failures: list[str] = []
        warnings = 0
        while True:
            message = ForwardMsg.FromString(await self._socket.recv())
            kind = message.WhichOneof("type")
            if kind == "new_session":
                failures, warnings = [], 0  # a new run (the server may rerun on its own): only its outcome counts
                self._filters.clear()
            elif kind == "navigation":
                self._learn_pages(message.navigation)
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "page_not_found":
                failures.append(f"page not found: {message.page_not_found.page_name!r}")
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                warnings += self._note_element(message.delta.new_element, failures)
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    failures.append("script compile error")
                if failures:
                    raise RunFailed("; ".join(failures))
                return warnings

    def _learn_pages(self, navigation: Navigation) -> None:
        self._page_hashes = {page.url_pathname: page.page_script_hash for page in navigation.app_pages}
        self._page_of_hash = {page_hash: path for path, page_hash in self._page_hashes.items()}
        self.page = self._page_of_hash.get(navigation.page_script_hash, self.page)

    def _note_element(self, element: Element, failures: list[str]) -> int:
        kind = element.WhichOneof("type")
        if kind == "exception":
            if element.exception.is_warning:
                return 1
            failures.append(f"exception shown: {element.exception.type}: {element.exception.message[:120]}")
        elif kind in ("multiselect", "slider"):
            widget = getattr(element, kind)
            name = filter_widget_name(widget.id)
            if name is not None:
                self._filters[name] = element
                if widget.set_value or widget.id not in self._values:
                    self._values[widget.id] = widget_state_of(element)
        return 0


# --------------------------------------------------------------------------- the server's memory and counters


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return children


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    children = _children_by_parent()
    total_kb, pending = 0, [pid]
    while pending:
        current = pending.pop()
        pending += children.get(current, [])
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total_kb += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total_kb / 1024


def process_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def listening_pid(port: int) -> int | None:
    """The process listening on a local TCP port, if this user can see it."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(f"socket:[{fields[9]}]")
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            if os.readlink(fd) in inodes:
                return int(fd.parent.parent.name)
        except OSError:
            continue
    return None


class RssSampler:
    """Samples a process tree's resident memory in the background; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.25):
        self.pid, self.interval = pid, interval
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_mb(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# --------------------------------------------------------------------------- the run


@dataclass
class Memory:
    """Server resident memory (MB, process tree) at the moments that matter."""

    idle: float | None = None  # started, no session yet
    one_session: float | None = None  # the first session's first page drawn (the data loaded)
    peak: float | None = None  # highest sample while the sessions acted
    all_open: float | None = None  # every session still open, none acting
    after_close: float | None = None  # a few seconds after every session closed


@dataclass
class LoadRun:
    """Everything one load test measured."""

    settings: Settings
    results: list[ActionResult] = field(default_factory=list)
    elapsed: float = 0.0  # seconds from the first action sent to the last one finished
    memory: Memory = field(default_factory=Memory)
    sessions_seen: float | None = None  # the server's active_sessions gauge with every session open
    loader_counts: list[LoaderCounts] | None = None
    server_cpu: float | None = None  # seconds of server CPU during the load
    client_cpu: float = 0.0  # seconds of this process's CPU during the load


class _Clock:
    def __init__(self) -> None:
        self.start = time.perf_counter()

    def now(self) -> float:
        return time.perf_counter() - self.start


async def _session(
    index: int,
    settings: Settings,
    base_url: str,
    clock: _Clock,
    stop_at: float,
    results: list[ActionResult],
    first_done: asyncio.Event,
    idle: asyncio.Event,
    release: asyncio.Event,
) -> None:
    """One user: act until `stop_at`, then stay connected until released."""
    pauses = random.Random(f"{settings.seed}-pauses-{index}")
    client = SessionClient(base_url, settings.timeout)
    try:
        for action in action_plan(settings.seed * 100_003 + index):
            if clock.now() >= stop_at:
                break
            if not client.connected and action.kind != "open":
                action = Action("open", client.page, client.query)  # a browser reconnecting reloads its URL
            started = clock.now()
            try:
                async with asyncio.timeout(settings.timeout):
                    if not client.connected:
                        await client.connect()
                    warnings = await client.perform(action)
                results.append(
                    ActionResult(index, action.kind, action.page, started, clock.now() - started, None, warnings)
                )
            except RunFailed as err:
                results.append(ActionResult(index, action.kind, action.page, started, clock.now() - started, str(err)))
            except Exception as err:  # socket failure, timeout, protocol surprise: an error, and a fresh socket
                reason = "timeout" if isinstance(err, TimeoutError) else f"{type(err).__name__}: {str(err)[:120]}"
                results.append(ActionResult(index, action.kind, action.page, started, clock.now() - started, reason))
                await client.close()
            first_done.set()
            pause = settings.think * pauses.uniform(0.5, 1.5)
            await asyncio.sleep(max(0.0, min(pause, stop_at - clock.now())))
    except BaseException:  # a fault of the load test itself: end this session now, run_load reports it
        await client.close()
        raise
    finally:
        idle.set()
    try:
        await release.wait()
    finally:
        await client.close()


async def run_load(settings: Settings, base_url: str, pid: int | None) -> LoadRun:
    """Hold `settings.sessions` sessions against the server at `base_url` for `settings.seconds`."""
    run = LoadRun(settings)
    run.memory.idle = tree_rss_mb(pid) if pid else None
    release = asyncio.Event()
    idles = [asyncio.Event() for _ in range(settings.sessions)]
    first_done = asyncio.Event()
    clock = _Clock()
    stop_at = settings.seconds
    client_cpu_before = _own_cpu_seconds()
    server_cpu_before = process_cpu_seconds(pid) if pid else None
    sampler = RssSampler(pid) if pid else None
    if sampler:
        sampler.__enter__()
    tasks = [
        asyncio.create_task(_session(0, settings, base_url, clock, stop_at, run.results, first_done, idles[0], release))
    ]
    try:
        # The first session alone first: the memory with one session, the data loaded.
        await asyncio.wait([asyncio.create_task(first_done.wait()), tasks[0]], return_when=asyncio.FIRST_COMPLETED)
        run.memory.one_session = tree_rss_mb(pid) if pid else None
        for index in range(1, settings.sessions):
            tasks.append(
                asyncio.create_task(
                    _session(
                        index, settings, base_url, clock, stop_at, run.results, asyncio.Event(), idles[index], release
                    )
                )
            )
            await asyncio.sleep(settings.ramp / max(1, settings.sessions - 1))
        for event in idles:
            await event.wait()
        run.elapsed = max((result.started + result.latency for result in run.results), default=clock.now())
        run.client_cpu = _own_cpu_seconds() - client_cpu_before
        if pid:
            run.server_cpu = process_cpu_seconds(pid) - server_cpu_before
        if sampler:
            sampler.__exit__()
            run.memory.peak = sampler.peak
        await asyncio.sleep(2)  # let the last runs' garbage go
        run.memory.all_open = tree_rss_mb(pid) if pid else None
        metrics = await asyncio.to_thread(fetch_metrics, base_url)
        run.sessions_seen = gauge(metrics, "active_sessions") if metrics else None
    finally:
        release.set()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    crashed = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    if crashed:
        raise RuntimeError(f"{len(crashed)} of {len(tasks)} sessions crashed (a fault of the load test)") from crashed[
            0
        ]
    await asyncio.sleep(3)
    run.memory.after_close = tree_rss_mb(pid) if pid else None
    metrics = await asyncio.to_thread(fetch_metrics, base_url)
    run.loader_counts = cache_counts(metrics) if metrics else None
    return run


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------------------- the report


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


@dataclass(frozen=True)
class Summary:
    """Count, errors and latency percentiles (seconds) of a group of actions."""

    count: int
    errors: int
    p50: float
    p95: float
    p99: float
    max: float


def summarize(results: Sequence[ActionResult]) -> Summary:
    """Latency percentiles (nearest rank) over every action, failed ones included at the time they failed."""
    if not results:
        return Summary(0, 0, 0.0, 0.0, 0.0, 0.0)
    latencies = [result.latency for result in results]
    return Summary(
        len(results),
        sum(result.error is not None for result in results),
        bench.percentile(latencies, 0.50),
        bench.percentile(latencies, 0.95),
        bench.percentile(latencies, 0.99),
        max(latencies),
    )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} MB"


def latency_table(results: Sequence[ActionResult], elapsed: float) -> str:
    """Every action, then by kind, then by page: count, errors, percentiles, rate."""
    groups: list[tuple[str, list[ActionResult]]] = [("all actions", list(results))]
    groups += [(f"{kind}", [r for r in results if r.kind == kind]) for kind in ("open", "page", "filter")]
    groups += [(f"on /{page}", [r for r in results if r.page == page]) for page in PAGES]
    rows = []
    for name, group in groups:
        if not group:
            continue
        summary = summarize(group)
        rate = f"{summary.count / elapsed:.2f}" if elapsed > 0 else "–"
        rows.append(
            [
                name,
                summary.count,
                summary.errors,
                _ms(summary.p50),
                _ms(summary.p95),
                _ms(summary.p99),
                _ms(summary.max),
                rate,
            ]
        )
    return markdown_table(["actions", "count", "errors", "p50", "p95", "p99", "max", "actions/s"], rows)


def per_session_mb(memory: Memory, sessions: int, at: str) -> float | None:
    """Memory each session beyond the first adds, measured `at` "peak" or "all_open"."""
    many = getattr(memory, at)
    if many is None or memory.one_session is None or sessions < 2:
        return None
    return (many - memory.one_session) / (sessions - 1)


def memory_table(memory: Memory, sessions: int) -> str:
    def per_session(at: str) -> str:
        value = per_session_mb(memory, sessions, at)
        return "–" if value is None else f"{value:.1f} MB per session beyond the first"

    rows = [
        ["server started (data loaded at startup), no session", _mb(memory.idle), ""],
        ["1 session (data loaded, first page drawn)", _mb(memory.one_session), ""],
        [f"peak, {sessions} sessions acting", _mb(memory.peak), per_session("peak")],
        [f"{sessions} sessions open, idle", _mb(memory.all_open), per_session("all_open")],
        ["3 s after every session closed", _mb(memory.after_close), ""],
    ]
    return markdown_table(["server resident memory (process tree)", "RSS", "per session"], rows)


def loader_line(counts: Sequence[LoaderCounts] | None, script_runs: int) -> str:
    """Whether the dataset was loaded once per process, from the server's own cache counters."""
    if counts is None:
        return "Data loaded once per process: not checked (the server has no /_stcore/metrics)."
    loaders = [count for count in counts if "dataset" in count.cache]
    if not loaders:
        return "Data loaded once per process: not checked (no cached dataset loader in the server's counters)."
    parts = [
        f"`{count.cache}` computed {count.computed}×, served from the cache {count.from_cache:,}×" for count in loaders
    ]
    once = all(count.computed == 1 for count in loaders)
    verdict = "yes" if once else "NO"
    return (
        f"Data loaded once per process: {verdict} — {'; '.join(parts)} over {script_runs:,} actions "
        "(server counters at /_stcore/metrics; an action can run the script more than once)."
    )


def errors_table(results: Sequence[ActionResult]) -> str:
    reasons = Counter(result.error for result in results if result.error)
    return markdown_table(["error", "count"], [[reason, count] for reason, count in reasons.most_common(20)])


def report(run: LoadRun) -> str:
    """The whole result as Markdown."""
    settings = run.settings
    actions = len(run.results)
    errors = sum(result.error is not None for result in run.results)
    warnings = sum(result.warnings for result in run.results)
    seen = "" if run.sessions_seen is None else f" (server's active_sessions: {run.sessions_seen:.0f})"
    lines = [
        f"{settings.sessions} sessions{seen}, {settings.seconds:g} s of actions, pause {settings.think:g} s "
        f"(0.5×-1.5×), time limit per action {settings.timeout:g} s, seed {settings.seed}.",
        f"{actions:,} actions in {run.elapsed:.1f} s: {actions / run.elapsed if run.elapsed else 0:.2f} actions/s, "
        f"{errors} errors (target 0), {warnings} warnings shown.",
    ]
    if run.server_cpu is not None and actions:
        lines.append(
            f"CPU: server {run.server_cpu:.1f} s ({run.server_cpu / actions * 1000:,.0f} ms per action), "
            f"load-test client {run.client_cpu:.1f} s, on the same machine."
        )
    parts = [
        "\n".join(lines),
        "### Latency: rerun sent → script finished",
        latency_table(run.results, run.elapsed),
        "### Server memory",
        memory_table(run.memory, settings.sessions),
        loader_line(run.loader_counts, actions),
    ]
    if errors:
        parts += ["### Errors", errors_table(run.results)]
    return "\n\n".join(parts)


def machine_line() -> str:
    """Cores, memory, Python and Streamlit versions."""
    import streamlit
    import websockets

    memory_kb = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return (
        f"Machine: {os.cpu_count()} cores, {memory_kb / 2**20:.1f} GiB RAM, Python {sys.version.split()[0]}, "
        f"Streamlit {streamlit.__version__}, websockets {websockets.__version__}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    settings = parse_args(argv)
    started = time.perf_counter()
    if settings.url:
        port = urlparse(settings.url).port or (443 if settings.url.startswith("https") else 80)
        pid = settings.pid or listening_pid(port)
        run = asyncio.run(run_load(settings, settings.url, pid))
    else:
        with served() as server:
            wait_for_startup_load(server.url)  # so that "started, no session" is the server with its data
            run = asyncio.run(run_load(settings, server.url, server.process.pid))
    print(machine_line())
    print(f"Load test took {time.perf_counter() - started:.0f} s.\n")
    print(report(run))
    return 0 if all(result.error is None for result in run.results) and run.results else 1


if __name__ == "__main__":
    sys.exit(main())
