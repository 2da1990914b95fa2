"""A citation of exactly what a view shows: its title, its full link (filters, page state and data version), the
day it was accessed, a formatted reference, BibTeX, and the sources behind the records on screen."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urljoin

import pandas as pd

from techrift.data import split_ids
from techrift.evidence import translation_of
from techrift.formatting import language_name, partial_date
from techrift.i18n import DEFAULT_LANGUAGE, localized, t

PUBLISHER = "TechRift"
# Characters BibTeX reads as commands or comments, with their escaped forms.
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


@dataclass(frozen=True)
class ViewCitation:
    """What an analyst needs to cite one view of the app."""

    title: str
    url: str
    accessed: str  # YYYY-MM-DD
    version: str
    data_as_of: str
    source_ids: tuple[str, ...]
    records: tuple[tuple[str, str], ...] = ()  # (table, id) of each record shown, whose sentences the sources list
    record_id: str = ""  # set when the citation is of one record (its page), not of a view

    @property
    def year(self) -> str:
        return self.accessed[:4]


def view_url(base: str, params: Mapping[str, str]) -> str:
    """The link that reproduces the view: `base` (the page's address) with every parameter, in the given order."""
    query = urlencode(params, safe=",", quote_via=quote)
    return f"{base}?{query}" if query else base


def sources_behind(records: Iterable[pd.DataFrame], source_ids: Iterable[str] = ()) -> tuple[str, ...]:
    """The source ids cited by the records shown (every `source_ids` or `*_source_ids` column) and `source_ids`
    shown as such, most cited first (ties in order of first citation)."""
    counts: Counter[str] = Counter(source_ids)
    for frame in records:
        for column in frame.columns:
            if column == "source_ids" or str(column).endswith("_source_ids"):
                for ids in frame[column]:
                    counts.update(split_ids(ids))
    return tuple(source_id for source_id, _ in counts.most_common())


# A shown frame's columns that hold record ids, by the table they name (a comparison's columns end in these).
RECORD_ID_COLUMNS = {"event_id": "events", "flow_id": "flows", "metric_id": "metrics", "stance_id": "stances"}


def records_behind(records: Iterable[pd.DataFrame]) -> tuple[tuple[str, str], ...]:
    """(table, id) of every record in the frames shown (any `event_id`, `flow_id`, `metric_id`, `stance_id` column,
    or one ending in `_stance_id`...), each once, in order."""
    found: dict[tuple[str, str], None] = {}
    for frame in records:
        for column in frame.columns:
            table = next(
                (
                    table
                    for name, table in RECORD_ID_COLUMNS.items()
                    if column == name or str(column).endswith(f"_{name}")
                ),
                None,
            )
            if table:
                found.update({(table, record_id): None for record_id in frame[column] if isinstance(record_id, str)})
    return tuple(found)


def reference(citation: ViewCitation, lang: str = DEFAULT_LANGUAGE) -> str:
    """A formatted reference in `lang`: author (year). Title [data view, version]. URL (accessed date)."""
    return (
        f"{PUBLISHER} ({citation.year}). {citation.title} [{_view_description(citation, lang)}]. {citation.url} "
        f"({t('citation_accessed', lang, date=citation.accessed)})."
    )


def _view_description(citation: ViewCitation, lang: str) -> str:
    if citation.record_id:
        return t(
            "citation_record",
            lang,
            record_id=citation.record_id,
            version=citation.version,
            data_as_of=citation.data_as_of,
        )
    return t("citation_view", lang, version=citation.version, data_as_of=citation.data_as_of)


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text)


