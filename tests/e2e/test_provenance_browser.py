"""Provenance in a real browser: the citation of a view holds its full link, an old link says the data changed,
the support of a record is shown, and the well-supported toggle narrows the view and the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from conftest import EXCEPTION, query_of, rerun_after, screenshot, visit

from techrift.data import default_data_dir, load_dataset
from techrift.datapackage import read_release
from techrift.support import support_text

RELEASE = read_release(default_data_dir())  # the data the served app reads


def test_the_citation_holds_the_full_link_of_the_view(app) -> None:
    visit(app, "timeline?years=2019-2020&country=United%20States")
    app.get_by_text("Cite this view").click()
    reference = app.locator('[data-testid="stCode"]').filter(has_text="TechRift (").first
    reference.wait_for(state="visible", timeout=15_000)
    text = reference.inner_text()
    assert f"data version {RELEASE.version}, data as of {RELEASE.data_as_of}" in text
    link = next(word for word in text.split() if word.startswith(app.app_url))
    query = parse_qs(urlparse(link).query)
    assert urlparse(link).path == "/timeline"
    assert query["years"] == ["2019-2020"] and query["country"] == ["United States"] and query["v"] == [RELEASE.version]
    assert app.get_by_text("[dailycal]").first.is_visible()  # a source behind the records shown
    screenshot(app, "provenance-cite")
    assert app.locator(EXCEPTION).count() == 0


def test_an_old_link_says_the_data_changed_and_the_url_takes_the_new_version(app) -> None:
    visit(app, "funding?v=1.0.0")
    notice = app.get_by_text("This link was made with data version 1.0.0")
    notice.wait_for(state="visible", timeout=15_000)
    assert f"now version {RELEASE.version}" in notice.inner_text()
    assert query_of(app)["v"] == RELEASE.version
    screenshot(app, "provenance-old-link")


def test_a_records_support_is_shown_and_the_toggle_keeps_well_supported_records(app) -> None:
    visit(app, "timeline?event=berkeley-suspends")
    events = load_dataset(default_data_dir()).events.set_index("event_id", drop=False)
    expected = support_text(events.loc["berkeley-suspends"])  # what the shipped data says of it, e.g. "4 independent…"
    assert "independent source" in expected
    app.get_by_text(expected).first.wait_for(state="visible", timeout=15_000)
    rerun_after(app, lambda: app.get_by_text("Well-supported records only").click())
    assert query_of(app).get("support") == "well"
    assert app.locator(EXCEPTION).count() == 0
    screenshot(app, "provenance-well-supported")
