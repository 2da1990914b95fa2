"""Hostile input: script-bearing text in the data, formula cells in exports, malformed query parameters.

Hostile text is valid data (a title may contain "<"), so it loads; what matters is that every place it is shown
treats it as text. The same hostile copy of the data drives the browser test in tests/e2e/test_hostile_browser.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from techrift import briefing, export, maps, sitemap, text
from techrift.charts import timeline
from techrift.data import DATA_DIR_ENV, load_dataset
from techrift.pivot import pivot_events
from tests.apptest_helpers import deck_specs, plotly_specs, run_page
from tests.data_folders import FIXTURE_DATA, copy_data

ROOT = Path(__file__).resolve().parent.parent
# Each would run script if it reached a page as HTML: the browser test checks window.__pwned stays undefined.
SCRIPT = (
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script></script><script>window.__pwned=1</script>'
)
JS_LINK = "[open me](javascript:window.__pwned=1)"
INVISIBLE = "\u202edlrow\u200b"  # right-to-left override and a zero-width space
LONG = "very long " * 600
HOSTILE_EDITS = {
    # table: (id column, id, {column: new value})
    "places": ("place_id", "nsu", {"name_en": f"NSU {SCRIPT}{INVISIBLE}", "research_fields": JS_LINK}),
    "events": (
        "event_id",
        "nsu-development-centre",
        {"title_en": f"Centre {SCRIPT} {JS_LINK}", "summary_en": LONG + SCRIPT},
    ),
    "flows": ("flow_id", "huawei-university-research-budget", {"description_en": f"Budget {SCRIPT} {JS_LINK}"}),
    "stances": ("stance_id", "aws-research-presence", {"statement_en": f"Stance {SCRIPT} {JS_LINK}"}),
    "sources": ("source_id", "scmp-tbforum", {"title": f"Source {SCRIPT} {JS_LINK}", "publisher": f"Pub {SCRIPT}"}),
}
# An unescaped tag or a live javascript: link in Markdown; the escaped forms are "\<img" and "\]\(javascript".
LIVE_MARKUP = re.compile(r"(?<!\\)<(img|script)|(?<!\\)\]\(javascript:", re.IGNORECASE)


def write_hostile_copy(folder: Path) -> Path:
    """A valid copy of the data with hostile text in every kind of table; returns its data folder."""
    copy_data(FIXTURE_DATA, folder)
    for table, (id_column, record_id, changes) in HOSTILE_EDITS.items():
        path = folder / "data" / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = list(reader.fieldnames or []), list(reader)
        matched = [row for row in rows if row[id_column] == record_id]
        assert len(matched) == 1, f"{table}: no record {record_id}"
        matched[0].update(changes)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    # The hostile name is a label the vocabulary translates: its row there, hostile in both languages.
    name = HOSTILE_EDITS["places"][2]["name_en"]
    with (folder / "data" / "vocabulary.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([name, name, ""])
    return folder / "data"


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_copy(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile(hostile_dir: Path):
    return load_dataset(hostile_dir)


@pytest.fixture
def hostile_app(hostile_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(DATA_DIR_ENV, str(hostile_dir))
    return hostile_dir


def _shown_text(at) -> list[str]:
    """Every Markdown body and label a run emitted."""
    kinds = ("markdown", "caption", "text", "info", "warning", "error", "success", "title", "header", "subheader")
    shown = [str(getattr(element, "value", "")) for kind in kinds for element in at.get(kind)]
    shown += [
        str(getattr(element, "label", ""))
        for kind in ("metric", "expander", "selectbox", "radio")
        for element in at.get(kind)
    ]
    return shown


# --------------------------------------------------------------------------- hostile text in the data


def test_hostile_text_is_valid_data_and_loads_unchanged(hostile) -> None:
    place = hostile.places.set_index("place_id").loc["nsu"]
    assert place["name_en"] == f"NSU {SCRIPT}{INVISIBLE}"  # kept as typed: the data is not rewritten, only its display


def test_markdown_escaping_leaves_no_live_markup() -> None:
    for hostile_text in (SCRIPT, JS_LINK, f"# heading {SCRIPT}", "*bold* `code` $x$ | a | b |"):
        escaped = text.escape_markdown(hostile_text)
        assert not LIVE_MARKUP.search(escaped)
        assert re.sub(r"\\(.)", r"\1", escaped) == text.plain(hostile_text)  # unescaping gives the text back
    assert text.plain(INVISIBLE) == "dlrow"
    assert text.markdown_link("click", "javascript:window.__pwned=1") == "click"  # no link but https
    assert text.markdown_link("a", "https://example.org/x)(y") == "[a](https://example.org/x%29%28y)"


# Every page (techrift/sitemap.py), with a record's detail open where the page has one.
DETAILS_OPEN = {
    "pages/timeline.py": {"event": "nsu-development-centre"},
    "pages/map.py": {"place": "nsu", "view": "world"},
    "pages/funding.py": {"flow": "huawei-university-research-budget"},
    "pages/sources.py": {"source": "scmp-tbforum"},
    "pages/briefing.py": {"step": "2"},
}


@pytest.mark.parametrize(
    ("script", "params"), [(page.script, DETAILS_OPEN.get(page.script, {})) for page in sitemap.PAGES]
)
def test_pages_show_hostile_text_as_text(hostile_app: Path, script: str, params: dict[str, str]) -> None:
    at = run_page(script, params)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.get("error"), "the hostile copy is valid data: no error page"
    shown = _shown_text(at)
    assert not [body for body in shown if LIVE_MARKUP.search(body)]
    for spec in plotly_specs(at):
        hovers = [str(trace.get("hovertext", "")) + str(trace.get("text", "")) for trace in spec["data"]]
        assert not [hover for hover in hovers if re.search(r"<(img|script)", hover, re.IGNORECASE)]


def test_pages_that_select_a_hostile_record_show_it(hostile_app: Path) -> None:
    at = run_page("pages/timeline.py", {"event": "nsu-development-centre"})
    assert any("Centre \\<img src=x onerror=" in body for body in _shown_text(at))
    at = run_page("pages/sources.py", {"source": "scmp-tbforum"})
    assert any("Source \\<img" in body for body in _shown_text(at))


def test_timeline_hover_escapes_titles_and_sources(hostile) -> None:
    figure = timeline.pivot_figure(pivot_events(hostile.events, hostile.places), hostile, "en")
    hovers = [str(h) for trace in figure.data if trace.hovertext is not None for h in trace.hovertext]
    hostile_hover = next(h for h in hovers if "Centre" in h)
    assert "Centre &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in hostile_hover
    assert "<img" not in hostile_hover and "<script" not in hostile_hover


def test_map_tooltips_hold_plain_text_for_the_chart_to_escape(hostile_app: Path, hostile) -> None:
    # Streamlit's deck.gl chart escapes each field it puts into the tooltip template (tests/e2e/test_hostile_browser.py
    # hovers the point and reads the tag back as text), so the fields are plain text, invisible characters removed.
    partners = maps.partner_sites(hostile.events, hostile.places, hostile.flows).set_index("place_id")
    assert partners.at["nsu", "tip_name"] == f"NSU {SCRIPT}dlrow"
    assert partners.at["nsu", "tip_fields"] == JS_LINK
    at = run_page("pages/map.py", {"place": "nsu"})
    layer = next(layer for layer in deck_specs(at)[0]["layers"] if layer["id"] == "partners")
    assert f"NSU {SCRIPT}dlrow" in [row["tip_name"] for row in layer["data"]]
    tooltip = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)
    assert set(re.findall(r"\{(\w+)\}", tooltip["html"])) <= {
        column for column in partners.columns if column.startswith("tip_")
    }


class _Elements(HTMLParser):
    """Start tags, script bodies and text of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def test_briefing_export_keeps_hostile_text_inert(hostile, hostile_dir: Path) -> None:
    document = _Elements()
    document.feed(briefing.export_html(hostile, hostile_dir, "en"))
    assert not [tag for tag, attrs in document.tags if tag == "img" or any(name.startswith("on") for name in attrs)]
    assert not [
        body for body in document.scripts if body.strip() == "window.__pwned=1"
    ]  # no break-out of a chart's JSON
    assert any(
        "Centre &lt;img" in body or "Centre \\u003cimg" in body for body in document.scripts
    )  # the text is there, inert
    assert not [
        tag for tag, attrs in document.tags if tag == "a" and (attrs.get("href") or "").startswith("javascript:")
    ]


