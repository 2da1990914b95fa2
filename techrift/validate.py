"""Check a data folder: read each table against its contract (techrift/schema.py), then check the rows against each
other, against the seed texts and against the sentences that state them (evidence.csv). Every problem is reported at
once as `file:line: column: value: why`; what is worth a look but not wrong is a warning.

techrift/data.py loads a checked folder into a Dataset; this module never builds one.

Why one module of this length: every check reads the same tables as read (RawTable, with each row's file line) and
adds to one list of problems, and a new rule is one more function in the section it belongs to (reading, the
contract, the rows, the references, the translations, the evidence, in the order they run). Split by section, each
part would pass the same tables and problem list to the next, and a rule's place would be less obvious.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from techrift import schema
from techrift.amounts import states_amount, states_year
from techrift.caching import memo
from techrift.datapackage import CHANGELOG, Release, latest_release
from techrift.schema import split_ids


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


# --------------------------------------------------------------------------- reading


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class RawTable:
    """A table as read from its CSV file: the frame and the file line of each row."""

    frame: pd.DataFrame
    lines: list[int]  # file line where each row starts
    # Ids of rows rejected as malformed: already reported, so references to them are not reported again.
    rejected_ids: set[str] = field(default_factory=set)
    missing_columns: set[str] = field(default_factory=set)
    absent: bool = False  # an optional table whose file is not there, read as empty


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


def _read_table(path: Path, rel: str, model: type[pa.DataFrameModel], problems: list[Problem]) -> RawTable | None:
    name = rel.removesuffix(".csv")
    expected = list(model.to_schema().columns)
    if not path.exists():
        if name in schema.OPTIONAL_TABLES:
            return RawTable(pd.DataFrame({column: pd.Series(dtype=object) for column in expected}), [], absent=True)
        problems.append(Problem(rel, None, None, None, "file is missing"))
        return None
    text = _decode(path, rel, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    defaults = schema.OPTIONAL_COLUMNS.get(name, {})
    for column in expected:
        if column not in header and column not in defaults:
            problems.append(Problem(rel, 1, column, None, "required column is missing"))
    for column in header:
        if column not in expected:
            problems.append(Problem(rel, 1, column, None, f"unexpected column (expected: {', '.join(expected)})"))
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
    for column in expected:
        if column not in frame.columns:
            frame[column] = defaults.get(column) or ""
    frame = frame[expected].apply(lambda col: col.str.strip()).replace("", None)
    return RawTable(frame, lines, rejected, set(expected) - set(header) - set(defaults))


_NUMERIC_KINDS = {"float64": float, "Int64": int}


def _coerce(table: RawTable, rel: str, model: type[pa.DataFrameModel], problems: list[Problem]) -> set[tuple[int, str]]:
    """Convert numeric columns in place; report each cell that is not a number. Returns the bad cells."""
    bad: set[tuple[int, str]] = set()
    for name, column in model.to_schema().columns.items():
        kind = str(column.dtype)
        if kind == "bool":
            bad |= _coerce_booleans(table, rel, name, problems)
            continue
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


_BOOLEANS = {"true": True, "false": False}


def _coerce_booleans(table: RawTable, rel: str, name: str, problems: list[Problem]) -> set[tuple[int, str]]:
    """Convert a true/false column in place; report each cell that is neither. Returns the bad cells."""
    bad: set[tuple[int, str]] = set()
    values = []
    for index, cell in enumerate(table.frame[name]):
        value = _BOOLEANS.get(cell) if isinstance(cell, str) else None
        if value is None:
            why = "required value is empty (true or false)" if cell is None else "not true or false"
            problems.append(Problem(rel, table.lines[index], name, cell, why))
            bad.add((index, name))
        values.append(bool(value))
    table.frame[name] = pd.Series(values, index=table.frame.index, dtype=bool)
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
    table: RawTable, rel: str, model: type[pa.DataFrameModel], skip: set[tuple[int, str]], problems: list[Problem]
) -> None:
    for index, column, value, why in _schema_failures(model, table.frame, tuple(map(str, table.frame.dtypes))):
        if index is None:
            problems.append(Problem(rel, None, column, None, why))
        elif (index, column) not in skip:
            problems.append(Problem(rel, table.lines[index], column, value, why))


Failure = tuple[int | None, str | None, str | None, str]  # (row position, column, value, why)


# Keyed on the table's content (and its dtypes, and the contract): a folder checked again after an edit, as the live
# reload does, runs the contract again only on the tables that changed, not on every table.
@memo(maxsize=32, by_content=True)
def _schema_failures(
    model: type[pa.DataFrameModel], frame: pd.DataFrame, dtypes: tuple[str, ...]
) -> tuple[Failure, ...]:
    """What the table's contract finds wrong with `frame` (which has a position index: the row's place in its file)."""
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        failures: list[Failure] = []
        for case in err.failure_cases.itertuples(index=False):
            if case.index is None or pd.isna(case.index):
                if case.schema_context == "DataFrameSchema":
                    continue  # column-set problems are reported when reading
                failures.append((None, case.column, None, _why(str(case.check))))
                continue
            value = None if case.failure_case is None or pd.isna(case.failure_case) else str(case.failure_case)
            failures.append((int(case.index), case.column, value, _why(str(case.check))))
        return tuple(failures)
    return ()


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


def _row_checks(tables: Mapping[str, RawTable], problems: list[Problem]) -> None:
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


def _reference_checks(tables: Mapping[str, RawTable], seed_texts: Mapping[str, str], problems: list[Problem]) -> None:
    known_ids = {
        name: set(table.frame[schema.ID_COLUMNS[name]].dropna()) | table.rejected_ids
        for name, table in tables.items()
        if name in schema.ID_COLUMNS
    }

    def ids(name: str) -> set[str]:
        return known_ids.get(name, set())

    source_ids, place_ids = ids("sources"), ids("places")
    if "sources" not in tables:
        return  # every reference would fail; the missing file is already reported
    seed_ids = set(tables["sources"].frame.loc[tables["sources"].frame["kind"] == "seed", "source_id"])
    sources = tables["sources"]
    for index, row in _records(sources.frame):
        original = row["translation_of"]
        if not isinstance(original, str):  # empty: read as None or, in a column left out, NaN
            continue
        if original not in source_ids:
            problems.append(
                Problem("sources.csv", sources.lines[index], "translation_of", original, "no such id in sources.csv")
            )
        elif original == row["source_id"]:
            problems.append(
                Problem(
                    "sources.csv", sources.lines[index], "translation_of", original, "a source cannot translate itself"
                )
            )
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

    evidence = tables.get("evidence")
    if evidence is not None:
        quoted |= set(zip(evidence.frame["record_table"], evidence.frame["record_id"], evidence.frame["source_id"]))
    for name, table in tables.items():
        if name not in schema.ID_COLUMNS:
            continue
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
                                "cites a seed but quotes.csv has no fragment of that seed for this record, nor evidence.csv",
                            )
                        )


def _translation_checks(tables: Mapping[str, RawTable], problems: list[Problem]) -> None:
    """Every text the interface shows has its Vietnamese form: a record's own text in its _vi column, a label the
    tables repeat in the vocabulary."""
    for name, table in tables.items():
        for column in [column for column in table.frame.columns if column.endswith("_vi")]:
            if (name, column) in schema.OPTIONAL_TRANSLATIONS:
                continue
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


def _read_seeds(data_dir: Path, tables: Mapping[str, RawTable], problems: list[Problem]) -> dict[str, str]:
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


# --------------------------------------------------------------------------- evidence: the sentence behind each record

# What a sentence says when it reports an expectation, a claim or an inference rather than a fact: the reader's clue
# that the record is marked as such rightly. Matched as whole words, in the excerpt and its translations.
HEDGE_WORDS = (
    "expect",
    "expects",
    "expected",
    "expecting",
    "will",
    "would",
    "plan",
    "plans",
    "planned",
    "aims",
    "said",
    "says",
    "say",
    "told",
    "according",
    "claim",
    "claims",
    "claimed",
    "estimate",
    "estimates",
    "estimated",
    "may",
    "might",
    "could",
    "likely",
    "probably",
    "reportedly",
    "believe",
    "believes",
    "sẽ",
    "dự kiến",
    "kỳ vọng",
    "cho biết",
    "cho rằng",
    "theo",
    "tuyên bố",
    "ước tính",
    "có thể",
    "nói",
)
_HEDGE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in HEDGE_WORDS) + r")(?!\w)", re.IGNORECASE)


def hedged(text: object) -> bool:
    """Whether a sentence reports an expectation, a claim or an inference ('expects', 'said', 'will sign')."""
    return isinstance(text, str) and _HEDGE.search(text) is not None


def _marked_uncertain(table: str, row: Mapping[Hashable, Any]) -> str | None:
    """What marks a record as not a plain fact (an expected amount, a claim, an inferred counterpart), or None."""
    if table == "flows" and row.get("status") in (*schema.ESTIMATE_STATUSES, "reported_claim"):
        return f"status {row['status']}"
    if table == "metrics" and row.get("kind") == "claim":
        return "kind claim"
    if table == "events" and row.get("identification") == "inferred":
        return "identification inferred"
    return None


def _evidence_sources(tables: Mapping[str, RawTable], table: str, row: Mapping[Hashable, Any]) -> set[str]:
    """The sources a record cites: its source_ids (a place: its coordinate's sources and those of its events and
    flows)."""
    if table != "places":
        return set(split_ids(row.get("source_ids")))
    cited = set(split_ids(row.get("coord_source_ids")))
    for name, column in (("events", "place_id"), ("flows", "recipient_place_id")):
        other = tables.get(name)
        if other is not None:
            at_place = other.frame[other.frame[column] == row["place_id"]]
            cited |= set(schema.unique_ids(at_place["source_ids"]))
    return cited


@dataclass(frozen=True)
class _Excerpt:
    line: int
    source_id: str
    texts: tuple[str, ...]  # the excerpt and its translations


def _evidence_rows(
    tables: Mapping[str, RawTable], seed_texts: Mapping[str, str], problems: list[Problem]
) -> dict[tuple[str, str], list[_Excerpt]]:
    """Check each evidence row on its own and against the record and source it names; returns the excerpts of each
    (table, record id)."""
    evidence = tables.get("evidence")
    excerpts: dict[tuple[str, str], list[_Excerpt]] = {}
    if evidence is None:
        return excerpts
    sources = tables.get("sources")
    kind_of = {} if sources is None else dict(zip(sources.frame["source_id"], sources.frame["kind"]))
    records = {
        name: {row[schema.ID_COLUMNS[name]]: row for _, row in _records(tables[name].frame)}
        for name in schema.EVIDENCE_TABLES
        if name in tables
    }
    seen: set[tuple[str, str, str]] = set()

    def report(line: int, column: str, value: object, why: str) -> None:
        problems.append(Problem("evidence.csv", line, column, None if value is None else str(value), why))

    for index, row in _records(evidence.frame):
        line = evidence.lines[index]
        table, record_id, source_id, excerpt = row["record_table"], row["record_id"], row["source_id"], row["excerpt"]
        key = (table, record_id, source_id)
        if key in seen:
            report(line, "source_id", source_id, f"a second row for {table}/{record_id} from this source")
        seen.add(key)
        if sources is not None and source_id not in kind_of and source_id not in sources.rejected_ids:
            report(line, "source_id", source_id, "no such id in sources.csv")
        record = records.get(table, {}).get(record_id)
        if record is None:
            if table in tables and record_id not in tables[table].rejected_ids:
                report(line, "record_id", record_id, f"no such record in {table}.csv")
        elif source_id in kind_of and source_id not in _evidence_sources(tables, table, record):
            where = "its coordinate's or its events' sources" if table == "places" else "its source_ids"
            report(line, "source_id", source_id, f"{table}/{record_id} does not cite this source in {where}")
        if kind_of.get(source_id) == "seed" and source_id in seed_texts and isinstance(excerpt, str):
            if excerpt not in seed_texts[source_id]:
                report(line, "excerpt", excerpt, f"not found verbatim in the seed text of {source_id}")
        language = row["excerpt_lang"]
        if isinstance(language, str) and language != "en" and row["excerpt_en"] is None:
            report(line, "excerpt_en", None, f"the excerpt is in '{language}': give its English translation")
        if isinstance(excerpt, str) and isinstance(table, str) and isinstance(record_id, str):
            texts = tuple(text for text in (excerpt, row["excerpt_en"], row["excerpt_vi"]) if isinstance(text, str))
            excerpts.setdefault((table, record_id), []).append(_Excerpt(line, source_id, texts))
    return excerpts


def _figure_problem(table: str, row: Mapping[Hashable, Any], excerpts: list[_Excerpt]) -> tuple[str, float] | None:
    """(column, figure) of a flow's or metric's figure that none of its excerpts states, or None."""
    column = {"flows": "amount", "metrics": "value"}.get(table)
    if column is None:
        return None
    figure = row[column]
    if figure is None or pd.isna(figure):
        return None  # an unreadable number is already reported
    if any(states_amount(excerpt.texts[0], float(figure)) for excerpt in excerpts):
        return None
    return column, float(figure)


def _event_years(row: Mapping[Hashable, Any]) -> list[int]:
    """The years an event's excerpt may name: its start and, for a period, its end."""
    # a date not in the form YYYY[-MM[-DD]] is reported by the date check, not read here
    return [
        int(value[:4]) for value in (row["date"], row["date_end"]) if isinstance(value, str) and value[:4].isdigit()
    ]


