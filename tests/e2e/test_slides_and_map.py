"""The briefing as slides in a real browser: no sidebar or header, one slide fits the screen, the keys move between
slides and the URL follows, the notes list the slide's sources. Also the map's first view, looked at in both views."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, DECK, PLOTLY, query_of, rerun_after, screenshot, visit

from tests.e2e.chromium import PLOTLY_CHART

SIZES = {"720p": {"width": 1280, "height": 720}, "1080p": {"width": 1920, "height": 1080}}


@pytest.mark.parametrize("size", SIZES)
def test_present_hides_the_chrome_and_a_slide_fits_the_screen(app, size: str) -> None:
    app.set_viewport_size(SIZES[size])
    visit(app, "briefing?present=1&step=2&years=2018-2023")
    app.wait_for_selector(f"{PLOTLY_CHART}[data-drawn]")  # the slide's figure drawn at its own height
    assert not app.locator('[data-testid="stSidebar"]').is_visible()
    assert not app.locator('[data-testid="stHeader"]').is_visible()
    assert not app.locator('[data-testid="stToolbar"]').is_visible()
    main = app.locator('[data-testid="stMain"]')
    fits = main.evaluate("m => [m.scrollHeight, m.clientHeight, m.scrollWidth, m.clientWidth]")
    assert fits[0] <= fits[1] + 1 and fits[2] <= fits[3] + 1, f"the slide scrolls: {fits}"
    # the title, the chart and the key controls all lie inside the screen
    for selector in ("h1", PLOTLY, ".st-key-present_right button"):
        box = app.locator(selector).first.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= SIZES[size]["height"], selector
    screenshot(app, f"present-{size}")


def test_the_keys_move_between_slides_and_the_url_follows(app) -> None:
    app.set_viewport_size(SIZES["720p"])
    visit(app, "briefing?present=1&step=2")
    app.wait_for_selector(PLOTLY)
    for key, step in (("ArrowRight", "3"), ("Space", "4"), ("PageDown", "5"), ("ArrowLeft", "4"), ("PageUp", "3")):
        rerun_after(app, lambda key=key: app.keyboard.press(key))
        app.wait_for_function(f"() => new URLSearchParams(location.search).get('step') === '{step}'", timeout=10_000)
        assert query_of(app)["step"] == step, key
    rerun_after(app, lambda: app.keyboard.press("End"))
    app.wait_for_function("() => new URLSearchParams(location.search).get('step') === '5'", timeout=10_000)
    rerun_after(app, lambda: app.keyboard.press("Home"))
    app.wait_for_function("() => new URLSearchParams(location.search).get('step') === '1'", timeout=10_000)
    assert query_of(app)["present"] == "1"


def test_the_notes_list_the_slides_sources(app) -> None:
    visit(app, "briefing?present=1&step=3&notes=1")
    notes = app.locator(".st-key-present_notes")
    notes.wait_for()
    assert "Sources of the records on this slide" in notes.inner_text()
    assert notes.locator("a").count() >= 1
    assert "Quotes from the seed articles" in notes.inner_text()
    screenshot(app, "present-notes")


@pytest.mark.parametrize("view", ["russia", "world"])
def test_the_map_first_view_screenshot(app, view: str) -> None:
    app.set_viewport_size({"width": 1600, "height": 1000})
    visit(app, f"map?view={view}")
    app.wait_for_selector(DECK)
    app.wait_for_timeout(1500)  # deck.gl's text layer builds its font atlas after the first frame
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    app.locator('[data-testid="stDeckGlJsonChart"]').first.screenshot(path=str(ARTIFACTS / f"map-{view}.png"))
    screenshot(app, f"map-{view}-page")
