"""Where an event sits in the pivot: which side (the context, the West stepping back, the ties built in Russia) and which
lane (the institution or counterpart), and the order of the lanes. Pure rules on frames, no drawing."""

from __future__ import annotations

import re

import pandas as pd

from techrift import schema
from techrift.schema import CONTEXT_SIDE, RUSSIA_SIDE, WEST_SIDE

# The kinds of event each side shows.
SIDE_CATEGORIES: dict[str, tuple[str, ...]] = {
    CONTEXT_SIDE: ("policy",),
    WEST_SIDE: schema.STEP_BACK_CATEGORIES,
    RUSSIA_SIDE: (*schema.PARTNER_TIE_CATEGORIES, "product_launch"),
}


def sides(events: pd.DataFrame) -> pd.Series:
    """Each event's side of the pivot (west, russia, context), or None when it is not part of it."""
    company, category, country = events["company"].eq(schema.PIVOT_COMPANY), events["category"], events["country"]
    side = pd.Series(None, index=events.index, dtype=object)
    side[company & category.isin(SIDE_CATEGORIES[WEST_SIDE]) & ~country.isin(schema.NON_WESTERN_COUNTRIES)] = WEST_SIDE
    side[company & category.isin(SIDE_CATEGORIES[RUSSIA_SIDE]) & country.eq(schema.RUSSIA_COUNTRY)] = RUSSIA_SIDE
    side[company & category.isin(SIDE_CATEGORIES[CONTEXT_SIDE])] = CONTEXT_SIDE
    return side


def lane_name(name: str) -> str:
    """A short lane label: the abbreviation in parentheses when a name has one ('... (Skoltech)' -> 'Skoltech')."""
    abbreviation = re.search(r"\(([A-Z][A-Za-z]{1,9})\)", name)
    return abbreviation.group(1) if abbreviation else name


def pivot_events(events: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The pivot company's events of the pivot with their side and lane (institution), oldest first."""
    if events.empty:
        return events.assign(side=pd.Series(dtype=str), lane=pd.Series(dtype=str))
    academic = places[places["kind"].isin(schema.ACADEMIC_KINDS)].set_index("place_id")
    pivot = events.assign(side=sides(events))
    pivot = pivot[pivot["side"].notna()].copy()
    # One lane per university or institute; other events (companies, governments, groups) by counterpart. The lane
    # is named in English (its id on the chart) and, where the data translates the name, in Vietnamese (lane_vi).
    for lane, name, counterpart in (("lane", "name_en", "counterpart"), ("lane_vi", "name_vi", "counterpart_vi")):
        if name not in academic.columns or counterpart not in pivot.columns:
            continue
        names = pivot["place_id"].map(academic[name]).fillna(pivot[counterpart])
        pivot[lane] = names.map({name: lane_name(name) for name in names.dropna().unique()})
    return pivot.sort_values(["start", "event_id"], na_position="last")


def lane_order(pivot: pd.DataFrame) -> list[str]:
    """Lanes top to bottom: context, then Western institutions, then Russian ones, each by first appearance."""
    dated = pivot[pivot["start"].notna()]
    firsts = dated.groupby("lane").agg(side=("side", "first"), first=("start", "min")).reset_index()
    firsts["side_rank"] = firsts["side"].map({side: rank for rank, side in enumerate(schema.PIVOT_SIDES)})
    return list(firsts.sort_values(["side_rank", "first", "lane"])["lane"])
