"""State kept in the URL: the language switch, the sidebar's global filters and the URL-bound widgets of the pages,
each seeded from its query parameter (with a notice when the link's value cannot be used) and written back to it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import streamlit as st

from techrift import filters as flt
from techrift import i18n, share
from techrift.i18n import t
from techrift.text import escape_markdown
from techrift.ui import internals

T = TypeVar("T")
_NOTICES_KEY = "_techrift_url_notices"


def current_language() -> str:
    """The language chosen in the sidebar, or asked for by the URL before the switch is first drawn."""
    value = st.session_state.get("url_lang")
    if value is None:
        raw = url_value("lang")
        value = i18n.parse_language(raw)[0] if raw else i18n.DEFAULT_LANGUAGE
    return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def language_switch() -> str:
    """The English / Tiếng Việt switch at the top of the sidebar, kept in the URL as `lang`."""
    widget_key = "url_lang"
    _init_from_url(widget_key, "lang", i18n.parse_language, i18n.DEFAULT_LANGUAGE)
    lang = st.sidebar.radio(
        t("language_switch", i18n.DEFAULT_LANGUAGE),
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


def _notices() -> dict[str, str]:
    return st.session_state.setdefault(_NOTICES_KEY, {})


def _forget_notice(*keys: str) -> None:
    for key in keys:
        _notices().pop(key, None)


def sync_param(key: str, value: str | None) -> None:
    """Write one query parameter (None removes it), touching the URL only on change."""
    if value is None or value == "":
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def url_value(key: str) -> str | None:
    """The URL's value of a query parameter (the last, if repeated), or None."""
    values = st.query_params.get_all(key)
    return values[-1] if values else None


def _seeded(widget_key: str, trust_browser: bool = True) -> bool:
    """Whether the widget already has a value: in this session, or in a browser that reconnected to this session
    (its replica died) and sent what it shows, which is newer than its URL when the viewer has just changed it."""
    return widget_key in st.session_state or (trust_browser and internals.browser_holds_widget(widget_key))


def _init_from_url(
    widget_key: str,
    param: str,
    parse: Callable[[str], tuple[T, str | None]],
    default: T,
    trust_browser: bool = True,
) -> None:
    """On a widget's first run, seed it from the URL (or the default, with a notice if the URL value was bad).
    `trust_browser=False` seeds it even where a reconnected browser sent a value (a widget that needs its state)."""
    if _seeded(widget_key, trust_browser):
        return
    raw = url_value(param)
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
            return default, t(
                "notice_unknown_choice", current_language(), value=raw[:60], what=what, default=encode(default)
            )
        return match, None

    return parse


def _label_lookup(options: Sequence[T], format_func: Callable[[T], str]) -> Callable[[T], str]:
    """`format_func` as a lookup of the labels it gives now.

    Streamlit keeps a widget's format_func for as long as the session shows the widget, and a lambda written in a
    page keeps all of that page's variables (its frames) alive with it, in every open session (docs/performance.md).
    """
    return dict(zip(options, map(format_func, options))).__getitem__


def _draw(
    widget: Callable[..., Any],
    label: str,
    options: Sequence[T],
    param: str,
    format_func: Callable[[T], str],
    kwargs: dict[str, Any],
) -> Any:
    """A choice widget keyed and labelled as every URL-bound one: its key url_<param>, a change forgets the notice."""
    return widget(
        label,
        options,
        key=f"url_{param}",
        format_func=_label_lookup(options, format_func),
        on_change=_forget_notice,
        args=(param,),
        **kwargs,
    )


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
    if widget_key in st.session_state and st.session_state[widget_key] not in options:
        st.session_state[widget_key] = default
    total = len(options)
    if total > PICKER_LIMIT:
        listed = list(options[:PICKER_LIMIT])
        options = listed + list(
            dict.fromkeys(
                value for value in (default, st.session_state.get(widget_key, default)) if value not in listed
            )
        )
    value = _draw(container.selectbox, label, options, param, format_func, kwargs)
    if total > PICKER_LIMIT:
        container.caption(t("picker_limited", current_language(), shown=PICKER_LIMIT, total=total))
    _show_notice(param, container)
    sync_param(param, None if value == default else encode(value))
    return value


