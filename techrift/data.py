"""Read, check and load the data folder: the only module that reads `data/`.

`validate(data_dir)` returns every problem at once; `load_dataset(data_dir)` returns a
typed `Dataset` or raises `DataError` carrying those problems.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import os
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from techrift import schema, support
from techrift.caching import memo
from techrift.datapackage import CHANGELOG, Release, latest_release
from techrift.formatting import date_label
from techrift.i18n import DEFAULT_LANGUAGE, localized_column
from techrift.schema import split_ids

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "TECHRIFT_DATA_DIR"


def default_data_dir() -> Path:
    """The data folder: $TECHRIFT_DATA_DIR if set, else the project's data/."""
    return Path(os.environ.get(DATA_DIR_ENV) or PROJECT_ROOT / "data")


@dataclass(frozen=True, order=True)
class Problem:
    """One fault in the data, located as precisely as it can be."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    why: str

    def __str__(self) -> str:
        line = "-" if self.line is None else str(self.line)
        column = self.column or "-"
        value = "-" if self.value is None else repr(_shorten(self.value))
        return f"{self.file}:{line}: {column}: {value}: {self.why}"


class DataError(Exception):
    """The data folder has problems; `problems` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data")


# eq=False: a dataset is equal only to itself and hashed by identity, so that what is derived from it can be cached
# per dataset (comparing every frame would cost more than deriving again).
@dataclass(frozen=True, eq=False)
class Dataset:
    """All tables, validated and typed, plus the seed texts they quote."""

    sources: pd.DataFrame
    places: pd.DataFrame
    events: pd.DataFrame
    flows: pd.DataFrame
    metrics: pd.DataFrame
    stances: pd.DataFrame
    quotes: pd.DataFrame
    vocabulary: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["en", "vi", "en_one"]))
    seed_texts: Mapping[str, str] = field(default_factory=dict)
    release: Release = Release("unreleased", "")  # the data's version, from the folder's CHANGELOG.md
    changelog: str = ""  # that changelog, as written

    @property
    def sources_by_id(self) -> pd.DataFrame:
        """The sources indexed by source_id (made once per dataset)."""
        return _sources_by_id(self)

    def publishers(self, source_id_lists: Iterable[object], lang: str = DEFAULT_LANGUAGE) -> list[str]:
        """For each ';'-separated source id list, its publishers in `lang` joined by '; ' (each once, in order)."""
        publisher_of = dict(zip(self.sources["source_id"], localized_column(self.sources, "publisher", lang)))
        source_id_lists = list(source_id_lists)
        joined = {
            ids: "; ".join(dict.fromkeys(publisher_of[source_id] for source_id in split_ids(ids)))
            for ids in set(source_id_lists)
        }
        return [joined[ids] for ids in source_id_lists]

    def labels_in(self, lang: str) -> dict[str, str]:
        """The vocabulary's labels in `lang`, by their English form (empty in English: a label is its own English)."""
        if lang != "vi":
            return {}
        return dict(zip(self.vocabulary["en"], self.vocabulary["vi"]))

    def quotes_for(self, table: str, record_id: str) -> pd.DataFrame:
        """The seed fragments that support one record."""
        return self.quotes.iloc[_quote_rows(self).get((table, record_id), [])]


@memo(maxsize=8)
def _sources_by_id(dataset: Dataset) -> pd.DataFrame:
    return dataset.sources.set_index("source_id")


@memo(maxsize=8)  # a page shows the quotes of a dozen records per run
def _quote_rows(dataset: Dataset) -> dict[Hashable, Any]:
    """(table, record id) -> row positions in `quotes`."""
    return dataset.quotes.groupby(["record_table", "record_id"], sort=False).indices


# --------------------------------------------------------------------------- reading


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class _RawTable:
    frame: pd.DataFrame
    lines: list[int]  # file line where each row starts
    # Ids of rows rejected as malformed: already reported, so references to them are not reported again.
    rejected_ids: set[str] = field(default_factory=set)
    missing_columns: set[str] = field(default_factory=set)


