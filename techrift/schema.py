"""The dataset's contracts (one pandera model per table, with the allowed values they use) and the domain vocabulary.

The models are the single source of truth: `data.py` validates against them and
`datapackage.py` derives the Frictionless descriptor from them. The vocabulary names what the story's words
cover in the data (which categories are ties cut or built, which places are academic, the sides of the pivot),
once, for every rule, chart and map.

Why one module of this length: most of it is one model per table with a description of every column (which
datapackage.json's field descriptions are made from). The allowed values sit beside the columns that check them;
split apart, a new category would be edits in two files.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ID = r"^[a-z0-9][a-z0-9-]*$"
ID_LIST = r"^[a-z0-9][a-z0-9-]*(;[a-z0-9][a-z0-9-]*)*$"
DESCRIPTIVE_TITLE = "["  # a source title in brackets is ours, describing the work; any other is the work's own

# an aggregator rewrites others' reporting: it is cited where nothing better was found, never counted as independent
SOURCE_KINDS = ("seed", "reporting", "secondary", "aggregator", "analysis", "institutional", "gazetteer")
PLACE_KINDS = (
    "university",
    "research_institute",
    "company_site",
    "company_hq",
    "government",
    "event_venue",
)
EXACT_COORDS = "campus"  # the point is on the site itself; the others place it only in its district or city
COORD_PRECISIONS = (EXACT_COORDS, "district", "city")
DATE_PRECISIONS = ("day", "month", "year")
EVENT_CATEGORIES = (
    "tie_cut",
    "tie_suspended",
    "tie_review",
    "partnership",
    "lab_opened",
    "lab_closed",
    "scale_back",
    "market_exit",
    "deal",
    "visit",
    "product_launch",
    "milestone",
    "policy",
    "statement",
)
AMOUNT_KINDS = ("per_year", "one_off", "cap_per_project", "total", "charge", "forgone_sales")
FLOW_STATUSES = (
    "paid",
    "budgeted",
    "offered",
    "declined",
    "honoured",
    "charged",
    "not_shipped",
    "reported_claim",
    "contracted",
    "expected",
)
# An estimate of money not (yet) spent or booked: listed with its source, never drawn beside money that was.
ESTIMATE_STATUSES = ("expected",)
IDENTIFICATIONS = ("named", "inferred")
VALUE_QUALIFIERS = ("about", "more_than", "at_least", "up_to")
METRIC_KINDS = ("target", "measure", "claim")
STANCE_DIMENSIONS = (
    "research_presence",
    "talent",
    "market_footprint",
    "exits_entries",
    "export_controls",
    "messaging",
    "signal",
)
QUOTE_TABLES = ("events", "flows", "metrics", "stances", "places")
# The tables whose rows are records a reader can open at record?id=<id>: their ids are unique across all of them.
RECORD_TABLES = ("events", "flows", "metrics", "stances", "places", "sources")
VERSION = r"^\d+\.\d+\.\d+$"
EVIDENCE_TABLES = QUOTE_TABLES
Record = Mapping[Hashable, Any]  # one row of a table, as DataFrame.to_dict("records") gives it

# --------------------------------------------------------------------------- vocabulary

PIVOT_COMPANY = "Huawei"  # the company whose turn from Western universities to Russia the story follows
RUSSIA_COUNTRY = "Russia"
NON_WESTERN_COUNTRIES = ("Russia", "China")  # an institution there is never on the Western side
# Kinds of event by which an institution steps back from its ties with a company, strongest first.
STEP_BACK_CATEGORIES = ("tie_cut", "tie_suspended", "tie_review")
# Kinds of event that tie a partner to a company, strongest first (a partner on the map shows its strongest).
PARTNER_TIE_CATEGORIES = ("lab_opened", "deal", "partnership", "visit")
LAB_OPENED, LAB_CLOSED = "lab_opened", "lab_closed"
SHORT_NAME_MAX = 16  # a map label, beside its point
ACADEMIC_KINDS = ("university", "research_institute")  # places that count as universities and institutes
COMPANY_SITE, COMPANY_HQ = "company_site", "company_hq"
COMPANY_SITE_KINDS = (COMPANY_SITE, COMPANY_HQ)
# Statuses of an amount that was spent or booked, not only offered, planned or claimed.
PAID_LIKE_STATUSES = ("paid", "charged", "honoured")
# The sides of the pivot, top to bottom on the timeline: the policy context, the Western institutions stepping back,
# the company's new ties in Russia (techrift/pivot.py decides which side an event is on).
CONTEXT_SIDE, WEST_SIDE, RUSSIA_SIDE = "context", "west", "russia"
PIVOT_SIDES = (CONTEXT_SIDE, WEST_SIDE, RUSSIA_SIDE)


# pandera's Field returns Any, so that a model's attributes can be annotated as Series[...].
def split_ids(value: object) -> list[str]:
    """Split a ';'-separated id list; empty or missing gives []."""
    if not isinstance(value, str) or not value:
        return []
    return [part for part in value.split(";") if part]


def unique_ids(id_lists: Iterable[object]) -> list[str]:
    """The ids of several ';'-separated lists, each once, in order of first appearance."""
    return list(dict.fromkeys(part for ids in id_lists for part in split_ids(ids)))


def _id(description: str, unique: bool = True) -> Any:
    return pa.Field(str_matches=ID, unique=unique, description=description)


def _text(description: str, nullable: bool = False) -> Any:
    return pa.Field(nullable=nullable, description=description)


def _choice(values: tuple[str, ...], description: str, nullable: bool = False) -> Any:
    return pa.Field(isin=list(values), nullable=nullable, description=description)


def _source_ids(description: str = "Ids of the sources that support this record, ';'-separated.") -> Any:
    return pa.Field(str_matches=ID_LIST, description=description)


class _Table(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True
        ordered = True


class Sources(_Table):
    """Every document the dataset cites."""

    source_id: Series[str] = _id("Unique id of the source.")
    kind: Series[str] = _choice(SOURCE_KINDS, "What kind of document it is.")
    publisher: Series[str] = _text("Who published it.")
    publisher_vi: Series[str] = _text(
        "Who published it, in Vietnamese: the same name, with our description of it (a repost, a mirror) translated."
    )
    outlet: Series[str] = _text(
        "Whose work it is: a mirror or repost names the original, a translation what it translates. Sources of one "
        "outlet count once when a record's independent sources are counted."
    )
    title: Series[str] = _text("Headline; in [brackets] when descriptive rather than the publisher's own.")
    title_vi: Series[str] = _text(
        "Our [bracketed] descriptive title in Vietnamese; empty where the title is the publisher's own (it stays as "
        "published).",
        nullable=True,
    )
    url: Series[str] = pa.Field(nullable=True, str_matches=r"^https://", description="Public address (https).")
    published: Series[str] = pa.Field(
        nullable=True, str_matches=PARTIAL_DATE, description="Publication date, YYYY[-MM[-DD]]."
    )
    accessed: Series[str] = pa.Field(
        str_matches=r"^\d{4}-\d{2}-\d{2}$",
        description="The day the page (or the seed file) was read, YYYY-MM-DD; for sources of data version 1.0.0, the day the row was added.",
    )
    language: Series[str] = pa.Field(str_matches=r"^[a-z]{2}$", description="ISO 639-1 language code.")
    seed_file: Series[str] = pa.Field(
        nullable=True, str_matches=r"^seeds/[^/]+\.txt$", description="Path of the seed text (seed sources only)."
    )
    translation_of: Series[str] = pa.Field(
        nullable=True,
        description="For a translation (every seed is one), the source_id of the original it translates; empty where "
        "the original is not in sources.csv. A translation with no published date of its own carries its original's.",
    )
    note: Series[str] = _text("Caveats about the source.", nullable=True)
    note_vi: Series[str] = _text(
        "The caveats in Vietnamese, wherever there is a note; names, ids and what the note quotes stay as written.",
        nullable=True,
    )


class Places(_Table):
    """Institutions and sites, with a coordinate and how precise it is."""

    place_id: Series[str] = _id("Unique id of the place.")
    name_en: Series[str] = _text("Name in English.")
    name_original: Series[str] = _text("Name in the original language.")
    short_name: Series[str] = pa.Field(
        nullable=True,
        str_length={"max_value": SHORT_NAME_MAX},
        description="The institution's own abbreviation or short name, as it writes it (SPbPU, Skoltech): the map's "
        "label. Empty: the map makes one from the name.",
    )
    kind: Series[str] = _choice(PLACE_KINDS, "What kind of place it is.")
    city: Series[str] = _text("City (district in parentheses).")
    country: Series[str] = _text("Country, English short name.")
    lat: Series[float] = pa.Field(ge=-90, le=90, description="Latitude, WGS84 degrees.")
    lon: Series[float] = pa.Field(ge=-180, le=180, description="Longitude, WGS84 degrees.")
    coord_precision: Series[str] = _choice(
        COORD_PRECISIONS, "Whether the coordinate is the campus, the district or only the city."
    )
    coord_source_ids: Series[str] = _source_ids("Ids of the sources of the coordinate.")
    research_fields: Series[str] = _text(
        "Fields of the joint research, as the sources of the place's events describe them.", nullable=True
    )
    research_fields_vi: Series[str] = _text("The fields of the joint research, in Vietnamese.", nullable=True)


class Events(_Table):
    """Dated events, one row per event."""

    event_id: Series[str] = _id("Unique id of the event.")
    date: Series[str] = pa.Field(
        nullable=True,
        str_matches=PARTIAL_DATE,
        description="When it happened, as precise as known: YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown.",
    )
    date_precision: Series[str] = _choice(DATE_PRECISIONS, "Precision of `date`: day, month or year.", nullable=True)
    date_end: Series[str] = pa.Field(
        nullable=True, str_matches=PARTIAL_DATE, description="End of a period, same forms as `date`."
    )
    company: Series[str] = _text("The company concerned (Huawei, AWS, Nvidia, ...).")
    counterpart: Series[str] = _text("The other party: institution, government, market or person.")
    place_id: Series[str] = pa.Field(nullable=True, str_matches=ID, description="Where it happened (places.place_id).")
    identification: Series[str] = _choice(
        IDENTIFICATIONS,
        "Whether the sources name the counterpart and its place, or we inferred them (the summary says why).",
    )
    rollup: Series[bool] = pa.Field(
        description="true where the counterpart is a group of institutions, not one ('US universities'): no count of "
        "institutions or events takes a roll-up as one."
    )
    country: Series[str] = _text("Country of the counterpart or place.")
    category: Series[str] = _choice(EVENT_CATEGORIES, "Kind of event.")
    title_en: Series[str] = _text("Short title in English.")
    summary_en: Series[str] = _text("One-paragraph summary in English.")
    title_vi: Series[str] = _text("Short title in Vietnamese.", nullable=True)
    summary_vi: Series[str] = _text("Summary in Vietnamese.", nullable=True)
    source_ids: Series[str] = _source_ids()


class Flows(_Table):
    """Money flows and money-like commitments; the amount keeps its currency and says what it means."""

    flow_id: Series[str] = _id("Unique id of the flow.")
    company: Series[str] = _text("The company concerned.")
    payer: Series[str] = _text("Who pays (or bears a charge).")
    recipient: Series[str] = _text("Who receives.")
    recipient_place_id: Series[str] = pa.Field(
        nullable=True, str_matches=ID, description="The recipient's place (places.place_id)."
    )
    recipient_country: Series[str] = _text(
        "The recipient's country, even where it has no place (a country filter keeps 'Nine US schools').",
        nullable=True,
    )
    amount: Series[float] = pa.Field(gt=0, description="Amount in `currency`.")
    value_qualifier: Series[str] = _choice(
        VALUE_QUALIFIERS,
        "How the source bounds the amount: about, more than, at least, up to; empty when exact.",
        nullable=True,
    )
    currency: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$", description="ISO 4217 currency code.")
    amount_kind: Series[str] = _choice(
        AMOUNT_KINDS, "What the amount means: per year, one-off, cap per project, total, charge, forgone sales."
    )
    is_research_funding: Series[bool] = pa.Field(
        description="false for a context amount that is not money to universities or research partners (a company's "
        "own R&D spending, a revenue claim, a write-down)."
    )
    year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1990, le=2100, description="Year (first year of a period); empty when unknown."
    )
    year_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1990, le=2100, description="Last year of a period.")
    status: Series[str] = _choice(FLOW_STATUSES, "State of the money: paid, budgeted, offered, declined, ...")
    description_en: Series[str] = _text("What the amount is, in English.")
    description_vi: Series[str] = _text("What the amount is, in Vietnamese.", nullable=True)
    usd_amount: Series[float] = pa.Field(
        nullable=True, gt=0, description="US-dollar equivalent, only where a source states it."
    )
    usd_note: Series[str] = _text("Rate and year of the US-dollar conversion.", nullable=True)
    source_ids: Series[str] = _source_ids()


class Metrics(_Table):
    """Non-money targets and measures (people, contracts, shares): never mixed with money."""

    metric_id: Series[str] = _id("Unique id of the metric.")
    company: Series[str] = _text("The company concerned.")
    country: Series[str] = _text("Country the figure is about.", nullable=True)
    subject: Series[str] = _text("What the figure is about.")
    metric: Series[str] = _text("What is counted.")
    value: Series[float] = pa.Field(ge=0, description="The figure.")
    value_qualifier: Series[str] = _choice(
        VALUE_QUALIFIERS,
        "How the source bounds the figure: about, more than, at least, up to; empty when exact.",
        nullable=True,
    )
    unit: Series[str] = _text("Unit of `value`.")
    kind: Series[str] = _choice(METRIC_KINDS, "Target, measure or claim.")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1990, le=2100, description="Year the figure refers to.")
    horizon_years: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, le=50, description="For targets: within how many years."
    )
    description_en: Series[str] = _text("The figure in a sentence, in English.")
    description_vi: Series[str] = _text("The figure in a sentence, in Vietnamese.", nullable=True)
    source_ids: Series[str] = _source_ids()


class Stances(_Table):
    """Sourced positions of companies on shared dimensions, for side-by-side comparison."""

    stance_id: Series[str] = _id("Unique id of the stance.")
    company: Series[str] = _text("The company.")
    dimension: Series[str] = _choice(STANCE_DIMENSIONS, "The dimension compared.")
    position: Series[str] = _text("The position in a few words, in English.")
    statement_en: Series[str] = _text("The sourced statement, in English.")
    position_vi: Series[str] = _text("The position in Vietnamese.", nullable=True)
    statement_vi: Series[str] = _text("The statement in Vietnamese.", nullable=True)
    as_of: Series[str] = pa.Field(str_matches=PARTIAL_DATE, description="When the position held, YYYY[-MM[-DD]].")
    source_ids: Series[str] = _source_ids()


class Quotes(_Table):
    """Verbatim fragments of the seed articles and their English translation, tied to the record they support."""

    quote_id: Series[str] = _id("Unique id of the quote.")
    source_id: Series[str] = pa.Field(str_matches=ID, description="The seed source quoted (sources.source_id).")
    record_table: Series[str] = _choice(QUOTE_TABLES, "Table of the supported record.")
    record_id: Series[str] = pa.Field(str_matches=ID, description="Id of the supported record.")
    text: Series[str] = _text("The fragment, verbatim from the seed file.")
    text_en: Series[str] = _text("English translation of the fragment.")


class Evidence(_Table):
    """The sentence behind each record: one row per (record, source) pair that states the record, quoted verbatim in
    the page's own language. A source a record cites with no row here is background: it does not count toward the
    record's support."""

    record_table: Series[str] = _choice(EVIDENCE_TABLES, "Table of the record the sentence states.")
    record_id: Series[str] = pa.Field(str_matches=ID, description="Id of the record in that table.")
    source_id: Series[str] = pa.Field(str_matches=ID, description="The source that states it (sources.source_id).")
    excerpt: Series[str] = _text(
        "The sentence or two, verbatim, in the page's own language (a quotation, not a copy); for a seed, a verbatim "
        "substring of the seed file."
    )
    excerpt_lang: Series[str] = pa.Field(str_matches=r"^[a-z]{2}$", description="The excerpt's language (ISO 639-1).")
    excerpt_en: Series[str] = _text("English translation, where the excerpt is not in English.", nullable=True)
    excerpt_vi: Series[str] = _text("Vietnamese translation, where there is one.", nullable=True)
    read_on: Series[str] = pa.Field(
        str_matches=r"^\d{4}-\d{2}-\d{2}$", description="The day the sentence was read, YYYY-MM-DD."
    )


