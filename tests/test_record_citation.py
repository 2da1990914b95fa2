"""Citing one record: a reference and BibTeX that name it, its own sources as references (a seed as its original
article), every BibTeX entry read by a reference parser, and never a local path."""

from __future__ import annotations

import re

import bibtexparser
import pytest

from techrift import citation, record_page
from techrift.records import find_record, records

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # bibtexparser 1.4's calls of pyparsing

# A LaTeX special character with no backslash before it: it ends a line (%), a macro parameter (#) or a cell (&).
BARE_SPECIAL = re.compile(r"(?<!\\)[%&#]")


def _parsed(text: str) -> list[dict[str, str]]:
    entries = bibtexparser.loads(text).entries
    assert entries, text
    return entries


def _record_citation(dataset, record_id: str, lang: str = "en") -> citation.ViewCitation:
    record = find_record(dataset, record_id)
    assert record is not None
    return citation.record_citation(
        citation.record_title(record.table, record.title[lang], record.row, lang),
        record.record_id,
        citation.record_url("http://127.0.0.1:8501/timeline?event=x&years=2018-2020", record.record_id, "0.2.0"),
        "2026-12-07",
        "0.2.0",
        "2026-10-02",
        record.source_ids,
    )


def test_dates_are_written_out_at_their_own_precision() -> None:
    assert citation.long_date("2018-12") == "December 2018"
    assert citation.long_date("2019-02-06") == "6 February 2019"
    assert citation.long_date("2019") == "2019"
    assert citation.long_date("2018-12", "vi") == "tháng 12/2018"
    assert citation.long_date(None) == ""


def test_a_record_is_cited_by_its_name_and_date_with_its_own_link(dataset) -> None:
    cited = _record_citation(dataset, "berkeley-suspends")
    assert cited.title == "UC Berkeley suspends new Huawei collaborations, 30 January 2019"
    # the record's page beside the page it was cited from, with the data version
    assert cited.url == "http://127.0.0.1:8501/record?id=berkeley-suspends&v=0.2.0"
    assert citation.reference(cited) == (
        "TechRift (2026). UC Berkeley suspends new Huawei collaborations, 30 January 2019 [data record "
        "berkeley-suspends; data version 0.2.0, data as of 2026-10-02]. "
        "http://127.0.0.1:8501/record?id=berkeley-suspends&v=0.2.0 (accessed 2026-12-07)."
    )
    (entry,) = _parsed(citation.bibtex(cited))
    assert entry["title"] == "UC Berkeley suspends new Huawei collaborations, 30 January 2019"
    assert entry["howpublished"] == "\\url{http://127.0.0.1:8501/record?id=berkeley-suspends\\&v=0.2.0}"
    assert entry["note"].startswith("Data record berkeley-suspends; data version 0.2.0")


def test_a_flow_a_stance_and_a_place_are_named_with_their_years_or_day(dataset) -> None:
    assert _record_citation(dataset, "skoltech-contracts-2019").title.endswith(", 2019")
    assert _record_citation(dataset, "aws-talent").title == "AWS: Pulling back, July 2025"
    assert _record_citation(dataset, "skoltech").title == "Skolkovo Institute of Science and Technology (Skoltech)"
    assert _record_citation(dataset, "aws-talent", "vi").title.endswith(", tháng 7/2025")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_bibtex_entry_parses_and_escapes_what_latex_reads(dataset, lang: str) -> None:
    made = [citation.bibtex(_record_citation(dataset, record.record_id, lang), lang) for record in records(dataset)]
    made += [citation.source_bibtex(source_id, dataset.sources, lang) for source_id in dataset.sources["source_id"]]
    parsed = _parsed("\n\n".join(made))
    assert len(parsed) == len(made)  # none lost to a brace or a quote the parser could not close
    for entry in parsed:
        assert entry["ENTRYTYPE"] == "misc" and re.fullmatch(r"[a-z0-9-]+", entry["ID"])
        for name, value in entry.items():
            assert not BARE_SPECIAL.search(value), (entry["ID"], name, value)
        assert entry["title"] and entry["author"]


def test_the_bare_special_check_can_fail() -> None:
    assert BARE_SPECIAL.search("R&D") and not BARE_SPECIAL.search("R\\&D")
    odd = citation.ViewCitation("R&D: 100% #1", "/x?a=1&b=%20#top", "2026-12-07", "1.0.0", "2026-12-07", ())
    (entry,) = _parsed(citation.bibtex(odd))
    assert entry["title"] == "R\\&D: 100\\% \\#1" and entry["howpublished"] == "\\url{/x?a=1\\&b=\\%20\\#top}"


def test_the_seeds_are_cited_as_their_original_articles(dataset) -> None:
    scmp = citation.source_reference("seed-000", dataset.sources)
    assert scmp.startswith(
        "South China Morning Post (repost on tbforum.ru) (2019, December). Shunned in the US, Huawei looks to Russia "
        "to invent an AI future. https://eng.tbforum.ru/blog/shunned-in-the-us-huawei-looks-to-russia-to-invent-an-ai-"
        "future Version read: the Vietnamese translation, TTXVN (Vietnam News Agency), after the South China Morning Post"
    )
    register = citation.source_reference("seed-003", dataset.sources)
    assert register.startswith("The Register (text via news.najib.digital) (2025, July). AWS closes China AI research")
    assert "https://news.najib.digital/" in register and "Version read: the Vietnamese translation" in register
    (entry,) = _parsed(citation.source_bibtex("seed-000", dataset.sources))
    assert (entry["ID"], entry["year"], entry["month"]) == ("scmp-tbforum", "2019", "12")
    assert entry["note"].startswith("Version read: the Vietnamese translation")
    vietnamese = citation.source_reference("seed-000", dataset.sources, "vi")
    assert "(tháng 12/2019)" in vietnamese and "Bản đã đọc: bản dịch tiếng Việt" in vietnamese


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_citation_names_a_local_path(dataset, lang: str) -> None:
    every_source = list(dataset.sources["source_id"])
    texts = [citation.source_reference(source_id, dataset.sources, lang) for source_id in every_source]
    texts += [citation.source_bibtex(source_id, dataset.sources, lang) for source_id in every_source]
    texts += citation.source_lines(every_source, dataset.sources, lang)
    for record in records(dataset):
        cited = _record_citation(dataset, record.record_id, lang)
        texts += [citation.reference(cited, lang), citation.bibtex(cited, lang)]
    assert len(texts) > 3 * len(every_source)
    for text in texts:
        assert "seeds/" not in text and ".txt" not in text, text


def test_a_view_with_a_record_selected_lists_its_sources_first(dataset) -> None:
    selected = record_page.selected_record(dataset, {"event": "berkeley-suspends", "years": "2019-2019"})
    assert selected is not None and selected.record_id == "berkeley-suspends"
    assert record_page.sources_first(selected, ("seed-000", "wapo-2021", "dailycal")) == (
        *selected.source_ids,
        "wapo-2021",
    )
    assert record_page.selected_record(dataset, {"flow": "berkeley-suspends"}) is None  # not a flow
    assert record_page.selected_record(dataset, {"id": "skoltech"}).table == "places"  # type: ignore[union-attr]
    assert record_page.sources_first(None, ("a", "b")) == ("a", "b")
