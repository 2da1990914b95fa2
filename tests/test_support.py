"""How well each record is supported: counted from its sources, mirrors and aggregators not counted."""

from __future__ import annotations

import pandas as pd

from techrift import support

SOURCES = pd.DataFrame(
    {
        "source_id": ["seed", "original", "mirror", "other", "aggregator", "gazetteer"],
        "kind": ["seed", "reporting", "reporting", "reporting", "aggregator", "gazetteer"],
        "outlet": ["Paper", "Paper", "Paper", "Wire", "Wire", "Wikipedia"],
    }
)
PLACES = pd.DataFrame({"place_id": ["campus", "city"], "coord_precision": ["campus", "city"]})


def _events(**columns: list) -> pd.DataFrame:
    count = len(columns["source_ids"])
    base = {
        "event_id": [f"e{i}" for i in range(count)],
        "date_precision": ["day"] * count,
        "place_id": [None] * count,
        "identification": ["named"] * count,
    }
    return pd.DataFrame(base | columns)


def test_mirrors_and_translations_count_once_and_aggregators_not_at_all() -> None:
    events = _events(
        source_ids=["seed;original;mirror", "original;other", "aggregator", "seed", "other;aggregator;gazetteer"]
    )
    found = support.support_of(events, SOURCES, PLACES)
    assert found["independent_sources"].tolist() == [1, 2, 0, 1, 1]
    assert found["support"].tolist() == [
        "single_source",
        "well_supported",
        "aggregator_only",
        "single_source",
        "single_source",
    ]
    assert found["seed_only"].tolist() == [False, False, False, True, False]
    assert found["aggregator_only"].tolist() == [False, False, True, False, False]


def test_approximate_dates_places_and_inferred_identifications_are_flagged() -> None:
    events = _events(
        source_ids=["other"] * 4,
        date_precision=["day", "month", None, "day"],
        place_id=["campus", "city", None, "city"],
        identification=["named", "named", "named", "inferred"],
    )
    found = support.support_of(events, SOURCES, PLACES)
    assert found["approximate_date"].tolist() == [False, True, True, False]
    assert found["approximate_place"].tolist() == [False, True, False, True]
    assert found["inferred"].tolist() == [False, False, False, True]


def test_the_nature_of_money_and_figures_comes_from_their_status_and_kind() -> None:
    flows = pd.DataFrame(
        {
            "source_ids": ["other"] * 3,
            "recipient_place_id": [None] * 3,
            "status": ["paid", "expected", "reported_claim"],
        }
    )
    assert support.support_of(flows, SOURCES, PLACES)["nature"].tolist() == ["reported", "estimate", "reported_claim"]
    metrics = pd.DataFrame({"source_ids": ["other"] * 3, "metric": ["m"] * 3, "kind": ["measure", "claim", "target"]})
    assert support.support_of(metrics, SOURCES, PLACES)["nature"].tolist() == ["reported", "reported_claim", "target"]


def test_records_are_counted_from_their_sources(dataset) -> None:
    events = dataset.events.set_index("event_id")
    found = support.support_of(events, dataset.sources, dataset.places)
    # seed-000 translates the SCMP article that scmp-tbforum reposts: one outlet, not two
    assert found.at["us-universities-review", "independent_sources"] == 1
    assert found.at["berkeley-suspends", "independent_sources"] >= 3
    assert found.at["atlas-launch-russia", "seed_only"]
    assert found.at["huawei-isdct-supercomputer-plan", "support"] == "aggregator_only"
    assert found.at["nstu-program", "inferred"] and found.at["nstu-program", "approximate_date"]
    flows = dataset.flows.set_index("flow_id")
    money = support.support_of(flows, dataset.sources, dataset.places)
    assert money.at["nvidia-h20-expected-charge", "nature"] == "estimate"
    assert money.at["aws-lab-graph-revenue-claim", "nature"] == "reported_claim"
    assert set(support.well_supported(events, dataset.sources, dataset.places).index) == set(
        found.index[found["independent_sources"] >= support.WELL_SUPPORTED]
    )
