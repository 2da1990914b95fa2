"""A record's own page, record?id=<id>: any event, flow, figure, stance, place or source, with its full text, its
sources and their sentences, related records, the views that show it, and how to cite it."""

from collections.abc import Callable
from typing import Any

import streamlit as st

from techrift import record_page
from techrift.i18n import t
from techrift.records import find_record
from techrift.text import escape_markdown, markdown_link
from techrift.ui import details, downloads, provenance, shell, url_state

context = shell.start_page()
dataset, lang = context.dataset, context.lang
asked = (url_state.url_value("id") or "").strip()
record = find_record(dataset, asked) if asked else None


def _link(label: str, path: str) -> str:
    """A link to a page of this app (a relative address, which markdown_link keeps only for https)."""
    return f"[{escape_markdown(label)}]({path})"


def _kind(table: str) -> str:
    kind = t(f"record_kind_{table}", lang)
    return kind if lang == "vi" else kind.lower()


def _retired_notice(old: record_page.RetiredId, notice: Callable[..., Any] = st.warning) -> None:
    if old.replaced_by:
        replacement = find_record(dataset, old.replaced_by)
        notice(
            t(
                "record_retired_renamed",
                lang,
                kind=_kind(old.table),
                record_id=escape_markdown(old.record_id),
                last_version=old.last_version,
                changed_in=old.changelog_version,
                replacement=escape_markdown(replacement.title[lang] if replacement else old.replaced_by),
                link=f"record?id={old.replaced_by}",
            ),
            icon="🕓",
        )
    else:
        notice(
            t(
                "record_retired_removed",
                lang,
                kind=_kind(old.table),
                record_id=escape_markdown(old.record_id),
                last_version=old.last_version,
                changed_in=old.changelog_version,
            ),
            icon="🕓",
        )


def _choose() -> None:
    st.query_params["id"] = st.session_state["record_pick"]


if record is None:
    st.title(t("nav_record", lang))
    st.caption(t("record_intro", lang))
    if asked:
        if gone := record_page.retired(dataset, asked):
            for old in gone:
                _retired_notice(old)
        else:
            st.error(
                t("record_unknown", lang, record_id=escape_markdown(asked[:80]), version=dataset.release.version),
                icon="🔎",
            )
    choices = record_page.choices(dataset, lang)
    st.selectbox(
        t("record_choose", lang),
        list(choices),
        index=None,
        key="record_pick",
        format_func=choices.__getitem__,
        placeholder=t("record_choose", lang),
        on_change=_choose,
    )
else:
    row = record.row
    st.title(escape_markdown(record.title[lang]))
    when = record.date[lang]
    precision = record_page.precision(record)
    facts = [t(f"record_kind_{record.table}", lang)]
    if when:
        facts.append(when + (f" ({t('precision_' + precision, lang)})" if precision else ""))
    if record.company:
        facts.append(record.company)
    facts.append(f"{t('record_id', lang)}: {record.record_id}")
    st.caption(escape_markdown(" · ".join(facts)))
    if record.text[lang]:
        st.markdown(escape_markdown(record.text[lang]))
    if url := row.get("url"):
        if isinstance(url, str):
            st.markdown(markdown_link(url, url))
    for old in record_page.retired(dataset, record.record_id):
        _retired_notice(old, st.info)  # the id named another record in an older version
    if record.table in ("events", "flows", "metrics", "stances"):
        details.show_support(row, lang)
    sources = ";".join(record.source_ids)
    if record.table != "sources" and sources:
        details.show_sources(dataset, sources, record=(record.table, record.record_id))
    fragments = (
        dataset.quotes[dataset.quotes["source_id"] == record.record_id]
        if record.table == "sources"
        else dataset.quotes_for(record.table, record.record_id)
    )
    if not fragments.empty:
        st.subheader(t("record_fragments", lang), anchor=False)
        for quote in fragments.to_dict("records"):
            st.markdown(f"> {escape_markdown(quote['text'])}")
            if lang != "vi":
                st.caption(f"{t('english', lang)}: {escape_markdown(quote['text_en'])}")

    if appears := record_page.appears_in(dataset, record):
        st.subheader(t("record_appears", lang), anchor=False)
        st.caption(t("record_appears_intro", lang))
        st.markdown("\n".join(f"- {_link(t('nav_' + page, lang), link)}" for page, link in appears))

    if relations := record_page.related(dataset, record):
        st.subheader(t("record_related", lang), anchor=False)
        for relation in relations:
            heading = t(
                f"record_related_{relation.relation}",
                lang,
                count=relation.total,
                company=escape_markdown(record.company),
            )
            lines = [
                f"- {_link(other.title[lang], other.path)} ({t('record_kind_' + other.table, lang).lower()}"
                + (f", {escape_markdown(other.date[lang])})" if other.date[lang] else ")")
                for other in relation.records
            ]
            if relation.total > len(relation.records):
                lines.append(f"- {t('record_related_more', lang, count=relation.total - len(relation.records))}")
            st.markdown(f"**{heading}**\n\n" + "\n".join(lines))

    downloads.download_csv(
        f"techrift-record-{record.record_id}.csv",
        record_page.record_frame,
        dataset,
        record.record_id,
        label=t("record_download", lang),
    )

provenance.cite_view(
    dataset,
    record.title[lang] if record else t("nav_record", lang),
    [],
    lang,
    source_ids=record.source_ids if record else (),
)
