"""`validate` checks the evidence against the records (issue 31): a figure must be in a sentence that states it, an
event's year in a sentence or its source's date, a seed excerpt verbatim in the seed; each planted fault is reported at
its file, line and column, and a folder from before evidence existed still loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence_folder import ROWS, edited, line_of, write_csv, write_folder

from techrift import schema
from techrift.__main__ import main
from techrift.data import Problem, check_folder, load_dataset, validate


def test_the_folder_with_evidence_is_clean(tmp_path: Path) -> None:
    checked = check_folder(write_folder(tmp_path))
    assert checked.problems == []
    assert [str(warning) for warning in checked.warnings] == []
    assert len(checked.dataset.evidence) == len(ROWS["evidence"])


def test_a_planted_amount_mismatch_fails_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = write_folder(tmp_path, edited("flows", 0, amount="2500000"))
    problems = validate(data_dir)
    assert problems == [
        Problem(
            "flows.csv",
            line_of("flows", 0),
            "amount",
            "2500000",
            "not stated in any of its excerpts (evidence.csv lines 4)",
        )
    ]
    assert main(["validate", str(data_dir)]) == 1
    assert "flows.csv:2: amount: '2500000': not stated in any of its excerpts" in capsys.readouterr().out


def test_the_figure_must_be_in_the_excerpt_itself_not_in_our_translation(tmp_path: Path) -> None:
    evidence = [dict(row) for row in ROWS["evidence"]]
    evidence[3]["excerpt"] = "По словам компании, в России работают сотни сотрудников."  # "hundreds of staff"
    problems = validate(write_folder(tmp_path, {"evidence": evidence}))
    assert [(p.file, p.column, p.value) for p in problems] == [("metrics.csv", "value", "1500")]


def test_an_event_year_in_no_excerpt_nor_source_date_fails(tmp_path: Path) -> None:
    data_dir = write_folder(tmp_path, edited("events", 0, date="2020-06"))
    assert validate(data_dir) == [
        Problem(
            "events.csv",
            line_of("events", 0),
            "date",
            "2020-06",
            "the year is in none of its excerpts nor in the date of a source that states it",
        )
    ]


def test_an_event_year_in_the_date_of_a_source_that_states_it_is_enough(tmp_path: Path) -> None:
    # the roll-up's excerpt says "last spring"; its source, news-a, is dated 2019-05-23
    assert validate(write_folder(tmp_path)) == []
    sources = [dict(row) for row in ROWS["sources"]]
    sources[1]["published"] = "2020-01-10"
    problems = validate(write_folder(tmp_path, {"sources": sources}))
    assert [(p.file, p.line, p.column) for p in problems] == [("events.csv", line_of("events", 1), "date")]


def test_an_excerpt_not_in_english_needs_its_english_translation(tmp_path: Path) -> None:
    data_dir = write_folder(tmp_path, edited("evidence", 0, excerpt_en=""))
    assert validate(data_dir) == [
        Problem("evidence.csv", 2, "excerpt_en", None, "the excerpt is in 'ru': give its English translation")
    ]


def test_a_seed_excerpt_must_be_verbatim_in_the_seed(tmp_path: Path) -> None:
    data_dir = write_folder(tmp_path, edited("evidence", 4, excerpt="Huawei mở rộng hợp tác với các đại học Nga."))
    assert validate(data_dir) == [
        Problem(
            "evidence.csv",
            6,
            "excerpt",
            "Huawei mở rộng hợp tác với các đại học Nga.",
            "not found verbatim in the seed text of seed-s",
        )
    ]


@pytest.mark.parametrize(
    ("cells", "column", "why"),
    [
        ({"record_id": "ev-nowhere"}, "record_id", "no such record in events.csv"),
        ({"source_id": "news-z"}, "source_id", "no such id in sources.csv"),
        ({"source_id": "seed-s"}, "source_id", "events/ev-sign does not cite this source in its source_ids"),
    ],
)
def test_an_evidence_row_names_an_existing_record_and_a_source_it_cites(
    tmp_path: Path, cells: dict[str, str], column: str, why: str
) -> None:
    problems = validate(write_folder(tmp_path, edited("evidence", 0, **cells)))
    assert Problem("evidence.csv", 2, column, cells.get(column), why) in problems


def test_a_second_row_for_one_record_and_source_is_reported(tmp_path: Path) -> None:
    evidence = [*ROWS["evidence"], ROWS["evidence"][1]]
    problems = validate(write_folder(tmp_path, {"evidence": evidence}))
    assert problems == [
        Problem("evidence.csv", 7, "source_id", "news-a", "a second row for events/ev-rollup from this source")
    ]


def test_a_claim_without_a_sentence_that_says_so_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    data_dir = write_folder(
        tmp_path,
        edited(
            "evidence",
            3,
            excerpt="В России работают около 1500 сотрудников.",
            excerpt_en="About 1,500 staff work in Russia.",
        ),
    )
    checked = check_folder(data_dir)
    assert checked.problems == []
    assert [str(warning) for warning in checked.warnings] == [
        "metrics.csv:2: metric_id: 'm-staff': marked kind claim, but no excerpt shows why "
        "('expects', 'said', 'will sign')"
    ]


def test_a_record_with_no_evidence_is_a_warning_and_rests_on_background_only(tmp_path: Path) -> None:
    evidence = [row for row in ROWS["evidence"] if row["record_id"] != "ev-rollup"]
    checked = check_folder(write_folder(tmp_path, {"evidence": evidence}))
    assert checked.problems == []
    assert [str(warning) for warning in checked.warnings] == [
        "events.csv:3: source_ids: 'news-a': no evidence: every cited source is background"
    ]
    rollup = checked.dataset.events.set_index("event_id").loc["ev-rollup"]
    assert (rollup["support"], rollup["independent_sources"], rollup["background_sources"]) == ("no_evidence", 0, 1)


def test_support_counts_only_the_sources_that_state_the_record(tmp_path: Path) -> None:
    dataset = load_dataset(write_folder(tmp_path))
    grant = dataset.flows.set_index("flow_id").loc["fl-grant"]
    # cites news-a and news-b; only news-a's sentence is quoted: one independent source, one background
    assert (grant["support"], grant["independent_sources"], grant["background_sources"]) == ("single_source", 1, 1)
    assert dataset.evidence_for("flows", "fl-grant")["source_id"].tolist() == ["news-a"]
    assert dataset.evidence_for("flows", "nothing").empty


def test_a_folder_without_evidence_or_the_new_columns_still_loads(tmp_path: Path) -> None:
    data_dir = write_folder(tmp_path)
    (data_dir / "evidence.csv").unlink()
    old_events = [column for column in schema.Events.to_schema().columns if column != "rollup"]
    write_csv(data_dir / "events.csv", "events", ROWS["events"], old_events)
    new_flow_columns = {"recipient_country", "value_qualifier", "is_research_funding"}
    old_flows = [column for column in schema.Flows.to_schema().columns if column not in new_flow_columns]
    write_csv(data_dir / "flows.csv", "flows", ROWS["flows"], old_flows)
    checked = check_folder(data_dir)
    assert checked.problems == []
    assert [str(warning) for warning in checked.warnings] == [
        "evidence.csv:-: -: -: file not found: support counts every cited source (data < 3.0.0)"
    ]
    dataset = checked.dataset
    assert dataset.evidence.empty and not dataset.evidence_given
    assert dataset.events["rollup"].tolist() == [False, False]
    assert dataset.flows["is_research_funding"].tolist() == [True]
    assert dataset.flows["country"].tolist() == ["Russia"]  # from the recipient's place
    grant = dataset.flows.iloc[0]
    assert (grant["independent_sources"], grant["background_sources"]) == (2, 0)  # every cited source counts


@pytest.mark.parametrize(
    ("value", "why"), [("yes", "not true or false"), ("", "required value is empty (true or false)")]
)
def test_a_flag_is_true_or_false(tmp_path: Path, value: str, why: str) -> None:
    problems = validate(write_folder(tmp_path, edited("events", 0, rollup=value)))
    assert problems == [Problem("events.csv", 2, "rollup", value or None, why)]


def test_recipient_country_is_the_flow_country_even_without_a_place(tmp_path: Path) -> None:
    dataset = load_dataset(
        write_folder(tmp_path, edited("flows", 0, recipient_place_id="", recipient_country="Russia"))
    )
    assert dataset.flows["country"].tolist() == ["Russia"]
