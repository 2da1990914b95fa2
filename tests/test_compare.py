"""Comparison builders: stances aligned by dimension, moves per company, key figures and the two-lane moves chart."""

from __future__ import annotations

import pandas as pd

from techrift import comparison, schema
from techrift import filters as flt
from techrift.charts import compare as compare_charts


def _stance(stance_id: str, company: str, dimension: str, **extra: str) -> dict[str, str]:
    return {
        "stance_id": stance_id,
        "company": company,
        "dimension": dimension,
        "position": f"{stance_id} position",
        "statement_en": f"{stance_id} statement",
        "as_of": "2025-07",
        "source_ids": f"src-{stance_id}",
        # the support columns the loader derives (techrift.support): one independent source
        "independent_sources": 1,
        "aggregator_only": False,
        "seed_only": False,
        "approximate_date": False,
        "approximate_place": False,
        "inferred": False,
        "nature": "reported",
    } | extra


def _event(
    event_id: str, company: str, category: str, start: str | None, *, place_id: str | None = None
) -> dict[str, object]:
    return {
        "event_id": event_id,
        "company": company,
        "category": category,
        "place_id": place_id,
        "start": pd.Timestamp(start) if start else pd.NaT,
        "date_label": start or "date unknown",
        "source_ids": f"src-{event_id}",
    }


def _drawn(figure) -> dict[tuple[str, str], str]:
    """(event id, x axis) -> how it is drawn, for every event mark of the figure."""
    return {
        (trace.customdata[i][0], trace.xaxis): trace.meta
        for trace in figure.data
        if trace.customdata is not None
        for i in range(len(trace.customdata))
    }


# --------------------------------------------------------------------------- the aligned comparison


def test_rows_follow_the_schema_order_and_leave_a_missing_cell_empty() -> None:
    stances = pd.DataFrame(
        [
            _stance("x-signal", "X", "signal"),
            _stance("x-talent", "X", "talent"),
            _stance("y-talent", "Y", "talent"),
            _stance("z-talent", "Z", "talent"),
        ]
    )
    rows = comparison.comparison(stances, "X", "Y")
    assert list(rows["dimension"]) == ["talent", "signal"]  # the schema's order, not the file's
    assert list(rows["a_stance_id"]) == ["x-talent", "x-signal"]
    assert pd.isna(rows.loc[1, "b_stance_id"]) and pd.isna(rows.loc[1, "b_statement"])
    assert rows.loc[0, "b_source_ids"] == "src-y-talent"


def test_cells_are_in_the_interface_language_with_english_as_fallback() -> None:
    stances = pd.DataFrame(
        [
            _stance("x-talent", "X", "talent", position_vi="Rút lui", statement_vi="Câu tiếng Việt"),
            _stance("y-talent", "Y", "talent", position_vi="", statement_vi=""),
        ]
    )
    row = comparison.comparison(stances, "X", "Y", "vi").iloc[0]
    assert (row["a_position"], row["a_statement"]) == ("Rút lui", "Câu tiếng Việt")
    assert (row["b_position"], row["b_statement"]) == ("y-talent position", "y-talent statement")


def test_stances_align_aws_and_nvidia(dataset) -> None:
    rows = comparison.comparison(dataset.stances, "AWS", "Nvidia").set_index("dimension")
    assert list(rows.index) == list(schema.STANCE_DIMENSIONS)
    assert (rows.at["talent", "a_stance_id"], rows.at["talent", "b_stance_id"]) == ("aws-talent", "nvidia-talent")
    assert rows.at["talent", "b_position"] == "Courting Chinese talent"
    # Where a company has no sourced stance the cell stays empty instead of inventing one.
    assert pd.isna(rows.at["export_controls", "a_stance_id"])
    assert pd.isna(rows.at["research_presence", "b_stance_id"])
    assert rows[["a_stance_id", "b_stance_id"]].notna().any(axis=1).all()


