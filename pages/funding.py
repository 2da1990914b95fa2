"""Funding: money flows as bars, one panel per kind of amount; targets and counts apart."""

import streamlit as st

from techrift import filters as flt
from techrift import formatting, views
from techrift.charts import funding
from techrift.i18n import localized, t
from techrift.text import escape_markdown
from techrift.ui import details, downloads, shell, url_state

context = shell.start_page()
dataset, lang = context.dataset, context.lang
st.title(t("funding_title", lang))
st.caption(t("funding_intro", lang))

flows = flt.apply_to_flows(dataset.flows, context.filters, context.options)
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

if flows.empty:
    shell.empty_state(t("funding_empty", lang))
else:
    chart = st.plotly_chart(
        funding.flows_figure(flows, dataset, group, log, lang),
        key="funding_chart",
        on_select="rerun",
        selection_mode="points",
        width="stretch",
    )
    url_state.apply_chart_pick(details.picked_customdata(chart), "flow")
    labels = {
        row["flow_id"]: f"{formatting.amount_label(row, lang)} · {funding.bar_label(row, lang)}"
        for row in flows.to_dict("records")
    }
    chosen = url_state.bound_selectbox(
        t("details_for", lang),
        [""] + list(labels),
        "flow",
        "",
        format_func=lambda flow_id: labels.get(flow_id) or t("choose_flow", lang),
    )
    if chosen:
        flow = flows.set_index("flow_id", drop=False).loc[chosen]
        with st.container(border=True):
            st.markdown(f"#### {escape_markdown(labels[chosen])}")
            st.markdown(escape_markdown(localized(flow, "description", lang)))
            if isinstance(flow["usd_note"], str):
                st.caption(
                    escape_markdown(
                        f"{t('converted', lang)}: ≈ {formatting.format_amount(flow['usd_amount'], 'USD', lang)} ({flow['usd_note']})"
                    )
                )
            details.show_quotes(dataset, "flows", chosen)
            details.show_sources(dataset, flow["source_ids"])
    st.subheader(t("flows_table", lang), anchor=False)
    table = funding.flows_table(flows, dataset, lang)
    st.dataframe(table, hide_index=True, width="stretch")
    downloads.download_csv("techrift-flows.csv", views.flows_table, dataset, context.filters, context.options, lang)

metrics = flt.apply_to_metrics(dataset.metrics, context.filters, context.options)
skoltech = funding.count_series(metrics, "Skoltech", "Huawei research contracts")
if not skoltech.empty:
    st.subheader(t("skoltech_title", lang), anchor=False)
    note = funding.amounts_note(flows[flows["recipient"].eq("Skoltech")], lang)
    st.plotly_chart(funding.count_series_figure(skoltech, note, lang), key="skoltech_chart", width="stretch")

st.subheader(t("targets_title", lang), anchor=False)
st.caption(t("targets_intro", lang))
targets = metrics[metrics["kind"].eq("target")]
headline_targets = targets.head(funding.TARGETS_SHOWN)
for column, (_, target) in zip(st.columns(max(len(headline_targets), 1)), headline_targets.iterrows()):
    column.metric(
        target["metric"],
        f"{target['value']:,.0f} {target['unit']}",
        help=t("within_years", lang, years=target["horizon_years"], year=target["year"]),
    )
if len(targets) > len(headline_targets):
    st.caption(t("more_targets", lang, count=len(targets) - len(headline_targets)))
figures = funding.figures_table(metrics, lang)
st.dataframe(figures, hide_index=True, width="stretch")
downloads.download_csv("techrift-figures.csv", views.figures_table, dataset, context.filters, context.options, lang)
