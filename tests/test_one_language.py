"""One language at a time: every page (the overview, the six views, the briefing's slides) run in Vietnamese shows
no English of ours (no catalogue text left in English, no English month, no data label without its Vietnamese
form), and run in English shows no Vietnamese. Everything a run emits is read: text, widget labels and options,
table headers and cells, chart titles, ticks, legends and hovers, map tooltips and labels.

What stays as written in both languages, by design: the documents' own titles, publishers and notes, the seed
articles and their verbatim fragments, and the language switch (labelled in both languages)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

import pandas as pd
import pytest
from apptest_helpers import run_page
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from techrift.i18n import CATALOGUE, LANGUAGES

PAGES = [
    ("dashboard.py", {}),
    ("pages/timeline.py", {"event": "berkeley-suspends"}),
    ("pages/map.py", {"place": "skoltech", "view": "world"}),
    ("pages/funding.py", {"flow": "huawei-university-research-budget"}),
    ("pages/compare.py", {}),
    ("pages/sources.py", {"source": "scmp-tbforum"}),
    ("pages/briefing.py", {"step": "4"}),
    ("pages/briefing.py", {"present": "1", "step": "1", "notes": "1"}),
]
PAGE_IDS = ["overview", "timeline", "map", "funding", "compare", "sources", "briefing", "slides"]

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


def shown_strings(at: AppTest, code: bool = True) -> list[str]:
    """Every string a run shows (without code blocks when not `code`), unescaped (Markdown's backslashes removed)."""
    shown: list[str] = []
    for element in _elements(at._tree):
        proto = getattr(element, "proto", None)
        if not isinstance(proto, Message) or (not code and "code_text" in proto.DESCRIPTOR.fields_by_name):
            continue
        kind = type(element).__name__
        if kind == "Dataframe":
            shown += _table_strings(element)
        elif "spec" in proto.DESCRIPTOR.fields_by_name and proto.spec:
            shown += _plotly_strings(json.loads(proto.spec))
        elif "json" in proto.DESCRIPTOR.fields_by_name and proto.json and "layers" in proto.json:
            shown += _deck_strings(json.loads(proto.json))
        shown += _proto_strings(proto)
    return [re.sub(r"\\(.)", r"\1", text) for text in shown]


def as_written(dataset) -> list[str]:
    """Text shown as its author wrote it, in whatever language: the documents' titles, publishers and notes, the
    seed articles and their fragments, the language switch; longest first, so that each is removed whole."""
    sources = dataset.sources
    kept = [*sources["title"], *sources["publisher"], *sources["outlet"], *sources["note"].dropna()]
    kept += [*dataset.quotes["text"], *dataset.seed_texts.values(), dataset.changelog]
    kept += [line for text in dataset.seed_texts.values() for line in text.splitlines()]
    kept += [t_both for entry in ("language_switch",) for t_both in CATALOGUE[entry].values()]
    kept += list(LANGUAGES.values())
    return sorted({text.strip() for text in kept if isinstance(text, str) and text.strip()}, key=len, reverse=True)


def ours(at: AppTest, dataset, code: bool = True) -> str:
    """What a run shows that is ours to translate: everything but the text kept as written."""
    text = "\n".join(shown_strings(at, code))
    for kept in as_written(dataset):
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
    text = ours(at, dataset)
    assert len(text) > 500, "the run showed next to nothing: the check would prove nothing"
    left = {key: stretch for stretch, key in english_only_catalogue().items() if stretch in text}
    assert not left, f"catalogue text in English: {left}"
    assert not ENGLISH_MONTH.findall(text), ENGLISH_MONTH.findall(text)
    # a label as a word of its own: not a part of a longer name, nor of an id ("us-universities-review")
    labels = [
        label for label in untranslated_labels(dataset) if re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", text)
    ]
    assert not labels, f"data labels in English: {labels}"
    # English prose from anywhere else (a record's text, a note): a line with two of English's commonest words. The
    # citation's code blocks are left out: a reference is written in the bibliography's English conventions.
    prose = [line for line in ours(at, dataset, code=False).splitlines() if len(set(ENGLISH_WORD.findall(line))) >= 2]
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
