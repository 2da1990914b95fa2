"""The global filter registry: each entry applies to the columns it declares and to nothing else, and the
kind-of-action filter (one entry) is read from the link, written back, applied to the timeline and explained."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import pytest
from apptest_helpers import run_page

from techrift import filters as flt
from techrift import views
from techrift.data import Dataset

TABLES = (*flt.RECORD_TABLES, "stances")


def _narrow_value(entry: flt.GlobalFilter, frame: pd.DataFrame, columns: tuple[str, ...], options: Any) -> Any:
    """A value of the filter that keeps some rows of `frame` and not all of them (or None when the data has none)."""
    if entry.widget == "year_range":
        years = frame[columns[0]].dropna().astype(int)
        return (int(years.min()), int(years.min()))
    if entry.widget == "toggle":
        return True
    present = [choice for choice in entry.choices(options) if choice in set(frame[columns[0]])]
    return (present[0],) if present else None


def _holds(entry: flt.GlobalFilter, row: pd.Series, columns: tuple[str, ...], value: Any) -> bool:
    """Whether a row meets the filter by the columns it declares (checked row by row, apart from the filter's code)."""
    if entry.widget == "year_range":
        first = row[columns[0]]
        last = row[columns[-1]] if pd.notna(row[columns[-1]]) else first
        return pd.notna(first) and first <= value[1] and last >= value[0]
    if entry.widget == "toggle":
        return row[columns[0]] == "well_supported"
    return row[columns[0]] in value


CASES = [(entry, table) for entry in flt.REGISTRY for table in TABLES]


@pytest.mark.parametrize(("entry", "table"), CASES, ids=[f"{entry.key}-{table}" for entry, table in CASES])
def test_each_filter_applies_to_the_columns_it_declares_and_no_other_table(
    dataset: Dataset, entry: flt.GlobalFilter, table: str
) -> None:
    options = flt.options_for(dataset)
    frame = getattr(dataset, table)
    columns = entry.applies_to.get(table)
    # A value that narrows a table the filter is declared for (this one, or its first).
    source, source_columns = (frame, columns) if columns else _any_table(dataset, entry)
    value = _narrow_value(entry, source, source_columns, options)
    assert value is not None, f"the data has no value of {entry.key} to try"
    narrowed = replace(flt.default_filters(options), **{entry.field: value})
    kept = flt.apply(table, frame, narrowed, options)
    if not columns:
        assert len(kept) == len(frame), f"{entry.key} is not declared for {table} but changed its rows"
        return
    assert set(columns) <= set(frame.columns)
    expected = [index for index, row in frame.iterrows() if _holds(entry, row, columns, value)]
    assert list(kept.index) == expected
    assert 0 < len(kept) < len(frame) or entry.widget == "toggle"


def _any_table(dataset: Dataset, entry: flt.GlobalFilter) -> tuple[pd.DataFrame, tuple[str, ...]]:
    table, columns = next(iter(entry.applies_to.items()))
    return getattr(dataset, table), columns


def test_the_filters_state_has_one_field_per_entry() -> None:
    fields = [entry.field for entry in flt.REGISTRY]
    assert sorted(fields) == sorted(flt.Filters.__dataclass_fields__)
    assert len(set(flt.KEYS)) == len(flt.KEYS)


# --------------------------------------------------------------------------- the kind-of-action filter

OPTIONS = flt.FilterOptions(2012, 2025, ("Huawei",), ("Russia",), ("tie_cut", "partnership", "visit"))


def test_kind_of_action_is_read_from_and_written_to_the_link() -> None:
    parsed, notices = flt.from_params({"kind": "Visit, tie_cut,visit"}, OPTIONS)
    assert (parsed.kinds, notices) == (("visit", "tie_cut"), [])
    assert parsed.to_params(OPTIONS) == {"years": "2012-2025", "kind": "visit,tie_cut"}
    assert flt.from_params(parsed.to_params(OPTIONS), OPTIONS) == (parsed, [])


def test_an_unknown_kind_of_action_gives_the_notice_in_both_languages() -> None:
    parsed, notices = flt.from_params({"kind": "visit,<b>bogus</b>"}, OPTIONS)
    assert parsed.kinds == ("visit",)
    assert notices == ["Unknown kind of action “<b>bogus</b>” ignored."]
    _, vietnamese = flt.from_params({"kind": "bogus"}, OPTIONS, "vi")
    assert vietnamese == ["Đã bỏ qua loại hành động không có trong dữ liệu: “bogus”."]


def test_the_kind_of_action_help_names_the_tables_it_does_not_apply_to() -> None:
    kind = next(entry for entry in flt.REGISTRY if entry.key == "kind")
    assert kind.help("en") == "Does not apply to amounts, figures."
    assert kind.help("vi") == "Không áp dụng cho khoản tiền, số liệu."
    years = next(entry for entry in flt.REGISTRY if entry.key == "years")
    assert years.help("en") == "Events and amounts whose dates overlap this range."  # applies to every record table


def test_the_kind_of_action_filter_filters_the_timeline_rows(dataset: Dataset) -> None:
    options = flt.options_for(dataset)
    every = views.timeline_events(flt.Scope(dataset, flt.default_filters(options), options))
    visits = views.timeline_events(flt.Scope(dataset, replace(flt.default_filters(options), kinds=("visit",)), options))
    assert not visits.empty and set(visits["category"]) == {"visit"}
    assert list(visits["event_id"]) == list(every.loc[every["category"].eq("visit"), "event_id"])


def test_the_sidebar_binds_kind_of_action_to_the_link() -> None:
    at = run_page("pages/timeline.py", {"kind": "visit,zzz"})
    assert not at.exception
    widget = at.sidebar.multiselect(key="global_kinds")
    assert widget.value == ["visit"]
    assert widget.help == "Does not apply to amounts, figures."
    assert [warning.value for warning in at.sidebar.warning] == [
        "Unknown kind of action “zzz” ignored\\."
    ]  # escaped markdown
    assert at.query_params["kind"] == "visit"  # the unknown value is dropped from the link
    widget.select("tie_cut").run()
    assert at.query_params["kind"] == "visit,tie_cut"
    assert not at.sidebar.warning  # a change of the filters forgets the link's notice
