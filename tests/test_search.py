"""The search (techrift/search.py): both languages, no case or diacritics, "H20" as a word, every word, each kind of
record, the seed fragments, and the sidebar's filters with the count of what they hide. On the fixture data."""

from __future__ import annotations

import re

import pytest

from techrift import filters as flt
from techrift import search
from techrift.data import Dataset, load_dataset
from techrift.records import RECORD_TABLES, Record, records


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="module")
def options(dataset: Dataset) -> flt.FilterOptions:
    return flt.options_for(dataset)


def found(dataset: Dataset, query: str, filters: flt.Filters | None = None) -> dict[str, set[str]]:
    """table -> ids of the records shown for `query`."""
    options = flt.options_for(dataset)
    results = search.search(dataset, query, filters or flt.default_filters(options), options)
    index = search.index_for(dataset)
    return {table: {index.documents[p].record.record_id for p in positions} for table, positions in results.groups}


def ids(groups: dict[str, set[str]]) -> set[str]:
    return set().union(*groups.values()) if groups else set()


def holding(dataset: Dataset, pattern: str) -> set[str]:
    """Ids of records whose own title or text (either language) matches the regular expression, ignoring case."""
    compiled = re.compile(pattern, re.IGNORECASE)
    return {
        record.record_id
        for record in records(dataset)
        if any(compiled.search(text) for text in (*record.title.values(), *record.text.values()))
    }


def made(table: str, record_id: str, title: str, text: str = "", **row: object) -> Record:
    return Record(table, record_id, {"en": title, "vi": title}, {"en": text, "vi": text}, {}, "", (), (), row)


# --------------------------------------------------------------------------- the words


def test_folding_drops_case_and_diacritics_and_vietnamese_d() -> None:
    assert search.fold("Huế") == "hue"
    assert search.fold("Đại học Bách khoa") == "dai hoc bach khoa"
    assert search.fold("Сколково") == "сколково"  # folded, not transliterated


def test_a_word_ending_in_a_digit_matches_only_the_whole_number() -> None:
    assert search.word_matches("h20", "h20")
    assert not search.word_matches("h20", "h200")  # "H20" must not find the H200
    assert search.word_matches("skol", "skoltech")  # a word's start finds the word
    assert not search.word_matches("tech", "skoltech")  # but not its middle


def test_hue_finds_hue_with_its_diacritics_and_not_a_word_inside_another() -> None:
    index = search.build_index(
        search.documents([made("places", "hue", "Đại học Huế"), made("places", "hues", "Chues and shues")], [])
    )
    assert [index.documents[p].record.record_id for p in index.find(search.query_words("HUE"))] == ["hue"]
    assert [index.documents[p].record.record_id for p in index.find(search.query_words("dai hoc"))] == ["hue"]


def test_cyrillic_is_found_by_cyrillic_only(dataset: Dataset) -> None:
    assert "skoltech" in found(dataset, "Сколковский").get("places", set())
    assert not found(dataset, "skolkovskiy")  # no transliteration is invented


def test_h20_finds_every_h20_record_and_no_h200(dataset: Dataset) -> None:
    groups = found(dataset, "H20")
    expected = holding(dataset, r"\bH20\b")
    assert expected and expected <= ids(groups)
    assert not ids(groups) & (holding(dataset, r"\bH200\b") - expected)
    assert {"events", "flows", "stances", "sources"} <= set(groups)


def test_every_word_must_match(dataset: Dataset) -> None:
    nvidia, h20 = ids(found(dataset, "Nvidia")), ids(found(dataset, "H20"))
    both = ids(found(dataset, "nvidia h20"))
    assert both == nvidia & h20 and both < nvidia
    assert ids(found(dataset, "H20 Skoltech")) == set()


def test_both_languages_whatever_the_words(dataset: Dataset) -> None:
    event = dataset.events.iloc[0]
    english = found(dataset, event["title_en"])
    vietnamese = found(dataset, event["title_vi"])
    assert event["event_id"] in english["events"] and event["event_id"] in vietnamese["events"]


def test_each_kind_of_record_is_found(dataset: Dataset) -> None:
    groups = found(dataset, "Skoltech")
    assert [table for table in RECORD_TABLES if table in groups] == [
        table for table in RECORD_TABLES if table in ("events", "flows", "metrics", "places") or table in groups
    ]
    assert {"skoltech-joint-lab"} <= groups["events"]
    assert "skoltech-contracts-2019" in groups["flows"]
    assert {"skoltech-contracts-2013", "skoltech-contract-count-2019"} <= groups["metrics"]
    assert "skoltech" in groups["places"]
    source = dataset.sources.iloc[0]
    assert source["source_id"] in found(dataset, source["title"])["sources"]
    assert source["source_id"] in found(dataset, source["publisher"])["sources"]
    stance = dataset.stances.iloc[0]
    assert stance["stance_id"] in found(dataset, stance["statement_en"][:60])["stances"]


def test_a_record_is_found_by_its_counterpart_and_its_place(dataset: Dataset) -> None:
    event = dataset.events[dataset.events["place_id"].notna()].iloc[0]
    place = dataset.places.set_index("place_id").loc[event["place_id"]]
    assert event["event_id"] in found(dataset, place["name_original"])["events"]
    assert event["event_id"] in found(dataset, event["counterpart"])["events"]


