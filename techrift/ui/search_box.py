"""The search box in every page's sidebar, the search page's own box and its results (techrift/search.py finds them)."""

from __future__ import annotations

import streamlit as st

from techrift import filters as flt
from techrift import i18n, search
from techrift.data import Dataset
from techrift.formatting import language_name
from techrift.i18n import t
from techrift.records import ID_COLUMNS
from techrift.text import escape_markdown
from techrift.ui import provenance
from techrift.ui.url_state import sync_param, url_value

SEARCH_SCRIPT = "pages/search.py"
QUERY_PARAM = "q"
QUERY_KEY = f"url_{QUERY_PARAM}"  # the search page's box, bound to ?q= as every URL-bound widget is (url_state)
_SIDEBAR_KEY = "_search_box"
# The parameters a search keeps from the page it was asked on: the filters, the language, the data version.
KEPT_PARAMS = (*flt.KEYS, "lang", "v")


def sidebar_search(lang: str) -> None:
    """The sidebar's search box: Enter (or the button) opens /search?q=… with this page's filters and language."""
    with st.sidebar.form("search_form", border=False, enter_to_submit=True):
        query = st.text_input(t("search_label", lang), key=_SIDEBAR_KEY, placeholder=t("search_placeholder", lang))
        submitted = st.form_submit_button(t("search_button", lang), icon=":material/search:")
    if submitted and query.strip():
        params = {key: value for key in KEPT_PARAMS if (value := url_value(key))}
        st.session_state[QUERY_KEY] = query.strip()  # the search page's box, if it is the page already open
        st.switch_page(SEARCH_SCRIPT, query_params={**params, QUERY_PARAM: query.strip()})


def query_box(lang: str) -> str:
    """The search page's box, seeded from ?q= and written back to it: the query, stripped."""
    if QUERY_KEY not in st.session_state:
        st.session_state[QUERY_KEY] = (url_value(QUERY_PARAM) or "")[: search.MAX_QUERY_LENGTH]
    query = st.text_input(
        t("search_label", lang),
        key=QUERY_KEY,
        placeholder=t("search_placeholder", lang),
        icon=":material/search:",
    ).strip()
    sync_param(QUERY_PARAM, query or None)
    return query


def _clear_filters(options: flt.FilterOptions) -> None:
    """Put every global filter back to its default (an on_click callback: the sidebar then writes the URL)."""
    for entry in flt.REGISTRY:
        default = entry.default(options)
        st.session_state[f"global_{entry.field}"] = list(default) if entry.widget == "multiselect" else default


def snippet_markdown(found: search.Snippet, lang: str, table: str = "") -> str:
    """A snippet as a Markdown line: what it is (a summary, a seed fragment of a source…, in which language when not
    the reader's), then its text with the matched words highlighted, every character escaped."""
    kind = "publisher" if (table, found.kind) == ("sources", "text") else found.kind  # a source's text is its publisher
    label = t(f"search_field_{kind}", lang)
    if found.kind == "fragment":
        label = f"{label} ({found.source_id})"
    if found.lang and found.lang != lang:
        label = f"{label}, {language_name(found.lang, lang)}"
    return f"*{escape_markdown(label)}:* {marked_markdown(found.segments)}"


def marked_markdown(segments: tuple[tuple[str, bool], ...]) -> str:
    """Segments as Markdown, every character escaped, the matched ones highlighted and bold."""
    return "".join(
        f":orange-background[**{escape_markdown(part)}**]" if matched else escape_markdown(part)
        for part, matched in segments
        if part
    )


def record_link(path: str, lang: str) -> str:
    """A record page's link from this page, in the reader's language."""
    return path if lang == i18n.DEFAULT_LANGUAGE else f"{path}&lang={lang}"


def result_markdown(document: search.Document, words: tuple[str, ...], lang: str) -> str:
    """One result: the record's title (in the reader's language) linked to its page, its date, then where it matched."""
    record = document.record
    shown_title = marked_markdown(search.title_segments(document, words, lang))
    title = f"[{shown_title}]({record_link(record.path, lang)})"
    date = record.date[lang]
    lines = [f"{title} · {escape_markdown(date)}" if date else title]
    lines += [snippet_markdown(found, lang, record.table) for found in search.snippets(document, words, lang)]
    return "  \n".join(lines)


def show_results(
    dataset: Dataset, query: str, filters: flt.Filters, options: flt.FilterOptions, lang: str
) -> search.Results:
    """The results of `query` by kind, the filters applied, with the count of those hidden and the way to show them."""
    results = search.search(dataset, query, filters, options)
    index = search.index_for(dataset)
    if results.cut:
        st.caption(t("search_cut", lang, length=search.MAX_QUERY_LENGTH, words=search.MAX_WORDS))
    if results.shown:
        st.markdown(t("search_found", lang, count=results.shown, query=escape_markdown(query)))
    else:
        st.info(t("search_none", lang, query=escape_markdown(query)), icon="🔎")
        st.markdown(t("search_hints", lang))
    if results.hidden_total:
        hidden_line = t("search_hidden", lang, count=results.hidden_total)
        st.caption(hidden_line)
        st.button(
            t("search_clear_filters", lang), on_click=_clear_filters, args=(options,), icon=":material/filter_alt_off:"
        )
    for table, positions in results.groups:
        st.subheader(f"{t(f'search_kind_{table}', lang)} ({len(positions)})", anchor=False)
        shown = positions[: search.SHOWN_PER_KIND]
        st.markdown("\n\n".join(result_markdown(index.documents[p], results.words, lang) for p in shown))
        if len(positions) > len(shown):
            st.caption(t("search_more", lang, count=len(positions) - len(shown)))
    return results


def cite_results(dataset: Dataset, results: search.Results | None, lang: str) -> None:
    """The page's citation: the search's link, and the sources behind the records found (the sources found too)."""
    shown = search.shown_ids(search.index_for(dataset), results) if results else {}
    frames = [
        frame[frame[ID_COLUMNS[table]].isin(ids)]
        for table, ids in shown.items()
        if table != "sources" and not (frame := getattr(dataset, table)).empty
    ]
    provenance.cite_view(dataset, t("search_title", lang), frames, lang, source_ids=shown.get("sources", ()))


def filters_note(lang: str) -> None:
    """What the sidebar's filters do to a search."""
    st.caption(t("search_filters_note", lang))
