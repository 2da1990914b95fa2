"""Writers for what users download: CSV and Excel, safe to open in a spreadsheet, and the briefing as an offline deck."""

from __future__ import annotations

import base64
import functools
import html
import io
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from techrift import style
from techrift.i18n import t

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with a quote, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as formulas; numbers are left as numbers."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a byte-order mark, so Excel reads the accents right), formula-safe, whole numbers written whole.

    Rows end in CRLF (RFC 4180), which also makes the writer quote any cell holding a lone carriage return.
    """
    return spreadsheet_safe(as_written(frame)).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


MAX_COLUMN_WIDTH = 60  # characters: a summary column wider than this wraps instead of pushing the rest away


def to_excel_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One .xlsx workbook with a sheet per table, formula-safe, whole numbers written whole."""
    from openpyxl.utils import get_column_letter  # only when a workbook is asked for: pages import this module

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            plain = frame.copy()
            for column in plain.columns:
                if isinstance(plain[column].dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(
                    plain[column]
                ):
                    plain[column] = plain[column].dt.strftime("%Y-%m-%d")
            safe = spreadsheet_safe(as_written(plain))
            safe.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            sheet.freeze_panes = "A2"  # the header stays in view
            for number, column in enumerate(safe.columns, start=1):
                longest = max([len(str(column)), *(len(str(value)) for value in safe[column].head(200))])
                sheet.column_dimensions[get_column_letter(number)].width = min(max(longest + 2, 8), MAX_COLUMN_WIDTH)
    return buffer.getvalue()


def as_written(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole numbers as the data's CSV files write them ('300000000', not '300000000.0'): a column of floats that are
    all whole (pandas reads a column with a gap as floats) becomes whole numbers with gaps."""
    written = frame.copy()
    for column in written.columns:
        values = written[column]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            written[column] = values.astype("Int64")
    return written


def dataset_tables(dataset) -> dict[str, pd.DataFrame]:
    """The dataset's tables as published (derived columns dropped), by name; the writers write numbers as the data's
    CSV files do (as_written)."""
    from techrift import schema

    return {
        name: _booleans_as_written(getattr(dataset, name)[list(model.to_schema().columns)])
        for name, model in schema.TABLES.items()
        if name != "evidence" or dataset.evidence_given  # data before evidence existed is published without it
    }


def _booleans_as_written(frame: pd.DataFrame) -> pd.DataFrame:
    """true/false columns as the data's CSV files write them ('true', not 'True'), so that a package validates."""
    written = frame.copy()
    for column in written.columns:
        if pd.api.types.is_bool_dtype(written[column]):
            written[column] = written[column].map({True: "true", False: "false"})
    return written


def dataset_zip(dataset) -> bytes:
    """The data as a package: data/ (every table as a formula-safe CSV, datapackage.json with the version,
    CHANGELOG.md) and seeds/ (the articles the quotes come from), so that the unpacked folder validates."""
    import zipfile

    from techrift import datapackage

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in dataset_tables(dataset).items():
            archive.writestr(f"data/{name}.csv", to_csv_bytes(frame))
        absent: dict[str, set[str] | None] = {} if dataset.evidence_given else {"evidence": None}
        archive.writestr("data/datapackage.json", datapackage.render(dataset.release, absent))
        archive.writestr(f"data/{datapackage.CHANGELOG}", dataset.changelog)
        seed_files = dict(zip(dataset.sources["source_id"], dataset.sources["seed_file"]))
        for source_id, text in dataset.seed_texts.items():
            archive.writestr(seed_files[source_id], text)
    return buffer.getvalue()


def about_sheet(dataset) -> pd.DataFrame:
    """What a workbook of the data is: its version and the day the data is as of."""
    return pd.DataFrame(
        {
            "field": ["dataset", "version", "data_as_of"],
            "value": ["TechRift", dataset.release.version, dataset.release.data_as_of],
        }
    )


def dataset_excel(dataset) -> bytes:
    """Every table as a sheet of one Excel workbook, formula-safe, with an 'about' sheet naming the version."""
    return to_excel_bytes({"about": about_sheet(dataset), **dataset_tables(dataset)})


def versioned(file_name: str, version: str) -> str:
    """A download's file name with the data version it was made from: 'techrift-flows-data-2.0.0.csv'."""
    stem, dot, suffix = file_name.rpartition(".")
    return f"{stem}-data-{version}.{suffix}" if dot else f"{file_name}-data-{version}"


# --------------------------------------------------------------------------- the briefing as an offline deck
# The exported briefing is a slide deck in one HTML file: the live slides' layout (techrift/ui/present.py), scaled to
# the screen, driven by the keyboard, printable one slide per page, with plotly.js and the app's font inside it so
# that it opens from a file with no network. The steps' contents come from techrift/briefing.py (export_html).

# The deck is designed on a 1920x1080 screen and scaled to the one it is shown on: at that size the chart's labels
# are at least this many pixels (a room reads them from the back), the figures' own sizes being the app's.
DECK_LABEL_PX = 20
DECK_DESIGN = (1920, 1080)
# Sources listed on one sources slide at most, so that each keeps two lines at the smallest type.
SOURCES_PER_SLIDE = 24


@dataclass(frozen=True)
class DeckSource:
    """One source of a step, as the deck links it: its address, or its entry on the app's Sources page."""

    label: str
    url: str


@dataclass(frozen=True)
class DeckStep:
    """One step of the briefing as a slide: the heading and takeaway, the figure's JSON, its text alternative, the
    sources of the records it draws, and the live slide and full view it stands for."""

    title: str
    takeaway: str
    text: str  # the step's whole text, kept as the slide's notes (not shown)
    figure_json: str
    alt: str
    sources: tuple[DeckSource, ...]
    live_url: str
    page_url: str


def app_link(app_url: str, page: str, params: Mapping[str, str]) -> str:
    """A page of the app at `app_url` (the app's root, ending in '/') with `params`; relative when the root is ''."""
    query = urlencode(params)
    return f"{app_url}{page}" + (f"?{query}" if query else "")


def app_root(page_url: str) -> str:
    """The app's root from the address of one of its pages ('http://host/prefix/briefing?x=1' -> 'http://host/prefix/'),
    or '' when the address is not known."""
    if not page_url.startswith(("http://", "https://")):
        return ""
    path = page_url.split("?", 1)[0].split("#", 1)[0]
    return path.rsplit("/", 1)[0] + "/"


@functools.cache
def deck_font() -> str:
    """The app's body font (Source Sans, the variable upright face Streamlit ships) as a data: URL, or '' when the
    installed Streamlit has none (the deck then falls back to the system's sans-serif)."""
    found = sorted(style.CHART_FONT_FILES.glob(style.CHART_FONT_FILE_PATTERN))
    if not found:
        return ""
    return "data:font/woff2;base64," + base64.b64encode(found[0].read_bytes()).decode("ascii")


# The font's notice, which the SIL Open Font License asks to travel with it (the font file's own name table carries
# the licence text as well).
FONT_NOTICE = (
    "Source Sans 3: Copyright 2010-2020 Adobe (www.adobe.com), with Reserved Font Name 'Source'. "
    "Licensed under the SIL Open Font License, Version 1.1 (openfontlicense.org)."
)

DECK_CSS = string.Template(
    """
$fontface
:root{--u:min(calc(100vw / $width),calc(100vh / $height));--ink:$ink;--muted:$muted;--link:$link}
*{box-sizing:border-box}
html,body{margin:0;height:100%;overflow:hidden;background:#fff;color:var(--ink);
  font-family:"Source Sans",system-ui,sans-serif}
.slide{position:absolute;inset:0;display:flex;flex-direction:column;padding:calc(40 * var(--u)) calc(72 * var(--u))
  calc(32 * var(--u));visibility:hidden;background:#fff}
.slide.current{visibility:visible}
.bar{display:flex;justify-content:space-between;align-items:baseline;gap:calc(32 * var(--u));
  font-size:calc(22 * var(--u));color:var(--muted);margin:0}
.bar p{margin:0;line-height:1.45}
a{color:var(--link)}
h1{font-size:calc(64 * var(--u));line-height:1.45;margin:0;font-weight:700}
.takeaway{font-size:calc(36 * var(--u));line-height:1.45;margin:0 0 calc(12 * var(--u))}
.chart{flex:1 1 0;min-height:0;margin:0;position:relative}
.plot{position:absolute;left:0;top:0;transform-origin:0 0}
.slide>footer{font-size:calc(22 * var(--u));color:var(--muted);margin-top:calc(8 * var(--u))}
.notes{display:none}
.list{flex:1 1 0;min-height:0;margin:calc(12 * var(--u)) 0 0;padding:0;list-style:none;display:grid;
  grid-auto-flow:column;grid-auto-columns:1fr;column-gap:calc(48 * var(--u));font-size:calc(24 * var(--u));line-height:1.45}
.list li{align-self:center}
.modebar-container{display:none!important}
@media print{
  html,body{height:auto;overflow:visible}
  .slide{position:relative;visibility:visible!important;break-inside:avoid}
  .slide:not(:last-of-type){break-after:page}
}
"""
)

# Keys, the step in the address, the charts sized to the screen, and a print page the size of the screen (one slide
# on each). Constant code: the deck's data is in its JSON blocks, read with JSON.parse, never run.
DECK_JS = string.Template(
    """
(function () {
  "use strict";
  var LABEL = $label, WIDTH = $width, HEIGHT = $height;
  var slides = Array.prototype.slice.call(document.querySelectorAll("section.slide"));
  var current = -1;
  function unit() { return Math.min(innerWidth / WIDTH, innerHeight / HEIGHT); }
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var found = slides.findIndex(function (s) { return s.id === id; });
    return found < 0 ? 0 : found;
  }
  function show(index) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (s, k) {
      s.classList.toggle("current", k === index);
      s.setAttribute("aria-hidden", k === index ? "false" : "true");
    });
    current = index;
    var hash = "#" + slides[index].id;
    if (location.hash !== hash) { history.replaceState(null, "", hash); }
  }
  // Every font of a figure at least LABEL px, the margins grown with them: the figure as drawn on the design screen.
  function sized(node) {
    if (Array.isArray(node)) { node.forEach(sized); return node; }
    if (!node || typeof node !== "object") { return node; }
    Object.keys(node).forEach(function (key) {
      var value = node[key];
      if (/font$$/i.test(key) && value && typeof value === "object" && !Array.isArray(value)) {
        if (typeof value.size === "number") { value.size = Math.max(value.size, LABEL); }
        else if (Array.isArray(value.size)) {
          value.size = value.size.map(function (s) { return Math.max(s, LABEL); });
        }
      }
      sized(value);
    });
    return node;
  }
  function figureFor(plot, width, height) {
    var figure = JSON.parse(document.getElementById(plot.id + "-figure").textContent);
    var layout = figure.layout || {};
    var template = (layout.template && layout.template.layout) || {};
    layout.font = layout.font || {};
    if (typeof layout.font.size !== "number") { layout.font.size = (template.font && template.font.size) || LABEL; }
    // A figure made for the app's type gets margins grown as its type grows; one made for a slide keeps its own.
    var growth = Math.max(1, LABEL / layout.font.size);
    sized(figure);
    var margin = layout.margin || template.margin || {};
    layout.margin = {};
    ["l", "r", "t", "b", "pad"].forEach(function (side) {
      if (typeof margin[side] === "number") { layout.margin[side] = margin[side] * growth; }
    });
    layout.autosize = false;
    layout.width = width;
    layout.height = height;
    figure.layout = layout;
    return figure;
  }
  var config = {displayModeBar: false, responsive: false, displaylogo: false};
  // A chart is drawn at the design screen's size and scaled with the slide as a whole (as a slide show scales its
  // slide): what is apart on the design screen stays apart on every screen, and its type scales with the screen.
  function draw() {
    var u = unit();
    return Promise.all(Array.prototype.map.call(document.querySelectorAll(".plot"), function (plot) {
      var box = plot.parentElement;
      var width = Math.floor(box.clientWidth / u), height = Math.floor(box.clientHeight / u);
      plot.style.width = width + "px";
      plot.style.height = height + "px";
      plot.style.transform = "scale(" + u + ")";
      var figure = figureFor(plot, width, height);
      return Plotly.react(plot, figure.data, figure.layout, config);
    })).then(function () { document.body.dataset.drawn = String(Date.now()); });
  }
  function pageSize() {
    var rule = document.getElementById("page-size");
    rule.textContent = "@page{size:" + innerWidth + "px " + innerHeight + "px;margin:0}" +
      "@media print{.slide{width:" + innerWidth + "px;height:" + innerHeight + "px}}";
  }
  var pending = null;
  addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { pageSize(); draw(); }, 150);
  });
  addEventListener("hashchange", function () { show(fromHash()); });
  addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var to = {ArrowRight: current + 1, " ": current + 1, PageDown: current + 1, ArrowLeft: current - 1,
              PageUp: current - 1, Home: 0, End: slides.length - 1}[event.key];
    if (to === undefined) { return; }
    event.preventDefault();
    show(to);
  });
  show(fromHash());
  pageSize();
  var fonts = document.fonts ? document.fonts.load(LABEL + 'px "Source Sans"', "Ág ệ") : Promise.resolve();
  fonts.catch(function () {}).then(draw);
})();
"""
)


def _json_block(value: str) -> str:
    """JSON made safe inside a <script> element: no '<' or '>' that could end it or open a comment."""
    return value.replace("<", "\\u003c").replace(">", "\\u003e")


# A source's label on a slide at most (characters) when three columns share the slide: three lines of a column; the
# whole label is the link's title.
SOURCE_LABEL_CHARS = 110


def shortened(label: str, columns: int) -> str:
    """A source's label as a sources slide of `columns` columns shows it: cut with '…' past what three lines hold."""
    most = SOURCE_LABEL_CHARS * 3 // columns
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


def _links(sources: Sequence[DeckSource]) -> str:
    columns = _columns(len(sources))
    return "".join(
        f'<li><a href="{html.escape(source.url)}" title="{html.escape(source.label)}">'
        f"{html.escape(shortened(source.label, columns))}</a></li>"
        for source in sources
    )


def _chunks(items: Sequence[DeckSource], most: int) -> list[Sequence[DeckSource]]:
    """`items` in as few slides as hold `most` each, the slides as evenly filled as can be."""
    count = max(1, -(-len(items) // most))
    size = -(-len(items) // count) if items else 0
    return [items[start : start + size] for start in range(0, len(items), size)] if items else []


def deck_html(steps: Sequence[DeckStep], lang: str, title: str, note: str) -> str:
    """The briefing as one HTML file of slides: one per step, then the sources of each step, each a link."""
    total = len(steps)
    source_slides: list[tuple[int, int, int, Sequence[DeckSource]]] = []  # (step, part, parts, sources)
    for number, step in enumerate(steps, start=1):
        chunks = _chunks(step.sources, SOURCES_PER_SLIDE)
        for part, chunk in enumerate(chunks, start=1):
            source_slides.append((number, part, len(chunks), chunk))
    escaped_note = html.escape(note)
    sections = []
    for number, step in enumerate(steps, start=1):
        counter = html.escape(t("briefing_step", lang, number=number, total=total))
        live = (
            f'<a href="{html.escape(step.live_url)}">{html.escape(t("deck_live_slide", lang))} ↗</a> · '
            f'<a href="{html.escape(step.page_url)}">{html.escape(t("present_open_live", lang))} ↗</a>'
        )
        sources = (
            f'<a href="#sources-{number}-1">{html.escape(t("deck_sources_link", lang, count=len(step.sources)))}</a>'
            if step.sources
            else ""
        )
        sections.append(
            f'<section class="slide step" id="step-{number}" aria-label="{counter}">'
            f'<header class="bar"><p class="counter">{counter} · {escaped_note}</p><p class="live">{live}</p></header>'
            f"<h1>{html.escape(step.title)}</h1>"
            f'<p class="takeaway">{html.escape(step.takeaway)}</p>'
            f'<figure class="chart"><div class="plot" id="step-{number}-chart" role="img"'
            f' aria-label="{html.escape(step.alt)}"></div></figure>'
            f'<script type="application/json" id="step-{number}-chart-figure">{_json_block(step.figure_json)}</script>'
            f"<footer>{sources}</footer>"
            f'<aside class="notes">{html.escape(step.text)}</aside></section>'
        )
    for number, part, parts, chunk in source_slides:
        step = steps[number - 1]
        rows = -(-len(chunk) // _columns(len(chunk)))
        heading = t("deck_sources_heading", lang, number=number) + (f" ({part}/{parts})" if parts > 1 else "")
        sections.append(
            f'<section class="slide sources" id="sources-{number}-{part}" aria-label="{html.escape(heading)}">'
            f'<header class="bar"><p class="counter">{escaped_note}</p>'
            f'<p class="live"><a href="#step-{number}">{html.escape(t("deck_back_to_step", lang, number=number))}</a>'
            f"</p></header>"
            f"<h1>{html.escape(heading)}</h1>"
            f'<p class="takeaway">{html.escape(step.title)}</p>'
            f'<ul class="list" style="grid-template-rows:repeat({rows},1fr)">{_links(chunk)}</ul></section>'
        )
    from plotly.offline import get_plotlyjs  # only when a deck is written: pages import this module

    font = deck_font()
    fontface = (
        f"/* {FONT_NOTICE} */"
        f'@font-face{{font-family:"Source Sans";src:url({font}) format("woff2");font-weight:200 900;font-style:normal}}'
        if font
        else ""
    )
    width, height = DECK_DESIGN
    css = DECK_CSS.substitute(
        fontface=fontface, width=width, height=height, ink=style.INK, muted=style.SUBTLE_INK, link=DECK_LINK
    )
    script = DECK_JS.substitute(label=DECK_LABEL_PX, width=width, height=height)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{html.escape(title)}</title><style>{css}</style><style id="page-size"></style></head>'
        f"<body>{''.join(sections)}<script>{get_plotlyjs()}</script><script>{script}</script></body></html>"
    )


# Links on a slide: a blue that reads at 4.5:1 and more on white.
DECK_LINK = "#1a5a96"


def _columns(count: int) -> int:
    """How many columns a sources slide lists `count` sources in: one for a few, three for many."""
    return 1 if count <= 6 else 2 if count <= 14 else 3
