"""Offline proof: across every page, the browser asks nothing of any host but this machine."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import LOCAL_HOSTS, wait_for_app

pytestmark = pytest.mark.e2e

PATHS = ["", "timeline", "map", "map?view=world", "funding", "compare", "sources", "briefing"]


def test_no_request_leaves_the_machine(app, requested_urls: list[str]) -> None:
    for path in PATHS:
        app.goto(f"{app.app_url}/{path}")
        wait_for_app(app)
    app.wait_for_timeout(1500)
    outside = sorted({url for url in requested_urls if urlparse(url).scheme in ("http", "https", "ws", "wss")
                      and urlparse(url).hostname not in {h.strip("[]") for h in LOCAL_HOSTS}})
    assert requested_urls, "no request was recorded at all"
    assert outside == [], f"requests left 127.0.0.1: {outside}"
