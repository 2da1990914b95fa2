"""Global filters: URL round trip, fallbacks with notices, and what they keep."""

from __future__ import annotations

import pandas as pd
import pytest

from techrift import filters as flt

# Made-up bounds, not any data's: these tests are of the parser and the filters.
OPTIONS = flt.FilterOptions(
    first_year=2010,
    last_year=2025,
    companies=("AWS", "Huawei", "Nvidia"),
    countries=("China", "Russia", "United States"),
)


@pytest.mark.parametrize(
    "state",
    [
        flt.Filters(years=(2010, 2025)),
        flt.Filters(years=(2019, 2019)),
        flt.Filters(years=(2018, 2021), companies=("Huawei",), countries=("Russia", "United States")),
        flt.Filters(years=(2010, 2025), companies=("AWS", "Nvidia")),
    ],
)
def test_state_survives_a_url_round_trip(state: flt.Filters) -> None:
    params = state.to_params(OPTIONS)
    parsed, notices = flt.from_params(params, OPTIONS)
    assert parsed == state
    assert notices == []


def test_defaults_write_only_explicit_years_so_a_link_keeps_its_years() -> None:
    assert flt.default_filters(OPTIONS).to_params(OPTIONS) == {"years": "2010-2025"}


def test_the_support_filter_round_trips_and_a_bad_value_falls_back_with_a_notice() -> None:
    strict = flt.Filters(years=(2019, 2020), well_supported=True)
    assert strict.to_params(OPTIONS) == {"years": "2019-2020", "support": "well"}
    assert flt.from_params(strict.to_params(OPTIONS), OPTIONS) == (strict, [])
    parsed, notices = flt.from_params({"support": "<b>all</b>"}, OPTIONS)
    assert parsed.well_supported is False
    assert notices == [
        "The support filter “<b>all</b>” is not known; showing every record (use support=well for well-supported only)."
    ]


def test_the_support_filter_keeps_only_records_with_two_independent_sources(dataset) -> None:
    options = flt.options_for(dataset)
    strict = flt.Filters(years=(options.first_year, options.last_year), well_supported=True)
    events = flt.apply_to_events(dataset.events, strict, options)
    assert len(events) and (events["independent_sources"] >= 2).all()
    assert set(events["event_id"]) == set(dataset.events.loc[dataset.events["independent_sources"] >= 2, "event_id"])
    assert "atlas-launch-russia" not in set(events["event_id"])  # the seed alone
    flows = flt.apply_to_flows(dataset.flows, strict, options)
    assert "aws-lab-graph-revenue-claim" not in set(flows["flow_id"])  # aggregators only


def test_values_are_matched_case_insensitively() -> None:
    parsed, notices = flt.from_params({"company": "huawei,NVIDIA", "country": "russia"}, OPTIONS)
    assert parsed.companies == ("Huawei", "Nvidia")
    assert parsed.countries == ("Russia",)
    assert notices == []


@pytest.mark.parametrize(
    ("params", "expected_years", "notice_part"),
    [
        ({"years": "abc"}, (2010, 2025), "not of the form"),
        ({"years": "2019-2020-2021"}, (2010, 2025), "not of the form"),
        ({"years": "1900-1950"}, (2010, 2025), "outside the data"),
        ({"years": "2020-2099"}, (2020, 2025), "narrowed"),
        ({"years": "2021-2019"}, (2019, 2021), None),
        ({"years": "2019"}, (2019, 2019), None),
        ({"years": "<script>alert(1)</script>"}, (2010, 2025), "not of the form"),
        ({"years": "9" * 5000}, (2010, 2025), "too long"),
    ],
)
def test_bad_years_fall_back_with_a_notice(params, expected_years, notice_part) -> None:
    parsed, notices = flt.from_params(params, OPTIONS)
    assert parsed.years == expected_years
    if notice_part is None:
        assert notices == []
    else:
        assert len(notices) == 1 and notice_part in notices[0]


