"""The label catalogue's file: techrift/locale/vi/LC_MESSAGES/techrift.po (gettext, read with Babel).

Each label is one message: its key in `msgctxt`, its English in `msgid`, its Vietnamese in `msgstr`, a translator's
note as a `#.` comment. Translators' tools (Poedit, Weblate, Lokalize) open the file as it is.

    python tools/catalogue.py add KEY "English" "Tiếng Việt"      # one label
    python tools/catalogue.py merge-python FILE.py                  # labels of a Python CATALOGUE = {...} dict

`merge-python` ports labels written the old way (a branch's techrift/i18n.py, or a file holding only a
`CATALOGUE = {"key": {"en": ..., "vi": ...}, ...}` block): keys not yet in the file are added, with the comment lines
above them; a key already there with other text is reported, not changed. For a branch:
`git show BRANCH:techrift/i18n.py > /tmp/i18n.py && python tools/catalogue.py merge-python /tmp/i18n.py`.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO_FILE = ROOT / "techrift" / "locale" / "vi" / "LC_MESSAGES" / "techrift.po"


@dataclass(frozen=True)
class Label:
    key: str
    en: str
    vi: str
    notes: tuple[str, ...] = ()


def python_labels(source: str) -> list[Label]:
    """The labels of the `CATALOGUE = {...}` dict in a Python source, with the comment lines just above each key."""
    lines = source.splitlines()
    tree = ast.parse(source)
    catalogue = next(
        node.value
        for node in ast.walk(tree)
        if (isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "CATALOGUE" for target in node.targets))
        or (isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "CATALOGUE")
    )
    assert isinstance(catalogue, ast.Dict)
    labels = []
    for key_node, value_node in zip(catalogue.keys, catalogue.values):
        assert isinstance(key_node, ast.Constant) and isinstance(value_node, ast.Dict)
        texts = {ast.literal_eval(k): ast.literal_eval(v) for k, v in zip(value_node.keys, value_node.values)}  # type: ignore[arg-type]
        notes: list[str] = []
        row = key_node.lineno - 2
        while row >= 0 and lines[row].strip().startswith("#"):
            notes.insert(0, lines[row].strip().lstrip("#").strip())
            row -= 1
        inline = lines[value_node.end_lineno - 1].split("},", 1)[-1].strip() if value_node.end_lineno else ""
        if inline.startswith("#"):
            notes.append(inline.lstrip("#").strip())
        labels.append(Label(key_node.value, texts.get("en", ""), texts.get("vi", ""), tuple(notes)))
    return labels


def read(path: Path = PO_FILE) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale="vi")


def write(catalog: Catalog, path: Path = PO_FILE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog, width=120, omit_header=False, sort_output=False)


HEADER = """\
# TechRift's interface labels in Vietnamese: msgctxt is the key the code asks for (techrift.i18n.t), msgid the
# English, msgstr the Vietnamese. Edit with a translator's tool or tools/catalogue.py (docs/architecture.md)."""


def new_catalog() -> Catalog:
    return Catalog(
        locale="vi",
        domain="techrift",
        header_comment=HEADER,
        project="TechRift",
        version="1",
        msgid_bugs_address="",
        last_translator="TechRift team",
        language_team="TechRift team",
        charset="utf-8",
        fuzzy=False,
    )


def add(catalog: Catalog, label: Label) -> str:
    """Add a label; 'added', 'same' when it is there already, or what differs (nothing is changed then)."""
    existing = catalog.get(label.en, context=label.key) or next(
        (message for message in catalog if message.context == label.key), None
    )
    if existing is None:
        catalog.add(label.en, label.vi, context=label.key, auto_comments=label.notes)
        return "added"
    if (existing.id, existing.string) == (label.en, label.vi):
        return "same"
    return f"differs: file has {existing.id!r} / {existing.string!r}, given {label.en!r} / {label.vi!r}"


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "add":
        labels = [Label(argv[1], argv[2], argv[3])]
    elif len(argv) == 2 and argv[0] == "merge-python":
        labels = python_labels(Path(argv[1]).read_text(encoding="utf-8"))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    catalog = read() if PO_FILE.exists() else new_catalog()
    outcomes = {label.key: add(catalog, label) for label in labels}
    write(catalog)
    for key, outcome in outcomes.items():
        if outcome != "same":
            print(f"{key}: {outcome}")
    return 1 if any(outcome.startswith("differs") for outcome in outcomes.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
