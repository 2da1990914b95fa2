"""The layers of the code, read from the imports (ast): a module imports only its own layer and those below it, only
the UI imports streamlit, and the chart and map builders never load data."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first, as docs/architecture.md draws them (top first; tests/test_architecture_doc.py compares). A module may
# import its own layer and the ones above it in this list.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("contracts", ("techrift", "techrift.schema", "techrift.caching")),  # contracts and vocabulary; the one cache
    (
        "text",
        (
            "techrift.text",
            "techrift.i18n",
            "techrift.formatting",
            "techrift.style",
            "techrift.amounts",
            "techrift.fragments",
        ),
    ),  # escaping, labels, formats; numbers as written, links to a sentence
    # reading, checking, writing the data; a record's support is derived when it is read; live: noticing edits and
    # keeping the last good data
    (
        "data",
        (
            "techrift.data",
            "techrift.validate",
            "techrift.datapackage",
            "techrift.export",
            "techrift.support",
            "techrift.live",
        ),
    ),
    (
        "rules",
        (
            "techrift.filters",
            "techrift.pivot",
            "techrift.comparison",
            "techrift.overview",
            "techrift.sources",
            "techrift.citation",
            "techrift.evidence",
            "techrift.records",
            "techrift.share",
            "techrift.search",
        ),
    ),
    ("builders", ("techrift.charts", "techrift.framing", "techrift.maps")),  # frames in, figures and decks out
    (
        "views",
        ("techrift.views", "techrift.briefing", "techrift.sitemap", "techrift.record_page"),
    ),  # what a page or an export shows; the pages
    # Streamlit glue; startup.py is the server's start (it loads the data through the UI's cached loader).
    ("ui", ("techrift.ui", "techrift.startup")),
    ("entry points", ("pages", "dashboard", "techrift.__main__")),
]
LAYER_OF = {module: rank for rank, (_, modules) in enumerate(LAYERS) for module in modules}
PACKAGES = (
    "techrift.charts",
    "techrift.maps",
    "techrift.ui",
    "pages",
)  # every module in them is in the package's layer
UI, BUILDERS = LAYER_OF["techrift.ui"], LAYER_OF["techrift.maps"]
STREAMLIT_ALLOWED = ("techrift.ui", "techrift.startup", "pages", "dashboard")  # the UI, the pages, the entry point
# What a builder may take from techrift.data: the dataset's type and its id-list helper, nothing that reads files.
BUILDER_DATA_NAMES = {"Dataset", "split_ids"}
FILE_READING = {"open", "read_text", "read_bytes", "read_csv", "read_excel", "read_json", "read_parquet", "load"}


@dataclass(frozen=True)
class Import:
    module: str  # as written, resolved to a module where `from package import module` names one
    names: tuple[str, ...]
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int | None:
    """The layer of a module (a package's modules are in its layer); None for what is not the app's (pandas...)."""
    if module in LAYER_OF:
        return LAYER_OF[module]
    package = next((package for package in PACKAGES if module.startswith(f"{package}.")), None)
    return None if package is None else LAYER_OF[package]


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(source: str) -> Iterator[Import]:
    """Every import in a module's source, at any depth (inside functions too)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(alias.name, (), node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = tuple(alias.name for alias in node.names)
            submodules = [f"{node.module}.{name}" for name in names if _is_module(f"{node.module}.{name}")]
            for submodule in submodules:
                yield Import(submodule, (), node.lineno)
            if len(submodules) < len(names):
                yield Import(node.module, names, node.lineno)


def reads_files(source: str) -> list[int]:
    """Lines that call something reading a file (open, Path.read_text, pd.read_csv, json.load, ...)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if called in FILE_READING:
                lines.append(node.lineno)
    return lines


def violations(module: str, source: str) -> list[str]:
    """What in one module's source breaks the layering (empty when nothing does)."""
    found: list[str] = []
    own = layer_of(module)
    if own is None:
        return [f"{module}: in no layer of tests/test_layering.py (place it there)"]
    for imported in imports(source):
        top = imported.module.split(".")[0]
        if top == "streamlit" and not module.startswith(STREAMLIT_ALLOWED):
            found.append(f"{module}:{imported.line}: imports streamlit (only the UI, the pages and dashboard.py may)")
        target = layer_of(imported.module)
        if top in ("techrift", "pages", "dashboard") and target is not None and target > own:
            found.append(
                f"{module}:{imported.line}: imports {imported.module} ({LAYERS[target][0]}), above its layer "
                f"({LAYERS[own][0]})"
            )
        if own == BUILDERS and imported.module.startswith("techrift.data"):
            loading = set(imported.names) - BUILDER_DATA_NAMES if imported.names else {imported.module}
            if loading:
                found.append(f"{module}:{imported.line}: a builder imports {sorted(loading)} from techrift.data")
    if own == BUILDERS:
        found += [f"{module}:{line}: a builder reads a file" for line in reads_files(source)]
    return found


def app_files() -> list[Path]:
    return [*sorted((ROOT / "techrift").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py")), ROOT / "dashboard.py"]


@pytest.mark.parametrize("path", app_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_each_module_keeps_to_its_layer(path: Path) -> None:
    assert violations(module_name(path), path.read_text(encoding="utf-8")) == []


def test_the_layers_cover_the_whole_app() -> None:
    assert {module_name(path) for path in app_files() if layer_of(module_name(path)) is None} == set()
    assert layer_of("pages.map") == layer_of("dashboard") == len(LAYERS) - 1
    assert layer_of("techrift.ui.internals") == UI and layer_of("techrift.charts.timeline") == BUILDERS


# --------------------------------------------------------------------------- the check can fail

A_BUILDER_THAT_BREAKS_EVERY_RULE = """
import json
import streamlit as st
from techrift import views
from techrift.data import Dataset, load_dataset

def partner_figure(dataset: Dataset):
    with open("data/places.csv") as places:
        st.write(json.load(places))
    return views.map_view
"""


def test_a_builder_that_breaks_every_rule_is_caught() -> None:
    found = violations("techrift.charts.fake", A_BUILDER_THAT_BREAKS_EVERY_RULE)
    assert found == [
        "techrift.charts.fake:3: imports streamlit (only the UI, the pages and dashboard.py may)",
        "techrift.charts.fake:4: imports techrift.views (views), above its layer (builders)",
        "techrift.charts.fake:5: a builder imports ['load_dataset'] from techrift.data",
        "techrift.charts.fake:8: a builder reads a file",
        "techrift.charts.fake:9: a builder reads a file",
    ]


def test_a_rule_module_importing_a_chart_or_the_ui_is_caught() -> None:
    found = violations("techrift.pivot", "from techrift.charts import timeline\nfrom techrift.ui import shell\n")
    assert [line.split(": ", 1)[1] for line in found] == [
        "imports techrift.charts.timeline (builders), above its layer (rules)",
        "imports techrift.ui.shell (ui), above its layer (rules)",
    ]


def test_a_module_in_no_layer_is_caught() -> None:
    assert violations("techrift.newcomer", "") == [
        "techrift.newcomer: in no layer of tests/test_layering.py (place it there)"
    ]
