"""A translation carries its original's date (issue 31): an event whose only evidence is a seed that gives no year
and no date of its own passes the year check through the seed's `translation_of` link, and fails without it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from techrift.data import Problem, validate
from techrift.validate import excerpt_states_year

YEAR_MISSING = "the year is in none of its excerpts nor in the date of a source that states it"
# A sentence of seed-000 (kept in the fixture's seed fragments) that says no year: the SCMP original's date gives it.
SEED_SENTENCE = (
    'Mối quan hệ với Thung lũng Silicon và các trường đại học Mỹ đổ vỡ, "người khổng lồ” công nghệ Trung Quốc Huawei '
    "lập tức bắt tay với một đối tác gần gũi hơn vốn đang nóng lòng biến các nghiên cứu thành tiền."
)
EVENT = "huawei-russia-tour"  # 2019, cites seed-000 and scmp-tbforum (published 2019-12)


def _rewrite_sources(data: Path, links: dict[str, str] | None, published: dict[str, str] | None = None) -> None:
    """Give sources.csv a translation_of column holding `links` (None: no such column, as before 3.0.0) and set the
    published dates in `published`."""
    path = data / "sources.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    if "translation_of" in header:
        position = header.index("translation_of")
        rows = [row[:position] + row[position + 1 :] for row in rows]
        header = rows[0]
    date_column, id_column = header.index("published"), header.index("source_id")
    for row in rows[1:]:
        if published and row[id_column] in published:
            row[date_column] = published[row[id_column]]
    if links is not None:
        position = header.index("seed_file") + 1
        for number, row in enumerate(rows):
            row.insert(position, "translation_of" if number == 0 else links.get(row[id_column], ""))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _plant_evidence(data: Path) -> None:
    """One evidence row: the event stated by the seed sentence alone."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["record_table", "record_id", "source_id", "excerpt", "excerpt_lang", "excerpt_en", "excerpt_vi", "read_on"]
    )
    writer.writerow(
        ["events", EVENT, "seed-000", SEED_SENTENCE, "vi", "Huawei joined hands with Russia.", "", "2026-11-24"]
    )
    (data / "evidence.csv").write_text(out.getvalue(), encoding="utf-8")


def _line_of(path: Path, start: str) -> int:
    return next(
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.startswith(start)
    )


def _year_problems(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.why == YEAR_MISSING]


def test_a_seed_takes_the_date_of_the_original_it_translates(data_copy: Path) -> None:
    _rewrite_sources(data_copy, {"seed-000": "scmp-tbforum"})
    _plant_evidence(data_copy)
    problems = validate(data_copy)
    assert _year_problems(problems) == []
    assert [problem for problem in problems if problem.column == "translation_of"] == []


def test_without_the_link_the_seed_gives_no_year(data_copy: Path) -> None:
    _rewrite_sources(data_copy, None)
    _plant_evidence(data_copy)
    line = _line_of(data_copy / "events.csv", f"{EVENT},")
    assert _year_problems(validate(data_copy)) == [Problem("events.csv", line, "date", "2019", YEAR_MISSING)]


def test_an_empty_link_gives_no_year(data_copy: Path) -> None:
    _rewrite_sources(data_copy, {})
    _plant_evidence(data_copy)
    line = _line_of(data_copy / "events.csv", f"{EVENT},")
    assert _year_problems(validate(data_copy)) == [Problem("events.csv", line, "date", "2019", YEAR_MISSING)]


def test_the_original_of_another_year_does_not_pass(data_copy: Path) -> None:
    _rewrite_sources(data_copy, {"seed-000": "scmp-tbforum"}, published={"scmp-tbforum": "2021-03"})
    _plant_evidence(data_copy)
    line = _line_of(data_copy / "events.csv", f"{EVENT},")
    assert _year_problems(validate(data_copy)) == [Problem("events.csv", line, "date", "2019", YEAR_MISSING)]


def test_a_translation_with_a_date_of_its_own_keeps_it(data_copy: Path) -> None:
    _rewrite_sources(data_copy, {"seed-000": "scmp-tbforum"}, published={"seed-000": "2020-01"})
    _plant_evidence(data_copy)
    line = _line_of(data_copy / "events.csv", f"{EVENT},")
    assert _year_problems(validate(data_copy)) == [Problem("events.csv", line, "date", "2019", YEAR_MISSING)]


def test_the_link_must_name_a_source(data_copy: Path) -> None:
    _rewrite_sources(data_copy, {"seed-000": "scmp-nowhere"})
    line = _line_of(data_copy / "sources.csv", "seed-000,")
    problems = validate(data_copy)
    assert Problem("sources.csv", line, "translation_of", "scmp-nowhere", "no such id in sources.csv") in problems


def test_a_source_cannot_translate_itself(data_copy: Path) -> None:
    _rewrite_sources(data_copy, {"seed-000": "seed-000"})
    line = _line_of(data_copy / "sources.csv", "seed-000,")
    problems = validate(data_copy)
    assert Problem("sources.csv", line, "translation_of", "seed-000", "a source cannot translate itself") in problems


def test_last_year_in_a_source_of_the_next_year_gives_the_year() -> None:
    sentence = "The university in August last year said that, for at least six months, it would not accept funding."
    assert excerpt_states_year(sentence, 2018, "2019-01-28")
    assert not excerpt_states_year(sentence, 2017, "2019-01-28")
    assert not excerpt_states_year(sentence, 2018, "")  # no date: 'last year' says nothing
    assert not excerpt_states_year("The university in August said so.", 2018, "2019-01-28")
    assert excerpt_states_year("Signed on August 13, 2018.", 2018, "")
