"""Map: Huawei's partner universities and institutes in Russia, drawn offline; a world view adds the Western side."""

import streamlit as st

from techrift import maps, views
from techrift.i18n import t
from techrift.ui import details, downloads, provenance, shell, tables, url_state

context = shell.start_page()
dataset, scope, lang = context.dataset, context.scope, context.lang
view = url_state.bound_radio(
    t("map_view", lang),
    list(maps.VIEWS),
    "view",
    maps.RUSSIA,
    horizontal=True,
    format_func=lambda v: t(f"view_{v}", lang),
)
st.title(t("map_title_world" if view == maps.WORLD else "map_title", lang))
st.caption(t("map_intro_world" if view == maps.WORLD else "map_intro", lang))
shown = views.map_view(scope, view, lang)

if shown.in_view.empty:
    shell.empty_state(t("map_empty", lang))
else:
    # The map takes the column's whole width: its first view is fitted to 600 px (techrift/framing.py), and beside a
    # list it was 484 px wide on a 1280 px screen, which cut the places at its edges.
    picked = st.pydeck_chart(
        views.map_deck(scope, context.data_dir, view, lang, url_state.url_value("place")),
        on_select="rerun",
        selection_mode="single-object",
        key="map",
        height=560,
        alt=views.map_alt(scope, view, lang),
    )
    inferred = t("legend_inferred", lang) if shown.in_view["identification"].eq("inferred").any() else None
    # drawn inline, so that the picture carries its labels for a screen reader (an image element has no alt here)
    st.html(maps.legend_svg(maps.legend(shown.partners, shown.western, lang), inferred))
    st.caption(t("map_legend", lang))
    if (drawn := maps.places_drawn(shown.partners, shown.western)) < len(shown.in_view):
        st.caption(t("map_most_tied", lang, shown=drawn, total=len(shown.in_view)))
    if unplaced := maps.unplaced_ties(shown.events, lang):
        st.caption(t("map_unplaced", lang, names="; ".join(unplaced)))
    url_state.apply_chart_pick(maps.picked_place(picked), "place")
    st.header(t("institutions_in_view", lang), anchor=False)
    tables.show_table(
        maps.institutions_list(shown.in_view, lang),
        lang,
        column_config={"on_map": st.column_config.TextColumn(width="medium")},
    )
    downloads.download_csv("techrift-map.csv", views.map_table, scope, view, lang)
    names = details.find_in_picker(dataset, "places", maps.place_choices(shown.in_view), "place", lang)
    if chosen := url_state.bound_picker(t("institution", lang), names, "place", t("choose_place", lang)):
        details.show_place_detail(dataset, shown.events, chosen, lang)

provenance.cite_view(dataset, t("map_title", lang), [shown.events], lang)
