"""The exported briefing as an offline deck (techrift/export.py): one slide per step, then the steps' sources, every
source a link, every step linked back to the live app, nothing loaded from the network. The deck in a browser:
tests/e2e/test_offline_deck.py."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from techrift import briefing, export
from techrift import filters as flt
from tests.data_folders import FIXTURE_DATA

APP = "https://techrift.example/app/"


class _Deck(HTMLParser):
    """The deck's sections (id, class), the links of each, its resource URLs, its inline scripts and JSON blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[tuple[str, str]] = []
        self.links: dict[str, list[str]] = {}
        self.resources: list[str] = []  # every src, and every href that is not a hyperlink
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.headings: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "section":
            self.sections.append((attributes.get("id") or "", attributes.get("class") or ""))
            self.links[self.sections[-1][0]] = []
        if tag == "a" and self.sections:
            self.links[self.sections[-1][0]].append(attributes.get("href") or "")
        if "src" in attributes:
            self.resources.append(attributes["src"] or "")
        if tag != "a" and "href" in attributes:
            self.resources.append(attributes["href"] or "")
        if tag == "script":
            self.scripts.append((attributes, ""))
        self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            attributes, body = self.scripts[-1]
            self.scripts[-1] = (attributes, body + data)
        if self._in == "h1" and self.sections:
            self.headings[self.sections[-1][0]] = data


@pytest.fixture(scope="module")
def decks(dataset) -> dict[str, str]:
    return {lang: briefing.export_html(dataset, FIXTURE_DATA, lang, APP) for lang in ("en", "vi")}


def _parsed(text: str) -> _Deck:
    deck = _Deck()
    deck.feed(text)
    return deck


def _drawn(dataset, lang: str) -> list[briefing.Drawn]:
    scope = flt.Scope.everything(dataset)
    return [briefing.slide(step, scope, FIXTURE_DATA, lang) for step in briefing.STEPS]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_one_slide_per_step_then_the_sources_of_each_step(decks, lang: str) -> None:
    deck = _parsed(decks[lang])
    steps = [section for section in deck.sections if "step" in section[1].split()]
    assert [section_id for section_id, _ in steps] == [f"step-{n}" for n in range(1, len(briefing.STEPS) + 1)]
    assert deck.sections[: len(steps)] == steps  # the steps first, in order
    sources = [section_id for section_id, kind in deck.sections if "sources" in kind.split()]
    assert sources and len(sources) + len(steps) == len(deck.sections)
    assert all(re.fullmatch(r"sources-\d+-\d+", section_id) for section_id in sources)
    for number, step in enumerate(briefing.STEPS, start=1):
        assert deck.headings[f"step-{number}"] == briefing.step_title(step.key, lang)[1]


def test_each_step_carries_its_slide_figure_as_inert_json(dataset, decks) -> None:
    deck = _parsed(decks["en"])
    blocks = {
        attributes["id"]: body for attributes, body in deck.scripts if attributes.get("type") == "application/json"
    }
    assert list(blocks) == [f"step-{n}-chart-figure" for n in range(1, len(briefing.STEPS) + 1)]
    for drawn, body in zip(_drawn(dataset, "en"), blocks.values(), strict=True):
        assert "<" not in body and ">" not in body  # nothing in the data can close the element
        figure = json.loads(body)
        assert [trace.get("name") for trace in figure["data"]] == [trace.name for trace in drawn.figure.data]


def test_every_source_of_every_step_is_a_link_on_its_sources_slides(dataset, decks) -> None:
    deck = _parsed(decks["en"])
    urls = dict(zip(dataset.sources["source_id"], dataset.sources["url"]))
    for number, drawn in enumerate(_drawn(dataset, "en"), start=1):
        assert drawn.source_ids, number
        expected = [
            urls[source] if isinstance(urls[source], str) else f"{APP}sources?source={source}"
            for source in drawn.source_ids
        ]
        listed = [
            link
            for section_id, links in deck.links.items()
            if section_id.startswith(f"sources-{number}-")
            for link in links
            if link != f"#step-{number}"
        ]
        assert listed == expected
        assert f"#sources-{number}-1" in deck.links[f"step-{number}"]  # the step points to them
    assert any("sources?source=" in url for links in deck.links.values() for url in links)  # a seed has no address


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_step_links_back_to_its_live_slide_and_its_full_view(dataset, decks, lang: str) -> None:
    deck = _parsed(decks[lang])
    options = flt.options_for(dataset)
    years = flt.default_filters(options).to_params(options)["years"]
    language = "&lang=vi" if lang == "vi" else ""
    for number, step in enumerate(briefing.STEPS, start=1):
        links = deck.links[f"step-{number}"]
        assert f"{APP}briefing?present=1&step={number}&years={years}{language}" in links
        assert f"{APP}{step.page}?years={years}{language}" in links


