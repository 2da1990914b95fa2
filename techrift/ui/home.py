"""The app's navigation and its overview page (dashboard.py runs `main` on every run)."""

from pathlib import Path

import streamlit as st

from techrift import overview
from techrift.i18n import t
from techrift.text import escape_markdown
from techrift.ui import details, provenance, shell, url_state

# A local file: a Material or emoji page icon makes the browser fetch the favicon from the internet.
ICON = Path(__file__).parent.parent / "assets" / "icon.png"
# (page file relative to dashboard.py, url path, icon); titles and blurbs come from the label catalogue as nav_<path> / blurb_<path>.
VIEWS = [
    ("pages/timeline.py", "timeline", ":material/timeline:"),
    ("pages/map.py", "map", ":material/map:"),
    ("pages/funding.py", "funding", ":material/payments:"),
    ("pages/compare.py", "compare", ":material/compare_arrows:"),
    ("pages/sources.py", "sources", ":material/menu_book:"),
    ("pages/briefing.py", "briefing", ":material/co_present:"),
]
# Three to a row: five side by side cut their labels and values short.
FIGURES_PER_ROW = 3


def home() -> None:
    context = shell.start_page()
    lang = context.lang
    st.title(t("app_name", lang))
    st.markdown(t("overview_lede", lang))
    period = None if context.filters.covers_all_years(context.options) else context.filters.years
    figures = overview.headline_figures(context.dataset, lang, period)
    for row_start in range(0, len(figures), FIGURES_PER_ROW):
        for column, figure in zip(st.columns(FIGURES_PER_ROW), figures[row_start : row_start + FIGURES_PER_ROW]):
            with column.container(border=True):
                st.metric(figure.label, figure.value)
                st.caption(escape_markdown(figure.detail))
                if figure.definition:
                    st.caption(escape_markdown(figure.definition))
    with st.expander(t("overview_figures_sources", lang)):
        for figure in figures:
            st.markdown(f"**{escape_markdown(figure.label)}: {escape_markdown(figure.value)}**")
            details.show_sources(context.dataset, figure.source_ids)
    st.header(t("overview_story", lang))  # h2 after the h1: headings in order (axe heading-order)
    st.markdown(t("overview_story_text", lang))
    st.header(t("overview_views", lang))
    for path, url_path, icon in VIEWS:
        st.page_link(path, label=t(f"nav_{url_path}", lang), icon=icon)
        st.caption(t(f"blurb_{url_path}", lang))
    st.caption(t("share_hint", lang))
    provenance.cite_view(context.dataset, t("app_name", lang), [], lang, source_ids=overview.sources_of(figures))


def main() -> None:
    """Set up the page, then draw the page the URL asks for."""
    lang = url_state.current_language()
    st.set_page_config(page_title=t("app_name", lang), page_icon=str(ICON), layout="wide")
    pages = [st.Page(home, title=t("nav_overview", lang), icon=":material/explore:", default=True)] + [
        st.Page(path, title=t(f"nav_{url_path}", lang), icon=icon, url_path=url_path) for path, url_path, icon in VIEWS
    ]
    shell.run_navigation(pages)
