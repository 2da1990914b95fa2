"""A valid dataset N times the shipped one, for the benchmark: every record copied N times under new ids.

Copy k of a record gets the id `<id>-x<k>` (copy 0 keeps the original id), and every reference inside copy k
points at copy k of the referenced record, so the copies are as consistent as the original. Sources stay as
they are (the copies cite the same documents); the seed texts are copied beside the data folder.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from techrift import schema
from techrift.data import PROJECT_ROOT

MULTIPLIED = ("places", "events", "flows", "metrics", "stances", "quotes", "evidence")
# Columns that hold the id of a multiplied record, per table (besides the table's own id column).
PLACE_REFERENCES = {"events": "place_id", "flows": "recipient_place_id"}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def copy_id(record_id: str, copy: int) -> str:
    """The id of copy `copy` of a record; copy 0 is the original, an empty reference stays empty."""
    return f"{record_id}-x{copy}" if copy and record_id else record_id


def _copy_row(table: str, row: dict[str, str], copy: int) -> dict[str, str]:
    renamed = {}
    if table in schema.ID_COLUMNS:
        renamed[schema.ID_COLUMNS[table]] = copy_id(row[schema.ID_COLUMNS[table]], copy)
    if table in PLACE_REFERENCES:
        renamed[PLACE_REFERENCES[table]] = copy_id(row[PLACE_REFERENCES[table]], copy)
    if table in ("quotes", "evidence"):
        renamed["record_id"] = copy_id(row["record_id"], copy)
    return row | renamed


def write_scaled(factor: int, target: Path, source: Path | None = None) -> Path:
    """Write `target`/data and `target`/seeds, every table but sources `factor` times larger; returns the data folder."""
    source = source or PROJECT_ROOT / "data"
    data_dir = target / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source.parent / "seeds", target / "seeds", dirs_exist_ok=True)
    for name in ("sources.csv", "vocabulary.csv", "countries.geojson", "CHANGELOG.md"):
        shutil.copy(source / name, data_dir / name)
    if (source / "retired_ids.csv").is_file():  # as it is: the ids it retires and their replacements keep copy 0's ids
        shutil.copy(source / "retired_ids.csv", data_dir / "retired_ids.csv")
    for table in MULTIPLIED:
        if table in schema.OPTIONAL_TABLES and not (source / f"{table}.csv").is_file():
            continue  # data before the table existed
        header, rows = _read(source / f"{table}.csv")
        _write(
            data_dir / f"{table}.csv", header, [_copy_row(table, row, copy) for copy in range(factor) for row in rows]
        )
    return data_dir


def row_counts(data_dir: Path) -> dict[str, int]:
    """Rows per table of a data folder."""
    return {
        name: len(_read(data_dir / f"{name}.csv")[1]) if (data_dir / f"{name}.csv").is_file() else 0
        for name in schema.TABLES
    }
