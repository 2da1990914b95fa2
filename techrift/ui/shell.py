"""The page shell: the shared dataset (loaded once per process), the data-error page, the navigation and the context
every page starts from (language, data, global filters)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from techrift import filters as flt
from techrift import i18n, share
from techrift.data import DataError, Dataset, default_data_dir
from techrift.datapackage import Release
from techrift.i18n import t
from techrift.live import LiveDataset, Rejected
from techrift.text import escape_markdown
from techrift.ui import internals, live_data, provenance, search_box, url_state
from techrift.ui.copy_link import copy_link
from techrift.ui.url_state import current_language, language_switch, sidebar_filters

_CONTEXT_KEY = "_techrift_page_context"
_SHARE_BAR_KEY = "_techrift_share_bar"
_RELEASE_KEY = "_techrift_data_release"


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

    @property
    def scope(self) -> flt.Scope:
        """The dataset under the global filters, as the views take it."""
        return flt.Scope(self.dataset, self.filters, self.options)


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
    st.session_state[_RELEASE_KEY] = dataset.release
    options = flt.options_for(dataset)
    names = dataset.labels_in(lang)
    filters = sidebar_filters(options, lang, names)
    if not url_state.presenting():  # a slide shows the audience the slide alone (its notes name the filters)
        st.session_state[_SHARE_BAR_KEY] = share_bar(filters, options, lang, names)
    return PageContext(dataset, data_dir, options, filters, lang, rejected)


def data_release() -> Release | None:
    """The version of the data the page shows (set by start_page), for what a chart's image says of its data."""
    release = st.session_state.get(_RELEASE_KEY)
    return release if isinstance(release, Release) else None


def share_bar(filters: flt.Filters, options: flt.FilterOptions, lang: str, names: dict[str, str]) -> Any:
    """Above the page's content: the active filters as chips, each removed by a click (the sidebar and the URL
    follow), so that a view shows how it is filtered with the sidebar closed (a phone hides it). Returns the row,
    where the page's "Copy link" goes once the page has drawn (its link holds the page's own state too)."""
    row = st.container(horizontal=True, vertical_alignment="center", gap="small", key="share_bar")
    if chips := share.chips(filters, options, lang, names):
        row.markdown(t("active_filters", lang), width="content")
        for chip in chips:
            row.button(
                escape_markdown(chip.label),  # a label from the data, shown as written
                key=f"chip_{chip.id}",
                on_click=url_state.clear_filter,
                args=(chip.field, chip.cleared),
                help=t("chip_remove", lang, label=escape_markdown(chip.label)),
                icon=":material/close:",
                icon_position="right",
            )
        if len(chips) > 1:
            row.button(
                t("chips_clear_all", lang), key="chips_clear_all", on_click=_clear_all, args=(options,), type="tertiary"
            )
    return row


def _clear_all(options: flt.FilterOptions) -> None:
    for entry in flt.REGISTRY:
        url_state.clear_filter(entry.field, entry.default(options))


def show_copy_link(context: PageContext) -> None:
    """The page's "Copy link", in the row above its content: the link its citation gives (provenance.view_citation
    builds it with citation.view_url), with every parameter the page has written by now."""
    row = st.session_state.pop(_SHARE_BAR_KEY, None)
    if row is None:
        return
    with row:
        copy_link(provenance.view_citation(context.dataset, "", ()).url, context.lang)


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
    st.session_state[_CONTEXT_KEY] = context = start_page()
    try:
        navigation.run()
        show_copy_link(context)
    finally:
        st.session_state.pop(_CONTEXT_KEY, None)
        st.session_state.pop(_SHARE_BAR_KEY, None)


def empty_state(message: str) -> None:
    """Say plainly that the filters leave nothing to show."""
    st.info(f"{message} {t('empty_state', current_language())}", icon="🔎")
