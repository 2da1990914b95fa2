"""Live data in the app: the process's `LiveDataset` (techrift/live.py) and what a viewer sees of a rejected edit.

- Every page: a valid edit of the data folder shows on the first run 2 s after it (shell.cached_dataset asks the
  LiveDataset, which looks at the folder's listing at most that often), with a toast "Data updated to version X"
  (the version from the data's CHANGELOG.md) once in each open session.
- A rejected edit: the last good data stays on every page; the sidebar shows a small "Data update rejected" badge,
  the Sources page the problems in validate's `file:line: column: value: why` form, and the server log the same list.
- A first start with bad data still shows the data-error page (shell.dataset_or_error_page).
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from techrift import caching, datapackage, live
from techrift.data import Dataset, load_dataset
from techrift.i18n import t
from techrift.live import LiveDataset, Rejected


def _log_to_stderr() -> None:
    """Streamlit configures only its own loggers: give techrift.live a handler, so updates and rejections reach the
    server log (stderr) at INFO."""
    logger = logging.getLogger(live.__name__)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def watch(data_dir: Path | str) -> LiveDataset:
    """The live dataset of a folder: loaded now (DataError if invalid), reloaded when the folder changes; what was
    cached for a replaced dataset is forgotten."""
    _log_to_stderr()
    return LiveDataset(data_dir, _load, interval=live.CHECK_INTERVAL, on_replace=caching.forget)


def _load(data_dir: Path) -> Dataset:
    return load_dataset(data_dir)  # looked up at each load (tests replace it)


_SEEN_KEY = "_techrift_data_load"  # per session: the LiveDataset.version its last run used


def show_status(holder: LiveDataset, lang: str) -> Rejected | None:
    """What this run shows of the data's live state: a toast once when the data changed since the session's last
    run, the rejected-edit badge in the sidebar; returns the rejected edit (for the Sources page's notice)."""
    seen = st.session_state.get(_SEEN_KEY)
    st.session_state[_SEEN_KEY] = holder.version
    if seen is not None and seen != holder.version:
        st.toast(t("data_updated", lang, version=_release(holder.data_dir)), icon=":material/update:")
    indicator(holder.rejected, lang)
    return holder.rejected


def _release(data_dir: Path) -> str:
    try:
        release = datapackage.read_release(data_dir)
    except (OSError, ValueError):
        return "?"
    return f"{release.version} ({release.data_as_of})"


def indicator(rejected: Rejected | None, lang: str) -> None:
    """In the sidebar, a small badge when the last edit of the data was rejected; nothing otherwise."""
    if rejected is not None:
        st.sidebar.caption(
            f":orange-badge[:material/warning: {t('data_update_rejected', lang)}]",
            help=t("data_update_rejected_help", lang),
        )


def rejected_notice(rejected: Rejected | None, lang: str) -> None:
    """On the Sources page: the rejected edit's problems, one a line, as `python -m techrift validate` prints them."""
    if rejected is not None:
        st.warning(t("data_update_rejected_body", lang, count=len(rejected.problems)), icon=":material/warning:")
        st.code("\n".join(map(str, rejected.problems)), language=None)
