"""One language at a time: every page (the overview, the six views, the briefing's slides) run in Vietnamese shows
no English of ours (no catalogue text left in English, no English month, no data label without its Vietnamese
form), and run in English shows no Vietnamese. Everything a run emits is read: text, widget labels and options,
table headers and cells, chart titles, ticks, legends and hovers, map tooltips and labels.

What stays as written in both languages, by design: the documents' own titles, the publishers' names, what a
source's note quotes, the seed articles and their verbatim fragments, the sentences the sources state each record
in (evidence excerpts, only inside the app's quotation marks), and the language switch (labelled in both
languages). Our descriptive [bracketed] titles, our descriptions of publishers and our notes have their Vietnamese
forms: the Sources page and its citation box show no English of them in Vietnamese."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

import pandas as pd
import pytest
from apptest_helpers import run_page
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from techrift import sitemap
from techrift.evidence import HOVER_CHARACTERS, one_line
from techrift.i18n import CATALOGUE, LANGUAGES
from techrift.ui import plotly_chart

# Every view of every page (techrift/sitemap.py), with a record's detail open where the shipped data has the record.
DETAILS_OPEN = {
    "pages/timeline.py": {"event": "berkeley-suspends"},
    "pages/map.py": {"place": "skoltech"},
    "pages/funding.py": {"flow": "huawei-university-research-budget"},
    "pages/sources.py": {"source": "scmp-tbforum"},
}
PAGES = [(script, {**DETAILS_OPEN.get(script, {}), **params}) for script, params in sitemap.visits()]
PAGE_IDS = [sitemap.visit_id(script, params) for script, params in sitemap.visits()]

# Proto fields that are not text a reader sees (ids, addresses, encoded data read apart below).
NOT_SHOWN = {"id", "form_id", "query_param_key", "url", "deferred_file_id", "icon", "arrow_data", "spec", "json"}
# Plotly keys whose strings a reader sees (not x/y data, customdata, ids or colours).
PLOTLY_SHOWN = {"name", "text", "hovertext", "ticktext", "title", "legendgrouptitle"}
ENGLISH_MONTH = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?:\d{1,2},?\s+)?\d{4}\b"
)
ENGLISH_WORD = re.compile(r"(?<![\w-])(?:the|and|of|with|for|from|to|not|in|is|are|was)(?![\w-])")
# Web addresses and file paths: not words.
ADDRESS = re.compile(r"(?:https?://|(?<!\w)/|seeds/)\S*")
# Letters only Vietnamese uses among the interface's languages.
VIETNAMESE_LETTER = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def _proto_strings(message: Message) -> Iterator[str]:
    for field, value in message.ListFields():
        if field.name in NOT_SHOWN:
            continue
        items = value if isinstance(value, Sequence) and not isinstance(value, str) else [value]
        for item in items:
            if isinstance(item, str):
                yield item
            elif isinstance(item, Message):
                yield from _proto_strings(item)


def _plotly_strings(node: Any, key: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        if key in ("title", "legendgrouptitle") and isinstance(node.get("text"), str):
            yield node["text"]
        for child_key, child in node.items():
            if child_key == "annotations":
                yield from (a["text"] for a in child if isinstance(a.get("text"), str))
            elif child_key in PLOTLY_SHOWN and isinstance(child, str):
                yield child
            elif child_key in PLOTLY_SHOWN and isinstance(child, list):
                yield from (item for item in child if isinstance(item, str))
            else:
                yield from _plotly_strings(child, child_key)
    elif isinstance(node, list):
        for child in node:
            yield from _plotly_strings(child, key)


def _deck_strings(deck: dict[str, Any]) -> Iterator[str]:
    yield from (str(value) for value in (deck.get("tooltip") or {}).values())
    for layer in deck.get("layers", []):
        for row in layer.get("data") if isinstance(layer.get("data"), list) else []:
            yield from (str(row[key]) for key in row if key.startswith("tip_") or key in ("text", "label"))


def _table_strings(element: Any) -> Iterator[str]:
    config = json.loads(element.proto.columns or "{}")
    yield from (settings["label"] for settings in config.values() if isinstance(settings.get("label"), str))
    frame: pd.DataFrame = element.value
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            yield from (value for value in frame[column] if isinstance(value, str))


def _elements(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _elements(child)


# The search's marks on matched words (techrift/ui/search_box.py): markup around a text kept as written, not words.
SEARCH_MARKS = re.compile(r":orange-background\[\*\*((?:\\.|[^\\\]])*)\*\*\]")


def shown_strings(at: AppTest) -> list[str]:
    """Every string a run shows, unescaped (Markdown's backslashes removed), the search's marks removed."""
    shown: list[str] = []
    for element in _elements(at._tree):
        proto = getattr(element, "proto", None)
        if not isinstance(proto, Message):
            continue
        kind = type(element).__name__
        if kind == "Dataframe":
            shown += _table_strings(element)
        elif getattr(proto, "component_name", None) == plotly_chart.NAME:
            handed = json.loads(proto.json)
            shown += [handed.get("alt", ""), *_plotly_strings(json.loads(handed.get("figure") or "{}"))]
        elif "json" in proto.DESCRIPTOR.fields_by_name and proto.json and "layers" in proto.json:
            shown += _deck_strings(json.loads(proto.json))
        shown += _proto_strings(proto)
    return [re.sub(r"\\(.)", r"\1", SEARCH_MARKS.sub(r"\1", text)) for text in shown]


# A stretch a source's note quotes: between single quotes, an apostrophe inside it ("Amazon's") left alone.
QUOTED = re.compile(r"(?<!\w)'(.+?)'(?!\w)")


def sources_as_written(sources: pd.DataFrame) -> list[str]:
    """The sources' text kept as written in Vietnamese: the works' own titles, the publishers' names (their
    Vietnamese forms, which keep the names), the outlets and what the notes quote."""
    own_titles = sources.loc[sources["title_vi"].isna(), "title"]
    quoted = [match for note in sources["note_vi"].dropna() for match in QUOTED.findall(note)]
    return [*own_titles, *sources["publisher_vi"], *sources["outlet"], *quoted]


def ours_in_sources(sources: pd.DataFrame) -> list[str]:
    """The sources' English text that is ours (notes, [bracketed] titles, descriptions of publishers), longest first;
    a note's quotes left out."""
    english = [*sources["note"].dropna(), *sources.loc[sources["title_vi"].notna(), "title"]]
    english += list(sources.loc[sources["publisher"] != sources["publisher_vi"], "publisher"])
    return sorted({QUOTED.sub(" ", text).strip() for text in english}, key=len, reverse=True)


