"""Funding: money flows as bars, one panel per kind of amount; targets and counts apart."""

import streamlit as st

from techrift import filters as flt
from techrift import style, views
from techrift.charts import funding
from techrift.i18n import t
from techrift.ui import details, downloads, provenance, shell, tables, url_state
from techrift.ui.plotly_chart import plotly_chart

context = shell.start_page()
dataset, scope, lang = context.dataset, context.scope, context.lang
st.title(t("funding_title", lang))
st.caption(t("funding_intro", lang))

flows = views.flows(scope)
left, right = st.columns([2, 3])
group = url_state.bound_radio(
    t("colour_by", lang),
    list(funding.GROUPINGS),
    "group",
    "recipient",
    container=left,
    format_func=lambda g: t(f"group_{g}", lang),
    horizontal=True,
)
log = url_state.bound_toggle(t("log_scale", lang), "log", False, container=right)
with_context = url_state.bound_toggle(t("include_context", lang), "context", False, container=right)
if hidden := flt.hidden_for_no_country(dataset.flows, context.filters):
    st.caption(t("no_country_hidden", lang, count=hidden))

if flt.money_drawn(flows).empty:
    shell.empty_state(t("funding_empty", lang))
else:
    st.header(t("sizes_title", lang), anchor=False)
    st.caption(t("sizes_intro", lang))
    sizes = views.sizes_chart(scope, lang)
    # a dot picks its flow as a bar does: the reader opens an amount from whichever chart shows it
    dots = plotly_chart(sizes.figure, key="sizes_chart", alt=sizes.alt, lang=lang, selection_mode=["points"])
    url_state.apply_chart_pick(details.picked_customdata(dots), "flow", chart="sizes")
    if money := views.flows_chart(scope, group, log, lang, with_context):
        chart = plotly_chart(
            money.figure,
            key="funding_chart",
            alt=money.alt,
            lang=lang,
            selection_mode=["points"],
            title=t("funding_title", lang),  # its image's title: the heading above it is the dot plot's
        )
        url_state.apply_chart_pick(details.picked_customdata(chart), "flow", chart="bars")
    if not with_context and (left_out := views.context_hidden(scope)):
        st.caption(t("context_hidden", lang, count=left_out))
    if note := funding.estimates_note(flows, lang):
        st.caption(note)
    labels = views.flow_choices(scope, lang)
    found = details.find_in_picker(dataset, "flows", labels, "flow", lang)
    if chosen := url_state.bound_picker(t("details_for", lang), found, "flow", t("choose_flow", lang)):
        details.show_flow_detail(dataset, flows, chosen, labels[chosen], lang)
    st.header(t("flows_table", lang), anchor=False)
    tables.show_table(views.flows_table(scope, lang), lang)
    downloads.download_csv("techrift-flows.csv", views.flows_table, scope, lang)

if contracts := views.contracts_chart(scope, lang):
    st.header(t("skoltech_title", lang), anchor=False)
    plotly_chart(contracts.figure, key="skoltech_chart", alt=contracts.alt, lang=lang)

metrics = views.metrics(scope)
st.header(t("targets_title", lang), anchor=False)
st.caption(t("targets_intro", lang))
targets, more_targets = views.key_targets(scope, lang)
st.html(style.METRIC_CSS)  # the cards' values wrap, never cut
for column, target in zip(st.columns(max(len(targets), 1)), targets):
    column.metric(target.label, target.value, help=target.detail)
if more_targets:
    st.caption(t("more_targets", lang, count=more_targets))
tables.show_table(views.figures_table(scope, lang), lang)
downloads.download_csv("techrift-figures.csv", views.figures_table, scope, lang)

provenance.cite_view(dataset, t("funding_title", lang), [flows, metrics], lang)