def bound_picker(label: str, labels: Mapping[str, str], param: str, placeholder: str) -> str:
    """A selectbox of records by id (`labels`: id -> label), bound to `param`, opening on `placeholder`: the record
    chosen, or "" for none."""
    return bound_selectbox(
        label, ["", *labels], param, "", format_func=lambda record_id: labels.get(record_id) or placeholder
    )


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
    _init_from_url(f"url_{param}", param, _choice_parser(options, encode, default, label), default)
    value = _draw(container.radio, label, options, param, format_func, kwargs)
    _show_notice(param, container)
    sync_param(param, None if value == default else encode(value))
    return value


def bound_toggle(label: str, param: str, default: bool = False, *, container: Any = st, **kwargs: Any) -> bool:
    """A toggle whose state lives in the URL parameter `param` (1 or 0)."""
    widget_key = f"url_{param}"

    def parse(raw: str) -> tuple[bool, str | None]:
        if raw.strip().lower() in {"1", "true", "yes", "on"}:
            return True, None
        if raw.strip().lower() in {"0", "false", "no", "off"}:
            return False, None
        return default, t("notice_not_a_switch", current_language(), value=raw[:30], what=label)

    _init_from_url(widget_key, param, parse, default)
    value = container.toggle(label, key=widget_key, on_change=_forget_notice, args=(param,), **kwargs)
    _show_notice(param, container)
    sync_param(param, None if value == default else ("1" if value else "0"))
    return bool(value)


# --------------------------------------------------------------------------- global filters


def typed_key(entry: flt.GlobalFilter) -> str:
    """The session key of the text field where a range filter's years are typed."""
    return f"typed_{entry.field}"


# What any change of the global filters makes stale: the link's notices, and why typed years were not taken.
_FILTER_NOTICES = (*flt.KEYS, *(typed_key(entry) for entry in flt.REGISTRY if entry.widget == "year_range"))


def bound_global_filter(
    entry: flt.GlobalFilter,
    options: flt.FilterOptions,
    lang: str,
    names: Mapping[str, str],
    container: Any,
) -> Any:
    """One global filter's widget, bound to its URL key the way every URL-bound widget is: seeded from the link (with
    the entry's notice when the link's value cannot be used; sidebar_filters shows it), a change forgets the notices,
    the value written back."""
    widget_key = f"global_{entry.field}"
    default = entry.default(options)
    is_range = entry.widget == "year_range"
    if is_range and widget_key not in st.session_state and (held := _browser_years(options, widget_key)):
        # A slider is a range only if its state says so: it is always seeded, from a reconnected browser's years first.
        st.session_state[widget_key] = held
    _init_from_url(widget_key, entry.key, lambda raw: flt.read_param(entry, raw, options, lang), default, not is_range)
    # Any change of the global filters is a new view: the notices about the link's filters no longer apply.
    common = {"key": widget_key, "on_change": _forget_notice, "args": _FILTER_NOTICES, "help": entry.help(lang)}
    label = t(entry.label_key, lang)
    value: Any
    if entry.widget == "year_range":
        # A range: the widget's value is the (start, end) pair put in the session state. One year: nothing to choose.
        value = default if default[0] == default[1] else container.slider(label, *default, **common)
        value = (value[0], value[1])
        if default[0] != default[1]:
            typed_years(entry, options, lang, value, container)
    elif entry.widget == "multiselect":
        choices = entry.choices(options)
        if isinstance(st.session_state.get(widget_key), tuple):
            st.session_state[widget_key] = list(st.session_state[widget_key])
        placeholder = t(entry.placeholder_key, lang) if entry.placeholder_key else None
        format_func = _label_lookup(choices, lambda choice: entry.choice_label(choice, lang, names))
        value = tuple(container.multiselect(label, choices, format_func=format_func, placeholder=placeholder, **common))
    else:
        value = bool(container.toggle(label, **common))
    sync_param(entry.key, entry.write(value, options))
    return value


