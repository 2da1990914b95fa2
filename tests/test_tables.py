"""Tables on a page: number columns wide enough for their largest value, digits ungrouped in either language."""

from __future__ import annotations

import json

import pytest
from apptest_helpers import run_page


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_flows_tables_amounts_get_a_column_wide_enough_and_plain_digits(lang: str) -> None:
    at = run_page("pages/funding.py", {"lang": lang})
    flows_table = next(table for table in at.dataframe if "amount" in table.value.columns)
    # The 90 bn CNY that a narrow column cut to '0000000', grouped the language's way.
    assert ("90,000,000,000" if lang == "en" else "90.000.000.000") in set(flows_table.value["amount"])
    config = json.loads(flows_table.proto.columns)
    assert config["amount"]["width"] == "medium"
    assert config["amount"]["label"] != "amount" or lang == "en"
    assert "width" not in config["payer"]  # text columns keep their own sizing
