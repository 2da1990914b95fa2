"""A record's page in a real browser: it opens at record?id=, its citation is copied with the code block's own
button, and a page with that record selected offers "Cite this record" too."""

from __future__ import annotations

import re

from conftest import EXCEPTION, screenshot, visit

from techrift.data import default_data_dir, load_dataset
from techrift.records import find_record
from tests.e2e.chromium import wait_for_app

RECORD_ID = "stanford-moratorium"  # the shipped data's Stanford event (the browser tests read data/)


def _record():
    record = find_record(load_dataset(default_data_dir()), RECORD_ID)
    assert record is not None
    return record


def test_a_record_page_opens_and_its_citation_is_copied(app, context) -> None:
    record = _record()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.app_url)
    visit(app, f"record?id={RECORD_ID}")
    app.get_by_role("heading", name=record.title["en"]).wait_for(state="visible", timeout=30_000)
    assert app.get_by_text("Where it appears").is_visible()
    app.get_by_text("Cite this record").click()
    reference = app.locator('[data-testid="stCode"]').filter(has_text=f"record?id={RECORD_ID}&v=").first
    reference.wait_for(state="visible", timeout=15_000)
    reference.hover()
    reference.get_by_role("button", name=re.compile("copy", re.IGNORECASE)).click()
    copied = app.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"TechRift ({copied[10:14]}). {record.title['en']}, ")
    assert f"/record?id={RECORD_ID}&v=" in copied and "data version" in copied and "accessed" in copied
    assert "seeds/" not in copied
    screenshot(app, "record-cite")
    assert app.locator(EXCEPTION).count() == 0


def test_a_page_with_the_record_selected_offers_cite_this_record(app) -> None:
    record = _record()
    # the timeline draws its chart before the navigation settles: a first visit under load takes longer than visit's wait
    app.goto(f"{app.app_url}/timeline?event={RECORD_ID}")
    wait_for_app(app, timeout=120_000)
    cite = app.get_by_text("Cite this record")
    cite.wait_for(state="visible", timeout=30_000)
    cite.click()
    reference = app.locator('[data-testid="stCode"]').filter(has_text=f"record?id={RECORD_ID}&v=").first
    reference.wait_for(state="visible", timeout=15_000)
    assert record.title["en"] in reference.inner_text()
    # the view's own citation says whose sources come first
    app.get_by_text("Cite this view").click()
    app.get_by_text(re.compile("those of the selected record")).first.wait_for(state="visible", timeout=15_000)
    screenshot(app, "record-selected-cite")
    assert app.locator(EXCEPTION).count() == 0
