"""Pure Plotly builders: DataFrames in, go.Figure out; no Streamlit calls.

A figure builder is cached on its rows' content and its other arguments (techrift.caching.memo, by_content): a view
seen before (a filter toggled back, another viewer on the same view) then skips building the figure, where Plotly
validates every property: the larger part of a run on the funding and comparison pages. The figure returned is
shared between runs and sessions: read it, never update it.
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

FIGURES_KEPT = 16  # per builder


def first_of_each(frame: pd.DataFrame, keys: list[str], count: str) -> pd.DataFrame:
    """The first row of each group of rows equal in `keys` (missing values count as equal), in order, on a fresh
    index, with `count` saying how many rows it stands for: rows that would be drawn on one spot, drawn once."""
    frame = frame.reset_index(drop=True)
    groups = frame.groupby(keys, sort=False, dropna=False)
    sizes = cast(pd.Series, groups.transform("size"))  # pandas-stubs type a frame's transform as a frame
    return groups.head(1).assign(**{count: sizes})


def lane_axis(lanes: list[str], labels: list[str]) -> dict[str, Any]:
    """A y axis of one row per lane, top to bottom in `lanes`' order, each row named by its label in `labels`."""
    return dict(
        categoryorder="array",
        categoryarray=lanes,
        autorange="reversed",
        title=None,
        tickmode="array",
        tickvals=lanes,
        ticktext=labels,
    )
