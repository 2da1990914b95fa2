"""`validate` on deliberately broken copies of the data: every fault named by file, line, column and value."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from data_folders import FIXTURE_DATA

from techrift.data import DataError, Problem, check_folder, load_dataset, validate

ROOT = Path(__file__).resolve().parent.parent


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _line_of(path: Path, start: str) -> int:
    return next(
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.startswith(start)
    )


def _only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


@pytest.mark.slow
def test_cli_summary_when_clean() -> None:
    result = subprocess.run(  # the folder named by $TECHRIFT_DATA_DIR (tests/conftest.py points it at the fixture)
        [sys.executable, "-m", "techrift", "validate"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    summary, *warnings = result.stdout.splitlines()
    dataset = load_dataset(FIXTURE_DATA)
    assert summary.startswith("data OK") and f"version {dataset.release.version}" in summary
    assert f"{len(dataset.events)} events" in summary
    # records resting on aggregators alone are named, as warnings: the run still succeeds
    claim = _line_of(FIXTURE_DATA / "flows.csv", "aws-lab-graph-revenue-claim,")
    assert warnings and all(line.startswith("warning: ") for line in warnings)
    assert f"warning: flows.csv:{claim}: source_ids: 'meyka-ft;" in result.stdout


def test_missing_column(data_copy: Path) -> None:
    _edit(data_copy / "events.csv", "event_id,date,date_precision,", "event_id,date,")
    problems = validate(data_copy)
    assert Problem("events.csv", 1, "date_precision", None, "required column is missing") in problems


def test_missing_id_column_is_reported_once_not_for_every_reference(data_copy: Path) -> None:
    path = data_copy / "metrics.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line.split(",", 1)[1] for line in lines) + "\n", encoding="utf-8")
    problems = validate(data_copy)
    assert Problem("metrics.csv", 1, "metric_id", None, "required column is missing") in problems
    assert not any(p.file == "quotes.csv" for p in problems)


def test_extra_column(data_copy: Path) -> None:
    path = data_copy / "stances.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",rating"] + [line + ",5" for line in lines[1:]]) + "\n", encoding="utf-8")
    problem = _only(validate(data_copy))
    assert (problem.file, problem.line, problem.column) == ("stances.csv", 1, "rating")
    assert problem.why.startswith("unexpected column")


def test_wrong_type(data_copy: Path) -> None:
    path = data_copy / "flows.csv"
    _edit(path, ",2000000,,USD,per_year,", ",two million,,USD,per_year,")
    problem = _only(validate(data_copy))
    assert problem == Problem(
        "flows.csv", _line_of(path, "skoltech-contracts-2019"), "amount", "two million", "not a number"
    )


@pytest.mark.parametrize(
    ("old", "new", "column", "why"),
    [
        ("princeton-no-new-gifts,2018-07,month", "princeton-no-new-gifts,2018-13,month", "date", "month must be 01-12"),
        ("doj-indictments,2019-01-28,day", "doj-indictments,2019-02-30,day", "date", "no such day in that month"),
        (
            "doj-indictments,2019-01-28,day",
            "doj-indictments,2019-01-28,month",
            "date_precision",
            "does not match the date '2019-01-28'",
        ),
        ("doj-indictments,2019-01-28,day", "doj-indictments,28/01/2019,day", "date", "does not have the expected form"),
    ],
)
def test_bad_dates(data_copy: Path, old: str, new: str, column: str, why: str) -> None:
    path = data_copy / "events.csv"
    _edit(path, old, new)
    problems = validate(data_copy)
    matching = [p for p in problems if p.column == column and p.why.startswith(why)]
    assert matching and matching[0].file == "events.csv" and matching[0].line == _line_of(path, old.split(",")[0])


def test_lat_lon_out_of_range(data_copy: Path) -> None:
    path = data_copy / "places.csv"
    _edit(path, ",55.699,37.359,", ",95.5,-200,")
    problems = validate(data_copy)
    line = _line_of(path, "skoltech")
    assert Problem("places.csv", line, "lat", "95.5", "must be at most 90") in problems
    assert Problem("places.csv", line, "lon", "-200.0", "must be at least -180") in problems


def test_duplicate_id(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    _edit(path, "\noxford-stops-funding,", "\nprinceton-no-new-gifts,")
    problems = [p for p in validate(data_copy) if p.why == "duplicate id"]
    assert {p.line for p in problems} == {
        _line_of(path, "princeton-no-new-gifts"),
        _line_of(path, "princeton-no-new-gifts") + 2,
    }


def test_reference_to_a_missing_source(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    _edit(path, "nature-2019;mobileworldlive-mit\n", "nature-2019;no-such-source\n")
    problem = _only(validate(data_copy))
    assert problem == Problem(
        "events.csv",
        _line_of(path, "oxford-stops-funding"),
        "source_ids",
        "no-such-source",
        "no such id in sources.csv",
    )


def test_reference_to_a_missing_place(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    _edit(path, ",Massachusetts Institute of Technology,mit,", ",Massachusetts Institute of Technology,mit-campus,")
    problem = _only(validate(data_copy))
    assert problem == Problem(
        "events.csv", _line_of(path, "mit-ends-engagements"), "place_id", "mit-campus", "no such id in places.csv"
    )


def test_quote_not_found_in_its_seed(data_copy: Path) -> None:
    path = data_copy / "quotes.csv"
    _edit(path, "Lần lượt từng cánh cửa bị đóng lại.", "Lần lượt từng cánh cửa bị khóa lại.")
    problem = _only(validate(data_copy))
    assert (problem.file, problem.line, problem.column) == ("quotes.csv", _line_of(path, "q-doors-closing"), "text")
    assert problem.why == "not found verbatim in the seed text of seed-000"


def test_quote_of_a_missing_record(data_copy: Path) -> None:
    path = data_copy / "quotes.csv"
    _edit(path, "q-atlas,seed-000,events,atlas-launch-russia,", "q-atlas,seed-000,events,atlas-launch,")
    problems = validate(data_copy)
    assert (
        Problem("quotes.csv", _line_of(path, "q-atlas"), "record_id", "atlas-launch", "no such record in events.csv")
        in problems
    )


def test_record_citing_a_seed_without_a_fragment(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    _edit(path, "bloomberg-yahoo\n", "bloomberg-yahoo;seed-000\n")
    problem = _only(validate(data_copy))
    assert (problem.line, problem.column, problem.value) == (
        _line_of(path, "ohio-state-cuts"),
        "source_ids",
        "seed-000",
    )
    assert "quotes.csv has no fragment" in problem.why


def test_value_not_allowed(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    _edit(path, ",United States,tie_review,", ",United States,tie_reviewed,", count=2)
    problems = validate(data_copy)
    assert all(p.column == "category" and p.value == "tie_reviewed" and "allowed" in p.why for p in problems)
    assert {p.line for p in problems} == {_line_of(path, "us-universities-review"), _line_of(path, "ut-austin-review")}


def test_non_utf8_file_names_the_line(data_copy: Path) -> None:
    path = data_copy / "metrics.csv"
    text = path.read_bytes()
    line = _line_of(path, "skoltech-contracts-2013,")
    lines = text.split(b"\n")
    lines[line - 1] = lines[line - 1].replace(b"research", b"r\xe9search")
    path.write_bytes(b"\n".join(lines))
    problem = _only(validate(data_copy))
    assert (problem.file, problem.line) == ("metrics.csv", line)
    assert "not UTF-8" in problem.why


def test_byte_order_mark_and_windows_line_endings_are_accepted(data_copy: Path) -> None:
    for name in ("events.csv", "flows.csv"):
        path = data_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert validate(data_copy) == []
    assert len(load_dataset(data_copy).events) == len(load_dataset(FIXTURE_DATA).events)


def test_empty_file(data_copy: Path) -> None:
    (data_copy / "stances.csv").write_text("", encoding="utf-8")
    problems = validate(data_copy)
    assert Problem("stances.csv", None, None, None, "file is empty (expected a header row)") in problems


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "metrics.csv").unlink()
    problems = validate(data_copy)
    assert Problem("metrics.csv", None, None, None, "file is missing") in problems


def test_the_changelog_says_the_version_or_the_data_is_refused(data_copy: Path) -> None:
    assert load_dataset(data_copy).release == load_dataset(FIXTURE_DATA).release
    (data_copy / "CHANGELOG.md").write_text("# Data changelog\n\n## next\n", encoding="utf-8")
    assert _only(validate(data_copy)).why.startswith("CHANGELOG.md has no release heading")
    (data_copy / "CHANGELOG.md").unlink()
    assert _only(validate(data_copy)) == Problem(
        "CHANGELOG.md", None, None, None, "file not found: every data folder says its version"
    )


def test_a_record_resting_on_aggregators_alone_is_a_warning_not_a_problem(data_copy: Path) -> None:
    events = data_copy / "events.csv"
    _edit(
        events,
        "princeton-no-new-gifts,2018-07,month,,Huawei,Princeton University,princeton,named,false,United States,tie_suspended,Princeton stops accepting new gifts from Huawei,Princeton University decided to accept no new gifts from Huawei.,Princeton ngừng nhận các khoản hiến tặng mới từ Huawei,Đại học Princeton quyết định không nhận thêm khoản hiến tặng mới nào từ Huawei.,daily-princetonian",
        "princeton-no-new-gifts,2018-07,month,,Huawei,Princeton University,princeton,named,false,United States,tie_suspended,Princeton stops accepting new gifts from Huawei,Princeton University decided to accept no new gifts from Huawei.,Princeton ngừng nhận các khoản hiến tặng mới từ Huawei,Đại học Princeton quyết định không nhận thêm khoản hiến tặng mới nào từ Huawei.,lowyat-2025-08",
    )
    # its sentence, quoted from the aggregator now: the record rests on it alone
    _edit(
        data_copy / "evidence.csv",
        "events,princeton-no-new-gifts,daily-princetonian,",
        "events,princeton-no-new-gifts,lowyat-2025-08,",
    )
    # a quoted field spanning two lines above it: the warning must still name the row's line in the file
    _edit(events, '"After US officials warned', '"After US officials\nwarned')
    assert validate(data_copy) == []
    line = _line_of(events, "princeton-no-new-gifts,")
    warnings = check_folder(data_copy).warnings
    assert Problem("events.csv", line, "source_ids", "lowyat-2025-08", "rests on aggregators alone") in warnings


def test_missing_seed_file(data_copy: Path) -> None:
    (data_copy.parent / "seeds" / "003_b470348c963816f1.txt").unlink()
    problems = validate(data_copy)
    assert any(
        p.file == "sources.csv" and p.column == "seed_file" and p.why.startswith("seed file not found")
        for p in problems
    )


def test_row_with_too_many_fields(data_copy: Path) -> None:
    path = data_copy / "metrics.csv"
    _edit(path, "\nhuawei-target-isvs,", "\nhuawei-target-isvs,extra,")
    problem = _only(validate(data_copy))
    assert (problem.file, problem.line) == ("metrics.csv", _line_of(path, "huawei-target-isvs"))
    assert "fields, header has" in problem.why


def test_all_faults_in_all_files_are_reported_at_once_and_nothing_is_modified(data_copy: Path) -> None:
    _edit(data_copy / "places.csv", ",55.699,37.359,", ",95.5,37.359,")
    _edit(data_copy / "events.csv", ",United States,tie_cut,", ",United States,tie_snipped,")
    (data_copy / "stances.csv").write_text("", encoding="utf-8")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_copy.iterdir()}
    problems = validate(data_copy)
    assert {p.file for p in problems} >= {"places.csv", "events.csv", "stances.csv"}
    assert before == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_copy.iterdir()}
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy)
    assert raised.value.problems == problems


@pytest.mark.slow
def test_cli_prints_every_problem_and_fails(data_copy: Path) -> None:
    _edit(data_copy / "places.csv", ",55.699,37.359,", ",95.5,37.359,")
    _edit(data_copy / "events.csv", "nature-2019;mobileworldlive-mit\n", "nature-2019;no-such-source\n")
    result = subprocess.run(
        [sys.executable, "-m", "techrift", "validate", str(data_copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("places.csv:") and ": lat: '95.5': must be at most 90" in line for line in lines)
    assert any(
        line.startswith("events.csv:") and ": source_ids: 'no-such-source': no such id in sources.csv" in line
        for line in lines
    )
    assert "2 problem(s)" in result.stderr


def test_a_label_with_no_vietnamese_form_is_a_problem_at_its_row(data_copy: Path) -> None:
    vocabulary = data_copy / "vocabulary.csv"
    _edit(vocabulary, "Russian market,Thị trường Nga,\n", "")
    line = _line_of(data_copy / "events.csv", "atlas-launch-russia,")
    problems = validate(data_copy)
    assert (
        Problem(
            "events.csv",
            line,
            "counterpart",
            "Russian market",
            "no Vietnamese form: add the label and its translation to vocabulary.csv",
        )
        in problems
    ), "\n".join(map(str, problems))


def test_an_empty_vietnamese_form_is_a_problem(data_copy: Path) -> None:
    vocabulary = data_copy / "vocabulary.csv"
    _edit(vocabulary, "Russian market,Thị trường Nga,", "Russian market,,")
    problem = next(p for p in validate(data_copy) if p.file == "vocabulary.csv")
    assert (problem.line, problem.column, problem.why) == (
        _line_of(vocabulary, "Russian market,"),
        "vi",
        "required value is empty",
    )


def test_a_record_text_with_no_vietnamese_form_is_a_problem(data_copy: Path) -> None:
    events = data_copy / "events.csv"
    _edit(events, "Đại học bang Ohio cắt giảm quan hệ với Huawei", "")
    assert Problem(
        "events.csv", _line_of(events, "ohio-state-cuts,"), "title_vi", None, "no Vietnamese form of `title_en`"
    ) in validate(data_copy)


def test_a_source_note_with_no_vietnamese_form_is_a_problem_at_its_row(data_copy: Path) -> None:
    sources = data_copy / "sources.csv"
    _edit(sources, "Bài gốc tiếng Việt; văn bản không ghi URL hay ngày đăng.", "")
    assert _only(validate(data_copy)) == Problem(
        "sources.csv", _line_of(sources, "seed-003,"), "note_vi", None, "no Vietnamese form of `note`"
    )


def test_only_our_bracketed_source_titles_take_a_vietnamese_form(data_copy: Path) -> None:
    sources = data_copy / "sources.csv"
    _edit(sources, "[Princeton và kinh phí nghiên cứu của Huawei]", "")
    _edit(sources, "ensure future innovation,,https", "ensure future innovation,Chip nhỏ,https")
    problems = validate(data_copy)
    assert problems == [
        Problem(
            "sources.csv", _line_of(sources, "daily-princetonian,"), "title_vi", None, "no Vietnamese form of `title`"
        ),
        Problem(
            "sources.csv",
            _line_of(sources, "cfr-2020,"),
            "title_vi",
            "Chip nhỏ",
            "`title` is kept as written: leave its Vietnamese form empty",
        ),
    ], "\n".join(map(str, problems))
