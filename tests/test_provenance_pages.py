"""Provenance on every page, under AppTest: the data version in links and footers, the citation of the view, the
notice when a link was made with other data, and the support of each record."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pandas as pd
import pytest
from apptest_helpers import run_page, texts

from techrift import export, sitemap
from techrift import filters as flt

PAGES = [page.script for page in sitemap.PAGES]


def _codes(at) -> list[str]:
    return [str(element.value) for element in at.get("code")]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_cites_the_view_with_its_link_version_and_access_day(path: str, dataset) -> None:
    version, as_of = dataset.release.version, dataset.release.data_as_of
    at = run_page(path, {"years": "2019-2021"})
    assert not at.exception
    reference, bibtex, _sources = _codes(at)[-3:]
    assert reference.startswith("TechRift (") and f"data version {version}, data as of {as_of}" in reference
    assert "years=2019-2021" in reference and f"v={version}" in reference  # the link holds the view and the version
    assert bibtex.startswith("@misc{techrift-") and "urldate = {" in bibtex
    assert f"TechRift · data version {version}, as of {as_of}" in texts(at)  # the footer
    assert at.query_params["v"] == version


def test_the_citation_lists_the_sources_behind_the_records_shown() -> None:
    at = run_page("pages/timeline.py", {"years": "2019-2019", "country": "United States"})
    lines = _codes(at)[-1].splitlines()
    assert any(line.startswith("The Daily Californian.") and line.endswith("[dailycal]") for line in lines)
    assert not any("[caixin]" in line for line in lines)  # Nvidia in 2025: not on this view
    assert "Sources behind the records shown" in texts(at)


def test_a_link_keeps_explicit_year_bounds(dataset) -> None:
    at = run_page("pages/timeline.py")
    options = flt.options_for(dataset)
    # not an "all years" that grows with the data
    assert at.query_params["years"] == f"{options.first_year}-{options.last_year}"


def test_a_link_made_with_other_data_says_so_and_points_to_the_changelog(dataset) -> None:
    version = dataset.release.version
    older = re.findall(r"^## (\S+) — ", dataset.changelog, re.MULTILINE)[1]
    at = run_page("pages/funding.py", {"v": older})
    notices = [re.sub(r"\\(.)", r"\1", str(warning.value)) for warning in at.warning]  # as rendered
    assert any(f"data version {older}" in notice and f"now version {version}" in notice for notice in notices), notices
    assert any("(sources#data-versions)" in notice for notice in notices)
    assert at.query_params["v"] == version
    same = run_page("pages/funding.py", {"v": version})
    assert not [warning for warning in same.warning if "data version" in str(warning.value)]


def test_a_hostile_version_in_a_link_is_shown_as_text() -> None:
    at = run_page("pages/timeline.py", {"v": "<img src=x onerror=alert(1)>"})
    notice = next(str(w.value) for w in at.warning if "data version" in str(w.value))
    assert "<img" in notice.replace("\\", "") and "\\<img" in notice  # escaped Markdown, never live HTML


def test_the_sources_page_shows_what_changed_in_each_version(dataset) -> None:
    at = run_page("pages/sources.py")
    shown = texts(at)
    assert "Data versions: what changed" in shown
    headings = re.findall(r"^## .+$", dataset.changelog, re.MULTILINE)
    assert len(headings) >= 2 and all(heading in shown for heading in headings)


def test_tables_and_details_say_how_well_each_record_is_supported() -> None:
    at = run_page("pages/timeline.py", {"event": "berkeley-suspends"})
    table = at.dataframe[0].value.set_index("event_id")
    assert table.at["berkeley-suspends", "support"] == "4 independent sources · 1 background source · place approximate"
    # the fixture quotes no sentence for NSTU's inferred programme: its sources are background
    assert table.at["nstu-program", "support"].startswith("no sentence quoted yet · 2 background sources")
    assert "identification inferred" in table.at["nstu-program", "support"]
    assert "**Support:** 4 independent sources · 1 background source · place approximate" in texts(at)
    funding = run_page("pages/funding.py", {"flow": "nvidia-h20-expected-charge"})
    assert "**Support:** 2 independent sources · 2 background sources · an estimate" in texts(funding)
    flows = funding.dataframe[0].value.set_index("flow_id")
    # rewrites of the FT report only; the lab's coordinate is its city's
    assert (
        flows.at["aws-lab-graph-revenue-claim", "support"] == "aggregators only · place approximate · a reported claim"
    )


def test_the_sidebar_keeps_only_well_supported_records_when_asked() -> None:
    at = run_page("pages/timeline.py", {"support": "well"})
    assert at.sidebar.toggle[0].value is True
    supports = at.dataframe[0].value["support"]
    assert len(supports) and not supports.str.startswith("1 independent source").any()
    everything = run_page("pages/timeline.py")
    assert len(everything.dataframe[0].value) > len(supports)
    at.sidebar.toggle[0].set_value(False).run()
    assert "support" not in at.query_params


def test_the_comparison_cells_say_their_support() -> None:
    at = run_page("pages/compare.py")
    assert "**Support:**" in texts(at)


def test_exports_name_the_data_version(dataset) -> None:
    with zipfile.ZipFile(io.BytesIO(export.dataset_zip(dataset))) as archive:
        descriptor = json.loads(archive.read("data/datapackage.json"))
    release = dataset.release
    assert (descriptor["version"], descriptor["data_as_of"]) == (release.version, release.data_as_of)
    about = pd.read_excel(io.BytesIO(export.dataset_excel(dataset)), sheet_name="about")
    assert dict(zip(about["field"], about["value"])) == {
        "dataset": "TechRift",
        "version": release.version,
        "data_as_of": release.data_as_of,
    }
    assert export.versioned("techrift-flows.csv", "2.1.0") == "techrift-flows-data-2.1.0.csv"


def test_the_dataset_zip_is_a_package_both_validators_accept(dataset, tmp_path) -> None:
    import frictionless

    from techrift.data import validate

    with zipfile.ZipFile(io.BytesIO(export.dataset_zip(dataset))) as archive:
        archive.extractall(tmp_path)
    assert validate(tmp_path / "data") == []  # our own checks: tables, references, quotes in their seeds, version
    report = frictionless.validate(str(tmp_path / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    written = (tmp_path / "data" / "flows.csv").read_text(encoding="utf-8")
    assert ",300000000," in written and "300000000.0" not in written  # numbers as data/ writes them


def test_the_workbook_has_a_frozen_header_and_readable_columns(dataset) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(export.dataset_excel(dataset)))
    events = workbook["events"]
    assert events.freeze_panes == "A2"
    widths = {events.cell(row=1, column=n).value: events.column_dimensions[chr(64 + n)].width for n in range(1, 15)}
    assert widths["event_id"] >= len("us-universities-review")
    assert widths["summary_en"] == export.MAX_COLUMN_WIDTH
