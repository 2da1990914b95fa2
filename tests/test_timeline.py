"""The pivot timeline's figure and table: exact dates as markers, approximate ones drawn as spans, one mark per spot."""

from __future__ import annotations

import pandas as pd

from techrift.charts import timeline
from techrift.pivot import pivot_events
from tests.test_pivot import PLACES, SAMPLE


def test_exact_days_are_markers_and_approximate_dates_span_their_period(dataset) -> None:
    figure = timeline.pivot_figure(pivot_events(SAMPLE, PLACES), dataset)
    markers = [trace for trace in figure.data if trace.type == "scatter"]
    spans = [trace for trace in figure.data if trace.type == "bar"]
    assert [list(trace.customdata[:, 0]) for trace in markers] == [["cut-day"]]
    assert pd.Timestamp(markers[0].x[0]) == pd.Timestamp("2019-01-30")
    by_id = {
        trace.customdata[i, 0]: (pd.Timestamp(trace.base[i]), trace.x[i])
        for trace in spans
        for i in range(len(trace.customdata))
    }
    assert set(by_id) == {"lab-month", "deal-month", "review-period"}
    start, length_ms = by_id["lab-month"]
    assert start == pd.Timestamp("2019-06-01") and length_ms == 30 * 24 * 3600 * 1000  # all of June, not a day
    start, length_ms = by_id["review-period"]
    assert start == pd.Timestamp("2018-01-01") and pd.Timedelta(milliseconds=length_ms).days == 730  # 2018 and 2019
    assert all(trace.meta == "approximate" for trace in spans)


def test_one_legend_entry_per_kind_of_action(dataset) -> None:
    figure = timeline.pivot_figure(pivot_events(SAMPLE, PLACES), dataset)
    legend = [trace.name for trace in figure.data if trace.showlegend]
    assert sorted(legend) == sorted(["New ties suspended", "Lab opened", "Deal", "Ties under review"])


def test_hover_names_institution_precision_and_sources(dataset) -> None:
    figure = timeline.pivot_figure(pivot_events(SAMPLE, PLACES), dataset)
    hover = {trace.customdata[i, 0]: trace.hovertext[i] for trace in figure.data for i in range(len(trace.customdata))}
    assert "Skoltech" in hover["lab-month"] and "Jun 2019 (known to the month)" in hover["lab-month"]
    assert "The Daily Californian" in hover["cut-day"]


def test_events_drawn_on_the_same_spot_become_one_mark_whose_hover_names_them_all(dataset) -> None:
    same_day = SAMPLE[SAMPLE["event_id"] == "cut-day"]
    twins = pd.concat(
        [same_day] + [same_day.assign(event_id=f"twin-{i}", title_en=f"Twin <{i}>") for i in range(7)],
        ignore_index=True,
    )
    figure = timeline.pivot_figure(
        pivot_events(pd.concat([SAMPLE, twins.iloc[1:]], ignore_index=True), PLACES), dataset
    )
    marks = {trace.customdata[i, 0]: trace.hovertext[i] for trace in figure.data for i in range(len(trace.customdata))}
    assert set(marks) == set(pivot_events(SAMPLE, PLACES)["event_id"])  # one mark per spot, the first event's
    hover = marks["cut-day"]
    assert "7 more on the same dates" in hover
    assert [f"Twin &lt;{i}&gt;" in hover for i in range(7)] == [True] * timeline.TITLES_LISTED + [False] * (
        7 - timeline.TITLES_LISTED
    )
    assert "and 2 more (every event is in the table below)" in hover
    assert not any("same dates" in text for event_id, text in marks.items() if event_id != "cut-day")


