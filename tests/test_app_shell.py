"""The app shell under AppTest: overview figures from the data, URL-bound global filters, every page runs."""

from __future__ import annotations

import pytest
from apptest_helpers import ROOT, run_page, texts

from techrift import filters as flt
from techrift import overview

PAGE_FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def test_overview_shows_figures_computed_from_the_data(dataset) -> None:
    at = run_page("dashboard.py")
    assert not at.exception
    expected = overview.headline_figures(dataset)
    assert [(m.label, m.value) for m in at.metric] == [(f.label, f.value) for f in expected]
    # Every figure is backed by sources listed on the page.
    shown = texts(at)
    for source_id in expected[0].source_ids.split(";"):
        assert f"source={source_id}" in shown


def test_headline_figures_count_the_right_records(dataset) -> None:
    # what each headline counts is tested on its own data in tests/test_overview_counts.py (issue 31's definitions);
    # the fixture's: not the US-government "us-doj", nor "stanford", whose only record is a payment
    cuts, reviews = overview.western_tie_cuts(dataset), overview.western_reviews(dataset)
    assert set(cuts["place_id"].dropna()) | set(reviews["place_id"].dropna()) == {
        "princeton",
        "oxford",
        "uc-berkeley",
        "ut-austin",
        "mit",
        "ohio-state",
    }
    partners = overview.russian_partners(dataset)
    # Kazan's only tie in the fixture is a visit, not a partnership, a lab or a deal
    assert set(partners["place_id"].dropna()) == {"skoltech", "nstu", "mipt", "nsu", "spbpu", "rtu-mirea"}
    nstu = partners[partners["place_id"].eq("nstu")].set_index("event_id")["identification"]
    assert nstu.to_dict() == {"nstu-program": "inferred"}  # its 2021 visit is not a partnership


def test_url_parameters_set_the_sidebar_filters() -> None:
    at = run_page("dashboard.py", {"years": "2019-2021", "company": "Huawei", "country": "Russia,United States"})
    assert not at.exception
    assert at.sidebar.slider[0].value == (2019, 2021)
    assert at.sidebar.multiselect[0].value == ["Huawei"]
    assert at.sidebar.multiselect[1].value == ["Russia", "United States"]
    assert not at.sidebar.warning


def test_bad_url_parameters_fall_back_with_a_notice(dataset) -> None:
    at = run_page("dashboard.py", {"years": "1800-1801", "company": "Acme"})
    assert not at.exception
    options = flt.options_for(dataset)
    assert at.sidebar.slider[0].value == (options.first_year, options.last_year)
    assert at.sidebar.multiselect[0].value == []
    notice = " ".join(w.value for w in at.sidebar.warning)
    assert "outside the data" in notice and "Acme" in notice


def test_changing_a_filter_writes_the_url_and_clears_the_notice() -> None:
    at = run_page("dashboard.py", {"company": "Acme"})
    at.sidebar.multiselect[1].select("Russia").run()
    assert at.query_params["country"] == "Russia"
    assert "company" not in at.query_params
    assert not at.sidebar.warning
    at.sidebar.slider[0].set_value((2019, 2020)).run()
    assert at.query_params["years"] == "2019-2020"


def test_every_page_script_is_in_the_sitemap() -> None:
    from techrift import sitemap

    assert sorted(page.script for page in sitemap.VIEW_PAGES) == PAGE_FILES
    assert all((ROOT / page.script).is_file() for page in sitemap.PAGES)  # relative to dashboard.py, the main script


# Every page run with no parameters: tests/test_shipped_data.py (on the shipped data), and test_one_language.py runs
# each page in both languages on the fixture data.


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_obeys_url_filters_without_exception(page: str) -> None:
    at = run_page(page, {"years": "2019-2019", "company": "Huawei", "country": "Russia"})
    assert not at.exception, at.exception
    assert at.sidebar.slider[0].value == (2019, 2019)


def test_headline_figures_are_made_once_per_dataset_and_language(dataset) -> None:
    english = overview.headline_figures(dataset, "en")
    assert isinstance(english, tuple)  # shared by every run: nothing can append to it
    assert overview.headline_figures(dataset, "en") is english
    assert overview.headline_figures(dataset, "vi") is not english
