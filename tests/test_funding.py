"""Funding builders: one panel per kind and currency, one bar per amount, labels carrying value and unit."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from techrift import style
from techrift.charts import funding


def _panel_of_each_trace(figure) -> list[tuple[str, str, str]]:
    return [(trace.meta["amount_kind"], trace.meta["currency"], trace.xaxis) for trace in figure.data]


def test_no_axis_mixes_kinds_of_amount_or_currencies(dataset) -> None:
    figure = funding.flows_figure(dataset.flows, dataset)
    flows = dataset.flows.set_index("flow_id")
    kinds_per_axis: dict[str, set[tuple[str, str]]] = {}
    for trace in figure.data:
        for flow_id in trace.customdata[:, 0]:
            kinds_per_axis.setdefault(trace.xaxis, set()).add(
                (flows.at[flow_id, "amount_kind"], flows.at[flow_id, "currency"])
            )
    assert all(len(kinds) == 1 for kinds in kinds_per_axis.values()), kinds_per_axis
    assert len(kinds_per_axis) == len(funding.panels(dataset.flows))
    # The yearly budget and the per-project cap are on different axes.
    axis_of = {trace.customdata[i, 0]: trace.xaxis for trace in figure.data for i in range(len(trace.customdata))}
    assert axis_of["huawei-university-research-budget"] != axis_of["huawei-irp-project-cap"]
    assert axis_of["huawei-rnd-2017"] != axis_of["skoltech-contracts-2019"]  # CNY apart from USD


def test_every_amount_is_one_bar_with_its_own_value_and_label(dataset) -> None:
    figure = funding.flows_figure(dataset.flows, dataset)
    bars = {
        trace.customdata[i, 0]: (trace.x[i], trace.text[i])
        for trace in figure.data
        for i in range(len(trace.customdata))
    }
    booked_or_seen = dataset.flows[dataset.flows["status"].ne("expected")]
    assert set(bars) == set(booked_or_seen["flow_id"])
    assert "nvidia-h20-expected-charge" not in bars  # Nvidia's 5.5 bn was an estimate, never money booked
    for _, flow in booked_or_seen.iterrows():
        value, text = bars[flow["flow_id"]]
        assert value == flow["amount"]
        assert text == funding.amount_label(flow)
    assert figure.layout.barmode == "stack"  # one bar per y label, so nothing stacks onto anything


def test_bar_labels_are_unique_so_no_two_amounts_share_a_bar(dataset) -> None:
    labels = funding.unique_bar_labels(dataset.flows, dataset)
    per_panel = dataset.flows.assign(label=dataset.flows["flow_id"].map(labels)).groupby(["amount_kind", "currency"])[
        "label"
    ]
    assert all(group.is_unique for _, group in per_panel)


def test_amounts_that_would_share_a_label_are_named_apart_by_source(dataset) -> None:
    twins = dataset.flows.iloc[[0, 0]].copy()
    twins["flow_id"] = ["first", "second"]
    twins["source_ids"] = ["dailycal", "caixin"]
    labels = funding.unique_bar_labels(twins, dataset)
    assert labels["first"] != labels["second"]
    assert "The Daily Californian" in labels["first"] and "Caixin Global" in labels["second"]


def test_log_toggle_sets_every_money_axis_to_log(dataset) -> None:
    figure = funding.flows_figure(dataset.flows, dataset, log=True)
    axes = [figure.layout[name] for name in figure.layout if name.startswith("xaxis")]
    assert axes and all(axis.type == "log" for axis in axes)


def test_grouping_sets_the_legend(dataset) -> None:
    figure = funding.flows_figure(dataset.flows, dataset, group="status")
    assert {trace.name for trace in figure.data} == {
        "paid",
        "budgeted",
        "offered",
        "declined",
        "honoured (existing agreements)",
        "charged",
        "not shipped",
        "reported claim",
        "contract value",
    }


def test_an_estimate_is_never_drawn_beside_money_booked(dataset) -> None:
    booked = dataset.flows[dataset.flows["flow_id"].eq("nvidia-h20-inventory-charge")]
    estimate = booked.assign(flow_id="estimate", amount=5.5e9, status="expected")
    figure = funding.flows_figure(pd.concat([booked, estimate]), dataset)
    drawn = [row[0] for trace in figure.data for row in trace.customdata]
    assert drawn == ["nvidia-h20-inventory-charge"]


def test_nvidias_h20_write_down_is_one_booked_charge_with_its_quarter(dataset) -> None:
    nvidia = dataset.flows[dataset.flows["company"].eq("Nvidia")].set_index("flow_id")
    charges = nvidia[nvidia["amount_kind"].eq("charge")]
    assert charges.loc[charges["status"].eq("charged"), "amount"].tolist() == [4.5e9]
    assert charges.loc[charges["status"].eq("expected"), "amount"].tolist() == [5.5e9]
    for flow_id in ("nvidia-h20-inventory-charge", "nvidia-h20-unshipped"):
        assert "Q1 of fiscal 2026 (February–April 2025)" in nvidia.at[flow_id, "description_en"]


def test_non_usd_amount_shows_the_sources_conversion_in_hover(dataset) -> None:
    figure = funding.flows_figure(dataset.flows, dataset)
    hover = {trace.customdata[i, 0]: trace.hovertext[i] for trace in figure.data for i in range(len(trace.customdata))}
    assert "13.3 billion USD" in hover["huawei-rnd-2017"] and "as stated by the source" in hover["huawei-rnd-2017"]
    assert "Nature" in hover["huawei-rnd-2017"]


def test_skoltech_series_is_a_count_on_its_own_axis(dataset) -> None:
    series = funding.count_series(dataset.metrics, "Skoltech", "Huawei research contracts")
    assert list(zip(series["year"], series["value"])) == [(2013, 1.0), (2019, 10.0)]
    figure = funding.count_series_figure(series, "2 million USD a year (2019)")
    assert list(figure.data[0].y) == [1.0, 10.0]
    assert figure.layout.yaxis.title.text == "contracts"
    assert "2 million USD" in figure.layout.annotations[0].text


def test_records_of_the_same_count_in_the_same_year_are_one_bar_that_says_so(dataset) -> None:
    shipped = funding.count_series(dataset.metrics, "Skoltech", "Huawei research contracts")
    twice = pd.concat(
        [dataset.metrics, shipped.drop(columns="records").assign(metric_id=lambda f: f["metric_id"] + "-again")]
    )
    series = funding.count_series(twice, "Skoltech", "Huawei research contracts")
    assert list(zip(series["year"], series["value"], series["records"])) == [(2013, 1.0, 2), (2019, 10.0, 2)]
    assert list(series["metric_id"]) == list(shipped["metric_id"])  # the first record stands for the others
    figure = funding.count_series_figure(series)
    assert list(figure.data[0].y) == [1.0, 10.0]
    assert all("2 records give this value" in text for text in figure.data[0].hovertext)
    assert not any("records give" in text for text in funding.count_series_figure(shipped).data[0].hovertext)


def test_a_count_charts_money_note_names_a_few_distinct_amounts_and_counts_the_rest(dataset) -> None:
    skoltech = dataset.flows[dataset.flows["recipient"].eq("Skoltech")]
    note = funding.amounts_note(skoltech)
    assert note and "2 million USD" in note and "more in the table" not in note
    repeated = pd.concat([skoltech] * 50, ignore_index=True)  # the same amounts many times over: each named once
    assert funding.amounts_note(repeated) == note
    many = pd.concat([skoltech.iloc[[0]].assign(amount=float(i + 1)) for i in range(10)], ignore_index=True)
    assert funding.amounts_note(many).count(" · ") == funding.AMOUNTS_IN_NOTE
    assert funding.amounts_note(many).endswith(f"{10 - funding.AMOUNTS_IN_NOTE} more in the table")
    assert funding.amounts_note(skoltech.iloc[[]]) is None


def test_figures_table_keeps_units(dataset) -> None:
    table = funding.figures_table(dataset.metrics)
    row = table.set_index("metric_id").loc["huawei-target-ai-developers"]
    assert (row["value"], row["unit"], row["kind"], row["within_years"]) == (100000.0, "developers", "target", 5)


def test_a_crowded_panel_shows_its_largest_amounts_and_says_how_many_it_hides(dataset) -> None:
    per_year = dataset.flows[(dataset.flows["amount_kind"] == "per_year") & (dataset.flows["currency"] == "USD")].iloc[
        [0]
    ]
    crowd = pd.concat(
        [per_year.assign(flow_id=f"crowd-{i}", amount=float(i + 1)) for i in range(45)], ignore_index=True
    )
    figure = funding.flows_figure(crowd, dataset)
    drawn = sorted(x for trace in figure.data for x in trace.x)
    assert drawn == [float(i) for i in range(16, 46)]  # the 30 largest of 45
    assert len(drawn) == funding.MAX_BARS_PER_PANEL
    assert figure.layout.annotations[0].text.endswith("the 30 largest of 45; all are in the table")
    assert len(funding.flows_table(crowd, dataset)) == 45


def test_a_panel_within_the_limit_keeps_its_plain_title(dataset) -> None:
    figure = funding.flows_figure(dataset.flows, dataset)
    assert not any("largest" in annotation.text for annotation in figure.layout.annotations)


def test_the_first_targets_are_headline_figures_with_their_horizon(dataset) -> None:
    targets = dataset.metrics[dataset.metrics["kind"].eq("target")]
    shown, more = funding.key_targets(dataset.metrics)
    assert [figure.label for figure in shown] == targets["metric"].head(funding.TARGETS_SHOWN).tolist()
    assert more == len(targets) - len(shown)
    assert shown[0].value == "more than 100,000 developers" and shown[0].detail == "within 5 years (2019)"


def test_each_amount_is_offered_in_the_picker_with_its_label(dataset) -> None:
    choices = funding.flow_choices(dataset.flows)
    assert list(choices) == dataset.flows["flow_id"].tolist()
    assert choices["huawei-university-research-budget"].startswith("300 million USD a year (budgeted) · Huawei → ")


def test_money_axes_are_ticked_in_the_language_as_the_bar_labels_are_written(dataset) -> None:
    research = funding.research_or_all(dataset.flows, dataset.places, context=False)
    figure = funding.flows_figure(research, dataset, lang="vi")
    axes = [axis for name, axis in figure.layout.to_plotly_json().items() if name.startswith("xaxis")]
    assert axes and all(axis["tickmode"] == "array" for axis in axes)
    ticks = [text for axis in axes for text in axis["ticktext"]]
    assert "300 triệu" in ticks or "200 triệu" in ticks
    assert not [text for text in ticks if text[-1] in "kMB"], ticks  # no plotly.js SI suffixes ('50M', '0.2B')
    labels = [text for trace in figure.data for text in trace.text]
    assert any("triệu" in label for label in labels)  # the bars say 'triệu' too


def test_the_skoltech_count_says_one_contract_in_english(dataset) -> None:
    series = funding.count_series(dataset.metrics, "Skoltech", "Huawei research contracts")
    texts = list(funding.count_series_figure(series).data[0].text)
    assert texts == ["1 contract", "10 contracts"]  # 2013 and 2019 (the seed's figures)
    vietnamese = list(funding.count_series_figure(series, lang="vi").data[0].text)
    assert all(text.endswith(" hợp đồng") for text in vietnamese)


def test_a_group_keeps_its_colour_in_either_language(dataset) -> None:
    flows = dataset.flows

    def colour_of_each_status(lang: str) -> dict[str, str]:
        figure = funding.flows_figure(flows, dataset, group="status", lang=lang)
        colours = {}
        for bar in figure.data:
            status = flows.set_index("flow_id").loc[bar.customdata[0][0], "status"]
            colours[status] = bar.marker.color
        return colours

    english, vietnamese = colour_of_each_status("en"), colour_of_each_status("vi")
    assert len(set(english.values())) > 1
    assert english == vietnamese


def test_in_the_app_the_labels_room_is_measured_in_the_charts_font_not_by_plotly(dataset) -> None:
    measured = funding.flows_figure(dataset.flows, dataset, lang="vi", measure_labels=True)
    labels = [label for trace in measured.data for label in trace.y]
    width = style.text_width(labels)
    assert width is not None and width > style.text_width(["Huawei"]) > 20  # the font Streamlit serves was found
    assert measured.layout.margin.l == math.ceil(width) + style.TICK_LABEL_GAP
    axes = [axis for name, axis in measured.layout.to_plotly_json().items() if name.startswith("yaxis")]
    assert len(axes) > 1 and all(axis["automargin"] is False for axis in axes)
    # An export may be read without that font: there plotly.js measures the labels (the template's automargin).
    exported = funding.flows_figure(dataset.flows, dataset, lang="vi")
    assert exported.layout.margin.l is None and all(axis.automargin is None for axis in exported.select_yaxes())


def test_a_label_is_measured_as_chromium_draws_it() -> None:
    # Widths Chromium gave these tick labels on the funding page (getBBox, Source Sans at 12 px), scaled to the
    # charts' 13 px (a label's width is proportional to its font size).
    scale = style.CHART_FONT_SIZE / 12
    assert style.text_width(["Huawei → Stanford University (one lab) (year unknown)"]) == pytest.approx(
        273.89 * scale, abs=0.1
    )
    assert style.text_width(["Huawei → Đại học Stanford (một phòng thí nghiệm) (không rõ năm)"]) == pytest.approx(
        333.34 * scale, abs=0.1
    )
    assert style.text_width([]) == 0.0
