"""On a touch screen (a phone, 390x844), a tap on a chart's mark selects it as a click does: the page opens the
mark's detail (techrift/assets/plotly_chart/plotly_chart.js). Without the element's own handling, plotly.js only
shows the hover box on a tap: a pick needs the hover that a mouse gives before its click."""

from __future__ import annotations

import pytest
from conftest import rerun_after, screenshot
from playwright.sync_api import expect

from tests.e2e import chromium

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
# A page and query that draw one mark, the record it is, and a words of the detail it opens (tests/e2e/test_pages.py).
PICKS = [
    ("timeline", "years=2019-2019&country=United%20Kingdom", "event", "oxford-stops-funding", "Oxford stops seeking"),
    ("compare", "years=2018-2018", "event", "aws-shanghai-lab-opened", "AWS announces its Shanghai AI lab"),
]


@pytest.mark.parametrize(("path", "query", "param", "record_id", "detail"), PICKS)
def test_a_tap_on_a_mark_selects_it_as_a_click_does(
    browser, app_url: str, path: str, query: str, param: str, record_id: str, detail: str
) -> None:
    context = browser.new_context(**PHONE)
    context.add_init_script(chromium.MESSAGE_TAP)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{path}?{query}")
        chromium.wait_for_app(page, timeout=60_000)
        page.wait_for_selector(f"{chromium.PLOTLY_CHART}[data-drawn]", timeout=60_000)
        mark = page.locator(f"{chromium.PLOTLY_CHART} .js-plotly-plot .point").first
        mark.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        box = mark.bounding_box()
        assert box is not None
        rerun_after(page, lambda: page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2))
        page.wait_for_function(
            f"() => new URLSearchParams(location.search).get('{param}') === '{record_id}'", timeout=20_000
        )
        expect(page.get_by_text(detail).filter(visible=True).first).to_be_visible(timeout=15_000)
        screenshot(page, f"{path}-tapped")
    finally:
        context.close()
