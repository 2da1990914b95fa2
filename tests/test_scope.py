"""The one value a view takes for what it shows: `filters.Scope`, the dataset under the global filters with the options
they are read against. It is a cache key like the three it replaced: a scope made again by the next run finds what
the last run made, and a replaced dataset is forgotten with the scopes that hold it."""

from __future__ import annotations

import gc
import weakref
from dataclasses import replace
from typing import Any

import pytest
from apptest_helpers import run_page

from techrift import caching, comparison, views
from techrift import filters as flt


def _scope(dataset, **narrowed: Any) -> flt.Scope:
    options = flt.options_for(dataset)
    return flt.Scope(dataset, replace(flt.default_filters(options), **narrowed), options)


def test_a_scope_built_again_from_the_same_three_is_the_same_key(dataset) -> None:
    first, again = _scope(dataset), _scope(dataset)
    assert first is not again and first == again and hash(first) == hash(again)
    assert _scope(dataset, countries=("Russia",)) != first  # other filters: another key
    another = replace(dataset)  # the same tables in another dataset, as a reload makes: compared by identity
    assert flt.Scope(another, first.filters, first.options) != first


def test_everything_is_the_dataset_under_the_default_filters(dataset) -> None:
    options = flt.options_for(dataset)
    assert flt.Scope.everything(dataset) == flt.Scope(dataset, flt.default_filters(options), options)


def test_a_scope_gives_the_rows_each_table_keeps_as_the_filters_do(dataset) -> None:
    scope = _scope(dataset, years=(2019, 2021), countries=("Russia", "United States"))
    filters, options = scope.filters, scope.options
    assert scope.events().equals(flt.apply_to_events(dataset.events, filters, options))
    assert scope.flows().equals(flt.apply_to_flows(dataset.flows, filters, options))
    assert scope.metrics().equals(flt.apply_to_metrics(dataset.metrics, filters, options))
    assert scope.stances().equals(flt.apply_to_stances(dataset.stances, filters, options))
    assert 0 < len(scope.events()) < len(dataset.events)  # the filters narrowed it: the comparison can fail
    assert scope.with_filters(flt.default_filters(options)) == flt.Scope.everything(dataset)


def test_a_view_asked_with_a_scope_made_again_hands_over_what_it_made(dataset) -> None:
    """What the next run of a page does: a new PageContext, so a new Scope, equal to the last one."""
    first = views.timeline_chart(_scope(dataset, kinds=("visit",)), "en")
    assert views.timeline_chart(_scope(dataset, kinds=("visit",)), "en") is first
    assert views.timeline_chart(_scope(dataset), "en") is not first
    assert comparison.in_scope(_scope(dataset)) is comparison.in_scope(_scope(dataset))


@pytest.fixture
def counted_timeline(monkeypatch) -> list[flt.Scope]:
    """Every time the timeline's events are made rather than found in the cache, with the scope they were made for."""
    made: list[flt.Scope] = []
    function = views.timeline_events._function  # type: ignore[attr-defined]

    def counting(scope: flt.Scope) -> Any:
        made.append(scope)
        return function(scope)

    monkeypatch.setattr(views.timeline_events, "_function", counting)
    views.timeline_events.cache_clear()
    yield made
    views.timeline_events.cache_clear()


def test_the_second_run_of_a_page_finds_its_views_in_the_cache(counted_timeline) -> None:
    params = {"years": "2019-2021"}
    first = run_page("pages/timeline.py", params)
    assert not first.exception
    assert len(counted_timeline) == 1 and counted_timeline[0].filters.years == (2019, 2021)
    second = run_page("pages/timeline.py", params)  # another session, another context, an equal scope
    assert not second.exception
    assert len(counted_timeline) == 1, "the second run made the timeline's events again"
    assert second.dataframe[0].value.equals(first.dataframe[0].value)


def test_forgetting_a_dataset_drops_the_views_cached_on_its_scopes(dataset) -> None:
    old = replace(dataset)  # a dataset of its own, as a reload makes
    views.timeline_table(flt.Scope.everything(old), "en")
    views.moves(flt.Scope.everything(old), "AWS", "Nvidia")
    old_ref = weakref.ref(old)
    assert caching.forget(old) >= 3  # the table, the events it was made from, the moves (and the options)
    del old
    gc.collect()
    assert old_ref() is None