def _decode(path: Path, rel: str, problems: list[Problem]) -> str | None:
    data = path.read_bytes()
    if not data.strip():
        problems.append(Problem(rel, None, None, None, "file is empty (expected a header row)"))
        return None
    try:
        # A byte-order mark (as Excel writes) is accepted and dropped.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        snippet = data[max(0, err.start - 10) : err.start + 10].decode("utf-8", "replace")
        problems.append(
            Problem(
                rel,
                line,
                None,
                snippet,
                f"not UTF-8 text (byte {data[err.start]:#04x} at offset {err.start}); save the file as UTF-8",
            )
        )
        return None


def _read_table(path: Path, rel: str, model: type[pa.DataFrameModel], problems: list[Problem]) -> _RawTable | None:
    if not path.exists():
        problems.append(Problem(rel, None, None, None, "file is missing"))
        return None
    text = _decode(path, rel, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    expected = list(model.to_schema().columns)
    for name in expected:
        if name not in header:
            problems.append(Problem(rel, 1, name, None, "required column is missing"))
    for name in header:
        if name not in expected:
            problems.append(Problem(rel, 1, name, None, f"unexpected column (expected: {', '.join(expected)})"))
    rows: list[list[str]] = []
    lines: list[int] = []
    rejected: set[str] = set()
    start = reader.line_num + 1
    for record in reader:
        if record and any(cell.strip() for cell in record):
            if len(record) != len(header):
                problems.append(
                    Problem(
                        rel, start, None, ",".join(record), f"row has {len(record)} fields, header has {len(header)}"
                    )
                )
                rejected.add(record[0].strip())
            else:
                rows.append(record)
                lines.append(start)
        start = reader.line_num + 1
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame = frame[[c for c in header if c in expected]]
    for name in expected:
        if name not in frame.columns:
            frame[name] = ""
    frame = frame[expected].apply(lambda col: col.str.strip()).replace("", None)
    return _RawTable(frame, lines, rejected, set(expected) - set(header))


_NUMERIC_KINDS = {"float64": float, "Int64": int}


def _coerce(
    table: _RawTable, rel: str, model: type[pa.DataFrameModel], problems: list[Problem]
) -> set[tuple[int, str]]:
    """Convert numeric columns in place; report each cell that is not a number. Returns the bad cells."""
    bad: set[tuple[int, str]] = set()
    for name, column in model.to_schema().columns.items():
        kind = str(column.dtype)
        if kind not in _NUMERIC_KINDS:
            continue
        values: list[float | int | None] = []
        for index, cell in enumerate(table.frame[name]):
            if cell is None:
                values.append(None)
                continue
            try:
                number = float(cell)
                if kind == "Int64":
                    if not number.is_integer():
                        raise ValueError
                    number = int(number)
                values.append(number)
            except ValueError:
                what = "a whole number" if kind == "Int64" else "a number"
                problems.append(Problem(rel, table.lines[index], name, cell, f"not {what}"))
                bad.add((index, name))
                values.append(None)
        table.frame[name] = pd.array(values, dtype="Int64" if kind == "Int64" else "Float64").astype(
            "Int64" if kind == "Int64" else "float64"
        )
    return bad


def _why(check: str) -> str:
    if check == "not_nullable":
        return "required value is empty"
    if check == "field_uniqueness":
        return "duplicate id"
    if check.startswith("isin("):
        return "not an allowed value; allowed: " + check[len("isin(") : -1].replace("'", "")
    if check.startswith("str_matches("):
        return "does not have the expected form " + check[len("str_matches(") : -1]
    for prefix, words in (
        ("greater_than_or_equal_to(", "must be at least "),
        ("less_than_or_equal_to(", "must be at most "),
        ("greater_than(", "must be more than "),
        ("less_than(", "must be less than "),
    ):
        if check.startswith(prefix):
            return words + check[len(prefix) : -1]
    return check


def _schema_problems(
    table: _RawTable, rel: str, model: type[pa.DataFrameModel], skip: set[tuple[int, str]], problems: list[Problem]
) -> None:
    try:
        model.validate(table.frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        for case in cases.itertuples(index=False):
            if case.index is None or pd.isna(case.index):
                if case.schema_context == "DataFrameSchema":
                    continue  # column-set problems are reported when reading
                problems.append(Problem(rel, None, case.column, None, _why(str(case.check))))
                continue
            index = int(case.index)
            if (index, case.column) in skip:
                continue
            value = None if case.failure_case is None or pd.isna(case.failure_case) else str(case.failure_case)
            problems.append(Problem(rel, table.lines[index], case.column, value, _why(str(case.check))))


# --------------------------------------------------------------------------- cross-table checks


def _partial_date_problem(value: str) -> str | None:
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return "month must be 01-12"
    if len(parts) == 3 and not 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]:
        return "no such day in that month"
    return None


PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}


