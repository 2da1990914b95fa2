"""The pivot's rules: which events are part of it, on which side and lane, in which order."""

from __future__ import annotations

import pandas as pd

from techrift import pivot, schema, support
from techrift.data import with_event_dates


def _events(rows: list[dict]) -> pd.DataFrame:
    base = {
        "date_end": None,
        "place_id": None,
        "identification": "named",
        "title_vi": None,
        "summary_vi": None,
        "summary_en": "s",
        "source_ids": "dailycal",
    }
    events = with_event_dates(pd.DataFrame([base | row for row in rows]))
    return events.join(support.support_of(events, SOURCES, pd.DataFrame({"place_id": [], "coord_precision": []})))


# The one source the sample events cite, as the loader would describe it.
SOURCES = pd.DataFrame({"source_id": ["dailycal"], "kind": ["reporting"], "outlet": ["The Daily Californian"]})


PLACES = pd.DataFrame(
    {
        "place_id": ["berkeley", "skoltech", "kremlin"],
        "name_en": [
            "University of California, Berkeley",
            "Skolkovo Institute of Science and Technology (Skoltech)",
            "Moscow Kremlin",
        ],
        "kind": ["university", "research_institute", "government"],
    }
)

SAMPLE = _events(
    [
        dict(
            event_id="cut-day",
            date="2019-01-30",
            date_precision="day",
            company="Huawei",
            counterpart="UC Berkeley",
            place_id="berkeley",
            country="United States",
            category="tie_suspended",
            title_en="Berkeley suspends",
        ),
        dict(
            event_id="lab-month",
            date="2019-06",
            date_precision="month",
            company="Huawei",
            counterpart="Skoltech",
            place_id="skoltech",
            country="Russia",
            category="lab_opened",
            title_en="Skoltech lab",
        ),
        dict(
            event_id="deal-month",
            date="2019-06",
            date_precision="month",
            company="Huawei",
            counterpart="MTS",
            place_id="kremlin",
            country="Russia",
            category="deal",
            title_en="MTS deal",
        ),
        dict(
            event_id="review-period",
            date="2018",
            date_precision="year",
            date_end="2019",
            company="Huawei",
            counterpart="US universities",
            country="United States",
            category="tie_review",
            title_en="Review",
        ),
        dict(
            event_id="aws-lab",
            date="2025-07-23",
            date_precision="day",
            company="AWS",
            counterpart="AWS lab",
            country="China",
            category="lab_closed",
            title_en="AWS closes lab",
        ),
        dict(
            event_id="huawei-statement",
            date="2019",
            date_precision="year",
            company="Huawei",
            counterpart="Carnegie",
            country="Russia",
            category="statement",
            title_en="Gabuev",
        ),
    ]
)


def test_pivot_keeps_huawei_ties_on_both_sides_only() -> None:
    events = pivot.pivot_events(SAMPLE, PLACES)
    assert dict(zip(events["event_id"], events["side"])) == {
        "review-period": "west",
        "cut-day": "west",
        "lab-month": "russia",
        "deal-month": "russia",
    }


def test_lanes_are_institutions_with_short_names_west_above_russia() -> None:
    events = pivot.pivot_events(SAMPLE, PLACES)
    assert dict(zip(events["event_id"], events["lane"]))["lab-month"] == "Skoltech"
    # A non-academic place (the Kremlin) does not name a lane: the counterpart does.
    assert dict(zip(events["event_id"], events["lane"]))["deal-month"] == "MTS"
    assert pivot.lane_order(events) == ["US universities", "University of California, Berkeley", "MTS", "Skoltech"]


def test_sides_of_the_pivot() -> None:
    events = pd.DataFrame(
        {
            "company": ["Huawei", "Huawei", "Huawei", "Huawei", "Huawei", "Nvidia"],
            "category": ["tie_cut", "tie_cut", "partnership", "partnership", "policy", "tie_cut"],
            "country": ["United States", "Russia", "Russia", "China", "United States", "United States"],
        }
    )
    assert pivot.sides(events).fillna("none").tolist() == ["west", "none", "russia", "none", "context", "none"]


def test_every_side_has_its_kinds_of_event() -> None:
    assert set(pivot.SIDE_CATEGORIES) == set(schema.PIVOT_SIDES)
