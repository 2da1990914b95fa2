"""Detail panels: a record's sources, seed fragments, an event, a place; what a chart click picked; the map's legend."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from techrift import schema, search, style
from techrift.caching import memo
from techrift.data import Dataset, split_ids
from techrift.evidence import SourceEvidence, record_evidence
from techrift.formatting import KeyFigure, amount_label, date_label, format_amount, language_name, years_label
from techrift.i18n import localized, localized_column, t
from techrift.records import record_path
from techrift.support import support_text
from techrift.text import escape_markdown, markdown_link
from techrift.ui.url_state import apply_chart_pick, bound_picker, current_language, url_value


def record_link(record_id: str, lang: str) -> str:
    """A Markdown link to the record's own page (relative: the app's pages are siblings)."""
    return f":material/article: [{escape_markdown(t('record_open', lang))}]({record_path(record_id)})"


def source_line(source: Mapping[Hashable, Any], source_id: str, lang: str) -> str:
    """One source as a Markdown line: linked title, publisher, date, language, and a link to its entry on the Sources page."""
    title = markdown_link(localized(source, "title", lang), source["url"])
    when = (
        date_label(source["published"], lang=lang)
        if isinstance(source["published"], str)
        else t("date_not_given", lang)
    )
    entry = f"[{t('entry', lang)}](/sources?source={source_id})"
    seed = f" · {t('seed_full_text', lang)}" if source["kind"] == "seed" else ""
    language = escape_markdown(language_name(source["language"], lang))
    return f"{title} — {escape_markdown(localized(source, 'publisher', lang))}, {when}, {language}{seed} · {entry}"


# The overview and comparison list dozens of sources on every run; each line is made once per process.
@memo(maxsize=4096)
def _source_line(dataset: Dataset, source_id: str, lang: str) -> str:
    return source_line(dataset.sources_by_id.loc[source_id].to_dict(), source_id, lang)


def evidence_markdown(item: SourceEvidence, lang: str) -> str:
    """A source's sentence as Markdown lines inside its list item: the excerpt as written (its language named), the
    translation in the reader's language beside it, and a link that opens the page at the sentence; or the note that
    the source is background."""
    if item.excerpt is None:
        return f"  \n  *{escape_markdown(t('evidence_background', lang))}*"
    language = escape_markdown(language_name(item.excerpt_lang or "", lang))
    lines = [f"  > “{escape_markdown(item.excerpt)}” ({language})"]
    if item.translation:
        label = escape_markdown(
            t("evidence_translation", lang, language=language_name(item.translation_lang or "", lang))
        )
        lines += ["  >", f"  > *{label}: {escape_markdown(item.translation)}*"]
    if item.link:
        lines += ["", f"  {markdown_link(t('evidence_open_at_sentence', lang), item.link)}"]
    return "\n" + "\n".join(lines)


def show_sources(
    dataset: Dataset,
    source_ids: str,
    container: Any = st,
    heading: str | None = None,
    record: tuple[str, str] | None = None,
) -> None:
    """List a record's sources, each one click away, under `heading` ('Sources' unless given). With the record
    (table, id), each source shows the sentence that states the record, or that it is background."""
    lang = current_language()
    if record is None or not dataset.evidence_given:
        lines = [f"- {_source_line(dataset, source_id, lang)}" for source_id in split_ids(source_ids)]
    else:
        lines = [
            f"- {_source_line(dataset, item.source_id, lang)}{evidence_markdown(item, lang)}"
            for item in record_evidence(dataset, *record, source_ids, lang)
        ]
    container.markdown(f"**{heading or t('sources', lang)}**\n\n" + "\n".join(lines))


@memo(maxsize=4096)  # the comparison shows the quotes of some twenty records on every run
def _quotes(dataset: Dataset, table: str, record_id: str) -> tuple[dict[Hashable, Any], ...]:
    return tuple(dataset.quotes_for(table, record_id).to_dict("records"))


def show_quotes(dataset: Dataset, table: str, record_id: str, container: Any = st) -> None:
    """The verbatim seed fragments behind a record, each with its English translation (in the English interface)."""
    lang = current_language()
    if not dataset.evidence_for(table, record_id).empty:
        return  # the record's sentences, seed ones among them, are shown with its sources
    for quote in _quotes(dataset, table, record_id):
        container.markdown(f"**{t('seed_fragment', lang)}** ({quote['source_id']}, {t('verbatim', lang)})")
        container.text(quote["text"])
        if lang != "vi":
            container.caption(f"{t('english', lang)}: {escape_markdown(quote['text_en'])}")


def picked_customdata(event: Any) -> str | None:
    """The first customdata value (a record id) of the points selected on a Plotly chart, if any."""
    try:
        points = event.selection.points
    except AttributeError:
        return None
    for point in points or []:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and data:
            return str(data[0])
        if isinstance(data, str):
            return data
    return None


def highlighted_markdown(segments: Sequence[Any]) -> str:
    """Markdown of a text whose quoted segments get a highlight; every character of the text is escaped."""
    paragraphs: list[str] = []
    line_parts: list[str] = []
    for segment in segments:
        pieces = segment.text.split("\n")
        for position, piece in enumerate(pieces):
            if position > 0:
                paragraphs.append("".join(line_parts))
                line_parts = []
            if piece:
                escaped = escape_markdown(piece)
                line_parts.append(f":orange-background[{escaped}]" if segment.quote_ids else escaped)
    paragraphs.append("".join(line_parts))
    return "\n\n".join(p for p in paragraphs if p.strip())


def show_event_detail(dataset: Dataset, event: Mapping[Hashable, Any], lang: str, container: Any = st) -> None:
    """An event's detail panel: title, date with its precision, summary, seed fragments and sources."""

    precision = (
        t(f"precision_{event['date_precision']}", lang)
        if isinstance(event["date_precision"], str)
        else t("date_unknown", lang)
    )
    action = t(f"category_{event['category']}", lang)
    container.markdown(f"## {escape_markdown(localized(event, 'title', lang))}")
    container.caption(
        f"{escape_markdown(localized(event, 'date_label', lang))} ({escape_markdown(precision)}) · "
        f"{escape_markdown(action)} · {escape_markdown(localized(event, 'counterpart', lang))}"
    )
    container.markdown(escape_markdown(localized(event, "summary", lang)))
    show_quotes(dataset, "events", event["event_id"], container)
    show_sources(dataset, event["source_ids"], container, record=("events", event["event_id"]))
    show_support(event, lang, container)
    container.markdown(record_link(event["event_id"], lang))


