"""Checks over a browser page that shows one slide: the live slides (/briefing?present=1) and the exported deck share them.

Each check is a plain function of a Playwright Page (and thresholds) that returns what it found wrong, as readable
lines: an empty list means the slide passes. They read what the browser drew, not the figure: every visible text
(HTML text and the text inside a chart's SVG: ticks, row labels, legends, annotations), its box on the screen, its
rendered size (CSS transforms and SVG scaling included) and its colour; the background behind a text and the blank
bands are read from a screenshot, so a text on a bar is judged against the bar.

    problems = slide_problems(page, min_px=20 * height / 1080)
    assert not problems, "\n".join(problems)
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

# Two boxes that share less than this (px, both ways) touch rather than overlap: glyph boxes of neighbouring lines
# and inline runs meet at fractional pixels.
OVERLAP_TOLERANCE = 2.0
MIN_CONTRAST = 4.5
MAX_BLANK_SHARE = 0.15
# A pixel within this distance (each channel, 0-255) of the background counts as background (JPEG-free PNG, but
# antialiased edges and near-white gridlines are not content a reader sees from the back of a room).
BLANK_TOLERANCE = 6

# Every visible text of the page, one entry per line box: HTML text nodes (a Range's client rects, one per line) and
# SVG text (the <text>/<tspan> that holds the text node). Its rendered font size folds in every scale between the
# CSS px of its style and the screen: a CSS transform on an ancestor, the SVG's own transform.
_TEXT_BOXES_JS = """
(within) => {
  const root = within ? document.querySelector(within) : document.body;
  if (!root) return [];
  const vw = innerWidth, vh = innerHeight;
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  // Visibility is inherited and a child may undo it, so only the text's own counts; opacity multiplies down the tree.
  const visible = (el) => {
    const own = getComputedStyle(el);
    if (own.visibility === 'hidden' || own.visibility === 'collapse') return 0;
    let opacity = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none') return 0;
      opacity *= parseFloat(cs.opacity || '1');
    }
    return opacity;
  };
  // The part of `r` not cut away by an ancestor that clips (overflow other than visible, or a clip rect).
  const clipped = (el, r) => {
    let [x0, y0, x1, y1] = [r.left, r.top, r.right, r.bottom];
    // The page's root and body clip only to the viewport (done below), whatever their own height.
    for (let e = el; e && e !== document.body && e !== document.documentElement; e = e.parentElement) {
      if (e instanceof SVGElement && !(e instanceof SVGSVGElement)) continue;
      const cs = getComputedStyle(e);
      const clips = cs.overflow !== 'visible' || (cs.clip && cs.clip !== 'auto') || cs.clipPath !== 'none';
      if (!clips) continue;
      const c = e.getBoundingClientRect();
      x0 = Math.max(x0, c.left); y0 = Math.max(y0, c.top); x1 = Math.min(x1, c.right); y1 = Math.min(y1, c.bottom);
    }
    x0 = Math.max(x0, 0); y0 = Math.max(y0, 0); x1 = Math.min(x1, vw); y1 = Math.min(y1, vh);
    return x1 - x0 > 1 && y1 - y0 > 1 ? [x0, y0, x1 - x0, y1 - y0] : null;
  };
  const htmlScale = (el) => {
    for (let e = el; e; e = e.parentElement) {
      if (e instanceof HTMLElement && e.offsetWidth > 0) return e.getBoundingClientRect().width / e.offsetWidth;
    }
    return 1;
  };
  const svgScale = (el) => {
    const svg = el.ownerSVGElement;
    let outer = svg;
    while (outer && outer.ownerSVGElement) outer = outer.ownerSVGElement;
    const css = outer && outer.clientWidth ? outer.getBoundingClientRect().width / outer.clientWidth : 1;
    const m = el.getCTM && el.getCTM();
    return css * (m ? Math.hypot(m.a, m.b) : 1);
  };
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (!text) continue;
    const el = node.parentElement;
    if (!el || el.closest('script,style,noscript,title,desc')) continue;
    const opacity = visible(el);
    if (opacity < 0.05) continue;
    const cs = getComputedStyle(el);
    const inSvg = el instanceof SVGElement;
    let rects;
    if (inSvg) {
      rects = [el.getBoundingClientRect()];
    } else {
      const range = document.createRange();
      range.selectNodeContents(node);
      rects = [...range.getClientRects()];
    }
    const scale = inSvg ? svgScale(el) : htmlScale(el);
    const colour = inSvg ? cs.fill : cs.color;
    const alpha = inSvg ? parseFloat(cs.fillOpacity || '1') : 1;
    const em = parseFloat(cs.fontSize) * scale;
    for (const line of rects) {
      // The em box, centred on the line's box: the glyphs' room, not the line's (a line box is taller than its type,
      // and neighbouring lines' boxes meet or overlap by design).
      const middle = line.top + line.height / 2, half = Math.min(line.height, em) / 2;
      const r = { left: line.left, right: line.right, top: middle - half, bottom: middle + half };
      const box = clipped(el, r);
      if (!box) continue;
      out.push({
        text, x: box[0], y: box[1], width: box[2], height: box[3],
        font_px: em, colour, opacity: opacity * alpha, svg: inSvg,
        where: (el.closest('[class*="st-key-"]')?.className.match(/st-key-[\\w-]+/) || [el.tagName.toLowerCase()])[0],
      });
    }
  }
  return out;
}
"""


@dataclass(frozen=True)
class TextBox:
    """One line of visible text as the browser drew it (CSS px of the viewport)."""

    text: str
    x: float
    y: float
    width: float
    height: float
    font_px: float  # the size it is drawn at on the screen
    colour: str  # its CSS colour ('rgb(…)' / 'rgba(…)')
    opacity: float  # every ancestor's opacity, times the fill's
    svg: bool  # inside a chart's SVG
    where: str  # the Streamlit key (st-key-…) it sits in, or its tag: to say where a problem is

    def __str__(self) -> str:
        return f"“{self.text[:40]}” ({self.where}, {self.font_px:.1f} px at {self.x:.0f},{self.y:.0f})"


def text_boxes(page: Any, within: str | None = None) -> list[TextBox]:
    """Every visible line of text on the page (or inside the element `within` selects), clipped to the viewport."""
    return [TextBox(**box) for box in page.evaluate(_TEXT_BOXES_JS, within)]


def _shared(a: TextBox, b: TextBox) -> tuple[float, float]:
    width = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    height = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
    return width, height


def overlapping(boxes: list[TextBox], tolerance: float = OVERLAP_TOLERANCE) -> list[tuple[TextBox, TextBox]]:
    """The pairs of text boxes that print over each other by more than `tolerance` px both ways."""
    pairs = []
    ordered = sorted(boxes, key=lambda box: box.y)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.y >= a.y + a.height - tolerance:
                break
            width, height = _shared(a, b)
            if width > tolerance and height > tolerance:
                pairs.append((a, b))
    return pairs


def too_small(boxes: list[TextBox], min_px: float) -> list[TextBox]:
    """The texts drawn smaller than `min_px` (screen px)."""
    return [box for box in boxes if box.font_px < min_px - 0.05]


def _parse_colour(css: str) -> tuple[float, float, float, float]:
    inside = css[css.index("(") + 1 : css.rindex(")")].replace("/", ",").replace(" ", ",")
    parts = [float(part.rstrip("%")) for part in inside.split(",") if part]
    red, green, blue = parts[:3]
    return red, green, blue, parts[3] if len(parts) > 3 else 1.0


def _luminance(rgb: tuple[float, float, float]) -> float:
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: tuple[float, float, float], background: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours (0-255 channels)."""
    low, high = sorted((_luminance(foreground), _luminance(background)))
    return (high + 0.05) / (low + 0.05)


