"""Timeline: US and Western universities stepping back from Huawei, against Huawei's new ties in Russia."""

import streamlit as st

from techrift import views
from techrift.i18n import t
from techrift.ui import details, downloads, provenance, shell, tables
from techrift.ui.plotly_chart import plotly_chart

context = shell.start_page()
dataset, scope, lang = context.dataset, context.scope, context.lang
st.title(t("timeline_title", lang))
st.caption(t("timeline_intro", lang))

shown = views.timeline_shown(scope, lang)

if shown.dated.empty:
    shell.empty_state(t("timeline_empty", lang))
else:
    drawn = views.timeline_chart(scope, lang)
    chart = plotly_chart(drawn.figure, key="timeline_chart", alt=drawn.alt, lang=lang, selection_mode=["points"])
    details.event_detail_from_chart(chart, shown.dated, dataset, lang)

if shown.undated_titles:
    st.caption(t("undated_events", lang, titles=shown.undated_titles))

if not shown.events.empty:
    st.header(t("events_table", lang), anchor=False)
    tables.show_table(views.timeline_table(scope, lang), lang)
    downloads.download_csv("techrift-timeline.csv", views.timeline_table, scope, lang)

provenance.cite_view(dataset, t("timeline_title", lang), [shown.events], lang)
