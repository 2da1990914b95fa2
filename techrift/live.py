"""Live data: notice edits to the data folder cheaply, take a valid edit, keep the last good dataset on an invalid one.

No Streamlit here (the glue is techrift.ui.live_data). Reads only the folder listings (names, sizes, mtimes): the
files themselves are read by `techrift.data.load_dataset`, and nothing is written anywhere.

- `fingerprint(data_dir)`: the names, sizes and modification times of the data folder's files and of the seed
  texts beside it (`../seeds`, where `sources.csv` points). A stat per file, no reading: about a millisecond here.
- `LiveDataset`: one per data folder and process. `current()` returns the dataset every run uses; at most every
  `interval` seconds it compares the fingerprint, and when it changed it loads the folder again (one thread loads,
  the others keep the current dataset meanwhile). A valid folder replaces the current dataset; an invalid one is
  kept as `rejected` (its problems) and changes nothing until the folder changes again. The first load has no last
  good dataset to keep: its DataError goes to the caller (the data-error page).
- Memory: one current dataset is referenced here. When it is replaced, `on_replace(old)` lets the caller drop what it
  cached for the old one (techrift.caching.forget), so the old frames are freed once the runs using it end.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from techrift.data import DataError, Dataset, Problem

SEEDS_FOLDER = "seeds"  # beside the data folder; sources.csv's seed_file paths start with it
CHECK_INTERVAL = 2.0  # seconds between two looks at the folder: an edit is live on the first run after that

_LOG = logging.getLogger(__name__)

Fingerprint = tuple[tuple[str, int, int], ...]  # (path relative to the data folder's parent, size, mtime in ns)


def fingerprint(data_dir: Path | str) -> Fingerprint:
    """Names, sizes and modification times of the files the dataset is read from (a missing folder gives ())."""
    data_dir = Path(data_dir)
    entries: list[tuple[str, int, int]] = []
    for folder in (data_dir, data_dir.parent / SEEDS_FOLDER):
        try:
            with os.scandir(folder) as listing:
                for entry in listing:
                    if entry.is_file():
                        stat = entry.stat()
                        entries.append((f"{folder.name}/{entry.name}", stat.st_size, stat.st_mtime_ns))
        except OSError:
            continue  # a folder being replaced, or no seeds: the load says what is missing
    return tuple(sorted(entries))


@dataclass(frozen=True)
class Rejected:
    """An edit that did not validate: its fingerprint and problems, and when it was seen."""

    fingerprint: Fingerprint
    problems: tuple[Problem, ...]
    at: float


@dataclass(frozen=True)
class Choice:
    """What a look at a changed folder decides: the dataset to use, and the rejected edit if there is one."""

    dataset: Dataset
    rejected: Rejected | None


def choose(current: Dataset | None, loaded: Dataset | DataError, stamp: Fingerprint, now: float) -> Choice:
    """The last-good rule: a valid load wins; an invalid one keeps `current`, or raises when there is none yet."""
    if isinstance(loaded, Dataset):
        return Choice(loaded, None)
    if current is None:
        raise loaded
    return Choice(current, Rejected(stamp, tuple(loaded.problems), now))


class LiveDataset:
    """The current dataset of one data folder, reloaded when the folder changes (see the module's docstring)."""

    def __init__(
        self,
        data_dir: Path | str,
        load: Callable[[Path], Dataset],
        *,
        interval: float = CHECK_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        on_replace: Callable[[Dataset], object] = lambda _old: None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self._load = load
        self._interval = interval
        self._clock = clock
        self._on_replace = on_replace
        self._lock = threading.Lock()  # held by the one thread that loads
        self._stamp = fingerprint(self.data_dir)
        self._dataset = load(self.data_dir)  # DataError on a first start with bad data: nothing to keep
        self._checked = clock()
        self.rejected: Rejected | None = None
        self.version = 1  # counts the datasets taken, the first one included
        self._retired: list[weakref.ref[Dataset]] = []  # replaced datasets some run may still hold

    def retired_alive(self) -> int:
        """How many replaced datasets are still in memory."""
        return sum(ref() is not None for ref in self._retired)

    def current(self) -> Dataset:
        """The dataset to use now, after a look at the folder if the last one is `interval` seconds old."""
        if self._clock() - self._checked >= self._interval and self._lock.acquire(blocking=False):
            try:
                self._refresh()
            finally:
                self._lock.release()
        return self._dataset

    def _refresh(self) -> None:
        self._checked = self._clock()
        self._release_retired()
        stamp = fingerprint(self.data_dir)
        if stamp == self._stamp or (self.rejected is not None and stamp == self.rejected.fingerprint):
            return
        try:
            loaded: Dataset | DataError = self._load(self.data_dir)
        except DataError as err:
            loaded = err
        except Exception as err:  # a folder caught mid-copy, say: rejected like invalid data, never shown as a crash
            _LOG.exception("loading %s failed", self.data_dir)
            loaded = DataError([Problem(str(self.data_dir), None, None, None, f"could not be loaded: {err!r}")])
        choice = choose(self._dataset, loaded, stamp, self._clock())
        if choice.rejected is not None:
            self.rejected = choice.rejected
            _LOG.warning(
                "data update rejected, keeping the last good data (%s): %d problem(s)\n%s",
                self.data_dir,
                len(choice.rejected.problems),
                "\n".join(map(str, choice.rejected.problems)),
            )
            return
        old, self._dataset, self._stamp, self.rejected = self._dataset, choice.dataset, stamp, None
        self.version += 1
        _LOG.info("data updated from %s (load %d)", self.data_dir, self.version)
        self._retired.append(weakref.ref(old))
        self._on_replace(old)

    def _release_retired(self) -> None:
        # A run that still used the old dataset when it was replaced may have cached something for it since.
        alive = [old for old in (ref() for ref in self._retired) if old is not None]
        for old in alive:
            self._on_replace(old)
        self._retired = [weakref.ref(old) for old in alive]