def _records(frame: pd.DataFrame) -> Iterator[tuple[int, dict[Hashable, Any]]]:
    """(position, row as a dict) for each row: many times faster than iterrows on a large table."""
    return enumerate(frame.to_dict("records"))


def _row_checks(tables: Mapping[str, _RawTable], problems: list[Problem]) -> None:
    def report(name: str, index: int, column: str, value: object, why: str) -> None:
        problems.append(
            Problem(f"{name}.csv", tables[name].lines[index], column, None if value is None else str(value), why)
        )

    for name, date_columns in (("events", ("date", "date_end")), ("sources", ("published",)), ("stances", ("as_of",))):
        table = tables.get(name)
        if table is None:
            continue
        for index, row in _records(table.frame):
            for column in date_columns:
                value = row.get(column)
                if isinstance(value, str) and re.fullmatch(schema.PARTIAL_DATE, value):
                    why = _partial_date_problem(value)
                    if why:
                        report(name, index, column, value, why)

    events = tables.get("events")
    if events is not None:
        for index, row in _records(events.frame):
            date, precision, end = row["date"], row["date_precision"], row["date_end"]
            if date is None and precision is not None:
                report("events", index, "date_precision", precision, "precision given but the date is empty")
            if date is not None and precision is None:
                report("events", index, "date_precision", None, "required when a date is given")
            if (
                isinstance(date, str)
                and precision in schema.DATE_PRECISIONS
                and PRECISION_BY_LENGTH.get(len(date)) != precision
            ):
                report("events", index, "date_precision", precision, f"does not match the date {date!r}")
            if isinstance(date, str) and isinstance(end, str) and end < date[: len(end)]:
                report("events", index, "date_end", end, f"ends before it starts ({date})")
            if end is not None and date is None:
                report("events", index, "date_end", end, "end given but the date is empty")

    flows = tables.get("flows")
    if flows is not None:
        for index, row in _records(flows.frame):
            year, end = row["year"], row["year_end"]
            if pd.notna(year) and pd.notna(end) and end < year:
                report("flows", index, "year_end", end, f"ends before it starts ({year})")
            if pd.notna(row["usd_amount"]) and row["usd_note"] is None:
                report("flows", index, "usd_note", None, "a US-dollar amount needs its rate and year")

    sources = tables.get("sources")
    if sources is not None:
        for index, row in _records(sources.frame):
            if row["kind"] == "seed" and row["seed_file"] is None:
                report("sources", index, "seed_file", None, "a seed source needs its seed file")
            if row["kind"] != "seed" and row["url"] is None:
                report("sources", index, "url", None, "a public source needs its URL")


