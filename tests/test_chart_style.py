"""docs/charts.md, checked on the built figures of every chart in both languages: text size and contrast."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from data_folders import FIXTURE_DATA

from techrift import briefing, style
from techrift import filters as flt
from techrift.charts import funding
from tests.figure_text import DrawnText, texts

LANGUAGES = ("en", "vi")


def every_figure(dataset, lang: str) -> dict[str, go.Figure]:
    """Each chart the app, the slides and the export draw, by name."""
    options = flt.options_for(dataset)
    filters = flt.default_filters(options)
    figures = {
        f"briefing {step.key}": step.figure(flt.Scope(dataset, filters, options), FIXTURE_DATA, lang)
        for step in briefing.STEPS
    }
    figures |= {
        f"slide {step.key}": step.slide(flt.Scope(dataset, filters, options), FIXTURE_DATA, lang).figure
        for step in briefing.STEPS
        if step.slide
    }
    for group in funding.GROUPINGS:
        for log in (False, True):
            figures[f"funding {group} log={log}"] = funding.flows_figure(dataset.flows, dataset, group, log, lang)
    series = funding.count_series(dataset.metrics, "Skoltech", "Huawei research contracts")
    figures["contracts"] = funding.count_series_figure(series, "a note", lang)
    return figures


def too_small_or_faint(figure: go.Figure) -> list[DrawnText]:
    return [
        text
        for text in texts(figure)
        if text.size < style.MIN_TEXT_PX or style.contrast(text.colour, text.background) < style.MIN_CONTRAST
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_chart_text_is_at_least_13_px_and_4_5_to_1(dataset, lang: str) -> None:
    figures = every_figure(dataset, lang)
    assert len(figures) >= 12
    for name, figure in figures.items():
        found = list(texts(figure))
        assert any("ticks" in text.where for text in found) or name.endswith("russia_map"), name
        assert any("hover" in text.where for text in found), name
        assert too_small_or_faint(figure) == [], name


def test_the_check_finds_streamlits_old_grey_and_12_px() -> None:
    figure = go.Figure(go.Scatter(x=[1], y=[1]))
    figure.update_layout(template=style.TEMPLATE_NAME, xaxis_tickfont=dict(color="#808495", size=12))
    faint = too_small_or_faint(figure)
    assert [text.where for text in faint] == ["xaxis ticks"]


def test_a_bar_label_inside_a_pale_bar_is_dark_and_inside_a_dark_bar_light() -> None:
    assert style.text_on("#f0e442") == "#000000"
    assert style.text_on("#000000") == "#ffffff"
    assert all(max(style.contrast(style.text_on(c), c), 0) >= style.MIN_CONTRAST for c in style.GROUP_PALETTE)


def test_contrast_is_wcags() -> None:
    assert style.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert style.contrast("#808495") == pytest.approx(3.72, abs=0.01)
    assert style.contrast(style.CHART_TEXT) >= style.MIN_CONTRAST
