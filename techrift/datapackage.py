"""What data/ says about itself, derived from the pandera models and data/CHANGELOG.md: the Frictionless
descriptor (datapackage.json, with the data's version) and the data dictionary (README.md)."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from techrift import schema

_TYPES = {"float64": "number", "Int64": "integer", "bool": "boolean"}
_LIST_NOTE = " A ';'-separated list of ids; each must exist in sources.csv."
_FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "events": [("place_id", "places", "place_id")],
    "flows": [("recipient_place_id", "places", "place_id")],
    "quotes": [("source_id", "sources", "source_id")],
    "evidence": [("source_id", "sources", "source_id")],
}


def table_schema_pattern(pattern: str) -> str:
    """A pandera pattern (Python's re.match: anchored at the start only) as a Table Schema one (an XML Schema regular
    expression, which always matches the whole value and knows no anchors)."""
    body = pattern.removeprefix("^")
    return body.removesuffix("$") if body.endswith("$") else f"{body}.*"


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
            constraints["pattern"] = table_schema_pattern(str(stats["pattern"]))
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


CHANGELOG = "CHANGELOG.md"
_RELEASE_HEADING = re.compile(r"^## (\d+\.\d+\.\d+) — (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


@dataclass(frozen=True)
class Release:
    """A version of the data and the day its content is as of."""

    version: str
    data_as_of: str


def latest_release(changelog: str) -> Release:
    """The newest release of a changelog: its first '## X.Y.Z — YYYY-MM-DD' heading."""
    match = _RELEASE_HEADING.search(changelog)
    if match is None:
        raise ValueError(f"{CHANGELOG} has no release heading of the form '## X.Y.Z — YYYY-MM-DD'")
    return Release(*match.groups())


def read_changelog(data_dir: Path) -> str:
    """The data folder's changelog, as written."""
    return (data_dir / CHANGELOG).read_text(encoding="utf-8")


def read_release(data_dir: Path) -> Release:
    """The release of the data folder, from its changelog."""
    return latest_release((data_dir / CHANGELOG).read_text(encoding="utf-8"))


def _primary_key(table: str) -> str | list[str]:
    key = schema.PRIMARY_KEYS[table]
    return key[0] if len(key) == 1 else key


def absent_parts(data_dir: Path) -> dict[str, set[str] | None]:
    """What a data folder leaves out of what it may leave out (schema.OPTIONAL_TABLES and OPTIONAL_COLUMNS): by table,
    None for a table with no file, else the optional columns its header lacks. Its descriptor describes what it has."""
    absent: dict[str, set[str] | None] = {}
    for table in schema.OPTIONAL_TABLES:
        if not (data_dir / f"{table}.csv").is_file():
            absent[table] = None
    for table, columns in schema.OPTIONAL_COLUMNS.items():
        path = data_dir / f"{table}.csv"
        if path.is_file():
            with path.open(encoding="utf-8-sig", newline="") as handle:
                header = next(csv.reader(handle), [])
            missing = set(columns) - set(header)
            if missing:
                absent[table] = missing
    return absent


