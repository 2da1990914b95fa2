"""Sources: every document cited, the records citing it, and the seed articles in full with their quoted fragments."""

import streamlit as st

from techrift import sources, ui
from techrift.text import escape_markdown, markdown_link

context = ui.start_page()
dataset = context.dataset
st.title("Sources")
st.caption("Every document the dataset cites. Pick one to see the records that cite it; the two seed articles "
           "can be read in full, with the fragments quoted in the data highlighted.")

table = sources.source_table(dataset)
st.dataframe(
    table[["source_id", "publisher", "title", "date", "language", "kind", "records_citing", "url"]],
    hide_index=True,
    width="stretch",
    column_config={"url": st.column_config.LinkColumn("link"), "records_citing": "records citing"},
)
ui.download_csv(table, "techrift-sources.csv", "Download the source list (CSV)")

titles = dict(zip(table["source_id"], table["publisher"] + " — " + table["title"]))
chosen = ui.bound_selectbox("Show a source", list(table["source_id"]), "source", table["source_id"].iloc[0],
                            format_func=lambda source_id: titles[source_id])
source = table.set_index("source_id").loc[chosen]

st.header(source["title"], anchor=False)
st.markdown(f"{escape_markdown(source['publisher'])} · {escape_markdown(source['date'])} · language: {source['language']} · "
            f"{escape_markdown(source['kind'])}")
if isinstance(source["url"], str):
    st.markdown("Read it: " + markdown_link(source["url"], source["url"]))
if isinstance(source["note"], str):
    st.caption(escape_markdown(source["note"]))

citing = sources.citations(dataset).query("source_id == @chosen")
st.subheader(f"Records citing it ({len(citing)})", anchor=False)
st.dataframe(citing[["table", "record_id", "title"]], hide_index=True, width="stretch")

if chosen in dataset.seed_texts:
    quotes = dataset.quotes[dataset.quotes["source_id"] == chosen]
    segments = sources.seed_segments(dataset.seed_texts[chosen], quotes)
    st.subheader("Full text (Vietnamese), quoted fragments highlighted", anchor=False)
    st.caption(f"{len(quotes)} fragments cover {sources.quoted_share(segments):.0%} of the text.")
    with st.container(border=True, height=520):
        st.markdown(ui.highlighted_markdown(segments))
    st.subheader("Fragments and their translation", anchor=False)
    st.dataframe(quotes[["quote_id", "record_table", "record_id", "text", "text_en"]], hide_index=True, width="stretch")
