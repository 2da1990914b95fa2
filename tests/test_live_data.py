"""Live data (techrift/live.py, techrift/ui/live_data.py): the folder's fingerprint, the last-good rule, the reload
and its memory, and the pages seeing a valid edit, keeping the last good data on an invalid one, and recovering."""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
import weakref
from pathlib import Path

import pytest

from techrift import caching, datapackage, filters, live
from techrift.data import DATA_DIR_ENV, DataError, Dataset, Problem, load_dataset
from techrift.live import LiveDataset, choose, fingerprint
from techrift.ui import shell
from tests.apptest_helpers import plotly_charts, run_page, texts
from tests.data_folders import FIXTURE_DATA, copy_data

OLD_TITLE = "Huawei turns to Russian universities after US doors close"  # no Markdown characters: shown as is
NEW_TITLE = "Huawei turns east as edited while the app runs"
BAD_KIND = ("seed-000,seed,", "seed-000,bogus-kind,")


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture data and its seeds side by side, served as the app's data folder."""
    copy = copy_data(FIXTURE_DATA, tmp_path)
    monkeypatch.setenv(DATA_DIR_ENV, str(copy))
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


# --------------------------------------------------------------------------- fingerprint


def test_fingerprint_changes_with_size_mtime_new_files_and_seeds(data_copy: Path) -> None:
    first = fingerprint(data_copy)
    assert fingerprint(data_copy) == first
    assert {name for name, _, _ in first} >= {"data/events.csv", "seeds/000_af3ea00ef0deb774.txt"}

    events = data_copy / "events.csv"
    stat = events.stat()
    os.utime(events, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # same size, touched
    touched = fingerprint(data_copy)
    assert touched != first

    (data_copy / "notes.txt").write_text("x", encoding="utf-8")
    added = fingerprint(data_copy)
    assert added != touched

    seed = data_copy.parent / "seeds" / "000_af3ea00ef0deb774.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert fingerprint(data_copy) != added


def test_fingerprint_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert fingerprint(tmp_path / "nowhere") == ()


def test_fingerprint_reads_no_file(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_reading(*_args, **_kwargs):
        raise AssertionError("a file was opened")

    monkeypatch.setattr("builtins.open", no_reading)
    monkeypatch.setattr(Path, "open", no_reading)
    assert fingerprint(data_copy)


# --------------------------------------------------------------------------- the last-good rule (pure)

PROBLEM = Problem("sources.csv", 2, "kind", "bogus-kind", "not one of the allowed values")


def fake_dataset() -> Dataset:
    return Dataset(*([None] * 7))  # type: ignore[arg-type]  # identity is all the rule looks at


def test_choose_takes_a_valid_load() -> None:
    old, new = fake_dataset(), fake_dataset()
    assert choose(old, new, (), 1.0) == live.Choice(new, None)
    assert choose(None, new, (), 1.0) == live.Choice(new, None)


def test_choose_keeps_the_last_good_dataset_on_an_invalid_load() -> None:
    old = fake_dataset()
    stamp = (("data/sources.csv", 10, 5),)
    choice = choose(old, DataError([PROBLEM]), stamp, 7.0)
    assert choice.dataset is old
    assert choice.rejected == live.Rejected(stamp, (PROBLEM,), 7.0)


def test_choose_without_good_data_raises_the_problems() -> None:
    with pytest.raises(DataError) as raised:
        choose(None, DataError([PROBLEM]), (), 0.0)
    assert raised.value.problems == [PROBLEM]


# --------------------------------------------------------------------------- LiveDataset with a fake clock and loader


class Fake:
    """A loader whose next result the test sets, counting calls, and a clock the test moves."""

    def __init__(self) -> None:
        self.now = 0.0
        self.loads = 0
        self.result: Dataset | DataError = fake_dataset()

    def clock(self) -> float:
        return self.now

    def load(self, _data_dir: Path) -> Dataset:
        self.loads += 1
        if isinstance(self.result, DataError):
            raise self.result
        return self.result


def test_live_dataset_looks_at_most_every_interval_and_reloads_only_on_change(data_copy: Path) -> None:
    fake = Fake()
    first = fake.result
    replaced: list[Dataset] = []
    holder = LiveDataset(data_copy, fake.load, interval=2.0, clock=fake.clock, on_replace=replaced.append)
    assert holder.current() is first and fake.loads == 1

    fake.now = 5.0
    assert holder.current() is first and fake.loads == 1  # looked: nothing changed, nothing loaded

    edit(data_copy / "sources.csv", OLD_TITLE, NEW_TITLE)
    second = fake.result = fake_dataset()
    fake.now = 6.0
    assert holder.current() is first and fake.loads == 1  # 1 s after the last look: not looked yet
    fake.now = 7.0
    assert holder.current() is second and fake.loads == 2
    assert replaced == [first] and holder.version == 2 and holder.rejected is None


def test_live_dataset_keeps_the_last_good_data_and_recovers(data_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    fake = Fake()
    good = fake.result
    holder = LiveDataset(data_copy, fake.load, interval=2.0, clock=fake.clock)

    edit(data_copy / "sources.csv", *BAD_KIND)
    fake.result = DataError([PROBLEM])
    fake.now = 2.0
    with caplog.at_level(logging.WARNING, logger="techrift.live"):
        assert holder.current() is good
    assert holder.rejected is not None and holder.rejected.problems == (PROBLEM,)
    assert str(PROBLEM) in caplog.text  # the server log has validate's file:line: column: value: why lines

    fake.now = 4.0
    assert holder.current() is good and fake.loads == 2  # the same bad folder is not loaded again

    edit(data_copy / "sources.csv", BAD_KIND[1], BAD_KIND[0])
    fixed = fake.result = fake_dataset()
    fake.now = 6.0
    assert holder.current() is fixed and holder.rejected is None


def test_a_load_that_crashes_is_rejected_like_bad_data(data_copy: Path) -> None:
    fake = Fake()
    good = fake.result
    holder = LiveDataset(data_copy, fake.load, interval=0.0, clock=fake.clock)

    def crash(_data_dir: Path) -> Dataset:
        raise OSError("file vanished mid-copy")

    holder._load = crash
    edit(data_copy / "sources.csv", OLD_TITLE, NEW_TITLE)
    assert holder.current() is good
    assert holder.rejected is not None and "file vanished mid-copy" in str(holder.rejected.problems[0])


def test_first_start_with_bad_data_raises(data_copy: Path) -> None:
    fake = Fake()
    fake.result = DataError([PROBLEM])
    with pytest.raises(DataError):
        LiveDataset(data_copy, fake.load, clock=fake.clock)


def test_a_run_does_not_wait_for_another_threads_reload(data_copy: Path) -> None:
    fake = Fake()
    first = fake.result
    loading, release = threading.Event(), threading.Event()
    holder = LiveDataset(data_copy, fake.load, interval=0.0, clock=fake.clock)

    def slow_load(_data_dir: Path) -> Dataset:
        loading.set()
        release.wait(10)
        return fake_dataset()

    holder._load = slow_load
    edit(data_copy / "sources.csv", OLD_TITLE, NEW_TITLE)
    reloader = threading.Thread(target=holder.current)
    reloader.start()
    assert loading.wait(10)
    # the load in progress does not block this run: a blocked run would wait for the new data and return it
    assert holder.current() is first
    assert not release.is_set()
    release.set()
    reloader.join(10)
    assert holder.current() is not first


def test_a_replaced_dataset_is_freed_with_what_was_cached_for_it(data_copy: Path) -> None:
    holder = LiveDataset(data_copy, load_dataset, interval=0.0, on_replace=caching.forget)
    old = holder.current()
    filters.options_for(old)  # cached per dataset
    old.sources_by_id  # noqa: B018  # cached per dataset too
    old_ref = weakref.ref(old)
    del old
    edit(data_copy / "sources.csv", OLD_TITLE, NEW_TITLE)
    new = holder.current()
    filters.options_for(new)
    gc.collect()
    assert old_ref() is None, gc.get_referrers(old_ref())
    assert holder.retired_alive() == 0


def test_forget_drops_only_the_calls_with_that_argument() -> None:
    calls: list[object] = []

    @caching.memo(maxsize=8)
    def derive(value: object, other: int = 0) -> int:
        calls.append(value)
        return len(calls)

    a, b = object(), object()
    derive(a), derive(b), derive(a, other=1)
    assert caching.forget(a) >= 2
    derive(b)
    derive(a)
    assert calls == [a, b, a, a]


# --------------------------------------------------------------------------- the pages (AppTest)


@pytest.fixture
def fresh_live(data_copy: Path):
    shell._cached_dataset.clear()
    yield data_copy
    shell._cached_dataset.clear()


def sidebar_text(at) -> str:
    return "\n".join(str(element.value) for element in at.sidebar.get("caption"))


@pytest.mark.slow  # waits out the real check interval: the proof that an edit is live within 5 s
def test_a_valid_edit_shows_on_the_next_run_without_a_restart(fresh_live: Path) -> None:
    at = run_page("pages/sources.py")
    assert OLD_TITLE in texts(at)
    edit(fresh_live / "sources.csv", OLD_TITLE, NEW_TITLE)
    time.sleep(live.CHECK_INTERVAL + 0.1)  # the real interval: an edit is live well within 5 s
    at.run()
    assert not at.exception
    assert NEW_TITLE in texts(at) and OLD_TITLE not in texts(at)
    release = datapackage.read_release(fresh_live)
    assert [toast.value for toast in at.toast] == [f"Data updated to version {release.version} ({release.data_as_of})"]
    at.run()
    assert len(at.toast) == 0  # once per session


def test_an_invalid_edit_keeps_the_last_good_data_then_the_fix_comes_in(
    fresh_live: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "CHECK_INTERVAL", 0.0)  # look at every run: no waiting in this test
    sources_page = run_page("pages/sources.py")
    timeline = run_page("pages/timeline.py")
    assert "Data update rejected" not in sidebar_text(timeline)

    edit(fresh_live / "sources.csv", *BAD_KIND)
    sources_page.run()
    timeline.run()
    for at in (sources_page, timeline):
        assert not at.exception
        assert "The dataset has problems" not in texts(at)  # never the error page
    # Other pages: the same view, with a small badge in the sidebar.
    assert "Data update rejected" in sidebar_text(timeline)
    assert len(plotly_charts(timeline)) > 0
    # Sources: the notice with validate's lines.
    assert OLD_TITLE in texts(sources_page)
    assert "was not taken" in texts(sources_page)
    problems = "\n".join(str(code.value) for code in sources_page.code)
    assert "sources.csv:2: kind: 'bogus-kind':" in problems

    edit(fresh_live / "sources.csv", BAD_KIND[1], BAD_KIND[0])
    edit(fresh_live / "sources.csv", OLD_TITLE, NEW_TITLE)
    sources_page.run()
    timeline.run()
    assert NEW_TITLE in texts(sources_page) and "was not taken" not in texts(sources_page)
    assert "Data update rejected" not in sidebar_text(timeline)


def test_first_start_with_bad_data_shows_the_error_page_until_fixed(fresh_live: Path) -> None:
    edit(fresh_live / "sources.csv", *BAD_KIND)
    at = run_page("pages/timeline.py")
    assert "The dataset has problems" in texts(at)
    edit(fresh_live / "sources.csv", BAD_KIND[1], BAD_KIND[0])
    at.run()
    assert "The dataset has problems" not in texts(at)
    assert len(plotly_charts(at)) > 0


def test_nothing_is_written_to_the_data_folder(fresh_live: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(live, "CHECK_INTERVAL", 0.0)
    before = listing(fresh_live), listing(fresh_live.parent / "seeds")
    at = run_page("pages/sources.py")
    edit(fresh_live / "sources.csv", *BAD_KIND)
    before = listing(fresh_live), listing(fresh_live.parent / "seeds")
    at.run()
    assert (listing(fresh_live), listing(fresh_live.parent / "seeds")) == before
