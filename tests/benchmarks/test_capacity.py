"""benchmarks/capacity.py: the figure it reports and its bounds (no server started here)."""

from __future__ import annotations

import pytest

from benchmarks import capacity


def step(sessions: int, p95: float, errors: int = 0) -> capacity.Step:
    return capacity.Step(think=2.0, sessions=sessions, actions=10, errors=errors, p50=0.1, p95=p95, load=1.0)


def test_held_is_the_most_sessions_that_met_the_target() -> None:
    assert capacity.held([step(5, 0.3), step(10, 0.9), step(20, 1.4)], target=1.0) == 10
    assert capacity.held([step(5, 0.3), step(10, 0.5, errors=1)], target=1.0) == 5  # an error is not held
    assert capacity.held([step(1, 2.0)], target=1.0) == 0


@pytest.mark.parametrize(
    "argv", [["--seconds", "5"], ["--sessions", "0"], ["--sessions", "201"], ["--sessions", *["1"] * 9]]
)
def test_runs_are_bounded(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        capacity.main(argv)