class Vocabulary(_Table):
    """Labels the tables repeat (names of counterparts, payers and recipients, places, cities, countries, figures and
    units), each once with its Vietnamese form: the interface shows a label in the reader's language."""

    en: Series[str] = pa.Field(unique=True, description="The label as the other tables write it, in English.")
    vi: Series[str] = _text("The label in Vietnamese (the same as `en` for a name that is not translated).")
    en_one: Series[str] = _text(
        "For a unit: its English singular, for a count of one ('contract' for 'contracts').", nullable=True
    )


class RetiredIds(_Table):
    """Ids that a version of the data had and a later one removed or renamed, so that an old link to a record names
    the version that had it, the changelog entry that tells why, and the record that replaced it."""

    record_id: Series[str] = pa.Field(str_matches=ID, description="The id as the older data had it.")
    record_table: Series[str] = _choice(RECORD_TABLES, "The table that had it.")
    last_version: Series[str] = pa.Field(str_matches=VERSION, description="The last data version that had it.")
    replaced_by: Series[str] = pa.Field(
        str_matches=ID,
        nullable=True,
        description="The id of the record that replaced it (a rename), in any record table; empty if it was removed.",
    )
    changelog_version: Series[str] = pa.Field(
        str_matches=VERSION, description="The version whose entry in CHANGELOG.md tells the removal or the rename."
    )


