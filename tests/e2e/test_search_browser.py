"""The search box in the sidebar, driven from the keyboard in Chromium: typing and Enter open /search?q=… with the
page's filters kept, the results list the records found, and a result links to its record page."""

from __future__ import annotations

import re

from techrift.i18n import t
from tests.e2e.chromium import wait_for_app
from tests.e2e.conftest import query_of, screenshot

SIDEBAR_BOX = '[data-testid="stSidebar"] input[aria-label="{label}"]'
RESULT_LINKS = '[data-testid="stMain"] a[href*="record?id="]'


def test_the_sidebar_box_opens_the_results_and_a_result_links_to_its_record(app) -> None:
    app.goto(f"{app.app_url}/?years=2013-2025&lang=en")  # the overview, with a filter; under load: longer waits
    wait_for_app(app, timeout=120_000)
    box = app.locator(SIDEBAR_BOX.format(label=t("search_label", "en")))
    box.click(timeout=90_000)
    app.keyboard.type("H20")
    app.keyboard.press("Enter")
    app.wait_for_url(re.compile(r"/search\?"), timeout=60_000)
    wait_for_app(app, timeout=60_000)
    app.locator(RESULT_LINKS).first.wait_for(timeout=60_000)
    query = query_of(app)
    assert query["q"] == "H20" and query["years"] == "2013-2025"  # the filters came along
    assert t("search_kind_events", "en") in app.locator('[data-testid="stMain"]').inner_text()
    links = app.locator(RESULT_LINKS)
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert hrefs and all(re.search(r"record\?id=[^&]+", href) for href in hrefs)
    # each link's text names H20 or its record matched elsewhere; the first one is about the H20 itself
    first = links.first
    assert "H20" in first.inner_text()
    screenshot(app, "search-h20")
    with app.context.expect_page() as opened:
        first.click()
    record_page = opened.value
    assert re.search(r"/record\?id=", record_page.url), record_page.url
    record_page.close()


def test_the_search_page_in_vietnamese_finds_english_words_and_says_when_nothing_matches(app) -> None:
    app.goto(f"{app.app_url}/search?q=nvidia&lang=vi")
    wait_for_app(app, timeout=120_000)
    app.locator(RESULT_LINKS).first.wait_for(timeout=60_000)
    assert all("lang=vi" in (link.get_attribute("href") or "") for link in app.locator(RESULT_LINKS).all())
    box = app.locator(f'[data-testid="stMain"] input[aria-label="{t("search_label", "vi")}"]')
    box.fill("xyzzyplugh")
    box.press("Enter")
    app.get_by_text(t("search_none", "vi", query="xyzzyplugh")).wait_for(timeout=60_000)
    assert query_of(app)["q"] == "xyzzyplugh"
