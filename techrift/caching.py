"""How the app caches: the one mechanism for what is derived from the data, and where the data itself is kept.

- The dataset is loaded once per server process by `techrift.ui.shell.cached_dataset` with Streamlit's
  `st.cache_resource` (one shared copy; a first run that comes while the startup preload is loading waits for that
  load; Streamlit's cache metrics count it), and loaded again when the data folder changes (techrift/live.py).
  Nothing else uses Streamlit's caches.
- Everything derived from the data (filter options, headline figures, the Sources page's tables, a comparison's
  scope and key figures, source lines, the map's outlines, figures; what a table's contract found, per table
  content, in techrift/validate.py) is cached with `memo` below: a bounded store per function, least recently used
  dropped first, safe across the server's threads. A comment at each use says why; the measurements are in the
  commits that added them (`git log -S lru_cache`, `git log -S cached_figure`).

A cached value is shared by every run and every session: read it, never change it (tests/test_loader.py runs every
page and checks that nothing changed). Arguments are the key, compared by equality; a Dataset compares by identity
(each load is a new one; `forget(old_dataset)` drops what was cached for a replaced one, see techrift/live.py, also
when the dataset is a field of an argument, as in a `filters.Scope`). With `by_content=True`, a DataFrame argument is
keyed on its content (its columns and a hash of every row, the index left out), so the same rows made again by
another run find what was built from them.
With `by_identity=True`, arguments are keyed by identity and kept alive with the result (for objects that are not
hashable but are themselves cached, such as a view's figure: its JSON is made once).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, ParamSpec, TypeVar

import pandas as pd

P = ParamSpec("P")
R = TypeVar("R")
_KEYWORDS = object()  # in a key, between the positional arguments and the keyword ones


def rows_key(rows: pd.DataFrame) -> tuple[tuple[str, ...], bytes]:
    """What identifies a frame's content: its columns and a hash of every row (the index left out)."""
    return tuple(rows.columns), pd.util.hash_pandas_object(rows, index=False).to_numpy().tobytes()


def _content_key(value: Any) -> Hashable:
    if isinstance(value, pd.DataFrame):
        return rows_key(value)
    return tuple(value) if isinstance(value, list) else value


_MEMOS: weakref.WeakSet[Memo[Any, Any]] = weakref.WeakSet()  # every memo made, for `forget`


def _holds(key: Hashable, value: object) -> bool:
    """Whether `value` is `key` or inside it: in a tuple, or a field of a dataclass keyed by its fields (a
    filters.Scope holds the dataset it is keyed on; a Dataset, keyed by identity, is not looked into)."""
    if key is value:
        return True
    if isinstance(key, tuple):
        return any(_holds(part, value) for part in key)
    if _keyed_by_fields(key):
        return any(_holds(getattr(key, field.name), value) for field in dataclasses.fields(key))  # type: ignore[arg-type]
    return False


def _keyed_by_fields(key: object) -> bool:
    """A frozen dataclass instance compared by its fields (so its hash is theirs)."""
    params = getattr(type(key), "__dataclass_params__", None)
    return params is not None and params.frozen and params.eq


def forget(value: object) -> int:
    """Drop, from every memo, the results of calls that had `value` (by identity) among their arguments, so that a
    replaced dataset is not kept alive by its cached results. Returns how many were dropped."""
    return sum(memo.forget(value) for memo in list(_MEMOS))


class Memo(Generic[P, R]):
    """`function` with its last `maxsize` results kept (see the module's docstring)."""

    def __init__(self, function: Callable[P, R], maxsize: int, by_content: bool, by_identity: bool = False) -> None:
        self._function = function
        self._maxsize = maxsize
        self._signature = inspect.signature(function) if by_content else None
        self._by_identity = by_identity
        # Each result with the arguments it was made from when they are keyed by identity (so that no id is reused).
        self._values: OrderedDict[Hashable, tuple[tuple[Any, ...] | None, R]] = OrderedDict()
        self._lock = threading.Lock()
        functools.update_wrapper(self, function)
        _MEMOS.add(self)

    def _key(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Hashable:
        if self._by_identity:
            return (*map(id, args), _KEYWORDS, *((name, id(value)) for name, value in sorted(kwargs.items())))
        if self._signature is None:
            return (*args, _KEYWORDS, *sorted(kwargs.items())) if kwargs else args
        call = self._signature.bind(*args, **kwargs)
        call.apply_defaults()  # a default spelled out is the same call
        return tuple(map(_content_key, call.arguments.values()))

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        key = self._key(args, kwargs)
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key][1]
        # Computed outside the lock: two threads asking at once may both compute; the values are equal.
        value = self._function(*args, **kwargs)
        with self._lock:
            self._values[key] = ((*args, *kwargs.values()) if self._by_identity else None, value)
            while len(self._values) > self._maxsize:
                self._values.popitem(last=False)
        return value

    def forget(self, value: object) -> int:
        """Drop the results of calls with `value` among their arguments; how many were dropped."""
        with self._lock:
            stale = [key for key in self._values if _holds(key, value)]
            for key in stale:
                del self._values[key]
        return len(stale)

    def cache_clear(self) -> None:
        """Forget every kept result."""
        with self._lock:
            self._values.clear()


def memo(
    maxsize: int, *, by_content: bool = False, by_identity: bool = False
) -> Callable[[Callable[P, R]], Memo[P, R]]:
    """Decorator: keep the results of the last `maxsize` distinct calls (DataFrames keyed on content if `by_content`,
    every argument keyed by identity if `by_identity`)."""

    def decorate(function: Callable[P, R]) -> Memo[P, R]:
        return Memo(function, maxsize, by_content, by_identity)

    return decorate
