"""Sources: every document cited, the records citing it, and the seed articles in full with their quoted fragments."""

from functools import partial

import streamlit as st

from techrift import datapackage, export, sources
from techrift.formatting import language_name
from techrift.i18n import t
from techrift.text import escape_markdown, markdown_link
from techrift.ui import details, downloads, live_data, provenance, shell, tables, url_state

context = shell.start_page()
dataset, lang = context.dataset, context.lang
st.title(t("sources_title", lang))
st.caption(t("sources_intro", lang))
live_data.rejected_notice(context.rejected, lang)

table = sources.source_table(dataset, lang)
tables.show_table(sources.source_list(table, lang), lang, column_config={"url": st.column_config.LinkColumn()})
downloads.download_csv("techrift-sources.csv", sources.source_table, dataset, lang, label=t("download_sources", lang))
whole, excel = st.columns(2)
whole.download_button(
    t("download_dataset_csv", lang),
    partial(export.dataset_zip, dataset),
    file_name=export.versioned("techrift-dataset-csv.zip", dataset.release.version),
    mime="application/zip",
    on_click="ignore",
    icon=":material/folder_zip:",
)
excel.download_button(
    t("download_dataset_excel", lang),
    partial(export.dataset_excel, dataset),
    file_name=export.versioned("techrift-dataset.xlsx", dataset.release.version),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
    icon=":material/table:",
)

titles = sources.source_titles(table, lang)
first = next(iter(titles))
found = details.find_in_picker(dataset, "sources", titles, "source", lang, keep=[first])
chosen = url_state.bound_selectbox(
    t("show_source", lang), list(found), "source", first, format_func=lambda source_id: titles[source_id]
)
source = sources.source_record(table, chosen, lang)

st.header(escape_markdown(source["title"]), anchor=False)
st.markdown(
    f"{escape_markdown(source['publisher'])} · {escape_markdown(source['date'])} · {t('language', lang)}: "
    f"{escape_markdown(language_name(source['language'], lang))} · {escape_markdown(sources.source_kind(source['kind'], lang))}"
)
if isinstance(source["url"], str):
    st.markdown(f"{t('read_it', lang)}: " + markdown_link(source["url"], source["url"]))
if source["note"]:
    st.caption(escape_markdown(source["note"]))

citing = sources.citing(dataset, chosen, lang)
st.subheader(t("records_citing", lang, count=len(citing)), anchor=False)
tables.show_table(citing, lang)

if chosen in dataset.seed_texts:
    seed = sources.seed_view(dataset, chosen)
    st.subheader(t("seed_full_text_title", lang), anchor=False)
    st.caption(t("seed_coverage", lang, count=len(seed.fragments), share=f"{seed.quoted_share:.0%}"))
    # No fixed height: a scrolling box is a region the keyboard cannot reach (axe: scrollable-region-focusable).
    with st.container(border=True):
        st.markdown(details.highlighted_markdown(seed.segments))
    st.subheader(t("fragments_title", lang), anchor=False)
    tables.show_table(sources.fragments_table(seed.fragments, lang), lang)

st.subheader(t("changelog_title", lang), anchor=provenance.CHANGELOG_ANCHOR)
with st.container(border=True, height=420):
    st.markdown(datapackage.read_changelog(context.data_dir))
provenance.cite_view(dataset, t("sources_title", lang), [], lang, source_ids=[chosen])
