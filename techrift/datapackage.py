"""The Frictionless data package descriptor (data/datapackage.json), derived from the pandera models."""

from __future__ import annotations

import json
from typing import Any

from techrift import schema

_TYPES = {"float64": "number", "Int64": "integer"}
_LIST_NOTE = " A ';'-separated list of ids; each must exist in sources.csv."
_FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "events": [("place_id", "places", "place_id")],
    "flows": [("recipient_place_id", "places", "place_id")],
    "quotes": [("source_id", "sources", "source_id")],
}


def _constraints(column: Any) -> dict[str, Any]:
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    for check in column.checks:
        stats = check.statistics
        if check.name == "isin":
            constraints["enum"] = list(stats["allowed_values"])
        elif check.name == "str_matches":
            constraints["pattern"] = str(stats["pattern"])
        elif check.name in ("greater_than_or_equal_to", "greater_than"):
            constraints["minimum"] = stats["min_value"]
        elif check.name in ("less_than_or_equal_to", "less_than"):
            constraints["maximum"] = stats["max_value"]
    return constraints


def _field(name: str, column: Any) -> dict[str, Any]:
    description = column.description or ""
    if name in ("source_ids", "coord_source_ids"):
        description += _LIST_NOTE
    field: dict[str, Any] = {"name": name, "type": _TYPES.get(str(column.dtype), "string"), "description": description}
    constraints = _constraints(column)
    if constraints:
        field["constraints"] = constraints
    return field


def descriptor() -> dict[str, Any]:
    """The package descriptor: one tabular resource per table, fields and constraints from techrift.schema."""
    resources = []
    for name, model in schema.TABLES.items():
        table_schema = model.to_schema()
        fields = [_field(column_name, column) for column_name, column in table_schema.columns.items()]
        resource: dict[str, Any] = {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": (model.__doc__ or "").strip(),
            "schema": {"fields": fields, "primaryKey": schema.ID_COLUMNS[name], "missingValues": [""]},
        }
        foreign_keys = [
            {"fields": column, "reference": {"resource": resource_name, "fields": target}}
            for column, resource_name, target in _FOREIGN_KEYS.get(name, [])
        ]
        if foreign_keys:
            resource["schema"]["foreignKeys"] = foreign_keys
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": "techrift",
        "title": "TechRift: the US-China technology rift in research ties",
        "description": (
            "Events, money flows, non-money figures and company stances about Huawei's university ties in the US "
            "and Russia and about AWS and Nvidia in China; every record cites its sources, and records drawn from "
            "the two Vietnamese seed articles carry the verbatim fragment they rest on (quotes.csv)."
        ),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "sources": [
            {
                "title": "Seed article 000 (Vietnamese, TTXVN after the South China Morning Post)",
                "path": "../seeds/000_af3ea00ef0deb774.txt",
            },
            {"title": "Seed article 003 (Vietnamese, after The Register)", "path": "../seeds/003_b470348c963816f1.txt"},
            {"title": "Public articles listed in sources.csv", "path": "sources.csv"},
        ],
        "resources": resources,
    }


def render() -> str:
    """The descriptor as the JSON text committed in data/datapackage.json."""
    return json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n"
