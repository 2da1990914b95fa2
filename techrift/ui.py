"""Streamlit glue shared by every page: the cached loader, the error page, the global filters and URL-bound widgets.

Everything that decides something lives in the pure modules; this one only places widgets and reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar, cast

import pandas as pd
import streamlit as st

from techrift import filters as flt
from techrift import i18n, schema, style
from techrift.caching import memo
from techrift.data import DataError, Dataset, default_data_dir, load_dataset, split_ids
from techrift.i18n import t
from techrift.text import escape_markdown

T = TypeVar("T")
_CONTEXT_KEY = "_techrift_page_context"
_NOTICES_KEY = "_techrift_url_notices"


# One shared, read-only copy per process. st.cache_data would hand every run its own unpickled copy: at 100x the
# shipped data that cost 23 MB of server memory per open session (2.6 MB with this), and the unpickling time on
# every rerun. Nothing may modify the frames in place; tests/test_loader.py runs every page and checks.
@st.cache_resource(show_spinner="Loading the dataset…")
def _cached_dataset(data_dir: str) -> Dataset:
    return load_dataset(data_dir)


def cached_dataset() -> Dataset:
    """The validated dataset of the configured data folder, loaded once per process; DataError if it is invalid."""
    return _cached_dataset(str(default_data_dir()))


def dataset_or_error_page() -> Dataset:
    """The validated dataset; if the data is invalid, show every problem and stop the page."""
    try:
        return cached_dataset()
    except DataError as err:
        show_data_error(err)
        st.stop()
        raise  # unreachable: st.stop() ends the run


def show_data_error(err: DataError) -> None:
    lang = current_language()
    st.title(t("data_error_title", lang))
    st.error(t("data_error_body", lang, count=len(err.problems)))
    st.code("\n".join(str(p) for p in err.problems), language=None)


@dataclass(frozen=True)
class PageContext:
    """What every page needs: the data, its filter options and the current global filters."""

    dataset: Dataset
    options: flt.FilterOptions
    filters: flt.Filters
    lang: str = i18n.DEFAULT_LANGUAGE


def start_page() -> PageContext:
    """Load the data and the global filters once per run.

    Under navigation the entrypoint has already drawn the sidebar for this run; a page run
    on its own (as in AppTest) draws it itself.
    """
    context = st.session_state.get(_CONTEXT_KEY)
    if isinstance(context, PageContext):
        return context
    _leave_folder_navigation()
    lang = language_switch()
    dataset = dataset_or_error_page()
    options = flt.options_for(dataset)
    return PageContext(dataset, options, sidebar_filters(options, lang), lang)


def current_language() -> str:
    """The language chosen in the sidebar, or asked for by the URL before the switch is first drawn."""
    value = st.session_state.get("url_lang")
    if value is None:
        raw = _url_value("lang")
        value = i18n.parse_language(raw)[0] if raw else i18n.DEFAULT_LANGUAGE
    return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def language_switch() -> str:
    """The English / Tiếng Việt switch at the top of the sidebar, kept in the URL as `lang`."""
    widget_key = "url_lang"
    _init_from_url(widget_key, "lang", i18n.parse_language, i18n.DEFAULT_LANGUAGE)
    lang = st.sidebar.radio(
        "Language · Ngôn ngữ",
        list(i18n.LANGUAGES),
        key=widget_key,
        horizontal=True,
        format_func=i18n.LANGUAGES.__getitem__,
        on_change=_forget_notice,
        args=("lang",),
    )
    _show_notice("lang", st.sidebar)
    sync_param("lang", None if lang == i18n.DEFAULT_LANGUAGE else lang)
    return lang


def _leave_folder_navigation() -> None:
    """Hand a deep link that Streamlit ran as a bare `pages/` script back to dashboard.py's navigation.

    Until the entrypoint has called st.navigation once in a server process, Streamlit treats a folder named
    `pages/` beside it as old-style pages and runs /map etc. without the entrypoint (its own sidebar, file names
    as titles). Clearing that flag and rerunning makes the entrypoint run, which then opens the requested page.
    """
    from streamlit.runtime import exists as runtime_exists
    from streamlit.runtime.pages_manager import PagesManager

    if runtime_exists() and PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def run_navigation(pages: Sequence[Any]) -> None:
    """Draw the global sidebar, then run the chosen page with that context."""
    navigation = st.navigation(list(pages))
    st.session_state[_CONTEXT_KEY] = start_page()
    try:
        navigation.run()
    finally:
        st.session_state.pop(_CONTEXT_KEY, None)


# --------------------------------------------------------------------------- URL state


def _notices() -> dict[str, str]:
    return st.session_state.setdefault(_NOTICES_KEY, {})


def _forget_notice(key: str) -> None:
    _notices().pop(key, None)


def sync_param(key: str, value: str | None) -> None:
    """Write one query parameter (None removes it), touching the URL only on change."""
    if value is None or value == "":
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def _url_value(key: str) -> str | None:
    values = st.query_params.get_all(key)
    return values[-1] if values else None


def _init_from_url(widget_key: str, param: str, parse: Callable[[str], tuple[T, str | None]], default: T) -> None:
    """On a widget's first run, seed it from the URL (or the default, with a notice if the URL value was bad)."""
    if widget_key in st.session_state:
        return
    raw = _url_value(param)
    value, notice = (default, None) if raw is None else parse(raw)
    if notice:
        _notices()[param] = notice
    st.session_state[widget_key] = value


