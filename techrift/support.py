"""How well each record is supported, computed from its sources and its own columns: never typed by hand.

A record's independent sources are the distinct outlets among the sources that state it (sources.outlet: a mirror or
a translation counts as its original), aggregators and gazetteers left out. A source states a record when
evidence.csv quotes the sentence; a source the record cites with no sentence quoted is background and does not count
(data written before evidence existed, with no evidence table at all, counts every cited source). Beside that count,
a record says whether it rests on a seed article alone, whether its date or place is approximate, and whether it is
a reported fact, a reported claim, an estimate or a target.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

from techrift import schema
from techrift.i18n import t
from techrift.schema import split_ids

NOT_INDEPENDENT_KINDS = ("aggregator", "gazetteer")
WELL_SUPPORTED = 2  # independent outlets a record needs to count as well supported
COLUMNS = [
    "independent_sources",
    "background_sources",
    "support",
    "seed_only",
    "aggregator_only",
    "approximate_date",
    "approximate_place",
    "inferred",
    "nature",
]


def _nature(records: pd.DataFrame) -> pd.Series:
    nature = pd.Series("reported", index=records.index, dtype=object)
    if "status" in records:
        nature[records["status"].eq("reported_claim")] = "reported_claim"
        nature[records["status"].isin(schema.ESTIMATE_STATUSES)] = "estimate"
    if "kind" in records and "metric" in records:
        nature[records["kind"].eq("claim")] = "reported_claim"
        nature[records["kind"].eq("target")] = "target"
    return nature


def _place_column(records: pd.DataFrame) -> str | None:
    return next((column for column in ("place_id", "recipient_place_id") if column in records), None)


def stating_sources(
    records: pd.DataFrame, table: str | None, evidence: pd.DataFrame | None
) -> tuple[list[list[str]], list[list[str]]]:
    """For each record: the cited sources that state it (an evidence row quotes them) and those that are background.
    With no evidence table (None), every cited source states its record."""
    cited = [split_ids(ids) for ids in records["source_ids"]]
    if evidence is None or table is None:
        return cited, [[] for _ in cited]
    id_column = schema.ID_COLUMNS[table]
    quoted = set(zip(evidence["record_id"], evidence["source_id"])) if len(evidence) else set()
    if len(evidence):
        quoted = set(
            zip(*(evidence.loc[evidence["record_table"] == table, column] for column in ("record_id", "source_id")))
        )
    stating = [[s for s in ids if (record_id, s) in quoted] for record_id, ids in zip(records[id_column], cited)]
    background = [[s for s in ids if s not in states] for ids, states in zip(cited, stating)]
    return stating, background


def support_of(
    records: pd.DataFrame,
    sources: pd.DataFrame,
    places: pd.DataFrame,
    evidence: pd.DataFrame | None = None,
    table: str | None = None,
) -> pd.DataFrame:
    """For each record of a table (events, flows, metrics or stances), on the records' index: its independent
    sources (among those that state it, when an evidence table is given), its background sources, its support level
    (well_supported, single_source, aggregator_only, no_evidence), whether it rests on seeds alone or on aggregators
    alone, whether its date or place is approximate, whether its identification is inferred, and its nature
    (reported, reported_claim, estimate, target)."""
    kind_of = dict(zip(sources["source_id"], sources["kind"]))
    outlet_of = dict(zip(sources["source_id"], sources["outlet"]))
    stating, background = stating_sources(records, table, evidence)
    independent = [
        len({outlet_of[source_id] for source_id in ids if kind_of[source_id] not in NOT_INDEPENDENT_KINDS})
        for ids in stating
    ]
    kinds = [{kind_of[source_id] for source_id in ids} for ids in stating]
    support = pd.DataFrame(
        {
            "independent_sources": independent,
            "background_sources": [len(ids) for ids in background],
            "seed_only": [bool(found) and found == {"seed"} for found in kinds],
            "aggregator_only": [bool(found) and found <= set(NOT_INDEPENDENT_KINDS) for found in kinds],
        },
        index=records.index,
    )
    support["support"] = [
        "well_supported"
        if count >= WELL_SUPPORTED
        else "single_source"
        if count
        else "aggregator_only"
        if found
        else "no_evidence"
        for count, found in zip(independent, kinds)
    ]
    if "date_precision" in records:
        support["approximate_date"] = records["date_precision"].ne("day")
    else:
        support["approximate_date"] = False
    place_column = _place_column(records)
    if place_column:
        precision = records[place_column].map(dict(zip(places["place_id"], places["coord_precision"])))
        support["approximate_place"] = precision.notna() & precision.ne(schema.EXACT_COORDS)
    else:
        support["approximate_place"] = False
    support["inferred"] = records["identification"].eq("inferred") if "identification" in records else False
    support["nature"] = _nature(records)
    return support[COLUMNS]


def well_supported(records: pd.DataFrame, sources: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The records with at least WELL_SUPPORTED independent sources."""
    return records[support_of(records, sources, places)["support"].eq("well_supported")]


def support_text(record: Mapping[Hashable, Any], lang: str = "en") -> str:
    """A record's support in words, from its support columns: '2 independent sources · date approximate'."""
    count = int(record["independent_sources"])
    if record.get("support") == "no_evidence":
        parts = [t("support_no_evidence", lang)]
    elif record["aggregator_only"]:
        parts = [t("support_aggregator_only", lang)]
    else:
        parts = [t("support_sources", lang, count=count)]
    background = int(record.get("background_sources", 0) or 0)
    if background:
        parts.append(t("support_background", lang, count=background))
    for flag in ("seed_only", "approximate_date", "approximate_place", "inferred"):
        if record[flag]:
            parts.append(t(f"support_{flag}", lang))
    if record["nature"] != "reported":
        parts.append(t(f"support_nature_{record['nature']}", lang))
    return " · ".join(parts)


def support_texts(records: pd.DataFrame, lang: str = "en") -> list[str]:
    """`support_text` for every row of a frame the loader gave support columns."""
    return [support_text(record, lang) for record in records[COLUMNS].to_dict("records")]
