"""Every page in a real browser: drawn with the marks the data calls for, no exception, a sidebar filter changes the
drawing and the URL, a deep link reproduces a view, clicking a chart mark opens its detail.

PAGES is the one list to extend: a PageSpec per page. A field not filled in yet is TODO, and the test that needs it
fails saying so (it is not skipped).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import plotly.graph_objects as go
import pytest
from conftest import DECK, EXCEPTION, PLOTLY, pick_country, query_of, rerun_after, screenshot, visit

from techrift import briefing, comparison, maps, sitemap, views
from techrift import filters as flt
from techrift.charts import compare as compare_charts
from techrift.data import Dataset, default_data_dir, load_dataset
from techrift.i18n import t
from techrift.pivot import pivot_events
from tests.e2e.chromium import PLOTLY_CHART, wait_for_app
from tests.e2e.server import served

TODO: Any = "TODO"
MarkCount = Callable[[Dataset, flt.Filters, flt.FilterOptions], int]
# kind of chart -> (its element, what inside it shows that it was drawn)
CHARTS = {
    "plotly": (PLOTLY_CHART, ".js-plotly-plot .main-svg"),
    "deck": ('[data-testid="stDeckGlJsonChart"]', "canvas"),
}


@dataclass(frozen=True)
class PageSpec:
    """What one page must do in the browser."""

    heading: str  # a heading the page shows
    charts: dict[str, int]  # kind of chart (CHARTS) -> how many the page draws on the shipped data
    marks: (
        MarkCount | None
    )  # marks (bars, markers) in the page's first Plotly chart, from the data; None: no Plotly chart
    filter: (
        tuple[str, str] | None
    )  # a view's query and a country whose pick changes what it draws; None: nothing filtered is drawn
    deep_link: tuple[str, str]  # a query, and a text only the view it opens shows
    pick: (
        tuple[str, str, str, str] | None
    )  # a view with one mark; the URL parameter clicking it sets, its value, a text of the detail


def plotly_marks(figure: go.Figure) -> int:
    """Bars and markers in a figure (lines and shapes are not marks one can click)."""
    return sum(
        len(trace.x if trace.x is not None else ())
        for trace in figure.data
        if trace.type == "bar" or "markers" in (getattr(trace, "mode", None) or "")
    )


def dated_pivot_events(dataset: Dataset, filters: flt.Filters, options: flt.FilterOptions) -> int:
    """One mark per dated event of the pivot (a marker for a known day, a span otherwise)."""
    pivot = pivot_events(flt.apply_to_events(dataset.events, filters, options), dataset.places)
    return int(pivot["start"].notna().sum())


def flows_in_filters(dataset: Dataset, filters: flt.Filters, options: flt.FilterOptions) -> int:
    """One bar per amount; estimates are listed, never drawn."""
    return len(flt.money_drawn(flt.apply_to_flows(dataset.flows, filters, options)))


def compare_moves(dataset: Dataset, filters: flt.Filters, options: flt.FilterOptions) -> int:
    """The default pair's dated moves (in both panels when the chart adds a close-up of the latest year)."""
    events = flt.apply_to_events(dataset.events, comparison.with_brand_groups(filters), options)
    moves = comparison.moves(events, *comparison.DEFAULT_PAIR)
    return plotly_marks(compare_charts.moves_figure(moves, list(comparison.DEFAULT_PAIR), dataset, "en"))


def first_briefing_step(dataset: Dataset, filters: flt.Filters, options: flt.FilterOptions) -> int:
    return plotly_marks(briefing.STEPS[0].figure(flt.Scope(dataset, filters, options), default_data_dir(), "en"))


