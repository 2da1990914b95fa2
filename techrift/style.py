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
SUBTLE_INK = "#5f6a6a"  # the step numbers of the exported briefing
PAPER = "white"
HATCH = "white"  # the stripes on a bar that is not money paid, or a span whose date is approximate

# docs/charts.md: every text of a chart is at least MIN_TEXT_PX tall and MIN_CONTRAST against what it sits on.
MIN_TEXT_PX, MIN_CONTRAST = 13, 4.5
# How a mark says what it is not (docs/charts.md): hatched = not money paid, dashed = approximate, hollow = inferred.
NOT_PAID_HATCH = "/"
APPROXIMATE_DASH = "dash"
INFERRED_FILL = "rgba(0, 0, 0, 0)"

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
    "visit": "#7733ee",  # violet: partnership's blue and a light blue were one colour to readers
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
# The Funding chart's groups (payers, recipients, years) get these in turn, in the order of the whole dataset's sorted
# keys (stable_colours): its own palette (Okabe & Ito's, then Tableau's), not the kinds of action's colours.
GROUP_PALETTE = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#f0e442",
    "#000000",
    "#8c564b",
    "#7f7f7f",
    "#bcbd22",
    "#9467bd",
)
# A status keeps one colour whatever the filter: money paid dark, promised or stated lighter.
STATUS_COLORS: dict[str, str] = {
    "paid": "#0b5394",
    "honoured": "#3d85c6",
    "charged": "#7b241c",
    "contracted": "#117a65",
    "budgeted": "#b9770e",
    "offered": "#e69f00",
    "declined": "#7f7f7f",
    "expected": "#bcbd22",
    "not_shipped": "#884ea0",
    "reported_claim": "#cc79a7",
}
# The "how big is each" dot plot: a dot's shape says what its amount means.
AMOUNT_KIND_SYMBOLS: dict[str, str] = {
    "per_year": "circle",
    "one_off": "diamond",
    "cap_per_project": "triangle-up",
    "total": "square",
    "charge": "x",
    "forgone_sales": "cross",
}
LAB_LIFETIME_COLOR = CATEGORY_COLORS["lab_opened"]
COUNT_BAR_COLOR = CATEGORY_COLORS["partnership"]

# The map (pydeck reads [r, g, b, alpha] lists; see rgb below).
HUAWEI_SITE_COLOR = "#5a5a5a"
POINT_OUTLINE = "#282828"
SELECTED_OUTLINE = "#111111"
POINT_ALPHA, SITE_ALPHA, ARC_ALPHA = 220, 230, 160
RUSSIA_FILL = [245, 232, 220]  # set apart: the story's country
# Countries are told apart by greys a shade apart, neighbours never alike, instead of border lines (deck.gl's border
# lines are slow in software WebGL): neutral, so that only the points carry colour.
COUNTRY_TINTS = ([236, 236, 236], [226, 226, 226], [231, 231, 231], [221, 221, 221], [241, 241, 241])
# The briefing's Plotly version of the map: country outlines and arcs as lines.
OUTLINE_LINE = "#b3b6b7"
ARC_LINE = "#85929e"


def stable_colours(keys: Iterable[object], palette: tuple[str, ...] = GROUP_PALETTE) -> dict[str, str]:
    """One colour per key of the whole dataset (sorted, then the palette in turn): a filter never recolours a group."""
    ordered = sorted({str(key) for key in keys})
    return {key: palette[i % len(palette)] for i, key in enumerate(ordered)}


def _luminance(colour: str) -> float:
    channels = [value / 255 for value in rgb(colour)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str = "#ffffff") -> float:
    """WCAG 2 contrast ratio of two colours ('#rrggbb', 'white' or 'black')."""
    low, high = sorted((_luminance(foreground), _luminance(background)))
    return (high + 0.05) / (low + 0.05)


def text_on(background: str) -> str:
    """Black or white, whichever reads better on `background` (a bar's label inside the bar): one of them always
    reaches 4.5:1."""
    return "#000000" if contrast("#000000", background) >= contrast("#ffffff", background) else "#ffffff"


TEMPLATE_NAME = "techrift"
# The look the charts had under Streamlit's chart theme (light), which overrode this template's font, legend, hover
# labels and axes; the app's chart element (techrift/ui/plotly_chart.py) applies no theme, so the template carries it.
CHART_FONT = '"Source Sans", sans-serif'  # Streamlit's body font, served with the page
CHART_FONT_SIZE, CHART_FONT_WEIGHT = MIN_TEXT_PX, 400
AXIS_TITLE_SIZE, TITLE_SIZE = 14, 16
MARGIN_PAD = 8  # pixels between a panel and its axes' tick labels
TICK_LABEL_GAP = MARGIN_PAD + 1  # pixels from a y tick label to its panel: the margin's pad and the tick's width
CHART_TEXT = "#555867"  # ticks, axis titles, hover labels: Streamlit's grey (#808495, 3.7:1) darkened to 7:1
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
        title=dict(
            font=dict(family=CHART_FONT, size=TITLE_SIZE, color=TITLE_TEXT, weight=700), x=0, xanchor="left", pad_l=4
        ),
        paper_bgcolor=PAPER,
        plot_bgcolor=PAPER,
        annotationdefaults=dict(font=dict(size=CHART_FONT_SIZE, color=INK)),
        xaxis=dict(_AXIS, showgrid=False, title=dict(font=dict(color=CHART_TEXT, size=AXIS_TITLE_SIZE), standoff=20)),
        yaxis=dict(
            _AXIS,
            ticklabelposition="outside",
            title=dict(font=dict(color=CHART_TEXT, size=AXIS_TITLE_SIZE), standoff=24),
        ),
        hoverlabel=dict(
            font=dict(family=CHART_FONT, size=CHART_FONT_SIZE, color=LEGEND_TEXT),
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
            font=dict(size=CHART_FONT_SIZE, color=LEGEND_TEXT),
            title=dict(font=dict(size=CHART_FONT_SIZE, color=CHART_TEXT), side="top"),
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


NAMED = {"white": "#ffffff", "black": "#000000"}


def rgb(hex_colour: str, alpha: int | None = None) -> list[int]:
    """'#c0392b' -> [192, 57, 43] (with the alpha appended when given), as deck.gl reads colours."""
    hex_colour = NAMED.get(hex_colour, hex_colour)
    channels = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return channels if alpha is None else [*channels, alpha]


# A metric card's label and value wrap onto a second line instead of being cut with an ellipsis: Streamlit draws
# both on one line, and "more than 100,000 developers" is wider than a third of a laptop's page or a phone's screen.
METRIC_CSS = (
    "<style>"
    '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,'
    ' [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *'
    " {white-space: normal !important; overflow: visible !important; text-overflow: clip !important;"
    " overflow-wrap: anywhere;}"
    '[data-testid="stMetricValue"] {line-height: 1.15;}'
    "</style>"
)
