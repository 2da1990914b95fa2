"""AWS vs Nvidia (or any two companies in the stances table): strategies in China side by side."""

import streamlit as st

from techrift import compare, ui
from techrift import filters as flt
from techrift.charts import timeline
from techrift.i18n import localized, t
from techrift.text import escape_markdown

context = ui.start_page()
dataset, lang = context.dataset, context.lang
available = compare.companies(dataset.stances)
left, right = st.columns(2)
a = ui.bound_selectbox(t("company_a", lang), available, "a", compare.DEFAULT_PAIR[0], container=left)
b = ui.bound_selectbox(t("company_b", lang), available, "b", compare.DEFAULT_PAIR[1], container=right)
a, b, notice = compare.resolve_pair(available, a, b, lang)
if notice:
    st.warning(notice)
st.title(t("compare_title", lang, a=a, b=b))
st.caption(t("compare_intro", lang))
excluded = [c for c in (a, b) if context.filters.companies and c not in context.filters.companies]
if excluded:
    st.info(t("compare_filtered_out", lang, companies=", ".join(excluded)))

st.subheader(t("compare_key_figures", lang), anchor=False)
for column, company in zip(st.columns(2), (a, b)):
    column.markdown(f"**{escape_markdown(company)}**")
    for figure in compare.key_figures(dataset, company, lang):
        column.metric(figure.label, figure.value)
        if figure.detail:
            column.caption(escape_markdown(figure.detail))
        ui.show_sources(dataset, figure.source_ids, column.expander(t("sources", lang)))

stances = dataset.stances.assign(statement_en=[localized(row, "statement", lang) for _, row in dataset.stances.iterrows()])
rows = compare.comparison(compare.in_year_range(stances, context.filters.years), a, b)
if rows.empty:
    ui.empty_state(t("compare_no_rows", lang))
for _, row in rows.iterrows():
    st.markdown(f"### {t('dimension_' + row['dimension'], lang)}")
    for column, side in zip(st.columns(2, border=True), "ab"):
        if not isinstance(row[f"{side}_stance_id"], str):
            column.caption(t("no_statement", lang))
            continue
        stance = dataset.stances.set_index("stance_id").loc[row[f"{side}_stance_id"]]
        column.markdown(f"**{escape_markdown(localized(stance, 'position', lang))}**")
        column.markdown(escape_markdown(row[f"{side}_statement"]))
        ui.show_quotes(dataset, "stances", row[f"{side}_stance_id"], column)
        ui.show_sources(dataset, row[f"{side}_source_ids"], column)
if not rows.empty:
    ui.download_csv(compare.comparison_table(rows, a, b), f"techrift-{a}-vs-{b}.csv", t("download_comparison", lang))

st.subheader(t("compare_moves", lang), anchor=False)
moves = compare.moves(flt.apply_to_events(dataset.events, context.filters, context.options), a, b)
dated = moves[moves["start"].notna()]
if dated.empty:
    ui.empty_state(t("compare_no_moves", lang))
else:
    st.plotly_chart(timeline.lanes_figure(dated, [a, b], dataset, lang), key="moves_chart", width="stretch")
table = timeline.events_table(moves, dataset, lang)
st.dataframe(table, hide_index=True, width="stretch")
ui.download_csv(table, f"techrift-{a}-{b}-moves.csv")
