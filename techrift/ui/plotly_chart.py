"""The app's one Plotly chart element: mounted once per key, every later figure applied to the same chart in place.

Streamlit 1.67's st.plotly_chart derives a chart's identity from its figure, so a new figure unmounts the chart and
draws it anew (Plotly's newPlot). This element is a components-v2 component with a stable key: its JavaScript
(techrift/assets/plotly_chart/) gets each figure as the component's data, as JSON, and applies it with Plotly.react.
plotly.js is the copy in the installed plotly package, served by this server and loaded once per page.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from techrift.caching import memo
from techrift.charts import FIGURES_KEPT
from techrift.datapackage import Release
from techrift.i18n import t
from techrift.ui import internals, shell

PROJECT = "techrift"
COMPONENT = "plotly_chart"
NAME = f"{PROJECT}.{COMPONENT}"
# Served beside the element's own files, at /_stcore/bidi-components/techrift.plotly_js/plotly.min.js.
PLOTLY_JS_COMPONENT = "plotly_js"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
ASSET_DIR = f"assets/{COMPONENT}"
PLOTLY_PACKAGE_ROOT = Path(plotly.__file__).resolve().parent
PLOTLY_ASSET_DIR = "package_data"
PLOTLY_JS = PLOTLY_PACKAGE_ROOT / PLOTLY_ASSET_DIR / "plotly.min.js"

SelectionMode = Literal["points", "box", "lasso"]
NO_SELECTION: dict[str, list[Any]] = {"points": [], "box": [], "lasso": []}
# The mode bar as st.plotly_chart had it: PNG export, no Plotly logo, box and lasso only where they select. Plotly's own
# image button draws only the figure: the element's own PNG and SVG buttons (chart_image.js) replace it.
CONFIG: dict[str, Any] = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": PROJECT}}

_LOG = logging.getLogger(__name__)


@memo(
    FIGURES_KEPT, by_identity=True
)  # a view's figure is cached (techrift.views): its JSON is made once, not on each run
def figure_json(figure: go.Figure) -> str:
    """The figure as Plotly JSON, as st.plotly_chart sends it (numeric arrays base64-encoded by plotly 7)."""
    return pio.to_json(figure, validate=False)


def chart_data(
    figure: go.Figure,
    alt: str,
    lang: str,
    selection_mode: Sequence[SelectionMode] = (),
    image: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """What the element's JavaScript gets: the figure as a JSON string, its text alternative, words for failures and
    what its image carries (`image_credit`)."""
    return {
        "figure": figure_json(figure),
        "alt": alt,
        "selection_mode": list(selection_mode),
        "config": config(selection_mode),
        "messages": {"unavailable": t("chart_unavailable", lang), "failed": t("chart_failed", lang)},
        "image": dict(image or image_credit(lang)),
    }


def image_credit(lang: str, title: str = "", release: Release | None = None, name: str = "chart") -> dict[str, Any]:
    """What a chart's downloaded image (PNG, SVG) carries, as Datawrapper's exports carry their credits: its title
    (empty: the heading the page shows above the chart), the source line with the data version, the file's name, and
    the buttons' words in `lang`."""
    source = (
        t("chart_source_line", lang, version=release.version, data_as_of=release.data_as_of)
        if release
        else t("chart_source_line", lang, version="?", data_as_of="?")
    )
    version = f"-data-{release.version}" if release else ""
    return {
        "title": title,
        "source": source,
        "filename": f"{PROJECT}-{name.replace('_', '-')}{version}",
        "labels": {
            "download": t("chart_image", lang),
            "png": t("chart_image_png", lang),
            "svg": t("chart_image_svg", lang),
        },
    }


def config(selection_mode: Sequence[SelectionMode] = ()) -> dict[str, Any]:
    """Plotly's config for a chart: CONFIG, with the box and lasso tools only when they select, and the element's own
    image buttons in place of Plotly's."""
    unused = [tool for mode, tool in (("lasso", "lasso2d"), ("box", "select2d")) if mode not in selection_mode]
    return {**CONFIG, "modeBarButtonsToRemove": [*unused, "sendChartToCloud", "toImage"]}


def _select(*_: Any) -> None:
    """A pick reruns the page, which reads the selection from the element's state."""


@functools.cache
def _mount() -> Any:
    return st.components.v2.component(
        NAME, js="plotly_chart.js", css="plotly_chart.css", isolate_styles=False
    )  # Plotly's CSS is injected into the document: it must reach the chart


@functools.cache
def _report_missing(path: Path) -> None:
    _LOG.error("plotly.js is missing: %s (from the plotly package); charts show a message instead", path)


def plotly_js_available() -> bool:
    """Whether the plotly package's plotly.js is on disk; if not, the server log names the file (once)."""
    if PLOTLY_JS.is_file():
        return True
    _report_missing(PLOTLY_JS)
    return False


def _serve_assets() -> None:
    internals.serve_component_assets(PROJECT, COMPONENT, PACKAGE_ROOT, ASSET_DIR)
    internals.serve_component_assets(PROJECT, PLOTLY_JS_COMPONENT, PLOTLY_PACKAGE_ROOT, PLOTLY_ASSET_DIR)


def plotly_chart(
    figure: go.Figure,
    *,
    key: str,
    alt: str,
    lang: str,
    selection_mode: Sequence[SelectionMode] = (),
    title: str = "",
    downloads: bool = True,
) -> Any:
    """Draw `figure` in the chart element under `key`; the result's `.selection` holds the marks picked (if any
    `selection_mode`) in st.plotly_chart's shape: {"points": [{"customdata": ..., ...}], "box": [...], "lasso": [...]}.
    Its downloaded image carries `title` (by default the heading above it), the source line and the data version;
    `downloads=False` leaves out the image buttons under it (a slide)."""
    if not plotly_js_available():
        st.error(t("chart_unavailable", lang), icon=":material/broken_image:")
        st.caption(alt)
        return {}
    _serve_assets()
    image = image_credit(lang, title, shell.data_release(), key) | {"buttons": downloads}
    data = chart_data(figure, alt, lang, selection_mode, image)
    if not selection_mode:
        return _mount()(key=key, data=data, width="stretch", height="content")
    return _mount()(
        key=key,
        data=data,
        default={"selection": NO_SELECTION},
        on_selection_change=_select,
        width="stretch",
        height="content",
    )
