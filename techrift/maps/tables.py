"""The institutions beside the map: the list and the detail picker."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from techrift.i18n import t

if TYPE_CHECKING:
    pass


def institutions_list(in_view: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The list beside the map: each institution's label on the map (its short name, which fits the column), city,
    recorded ties, where its point stands (on the site, or the city or district only, in words), full name last."""
    listed = in_view[["name", "city", "events"]]
    location = [t(f"location_{precision}", lang) for precision in in_view["precision"]]
    return listed.assign(on_map=in_view["short_name"], location=location)[
        ["on_map", "city", "events", "location", "name"]
    ]


def place_choices(in_view: pd.DataFrame) -> dict[str, str]:
    """The institutions in view by place id, for the detail picker."""
    return dict(zip(in_view["place_id"], in_view["name"]))
