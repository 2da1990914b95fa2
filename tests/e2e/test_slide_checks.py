"""The shared slide checks (tests/e2e/slide_checks.py) find what they are for, on hand-made pages: text printed over
text (HTML and SVG), small or faint text, a transform that shrinks type, a blank band; and pass a clean page."""

from __future__ import annotations

from tests.e2e import slide_checks

CLEAN = """<body style="margin:0;background:#fff;font-family:sans-serif">
<h1 style="font-size:40px;margin:0;color:#111">A title</h1>
<div style="height:100px;background:#c0392b"><p style="color:#fff;font-size:24px;margin:0">white on red</p></div>
<svg width="600" height="300" style="display:block"><rect width="600" height="300" fill="#eee"/><line x1="0" y1="0" x2="0" y2="300" stroke="#333" />
<text x="10" y="40" style="font-size:24px;fill:#222">left label</text>
<text x="300" y="40" style="font-size:24px;fill:#222">right label</text></svg></body>"""


def _show(page, height: int, html: str) -> None:
    page.set_viewport_size({"width": 800, "height": height})
    page.set_content(html)


def test_a_clean_page_passes(page) -> None:
    _show(page, 480, CLEAN)
    boxes = slide_checks.text_boxes(page)
    assert {box.text for box in boxes} == {"A title", "white on red", "left label", "right label"}
    assert {box.svg for box in boxes if "label" in box.text} == {True}
    assert slide_checks.slide_problems(page, min_px=20, at_least={"h1": 40}) == []


def test_text_over_text_is_found_in_html_and_svg(page) -> None:
    _show(
        page,
        400,
        '<body style="margin:0"><svg width="800" height="400">'
        '<text x="10" y="40" style="font-size:24px">Moscow State University</text>'
        '<text x="60" y="50" style="font-size:24px">Bauman</text></svg>'
        '<p style="position:absolute;top:0;left:0;margin:0;font-size:24px">Over the chart</p></body>',
    )
    pairs = slide_checks.overlapping(slide_checks.text_boxes(page))
    found = {frozenset((a.text, b.text)) for a, b in pairs}
    assert frozenset(("Moscow State University", "Bauman")) in found
    assert frozenset(("Moscow State University", "Over the chart")) in found


def test_small_faint_and_shrunk_text_is_found(page) -> None:
    _show(
        page,
        400,
        '<body style="margin:0;background:#fff">'
        '<p style="color:#808495;font-size:24px;margin:0">grey on white</p>'
        '<p style="font-size:12px;margin:0">small</p>'
        '<div style="transform:scale(0.5);transform-origin:0 0"><p style="font-size:24px;margin:0">shrunk</p>'
        '<svg width="400" height="60"><text x="0" y="30" style="font-size:24px">svg shrunk</text></svg></div></body>',
    )
    boxes = slide_checks.text_boxes(page)
    sizes = {box.text: round(box.font_px) for box in boxes}
    assert sizes == {"grey on white": 24, "small": 12, "shrunk": 12, "svg shrunk": 12}
    assert {box.text for box in slide_checks.too_small(boxes, 20)} == {"small", "shrunk", "svg shrunk"}
    faint = slide_checks.low_contrast(page, boxes)
    assert [box.text for box, _ in faint] == ["grey on white"]
    assert 3.5 < faint[0][1] < 3.9  # Streamlit's grey on white: 3.7:1


def test_a_blank_band_is_found(page) -> None:
    _show(
        page,
        1000,
        '<body style="margin:0;background:#fff"><p style="margin:0;font-size:30px">top</p>'
        '<p style="margin:0;position:absolute;top:400px;font-size:30px">middle</p>'
        '<p style="margin:0;position:absolute;top:960px;font-size:30px">bottom</p></body>',
    )
    bands = slide_checks.blank_bands(page)
    assert len(bands) == 2  # 40-400 and 440-960 (both over 150 px); none elsewhere
    assert all(height > 150 for _, height in bands)
    problems = slide_checks.slide_problems(page, min_px=20)
    assert sum(problem.startswith("blank band") for problem in problems) == 2
