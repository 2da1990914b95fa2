"""The briefing as slides (/briefing?present=1): no sidebar or Streamlit chrome, large type, one step per screen, driven by
the keyboard; the URL follows the step, and `notes=1` adds the speaker notes (the slide's sources and seed quotes)."""

from __future__ import annotations

from urllib.parse import urlencode

import plotly.graph_objects as go
import streamlit as st

from techrift import briefing
from techrift.i18n import t
from techrift.text import escape_markdown
from techrift.ui import details, url_state
from techrift.ui.plotly_chart import plotly_chart
from techrift.ui.shell import PageContext

_STEP_KEY = "_present_step"
# The chart's height on a slide: with the title, the takeaway and the controls it fits a 1280x720 screen.
CHART_HEIGHT = 390
# The slide's look. Constant text, no data in it: Streamlit's chrome and sidebar hidden, large type, the extra
# shortcut buttons (Space, PageDown, PageUp) kept working but out of sight.
SLIDE_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 3rem 0.5rem 3rem !important; max-width: 100% !important; }
[data-testid="stMain"] h1 { font-size: 2.6rem !important; padding: 0.2rem 0 !important; }
.st-key-present_takeaway p { font-size: 1.55rem !important; line-height: 1.35 !important; }
.st-key-present_space, .st-key-present_pagedown, .st-key-present_pageup {
  position: absolute !important; width: 1px !important; height: 1px !important; overflow: hidden !important;
  clip: rect(0 0 0 0) !important; white-space: nowrap !important;
}
</style>"""


def requested() -> bool:
    """Whether the link asks for the slides (?present=1)."""
    return url_state.url_value("present") in ("1", "true", "yes")


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
    st.markdown(
        f"[{t('present_start', context.lang)} ↗]({live_link('briefing', context, present='1', step=str(number))})"
    )


def _move(to: int) -> None:
    st.session_state[_STEP_KEY] = to


def _button(label: str, key: str, shortcut: str, to: int, disabled: bool, container, **kwargs) -> None:
    container.button(
        label, key=key, shortcut=shortcut, on_click=_move, args=(to,), disabled=disabled, width="stretch", **kwargs
    )


def slides(context: PageContext) -> None:
    """Draw the current step as a slide, with its keys, its live link and (notes=1) its speaker notes."""
    dataset, lang = context.dataset, context.lang
    total = len(briefing.STEPS)
    notice = None
    if _STEP_KEY not in st.session_state:
        st.session_state[_STEP_KEY], notice = _parse_step(url_state.url_value("step"), total)
    number = st.session_state[_STEP_KEY]
    url_state.sync_param("step", str(number))
    step = briefing.STEPS[number - 1]
    st.html(SLIDE_CSS)
    if notice:
        st.warning(escape_markdown(notice), icon="🔗")

    counter, live = st.columns([4, 1], vertical_alignment="center")
    counter.caption(t("briefing_step", lang, number=number, total=total))
    live.markdown(f"[{t('present_open_live', lang)} ↗]({live_link(step.page, context)})")
    st.title(briefing.step_title(step.key, lang)[1], anchor=False)
    text = briefing.step_text(dataset, step.key, lang)
    with st.container(key="present_takeaway"):
        st.markdown(escape_markdown(briefing.takeaway(text)))
    drawn = (step.slide or step.draw)(context.scope, context.data_dir, lang)
    # A copy at the slide's height: the step's figure is cached and shared, and its JSON is made once per figure.
    figure = go.Figure(drawn.figure).update_layout(height=CHART_HEIGHT)
    plotly_chart(figure, key="present_chart", alt=drawn.alt, lang=lang)

    first, previous, keys, following, last = st.columns([1, 1, 3, 1, 1], vertical_alignment="center")
    _button(t("present_first", lang), "present_home", "Home", 1, number == 1, first, icon=":material/first_page:")
    _button(t("briefing_previous", lang), "present_left", "Left", number - 1, number == 1, previous)
    keys.caption(t("present_keys", lang))
    _button(t("briefing_next", lang), "present_right", "Right", number + 1, number == total, following)
    _button(t("present_last", lang), "present_end", "End", total, number == total, last, icon=":material/last_page:")
    _button("Space", "present_space", "Space", min(number + 1, total), number == total, st)
    _button("PageDown", "present_pagedown", "PageDown", min(number + 1, total), number == total, st)
    _button("PageUp", "present_pageup", "PageUp", max(number - 1, 1), number == 1, st)

    if url_state.url_value("notes") in ("1", "true", "yes"):
        _notes(context, drawn, text)


def _notes(context: PageContext, drawn: briefing.Drawn, text: str) -> None:
    """The speaker notes: the step's whole text, the sources of the records drawn, the seed quotes behind them."""
    dataset, lang = context.dataset, context.lang
    with st.container(border=True, key="present_notes"):
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
