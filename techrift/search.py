"""Search every record (techrift/records.py) by its words, in both languages whatever the interface's language.

A record is found by its title, its text (summary, description, statement), an event's counterpart, the place it is
at (name, original name, city), and the seed fragments quoted for it; a source by its title and publisher. Matching
ignores case and diacritics ("hue" finds "Huế", "dai hoc" finds "Đại học"); it never transliterates, so "skolkovo"
finds "Сколково" only where the data also writes it in Latin letters. A query word matches the start of a word, so
"skol" finds "Skoltech", but a word that ends in a digit matches only a whole number: "H20" finds "H20" and not
"H200". Every word of a query must match (AND), each anywhere in the record.

Why no search library: the data is a few hundred records, and even at 1000× it is the same few hundred distinct texts
copied (benchmarks/synthetic.py). An in-memory index answers in milliseconds at that size (docs/performance.md, the
benchmark's search part), needs no dependency, no index files and no process, and its rules (the word rule above,
Vietnamese diacritics and đ) are ours to state and test. A full-text engine (SQLite FTS5, Whoosh, Tantivy) would add a
tokenizer to configure for Vietnamese and a store to keep in step with the live data, for no gain at this size.

The index keeps each distinct text once (token -> texts -> records), so 1000 copies of a summary cost one entry.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from techrift import filters as flt
from techrift.caching import memo
from techrift.data import Dataset
from techrift.i18n import LANGUAGES
from techrift.records import ID_COLUMNS, RECORD_TABLES, Record, records

MAX_QUERY_LENGTH = 200  # characters of a query that are read (a longer one is cut, and the page says so)
MAX_WORDS = 12  # words of a query that are read
SHOWN_PER_KIND = 50  # results listed per kind on the page; the rest are counted
SNIPPET_LENGTH = 180  # characters of a long text shown around its first match
FIELD_KINDS = ("title", "text", "counterpart", "place", "fragment")  # a record's searchable fields, in showing order

# Letters that Unicode does not decompose into a base letter and a mark, folded by hand.
_LETTERS = {"đ": "d", "ð": "d", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i", "ß": "ss"}
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    lower = char.casefold()
    if lower in _LETTERS:
        return _LETTERS[lower]
    decomposed = unicodedata.normalize("NFKD", lower)
    return "".join(part for part in decomposed if not unicodedata.combining(part)).casefold()


def fold(text: str) -> str:
    """The text without case or diacritics: "Huế" -> "hue", "Đại học" -> "dai hoc"."""
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=8192)
def _folded_with_origins(text: str) -> tuple[str, tuple[int, ...]]:
    """The folded text, and for each of its characters the position of the character of `text` it came from."""
    parts: list[str] = []
    origins: list[int] = []
    for position, char in enumerate(text):
        folded = _fold_char(char)
        parts.append(folded)
        origins.extend([position] * len(folded))
    return "".join(parts), tuple(origins)


def _read_part(query: str) -> str:
    """The part of a query that is read: its first MAX_QUERY_LENGTH characters, without a word cut in two."""
    if len(query) <= MAX_QUERY_LENGTH:
        return query
    part = query[:MAX_QUERY_LENGTH]
    return part if not query[MAX_QUERY_LENGTH].isalnum() else part.rsplit(None, 1)[0] if " " in part else part


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of a query, each once, in order (at most MAX_WORDS of its first MAX_QUERY_LENGTH characters)."""
    words = _WORD.findall(fold(_read_part(query)))
    return tuple(dict.fromkeys(words))[:MAX_WORDS]


def word_matches(word: str, token: str) -> bool:
    """Whether a query word matches a word of the text: its start, and a whole number if the query word ends in one."""
    if not token.startswith(word):
        return False
    return not (word[-1].isdigit() and len(token) > len(word) and token[len(word)].isdigit())


# --------------------------------------------------------------------------- the fields of a record


@dataclass(frozen=True)
class Field:
    """One searchable text of a record: its kind (FIELD_KINDS), its language ("" when the same in both), its words,
    and for a seed fragment the source it is quoted from and its id."""

    kind: str
    lang: str
    text: str
    source_id: str = ""
    quote_id: str = ""


@dataclass(frozen=True)
class Document:
    """A record and every text it is found by."""

    record: Record
    fields: tuple[Field, ...]


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _both(kind: str, texts: Mapping[str, str]) -> tuple[Field, ...]:
    """A field per language, once when both languages read the same."""
    return _fields(kind, tuple(texts.get(lang, "").strip() for lang in LANGUAGES))


