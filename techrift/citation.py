"""A citation of exactly what a view shows: its title, its full link (filters, page state and data version), the
day it was accessed, a formatted reference, BibTeX, and the sources behind the records on screen."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pandas as pd

from techrift.data import split_ids
from techrift.evidence import translation_of
from techrift.formatting import language_name
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
    url = citation.url.replace("%", r"\%").replace("#", r"\#")  # inside a field, \url{} needs these two escaped
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
        where = source["url"] if isinstance(source["url"], str) else source["seed_file"]
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