def _show_notice(param: str, container: Any) -> None:
    notice = _notices().get(param)
    if notice:
        container.warning(escape_markdown(notice), icon="🔗")


def _choice_parser(
    options: Sequence[T], encode: Callable[[T], str], default: T, what: str
) -> Callable[[str], tuple[T, str | None]]:
    by_code = {encode(o).casefold(): o for o in options}

    def parse(raw: str) -> tuple[T, str | None]:
        match = by_code.get(raw.strip().casefold())
        if match is None:
            return default, f"Link value “{raw[:60]}” for {what} is not known; showing {encode(default)}."
        return match, None

    return parse


def _label_lookup(options: Sequence[T], format_func: Callable[[T], str]) -> Callable[[T], str]:
    """`format_func` as a lookup of the labels it gives now.

    Streamlit keeps a widget's format_func for as long as the session shows the widget, and a lambda written in a
    page keeps all of that page's variables alive with it: at 1000x the data, 15 MB of frames per open session.
    """
    return dict(zip(options, map(format_func, options))).__getitem__


# A selectbox lists at most this many options (thousands are no use to scroll, and each open session keeps its list).
PICKER_LIMIT = 1_000


def bound_selectbox(
    label: str,
    options: Sequence[T],
    param: str,
    default: T,
    *,
    format_func: Callable[[T], str] = str,
    encode: Callable[[T], str] = str,
    container: Any = st,
    **kwargs: Any,
) -> T:
    """A selectbox whose value lives in the URL parameter `param`.

    Past PICKER_LIMIT options it lists the first ones and the current choice (from the link or a chart click), and
    says so: any option can still be chosen by link or click.
    """
    widget_key = f"url_{param}"
    _init_from_url(widget_key, param, _choice_parser(options, encode, default, label), default)
    if st.session_state[widget_key] not in options:
        st.session_state[widget_key] = default
    total = len(options)
    if total > PICKER_LIMIT:
        listed = list(options[:PICKER_LIMIT])
        options = listed + list(
            dict.fromkeys(value for value in (default, st.session_state[widget_key]) if value not in listed)
        )
    value = container.selectbox(
        label,
        options,
        key=widget_key,
        format_func=_label_lookup(options, format_func),
        on_change=_forget_notice,
        args=(param,),
        **kwargs,
    )
    if total > PICKER_LIMIT:
        container.caption(t("picker_limited", current_language(), shown=PICKER_LIMIT, total=total))
    _show_notice(param, container)
    sync_param(param, None if value == default else encode(value))
    return value


