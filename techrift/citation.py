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


def source_lines(source_ids: Iterable[str], sources: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """One line per source in `lang`: publisher, title, publication date, address (or seed file)."""
    by_id = sources.set_index("source_id").to_dict("index")
    lines = []
    for source_id in source_ids:
        source = by_id[source_id]
        where = source["url"] if isinstance(source["url"], str) else source["seed_file"]
        published = source["published"] if isinstance(source["published"], str) else t("citation_no_date", lang)
        publisher, title = localized(source, "publisher", lang), localized(source, "title", lang)
        lines.append(f"{publisher}. {title} ({published}). {where} [{source_id}]")
    return lines
