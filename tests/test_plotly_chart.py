"""The app's Plotly chart element (techrift/ui/plotly_chart.py) as the server sees it: what it hands the browser, the
selection it reads back, and what a page shows when plotly.js is missing. Its drawing is tested in the browser
(tests/e2e/test_chart_element.py)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from apptest_helpers import ROOT, plotly_charts, plotly_specs, run_page, texts
from plotly.offline import get_plotlyjs_version
from streamlit.components.v2.bidi_component import ComponentResult
from streamlit.testing.v1 import AppTest

from techrift.i18n import t
from techrift.ui import details, plotly_chart

HOSTILE = "</script><img src=x onerror=alert(1)>"
ASSETS = plotly_chart.PACKAGE_ROOT / plotly_chart.ASSET_DIR


def _bar(label: str = "a") -> go.Figure:
    return go.Figure(go.Bar(x=[1, 2], y=[label, "b"], customdata=[["flow-1"], ["flow-2"]]))


def test_the_figure_travels_as_json_with_its_alt_and_words_for_failures() -> None:
    figure = _bar()
    data = plotly_chart.chart_data(figure, "Bar chart of 2 amounts.", "vi", ["points"])
    assert json.loads(data["figure"]) == json.loads(figure.to_json())
    assert data["alt"] == "Bar chart of 2 amounts."
    assert data["selection_mode"] == ["points"]
    assert data["messages"] == {"unavailable": t("chart_unavailable", "vi"), "failed": t("chart_failed", "vi")}


def test_the_mode_bar_exports_png_without_the_plotly_logo_and_selects_only_where_asked() -> None:
    points = plotly_chart.config(["points"])
    assert points["displaylogo"] is False and points["toImageButtonOptions"]["format"] == "png"
    assert {"lasso2d", "select2d"} <= set(points["modeBarButtonsToRemove"])
    box_and_lasso = plotly_chart.config(["points", "box", "lasso"])
    assert not {"lasso2d", "select2d"} & set(box_and_lasso["modeBarButtonsToRemove"])


def test_every_page_chart_is_the_one_element_with_its_figure_and_alt() -> None:
    at = run_page("pages/funding.py")
    assert not at.get("plotly_chart"), "no st.plotly_chart left: the page would load a second plotly.js"
    charts = plotly_charts(at)
    assert len(charts) == 3  # how big is each amount, the amounts by meaning, Skoltech's contracts
    sizes, money, skoltech = plotly_specs(at)
    assert {trace["type"] for trace in money["data"]} == {"bar"} and money["layout"]["template"]
    assert charts[1]["alt"].startswith("Bar chart of ") and charts[1]["selection_mode"] == ["points"]
    assert charts[2]["selection_mode"] == []  # the Skoltech counts have no detail to open


def _hostile_chart() -> None:
    import plotly.graph_objects as go

    from techrift.ui.plotly_chart import plotly_chart as chart

    chart(go.Figure(go.Bar(x=[1], y=["</script><img src=x onerror=alert(1)>"])), key="hostile", alt="alt", lang="en")


def test_hostile_text_travels_only_as_the_elements_data_never_as_its_markup_or_code() -> None:
    at = AppTest.from_function(_hostile_chart).run()
    (element,) = at.get("bidi_component")
    proto = element.proto
    assert proto.html_content == "" and proto.js_content == "" and proto.css_content == ""  # code comes from files
    assert proto.js_source_path == "plotly_chart.js" and proto.css_source_path == "plotly_chart.css"
    assert json.loads(json.loads(proto.json)["figure"])["data"][0]["y"] == [HOSTILE]
    script = (ASSETS / "plotly_chart.js").read_text(encoding="utf-8")
    # What the data brings is set as text (textContent) or handed to Plotly, which escapes it; never parsed as HTML.
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", script)


def test_a_pick_on_the_element_reads_back_as_the_record_id() -> None:
    # The element reports a pick in st.plotly_chart's shape, which the pages read with details.picked_customdata.
    picked = ComponentResult({"selection": {"points": [{"customdata": ["flow-2"], "x": 2}], "box": [], "lasso": []}})
    assert details.picked_customdata(picked) == "flow-2"
    nothing = ComponentResult({"selection": plotly_chart.NO_SELECTION})
    assert details.picked_customdata(nothing) is None


def test_missing_plotly_js_is_said_in_words_and_logged_with_its_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "package_data" / "plotly.min.js"
    monkeypatch.setattr(plotly_chart, "PLOTLY_JS", missing)
    with caplog.at_level(logging.ERROR, logger=plotly_chart.__name__):
        at = run_page("pages/timeline.py")
    assert not at.exception
    assert [error.value for error in at.error] == [t("chart_unavailable", "en")]
    assert "Timeline of 24 dated events" in texts(at)  # the text alternative stands in for the chart
    assert plotly_charts(at) == []
    assert str(missing) in caplog.text


def test_the_element_serves_plotly_js_from_the_installed_plotly_package() -> None:
    assert plotly_chart.PLOTLY_JS.is_file()
    header = plotly_chart.PLOTLY_JS.read_text(encoding="utf-8")[:100]
    assert f"plotly.js v{get_plotlyjs_version()}" in header  # the pinned plotly package's own copy
    assert (ASSETS / "plotly_chart.js").is_file() and (ASSETS / "plotly_chart.css").is_file()
    assert ROOT / "techrift" == plotly_chart.PACKAGE_ROOT
