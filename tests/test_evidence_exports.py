"""Exports carry the evidence: the data package (evidence.csv and its resource in datapackage.json), the workbook (an
evidence sheet) and the citation block, whose source list quotes each sentence behind the records shown."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from evidence_folder import ROWS, write_folder

from techrift import citation, evidence, export
from techrift.data import Dataset, load_dataset, validate


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(write_folder(tmp_path_factory.mktemp("evidence")))


def test_the_data_package_holds_the_evidence_and_validates_again(small: Dataset, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(export.dataset_zip(small))) as archive:
        archive.extractall(tmp_path)
        descriptor = json.loads(archive.read("data/datapackage.json"))
    written = pd.read_csv(tmp_path / "data" / "evidence.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert written["excerpt"].tolist() == [row["excerpt"] for row in ROWS["evidence"]]
    resource = next(resource for resource in descriptor["resources"] if resource["name"] == "evidence")
    assert resource["schema"]["primaryKey"] == ["record_table", "record_id", "source_id"]
    assert resource["schema"]["foreignKeys"] == [
        {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}}
    ]
    events = next(resource for resource in descriptor["resources"] if resource["name"] == "events")
    assert {"name": "rollup", "type": "boolean"}.items() <= next(
        field for field in events["schema"]["fields"] if field["name"] == "rollup"
    ).items()
    # the flags are written as the data writes them, so the unpacked folder passes validate
    assert pd.read_csv(tmp_path / "data" / "events.csv", dtype=str)["rollup"].tolist() == ["false", "true"]
    assert validate(tmp_path / "data") == []


def test_the_workbook_has_an_evidence_sheet(small: Dataset) -> None:
    sheets = pd.read_excel(io.BytesIO(export.dataset_excel(small)), sheet_name=None, dtype=str)
    assert sheets["evidence"]["record_id"].tolist() == [row["record_id"] for row in ROWS["evidence"]]


def test_records_behind_reads_every_record_id_column() -> None:
    shown = [
        pd.DataFrame({"event_id": ["ev-sign", "ev-rollup"], "title": ["a", "b"]}),
        pd.DataFrame({"flow_id": ["fl-grant"]}),
        pd.DataFrame({"a_stance_id": ["st-one", None], "b_stance_id": ["st-two", "st-one"]}),
    ]
    assert citation.records_behind(shown) == (
        ("events", "ev-sign"),
        ("events", "ev-rollup"),
        ("flows", "fl-grant"),
        ("stances", "st-one"),
        ("stances", "st-two"),
    )


def test_the_sources_behind_a_view_list_the_sentences_of_the_records_shown(small: Dataset) -> None:
    excerpts = evidence.excerpts_table(small, {"events": ["ev-sign"], "flows": ["fl-grant"]})
    lines = citation.source_lines(["news-a", "news-b"], small.sources, "en", excerpts)
    assert lines == [
        "Paper A. Huawei and X University (2019-05-23). https://example.org/a [news-a]",
        "    “Individual grants totaled $2.2 million in 2018, up from $855,000 in 2017.” [flows/fl-grant]",
        "Paper B. Новости (2019-06). https://example.org/b#top [news-b]",
        "    “В июне 2019 года Huawei подписала соглашение с университетом X.” [events/ev-sign]",
        "      English translation: In June 2019 Huawei signed an agreement with X University.",
    ]
    vietnamese = citation.source_lines(["news-a"], small.sources, "vi", excerpts)
    assert vietnamese[2] == (
        "      Bản dịch Tiếng Việt: Các khoản tài trợ riêng lẻ đạt tổng cộng 2,2 triệu USD vào năm 2018."
    )


def test_without_excerpts_the_source_lines_are_as_before(small: Dataset) -> None:
    assert citation.source_lines(["news-a"], small.sources, "en") == [
        "Paper A. Huawei and X University (2019-05-23). https://example.org/a [news-a]"
    ]