def bound_radio(
    label: str,
    options: Sequence[T],
    param: str,
    default: T,
    *,
    format_func: Callable[[T], str] = str,
    encode: Callable[[T], str] = str,
    container: Any = st,
    **kwargs: Any,
) -> T:
    """A radio group whose value lives in the URL parameter `param`."""
    widget_key = f"url_{param}"
    _init_from_url(widget_key, param, _choice_parser(options, encode, default, label), default)
    value = container.radio(
        label,
        options,
        key=widget_key,
        format_func=_label_lookup(options, format_func),
        on_change=_forget_notice,
        args=(param,),
        **kwargs,
    )
    _show_notice(param, container)
    sync_param(param, None if value == default else encode(value))
    return value


def bound_multiselect(
    label: str,
    options: Sequence[T],
    param: str,
    default: Sequence[T] = (),
    *,
    format_func: Callable[[T], str] = str,
    encode: Callable[[T], str] = str,
    container: Any = st,
    **kwargs: Any,
) -> list[T]:
    """A multiselect whose values live in the URL parameter `param`, comma-separated."""
    widget_key = f"url_{param}"
    by_code = {encode(o).casefold(): o for o in options}

    def parse(raw: str) -> tuple[list[T], str | None]:
        chosen: list[T] = []
        unknown: list[str] = []
        for part in raw.split(","):
            if part.strip():
                match = by_code.get(part.strip().casefold())
                if match is None:
                    unknown.append(part.strip())
                else:
                    chosen.append(match)
        notice = f"Unknown {label.lower()} “{', '.join(u[:30] for u in unknown[:3])}” ignored." if unknown else None
        return list(dict.fromkeys(chosen)), notice

    _init_from_url(widget_key, param, parse, list(default))
    value = container.multiselect(
        label,
        options,
        key=widget_key,
        format_func=_label_lookup(options, format_func),
        on_change=_forget_notice,
        args=(param,),
        **kwargs,
    )
    _show_notice(param, container)
    sync_param(param, None if list(value) == list(default) else ",".join(encode(v) for v in value))
    return list(value)


def bound_toggle(label: str, param: str, default: bool = False, *, container: Any = st, **kwargs: Any) -> bool:
    """A toggle whose state lives in the URL parameter `param` (1 or 0)."""
    widget_key = f"url_{param}"

    def parse(raw: str) -> tuple[bool, str | None]:
        if raw.strip().lower() in {"1", "true", "yes", "on"}:
            return True, None
        if raw.strip().lower() in {"0", "false", "no", "off"}:
            return False, None
        return default, f"Link value “{raw[:30]}” for {label} is not 1 or 0; using the default."

    _init_from_url(widget_key, param, parse, default)
    value = container.toggle(label, key=widget_key, on_change=_forget_notice, args=(param,), **kwargs)
    _show_notice(param, container)
    sync_param(param, None if value == default else ("1" if value else "0"))
    return bool(value)


# --------------------------------------------------------------------------- global filters

_YEARS_WIDGET, _COMPANIES_WIDGET, _COUNTRIES_WIDGET = "global_years", "global_companies", "global_countries"
_GLOBAL_WIDGETS = (_YEARS_WIDGET, _COMPANIES_WIDGET, _COUNTRIES_WIDGET)


def _forget_global_notices() -> None:
    _notices().pop("_global", None)


def sidebar_filters(options: flt.FilterOptions, lang: str = i18n.DEFAULT_LANGUAGE) -> flt.Filters:
    """The sidebar's year, company and country filters, seeded from the URL and written back to it."""
    if not all(key in st.session_state for key in _GLOBAL_WIDGETS):
        url_params: dict[str, str | list[str]] = {**st.query_params.to_dict(), **_repeated_params()}
        initial, notices = flt.from_params(url_params, options)
        st.session_state[_YEARS_WIDGET] = initial.years
        st.session_state[_COMPANIES_WIDGET] = list(initial.companies)
        st.session_state[_COUNTRIES_WIDGET] = list(initial.countries)
        if notices:
            _notices()["_global"] = " ".join(notices)
    sidebar = st.sidebar
    sidebar.header(t("filters", lang))
    years: tuple[int, int]
    if options.first_year < options.last_year:
        # A range: the widget's value is the (start, end) pair put in the session state above.
        years = cast(
            tuple[int, int],
            sidebar.slider(
                t("years", lang),
                options.first_year,
                options.last_year,
                key=_YEARS_WIDGET,
                on_change=_forget_global_notices,
                help=t("years_help", lang),
            ),
        )
    else:
        years = (options.first_year, options.last_year)
    companies = sidebar.multiselect(
        t("companies", lang),
        options.companies,
        key=_COMPANIES_WIDGET,
        placeholder=t("all_companies", lang),
        on_change=_forget_global_notices,
    )
    countries = sidebar.multiselect(
        t("countries", lang),
        options.countries,
        key=_COUNTRIES_WIDGET,
        placeholder=t("all_countries", lang),
        on_change=_forget_global_notices,
    )
    _show_notice("_global", sidebar)
    current = flt.Filters(years=(years[0], years[1]), companies=tuple(companies), countries=tuple(countries))
    params = current.to_params(options)
    for key in flt.KEYS:
        sync_param(key, params.get(key))
    return current


