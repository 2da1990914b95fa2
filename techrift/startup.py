"""Work done once when the server starts, so that the first visitor does not wait for it.

`streamlit run dashboard.py` serves the `st.App` that dashboard.py defines; its lifespan starts `preload` in a
thread as soon as the server listens. While the browser is still loading Streamlit's own code (about a second),
this imports the chart and map libraries and loads and checks the dataset into the shared cache. A first run that
starts before it is done waits for the same import or the same cached load instead of doing it twice.
"""

from __future__ import annotations

import ctypes
import importlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

# What the pages import beyond what the server has imported when it listens, heaviest first.
PAGE_MODULES = (
    "techrift.ui.home",
    "techrift.charts.timeline",
    "techrift.charts.funding",
    "techrift.charts.compare",
    "techrift.maps",
    "pydeck",
    "techrift.briefing",
    "techrift.comparison",
    "techrift.export",
    "techrift.sources",
    "techrift.views",
    "techrift.ui.downloads",
    "PIL.PngImagePlugin",  # Streamlit reads the page icon with Pillow
    "streamlit.material_icon_names",  # and checks the pages' icons against this list
)

_LOG = logging.getLogger(__name__)
PRELOAD_THREAD = "techrift-preload"


class _NoContextWarningFromPreload(logging.Filter):
    """Streamlit warns when a thread outside a script run calls into it; the preload thread does so by design."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.threadName == PRELOAD_THREAD and "missing ScriptRunContext" in record.getMessage())


_QUIET_PRELOAD = _NoContextWarningFromPreload()  # one instance: adding it again is a no-op


def preload() -> None:
    """Import what the pages need and load the dataset into the cache; a data error is left to the first page."""
    from techrift import filters, search
    from techrift.data import DataError
    from techrift.ui import shell

    try:
        dataset = shell.cached_dataset()
    except DataError:
        dataset = None  # not cached: the first page loads again and shows every problem
    for name in PAGE_MODULES:
        importlib.import_module(name)
    warm_plotly()
    if dataset is not None:
        filters.options_for(dataset)  # the sidebar's choices, computed once per dataset
        search.index_for(dataset)  # the search's index: built here, not on a visitor's first search


def warm_plotly() -> None:
    """Plotly loads each trace and layout class, and its pandas adapter, on first use: a first chart would wait for it (docs/performance.md)."""
    import pandas as pd
    import plotly.graph_objects as go

    dates = pd.Series(pd.to_datetime(["2020-01-01", "2021-01-01"]))
    figure = go.Figure(
        [
            go.Bar(
                x=dates,
                y=pd.Series([1, 2]),
                base=dates,
                marker={"line": {"width": 1}, "pattern": {"shape": "/"}},
                selected={"marker": {"opacity": 1}},
                unselected={"marker": {"opacity": 0.5}},
            ),
            go.Scatter(
                x=dates,
                y=pd.Series([1, 2]),
                selected={"marker": {"opacity": 1}},
                unselected={"marker": {"opacity": 0.5}},
            ),
        ]
    )
    figure.add_shape(type="line", x0=0, x1=1, y0=0, y1=1, line={"width": 1})
    figure.add_annotation(text="warm", x=0, y=0, font={"size": 10})
    figure.update_layout(xaxis_title="x", yaxis_title="y", legend_title="legend")
    figure.to_json()


def prepare_streamlit() -> None:
    """Settle two things Streamlit otherwise settles during the first visitor's run, and quiet the preload.

    - Until some run has called st.navigation, Streamlit takes the `pages/` folder beside dashboard.py for old-style
      pages and runs a deep link (/timeline, ...) bare; shell.start_page then reruns through the navigation, one round
      trip more. This app always navigates with st.navigation.
    - On the first element it draws, Streamlit checks whether it runs in a Python REPL by walking the call stack
      (slow; docs/performance.md). This is a server started by `streamlit run`, so the check is marked done.
    - The preload thread calls the cached loader outside any script run, which Streamlit logs as a warning that a
      presenter would read as a fault.
    """
    from techrift.ui import internals

    internals.never_use_pages_directory()
    internals.skip_repl_check()
    internals.script_run_context_logger().addFilter(_QUIET_PRELOAD)


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
LARGE_BLOCK = 128 * 1024


def keep_large_blocks_mapped(threshold: int = LARGE_BLOCK) -> bool:
    """Have glibc serve every block of `threshold` bytes or more from a mapping of its own, given back when freed.

    glibc starts so, but raises that threshold (up to 32 MiB) each time such a block is freed, and from then on
    serves large blocks from its heaps, which keep what is freed. A run on large data makes many short-lived
    frames and JSON, so every open session left its share in the heaps (the figures: docs/performance.md). Returns False where the C library is not glibc: nothing changed.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    return libc.mallopt(M_MMAP_THRESHOLD, threshold) == 1


def start_preload() -> threading.Thread:
    """Run `preload` in a daemon thread; a failure is logged, and the pages do the same work again and report it."""
    thread = threading.Thread(target=_preload_logged, name=PRELOAD_THREAD, daemon=True)
    thread.start()
    return thread


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """st.App lifespan: prepare Streamlit and the allocator, start the preload without delaying the server."""
    prepare_streamlit()
    keep_large_blocks_mapped()
    start_preload()
    yield


def _preload_logged() -> None:
    try:
        preload()
    except Exception:
        _LOG.exception("preloading failed")
