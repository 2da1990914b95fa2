"""Browser fixtures: the app served on a free loopback port, Debian's Chromium driven by Playwright, every request recorded."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "e2e"
CHROMIUM = os.environ.get("TECHRIFT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    # deck.gl needs WebGL: software rendering in headless Chromium.
    "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
]
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(script: str, port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`streamlit run` on loopback, offline, headless."""
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.address", "127.0.0.1",
               "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    return subprocess.Popen(command, cwd=ROOT, env=os.environ | (env or {}), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_healthy(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("streamlit did not become healthy")


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    port = free_port()
    process = start_streamlit("dashboard.py", port)
    try:
        wait_healthy(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 2000}}


@pytest.fixture(scope="session")
def requested_urls() -> list[str]:
    """Every URL any page of the session requested."""
    return []


@pytest.fixture
def app(page, app_url: str, requested_urls: list[str]):
    """A browser page on the app, recording its requests; fails the test on any exception box shown."""
    page.on("request", lambda request: requested_urls.append(request.url))
    page.app_url = app_url
    yield page


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Until Streamlit has rendered and finished running the script."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout)
    # The app's own navigation (not Streamlit's folder listing) is drawn once dashboard.py has run.
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stSidebarNav\"] a')]"
        ".some(a => /Overview|Tổng quan/.test(a.innerText))",
        timeout=timeout,
    )
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stMain\"] [data-testid=\"stElementContainer\"]').length > 0",
        timeout=timeout,
    )
    page.wait_for_timeout(400)  # let charts paint after the last delta


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def query_of(page) -> dict[str, str]:
    from urllib.parse import parse_qsl, urlparse

    return dict(parse_qsl(urlparse(page.url).query))
