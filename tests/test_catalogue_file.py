"""The label catalogue is a gettext file (techrift/locale/vi/LC_MESSAGES/techrift.po) that the app reads and
tools/catalogue.py adds to, including labels written the old way as a Python CATALOGUE dict (a branch's i18n.py)."""

from __future__ import annotations

from pathlib import Path

from techrift import i18n
from tools import catalogue

OLD_STYLE = """
CATALOGUE: dict[str, dict[str, str]] = {
    # my branch: the new filter
    "app_name": {"en": "TechRift", "vi": "TechRift"},
    "new_label": {"en": "{count} new things", "vi": "{count} điều mới"},  # by t's plural rule
    "changed": {
        "en": "Other English",
        "vi": "Tiếng Việt khác",
    },
}
"""


def test_the_app_reads_every_label_of_the_file() -> None:
    messages = catalogue.read()
    keys = [message.context for message in messages if message.id]
    assert len(keys) == len(set(keys)) == len(i18n.CATALOGUE) > 300
    assert i18n.CATALOGUE["filters"] == {"en": "Filters", "vi": "Bộ lọc"}


def test_labels_of_a_python_dict_are_read_with_their_comments() -> None:
    labels = catalogue.python_labels(OLD_STYLE)
    assert [label.key for label in labels] == ["app_name", "new_label", "changed"]
    assert labels[0].notes == ("my branch: the new filter",)
    assert labels[1] == catalogue.Label("new_label", "{count} new things", "{count} điều mới", ("by t's plural rule",))


def test_merging_adds_new_keys_and_reports_changed_ones(tmp_path: Path) -> None:
    po = tmp_path / "techrift.po"
    catalog = catalogue.new_catalog()
    catalogue.add(catalog, catalogue.Label("app_name", "TechRift", "TechRift"))
    catalogue.add(catalog, catalogue.Label("changed", "English", "Tiếng Việt"))
    catalogue.write(catalog, po)
    merged = catalogue.read(po)
    outcomes = [catalogue.add(merged, label) for label in catalogue.python_labels(OLD_STYLE)]
    assert outcomes[:2] == ["same", "added"] and outcomes[2].startswith("differs")
    catalogue.write(merged, po)
    assert i18n.read_catalogue(po) == {
        "app_name": {"en": "TechRift", "vi": "TechRift"},
        "changed": {"en": "English", "vi": "Tiếng Việt"},  # left as it was: a person decides
        "new_label": {"en": "{count} new things", "vi": "{count} điều mới"},
    }
    assert "#. by t's plural rule" in po.read_text(encoding="utf-8")
