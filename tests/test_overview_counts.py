"""The overview's headline counts (issue 31): institutions are counted by counterpart, once each, never a roll-up;
reviews apart from cuts and suspensions; partners by a partnership, lab or deal (not a visit or an expected signing);
per period; and each figure says what it counts, under the number."""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence_folder import ROWS, write_folder
from streamlit.testing.v1 import AppTest

from techrift import overview
from techrift.data import DATA_DIR_ENV, Dataset, load_dataset

ROOT = Path(__file__).resolve().parent.parent


def _event(event_id: str, date: str, counterpart: str, category: str, country: str, **cells: str) -> dict[str, str]:
    precision = {4: "year", 7: "month", 10: "day"}[len(date)]
    return {
        "event_id": event_id,
        "date": date,
        "date_precision": precision,
        "company": "Huawei",
        "counterpart": counterpart,
        "identification": "named",
        "rollup": "false",
        "country": country,
        "category": category,
        "title_en": event_id,
        "summary_en": event_id,
        "title_vi": event_id,
        "summary_vi": event_id,
        "source_ids": "news-a",
        **cells,
    }


US, RU = "United States", "Russia"
EVENTS = [
    _event("a-cut", "2019", "Uni A", "tie_cut", US),  # no place, like Michigan: still an institution
    _event("a-review", "2018", "Uni A", "tie_review", US),
    _event("b-suspend", "2018-08", "Uni B", "tie_suspended", US),
    _event("b-cut", "2019-01", "Uni B", "tie_cut", US),  # B again: counted once
    _event("c-review", "2019", "Uni C", "tie_review", US),
    _event("us-rollup", "2018", "US universities", "tie_cut", US, rollup="true", date_end="2019"),
    _event("x-lab", "2019-06", "X University", "lab_opened", RU, place_id="uni-x"),
    _event("y-visit", "2021", "Y University", "visit", RU),
    _event("z-expected", "2019-05", "Z University", "statement", RU),  # a signing only expected
    _event("ru-rollup", "2019", "Russian universities", "partnership", RU, rollup="true"),
    _event("w-inferred", "2019-07", "W Tech", "partnership", RU, identification="inferred"),
    _event("mts-deal", "2019-06", "MTS", "deal", RU, place_id="kremlin"),  # a company, at a government venue
    _event("v-2021", "2021", "V University", "partnership", RU),
]
PLACES = [
    *ROWS["places"],
    {
        **ROWS["places"][0],
        "place_id": "kremlin",
        "name_en": "Kremlin",
        "name_original": "Кремль",
        "kind": "government",
    },
]
LABELS = {event["counterpart"] for event in EVENTS} | {"Kremlin", US}


@pytest.fixture(scope="module")
def counted_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    vocabulary = [*ROWS["vocabulary"], *({"en": label, "vi": f"{label} (vi)"} for label in sorted(LABELS))]
    vocabulary = list({row["en"]: row for row in vocabulary}.values())
    return write_folder(
        tmp_path_factory.mktemp("counts"),
        {"events": EVENTS, "places": PLACES, "vocabulary": vocabulary, "evidence": []},
    )


@pytest.fixture(scope="module")
def counted(counted_folder: Path) -> Dataset:
    return load_dataset(counted_folder)


def test_western_institutions_are_counted_by_counterpart_never_a_rollup(counted: Dataset) -> None:
    assert set(overview.western_tie_cuts(counted)["counterpart"]) == {"Uni A", "Uni B"}
    assert set(overview.western_reviews(counted)["counterpart"]) == {"Uni C"}  # A cut ties too: counted there
    western = overview.headline_figures(counted)[0]
    assert western.value == "2"
    assert "1 more only reviewed them" in western.detail


def test_partners_are_named_institutions_with_a_partnership_lab_or_deal(counted: Dataset) -> None:
    assert set(overview.russian_partners(counted)["counterpart"]) == {"X University", "W Tech", "V University"}
    russia = overview.headline_figures(counted)[1]
    assert russia.value == "2"  # X and V; W is inferred, MTS a company, the visit and the expected signing are not ties
    assert "1 more inferred, not named" in russia.detail


@pytest.mark.parametrize(
    ("period", "western", "reviewed", "partners"),
    [
        (None, "2", "1 more only reviewed", "2"),
        ((2018, 2018), "1", "1 more only reviewed", "0"),  # B suspended; A only reviewed in 2018
        ((2019, 2019), "2", "1 more only reviewed", "1"),  # A and B cut, C reviewed; X's lab
        ((2021, 2021), "0", "0 more only reviewed", "1"),  # V's partnership; Y only visited
    ],
)
def test_each_headline_is_computed_per_period(
    counted: Dataset, period: tuple[int, int] | None, western: str, reviewed: str, partners: str
) -> None:
    figures = overview.headline_figures(counted, "en", period)
    assert (figures[0].value, figures[1].value) == (western, partners)
    assert reviewed in figures[0].detail


def test_each_headline_says_what_it_counts_in_both_languages(counted: Dataset) -> None:
    english = overview.headline_figures(counted, "en", (2019, 2019))
    assert english[0].definition.startswith("Counted (2019): each Western institution once, by name")
    assert "groups such as 'US universities' are not institutions" in english[0].definition
    assert "reviews are counted apart" in english[0].definition
    assert "visits, statements and expected signings are not counted" in english[1].definition
    vietnamese = overview.headline_figures(counted, "vi")
    assert vietnamese[0].definition.startswith("Cách đếm (mọi năm)")
    assert vietnamese[1].definition.startswith("Cách đếm (mọi năm)")


def test_the_overview_shows_the_definition_under_the_number(counted_folder: Path, monkeypatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(counted_folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["years"] = "2019-2019"
    at.run()
    assert not at.exception, at.exception
    metrics = [(metric.label, metric.value) for metric in at.metric]
    assert metrics[:2] == [("Western universities stepping back", "2"), ("Huawei's Russian academic partners", "1")]
    captions = [caption.value for caption in at.caption]
    assert any(c.startswith("Counted \\(2019\\)") and "each Western institution once" in c for c in captions), captions
