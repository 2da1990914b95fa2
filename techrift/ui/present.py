"""The briefing as slides (/briefing?present=1): no Streamlit chrome, one step per screen on a canvas scaled to the screen,
driven by the keyboard in the browser (techrift/assets/present/present.js); the URL follows the step. `presenter=1`
opens the presenter's window: the current and next slides, the speaker notes (the slide's sources and seed quotes), a
clock and a timer; it drives the audience's window it opens, over the browser's BroadcastChannel."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from techrift import briefing
from techrift.i18n import t
from techrift.text import escape_markdown
from techrift.ui import details, internals, url_state
from techrift.ui.plotly_chart import plotly_chart
from techrift.ui.shell import PageContext

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
ASSET_DIR = "assets/present"

# The slides' canvas (techrift/briefing.py lays a slide out on it; techrift/assets/present/present.js scales it to the
# screen). Constant text, no data in it: Streamlit's chrome hidden; every step's slide stacked on the canvas and only
# the one the controller names visible, so a key changes the slide without a server round trip. A hidden slide is
# transparent, not `visibility: hidden`, on a layer of its own: the browser paints it once, ahead, and showing it is
# a change of opacity (hidden, it would be painted only when first shown). present.js makes hidden slides inert.
W, H = briefing.SLIDE_WIDTH, briefing.SLIDE_HEIGHT
SLIDE = '[class*="st-key-deck_slide_"]'
SLIDE_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stBottom"] {{ display: none !important; }}
html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
  overflow: hidden !important; background: #ffffff !important;
}}
[data-testid="stMain"] {{ position: fixed !important; inset: 0 !important; }}
[data-testid="stMainBlockContainer"] {{
  position: absolute !important; left: 0 !important; top: 0 !important; width: {W}px !important;
  max-width: none !important; height: {H}px !important; padding: 0 !important; margin: 0 !important;
  transform-origin: 0 0; transform: translate(var(--slide-x, 0px), var(--slide-y, 0px)) scale(var(--slide-scale, 1));
}}
{SLIDE} {{
  position: fixed !important; left: 0; top: 0; width: {W}px; height: {H}px; box-sizing: border-box;
  padding: {briefing.SLIDE_PAD_TOP}px {briefing.SLIDE_PAD_X}px {briefing.SLIDE_PAD_BOTTOM}px;
  gap: {briefing.SLIDE_GAP}px !important; opacity: 0; pointer-events: none; will-change: opacity; background: #ffffff; transform-origin: 0 0; overflow: hidden;
}}
{SLIDE} [data-testid="stMarkdownContainer"] p {{ margin: 0 !important; }}
{SLIDE} [class*="st-key-slide_counter"] p, {SLIDE} [class*="st-key-slide_counter"] a {{
  font-size: {briefing.COUNTER_PX}px !important; line-height: {briefing.LINE_HEIGHT} !important; color: #3d3d3d;
}}
{SLIDE} [class*="st-key-slide_counter"] a {{ color: #0b5394 !important; }}
{SLIDE} h1 {{
  font-size: {briefing.TITLE_PX}px !important; line-height: {briefing.LINE_HEIGHT} !important; padding: 0 !important;
  margin: 0 !important; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: #111111;
}}
{SLIDE} [class*="st-key-slide_takeaway"] p {{
  font-size: {briefing.TAKEAWAY_PX}px !important; line-height: {briefing.LINE_HEIGHT} !important; color: #1c2833;
  height: {briefing.TAKEAWAY_PX * briefing.LINE_HEIGHT * briefing.TAKEAWAY_LINES}px; overflow: hidden;
}}
.st-key-deck_notice {{ position: fixed !important; left: {briefing.SLIDE_PAD_X}px; bottom: 8px; z-index: 5; }}
</style>"""
# The audience's window: the current slide on the whole canvas.
AUDIENCE_CSS = "".join(
    f'<style>html[data-slide="{n}"] .st-key-deck_slide_{n}, html:not([data-slide]) .st-key-deck_slide_{{first}}'
    "{opacity: 1; pointer-events: auto;}</style>"
    for n in range(1, len(briefing.STEPS) + 1)
)
# The presenter's window: the current slide at a little over half size, the next one smaller beside it, the notes
# under the current slide, the controls (drawn by present.js) above.
NOW_SCALE, NEXT_SCALE = 0.55, 0.38
NOW_AT, NEXT_AT, NOTES_TOP = (40, 120), (W - 40 - round(W * NEXT_SCALE), 120), 120 + round(H * NOW_SCALE) + 24
PRESENTER_CSS = f"""<style>
{SLIDE} {{ outline: 2px solid #566573; }}
[class*="st-key-deck_notes_"] {{
  position: fixed !important; left: {NOW_AT[0]}px; top: {NOTES_TOP}px; width: {round(W * NOW_SCALE)}px;
  height: {H - NOTES_TOP - 24}px; overflow: auto; visibility: hidden; display: none !important;
}}
[class*="st-key-deck_notes_"] p, [class*="st-key-deck_notes_"] li, [class*="st-key-deck_notes_"] a {{ font-size: 26px !important; line-height: 1.35; }}
[class*="st-key-deck_notes_"] h2 {{ font-size: 30px !important; }}
.techrift-presenter {{ position: fixed; left: 0; top: 0; width: {W}px; height: {H}px; pointer-events: none; font-size: 28px; color: #1c2833; }}
.techrift-presenter > * {{ position: absolute; pointer-events: auto; }}
.techrift-presenter-counter {{ left: 40px; top: 24px; font-weight: 700; }}
.techrift-presenter-clock {{ left: 360px; top: 24px; }}
.techrift-presenter-timer {{ left: 620px; top: 24px; font-variant-numeric: tabular-nums; }}
.techrift-presenter-button {{ top: 18px; font-size: 24px; padding: 6px 14px; color: #1c2833; background: #f0f2f6;
  border: 1px solid #566573; border-radius: 6px; cursor: pointer; }}
.techrift-presenter-button:first-of-type {{ left: 860px; }}
.techrift-presenter-open {{ left: 1180px; background: #0b5394 !important; color: #ffffff !important; }}
.techrift-presenter-keys {{ left: 40px; top: 72px; font-size: 22px; color: #3d3d3d; }}
.techrift-presenter-now {{ left: {NOW_AT[0]}px; top: 80px; visibility: hidden; }}
.techrift-presenter-next {{ left: {NEXT_AT[0]}px; top: 76px; font-weight: 700; }}
.techrift-presenter-end {{ left: {NEXT_AT[0]}px; top: {NEXT_AT[1] + 12}px; }}
</style>""" + "".join(
    f"""<style>html[data-slide="{n}"] .st-key-deck_slide_{n} {{
  opacity: 1; pointer-events: auto; transform: translate({NOW_AT[0]}px, {NOW_AT[1]}px) scale({NOW_SCALE}); }}
html[data-next="{n}"] .st-key-deck_slide_{n} {{
  opacity: 1; transform: translate({NEXT_AT[0]}px, {NEXT_AT[1]}px) scale({NEXT_SCALE}); }}
html[data-slide="{n}"] .st-key-deck_notes_{n} {{ visibility: visible !important; display: flex !important; }}</style>"""
    for n in range(1, len(briefing.STEPS) + 1)
)
CHANNEL = "techrift-slides"
PROJECT, COMPONENT = "techrift", "present"


