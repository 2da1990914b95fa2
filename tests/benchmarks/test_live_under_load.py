"""Live data under load: load-test sessions on a real server while its data folder is edited (valid, invalid, fixed):
no session sees an error, the server log has the rejected edit's problems, and the fix is taken. Starts a server."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from benchmarks import loadtest
from techrift.data import DATA_DIR_ENV
from tests.apptest_helpers import ROOT
from tests.benchmarks.test_loadtest import run_alone
from tests.e2e.server import served, wait_for_startup_load

pytestmark = pytest.mark.slow


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_edits_during_load_cause_no_error(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    sources = tmp_path / "data" / "sources.csv"
    # each edit, with what the server's log says once it has taken it: the next edit waits for that, so that an
    # edit is never overwritten before a session's run has looked at the folder (a look needs a run, after an interval)
    steps = [
        ("Huawei turns to Russian universities", "Huawei turns east", "data updated from"),  # valid
        ("seed-000,seed,", "seed-000,bogus-kind,", "data update rejected"),  # invalid: kept out
        ("seed-000,bogus-kind,", "seed-000,seed,", "data updated from"),  # the fix
        ("Huawei turns east", "Huawei turns west", "data updated from"),  # valid again
    ]
    settings = loadtest.Settings(sessions=8, seconds=40, think=1.0, ramp=1.0)
    taken: list[bool] = []

    def editor(server) -> None:
        for old, new, said in steps:
            time.sleep(1)
            before = server.log_text().count(said)
            edit(sources, old, new)
            deadline = time.monotonic() + 12  # a bound on a hang, not a measure: a run looks every few seconds
            while server.log_text().count(said) == before and time.monotonic() < deadline:
                time.sleep(0.2)
            taken.append(server.log_text().count(said) > before)

    with served(env={DATA_DIR_ENV: str(tmp_path / "data")}) as server:
        wait_for_startup_load(server.url)
        thread = threading.Thread(target=editor, args=(server,))
        thread.start()
        run = run_alone(loadtest.run_load(settings, server.url, None))
        thread.join()
        time.sleep(2.5)
        log = server.log_text()
    assert run.results and [r.error for r in run.results if r.error] == []
    assert taken == [True, True, True, True], "an edit was not taken (or rejected) while sessions ran"
    assert "data update rejected" in log
    assert "sources.csv:2: kind: 'bogus-kind':" in log
    assert log.count("data updated from") >= 2  # the valid edit and the fix were taken