def screenshot_pixels(page: Any) -> tuple[np.ndarray, float]:
    """The viewport as an (height, width, 3) array, and device pixels per CSS px."""
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    ratio = image.width / page.evaluate("innerWidth")
    return np.asarray(image), ratio


def _dominant(pixels: np.ndarray) -> tuple[float, float, float]:
    packed = (pixels[..., 0].astype(np.int64) << 16) | (pixels[..., 1].astype(np.int64) << 8) | pixels[..., 2]
    values, counts = np.unique(packed.ravel(), return_counts=True)
    top = int(values[counts.argmax()])
    return float(top >> 16), float((top >> 8) & 255), float(top & 255)


def background_of(pixels: np.ndarray, ratio: float, box: TextBox) -> tuple[float, float, float]:
    """The colour a text sits on: the commonest colour of the screen under its box (the glyphs cover less of a line
    box than what is behind them)."""
    top, left = int(box.y * ratio), int(box.x * ratio)
    bottom, right = max(int((box.y + box.height) * ratio), top + 1), max(int((box.x + box.width) * ratio), left + 1)
    return _dominant(pixels[top:bottom, left:right])


def low_contrast(
    page: Any, boxes: list[TextBox], min_ratio: float = MIN_CONTRAST, pixels: tuple[np.ndarray, float] | None = None
) -> list[tuple[TextBox, float]]:
    """The texts whose colour (its alpha and opacity blended over the background) reaches less than `min_ratio`
    against what the screen shows behind them."""
    image, ratio = pixels or screenshot_pixels(page)
    found = []
    for box in boxes:
        red, green, blue, alpha = _parse_colour(box.colour)
        behind = background_of(image, ratio, box)
        alpha *= box.opacity
        drawn = tuple(alpha * fg + (1 - alpha) * bg for fg, bg in zip((red, green, blue), behind, strict=True))
        ratio_found = contrast_ratio(drawn, behind)  # type: ignore[arg-type]
        if ratio_found < min_ratio:
            found.append((box, ratio_found))
    return found