def requested() -> bool:
    """Whether the link asks for the slides (?present=1)."""
    return url_state.presenting()


def _parse_step(raw: str | None, total: int) -> tuple[int, str | None]:
    """The step a link asks for (1-based), or 1 with a notice when it names none."""
    if raw is None:
        return 1, None
    try:
        number = int(raw.strip())
    except ValueError:
        number = 0
    if 1 <= number <= total:
        return number, None
    fallback = min(max(number, 1), total) if number else 1
    return fallback, t("present_bad_step", url_state.current_language(), value=raw[:20], number=fallback)


def live_link(page: str, context: PageContext, **extra: str) -> str:
    """A page of the app with the current filters and language (and `extra` parameters), relative to /briefing (so it
    works under a path prefix)."""
    params = context.filters.to_params(context.options) | ({"lang": context.lang} if context.lang != "en" else {})
    params |= extra
    return page + (f"?{urlencode(params)}" if params else "")


def show_link(context: PageContext, number: int) -> None:
    """On the briefing page: the link that opens this step as a slide, with the same filters."""
    slides = live_link("briefing", context, present="1", step=str(number))
    presenter = live_link("briefing", context, present="1", step=str(number), presenter="1")
    st.markdown(
        f"[{t('present_start', context.lang)} ↗]({slides}) · [{t('present_presenter_link', context.lang)} ↗]({presenter})"
    )


