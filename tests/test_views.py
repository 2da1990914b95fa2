"""What the pages are given: the events drawn and those named apart, the count chart and its note, the map's deck."""

from __future__ import annotations

import json

import pandas as pd

from techrift import filters as flt
from techrift import views
from techrift.data import default_data_dir


def test_events_without_a_date_are_named_apart_in_the_interfaces_language(dataset) -> None:
    options = flt.options_for(dataset)
    moves = views.moves(dataset, flt.default_filters(options), options, "AWS", "Nvidia")
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
    shown = views.map_view(dataset, flt.default_filters(options), options, "world")
    deck = json.loads(views.map_deck(dataset, default_data_dir(), shown, "world").to_json())
    outlines = next(layer for layer in deck["layers"] if layer["id"] == "outlines")
    assert len(outlines["data"]["features"]) == len(views.country_outlines(default_data_dir())["features"])
    assert isinstance(shown.in_view, pd.DataFrame) and len(shown.in_view) == len(shown.partners) + len(shown.western)
