"""Helpers for driving pages with Streamlit's AppTest and reading what they emitted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from techrift.ui import plotly_chart

ROOT = Path(__file__).resolve().parent.parent


def run_page(path: str, params: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    """Run one page script (relative to the project root) with the given URL query parameters."""
    at = AppTest.from_file(str(ROOT / path), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def plotly_charts(at: AppTest) -> list[dict[str, Any]]:
    """What a run handed each of the app's Plotly chart elements (techrift/ui/plotly_chart.py): the figure as a JSON
    string, its text alternative, the selection it reports, the words for a failure."""
    return [
        json.loads(element.proto.json)
        for element in at.get("bidi_component")
        if element.proto.component_name == plotly_chart.NAME
    ]


def plotly_specs(at: AppTest) -> list[dict[str, Any]]:
    """The Plotly figures a run handed to its chart elements, as JSON dicts."""
    return [json.loads(chart["figure"]) for chart in plotly_charts(at)]


def chart_alts(at: AppTest, kind: str) -> list[str]:
    """The text alternative of each chart of a kind ("plotly", or an element type such as "deck_gl_json_chart")."""
    if kind == "plotly":
        return [chart["alt"] for chart in plotly_charts(at)]
    return [element.proto.alt for element in at.get(kind)]


def values(encoded: Any) -> list[Any]:
    """Plotly JSON arrays as plain lists: plotly 7 writes numeric arrays as base64 {dtype, bdata}."""
    if isinstance(encoded, dict) and "bdata" in encoded:
        import base64

        import numpy as np

        array = np.frombuffer(base64.b64decode(encoded["bdata"]), dtype=np.dtype(encoded["dtype"]))
        if "shape" in encoded:
            array = array.reshape([int(n) for n in str(encoded["shape"]).split(",")])
        return array.tolist()
    return list(encoded)


def deck_specs(at: AppTest) -> list[dict[str, Any]]:
    """The pydeck maps a run emitted, as JSON dicts."""
    return [json.loads(element.proto.json) for element in at.get("deck_gl_json_chart")]


def texts(at: AppTest) -> str:
    """All markdown, caption, text and alert text of a run, joined, for 'does the page say X' checks."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "text", "info", "warning", "error", "success", "title", "header", "subheader"):
        parts.extend(str(getattr(element, "value", "")) for element in at.get(kind))
    return "\n".join(parts)