def test_swapping_the_companies_swaps_the_columns(dataset) -> None:
    ab = comparison.comparison(dataset.stances, "AWS", "Nvidia")
    ba = comparison.comparison(dataset.stances, "Nvidia", "AWS")
    for field in comparison.CELL_FIELDS:
        assert list(ab[f"a_{field}"].fillna("-")) == list(ba[f"b_{field}"].fillna("-"))


def test_any_two_companies_of_the_stances_table_can_be_compared(dataset) -> None:
    assert set(comparison.companies(dataset.stances)) == set(dataset.stances["company"])
    assert comparison.companies(dataset.stances)[:2] == ["AWS", "Nvidia"]  # most documented first
    rows = comparison.comparison(dataset.stances, "Microsoft", "IBM")
    assert list(rows["dimension"]) == ["research_presence"]
    assert (
        rows.loc[0, "b_statement"]
        == "IBM shut its China R&D operation in August 2024, affecting more than 1,000 jobs (confirmed to Reuters)."
    )


def test_comparison_table_names_the_companies_and_says_where_a_cell_is_empty(dataset) -> None:
    rows = comparison.comparison(dataset.stances, "AWS", "Nvidia")
    table = comparison.comparison_table(rows, "AWS", "Nvidia")
    assert list(table.columns) == [
        "dimension",
        "AWS: position",
        "AWS: statement",
        "AWS: sources",
        "AWS: support",
        "Nvidia: position",
        "Nvidia: statement",
        "Nvidia: sources",
        "Nvidia: support",
    ]
    assert len(table) == len(rows)
    export = table.set_index("dimension").loc["Export-control exposure"]
    assert (export["AWS: position"], export["AWS: statement"], export["AWS: sources"]) == (
        "No sourced statement in the data.",
        "",
        "",
    )
    assert export["Nvidia: sources"] == "republicworld;sec-nvidia-letter-2025-07-31;trtworld-2025-07-31;seed-003"


# --------------------------------------------------------------------------- choosing the pair, filters


def test_the_pair_falls_back_when_a_company_is_missing_or_chosen_twice() -> None:
    assert comparison.preferred_or_first(["IBM", "Nvidia"], "AWS") == "IBM"
    assert comparison.preferred_or_first(["IBM", "Nvidia"], "Nvidia") == "Nvidia"
    assert comparison.partners_of(["AWS", "Nvidia", "IBM"], "Nvidia") == ["AWS", "IBM"]
    assert comparison.twice_notice("ibm ", "IBM", "AWS") == "IBM was chosen twice; comparing it with AWS."
    assert comparison.twice_notice("Nvidia", "IBM", "AWS") is None
    assert comparison.twice_notice(None, "IBM", "AWS") is None


def test_company_filter_takes_in_the_brand_group_and_names_who_it_leaves_out() -> None:
    aws_only = flt.Filters(years=(2010, 2030), companies=("AWS",))  # any years: the company filter is what counts
    assert comparison.with_brand_groups(aws_only).companies == ("AWS", "Amazon")
    assert comparison.left_out_by_filter(aws_only, "AWS", "Nvidia") == ["Nvidia"]
    assert comparison.left_out_by_filter(flt.Filters(years=(2010, 2030), companies=("Huawei",)), "AWS", "Nvidia") == [
        "AWS",
        "Nvidia",
    ]
    assert comparison.left_out_by_filter(flt.Filters(years=(2010, 2030)), "AWS", "Nvidia") == []


def test_year_range_filters_stances_by_their_date(dataset) -> None:
    assert comparison.in_year_range(dataset.stances, (2019, 2019)).empty
    in_2024 = comparison.in_year_range(dataset.stances, (2024, 2024))
    assert set(in_2024["stance_id"]) == {"microsoft-research-presence", "ibm-research-presence"}
    assert len(comparison.in_year_range(dataset.stances, (2024, 2025))) == len(dataset.stances)


