"""Compare companies: any two (AWS and Nvidia by default, Huawei too), strategies in China side by side."""

import streamlit as st

from techrift import comparison, views
from techrift.i18n import t
from techrift.text import escape_markdown
from techrift.ui import details, downloads, provenance, shell, tables, url_state
from techrift.ui.plotly_chart import plotly_chart

context = shell.start_page()
dataset, scope, lang = context.dataset, context.scope, context.lang
available = comparison.companies(dataset.stances, dataset.events)
left, right = st.columns(2)
a = url_state.bound_selectbox(
    t("company_a", lang),
    available,
    "a",
    comparison.preferred_or_first(available, comparison.DEFAULT_PAIR[0]),
    container=left,
)
partners = comparison.partners_of(available, a)
fallback_b = comparison.preferred_or_first(partners, comparison.DEFAULT_PAIR[1])
if notice := comparison.twice_notice(url_state.url_value("b"), a, fallback_b, lang):
    st.warning(notice, icon="🔗")
    url_state.sync_param("b", None)
b = url_state.bound_selectbox(t("company_b", lang), partners, "b", fallback_b, container=right)

st.title(t("compare_title", lang, a=escape_markdown(a), b=escape_markdown(b)))
st.caption(t("compare_intro", lang))
if left_out := comparison.left_out_by_filter(context.filters, a, b):
    st.info(t("compare_filtered_out", lang, companies=", ".join(left_out)))
shown = comparison.in_scope(scope)

st.header(t("compare_key_figures", lang), anchor=False)
for column, company in zip(st.columns(2, border=True), (a, b)):
    figures, total = comparison.key_figures(shown, company, lang, limit=comparison.KEY_FIGURES_SHOWN)
    details.show_key_figures(dataset, company, figures, total - len(figures), column)

rows = views.comparison_rows(scope, a, b, lang)
if silent := comparison.dimensions_without_statement(rows):
    st.caption(t("compare_silent", lang, dimensions=", ".join(t(f"dimension_{d}", lang) for d in silent)))
if rows.empty:
    shell.empty_state(t("compare_no_rows", lang))
else:
    details.show_comparison(dataset, rows, comparison.SIDES, lang)
    downloads.download_csv(
        f"techrift-{a}-vs-{b}.csv",
        views.comparison_table,
        scope,
        a,
        b,
        lang,
        label=t("download_comparison", lang),
    )

st.header(t("compare_moves", lang), anchor=False)
moves = views.moves_shown(scope, a, b, lang)
if moves.events.empty:
    shell.empty_state(t("compare_no_moves", lang))
else:
    if not moves.dated.empty:
        drawn = views.moves_chart(scope, a, b, lang)
        chart = plotly_chart(drawn.figure, key="moves_chart", alt=drawn.alt, lang=lang, selection_mode=["points"])
        details.event_detail_from_chart(chart, moves.dated, dataset, lang)
    tables.show_table(views.moves_table(scope, a, b, lang), lang)
    downloads.download_csv(f"techrift-{a}-vs-{b}-moves.csv", views.moves_table, scope, a, b, lang)

provenance.cite_view(dataset, t("compare_title", lang, a=a, b=b), [rows, moves.events], lang)