def test_a_seed_fragment_finds_its_record_and_is_shown(dataset: Dataset) -> None:
    quote = dataset.quotes.set_index("quote_id").loc["q-lede-pivot"]
    index = search.index_for(dataset)
    results = search.search_index(index, "Thung lũng Silicon nóng lòng")  # words of the fragment only
    hits = [index.documents[p] for _, positions in results.groups for p in positions]
    assert quote["record_id"] in {hit.record.record_id for hit in hits}
    hit = next(hit for hit in hits if hit.record.record_id == quote["record_id"])
    shown = search.snippets(hit, results.words, "en")
    fragment = next(s for s in shown if s.kind == "fragment")
    assert fragment.quote_id == "q-lede-pivot" and fragment.source_id == quote["source_id"]
    assert {"Thung", "lũng", "Silicon", "nóng", "lòng"} <= set(fragment.marked)  # the quote as written: all words
    assert fragment.text.strip("…").strip() in quote["text"]


def test_the_title_is_marked_and_snippets_are_in_the_readers_language(dataset: Dataset) -> None:
    index = search.index_for(dataset)
    results = search.search_index(index, "skoltech")
    event = next(
        index.documents[p]
        for p in dict(results.groups)["events"]
        if index.documents[p].record.record_id == "skoltech-joint-lab"
    )
    for lang in ("en", "vi"):
        title = search.title_segments(event, results.words, lang)
        assert "".join(part for part, _ in title) == event.record.title[lang]
        assert [part for part, marked in title if marked] == ["Skoltech"]
        shown = search.snippets(event, results.words, lang)
        assert "title" not in {s.kind for s in shown}  # the title shown holds the marks
        text = next(s for s in shown if s.kind == "text")
        assert text.lang in (lang, "") and text.text.strip("…").strip() in event.record.text[lang]
        assert text.marked and all(search.fold(part) == "skoltech" for part in text.marked)


def test_a_title_in_the_other_language_is_shown_when_only_it_matches() -> None:
    record = Record(
        "events", "e", {"en": "Hue opens a lab", "vi": "Mở phòng thí nghiệm"}, {"en": "", "vi": ""}, {}, "", (), (), {}
    )
    document = search.documents([record], [])[0]
    shown = search.snippets(document, ("hue",), "vi")
    assert [(s.kind, s.lang, s.marked) for s in shown] == [("title", "en", ("Hue",))]
    assert search.title_segments(document, ("hue",), "vi") == (("Mở phòng thí nghiệm", False),)


def test_a_long_text_is_cut_around_its_match() -> None:
    text = "word " * 100 + "Huế " + "more " * 100
    cut = search.snippet(search.Field("text", "vi", text), ("hue",))
    assert cut is not None and cut.marked == ("Huế",)
    assert cut.segments[0] == ("…", False) and cut.segments[-1] == ("…", False)
    assert len(cut.text) <= search.SNIPPET_LENGTH + 2


def test_filters_apply_and_the_hidden_are_counted(dataset: Dataset, options: flt.FilterOptions) -> None:
    every = found(dataset, "H20")
    huawei = flt.Filters(years=(options.first_year, options.last_year), companies=("Huawei",))
    results = search.search(dataset, "H20", huawei, options)
    shown = found(dataset, "H20", huawei)
    kept = {
        table: set(flt.apply(table, getattr(dataset, table), huawei, options)[search.ID_COLUMNS[table]])
        for table in search.FILTERED_TABLES
    }
    for table in search.FILTERED_TABLES:
        assert shown.get(table, set()) == every.get(table, set()) & kept[table]
        assert results.hidden.get(table, 0) == len(every.get(table, set()) - kept[table])
    assert results.hidden_total > 0
    assert shown["sources"] == every["sources"]  # sources are not filtered: the page says so


def test_no_results_and_empty_query(dataset: Dataset, options: flt.FilterOptions) -> None:
    nothing = search.search(dataset, "xyzzyplugh", flt.default_filters(options), options)
    assert nothing.words == ("xyzzyplugh",) and nothing.groups == () and nothing.hidden_total == 0
    empty = search.search(dataset, "  ,; ", flt.default_filters(options), options)
    assert empty.words == () and empty.shown == 0


def test_a_long_query_is_cut_and_says_so(dataset: Dataset, options: flt.FilterOptions) -> None:
    results = search.search(dataset, "huawei " * 100, flt.default_filters(options), options)
    assert results.cut and results.words == ("huawei",) and results.shown > 0


def test_matching_ids_narrow_a_picker(dataset: Dataset) -> None:
    assert search.matching_ids(dataset, "", "events") is None
    h20_events = found(dataset, "H20")["events"]
    assert search.matching_ids(dataset, "H20", "events") == h20_events
    assert holding(dataset, r"\bH20\b") & set(dataset.events["event_id"]) <= h20_events
    # the sources picker also offers the documents behind the records found
    behind = {s for record in records(dataset) if record.record_id in h20_events for s in record.source_ids}
    assert behind <= (search.matching_ids(dataset, "H20", "sources") or set())


def test_the_results_table_is_exactly_the_records_shown(dataset: Dataset, options: flt.FilterOptions) -> None:
    huawei = flt.Filters(years=(options.first_year, options.last_year), companies=("Huawei",))
    table = search.results_table(dataset, "H20", huawei, options, "vi")
    shown = found(dataset, "H20", huawei)
    assert list(zip(table["kind"], table["id"])) == [
        (kind, record_id)
        for kind in RECORD_TABLES
        for record_id in sorted(shown.get(kind, set()), key=list(r.record_id for r in records(dataset)).index)
    ]
    assert all(link == f"record?id={record_id}" for link, record_id in zip(table["link"], table["id"]))