PAGES: dict[str, PageSpec] = {
    "": PageSpec(
        heading="TechRift",
        charts={},
        marks=None,
        filter=None,
        deep_link=("lang=vi", t("overview_story", "vi")),
        pick=None,
    ),
    "timeline": PageSpec(
        heading="Doors close in the US",
        charts={"plotly": 1},
        marks=dated_pivot_events,
        filter=("", "United Kingdom"),
        deep_link=(
            "years=2019-2019&country=United%20Kingdom&event=oxford-stops-funding",
            "Oxford stops seeking new Huawei funding",
        ),
        pick=(
            "years=2019-2019&country=United%20Kingdom",
            "event",
            "oxford-stops-funding",
            "Oxford stops seeking new Huawei funding",
        ),
    ),
    "map": PageSpec(
        heading="Huawei's partners in Russia",
        charts={"deck": 1},
        marks=None,
        filter=("view=world", "United States"),
        deep_link=("view=world&place=princeton", "Princeton University"),
        pick=("view=world&country=United%20Kingdom", "place", "oxford", "Oxford, United Kingdom"),
    ),
    "funding": PageSpec(
        heading="The money",
        charts={"plotly": 3},
        marks=flows_in_filters,
        filter=("", "United States"),
        deep_link=("company=Nvidia&log=1&flow=nvidia-h20-unshipped", "2.5 billion USD of sales not shipped"),
        pick=("company=AWS", "flow", "aws-lab-graph-revenue-claim", "helped generate nearly 1 billion USD"),
    ),
    "compare": PageSpec(
        heading="AWS vs Nvidia in China",
        charts={"plotly": 1},
        marks=compare_moves,
        filter=("", "China"),
        deep_link=("a=Nvidia&b=AWS", "Nvidia vs AWS in China"),
        pick=(
            "years=2018-2018",
            "event",
            "aws-shanghai-lab-opened",
            "AWS announces its Shanghai AI lab under Zhang Zheng",
        ),
    ),
    "sources": PageSpec(
        heading="Sources",
        charts={},
        marks=None,
        filter=None,
        deep_link=("source=dailycal", "UC Berkeley suspends new research collaborations"),
        pick=None,
    ),
    "record": PageSpec(
        heading="Record",
        charts={},
        marks=None,
        filter=None,
        deep_link=("id=stanford-moratorium", "Where it appears"),
        pick=None,
    ),
    "briefing": PageSpec(
        heading="The doors close in the US",
        charts={"plotly": 1},
        marks=first_briefing_step,
        filter=("", "United Kingdom"),
        deep_link=("step=4", "The money, kept apart by what it means"),
        pick=None,
    ),  # presenter mode shows the story; a mark's detail is on its page
    "search": PageSpec(
        heading="Search the records",
        charts={},
        marks=None,
        filter=None,
        deep_link=("q=Skoltech", "match “Skoltech”"),
        pick=None,
    ),  # results are links to the record pages (tests/e2e/test_search_browser.py)
}


def filled(value: Any, what: str, path: str) -> Any:
    """The spec's value; fails the test while it is still TODO."""
    parts = value if isinstance(value, tuple) else (value,)
    assert all(part is not TODO for part in parts), f"PAGES[{path!r}].{what} is still TODO"
    return value


def pages_where(condition: Callable[[PageSpec], bool]) -> list[str]:
    return [path for path, spec in PAGES.items() if condition(spec)]


@pytest.fixture(scope="module")
def shipped() -> tuple[Dataset, flt.FilterOptions]:
    dataset = load_dataset()
    return dataset, flt.options_for(dataset)


def expected_marks(path: str, shipped: tuple[Dataset, flt.FilterOptions], countries: tuple[str, ...] = ()) -> int:
    dataset, options = shipped
    count = filled(PAGES[path].marks, "marks", path)
    return count(dataset, flt.Filters(years=(options.first_year, options.last_year), countries=countries), options)


def shows(page, text: str) -> bool:
    """Whether the page shows `text` (the data grid keeps a hidden copy of its cells, which does not count)."""
    return page.get_by_text(text).filter(visible=True).count() > 0


def first_chart_marks(page) -> int:
    return page.locator(CHARTS["plotly"][0]).first.locator(".js-plotly-plot .point").count()


def first_drawing(page, spec: PageSpec) -> bytes:
    """A picture of the page's first chart, to tell whether what is drawn changed."""
    chart, drawn = CHARTS[next(iter(spec.charts))]
    page.wait_for_selector(f"{chart} {drawn}", timeout=30_000)
    return page.locator(chart).first.screenshot()


@pytest.mark.parametrize("path", [page.url_path for page in sitemap.PAGES])  # every page, with or without a spec
def test_page_renders_and_draws_its_marks(app, path: str, shipped) -> None:
    assert path in PAGES, f"PAGES[{path!r}] is missing: say what the page must do in the browser"
    spec = PAGES[path]
    visit(app, path)
    for kind, count in spec.charts.items():
        chart, drawn = CHARTS[kind]
        app.wait_for_selector(f"{chart} {drawn}", timeout=30_000)
        assert app.locator(chart).count() == count, kind
        assert app.locator(chart).filter(has=app.locator(drawn)).count() == count, f"a {kind} chart is not drawn"
    assert app.get_by_role("heading", name=spec.heading).first.is_visible()
    assert app.locator(EXCEPTION).count() == 0
    screenshot(app, path or "overview")
    if spec.marks is not None:
        assert first_chart_marks(app) == expected_marks(path, shipped) > 0


@pytest.mark.parametrize("path", pages_where(lambda spec: spec.filter is not None))
def test_a_sidebar_filter_changes_the_drawing_and_the_url(app, path: str, shipped) -> None:
    spec = PAGES[path]
    query, country = spec.filter
    visit(app, f"{path}?{query}")
    before = first_drawing(app, spec)
    pick_country(app, country)
    assert query_of(app).get("country") == country
    assert first_drawing(app, spec) != before
    assert app.locator(EXCEPTION).count() == 0
    screenshot(app, f"{path}-filtered")
    if spec.marks is not None:
        assert first_chart_marks(app) == expected_marks(path, shipped, (country,))