def descriptor(release: Release, absent: dict[str, set[str] | None] | None = None) -> dict[str, Any]:
    """The package descriptor: one tabular resource per table, fields and constraints from techrift.schema; the
    optional tables and columns in `absent` (see absent_parts) are left out."""
    absent = absent or {}
    resources = []
    for name, model in schema.TABLES.items():
        if name in absent and absent[name] is None:
            continue
        left_out = absent.get(name) or set()
        table_schema = model.to_schema()
        fields = [
            _field(column_name, column)
            for column_name, column in table_schema.columns.items()
            if column_name not in left_out
        ]
        resource: dict[str, Any] = {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": (model.__doc__ or "").strip(),
            "schema": {"fields": fields, "primaryKey": _primary_key(name), "missingValues": [""]},
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
        "version": release.version,
        "data_as_of": release.data_as_of,
        "description": (
            "Events, money flows, non-money figures and company stances about Huawei's university ties in the US "
            "and Russia and about AWS and Nvidia in China; every record cites its sources, and records drawn from "
            "the two Vietnamese seed articles carry the verbatim fragment they rest on (quotes.csv); evidence.csv quotes "
            "the sentence of each source that states each record, and a source cited without one is background."
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


def render(release: Release, absent: dict[str, set[str] | None] | None = None) -> str:
    """The descriptor as the JSON text committed in data/datapackage.json."""
    return json.dumps(descriptor(release, absent), indent=2, ensure_ascii=False) + "\n"


_DICTIONARY_INTRO = """# The data: a dictionary

Plain CSV tables (UTF-8, comma-separated, one header row) described by `datapackage.json` (Frictionless). This
file is written from the pandera models in `techrift/schema.py` by `python -m techrift datapackage`: change the
models, not this file. What changed in each version of the data is in [CHANGELOG.md](CHANGELOG.md).

## Adding or correcting a record

1. Read the page that states the fact. Add it to `sources.csv` with its `url`, its `published` date and the day
   you read it (`accessed`). A site that rewrites others' news is `kind: aggregator`; cite the original where
   you can find it.
2. Add the row to its table, citing the source ids in `source_ids` (`;`-separated). A record drawn from a seed
   article also gets its verbatim fragment in `quotes.csv`.
3. Quote the sentence that states it in `evidence.csv`, one row per source that states it: verbatim, in the page's
   language, with `excerpt_en` where that is not English. A flow's or metric's figure must be in the sentence as
   the page writes it ("$2.2 million", "2,2 triệu"), an event's year in the sentence or in the source's date. A
   cited source with no sentence quoted is background: it does not count toward the record's support.
4. Date the decision, not its announcement or the report, and no more precisely than the source does
   (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with `date_precision`). If only a report date is known, say so.
5. Mark what is not a plain fact: an amount that was only expected has `status: expected` and is never drawn
   as money spent; a figure that is a bound has `value_qualifier`; a counterpart the sources do not name has
   `identification: inferred`, with the reasoning in the summary.
6. Run `python -m techrift validate`: every problem is listed as `file:line: column: value: why`. Then add an
   entry to `CHANGELOG.md`, with a new version, and run `python -m techrift datapackage`.

## Tables
"""


def _allowed(column: Any) -> str:
    parts = []
    for check in column.checks:
        stats = check.statistics
        if check.name == "isin":
            parts.append(", ".join(f"`{value}`" for value in stats["allowed_values"]))
        elif check.name == "str_matches":
            parts.append(f"pattern `{table_schema_pattern(str(stats['pattern']))}` (the whole value)")
        elif check.name in ("greater_than_or_equal_to", "greater_than"):
            parts.append(f"{'≥' if check.name.endswith('equal_to') else '>'} {stats['min_value']}")
        elif check.name in ("less_than_or_equal_to", "less_than"):
            parts.append(f"{'≤' if check.name.endswith('equal_to') else '<'} {stats['max_value']}")
    return "; ".join(parts).replace("|", "\\|")


def render_dictionary() -> str:
    """The data dictionary committed as data/README.md: every table and column, its type, whether it is required,
    what values it allows and what it means."""
    lines = [_DICTIONARY_INTRO]
    for name, model in schema.TABLES.items():
        table_schema = model.to_schema()
        lines += [f"### `{name}.csv`", "", (model.__doc__ or "").strip(), ""]
        lines += ["| column | type | required | allowed | meaning |", "|---|---|---|---|---|"]
        for column_name, column in table_schema.columns.items():
            field = _field(column_name, column)
            required = "yes" if not column.nullable else ""
            lines.append(
                f"| `{column_name}` | {field['type']} | {required} | {_allowed(column)} | {field['description']} |"
            )
        lines.append("")
    return "\n".join(lines)


def generated(data_dir: Path) -> dict[Path, str]:
    """Every file of data/ written from the models and the changelog, with its text."""
    return {
        data_dir / "datapackage.json": render(read_release(data_dir), absent_parts(data_dir)),
        data_dir / "README.md": render_dictionary(),
    }