def _ascii(text: str) -> str:
    """Text without its accents ('Nguồn' -> 'Nguon', 'đ' -> 'd'): a BibTeX key is ASCII."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def bibtex_key(citation: ViewCitation) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(citation.title).lower()).strip("-")
    if len(slug) > 40:  # whole words only
        slug = slug[:41].rsplit("-", 1)[0]
    return f"techrift-{slug}-{citation.accessed}"


def bibtex(citation: ViewCitation, lang: str = DEFAULT_LANGUAGE) -> str:
    """The view as a BibTeX @misc entry, its note in `lang` (the field names are BibTeX's)."""
    note = f"{_view_description(citation, lang)}; {t('citation_accessed', lang, date=citation.accessed)}"
    url = _bibtex_url(citation.url)
    fields = {
        "author": f"{{{PUBLISHER}}}",
        "title": f"{{{_bibtex_text(citation.title)}}}",
        "year": f"{{{citation.year}}}",
        "howpublished": "{\\url{" + url + "}}",
        "note": f"{{{_bibtex_text(note[:1].upper() + note[1:])}}}",
        "urldate": f"{{{citation.accessed}}}",
    }
    body = ",\n".join(f"  {name} = {value}" for name, value in fields.items())
    return f"@misc{{{bibtex_key(citation)},\n{body}\n}}"


def _bibtex_url(url: str) -> str:
    """A URL inside a field's \\url{}: %, # and & escaped (a bare one ends a LaTeX line, a macro or a cell)."""
    return re.sub(r"([%#&])", r"\\\1", url)


# --------------------------------------------------------------------------- one record, and its sources

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(date: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A partial date (YYYY, YYYY-MM, YYYY-MM-DD) written out at its own precision: 'December 2018',
    '6 February 2019', '2019'; in Vietnamese 'tháng 12/2018', '6/2/2019'. '' when there is none."""
    if not isinstance(date, str) or not date:
        return ""
    return partial_date(date, lang, MONTH_NAMES)


def record_date(table: str, row: Mapping[Any, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    """The date a record's citation names, written out: an event's date (and its end), a stance's, a source's
    publication; the years of a flow or a figure; none for a place."""
    if table == "events":
        start, end = long_date(row.get("date"), lang), long_date(row.get("date_end"), lang)
        return f"{start}–{end}" if start and end and end != start else start
    if table == "stances":
        return long_date(row.get("as_of"), lang)
    if table == "sources":
        return long_date(row.get("published"), lang)
    if table in ("flows", "metrics"):
        years = [str(int(row[key])) for key in ("year", "year_end") if key in row and pd.notna(row[key])]
        return "–".join(dict.fromkeys(years))
    return ""


def record_title(table: str, title: str, row: Mapping[Any, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    """The name a citation gives a record: its title and its date ('Stanford University pauses new Huawei research
    funding, December 2018')."""
    date = record_date(table, row, lang)
    return f"{title}, {date}" if date else title


def record_url(view_link: str, record_id: str, version: str) -> str:
    """The record page's full address, beside the page at `view_link` (any page of the same app)."""
    return view_url(urljoin(view_link or "/", "record"), {"id": record_id, "v": version})


def record_citation(
    title: str, record_id: str, url: str, accessed: str, version: str, data_as_of: str, source_ids: Iterable[str]
) -> ViewCitation:
    """The citation of one record: its name, its page's link, the data version, the access day and its sources."""
    return ViewCitation(
        title=title,
        url=url,
        accessed=accessed,
        version=version,
        data_as_of=data_as_of,
        source_ids=tuple(source_ids),
        record_id=record_id,
    )


def _apa_date(published: object, lang: str) -> str:
    """APA's date in parentheses: (2019, December), (2019, February 6), (2019), (n.d.)."""
    if not isinstance(published, str) or not published:
        return t("citation_no_date", lang)
    parts = published.split("-")
    if len(parts) == 1 or lang == "vi":
        return long_date(published, lang)
    month = MONTH_NAMES[int(parts[1]) - 1]
    return f"{parts[0]}, {month}" + (f" {int(parts[2])}" if len(parts) == 3 else "")


def _original(source_id: str, sources: pd.DataFrame) -> tuple[dict[Any, Any], dict[Any, Any] | None]:
    """The source to cite for `source_id` and, for a translation (a seed read in Vietnamese), the version read: a
    translation is cited as its original article, never as the local file it was read from."""
    by_id = sources.set_index("source_id", drop=False)
    source = by_id.loc[source_id].to_dict()
    original = source.get("translation_of")
    if isinstance(original, str) and original in by_id.index:
        return by_id.loc[original].to_dict(), source
    return source, None


def _public_url(source: Mapping[Any, Any]) -> str:
    url = source.get("url")
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else ""


def source_reference(source_id: str, sources: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> str:
    """One source as an APA-style reference in `lang`: publisher (date). Title. URL. A translation is cited as its
    original article, with the translation named as the version read."""
    cited, read = _original(source_id, sources)
    publisher, title = localized(cited, "publisher", lang), localized(cited, "title", lang)
    parts = [f"{publisher} ({_apa_date(cited.get('published'), lang)}). {title}."]
    if url := _public_url(cited):
        parts.append(url)
    if read is not None:
        parts.append(
            t(
                "citation_version_read",
                lang,
                language=_in_sentence(language_name(str(read.get("language") or ""), lang), lang),
                publisher=localized(read, "publisher", lang),
                title=localized(read, "title", lang),
            )
            + "."
        )
    return " ".join(parts)


def _in_sentence(language: str, lang: str) -> str:
    """A language's name inside a Vietnamese sentence: 'tiếng Việt', not the label's 'Tiếng Việt'."""
    return language[:1].lower() + language[1:] if lang == "vi" else language


def _bibtex_key_of(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")


def source_bibtex(source_id: str, sources: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> str:
    """One source as a BibTeX @misc entry (the original article for a translation, which its note names)."""
    cited, read = _original(source_id, sources)
    fields = {
        "author": "{{" + _bibtex_text(localized(cited, "publisher", lang)) + "}}",
        "title": "{" + _bibtex_text(localized(cited, "title", lang)) + "}",
    }
    published = cited.get("published")
    if isinstance(published, str) and published:
        fields["year"] = "{" + published[:4] + "}"
        if len(published) >= 7:
            fields["month"] = "{" + str(int(published[5:7])) + "}"
    if url := _public_url(cited):
        fields["howpublished"] = "{\\url{" + _bibtex_url(url) + "}}"
    accessed = cited.get("accessed")
    if isinstance(accessed, str) and accessed:
        fields["urldate"] = "{" + accessed + "}"
    if read is not None:
        note = t(
            "citation_version_read",
            lang,
            language=_in_sentence(language_name(str(read.get("language") or ""), lang), lang),
            publisher=localized(read, "publisher", lang),
            title=localized(read, "title", lang),
        )
        fields["note"] = "{" + _bibtex_text(note) + "}"
    body = ",\n".join(f"  {name} = {value}" for name, value in fields.items())
    return f"@misc{{{_bibtex_key_of(str(cited['source_id']))},\n{body}\n}}"


def source_lines(
    source_ids: Iterable[str],
    sources: pd.DataFrame,
    lang: str = DEFAULT_LANGUAGE,
    excerpts: pd.DataFrame | None = None,
) -> list[str]:
    """One line per source in `lang`: publisher, title, publication date, address (or seed file); under it, indented,
    each of `excerpts` (evidence rows) from that source: the sentence as written, the record it states, and its
    translation in `lang`."""
    by_id = sources.set_index("source_id").to_dict("index")
    by_source: dict[str, list[dict]] = {}
    if excerpts is not None:
        for row in excerpts.to_dict("records"):
            by_source.setdefault(row["source_id"], []).append(row)
    lines = []
    for source_id in source_ids:
        source = by_id[source_id]
        # a seed is read from a local file no reader has: its place is its original's public address
        original = by_id.get(source["translation_of"]) if isinstance(source.get("translation_of"), str) else None
        where = _public_url(source) or (_public_url(original) if original else "") or t("citation_no_link", lang)
        published = source["published"] if isinstance(source["published"], str) else t("citation_no_date", lang)
        publisher, title = localized(source, "publisher", lang), localized(source, "title", lang)
        lines.append(f"{publisher}. {title} ({published}). {where} [{source_id}]")
        for row in by_source.get(source_id, []):
            lines.append(f"    “{' '.join(str(row['excerpt']).split())}” [{row['record_table']}/{row['record_id']}]")
            translation, translation_lang = translation_of(row, lang)
            if translation:
                label = t("evidence_translation", lang, language=language_name(translation_lang or "", lang))
                lines.append(f"      {label}: {' '.join(translation.split())}")
    return lines
