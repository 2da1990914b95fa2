"""The app's Plotly chart element in a real browser (techrift/ui/plotly_chart.py): a filter change updates the same
chart node in place, plotly.js comes once per page from this server, the chart follows its container's width, and
a library that cannot load or a figure that cannot be drawn says so in words while the page keeps working."""

from __future__ import annotations

import re

import pytest
from conftest import EXCEPTION, PLOTLY, pick_country, query_of, screenshot, visit

from techrift import filters as flt
from techrift.charts import funding
from techrift.data import default_data_dir, load_dataset
from techrift.i18n import t
from techrift.ui import plotly_chart
from tests.e2e.chromium import PLOTLY_CHART

FUNDING_CHART = f".st-key-funding_chart {PLOTLY_CHART}"
PLOTLY_JS_REQUEST = "/_stcore/bidi-components/techrift.plotly_js/plotly.min.js"


def bars_in_funding(countries: tuple[str, ...] = ()) -> int:
    """Bars the funding chart draws on the shipped data: one per amount of money drawn, research funding only (the
    page's default leaves context amounts out)."""
    dataset = load_dataset(default_data_dir())
    options = flt.options_for(dataset)
    filters = flt.Filters(years=(options.first_year, options.last_year), countries=countries)
    shown = funding.research_or_all(flt.apply_to_flows(dataset.flows, filters, options), dataset.places, context=False)
    return len(flt.money_drawn(shown))


def drawn_bars(page) -> int:
    return page.locator(f"{FUNDING_CHART} .js-plotly-plot .point").count()


def test_a_filter_change_updates_the_same_chart_node_with_the_new_marks(app) -> None:
    visit(app, "funding")
    app.wait_for_selector(f"{FUNDING_CHART} .js-plotly-plot .main-svg")
    assert drawn_bars(app) == bars_in_funding() > 0
    app.evaluate(f"() => {{ window.__chartNode = document.querySelector('{FUNDING_CHART} .js-plotly-plot'); }}")
    pick_country(app, "United States")
    app.wait_for_function(
        f"() => document.querySelectorAll('{FUNDING_CHART} .js-plotly-plot .point').length === {bars_in_funding(('United States',))}",
        timeout=15_000,
    )
    assert app.evaluate(f"() => document.querySelector('{FUNDING_CHART} .js-plotly-plot') === window.__chartNode")
    app.wait_for_selector(f"{FUNDING_CHART}[data-drawn]", timeout=15_000)  # the new figure fully drawn, said so
    assert drawn_bars(app) == bars_in_funding(("United States",)) != bars_in_funding()
    assert app.locator(EXCEPTION).count() == 0
    screenshot(app, "plotly-chart-updated-in-place")


def test_plotly_js_is_fetched_once_per_page_from_this_server(app) -> None:
    requested: list[str] = []
    app.on("request", lambda request: requested.append(request.url))
    visit(app, "funding")  # two charts
    app.wait_for_function(f"() => document.querySelectorAll('{PLOTLY}').length >= 2", timeout=30_000)
    app.locator('[data-testid="stSidebarNav"] a').filter(has_text="Timeline").first.click()
    app.wait_for_function("() => location.pathname.endsWith('/timeline')", timeout=15_000)
    app.wait_for_selector(PLOTLY, timeout=30_000)
    plotly_js = [url for url in requested if "plotly" in url and url.endswith(".js")]
    assert [url.removeprefix(app.app_url) for url in plotly_js if "plotly.min.js" in url] == [PLOTLY_JS_REQUEST]
    assert not [url for url in requested if "PlotlyChart" in url]  # Streamlit's own copy of plotly.js is never loaded
    served = app.evaluate(f"() => fetch('{PLOTLY_JS_REQUEST}').then(r => r.text())")
    assert served == plotly_chart.PLOTLY_JS.read_text(encoding="utf-8")


def test_the_chart_follows_its_container_width(app) -> None:
    visit(app, "funding")
    app.wait_for_selector(f"{FUNDING_CHART} .main-svg")
    width = lambda: app.locator(f"{FUNDING_CHART} .main-svg").first.bounding_box()["width"]  # noqa: E731
    container = lambda: app.locator(FUNDING_CHART).bounding_box()["width"]  # noqa: E731
    with_sidebar = width()
    assert abs(with_sidebar - container()) <= 1
    app.locator('[data-testid="stSidebar"]').hover()  # the collapse button shows on hover
    app.get_by_role("button", name="Collapse sidebar").click()
    app.wait_for_function(
        f"() => document.querySelector('{FUNDING_CHART} .main-svg').getBoundingClientRect().width > {with_sidebar + 50}",
        timeout=10_000,
    )
    assert abs(width() - container()) <= 1
    app.set_viewport_size({"width": 420, "height": 1600})
    app.wait_for_function(
        f"() => document.querySelector('{FUNDING_CHART} .main-svg').getBoundingClientRect().width < 420",
        timeout=10_000,
    )
    assert abs(width() - container()) <= 1
    screenshot(app, "plotly-chart-narrow")