def _repeated_params() -> dict[str, list[str]]:
    """Repeated keys (?company=A&company=B) as lists, so the parser can report or use them."""
    return {key: st.query_params.get_all(key) for key in flt.KEYS if len(st.query_params.get_all(key)) > 1}


# --------------------------------------------------------------------------- small shared pieces


def empty_state(message: str) -> None:
    """Say plainly that the filters leave nothing to show."""
    st.info(f"{message} {t('empty_state', current_language())}", icon="🔎")


def download_csv(
    file_name: str, build: Callable[..., pd.DataFrame], *args: Any, label: str | None = None, key: str | None = None
) -> None:
    """A button downloading `build(*args)` as CSV, made on click (a filter change at 1000x the data wrote four CSVs it
    never sent when they were made on every run).

    Streamlit keeps the callable for as long as the session shows the button: pass the shared dataset and the view's
    parameters (see techrift.views), not a table made in this run, which every open session would keep a copy of.
    """
    if any(isinstance(arg, (pd.DataFrame, pd.Series)) for arg in args):
        raise TypeError(
            f"{file_name}: a download keeps its arguments per session; pass the dataset and the view's "
            "parameters and let `build` make the table"
        )
    st.download_button(
        label or t("download_rows", current_language()),
        partial(_csv_of, build, *args),
        file_name=file_name,
        mime="text/csv",
        key=key or f"download_{file_name}",
        on_click="ignore",
    )


def _csv_of(build: Callable[..., pd.DataFrame], *args: Any) -> bytes:
    from techrift.export import to_csv_bytes

    return to_csv_bytes(build(*args))


def source_line(source: Mapping[Hashable, Any], source_id: str, lang: str) -> str:
    """One source as a Markdown line: linked title, publisher, date, language, and a link to its entry on the Sources page."""
    from techrift.formatting import date_label
    from techrift.text import escape_markdown, markdown_link

    title = markdown_link(source["title"], source["url"])
    when = date_label(source["published"]) if isinstance(source["published"], str) else t("date_not_given", lang)
    entry = f"[{t('entry', lang)}](/sources?source={source_id})"
    seed = f" · {t('seed_full_text', lang)}" if source["kind"] == "seed" else ""
    return f"{title} — {escape_markdown(source['publisher'])}, {when}, {source['language']}{seed} · {entry}"


# The overview and comparison list dozens of sources on every run; each line is made once per process.
@memo(maxsize=4096)
def _source_line(dataset: Dataset, source_id: str, lang: str) -> str:
    return source_line(dataset.sources_by_id.loc[source_id].to_dict(), source_id, lang)


def show_sources(dataset: Dataset, source_ids: str, container: Any = st) -> None:
    """List a record's sources, each one click away."""
    lang = current_language()
    lines = [f"- {_source_line(dataset, source_id, lang)}" for source_id in split_ids(source_ids)]
    container.markdown(f"**{t('sources', lang)}**\n\n" + "\n".join(lines))


def show_quotes(dataset: Dataset, table: str, record_id: str, container: Any = st) -> None:
    """The verbatim seed fragments behind a record, each with its English translation (in the English interface)."""
    from techrift.text import escape_markdown

    lang = current_language()
    for _, quote in dataset.quotes_for(table, record_id).iterrows():
        container.markdown(f"**{t('seed_fragment', lang)}** ({quote['source_id']}, {t('verbatim', lang)})")
        container.text(quote["text"])
        if lang != "vi":
            container.caption(f"{t('english', lang)}: {escape_markdown(quote['text_en'])}")


