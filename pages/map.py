"""Map: Huawei's partner universities and institutes in Russia, drawn offline; a world view adds the Western side."""

import streamlit as st

from techrift import maps, views
from techrift.data import default_data_dir
from techrift.i18n import t
from techrift.text import escape_markdown
from techrift.ui import details, downloads, shell, url_state

context = shell.start_page()
dataset, lang = context.dataset, context.lang
st.title(t("map_title", lang))
st.caption(t("map_intro", lang))

view = url_state.bound_radio(
    t("map_view", lang),
    list(maps.VIEWS),
    "view",
    maps.RUSSIA,
    horizontal=True,
    format_func=lambda v: t(f"view_{v}", lang),
)
events, partners, western, in_view = views.map_view(dataset, context.filters, context.options, view, lang)

if in_view.empty:
    shell.empty_state(t("map_empty", lang))
else:
    deck = maps.partner_deck(
        views.country_outlines(default_data_dir()),
        partners,
        maps.huawei_sites(dataset.places, lang),
        western,
        view,
    )
    chart_column, list_column = st.columns([3, 1])
    picked = chart_column.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map", height=560)
    chart_column.markdown(
        " · ".join(
            f"{swatch} {escape_markdown(label)}"
            for swatch, label in details.legend_swatches(maps.legend(partners, western, lang))
        )
    )
    chart_column.caption(t("map_legend", lang))
    if len(in_view) > maps.MAX_POINTS_PER_LAYER:
        drawn = len(maps.most_tied(partners)) + (0 if western is None else len(maps.most_tied(western)))
        if drawn < len(in_view):
            chart_column.caption(t("map_most_tied", lang, shown=drawn, total=len(in_view)))
    url_state.apply_chart_pick(maps.picked_place(picked), "place")
    list_column.markdown(f"**{t('institutions_in_view', lang)}**")
    side_list = in_view[["name", "city", "events", "approximate"]].rename(columns={"approximate": "≈"})
    list_column.dataframe(side_list, hide_index=True, width="stretch")
    downloads.download_csv("techrift-map.csv", views.map_table, dataset, context.filters, context.options, view, lang)
    names = dict(zip(in_view["place_id"], in_view["name"]))
    chosen = url_state.bound_selectbox(
        t("institution", lang),
        [""] + list(names),
        "place",
        "",
        format_func=lambda place_id: names.get(place_id) or t("choose_place", lang),
    )
    if chosen:
        details.show_place_detail(dataset, events, chosen, lang)
