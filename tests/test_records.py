"""The one list of records: every row of every record table is one record, with words in both languages."""

from __future__ import annotations

import pytest

from techrift.data import Dataset, load_dataset
from techrift.records import ID_COLUMNS, RECORD_TABLES, find_record, record_path, records


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


def test_every_row_of_every_record_table_is_one_record(dataset: Dataset) -> None:
    made = records(dataset)
    for table in RECORD_TABLES:
        ids = [record.record_id for record in made if record.table == table]
        assert ids == list(getattr(dataset, table)[ID_COLUMNS[table]])


def test_each_record_has_a_title_in_both_languages(dataset: Dataset) -> None:
    for record in records(dataset):
        assert record.title["en"].strip(), record
        assert record.title["vi"].strip(), record


def test_an_event_reads_its_own_columns(dataset: Dataset) -> None:
    row = dataset.events.iloc[0]
    record = find_record(dataset, row["event_id"])
    assert record is not None and record.table == "events"
    assert record.title == {"en": row["title_en"], "vi": row["title_vi"]}
    assert record.text["en"] == row["summary_en"]
    assert record.source_ids and set(record.source_ids) <= set(dataset.sources["source_id"])


def test_a_flow_title_names_payer_recipient_and_amount(dataset: Dataset) -> None:
    row = dataset.flows.iloc[0]
    record = find_record(dataset, row["flow_id"])
    assert record is not None
    assert row["payer"] in record.title["en"] and row["recipient"] in record.title["en"]
    assert "USD" in record.title["en"] or row["currency"] in record.title["en"]


def test_an_unknown_id_is_none(dataset: Dataset) -> None:
    assert find_record(dataset, "no-such-record") is None


def test_the_path_quotes_the_id() -> None:
    assert record_path("a b&c") == "record?id=a%20b%26c"
