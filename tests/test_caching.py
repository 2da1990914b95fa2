"""The one cache (techrift.caching.memo): a view seen before is not built again, and nothing but the same content or
the same arguments ever shares a result."""

from __future__ import annotations

import dataclasses

import pandas as pd

from techrift import filters, overview
from techrift.caching import memo
from techrift.charts import funding, timeline
from techrift.pivot import pivot_events

ROWS = pd.DataFrame(
    {"event_id": ["a", "b"], "title_en": ["One", "Two"], "start": pd.to_datetime(["2020-01-01", "2021-01-01"])}
)


def counting_builder(maxsize: int = 16):
    calls: list[tuple] = []

    def build(rows: pd.DataFrame, owner: object, lanes: list[str], lang: str = "en") -> dict:
        calls.append((len(rows), lang))
        return {"rows": len(rows), "lang": lang}

    return memo(maxsize, by_content=True)(build), calls


def test_the_same_content_in_another_frame_is_built_once() -> None:
    build, calls = counting_builder()
    owner = object()
    first = build(ROWS, owner, ["A", "B"])
    again = build(
        ROWS.copy().set_axis([10, 11]), owner, ["A", "B"], "en"
    )  # a copy, another index, the default spelled out
    assert again is first and len(calls) == 1


def test_other_content_other_arguments_or_another_dataset_build_again() -> None:
    build, calls = counting_builder()
    owner = object()
    build(ROWS, owner, ["A", "B"])
    retitled = ROWS.assign(title_en=["One", "<b>Two</b>"])  # same ids, other content: never the cached figure
    build(retitled, owner, ["A", "B"])
    build(ROWS.head(1), owner, ["A", "B"])
    build(ROWS, owner, ["B", "A"])
    build(ROWS, owner, ["A", "B"], lang="vi")
    build(ROWS, object(), ["A", "B"])
    assert len(calls) == 6


def test_the_least_recently_used_view_is_dropped_first() -> None:
    build, calls = counting_builder(maxsize=2)
    owner = object()
    for rows in (ROWS.head(1), ROWS, ROWS.head(1), ROWS.tail(1)):  # the last pushes out the full rows, not the first
        build(rows, owner, [])
    build(ROWS.head(1), owner, [])
    assert len(calls) == 3
    build(ROWS, owner, [])
    assert len(calls) == 4


def test_a_filter_toggled_back_gets_the_figure_it_had(dataset) -> None:
    flows = dataset.flows
    subset = flows[flows["country"].eq("United States")]
    whole = funding.flows_figure(flows, dataset, "payer", False, "en")
    part = funding.flows_figure(subset, dataset, "payer", False, "en")
    assert part is not whole and len(part.data) < len(whole.data)
    assert funding.flows_figure(flows.copy(), dataset, group="payer") is whole


def test_the_timeline_figure_follows_the_rows_content(dataset) -> None:
    pivot = pivot_events(dataset.events, dataset.places)
    dated = pivot[pivot["start"].notna()]
    figure = timeline.pivot_figure(dated, dataset)
    renamed = dated.assign(title_en=dated["title_en"] + " (renamed)")
    hover = " ".join(" ".join(trace.hovertext) for trace in timeline.pivot_figure(renamed, dataset).data)
    assert timeline.pivot_figure(dated, dataset) is figure
    assert "(renamed)" in hover


def test_without_content_keys_the_arguments_are_the_key() -> None:
    calls: list[tuple] = []

    @memo(maxsize=2)
    def derive(owner: object, lang: str = "en") -> list[str]:
        calls.append((owner, lang))
        return [lang]

    owner = object()
    first = derive(owner)
    assert derive(owner) is first
    assert derive(owner, lang="en") is not first  # spelled out: another key (cheap keys, as functools.lru_cache)
    derive(owner, "vi")
    derive(object())
    assert len(calls) == 4
    derive.cache_clear()
    derive(owner)
    assert len(calls) == 5


def test_what_is_derived_from_a_dataset_is_made_once_per_dataset(dataset) -> None:
    assert filters.options_for(dataset) is filters.options_for(dataset)
    assert dataset.sources_by_id is dataset.sources_by_id
    another = dataclasses.replace(dataset)  # the same tables, another dataset (as a reload makes)
    assert filters.options_for(another) is not filters.options_for(dataset)  # a dataset is compared by identity
    assert overview.headline_figures(another) is not overview.headline_figures(dataset)


def test_by_identity_the_same_object_is_the_key_and_is_kept_alive() -> None:
    """For an argument that is not hashable but is itself cached (a view's figure): made once per object, never for
    an equal one, and the object is held with its result, so that its id cannot be reused by another."""
    calls: list[int] = []

    @memo(2, by_identity=True)
    def size(frame: pd.DataFrame) -> int:
        calls.append(1)
        return len(frame)

    frame = pd.DataFrame({"a": [1, 2]})
    assert size(frame) == size(frame) == 2 and len(calls) == 1
    assert size(frame.copy()) == 2 and len(calls) == 2  # equal content, another object: made again
    kept = size._values[next(iter(size._values))][0]
    assert kept is not None and kept[0] is frame
