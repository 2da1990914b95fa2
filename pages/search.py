"""Search: every record found by its words in either language, by kind, each linked to its own page (/search?q=…)."""

import streamlit as st

from techrift import search
from techrift.i18n import t
from techrift.ui import downloads, search_box, shell

context = shell.start_page()
dataset, lang = context.dataset, context.lang
st.title(t("search_title", lang))
st.caption(t("search_intro", lang))
query = search_box.query_box(lang)
search_box.filters_note(lang)
results = search_box.show_results(dataset, query, context.filters, context.options, lang) if query else None
if results and results.shown:  # exactly the records found, as a table
    downloads.download_csv(
        "techrift-search.csv", search.results_table, dataset, query, context.filters, context.options, lang
    )
if not query:
    st.info(t("search_empty", lang), icon="🔎")
    st.markdown(t("search_hints", lang))
search_box.cite_results(dataset, results, lang)
