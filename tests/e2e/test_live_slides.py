"""The live slides in a real browser (/briefing?present=1): every slide at 1280x720, 1920x1080 and 3840x2160, in both
languages, passes the shared slide checks (tests/e2e/slide_checks.py: no text over text, type at the issue's sizes
scaled to the screen, 4.5:1 contrast, no blank band over 15 % of the height); the presenter's window and the audience's
window it opens move together in one browser, and either keeps its step on a reload or after the network drops.

One server and one browser for all of it; one page load per screen size and language, the keys walking its slides
(a step change happens in the browser, so the walk costs no server round trip)."""

from __future__ import annotations

import json

import pytest
from conftest import ARTIFACTS, EXCEPTION, query_of, screenshot

from techrift import briefing
from tests.e2e import slide_checks

SIZES = {"720p": (1280, 720), "1080p": (1920, 1080), "2160p": (3840, 2160)}
STEPS = len(briefing.STEPS)
ALL_DRAWN = f"() => document.querySelectorAll('.techrift-plotly[data-drawn]').length >= {STEPS}"
READY = "html[data-slides-ready]"


def _open(page, path: str) -> None:
    page.goto(f"{page.app_url}/{path}")
    page.wait_for_selector(READY, state="attached", timeout=120_000)
    page.wait_for_function(ALL_DRAWN, timeout=120_000)
    assert page.locator(EXCEPTION).count() == 0


def _shown(page) -> str | None:
    return page.evaluate("() => document.documentElement.dataset.slide ?? null")


def _wait_step(page, step: int) -> None:
    page.wait_for_function(f"() => document.documentElement.dataset.slide === '{step}'", timeout=20_000)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("size", SIZES)
def test_every_slide_reads_at_every_size(app, size: str, lang: str) -> None:
    width, height = SIZES[size]
    app.set_viewport_size({"width": width, "height": height})
    _open(app, "briefing?present=1&step=1" + ("&lang=vi" if lang == "vi" else ""))
    assert not app.locator('[data-testid="stSidebar"]').is_visible()
    assert not app.locator('[data-testid="stHeader"]').is_visible()
    scale = briefing.slide_scale(width, height)
    canvas = app.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    assert canvas and abs(canvas["width"] - width) <= 1 and abs(canvas["height"] - height) <= 1  # fills the screen
    problems: dict[int, list[str]] = {}
    for step in range(1, STEPS + 1):
        if step > 1:
            app.keyboard.press("ArrowRight")
        _wait_step(app, step)
        assert query_of(app)["step"] == str(step)
        slide = f".st-key-deck_slide_{step}"
        found = slide_checks.slide_problems(
            app,
            min_px=20 * scale,
            at_least={f"{slide} h1": 56 * scale, f'{slide} [class*="st-key-slide_takeaway"]': 32 * scale},
        )
        # the chart's own texts (ticks, row labels, legend) at the chart size
        chart = slide_checks.text_boxes(app, f"{slide} .techrift-plotly")
        assert len(chart) >= 5, f"step {step}: the chart's texts were not found"
        found += [f"chart text too small: {box}" for box in slide_checks.too_small(chart, 20 * scale)]
        if found:
            problems[step] = found
        if size == "1080p" or step in (2, 4):
            screenshot(app, f"slide-{step}-{lang}-{width}x{height}")
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)


def test_the_presenter_drives_the_audience_and_both_keep_their_step(context, app_url: str) -> None:
    presenter = context.new_page()
    presenter.app_url = app_url
    presenter.set_viewport_size({"width": 1600, "height": 900})
    _open(presenter, "briefing?present=1&presenter=1&step=2")
    assert presenter.get_by_text("→ Space PageDown", exact=False).is_visible()  # the key hint is the presenter's
    assert presenter.locator(".st-key-deck_notes_2").is_visible()
    with context.expect_page() as opened:
        presenter.locator(".techrift-presenter-open").click()
    audience = opened.value
    audience.app_url = app_url
    audience.set_viewport_size({"width": 1280, "height": 720})
    audience.wait_for_selector(READY, state="attached", timeout=120_000)
    audience.wait_for_function(ALL_DRAWN, timeout=120_000)
    assert "presenter" not in query_of(audience) and _shown(audience) == "2"
    assert audience.locator(".techrift-presenter, [class*='st-key-deck_notes_']").count() == 0  # no notes, no controls
    assert audience.get_by_text("→ Space", exact=False).count() == 0

    presenter.keyboard.press("ArrowRight")
    _wait_step(audience, 3)
    assert query_of(audience)["step"] == "3"
    audience.keyboard.press("End")  # a key in the audience's window moves the presenter's too
    _wait_step(presenter, STEPS)
    presenter.keyboard.press("PageUp")
    _wait_step(audience, STEPS - 1)

    audience.reload()
    audience.wait_for_selector(READY, state="attached", timeout=120_000)
    _wait_step(audience, STEPS - 1)
    presenter.reload()
    presenter.wait_for_selector(READY, state="attached", timeout=120_000)
    _wait_step(presenter, STEPS - 1)
    presenter.keyboard.press("Home")
    _wait_step(audience, 1)

    # The network drops and returns (the server's connection with it): the slides stay where the presenter is.
    context.set_offline(True)
    presenter.keyboard.press("ArrowRight")
    _wait_step(audience, 2)
    audience.wait_for_timeout(1500)
    context.set_offline(False)
    audience.wait_for_timeout(3000)  # Streamlit reconnects and reruns the page
    assert _shown(audience) == "2" and query_of(audience)["step"] == "2"
    screenshot(presenter, "presenter-2-en-1600x900")
    screenshot(audience, "audience-2-en-1280x720")


def test_a_step_change_is_timed(app) -> None:
    """Not a timed test: it records how long a key takes to draw the next slide (keydown to the next frame drawn)."""
    app.set_viewport_size({"width": 1920, "height": 1080})
    _open(app, "briefing?present=1&step=1")
    app.evaluate(
        """() => {
          window.__keyAt = []; window.__drawnAt = [];
          window.addEventListener('keydown', (e) => window.__keyAt.push(e.timeStamp), true);
          window.addEventListener('techrift-slide', () =>
            requestAnimationFrame(() => requestAnimationFrame(() => window.__drawnAt.push(performance.now()))));
        }"""
    )
    keys = ["ArrowRight"] * (STEPS - 1) + ["ArrowLeft"] * (STEPS - 1)
    for key in keys:
        app.keyboard.press(key)
        app.wait_for_timeout(300)
    timings = app.evaluate("() => window.__drawnAt.map((t, i) => t - window.__keyAt[i])")
    assert len(timings) == len(keys)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "slide-step-timing.json").write_text(json.dumps({"ms": timings}))
    print("step change, key to frame drawn (ms):", [round(t, 1) for t in timings])
