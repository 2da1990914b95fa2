"""Pure Plotly builders: DataFrames in, go.Figure out; no Streamlit calls."""

import pandas as pd


def first_of_each(frame: pd.DataFrame, keys: list[str], count: str) -> pd.DataFrame:
    """The first row of each group of rows equal in `keys` (missing values count as equal), in order, on a fresh
    index, with `count` saying how many rows it stands for: rows that would be drawn on one spot, drawn once."""
    frame = frame.reset_index(drop=True)
    groups = frame.groupby(keys, sort=False, dropna=False)
    return groups.head(1).assign(**{count: groups.transform("size")})