@pytest.mark.parametrize("path", list(PAGES))
def test_a_deep_link_reproduces_the_view(app, path: str) -> None:
    query, text = filled(PAGES[path].deep_link, "deep_link", path)
    visit(app, f"{path}?{query}")
    assert shows(app, text)
    assert app.locator(EXCEPTION).count() == 0


def web_mercator(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """A point's pixel position in deck.gl's world at a zoom (512 pixels wide at zoom 0)."""
    size = 512 * 2**zoom
    return (lon + 180) / 360 * size, (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * size


def place_on_the_map(page, dataset: Dataset, data_dir: Path, place_id: str, query: str) -> tuple[float, float]:
    """Where the page's map draws a place (deck.gl objects are not in the DOM), at the first view its deck has."""
    place = dataset.places.set_index("place_id").loc[place_id]
    params = {key: values[-1] for key, values in parse_qs(query).items()}
    view = params.get("view", maps.RUSSIA)
    options = flt.options_for(dataset)
    filters = flt.from_params(params, options)[0]
    state = json.loads(views.map_deck(flt.Scope(dataset, filters, options), data_dir, view).to_json())[
        "initialViewState"
    ]
    centre = web_mercator(state["longitude"], state["latitude"], state["zoom"])
    point = web_mercator(place["lon"], place["lat"], state["zoom"])
    box = page.locator(DECK).first.bounding_box()
    return box["x"] + box["width"] / 2 + point[0] - centre[0], box["y"] + box["height"] / 2 + point[1] - centre[1]


def click_place_on_the_map(page, dataset: Dataset, place_id: str, query: str) -> None:
    """Click where the map draws a place."""
    x, y = place_on_the_map(page, dataset, default_data_dir(), place_id, query)
    page.mouse.move(
        x, y
    )  # deck.gl picks the object under the pointer on hover; a click with no hover before picks nothing
    page.wait_for_selector(".deck-tooltip", state="visible")
    # deck.gl reports a single click only once no second click can follow (it zooms on a double click), ~0.6 s here.
    # Then the pointer leaves, so the tooltip goes and what is asserted next is the page's own detail.
    rerun_after(page, lambda: (page.mouse.click(x, y), page.wait_for_timeout(700), page.mouse.move(0, 0)))
    page.wait_for_selector(".deck-tooltip", state="hidden")  # its text must not pass for the detail's


@pytest.mark.parametrize("path", pages_where(lambda spec: spec.pick is not None))
def test_clicking_a_chart_mark_opens_its_detail(app, path: str, shipped) -> None:
    query, param, record_id, detail = filled(PAGES[path].pick, "pick", path)
    visit(app, f"{path}?{query}")
    if "deck" in PAGES[path].charts:
        app.wait_for_selector(DECK)
        app.wait_for_timeout(500)  # deck.gl attaches its pointer handlers after the first frame
        click_place_on_the_map(app, shipped[0], record_id, query)
    else:
        app.wait_for_selector(PLOTLY)
        assert first_chart_marks(app) == 1
        mark = app.locator(CHARTS["plotly"][0]).first.locator(".js-plotly-plot .point")
        rerun_after(app, lambda: mark.click(force=True))
    app.wait_for_function(
        f"() => new URLSearchParams(location.search).get('{param}') === '{record_id}'", timeout=15_000
    )
    app.get_by_text(detail).filter(visible=True).first.wait_for(timeout=15_000)
    assert shows(app, detail)
    assert app.locator(EXCEPTION).count() == 0
    screenshot(app, f"{path}-picked")


def test_filters_survive_a_page_switch(app) -> None:
    visit(app, "timeline?company=Huawei&years=2019-2021")
    app.locator('[data-testid="stSidebarNav"] a').filter(has_text="Funding: the money").first.click()
    app.wait_for_function(
        "() => location.pathname.endsWith('/funding') && location.search.includes('company=Huawei')", timeout=15_000
    )
    assert query_of(app).get("company") == "Huawei" and query_of(app).get("years") == "2019-2021"


def test_a_deep_link_as_the_first_visit_of_a_fresh_server_gets_the_app_navigation(page) -> None:
    # Streamlit runs a folder named pages/ as old-style pages until the entrypoint has run once per process.
    with served() as server:
        page.goto(f"{server.url}/map?view=world")
        wait_for_app(page)
        page.wait_for_selector(DECK, timeout=30_000)
        nav = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        assert any("Map: Huawei in Russia" in item for item in nav), nav
        assert not any(item.strip() in ("dashboard", "map") for item in nav), nav
        assert query_of(page).get("view") == "world"
