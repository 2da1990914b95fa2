"""Who cites what: the records behind each source, and the seed texts split around their quoted fragments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import pandas as pd

from techrift.caching import memo
from techrift.data import Dataset, split_ids
from techrift.formatting import date_label, language_name
from techrift.i18n import DEFAULT_LANGUAGE, localized, localized_column, t

# Per table: its id column and the column that names a record for people.
RECORD_TITLES: dict[str, tuple[str, str]] = {
    "events": ("event_id", "title"),
    "flows": ("flow_id", "description"),
    "metrics": ("metric_id", "description"),
    "stances": ("stance_id", "statement"),
}


# The Sources page shows the same dataset-wide tables on every run: each is made once per dataset, and is shared, so
# callers must not modify it (tests/test_loader.py runs every page and checks the frames are unchanged).
@memo(maxsize=4)
def citations(dataset: Dataset, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """One row per (source, record) citation: source_id, table, record_id, title."""
    rows: list[tuple[str, str, str, str]] = []
    for table, (id_column, title_column) in RECORD_TITLES.items():
        frame: pd.DataFrame = getattr(dataset, table)
        titles = localized_column(frame, title_column, lang)
        for record_id, title, source_ids in zip(frame[id_column], titles, frame["source_ids"]):
            rows.extend((source_id, table, record_id, title) for source_id in split_ids(source_ids))
    for place_id, name, source_ids in zip(
        dataset.places["place_id"], localized_column(dataset.places, "name", lang), dataset.places["coord_source_ids"]
    ):
        title = t("coordinate_of", lang, name=name)
        rows.extend((source_id, "places", place_id, title) for source_id in split_ids(source_ids))
    return pd.DataFrame(rows, columns=["source_id", "table", "record_id", "title"])


@memo(maxsize=4)
def source_table(dataset: Dataset, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Every source with its date label and how many records cite it, seeds first, then newest first."""
    counts = citations(dataset, lang).groupby("source_id").size()
    table = dataset.sources.copy()
    table["date"] = [
        date_label(p, lang=lang) if isinstance(p, str) else t("not_given", lang) for p in table["published"]
    ]
    table["records_citing"] = table["source_id"].map(counts).fillna(0).astype(int)
    table["is_seed"] = table["kind"].eq("seed")
    table = table.sort_values(["is_seed", "published"], ascending=[False, False], na_position="last")
    return table.drop(columns="is_seed").reset_index(drop=True)


# The source list's columns, as the Sources page shows them (its download has every column).
LIST_COLUMNS = ["source_id", "publisher", "title", "date", "language", "kind", "records_citing", "url"]


def source_list(table: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """The source table's LIST_COLUMNS in `lang`: its publisher, our descriptive titles, language and kind."""
    listed = table[LIST_COLUMNS]
    return listed.assign(
        publisher=localized_column(table, "publisher", lang),
        title=localized_column(table, "title", lang),
        language=[language_name(code, lang) for code in listed["language"]],
        kind=[source_kind(kind, lang) for kind in listed["kind"]],
    )


def source_kind(kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A kind of source as the interface names it ('seed article', 'bài gốc')."""
    return t(f"source_kind_{kind}", lang)


def source_titles(table: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """'Publisher — Title' in `lang` by source id, for the page's picker."""
    publishers, titles = localized_column(table, "publisher", lang), localized_column(table, "title", lang)
    return dict(zip(table["source_id"], publishers + " — " + titles))


def source_record(table: pd.DataFrame, source_id: str, lang: str = DEFAULT_LANGUAGE) -> dict[Hashable, Any]:
    """One row of the source table, as a record, its publisher, title and note in `lang` (the note empty if none)."""
    record = table.set_index("source_id").loc[source_id].to_dict()
    texts = {base: localized(record, base, lang) for base in ("publisher", "title", "note")}
    return record | texts


def citing(dataset: Dataset, source_id: str, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """The records citing a source: table, record id, title."""
    cited = citations(dataset, lang)
    rows = cited.loc[cited["source_id"] == source_id, ["table", "record_id", "title"]]
    return rows.assign(table=[t(f"table_{table}", lang) for table in rows["table"]])


def fragments_table(fragments: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """A seed's fragments as the Sources page lists them: the table named in `lang`; the English translation only
    in the English interface (a Vietnamese reader has the fragment itself)."""
    shown = fragments.assign(record_table=[t(f"table_{table}", lang) for table in fragments["record_table"]])
    return shown if lang == DEFAULT_LANGUAGE else shown.drop(columns="text_en")


@dataclass(frozen=True)
class Segment:
    """A stretch of seed text, and the ids of the quotes that cover it (empty when not quoted)."""

    text: str
    quote_ids: tuple[str, ...]


def seed_segments(text: str, quotes: pd.DataFrame) -> list[Segment]:
    """Split a seed text into quoted and unquoted stretches, merging overlapping quotes."""
    boundaries = {0, len(text)}
    spans: list[tuple[int, int, str]] = []
    for quote_id, fragment in zip(quotes["quote_id"], quotes["text"]):
        start = text.find(fragment)
        while start >= 0:
            spans.append((start, start + len(fragment), quote_id))
            boundaries.update((start, start + len(fragment)))
            start = text.find(fragment, start + 1)
    starting: dict[int, list[int]] = defaultdict(list)
    ending: dict[int, list[int]] = defaultdict(list)
    for index, (start, end, _) in enumerate(spans):
        starting[start].append(index)
        ending[end].append(index)
    cuts = sorted(boundaries)
    active: set[int] = set()  # the spans covering the stretch from this cut to the next, by their place in `spans`
    segments: list[Segment] = []
    for begin, end in zip(cuts, cuts[1:]):
        active.update(starting[begin])
        active.difference_update(ending[begin])
        covering = tuple(dict.fromkeys(spans[index][2] for index in sorted(active)))
        if segments and segments[-1].quote_ids == covering:
            segments[-1] = Segment(segments[-1].text + text[begin:end], covering)
        else:
            segments.append(Segment(text[begin:end], covering))
    return segments


class SeedView(NamedTuple):
    fragments: pd.DataFrame  # the seed's quotes: id, the record each supports, the text and its translation
    segments: tuple[Segment, ...]  # the seed's text split around them
    quoted_share: float  # of the text's characters


@memo(maxsize=8)
def seed_view(dataset: Dataset, source_id: str) -> SeedView:
    """A seed source's quotes and its text split around them."""
    quotes = dataset.quotes[dataset.quotes["source_id"] == source_id]
    segments = tuple(seed_segments(dataset.seed_texts[source_id], quotes))
    fragments = quotes[["quote_id", "record_table", "record_id", "text", "text_en"]]
    return SeedView(fragments, segments, quoted_share(segments))


def quoted_share(segments: Sequence[Segment]) -> float:
    """Share of the text's characters covered by at least one quote."""
    total = sum(len(s.text) for s in segments)
    return sum(len(s.text) for s in segments if s.quote_ids) / total if total else 0.0
