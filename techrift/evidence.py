"""The sentence behind each record, as a reader sees it: per cited source, the excerpt in the page's language, its
translation in the reader's language, and a link that opens the page at that sentence; a source with no excerpt is
background. Pure: the panels, tables, hovers and exports all read these."""

from __future__ import annotations

import html
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from techrift.caching import memo
from techrift.data import Dataset, split_ids
from techrift.formatting import language_name
from techrift.fragments import link_to_sentence
from techrift.i18n import t

LINE_CHARACTERS = 90  # "cut to a line": a table cell or a hover line holds about this many characters
ID_COLUMNS = {"events": "event_id", "flows": "flow_id", "metrics": "metric_id", "stances": "stance_id"}


@dataclass(frozen=True)
class SourceEvidence:
    """One source of a record as shown: its excerpt (None when the source is background) and where to read it."""

    source_id: str
    excerpt: str | None
    excerpt_lang: str | None
    translation: str | None  # in the reader's language (None where the data has none)
    translation_lang: str | None
    link: str | None  # the source's URL at the sentence (a seed has no URL)

    @property
    def background(self) -> bool:
        return self.excerpt is None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def translation_of(row: Mapping[Hashable, Any], lang: str) -> tuple[str | None, str | None]:
    """(translation, its language) of an evidence row for a reader of `lang`: the translation into the reader's
    language where the data has one; none when the excerpt is already in that language, nor where the data has no
    translation into it (a translation of ours in a third language would be our words in a language the interface
    is not in: the Vietnamese interface shows no English)."""
    if row["excerpt_lang"] == lang:
        return None, None
    text = _text(row.get(f"excerpt_{lang}"))
    return (text, lang) if text else (None, None)


def in_reader_language(row: Mapping[Hashable, Any], lang: str) -> str:
    """An excerpt as a reader of `lang` reads it best: its translation into `lang` where there is one, else as
    written (a quotation stays in its own language rather than in a third)."""
    if row["excerpt_lang"] != lang and (text := _text(row.get(f"excerpt_{lang}"))):
        return text
    return str(row["excerpt"])


def untranslated(row: Mapping[Hashable, Any], lang: str) -> str:
    """'' when a reader of `lang` reads the excerpt in their language; else what tells them why it is not
    ('English original, not translated'): a quotation is shown as written, and a Vietnamese reader should know why."""
    if row["excerpt_lang"] == lang or _text(row.get(f"excerpt_{lang}")):
        return ""
    return t("excerpt_untranslated", lang, language=language_name(str(row["excerpt_lang"]), lang))


def one_line(text: str | None, limit: int = LINE_CHARACTERS) -> str:
    """A text cut to one line of about `limit` characters, at a word, with '…' where it was cut."""
    if not text:
        return ""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(" ,;:") + "…"


@memo(maxsize=4096)  # a page details a dozen records per run, each in one language
def record_evidence(
    dataset: Dataset, table: str, record_id: str, source_ids: str | None, lang: str
) -> tuple[SourceEvidence, ...]:
    """Every source of a record, in the order it cites them, each with its excerpt or as background; then sources
    with an excerpt that the list does not name (a place's events' sources)."""
    rows = {row["source_id"]: row for row in dataset.evidence_for(table, record_id).to_dict("records")}
    sources = dataset.sources_by_id
    cited = list(dict.fromkeys([*split_ids(source_ids), *rows]))
    shown = []
    for source_id in cited:
        url = sources.at[source_id, "url"] if source_id in sources.index else None
        url = url if isinstance(url, str) else None
        row = rows.get(source_id)
        if row is None:
            shown.append(SourceEvidence(source_id, None, None, None, None, url))
            continue
        translation, translation_lang = translation_of(row, lang)
        link = link_to_sentence(url, row["excerpt"]) if url else None
        shown.append(
            SourceEvidence(source_id, row["excerpt"], row["excerpt_lang"], translation, translation_lang, link)
        )
    return tuple(shown)


def first_excerpts(dataset: Dataset, table: str, record_ids: Iterable[str], lang: str) -> list[str]:
    """Each record's first excerpt (in evidence.csv's order) in the reader's language, cut to a line; '' if none."""
    first = _first_rows(dataset, table)
    return [one_line(in_reader_language(first[i], lang)) if i in first else "" for i in record_ids]


def _untranslated_notes(dataset: Dataset, table: str, record_ids: Iterable[str], lang: str) -> list[str]:
    """For each record's first excerpt, its `untranslated` note ('' for none, or for a record with no excerpt)."""
    first = _first_rows(dataset, table)
    return [untranslated(first[i], lang) if i in first else "" for i in record_ids]


@memo(maxsize=16)
def _first_rows(dataset: Dataset, table: str) -> dict[str, dict[Hashable, Any]]:
    evidence = dataset.evidence
    if evidence.empty:
        return {}
    rows = evidence[evidence["record_table"] == table].drop_duplicates("record_id")
    return {row["record_id"]: row for row in rows.to_dict("records")}


HOVER_CHARACTERS = 70  # a hover is narrower than a table cell


def hover_lines(dataset: Dataset, table: str, record_ids: Iterable[str], lang: str) -> list[str]:
    """For a chart's hover (HTML): each record's first excerpt in the reader's language, shortened, on a line of its
    own in quotation marks; '' for a record with none."""
    record_ids = list(record_ids)
    excerpts = [
        one_line(text, HOVER_CHARACTERS) if text else "" for text in first_excerpts(dataset, table, record_ids, lang)
    ]
    notes = _untranslated_notes(dataset, table, record_ids, lang)
    return [
        f"<br><i>“{html.escape(text)}”</i>" + (f" ({html.escape(note)})" if note else "") if text else ""
        for text, note in zip(excerpts, notes)
    ]


def with_evidence_column(frame: pd.DataFrame, dataset: Dataset, table: str, lang: str) -> pd.DataFrame:
    """A table of records (with their id column) with an `evidence` column before the id: the first excerpt, cut to
    a line, in quotation marks (a source's words, shown as written, not ours)."""
    id_column = ID_COLUMNS[table]
    shown = frame.copy()
    notes = _untranslated_notes(dataset, table, frame[id_column], lang)
    quoted = [
        f"“{text}”" + (f" ({note})" if note else "") if text else ""
        for text, note in zip(first_excerpts(dataset, table, frame[id_column], lang), notes)
    ]
    shown.insert(list(shown.columns).index(id_column), "evidence", quoted)
    return shown


def excerpts_table(dataset: Dataset, record_ids: Mapping[str, Iterable[str]]) -> pd.DataFrame:
    """The evidence rows of the given records (ids by table), as evidence.csv writes them: what an export of a view
    carries."""
    evidence = dataset.evidence
    if evidence.empty:
        return evidence.copy()
    keep = pd.Series(False, index=evidence.index)
    for table, ids in record_ids.items():
        keep |= evidence["record_table"].eq(table) & evidence["record_id"].isin(list(ids))
    return evidence[keep].reset_index(drop=True)
