"""Chart text in a real browser at a laptop's 1280x720 and a phone's 390x844, every page, both languages: no label
printed over another or cut at the chart's or the screen's edge, and on a phone every bar gets at least half the
chart's width (the row labels go above their rows; techrift/assets/plotly_chart/plotly_chart.js, forPhone)."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, screenshot, visit

from tests.e2e.chromium import PLOTLY_CHART

SCREENS = {"laptop": {"width": 1280, "height": 720}, "phone": {"width": 390, "height": 844}}
PAGES = ["", "timeline", "map", "funding", "compare", "briefing", "sources"]
SLACK = 1.5  # px: anti-aliasing and rounding of text boxes

# Every label plotly.js draws as SVG text in a chart, with its box in the page, and each subplot's plot area.
BOXES = r"""(charts) => charts.map((root) => {
  const svg = root.querySelector('.main-svg');
  if (!svg) return null;
  const frame = root.getBoundingClientRect();
  const selector = '.xtick text, .ytick text, .legendtext, .annotation-text, .bartext, .textpoint text, ' +
    '.g-gtitle text, .g-xtitle text, .g-ytitle text, .legendtitletext';
  const texts = [...root.querySelectorAll(selector)]
    .filter((node) => node.textContent.trim() && getComputedStyle(node).display !== 'none' &&
      getComputedStyle(node).opacity !== '0')
    .map((node) => {
      const box = node.getBoundingClientRect();
      const kind = node.closest('.xtick, .ytick, .legend, .annotation, .bars, .scatterlayer, .infolayer')?.getAttribute('class') ?? '';
      return {text: node.textContent, kind, left: box.left, right: box.right, top: box.top, bottom: box.bottom};
    })
    .filter((box) => box.right - box.left > 0 && box.bottom - box.top > 0);
  // Each x axis's drawn length (plotly.js's own layout) where the chart has bars.
  const graph = root.querySelector('.js-plotly-plot');
  const hasBars = (graph?._fullData ?? []).some((trace) => trace.type === 'bar');
  const bars = hasBars ? Object.keys(graph._fullLayout).filter((key) => /^xaxis\d*$/.test(key))
    .map((key) => graph._fullLayout[key]._length) : [];
  return {width: frame.width, left: frame.left, right: frame.right, texts, bars};
})"""


def _overlap(a: dict, b: dict) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > SLACK
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > SLACK
    )


def _problems(chart: dict, screen_width: int) -> list[str]:
    found = []
    texts = chart["texts"]
    for box in texts:
        if box["left"] < max(chart["left"], 0) - SLACK or box["right"] > min(chart["right"], screen_width) + SLACK:
            found.append(f"cut: {box['text']!r} ({box['left']:.0f}-{box['right']:.0f})")
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if _overlap(a, b):
                found.append(f"overlap: {a['text']!r} / {b['text']!r}")
    return found


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("screen", SCREENS)
def test_no_chart_label_overlaps_another_or_is_cut(app, screen: str, lang: str) -> None:
    app.set_viewport_size(SCREENS[screen])
    problems: dict[str, list[str]] = {}
    narrow_bars: dict[str, list[float]] = {}
    for path in PAGES:
        visit(app, f"{path}?lang={lang}" if lang != "en" else path)
        charts = app.locator(PLOTLY_CHART)
        for index in range(charts.count()):
            charts.nth(index).scroll_into_view_if_needed()
            app.wait_for_selector(f"{PLOTLY_CHART}[data-drawn] >> nth={index}", timeout=60_000)
        app.wait_for_timeout(1_000)  # the width settles (the sidebar, scrollbars) and plotly.js redraws once
        for number, chart in enumerate(charts.evaluate_all(BOXES)):
            if chart is None:
                continue
            name = f"{path or 'overview'} chart {number}"
            if found := _problems(chart, SCREENS[screen]["width"]):
                problems[name] = found[:8]
            if screen == "phone" and any(width < chart["width"] / 2 for width in chart["bars"]):  # px of the plot
                narrow_bars[name] = chart["bars"]
        screenshot(app, f"layout-{screen}-{lang}-{path or 'overview'}")
    report = "\n".join(f"{name}: {found}" for name, found in [*problems.items(), *narrow_bars.items()])
    (ARTIFACTS / f"layout-{screen}-{lang}.txt").write_text(report or "none")
    assert problems == {}, report
    assert narrow_bars == {}, report