def source_dates(sources: RawTable | None) -> dict[str, str]:
    """Each source's date for the year check: its own published date or, where it has none, the published date of
    the original it translates (a translation carries its original's date). Sources with neither are left out."""
    if sources is None:
        return {}
    frame = sources.frame
    own = {source_id: date for source_id, date in zip(frame["source_id"], frame["published"]) if isinstance(date, str)}
    originals = dict(zip(frame["source_id"], frame["translation_of"]))
    dates = dict(own)
    for source_id, original in originals.items():
        if source_id not in own and isinstance(original, str) and original in own:
            dates[source_id] = own[original]
    return dates


LAST_YEAR = re.compile(r"\blast year\b", re.IGNORECASE)


def excerpt_states_year(excerpt: str, year: int, source_date: str) -> bool:
    """Whether an excerpt, read with its source's date, gives the year: the year in the excerpt or in the date, or
    an excerpt that says 'last year' in a source dated the year after (a Reuters report of January 2019 on
    'August last year')."""
    if states_year(excerpt, year) or states_year(source_date, year):
        return True
    return bool(LAST_YEAR.search(excerpt)) and states_year(source_date, year + 1)


def _evidence_checks(
    tables: Mapping[str, RawTable], seed_texts: Mapping[str, str], problems: list[Problem], warnings: list[Problem]
) -> None:
    """The sentences against the records they state: a flow's or metric's figure is in one of its excerpts, an
    event's year in an excerpt or in the date of a source that states it. A record with no evidence, or marked as an
    expectation, claim or inference with no sentence that says so, is a warning."""
    excerpts = _evidence_rows(tables, seed_texts, problems)
    evidence = tables.get("evidence")
    evidence_given = evidence is not None and not evidence.absent
    if evidence is not None and evidence.absent:
        warnings.append(
            Problem(
                "evidence.csv", None, None, None, "file not found: support counts every cited source (data < 3.0.0)"
            )
        )
    published = source_dates(tables.get("sources"))
    for table in ("events", "flows", "metrics", "stances"):
        raw = tables.get(table)
        if raw is None:
            continue
        rel = f"{table}.csv"
        for index, row in _records(raw.frame):
            line = raw.lines[index]
            found = excerpts.get((table, row[schema.ID_COLUMNS[table]]), [])
            if not found:
                if not evidence_given:
                    continue
                warnings.append(
                    Problem(rel, line, "source_ids", row["source_ids"], "no evidence: every cited source is background")
                )
                continue
            missing = _figure_problem(table, row, found)
            if missing:
                column, figure = missing
                problems.append(
                    Problem(
                        rel,
                        line,
                        column,
                        f"{figure:.15g}",
                        "not stated in any of its excerpts (evidence.csv lines "
                        + ", ".join(str(excerpt.line) for excerpt in found)
                        + ")",
                    )
                )
            years = _event_years(row) if table == "events" else []
            if years and not any(
                excerpt_states_year(excerpt.texts[0], year, published.get(excerpt.source_id, ""))
                for excerpt in found
                for year in years
            ):
                problems.append(
                    Problem(
                        rel,
                        line,
                        "date",
                        row["date"],
                        "the year is in none of its excerpts nor in the date of a source that states it",
                    )
                )
            mark = _marked_uncertain(table, row)
            if mark and not any(hedged(text) for excerpt in found for text in excerpt.texts):
                warnings.append(
                    Problem(
                        rel,
                        line,
                        schema.ID_COLUMNS[table],
                        row[schema.ID_COLUMNS[table]],
                        f"marked {mark}, but no excerpt shows why ('expects', 'said', 'will sign')",
                    )
                )


