"""The overview in a real browser: its figures come from the data, its links open every view, the sidebar filters
write the URL and a link sets them back, a bad link falls back with a notice."""

from __future__ import annotations

import pytest
from conftest import EXCEPTION, VIEW_PATHS, pick_country, query_of, rerun_after, screenshot, visit

from techrift import overview
from techrift.data import load_dataset
from techrift.i18n import t


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def test_overview_shows_the_headline_figures_of_the_data(app) -> None:
    figures = overview.headline_figures(load_dataset(), "en")
    visit(app, "")
    metrics = app.locator('[data-testid="stMain"] [data-testid="stMetric"]')
    assert metrics.count() == len(figures) == 5
    shown = [
        (
            m.locator('[data-testid="stMetricLabel"]').inner_text().strip(),
            m.locator('[data-testid="stMetricValue"]').inner_text().strip(),
        )
        for m in metrics.all()
    ]
    assert shown == [(figure.label, figure.value) for figure in figures]
    assert app.get_by_role("heading", name="TechRift").first.is_visible()
    assert app.locator(EXCEPTION).count() == 0
    screenshot(app, "overview")


@pytest.mark.parametrize("path", VIEW_PATHS)
def test_overview_link_opens_the_view(app, path: str) -> None:
    title = t(f"nav_{path}", "en")
    visit(app, "")
    link = app.locator('[data-testid="stMain"] [data-testid="stPageLink-NavLink"]').filter(has_text=title).first
    rerun_after(app, link.click)
    assert app.url.split("?")[0].endswith(f"/{path}")
    assert app.title() and app.locator('[data-testid="stMain"] h1').first.is_visible()
    assert app.locator(EXCEPTION).count() == 0


def test_picking_a_country_writes_it_into_the_url(app) -> None:
    visit(app, "")
    assert "country" not in query_of(app)
    pick_country(app, "Russia")
    assert query_of(app).get("country") == "Russia"
    assert app.locator(EXCEPTION).count() == 0


def test_a_link_sets_the_sidebar_filters(app) -> None:
    visit(app, "?years=2019-2019&company=Huawei")
    start = sidebar(app).get_by_role("slider").nth(0)
    end = sidebar(app).get_by_role("slider").nth(1)
    assert (start.input_value(), end.input_value()) == ("2019", "2019")
    companies = sidebar(app).locator('[data-testid="stMultiSelect"]').filter(has_text="Companies")
    assert [tag.get_attribute("aria-label") for tag in companies.locator("[data-tag]").all()] == ["Huawei"]
    assert query_of(app) == {"years": "2019-2019", "company": "Huawei", "v": load_dataset().release.version}
    assert app.locator(EXCEPTION).count() == 0


def test_a_bad_link_falls_back_with_a_notice(app) -> None:
    visit(app, "?years=1800-1801&company=%3Cscript%3E")
    assert sidebar(app).get_by_text("outside the data").first.is_visible()
    assert sidebar(app).get_by_text("Unknown company").first.is_visible()
    start, end = sidebar(app).get_by_role("slider").all()
    assert int(start.input_value()) < int(end.input_value())  # all years again
    assert app.locator(EXCEPTION).count() == 0
