"""The "Details for…" pickers find records by their words too (title, summary, place, fragments: techrift/search.py),
not only by their option labels: "H20" narrows the comparison's event picker and the funding page's amount picker to
the H20 records, and "Skoltech" the Sources page's picker to the documents behind Skoltech's records."""

from __future__ import annotations

from apptest_helpers import run_page

from techrift import filters as flt
from techrift import search, sources, views
from techrift.data import load_dataset


def narrowed(path: str, param: str, words: str, params: dict[str, str] | None = None):
    """The page after typing `words` in the box above the picker, and the picker's options before and after."""
    at = run_page(path, params or {})
    before = list(at.selectbox(key=f"url_{param}").options)
    at.text_input(key=f"_find_{param}").input(words).run()
    assert not at.exception
    return at, before, list(at.selectbox(key=f"url_{param}").options)


def test_h20_narrows_the_event_picker_to_the_h20_events() -> None:
    dataset = load_dataset()
    options = flt.options_for(dataset)
    moves = views.moves_shown(flt.Scope(dataset, flt.default_filters(options), options), "AWS", "Nvidia", "en")
    matched = search.matching_ids(dataset, "H20", "events") or frozenset()
    expected = [event_id for event_id in moves.dated["event_id"] if event_id in matched]
    assert expected, "the fixture's comparison shows H20 events"
    at, before, after = narrowed("pages/compare.py", "event", "H20", {"a": "AWS", "b": "Nvidia"})
    assert after[0] == before[0] and len(after) == 1 + len(expected) < len(before)  # the placeholder, the H20 events
    picker = at.selectbox(key="url_event")
    picked = [picker.select_index(index).run().selectbox(key="url_event").value for index in range(1, len(after))]
    assert sorted(picked) == sorted(expected)


def test_h20_narrows_the_amount_picker() -> None:
    dataset = load_dataset()
    options = flt.options_for(dataset)
    labels = views.flow_choices(flt.Scope(dataset, flt.default_filters(options), options), "en")
    matched = search.matching_ids(dataset, "H20", "flows") or frozenset()
    _, before, after = narrowed("pages/funding.py", "flow", "H20")
    assert after[1:] == [label for flow_id, label in labels.items() if flow_id in matched]
    assert after[0] == before[0] and len(after) < len(before)


def test_skoltech_offers_the_sources_behind_skoltech_records() -> None:
    dataset = load_dataset()
    titles = sources.source_titles(sources.source_table(dataset, "en"), "en")
    matched = search.matching_ids(dataset, "Skoltech", "sources") or frozenset()
    _, before, after = narrowed("pages/sources.py", "source", "Skoltech")
    first = next(iter(titles))  # the picker's default stays
    assert after == [label for source_id, label in titles.items() if source_id in matched or source_id == first]
    assert len(after) < len(before)
    skoltech_events = dataset.events[dataset.events["place_id"] == "skoltech"]
    behind = {s for ids in skoltech_events["source_ids"] for s in ids.split(";")}
    assert behind and {titles[s] for s in behind} <= set(after)