def apply_chart_pick(picked_id: str | None, param: str) -> None:
    """Make a record picked on a chart the value of the detail selectbox bound to `param`.

    Call it before that selectbox is drawn. A chart keeps its selection across reruns, so only a
    new pick overrides what the user later chose in the selectbox.
    """
    last_key = f"_last_pick_{param}"
    if picked_id and st.session_state.get(last_key) != picked_id:
        st.session_state[f"url_{param}"] = picked_id
        _forget_notice(param)
    st.session_state[last_key] = picked_id


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
    from techrift.text import escape_markdown

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


def show_event_detail(dataset: Dataset, event: pd.Series, lang: str, container: Any = st) -> None:
    """An event's detail panel: title, date with its precision, summary, seed fragments and sources."""
    from techrift.i18n import localized
    from techrift.text import escape_markdown

    precision = (
        t(f"precision_{event['date_precision']}", lang)
        if isinstance(event["date_precision"], str)
        else t("date_unknown", lang)
    )
    action = t(f"category_{event['category']}", lang)
    container.markdown(f"#### {escape_markdown(localized(event, 'title', lang))}")
    container.caption(
        f"{escape_markdown(event['date_label'])} ({escape_markdown(precision)}) · "
        f"{escape_markdown(action)} · {escape_markdown(event['counterpart'])}"
    )
    container.markdown(escape_markdown(localized(event, "summary", lang)))
    show_quotes(dataset, "events", event["event_id"], container)
    show_sources(dataset, event["source_ids"], container)


def event_detail_from_chart(chart: Any, dated: pd.DataFrame, dataset: Dataset, lang: str) -> None:
    """The event picked on a timeline chart (or chosen in a selectbox bound to `event`), shown in a detail panel."""
    apply_chart_pick(picked_customdata(chart), "event")
    labels = dict(zip(dated["event_id"], dated["date_label"] + " · " + dated["lane"]))
    chosen = bound_selectbox(
        t("details_for", lang),
        [""] + list(labels),
        "event",
        "",
        format_func=lambda event_id: labels.get(event_id) or t("choose_event", lang),
    )
    if chosen:
        with st.container(border=True):
            show_event_detail(dataset, dated.set_index("event_id", drop=False).loc[chosen], lang)


def legend_swatches(entries: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """(emoji swatch, label) for legend entries, so a legend needs no HTML."""
    return [(style.swatch(colour), label) for colour, label in entries]


def show_place_detail(dataset: Dataset, events: pd.DataFrame, place_id: str, lang: str) -> None:
    """A place's detail: where it is (and how precisely), every event and money flow there, with fragments and sources."""
    from techrift.formatting import amount_label, years_label
    from techrift.text import escape_markdown

    place = dataset.places.set_index("place_id").loc[place_id].to_dict()
    with st.container(border=True):
        st.markdown(f"### {escape_markdown(place['name_en'])}")
        precision = (
            ""
            if place["coord_precision"] == schema.EXACT_COORDS
            else f" · {t('coord_' + place['coord_precision'], lang)}"
        )
        st.caption(
            f"{escape_markdown(place['name_original'])} · {escape_markdown(place['city'])}, "
            f"{escape_markdown(place['country'])}{escape_markdown(precision)}"
        )
        st.markdown(f"**{t('place_events', lang)}**")
        for _, event in events[events["place_id"] == place_id].sort_values("start").iterrows():
            show_event_detail(dataset, event, lang)
        flows = dataset.flows[dataset.flows["recipient_place_id"] == place_id]
        if not flows.empty:
            st.markdown(f"**{t('place_money', lang)}**")
            for flow in flows.to_dict("records"):
                st.markdown(
                    escape_markdown(f"{amount_label(flow, lang)} ({years_label(flow, lang)}): {flow['description_en']}")
                )
                show_quotes(dataset, "flows", flow["flow_id"])
                show_sources(dataset, flow["source_ids"])
        show_sources(dataset, place["coord_source_ids"])
