"""Each use of Streamlit's private state (techrift/ui/internals.py) against the installed Streamlit: the attribute is
there, Streamlit still reads it the way the app relies on, and a missing one fails loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit.runtime
from streamlit import delta_generator, env_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils import script_run_context

from techrift.ui import internals

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def pages_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    """PagesManager.uses_pages_directory as a fresh process has it (restored afterwards)."""
    assert hasattr(PagesManager, "uses_pages_directory"), "Streamlit no longer has PagesManager.uses_pages_directory"
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)


def test_streamlit_takes_a_pages_folder_for_old_style_pages_unless_told_not_to(pages_flag) -> None:
    PagesManager(str(ROOT / "dashboard.py"))  # dashboard.py has a pages/ folder beside it
    assert PagesManager.uses_pages_directory is True  # what the app must undo
    PagesManager.uses_pages_directory = None
    internals.never_use_pages_directory()
    PagesManager(str(ROOT / "dashboard.py"))
    assert PagesManager.uses_pages_directory is False


def test_a_run_in_old_style_pages_mode_leaves_it_once(pages_flag, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streamlit.runtime, "exists", lambda: True)  # as in a server's script run
    PagesManager.uses_pages_directory = True
    assert internals.leave_pages_directory_mode() is True
    assert PagesManager.uses_pages_directory is False
    assert internals.leave_pages_directory_mode() is False  # nothing left to leave: no second rerun


def test_outside_a_server_the_pages_mode_is_left_alone(pages_flag, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streamlit.runtime, "exists", lambda: False)  # AppTest, scripts
    PagesManager.uses_pages_directory = True
    assert internals.leave_pages_directory_mode() is False
    assert PagesManager.uses_pages_directory is True


def test_the_first_elements_repl_check_is_skipped_once_marked_done(monkeypatch: pytest.MonkeyPatch) -> None:
    assert hasattr(delta_generator, "_use_warning_has_been_displayed"), "Streamlit no longer has this flag"
    walks: list[bool] = []

    def is_repl() -> bool:
        walks.append(True)
        return False

    monkeypatch.setattr(env_util, "is_repl", is_repl)
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    delta_generator._maybe_print_use_warning()
    assert walks, "Streamlit no longer makes the REPL check this flag skips"
    walks.clear()
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    internals.skip_repl_check()
    delta_generator._maybe_print_use_warning()
    assert walks == []


def test_the_no_context_warning_comes_through_the_logger_the_app_filters() -> None:
    assert internals.script_run_context_logger() is script_run_context._LOGGER


def test_a_missing_private_attribute_fails_loudly() -> None:
    class Upgraded:
        pass

    with pytest.raises(internals.StreamlitInternalsChanged, match="uses_pages_directory"):
        internals._require(Upgraded, "uses_pages_directory")
