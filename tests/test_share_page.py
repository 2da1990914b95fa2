"""The share bar above every page (AppTest, fixture data): the active filters as chips that a click removes, the years
typed, and the "Copy link" element holding the citation's link."""

from __future__ import annotations

import json
from typing import Any

import pytest
from apptest_helpers import run_page
from streamlit.testing.v1 import AppTest

from techrift import filters as flt
from techrift import share
from techrift.i18n import t
from techrift.ui import copy_link

FILTERED = {"years": "2019-2020", "company": "Huawei", "country": "Russia", "support": "well"}


def _chip_labels(at: AppTest) -> list[str]:
    # The labels as shown: escaped as markdown (a label from the data is shown as written).
    return [button.label.replace("\\", "") for button in at.button if button.key and button.key.startswith("chip_")]


def _copy_links(at: AppTest) -> list[dict[str, Any]]:
    return [
        json.loads(element.proto.json)
        for element in at.get("bidi_component")
        if element.proto.component_name == copy_link.NAME
    ]


@pytest.fixture(scope="module")
def filtered() -> AppTest:
    return run_page("dashboard.py", FILTERED)


def test_the_active_filters_are_chips_above_the_page(filtered: AppTest, dataset) -> None:
    assert not filtered.exception
    options = flt.options_for(dataset)
    expected = share.chips(flt.from_params(FILTERED, options)[0], options, "en", dataset.labels_in("en"))
    assert (
        _chip_labels(filtered)
        == [chip.label for chip in expected]
        == [
            "2019–2020",
            "Huawei",
            "Russia",
            t("well_supported_only", "en"),
        ]
    )
    assert [button.label for button in filtered.button if button.key == "chips_clear_all"] == [
        t("chips_clear_all", "en")
    ]


def test_no_filter_no_chip() -> None:
    at = run_page("dashboard.py")
    assert not at.exception and _chip_labels(at) == []
    assert not [button for button in at.button if button.key == "chips_clear_all"]


def test_chips_in_vietnamese(dataset) -> None:
    at = run_page("dashboard.py", {**FILTERED, "lang": "vi"})
    assert _chip_labels(at) == [
        "2019–2020",
        "Huawei",
        dataset.labels_in("vi")["Russia"],
        t("well_supported_only", "vi"),
    ]
    assert [link["labels"]["copy"] for link in _copy_links(at)] == [t("copy_link", "vi")]


def test_removing_a_chip_clears_its_filter_in_the_sidebar_and_the_url(dataset) -> None:
    options = flt.options_for(dataset)
    at = run_page("dashboard.py", FILTERED)
    at.button(key="chip_company:Huawei").click().run()
    assert "company" not in at.query_params
    assert at.query_params["country"] == "Russia" and at.query_params["years"] == "2019-2020"
    assert at.sidebar.multiselect(key="global_companies").value == []
    assert _chip_labels(at) == ["2019–2020", "Russia", t("well_supported_only", "en")]
    at.button(key="chip_years:2019–2020").click().run()
    assert at.sidebar.slider(key="global_years").value == (options.first_year, options.last_year)
    assert at.query_params["years"] == f"{options.first_year}-{options.last_year}"
    assert _chip_labels(at) == ["Russia", t("well_supported_only", "en")]


def test_clear_all_removes_every_filter(dataset) -> None:
    at = run_page("dashboard.py", FILTERED)
    at.button(key="chips_clear_all").click().run()
    options = flt.options_for(dataset)
    assert flt.from_params(dict(at.query_params), options)[0] == flt.default_filters(options)
    assert _chip_labels(at) == []


def test_the_copy_link_holds_the_citations_link() -> None:
    at = run_page("dashboard.py", {**FILTERED, "lang": "vi"})
    [link] = _copy_links(at)
    # The same link "Cite this view" prints (its reference ends with the link, then the access day).
    references = [code.value for code in at.code if link["link"] and link["link"] in code.value]
    assert references, link["link"]
    query = link["link"].split("?", 1)[1]
    for key, value in FILTERED.items():
        assert f"{key}={value}" in query
    assert "lang=vi" in query and "v=" in query
    assert link["labels"] == {
        "copy": t("copy_link", "vi"),
        "copied": t("copy_link_copied", "vi"),
        "manual": t("copy_link_manual", "vi"),
        "help": t("copy_link_help", "vi"),
    }


def test_typed_years_set_the_slider_and_the_url() -> None:
    at = run_page("dashboard.py", {"years": "2019-2020"})
    field = at.sidebar.text_input(key="typed_years")
    assert field.value == "2019–2020" and field.label == t("typed_years", "en")
    field.set_value("2018 - 2019").run()
    assert at.query_params["years"] == "2018-2019"
    assert at.sidebar.slider(key="global_years").value == (2018, 2019)
    assert at.sidebar.text_input(key="typed_years").value == "2018–2019"
    assert "2018–2019" in _chip_labels(at)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_bad_typed_years_say_why_and_change_nothing(lang: str, dataset) -> None:
    at = run_page("dashboard.py", {"years": "2019-2020", "lang": lang})
    at.sidebar.text_input(key="typed_years").set_value("soon").run()
    assert at.query_params["years"] == "2019-2020"
    assert at.sidebar.slider(key="global_years").value == (2019, 2020)
    assert at.sidebar.text_input(key="typed_years").value == "soon"  # kept, to be corrected
    options = flt.options_for(dataset)
    expected = share.typed_years("soon", options, lang).error
    assert expected and [error.value.replace("\\", "") for error in at.sidebar.error] == [expected]
    # Corrected, the message goes.
    at.sidebar.text_input(key="typed_years").set_value("2020").run()
    assert at.query_params["years"] == "2020-2020" and not at.sidebar.error