# --------------------------------------------------------------------------- formula injection in exports

FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn", "=1+1"]


def test_every_formula_prefix_is_neutralised() -> None:
    for cell in FORMULAS:
        assert export.neutralise_cell(cell) == "'" + cell
    assert export.neutralise_cell("Plain text") == "Plain text"
    assert export.neutralise_cell(-5) == -5  # numbers stay numbers
    assert export.neutralise_cell("") == ""


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"title": FORMULAS, "amount": [-1.5, 2, 3, 4, 5, 6, 7], "=header": ["a"] * len(FORMULAS)})


def test_csv_export_reads_back_as_text_not_formulas() -> None:
    rows = list(csv.reader(io.StringIO(export.to_csv_bytes(_frame()).decode("utf-8-sig"), newline="")))
    assert rows[0] == ["title", "amount", "'=header"]
    assert [row[0] for row in rows[1:]] == ["'" + cell for cell in FORMULAS]
    assert rows[1][1] == "-1.5"  # a negative number is a number, not a formula


def test_excel_export_reads_back_with_no_formula_cell() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(export.to_excel_bytes({"flows": _frame()})))
    sheet = workbook["flows"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    # XML turns a carriage return into a line feed on reading; either way the cell starts with the quote.
    read_back = [sheet.cell(row=r, column=1).value for r in range(2, 2 + len(FORMULAS))]
    assert read_back == ["'" + cell.replace("\r", "\n") for cell in FORMULAS]
    assert sheet.cell(row=2, column=2).value == -1.5


def test_dataset_downloads_neutralise_hostile_cells(hostile) -> None:
    # A formula planted in the data itself must also arrive as text.
    planted = hostile.events.copy()
    planted.loc[planted.index[0], "title_en"] = "=cmd|' /C calc'!A0"
    archive = zipfile.ZipFile(io.BytesIO(export.dataset_zip(hostile)))
    assert "events.csv" in " ".join(archive.namelist())
    workbook = openpyxl.load_workbook(io.BytesIO(export.to_excel_bytes({"events": planted})))
    assert not [cell for row in workbook["events"].iter_rows() for cell in row if cell.data_type == "f"]
    assert workbook["events"].cell(row=2, column=list(planted.columns).index("title_en") + 1).value.startswith("'=")


# --------------------------------------------------------------------------- hostile URLs

HOSTILE_PARAMS = [
    {"years": "<script>alert(1)</script>"},
    {"years": "2019-1800"},
    {"years": "99999999999999999999-1"},
    {"years": "2018-2019", "company": "Huawei," + "x" * 20_000},
    {"country": "javascript:alert(1)"},
    {"lang": "xx"},
    {"view": "mars"},
    {"step": "-3"},
    {"step": "1e9"},
    {"a": "<b>AWS</b>", "b": "Nvidia"},
    {"event": "../../etc/passwd"},
    {"place": "%00"},
    {"source": "'; DROP TABLE sources;--"},
    {"group": "__class__"},
    {"log": "maybe"},
]


def _combined(params_list: list[dict[str, str]]) -> list[dict[str, str]]:
    """The hostile values packed into as few URLs as possible, at most one value per parameter in each: every page
    parses each parameter on its own, so a URL holding several bad values tests each of them (the notice each one
    gets is checked one by one below)."""
    combined: list[dict[str, str]] = []
    for params in params_list:
        target = next((url for url in combined if not set(url) & set(params)), None)
        if target is None:
            combined.append(dict(params))
        else:
            target.update(params)
    return combined


def test_the_combined_urls_hold_every_hostile_value_once() -> None:
    combined = _combined(HOSTILE_PARAMS)
    assert len(combined) < len(HOSTILE_PARAMS)
    held = sorted((key, value) for url in combined for key, value in url.items())
    assert held == sorted((key, value) for params in HOSTILE_PARAMS for key, value in params.items())


@pytest.mark.parametrize("script", [page.script for page in sitemap.PAGES])
def test_hostile_query_parameters_fall_back_with_a_notice(script: str) -> None:
    for params in _combined(HOSTILE_PARAMS):
        at = run_page(script, params)
        assert not at.exception, (params, [e.value for e in at.exception])
        shown = _shown_text(at)
        assert not [body for body in shown if LIVE_MARKUP.search(body)], params
        assert not [body for body in shown if "<script>" in body], params


@pytest.mark.parametrize(
    ("script", "params", "notice"),
    [
        ("pages/timeline.py", {"years": "<script>alert(1)</script>"}, "years"),
        ("pages/map.py", {"view": "mars"}, "mars"),
        ("pages/briefing.py", {"step": "1e9"}, "1e9"),
        ("dashboard.py", {"lang": "xx"}, "xx"),
    ],
)
def test_a_hostile_parameter_is_named_in_a_visible_notice(script: str, params: dict[str, str], notice: str) -> None:
    at = run_page(script, params)
    notices = [str(element.value) for kind in ("warning", "info") for element in at.get(kind)]
    assert any(notice in re.sub(r"\\(.)", r"\1", body) for body in notices), notices
