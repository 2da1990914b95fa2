"""Browser fixtures: the app served on a free loopback port, Debian's Chromium driven by Playwright, every request recorded.

Serving the app (server.py) and driving Chromium (chromium.py) live beside this file; the benchmark reuses them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlparse

import pytest

from techrift import sitemap
from tests.e2e import chromium
from tests.e2e.chromium import is_local, settle_after, wait_for_app
from tests.e2e.server import served

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ARTIFACTS = ROOT / "artifacts" / "e2e"
PLOTLY = chromium.PLOTLY_DRAWN
DECK = chromium.DECK_DRAWN
EXCEPTION = chromium.EXCEPTION
# The url paths of the views (techrift/sitemap.py).
VIEW_PATHS = [page.url_path for page in sitemap.VIEW_PAGES]


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with served() as server:
        yield server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": chromium.CHROMIUM, "args": chromium.CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # Streamlit scrolls inside its main area, so a screenshot shows only the viewport: make it tall.
    return {**browser_context_args, "viewport": chromium.VIEWPORT}


@pytest.fixture(scope="session")
def requested_urls() -> list[str]:
    """Every URL any page of the session requested."""
    return []


@pytest.fixture(autouse=True)
def instrument_context(context, requested_urls: list[str]) -> None:
    """Every browser context of these tests records the URLs its pages request and taps the app's messages (for rerun_after)."""
    context.on("request", lambda request: requested_urls.append(request.url))
    context.add_init_script(chromium.MESSAGE_TAP)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test here starts Chromium (instrument_context, autouse, opens a browser context) and so a process:
    # e2e and slow. The root conftest checks that no test elsewhere starts Chromium unmarked.
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.slow)
    # The offline proof runs last, so it also judges every request the other browser tests made.
    items.sort(key=lambda item: item.path.name == "test_offline.py")


@pytest.fixture
def app(page, app_url: str):
    """A browser page on the app."""
    page.app_url = app_url
    return page


def visit(page, path: str) -> None:
    """Open a path of the app (with its query, if any) and wait until it is drawn."""
    page.goto(f"{page.app_url}/{path.lstrip('/')}")
    wait_for_app(page)


def rerun_after(page, action: Callable[[], Any]) -> None:
    """Do something that makes Streamlit rerun and wait until the page is drawn again."""
    settle_after(page, action, timeout=60_000)


def pick_country(page, country: str) -> None:
    """Pick a country in the sidebar's Countries filter."""
    countries = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Countries")
    countries.locator("input").click()
    rerun_after(page, page.get_by_role("option", name=country, exact=True).click)
    page.keyboard.press("Escape")


def outside_requests(urls: list[str]) -> list[str]:
    """The recorded URLs that left this machine."""
    return sorted({url for url in urls if not is_local(url)})


def screenshot(page, name: str) -> Path:
    """Save what the page shows to artifacts/e2e/<name>.png (git-ignored), to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def query_of(page) -> dict[str, str]:
    """The page's current URL query as a dict."""
    return dict(parse_qsl(urlparse(page.url).query))
