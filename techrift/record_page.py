"""What a record's own page shows (pages/record.py draws it): the record found by its id or, for an id an older
version had, what became of it; its date's precision; the records related to it; the views that show it selected;
and which record a page's address has selected, for the citation of that record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

import pandas as pd

from techrift import filters as flt
from techrift import maps, schema, views
from techrift.caching import memo
from techrift.comparison import companies
from techrift.data import Dataset
from techrift.i18n import t
from techrift.records import Record, find_record, records

# The query parameter by which a view selects one record, and the table of that record (the record page's own
# `id` selects a record of any table). A view with one of these in its address cites that record first.
SELECTING_PARAMS: dict[str, str | None] = {"id": None, "event": "events", "flow": "flows", "place": "places"}
RELATED_SHOWN = 5  # records listed per kind of relation; the rest are counted


@dataclass(frozen=True)
class RetiredId:
    """An id a former version of the data had, in one table."""

    record_id: str
    table: str
    last_version: str
    replaced_by: str  # "" when it was removed
    changelog_version: str


def retired(dataset: Dataset, record_id: str) -> tuple[RetiredId, ...]:
    """What the data's list of retired ids says of `record_id`: one entry per table that had it (usually none)."""
    frame = dataset.retired_ids
    rows = frame[frame["record_id"] == record_id].to_dict("records")
    return tuple(
        RetiredId(
            row["record_id"],
            row["record_table"],
            row["last_version"],
            row["replaced_by"] if isinstance(row["replaced_by"], str) else "",
            row["changelog_version"],
        )
        for row in rows
    )


def precision(record: Record) -> str:
    """How precisely the record's date is known: 'day', 'month' or 'year' ('' without a date)."""
    if record.table == "events":
        value = record.row.get("date_precision")
        return value if isinstance(value, str) else ""
    if record.table in ("flows", "metrics"):
        return "year" if record.date["en"] else ""
    column = {"stances": "as_of", "sources": "published"}.get(record.table)
    value = record.row.get(column) if column else None
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "") if isinstance(value, str) else ""


@dataclass(frozen=True)
class Related:
    """Records related to one record in one way, the first few of them and how many there are."""

    relation: str  # "place", "company" or "source"
    records: tuple[Record, ...]
    total: int


def _places_of(record: Record) -> set[str]:
    return set(record.place_ids)


def related(dataset: Dataset, record: Record, shown: int = RELATED_SHOWN) -> tuple[Related, ...]:
    """The records at the same institution or place, of the same company, and citing the same sources (or, for a
    source, citing it), each list without the record itself and in the data's order; empty relations left out."""
    others = [other for other in records(dataset) if other.record_id != record.record_id]
    places, sources = _places_of(record), set(record.source_ids)
    found = {
        "place": [other for other in others if places & _places_of(other)] if places else [],
        "company": [other for other in others if other.company == record.company] if record.company else [],
        # those sharing the most sources first: every record of a seed shares that one seed
        "source": sorted(
            (other for other in others if other.table != "sources" and sources & set(other.source_ids)),
            key=lambda other: -len(sources & set(other.source_ids)),
        ),
    }
    return tuple(
        Related(relation, tuple(matches[:shown]), len(matches)) for relation, matches in found.items() if matches
    )


def _link(page: str, **params: str) -> str:
    return page + "?" + "&".join(f"{key}={quote(value, safe='')}" for key, value in params.items())


@memo(maxsize=8)
def _map_places(dataset: Dataset) -> dict[str, str]:
    """The places the map draws unfiltered, each with the first view that draws it (Russia's, else the world's)."""
    everything = flt.Scope.everything(dataset)
    drawn: dict[str, str] = {}
    for view in (maps.RUSSIA, maps.WORLD):
        in_view = views.map_view(everything, view).in_view
        for place_id in in_view["place_id"] if "place_id" in in_view.columns else ():
            drawn.setdefault(place_id, view)
    return drawn


def appears_in(dataset: Dataset, record: Record) -> tuple[tuple[str, str], ...]:
    """(page name, link) of each view that shows the record, with the record selected where the view selects one:
    an event on the timeline (dated) and at its place on the map, a flow on the funding page and at its recipient's
    place, a figure on the funding page, a stance and a company's moves in the comparison, a place on the map, a
    source on the Sources page."""
    links: list[tuple[str, str]] = []
    row, table = record.row, record.table
    compared = companies(dataset.stances, dataset.events)
    drawn = _map_places(dataset)

    def on_map(place_id: str) -> None:
        if view := drawn.get(place_id):
            links.append(("map", _link("map", view=view, place=place_id)))

    if table == "events":
        if isinstance(row.get("date"), str):
            links.append(("timeline", _link("timeline", event=record.record_id)))
        for place_id in record.place_ids:
            on_map(place_id)
        if record.company in compared and isinstance(row.get("date"), str):
            links.append(("compare", _link("compare", a=record.company, event=record.record_id)))
    elif table == "flows":
        links.append(("funding", _link("funding", flow=record.record_id)))
        for place_id in record.place_ids:
            on_map(place_id)
    elif table == "metrics":
        links.append(("funding", "funding"))
        if record.company in compared:
            links.append(("compare", _link("compare", a=record.company)))
    elif table == "stances":
        links.append(("compare", _link("compare", a=record.company)))
    elif table == "places":
        on_map(record.record_id)
    elif table == "sources":
        links.append(("sources", _link("sources", source=record.record_id)))
    return tuple(links)


def selected_record(dataset: Dataset, params: Mapping[str, str]) -> Record | None:
    """The record a view's address selects (`id`, `event`, `flow` or `place`), if it exists in that table."""
    for param, table in SELECTING_PARAMS.items():
        value = params.get(param)
        if not value:
            continue
        record = find_record(dataset, value)
        if record is not None and table in (None, record.table):
            return record
    return None


def sources_first(record: Record | None, source_ids: tuple[str, ...]) -> tuple[str, ...]:
    """A view's sources with the selected record's own first (in its order), then the others as they came."""
    if record is None:
        return source_ids
    return tuple(dict.fromkeys((*record.source_ids, *source_ids)))


def record_frame(dataset: Dataset, record_id: str) -> pd.DataFrame:
    """The record's row as a one-row table, for its download (empty for an unknown id)."""
    record = find_record(dataset, record_id)
    if record is None:
        return pd.DataFrame()
    frame: pd.DataFrame = getattr(dataset, record.table)
    return frame[frame[schema.ID_COLUMNS[record.table]] == record_id][
        list(schema.TABLES[record.table].to_schema().columns)
    ].reset_index(drop=True)


def choices(dataset: Dataset, lang: str) -> dict[str, str]:
    """Every record by id, labelled with its kind's table and title in `lang`, for the page's picker."""
    return {
        record.record_id: f"{t('record_kind_' + record.table, lang)}: {record.title[lang]} ({record.record_id})"
        for record in records(dataset)
    }
