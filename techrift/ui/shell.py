"""The page shell: the shared dataset (loaded once per process), the data-error page, the navigation and the context
every page starts from (language, data, global filters)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from techrift import filters as flt
from techrift import i18n
from techrift.data import DataError, Dataset, default_data_dir
from techrift.i18n import t
from techrift.live import LiveDataset, Rejected
from techrift.ui import internals, live_data, provenance, search_box
from techrift.ui.url_state import current_language, language_switch, sidebar_filters

_CONTEXT_KEY = "_techrift_page_context"


# One shared, read-only copy per process. st.cache_data would hand every run its own unpickled copy: server memory
# per open session, and the unpickling time on every rerun (docs/performance.md). Nothing may modify the frames in place; tests/test_loader.py runs every page and checks.
# Kept here is the folder's LiveDataset (techrift/ui/live_data.py): an edit is loaded again, the last good data kept.
@st.cache_resource(show_spinner=t("loading_dataset", i18n.DEFAULT_LANGUAGE))  # shown before a language is read
def _cached_dataset(data_dir: str) -> LiveDataset:
    return live_data.watch(data_dir)


def cached_dataset(data_dir: Path | None = None) -> Dataset:
    """The validated dataset of the data folder (the configured one by default), shared by the process and loaded
    again after a valid edit; DataError if there is no good data yet."""
    return _cached_dataset(str(data_dir or default_data_dir())).current()


def dataset_or_error_page(data_dir: Path) -> Dataset:
    """The validated dataset; if the data is invalid, show every problem and stop the page."""
    try:
        return cached_dataset(data_dir)
    except DataError as err:
        show_data_error(err)
        st.stop()
        raise  # unreachable: st.stop() ends the run


def show_data_error(err: DataError) -> None:
    lang = current_language()
    st.title(t("data_error_title", lang))
    st.error(t("data_error_body", lang, count=len(err.problems)))
    st.code("\n".join(str(p) for p in err.problems), language=None)


@dataclass(frozen=True)
class PageContext:
    """What every page needs: the data (and the folder it came from), its filter options, the current global filters
    and the interface's language."""

    dataset: Dataset
    data_dir: Path
    options: flt.FilterOptions
    filters: flt.Filters
    lang: str = i18n.DEFAULT_LANGUAGE
    rejected: Rejected | None = None  # an edit of the data that was rejected: the last good data is shown


def start_page() -> PageContext:
    """Load the data and the global filters once per run.

    Under navigation the entrypoint has already drawn the sidebar for this run; a page run
    on its own (as in AppTest) draws it itself.
    """
    context = st.session_state.get(_CONTEXT_KEY)
    if isinstance(context, PageContext):
        return context
    _leave_folder_navigation()
    lang = language_switch()
    search_box.sidebar_search(lang)
    data_dir = default_data_dir()
    dataset = dataset_or_error_page(data_dir)
    provenance.keep_version_in_links(dataset, lang)
    rejected = live_data.show_status(_cached_dataset(str(data_dir)), lang)  # a toast on an update, a rejected badge
    options = flt.options_for(dataset)
    return PageContext(
        dataset, data_dir, options, sidebar_filters(options, lang, dataset.labels_in(lang)), lang, rejected
    )


def _leave_folder_navigation() -> None:
    """Hand a deep link that Streamlit ran as a bare `pages/` script back to dashboard.py's navigation.

    Until the entrypoint has called st.navigation once in a server process, Streamlit treats a folder named
    `pages/` beside it as old-style pages and runs /map etc. without the entrypoint (its own sidebar, file names
    as titles). Leaving that mode and rerunning makes the entrypoint run, which then opens the requested page.
    """
    if internals.leave_pages_directory_mode():
        st.rerun()


def run_navigation(pages: Sequence[Any]) -> None:
    """Draw the global sidebar, then run the chosen page with that context."""
    navigation = st.navigation(list(pages))
    st.session_state[_CONTEXT_KEY] = start_page()
    try:
        navigation.run()
    finally:
        st.session_state.pop(_CONTEXT_KEY, None)


def empty_state(message: str) -> None:
    """Say plainly that the filters leave nothing to show."""
    st.info(f"{message} {t('empty_state', current_language())}", icon="🔎")