def test_each_side_is_marked_by_a_rule_and_label_above_its_first_lane(dataset) -> None:
    pivot = pivot_events(dataset.events, dataset.places)
    dated = pivot[pivot["start"].notna()]
    figure = timeline.pivot_figure(dated, dataset)
    lanes = list(figure.layout.yaxis.categoryarray)
    first_lane = {
        side: min(lanes.index(lane) for lane in dated.loc[dated["side"] == side, "lane"]) for side in set(dated["side"])
    }
    expected = sorted(first_lane[side] - 0.5 for side in first_lane)
    assert sorted(shape.y0 for shape in figure.layout.shapes) == expected
    assert all(shape.y0 == shape.y1 and shape.xref == "x domain" for shape in figure.layout.shapes)
    labels = {annotation.y: annotation.text for annotation in figure.layout.annotations}
    assert labels == {first_lane[side] - 0.5: f"<b>{timeline.t(f'side_{side}', 'en')}</b>" for side in first_lane}


def test_hover_text_from_the_data_is_escaped(dataset) -> None:
    hostile = SAMPLE.copy()
    hostile.loc[hostile["event_id"] == "cut-day", "title_en"] = "<img src=x onerror=alert(1)>"
    figure = timeline.pivot_figure(pivot_events(hostile, PLACES), dataset)
    hover = " ".join(" ".join(trace.hovertext) for trace in figure.data)
    assert "<img" not in hover and "&lt;img" in hover


def test_an_inferred_identification_is_said_in_the_hover_and_the_table(dataset) -> None:
    events = SAMPLE.assign(identification=["inferred" if e == "lab-month" else "named" for e in SAMPLE["event_id"]])
    pivot = pivot_events(events, PLACES)
    figure = timeline.pivot_figure(pivot, dataset)
    hover = {trace.customdata[i, 0]: trace.hovertext[i] for trace in figure.data for i in range(len(trace.customdata))}
    assert "the identification is inferred" in hover["lab-month"]
    assert "inferred" not in hover["cut-day"]
    table = timeline.events_table(pivot, dataset).set_index("event_id")["identification"]
    assert (table["lab-month"], table["cut-day"]) == ("identification inferred", "named in the sources")


def test_the_pivot_has_the_us_policy_context_with_sources(dataset) -> None:
    pivot = pivot_events(dataset.events, dataset.places)
    context = pivot[pivot["side"] == "context"].set_index("event_id")
    assert {"ctx-meng-wanzhou-arrest", "doj-indictments", "ctx-entity-list-huawei"} <= set(context.index)
    assert set(context.loc[context.index.str.startswith("ctx-"), "lane"]) == {"US government"}
    assert context["source_ids"].str.len().gt(0).all()
    assert context.at["ctx-entity-list-huawei", "start"] == pd.Timestamp("2019-05-16")


def test_the_pivot_covers_both_sides(dataset) -> None:
    pivot = pivot_events(dataset.events, dataset.places)
    west = set(pivot.loc[pivot["side"] == "west", "lane"])
    russia = set(pivot.loc[pivot["side"] == "russia", "lane"])
    assert {
        "Princeton University",
        "University of California, Berkeley",
        "Massachusetts Institute of Technology",
        "University of Oxford",
    } <= west
    assert {"Skoltech", "MIPT", "MTS", "Novosibirsk State Technical University"} <= russia
    table = timeline.events_table(pivot, dataset)
    assert list(table["event_id"]) == list(pivot["event_id"])
    assert table.loc[table["event_id"] == "berkeley-suspends", "precision"].item() == "exact day"


def test_in_vietnamese_lanes_are_named_in_vietnamese_and_the_date_axis_has_no_english_month(dataset) -> None:
    pivot = pivot_events(dataset.events, dataset.places)
    figure = timeline.pivot_figure(pivot[pivot["start"].notna()], dataset, "vi")
    yaxis, xaxis = figure.layout.yaxis, figure.layout.xaxis
    names = dict(zip(yaxis.tickvals, yaxis.ticktext))
    # the lane keeps its English id and shows its Vietnamese, in italics as a roll-up (a group, not one institution)
    assert names["US universities"] == "<i>Các trường đại học Mỹ</i>"
    assert xaxis.tickmode == "array" and all(text.isdigit() or text.startswith("tháng ") for text in xaxis.ticktext)
    table = timeline.events_table(pivot, dataset, "vi")
    assert "Các trường đại học Mỹ" in set(table["lane"]) and "US universities" not in set(table["lane"])
