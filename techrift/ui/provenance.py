"""Provenance on every page: the data version a link was made with, and a citation of exactly what is on screen."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from techrift import citation, evidence, record_page
from techrift.caching import memo
from techrift.data import Dataset
from techrift.i18n import t
from techrift.records import Record
from techrift.text import escape_markdown
from techrift.ui.url_state import sync_param, url_value

VERSION_KEY = "v"
_LINKED_VERSION = "_techrift_linked_version"
CHANGELOG_ANCHOR = "data-versions"


def keep_version_in_links(dataset: Dataset, lang: str) -> None:
    """Say so when a link was made with another version of the data, then stamp the link with this version."""
    linked = url_value(VERSION_KEY)
    if linked and linked != dataset.release.version:
        st.session_state[_LINKED_VERSION] = linked[:20]
    if changed_from := st.session_state.get(_LINKED_VERSION):
        st.warning(
            t(
                "notice_data_changed",
                lang,
                linked=escape_markdown(changed_from),
                version=dataset.release.version,
                anchor=CHANGELOG_ANCHOR,
            ),
            icon="🕓",
        )
    sync_param(VERSION_KEY, dataset.release.version)


def view_citation(
    dataset: Dataset, title: str, shown: Sequence[pd.DataFrame], source_ids: Sequence[str] = ()
) -> citation.ViewCitation:
    """The citation of this view: its address with every parameter, today's date, the data version, the sources."""
    params = {key: value for key, value in st.query_params.to_dict().items() if key != VERSION_KEY}
    params[VERSION_KEY] = dataset.release.version
    return citation.ViewCitation(
        title=title,
        url=citation.view_url(st.context.url or "", params),
        accessed=datetime.date.today().isoformat(),
        version=dataset.release.version,
        data_as_of=dataset.release.data_as_of,
        source_ids=citation.sources_behind(shown, source_ids),
        records=citation.records_behind(shown),
    )


@memo(maxsize=64)  # the same view's sources on every run of it
def _source_lines(
    dataset: Dataset, source_ids: tuple[str, ...], records: tuple[tuple[str, str], ...], lang: str
) -> list[str]:
    by_table: dict[str, list[str]] = {}
    for table, record_id in records:
        by_table.setdefault(table, []).append(record_id)
    return citation.source_lines(source_ids, dataset.sources, lang, evidence.excerpts_table(dataset, by_table))


def record_citation(dataset: Dataset, record: Record, lang: str) -> citation.ViewCitation:
    """The citation of one record: its name and date, its page's link with the data version, today's date."""
    version = dataset.release.version
    return citation.record_citation(
        title=citation.record_title(record.table, record.title[lang], record.row, lang),
        record_id=record.record_id,
        url=citation.record_url(st.context.url or "", record.record_id, version),
        accessed=datetime.date.today().isoformat(),
        version=version,
        data_as_of=dataset.release.data_as_of,
        source_ids=record.source_ids,
    )


@memo(maxsize=256)  # a record's sources as references, the same on every run that shows it
def _source_references(dataset: Dataset, source_ids: tuple[str, ...], lang: str) -> tuple[str, str]:
    # a seed and its original are one article: cited once
    references = dict.fromkeys(citation.source_reference(source_id, dataset.sources, lang) for source_id in source_ids)
    entries = dict.fromkeys(citation.source_bibtex(source_id, dataset.sources, lang) for source_id in source_ids)
    return "\n\n".join(references), "\n\n".join(entries)  # a blank line between: a wrapped reference stays apart


def cite_record(dataset: Dataset, record: Record, lang: str, expanded: bool = False) -> None:
    """ "Cite this record": a reference and BibTeX naming the record, and its own sources as references (APA, BibTeX)."""
    cited = record_citation(dataset, record, lang)
    references, entries = _source_references(dataset, cited.source_ids, lang)
    with st.expander(t("cite_this_record", lang), icon="📌", expanded=expanded):
        st.caption(t("cite_reference", lang))
        st.code(citation.reference(cited, lang), language=None, wrap_lines=True)
        st.caption(t("cite_bibtex", lang))
        st.code(citation.bibtex(cited, lang), language=None)
        st.caption(t("cite_record_sources", lang, count=len(cited.source_ids)))
        st.code(references or "—", language=None, wrap_lines=True)
        st.caption(t("cite_record_sources_bibtex", lang))
        st.code(entries or "—", language=None)


def cite_view(
    dataset: Dataset, title: str, shown: Sequence[pd.DataFrame], lang: str, source_ids: Sequence[str] = ()
) -> None:
    """The page's footer: the data version, "Cite this record" when the address selects one record, and a citation
    of what is shown (reference, BibTeX, link, sources): the records in `shown` and the sources in `source_ids`,
    the selected record's own sources first."""
    cited = view_citation(dataset, title, shown, source_ids)
    selected = record_page.selected_record(dataset, st.query_params.to_dict())
    st.divider()
    if selected is not None:
        cite_record(dataset, selected, lang)
        cited = dataclasses.replace(
            cited,
            source_ids=record_page.sources_first(selected, cited.source_ids),
            records=tuple(dict.fromkeys(((selected.table, selected.record_id), *cited.records))),
        )
    with st.expander(t("cite_this_view", lang), icon="📎"):
        st.caption(t("cite_reference", lang))
        st.code(citation.reference(cited, lang), language=None, wrap_lines=True)
        st.caption(t("cite_bibtex", lang))
        st.code(citation.bibtex(cited, lang), language=None)  # LaTeX highlighting reads an escaped % as a comment
        if selected is None:
            st.caption(t("cite_sources", lang, count=len(cited.source_ids)))
        else:
            st.caption(
                t(
                    "cite_sources_selected",
                    lang,
                    count=len(cited.source_ids),
                    record=escape_markdown(selected.title[lang]),
                    first=len(selected.source_ids),
                )
            )
        st.code(
            "\n".join(_source_lines(dataset, cited.source_ids, cited.records, lang)) or "—",
            language=None,
            wrap_lines=True,
        )
    # Body text, not a caption: a link in a caption's lighter grey fails the contrast audit.
    st.markdown(
        t("data_version_footer", lang, version=cited.version, data_as_of=cited.data_as_of, anchor=CHANGELOG_ANCHOR)
    )
