"""The app served on a free loopback port for as long as a test or a measurement needs it, and what its server reports
(health, /_stcore/metrics). Used by the browser tests, the server tests and benchmarks/.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deploy import replicas

ROOT = Path(__file__).resolve().parents[2]
METRICS_PATH = "_stcore/metrics"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(command: Sequence[str], port: int) -> list[str]:
    """`streamlit <command>` headless on loopback, no usage statistics, no file watcher."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        *command,
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]


def _limit_memory(limit_bytes: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    return limit


def _start(
    command: Sequence[str], port: int, env: dict[str, str] | None, log: Any, memory_limit_gb: float | None = None
) -> subprocess.Popen:
    limit = _limit_memory(int(memory_limit_gb * 2**30)) if memory_limit_gb else None
    return subprocess.Popen(
        streamlit_command(command, port),
        cwd=ROOT,
        env=os.environ | (env or {}),
        stdout=subprocess.DEVNULL,
        stderr=log,
        preexec_fn=limit,
    )


def wait_healthy(port: int, process: subprocess.Popen, log: Any, timeout: float = 60) -> None:
    """Poll /_stcore/health until the server answers ok; if it exits first, the error carries the end of its log."""
    try:
        replicas.wait_healthy(f"http://127.0.0.1:{port}", process, timeout)
    except RuntimeError as exited:
        log.seek(0)
        raise RuntimeError(f"streamlit exited: {log.read().decode(errors='replace')[-2000:]}") from exited


def stop(process: subprocess.Popen) -> None:
    """End a server this process started."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


@dataclass
class Server:
    """A running Streamlit server and when it was launched."""

    process: subprocess.Popen
    url: str
    launched: float
    log: Any  # the server's stderr (Streamlit's log), a file shared with the process

    def log_text(self) -> str:
        """What the server has logged so far."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")  # reading to the end leaves the offset where the server writes

    def rss_mb(self) -> float:
        """Resident memory of the server process, from /proc."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (user + system), from /proc."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def served(
    command: Sequence[str] = ("run", "dashboard.py"),
    env: dict[str, str] | None = None,
    timeout: float = 60,
    memory_limit_gb: float | None = None,
) -> Iterator[Server]:
    """A Streamlit server on a free loopback port for the duration of the block (its log in a temporary file)."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        launched = time.perf_counter()
        process = _start(command, port, env, log, memory_limit_gb)
        try:
            wait_healthy(port, process, log, timeout)
            yield Server(process, f"http://127.0.0.1:{port}", launched, log)
        finally:
            stop(process)


# --------------------------------------------------------------------------- what the server reports


@dataclass(frozen=True)
class Sample:
    """One OpenMetrics sample: name, labels, value."""

    name: str
    labels: dict[str, str]
    value: float


def parse_metrics(text: str) -> list[Sample]:
    """Samples of Streamlit's /_stcore/metrics text (OpenMetrics); comment lines skipped."""
    samples = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        head, value = line.rsplit(" ", 1)
        name, _, label_text = head.partition("{")
        labels = {}
        for pair in _split_labels(label_text.rstrip("}")):
            key, raw = pair.split("=", 1)
            labels[key] = raw.strip('"')
        samples.append(Sample(name, labels, float(value)))
    return samples


def _split_labels(text: str) -> list[str]:
    # Label values are quoted and may hold commas.
    pairs, current, quoted = [], "", False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            pairs.append(current)
            current = ""
        else:
            current += char
    return pairs + ([current] if current else [])


@dataclass(frozen=True)
class LoaderCounts:
    """How one cached function (st.cache_data or st.cache_resource) was used: how often it ran, and how often a call
    was answered from the cache."""

    cache: str
    computed: int
    from_cache: int


_CACHE_TYPES = ("st_cache_data", "st_cache_resource")


def cache_counts(samples: Sequence[Sample]) -> list[LoaderCounts]:
    """Runs and cached answers of every st.cache_data / st.cache_resource function, from the server's metrics.

    A run is counted by cache_compute_duration_seconds. A call that misses while another thread is computing the same
    value (the first visitor during the startup preload) waits and takes that value: a miss in cache_lookups_total,
    but an answer from the cache. Without the duration histogram, every miss counts as a run.
    """
    lookups: dict[str, Counter] = {}
    runs: Counter = Counter()
    for sample in samples:
        if sample.labels.get("cache_type") not in _CACHE_TYPES:
            continue
        cache = sample.labels.get("cache", "")
        if sample.name == "cache_lookups_total":
            lookups.setdefault(cache, Counter())[sample.labels.get("result", "")] += int(sample.value)
        elif sample.name == "cache_compute_duration_seconds_count" and sample.labels.get("trigger") == "miss":
            runs[cache] += int(sample.value)
    counts = []
    for cache, counter in sorted(lookups.items()):
        computed = runs.get(cache, counter["miss"])
        counts.append(LoaderCounts(cache, computed, counter["hit"] + counter["miss"] - computed))
    return counts


def wait_for_startup_load(base_url: str, timeout: float = 120) -> list[LoaderCounts]:
    """Until the server's startup preload has run the dataset loader (techrift/startup.py); its counts, or [] on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        counts = cache_counts(fetch_metrics(base_url) or [])
        if any(count.computed for count in counts) or time.monotonic() > deadline:
            return counts
        time.sleep(0.1)


def gauge(samples: Sequence[Sample], name: str) -> float | None:
    return next((sample.value for sample in samples if sample.name == name), None)


def fetch_metrics(base_url: str) -> list[Sample] | None:
    """The server's /_stcore/metrics, or None if it has none."""
    try:
        with urllib.request.urlopen(f"{base_url}/{METRICS_PATH}", timeout=30) as response:
            return parse_metrics(response.read().decode())
    except OSError:
        return None
