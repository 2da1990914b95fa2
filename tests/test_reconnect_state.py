"""A browser that reconnects to a new server session (its replica died) keeps the values it shows: the URL-bound
widgets are seeded from the URL only when the browser sent no value for them (techrift/ui/internals.py)."""

from __future__ import annotations

import pytest
from streamlit.proto.Common_pb2 import DoubleArray, StringArray
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.runtime.state import session_state_proxy
from streamlit.runtime.state.safe_session_state import SafeSessionState
from streamlit.runtime.state.session_state import SessionState

from techrift import filters as flt
from techrift.ui import internals, url_state


@pytest.fixture
def session(monkeypatch: pytest.MonkeyPatch) -> SessionState:
    state = SessionState()
    monkeypatch.setattr(session_state_proxy, "get_session_state", lambda: SafeSessionState(state, lambda: None))
    return state


def test_a_value_the_browser_sent_for_an_undrawn_widget_is_held(session: SessionState) -> None:
    kinds = WidgetState(id="$$ID-5f2a-url_kind", string_array_value=StringArray(data=["tie_cut", "deal"]))
    session.set_widgets_from_proto(WidgetStates(widgets=[kinds]))
    assert internals.browser_holds_widget("url_kind")
    assert not internals.browser_holds_widget("url_event")  # nothing sent: seeded from the URL
    assert not internals.browser_holds_widget("kind")  # a key is matched whole, not as a suffix of another


def test_a_widget_this_session_has_drawn_is_not_held_by_the_browser(session: SessionState) -> None:
    session.set_widgets_from_proto(WidgetStates(widgets=[WidgetState(id="$$ID-5f2a-url_kind")]))
    session._key_id_mapper["url_kind"] = "$$ID-5f2a-url_kind"
    assert not internals.browser_holds_widget("url_kind")


def test_the_years_a_reconnected_browser_shows_are_kept_within_the_data(session: SessionState) -> None:
    years = WidgetState(id="$$ID-77c1-global_years", double_array_value=DoubleArray(data=[2019.0, 2031.0]))
    session.set_widgets_from_proto(WidgetStates(widgets=[years]))
    options = flt.FilterOptions(first_year=2012, last_year=2025, companies=("Huawei",), countries=("Russia",))
    assert url_state._browser_years(options) == (2019, 2025)
    assert internals.browser_widget_state("global_years").double_array_value.data == [2019.0, 2031.0]


def test_no_years_from_a_browser_that_sent_none(session: SessionState) -> None:
    options = flt.FilterOptions(first_year=2012, last_year=2025, companies=(), countries=())
    assert url_state._browser_years(options) is None
