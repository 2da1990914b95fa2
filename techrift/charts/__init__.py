"""Pure Plotly builders: DataFrames in, go.Figure out; no Streamlit calls."""

from __future__ import annotations

import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

if TYPE_CHECKING:
    from plotly.graph_objects import Figure


def first_of_each(frame: pd.DataFrame, keys: list[str], count: str) -> pd.DataFrame:
    """The first row of each group of rows equal in `keys` (missing values count as equal), in order, on a fresh
    index, with `count` saying how many rows it stands for: rows that would be drawn on one spot, drawn once."""
    frame = frame.reset_index(drop=True)
    groups = frame.groupby(keys, sort=False, dropna=False)
    sizes = cast(pd.Series, groups.transform("size"))  # pandas-stubs type a frame's transform as a frame
    return groups.head(1).assign(**{count: sizes})


def _hashable(value: Any) -> Hashable:
    return tuple(value) if isinstance(value, list) else value


def rows_key(rows: pd.DataFrame) -> tuple[tuple[str, ...], bytes]:
    """What identifies a frame's content: its columns and a hash of every row (the index left out)."""
    return tuple(rows.columns), pd.util.hash_pandas_object(rows, index=False).to_numpy().tobytes()


def cached_figure(build: Callable[..., Figure], maxsize: int = 16) -> Callable[..., Figure]:
    """Cache a figure builder `build(rows, ...)` on the content of its rows and its other arguments (defaults filled in).

    A view seen before (a filter toggled back, another viewer on the same view) then skips building the figure, where
    Plotly validates every property: the larger part of a run on the funding and comparison pages. Other arguments
    are compared by equality (a dataset: by identity). The figure returned is shared between runs and sessions:
    read it, never update it.
    """
    figures: OrderedDict[Hashable, Figure] = OrderedDict()
    lock = threading.Lock()
    signature = inspect.signature(build)

    @wraps(build)
    def cached(rows: pd.DataFrame, *args: Any, **kwargs: Any) -> Figure:
        call = signature.bind(rows, *args, **kwargs)
        call.apply_defaults()
        key = (rows_key(rows), *map(_hashable, list(call.arguments.values())[1:]))
        with lock:
            if key in figures:
                figures.move_to_end(key)
                return figures[key]
        figure = build(rows, *args, **kwargs)
        with lock:
            figures[key] = figure
            while len(figures) > maxsize:
                figures.popitem(last=False)
        return figure

    return cached
