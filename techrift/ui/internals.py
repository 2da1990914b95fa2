"""Every use of Streamlit's private state, in one place (streamlit is pinned in pyproject.toml).

This app navigates with st.navigation from dashboard.py and keeps its pages in a folder named `pages/`, which Streamlit
otherwise takes for old-style pages; and it settles two first-run checks at server start. Each access below names the
private attribute it needs and fails loudly (StreamlitInternalsChanged) when a Streamlit upgrade has removed it;
tests/test_streamlit_internals.py checks each one, and that Streamlit still reads it, against the installed version.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import ModuleType
from typing import Any


class StreamlitInternalsChanged(RuntimeError):
    """A private Streamlit attribute this app relies on is gone: see techrift/ui/internals.py."""


def _require(owner: type | ModuleType, name: str) -> None:
    if not hasattr(owner, name):
        raise StreamlitInternalsChanged(
            f"{getattr(owner, '__module__', '')}.{owner.__name__} has no attribute {name!r}: "
            "this Streamlit version works differently; see techrift/ui/internals.py"
        )


def _pages_manager() -> Any:
    from streamlit.runtime.pages_manager import PagesManager

    _require(PagesManager, "uses_pages_directory")
    return PagesManager


def leave_pages_directory_mode() -> bool:
    """In a script run of a server: if Streamlit has taken `pages/` for old-style pages (it does until the entrypoint
    has called st.navigation once in the process), stop that and return True (the caller reruns through dashboard.py)."""
    from streamlit.runtime import exists as runtime_exists

    manager = _pages_manager()
    if runtime_exists() and manager.uses_pages_directory:
        manager.uses_pages_directory = False
        return True
    return False


def never_use_pages_directory() -> None:
    """Tell Streamlit, once at server start, that `pages/` is not a folder of old-style pages."""
    _pages_manager().uses_pages_directory = False


def skip_repl_check() -> None:
    """Mark as done the check Streamlit makes on the first element it draws, whether it runs in a Python REPL (a walk
    of the call stack, slow: docs/performance.md): a server started by `streamlit run` never does."""
    from streamlit import delta_generator

    _require(delta_generator, "_use_warning_has_been_displayed")
    delta_generator._use_warning_has_been_displayed = True


def script_run_context_logger() -> logging.Logger:
    """The logger Streamlit warns on when a thread outside a script run calls into it (an internal module's)."""
    from streamlit.runtime.scriptrunner_utils import script_run_context

    return logging.getLogger(script_run_context.__name__)


def serve_component_assets(project: str, component: str, package_root: Path, asset_dir: str) -> None:
    """Make the running server serve `package_root/asset_dir` at /_stcore/bidi-components/<project>.<component>/, as it
    does for a component a package declares in its pyproject.toml (Streamlit finds those only in installed packages'
    metadata, and plotly.js lives in another package). No-op outside a server or AppTest run, or if already served."""
    from streamlit.components.v2.component_manager import BidiComponentManager
    from streamlit.components.v2.manifest_scanner import ComponentConfig, ComponentManifest
    from streamlit.runtime import Runtime

    _require(BidiComponentManager, "register_from_manifest")
    _require(BidiComponentManager, "get_component_asset_root")
    if not Runtime.exists():
        return
    manager = Runtime.instance().bidi_component_registry
    if manager.get_component_asset_root(f"{project}.{component}") is None:
        manifest = ComponentManifest(
            name=project, version="0", components=[ComponentConfig(name=component, asset_dir=asset_dir)]
        )
        manager.register_from_manifest(manifest, package_root)


def browser_widget_state(key: str) -> Any:
    """The value (a WidgetState proto) the browser sent for the widget keyed `key` that this session has not drawn
    yet, or None: a browser that reconnected to a new server session (its replica died) sends the values it shows,
    the one just changed among them. Streamlit ends a keyed widget's id with "-<key>"."""
    from streamlit.runtime.state.session_state import SessionState, WStates
    from streamlit.runtime.state.session_state_proxy import get_session_state

    _require(SessionState, "_new_widget_state")
    _require(SessionState, "_key_id_mapper")
    _require(WStates, "get_serialized")
    state = get_session_state()._state
    if key in state._key_id_mapper:
        return None
    widget_ids = [widget_id for widget_id in state._new_widget_state if widget_id.endswith(f"-{key}")]
    return state._new_widget_state.get_serialized(widget_ids[0]) if widget_ids else None


def browser_holds_widget(key: str) -> bool:
    """Whether the browser sent a value for the widget keyed `key` that this session has not drawn yet."""
    return browser_widget_state(key) is not None
