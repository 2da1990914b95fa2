"""Every record of a dataset as one kind of thing: an event, a money flow, a figure, a stance, a place or a source,
each with its table, its id, a title and a text in both languages, its date as people write it, and what it links
to. The search, the record page and the citations of a record read this one list, so that a new table or a new
column is taught to them in one place.

A record's permanent address is `record?id=<id>` (`record_path`); ids are unique across the tables.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pandas as pd

from techrift.caching import memo
from techrift.data import Dataset
from techrift.formatting import amount_label, date_label, value_label, years_label
from techrift.i18n import LANGUAGES, localized
from techrift.schema import split_ids

# The tables whose rows are records, in the order a reader meets them (results are grouped in this order).
RECORD_TABLES = ("events", "flows", "metrics", "stances", "places", "sources")
ID_COLUMNS = {
    "events": "event_id",
    "flows": "flow_id",
    "metrics": "metric_id",
    "stances": "stance_id",
    "places": "place_id",
    "sources": "source_id",
}


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class Record:
    """One record, by language where it has words (`title["vi"]`), with the ids it points to."""

    table: str
    record_id: str
    title: Mapping[str, str]  # a short name of the record, per language
    text: Mapping[str, str]  # its full statement (a summary, a description, a statement), per language
    date: Mapping[str, str]  # its date at its own precision, as people write it, per language ("" if none)
    company: str  # "" for places and sources
    source_ids: tuple[str, ...]  # the sources that state it (a source lists itself)
    place_ids: tuple[str, ...]  # the places it is at or about
    row: Mapping[Hashable, Any]  # the whole row, for the views that show more

    @property
    def path(self) -> str:
        return record_path(self.record_id)


def record_path(record_id: str) -> str:
    """The record page's address, relative to the app's root: `record?id=<id>`."""
    return f"record?id={quote(record_id, safe='')}"


def _per_language(make: Any) -> dict[str, str]:
    return {lang: make(lang) for lang in LANGUAGES}


def _event(row: Mapping[Hashable, Any]) -> Record:
    return Record(
        "events",
        row["event_id"],
        _per_language(lambda lang: localized(row, "title", lang)),
        _per_language(lambda lang: localized(row, "summary", lang)),
        _per_language(lambda lang: date_label(row["date"], row["date_end"], lang)),
        _text(row["company"]),
        tuple(split_ids(row["source_ids"])),
        tuple(split_ids(row["place_id"])),
        row,
    )


def _flow(row: Mapping[Hashable, Any]) -> Record:
    def title(lang: str) -> str:
        return f"{localized(row, 'payer', lang)} → {localized(row, 'recipient', lang)}: {amount_label(row, lang)}"

    return Record(
        "flows",
        row["flow_id"],
        _per_language(title),
        _per_language(lambda lang: localized(row, "description", lang)),
        _per_language(
            lambda lang: years_label(row, lang) if pd.notna(row["year"]) or pd.notna(row["year_end"]) else ""
        ),
        _text(row["company"]),
        tuple(split_ids(row["source_ids"])),
        tuple(split_ids(row["recipient_place_id"])),
        row,
    )


def _metric(row: Mapping[Hashable, Any]) -> Record:
    def title(lang: str) -> str:
        return f"{localized(row, 'subject', lang)}: {value_label(row, lang)}"

    return Record(
        "metrics",
        row["metric_id"],
        _per_language(title),
        _per_language(lambda lang: localized(row, "description", lang)),
        _per_language(lambda lang: str(int(row["year"])) if pd.notna(row["year"]) else ""),
        _text(row["company"]),
        tuple(split_ids(row["source_ids"])),
        (),
        row,
    )


def _stance(row: Mapping[Hashable, Any]) -> Record:
    return Record(
        "stances",
        row["stance_id"],
        _per_language(lambda lang: f"{row['company']}: {localized(row, 'position', lang)}"),
        _per_language(lambda lang: localized(row, "statement", lang)),
        _per_language(lambda lang: date_label(row["as_of"], None, lang) if isinstance(row["as_of"], str) else ""),
        _text(row["company"]),
        tuple(split_ids(row["source_ids"])),
        (),
        row,
    )


def _place(row: Mapping[Hashable, Any]) -> Record:
    def text(lang: str) -> str:
        where = ", ".join(part for part in (localized(row, "city", lang), localized(row, "country", lang)) if part)
        fields = localized(row, "research_fields", lang)
        return "; ".join(part for part in (_text(row["name_original"]), where, fields) if part)

    return Record(
        "places",
        row["place_id"],
        _per_language(lambda lang: localized(row, "name", lang)),
        _per_language(text),
        _per_language(lambda lang: ""),
        "",
        tuple(split_ids(row["coord_source_ids"])),
        (row["place_id"],),
        row,
    )


def _source(row: Mapping[Hashable, Any]) -> Record:
    return Record(
        "sources",
        row["source_id"],
        _per_language(lambda lang: localized(row, "title", lang)),
        _per_language(lambda lang: localized(row, "publisher", lang)),
        _per_language(
            lambda lang: date_label(row["published"], None, lang) if isinstance(row["published"], str) else ""
        ),
        "",
        (row["source_id"],),
        (),
        row,
    )


_MAKERS = {
    "events": _event,
    "flows": _flow,
    "metrics": _metric,
    "stances": _stance,
    "places": _place,
    "sources": _source,
}


@memo(maxsize=8)
def records(dataset: Dataset) -> tuple[Record, ...]:
    """Every record of the dataset, table by table in RECORD_TABLES' order, each table in its file's order."""
    made: list[Record] = []
    for table in RECORD_TABLES:
        frame: pd.DataFrame = getattr(dataset, table)
        made.extend(_MAKERS[table](row) for row in frame.to_dict("records"))
    return tuple(made)


@memo(maxsize=8)
def _by_id(dataset: Dataset) -> dict[str, Record]:
    by_id: dict[str, Record] = {}
    for record in records(dataset):
        by_id.setdefault(record.record_id, record)
    return by_id


def find_record(dataset: Dataset, record_id: str) -> Record | None:
    """The record with this id, or None (ids are unique across tables; were two to share one, the first table's)."""
    return _by_id(dataset).get(record_id)