def quotations(dataset) -> list[str]:
    """The sources' sentences (evidence excerpts) as the app quotes them, verbatim inside its quotation marks: whole
    (a record's panel, the citation box), cut to a table's line, or cut to a hover's and escaped for its HTML. Only
    these exact forms: the same words outside the marks, or a translation of ours, still count as ours."""
    forms = []
    for excerpt in dataset.evidence["excerpt"]:
        flat = " ".join(excerpt.split())
        forms += [
            f"“{excerpt}”",
            f"“{flat}”",
            f"“{one_line(flat)}”",
            f"“{html.escape(one_line(flat, HOVER_CHARACTERS))}”",
        ]
    return forms


def as_written(dataset, sources_translated: bool = False) -> list[str]:
    """Text shown as its author wrote it, in whatever language: the documents' titles, publishers and notes (with
    `sources_translated`: only what `sources_as_written` keeps), the seed articles and their fragments, the evidence
    excerpts as quoted, the language switch; longest first, so that each is removed whole."""
    sources = dataset.sources
    if sources_translated:
        kept = sources_as_written(sources)
    else:
        kept = [*sources["title"], *sources["publisher"], *sources["outlet"], *sources["note"].dropna()]
    kept += [*dataset.quotes["text"], *dataset.seed_texts.values(), dataset.changelog, *quotations(dataset)]
    kept += [line for text in dataset.seed_texts.values() for line in text.splitlines()]
    kept += [t_both for entry in ("language_switch",) for t_both in CATALOGUE[entry].values()]
    kept += list(LANGUAGES.values())
    return sorted({text.strip() for text in kept if isinstance(text, str) and text.strip()}, key=len, reverse=True)


def ours(at: AppTest, dataset, sources_translated: bool = False) -> str:
    """What a run shows that is ours to translate: everything but the text kept as written."""
    text = "\n".join(shown_strings(at))
    for kept in as_written(dataset, sources_translated):
        text = text.replace(kept, " ")
    return ADDRESS.sub(" ", text)