def _reference_checks(tables: Mapping[str, _RawTable], seed_texts: Mapping[str, str], problems: list[Problem]) -> None:
    known_ids = {
        name: set(table.frame[schema.ID_COLUMNS[name]].dropna()) | table.rejected_ids for name, table in tables.items()
    }

    def ids(name: str) -> set[str]:
        return known_ids.get(name, set())

    source_ids, place_ids = ids("sources"), ids("places")
    if "sources" not in tables:
        return  # every reference would fail; the missing file is already reported
    seed_ids = set(tables["sources"].frame.loc[tables["sources"].frame["kind"] == "seed", "source_id"])
    quoted: set[tuple[str, str, str]] = set()
    quotes = tables.get("quotes")
    if quotes is not None:
        for index, row in _records(quotes.frame):
            line = quotes.lines[index]
            if row["source_id"] not in seed_ids:
                problems.append(
                    Problem("quotes.csv", line, "source_id", row["source_id"], "not a seed source in sources.csv")
                )
            elif row["source_id"] in seed_texts and row["text"] and row["text"] not in seed_texts[row["source_id"]]:
                problems.append(
                    Problem(
                        "quotes.csv",
                        line,
                        "text",
                        row["text"],
                        f"not found verbatim in the seed text of {row['source_id']}",
                    )
                )
            target = tables.get(row["record_table"])
            if (
                target is not None
                and schema.ID_COLUMNS[row["record_table"]] not in target.missing_columns
                and row["record_id"] not in ids(row["record_table"])
            ):
                problems.append(
                    Problem(
                        "quotes.csv",
                        line,
                        "record_id",
                        row["record_id"],
                        f"no such record in {row['record_table']}.csv",
                    )
                )
            quoted.add((row["record_table"], row["record_id"], row["source_id"]))

    for name, table in tables.items():
        record_ids = table.frame[schema.ID_COLUMNS[name]].tolist()
        for column, known, what in (
            ("source_ids", source_ids, "sources.csv"),
            ("coord_source_ids", source_ids, "sources.csv"),
            ("place_id", place_ids, "places.csv"),
            ("recipient_place_id", place_ids, "places.csv"),
        ):
            if column not in table.frame.columns or (column == "place_id" and name == "places"):
                continue
            for index, value in enumerate(table.frame[column]):
                for ref in split_ids(value):
                    if ref not in known:
                        problems.append(
                            Problem(f"{name}.csv", table.lines[index], column, ref, f"no such id in {what}")
                        )
                    elif (
                        column == "source_ids"
                        and ref in seed_ids
                        and quotes is not None
                        and (name, record_ids[index], ref) not in quoted
                    ):
                        problems.append(
                            Problem(
                                f"{name}.csv",
                                table.lines[index],
                                column,
                                ref,
                                "cites a seed but quotes.csv has no fragment of that seed for this record",
                            )
                        )


def _translation_checks(tables: Mapping[str, _RawTable], problems: list[Problem]) -> None:
    """Every text the interface shows has its Vietnamese form: a record's own text in its _vi column, a label the
    tables repeat in the vocabulary."""
    for name, table in tables.items():
        for column in [column for column in table.frame.columns if column.endswith("_vi")]:
            base = column.removesuffix("_vi")
            english = f"{base}_en" if f"{base}_en" in table.frame.columns else base
            if english not in table.frame.columns:
                continue
            needed = schema.TRANSLATED_WHERE.get((name, column), lambda text: isinstance(text, str))
            for index, (text, translation) in enumerate(zip(table.frame[english], table.frame[column])):
                if needed(text) and not isinstance(translation, str):
                    problems.append(
                        Problem(f"{name}.csv", table.lines[index], column, None, f"no Vietnamese form of `{english}`")
                    )
                elif not needed(text) and isinstance(translation, str):
                    problems.append(
                        Problem(
                            f"{name}.csv",
                            table.lines[index],
                            column,
                            translation,
                            f"`{english}` is kept as written: leave its Vietnamese form empty",
                        )
                    )
    vocabulary = tables.get("vocabulary")
    if vocabulary is None:
        return  # the missing file is already reported
    translated = set(vocabulary.frame.loc[vocabulary.frame["vi"].notna(), "en"])
    for name, columns in schema.TRANSLATED_LABELS.items():
        labelled = tables.get(name)
        if labelled is None:
            continue
        for column in columns:
            for index, value in enumerate(labelled.frame[column]):
                if isinstance(value, str) and value not in translated:
                    problems.append(
                        Problem(
                            f"{name}.csv",
                            labelled.lines[index],
                            column,
                            value,
                            "no Vietnamese form: add the label and its translation to vocabulary.csv",
                        )
                    )


