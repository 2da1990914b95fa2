"""Every colour and marker of the app, and its Plotly template: defined once here, reused by every chart, map and legend.

Labels are not here: they are in the catalogue (techrift/i18n.py), in both languages.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import plotly.graph_objects as go
import plotly.io as pio

if TYPE_CHECKING:
    from PIL import ImageFont

INK = "#1c2833"  # text, and the outline of a mark
MUTED_INK = "#566573"  # rules between the timeline's sides, their labels, the comparison's close-up tint
SUBTLE_INK = "#7f8c8d"  # the step numbers of the exported briefing
PAPER = "white"
HATCH = "white"  # the stripes on a bar that is not money paid, or a span whose date is approximate

CATEGORY_COLORS: dict[str, str] = {
    "tie_cut": "#c0392b",
    "tie_suspended": "#e67e22",
    "tie_review": "#f1c40f",
    "partnership": "#2471a3",
    "lab_opened": "#17a589",
    "lab_closed": "#7b241c",
    "scale_back": "#a04000",
    "market_exit": "#884ea0",
    "deal": "#4a235a",  # dark: told apart from partnership blue under protanopia (tests/test_colour_safety.py)
    "visit": "#5dade2",
    "product_launch": "#48c9b0",
    "milestone": "#239b56",
    "policy": "#566573",
    "statement": "#99a3a4",
}
CATEGORY_SYMBOLS: dict[str, str] = {
    "tie_cut": "x",
    "tie_suspended": "triangle-down",
    "tie_review": "diamond",
    "partnership": "circle",
    "lab_opened": "star",
    "lab_closed": "square-x",
    "scale_back": "triangle-down-open",
    "market_exit": "triangle-left",
    "deal": "hexagon",
    "visit": "circle-open",
    "product_launch": "star-diamond",
    "milestone": "star-square",
    "policy": "square",
    "statement": "diamond-open",
}
# The funding chart colours its bars by payer, recipient, year or status: these colours in turn.
GROUP_PALETTE = tuple(CATEGORY_COLORS.values())
LAB_LIFETIME_COLOR = CATEGORY_COLORS["lab_opened"]
COUNT_BAR_COLOR = CATEGORY_COLORS["partnership"]

# The map (pydeck reads [r, g, b, alpha] lists; see rgb below).
HUAWEI_SITE_COLOR = "#5a5a5a"
POINT_OUTLINE = "#282828"
POINT_ALPHA, SITE_ALPHA, ARC_ALPHA = 220, 230, 160
RUSSIA_FILL = [250, 229, 211]
# Countries are told apart by pale tints, neighbours never alike, instead of border lines: deck.gl's border lines cost
# about 230 ms per frame in software WebGL (no GPU), measured, against about 40 ms for the whole map without them.
COUNTRY_TINTS = ([232, 232, 227], [213, 224, 213], [226, 217, 234], [211, 223, 236], [213, 232, 229])
# The briefing's Plotly version of the map: country outlines and arcs as lines.
OUTLINE_LINE = "#b3b6b7"
ARC_LINE = "#85929e"

# A legend written as text (the map's, below it) shows each colour as the emoji nearest to it; no two colours of one
# legend may share an emoji (tests/test_maps.py checks the map's).
SWATCHES: dict[str, str] = {
    CATEGORY_COLORS["tie_cut"]: "🟥",
    CATEGORY_COLORS["tie_suspended"]: "🟧",
    CATEGORY_COLORS["tie_review"]: "🟨",
    CATEGORY_COLORS["lab_opened"]: "🟩",
    CATEGORY_COLORS["partnership"]: "🟦",
    CATEGORY_COLORS["deal"]: "🟪",
    CATEGORY_COLORS["visit"]: "🔵",
    HUAWEI_SITE_COLOR: "⬛",
}

TEMPLATE_NAME = "techrift"
# The look the charts had under Streamlit's chart theme (light), which overrode this template's font, legend, hover
# labels and axes; the app's chart element (techrift/ui/plotly_chart.py) applies no theme, so the template carries it.
CHART_FONT = '"Source Sans", sans-serif'  # Streamlit's body font, served with the page
CHART_FONT_SIZE, CHART_FONT_WEIGHT = 12, 400
MARGIN_PAD = 8  # pixels between a panel and its axes' tick labels
TICK_LABEL_GAP = MARGIN_PAD + 1  # pixels from a y tick label to its panel: the margin's pad and the tick's width
CHART_TEXT = "#808495"  # Streamlit's chart text: ticks, axis titles, hover labels
CHART_GRID = "#e6eaf1"
LEGEND_TEXT = "#262730"
TITLE_TEXT = "#111111"  # the theme's textColor (.streamlit/config.toml)
_AXIS = dict(
    gridcolor=CHART_GRID,
    zeroline=False,
    zerolinecolor=CHART_GRID,
    tickcolor=CHART_GRID,
    tickfont=dict(color=CHART_TEXT, size=CHART_FONT_SIZE),
    minor=dict(gridcolor=CHART_GRID),
    automargin=True,
)
pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=CHART_FONT, size=CHART_FONT_SIZE, color=CHART_TEXT, weight=CHART_FONT_WEIGHT),
        title=dict(font=dict(family=CHART_FONT, size=16, color=TITLE_TEXT, weight=700), x=0, xanchor="left", pad_l=4),
        paper_bgcolor=PAPER,
        plot_bgcolor=PAPER,
        xaxis=dict(_AXIS, showgrid=False, title=dict(font=dict(color=CHART_TEXT, size=14), standoff=20)),
        yaxis=dict(_AXIS, ticklabelposition="outside", title=dict(font=dict(color=CHART_TEXT, size=14), standoff=24)),
        hoverlabel=dict(
            font=dict(family=CHART_FONT, size=12, color=CHART_TEXT),
            bgcolor=PAPER,
            bordercolor="rgba(17, 17, 17, 0.2)",
            align="left",
        ),
        # Room on the right for half of the last x tick label: with none, plotly.js hides a label that would cross the
        # figure's edge ('300 million' at the end of the money axis; tests/e2e/test_export.py).
        margin=dict(l=0, r=40, t=50, b=10, pad=MARGIN_PAD),
        legend=dict(
            orientation="h",
            yanchor="bottom",
            y=1.02,
            x=0,
            valign="top",
            borderwidth=0,
            font=dict(size=12, color=LEGEND_TEXT),
            title=dict(font=dict(size=12, color=CHART_TEXT), side="top"),
        ),
    )
)


# The file the browser draws CHART_FONT from: Streamlit serves it with the page (found without importing streamlit).
_STREAMLIT = importlib.util.find_spec("streamlit")
CHART_FONT_FILES = (
    Path(_STREAMLIT.origin).parent / "static" / "static" / "media" if _STREAMLIT and _STREAMLIT.origin else Path()
)
CHART_FONT_FILE_PATTERN = "SourceSansVF-Upright*.woff2"


@functools.cache
def _chart_font() -> ImageFont.FreeTypeFont | None:
    found = sorted(CHART_FONT_FILES.glob(CHART_FONT_FILE_PATTERN))
    if not found:
        return None
    from PIL import ImageFont  # when a label is first measured, not when a page imports the chart look

    font = ImageFont.truetype(str(found[0]), CHART_FONT_SIZE)
    font.set_variation_by_axes([CHART_FONT_WEIGHT])
    return font


def text_width(texts: Iterable[str]) -> float | None:
    """The width in pixels of the widest of `texts` as the browser draws a chart's tick labels (CHART_FONT, measured
    from the font file Streamlit serves: within 0.1 px of Chromium), or None when that file cannot be found."""
    font = _chart_font()
    if font is None:
        return None
    return max((font.getlength(text) for text in texts), default=0.0)


def rgb(hex_colour: str, alpha: int | None = None) -> list[int]:
    """'#c0392b' -> [192, 57, 43] (with the alpha appended when given), as deck.gl reads colours."""
    channels = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return channels if alpha is None else [*channels, alpha]


def swatch(colour: str) -> str:
    """The emoji that stands for `colour` in a text legend."""
    return SWATCHES[colour]
