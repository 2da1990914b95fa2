"""Share what you see, in the browser: "Copy link" puts the citation's link on the clipboard (or in a selected field
where the clipboard is refused), the filter chips above the page are removed with a click (URL, sidebar and view
follow) and fit a phone, years can be typed, and a chart's image downloads as PNG and SVG with its title, its source
line and the data version drawn into it."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import query_of, rerun_after, screenshot
from PIL import Image

from techrift import filters as flt
from techrift import views
from techrift.data import Dataset, default_data_dir, load_dataset
from techrift.i18n import t
from tests.e2e.chromium import PLOTLY_CHART, wait_for_app

CHIPS = ".st-key-share_bar"
COPY = ".techrift-copy-link"
DRAWN = f"{PLOTLY_CHART}[data-drawn]"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(default_data_dir())


def visit(page, path: str) -> None:
    """Open a path of the app and wait until it is drawn (a generous bound: two cores shared by many)."""
    page.goto(f"{page.app_url}/{path}")
    wait_for_app(page, timeout=150_000)


def _chip(page, label: str):
    return page.locator(CHIPS).get_by_role("button", name=label)


def _timeline_alt(page) -> str:
    page.wait_for_selector(DRAWN, timeout=60_000)
    return page.locator(f"{DRAWN} .techrift-plotly-alt").first.text_content() or ""


def _expected_alt(dataset: Dataset, params: dict[str, str]) -> str:
    options = flt.options_for(dataset)
    filters, notices = flt.from_params(params, options)
    assert notices == []
    return views.timeline_chart(flt.Scope(dataset, filters, options), "en").alt


# --------------------------------------------------------------------------- Copy link


def test_copy_link_puts_the_citations_link_on_the_clipboard(app, context, shipped: Dataset) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.app_url)
    visit(app, "timeline?years=2019-2020&company=Huawei")
    button = app.get_by_role("button", name=t("copy_link", "en"))
    button.click()
    status = app.locator(f"{COPY} [role=status]")
    status.filter(has_text=t("copy_link_copied", "en")).wait_for(timeout=10_000)
    copied = app.evaluate("navigator.clipboard.readText()")
    # The link of the view as it is: the address bar, stamped with the data version.
    assert copied == app.url
    query = parse_qs(urlparse(copied).query)
    assert query["years"] == ["2019-2020"] and query["company"] == ["Huawei"]
    assert query["v"] == [shipped.release.version]
    # The same link "Cite this view" gives.
    app.get_by_text(t("cite_this_view", "en")).click()
    references = app.locator('[data-testid="stCode"]').all_inner_texts()
    assert any(copied in text for text in references), references


def test_copy_link_falls_back_to_a_selected_field_in_vietnamese(app) -> None:
    # A browser that refuses the clipboard (a page served over plain HTTP to another machine, or a denied permission).
    app.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: {writeText: () => Promise.reject(new Error('denied'))}})"
    )
    visit(app, "funding?lang=vi&years=2019-2020")
    app.get_by_role("button", name=t("copy_link", "vi")).click()
    field = app.locator(f"{COPY} input")
    field.wait_for(state="visible", timeout=10_000)
    assert field.input_value() == app.url == app.locator(COPY).get_attribute("data-link")
    selected = app.evaluate(
        "() => { const f = document.querySelector('.techrift-copy-link input');"
        " return document.activeElement === f && f.selectionStart === 0 && f.selectionEnd === f.value.length; }"
    )
    assert selected
    status = app.locator(f"{COPY} [role=status]").inner_text()
    assert status in (t("copy_link_copied", "vi"), t("copy_link_manual", "vi"))
    assert "Copy" not in (app.locator(COPY).inner_text())


# --------------------------------------------------------------------------- the chips


def test_removing_a_chip_clears_its_filter_the_url_and_the_view(app, shipped: Dataset) -> None:
    visit(app, "timeline?years=2019-2020&company=Huawei&country=Russia")
    before = {"years": "2019-2020", "company": "Huawei", "country": "Russia"}
    assert _timeline_alt(app) == _expected_alt(shipped, before)
    rerun_after(app, _chip(app, "Russia").click)
    query = query_of(app)
    assert "country" not in query and query["company"] == "Huawei" and query["years"] == "2019-2020"
    countries = app.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Countries")
    assert "Russia" not in countries.inner_text()
    after = _expected_alt(shipped, {"years": "2019-2020", "company": "Huawei"})
    app.wait_for_function(
        "alt => [...document.querySelectorAll('.techrift-plotly-alt')].some(p => p.textContent === alt)",
        arg=after,
        timeout=60_000,
    )
    assert after != _expected_alt(shipped, before)
    assert _chip(app, "Russia").count() == 0 and _chip(app, "Huawei").count() == 1
    # The years' chip: all the data's years again.
    rerun_after(app, _chip(app, "2019–2020").click)
    options = flt.options_for(shipped)
    assert query_of(app)["years"] == f"{options.first_year}-{options.last_year}"


def test_chips_fit_a_phone_with_the_sidebar_closed(app) -> None:
    app.set_viewport_size({"width": 390, "height": 844})
    visit(app, "map?lang=vi&years=2019-2020&company=Huawei&country=Russia&support=well&kind=tie_cut")
    assert (
        not app.locator('[data-testid="stSidebar"]').is_visible()
        or app.locator('[data-testid="stSidebar"][aria-expanded="false"]').count()
    )
    bar = app.locator(CHIPS)
    buttons = bar.get_by_role("button")
    assert buttons.count() >= 6  # five chips and "Clear all"
    for index in range(buttons.count()):
        box = buttons.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (index, box)
    copy_box = app.locator(COPY).bounding_box()
    assert copy_box and copy_box["x"] + copy_box["width"] <= 390
    assert t("chips_clear_all", "vi") in bar.inner_text()
    screenshot(app, "share-chips-phone-vi")


# --------------------------------------------------------------------------- typed years


def test_years_typed_set_the_url_and_bad_ones_change_nothing(app) -> None:
    visit(app, "timeline?years=2019-2020")
    field = app.locator('[data-testid="stSidebar"]').get_by_role("textbox", name=t("typed_years", "en"))
    assert field.input_value() == "2019–2020"
    field.fill("2018 – 2019")
    rerun_after(app, lambda: field.press("Enter"))
    assert query_of(app)["years"] == "2018-2019"
    assert _chip(app, "2018–2019").count() == 1
    field.fill("next year")
    rerun_after(app, lambda: field.press("Enter"))
    assert query_of(app)["years"] == "2018-2019"
    error = app.locator('[data-testid="stSidebar"] [data-testid="stAlert"]').filter(has_text="next year")
    assert "2018-2019" not in error.inner_text() and error.count() == 1


# --------------------------------------------------------------------------- the chart's image


def _svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [" ".join("".join(node.itertext()).split()) for node in root.iter(f"{SVG}text")]


def test_a_charts_image_carries_its_title_source_and_data_version(app, tmp_path, shipped: Dataset) -> None:
    visit(app, "funding?years=2019-2020")
    app.wait_for_selector(DRAWN, timeout=60_000)
    chart = app.locator(DRAWN).first
    row = chart.locator(".techrift-plotly-image")
    assert row.inner_text().startswith(t("chart_image", "en"))
    title = t("sizes_title", "en")  # the heading above the page's first chart
    source = t("chart_source_line", "en", version=shipped.release.version, data_as_of=shipped.release.data_as_of)

    with app.expect_download(timeout=60_000) as svg_download:
        row.get_by_role("button", name=t("chart_image_svg", "en")).click()
    assert svg_download.value.suggested_filename == f"techrift-sizes-chart-data-{shipped.release.version}.svg"
    svg = svg_download.value.path().read_text(encoding="utf-8")
    texts = _svg_texts(svg)
    assert title in texts and source in " ".join(texts), texts
    assert shipped.release.version in source
    assert "@font-face" in svg and "http" not in svg.split("<defs>", 1)[1].split("</style>", 1)[0]  # the font inside

    with app.expect_download(timeout=60_000) as png_download:
        row.get_by_role("button", name=t("chart_image_png", "en")).click()
    assert png_download.value.suggested_filename.endswith(".png")
    image = Image.open(io.BytesIO(png_download.value.path().read_bytes()))
    drawn = chart.locator(".js-plotly-plot").bounding_box()
    assert drawn
    # Twice the chart's width; taller than the chart by the title and source bands.
    assert image.width == round(drawn["width"]) * 2
    assert image.height > round(drawn["height"]) * 2 + 60
    # The bare chart, as Plotly's own export draws it, is another image.
    bare = app.evaluate(
        "() => Plotly.toImage(document.querySelector('.techrift-plotly .js-plotly-plot'), {format: 'png', scale: 2})"
    )
    assert Image.open(io.BytesIO(_data_url_bytes(bare))).size != image.size
    # The title band is drawn: dark text in its first rows.
    band = image.convert("L").crop((0, 0, image.width, 60))
    assert band.getextrema()[0] < 80


def _data_url_bytes(url: str) -> bytes:
    import base64

    return base64.b64decode(url.split(",", 1)[1])


def test_the_image_buttons_speak_vietnamese(app) -> None:
    visit(app, "timeline?lang=vi")
    app.wait_for_selector(DRAWN, timeout=60_000)
    row = app.locator(f"{DRAWN} .techrift-plotly-image").first
    assert (
        row.inner_text().split()
        == " ".join([t("chart_image", "vi"), t("chart_image_png", "vi"), t("chart_image_svg", "vi")]).split()
    )
    screenshot(app, "share-image-buttons-vi")
