"""Tables on a page: every header from the label catalogue, in the interface's language (the frame keeps its column
ids, which its CSV download writes)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from techrift.i18n import column_label


def show_table(
    frame: pd.DataFrame, lang: str, container: Any = st, column_config: Mapping[str, Mapping[str, Any]] | None = None
) -> None:
    """st.dataframe of `frame` without its index, full width, each header translated; `column_config` adds a
    column's other settings (its kind, width)."""
    extra = column_config or {}
    config = {
        column: {**_number_settings(frame[column]), **extra.get(column, {}), "label": column_label(column, lang)}
        for column in frame.columns
    }
    container.dataframe(frame, hide_index=True, width="stretch", column_config=config)


def _number_settings(values: pd.Series) -> dict[str, Any]:
    """A number column wide enough for its largest value: sized by its first rows, the grid cut one billion to
    '0000000'. Digits are not grouped: the browser's locale would group them its own way whatever the page's
    language ('1,000' reads as one in Vietnamese); the formatted amount sits in its own column."""
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return {}
    return dict(st.column_config.NumberColumn(format="plain", width="medium"))