def find_in_picker(
    dataset: Dataset, table: str, labels: Mapping[str, str], param: str, lang: str, keep: Sequence[str] = ()
) -> dict[str, str]:
    """A box above a "Details for…" picker that narrows its options (`labels`: id -> label) to the records the search
    finds by their words: title, summary, counterpart, place, seed fragments, in both languages (techrift/search.py),
    where the picker's own filter matches only its labels. The record chosen (and `keep`) stay among the options, so
    that narrowing never drops a choice."""
    words = st.text_input(
        t("picker_find", lang),
        key=f"_find_{param}",
        placeholder=t("picker_find_placeholder", lang),
        icon=":material/search:",
    )
    matched = search.matching_ids(dataset, words, table)
    if matched is None:
        return dict(labels)
    chosen = st.session_state.get(f"url_{param}", url_value(param))
    narrowed = {key: label for key, label in labels.items() if key in matched or key == chosen or key in keep}
    st.caption(t("picker_found", lang, count=sum(key in matched for key in labels), total=len(labels)))
    return narrowed


def event_detail_from_chart(chart: Any, dated: pd.DataFrame, dataset: Dataset, lang: str) -> None:
    """The event picked on a timeline chart (or chosen in a selectbox bound to `event`), shown in a detail panel."""
    apply_chart_pick(picked_customdata(chart), "event")
    lanes = localized_column(dated, "lane", lang)
    labels = dict(zip(dated["event_id"], localized_column(dated, "date_label", lang) + " · " + lanes))
    labels = find_in_picker(dataset, "events", labels, "event", lang)
    if chosen := bound_picker(t("details_for", lang), labels, "event", t("choose_event", lang)):
        with st.container(border=True):
            show_event_detail(dataset, dated.set_index("event_id", drop=False).loc[chosen].to_dict(), lang)


