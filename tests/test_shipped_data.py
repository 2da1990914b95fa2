"""What must hold of the shipped data: it validates, its package files are current, the seeds' facts are in it, the
independent audit's corrections stay made, and every page renders it.

The one module that reads the shipped data (data/, or the folder $TECHRIFT_DATA_DIR names when pytest starts: the
release test runs this module against a released copy). Every other test runs on tests/fixtures. Versions, years and
counts are read from the data itself, so that a data release (a new record, a new year, a new version) passes
unchanged; what is written here by name is a fact of the seeds or a correction of the audit, which a release keeps."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys

import pandas as pd
import pytest
from apptest_helpers import ROOT, run_page, texts
from data_folders import SHIPPED_DATA

from techrift import comparison, datapackage, overview, schema, sources, support
from techrift import filters as flt
from techrift.data import Dataset, split_ids, validate
from techrift.pivot import pivot_events

pytestmark = pytest.mark.shipped_data

SEEDS = SHIPPED_DATA.parent / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
SEED_SHA256 = {
    "000_af3ea00ef0deb774.txt": "fb3b89d8dd399268b45b47896bb4bb36daaa3a4039dbe0a4b8238cad266f2f5c",
    "003_b470348c963816f1.txt": "afaee9dcc22be462ca908e601af3d7a03f7389ed7a9ce758fd92e7b7b2e69de4",
}
# Sentences of the seeds that state no fact: headings, bylines, credits, the reader question.
NOT_FACTS = {
    "Chuyển hướng sang Nga",
    "Hợp tác cùng thắng",
    "Ảnh: New York Times",
    "Theo TTXVN",
    "Nguyễn Hoàng",
    "Intern Writer",
    "Rút khỏi Trung Quốc: Vì sao và hệ quả?",
    "AWS rút lui, Nvidia tiến lên: Cuộc chơi AI tại Trung Quốc đang thay đổi ra sao?",  # the headline (the source's title)
    "Bạn nghĩ sao về quyết định của AWS?",
    "Liệu đây là một bước lùi khôn ngoan, hay là bỏ lỡ cơ hội tiếp cận những bộ não hàng đầu thế giới?",
    "(Theregister)",
}
# Western universities (and institutes) with a place on the map that cut, suspended or reviewed Huawei ties, and the
# Russian universities and institutes with a Huawei tie: the seeds' and the reporting's, which a release keeps.
WESTERN_TIE_PLACES = {
    "princeton",
    "oxford",
    "uc-berkeley",
    "stanford",
    "ut-austin",
    "mit",
    "ohio-state",
    "umn",
    "ucsd",
    "uiuc",
    "purdue",
    "penn-state",
}
RUSSIAN_PARTNER_PLACES = {"skoltech", "nstu", "mipt", "nsu", "spbpu", "kfu", "rtu-mirea"}
# Ties that are not partnerships: KFU's is a visit (the headline definitions count no visits) and NSU's a signing only
# expected (data 3.0.0's second audit). They stay on the map; the partners' headline leaves them out.
NOT_PARTNERS = {"kfu", "nsu"}


def _row(frame: pd.DataFrame, record_id: str) -> pd.Series:
    return frame.set_index(frame.columns[0]).loc[record_id]


def _years(dataset: Dataset) -> tuple[int, int]:
    options = flt.options_for(dataset)
    return options.first_year, options.last_year


# --------------------------------------------------------------------------- it validates, its package is current


def test_the_shipped_data_validates() -> None:
    assert validate(SHIPPED_DATA) == []


def test_the_checks_read_the_configured_data(shipped_dataset: Dataset) -> None:
    # The release test reads this line (pytest -s) to know that the checks ran on the copy it made.
    first, last = _years(shipped_dataset)
    print(f"\nshipped data checked: {SHIPPED_DATA} version {shipped_dataset.release.version} years {first}-{last}")
    assert shipped_dataset.release == datapackage.read_release(SHIPPED_DATA)


def test_datapackage_descriptor_and_dictionary_are_current() -> None:
    files = datapackage.generated(SHIPPED_DATA)
    assert set(files) == {SHIPPED_DATA / "datapackage.json", SHIPPED_DATA / "README.md"}
    for path, text in files.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name}: run python -m techrift datapackage"


def test_the_data_version_is_the_changelogs_newest_and_versions_only_grow(shipped_dataset: Dataset) -> None:
    descriptor = json.loads((SHIPPED_DATA / "datapackage.json").read_text(encoding="utf-8"))
    release = shipped_dataset.release
    assert (descriptor["version"], descriptor["data_as_of"]) == (release.version, release.data_as_of)
    headings = re.findall(r"^## (\d+)\.(\d+)\.(\d+) — (\d{4}-\d{2}-\d{2})$", shipped_dataset.changelog, re.MULTILINE)
    assert len(headings) >= 2
    assert ".".join(headings[0][:3]) == release.version  # the newest comes first
    versions = [tuple(int(part) for part in heading[:3]) for heading in headings]
    days = [heading[3] for heading in headings]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)
    assert days == sorted(days, reverse=True)


def test_the_shipped_package_passes_the_reference_validator() -> None:
    import frictionless

    report = frictionless.validate(str(SHIPPED_DATA / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


# --------------------------------------------------------------------------- the seeds' facts are in it


@pytest.mark.parametrize("name", sorted(SEED_SHA256))
def test_seed_files_are_the_shared_seeds_verbatim(name: str) -> None:
    copied = (SEEDS / name).read_bytes()
    assert hashlib.sha256(copied).hexdigest() == SEED_SHA256[name]
    if SHARED_SEEDS.is_dir():
        assert copied == (SHARED_SEEDS / name).read_bytes()


def _article_body(source_id: str, text: str) -> str:
    # After "Các tin khác" the first seed page lists unrelated headlines: site navigation, not the article.
    return text.split("Các tin khác")[0] if source_id == "seed-000" else text


def _sentences(text: str) -> list[str]:
    pieces = re.split(r"(?<=[.!?”\"])\s+|\n+|(?<=\.)(?=[A-ZĐ])", text)
    return [p.strip() for p in pieces if len(p.strip()) > 1]


def _uncovered(seed_texts, quotes) -> list[str]:
    uncovered = []
    for source_id, text in seed_texts.items():
        fragments = list(quotes.loc[quotes["source_id"] == source_id, "text"])
        for sentence in _sentences(_article_body(source_id, text)):
            if sentence in NOT_FACTS or sentence.rstrip(".") in NOT_FACTS:
                continue
            if not any(
                sentence in quote or (quote in sentence and len(quote) >= min(25, len(sentence))) for quote in fragments
            ):
                uncovered.append(f"{source_id}: {sentence}")
    return uncovered


def test_every_fact_sentence_of_the_seeds_is_covered_by_a_quote(shipped_dataset: Dataset) -> None:
    assert _uncovered(shipped_dataset.seed_texts, shipped_dataset.quotes) == []


def test_the_coverage_check_finds_a_fact_left_out(shipped_dataset: Dataset) -> None:
    quotes = shipped_dataset.quotes
    without_atlas = quotes[quotes["quote_id"] != "q-atlas"]
    assert [line for line in _uncovered(shipped_dataset.seed_texts, without_atlas)] == [
        "seed-000: Tại Nga, Huawei tập trung vào việc thúc đẩy hệ sinh thái trí tuệ nhân tạo, bắt đầu bằng việc ra mắt các "
        "sản phẩm nền tảng điện toán AI có tên Atlas, mà công ty cho biết có thể hỗ trợ các dự án AI quy mô lớn như thành phố thông minh."
    ]


def test_the_navigation_list_of_the_first_seed_is_left_out(shipped_dataset: Dataset) -> None:
    tail = shipped_dataset.seed_texts["seed-000"].split("Các tin khác")[1]
    assert not any(quote in tail for quote in shipped_dataset.quotes["text"])


def test_the_seed_texts_are_mostly_quoted(shipped_dataset: Dataset) -> None:
    for source_id, text in shipped_dataset.seed_texts.items():
        quotes = shipped_dataset.quotes[shipped_dataset.quotes["source_id"] == source_id]
        segments = sources.seed_segments(text, quotes)
        assert "".join(s.text for s in segments) == text
        assert sources.quoted_share(segments) > 0.5


def test_the_seeds_key_figures_are_in_the_data(shipped_dataset: Dataset) -> None:
    flows = shipped_dataset.flows.set_index("flow_id")
    assert tuple(flows.loc["huawei-university-research-budget", ["amount", "amount_kind"]]) == (300e6, "per_year")
    assert tuple(flows.loc["huawei-irp-project-cap", ["amount", "amount_kind"]]) == (70_000, "cap_per_project")
    metrics = shipped_dataset.metrics.set_index("metric_id")["value"]
    assert (metrics["skoltech-contracts-2013"], metrics["skoltech-contract-count-2019"]) == (1, 10)
    assert (
        metrics["huawei-target-ai-developers"],
        metrics["huawei-target-isvs"],
        metrics["huawei-target-universities"],
    ) == (100_000, 100, 20)


def test_every_record_drawn_from_a_seed_carries_its_verbatim_fragment(shipped_dataset: Dataset) -> None:
    dataset = shipped_dataset
    seeds = set(dataset.sources.loc[dataset.sources["kind"] == "seed", "source_id"])
    quoted = set(zip(dataset.quotes["record_table"], dataset.quotes["record_id"], dataset.quotes["source_id"]))
    for table in ("events", "flows", "metrics", "stances"):
        frame = getattr(dataset, table)
        for record_id, source_ids in zip(frame[schema.ID_COLUMNS[table]], frame["source_ids"]):
            assert split_ids(source_ids), f"{table}/{record_id} has no source"
            for seed in set(split_ids(source_ids)) & seeds:
                assert (table, record_id, seed) in quoted, f"{table}/{record_id} cites {seed} without a fragment"
    for source_id, text in zip(dataset.quotes["source_id"], dataset.quotes["text"]):
        assert text in dataset.seed_texts[source_id]


def test_the_headline_figures_count_the_seeds_and_the_reportings_institutions(shipped_dataset: Dataset) -> None:
    # A release may add institutions; it keeps these.
    # reviews are counted apart from cuts and suspensions since the headline definitions (UT Austin only reviewed)
    cut_or_reviewed = pd.concat([overview.western_tie_cuts(shipped_dataset), overview.western_reviews(shipped_dataset)])
    assert WESTERN_TIE_PLACES <= set(cut_or_reviewed["place_id"])
    partners = overview.russian_partners(shipped_dataset)
    assert RUSSIAN_PARTNER_PLACES - NOT_PARTNERS <= set(partners["place_id"])
    assert not NOT_PARTNERS & set(partners["place_id"])
    # NSTU's 2019 tie is an inference; its 2021 visit is named (The Washington Post), so NSTU counts as named
    # (the visit is not a partnership, so it is read from the events, not from the partners)
    identification = shipped_dataset.events.set_index("event_id")["identification"]
    assert (identification.get("nstu-program"), identification.get("nstu-consortium-visit")) == ("inferred", "named")
    assert "nstu-program" in set(partners["event_id"])
    figures = {figure.label: figure for figure in overview.headline_figures(shipped_dataset)}
    # the headline counts named partners by counterpart (a release may add one with no place on the map)
    named = partners[partners["identification"].eq("named")]
    assert figures["Huawei's Russian academic partners"].value == str(named["counterpart"].nunique())


def test_the_pivot_has_the_us_policy_context_and_both_sides(shipped_dataset: Dataset) -> None:
    pivot = pivot_events(shipped_dataset.events, shipped_dataset.places)
    context = pivot[pivot["side"] == "context"].set_index("event_id")
    assert {
        "ctx-ndaa-889-signed",
        "ctx-ndaa-889-contractor-ban",
        "ctx-meng-wanzhou-arrest",
        "doj-indictments",
        "ctx-entity-list-huawei",
        "ctx-fdpr-huawei-2020-05",
    } <= set(context.index)
    assert context["source_ids"].str.len().gt(0).all()
    assert context.at["ctx-ndaa-889-signed", "start"] == pd.Timestamp("2018-08-13")
    west = set(pivot.loc[pivot["side"] == "west", "lane"])
    russia = set(pivot.loc[pivot["side"] == "russia", "lane"])
    assert {
        "Princeton University",
        "Stanford University",
        "University of California, Berkeley",
        "Massachusetts Institute of Technology",
        "University of Oxford",
    } <= west
    assert {"Skoltech", "MIPT", "MTS", "Novosibirsk State Technical University"} <= russia


def test_the_stances_align_aws_and_nvidia(shipped_dataset: Dataset) -> None:
    rows = comparison.comparison(shipped_dataset.stances, "AWS", "Nvidia").set_index("dimension")
    assert list(rows.index) == list(schema.STANCE_DIMENSIONS)
    assert (rows.at["talent", "a_stance_id"], rows.at["talent", "b_stance_id"]) == ("aws-talent", "nvidia-talent")
    assert rows[["a_stance_id", "b_stance_id"]].notna().any(axis=1).all()


def test_records_are_counted_from_their_sources(shipped_dataset: Dataset) -> None:
    dataset = shipped_dataset
    events = dataset.events.set_index("event_id")
    found = support.support_of(events, dataset.sources, dataset.places)
    # seed-000 translates the SCMP article that scmp-tbforum reposts: one outlet, not two
    assert found.at["us-universities-review", "independent_sources"] == 1
    assert found.at["berkeley-suspends", "independent_sources"] >= 3
    assert found.at["atlas-launch-russia", "seed_only"]


# --------------------------------------------------------------------------- the audit's corrections stay made


def test_no_headcount_is_given_for_the_aws_lab(shipped_dataset: Dataset) -> None:
    assert not shipped_dataset.metrics["subject"].eq("AWS Shanghai AI Lab").any()
    closed = _row(shipped_dataset.events, "aws-shanghai-lab-closed")
    assert "dozen" not in closed["summary_en"] and "was not reported" in closed["summary_en"]
    assert (closed["date"], closed["date_precision"]) == ("2025-07", "month")  # 2025-07-23 is the first reports' day
    assert "first reported on 2025-07-23" in closed["summary_en"]


def test_an_estimate_is_marked_as_one_and_every_other_charge_is_booked(shipped_dataset: Dataset) -> None:
    charges = shipped_dataset.flows[shipped_dataset.flows["amount_kind"].eq("charge")]
    estimates = charges[charges["status"].isin(schema.ESTIMATE_STATUSES)]
    assert "nvidia-h20-expected-charge" in set(estimates["flow_id"])
    assert estimates["description_en"].str.contains("an estimate").all()
    assert set(charges["status"]) <= {"charged", *schema.ESTIMATE_STATUSES}


def test_decisions_are_dated_by_the_decision_not_the_report(shipped_dataset: Dataset) -> None:
    events = shipped_dataset.events.set_index("event_id")
    assert tuple(events.loc["stanford-moratorium", ["date", "date_precision"]]) == ("2018-12", "month")
    assert "2019-02-01" in events.at["stanford-moratorium", "summary_en"]  # the notice to faculty
    assert tuple(events.loc["oxford-stops-funding", ["date", "date_precision"]]) == ("2019-01-08", "day")
    assert tuple(events.loc["spbpu-research-ties", ["date", "date_precision"]]) == ("2019", "year")
    assert tuple(events.loc["msft-china-rnd-relocation-offer", ["date", "category"]]) == ("2024", "scale_back")
    # IBM did not scale back: it closed its China R&D (confirmed to Reuters on 2024-08-26)
    assert tuple(events.loc["ibm-china-rnd-closed", ["date", "category"]]) == ("2024-08", "lab_closed")
    assert tuple(events.loc["aws-shanghai-lab-opened", ["date", "title_en"]]) == (
        "2018-09-17",
        "AWS announces its Shanghai AI lab under Zhang Zheng",
    )


def test_the_seeds_periods_run_back_from_the_scmp_originals_date(shipped_dataset: Dataset) -> None:
    assert _row(shipped_dataset.sources, "scmp-tbforum")["published"] == "2019-12"
    for event_id in ("us-universities-review", "russia-eight-partners"):
        summary = _row(shipped_dataset.events, event_id)["summary_en"]
        assert "before early December 2019" in summary and "mid-2019" not in summary


def test_an_inferred_identification_is_marked_and_explained(shipped_dataset: Dataset) -> None:
    events = shipped_dataset.events
    inferred = events[events["identification"].eq("inferred")]
    assert "nstu-program" in set(inferred["event_id"])
    assert inferred["summary_en"].str.contains("our inference").all()
    assert inferred["summary_vi"].str.contains("suy luận").all()
    nstu = _row(events, "nstu-program")
    assert "ready to fund research" in nstu["summary_en"] and "pledged" not in nstu["summary_en"]


def test_money_is_what_the_source_says_it_is(shipped_dataset: Dataset) -> None:
    flows = shipped_dataset.flows.set_index("flow_id")
    assert flows.at["skoltech-contracts-2019", "status"] == "contracted"  # a contract value, not a payment seen
    claim = flows.loc["aws-lab-graph-revenue-claim"]
    assert (claim["payer"], claim["recipient"]) == ("Amazon e-commerce customers", "Amazon (e-commerce revenue)")
    metrics = shipped_dataset.metrics.set_index("metric_id")
    assert metrics.at["china-market-population", "value_qualifier"] == "more_than"
    share = metrics.loc["nvidia-china-revenue-share-fy2025"]
    assert "fiscal 2025 (February 2024 – January 2025)" in share["description_en"]
    nvidia = shipped_dataset.flows.set_index("flow_id")
    for flow_id in ("nvidia-h20-inventory-charge", "nvidia-h20-unshipped"):
        assert "Q1 of fiscal 2026 (February–April 2025)" in nvidia.at[flow_id, "description_en"]


def test_quotes_keep_the_seeds_slips_and_say_so(shipped_dataset: Dataset) -> None:
    quotes = shipped_dataset.quotes.set_index("quote_id")
    assert quotes.at["q-berkeley-named", "text"] == "Đại học bang California, Berkeley"  # verbatim, slip and all
    assert "California State University, Berkeley" in quotes.at["q-berkeley-named", "text_en"]
    assert "[sic" in quotes.at["q-doors-closing", "text_en"]
    assert "similar technology problems" in quotes.at["q-gabuev-talent", "text_en"]  # "tương tự": similar
    gabuev = _row(shipped_dataset.events, "gabuev-assessment")["summary_en"]
    assert "may not be able to compete" in gabuev and "cannot rival" not in gabuev


def test_the_seed_without_a_title_carries_an_editorial_one(shipped_dataset: Dataset) -> None:
    seed = _row(shipped_dataset.sources, "seed-000")
    assert seed["title"].startswith("[") and seed["title"].endswith("]")
    assert "sub-heading" in seed["note"]


def test_aggregators_are_never_a_records_only_source_where_better_was_found(shipped_dataset: Dataset) -> None:
    kinds = shipped_dataset.sources.set_index("source_id")["kind"]
    assert {"ustatepulse", "sunshine", "particle", "lavx"}.isdisjoint(kinds.index)  # replaced by first-hand reporting
    for event_id in ("h20-licences-assured", "huang-beijing-expo", "cac-summons-nvidia"):
        cited = split_ids(_row(shipped_dataset.events, event_id)["source_ids"])
        assert all(kinds[source_id] != "aggregator" for source_id in cited)


def test_every_place_and_source_is_used(shipped_dataset: Dataset) -> None:
    dataset = shipped_dataset
    referenced = set(dataset.events["place_id"].dropna()) | set(dataset.flows["recipient_place_id"].dropna())
    company_sites = set(dataset.places.loc[dataset.places["kind"].isin(schema.COMPANY_SITE_KINDS), "place_id"])
    assert set(dataset.places["place_id"]) - referenced - company_sites == set()  # e.g. no unused "mts"
    cited = {
        source_id
        for frame in (dataset.events, dataset.flows, dataset.metrics, dataset.stances)
        for ids in frame["source_ids"]
        for source_id in split_ids(ids)
    }
    cited |= set(dataset.quotes["source_id"])
    cited |= {source_id for ids in dataset.places["coord_source_ids"] for source_id in split_ids(ids)}
    assert set(dataset.sources["source_id"]) - cited == set()


def test_unknown_dates_stay_unknown(shipped_dataset: Dataset) -> None:
    undated = shipped_dataset.events[shipped_dataset.events["date"].isna()]
    assert "amazon-appstore-exit" in set(undated["event_id"])
    assert (undated["date_label"] == "date unknown").all()


# --------------------------------------------------------------------------- every page renders it

PAGES = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "pages").glob("*.py")) + ["dashboard.py"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_the_shipped_data(path: str, shipped_dataset: Dataset) -> None:
    first, last = _years(shipped_dataset)
    release = shipped_dataset.release
    at = run_page(path)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "each page has a title"
    assert at.sidebar.slider[0].value == (first, last)  # the whole span of the data, read from it
    assert f"data version {release.version}, as of {release.data_as_of}" in texts(at)  # the footer
    assert at.query_params["v"] == release.version and at.query_params["years"] == f"{first}-{last}"


@pytest.mark.slow
def test_the_command_line_check_passes_and_names_the_version(shipped_dataset: Dataset) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "techrift", "validate", str(SHIPPED_DATA)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.splitlines()[0]
    assert summary.startswith("data OK") and f"version {shipped_dataset.release.version}" in summary
    assert f"{len(shipped_dataset.events)} events" in summary


def test_search_finds_everything_on_skoltech_and_every_h20_record(shipped_dataset: Dataset) -> None:
    """Issue 33's done-when, read from the data: "Skoltech" finds its lab, its contracts, its place, its figures and
    the seed fragments that name it; "H20" finds every record that names the H20 as a word, and no other."""
    from techrift import search

    options = flt.options_for(shipped_dataset)
    index = search.index_for(shipped_dataset)

    def found(query: str) -> dict[str, set[str]]:
        results = search.search(shipped_dataset, query, flt.default_filters(options), options)
        return {t: {index.documents[p].record.record_id for p in ps} for t, ps in results.groups}

    skoltech = found("Skoltech")
    places = shipped_dataset.places
    place_id = places.loc[places["name_en"].str.contains(r"\bSkoltech\b"), "place_id"].item()
    assert place_id in skoltech["places"]
    assert (
        set(shipped_dataset.events.loc[shipped_dataset.events["place_id"] == place_id, "event_id"])
        <= skoltech["events"]
    )
    flows = shipped_dataset.flows
    assert set(flows.loc[flows["recipient_place_id"] == place_id, "flow_id"]) <= skoltech["flows"]
    metrics = shipped_dataset.metrics
    assert set(metrics.loc[metrics["subject"].str.contains("Skoltech"), "metric_id"]) <= skoltech["metrics"]
    quotes = shipped_dataset.quotes
    naming = quotes[quotes["text"].str.contains(r"\bSkoltech\b") | quotes["text_en"].str.contains(r"\bSkoltech\b")]
    assert not naming.empty
    words = search.query_words("Skoltech")
    by_id = {(d.record.table, d.record.record_id): d for d in index.documents}
    for quote in naming.to_dict("records"):
        assert quote["record_id"] in skoltech[quote["record_table"]], quote["quote_id"]
        shown = search.snippets(by_id[(quote["record_table"], quote["record_id"])], words, "en")
        assert quote["quote_id"] in {s.quote_id for s in shown}, quote["quote_id"]

    h20 = found("H20")
    as_word = re.compile(r"\bH20\b", re.IGNORECASE)
    naming_h20 = {
        (d.record.table, d.record.record_id) for d in index.documents if any(as_word.search(f.text) for f in d.fields)
    }
    own_words = {
        (r.table, r.record_id)
        for r in (d.record for d in index.documents)
        if any(as_word.search(text) for text in (*r.title.values(), *r.text.values()))
    }
    assert own_words and own_words <= naming_h20
    assert {(table, record_id) for table, ids in h20.items() for record_id in ids} == naming_h20
