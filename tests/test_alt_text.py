"""Text alternatives: written from the rows a chart draws (counts, period, extremes), and passed as `alt` by every
chart and map of every page."""

from __future__ import annotations

import pandas as pd
import pytest
from apptest_helpers import chart_alts, run_page

from techrift.charts import alt_text


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "start": pd.to_datetime(["2019-03-01", "2018-07-01", "2019-11-01", None]),
            "date_label": ["March 2019", "July 2018", "November 2019", "?"],
            "category": ["tie_cut", "tie_suspended", "tie_cut", "tie_cut"],
            "title_en": ["Cut B", "Suspended A", "Cut C", "Undated"],
        }
    )


def test_events_alt_counts_the_dated_events_and_names_the_extremes() -> None:
    text = alt_text.events_alt(_events(), "en")
    assert text.startswith("Timeline of 3 dated events, 2018 to 2019.")
    assert "Most common: Ties cut (2)" in text or "(2)" in text.split("Most common:")[1].split(".")[0]
    assert "Busiest year: 2019 (2 events)" in text
    assert "Earliest: Suspended A (July 2018)" in text and "Latest: Cut C (November 2019)" in text
    assert "Undated" not in text


def test_events_alt_changes_with_the_rows() -> None:
    fewer = _events().iloc[:1]
    assert alt_text.events_alt(fewer, "en").startswith("Timeline of 1 dated events, 2019 to 2019.")
    assert alt_text.events_alt(_events().iloc[0:0], "en") == "Timeline: nothing to draw with these filters."


def test_flows_alt_names_the_largest_and_smallest_amounts() -> None:
    flows = pd.DataFrame(
        {
            "amount": [300_000_000, 70_000, 2_000_000],
            "usd_amount": [300_000_000, 70_000, 2_000_000],
            "currency": ["USD"] * 3,
            "amount_kind": ["per_year", "cap_per_project", "per_year"],
            "status": ["budgeted", "offered", "contracted"],
            "recipient": ["Universities", "Projects", "Skoltech"],
            "year": [2019, 2019, 2020],
        }
    )
    text = alt_text.flows_alt(flows, "en")
    assert text.startswith("Bar chart of 3 amounts, 2019 to 2020, in 2 panels.")
    assert "Largest: 300 million USD a year" in text and "to Universities" in text
    assert "Smallest: up to 70,000 USD per project" in text and "to Projects" in text


def test_counts_alt_names_the_highest_and_lowest_year() -> None:
    series = pd.DataFrame({"year": [2013, 2016, 2019], "value": [1.0, 4.0, 10.0], "unit": ["contracts"] * 3})
    text = alt_text.counts_alt(series, "Skoltech contracts", "en")
    assert text == (
        "Bar chart of Skoltech contracts in 3 years, 2013 to 2019. Highest: 10 contracts in 2019. "
        "Lowest: 1 contracts in 2013."
    )


def test_map_alt_lists_the_institutions_most_tied_first() -> None:
    places = pd.DataFrame(
        {
            "name": ["Kazan Federal University", "Skolkovo Institute (Skoltech)"],
            "city": ["Kazan", "Moscow"],
            "events": [1, 3],
        }
    )
    sites = pd.DataFrame({"city": ["Moscow", "Shenzhen"]})
    text = alt_text.map_alt(places, sites, "en", outside=("Huawei headquarters, Shenzhen",))
    assert text.startswith("Map of 2 institutions in 2 cities and 2 Huawei sites. Most ties: Skolkovo Institute (3).")
    assert "Institutions: Skolkovo Institute (Moscow); Kazan Federal University (Kazan)." in text
    assert "Arcs to Huawei headquarters, Shenzhen, outside the frame" in text


def test_alt_texts_are_translated() -> None:
    assert alt_text.events_alt(_events(), "vi").startswith("Dòng thời gian gồm 3 sự kiện có ngày")


# Every chart of every page: (page, query, element kind, a text of its alt that only the data gives).
PAGES = [
    ("pages/timeline.py", {}, "plotly", "dated events"),
    ("pages/compare.py", {}, "plotly", "dated events"),
    ("pages/funding.py", {}, "plotly", "amounts"),
    ("pages/map.py", {}, "deck_gl_json_chart", "Map of 7 institutions"),
    ("pages/map.py", {"view": "world"}, "deck_gl_json_chart", "Map of 13 institutions"),
    ("pages/briefing.py", {}, "plotly", "dated events"),
    ("pages/briefing.py", {"step": "3"}, "plotly", "Map of 7 institutions"),
    ("pages/briefing.py", {"step": "4"}, "plotly", "amounts"),
    ("pages/briefing.py", {"present": "1", "step": "2"}, "plotly", "dated events"),
]


@pytest.mark.parametrize(("page", "query", "kind", "expected"), PAGES, ids=lambda value: str(value))
def test_every_chart_of_every_page_has_an_alt_from_its_data(page: str, query: dict, kind: str, expected: str) -> None:
    at = run_page(page, query)
    assert not at.exception
    alts = chart_alts(at, kind)
    assert alts, f"{page} drew no {kind} chart"
    for alt in alts:
        assert alt.strip(), f"{page}: a {kind} chart without alt"
    assert expected in alts[0]


def test_the_filters_change_the_alt() -> None:
    everything = chart_alts(run_page("pages/timeline.py"), "plotly")[0]
    one_year = chart_alts(run_page("pages/timeline.py", {"years": "2019-2019"}), "plotly")[0]
    assert everything.startswith("Timeline of 24 dated events")  # the fixture data's
    one_year_count = int(one_year.removeprefix("Timeline of ").split()[0])
    assert 0 < one_year_count < 24 and one_year.startswith(f"Timeline of {one_year_count} dated events")