def test_unknown_choices_are_dropped_and_named() -> None:
    parsed, notices = flt.from_params({"company": "Huawei,Acme", "country": "Atlantis"}, OPTIONS)
    assert parsed.companies == ("Huawei",)
    assert parsed.countries == ()
    assert any("Acme" in n for n in notices) and any("Atlantis" in n for n in notices)


def test_repeated_parameters_use_the_last_value() -> None:
    parsed, _ = flt.from_params({"years": ["2013-2014", "2019-2020"]}, OPTIONS)
    assert parsed.years == (2019, 2020)


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["cut-2019", "deal-2019", "lab-2018-2025", "unknown-date", "aws-2025"],
            "company": ["Huawei", "Huawei", "AWS", "Amazon", "AWS"],
            "country": ["United States", "Russia", "China", "China", "China"],
            "year_start": pd.array([2019, 2019, 2018, None, 2025], dtype="Int64"),
            "year_end": pd.array([2019, 2019, 2025, None, 2025], dtype="Int64"),
        }
    )


def _kept(filters: flt.Filters) -> list[str]:
    return list(flt.apply_to_events(_events(), filters, OPTIONS)["event_id"])


def test_year_range_keeps_events_whose_period_overlaps() -> None:
    assert _kept(flt.Filters(years=(2020, 2021))) == ["lab-2018-2025"]
    assert _kept(flt.Filters(years=(2019, 2019))) == ["cut-2019", "deal-2019", "lab-2018-2025"]


def test_unknown_dates_are_kept_only_when_all_years_are_shown() -> None:
    assert "unknown-date" in _kept(flt.Filters(years=(2010, 2025)))
    assert "unknown-date" not in _kept(flt.Filters(years=(2010, 2024)))


def test_company_and_country_filters_combine() -> None:
    assert _kept(flt.Filters(years=(2010, 2025), companies=("Huawei",))) == ["cut-2019", "deal-2019"]
    assert _kept(flt.Filters(years=(2010, 2025), companies=("Huawei",), countries=("Russia",))) == ["deal-2019"]
    assert _kept(flt.Filters(years=(2010, 2025), companies=("Nvidia",))) == []


def test_options_come_from_the_data(dataset) -> None:
    options = flt.options_for(dataset)
    years = [dataset.events["year_start"], dataset.events["year_end"], dataset.flows["year"], dataset.flows["year_end"]]
    years.append(dataset.metrics["year"])
    assert options.first_year == min(int(column.min()) for column in years)
    assert options.last_year == max(int(column.max()) for column in years)
    assert {"Huawei", "AWS", "Nvidia"} <= set(options.companies)
    assert {"Russia", "United States", "China", "United Kingdom"} <= set(options.countries)


def test_flows_filter_by_recipient_country(dataset) -> None:
    options = flt.options_for(dataset)
    russia = flt.apply_to_flows(
        dataset.flows, flt.Filters(years=options_years(options), countries=("Russia",)), options
    )
    # Skoltech's contracts by their place; the IRP's cap by its recipient_country, with no place
    assert list(russia["flow_id"]) == ["huawei-irp-project-cap", "skoltech-contracts-2019"]


def options_years(options: flt.FilterOptions) -> tuple[int, int]:
    return (options.first_year, options.last_year)


def test_notices_are_in_the_interfaces_language() -> None:
    _, english = flt.from_params({"years": "1900-1950", "company": "Acme"}, OPTIONS)
    _, vietnamese = flt.from_params({"years": "1900-1950", "company": "Acme"}, OPTIONS, "vi")
    assert english == [
        "Year range 1900–1950 is outside the data (2010–2025); showing all years.",
        "Unknown company “Acme” ignored.",
    ]
    assert vietnamese == [
        "Khoảng năm 1900–1950 nằm ngoài dữ liệu (2010–2025); đang hiển thị tất cả các năm.",
        "Đã bỏ qua công ty không có trong dữ liệu: “Acme”.",
    ]
