"""A folder checked again (the live reload after an edit, or the next check of a copy) runs each table's contract
again only when the table changed: what it found is kept per table content, and a change is always seen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from techrift import validate as checks
from techrift.data import Problem, validate


@pytest.fixture
def contracts_run(monkeypatch) -> Iterator[list[str]]:
    """The tables (by their columns' first name) whose contract actually ran, rather than being found again."""
    ran: list[str] = []
    function = checks._schema_failures._function  # type: ignore[attr-defined]

    def counting(model: Any, frame: Any, dtypes: tuple[str, ...]) -> Any:
        ran.append(model.__name__)
        return function(model, frame, dtypes)

    monkeypatch.setattr(checks._schema_failures, "_function", counting)
    checks._schema_failures.cache_clear()
    yield ran
    checks._schema_failures.cache_clear()


def _break_a_category(data_copy: Path) -> Path:
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8")
    assert ",tie_review," in text
    path.write_text(text.replace(",tie_review,", ",tie_reviewed,", 1), encoding="utf-8")
    return path


def test_only_the_changed_table_is_checked_again_and_its_fault_is_found(data_copy: Path, contracts_run) -> None:
    assert validate(data_copy) == []
    every = sorted(contracts_run)
    assert len(every) >= 9  # every table's contract ran once
    assert validate(data_copy) == [] and sorted(contracts_run) == every  # nothing changed: none ran again
    _break_a_category(data_copy)
    problems = validate(data_copy)
    assert contracts_run[len(every) :] == ["Events"]  # the edited table, and only it
    assert [(p.file, p.column, p.value) for p in problems] == [("events.csv", "category", "tie_reviewed")]


def test_a_fault_found_before_is_reported_again_at_its_own_line(data_copy: Path, tmp_path: Path, contracts_run) -> None:
    _break_a_category(data_copy)
    first = validate(data_copy)
    again = validate(data_copy)  # found in the cache this time
    assert contracts_run.count("Events") == 1
    assert again == first and len(first) == 1 and isinstance(first[0], Problem) and first[0].line is not None