def blank_bands(
    page: Any, max_share: float = MAX_BLANK_SHARE, pixels: tuple[np.ndarray, float] | None = None
) -> list[tuple[float, float]]:
    """The horizontal bands taller than `max_share` of the viewport in which every pixel is the page's background
    (the commonest colour of the screen's edges), as (top, height) in CSS px."""
    image, ratio = pixels or screenshot_pixels(page)
    edges = np.concatenate([image[0], image[-1], image[:, 0], image[:, -1]])
    background = np.array(_dominant(edges))
    blank_rows = (np.abs(image.astype(np.int16) - background).max(axis=2) <= BLANK_TOLERANCE).all(axis=1)
    limit = max_share * image.shape[0]
    bands, start = [], None
    for row, blank in enumerate([*blank_rows.tolist(), False]):
        if blank and start is None:
            start = row
        elif not blank and start is not None:
            if row - start > limit:
                bands.append((start / ratio, (row - start) / ratio))
            start = None
    return bands


def slide_problems(
    page: Any,
    *,
    min_px: float,
    min_contrast: float = MIN_CONTRAST,
    max_blank: float = MAX_BLANK_SHARE,
    at_least: dict[str, float] | None = None,
    within: str | None = None,
) -> list[str]:
    """Everything wrong with the slide on screen, one readable line each: texts that overlap, texts smaller than
    `min_px` (or than `at_least[selector]` for the texts inside that selector: a title, a takeaway), texts below
    `min_contrast`, blank bands over `max_blank` of the height."""
    boxes = text_boxes(page, within)
    pixels = screenshot_pixels(page)
    problems = [f"overlap: {a} and {b}" for a, b in overlapping(boxes)]
    problems += [f"too small (< {min_px:.1f} px): {box}" for box in too_small(boxes, min_px)]
    for selector, size in (at_least or {}).items():
        inside = text_boxes(page, selector)
        if not inside:
            problems.append(f"nothing visible in {selector}")
        problems += [f"too small (< {size:.1f} px) in {selector}: {box}" for box in too_small(inside, size)]
    problems += [f"contrast {found:.2f}:1: {box}" for box, found in low_contrast(page, boxes, min_contrast, pixels)]
    problems += [
        f"blank band at {top:.0f} px, {height:.0f} px tall" for top, height in blank_bands(page, max_blank, pixels)
    ]
    return problems