def test_nothing_is_loaded_from_anywhere_but_the_file(decks) -> None:
    for text in decks.values():
        deck = _parsed(text)
        assert [url for url in deck.resources if not url.startswith("data:")] == []
        assert [attributes for attributes, _ in deck.scripts if "src" in attributes] == []
        styles = re.findall(r"<style[^>]*>(.*?)</style>", text, flags=re.S)
        assert styles
        css_urls = [url for css in styles for url in re.findall(r"url\(([^)]*)\)", css)]
        assert [url for url in css_urls if not url.startswith("data:")] == []
        assert "plotly.js v" in text  # the library itself is inline
        assert not re.search(r"""(?:src|href)\s*=\s*["']?//""", text)  # no protocol-relative address either


def test_the_apps_font_is_embedded_with_its_licence_notice(decks) -> None:
    if not export.deck_font():
        pytest.skip("the installed Streamlit ships no Source Sans file")
    css = re.search(r"<style>(.*?)</style>", decks["vi"], flags=re.S)
    assert css
    assert '@font-face{font-family:"Source Sans";src:url(data:font/woff2;base64,' in css.group(1)
    assert "SIL Open Font License" in css.group(1)
    assert 'font-family:"Source Sans"' in css.group(1).split("@font-face", 1)[1].split("}", 1)[1]


def test_print_puts_each_slide_on_its_own_page(decks) -> None:
    text = decks["en"]
    assert ".slide:not(:last-of-type){break-after:page}" in text
    assert "@page{size:" in text  # the page is the screen's size, written by the deck's script


def test_the_full_text_stays_as_notes_and_figures_come_from_the_data(dataset, decks) -> None:
    assert "300 million USD a year" in decks["en"]
    for step in briefing.STEPS:
        assert briefing.step_text(dataset, step.key, "vi").split(".")[0] in decks["vi"].replace("&#x27;", "'")


def test_the_apps_address_is_its_root_whatever_the_page_or_prefix() -> None:
    assert export.app_root("http://127.0.0.1:8501/briefing?step=2#x") == "http://127.0.0.1:8501/"
    assert export.app_root("https://example.org/techrift/briefing") == "https://example.org/techrift/"
    assert export.app_root("") == ""  # unknown: relative links
    assert export.app_link("", "map", {"lang": "vi"}) == "map?lang=vi"
    assert export.app_link(APP, "briefing", {}) == f"{APP}briefing"


@pytest.mark.parametrize("count", [0, 1, 6, 24, 25, 43, 48, 100])
def test_sources_are_spread_evenly_over_as_few_slides_as_hold_them(count: int) -> None:
    items = [export.DeckSource(str(n), f"https://example.org/{n}") for n in range(count)]
    chunks = export._chunks(items, export.SOURCES_PER_SLIDE)
    assert [item for chunk in chunks for item in chunk] == items
    assert len(chunks) == -(-count // export.SOURCES_PER_SLIDE)
    assert all(len(chunk) <= export.SOURCES_PER_SLIDE for chunk in chunks)
    assert not chunks or max(map(len, chunks)) - min(map(len, chunks)) <= len(chunks)


def test_a_long_source_label_is_cut_to_what_its_column_holds_and_kept_whole_in_the_title() -> None:
    label = "A title of a source that goes on " * 12
    assert export.shortened(label, 1) == label[: export.SOURCE_LABEL_CHARS * 3 - 1].rstrip() + "…"
    three = export.shortened(label, 3)
    assert three.endswith("…") and len(three) <= export.SOURCE_LABEL_CHARS
    assert export.shortened("Short (Publisher)", 3) == "Short (Publisher)"
    source = export.DeckSource(label, "https://example.org/a")
    assert f'title="{label}"' in export._links([source] * 20)


def test_the_command_line_takes_the_apps_address_as_a_root() -> None:
    import argparse

    from techrift.__main__ import _app_url

    assert _app_url("https://example.org/techrift") == "https://example.org/techrift/"
    assert _app_url("http://localhost:8501/") == "http://localhost:8501/"
    with pytest.raises(argparse.ArgumentTypeError):
        _app_url("example.org")
