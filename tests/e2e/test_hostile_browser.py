"""Hostile text in the data, in a real browser: shown as text on every page and in the exported briefing, never run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import screenshot, wait_for_app
from test_pages import place_on_the_map

from techrift import briefing
from techrift.data import DATA_DIR_ENV, load_dataset
from tests.e2e.chromium import DECK_DRAWN
from tests.e2e.server import served
from tests.test_hostile import write_hostile_copy

# Each page opened on the record that carries the hostile text.
HOSTILE_VIEWS = [
    "timeline?event=nsu-development-centre",
    "map?place=nsu&view=world",
    "funding?flow=huawei-university-research-budget",
    "compare",
    "sources?source=scmp-tbforum",
    "briefing?step=3",
    "",
]


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_copy(tmp_path_factory.mktemp("hostile-browser"))


@pytest.fixture(scope="module")
def hostile_url(hostile_dir: Path) -> Iterator[str]:
    with served(env={DATA_DIR_ENV: str(hostile_dir)}) as server:
        yield server.url


def _watch_for_script(page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def test_hostile_text_is_shown_as_text_and_never_runs(page, hostile_url: str) -> None:
    dialogs = _watch_for_script(page)
    for view in HOSTILE_VIEWS:
        page.goto(f"{hostile_url}/{view}")
        wait_for_app(page)
        assert page.evaluate("() => window.__pwned") is None, view
        assert page.locator('[data-testid="stException"]').count() == 0, view
        assert page.locator("main img[src='x']").count() == 0, view
        assert page.locator("a[href^='javascript:']").count() == 0, view
    page.goto(f"{hostile_url}/timeline?event=nsu-development-centre")
    wait_for_app(page)
    assert 'Centre <img src=x onerror="window.__pwned=1">' in page.inner_text("main")  # typed text, shown as typed
    screenshot(page, "hostile-timeline")
    assert dialogs == []


def test_hostile_text_in_map_tooltip_stays_text(page, hostile_url: str, hostile_dir: Path) -> None:
    page.goto(f"{hostile_url}/map")
    wait_for_app(page)
    page.wait_for_selector(DECK_DRAWN, timeout=30_000)
    page.wait_for_timeout(500)  # deck.gl attaches its pointer handlers after the first frame
    page.mouse.move(*place_on_the_map(page, load_dataset(hostile_dir), hostile_dir, "nsu", ""))
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible")
    assert "NSU <img src=x onerror=" in tooltip.inner_text()  # the tag is shown as text
    assert tooltip.locator("img, script").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    screenshot(page, "hostile-map-tooltip")


def test_exported_briefing_with_hostile_text_runs_no_script(page, hostile_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "briefing.html"
    out.write_text(briefing.export_html(load_dataset(hostile_dir), hostile_dir, "en"), encoding="utf-8")
    dialogs = _watch_for_script(page)
    page.goto(out.as_uri())
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 5", timeout=30_000)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
