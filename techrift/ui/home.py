"""The overview page, the navigation's home (dashboard.py), with a link to each view of techrift/sitemap.py."""

from pathlib import Path

import streamlit as st

from techrift import overview, sitemap, style
from techrift.i18n import t
from techrift.text import escape_markdown
from techrift.ui import details, provenance, shell

# A local file: a Material or emoji page icon makes the browser fetch the favicon from the internet.
ICON = Path(__file__).parent.parent / "assets" / "icon.png"
# Three to a row: five side by side cut their labels and values short.
FIGURES_PER_ROW = 3


def home() -> None:
    context = shell.start_page()
    lang = context.lang
    st.title(t("app_name", lang))
    st.markdown(t("overview_lede", lang))
    period = None if context.filters.covers_all_years(context.options) else context.filters.years
    figures = overview.headline_figures(context.dataset, lang, period)
    st.html(style.METRIC_CSS)  # the cards' values wrap, never cut
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
    for page in sitemap.VIEW_PAGES:
        st.page_link(page.script, label=t(page.title_key, lang), icon=page.icon)
        st.caption(t(page.blurb_key, lang))
    st.caption(t("share_hint", lang))
    provenance.cite_view(context.dataset, t("app_name", lang), [], lang, source_ids=overview.sources_of(figures))