@lru_cache(maxsize=65536)  # copies of a record (the benchmark's larger data) share their fields: made once
def _fields(kind: str, texts: tuple[str, ...]) -> tuple[Field, ...]:
    if len(set(texts)) == 1:
        return (Field(kind, "", texts[0]),) if texts[0] else ()
    return tuple(Field(kind, lang, text) for lang, text in zip(LANGUAGES, texts) if text)


def _row_both(row: Mapping[Hashable, Any], base: str) -> dict[str, str]:
    """A translated column in each language (`counterpart`, `counterpart_vi`), English where there is no translation."""
    english = _text(row.get(f"{base}_en", row.get(base)))
    return {lang: (_text(row.get(f"{base}_{lang}")) or english) if lang != "en" else english for lang in LANGUAGES}


def _place_fields(place: Record) -> tuple[Field, ...]:
    """How a place is named: its name in each language, its original name and its city."""
    return (
        *_both("place", place.title),
        *_both("place", {lang: _text(place.row.get("name_original")) for lang in LANGUAGES}),
        *_both("place", _row_both(place.row, "city")),
    )


def documents(all_records: Iterable[Record], quotes: Iterable[Mapping[Hashable, Any]]) -> tuple[Document, ...]:
    """Each record with its searchable fields: its own words, its counterpart, its places' names and its fragments.

    A place record is found by its names and city (its title and text), a record at a place also by that place's
    names; `quotes` are the seed fragments (dataset.quotes rows), each a field of the record it is linked to.
    """
    all_records = tuple(all_records)
    places = {record.record_id: _place_fields(record) for record in all_records if record.table == "places"}
    fragments: dict[tuple[str, str], list[Field]] = {}
    for quote in quotes:
        key = (str(quote["record_table"]), str(quote["record_id"]))
        source_id, quote_id = str(quote["source_id"]), str(quote["quote_id"])
        quoted = (Field("fragment", "", _text(quote["text"]), source_id, quote_id),)
        translated = (Field("fragment", "en", _text(quote["text_en"]), source_id, quote_id),)
        fragments.setdefault(key, []).extend(field for field in quoted + translated if field.text)
    made: list[Document] = []
    for record in all_records:
        fields = _both("title", record.title) + _both("text", record.text)
        if record.table == "events":
            fields += _both("counterpart", _row_both(record.row, "counterpart"))
        if record.table != "places":
            for place_id in record.place_ids:
                fields += places.get(place_id, ())
        made.append(Document(record, fields + tuple(fragments.get((record.table, record.record_id), ()))))
    return tuple(made)


# --------------------------------------------------------------------------- the index


@dataclass(frozen=True)
class Index:
    """Documents, and for each distinct folded word the distinct texts that hold it and the documents holding those."""

    documents: tuple[Document, ...]
    tokens: tuple[str, ...]  # every distinct folded word, sorted (a prefix is a range of it)
    token_texts: tuple[tuple[int, ...], ...]  # per token: the distinct texts that hold it
    text_documents: tuple[tuple[int, ...], ...]  # per distinct text: the documents that have it

    def find(self, words: Iterable[str]) -> tuple[int, ...]:
        """The documents (by position) in which every word matches somewhere, in the documents' order."""
        found: set[int] | None = None
        for word in words:
            texts: set[int] = set()
            start = bisect.bisect_left(self.tokens, word)
            for position in range(start, len(self.tokens)):
                token = self.tokens[position]
                if not token.startswith(word):
                    break
                if word_matches(word, token):
                    texts.update(self.token_texts[position])
            holding = {document for text in texts for document in self.text_documents[text]}
            found = holding if found is None else found & holding
            if not found:
                return ()
        return tuple(sorted(found or ()))


def build_index(made: Iterable[Document]) -> Index:
    """The index of these documents."""
    made = tuple(made)
    text_ids: dict[str, int] = {}
    text_documents: list[list[int]] = []
    for position, document in enumerate(made):
        for field in document.fields:
            text_id = text_ids.setdefault(field.text, len(text_ids))
            if text_id == len(text_documents):
                text_documents.append([])
            holders = text_documents[text_id]
            if not holders or holders[-1] != position:
                holders.append(position)
    by_token: dict[str, list[int]] = {}
    for text, text_id in text_ids.items():
        for token in set(_WORD.findall(fold(text))):
            by_token.setdefault(token, []).append(text_id)
    tokens = tuple(sorted(by_token))
    return Index(
        made,
        tokens,
        tuple(tuple(by_token[token]) for token in tokens),
        tuple(tuple(holders) for holders in text_documents),
    )


@memo(maxsize=4)  # built once per dataset: every search and every picker of every session reads it
def index_for(dataset: Dataset) -> Index:
    """The search index of a dataset's records and seed fragments."""
    return build_index(documents(records(dataset), dataset.quotes.to_dict("records")))