def english_only_catalogue() -> dict[str, str]:
    """Catalogue entries whose English differs from their Vietnamese: each English stretch between placeholders
    long enough to be a phrase (at least three words), by key."""
    stretches: dict[str, str] = {}
    for key, entry in CATALOGUE.items():
        if entry["en"] == entry.get("vi"):
            continue
        for stretch in re.split(r"\{[^}]*\}|[*\[\]()]", entry["en"]):
            stretch = stretch.strip(" .,:;")
            if len(stretch.split()) >= 3:
                stretches[stretch] = key
    return stretches


def untranslated_labels(dataset) -> list[str]:
    """The vocabulary's English labels that have a Vietnamese form of their own."""
    vocabulary = dataset.vocabulary
    return list(vocabulary.loc[vocabulary["en"] != vocabulary["vi"], "en"])


@pytest.fixture(scope="module")
def vietnamese_runs() -> dict[str, AppTest]:
    return {name: run_page(path, {"lang": "vi", **params}) for name, (path, params) in zip(PAGE_IDS, PAGES)}


@pytest.mark.parametrize("page", PAGE_IDS)
def test_a_page_in_vietnamese_shows_no_english_of_ours(vietnamese_runs, dataset, page: str) -> None:
    at = vietnamese_runs[page]
    assert not at.exception, [e.value for e in at.exception]
    text = ours(at, dataset, sources_translated=True)
    assert len(text) > 500, "the run showed next to nothing: the check would prove nothing"
    left = {key: stretch for stretch, key in english_only_catalogue().items() if stretch in text}
    assert not left, f"catalogue text in English: {left}"
    assert not ENGLISH_MONTH.findall(text), ENGLISH_MONTH.findall(text)
    # a label as a word of its own: not a part of a longer name, nor of an id ("us-universities-review")
    labels = [
        label for label in untranslated_labels(dataset) if re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", text)
    ]
    assert not labels, f"data labels in English: {labels}"
    # English prose from anywhere else (a record's text, a note), the citation box's reference and BibTeX included: a
    # line with two of English's commonest words.
    prose = [line for line in text.splitlines() if len(set(ENGLISH_WORD.findall(line))) >= 2]
    assert not prose, prose[:10]


@pytest.mark.parametrize("page", PAGE_IDS)
def test_a_page_in_english_shows_no_vietnamese(dataset, page: str) -> None:
    path, params = PAGES[PAGE_IDS.index(page)]
    at = run_page(path, params)
    assert not at.exception, [e.value for e in at.exception]
    text = ours(at, dataset)
    assert len(text) > 500
    found = [line for line in text.splitlines() if VIETNAMESE_LETTER.search(line)]
    assert not found, found[:10]


# Sources of every kind the page shows differently: seeds (one with our [bracketed] title, one with its own),
# aggregators (one quoting English, one with our description of its publisher), a gazetteer, a source with no note.
SOURCES_SHOWN = [
    "seed-000",
    "seed-003",
    "paginasiete-2025-08-11",
    "meterpreter",
    "newsbytes-ft-2025-07-23",
    "fr-2020-huawei-fdpr",
    "gaz-moscow",
    "thestar-meng-2018",
]


@pytest.mark.parametrize("source_id", SOURCES_SHOWN)
def test_the_sources_page_and_its_citation_in_vietnamese_show_no_english_of_ours(dataset, source_id: str) -> None:
    at = run_page("pages/sources.py", {"lang": "vi", "source": source_id})
    assert not at.exception, [e.value for e in at.exception]
    source = dataset.sources.set_index("source_id").loc[source_id]
    shown = "\n".join(shown_strings(at))
    # the chosen source in Vietnamese: its note, its title where it is ours, its publisher as we describe it
    for base in ("note", "title", "publisher"):
        if isinstance(source[f"{base}_vi"], str):
            assert source[f"{base}_vi"] in shown, base
    english = [text for text in ours_in_sources(dataset.sources) if text in shown]
    assert not english, english[:10]
    text = ours(at, dataset, sources_translated=True)
    assert len(text) > 500
    left = {key: stretch for stretch, key in english_only_catalogue().items() if stretch in text}
    assert not left, f"catalogue text in English: {left}"
    assert not ENGLISH_MONTH.findall(text), ENGLISH_MONTH.findall(text)
    # the citation box too (code blocks included): its reference, BibTeX note and source lines are in Vietnamese
    prose = [line for line in text.splitlines() if len(set(ENGLISH_WORD.findall(line))) >= 2]
    assert not prose, prose[:10]
