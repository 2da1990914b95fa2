"""Briefing: steps built from the pages' builders, the page's step in the URL, and the self-contained HTML export (its
slides' structure: tests/test_deck.py)."""

from __future__ import annotations

import html
import subprocess
import sys
from html.parser import HTMLParser

import plotly.io as pio
import pytest
from apptest_helpers import ROOT, plotly_specs, run_page

from techrift import briefing, overview, style
from techrift import filters as flt
from techrift.data import default_data_dir


@pytest.fixture(scope="module")
def exported(dataset) -> str:
    return briefing.export_html(dataset, default_data_dir(), "en")


@pytest.fixture(scope="module")
def exported_vi(dataset) -> str:
    return briefing.export_html(dataset, default_data_dir(), "vi")


def test_export_text_comes_from_the_data_and_is_escaped(dataset, exported: str) -> None:
    assert f"{overview.headline_figures(dataset)[0].value} named Western universities" in exported
    assert "300 million USD a year" in exported


def test_every_step_builds_a_figure_with_data(dataset) -> None:
    options = flt.options_for(dataset)
    for step in briefing.STEPS:
        figure = step.figure(flt.Scope(dataset, flt.default_filters(options), options), default_data_dir(), "en")
        assert figure.data and any(len(trace.x) for trace in figure.data if trace.x is not None), step.key


@pytest.mark.slow
def test_cli_writes_the_vietnamese_briefing(tmp_path) -> None:
    out = tmp_path / "briefing.html"
    result = subprocess.run(
        [sys.executable, "-m", "techrift", "briefing", "--out", str(out), "--lang", "vi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert '<html lang="vi">' in text and "Cánh cửa ở Mỹ đóng lại" in text


def test_page_step_comes_from_the_url_and_next_moves_it() -> None:
    at = run_page("pages/briefing.py", {"step": "3"})
    assert not at.exception
    assert at.title[0].value == "Where: Huawei's Russian partners"
    assert len(plotly_specs(at)) == 1
    next_button = next(button for button in at.button if button.label == "Next")
    next_button.click().run()
    assert at.query_params["step"] == "4"
    assert at.title[0].value == "The money, kept apart by what it means"


def test_page_falls_back_to_step_one_for_a_bad_step() -> None:
    at = run_page("pages/briefing.py", {"step": "99"})
    assert not at.exception
    assert at.main.radio[0].value == 1
    assert any("not known" in warning.value for warning in at.warning)


def _drawn(dataset, key: str, lang: str = "en", slide: bool = False) -> briefing.Drawn:
    options = flt.options_for(dataset)
    step = next(step for step in briefing.STEPS if step.key == key)
    draw = step.slide if slide and step.slide else step.draw
    return draw(flt.Scope(dataset, flt.default_filters(options), options), default_data_dir(), lang)


def test_the_money_step_is_drawn_on_a_linear_scale_as_the_app_draws_it(dataset) -> None:
    figure = _drawn(dataset, "money").figure
    axes = [axis for name, axis in figure.layout.to_plotly_json().items() if name.startswith("xaxis")]
    assert axes and {axis.get("type") for axis in axes} == {"linear"}


def test_the_money_slide_puts_every_amount_as_a_dot_on_one_log_axis(dataset) -> None:
    # Too few rows on a slide for bars in panels: docs/charts.md's "how big is each", a cap far left of a budget.
    figure = _drawn(dataset, "money", slide=True).figure
    axes = [axis for name, axis in figure.layout.to_plotly_json().items() if name.startswith("xaxis")]
    assert len(axes) == 1 and axes[0]["type"] == "log"
    assert {trace.type for trace in figure.data} == {"scatter"}


def test_the_map_step_names_every_partner_once_with_no_two_labels_overlapping(dataset) -> None:
    from techrift import framing, maps

    figure = _drawn(dataset, "russia_map").figure
    labels = {annotation.text: annotation for annotation in figure.layout.annotations}
    partners = maps.partner_sites(dataset.events, dataset.places, dataset.flows)
    assert set(partners["short_name"]) <= set(labels)
    # One unit of the figure's axes is one pixel: the boxes the labels take, as placed, must not meet.
    boxes = [
        framing.label_box(a.x, a.y, a.text, 1 if a.xanchor == "left" else -1, 0) for a in figure.layout.annotations
    ]
    assert not framing.any_overlap(boxes)
    assert figure.layout.yaxis.scaleanchor == "x" and figure.layout.yaxis.scaleratio == 1


def test_the_exported_figures_fit_their_margins_to_their_labels_and_title_their_legend_above(dataset) -> None:
    # Written out by Plotly, a figure has only its own layout and its template's (no Streamlit theme): both count.
    template = pio.templates[style.TEMPLATE_NAME].layout
    for key in ("doors_close", "money"):
        figure = _drawn(dataset, key).figure
        assert figure.layout.template.layout == template
        axes = [
            (name, axis) for name, axis in figure.layout.to_plotly_json().items() if name.startswith(("xaxis", "yaxis"))
        ]
        assert len(axes) >= 2, key
        for name, axis in axes:
            automargin = axis.get("automargin", template[name[:5]].automargin)
            assert automargin is True, (key, name)
        assert (figure.layout.legend.title.side or template.legend.title.side) == "top"


class _Prose(HTMLParser):
    """The text a reader of the exported file sees outside the charts, without the sources lines (titles as published)."""

    def __init__(self) -> None:
        super().__init__()
        self.skipping: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style") or (tag == "p" and ("class", "sources") in attrs):
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.text.append(data)


def _strings(value: object) -> list[str]:
    """Every string in a figure's JSON: trace names, labels, titles, annotations, hover texts."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _strings(item)]
    return []


def test_the_vietnamese_export_writes_no_english_from_the_catalogue(dataset, exported_vi: str) -> None:
    import re

    from techrift.i18n import CATALOGUE

    prose = _Prose()
    prose.feed(exported_vi)
    options = flt.options_for(dataset)
    figures = [
        step.figure(flt.Scope(dataset, flt.default_filters(options), options), default_data_dir(), "vi")
        for step in briefing.STEPS
    ]
    written = "\n".join([*prose.text, *(text for figure in figures for text in _strings(figure.to_plotly_json()))])
    english_only = {
        (key, fragment.strip(" .,:;()·-"))
        for key, entry in CATALOGUE.items()
        if entry["en"] != entry["vi"]
        for fragment in re.split(r"\{[^}]*\}", entry["en"])
        # Two words or more: a single word ('Russia', 'target') also occurs in the data's names and titles.
        if len(fragment.strip(" .,:;()·-").split()) >= 2 and fragment.strip(" .,:;()·-") not in entry["vi"]
    }
    assert len(english_only) > 100  # the catalogue's English, measured below
    assert sorted((key, fragment) for key, fragment in english_only if fragment in written) == []
    # No English month in the prose and text alternatives (dates there are the data's, written per language).
    assert re.findall(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b", "".join(prose.text)) == []


def test_the_vietnamese_export_names_its_sources_in_vietnamese_where_the_words_are_ours(
    dataset, exported_vi: str
) -> None:
    exported = exported_vi
    seed = dataset.sources.set_index("source_id").loc["seed-000"]
    assert seed["title"].startswith("[")  # our description of an untitled article, translated in title_vi
    assert html.escape(seed["title_vi"]) in exported and html.escape(seed["title"]) not in exported
    assert html.escape(seed["publisher_vi"]) in exported and html.escape(seed["publisher"]) not in exported
