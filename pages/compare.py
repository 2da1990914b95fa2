"""AWS vs Nvidia (or any two companies in the stances table): strategies in China side by side."""

import pandas as pd
import streamlit as st

from techrift import compare, views
from techrift.charts import compare as compare_charts
from techrift.charts import timeline
from techrift.i18n import t
from techrift.text import escape_markdown
from techrift.ui import details, downloads, shell, url_state

context = shell.start_page()
dataset, lang = context.dataset, context.lang
available = compare.companies(dataset.stances)
left, right = st.columns(2)
a = url_state.bound_selectbox(
    t("company_a", lang), available, "a", compare.preferred_or_first(available, compare.DEFAULT_PAIR[0]), container=left
)
partners = compare.partners_of(available, a)
fallback_b = compare.preferred_or_first(partners, compare.DEFAULT_PAIR[1])
if notice := compare.twice_notice(st.query_params.get("b"), a, fallback_b, lang):
    st.warning(notice, icon="🔗")
    url_state.sync_param("b", None)
b = url_state.bound_selectbox(t("company_b", lang), partners, "b", fallback_b, container=right)

st.title(t("compare_title", lang, a=escape_markdown(a), b=escape_markdown(b)))
st.caption(t("compare_intro", lang))
if left_out := compare.left_out_by_filter(context.filters, a, b):
    st.info(t("compare_filtered_out", lang, companies=", ".join(left_out)))
shown = compare.in_scope(dataset, context.filters, context.options)


def show_key_figures(company: str, column) -> None:
    column.markdown(f"**{escape_markdown(company)}**")
    figures, total = compare.key_figures(shown, company, lang, limit=compare.KEY_FIGURES_SHOWN)
    if not figures:
        column.caption(t("no_statement", lang))
    for first in range(0, len(figures), 2):  # two to a row, so labels and values stay whole
        for place, figure in zip(column.columns(2), figures[first : first + 2]):
            # The label as text above the number: a metric's own label is cut off when long.
            place.markdown(escape_markdown(figure.label))
            place.metric(escape_markdown(figure.label), figure.value, label_visibility="collapsed")
            place.caption(escape_markdown(figure.detail))
            details.show_sources(dataset, figure.source_ids, place.expander(t("sources", lang)))
    if total > len(figures):
        column.caption(t("more_figures", lang, count=total - len(figures)))


def show_cell(row: pd.Series, side: str, column) -> None:
    if not isinstance(row[f"{side}_stance_id"], str):
        column.caption(t("no_statement", lang))
        return
    column.markdown(f"**{escape_markdown(row[f'{side}_position'])}**")
    column.markdown(escape_markdown(row[f"{side}_statement"]))
    details.show_quotes(dataset, "stances", row[f"{side}_stance_id"], column)
    details.show_sources(dataset, row[f"{side}_source_ids"], column)


st.subheader(t("compare_key_figures", lang), anchor=False)
for column, company in zip(st.columns(2, border=True), (a, b)):
    show_key_figures(company, column)

rows = views.comparison_rows(dataset, context.filters, context.options, a, b, lang)
if rows.empty:
    shell.empty_state(t("compare_no_rows", lang))
for _, row in rows.iterrows():
    st.subheader(t(f"dimension_{row['dimension']}", lang), anchor=False)
    for column, side in zip(st.columns(2, border=True), compare.SIDES):
        show_cell(row, side, column)
if not rows.empty:
    downloads.download_csv(
        f"techrift-{a}-vs-{b}.csv",
        views.comparison_table,
        dataset,
        context.filters,
        context.options,
        a,
        b,
        lang,
        label=t("download_comparison", lang),
    )

st.subheader(t("compare_moves", lang), anchor=False)
moves = views.moves(dataset, context.filters, context.options, a, b)
if moves.empty:
    shell.empty_state(t("compare_no_moves", lang))
else:
    dated = moves[moves["start"].notna()]
    if not dated.empty:
        chart = st.plotly_chart(
            compare_charts.moves_figure(moves, [a, b], dataset, lang),
            key="moves_chart",
            on_select="rerun",
            selection_mode="points",
            width="stretch",
        )
        details.event_detail_from_chart(chart, dated, dataset, lang)
    table = timeline.events_table(moves, dataset, lang)
    st.dataframe(table, hide_index=True, width="stretch")
    downloads.download_csv(
        f"techrift-{a}-vs-{b}-moves.csv", views.moves_table, dataset, context.filters, context.options, a, b, lang
    )
