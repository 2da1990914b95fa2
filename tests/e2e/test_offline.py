"""Offline proof: across every page and every other browser test (this one runs last), the browser asks nothing of
any host but this machine."""

from __future__ import annotations

from conftest import VIEW_PATHS, outside_requests, visit


def test_no_request_leaves_the_machine(app, requested_urls: list[str]) -> None:
    for path in ["", *VIEW_PATHS, "map?view=world"]:
        visit(app, path)
    app.wait_for_timeout(1500)  # late requests: fonts, map layers, images
    assert any(url.startswith(app.app_url) for url in requested_urls), "no request was recorded at all"
    outside = outside_requests(requested_urls)
    assert outside == [], f"requests left 127.0.0.1: {outside}"