def test_scope_applies_years_and_countries_but_not_the_company_filter(dataset) -> None:
    options = flt.options_for(dataset)
    scope = comparison.in_scope(flt.Scope(dataset, flt.Filters(years=(2025, 2025), companies=("Huawei",)), options))
    assert {"AWS", "Nvidia"} <= set(scope.events["company"])  # the page picks its own companies
    assert scope.events["year_start"].min() == 2025
    assert len(scope.stances) == len(dataset.stances) - 2  # Microsoft's and IBM's stances date from 2024
    assert comparison.in_scope(flt.Scope(dataset, flt.Filters(years=(options.first_year, 2023)), options)).stances.empty


# --------------------------------------------------------------------------- moves and key figures


def test_moves_put_amazon_exits_in_the_aws_lane(dataset) -> None:
    moves = comparison.moves(dataset.events, "AWS", "Nvidia")
    lanes = dict(zip(moves["event_id"], moves["lane"]))
    assert lanes["amazon-ebook-exit"] == "AWS"
    assert lanes["aws-shanghai-lab-closed"] == "AWS"
    assert lanes["h20-licences-assured"] == "Nvidia"
    assert set(moves["lane"]) == {"AWS", "Nvidia"}
    assert moves["start"].dropna().is_monotonic_increasing
    assert list(moves.loc[moves["start"].isna(), "event_id"]) == ["amazon-appstore-exit"]
    assert moves["start"].isna().iloc[-1]  # undated moves last


def test_lane_label_names_the_brands_that_have_moves_there() -> None:
    moves = comparison.moves(
        pd.DataFrame([_event("e1", "AWS", "statement", "2025-07"), _event("e2", "Amazon", "market_exit", None)]), "AWS"
    )
    assert comparison.lane_label("AWS", moves) == "AWS + Amazon"
    assert comparison.lane_label("AWS", moves[moves["company"] == "AWS"]) == "AWS"


def test_lab_lifetime_needs_an_opening_and_a_closing() -> None:
    places = pd.DataFrame({"place_id": ["lab-1", "lab-2"], "name_en": ["Lab One", "Lab Two"]})
    moves = comparison.moves(
        pd.DataFrame(
            [
                _event("open-1", "X", "lab_opened", "2018-09-01", place_id="lab-1"),
                _event("close-1", "X", "lab_closed", "2025-07-23", place_id="lab-1"),
                _event("open-2", "Y", "lab_opened", "2020-01-01", place_id="lab-2"),  # still open: no lifetime
            ]
        ),
        "X",
        "Y",
    )
    lifetimes = comparison.lab_lifetimes(moves, places)
    assert lifetimes["lab"].tolist() == ["Lab One"]
    lab = lifetimes.iloc[0]
    assert (lab["lane"], lab["period"], round(lab["years"], 1)) == ("X", "2018-09-01 – 2025-07-23", 6.9)
    assert lab["source_ids"] == "src-open-1;src-close-1"


def test_key_figures_are_computed_from_the_data(dataset) -> None:
    aws = {figure.label: figure for figure in comparison.key_figures(dataset, "AWS")[0]}
    lab = aws["Years AWS Shanghai AI Lab ran"]
    assert (lab.value, lab.detail) == ("about 7", "17 Sep 2018 – Jul 2025")  # announced; closure known to the month
    assert "seed-003" in lab.source_ids.split(";")
    assert (aws["Cloud regions"].value, aws["Cloud regions"].source_ids) == (
        "2 regions",
        "seed-003;aws-blog-china-regions",
    )
    assert not any("Staff" in label for label in aws)  # no source gives the lab's headcount
    assert "Market population" not in aws  # a claim about China, not a figure about AWS
    nvidia = {figure.label: figure.value for figure in comparison.key_figures(dataset, "Nvidia")[0]}
    assert nvidia == {"China share of revenue, fiscal year (2025)": "about 13%"}


