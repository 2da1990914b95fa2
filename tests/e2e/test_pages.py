"""Every page in a real browser: drawn, no exception, filters change what is drawn, deep links reproduce a view."""

from __future__ import annotations

import pytest

from conftest import query_of, screenshot, wait_for_app

pytestmark = pytest.mark.e2e

PLOTLY = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
DECK = '[data-testid="stDeckGlJsonChart"] canvas'
EXCEPTION = '[data-testid="stException"]'

# page path -> (what must be drawn, how many at least, a heading it shows)
PAGES = {
    "": (None, 0, "TechRift"),
    "timeline": (PLOTLY, 1, "Doors close in the US"),
    "map": (DECK, 1, "Huawei's partners in Russia"),
    "funding": (PLOTLY, 2, "The money"),
    "compare": (PLOTLY, 1, "AWS vs Nvidia in China"),
    "sources": (None, 0, "Sources"),
    "briefing": (PLOTLY, 1, "The doors close in the US"),
}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_and_draws(app, path: str) -> None:
    selector, count, heading = PAGES[path]
    app.goto(f"{app.app_url}/{path}")
    wait_for_app(app)
    if selector:
        app.wait_for_selector(selector, timeout=30_000)
        assert app.locator(selector).count() >= count
    assert app.get_by_role("heading", name=heading).first.is_visible()
    assert app.locator(EXCEPTION).count() == 0
    screenshot(app, path or "overview")


def _timeline_marks(page) -> int:
    return page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot .point').count()


def test_timeline_sidebar_filter_redraws_and_updates_the_url(app) -> None:
    app.goto(f"{app.app_url}/timeline")
    wait_for_app(app)
    app.wait_for_selector(PLOTLY)
    before = _timeline_marks(app)
    sidebar = app.locator('[data-testid="stSidebar"]')
    countries = sidebar.locator('[data-testid="stMultiSelect"]').nth(1)
    countries.click()
    app.get_by_role("option", name="United Kingdom").click()
    app.keyboard.press("Escape")
    wait_for_app(app)
    assert query_of(app).get("country") == "United Kingdom"
    after = _timeline_marks(app)
    assert 0 < after < before
    screenshot(app, "timeline-filtered")


def test_deep_link_reproduces_the_view(app) -> None:
    app.goto(f"{app.app_url}/funding?company=Nvidia&log=1&flow=nvidia-h20-unshipped")
    wait_for_app(app)
    app.wait_for_selector(PLOTLY)
    assert app.get_by_text("2.5 billion USD of sales not shipped").first.is_visible()
    bars = app.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').first.locator(".point")
    assert bars.count() == 3
    assert app.locator(EXCEPTION).count() == 0


def test_clicking_a_chart_mark_opens_its_detail(app) -> None:
    app.goto(f"{app.app_url}/timeline?years=2019-2019&country=United%20Kingdom")
    wait_for_app(app)
    app.wait_for_selector(PLOTLY)
    app.locator('[data-testid="stPlotlyChart"] .js-plotly-plot .point path').first.click(force=True)
    wait_for_app(app)
    app.wait_for_function("() => location.search.includes('event=')", timeout=15_000)
    assert query_of(app).get("event") == "oxford-stops-funding"
    assert app.get_by_text("Oxford stops seeking new Huawei funding").first.is_visible()


def test_bad_deep_link_falls_back_with_a_notice(app) -> None:
    app.goto(f"{app.app_url}/?years=1800-1801&company=%3Cscript%3E")
    wait_for_app(app)
    assert app.get_by_text("outside the data").first.is_visible()
    assert app.locator(EXCEPTION).count() == 0


NAV_TITLES = {"timeline": "Timeline: doors close, doors open", "map": "Map: Huawei in Russia", "funding": "Funding: the money",
              "compare": "AWS vs Nvidia in China", "sources": "Sources", "briefing": "Briefing mode"}


def test_overview_links_open_every_view(app) -> None:
    for path, title in NAV_TITLES.items():
        heading = PAGES[path][2]
        app.goto(app.app_url)
        wait_for_app(app)
        app.locator('[data-testid="stMain"] [data-testid="stPageLink-NavLink"]').filter(has_text=title).first.click()
        wait_for_app(app)
        assert app.url.split("?")[0].endswith(f"/{path}")
        assert app.get_by_role("heading", name=heading).first.is_visible()


def test_filters_survive_a_page_switch(app) -> None:
    app.goto(f"{app.app_url}/timeline?company=Huawei&years=2019-2021")
    wait_for_app(app)
    app.locator('[data-testid="stSidebarNav"] a').filter(has_text="Funding: the money").first.click()
    wait_for_app(app)
    app.wait_for_function("() => location.pathname.endsWith('/funding') && location.search.includes('company=Huawei')",
                          timeout=15_000)
    assert query_of(app).get("company") == "Huawei" and query_of(app).get("years") == "2019-2021"


def test_a_deep_link_as_the_first_visit_of_a_fresh_server_gets_the_app_navigation(page) -> None:
    # Streamlit runs a folder named pages/ as old-style pages until the entrypoint has run once per process.
    from conftest import free_port, start_streamlit, wait_healthy

    port = free_port()
    process = start_streamlit("dashboard.py", port)
    try:
        wait_healthy(port, process)
        page.goto(f"http://127.0.0.1:{port}/map?view=world")
        wait_for_app(page)
        page.wait_for_selector(DECK, timeout=30_000)
        nav = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        assert any("Map: Huawei in Russia" in item for item in nav), nav
        assert not any(item.strip() in ("dashboard", "map") for item in nav), nav
        assert query_of(page).get("view") == "world"
    finally:
        process.terminate()
        process.wait(timeout=20)
