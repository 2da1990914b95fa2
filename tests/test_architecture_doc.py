"""docs/architecture.md's picture of the layers is tests/test_layering.py's layer list, top layer first."""

from __future__ import annotations

import re

from test_layering import LAYERS, ROOT

DOC = ROOT / "docs" / "architecture.md"


def doc_layers(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The layers drawn in the doc's first code block: `name  module, module, ...`, one per line, top first."""
    block = re.search(r"```\n(.*?)```", text, re.S)
    assert block, "docs/architecture.md has no picture of the layers"
    layers = []
    for line in block.group(1).splitlines():
        name, modules = re.split(r"\s{2,}", line.strip(), maxsplit=1)
        layers.append((name, tuple(module.strip() for module in modules.split(","))))
    return layers


def test_the_architecture_doc_draws_the_layers_the_test_enforces() -> None:
    assert doc_layers(DOC.read_text(encoding="utf-8")) == list(reversed(LAYERS))


def test_a_layer_missing_from_the_doc_is_seen() -> None:
    drawn = doc_layers("```\ntop  a, b\nbottom  c\n```\n")
    assert drawn == [("top", ("a", "b")), ("bottom", ("c",))]
    assert drawn != list(reversed(LAYERS))


def test_the_readme_links_to_it() -> None:
    assert "(docs/architecture.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
