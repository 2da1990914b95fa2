"""The figure cache: a view seen before is not built again, and nothing but the same content ever shares a figure."""

from __future__ import annotations

import pandas as pd

from techrift.charts import cached_figure, funding, timeline
from techrift.pivot import pivot_events

ROWS = pd.DataFrame(
    {"event_id": ["a", "b"], "title_en": ["One", "Two"], "start": pd.to_datetime(["2020-01-01", "2021-01-01"])}
)


def counting_builder(maxsize: int = 16):
    calls: list[tuple] = []

    def build(rows: pd.DataFrame, owner: object, lanes: list[str], lang: str = "en") -> dict:
        calls.append((len(rows), lang))
        return {"rows": len(rows), "lang": lang}

    return cached_figure(build, maxsize=maxsize), calls


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
