"""CSV downloads of what a page shows, made on click from the shared dataset and the view's parameters."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from techrift.data import Dataset
from techrift.export import to_csv_bytes, versioned
from techrift.filters import Scope
from techrift.i18n import t
from techrift.ui.url_state import current_language


def download_csv(
    file_name: str, build: Callable[..., pd.DataFrame], *args: Any, label: str | None = None, key: str | None = None
) -> None:
    """A button downloading `build(*args)` as CSV, made on click (made on every run, a filter change wrote CSVs
    that were never sent; docs/performance.md).

    Streamlit keeps the callable for as long as the session shows the button: pass the scope (or the shared dataset)
    and the view's choices (see techrift.views), not a table made in this run, which every open session would keep a
    copy of.
    """
    if any(isinstance(arg, (pd.DataFrame, pd.Series)) for arg in args):
        raise TypeError(
            f"{file_name}: a download keeps its arguments per session; pass the dataset and the view's "
            "parameters and let `build` make the table"
        )
    first = args[0] if args else None
    if isinstance(first, Scope):  # a view builds from a scope's dataset
        first = first.dataset
    if isinstance(first, Dataset):  # every view builds from the dataset: name its version
        file_name = versioned(file_name, first.release.version)
    st.download_button(
        label or t("download_rows", current_language()),
        partial(_csv_of, build, *args),
        file_name=file_name,
        mime="text/csv",
        key=key or f"download_{file_name}",
        on_click="ignore",
    )


def _csv_of(build: Callable[..., pd.DataFrame], *args: Any) -> bytes:
    return to_csv_bytes(build(*args))