def show_place_detail(dataset: Dataset, events: pd.DataFrame, place_id: str, lang: str) -> None:
    """A place's detail: where it is (and how precisely), every event and money flow there, with fragments and sources."""
    place = dataset.places.set_index("place_id").loc[place_id].to_dict()
    with st.container(border=True):
        st.markdown(f"## {escape_markdown(localized(place, 'name', lang))}")
        st.markdown(record_link(place_id, lang))
        precision = (
            ""
            if place["coord_precision"] == schema.EXACT_COORDS
            else f" · {t('coord_' + place['coord_precision'], lang)}"
        )
        st.caption(
            f"{escape_markdown(place['name_original'])} · {escape_markdown(localized(place, 'city', lang))}, "
            f"{escape_markdown(localized(place, 'country', lang))}{escape_markdown(precision)}"
        )
        st.markdown(f"**{t('place_events', lang)}**")
        for event in events[events["place_id"] == place_id].sort_values("start").to_dict("records"):
            show_event_detail(dataset, event, lang)
        flows = dataset.flows[dataset.flows["recipient_place_id"] == place_id]
        if not flows.empty:
            st.markdown(f"**{t('place_money', lang)}**")
            for flow in flows.to_dict("records"):
                st.markdown(
                    escape_markdown(
                        f"{amount_label(flow, lang)} ({years_label(flow, lang)}): {localized(flow, 'description', lang)}"
                    )
                )
                show_quotes(dataset, "flows", flow["flow_id"])
                show_sources(dataset, flow["source_ids"], record=("flows", flow["flow_id"]))
                st.markdown(record_link(flow["flow_id"], lang))
        show_sources(dataset, place["coord_source_ids"], record=("places", place_id))


def show_flow_detail(dataset: Dataset, flows: pd.DataFrame, flow_id: str, heading: str, lang: str) -> None:
    """An amount's detail panel: its label, what it is, the source's conversion to US dollars, fragments and sources."""
    flow = flows.set_index("flow_id", drop=False).loc[flow_id].to_dict()
    with st.container(border=True):
        st.markdown(f"## {escape_markdown(heading)}")
        st.markdown(escape_markdown(localized(flow, "description", lang)))
        if isinstance(flow["usd_note"], str):
            converted = format_amount(flow["usd_amount"], "USD", lang)
            note = localized(flow, "usd_note", lang)
            st.caption(escape_markdown(f"{t('converted', lang)}: ≈ {converted} ({note})"))
        show_quotes(dataset, "flows", flow_id)
        show_sources(dataset, flow["source_ids"], record=("flows", flow_id))
        show_support(flow, lang)
        st.markdown(record_link(flow_id, lang))


def show_support(record: Mapping[Hashable, Any], lang: str, container: Any = st) -> None:
    """How well a record is supported, computed from its sources (see techrift.support)."""
    container.caption(f"**{t('support', lang)}:** {escape_markdown(support_text(record, lang))}")


def show_key_figures(dataset: Dataset, heading: str, figures: Sequence[KeyFigure], more: int, column: Any) -> None:
    """A company's key figures, two to a row, each with its sources one click away; `more` says how many are not shown."""
    lang = current_language()
    column.markdown(f"**{escape_markdown(heading)}**")
    if not figures:
        column.caption(t("no_statement", lang))
    column.html(style.METRIC_CSS)  # the cards' values wrap, never cut
    for first in range(0, len(figures), 2):  # two to a row, so labels and values stay whole
        for place, figure in zip(column.columns(2), figures[first : first + 2]):
            # The label as text above the number: a metric's own label is cut off when long.
            place.markdown(escape_markdown(figure.label))
            place.metric(escape_markdown(figure.label), figure.value, label_visibility="collapsed")
            place.caption(escape_markdown(figure.detail))
            show_sources(dataset, figure.source_ids, place.expander(t("sources", lang)))
    if more > 0:
        column.caption(t("more_figures", lang, count=more))


def show_comparison(dataset: Dataset, rows: pd.DataFrame, sides: Sequence[str], lang: str) -> None:
    """The aligned comparison: per dimension a heading and the two companies' sourced stances side by side."""
    for row in rows.to_dict("records"):
        st.subheader(t(f"dimension_{row['dimension']}", lang), anchor=False)
        for column, side in zip(st.columns(2, border=True), sides):
            _show_stance(dataset, row, side, column, lang)


def _show_stance(dataset: Dataset, row: Mapping[Hashable, Any], side: str, column: Any, lang: str) -> None:
    if not isinstance(row[f"{side}_stance_id"], str):
        column.caption(t("no_statement", lang))
        return
    # One element, two paragraphs: the page has some 170 elements, and each one is a message the browser draws.
    column.markdown(
        f"**{escape_markdown(row[f'{side}_position'])}**\n\n{escape_markdown(row[f'{side}_statement'])}\n\n"
        + record_link(row[f"{side}_stance_id"], lang)
    )
    show_quotes(dataset, "stances", row[f"{side}_stance_id"], column)
    show_sources(dataset, row[f"{side}_source_ids"], column, record=("stances", row[f"{side}_stance_id"]))
    column.caption(f"**{t('support', lang)}:** {escape_markdown(row[f'{side}_support'])}")
