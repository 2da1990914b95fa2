"""The fault test, short: 2 replicas behind nginx, one killed mid-run and restarted (benchmarks/failover.py)."""

from __future__ import annotations

import pytest

from benchmarks import failover
from deploy import replicas
from tests.benchmarks.test_loadtest import run_alone


def test_figures_tell_survivors_from_moved_sessions() -> None:
    run = failover.Run(failover.Settings(), killed="a")
    run.first_replica = {0: "a", 1: "b"}
    run.done = [failover.Done(0, "a", 1.0, 0.1, "ConnectionClosedError"), failover.Done(1, "b", 1.0, 0.1)]
    run.reconnects = [failover.Reconnect(0, 1.1, 0.4, True, "b")]
    run.new_sessions = ["a", "b"]
    figures = failover.figures(run)
    assert (figures.on_survivor, figures.on_killed, figures.survivor_errors, figures.killed_errors) == (1, 1, 0, 1)
    assert (figures.moved, figures.same_view, figures.reconnect_p50, figures.new_on_restarted) == (1, 1, 0.4, 1)
    assert failover.passed(run)
    run.done.append(failover.Done(1, "b", 2.0, 0.1, "timeout"))  # a survivor's error fails the test
    assert not failover.passed(run)


@pytest.mark.slow
def test_a_killed_replica_loses_no_viewer_and_takes_sessions_again() -> None:
    settings = failover.Settings(sessions=12, seconds=30, think=1.5, new_sessions=12)
    with replicas.cluster(2) as cluster:
        run = run_alone(failover.run_failover(settings, cluster))
    figures = failover.figures(run)
    print(failover.report(run))
    assert figures.on_killed > 0 and figures.on_survivor > 0  # both replicas had sessions
    assert figures.survivor_errors == 0
    assert figures.moved == figures.on_killed  # every session of the dead replica reconnected to the survivor
    assert figures.same_view == figures.moved  # with its page and query from the URL
    assert figures.reconnect_max < 10
    assert figures.new_on_restarted > 0  # the restarted replica takes new sessions
