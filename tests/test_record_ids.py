"""Ids unique across the record tables, and the retired ids: an old link names the version that had its record."""

from __future__ import annotations

from pathlib import Path

from data_folders import FIXTURE_DATA

from techrift import schema
from techrift.data import Problem, load_dataset, validate


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))


def test_the_fixture_ids_are_unique_across_the_record_tables() -> None:
    dataset = load_dataset(FIXTURE_DATA)
    ids = [
        record_id for table in schema.RECORD_TABLES for record_id in getattr(dataset, table)[schema.ID_COLUMNS[table]]
    ]
    assert len(ids) == len(set(ids))


def test_an_id_two_tables_share_names_both(data_copy: Path) -> None:
    # the metric takes back its old id, which the flow of the same contracts has
    metrics = data_copy / "metrics.csv"
    _edit(metrics, "\nskoltech-contract-count-2019,", "\nskoltech-contracts-2019,")
    _edit(data_copy / "quotes.csv", ",metrics,skoltech-contract-count-2019,", ",metrics,skoltech-contracts-2019,")
    _edit(data_copy / "evidence.csv", "\nmetrics,skoltech-contract-count-2019,", "\nmetrics,skoltech-contracts-2019,")
    _edit(
        data_copy / "retired_ids.csv", "skoltech-contracts-2019,metrics,0.1.0,skoltech-contract-count-2019,0.2.0\n", ""
    )
    problems = [problem for problem in validate(data_copy) if problem.file == "metrics.csv"]
    assert problems == [
        Problem(
            "metrics.csv",
            _line_of(metrics, "skoltech-contracts-2019,"),
            "metric_id",
            "skoltech-contracts-2019",
            "this id is also in flows.csv: ids are unique across events, flows, metrics, stances, places, sources",
        )
    ]


def test_a_retired_id_is_gone_replaced_by_a_record_and_told_in_the_changelog(data_copy: Path) -> None:
    retired = data_copy / "retired_ids.csv"
    _edit(
        retired, "aws-shanghai-lab-staff,metrics,0.1.0,,0.2.0", "huawei-target-isvs,metrics,0.1.0,no-such-record,0.9.0"
    )
    line = _line_of(retired, "huawei-target-isvs,")
    assert sorted(validate(data_copy), key=lambda p: p.column or "") == [
        Problem("retired_ids.csv", line, "changelog_version", "0.9.0", "no '## 0.9.0' entry in CHANGELOG.md"),
        Problem("retired_ids.csv", line, "record_id", "huawei-target-isvs", "still an id in metrics.csv: not retired"),
        Problem("retired_ids.csv", line, "replaced_by", "no-such-record", "no record has this id in any table"),
    ]


def test_a_retired_id_may_live_on_in_another_table() -> None:
    # the metric huawei-russia-rnd-staff was renamed; an event (in the shipped data) keeps that id
    dataset = load_dataset(FIXTURE_DATA)
    retired = dataset.retired_ids.set_index(["record_table", "record_id"])
    assert retired.loc[("metrics", "skoltech-contracts-2019"), "replaced_by"] == "skoltech-contract-count-2019"
    assert "skoltech-contracts-2019" in set(dataset.flows["flow_id"])
    assert validate(FIXTURE_DATA) == []


def test_data_without_a_list_of_retired_ids_still_loads(data_copy: Path) -> None:
    (data_copy / "retired_ids.csv").unlink()
    assert validate(data_copy) == []
    assert load_dataset(data_copy).retired_ids.empty