def _read_seeds(data_dir: Path, tables: Mapping[str, _RawTable], problems: list[Problem]) -> dict[str, str]:
    seeds: dict[str, str] = {}
    sources = tables.get("sources")
    if sources is None:
        return seeds
    root = data_dir.parent
    for index, row in _records(sources.frame):
        if row["kind"] != "seed" or not isinstance(row["seed_file"], str):
            continue
        path = root / row["seed_file"]
        line = sources.lines[index]
        if not path.is_file():
            problems.append(
                Problem("sources.csv", line, "seed_file", row["seed_file"], f"seed file not found at {path}")
            )
            continue
        try:
            seeds[row["source_id"]] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem("sources.csv", line, "seed_file", row["seed_file"], "seed file is not UTF-8 text"))
    return seeds


# --------------------------------------------------------------------------- public API


def _check(data_dir: Path) -> tuple[dict[str, _RawTable], dict[str, str], list[Problem]]:
    problems: list[Problem] = []
    tables: dict[str, _RawTable] = {}
    if not data_dir.is_dir():
        return tables, {}, [Problem(str(data_dir), None, None, None, "data folder not found")]
    for name, model in schema.TABLES.items():
        rel = f"{name}.csv"
        table = _read_table(data_dir / rel, rel, model, problems)
        if table is None:
            continue
        bad_cells = _coerce(table, rel, model, problems)
        _schema_problems(table, rel, model, bad_cells, problems)
        tables[name] = table
    _row_checks(tables, problems)
    seeds = _read_seeds(data_dir, tables, problems)
    _reference_checks(tables, seeds, problems)
    _translation_checks(tables, problems)
    _release(data_dir, problems)
    return tables, seeds, sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or "", p.why))