def test_key_figures_up_to_a_limit_keep_their_order_and_count_them_all(dataset) -> None:
    every, total = comparison.key_figures(dataset, "AWS")
    assert total == len(every) == 2
    for limit in range(total + 2):
        first, counted = comparison.key_figures(dataset, "AWS", limit=limit)
        assert first == every[:limit] and counted == total


def test_key_figures_follow_the_scope(dataset) -> None:
    scope = comparison.in_scope(flt.Scope(dataset, flt.Filters(years=(2025, 2025)), flt.options_for(dataset)))
    assert comparison.key_figures(scope, "AWS")[0] == ()  # the lab opened in 2018 and the regions figure has no year
    labels = [figure.label for figure in comparison.key_figures(scope, "Nvidia")[0]]
    assert labels == ["China share of revenue, fiscal year (2025)"]
    earlier = comparison.in_scope(flt.Scope(dataset, flt.Filters(years=(2018, 2024)), flt.options_for(dataset)))
    assert [figure.label for figure in comparison.key_figures(earlier, "Nvidia")[0]] == []


# --------------------------------------------------------------------------- the moves chart


def test_close_up_only_when_the_span_is_long() -> None:
    short = pd.DataFrame([_event("a", "X", "policy", "2025-01-01"), _event("b", "X", "policy", "2025-07-31")])
    assert compare_charts.close_up_window(short) is None
    long = pd.concat([short, pd.DataFrame([_event("c", "X", "lab_opened", "2018-09-01")])])
    assert compare_charts.close_up_window(long) == (pd.Timestamp("2024-12-12"), pd.Timestamp("2025-08-20"))
    assert compare_charts.close_up_window(short.iloc[:0]) is None


def test_moves_figure_draws_two_lanes_a_close_up_and_the_lab_lifetime(dataset) -> None:
    moves = comparison.moves(dataset.events, "AWS", "Nvidia")
    figure = compare_charts.moves_figure(moves, ["AWS", "Nvidia"], dataset)
    assert list(figure.layout.yaxis.categoryarray) == ["AWS", "Nvidia"]
    assert list(figure.layout.yaxis.ticktext) == ["AWS + Amazon", "Nvidia"]  # Amazon's dated exits share AWS's lane
    drawn = _drawn(figure)
    assert drawn[("aws-shanghai-lab-opened", "x")] == "exact"  # announced on 2018-09-17
    assert drawn[("aws-shanghai-lab-closed", "x")] == "approximate"  # known to the month: a span, not a fake day
    assert drawn[("amazon-ebook-exit", "x")] == "exact"
    assert drawn[("cac-summons-nvidia", "x2")] == "exact"  # every mark is in the close-up too
    assert drawn[("ctx-us-ai-chip-rules-2022", "x")] == "exact"  # the US rules Nvidia's China chips were built for
    assert not any(event_id == "amazon-appstore-exit" for event_id, _ in drawn)  # no date: listed, never drawn
    assert [pd.Timestamp(x) for x in figure.layout.xaxis2.range] == [
        pd.Timestamp("2024-12-12"),
        pd.Timestamp("2025-08-21"),
    ]
    lifetime = next(trace for trace in figure.data if trace.meta == "lab_lifetime" and trace.xaxis == "x")
    assert [pd.Timestamp(x) for x in lifetime.x] == [pd.Timestamp("2018-09-17"), pd.Timestamp("2025-07-01")]
    assert list(lifetime.y) == ["AWS", "AWS"]
    assert [a.text for a in figure.layout.annotations] == ["Years AWS Shanghai AI Lab ran: about 7"]
    legend_entries = [trace.name for trace in figure.data if trace.showlegend]
    assert len(legend_entries) == len(set(legend_entries))  # the close-up repeats no legend entry