def test_the_chart_carries_its_text_alternative(app) -> None:
    visit(app, "timeline")
    app.wait_for_selector(PLOTLY)
    chart = app.locator(PLOTLY_CHART).first
    assert chart.get_attribute("role") == "figure"
    label = app.evaluate(
        f"() => document.getElementById(document.querySelector('{PLOTLY_CHART}').getAttribute('aria-labelledby')).textContent"
    )
    assert re.match(r"Timeline of \d+ dated events, \d{4} to \d{4}\. ", label)
    assert app.get_by_role("figure", name=label).count() == 1


def test_a_library_that_cannot_load_is_said_in_words_and_the_page_works(page, app_url: str) -> None:
    page.route(f"**{PLOTLY_JS_REQUEST}", lambda route: route.abort())
    page.goto(f"{app_url}/funding")
    message = page.locator(f".st-key-funding_chart {PLOTLY_CHART} [role=status]")
    message.wait_for(state="visible", timeout=30_000)
    assert message.inner_text() == t("chart_unavailable", "en")
    assert page.get_by_role("heading", name="The money").first.is_visible()
    assert page.locator(EXCEPTION).count() == 0
    screenshot(page, "plotly-chart-library-missing")


def test_a_figure_that_fails_to_draw_shows_a_short_error_and_the_page_keeps_working(app) -> None:
    visit(app, "funding")
    app.wait_for_selector(f"{FUNDING_CHART} .main-svg")
    app.evaluate("() => { window.Plotly.react = () => Promise.reject(new Error('cannot draw this figure')); }")
    pick_country(app, "United States")
    message = app.locator(f"{FUNDING_CHART} [role=status]")
    message.wait_for(state="visible", timeout=15_000)
    assert message.inner_text() == t("chart_failed", "en")
    assert app.locator(f"{FUNDING_CHART}[data-drawn]").count() == 0  # a failed figure is not reported as drawn
    assert app.locator(EXCEPTION).count() == 0
    # The rest of the page still answers: the filter reached the URL, and the flow picker lists only its flows.
    assert query_of(app).get("country") == "United States"
    assert app.get_by_role("heading", name="The money").first.is_visible()
    screenshot(app, "plotly-chart-failed")


# Each time a chart says it is drawn, how many bars it holds then (an observer runs before any later drawing starts).
RECORD_DRAWN = """() => {
  window.__drawnBars = [];
  new MutationObserver(records => records.forEach(record => {
    // the funding chart's own: the page's other charts (the dot plot of every amount) are drawn too
    if (record.target.dataset.drawn && record.target.closest('.st-key-funding_chart'))
      window.__drawnBars.push(record.target.querySelectorAll('.point').length);
  })).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['data-drawn']});
}"""


def test_only_the_latest_figure_is_said_to_be_drawn(app) -> None:
    """A figure handed over while plotly.js is still loading replaces the one before it, and 'drawn' is said of the
    latest alone: the benchmark waits on it before a page's first change (said of a replaced figure, it timed the
    briefing's first change while plotly.js was still being read, about 1 s)."""
    held: list = []
    app.route(
        f"**{PLOTLY_JS_REQUEST}", lambda route: held.append(route)
    )  # plotly.js held back until both figures have been handed over
    visit(app, "funding")
    app.evaluate(RECORD_DRAWN)
    pick_country(app, "United States")
    app.wait_for_function("() => document.querySelector('.st-key-funding_chart .techrift-plotly')", timeout=15_000)
    assert held and app.locator(f"{FUNDING_CHART}[data-drawn]").count() == 0
    held[0].continue_()
    app.wait_for_selector(f"{FUNDING_CHART}[data-drawn]", timeout=30_000)
    assert drawn_bars(app) == bars_in_funding(("United States",)) != bars_in_funding()
    assert app.evaluate("() => window.__drawnBars") == [bars_in_funding(("United States",))]
    assert app.locator(EXCEPTION).count() == 0


LABEL_EXTENT = f"""() => document.fonts.ready.then(() => {{
  const graph = document.querySelector('{FUNDING_CHART} .js-plotly-plot');
  const figure = graph.querySelector('.main-svg').getBoundingClientRect();
  const labels = [...graph.querySelectorAll('.yaxislayer-above text')].map(label => label.getBoundingClientRect());
  return [Math.min(...labels.map(box => box.left)) - figure.left, Math.max(...labels.map(box => box.right)) - figure.left,
          graph._fullLayout._size.l];
}})"""


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_money_charts_labels_fill_the_room_measured_for_them(app, lang: str) -> None:
    """The room for the bar labels is measured on the server, in the font the browser draws them in (plotly.js
    measuring seven panels' labels was half of each redraw): every label whole, the widest at the figure's edge."""
    visit(app, f"funding?lang={lang}")
    app.wait_for_selector(f"{FUNDING_CHART}[data-drawn]", timeout=30_000)
    left, right, room = app.evaluate(LABEL_EXTENT)
    assert 0 <= left < 2, f"the widest label starts at {left} px"  # not cut, and no room left empty
    assert right <= room, "a label runs into its panel"
