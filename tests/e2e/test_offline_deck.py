"""The exported briefing as a recipient opens it, from a file with the network off: the keys step through every slide,
the step is in the address (a reload keeps it), every slide passes the live slides' checks (tests/e2e/slide_checks.py:
no text over text, type sized to the screen, 4.5:1 contrast, no blank band) at 720p, 1080p and 4K in both languages,
and printing gives one page per slide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from slide_checks import slide_problems

from techrift import briefing
from techrift.data import default_data_dir, load_dataset

SIZES = [(1280, 720), (1920, 1080), (3840, 2160)]
DESIGN_HEIGHT = 1080  # the sizes are given for a 1920x1080 screen; they scale with its height
MIN_TEXT, MIN_TITLE, MIN_TAKEAWAY = 20, 56, 32
NEXT_KEYS = ["ArrowRight", " ", "PageDown"]
APP = "https://techrift.example/"
# The steps whose slide figure (techrift/briefing.py: its rows, labels and panels at the slide's type size) h34live is
# reworking in issue 34's live slides: a problem found inside such a figure (text over text in the chart, a blank band
# across it) is theirs, and the test is an expected failure until their figures land; any other problem fails it.
FIGURE_OWNED = {
    "pivot": "33 rows printed over each other: the slide shows the Russian side with the US side summarised",
    "russia_map": "the map's labels are placed for the app's 13 px type: at 20 px neighbours meet",
    "money": "panel titles over the legend",
    "aws_nvidia": "two lanes with unlabelled marks leave a blank band: the slide labels its marks directly",
}
BOX_TAG = re.compile(r"\((\w[\w-]*), [\d.]+ px at")


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    """The deck written from the shipped data in each language, as a file a recipient double-clicks."""
    folder = tmp_path_factory.mktemp("deck")
    dataset = load_dataset(default_data_dir())
    files = {}
    for lang in ("en", "vi"):
        files[lang] = folder / f"briefing-{lang}.html"
        files[lang].write_text(briefing.export_html(dataset, default_data_dir(), lang, APP), encoding="utf-8")
    return files


def _offline(page) -> list[str]:
    """Every request the page attempts that is not for the file itself (or data it holds) is refused and recorded."""
    attempted: list[str] = []

    def refuse(route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    page.route("**/*", refuse)
    return attempted


def _open(page, deck: Path, hash_: str = "") -> None:
    page.goto(deck.as_uri() + hash_, timeout=120_000)  # 5 MB from disk; slow when the machine is busy
    page.wait_for_function("() => document.body.dataset.drawn", timeout=60_000)


def _current(page) -> str:
    return page.evaluate("() => document.querySelector('section.slide.current').id")


def _figures(problems: list[str]) -> bool:
    """Whether every problem is inside a chart (SVG text over SVG text, or too small there) or a blank band."""
    return all("blank band" in line or set(BOX_TAG.findall(line)) <= {"text", "tspan"} for line in problems)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_slide_reads_from_the_back_of_the_room(page, decks, lang: str, size: tuple[int, int]) -> None:
    width, height = size
    scale = height / DESIGN_HEIGHT
    page.set_viewport_size({"width": width, "height": height})
    attempted = _offline(page)
    _open(page, decks[lang])
    slides = page.evaluate("() => [...document.querySelectorAll('section.slide')].map(s => s.id)")
    assert slides[: len(briefing.STEPS)] == [f"step-{n}" for n in range(1, len(briefing.STEPS) + 1)]
    found: dict[str, list[str]] = {}
    for index, slide in enumerate(slides):
        assert _current(page) == slide and page.url.endswith(f"#{slide}")
        problems = slide_problems(
            page,
            min_px=MIN_TEXT * scale,
            at_least={"section.current h1": MIN_TITLE * scale, "section.current .takeaway": MIN_TAKEAWAY * scale},
        )
        if problems:
            found[slide] = problems
        if index + 1 < len(slides):
            page.keyboard.press(NEXT_KEYS[index % len(NEXT_KEYS)])
    assert attempted == []
    owned = {
        number: FIGURE_OWNED[step.key]
        for number, step in enumerate(briefing.STEPS, start=1)
        if step.key in FIGURE_OWNED
    }
    figures = {
        slide: problems
        for slide, problems in found.items()
        if int(slide.split("-")[1]) in owned and slide.startswith("step-") and _figures(problems)
    }
    assert {slide: problems for slide, problems in found.items() if slide not in figures} == {}
    if figures:
        pytest.xfail(
            "h34live's slide figures (techrift/briefing.py, issue 34): "
            + "; ".join(
                f"{slide}: {owned[int(slide.split('-')[1])]} ({len(figures[slide])} found)" for slide in figures
            )
        )


def test_keys_move_both_ways_and_a_reload_keeps_the_slide(page, decks) -> None:
    attempted = _offline(page)
    page.set_viewport_size({"width": 1280, "height": 720})
    _open(page, decks["en"], "#step-3")
    assert _current(page) == "step-3"
    page.keyboard.press("ArrowLeft")
    assert _current(page) == "step-2" and page.url.endswith("#step-2")
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")  # past the first: stays
    assert _current(page) == "step-1"
    page.keyboard.press("End")
    last = page.evaluate("() => [...document.querySelectorAll('section.slide')].at(-1).id")
    assert _current(page) == last
    page.keyboard.press("ArrowRight")  # past the last: stays
    assert _current(page) == last
    page.keyboard.press("Home")
    page.keyboard.press("PageDown")
    page.keyboard.press(" ")
    assert _current(page) == "step-3"
    page.reload()
    page.wait_for_function("() => document.body.dataset.drawn", timeout=60_000)
    assert _current(page) == "step-3"
    _open(page, decks["en"], "#no-such-slide")
    assert _current(page) == "step-1"
    assert attempted == []


def test_a_step_links_to_its_sources_and_back(page, decks) -> None:
    _offline(page)
    _open(page, decks["vi"], "#step-2")
    page.locator("section.current footer a").click()
    assert _current(page) == "sources-2-1"
    page.locator("section.current .bar a").click()
    assert _current(page) == "step-2"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_printing_gives_one_page_per_slide_the_size_of_the_screen(page, decks, lang: str) -> None:
    attempted = _offline(page)
    page.set_viewport_size({"width": 1920, "height": 1080})
    _open(page, decks[lang])
    slides = page.locator("section.slide").count()
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) == slides
    boxes = {box for box in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)}
    assert {(float(w), float(h)) for w, h in boxes} == {(1440.0, 810.0)}  # 1920x1080 px in points
    assert attempted == []
