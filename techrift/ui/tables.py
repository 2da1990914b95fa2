"""Tables on a page: every header from the label catalogue, in the interface's language (the frame keeps its column
ids, which its CSV download writes)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from techrift.formatting import readable_numbers
from techrift.i18n import column_label, t


def show_table(
    frame: pd.DataFrame, lang: str, container: Any = st, column_config: Mapping[str, Mapping[str, Any]] | None = None
) -> None:
    """st.dataframe of `frame` without its index, full width, each header translated, numbers written the language's
    way (grouped digits, no float noise); `column_config` adds a column's other settings (its kind, width). An empty
    frame is said in words, not drawn as an empty grid."""
    if frame.empty:
        container.caption(t("no_figures", lang))
        return
    extra = column_config or {}
    shown = readable_numbers(frame, lang)
    config = {
        column: {**_number_settings(frame[column]), **extra.get(column, {}), "label": column_label(column, lang)}
        for column in frame.columns
    }
    container.dataframe(shown, hide_index=True, width="stretch", column_config=config)


def _number_settings(values: pd.Series) -> dict[str, Any]:
    """A number column (written as text by readable_numbers: the browser's locale would group digits its own way,
    whatever the page's language) kept right-aligned-wide enough for its largest value."""
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return {}
    return dict(st.column_config.TextColumn(width="medium"))