def presenter_requested() -> bool:
    """Whether the link asks for the presenter's window (?presenter=1; the older ?notes=1 too)."""
    return any(url_state.url_value(name) in ("1", "true", "yes") for name in ("presenter", "notes"))


@functools.cache
def _controller() -> Any:
    return st.components.v2.component(f"{PROJECT}.{COMPONENT}", js="present.js", isolate_styles=False)


def controller_data(number: int, presenter: bool, lang: str) -> dict[str, Any]:
    """What the slides' controller (present.js) gets: the step to open, the window's role and its words."""
    words = ("now", "next", "end_of_deck", "clock", "timer", "timer_reset", "open_audience", "keys")
    labels = {word: t(f"present_{word}", lang) for word in words}
    labels["end"], labels["reset"] = labels.pop("end_of_deck"), labels.pop("timer_reset")
    labels["counter"] = t("briefing_step", lang, number="{number}", total="{total}")
    return {"total": len(briefing.STEPS), "step": number, "presenter": presenter, "channel": CHANNEL, "labels": labels}


def slides(context: PageContext) -> None:
    """Every step as a slide on one canvas, the one the URL names shown; keys, scaling and the presenter's window are
    the browser's (present.js). With ?presenter=1: the current and next slides, the speaker notes, a clock and a timer."""
    dataset, lang = context.dataset, context.lang
    total = len(briefing.STEPS)
    number, notice = _parse_step(url_state.url_value("step"), total)
    presenter = presenter_requested()
    st.html(SLIDE_CSS + (PRESENTER_CSS if presenter else AUDIENCE_CSS.replace("{first}", str(number))))
    if notice:
        with st.container(key="deck_notice"):
            st.warning(escape_markdown(notice), icon="🔗")
    for index, step in enumerate(briefing.STEPS, start=1):
        drawn = briefing.slide(step, context.scope, context.data_dir, lang)
        with st.container(key=f"deck_slide_{index}"):
            with st.container(key=f"slide_counter_{index}"):
                st.markdown(
                    f"{t('briefing_step', lang, number=index, total=total)} · "
                    f"[{t('present_more', lang)} ↗]({live_link(step.page, context)})"
                )
            st.title(briefing.step_title(step.key, lang)[1], anchor=False)
            text = briefing.step_text(dataset, step.key, lang)
            with st.container(key=f"slide_takeaway_{index}"):
                st.markdown(escape_markdown(briefing.takeaway(text)))
            plotly_chart(drawn.figure, key=f"present_chart_{index}", alt=drawn.alt, lang=lang, downloads=False)
        if presenter:
            with st.container(key=f"deck_notes_{index}"):
                _notes(context, drawn, text)
    internals.serve_component_assets(PROJECT, COMPONENT, PACKAGE_ROOT, ASSET_DIR)
    _controller()(key="present_controller", data=controller_data(number, presenter, lang), height="content")


def _notes(context: PageContext, drawn: briefing.Drawn, text: str) -> None:
    """The speaker notes: the step's whole text, the sources of the records drawn, the seed quotes behind them."""
    dataset, lang = context.dataset, context.lang
    st.header(t("present_notes", lang), anchor=False)
    st.markdown(escape_markdown(text))
    details.show_sources(dataset, ";".join(drawn.source_ids), heading=t("present_sources", lang))
    quotes = [dataset.quotes_for(table, record) for table, record in drawn.records]
    shown = [quote for frame in quotes for _, quote in frame.iterrows()]
    if shown:
        st.markdown(f"**{t('present_quotes', lang)}**")
        for quote in shown:
            english = quote.get("text_en")
            line = english if lang == "en" and isinstance(english, str) and english else quote["text"]
            st.markdown(f"> {escape_markdown(line)} ({escape_markdown(quote['source_id'])})")
