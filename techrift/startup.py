"""Work done once when the server starts, so that the first visitor does not wait for it.

`streamlit run dashboard.py` serves the `st.App` that dashboard.py defines; its lifespan starts `preload` in a
thread as soon as the server listens. While the browser is still loading Streamlit's own code (about a second),
this imports the chart and map libraries and loads and checks the dataset into the shared cache. A first run that
starts before it is done waits for the same import or the same cached load instead of doing it twice.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

# What the pages import beyond what the overview needs, heaviest first.
PAGE_MODULES = (
    "techrift.charts.timeline",
    "techrift.charts.funding",
    "techrift.charts.compare",
    "techrift.maps",
    "pydeck",
    "techrift.briefing",
    "techrift.compare",
    "techrift.export",
    "techrift.sources",
)

_LOG = logging.getLogger(__name__)


def preload() -> None:
    """Import what the pages need and load the dataset into the cache; a data error is left to the first page."""
    from techrift import ui
    from techrift.data import DataError

    try:
        ui.cached_dataset()
    except DataError:
        pass  # not cached: the first page loads again and shows every problem
    for name in PAGE_MODULES:
        importlib.import_module(name)


def start_preload() -> threading.Thread:
    """Run `preload` in a daemon thread; a failure is logged, and the pages do the same work again and report it."""
    thread = threading.Thread(target=_preload_logged, name="techrift-preload", daemon=True)
    thread.start()
    return thread


def navigate_from_the_first_run() -> None:
    """Make a first visit's deep link (/timeline, ...) run dashboard.py's navigation straight away.

    Until some run has called st.navigation, Streamlit takes the `pages/` folder beside dashboard.py for old-style
    pages and runs the linked page bare; ui.start_page then reruns through the navigation, one round trip more.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """st.App lifespan: settle the navigation, start the preload without delaying the server."""
    navigate_from_the_first_run()
    start_preload()
    yield


def _preload_logged() -> None:
    try:
        preload()
    except Exception:
        _LOG.exception("preloading failed")
