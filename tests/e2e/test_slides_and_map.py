"""The map's first view, looked at in both views. (The briefing's slides: tests/e2e/test_live_slides.py.)"""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, DECK, screenshot, visit


@pytest.mark.parametrize("view", ["russia", "world"])
def test_the_map_first_view_screenshot(app, view: str) -> None:
    app.set_viewport_size({"width": 1600, "height": 1000})
    visit(app, f"map?view={view}")
    app.wait_for_selector(DECK)
    app.wait_for_timeout(1500)  # deck.gl's text layer builds its font atlas after the first frame
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    app.locator('[data-testid="stDeckGlJsonChart"]').first.screenshot(path=str(ARTIFACTS / f"map-{view}.png"))
    screenshot(app, f"map-{view}-page")
