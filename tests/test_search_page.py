"""The search page (/search?q=…) in AppTest: results by kind linked to their record pages, in English and Vietnamese,
the filters applied with the count they hide and a way to clear them, the empty and no-result states."""

from __future__ import annotations

import re

from apptest_helpers import run_page, texts

from techrift import filters as flt
from techrift import search
from techrift.data import load_dataset
from techrift.i18n import t

PAGE = "pages/search.py"


def markdown(at) -> str:
    return "\n".join(str(element.value) for element in at.markdown)


def linked_ids(at) -> set[str]:
    return set(re.findall(r"\]\(record\?id=([^)&]+)", markdown(at)))


def test_h20_lists_every_h20_record_by_kind_with_links_in_english() -> None:
    at = run_page(PAGE, {"q": "H20"})
    assert not at.exception
    dataset = load_dataset()
    options = flt.options_for(dataset)
    results = search.search(dataset, "H20", flt.default_filters(options), options)
    index = search.index_for(dataset)
    expected = {index.documents[p].record.record_id for _, ps in results.groups for p in ps}
    assert expected and linked_ids(at) == expected
    headings = [h.value for h in at.subheader]
    assert headings == [f"{t(f'search_kind_{table}', 'en')} ({len(ps)})" for table, ps in results.groups]
    assert t("search_found", "en", count=len(expected), query="H20") in markdown(at)
    assert ":orange-background[**H20**]" in markdown(at)
    assert at.text_input(key="url_q").value == "H20"


def test_vietnamese_interface_shows_vietnamese_titles_and_labels() -> None:
    at = run_page(PAGE, {"q": "skoltech", "lang": "vi"})
    assert not at.exception
    dataset = load_dataset()
    event = dataset.events.set_index("event_id").loc["skoltech-joint-lab"]
    page = markdown(at)
    assert "record?id=skoltech-joint-lab&lang=vi" in page
    assert "Skoltech" in page and event["title_vi"].split("Skoltech")[0].strip() in page
    assert t("search_title", "vi") in texts(at) and t("search_kind_events", "vi") in texts(at)
    assert event["title_en"] not in page  # no English title where there is a Vietnamese one


def test_diacritics_are_ignored_in_the_page() -> None:
    at = run_page(PAGE, {"q": "thung lung silicon", "lang": "vi"})
    assert "huawei-russia-tour" in linked_ids(at)
    assert ":orange-background[**lũng**]" in markdown(at)


def test_filters_hide_records_and_say_how_many() -> None:
    at = run_page(PAGE, {"q": "H20", "company": "Huawei"})
    dataset = load_dataset()
    options = flt.options_for(dataset)
    filters, _ = flt.from_params({"company": "Huawei"}, options)
    results = search.search(dataset, "H20", filters, options)
    assert results.hidden_total > 0
    assert t("search_hidden", "en", count=results.hidden_total) in texts(at)
    clear = next(b for b in at.button if b.label == t("search_clear_filters", "en"))
    at = clear.click().run()
    assert t("search_hidden", "en", count=results.hidden_total) not in texts(at)
    every = search.search(dataset, "H20", flt.default_filters(options), options)
    assert len(linked_ids(at)) == every.shown


def test_no_results_and_empty_states_in_both_languages() -> None:
    for lang in ("en", "vi"):
        none = run_page(PAGE, {"q": "xyzzy", "lang": lang})
        assert t("search_none", lang, query="xyzzy") in texts(none)
        assert t("search_hints", lang) in texts(none)
        empty = run_page(PAGE, {"lang": lang})
        assert t("search_empty", lang) in texts(empty) and not linked_ids(empty)


def test_typing_in_the_page_box_searches_and_writes_the_url() -> None:
    at = run_page(PAGE, {})
    at.text_input(key="url_q").input("Skoltech").run()
    assert at.query_params["q"] == "Skoltech"
    assert "skoltech" in linked_ids(at)