def test_moves_figure_keeps_one_panel_for_a_short_span(dataset) -> None:
    moves = comparison.moves(dataset.events[dataset.events["year_start"].eq(2025)], "Nvidia", "AWS")
    figure = compare_charts.moves_figure(moves, ["Nvidia", "AWS"], dataset)
    assert {trace.xaxis for trace in figure.data} == {"x"}
    assert list(figure.layout.yaxis.categoryarray) == ["Nvidia", "AWS"]
    assert not any(trace.meta == "lab_lifetime" for trace in figure.data)  # the opening is outside the scope


def test_many_lab_lifetimes_share_one_trace_with_a_gap_between_labs() -> None:
    places = pd.DataFrame({"place_id": [f"lab-{i}" for i in range(3)], "name_en": [f"Lab {i}" for i in range(3)]})
    moves = comparison.moves(
        pd.DataFrame(
            [
                event
                for i in range(3)
                for event in (
                    _event(f"open-{i}", "X" if i < 2 else "Y", "lab_opened", f"201{i}-01-01", place_id=f"lab-{i}"),
                    _event(f"close-{i}", "X" if i < 2 else "Y", "lab_closed", f"202{i}-01-01", place_id=f"lab-{i}"),
                )
            ]
        ),
        "X",
        "Y",
    )
    lifetimes = comparison.lab_lifetimes(moves, places)
    assert lifetimes["lab"].tolist() == ["Lab 0", "Lab 1", "Lab 2"]
    trace = compare_charts.lifetimes_trace(compare_charts.distinct_lifetimes(lifetimes), "en")
    assert [None if x is None else pd.Timestamp(x).year for x in trace.x] == [
        2010,
        2020,
        None,
        2011,
        2021,
        None,
        2012,
        2022,
    ]
    assert list(trace.y) == ["X", "X", None, "X", "X", None, "Y", "Y"]
    assert trace.hovertext[0].startswith("Years Lab 0 ran: about 10") and trace.hovertext[2] is None


def test_labs_over_the_same_years_on_one_lane_share_one_line_that_counts_them() -> None:
    places = pd.DataFrame({"place_id": [f"lab-{i}" for i in range(4)], "name_en": [f"Lab {i}" for i in range(4)]})
    moves = comparison.moves(
        pd.DataFrame(
            [
                event
                for i in range(4)
                for event in (
                    _event(
                        f"open-{i}", "X", "lab_opened", "2015-01-01" if i < 3 else "2016-01-01", place_id=f"lab-{i}"
                    ),
                    _event(f"close-{i}", "X", "lab_closed", "2020-01-01", place_id=f"lab-{i}"),
                )
            ]
        ),
        "X",
        "Y",
    )
    lifetimes = compare_charts.distinct_lifetimes(comparison.lab_lifetimes(moves, places))
    assert lifetimes["lab"].tolist() == ["Lab 0", "Lab 3"] and lifetimes["also"].tolist() == [2, 0]
    trace = compare_charts.lifetimes_trace(lifetimes, "en")
    assert "and 2 more labs over the same years" in trace.hovertext[0]
    assert "more labs" not in trace.hovertext[3]


def test_a_view_s_scope_and_key_figures_are_computed_once(dataset) -> None:
    options = flt.options_for(dataset)
    everything = flt.default_filters(options)
    scope = comparison.in_scope(flt.Scope(dataset, everything, options))
    assert comparison.in_scope(flt.Scope(dataset, everything, options)) is scope  # the next run of the view
    narrower = comparison.in_scope(flt.Scope(dataset, flt.Filters(years=(2025, 2025)), options))
    assert narrower is not scope and len(narrower.events) < len(scope.events)
    figures = comparison.key_figures(scope, "AWS", "en", limit=comparison.KEY_FIGURES_SHOWN)
    assert comparison.key_figures(scope, "AWS", "en", limit=comparison.KEY_FIGURES_SHOWN) is figures
    assert isinstance(figures[0], tuple)  # shared between runs and sessions: nothing can append to it
    assert comparison.key_figures(narrower, "AWS", "en", limit=comparison.KEY_FIGURES_SHOWN) != figures
