"""The "Copy link" button on every page: it copies the view's link, the one its citation gives (techrift.citation),
to the clipboard in the browser and says so. Where the browser will not let a page write the clipboard (a page served
over plain HTTP to another machine), it shows the link in a selected text field, to copy by hand.

A components-v2 element whose JavaScript is techrift/assets/copy_link/, served by this server (no inline script: the
site's Content-Security-Policy allows only the origin's files)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import streamlit as st

from techrift.i18n import t
from techrift.ui import internals

PROJECT = "techrift"
COMPONENT = "copy_link"
NAME = f"{PROJECT}.{COMPONENT}"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
ASSET_DIR = f"assets/{COMPONENT}"


def link_data(link: str, lang: str) -> dict[str, Any]:
    """What the element's JavaScript gets: the link and its words in `lang`."""
    return {
        "link": link,
        "labels": {
            "copy": t("copy_link", lang),
            "copied": t("copy_link_copied", lang),
            "manual": t("copy_link_manual", lang),
            "help": t("copy_link_help", lang),
        },
    }


@functools.cache
def _mount() -> Any:
    return st.components.v2.component(NAME, js="copy_link.js", css="copy_link.css", isolate_styles=False)


def copy_link(link: str, lang: str, *, key: str = "copy_link") -> Any:
    """Draw the button that copies `link`."""
    internals.serve_component_assets(PROJECT, COMPONENT, PACKAGE_ROOT, ASSET_DIR)
    return _mount()(key=key, data=link_data(link, lang), width="content", height="content")
