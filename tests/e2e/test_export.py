"""The exported HTML briefing opens in a browser with no network and draws every step's chart."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, screenshot


def test_exported_briefing_draws_offline(page, tmp_path) -> None:
    out = tmp_path / "briefing.html"
    subprocess.run([sys.executable, "-m", "techrift", "briefing", "--out", str(out)], cwd=ROOT, check=True, timeout=120)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(out.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 5", timeout=30_000)
    assert page.locator("section").count() == 5
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []
    screenshot(page, "briefing-export")