def _release(data_dir: Path, problems: list[Problem]) -> Release | None:
    """The data's version from its changelog, or None with the problem noted."""
    path = data_dir / CHANGELOG
    if not path.is_file():
        problems.append(Problem(CHANGELOG, None, None, None, "file not found: every data folder says its version"))
        return None
    try:
        return latest_release(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        problems.append(Problem(CHANGELOG, None, None, None, str(err)))
        return None


def validate(data_dir: Path | str) -> list[Problem]:
    """Every problem in the data folder, sorted by file and line; [] when clean."""
    return _check(Path(data_dir))[2]


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate the data folder into a Dataset; raise DataError listing every problem."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    tables, seeds, problems = _check(data_dir)
    if problems:
        raise DataError(problems)
    return _build(data_dir, tables, seeds)


@dataclass(frozen=True)
class FolderCheck:
    """One check of a data folder: its dataset when it is valid (else every problem), and the warnings."""

    dataset: Dataset | None
    problems: list[Problem]
    warnings: list[Problem]


def check_folder(data_dir: Path | str) -> FolderCheck:
    """Check a data folder once: the problems, or the dataset with the warnings about it (records that rest on
    aggregators alone), each at the record's line in its file."""
    data_dir = Path(data_dir)
    tables, seeds, problems = _check(data_dir)
    if problems:
        return FolderCheck(None, problems, [])
    dataset = _build(data_dir, tables, seeds)
    return FolderCheck(dataset, [], _aggregator_warnings(dataset, tables))


def _build(data_dir: Path, tables: Mapping[str, _RawTable], seeds: Mapping[str, str]) -> Dataset:
    """The dataset of a checked folder, with its derived columns and its release."""
    frames = {name: table.frame.reset_index(drop=True) for name, table in tables.items()}
    sources, places = frames["sources"], frames["places"]

    def supported(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.join(support.support_of(frame, sources, places))

    vocabulary = frames["vocabulary"]

    def translated(name: str, frame: pd.DataFrame) -> pd.DataFrame:
        return with_translated_labels(frame, name, vocabulary)

    changelog = (data_dir / CHANGELOG).read_text(encoding="utf-8")
    return Dataset(
        sources=sources,
        places=translated("places", places),
        events=supported(with_event_dates(translated("events", frames["events"]))),
        flows=supported(with_flow_country(translated("flows", frames["flows"]), places)),
        metrics=supported(translated("metrics", frames["metrics"])),
        stances=supported(frames["stances"]),
        quotes=frames["quotes"],
        vocabulary=vocabulary,
        seed_texts=seeds,
        release=latest_release(changelog),  # _check has made sure it has one
        changelog=changelog,
    )


def _aggregator_warnings(dataset: Dataset, tables: Mapping[str, _RawTable]) -> list[Problem]:
    """Records that rest on aggregators (sites that rewrite others' news) alone: worth a better source, not an error."""
    warnings = []
    for name in ("events", "flows", "metrics", "stances"):
        frame, lines = getattr(dataset, name), tables[name].lines
        for position in frame.index[frame["aggregator_only"]]:
            source_ids = frame.at[position, "source_ids"]
            warnings.append(
                Problem(f"{name}.csv", lines[position], "source_ids", source_ids, "rests on aggregators alone")
            )
    return warnings


# --------------------------------------------------------------------------- derived columns


def _period(value: str | None, precision_end: bool) -> pd.Timestamp | None:
    if not isinstance(value, str):
        return None
    start = pd.Timestamp(value if len(value) == 10 else value + ("-01" if len(value) == 7 else "-01-01"))
    if not precision_end:
        return start
    if len(value) == 4:
        return start + pd.offsets.YearEnd(0)
    if len(value) == 7:
        return start + pd.offsets.MonthEnd(0)
    return start


def with_event_dates(events: pd.DataFrame) -> pd.DataFrame:
    """Add start/end timestamps covering the whole period each partial date stands for, years and a label."""
    events = events.copy()
    events["start"] = pd.DatetimeIndex([_period(d, False) for d in events["date"]])
    events["end"] = pd.DatetimeIndex(
        [_period(e if isinstance(e, str) else d, True) for d, e in zip(events["date"], events["date_end"])]
    )
    events["year_start"] = events["start"].dt.year.astype("Int64")
    events["year_end"] = events["end"].dt.year.astype("Int64")
    events["approximate"] = events["date_precision"].ne("day") | events["date_end"].notna()
    events["date_label"] = [date_label(d, e) for d, e in zip(events["date"], events["date_end"])]
    # the Vietnamese label beside it, picked by i18n.localized_column(events, "date_label", "vi") like any _vi column
    events["date_label_vi"] = [date_label(d, e, "vi") for d, e in zip(events["date"], events["date_end"])]
    return events


def with_translated_labels(frame: pd.DataFrame, table: str, vocabulary: pd.DataFrame) -> pd.DataFrame:
    """Add the Vietnamese form of each label column the vocabulary translates (`payer` -> payer_vi, `name_en` ->
    name_vi), read by i18n.localized_column like any _vi column; a unit also gets its English singular (unit_one)."""
    by_english = vocabulary.set_index("en")
    frame = frame.copy()
    for column in schema.TRANSLATED_LABELS.get(table, ()):
        frame[f"{column.removesuffix('_en')}_vi"] = frame[column].map(by_english["vi"])
    if "unit" in frame.columns:
        frame["unit_one"] = frame["unit"].map(by_english["en_one"]).fillna(frame["unit"])
    return frame


def with_flow_country(flows: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Add the recipient place's country (empty where the place is unknown)."""
    countries = places.set_index("place_id")["country"]
    flows = flows.copy()
    flows["country"] = flows["recipient_place_id"].map(countries)
    flows["year_last"] = flows["year_end"].fillna(flows["year"])
    return flows


def read_outlines(path: Path) -> dict[str, Any]:
    """The country outlines GeoJSON shipped in data/ (see data/countries.md)."""
    return json.loads(path.read_text(encoding="utf-8"))


def table_names() -> Iterable[str]:
    """Names of the dataset's tables, in load order."""
    return schema.TABLES.keys()
