"""The independent audit's corrections, held by the data: each test fails if a corrected figure comes back."""

from __future__ import annotations

import pandas as pd

from techrift import schema
from techrift.data import split_ids


def _row(frame: pd.DataFrame, record_id: str) -> pd.Series:
    return frame.set_index(frame.columns[0]).loc[record_id]


def test_no_headcount_is_given_for_the_aws_lab(dataset) -> None:
    assert not dataset.metrics["subject"].eq("AWS Shanghai AI Lab").any()
    closed = _row(dataset.events, "aws-shanghai-lab-closed")
    assert "dozen" not in closed["summary_en"] and "was not reported" in closed["summary_en"]
    assert (closed["date"], closed["date_precision"]) == ("2025-07", "month")  # 2025-07-23 is the first reports' day
    assert "first reported on 2025-07-23" in closed["summary_en"]


def test_an_estimate_is_marked_as_one_and_every_other_charge_is_booked(dataset) -> None:
    charges = dataset.flows[dataset.flows["amount_kind"].eq("charge")]
    estimates = charges[charges["status"].isin(schema.ESTIMATE_STATUSES)]
    assert list(estimates["flow_id"]) == ["nvidia-h20-expected-charge"]
    assert estimates["description_en"].str.contains("an estimate").all()
    assert set(charges["status"]) <= {"charged", *schema.ESTIMATE_STATUSES}


def test_decisions_are_dated_by_the_decision_not_the_report(dataset) -> None:
    events = dataset.events.set_index("event_id")
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


def test_the_seeds_periods_run_back_from_the_scmp_originals_date(dataset) -> None:
    assert _row(dataset.sources, "scmp-tbforum")["published"] == "2019-12"
    for event_id in ("us-universities-review", "russia-eight-partners"):
        summary = _row(dataset.events, event_id)["summary_en"]
        assert "before early December 2019" in summary and "mid-2019" not in summary


def test_an_inferred_identification_is_marked_and_explained(dataset) -> None:
    inferred = dataset.events[dataset.events["identification"].eq("inferred")]
    assert list(inferred["event_id"]) == ["nstu-program"]
    assert inferred["summary_en"].str.contains("our inference").all()
    assert inferred["summary_vi"].str.contains("suy luận").all()
    nstu = inferred.iloc[0]
    assert "ready to fund research" in nstu["summary_en"] and "pledged" not in nstu["summary_en"]


def test_money_is_what_the_source_says_it_is(dataset) -> None:
    flows = dataset.flows.set_index("flow_id")
    assert flows.at["skoltech-contracts-2019", "status"] == "contracted"  # a contract value, not a payment seen
    claim = flows.loc["aws-lab-graph-revenue-claim"]
    assert (claim["payer"], claim["recipient"]) == ("Amazon e-commerce customers", "Amazon (e-commerce revenue)")
    metrics = dataset.metrics.set_index("metric_id")
    assert metrics.at["china-market-population", "value_qualifier"] == "more_than"
    share = metrics.loc["nvidia-china-revenue-share-fy2025"]
    assert "fiscal 2025 (February 2024 – January 2025)" in share["description_en"]


def test_quotes_keep_the_seeds_slips_and_say_so(dataset) -> None:
    quotes = dataset.quotes.set_index("quote_id")
    assert quotes.at["q-berkeley-named", "text"] == "Đại học bang California, Berkeley"  # verbatim, slip and all
    assert "California State University, Berkeley" in quotes.at["q-berkeley-named", "text_en"]
    assert "[sic" in quotes.at["q-doors-closing", "text_en"]
    assert "similar technology problems" in quotes.at["q-gabuev-talent", "text_en"]  # "tương tự": similar
    gabuev = _row(dataset.events, "gabuev-assessment")["summary_en"]
    assert "may not be able to compete" in gabuev and "cannot rival" not in gabuev


def test_the_seed_without_a_title_carries_an_editorial_one(dataset) -> None:
    seed = _row(dataset.sources, "seed-000")
    assert seed["title"].startswith("[") and seed["title"].endswith("]")
    assert "sub-heading" in seed["note"]


def test_aggregators_are_marked_and_never_a_records_only_source_where_better_was_found(dataset) -> None:
    kinds = dataset.sources.set_index("source_id")["kind"]
    assert {"ustatepulse", "sunshine", "particle", "lavx"}.isdisjoint(kinds.index)  # replaced by first-hand reporting
    for event_id in ("h20-licences-assured", "huang-beijing-expo", "cac-summons-nvidia"):
        cited = split_ids(_row(dataset.events, event_id)["source_ids"])
        assert all(kinds[source_id] != "aggregator" for source_id in cited)


def test_every_place_and_source_is_used(dataset) -> None:
    referenced = set(dataset.events["place_id"].dropna()) | set(dataset.flows["recipient_place_id"].dropna())
    company_sites = set(dataset.places.loc[dataset.places["kind"].isin(["company_site", "company_hq"]), "place_id"])
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