TABLES: dict[str, type[_Table]] = {
    "sources": Sources,
    "places": Places,
    "events": Events,
    "flows": Flows,
    "metrics": Metrics,
    "stances": Stances,
    "quotes": Quotes,
    "vocabulary": Vocabulary,
    "evidence": Evidence,
    "retired_ids": RetiredIds,
}
# The tables whose rows are records with an id of their own (the first column); evidence and the retired ids are
# keyed by their pairs.
_PAIR_KEYED = ("evidence", "retired_ids")
ID_COLUMNS: dict[str, str] = {
    name: next(iter(model.to_schema().columns)) for name, model in TABLES.items() if name not in _PAIR_KEYED
}
PRIMARY_KEYS: dict[str, list[str]] = {
    **{name: [column] for name, column in ID_COLUMNS.items()},
    "evidence": ["record_table", "record_id", "source_id"],
    "retired_ids": ["record_table", "record_id"],
}
# A table a data folder may leave out (read as empty) and columns it may leave out (read as their default), so that
# a folder written before they existed still loads: data before 3.0.0 has no evidence, roll-ups or research flags, nor translation links;
# before 4.0.0, no list of retired ids.
OPTIONAL_TABLES = ("evidence", "retired_ids")
OPTIONAL_COLUMNS: dict[str, dict[str, str | None]] = {
    "events": {"rollup": "false"},
    "flows": {"recipient_country": None, "value_qualifier": None, "is_research_funding": "true"},
    "sources": {"translation_of": None},
}


def is_descriptive_title(title: object) -> bool:
    """Whether a source's title is ours ([bracketed], so translated) rather than the work's own (kept as published)."""
    return isinstance(title, str) and title.startswith(DESCRIPTIVE_TITLE)


# A _vi column needed only for some of its rows: by (table, column), which English texts need a Vietnamese form.
TRANSLATED_WHERE: dict[tuple[str, str], Callable[[object], bool]] = {("sources", "title_vi"): is_descriptive_title}
# _vi columns that may stay empty: the Vietnamese interface then shows the excerpt as written, untranslated.
OPTIONAL_TRANSLATIONS = {("evidence", "excerpt_vi")}

# The columns whose labels the vocabulary translates, per table: each value needs a row in vocabulary.csv.
TRANSLATED_LABELS: dict[str, tuple[str, ...]] = {
    "places": ("name_en", "city", "country"),
    "events": ("counterpart", "country"),
    "flows": ("payer", "recipient", "recipient_country", "usd_note"),
    "metrics": ("subject", "metric", "unit", "country"),
}
