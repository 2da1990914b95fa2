"""Every page in Vietnamese, as the browser draws it: the axis ticks Plotly draws are the locale layer's (no English
month, no '50M' or '0.2B'), the table headers are the catalogue's, and a screenshot of each page is kept to look at
(artifacts/e2e/vi-<page>.png)."""

from __future__ import annotations

import re

import pytest
from conftest import EXCEPTION, PLOTLY, VIEW_PATHS, screenshot, visit

from techrift.i18n import column_label

ENGLISH_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
SI_SUFFIX = re.compile(r"^[\d.,]+\s?[kMGB]$")  # plotly.js's own number ticks: '50M', '0.2B', '20k'
# page -> how many Plotly charts it draws in Vietnamese on the shipped data
HEADER = '[data-testid="stDataFrame"] [role="columnheader"]'
TABLES = {
    "": False,
    "timeline": True,
    "map": True,
    "funding": True,
    "compare": True,
    "sources": True,
    "briefing": False,
    "search": False,  # results are lines of links, no table
    "record": False,  # with no id: the picker of records
}
CHARTS = {
    "": 0,
    "timeline": 1,
    "map": 0,
    "funding": 2,
    "compare": 1,
    "sources": 0,
    "briefing": 1,
    "search": 0,
    "record": 0,
}


@pytest.mark.parametrize("path", ["", *VIEW_PATHS])
def test_a_page_in_vietnamese_draws_its_ticks_and_headers_in_vietnamese(app, path: str) -> None:
    visit(app, f"{path}?lang=vi")
    charts = CHARTS[path]
    if charts:
        app.wait_for_selector(PLOTLY, timeout=30_000)
    assert app.locator(EXCEPTION).count() == 0
    ticks = [text.strip() for text in app.locator(f"{PLOTLY} .xtick text, {PLOTLY} .ytick text").all_text_contents()]
    assert bool(ticks) == bool(charts)
    assert not [tick for tick in ticks if ENGLISH_MONTH.search(tick) or SI_SUFFIX.match(tick)], ticks
    if TABLES[path]:
        app.locator(HEADER).first.wait_for(state="attached", timeout=30_000)  # the grid draws after the run
    headers = [text.strip() for text in app.locator(HEADER).all_text_contents()]
    assert bool(headers) == TABLES[path]
    assert "date" not in headers and "payer" not in headers and "source_id" not in headers, headers
    if path in ("timeline", "compare"):
        assert column_label("date", "vi") in " ".join(headers)
    screenshot(app, f"vi-{path or 'overview'}")
