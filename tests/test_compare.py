"""Comparison builders: stances aligned by dimension, moves per company, key figures from the data."""

from __future__ import annotations

import pandas as pd

from techrift import compare, schema
from techrift.charts import timeline


def test_rows_align_both_companies_on_the_same_dimension(dataset) -> None:
    rows = compare.comparison(dataset.stances, "AWS", "Nvidia").set_index("dimension")
    assert list(rows.index) == [d for d in schema.STANCE_DIMENSIONS if d in rows.index]
    assert rows.at["talent", "a_stance_id"] == "aws-talent"
    assert rows.at["talent", "b_stance_id"] == "nvidia-talent"
    # Where a company has no sourced stance the cell stays empty instead of inventing one.
    assert pd.isna(rows.at["export_controls", "a_stance_id"])
    assert pd.isna(rows.at["research_presence", "b_stance_id"])


def test_swapping_the_companies_swaps_the_columns(dataset) -> None:
    ab = compare.comparison(dataset.stances, "AWS", "Nvidia")
    ba = compare.comparison(dataset.stances, "Nvidia", "AWS")
    assert list(ab["a_stance_id"].fillna("-")) == list(ba["b_stance_id"].fillna("-"))


def test_any_two_companies_of_the_stances_table_can_be_compared(dataset) -> None:
    assert set(compare.companies(dataset.stances)) == set(dataset.stances["company"])
    rows = compare.comparison(dataset.stances, "Microsoft", "IBM")
    assert list(rows["dimension"]) == ["research_presence"]


def test_same_company_twice_falls_back_with_a_notice() -> None:
    a, b, notice = compare.resolve_pair(["AWS", "Nvidia", "IBM"], "IBM", "IBM")
    assert (a, b) == ("IBM", "AWS") and "twice" in notice
    assert compare.resolve_pair(["AWS", "Nvidia"], "AWS", "Nvidia") == ("AWS", "Nvidia", None)


def test_moves_put_amazon_exits_in_the_aws_lane(dataset) -> None:
    moves = compare.moves(dataset.events, "AWS", "Nvidia")
    lanes = dict(zip(moves["event_id"], moves["lane"]))
    assert lanes["amazon-ebook-exit"] == "AWS"
    assert lanes["aws-shanghai-lab-closed"] == "AWS"
    assert lanes["h20-licences-assured"] == "Nvidia"
    assert set(moves["lane"]) == {"AWS", "Nvidia"}


def test_moves_figure_has_two_lanes_and_marks_approximate_dates(dataset) -> None:
    moves = compare.moves(dataset.events, "AWS", "Nvidia")
    figure = timeline.lanes_figure(moves, ["AWS", "Nvidia"], dataset)
    assert list(figure.layout.yaxis.categoryarray) == ["AWS", "Nvidia"]
    drawn = {trace.customdata[i, 0]: trace.meta for trace in figure.data for i in range(len(trace.customdata))}
    assert drawn["aws-shanghai-lab-closed"] == "exact"
    assert drawn["aws-shanghai-lab-opened"] == "approximate"  # known to the month
    assert "amazon-ebook-exit" not in drawn  # no date: listed, never drawn


def test_key_figures_are_computed_from_the_data(dataset) -> None:
    aws = {figure.label: figure for figure in compare.key_figures(dataset, "AWS")}
    lab = aws["Years AWS Shanghai AI Lab ran"]
    assert (lab.value, lab.detail) == ("about 7", "Sep 2018 – 23 Jul 2025")
    assert "seed-003" in lab.source_ids
    assert aws["Cloud regions"].value == "2 regions"
    nvidia = {figure.label: figure.value for figure in compare.key_figures(dataset, "Nvidia")}
    assert nvidia == {"China share of sales (2024)": "13%"}


def test_year_range_filters_stances_by_their_date(dataset) -> None:
    assert compare.in_year_range(dataset.stances, (2019, 2019)).empty
    assert len(compare.in_year_range(dataset.stances, (2025, 2025))) == len(dataset.stances)