# --------------------------------------------------------------------------- snippets


@dataclass(frozen=True)
class Snippet:
    """Where a record matched, in context: the field's kind, language and source (a fragment's), and the text in
    segments, each (text, whether it is a matched word)."""

    kind: str
    lang: str
    source_id: str
    segments: tuple[tuple[str, bool], ...]
    quote_id: str = ""

    @property
    def text(self) -> str:
        return "".join(part for part, _ in self.segments)

    @property
    def marked(self) -> tuple[str, ...]:
        return tuple(part for part, matched in self.segments if matched)


def match_spans(text: str, words: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """The (start, end) positions in `text` of each word of it that a query word matches (the matching part)."""
    return _match_spans(text, tuple(words))


@lru_cache(maxsize=8192)  # the same text in many records (a publisher, a place's name): its matches found once
def _match_spans(text: str, words: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    folded, origins = _folded_with_origins(text)
    words = tuple(word for word in words if word in folded)  # most fields of a record found hold none of the words
    spans: list[tuple[int, int]] = []
    if not words:
        return ()
    for token in _WORD.finditer(folded):
        matched = [word for word in words if word_matches(word, token.group())]
        if matched:
            length = max(map(len, matched))
            spans.append((origins[token.start()], origins[token.start() + length - 1] + 1))
    return tuple(spans)


def snippet(field: Field, words: Iterable[str], length: int = SNIPPET_LENGTH) -> Snippet | None:
    """The field's text around its matched words (all of it if short), the matches marked; None if none matched."""
    text = field.text
    spans = match_spans(text, words)
    if not spans:
        return None
    start, end = 0, len(text)
    if len(text) > length:
        start = max(0, spans[0][0] - length // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < spans[0][0] else start
        end = min(len(text), start + length)
        space = text.rfind(" ", spans[0][1], end)
        end = space if end < len(text) and space > spans[0][1] else end
    segments: list[tuple[str, bool]] = [("…", False)] if start else []
    position = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        if span_start > position:
            segments.append((text[position:span_start], False))
        segments.append((text[span_start:span_end], True))
        position = span_end
    if position < end:
        segments.append((text[position:end], False))
    if end < len(text):
        segments.append(("…", False))
    return Snippet(field.kind, field.lang, field.source_id, tuple(segments), field.quote_id)


def title_segments(document: Document, words: Iterable[str], lang: str) -> tuple[tuple[str, bool], ...]:
    """The record's title in the reader's language, whole, its matched words marked (as in a Snippet's segments)."""
    title = document.record.title[lang]
    found = snippet(Field("title", lang, title), words, length=len(title) + 1)
    return found.segments if found else ((title, False),)


def snippets(document: Document, words: Iterable[str], lang: str, most: int = 2) -> tuple[Snippet, ...]:
    """Where a document matched besides its title as shown (title_segments): a snippet per kind of field
    (FIELD_KINDS' order, at most `most`; a title in the other language only if the reader's did not match), then every
    seed fragment that matched (a record found through a fragment shows it; a record has few). Of a field's languages
    the one that matches the most words is shown, then the reader's, then a text that reads the same in both."""
    words = tuple(words)

    def rank(item: tuple[Field, Snippet]) -> tuple[int, int]:
        field, found = item
        matched = sum(any(word_matches(word, fold(part)) for part in found.marked) for word in words)
        return -matched, 0 if field.lang == lang else 1 if field.lang == "" else 2

    candidates = [(field, found) for field in document.fields if (found := snippet(field, words))]
    if any(field.kind == "title" and field.lang in (lang, "") for field, _ in candidates):
        # the title as shown (title_segments) holds the marks: no other title is needed
        candidates = [(field, found) for field, found in candidates if field.kind != "title"]
    own: dict[str, Snippet] = {}
    fragments: dict[str, Snippet] = {}
    for field, found in sorted(candidates, key=rank):
        chosen = fragments if field.kind == "fragment" else own
        chosen.setdefault(field.quote_id if field.kind == "fragment" else field.kind, found)
    ordered = sorted(own.values(), key=lambda found: FIELD_KINDS.index(found.kind))
    return (*ordered[:most], *fragments.values())


# --------------------------------------------------------------------------- results, with the filters


@dataclass(frozen=True)
class Results:
    """What a query found: the words read, the records shown by kind (RECORD_TABLES' order, only kinds with
    results), and how many more matched but the filters hide, by kind."""

    words: tuple[str, ...]
    groups: tuple[tuple[str, tuple[int, ...]], ...]  # (table, document positions in the index)
    hidden: Mapping[str, int]
    cut: bool = False  # the query was longer than what is read

    @property
    def shown(self) -> int:
        return sum(len(found) for _, found in self.groups)

    @property
    def hidden_total(self) -> int:
        return sum(self.hidden.values())


# The tables the sidebar's filters narrow (techrift/filters.py); places and sources are not dated and belong to no
# one company, so the search lists every one that matches.
FILTERED_TABLES = ("events", "flows", "metrics", "stances")


@memo(maxsize=16)  # once per (data, filters): the page and each of its reruns read it
def visible_ids(dataset: Dataset, filters: flt.Filters, options: flt.FilterOptions) -> Mapping[str, frozenset[str]]:
    """Per filtered table, the ids of the records the sidebar's filters keep (the pages' own filter functions)."""
    return {
        table: frozenset(flt.apply(table, getattr(dataset, table), filters, options)[ID_COLUMNS[table]])
        for table in FILTERED_TABLES
    }


def group(
    index: Index, found: Iterable[int], visible: Mapping[str, frozenset[str]]
) -> tuple[tuple[tuple[str, tuple[int, ...]], ...], dict[str, int]]:
    """Found documents grouped by table in RECORD_TABLES' order, those the filters keep (`visible`: table -> ids; a
    table not in it is not filtered), and per table how many the filters hid."""
    shown: dict[str, list[int]] = {table: [] for table in RECORD_TABLES}
    hidden: dict[str, int] = {}
    for position in found:
        record = index.documents[position].record
        kept = visible.get(record.table)
        if kept is None or record.record_id in kept:
            shown[record.table].append(position)
        else:
            hidden[record.table] = hidden.get(record.table, 0) + 1
    return tuple((table, tuple(ids)) for table, ids in shown.items() if ids), hidden


def search_index(index: Index, query: str, visible: Mapping[str, frozenset[str]] | None = None) -> Results:
    """What `query` finds in the index, the filters' `visible` ids applied (None: nothing hidden)."""
    words = query_words(query)
    cut = len(query) > MAX_QUERY_LENGTH or len(set(_WORD.findall(fold(query)))) > MAX_WORDS
    if not words:
        return Results((), (), {}, cut)
    groups, hidden = group(index, index.find(words), visible or {})
    return Results(words, groups, hidden, cut)


def shown_ids(index: Index, results: Results) -> dict[str, tuple[str, ...]]:
    """The ids of the records shown, by table (for the citation of the view: the sources behind them)."""
    return {
        table: tuple(index.documents[position].record.record_id for position in positions)
        for table, positions in results.groups
    }


def listed(index: Index, results: Results, lang: str) -> list[tuple[Document, tuple[Snippet, ...]]]:
    """The results a page lists (SHOWN_PER_KIND of each kind), each with its snippets in `lang`."""
    return [
        (index.documents[position], snippets(index.documents[position], results.words, lang))
        for _, positions in results.groups
        for position in positions[:SHOWN_PER_KIND]
    ]


def search(dataset: Dataset, query: str, filters: flt.Filters, options: flt.FilterOptions) -> Results:
    """What `query` finds among the dataset's records, the sidebar's filters applied."""
    return search_index(index_for(dataset), query, visible_ids(dataset, filters, options))


def results_table(
    dataset: Dataset, query: str, filters: flt.Filters, options: flt.FilterOptions, lang: str
) -> pd.DataFrame:
    """Every record shown for `query` (the filters applied), as a table to download: its kind, id, date, title in
    `lang` and its page's address, in the page's order."""
    results = search(dataset, query, filters, options)
    index = index_for(dataset)
    rows = [
        {
            "kind": table,
            "id": record.record_id,
            "date": record.date[lang],
            "title": record.title[lang],
            "link": record.path,
        }
        for table, positions in results.groups
        for record in (index.documents[position].record for position in positions)
    ]
    return pd.DataFrame(rows, columns=["kind", "id", "date", "title", "link"])


def matching_ids(dataset: Dataset, query: str, table: str) -> frozenset[str] | None:
    """The ids of a table's records that `query` finds (by any of their words, as the search does), and for sources
    also the sources of every record it finds ("Skoltech" offers the documents behind Skoltech's records); None for
    an empty query (nothing to narrow). For the "Details for…" pickers, which offer only these."""
    words = query_words(query)
    if not words:
        return None
    index = index_for(dataset)
    found = [index.documents[position].record for position in index.find(words)]
    ids = {record.record_id for record in found if record.table == table}
    if table == "sources":
        ids.update(source_id for record in found for source_id in record.source_ids)
    return frozenset(ids)
