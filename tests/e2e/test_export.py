"""The exported HTML briefing, opened as a recipient would: it draws every step's chart with no network, no axis label
is cut off at its figure's edge, and the map's labels do not print over each other."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ARTIFACTS, ROOT

from techrift import briefing

# Every tick label and legend entry of every figure whose box sticks out of the figure's own box (its svg, which
# clips it).
CLIPPED_LABELS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot => {
  const figure = plot.querySelector('.main-svg').getBoundingClientRect();
  return [...plot.querySelectorAll('.xaxislayer-above text, .yaxislayer-above text, .legendtext, .legendtitletext')]
    .filter(label => label.textContent.trim())
    .map(label => [label, label.getBoundingClientRect()])
    .filter(([, box]) => box.left < figure.left - 0.5 || box.right > figure.right + 0.5
                       || box.top < figure.top - 0.5 || box.bottom > figure.bottom + 0.5)
    .map(([label, box]) => `${plot.id}: '${label.textContent}' at x ${Math.round(box.left)}..${Math.round(box.right)},`
      + ` y ${Math.round(box.top)}..${Math.round(box.bottom)}; figure x ${Math.round(figure.left)}..`
      + `${Math.round(figure.right)}, y ${Math.round(figure.top)}..${Math.round(figure.bottom)}`);
})"""
# The text and box of each label of one figure matching `selector`.
LABELS = """([id, selector]) => [...document.getElementById(id).querySelectorAll(selector)]
  .filter(label => label.textContent.trim())
  .map(label => { const box = label.getBoundingClientRect();
                  return [label.textContent, box.left, box.top, box.right, box.bottom]; })"""
# Labels drawn in a plot (text marks and annotations: the map's names); titles (the panels', the axes', the legend's).
IN_PLOT = ".textpoint text, .annotation-text"
TITLES = ".annotation-text, [class^='g-x'][class$='title'] text, [class^='g-y'][class$='title'] text, .legendtitletext"


def _overlapping(labels: list) -> list[tuple[str, str]]:
    return [
        (a[0], b[0])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """The briefing written by the command line, in each language, as a recipient gets it."""
    folder = tmp_path_factory.mktemp("briefing")
    files = {}
    for lang in ("en", "vi"):
        files[lang] = folder / f"briefing-{lang}.html"
        command = [sys.executable, "-m", "techrift", "briefing", "--out", str(files[lang]), "--lang", lang]
        subprocess.run(command, cwd=ROOT, check=True, timeout=120)
    return files


def _open(page, out: Path) -> None:
    page.goto(out.as_uri())
    page.wait_for_function(
        f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {len(briefing.STEPS)}",
        timeout=30_000,
    )


def test_exported_briefing_draws_offline(page, exported: dict[str, Path]) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _open(page, exported["en"])
    assert page.locator("section.step").count() == len(briefing.STEPS)
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_axis_label_or_legend_entry_is_clipped(page, exported: dict[str, Path], lang: str) -> None:
    _open(page, exported[lang])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"briefing-export-{lang}.png"), full_page=True)  # to look at
    ticks = page.locator(".js-plotly-plot .xaxislayer-above text, .js-plotly-plot .yaxislayer-above text")
    assert ticks.count() > 50  # the timelines' lanes and months, the money panels' amounts: all measured below
    assert page.evaluate(CLIPPED_LABELS) == []


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_map_labels_do_not_overlap(page, exported: dict[str, Path], lang: str) -> None:
    _open(page, exported[lang])
    map_step = [step.key for step in briefing.STEPS].index("russia_map") + 1
    labels = page.evaluate(LABELS, [f"step-{map_step}-chart", IN_PLOT])
    assert len(labels) >= 7  # the seven partner institutions at least
    assert _overlapping(labels) == []


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_title_prints_over_another(page, exported: dict[str, Path], lang: str) -> None:
    _open(page, exported[lang])
    overlapping = {
        number: _overlapping(page.evaluate(LABELS, [f"step-{number}-chart", TITLES]))
        for number in range(1, len(briefing.STEPS) + 1)
    }
    assert overlapping == {number: [] for number in overlapping}
