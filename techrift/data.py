"""Load a data folder into a typed Dataset: the only module that builds one, and (with techrift/validate.py, which
reads and checks the tables) the only one that reads `data/`.

`load_dataset(data_dir)` returns the Dataset or raises `DataError` carrying every problem; `check_folder(data_dir)`
gives the dataset and its warnings, or the problems. `validate(data_dir)` (from techrift/validate.py) lists them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from techrift import schema, support
from techrift.caching import memo
from techrift.datapackage import CHANGELOG, Release, latest_release
from techrift.formatting import date_label
from techrift.i18n import DEFAULT_LANGUAGE, localized_column
from techrift.schema import split_ids
from techrift.validate import CheckedTables, DataError, Problem, RawTable, check_tables, validate

__all__ = [
    "DATA_DIR_ENV",
    "PROJECT_ROOT",
    "DataError",
    "Dataset",
    "FolderCheck",
    "Problem",
    "check_folder",
    "default_data_dir",
    "load_dataset",
    "split_ids",
    "validate",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "TECHRIFT_DATA_DIR"


def default_data_dir() -> Path:
    """The data folder: $TECHRIFT_DATA_DIR if set, else the project's data/."""
    return Path(os.environ.get(DATA_DIR_ENV) or PROJECT_ROOT / "data")


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
    # The sentence behind each record (empty for data written before evidence existed: see evidence_given).
    evidence: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(schema.Evidence.to_schema().columns))
    )
    # Ids older versions had and a later one removed or renamed (empty for data written before the list existed).
    retired_ids: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(schema.RetiredIds.to_schema().columns))
    )
    evidence_given: bool = False  # whether the folder has an evidence table (else support counts every cited source)
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

    def evidence_for(self, table: str, record_id: str) -> pd.DataFrame:
        """The sentences that state one record, one row per source, in the order of evidence.csv."""
        return self.evidence.iloc[_evidence_rows(self).get((table, record_id), [])]


@memo(maxsize=8)
def _sources_by_id(dataset: Dataset) -> pd.DataFrame:
    return dataset.sources.set_index("source_id")


@memo(maxsize=8)
def _evidence_rows(dataset: Dataset) -> dict[Hashable, Any]:
    """(table, record id) -> row positions in `evidence`."""
    if dataset.evidence.empty:
        return {}
    return dataset.evidence.groupby(["record_table", "record_id"], sort=False).indices


@memo(maxsize=8)  # a page shows the quotes of a dozen records per run
def _quote_rows(dataset: Dataset) -> dict[Hashable, Any]:
    """(table, record id) -> row positions in `quotes`."""
    return dataset.quotes.groupby(["record_table", "record_id"], sort=False).indices


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate the data folder into a Dataset; raise DataError listing every problem."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    checked = check_tables(data_dir)
    if checked.problems:
        raise DataError(checked.problems)
    return _build(data_dir, checked)


@dataclass(frozen=True)
class FolderCheck:
    """One check of a data folder: its dataset when it is valid (else every problem), and the warnings."""

    dataset: Dataset | None
    problems: list[Problem]
    warnings: list[Problem]


def check_folder(data_dir: Path | str) -> FolderCheck:
    """Check a data folder once: the problems, or the dataset with the warnings about it (records that rest on
    aggregators alone, records with no evidence, claims with no sentence that says so), each at the record's line."""
    data_dir = Path(data_dir)
    checked = check_tables(data_dir)
    if checked.problems:
        return FolderCheck(None, checked.problems, [])
    dataset = _build(data_dir, checked)
    warnings = sorted(
        {*checked.warnings, *_aggregator_warnings(dataset, checked.tables)},
        key=lambda p: (p.file, p.line or 0, p.column or "", p.why),
    )
    return FolderCheck(dataset, [], warnings)


def _build(data_dir: Path, checked: CheckedTables) -> Dataset:
    """The dataset of a checked folder, with its derived columns and its release."""
    frames = {name: table.frame.reset_index(drop=True) for name, table in checked.tables.items()}
    sources, places = frames["sources"], frames["places"]
    evidence_given = not checked.tables["evidence"].absent
    evidence = frames["evidence"]

    def supported(name: str, frame: pd.DataFrame) -> pd.DataFrame:
        stated_by = evidence if evidence_given else None
        return frame.join(support.support_of(frame, sources, places, stated_by, name))

    vocabulary = frames["vocabulary"]

    def translated(name: str, frame: pd.DataFrame) -> pd.DataFrame:
        return with_translated_labels(frame, name, vocabulary)

    changelog = (data_dir / CHANGELOG).read_text(encoding="utf-8")
    return Dataset(
        sources=sources,
        places=translated("places", places),
        events=supported("events", with_event_dates(translated("events", frames["events"]))),
        flows=supported("flows", with_flow_country(translated("flows", frames["flows"]), places)),
        metrics=supported("metrics", translated("metrics", frames["metrics"])),
        stances=supported("stances", frames["stances"]),
        quotes=frames["quotes"],
        vocabulary=vocabulary,
        evidence=evidence,
        retired_ids=frames["retired_ids"],
        evidence_given=evidence_given,
        seed_texts=checked.seed_texts,
        release=latest_release(changelog),  # check_tables has made sure it has one
        changelog=changelog,
    )


def _aggregator_warnings(dataset: Dataset, tables: Mapping[str, RawTable]) -> list[Problem]:
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
    """Add the recipient's country: as the flow states it, else its place's (empty where neither is known)."""
    countries = places.set_index("place_id")["country"]
    flows = flows.copy()
    flows["country"] = flows["recipient_country"].fillna(flows["recipient_place_id"].map(countries))
    flows["year_last"] = flows["year_end"].fillna(flows["year"])
    return flows


def read_outlines(path: Path) -> dict[str, Any]:
    """The country outlines GeoJSON shipped in data/ (see data/countries.md)."""
    return json.loads(path.read_text(encoding="utf-8"))


def table_names() -> Iterable[str]:
    """Names of the dataset's tables, in load order."""
    return schema.TABLES.keys()
