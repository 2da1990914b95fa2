"""The fixture dataset (tests/fixtures/) is valid and still covers the cases the tests of the code rely on."""

from __future__ import annotations

import json
import re

import pytest
from data_folders import FIXTURE_DATA, ROOT, SHIPPED_DATA

from techrift import datapackage, schema
from techrift.data import Dataset, check_folder, read_outlines


def test_the_fixture_data_validates_and_is_not_the_shipped_data(dataset: Dataset) -> None:
    checked = check_folder(FIXTURE_DATA)
    assert checked.problems == []
    descriptor = json.loads((FIXTURE_DATA / "datapackage.json").read_text(encoding="utf-8"))
    release = datapackage.read_release(FIXTURE_DATA)
    assert (descriptor["version"], descriptor["data_as_of"]) == (release.version, release.data_as_of)
    assert FIXTURE_DATA.resolve() != SHIPPED_DATA.resolve()
    assert dataset.release == release
    assert len(dataset.release.version.split(".")) == 3 and dataset.changelog.count("\n## ") >= 2  # an older version


@pytest.mark.parametrize(
    ("table", "column", "values"),
    [
        ("events", "category", schema.EVENT_CATEGORIES),
        ("events", "identification", schema.IDENTIFICATIONS),
        ("events", "date_precision", schema.DATE_PRECISIONS),
        ("flows", "status", schema.FLOW_STATUSES),
        ("flows", "amount_kind", schema.AMOUNT_KINDS),
        ("metrics", "kind", schema.METRIC_KINDS),
        ("metrics", "value_qualifier", ("about", "more_than", "at_least")),
        ("stances", "dimension", schema.STANCE_DIMENSIONS),
        ("sources", "kind", schema.SOURCE_KINDS),
        ("places", "coord_precision", ("district", "city")),
        ("quotes", "record_table", ("events", "flows", "metrics", "stances")),
    ],
)
def test_the_fixture_has_every_kind_of_record(dataset: Dataset, table: str, column: str, values: tuple[str]) -> None:
    assert set(values) <= set(getattr(dataset, table)[column].dropna())


def test_the_fixture_has_the_hard_cases(dataset: Dataset) -> None:
    events, flows, metrics = dataset.events, dataset.flows, dataset.metrics
    assert events["date"].isna().any()  # a date unknown
    assert events["date_end"].notna().any()  # a period
    assert (events["date_end"].notna() & events["date_precision"].eq("month")).any()  # a period known to the month
    assert events["place_id"].isna().any() and flows["recipient_place_id"].isna().any()  # records with no place
    assert (flows["year"].isna() & flows["year_end"].notna()).any()  # a last year only
    assert flows["usd_amount"].notna().any() and flows["currency"].ne("USD").any()  # a converted amount
    assert metrics["year"].isna().any()
    for frame in (events, flows):
        assert frame["aggregator_only"].any()
    assert {"en", "vi"} <= set(dataset.sources["language"]) and dataset.sources["language"].nunique() >= 3
    for column in ("title_vi", "summary_vi"):
        assert events[column].notna().all()
    assert len(dataset.vocabulary) and set(dataset.seed_texts) == set(
        dataset.sources.loc[dataset.sources["kind"].eq("seed"), "source_id"]
    )
    assert dataset.stances["company"].nunique() >= 3
    assert events["company"].nunique() >= 4 and events["country"].nunique() >= 4


def test_the_fixture_outlines_hold_the_countries_of_its_places(dataset: Dataset) -> None:
    outlines = read_outlines(FIXTURE_DATA / "countries.geojson")
    names = {feature["properties"]["name"] for feature in outlines["features"]}
    assert set(dataset.places["country"]) <= names | {"United States"}  # Natural Earth: "United States of America"
    assert "RUS" in {feature["properties"]["iso_a3"] for feature in outlines["features"]}


# The modules that read the shipped data by design: its checks, the release test, what the container image ships
# (test_deploy.py), and the browser tests and benchmarks, which serve the app as it ships.
READ_THE_SHIPPED_DATA = {"test_shipped_data.py", "test_data_release.py", "data_folders.py", "test_deploy.py"}


def test_no_test_of_the_code_reads_the_shipped_data_folder() -> None:
    tests = ROOT / "tests"
    readers = [
        str(path.relative_to(ROOT))
        for path in sorted(tests.rglob("*.py"))
        if path.name not in READ_THE_SHIPPED_DATA
        and not {tests / "e2e", tests / "benchmarks"} & set(path.parents)
        and re.search(r'\b(?:ROOT|PROJECT_ROOT)\s*/\s*"(?:data|seeds)"', path.read_text(encoding="utf-8"))
    ]
    assert readers == []