def typed_years(
    entry: flt.GlobalFilter, options: flt.FilterOptions, lang: str, value: tuple[int, int], container: Any
) -> None:
    """The years of a range filter as text, under its slider (the slider gives a year only a few pixels): typed years
    become the slider's value, bound to the same URL key; a text that cannot be used is kept, with why, and changes
    nothing."""
    field_key = typed_key(entry)
    error = _notices().get(field_key)
    if not error:  # the field shows the years the view shows
        st.session_state[field_key] = share.years_text(value)
    container.text_input(
        t("typed_years", lang),
        key=field_key,
        placeholder=share.years_text((options.first_year, options.last_year)),
        help=t("typed_years_help", lang),
        on_change=_take_typed_years,
        args=(entry, options, lang),
    )
    if error:
        container.error(escape_markdown(error), icon=":material/error:")


def _take_typed_years(entry: flt.GlobalFilter, options: flt.FilterOptions, lang: str) -> None:
    field_key = typed_key(entry)
    read = share.typed_years(str(st.session_state.get(field_key) or ""), options, lang)
    if read.years is None:
        _notices()[field_key] = read.error or ""
        return
    st.session_state[f"global_{entry.field}"] = read.years
    _forget_notice(*_FILTER_NOTICES)


def clear_filter(field: str, value: Any) -> None:
    """Set the global filter `field` to `value` before its widget is drawn (a chip's on_click callback): the sidebar
    and the URL follow, the link's notices go."""
    entry = next(entry for entry in flt.REGISTRY if entry.field == field)
    st.session_state[f"global_{field}"] = list(value) if entry.widget == "multiselect" else value
    _forget_notice(*_FILTER_NOTICES)


def sidebar_filters(
    options: flt.FilterOptions, lang: str = i18n.DEFAULT_LANGUAGE, names: Mapping[str, str] | None = None
) -> flt.Filters:
    """The sidebar's global filters, one widget per registry entry (techrift/filters.py); `names` names the
    countries in the language (by their English name, which the URL keeps)."""
    st.sidebar.header(t("filters", lang))
    values = {entry.field: bound_global_filter(entry, options, lang, names or {}, st.sidebar) for entry in flt.REGISTRY}
    # The link's notices in one box under the filters, so that a bad link does not push the widgets apart.
    if notices := [_notices()[key] for key in flt.KEYS if _notices().get(key)]:
        st.sidebar.warning(escape_markdown(" ".join(notices)), icon="🔗")
    return flt.Filters(**values)


def _browser_years(options: flt.FilterOptions, widget_key: str = "global_years") -> tuple[int, int] | None:
    """The year range a reconnected browser shows (see _seeded), within the data's years; None if it sent none."""
    held = internals.browser_widget_state(widget_key)
    if held is None or held.WhichOneof("value") != "double_array_value" or len(held.double_array_value.data) != 2:
        return None
    start, end = (min(max(int(year), options.first_year), options.last_year) for year in held.double_array_value.data)
    return (start, end) if start <= end else None


def step_choice(param: str, delta: int, first: int, last: int) -> None:
    """Move the numeric choice of the widget bound to `param` by `delta`, within [first, last] (an on_click callback)."""
    widget_key = f"url_{param}"
    st.session_state[widget_key] = min(max(st.session_state[widget_key] + delta, first), last)


def apply_chart_pick(picked_id: str | None, param: str, chart: str = "") -> None:
    """Make a record picked on a chart the value of the detail selectbox bound to `param`.

    Call it before that selectbox is drawn. A chart keeps its selection across reruns, so only a
    new pick overrides what the user later chose in the selectbox; `chart` names the chart where a page has several
    charts that pick the same record, so that each one's pick is remembered apart.
    """
    last_key = f"_last_pick_{param}{chart and '_' + chart}"
    if picked_id and st.session_state.get(last_key) != picked_id:
        st.session_state[f"url_{param}"] = picked_id
        _forget_notice(param)
    st.session_state[last_key] = picked_id


def presenting() -> bool:
    """Whether the link asks for the briefing's slides (?present=1), which show the audience nothing but the slide."""
    return url_value("present") in ("1", "true", "yes")