# --------------------------------------------------------------------------- public API


def _id_checks(tables: Mapping[str, RawTable], data_dir: Path, problems: list[Problem]) -> None:
    """A record's id is unique across the record tables (its page is record?id=<id>, whatever its table), and the
    retired ids are retired: gone from their table, replaced by a record that exists, told in a changelog entry."""
    first_seen: dict[str, str] = {}
    for name in schema.RECORD_TABLES:
        table = tables.get(name)
        if table is None:
            continue
        column = schema.ID_COLUMNS[name]
        for index, record_id in enumerate(table.frame[column]):
            if not isinstance(record_id, str):
                continue
            other = first_seen.setdefault(record_id, name)
            if other != name:
                problems.append(
                    Problem(
                        f"{name}.csv",
                        table.lines[index],
                        column,
                        record_id,
                        f"this id is also in {other}.csv: ids are unique across {', '.join(schema.RECORD_TABLES)}",
                    )
                )
    retired = tables.get("retired_ids")
    if retired is None or retired.frame.empty:
        return
    changelog = data_dir / CHANGELOG
    versions = (  # none when the changelog is missing or has no release: already reported
        set(re.findall(r"^## (\d+\.\d+\.\d+)", changelog.read_text(encoding="utf-8", errors="replace"), re.M))
        if changelog.is_file()
        else None
    )
    live = {name: set(tables[name].frame[schema.ID_COLUMNS[name]]) for name in schema.RECORD_TABLES if name in tables}
    every_id = set().union(*live.values(), *(tables[name].rejected_ids for name in live))
    all_read = len(live) == len(schema.RECORD_TABLES)  # else a missing table's ids are unknown: already reported
    seen: set[tuple[str, str]] = set()
    for index, row in _records(retired.frame):
        line = retired.lines[index]
        record_id, table = row["record_id"], row["record_table"]
        if (table, record_id) in seen:
            problems.append(Problem("retired_ids.csv", line, "record_id", record_id, f"listed twice for {table}"))
        seen.add((table, record_id))
        if record_id in live.get(table, set()):
            problems.append(
                Problem("retired_ids.csv", line, "record_id", record_id, f"still an id in {table}.csv: not retired")
            )
        replaced_by = row["replaced_by"]
        if all_read and isinstance(replaced_by, str) and replaced_by not in every_id:
            problems.append(
                Problem("retired_ids.csv", line, "replaced_by", replaced_by, "no record has this id in any table")
            )
        if versions and isinstance(row["changelog_version"], str) and row["changelog_version"] not in versions:
            problems.append(
                Problem(
                    "retired_ids.csv",
                    line,
                    "changelog_version",
                    row["changelog_version"],
                    f"no '## {row['changelog_version']}' entry in {CHANGELOG}",
                )
            )


@dataclass(frozen=True)
class CheckedTables:
    """A data folder read and checked: its tables (typed), the seed texts, every problem and every warning."""

    tables: dict[str, RawTable]
    seed_texts: dict[str, str]
    problems: list[Problem]
    warnings: list[Problem]


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or "", p.why))


def check_tables(data_dir: Path) -> CheckedTables:
    """Read every table of a data folder and check it; nothing is built."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    tables: dict[str, RawTable] = {}
    if not data_dir.is_dir():
        return CheckedTables(tables, {}, [Problem(str(data_dir), None, None, None, "data folder not found")], [])
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
    _id_checks(tables, data_dir, problems)
    _evidence_checks(tables, seeds, problems, warnings)
    _release(data_dir, problems)
    return CheckedTables(tables, seeds, _sorted(problems), _sorted(warnings))


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
    return check_tables(Path(data_dir)).problems
