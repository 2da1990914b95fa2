"""TechRift: navigation and the overview page."""

import streamlit as st

from techrift import overview, ui
from techrift.text import escape_markdown

st.set_page_config(page_title="TechRift", page_icon="🧭", layout="wide")

VIEWS = [
    ("pages/timeline.py", "Timeline: doors close, doors open", "🕰️", "timeline",
     "US and Western universities cutting Huawei ties, set against Huawei's new Russian partnerships on one time axis."),
    ("pages/map.py", "Map: Huawei in Russia", "🗺️", "map",
     "Huawei's partner universities and institutes in Russia, with arcs from its sites; works offline."),
    ("pages/funding.py", "Funding: the money", "💵", "funding",
     "Money flows as bar charts that never add amounts meaning different things; targets shown apart."),
    ("pages/compare.py", "AWS vs Nvidia in China", "⚖️", "compare",
     "Two strategies side by side, row by row, every cell sourced."),
    ("pages/sources.py", "Sources", "📚", "sources",
     "Every document cited, the records that cite it, and the two seed articles in full."),
    ("pages/briefing.py", "Briefing mode", "🎤", "briefing",
     "The story in a few steps for a presenter, large type, one chart each."),
]


def home() -> None:
    context = ui.start_page()
    st.title("TechRift")
    st.markdown(
        "**How the US–China technology rift reshapes research ties.** A curated, sourced dataset of events and "
        "money flows: US universities closing their doors to Huawei, Huawei opening new ones in Russia, and two "
        "American firms, AWS and Nvidia, taking opposite paths in China."
    )
    figures = overview.headline_figures(context.dataset)
    for column, figure in zip(st.columns(len(figures)), figures):
        column.metric(figure.label, figure.value)
        column.caption(escape_markdown(figure.detail))
    with st.expander("Where these figures come from"):
        for figure in figures:
            st.markdown(f"**{escape_markdown(figure.label)}: {escape_markdown(figure.value)}**")
            ui.show_sources(context.dataset, figure.source_ids)
    st.subheader("The story")
    st.markdown(
        "From 2018, and fast after the US indictments of January 2019, Princeton, Stanford, UC Berkeley, MIT, "
        "Oxford and others cut, suspended or reviewed research ties with Huawei. In the same months Huawei toured "
        "Russian universities, opened a joint lab with Skoltech, signed with MTS for 5G and offered up to 70,000 USD "
        "per research project, part of a budget of about 300 million USD a year for universities worldwide. Six years "
        "later the rift runs through American companies too: AWS quietly closed its Shanghai AI lab, while Nvidia's "
        "chief executive courts Chinese talent as US rules on GPU exports ease."
    )
    st.subheader("Views")
    for path, title, icon, _, blurb in VIEWS:
        st.page_link(path, label=title, icon=icon)
        st.caption(blurb)
    st.caption("Filters in the sidebar apply to every view and are kept in the address bar: copy it to share the view.")


pages = [st.Page(home, title="Overview", icon="🧭", default=True)] + [
    st.Page(path, title=title, icon=icon, url_path=url_path) for path, title, icon, url_path, _ in VIEWS
]
ui.run_navigation(pages)
