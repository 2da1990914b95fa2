"""Citing a view: the link reproduces it, the reference and BibTeX name the data version and the access day."""

from __future__ import annotations

import pandas as pd

from techrift import citation

CITED = citation.ViewCitation(
    title="Timeline: doors close, doors open",
    url=citation.view_url(
        "http://127.0.0.1:8501/timeline", {"years": "2018-2020", "country": "United States,Russia", "v": "2.0.0"}
    ),
    accessed="2026-11-29",
    version="2.0.0",
    data_as_of="2026-11-29",
    source_ids=("dailycal", "seed-000"),
)


def test_the_link_keeps_every_parameter_in_order() -> None:
    assert CITED.url == "http://127.0.0.1:8501/timeline?years=2018-2020&country=United%20States,Russia&v=2.0.0"
    assert citation.view_url("/map", {}) == "/map"


def test_the_reference_names_title_version_link_and_access_day() -> None:
    assert citation.reference(CITED) == (
        "TechRift (2026). Timeline: doors close, doors open [interactive data view; data version 2.0.0, data as of "
        "2026-11-29]. http://127.0.0.1:8501/timeline?years=2018-2020&country=United%20States,Russia&v=2.0.0 "
        "(accessed 2026-11-29)."
    )


def test_bibtex_escapes_what_latex_would_read_as_commands() -> None:
    entry = citation.bibtex(CITED)
    assert entry.startswith("@misc{techrift-timeline-doors-close-doors-open-2026-11-29,\n")
    assert "  howpublished = {\\url{http://127.0.0.1:8501/timeline?years=2018-2020\\&country=United\\%20States" in entry
    assert "  note = {Interactive data view; data version 2.0.0, data as of 2026-11-29; accessed 2026-11-29}" in entry
    odd = citation.bibtex(
        citation.ViewCitation("Money & 100% {of} it_#1", "/funding", "2026-11-29", "2.0.0", "2026-11-29", ())
    )
    assert "title = {Money \\& 100\\% \\{of\\} it\\_\\#1}" in odd
    assert entry.count("{") == entry.count("}")


def test_sources_behind_the_records_most_cited_first() -> None:
    shown = [
        pd.DataFrame({"source_ids": ["a;b", "b", "c;b"]}),
        pd.DataFrame({"source_ids": ["c", "d"]}),
    ]
    assert citation.sources_behind(shown) == ("b", "c", "a", "d")
    assert citation.sources_behind([pd.DataFrame({"source_ids": []})]) == ()


def test_source_lines_give_publisher_title_date_and_address(dataset) -> None:
    lines = citation.source_lines(["dailycal", "seed-000"], dataset.sources)
    assert lines[0].startswith("The Daily Californian. UC Berkeley suspends new research collaborations")
    assert lines[0].endswith("[dailycal]") and "https://www.dailycal.org/" in lines[0]
    # a seed is read from a local file: its address is its original's public one, never the file's path
    assert "https://eng.tbforum.ru/" in lines[1] and "seeds/" not in lines[1] and "(n.d.)" in lines[1]


def test_the_citation_in_vietnamese_keeps_bibtex_field_names_and_iso_dates() -> None:
    assert citation.reference(CITED, "vi") == (
        "TechRift (2026). Timeline: doors close, doors open [giao diện dữ liệu tương tác; phiên bản dữ liệu 2.0.0, "
        "dữ liệu tính đến 2026-11-29]. http://127.0.0.1:8501/timeline?years=2018-2020&country=United%20States,Russia"
        "&v=2.0.0 (truy cập ngày 2026-11-29)."
    )
    entry = citation.bibtex(CITED, "vi")
    assert (
        "  note = {Giao diện dữ liệu tương tác; phiên bản dữ liệu 2.0.0, dữ liệu tính đến 2026-11-29; "
        "truy cập ngày 2026-11-29}"
    ) in entry
    assert "  urldate = {2026-11-29}" in entry and "  howpublished = {\\url{" in entry
    vietnamese_title = citation.ViewCitation("Nguồn: Đại học", "/sources", "2026-11-29", "2.1.0", "2026-11-29", ())
    assert citation.bibtex(vietnamese_title, "vi").startswith("@misc{techrift-nguon-dai-hoc-2026-11-29,\n")


def test_source_lines_in_vietnamese_translate_our_titles_and_publishers_only(dataset) -> None:
    seed, published = citation.source_lines(["seed-000", "dailycal"], dataset.sources, "vi")
    assert seed.startswith(
        "TTXVN (Thông tấn xã Việt Nam), theo South China Morning Post. "
        "[Huawei chuyển sang các trường đại học Nga sau khi cửa ở Mỹ đóng lại] (không ghi ngày)."
    )
    assert published.startswith("The Daily Californian. UC Berkeley suspends new research collaborations")
