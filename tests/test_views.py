"""What the pages are given: the events drawn and those named apart, the count chart and its note, the map's deck."""

from __future__ import annotations

import json

import pandas as pd

from techrift import filters as flt
from techrift import views
from techrift.charts import alt_text, funding
from techrift.data import default_data_dir
from techrift.i18n import t


def test_events_without_a_date_are_named_apart_in_the_interfaces_language(dataset) -> None:
    options = flt.options_for(dataset)
    moves = views.moves(flt.Scope(dataset, flt.default_filters(options), options), "AWS", "Nvidia")
    shown = views.dated_events(moves, "vi")
    undated = moves[moves["start"].isna()]
    assert len(undated) > 0 and len(shown.dated) == len(moves) - len(undated)
    assert shown.undated_titles == "; ".join(undated["title_vi"])
    assert views.dated_events(moves.iloc[0:0]).undated_titles == ""


def test_the_contract_count_carries_the_money_paid_to_the_same_recipient(dataset) -> None:
    contracts = views.contracts(dataset.flows, dataset.metrics)
    assert not contracts.series.empty and set(contracts.series["subject"]) == {"Skoltech"}
    assert contracts.note is not None and "USD" in contracts.note
    assert views.contracts(dataset.flows.iloc[0:0], dataset.metrics).note is None


def test_the_map_deck_draws_the_data_folders_outlines(dataset) -> None:
    options = flt.options_for(dataset)
    shown = views.map_view(flt.Scope(dataset, flt.default_filters(options), options), "world")
    deck = json.loads(
        views.map_deck(flt.Scope(dataset, flt.default_filters(options), options), default_data_dir(), "world").to_json()
    )
    outlines = next(layer for layer in deck["layers"] if layer["id"] == "outlines")
    assert len(outlines["data"]["features"]) == len(views.country_outlines(default_data_dir())["features"])
    assert isinstance(shown.in_view, pd.DataFrame) and len(shown.in_view) == len(shown.partners) + len(shown.western)


def test_a_view_seen_before_is_handed_over_again_not_made_again(dataset) -> None:
    """Toggling a filter back finds the frames, figures and deck the earlier run made (techrift.views, VIEWS_KEPT)."""
    options = flt.options_for(dataset)
    every, us = (
        flt.default_filters(options),
        flt.Filters(years=flt.default_filters(options).years, countries=("United States",)),
    )
    for view in (
        lambda filters: views.flows_chart(flt.Scope(dataset, filters, options), "recipient", False, "en"),
        lambda filters: views.flows_table(flt.Scope(dataset, filters, options), "en"),
        lambda filters: views.moves_chart(flt.Scope(dataset, filters, options), "AWS", "Nvidia", "vi"),
        lambda filters: views.timeline_chart(flt.Scope(dataset, filters, options), "en"),
        lambda filters: views.map_deck(flt.Scope(dataset, filters, options), default_data_dir(), "world", "en"),
    ):
        first = view(every)
        assert view(us) is not first  # another view
        assert view(every) is first  # the same view again: the same object, not a copy made again
    deck = views.map_deck(flt.Scope(dataset, every, options), default_data_dir(), "world", "en")
    assert deck.to_json() is deck.to_json()  # its JSON made once


def test_a_chart_is_its_figure_and_the_text_alternative_of_what_it_draws(dataset) -> None:
    options = flt.options_for(dataset)
    every = flt.default_filters(options)
    money = views.flows_chart(flt.Scope(dataset, every, options), "status", False, "vi", context=True)
    drawn = funding.largest_per_panel(flt.money_drawn(dataset.flows))
    assert sum(len(trace.x) for trace in money.figure.data) == len(drawn) > 0
    assert money.alt == alt_text.flows_alt(drawn, "vi")
    series = views.contracts(dataset.flows, dataset.metrics, "vi").series
    contracts = views.contracts_chart(flt.Scope(dataset, every, options), "vi")
    assert contracts is not None and list(contracts.figure.data[0].x) == list(series["year"].astype(str))
    assert contracts.alt == alt_text.counts_alt(series, t("skoltech_title", "vi"), "vi")
    only_us = flt.Filters(years=every.years, countries=("United States",))
    no_contracts = views.contracts_chart(flt.Scope(dataset, only_us, options), "vi")
    assert no_contracts is None  # no Skoltech contracts in view: no chart
